package entities

import (
	"plenary/pipeline/rules"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every rule that decides where an organization's name starts and ends:
// how far a run reaches because a body's name goes on, which part of a
// descriptor is the body (the "of the" cut, headline ends, plural titles,
// places peeled off, lists split at "and"), quoted names and the bodies
// named inside a body's name. Rules that reject a candidate body are in
// filters.go; how mentions of one body are joined, in orgs.go.

var (
	ruleOrgRegionOfThe = rules.New(rules.StageEntities, rules.End, "org.end.of-the-region",
		"a head followed by \"of the region/oblast/city/district\" names a body of the region the text is about",
		"[Trade Union Center of the region]")
	ruleOrgPortfolioList = rules.New(rules.StageEntities, rules.End, "org.end.portfolio-list",
		"a comma list of capitalized portfolios ending in \"and\", after a head and of/on/for, stays in the body's name",
		"The [Ministry of Digital Development, Defense and] Aerospace Industry met.")
	ruleOrgGroupWord = rules.New(rules.StageEntities, rules.End, "org.end.group-word",
		"a lower-case group word (group, faction, caucus, bloc) after one to three capitalized words after \"the\" ends a body's name",
		"the [Liberal Democrat group]")
	ruleOrgQuotedParty = rules.New(rules.StageEntities, rules.End, "org.end.quoted-party",
		"a lower-case \"party\" right after a quoted name ends the party's name",
		"the [«Nur Zholy» party]")
	ruleOrgRegionHead = rules.New(rules.StageEntities, rules.End, "org.end.region-head",
		"a lower-case head after a region word ends a body's name",
		"[Zhetysu oblast maslikhat]")
	ruleOrgHeadPreposition = rules.New(rules.StageEntities, rules.End, "org.end.head-preposition",
		"capitalized words after a head and a lower-case on/for/of complete the body's name, they are no person",
		"The Committee on [Inland Shipping] met.")
	ruleOrgConnectorName = rules.New(rules.StageEntities, rules.End, "org.end.connector-completes",
		"capitalized words after a lower-case of/the/for/on (or, with no name evidence, and) that follows a body's head are the rest of its name, not a person",
		"The Office for Democratic Institutions and [Coastal Harbours] met.")
	ruleOrgEnterprise = rules.New(rules.StageEntities, rules.End, "org.end.enterprise-noun",
		"a lower-case enterprise noun (mine, plant, factory) after one to three capitalized words ends an enterprise's name",
		"The [director of the Varna mine] spoke.")
	ruleOrgLowerHead = rules.New(rules.StageEntities, rules.End, "org.extend.lower-head",
		"lower-case unit heads and their modifiers (trade union committee, regional branch) after a capitalized word continue a body's name",
		"The [Norway trade union] of dock workers met.")
	ruleOrgSector = rules.New(rules.StageEntities, rules.End, "org.extend.sector",
		"\"of (the)\" and a short phrase ending in a sector noun (workers, industry, complex), or lower-case unit words that go on, after a head continue a body's name",
		"The [Trade Union of workers] of the coal and chemical industries met.")
	ruleOrgLowerStart = rules.New(rules.StageEntities, rules.Start, "org.start.lower-head",
		"lower-case unit heads (trade union) before \"of\", a sector phrase and \"of\" a named place start a body's name",
		"The chairman of the [trade union] of dock workers of the Varna region spoke.")
	ruleOrgDescriptor = rules.New(rules.StageEntities, rules.Detect, "org.detect.descriptor",
		"capitalized words right after a lower-case noun of a kind of body (bloc, lender, drugmaker, club), with no title and no known given name or surname, name a body",
		"Talks with the South American bloc [Mercosur] stalled.")
	ruleOrgRegionWordEnd = rules.New(rules.StageEntities, rules.End, "org.end.region-word",
		"a lower-case \"regional\" after a body's capitalized name, before a title, is the title's, not the body's",
		"[ALU] regional Director Ramon Cruz said so.")
	ruleOrgNumber = rules.New(rules.StageEntities, rules.End, "org.end.local-number",
		"a number after Local, Lodge or Chapter ends a union branch's name",
		"[Amalgamated Transit Union Local 998] voted.")
	ruleOrgNamedAfter = rules.New(rules.StageEntities, rules.End, "org.extend.named-after",
		"\"named after\" and a person's name (initials and capitalized words) after a body's head or an enterprise noun are the rest of its name",
		"The [Lakeside Mining Department named after P. K. Ostrov] met.")
	ruleOrgInRemit = rules.New(rules.StageEntities, rules.End, "org.extend.in-remit",
		"a lower-case \"in\" and capitalized common words of a field (no place, no name) after a body's name are its remit, part of the name",
		"The [Federation of Trade Unions in Education and Science] met.")
	ruleOrgLeader = rules.New(rules.StageEntities, rules.Start, "org.start.name-leader",
		"a capitalized All/Great/New before a capitalized non-head word starts a body's name when its head is singular",
		"[New Democratic Party] members met.")
)

// regionOfThe extends run [start, j) over "of the region" after a head:
// "Trade Union Center of the region" is a body of the region the text is
// about. The run ends there.
func (st *state) regionOfThe(_, j, b int) (int, bool) {
	if j+2 < b && st.low[j] == "of" && st.low[j+1] == "the" && regionRefs[st.low[j+2]] &&
		st.f.l.heads[st.low[j-1]] && (j+3 >= b || !st.t[j+3].cap) {
		return 3, true
	}
	return 0, false
}

// groupWordGrow ends a run with a political group named by its party or
// colour: "the Green group", "the Liberal Democrat group" is a body, not a
// person.
func (st *state) groupWordGrow(start, j, _ int) (int, bool) {
	if groupWords[st.low[j]] && !st.t[j].cap && st.groupName(start, j) && (j+1 >= len(st.t) || !st.t[j+1].cap) {
		return 1, true
	}
	return 0, false
}

// headPreposition reports whether the words from p on follow a body's head
// and a lower-case preposition ("Committee on Inland Shipping", "Fund for
// Rural Schools"): they complete its name.
func (st *state) headPreposition(a, p int) bool {
	return p-1 > a && !st.t[p-1].cap && (st.low[p-1] == "on" || st.low[p-1] == "for" || st.low[p-1] == "of") && st.f.l.heads[st.low[p-2]]
}

// localNumber ends a run with the number of a union's branch after
// "Local", "Lodge" or "Chapter": "Amalgamated Transit Union Local 998".
func (st *state) localNumber(start, j, _ int) (int, bool) {
	if !isNumber(st.low[j]) || !numberLeads[st.low[j-1]] || !st.t[j-1].cap {
		return 0, false
	}
	if j-1 > start {
		// "Unifor Local 444": a union's branch by its number is a body
		// whatever the name before it
		st.t[j-1].gram, st.t[j].gram = true, true
	}
	return 1, true
}

// enterpriseGrow ends a run with a lower-case enterprise noun after one to
// three capitalized words that hold no head or title: "the Saran mine".
func (st *state) enterpriseGrow(start, j, _ int) (int, bool) {
	if st.t[j].cap || !enterprises[st.low[j]] {
		return 0, false
	}
	c := j
	for c > start && st.t[c-1].cap && st.t[c-1].word && !st.t[c-1].quote {
		if st.t[c-1].has(fHead | fTitleWord | fStop) {
			return 0, false
		}
		c--
	}
	if c == j || j-c > 3 || c > start && !connectors[st.low[c-1]] {
		return 0, false
	}
	st.t[j].gram = true
	return 1, true
}

// lowerUnit returns the end of lower-case unit words at j, modifiers then
// at least one head ("trade union committee", "regional branch"), up to
// four words; j when there are none. The last word is a head.
func (st *state) lowerUnit(j, b int) int {
	e := j
	for k := j; k < b && k < j+4; k++ {
		t := &st.t[k]
		if t.cap || !t.word {
			break
		}
		u := unitWords[t.low]
		if u == 0 {
			break
		}
		if u&unitHead != 0 {
			e = k + 1
		}
	}
	return e
}

// lowerHeadGrow continues a run whose last word is a place or a body's
// word over lower-case unit words: "Kazakhstan trade union", "Trade union
// center", "Ulytau regional branch" (not "Arab trade union leaders"). Two
// words or more, or one before "of".
func (st *state) lowerHeadGrow(_, j, b int) (int, bool) {
	// no unit word after the run (most runs): nothing to grow over, and
	// no need to ask the gazetteers about the run's end
	e := st.lowerUnit(j, b)
	if e == j {
		return 0, false
	}
	p := &st.t[j-1]
	regional := !p.cap && regionWords[p.low] && st.placeEndsAt(j-1) // "Ulytau regional branch"
	if !regional && (!p.cap || !p.word || p.quote || p.has(fDemonym) || !(p.has(fOrgWord) || st.placeEndsAt(j))) {
		return 0, false
	}
	if e-j < 2 && !st.ofGoesOn(e, b) {
		return 0, false
	}
	for k := j; k < e; k++ {
		st.t[k].gram = true
	}
	return e - j, false
}

// ofGoesOn reports whether "of" at e goes on with a name or a sector
// phrase: "branch of the Union", "branch of workers", not "association of
// trade unions".
func (st *state) ofGoesOn(e, b int) bool { return st.ofGoesOnDepth(e, b, 3) }

// ofGoesOnDepth is ofGoesOn looking through at most depth lower-case units
// ("of the trade union of workers"), so a long chain costs no more.
func (st *state) ofGoesOnDepth(e, b, depth int) bool {
	if e+1 >= b || st.low[e] != "of" || depth == 0 {
		return false
	}
	k := e + 1
	if st.low[k] == "the" && k+1 < b {
		k++
	}
	if st.t[k].cap && st.t[k].word || st.sectorPhrase(e, b) > 0 {
		return true
	}
	u := st.lowerUnit(k, b)
	return u > k && st.ofGoesOnDepth(u, b, depth-1)
}

// placeEndsAt reports whether a place of a gazetteer ends right before j.
func (st *state) placeEndsAt(j int) bool {
	for i := max(0, j-3); i < j; i++ {
		if n, _ := st.match(pPlaces, i, j); i+n == j && n > 0 {
			return true
		}
		if _, ok := st.geoName(i, j, false); ok {
			return true
		}
	}
	return false
}

// sectorGrow continues a run that ends in a head over "of (the)" and a
// short sector phrase ending in a sector noun: "Trade Union of workers",
// "... of the mining and metallurgical complex".
func (st *state) sectorGrow(start, j, b int) (int, bool) {
	if st.sectorEnd(start, j) {
		st.t[j].gram = true
		return 1, true
	}
	h := st.low[j-1]
	if st.low[j] != "of" || st.t[j].cap || !(st.f.l.heads[h] || unitHeads[h] || sectorNouns[h]) {
		return 0, false
	}
	e := st.sectorPhrase(j, b)
	if e == 0 {
		e = st.ofLowerUnit(j, b)
	}
	if e == 0 && memberNouns[h] {
		e = st.fieldPhrase(j, b)
	}
	if e == 0 {
		return 0, false
	}
	for k := j; k < e; k++ {
		st.t[k].gram = true
	}
	return e - j, false
}

// fieldPhrase returns the end of "of (the) F (and F)" at j after the
// workers of a union's name, F lower-case words of a field of work, when
// the phrase closes there (the sentence's end, punctuation, or "of"/"in"
// going on to a place): "trade union of workers of education and
// science.", "... of workers of culture, ..."; 0 when none. A verb after
// the phrase ("of health care met") cannot be told from a field's word, so
// the phrase must close.
func (st *state) fieldPhrase(j, b int) int {
	k := j + 1
	if k < b && st.low[k] == "the" {
		k++
	}
	e, words := k, 0
	for ; e < b && e < k+6; e++ {
		t := &st.t[e]
		if st.low[e] == "and" || st.low[e] == "," {
			if words == 0 || e+1 >= b || st.t[e+1].cap || !st.t[e+1].word {
				break
			}
			continue
		}
		if !t.word || t.cap || t.quote || t.poss || t.has(fStop) || isNumber(st.low[e]) {
			break
		}
		words++
	}
	for e > k && (st.low[e-1] == "and" || st.low[e-1] == ",") {
		e--
	}
	if words == 0 || e == k {
		return 0
	}
	if e < b && st.t[e].word && !(geoPreps[st.low[e]] || st.low[e] == "of") {
		return 0 // the phrase goes on with other words: it may hold a verb
	}
	return e
}

// ofLowerUnit returns the end of "of (the)" and lower-case unit words at j
// that go on with a name or a sector phrase: "organization of the trade
// union of workers"; 0 when there are none.
func (st *state) ofLowerUnit(j, b int) int {
	k := j + 1
	if k < b && st.low[k] == "the" {
		k++
	}
	e := st.lowerUnit(k, b)
	if e == k || !st.ofGoesOn(e, b) {
		return 0
	}
	return e
}

// sectorEnd reports whether the lower-case sector noun at j ends a sector
// phrase of capitalized words after a head's "of": "Trade Union of workers
// of Electric Power Industry and Electrotechnical industry".
func (st *state) sectorEnd(start, j int) bool {
	if st.t[j].cap || !sectorNouns[st.low[j]] || !st.t[j-1].cap {
		return false
	}
	for k := j - 1; k > start && k >= j-8; k-- {
		if st.low[k] == "of" && !st.t[k].cap {
			return st.hasHead(start, k)
		}
	}
	return false
}

// sectorPhrase returns the end of "of (the) W ... S" at j, where S is a
// sector noun and W are up to five words (lower-case or capitalized, "and"
// between): "of energy workers", "of the coal and chemical industries",
// "of Electric Power Industry and Electrotechnical industry"; 0 when none.
func (st *state) sectorPhrase(j, b int) int {
	k := j + 1
	if k < b && st.low[k] == "the" {
		k++
	}
	for e := k; e < b && e < k+6; e++ {
		t := &st.t[e]
		if !t.word || t.quote || t.poss || t.has(fStop) && st.low[e] != "and" {
			return 0
		}
		if sectorNouns[t.low] && (e+1 >= b || st.low[e+1] != "and") {
			return e + 1
		}
	}
	return 0
}

// lowerBodyStart returns the length of lower-case unit words at i that
// start a body's name, up to the "of" after them, when a sector phrase and
// "of (the)" a capitalized name follow ("trade union of energy workers of
// the Pavlodar region"); 0 when none. A unit of a named body ("legal
// department of the Federation") is left out: the gold lists some and not
// others.
func (st *state) lowerBodyStart(i, b int) int {
	if st.t[i].cap || i > 0 && st.t[i-1].cap && st.t[i-1].word {
		return 0
	}
	e := st.lowerUnit(i, b)
	if e == i || e+1 >= b || st.low[e] != "of" {
		return 0
	}
	k := e + 1
	if k < b && st.low[k] == "the" {
		k++
	}
	if s := st.sectorPhrase(e, b); s > 0 && s+2 < b && st.low[s] == "of" && (st.t[s+1].cap || st.low[s+1] == "the" && st.t[s+2].cap) {
		st.markLower(i, e)
		return e - i
	}
	if st.ofChainNamed(e, b, 4, false) || st.unionAtFirm(i, e, b) {
		st.markLower(i, e)
		return e - i
	}
	return 0
}

// unionAtFirm reports whether the lower-case unit [i, e) is a trade union's
// unit ("trade union committee", "primary trade union organization") and
// "of" a firm's name closed by its legal form follows: "trade union
// committee of Saryarka Coal JSC" is the union body at that firm.
func (st *state) unionAtFirm(i, e, b int) bool {
	union := false
	for k := i; k < e; k++ {
		union = union || st.low[k] == "union"
	}
	if !union || e+2 >= b || st.low[e] != "of" {
		return false
	}
	k := e + 1
	for k < b && k < e+6 && st.t[k].cap && st.t[k].word && !isLegalForm(st.low[k]) {
		k++
	}
	return k > e+1 && k < b && isLegalForm(st.low[k])
}

// ofChainNamed reports whether "of (the)" at e starts a chain of lower-case
// units and sector phrases, each joined by "of", that ends in "of (the)" and
// a capitalized name: "of the trade union of workers of the mining and
// metallurgical complex of the Ulytau region". named says a unit has been
// crossed already; a bare "of the Region" right after the first unit is
// left to the lower-case unit rules (units of a named body: the gold lists
// some and not others).
func (st *state) ofChainNamed(e, b, depth int, named bool) bool {
	if depth == 0 || e+1 >= b || st.low[e] != "of" || st.t[e].cap {
		return false
	}
	k := e + 1
	if st.low[k] == "the" && k+1 < b {
		k++
	}
	if st.t[k].cap && st.t[k].word {
		return named
	}
	if s := st.sectorPhrase(e, b); s > 0 {
		return st.ofChainNamed(s, b, depth-1, true)
	}
	if u := st.lowerUnit(k, b); u > k {
		return st.ofChainNamed(u, b, depth-1, true)
	}
	return false
}

// inRemitGrow continues a body's name over "in" and a field of capitalized
// common words joined by "and" or commas ("Federation of Trade Unions in
// Education and Science"); a place after "in" says where the body is, not
// what it does ("the Union in Kazakhstan").
func (st *state) inRemitGrow(start, j, b int) (int, bool) {
	if st.low[j] != "in" || st.t[j].cap || j+1 >= b || !st.hasHead(start, j) {
		return 0, false
	}
	e, words := j+1, 0
	for k := j + 1; k < b && k < j+8; k++ {
		t := &st.t[k]
		if (st.low[k] == "and" || st.low[k] == ",") && words > 0 {
			continue
		}
		if !t.cap || !t.word || t.quote || !t.has(fCommon|fOrgWord) || t.has(fGiven|fSurname|fTitleWord|fStop|fDemonym) {
			break
		}
		if n, _ := st.match(pPlaces, k, b); n > 0 {
			return 0, false
		}
		if _, ok := st.geoName(k, k+1, false); ok {
			return 0, false
		}
		words++
		e = k + 1
	}
	if words == 0 || e < b && st.t[e].cap {
		return 0, false
	}
	for k := j; k < e; k++ {
		st.t[k].gram = true
	}
	return e - j, false
}

// eponymLen returns the length of "named after NAME" at j, NAME initials
// and capitalized words ending in a capitalized word ("named after S. M.
// Kirov", "named after Abai"); 0 when there is none.
func (st *state) eponymLen(j, b int) int {
	if j+2 >= b || !eponymVerbs[st.low[j]] || !eponymPreps[st.low[j+1]] || st.t[j].cap {
		return 0
	}
	e := 0
	for k := j + 2; k < b && k < j+8; k++ {
		t := &st.t[k]
		if !t.cap || t.quote {
			break
		}
		if t.word && !t.initial && !t.allCaps {
			e = k + 1
		}
	}
	if e == 0 {
		return 0
	}
	return e - j
}

// eponymGrow continues a run that ends in a head or an enterprise noun over
// "named after" and a person's name: "Production Department named after H.
// Z. Taghiyev".
func (st *state) eponymGrow(start, j, b int) (int, bool) {
	p := &st.t[j-1]
	if !(st.f.l.heads[st.low[j-1]] || p.gram && (enterprises[st.low[j-1]] || unitHeads[st.low[j-1]])) {
		return 0, false
	}
	n := st.eponymLen(j, b)
	if n == 0 {
		return 0, false
	}
	for k := j; k < j+n; k++ {
		st.t[k].gram = true
	}
	return n, true
}

// eponymIn reports whether run [a, b) holds a body's "named after" (marked
// by eponymGrow or eponymStart): the person named after it is the body's
// name, no person of the text.
func (st *state) eponymIn(a, b int) bool {
	for k := a + 1; k+1 < b; k++ {
		if st.t[k].gram && st.t[k+1].gram && eponymVerbs[st.low[k]] && eponymPreps[st.low[k+1]] {
			return true
		}
	}
	return false
}

// eponymStart starts a body's name at a lower-case enterprise noun right
// before "named after" a person: "the mine named after S. M. Kirov".
func (st *state) eponymStart(i, b int) int {
	if st.t[i].cap || !enterprises[st.low[i]] || st.eponymLen(i+1, b) == 0 {
		return 0
	}
	st.t[i].gram = true
	st.fire(ruleOrgNamedAfter, i, i+1, i, i+1)
	return 1
}

// markLower marks [i, e) as words of a body's name and records the start.
func (st *state) markLower(i, e int) {
	for k := i; k < e; k++ {
		st.t[k].gram = true
	}
	st.fire(ruleOrgLowerStart, i, e, i, e)
}

// descriptorBody reads run [a, b) as a body's name when a lower-case noun
// of a kind of body stands right before it ("the bloc Mercosur", "drugmaker
// Alpenmed", "rail company Adif") and nothing in it speaks for a person or a
// place: no title, no known given name or surname, no gazetteer place.
func (st *state) descriptorBody(a, b int) (part, bool) {
	if a == 0 || st.t[a-1].cap || !orgDescriptors[st.low[a-1]] || !st.t[a].cap {
		return part{}, false
	}
	for k := a; k < b; k++ {
		t := &st.t[k]
		if t.quote || t.has(fGiven|fSurname|fTitleWord|fDemonym) || t.initial || st.isTitleStart(k) {
			return part{}, false
		}
	}
	if n, _ := st.match(pPlaces, a, b); n > 0 {
		return part{}, false
	}
	if _, ok := st.geoName(a, b, true); ok {
		return part{}, false
	}
	m := ment{k: kOrg, a: a, b: b, name: st.slice(a, b), det: ruleOrgDescriptor}
	st.ments = append(st.ments, m)
	st.fire(m.det, a, b, a, b)
	return part{k: 'o', a: a, b: b, ment: len(st.ments) - 1}, true
}

// connectorCompletes reports whether the name words from p on, after a
// lower-case connector, finish a body's name begun in [a, p): "Committee
// of the Milli Majlis", "Office for Democratic Institutions and Human
// Rights". After "and" a name with evidence of a person's (strong) is a
// person joined to the body.
func (st *state) connectorCompletes(a, p int, strong bool) bool {
	c := p - 1
	if c <= a || st.t[c].cap || !st.t[c].has(fConnector) {
		return false
	}
	switch st.low[c] {
	case "of", "the", "for", "on":
	case "and":
		if strong {
			return false
		}
	default:
		return false
	}
	for c > a && st.t[c-1].has(fConnector) && !st.t[c-1].cap {
		c--
	}
	return st.hasHead(a, c) && !st.titleEndsAt(a, c)
}

// leader reports whether the name leader at i begins a body's name: written
// in Title Case, a capitalized word that is no head follows ("New
// Government" is a new government), and the first head word after it is
// singular ("All Trade Unions" is every union).
func (st *state) leader(i, end int) bool {
	t := st.t[i]
	if !nameLeaders[t.low] || !t.cap || t.allCaps || t.poss || i+1 >= end {
		return false
	}
	n := st.t[i+1]
	if !n.cap || !n.word || n.quote || n.has(fStop|fHead) || st.unitAtTitle(i+1, end) > 0 {
		return false
	}
	l := st.f.l
	for j := i + 1; j < end && j < i+9; j++ {
		w := st.t[j]
		if w.cap && l.heads[w.low] {
			sg := singular(w.low)
			return sg == w.low || !l.heads[sg]
		}
		if w.poss || !(w.cap && w.word || w.has(fConnector) || w.ppos) {
			return false
		}
	}
	return false
}

// quotedParty reports whether token j is a lower-case "party" right after a
// quoted name: "the «Nur Zholy» party" names the party in the quotes.
func (st *state) quotedParty(j int) bool {
	return j > 1 && partyWords[st.low[j]] && !st.t[j].cap && st.t[j-1].quote && st.t[j-2].word
}

// groupName reports whether the capitalized words right before the group
// word at j are one to three, follow "the" (or open the run at the sentence
// start) and hold no title: "the Liberal Democrat group", "for the Green
// group", not "Tom Hart group" nor "the Chairman group".
func (st *state) groupName(start, j int) bool {
	c := j - 1
	for c > start && st.t[c-1].cap && st.t[c-1].word {
		c--
	}
	if j-c > 3 || !st.t[j-1].cap || !st.t[j-1].word {
		return false
	}
	for i := c; i < j; i++ {
		if st.t[i].has(fTitleWord) || st.t[i].has(fGiven) {
			return false
		}
	}
	if c == 0 || st.d.Tokens[c-1].Sentence != st.d.Tokens[c].Sentence {
		return true
	}
	return st.low[c-1] == "the" || st.low[c-1] == "a"
}

// portfolioWord reports whether token k may be a word of a portfolio in a
// list: capitalized, no quote, no given name or surname, no title.
func (st *state) portfolioWord(k int) bool {
	t := &st.t[k]
	if !t.cap || !t.word || t.quote || t.initial {
		return false
	}
	if t.has(fOrgWord) {
		return true
	}
	return !t.has(fGiven | fSurname | fTitleWord | fStop)
}

// portfolioList returns the length of ", Word ... and Word ..." continuing
// run [start, j) that names a ministry or committee "of" a list of
// portfolios; 0 when the comma does not continue the name.
func (st *state) portfolioList(start, j, b int) (int, bool) {
	return st.portfolioListLen(start, j, b), false
}

func (st *state) portfolioListLen(start, j, b int) int {
	if st.low[j] != "," {
		return 0
	}
	of := -1
	for i := start; i < j; i++ {
		if portfolioPreps[st.low[i]] && !st.t[i].cap && i > start && st.f.l.heads[st.low[i-1]] {
			of = i
		}
	}
	if of < 0 {
		return 0
	}
	for i := of + 1; i < j; i++ {
		if !st.t[i].cap && st.low[i] != "and" {
			return 0
		}
	}
	// capitalized words after each comma, then "and", then a capitalized
	// word; none a place ("the Council of Europe, France and Germany"
	// lists three)
	k := j
	for k < b && st.low[k] == "," {
		k0 := k + 1
		for k = k0; k < b && st.portfolioWord(k); k++ {
			if n, _ := st.match(pPlaces, k, b); n > 0 {
				return 0
			}
		}
		if k == k0 {
			return 0
		}
	}
	if k+1 >= b || st.low[k] != "and" || !st.t[k+1].cap {
		return 0
	}
	if n, _ := st.match(pPlaces, k+1, b); n > 0 {
		return 0
	}
	return k + 1 - j
}

// pluralTitleAfterBody reports whether token i is a plural title right
// after an acronym or a head that starts segment [a, i): "BJD MLAs" names
// the party's members, whose body is the BJD.
func (st *state) pluralTitleAfterBody(a, i int) bool {
	t, prev := &st.t[i], &st.t[i-1]
	if !t.cap || i-a > 2 || !(prev.allCaps && !prev.initial || prev.cap && prev.has(fHead)) {
		return false
	}
	for k := a; k < i; k++ {
		if st.t[k].has(fConnector) {
			return false
		}
	}
	w := st.low[i]
	sg := singular(w)
	if sg == w && len(t.text) >= 3 && t.text[len(t.text)-1] == 's' && strings.ToUpper(t.text[:len(t.text)-1]) == t.text[:len(t.text)-1] {
		sg = w[:len(w)-1] // "MPs"
	}
	return sg != w && st.f.l.titleWords[sg] && !st.f.l.heads[w]
}

// splitAnd splits "X Council and the Y Forum" into two bodies when both
// sides have a head of their own, appending their parts to dst.
func (st *state) splitAnd(dst []part, a, b int) []part {
	// the last "and" first: in "Ministry of Labour and Employment and the
	// Social Security Fund" the first "and" joins two portfolios
	for i := b - 2; i > a; i-- {
		if st.low[i] != "and" || st.t[i].cap {
			continue
		}
		j := i + 1
		for j < b && connectors[st.low[j]] {
			j++
		}
		leftBody := j < b && st.isOrg(a, i) && st.bodyAlone(a, i)
		if leftBody && !st.nameComplete(a, i) {
			st.fire(ruleOrgAndIncomplete, a, b, a, b)
			continue // "Senate Education and Employment Committee": one name
		}
		if out, ok := st.andName(dst, a, i, j, b, leftBody); ok {
			return out
		}
		if leftBody && st.placeAfterAnd(a, i, j, b) {
			return st.splitAt(dst, a, i, j, b, ruleOrgAndPlace)
		}
		if leftBody && st.isOrg(j, b) && st.bodyAlone(j, b) && (j > i+1 || st.nameComplete(j, b)) {
			if st.headlessOf(j, b) {
				st.fire(ruleOrgAndHeadlessOf, a, b, a, b)
				continue
			}
			if st.sharedName(a, i, j, b) {
				st.fire(ruleOrgSharedName, a, b, a, b)
				continue
			}
			return st.splitAt(dst, a, i, j, b, ruleOrgSplitAnd)
		}
	}
	return dst
}

// headlessOf reports whether [j, b), the words after an "and", are
// capitalized words with no head and no acronym up to a lower-case "of"
// that goes on: "Labour Migration of the Jogorku Kenesh" names no body of
// its own, it continues a remit ("Committee for Social Policy and Labour
// Migration of the ..."); the body after "of" is found as a nested name.
func (st *state) headlessOf(j, b int) bool {
	for k := j; k < b; k++ {
		t := &st.t[k]
		if st.low[k] == "of" && !t.cap {
			return k > j && k+1 < b
		}
		if !t.cap || t.allCaps || t.has(fHead) || st.f.l.heads[st.low[k]] || st.knownOrg(k, b) > 0 {
			return false
		}
	}
	return false
}

// splitAt classifies [a, i) and [j, b) apart, by rule r.
func (st *state) splitAt(dst []part, a, i, j, b int, r *rules.Rule) []part {
	n0 := len(dst)
	st.fire(r, a, b, a, i)
	st.segCut = nil
	out := st.segment(st.segment(dst, a, i), j, b)
	st.markBy(out[n0:], r)
	return out
}

// andName splits "W and Body" and "Body and W", W one unknown capitalized
// word, into two bodies (org.split.and-name); ok is false when neither
// applies. leftBody says [a, i) names a body alone.
func (st *state) andName(dst []part, a, i, j, b int, leftBody bool) ([]part, bool) {
	if j != i+1 {
		return dst, false
	}
	wa, wb := -1, -1
	switch {
	case i == a+1 && st.nameAndBody(a, j, b):
		wa, wb = a, a+1
	case j+1 == b && leftBody && st.orgEvidenceEnd(a, i) == i && st.unknownName(j):
		wa, wb = j, b
	default:
		return dst, false
	}
	n0 := len(dst)
	st.fire(ruleOrgAndName, a, b, wa, wb)
	st.segCut = nil
	m := ment{k: kOrg, a: wa, b: wb, name: st.slice(wa, wb), det: ruleOrgAndName}
	out := dst
	if wa == j {
		out = st.segment(out, a, i)
	}
	st.ments = append(st.ments, m)
	out = append(out, part{k: 'o', a: wa, b: wb, ment: len(st.ments) - 1})
	if wa == a {
		out = st.segment(out, j, b)
	}
	st.markBy(out[n0:], ruleOrgAndName)
	return out, true
}

// nameComplete reports whether [a, b) could end a body's name: it ends in
// its evidence (a head, an acronym, a known body, a legal form, a quoted
// name), or a head stands before a lower-case of/on/for in it ("Ministry
// of Labour"). "Senate Education" is not: its head comes later.
func (st *state) nameComplete(a, b int) bool {
	e := b
	for e > a && (st.t[e-1].quote || st.low[e-1] == ".") {
		e--
	}
	if e < b && st.t[b-1].quote {
		return true // a quoted name
	}
	if e > a && (st.orgEvidenceEnd(a, e) == e || isLegalForm(st.low[e-1])) {
		return true
	}
	for k := a + 1; k < e; k++ {
		if portfolioPreps[st.low[k]] && !st.t[k].cap && st.f.l.heads[st.low[k-1]] {
			return true
		}
	}
	return false
}

// nameAndBody reports whether "W and [j, b)" joins one unknown capitalized
// word W at a to a body of three words or more ending in its head or legal
// form: "Stankomash and Chelyabinsk Mechanical Plant", "Unifor and Ford
// Motor Co." name two bodies (not "Marks and Spencer Group": two words).
func (st *state) nameAndBody(a, j, b int) bool {
	e := b
	for e > j && st.low[e-1] == "." {
		e--
	}
	if e-j < 3 || !st.t[j].cap || !st.nameComplete(j, e) || !st.hasHead(j, e) {
		return false
	}
	return st.unknownName(a)
}

// unknownName reports whether token a is a capitalized word no list knows:
// no function or body word, no title, no name, no common word, no place.
func (st *state) unknownName(a int) bool {
	t := &st.t[a]
	if !t.cap || !t.word || t.allCaps || t.quote || t.has(fStop|fOrgWord|fHead|fTitleWord|fDemonym|fGiven|fSurname|fSurnameEnd|fCommon|fNameLike) {
		return false
	}
	if _, ok := st.geoName(a, a+1, true); ok {
		return false
	}
	return !st.curatedPlace(a, a+1) && st.knownOrg(a, a+1) == 0
}

// placeAfterAnd reports whether [j, b) after "and" at i is a place of the
// gazetteer by itself and the body [a, i) before it ends in no place: "the
// European Commission and Germany", not "the Union of Belarus and Russia".
func (st *state) placeAfterAnd(a, i, j, b int) bool {
	if !st.nameComplete(a, i) || j != i+1 || !st.t[j].cap {
		return false
	}
	if n, _ := st.match(pPlaces, j, b); n != b-j {
		if _, ok := st.geoName(j, b, false); !ok {
			return false
		}
	}
	for k := a; k < i; k++ {
		if n, _ := st.match(pPlaces, k, i); k+n == i && n > 0 {
			return false
		}
	}
	return true
}

// sharedName reports whether "[a, i) and [j, b)" is one body's name that
// joins two services under one place or proper name: "Townsville Hospital
// and Health Service", "Lakeside Fire and Rescue Service". The second part
// follows "and" directly, is only generic capitalized words (heads and
// body words) and ends in another head than the first; the first starts
// with a proper word.
func (st *state) sharedName(a, i, j, b int) bool {
	l := st.f.l
	if j != i+1 || b-j < 2 {
		return false
	}
	for k := j; k < b; k++ {
		if !st.t[k].cap || st.t[k].allCaps || !(l.heads[st.low[k]] || l.orgWords[st.low[k]]) {
			return false
		}
	}
	f := st.t[a]
	if !f.cap || f.allCaps || f.has(fStop|fOrgWord|fHead|fTitleWord|fDemonym) {
		return false
	}
	return st.low[i-1] != st.low[b-1]
}

// bodyAlone reports whether [a, b) names a body by itself: it has a head
// word or is one acronym ("the GUAW and the FTURK").
func (st *state) bodyAlone(a, b int) bool {
	if b-a == 1 && st.t[a].allCaps && !st.t[a].initial && !st.allCapsSentence(a) && len(st.t[a].text) >= 2 {
		return true
	}
	return st.hasHead(a, b)
}

func (st *state) hasHead(a, b int) bool {
	for i := a; i < b; i++ {
		if st.knownOrg(i, b) > 0 {
			return true
		}
		if n := st.placeSpan(i, b); n > 0 {
			i += n - 1
			continue
		}
		if st.f.l.heads[st.low[i]] || st.t[i].gram && (unitHeads[st.low[i]] || enterprises[st.low[i]] || numberLeads[st.low[i]]) {
			return true
		}
	}
	return false
}

// placeSpan returns the length of a gazetteer place of two or more words at
// i: a head word inside it ("Russian Federation") names a country, not a
// body. A known organization at i ("European Union") is left to knownOrg.
func (st *state) placeSpan(i, b int) int {
	if !st.t[i].cap {
		return 0
	}
	if n, _ := st.match(pPlaces, i, b); n >= 2 && st.knownOrg(i, b) == 0 {
		return n
	}
	return 0
}

func (st *state) knownOrg(i, b int) int {
	n, _ := st.match(pOrgs, i, b)
	return n
}

// domain reports whether token text s is a web address: a listed ending
// (isDomain), or a country's code written in lower case after a name of
// two letters or more ("kavkazwire.ge", "gov.kz").
func (l *lex) domain(s string) bool {
	if strings.IndexByte(s, '.') < 0 {
		return false // neither test below passes a word without a dot (most words)
	}
	if isDomain(s) {
		return true
	}
	s = strings.TrimSuffix(s, ".")
	k := strings.LastIndexByte(s, '.')
	if k < 2 || k+3 != len(s) || strings.ContainsAny(s, "@/ ") || strings.ToLower(s[k:]) != s[k:] {
		return false
	}
	for _, r := range s[:k] {
		if !(r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return l.ccTLDs[s[k:]]
}

func isDomain(s string) bool {
	if strings.IndexByte(s, '.') < 0 {
		return false
	}
	s = strings.TrimSuffix(strings.ToLower(s), ".")
	for _, tld := range tlds {
		if strings.HasSuffix(s, tld) && len(s) > len(tld)+1 {
			return true
		}
	}
	return false
}

// isOrg reports whether segment [a, b) names an organization.
func (st *state) isOrg(a, b int) bool {
	l := st.f.l
	for i := a; i < b; i++ {
		t := st.t[i]
		if n := st.placeSpan(i, b); n > 0 {
			i += n - 1
			continue
		}
		if l.heads[t.low] && (t.cap || (i > a && regionWords[st.low[i-1]])) || t.gram && (unitHeads[t.low] || enterprises[t.low] || numberLeads[t.low]) {
			return true
		}
		if i > a && i == b-1 && !t.cap && groupWords[t.low] {
			return true // "Green group": the run was extended over it
		}
		if i > a && i == b-1 && st.quotedParty(i) {
			return true
		}
		if st.knownOrg(i, b) > 0 && t.cap {
			return true
		}
		if t.allCaps && !t.initial && utf8.RuneCountInString(t.text) >= 2 && !st.allCapsSentence(i) {
			// "CITY", "REGION" in an all-caps dateline are place words, not acronyms.
			if n, _ := st.match(pPlaces, i, i+1); n == 0 && !l.titleWords[t.low] && !regionWords[t.low] {
				if _, ok := l.demonyms[t.low]; !ok && !romanNumeral(t.text) {
					return true
				}
			}
		}
		if l.domain(t.text) {
			return true
		}
	}
	return false
}

// orgEvidenceEnd returns the end of the last word in [a, b) that isOrg
// takes as evidence of a body: a head, a known organization, an acronym, a
// domain. It is b when none is found (isOrg said there is one).
func (st *state) orgEvidenceEnd(a, b int) int {
	l := st.f.l
	e := a
	for i := a; i < b; i++ {
		t := st.t[i]
		if n := st.placeSpan(i, b); n > 0 {
			i += n - 1
			continue
		}
		if n := st.knownOrg(i, b); n > 0 && t.cap {
			e = max(e, i+n)
		}
		if (l.heads[t.low] && t.cap) || l.domain(t.text) ||
			(t.allCaps && !t.initial && utf8.RuneCountInString(t.text) >= 2 && !romanNumeral(t.text) && !l.titleWords[t.low]) {
			e = max(e, i+1)
		}
	}
	if e == a {
		return b
	}
	return e
}

// orgPart records an organization mention for segment [a, b). A quoted name
// after a generic descriptor ("public association “Organization of
// Veterans”") is the name when it has a head of its own; after a legal form
// the form stays ("LLP Munayfield Service", "Kezbi LLP").
func (st *state) orgPart(a, b int) part {
	l := st.f.l
	// drop a leading demonym only when it is not all there is
	m := ment{k: kOrg, a: a, b: b, det: ruleOrgHead, by: st.boundaryRule(a, b)}
	qa, qb := -1, -1
	for i := a; i < b; i++ {
		if st.t[i].quote {
			if qa < 0 {
				qa = i
			} else {
				qb = i
				break
			}
		}
	}
	name := st.slice(a, b)
	if qa >= 0 && qb > qa+1 {
		inner := st.slice(qa+1, qb)
		innerHead := false
		for i := qa + 1; i < qb; i++ {
			if l.heads[st.low[i]] {
				innerHead = true
			}
		}
		legal := false
		for i := a; i < b; i++ {
			if (i < qa || i > qb) && isLegalForm(st.low[i]) {
				legal = true
			}
		}
		switch {
		case innerHead && !legal, qa == a && qb+2 == b && st.quotedParty(b-1):
			name = inner
			m.a, m.b = qa+1, qb
			m.by = ruleOrgQuotedInner
			st.fire(ruleOrgQuotedInner, a, b, qa+1, qb)
		default:
			var parts []string
			if qa > a {
				parts = append(parts, st.slice(a, qa))
			}
			parts = append(parts, inner)
			if qb+1 < b {
				parts = append(parts, st.slice(qb+1, b))
			}
			name = strings.Join(parts, " ")
			m.alias = inner
		}
		m.det = ruleOrgQuoted
	}
	m.name = strings.TrimSpace(name)
	if b-a == 1 {
		switch {
		case st.knownOrg(a, b) > 0:
			m.det = ruleOrgKnown
		case l.domain(st.t[a].text):
			m.det = ruleOrgDomain
		case st.t[a].allCaps:
			m.det = ruleOrgAcronym
		case l.heads[st.low[a]]:
			m.headOnly = true
			m.det = ruleOrgHeadOnly
		}
	}
	st.ments = append(st.ments, m)
	idx := len(st.ments) - 1
	st.fire(m.det, a, b, m.a, m.b)
	if m.by != nil && m.by == st.segCut {
		st.fire(m.by, a, b, m.a, m.b) // the other boundary rules fired where they applied
	}
	if qa < 0 {
		st.innerOrgs(a, b)
	}
	return part{k: 'o', a: a, b: b, ment: idx}
}

// innerOrgs records the bodies named inside org name [a, b) after "of the":
// "Executive Committee of the Federation of Trade Unions" names the
// Federation too, "Council of the Parliamentary Assembly of the CSTO" the
// Assembly and the CSTO.
func (st *state) innerOrgs(a, b int) {
	outer := len(st.ments) - 1
	for i := a + 1; i+1 < b; i++ {
		if (st.low[i] != "of" && st.low[i] != "under") || st.t[i].cap {
			continue
		}
		j := i + 2
		if st.low[i+1] != "the" {
			// "committee of Saryarka Coal JSC": a firm closed by its legal form
			if !st.t[a].gram || !isLegalForm(st.low[b-1]) {
				continue
			}
			j = i + 1
		}
		if j >= b || !st.t[j].cap || !st.hasHead(a, i) {
			continue
		}
		if !st.hasHead(j, b) && !(j+1 == b && st.t[j].allCaps && !st.allCapsSentence(j)) {
			continue
		}
		if n, _ := st.match(pPlaces, j, b); n == b-j {
			continue
		}
		st.ments = append(st.ments, ment{k: kOrg, a: j, b: b, name: st.slice(j, b), det: ruleOrgNested})
		st.fire(ruleOrgNested, a, b, j, b)
		// each body points to the next one inside it, so that "Youth
		// Council of the Federation" nested in a longer name still joins
		// "Youth Council of the FTURK" (mergeOuter)
		if o := &st.ments[outer]; o.inner == 0 {
			o.inner = len(st.ments)
			o.prefix = i - o.a
		}
		outer = len(st.ments) - 1
	}
}

// isLegalForm reports whether s (lower case) is a company's legal form,
// with or without its final period ("ltd.", "b.v.").
func isLegalForm(s string) bool {
	return legalForms[strings.TrimSuffix(s, ".")]
}

var (
	ruleOrgHead = rules.New(rules.StageEntities, rules.Detect, "org.detect.head",
		"a segment holding a capitalized head word (Federation, Ministry, Party, Maslikhat...) names a body",
		"the [Federation of Trade Unions]")
	ruleOrgHeadOnly = rules.New(rules.StageEntities, rules.Detect, "org.detect.head-only",
		"a bare head word refers to a body named elsewhere (or names one alone: the Government, the Senate)",
		"The Government met. The [Government] said so.")
	ruleOrgKnown = rules.New(rules.StageEntities, rules.Detect, "org.detect.known",
		"a body of orgs.txt, named without a head word",
		"[Kazinform] reports")
	ruleOrgDomain = rules.New(rules.StageEntities, rules.Detect, "org.detect.domain",
		"a web domain names the outlet",
		"[Zakon.kz] reported")
	ruleOrgAcronym = rules.New(rules.StageEntities, rules.Detect, "org.detect.acronym",
		"a word in capitals (outside a headline in capitals) is an acronym of a body",
		"The [KSPU] met.")
	ruleOrgQuoted = rules.New(rules.StageEntities, rules.Detect, "org.detect.quoted",
		"a body named with a quoted name after a descriptor keeps descriptor and name, the quoted name as an alias",
		"[LLP «Kezbi»]")
	ruleOrgQuotedInner = rules.New(rules.StageEntities, rules.Start, "org.start.quoted-name",
		"a quoted name with a head of its own (and no legal form outside the quotes) is the body's name without its descriptor",
		"public association “[Organization of Veterans]”")
	ruleOrgNested = rules.New(rules.StageEntities, rules.Detect, "org.detect.nested",
		"a body named after \"of the\"/\"under the\" inside a body's name is a body too",
		"Executive Committee of the [Federation of Trade Unions]")
	ruleOrgEndTitle = rules.New(rules.StageEntities, rules.End, "org.end.before-title",
		"a title phrase inside a run ends the body named before it",
		"The [Water Council] Chairman Ann Lee spoke.")
	ruleOrgEndPerson = rules.New(rules.StageEntities, rules.End, "org.end.before-person",
		"the person's name at the end of a run ends the body named before it",
		"Chairman of the [Water Council] Nurlan Bekov spoke.")
	ruleOrgStartTitle = rules.New(rules.StageEntities, rules.Start, "org.start.after-title",
		"a body named after a title starts after it (and after its of/the)",
		"Chairman of the [Federation of Trade Unions]")
	ruleOrgHeadlineEnd = rules.New(rules.StageEntities, rules.End, "org.end.headline-evidence",
		"in a Title Case headline a body's name ends with its last evidence (head, acronym, known body, domain)",
		"[Teachers Union] Backs Governor In Budget Row")
	ruleOrgPluralTitle = rules.New(rules.StageEntities, rules.End, "org.end.plural-title",
		"a plural title right after an acronym or a head names the body's members: the body ends before it",
		"[BJD] MLAs")
	ruleOrgEventAcronym = rules.New(rules.StageEntities, rules.Detect, "org.detect.event-acronym",
		"an acronym before an event's name names the body holding it",
		"[PERC] General Assembly")
	ruleOrgEventHolder = rules.New(rules.StageEntities, rules.Start, "org.start.event-holder",
		"the body after a lower-case \"of\" in an event's name is still named",
		"V Congress of the [ITUC]")
	ruleOrgOfTheCut = rules.New(rules.StageEntities, rules.Start, "org.start.of-the-cut",
		"a descriptor with no head before \"of (the)\" is no part of the body named after it",
		"The Delegates of the [Kenya National Progressive Alliance] met.")
	ruleOrgSplitAnd = rules.New(rules.StageEntities, rules.Split, "org.split.and",
		"\"X and Y\" where both sides name a body alone is two bodies; the last \"and\" is tried first",
		"Members of the [Kestrel Miners Union] and Teachers Union marched.")
	ruleOrgAndIncomplete = rules.New(rules.StageEntities, rules.Accept, "org.split.and-incomplete",
		"no split at an \"and\" whose left side cannot end a body's name (its head comes after the \"and\")",
		"The [Senate Education and Employment Legislation Committee] met.")
	ruleOrgAndName = rules.New(rules.StageEntities, rules.Split, "org.split.and-name",
		"\"W and Body\", one unknown capitalized word joined to a body of three words or more, or \"Body and W\", names two bodies",
		"Talks between [Fjordlink] and Harbour Motor Co. went on.")
	ruleOrgAndPlace = rules.New(rules.StageEntities, rules.Split, "org.split.and-place",
		"\"Body and Place\", where the body ends in no place and the place stands alone, is a body and a place",
		"Talks between the [European Commission] and Germany ended.")
	ruleOrgAndHeadlessOf = rules.New(rules.StageEntities, rules.Accept, "org.split.and-headless-of",
		"no split when the words after \"and\" have no head before their \"of\": they go on with the left side's remit and the body after \"of\" is named inside",
		"Members of the [Committee for Youth Policy and Sports Affairs of the National Assembly] met.")
	ruleOrgSharedName = rules.New(rules.StageEntities, rules.Accept, "org.split.shared-name",
		"\"Proper Head and Generic Head\" joins two services under one name: no split",
		"[Townsville Hospital and Health Service]")
	ruleOrgPlacePeel = rules.New(rules.StageEntities, rules.Start, "org.start.place-peel",
		"leading gazetteer places before an acronym or a known body are places, not part of its name",
		"Meghalaya [BJP]")
)

// headlineOrgEnd: in a Title Case headline every word is capitalized, so a
// body's name ends with its last evidence ("Teachers Union Backs" is
// "Teachers Union", "Federation Of Trade Unions Holds Plenum" no event).
func (st *state) headlineOrgEnd(dst []part, a, b int) ([]part, int, int, bool) {
	if st.titleCaseHeadline(a) && st.isOrg(a, b) {
		if e := st.orgEvidenceEnd(a, b); e < b {
			st.fire(ruleOrgHeadlineEnd, a, b, a, e)
			st.segBy = ruleOrgHeadlineEnd
			b = e
		}
	}
	return dst, a, b, false
}

// pluralTitleEnd: "BJD MLAs", "Congress MPs" name the members, not a body;
// the body ends before the plural title.
func (st *state) pluralTitleEnd(dst []part, a, b int) ([]part, int, int, bool) {
	if b-a >= 2 && st.pluralTitleAfterBody(a, b-1) {
		st.fire(ruleOrgPluralTitle, a, b, a, b-1)
		st.segBy = ruleOrgPluralTitle
		b--
	}
	return dst, a, b, false
}

// eventBody returns the parts of the body an event's name [a, b) names:
// an acronym before it ("PERC General Assembly") or the body after "of"
// ("V Congress of the ITUC"); ok is false when it names none.
func (st *state) eventBody(dst []part, a, b int) ([]part, bool) {
	if st.t[a].allCaps && !st.t[a].initial && a+1 < b && !st.allCapsSentence(a) && !romanNumeral(st.t[a].text) {
		st.fire(ruleOrgEventAcronym, a, b, a, a+1)
		st.segBy = ruleOrgEventAcronym
		return append(dst, st.orgPart(a, a+1)), true
	}
	for i := a + 1; i < b-1; i++ {
		if st.low[i] == "of" && !st.t[i].cap {
			j := i + 1
			for j < b && st.low[j] == "the" {
				j++
			}
			if j < b && st.isOrg(j, b) {
				st.fire(ruleOrgEventHolder, a, b, j, b)
				st.segCut = nil
				n0 := len(dst)
				out := st.segment(dst, j, b)
				st.markBy(out[n0:], ruleOrgEventHolder)
				return out, true
			}
		}
	}
	return dst, false
}

// org: a segment with evidence of a body (isOrg) is one, or two joined by
// "and", after the "of the" cut and with leading places peeled off.
func (st *state) org(dst []part, a, b int) ([]part, int, int, bool) {
	if !st.isOrg(a, b) {
		return dst, a, b, false
	}
	// "ALU regional director": the region word describes the title
	if b-a >= 2 && regionAdjective[st.low[b-1]] && st.t[b-2].cap && b < len(st.t) && st.isTitleStart(b) && st.isOrg(a, b-1) {
		st.fire(ruleOrgRegionWordEnd, a, b, a, b-1)
		st.segBy = ruleOrgRegionWordEnd
		b--
	}
	a = st.ofTheCut(a, b)
	n0 := len(dst)
	if parts := st.splitAnd(dst, a, b); len(parts) > n0 {
		return parts, a, b, true
	}
	// peel leading places before an acronym or known org: "Meghalaya BJP"
	out := dst
	for a < b {
		n, _ := st.match(pPlaces, a, b)
		if n == 0 || a+n >= b || !(st.t[a+n].allCaps || st.knownOrg(a+n, b) > 0) {
			break
		}
		m := ment{k: kPlace, a: a, b: a + n, name: st.placeName(a, a+n), det: rulePlaceGazetteer, by: ruleOrgPlacePeel}
		st.ments = append(st.ments, m)
		st.fire(ruleOrgPlacePeel, a, b, a+n, b)
		out = append(out, part{k: 'l', a: a, b: a + n, ment: len(st.ments) - 1})
		a += n
		st.segBy = ruleOrgPlacePeel
	}
	return append(out, st.orgPart(a, b)), a, b, true
}

// ofTheCut returns where the body of segment [a, b) starts: a descriptor
// before "of the" is no part of its name ("Delegates of the Kenya National
// Progressive Alliance"; a Title Case headline capitalizes the "Of":
// "Rally Against Privatization Of State Power Company").
func (st *state) ofTheCut(a, b int) int {
	for i := a + 1; i+1 < b; i++ {
		if st.low[i] == "of" && (!st.t[i].cap || st.titleCaseHeadline(i)) {
			if !st.hasHead(a, i) && !st.t[a].quote && st.hasHead(i+1, b) {
				j := i + 1
				for j < b && st.low[j] == "the" {
					j++
				}
				if j < b && st.t[j].cap {
					st.fire(ruleOrgOfTheCut, a, b, j, b)
					st.segBy = ruleOrgOfTheCut
					return j
				}
			}
			break
		}
	}
	return a
}

// markBy names rule as what gave the body mentions of parts their
// boundary, unless a rule of their own did.
func (st *state) markBy(parts []part, r *rules.Rule) {
	for _, pt := range parts {
		if pt.k == 'o' && st.ments[pt.ment].by == nil {
			st.ments[pt.ment].by = r
		}
	}
}

// boundaryRule is the rule that last moved a boundary of the body [a, b)
// being recorded: one of the segment's steps, else a rule that let the run
// reach its end, else what bounds the segment in its run (a title, the
// person), else none.
func (st *state) boundaryRule(a, b int) *rules.Rule {
	if st.segBy != nil || b-a == 1 {
		return st.segBy // one word: how it was found says more
	}
	for k := len(st.grown) - 1; k >= 0; k-- {
		if g := st.grown[k]; g.from >= a && g.to <= b && g.to > a {
			return g.rule
		}
	}
	return st.segCut
}
