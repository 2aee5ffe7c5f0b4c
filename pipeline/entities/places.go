package entities

import (
	"plenary/pipeline/doc"
	"strconv"
	"strings"
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
		k := st.contrastName(i, cityOf, regionOf)
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
