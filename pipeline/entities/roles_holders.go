package entities

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
)

// Title-only references ("the Head of State", "the Majilis speaker", "the
// head of Chelyabinsk Region", "the governor") are resolved to the one
// person who holds the post they stand for. The rules, in the order
// holders.resolve tries them:
var (
	ruleRefRefers = rules.New(rules.StageRoles, rules.Link, "role.ref.refers",
		"a title-only reference stands for the one holder of the title titles.txt says it refers to",
		"President Askar Tokenov spoke. The [Head of State] set tasks.")
	ruleRefBody = rules.New(rules.StageRoles, rules.Link, "role.ref.body",
		"a title-only reference naming a body stands for the one person holding a post in that body, unless many hold the title there (title_seats.txt: member, deputy)",
		"Yerlan Bekov, the Chairman of the Majilis, spoke. The Majilis [speaker] noted the results.")
	ruleRefPlace = rules.New(rules.StageRoles, rules.Link, "role.ref.place",
		"a title-only reference naming a place stands for the one person holding a post of that place",
		"Governor of Chelyabinsk Region Petr Sumin spoke. Then the [head] of Chelyabinsk Region left.")
	ruleRefRegion = rules.New(rules.StageRoles, rules.Link, "role.ref.region-head",
		"a title-only reference to the head of a region or city (\"head of the region\", \"the governor\") stands for the one person heading a region or city",
		"Governor Ilya Voronin met the unions. A deputy asked the [head of the region] about the mines.")
	ruleRefPortfolio = rules.New(rules.StageRoles, rules.Link, "role.ref.portfolio",
		"a title-only reference to a portfolio stands for the one holder of that portfolio however written",
		"Mick Cash met Chris Hale, Secretary of State for transport. The [Transport Secretary] agreed.")
	ruleRefOffice = rules.New(rules.StageRoles, rules.Link, "role.ref.office",
		"a title-only \"head of state/government\" stands for the one holder of another title naming the same office (titles.txt third field: Minister-President, Premier)",
		"Minister-President Karl Becker met the unions. Saxony's [head of government] promised help.")
	ruleRefSamePost = rules.New(rules.StageRoles, rules.Link, "role.ref.same-post",
		"a title-only reference stands for the one holder of the same title or of an abbreviation standing for it",
		"Sen. Ann Ray spoke. “We will pay,” the [senator] said.")
)

// holders indexes the people who hold attached titles, for title-only
// references: by the title (folded, as strings.EqualFold compares) of the
// titles held with no body and by the title such a title abbreviates
// ("Gov." under "Governor"), by the body of the others, by the place of a
// post of a place, and the people heading a region or city. Each list is
// ordered by the holder's first mention. A scan of every holder for every
// reference made a page of references quadratic.
type holders struct {
	byPortfolio map[string][]int // "secretary|transport" for "Transport Secretary" and "Secretary of State for transport"
	w           *lexWords
	seat        func(title string) bool // a title many hold in one body (title_seats.txt)
	byTitle     map[string][]int
	byOffice    map[string][]int // the title a held post's title refers to: "prime minister" for a Minister-President
	byOrg       map[int][]int
	byPlace     map[string][]int
	region      []int
	people      []int // first mention of each person
}

func newHolders(held map[int][]Title, ents Result, lx *lexicon.Lexicon, w *lexWords) *holders {
	h := &holders{w: w, byPortfolio: map[string][]int{}, byTitle: map[string][]int{}, byOffice: map[string][]int{}, byOrg: map[int][]int{}, byPlace: map[string][]int{}, people: make([]int, len(ents.People)),
		seat: func(title string) bool { return lx != nil && lx.Has("title_seats", title) }}
	for i, p := range ents.People {
		h.people[i] = p.Start
	}
	for p, ts := range held {
		for _, t := range ts {
			if t.Org >= 0 {
				h.byOrg[t.Org] = append(h.byOrg[t.Org], p)
				continue
			}
			k := foldKey(CleanTitle(t.Text))
			h.byTitle[k] = append(h.byTitle[k], p)
			if k := w.portfolioKey(t.Text); k != "" {
				h.byPortfolio[k] = append(h.byPortfolio[k], p)
			}
			// an abbreviation's holder holds the full title ("Gov." is a
			// governor); a title that only refers to another ("Premier" to
			// a prime minister) is a post of its own
			// and so does a description of the office ("Head of State" is
			// the President)
			if t.Refers != "" && (isAbbrev(CleanTitle(t.Text)) || isOfficeDescription(t.Text)) {
				k := foldKey(t.Refers)
				h.byTitle[k] = append(h.byTitle[k], p)
			}
			if t.Refers != "" {
				k := foldKey(t.Refers)
				h.byOffice[k] = append(h.byOffice[k], p)
			}
			// only the head of a place stands for it: a deputy akim of a
			// district is not "the akim of the district"
			if w.second(t.Text) {
				continue
			}
			if t.Place != "" {
				k := foldKey(t.Place)
				h.byPlace[k] = append(h.byPlace[k], p)
			}
			if t.Region || t.Place != "" && !isCountry(lx, t.Place) {
				h.region = append(h.region, p)
			}
		}
	}
	order := func(l []int) []int {
		slices.SortFunc(l, func(a, b int) int { return cmp.Or(h.people[a]-h.people[b], a-b) })
		return slices.Compact(l) // a person holding a title twice counts once
	}
	for _, m := range []map[string][]int{h.byTitle, h.byPlace, h.byPortfolio, h.byOffice} {
		for k, l := range m {
			m[k] = order(l)
		}
	}
	for k, l := range h.byOrg {
		h.byOrg[k] = order(l)
	}
	h.region = order(h.region)
	return h
}

// isCountry reports whether place is a country in the gazetteer: the post
// of a country's president does not head a region.
func isCountry(lx *lexicon.Lexicon, place string) bool {
	if lx == nil {
		return false
	}
	e, ok := lx.Lookup("places", place)
	return ok && e.Field(1) == "country"
}

// resolve returns the one person a title-only reference t stands for, or
// -1, and the rule that decided: the one holder of what it refers to
// mentioned before it; failing one, for a reference to a title or to a
// portfolio, the one holder mentioned after it. Two or more is ambiguous.
func (h *holders) resolve(t Title) (int, *rules.Rule) {
	var l []int
	var r *rules.Rule
	switch {
	case t.Refers != "":
		// "the premier" is first the holder of "Premier", then of the
		// title it refers to
		if l, r = h.byTitle[foldKey(CleanTitle(t.Text))], ruleRefSamePost; len(l) == 0 {
			l, r = h.byTitle[foldKey(t.Refers)], ruleRefRefers
		}
		// "Saxony's head of government" after "Minister-President X"
		if len(l) == 0 && isOfficeDescription(t.Text) {
			l, r = h.byOffice[foldKey(t.Refers)], ruleRefOffice
		}
	case t.Org >= 0:
		if h.seat(CleanTitle(t.Text)) {
			return -1, nil // a body has many members: "a member of the committee"
		}
		l, r = h.byOrg[t.Org], ruleRefBody
	case t.Place != "":
		l, r = h.byPlace[foldKey(t.Place)], ruleRefPlace
	case t.Region:
		l, r = h.region, ruleRefRegion
	default:
		l, r = h.byTitle[foldKey(CleanTitle(t.Text))], ruleRefSamePost
		if k := h.w.portfolioKey(t.Text); len(l) == 0 && k != "" {
			l, r = h.byPortfolio[k], ruleRefPortfolio
		}
	}
	before, _ := slices.BinarySearchFunc(l, t.Start+1, func(p, start int) int { return h.people[p] - start })
	switch {
	case before == 1:
		return l[0], r
	case before > 1:
		return -1, nil
	case (t.Refers != "" || r == ruleRefPortfolio || r == ruleRefOffice) && len(l) == 1:
		return l[0], r
	}
	return -1, nil
}

// isOfficeDescription reports whether a title describes an office rather
// than naming a post ("Head of State", "head of the government"): it and
// the post it refers to are one office, whoever the text names first.
func isOfficeDescription(title string) bool {
	return len(title) > 8 && strings.EqualFold(title[:8], "head of ")
}

// isAbbrev reports whether a title is an abbreviation: capitals only
// ("PM", "TD") or ending with a full stop ("Gov.", "Sen.").
func isAbbrev(s string) bool {
	if strings.HasSuffix(s, ".") {
		return true
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return len(s) >= 2
}
