package entities

import (
	"cmp"
	"plenary/pipeline/doc"
	"slices"
	"unicode"
)

func mixedCase(s string) bool {
	hasLower := false
	for _, r := range s {
		if unicode.IsLower(r) {
			hasLower = true
		}
	}
	return hasLower
}

func (st *state) span(m *ment) doc.Span {
	return doc.Span{Start: st.d.Tokens[m.a].Start, End: st.d.Tokens[m.b-1].End}
}

func (st *state) result() Result {
	var res Result
	st.confirmHeadlinePeople()
	st.bodyPeople()
	st.documentOrgNames()
	pcl := st.clusterPeople()
	ocl := st.clusterOrgs()
	lcl := st.clusterPlaces()
	if st.d.Budget.Stopped() {
		return res // the clusters may be partial; the caller drops the document
	}
	ocl = st.mergeByRole(ocl)
	outIdx := st.items(&res, pcl, ocl, lcl)
	st.mentions(&res, outIdx)
	st.resultTitles(&res, outIdx)
	return res
}

// cl is one cluster of mentions of one kind.
type cl struct {
	k     kind
	ments []int
}

// items makes the people, organizations and locations of the clusters, in
// order of first mention, and returns for each mention 1 + the index of
// its item in its table (0: none).
func (st *state) items(res *Result, pcl, ocl, lcl [][]int) []int {
	all := make([]cl, 0, len(pcl)+len(ocl)+len(lcl))
	if len(pcl) > 0 {
		res.People = make([]doc.Person, 0, len(pcl))
	}
	if len(ocl) > 0 {
		res.Organizations = make([]doc.Organization, 0, len(ocl))
	}
	if len(lcl) > 0 {
		res.Locations = make([]doc.Location, 0, len(lcl))
	}
	for _, c := range pcl {
		all = append(all, cl{kPerson, c})
	}
	for _, c := range ocl {
		all = append(all, cl{kOrg, c})
	}
	for _, c := range lcl {
		all = append(all, cl{kPlace, c})
	}
	slices.SortStableFunc(all, func(x, y cl) int { return cmp.Compare(st.ments[x.ments[0]].a, st.ments[y.ments[0]].a) })
	outIdx := make([]int, len(st.ments)) // ment -> 1 + index in its table
	for _, c := range all {
		n := 0
		switch c.k {
		case kPerson:
			res.People = append(res.People, st.makePerson(c.ments, len(res.People)))
			n = len(res.People)
		case kOrg:
			res.Organizations = append(res.Organizations, st.makeOrg(c.ments, len(res.Organizations)))
			n = len(res.Organizations)
		case kPlace:
			res.Locations = append(res.Locations, st.makePlace(c.ments, len(res.Locations)))
			n = len(res.Locations)
		}
		for _, i := range c.ments {
			outIdx[i] = n
		}
	}
	return outIdx
}

// mentions lists every mention that belongs to an item, by start.
func (st *state) mentions(res *Result, outIdx []int) {
	res.Mentions = make([]doc.Mention, 0, len(st.ments))
	for i := range st.ments {
		m := &st.ments[i]
		o := outIdx[i] - 1
		if o < 0 {
			continue
		}
		var id, typ string
		switch m.k {
		case kPerson:
			id, typ = res.People[o].ID, doc.TypePerson
		case kOrg:
			id, typ = res.Organizations[o].ID, doc.TypeOrganization
		case kPlace:
			id, typ = res.Locations[o].ID, doc.TypeLocation
		}
		sp := st.span(m)
		res.Mentions = append(res.Mentions, doc.Mention{EntityID: id, EntityType: typ, Text: st.slice(m.a, m.b), Span: sp, Sentence: st.d.SentenceOf(sp.Start), Method: m.method().ID})
	}
	slices.SortStableFunc(res.Mentions, func(x, y doc.Mention) int { return cmp.Compare(x.Start, y.Start) })
}

// resultTitles lists the titles with their holders' and bodies' indexes.
func (st *state) resultTitles(res *Result, outIdx []int) {
	if len(st.titles) > 0 {
		res.Titles = make([]Title, 0, len(st.titles))
	}
	for _, t := range st.titles {
		sp := doc.Span{Start: st.d.Tokens[t.a].Start, End: st.d.Tokens[t.b-1].End}
		out := Title{Span: sp, Text: t.text, Country: t.entry.Field(1) != "", Region: t.entry.Field(1) == "region", Refers: t.entry.Field(2),
			Person: -1, Org: -1, OrgText: t.orgText, Place: t.place, Sentence: st.d.SentenceOf(sp.Start)}
		if t.link != nil {
			out.Method = t.link.ID
		}
		if t.person >= 0 {
			out.Person = outIdx[t.person] - 1
		}
		if t.org >= 0 {
			out.Org = outIdx[t.org] - 1
		}
		res.Titles = append(res.Titles, out)
	}
}

func addAlias(aliases []string, name, a string) []string {
	if a == "" || a == name {
		return aliases
	}
	for _, x := range aliases {
		if x == a {
			return aliases
		}
	}
	return append(aliases, a)
}
