package entities

import (
	"plenary/pipeline/doc"
	"strconv"
	"strings"
)

func (st *state) clusterPlaces() [][]int {
	// A text that names both the city ("Omsk city", "the city of Omsk",
	// "Davao City") and the region ("Omsk region", "Davao Region") contrasts
	// them: FORMAT.md keeps them apart then, and folds "X region" onto X
	// otherwise.
	cityOf, regionOf := map[string]bool{}, map[string]bool{}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace {
			continue
		}
		k := strings.ToLower(m.name)
		switch st.placeMark(m) {
		case "city":
			// "the Osh city Kenesh" names a body, not a contrast
			if m.b >= len(st.t) || !st.t[m.b].cap {
				cityOf[k] = true
			}
		case "region":
			regionOf[k] = true
		}
	}
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
		} else if m.b-m.a == 2 && st.t[m.a].cap && (st.low[m.a+1] == "federation" || st.low[m.a+1] == "republic") {
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
		k := strings.ToLower(m.name)
		if cityOf[k] && regionOf[k] {
			switch st.placeMark(m) {
			case "region":
				m.name = st.slice(m.a, m.b)
				k = strings.ToLower(m.name)
			default:
				// A capitalized "City" is part of the name ("Davao City",
				// "Quezon City"): every city mention takes it. Otherwise
				// the city keeps the bare name when the text uses it, else
				// the form written.
				if n := st.properCity(k); n != "" {
					m.name = n
				} else if st.placeMark(m) == "city" && st.low[m.b-1] == "city" && !st.bareNamed(k) {
					m.name = st.slice(m.a, m.b)
				}
			}
		}
		if m.det == rulePlaceGazetteerRegion && st.contrasted(i) {
			// "Almaty and Almaty region": the city and the region differ
			m.name = st.slice(m.a, m.b)
			k = strings.ToLower(m.name)
		}
		if o, ok := official[k]; ok {
			k = o
		}
		ci, ok := idx[k]
		if !ok {
			ci = len(out)
			idx[k] = ci
			out = append(out, nil)
		}
		out[ci] = append(out[ci], i)
		m.cluster = ci
	}
	return out
}

// placeMark tells how a place mention marks what it is: "city" for
// "X city/City" and "the city of X", "region" for "X region/oblast/state/
// province", "" for a bare name or other words.
func (st *state) placeMark(m *ment) string {
	if m.a >= 2 && st.low[m.a-2] == "city" && st.low[m.a-1] == "of" {
		return "city"
	}
	if m.b-1 <= m.a || m.b > len(st.low) {
		return ""
	}
	switch st.low[m.b-1] {
	case "city":
		return "city"
	case "region", "oblast", "state", "province":
		return "region"
	}
	return ""
}

// properCity returns the first "X City" mention of place k written with a
// capital "City" (mixed case preferred over an all-caps dateline), or "".
func (st *state) properCity(k string) string {
	found := ""
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace || strings.ToLower(m.name) != k || m.b-1 <= m.a || st.low[m.b-1] != "city" || !st.t[m.b-1].cap {
			continue
		}
		s := st.slice(m.a, m.b)
		if mixedCase(s) {
			return s
		}
		if found == "" {
			found = s
		}
	}
	return found
}

// bareNamed reports whether some place mention is the bare name k, with no
// city or region word.
func (st *state) bareNamed(k string) bool {
	for i := range st.ments {
		m := &st.ments[i]
		if m.k == kPlace && strings.ToLower(m.name) == k && m.b-m.a >= 1 && st.placeMark(m) == "" && !regionWords[st.low[m.b-1]] {
			return true
		}
	}
	return false
}

// contrastPreps may be repeated after "and" when a city and its region are
// contrasted.
var contrastPreps = map[string]bool{"in": true, "of": true, "to": true, "from": true, "for": true, "across": true, "at": true}

// contrasted reports whether the sentence of place mention i also names the
// same place bare, joined by "and" ("Almaty and Almaty region"), possibly
// with a repeated preposition and "the" ("in Minsk and in the Minsk region").
func (st *state) contrasted(i int) bool {
	m := st.ments[i]
	k := m.a - 1
	if k >= 0 && st.low[k] == "the" {
		k--
	}
	if k >= 0 && contrastPreps[st.low[k]] {
		k--
	}
	if k < 1 || st.low[k] != "and" {
		return false
	}
	for j := range st.ments {
		o := st.ments[j]
		if j != i && o.k == kPlace && o.b == k && o.name == m.name && o.det == rulePlaceGazetteer {
			return true
		}
	}
	return false
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
