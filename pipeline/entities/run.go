package entities

import (
	"plenary/pipeline/rules"
	"strings"
)

// Where a run of capitalized words (with the connectors and lower-case
// words a name may hold) starts and ends. A run is what later rules cut into
// titles, bodies, places and a person; the rules here decide only how far
// it reaches. Rules that let a run grow only because a body's name goes on
// ("Ministry of X, Y and Z", "the Green group") live in org.go.

var (
	ruleRun = rules.New(rules.StageEntities, rules.Detect, "run.detect",
		"a run of capitalized words, titles, honorifics and quoted names, with the connectors between them, is a candidate for names",
		"[Deputy Chairman of the Federation Nurlan Bekov] spoke.")
	ruleRunPossessive = rules.New(rules.StageEntities, rules.End, "run.end.possessive",
		"a possessive ends a run: what follows is owned, not named",
		"The [Senate]’s Budget Committee met.")
	ruleRunHeadlineStop = rules.New(rules.StageEntities, rules.End, "run.end.headline-function-word",
		"in a Title Case headline a capitalized function word that joins no name ends the run",
		"[Union Backs Governor] In Budget Row")
	ruleRunArticle = rules.New(rules.StageEntities, rules.End, "run.end.article",
		"a capitalized article (The, A) inside a run, not after a connector and not in a Title Case headline, starts a new sentence's words: it ends the run",
		"ASTANA. [NORDPRESS] The Ministry of Energy said so.")
	ruleRunPluralPossessive = rules.New(rules.StageEntities, rules.End, "run.extend.plural-possessive",
		"a plural possessive's apostrophe between two capitalized words stays inside one name",
		"[Federation of Workers' Unions]")
	ruleRunArticledName = rules.New(rules.StageEntities, rules.End, "run.extend.articled-surname",
		"a lower-case Arabic article glued to a capitalized surname continues a person's name",
		"[Khalid bin Saeed al-Harthi]")
	ruleRunConnector = rules.New(rules.StageEntities, rules.End, "run.extend.connector",
		"lower-case connectors (of, the, for, and...) followed by another unit continue the run",
		"The [Federation of] Trade Unions met.")
	ruleRunPatronymic = rules.New(rules.StageEntities, rules.End, "run.extend.patronymic",
		"a lower-case patronymic word (oglu, kyzy, uly) after a name ends the run and stays in the name",
		"[Mammadov Vugar Aydin oglu], chairman of the union, spoke.")
	ruleRunRegionWord = rules.New(rules.StageEntities, rules.End, "run.extend.region-word",
		"a lower-case region word after a capitalized word continues the run",
		"[Almaty region] court")
)

// grower is one rule that lets run [start, j) go on at token j: n tokens
// join it (0 when the rule does not apply) and, when last, the run ends
// after them.
type grower struct {
	rule *rules.Rule
	grow func(st *state, start, j, b int) (n int, last bool)
	org  bool // the run grows because a body's name goes on: its mention names the rule
}

// growMark is where an org grower (or a rule of org.go that keeps words in
// a body's name) extended a run: tokens [from, to).
type growMark struct {
	from, to int
	rule     *rules.Rule
}

// growers are the run's rules in the order they are tried at each token;
// the first that applies decides. A rule that ends the run says so with
// n == 0 and last.
var growers = [...]grower{
	{ruleRunPossessive, func(st *state, _, j, _ int) (int, bool) { return 0, st.t[j-1].poss }, false},
	{ruleRunHeadlineStop, (*state).headlineStop, false},
	{ruleRunArticle, (*state).articleStop, false},
	{nil, func(st *state, _, j, b int) (int, bool) { return st.unitAt(j, b, false), false }, false},
	{ruleRunPluralPossessive, (*state).pluralPossessiveGrow, false},
	{ruleRunArticledName, func(st *state, _, j, _ int) (int, bool) {
		return b2i(st.articledName(j) && st.nameWord(j-1, false)), false
	}, false},
	{ruleRunPatronymic, func(st *state, _, j, b int) (int, bool) {
		ok := patronymics[st.low[j]] && !st.t[j].cap && st.nameWord(j-1, false) && (j+1 >= b || !st.t[j+1].cap)
		return b2i(ok), ok
	}, false},
	{ruleRunConnector, (*state).connectorGrow, false},
	{ruleOrgRegionOfThe, (*state).regionOfThe, true},
	{ruleOrgPortfolioList, (*state).portfolioList, true},
	{ruleRunRegionWord, func(st *state, _, j, _ int) (int, bool) {
		return b2i(st.t[j].has(fRegion) && !st.t[j].cap && st.t[j-1].cap), false
	}, false},
	{ruleOrgGroupWord, (*state).groupWordGrow, true},
	{ruleOrgQuotedParty, func(st *state, _, j, _ int) (int, bool) { q := st.quotedParty(j); return b2i(q), q }, true},
	{ruleOrgRegionHead, func(st *state, _, j, _ int) (int, bool) {
		return b2i(!st.t[j].cap && st.t[j].has(fHead) && st.t[j-1].has(fRegion)), false
	}, true},
	{ruleOrgEnterprise, (*state).enterpriseGrow, true},
	{ruleOrgNumber, (*state).localNumber, true},
	{ruleOrgLowerHead, (*state).lowerHeadGrow, true},
	{ruleOrgSector, (*state).sectorGrow, true},
	{ruleOrgNamedAfter, (*state).eponymGrow, true},
	{ruleOrgInRemit, (*state).inRemitGrow, true},
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sentence scans one sentence's tokens [a, b) for runs.
func (st *state) sentence(a, b int) {
	runs := st.runTmp[:0]
	st.grown = st.grown[:0]
	st.dl = st.dateline(a, b)
	i := a
	for i < b && !st.d.Budget.Step() {
		if i == st.dl.sa && st.dl.sb > i {
			runs = append(runs, [2]int{i, st.dl.sb}) // the dateline's source, whatever its case
			i = st.dl.sb
			continue
		}
		n := st.unitAt(i, b, true)
		if n == 0 {
			n = st.lowerBodyStart(i, b)
		}
		if n == 0 {
			n = st.eponymStart(i, b)
		}
		if n == 0 && !st.t[i].cap && st.t[i].word && st.f.l.domain(st.t[i].text) {
			n = 1 // a web site in lower case: "reports on gov.kz"
			st.fire(ruleOrgDomain, i, i+1, i, i+1)
		}
		if n == 0 {
			i++
			continue
		}
		start := i
		j := st.grow(start, i+n, b)
		st.fire(ruleRun, start, j, start, j)
		runs = append(runs, [2]int{start, j})
		i = j
	}
	st.runTmp = runs
	first, m0 := len(st.runs), len(st.ments)
	for _, r := range runs {
		st.run(r[0], r[1], b)
	}
	st.placeLists(m0, a, b)
	st.link(st.runs[first:], b)
}

// grow extends run [start, j) within the sentence ending at b by its
// growers and returns where it ends.
func (st *state) grow(start, j, b int) int {
	for j < b {
		applied := false
		for k := range growers {
			g := &growers[k]
			n, last := g.grow(st, start, j, b)
			if n == 0 && !last {
				continue
			}
			if g.rule != nil {
				st.fire(g.rule, start, j, start, j+n)
			}
			if g.org {
				st.grown = append(st.grown, growMark{j, j + n, g.rule})
			}
			if last {
				return j + n
			}
			j += n
			applied = true
			break
		}
		if !applied {
			return j
		}
	}
	return j
}

// headlineStop ends a run at a capitalized function word in a Title Case
// headline ("Union Backs Governor In Budget Row"), unless a place starts there.
func (st *state) headlineStop(_, j, b int) (int, bool) {
	return 0, st.t[j].cap && st.t[j].has(fStop) && !st.t[j].has(fConnector) && st.titleCaseHeadline(j) && st.stopPlace(j, b) == 0
}

// articleStop ends a run before a capitalized article that follows a
// name word rather than a connector: "TASS The agency said" (a sentence
// split the segmenter missed), "KAZINFORM The Ministry" (a dateline's
// source). "Bank of The West" and "The Hague" keep theirs.
func (st *state) articleStop(_, j, b int) (int, bool) {
	t := &st.t[j]
	return 0, t.cap && articles[st.low[j]] && !st.t[j-1].has(fConnector) && !st.titleCaseHeadline(j) && st.stopPlace(j, b) == 0
}

// pluralPossessiveGrow crosses the apostrophe of "Workers' Unions".
func (st *state) pluralPossessiveGrow(_, j, b int) (int, bool) {
	if !st.t[j].ppos {
		return 0, false
	}
	if m := st.unitAt(j+1, b, false); m > 0 {
		return 1 + m, false
	}
	return 0, false
}

// connectorGrow crosses up to three lower-case connectors when a unit
// follows and crossable allows them; "and" before a title starts another
// run ("Chairman and Secretary").
func (st *state) connectorGrow(start, j, b int) (int, bool) {
	k := j
	for k < b && k < j+3 && st.t[k].has(fConnector) && !st.t[k].cap {
		k++
	}
	if k == j || st.unitAt(k, b, true) == 0 {
		return 0, false
	}
	ok, r := st.crossable(start, j)
	if !ok {
		st.fire(r, start, j, start, j)
		return 0, false
	}
	if st.low[k-1] == "and" && st.isTitleStart(k) {
		st.fire(ruleRunAndTitle, start, j, start, j)
		return 0, false
	}
	if r != nil {
		st.fire(r, start, j, start, k)
	}
	return k - j, false
}

// unitAt reports the length in tokens of a run unit starting at i: a title,
// an honorific, a capitalized word, or a quoted capitalized name.
func (st *state) unitAt(i, end int, first bool) int {
	if i >= end {
		return 0
	}
	t := st.t[i]
	if n, _ := st.match(pTitles, i, end); n > 0 && !st.modifierTitle(i, n, end) {
		return n
	}
	if n, _ := st.match(pHonorifics, i, end); n > 0 && t.cap && !st.placeOverHonorific(i, n, end) {
		if i+n < end && st.low[i+n] == "." && st.d.Tokens[i+n].Start == st.d.Tokens[i+n-1].End {
			n++ // "Mr" "."
		}
		return n
	}
	if t.quote {
		// a quoted capitalized name: “Organization of Veterans”, «AMANAT»
		for j := i + 1; j < end && j < i+10; j++ {
			if st.t[j].quote {
				if j > i+1 && st.t[i+1].cap && closes(st.t[i].text, st.t[j].text) {
					return j - i + 1
				}
				return 0
			}
			if !st.t[j].word && !strings.ContainsAny(st.t[j].text, "-&") {
				return 0
			}
			if !st.t[j].cap && !st.t[j].has(fConnector) && !strings.ContainsAny(st.t[j].text, "-&") {
				return 0
			}
		}
		return 0
	}
	if !t.cap || !t.word {
		return 0
	}
	if first && t.has(fStop) {
		// "New Delhi", "The Hague": a place whose name starts with a
		// function word is still a name
		if n := st.stopPlace(i, end); n > 0 {
			return n
		}
		if st.leader(i, end) {
			return 1
		}
		return 0
	}
	return 1
}

var (
	ruleRunParticle = rules.New(rules.StageEntities, rules.End, "run.extend.name-particle",
		"a name particle (bin, van, oglu...) after a name word joins two parts of one person's name",
		"[Khalid bin] Saeed spoke.")
	ruleRunNameBeforeConnector = rules.New(rules.StageEntities, rules.End, "run.end.name-before-connector",
		"a two-word name whose first word is a known given name or whose last has a surname ending ends the run before a connector",
		"[Chief Whip Nurlan Bekov] of the Union")
	ruleRunNameOfPlace = rules.New(rules.StageEntities, rules.End, "run.end.name-of-place",
		"\"of\" after a person's name of two words or more and before a country or place that ends the phrase says where the person is from: the run ends at the name",
		"Seventh seed [Jae-won Lim] of South Korea lost.")
	ruleRunToAfterTitle = rules.New(rules.StageEntities, rules.End, "run.extend.to-after-title",
		"\"to\" continues a run only after a title word",
		"The [Ambassador to] Mongolia spoke.")
	ruleRunWithNoun = rules.New(rules.StageEntities, rules.End, "run.extend.with-noun",
		"\"with\" continues a run only after a noun that takes it inside a body's name (cooperation, relations...)",
		"The [Council for Cooperation with] Representatives met.")
	ruleRunAndGiven = rules.New(rules.StageEntities, rules.End, "run.end.and-after-given-name",
		"\"and\" after a known given name separates two people",
		"[President Askar] and Vladimir Putin met.")
	ruleRunAndNickname = rules.New(rules.StageEntities, rules.End, "run.end.and-after-nickname",
		"\"and\" after a name with a nickname in quotes ends the run",
		"Former senators [Panfilo “Ping” Lacson] and Manny Pacquiao came.")
	ruleRunAndTwoWordName = rules.New(rules.StageEntities, rules.End, "run.end.and-after-two-word-name",
		"\"and\" after a two-word name (and no third name word) ends the run",
		"The heads of [LLP Ulykpan Zholmurat] and LLP Kezbi met.")
	ruleRunAndTwoNames = rules.New(rules.StageEntities, rules.End, "run.end.and-between-two-word-names",
		"\"and\" between two names of two words (the first opening the run, the second ending it) ends the run",
		"Goals came from [Erion Hoxha] and Klodian Berisha.")
	ruleRunAndEastAsian = rules.New(rules.StageEntities, rules.End, "run.end.and-after-three-word-name",
		"\"and\" after a three-word name with a capitalized particle or a surname first ends the run",
		"[Tran Thanh Hai] and Le Minh met.")
	ruleRunAndSurname = rules.New(rules.StageEntities, rules.End, "run.end.and-after-surname",
		"\"and\" after a word with a surname ending (not a body's head) ends the run",
		"[Minister Nazarbayev] and Vladimir Putin")
	ruleRunAndHonorificName = rules.New(rules.StageEntities, rules.End, "run.end.and-after-honorific-name",
		"\"and\" after a name that follows an honorific ends the run, whatever its words",
		"The [president Datuk Lim Boon Keat] and Ann Lee met.")
	ruleRunAndThe = rules.New(rules.StageEntities, rules.End, "run.end.and-the",
		"\"and the\" starts another noun phrase: no name goes on across it",
		"Talks between [Amberline Energy Plc] and the Australian side ended.")
	ruleRunAndTitle = rules.New(rules.StageEntities, rules.End, "run.end.and-before-title",
		"\"and\" before a title starts another run: two posts",
		"[Chairman] and Secretary")
)

// crossable reports whether the connector at j may continue run [start, j)
// and the rule that decided (nil: no rule objects, the connector rule
// applies): "to" only after a title ("Ambassador to"), "and" not after a
// name ("Nazarbayev and Vladimir Putin" are two people).
func (st *state) crossable(start, j int) (bool, *rules.Rule) {
	l := st.f.l
	prev := st.low[j-1]
	if nameParticles[st.low[j]] && !particlePreps[st.low[j]] && st.nameWord(j-1, false) {
		return true, ruleRunParticle
	}
	// "Chief Whip Nurlan Bekov of the Union": a name ends the run
	if j-start >= 2 && st.nameWord(j-1, false) && st.nameWord(j-2, false) {
		_, g := l.givenName(st.low[j-2])
		_, s1 := l.surnameGender(prev)
		if g || s1 {
			return false, ruleRunNameBeforeConnector
		}
	}
	if st.low[j] == "of" && st.nameOfPlace(start, j) {
		return false, ruleRunNameOfPlace
	}
	switch st.low[j] {
	case "to":
		return l.titleWords[prev], ruleRunToAfterTitle
	case "with":
		// "Council for Cooperation with Representatives of ...", not "met with"
		return withNouns[prev], ruleRunWithNoun
	case "and":
		return st.andCrossable(start, j)
	}
	return true, nil
}

// andCrossable is crossable for "and": it does not follow a name.
func (st *state) andCrossable(start, j int) (bool, *rules.Rule) {
	l := st.f.l
	prev := st.low[j-1]
	if j+1 < len(st.low) && st.low[j+1] == "the" {
		return false, ruleRunAndThe
	}
	if _, ok := l.givenName(prev); ok {
		return false, ruleRunAndGiven
	}
	if st.nameWord(j-1, false) && st.nicknameBefore(start, j-1, j) < j-1 {
		return false, ruleRunAndNickname // "Panfilo “Ping” Lacson and ..."
	}
	// "... LLP Ulykpan Zholmurat and ...": a two-word name ends here
	if j-start >= 3 && st.nameWord(j-1, false) && st.nameWord(j-2, false) && !st.nameWord(j-3, false) && !st.bodyGoesOn(j) {
		return false, ruleRunAndTwoWordName
	}
	// "Erion Hoxha and Klodian Berisha": two names of two words that
	// no list knows, the first opening the run
	if j-start == 2 && st.nameWord(j-1, false) && st.nameWord(j-2, false) && st.twoWordNameAt(j+1) && !st.bodyGoesOn(j) {
		return false, ruleRunAndTwoNames
	}
	// "Pham Van Tuan and ...", "Tran Thanh Hai and ...": a three-word
	// name with a capitalized particle inside or a known surname first
	// (East Asian order) ends here
	if j-start >= 3 && st.nameWord(j-1, false) && st.nameWord(j-3, false) && (j-start == 3 || !st.nameWord(j-4, false)) &&
		(st.particleStart(j-2, j) || st.nameWord(j-2, false) && st.t[j-3].has(fSurname)) {
		return false, ruleRunAndEastAsian
	}
	if _, ok := l.surnameGender(prev); ok && !l.heads[prev] {
		return false, ruleRunAndSurname
	}
	// "president Datuk Lim Boon Keat and ...": a name after an
	// honorific ends here, whatever its words
	if st.honorificNameBefore(start, j) {
		return false, ruleRunAndHonorificName
	}
	return true, nil
}

// twoWordNameAt reports whether a name of two words starts at i and ends
// the capitals there: "Klodian Berisha", "Rakhimov B.T.".
func (st *state) twoWordNameAt(i int) bool {
	if i+1 >= len(st.t) || !st.nameWord(i, false) || !(st.nameWord(i+1, false) || st.t[i+1].initial) {
		return false
	}
	e := i + 2
	return e >= len(st.t) || !st.t[e].cap || !st.t[e].word || st.d.Tokens[e].Sentence != st.d.Tokens[i].Sentence
}

// bodyGoesOn reports whether "and" at j joins words of one body's name:
// the two words before it are no known given name or surname and the
// capitalized words after it end in a head ("Garment Manufacturers and
// Exporters Association").
func (st *state) bodyGoesOn(j int) bool {
	if st.t[j-1].has(fGiven|fSurname|fNameLike) || st.t[j-2].has(fGiven|fSurname|fNameLike) {
		return false
	}
	k := j + 1
	for k < len(st.t) && k < j+5 && st.t[k].cap && st.t[k].word {
		k++
	}
	// the head ends the words after "and"; first, it starts another body
	// ("Ulykpan Zholmurat and LLP Kezbi")
	return k > j+2 && st.t[k-1].has(fHead)
}

func (st *state) isTitleStart(i int) bool {
	n, _ := st.match(pTitles, i, len(st.low))
	return n > 0
}

// A run is parsed into parts; the parts of the runs of a sentence are linked
// afterwards (apposition, chains).
type part struct {
	k     byte // 't' title, 'o' org, 'l' place, 'p' person, 'd' demonym
	a, b  int
	ment  int // index into st.ments for o/l/p
	title int // index into st.titles for t
}

// runParts is per-run parse output kept for linking.
type runInfo struct {
	a, b  int
	parts []part
}

var (
	ruleRunStartFunction = rules.New(rules.StageEntities, rules.Start, "run.start.function-word",
		"leading function words (The, In) never belong to a name, unless a title, a place or a name leader starts there",
		"[His Excellency Kassym Tokayev] arrived.")
	ruleRunStartConnector = rules.New(rules.StageEntities, rules.Start, "run.start.connector",
		"leading connectors never start a name, unless a capitalized particle does (Van Tuan)",
		"Workers of [“Kezbi” LLP] gathered.")
	ruleRunStartSentenceNoun = rules.New(rules.StageEntities, rules.Start, "run.start.sentence-noun-of",
		"a sentence-initial common noun before a lower-case connector is no part of the name after it",
		"Workers of [“Kezbi” LLP] gathered")
)

// run parses run [a, b) of the sentence ending at sentEnd into parts:
// titles, bodies, places and the person at its end.
func (st *state) run(a, b, sentEnd int) {
	ri := runInfo{a: a, b: b}
	a = st.runStart(a, b)
	if a >= b {
		st.runs = append(st.runs, ri)
		return
	}
	if pt, ok := st.datelineRun(ri.a, b); ok {
		ri.parts = st.keepParts([]part{pt})
		st.runs = append(st.runs, ri)
		return
	}
	if pt, ok := st.runPlace(ri.a, a, b); ok {
		ri.parts = st.keepParts([]part{pt})
		st.runs = append(st.runs, ri)
		return
	}
	if st.venue(a, b) && st.venueContext(a) {
		// "at Shram Shakti Bhawan": a venue in a place's context, whatever
		// names its words spell (place.detect.venue in the segment steps)
		parts := st.segment(st.partTmp[:0], a, b)
		ri.parts = st.keepParts(parts)
		st.partTmp = parts[:0]
		st.runs = append(st.runs, ri)
		return
	}
	if a == ri.a && !st.isOrg(a, b) {
		if pt, ok := st.descriptorBody(a, b); ok {
			ri.parts = st.keepParts([]part{pt})
			st.runs = append(st.runs, ri)
			return
		}
	}
	if pt, ok := st.partyPlace(a, b); ok && a == ri.a {
		ri.parts = st.keepParts([]part{pt})
		st.runs = append(st.runs, ri)
		return
	}
	if a == ri.a {
		if parts, ok := st.prepList(st.partTmp[:0], a, b); ok {
			ri.parts = st.keepParts(parts)
			st.partTmp = parts[:0]
			st.runs = append(st.runs, ri)
			return
		}
	}
	lead := st.partTmp[:0]
	if pt, e, ok := st.basedPlace(a, b); ok {
		lead = append(lead, pt)
		if a = e; a >= b {
			ri.parts = st.keepParts(lead)
			st.runs = append(st.runs, ri)
			return
		}
	}
	parts := st.runParts(lead, ri.a, a, b, sentEnd)
	ri.parts = st.keepParts(parts)
	st.partTmp = parts[:0]
	st.runs = append(st.runs, ri)
}

// runParts parses run [a, b) (ra: where it began before its leading words
// were dropped) into its descriptor's parts after lead and the person at
// its end, with a title after the name.
func (st *state) runParts(lead []part, ra, a, b, sentEnd int) []part {
	allCapsRun := st.allCapsSentence(a)
	pn := st.postnominal(a, b)
	p, pe, lt := b, b, 0
	if !st.eponymIn(a, b) {
		p, pe = st.personSpan(a, b-pn, allCapsRun)
		if pn == 0 && p == pe {
			p, pe, lt = st.nameBeforeLowerTitle(ra, a, b, allCapsRun)
		}
	}
	st.runEnd = b
	dp := p // the descriptor ends before a bare title abbreviation ("GOP Sen")
	if p > a && p < pe && st.bareAbbrev(p-1) {
		dp = p - 1
	}
	parts, hon := st.descriptor(lead, a, dp)
	if p < pe {
		parts = append(parts, st.personPart(parts, p, pe, hon, sentEnd))
	}
	st.attachTitles(parts)
	if pn > 0 && p < pe && pe == b-pn && st.nameEvidence(p, pe, allCapsRun) {
		st.postTitle(b-pn, b, parts[len(parts)-1].ment)
	}
	if lt > 0 {
		st.lowerTitleAfter(b-lt, b, parts[len(parts)-1].ment)
	}
	return parts
}

// runStart returns where the names of run [a, b) start: past leading
// function words, connectors and a sentence-initial common noun.
func (st *state) runStart(a, b int) int {
	l := st.f.l
	a0 := a
	for a < b && st.t[a].has(fStop) && st.unitAtTitle(a, b) == 0 && st.stopPlace(a, b) == 0 && !st.leader(a, b) {
		a++
	}
	if a > a0 {
		st.fire(ruleRunStartFunction, a0, b, a, b)
	}
	if a < b && st.t[a].has(fStop) && st.leader(a, b) {
		st.fire(ruleOrgLeader, a, b, a, b)
	}
	a = st.skipConnectors(a, b)
	// a sentence-initial common noun before "of": "Workers of “Kezbi” LLP";
	// a capitalized particle joins a name instead ("Nguyen Van Minh")
	if a+2 < b && st.d.Tokens[a].Sentence < len(st.d.SentTokens) && st.d.SentTokens[st.d.Tokens[a].Sentence][0] == a &&
		connectors[st.low[a+1]] && !st.t[a+1].cap && !l.heads[st.low[a]] && !st.particleName(a) && st.unitAtTitle(a, b) == 0 && !l.docWords[st.low[a]] && st.knownOrg(a, b) == 0 {
		if n, _ := st.match(pPlaces, a, b); n == 0 {
			a1 := a
			a = st.skipConnectors(a+1, b)
			st.fire(ruleRunStartSentenceNoun, a1, b, a, b)
		}
	}
	return a
}

// skipConnectors moves a past leading connectors that start no name.
func (st *state) skipConnectors(a, b int) int {
	a0 := a
	for a < b && connectors[st.low[a]] && !st.particleStart(a, b) {
		a++
	}
	if a > a0 {
		st.fire(ruleRunStartConnector, a0, b, a, b)
	}
	return a
}

// descriptor parses [a, p), what precedes the person of a run: titles
// split it into segments, each classified (segment); a form of address
// right before the person is counted in hon. Parts are appended to dst.
func (st *state) descriptor(dst []part, a, p int) (parts []part, hon int) {
	parts = dst
	i, segStart := a, a
	for i < p {
		n, _ := st.match(pHonorifics, i, p)
		if st.placeOverHonorific(i, n, p) {
			n = 0
		}
		if n > 0 && i+n < p && st.low[i+n] == "." {
			n++
		}
		if n > 0 && st.t[i].cap && i+n == p {
			st.segCut = st.cutRule(a, segStart, ruleOrgEndPerson)
			parts = st.flush(parts, segStart, i)
			hon = n
			i += n
			segStart = i
			continue
		}
		if n, e := st.match(pTitles, i, p); n > 0 {
			var pt part
			parts, pt = st.titlePart(parts, a, segStart, i, n, p, e)
			parts = append(parts, pt)
			i = pt.b
			segStart = i
			continue
		}
		i++
	}
	end := ruleOrgEndPerson
	if p == len(st.t) || p >= st.runEnd {
		end = nil
	}
	st.segCut = st.cutRule(a, segStart, end)
	return st.flush(parts, segStart, p), hon
}

// cutRule names what bounds a descriptor segment starting at segStart in
// a run whose names start at a: end, else a title before it.
func (st *state) cutRule(a, segStart int, end *rules.Rule) *rules.Rule {
	if end != nil {
		return end
	}
	if segStart > a {
		return ruleOrgStartTitle
	}
	return nil
}

// flush classifies segment [s, e) when it is not empty.
func (st *state) flush(parts []part, s, e int) []part {
	if s < e {
		return st.segment(parts, s, e)
	}
	return parts
}

// keepParts copies a run's parts into the document's part arena: one
// allocation per chunk of runs rather than a slice per run. A full chunk is
// left to the runs that point into it and a new one started.
func (st *state) keepParts(p []part) []part {
	if len(p) == 0 {
		return nil
	}
	if cap(st.partArena)-len(st.partArena) < len(p) {
		st.partArena = make([]part, 0, max(256, 2*cap(st.partArena), len(p)))
	}
	n := len(st.partArena)
	st.partArena = append(st.partArena, p...)
	return st.partArena[n:len(st.partArena):len(st.partArena)]
}

// nameOfPlace reports whether "of" at j follows a person's name and says
// where the person is from: two or more name words before it, none a
// common English word unless a name list knows it ("Jan-Lennart Vogt",
// "Kei Watanabe", "Ann Wood"), and a country or a place of the gazetteer after it that
// no capitalized word continues ("of Japan beat", "of South Korea,").
func (st *state) nameOfPlace(start, j int) bool {
	k := j
	for k > start && j-k < 4 && st.nameWord(k-1, false) {
		k--
	}
	if j-k < 2 || k > start && st.t[k-1].cap && !st.titleEndsAt(start, k) {
		return false
	}
	for i := k; i < j; i++ {
		if t := &st.t[i]; t.has(fCommon) && !t.has(fGiven|fSurname|fSurnameEnd|fNameLike) {
			return false // "Agro-Industrial Complex of Tajikistan"
		}
	}
	n, _ := st.match(pPlaces, j+1, len(st.t))
	if n == 0 {
		end := min(len(st.t), j+1+st.f.l.geoMax)
		m, g := st.geoMatch(j+1, end)
		if m == 0 || !st.t[j+1].cap || g.pop != 0 || g.region {
			return false
		}
		n = m
	}
	e := j + 1 + n
	return e >= len(st.t) || !(st.t[e].cap && st.t[e].word)
}

// placeOverHonorific reports whether the honorific of n tokens at i starts
// a longer place of the curated gazetteer instead: "Sri Lanka" is a
// country, "Sri" a form of address only before a name.
func (st *state) placeOverHonorific(i, n, end int) bool {
	if n == 0 {
		return false
	}
	m, _ := st.match(pPlaces, i, max(end, st.runEnd))
	return m > n
}

// particleName reports whether token a, no common English word, is followed
// by a lower-case name particle: "Anouk de Graaf", "Pieter van der Merwe"
// open with a given name, not a noun before "of".
func (st *state) particleName(a int) bool {
	return a+1 < len(st.t) && nameParticles[st.low[a+1]] && !st.t[a].has(fCommon)
}
