package entities

import (
	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
	"strings"
)

// FORMAT policy: the choices that come from the gold format rather than
// from what the text says, applied here, after detection found the words,
// so they can be read and changed together. Detection decides that
// "Almaty region" names a place; policy decides the place is reported as
// "Almaty". Each choice is a named rule of stage policy.

var (
	rulePolicyRegionFold = rules.New(rules.StagePolicy, rules.Policy, "policy.place.region-fold",
		"FORMAT: a place written with its region word (region, oblast, district...) is reported by its bare name",
		"Workers of the [Almaty region] met.")
	rulePolicyCountyWord = rules.New(rules.StagePolicy, rules.Policy, "policy.place.county-word",
		"FORMAT: a county keeps its word in its name, as the gold writes it",
		"Workers of [Borlytobe County] met.")
	rulePolicyBareCountry = rules.New(rules.StagePolicy, rules.Policy, "policy.place.bare-country",
		"FORMAT: \"Republic of X\" is reported as X, the bare country name",
		"the [Republic of Kazakhstan] -> Kazakhstan")
	rulePolicyRecase = rules.New(rules.StagePolicy, rules.Policy, "policy.place.recase",
		"a place written in capitals (a dateline) is reported as the gazetteer writes it, or with a capital at each word's start when none knows it",
		"[ASTANA], May 5 -> Astana")
	rulePolicyCityRegion = rules.New(rules.StagePolicy, rules.Policy, "policy.place.city-region-contrast",
		"FORMAT: when a text names both a city and its region, the region keeps its word and the city its name (with a capitalized City)",
		"Omsk city ... the [Omsk region] -> Omsk region")
	rulePolicyContrasted = rules.New(rules.StagePolicy, rules.Policy, "policy.place.contrasted-region",
		"FORMAT: \"X and X region\" names two places: the region keeps its word",
		"in Almaty and [Almaty region] -> Almaty region")
	ruleTitleMinisterPortfolio = rules.New(rules.StagePolicy, rules.Policy, "policy.title.minister-portfolio",
		"FORMAT: a minister's portfolio stays in the title when no ministry is named as a body",
		"[Minister of Labor and Social Protection] Anna Li")
	// RuleMinistryNamed is applied by roles, which builds the role rows.
	RuleMinistryNamed = rules.New(rules.StagePolicy, rules.Policy, "policy.role.ministry-named",
		"FORMAT: when the ministry (or department) of a minister's portfolio is named as a body, the portfolio leaves the title for the role's body",
		"The [Minister of Labor] Ann Lee met the Ministry of Labor staff.")
)

// regionName is the reported name of a place written at [a, b) whose name
// proper is [a, core): the bare name, a county with its word.
func (st *state) regionName(a, core, b int) string {
	if b == core+1 && countyWords[st.low[core]] && st.t[core].cap {
		st.fire(rulePolicyCountyWord, a, b, a, b)
		return st.placeName(a, core) + " " + st.t[core].text // "Milwaukee County"
	}
	name := st.placeName(a, core)
	if core < b {
		st.fire(rulePolicyRegionFold, a, b, a, core)
	}
	return name
}

// placeWordName is the reported name of an unknown place X before a
// region word at a+1: X, or "X County".
func (st *state) placeWordName(a int) string {
	if countyWords[st.low[a+1]] {
		st.fire(rulePolicyCountyWord, a, a+2, a, a+2)
		return st.slice(a, a+2)
	}
	st.fire(rulePolicyRegionFold, a, a+2, a, a+1)
	return st.slice(a, a+1)
}

// placeName is the bare name as written; all-caps datelines are recased
// from the gazetteer entry.
func (st *state) placeName(a, b int) string {
	if b-a > 2 && officialPrefixes[st.low[a]] && st.low[a+1] == "of" {
		st.fire(rulePolicyBareCountry, a, b, a+2, b)
		a += 2
	}
	s := st.slice(a, b)
	if st.t[a].allCaps {
		if _, e := st.match(pPlaces, a, b); e != nil {
			st.fire(rulePolicyRecase, a, b, a, b)
			return e.Key()
		}
	}
	return s
}

// extendMinister keeps a ministry's portfolio in the title when no ministry
// is named: "Minister of Labor and Social Protection".
func (st *state) extendMinister(i, n, p int) int {
	if !ministerOf[st.low[i+n-1]] || i+n >= p || (st.low[i+n] != "of" && st.low[i+n] != "for") {
		return n
	}
	j := i + n + 1
	for j < p && (st.t[j].cap || st.low[j] == "and" || st.portfolioOf(j, p)) {
		if st.f.l.heads[st.low[j]] {
			return n
		}
		if k, _ := st.match(pPlaces, j, p); k > 0 {
			break
		}
		// "Union Minister of Labour and Employment Dr. Mansukh Rao": the
		// form of address opens the name
		if k, _ := st.match(pHonorifics, j, p); k > 0 {
			break
		}
		if st.low[j] == "of" && st.low[j+1] == "the" {
			j++
		}
		j++
	}
	if j == i+n+1 {
		return n
	}
	return j - i
}

// portfolioOf reports whether "of" at j continues a portfolio and does not
// end it: "Social Protection of the Population" (an org word follows), not
// "Minister of Energy of Kazakhstan".
func (st *state) portfolioOf(j, p int) bool {
	if st.low[j] != "of" {
		return false
	}
	k := j + 1
	if k < p && st.low[k] == "the" {
		k++
	}
	return k < p && st.t[k].cap && st.f.l.orgWords[st.low[k]] && !st.f.l.heads[st.low[k]]
}

// placeMark tells how a place mention marks what it is: "city" for
// "X city/City" and "the city of X", "region" for "X region/oblast/state/
// province", "" for a bare name or other words.
func (st *state) placeMark(m *ment) string {
	if m.a >= 2 && cityMarks[st.low[m.a-2]] && st.low[m.a-1] == "of" {
		return "city"
	}
	if m.b-1 <= m.a || m.b > len(st.low) {
		return ""
	}
	switch w := st.low[m.b-1]; {
	case cityMarks[w]:
		return "city"
	case regionMarks[w]:
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
		if m.k != kPlace || strings.ToLower(m.name) != k || m.b-1 <= m.a || !cityMarks[st.low[m.b-1]] || !st.t[m.b-1].cap {
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

// cityRegionMarks collects, for the city/region contrast, the place names
// the text marks as a city ("Omsk city", "the city of Omsk", "Davao City")
// and as a region ("Omsk region", "Davao Region").
func (st *state) cityRegionMarks() (cityOf, regionOf map[string]bool) {
	cityOf, regionOf = map[string]bool{}, map[string]bool{}
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
	return cityOf, regionOf
}

// contrastName renames place mention i when the text contrasts a city and
// its region (FORMAT.md keeps them apart then, and folds "X region" onto X
// otherwise) and returns its clustering key.
func (st *state) contrastName(i int, cityOf, regionOf map[string]bool) string {
	m := &st.ments[i]
	k := strings.ToLower(m.name)
	if cityOf[k] && regionOf[k] {
		switch st.placeMark(m) {
		case "region":
			m.name = st.slice(m.a, m.b)
			k = strings.ToLower(m.name)
			st.fire(rulePolicyCityRegion, m.a, m.b, m.a, m.b)
		default:
			// A capitalized "City" is part of the name ("Davao City",
			// "Quezon City"): every city mention takes it. Otherwise
			// the city keeps the bare name when the text uses it, else
			// the form written.
			if n := st.properCity(k); n != "" {
				m.name = n
				st.fire(rulePolicyCityRegion, m.a, m.b, m.a, m.b)
			} else if st.placeMark(m) == "city" && cityMarks[st.low[m.b-1]] && !st.bareNamed(k) {
				m.name = st.slice(m.a, m.b)
				st.fire(rulePolicyCityRegion, m.a, m.b, m.a, m.b)
			}
		}
	}
	if m.det == rulePlaceGazetteerRegion && st.contrasted(i) {
		// "Almaty and Almaty region": the city and the region differ
		m.name = st.slice(m.a, m.b)
		k = strings.ToLower(m.name)
		st.fire(rulePolicyContrasted, m.a, m.b, m.a, m.b)
	}
	return k
}

// MinistryPost splits a portfolio title into the post and the body
// naming that ministry or department when the text names it (rule
// policy.role.ministry-named): "Deputy Minister of Labor and Social
// Protection" with "Ministry of Labor and Social Protection" among orgs
// gives "Deputy Minister" and that body's index; "Labor Secretary" with a
// "Department of Labor" gives "Secretary". org is -1 (and post the title)
// otherwise.
func MinistryPost(title string, orgs []doc.Organization) (post string, org int) {
	low := strings.ToLower(title)
	// "Minister of State for Labour" is a Minister of State of the
	// Ministry of Labour
	for _, sep := range []string{"minister of state for ", "minister of ", "minister for "} {
		post := len(sep) - len(" of ") // the separator's words but its last: "minister", "minister of state"
		if strings.HasSuffix(sep, " for ") {
			post = len(sep) - len(" for ")
		}
		i := strings.Index(low, sep)
		if i < 0 {
			continue
		}
		// "Minister for Labour" heads the "Ministry of Labour" too
		portfolio := low[i+len(sep):]
		for j, o := range orgs {
			names := append([]string{o.Name}, o.Aliases...)
			for _, n := range names {
				if ministryOf(strings.TrimPrefix(strings.ToLower(n), "the "), portfolio) {
					return title[:i+post], j
				}
			}
		}
		break
	}
	return portfolioFirst(title, orgs)
}

// ministryOf reports whether the body named n (lower case) is the
// ministry of portfolio: "ministry of"/"for" and the portfolio, after a
// level word at most ("federal ministry of ...") and before the country
// at most ("... of the republic of kazakhstan").
func ministryOf(n, portfolio string) bool {
	for _, body := range []string{"ministry of ", "ministry for "} {
		i := strings.Index(n, body+portfolio)
		if i < 0 || i > 0 && n[i-1] != ' ' || strings.Count(n[:i], " ") > 1 {
			continue
		}
		if rest := n[i+len(body)+len(portfolio):]; rest == "" || strings.HasPrefix(rest, " of ") {
			return true
		}
	}
	return false
}

// portfolioFirst splits a title whose portfolio comes first ("Labor
// Secretary", "Foreign Minister") when a body named "Ministry of" or
// "Department of" that portfolio is in the text ("Department of Labor and
// Employment"): the title is the post, the body its org.
func portfolioFirst(title string, orgs []doc.Organization) (post string, o int) {
	i := strings.LastIndexByte(title, ' ')
	if i <= 0 {
		return title, -1
	}
	last := strings.ToLower(title[i+1:])
	if !portfolioPosts[last] {
		return title, -1
	}
	portfolio := strings.ToLower(title[:i])
	for j, org := range orgs {
		for _, n := range append([]string{org.Name}, org.Aliases...) {
			n = strings.TrimPrefix(strings.ToLower(n), "the ")
			for _, body := range []string{"ministry of ", "department of "} {
				if rest, ok := strings.CutPrefix(n, body+portfolio); ok && (rest == "" || rest[0] == ' ' || rest[0] == ',') {
					return title[i+1:], j
				}
			}
		}
	}
	return title, -1
}
