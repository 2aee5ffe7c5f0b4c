package entities

import (
	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func (st *state) clusterPlaces() [][]int {
	cityOf, regionOf := st.cityRegionMarks()
	// a country named in its official form ("Russian Federation", "United
	// Republic of Tanzania") and by its short name ("Russia") is one place
	var official map[string]string
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace {
			continue
		}
		short := ""
		if m.det == rulePlaceOfficialCountry {
			short = m.alias
		} else if m.b-m.a == 2 && st.t[m.a].cap && demonymPolities[st.low[m.a+1]] {
			short = st.f.l.demonyms[st.low[m.a]]
		}
		if short != "" {
			if official == nil {
				official = map[string]string{}
			}
			official[strings.ToLower(short)] = strings.ToLower(m.name)
		}
	}
	idx := map[string]int{}
	var out [][]int
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace {
			continue
		}
		k := st.contrastName(i, cityOf, regionOf)
		if o, ok := official[k]; ok {
			k = o
		}
		ci, ok := idx[k]
		if !ok {
			// "Kitzbühel" and "KITZBUEHEL", "Ferghana" and "Fergana":
			// one place spelled two ways
			sk := spellingKey(k)
			if ci, ok = idx[sk]; ok {
				st.fire(rulePlaceMergeSpelling, m.a, m.b, st.ments[out[ci][0]].a, st.ments[out[ci][0]].b)
			} else {
				ci = len(out)
				idx[sk] = ci
				out = append(out, nil)
			}
			idx[k] = ci
		}
		out[ci] = append(out[ci], i)
		m.cluster = ci
	}
	return out
}

var rulePlaceMergeSpelling = rules.New(rules.StageEntities, rules.Merge, "place.merge.spelling",
	"two places whose names differ only in diacritics, a transliterated umlaut (ue, oe, ae), gh for g or a doubled letter are one place",
	"KITZBUEHEL, Austria - Snow fell. Racers stayed in [Kitzbühel] all week.")

// spellingKey folds a lower-cased place name to what stays across
// transliterations: no diacritics, umlauts written out or not, "gh" as
// "g", no doubled letters.
func spellingKey(k string) string {
	var b strings.Builder
	b.Grow(len(k))
	var prev rune
	for _, r := range norm.NFD.String(k) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch {
		case r == prev:
			continue // "Tallinn", "Tallin"
		case r == 'e' && (prev == 'u' || prev == 'o' || prev == 'a'):
			continue // "Kitzbuehel": the ü written out
		case r == 'h' && prev == 'g':
			continue // "Ferghana", "Fergana"
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func (st *state) makePlace(ms []int, n int) doc.Location {
	name := st.ments[ms[0]].name
	var aliases []string
	for _, i := range ms {
		m := st.ments[i]
		s := st.slice(m.a, m.b)
		if s != name {
			aliases = addAlias(aliases, name, s)
		}
	}
	first := &st.ments[ms[0]]
	return doc.Location{ID: "l" + strconv.Itoa(n+1), Name: name, Aliases: aliases, Mentions: len(ms), Span: st.span(first)}
}
