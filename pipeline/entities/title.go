package entities

import (
	"strings"

	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
)

// modifierTitle reports whether a one-word title at i that also modifies
// titles ("chief", "deputy") is written in lower case before a lower-case
// modifier or title: "chief state labor inspector" is one post, whose
// title is found at its last word, not a "chief".
func (st *state) modifierTitle(i, n, end int) bool {
	if n != 1 || st.t[i].cap || !st.f.l.titleMods[st.low[i]] || i+1 >= end || st.t[i+1].cap {
		return false
	}
	return st.f.l.titleMods[st.low[i+1]] || st.isTitleStart(i+1)
}

func (st *state) unitAtTitle(i, b int) int {
	n, _ := st.match(pTitles, i, b)
	return n
}

func (st *state) attach(tr *titleRef, pt part) {
	m := st.ments[pt.ment]
	if pt.k == 'o' {
		tr.org = pt.ment
		tr.orgText = m.name
	} else {
		tr.place = m.name
	}
}

// titleEndsAt reports whether a title phrase ends right before token p.
func (st *state) titleEndsAt(a, p int) bool {
	for i := max(a, p-4); i < p; i++ {
		if n, _ := st.match(pTitles, i, p); i+n == p && n > 0 {
			return true
		}
	}
	return false
}

// portfolio reports whether [a, b) is a portfolio word or two before a
// title ("Labor", "Foreign Affairs"): org words that name neither a body nor
// a place.
func (st *state) portfolio(a, b int) bool {
	l := st.f.l
	for i := a; i < b; i++ {
		w := st.low[i]
		if !st.t[i].cap || !l.orgWords[w] || l.heads[w] || regionWords[w] {
			return false
		}
		if n, _ := st.match(pPlaces, i, b); n > 0 {
			return false
		}
		if notPortfolio[w] {
			return false
		}
	}
	return true
}

// Titles inside a run: where a title phrase starts and ends, and which
// body, place and person of the run it belongs to.

var (
	ruleTitle = rules.New(rules.StageEntities, rules.Detect, "title.detect.lexicon",
		"a phrase of titles.txt inside a run is a title",
		"[Deputy Chairman] of the Union Nurlan Bekov")
	ruleTitlePortfolio = rules.New(rules.StageEntities, rules.Start, "title.start.portfolio",
		"one or two portfolio words (org words naming neither body nor place) before a title belong to it, also when other words of the run come before them ('Teamsters General President'), unless the title is a seat (title_seats.txt: 'Labour MP' is a party's member)",
		"[Labor Secretary] Ann Lee")
	ruleTitleLowerModifiers = rules.New(rules.StageEntities, rules.Start, "title.start.lower-modifiers",
		"lower-case title modifiers right before a run, or before a lower-case title inside it, belong to the title",
		"the [national general secretary] Anil Rao")
	ruleTitleChain = rules.New(rules.StageEntities, rules.End, "title.extend.chain",
		"titles that follow each other make one title",
		"[Deputy Prime Minister] Foreign Minister Anil Rao spoke.")
	ruleTitleBodyWordOut = rules.New(rules.StageEntities, rules.Start, "title.start.body-word-out",
		"a body word opening a title (party, Mazhilis) is no part of it, unless the lexicon names a country's post with it (Cabinet Secretary)",
		"party [president] Anil Rao")
	ruleTitleHolderInRun = rules.New(rules.StageEntities, rules.Link, "title.link.title-name",
		"a title inside a run belongs to the person the run ends with",
		"[Chairman] of the Union [Nurlan Bekov]")
	ruleTitleServed = rules.New(rules.StageEntities, rules.Link, "title.link.served-person",
		"a person right after a title and \"for\" or \"to\" is whom the post serves, not its holder",
		"Ellen Fromm, a spokeswoman for Mr. [Russo], said so.")
	ruleTitlePostnominal = rules.New(rules.StageEntities, rules.Link, "title.link.postnominal",
		"a member's title written right after a name (title_postnominal.txt) belongs to it",
		"[Imran Qureshy] MP, who backed the campaign, spoke.")
	ruleTitleBodyAfter = rules.New(rules.StageEntities, rules.Link, "title.body.after",
		"a title takes the body or place right after it in the run",
		"[Chairman] of the [Union]")
	ruleTitleBodyBefore = rules.New(rules.StageEntities, rules.Link, "title.body.before",
		"a title with no body after it takes the body or place right before it",
		"[Senate] [Speaker]")
)

// titlePart parses the title phrase of n tokens found at i in the
// descriptor [a, p) whose current segment starts at segStart: the segment
// is classified first unless it is the title's portfolio. It returns the
// parts with that segment's and the title's part.
func (st *state) titlePart(parts []part, a, segStart, i, n, p int, e lexicon.Entry) ([]part, part) {
	l := st.f.l
	ta := i
	// a portfolio before the title: "Labor Secretary", "Finance Minister"
	// ("Labour MP", "Conservative councillor": a seat has no portfolio,
	// the word before it names the member's party)
	seat := l.seats[strings.Join(st.low[i:i+n], " ")]
	if segStart < i && i-segStart <= 2 && !seat && st.portfolio(segStart, i) {
		ta = segStart
		st.fire(ruleTitlePortfolio, i, i+n, ta, i+n)
	} else if k := st.portfolioTail(segStart, i); k < i && !seat {
		// "Teamsters General President", "Kenya Labour Minister": the
		// words before the portfolio are the segment's own
		st.segCut = st.cutRule(a, segStart, ruleOrgEndTitle)
		parts = st.flush(parts, segStart, k)
		ta = k
		st.fire(ruleTitlePortfolio, i, i+n, ta, i+n)
	} else if k := st.lowerMods(segStart, i); k < i {
		// inside a run: "DOLE regional director Lilia Estillore"
		st.segCut = st.cutRule(a, segStart, ruleOrgEndTitle)
		parts = st.flush(parts, segStart, k)
		ta = k
		st.fire(ruleTitleLowerModifiers, i, i+n, k, i+n)
	} else {
		st.segCut = st.cutRule(a, segStart, ruleOrgEndTitle)
		parts = st.flush(parts, segStart, i)
	}
	// modifiers written in lower case before the run: "working
	// president", "national general secretary", "deputy akim"
	// ("a former state Attorney General" keeps its own capitals)
	if ta == a && !st.t[i].cap {
		t0 := ta
		for ta > 0 && ta > a-3 && st.d.Tokens[ta-1].Sentence == st.d.Tokens[a].Sentence && l.titleMods[st.low[ta-1]] && !st.t[ta-1].cap {
			ta--
		}
		if ta < t0 {
			st.fire(ruleTitleLowerModifiers, t0, i+n, ta, i+n)
		}
	}
	// titles that follow each other make one: "deputy president"
	n0 := n
	for i+n < p {
		m, _ := st.match(pTitles, i+n, p)
		if m == 0 {
			break
		}
		n += m
	}
	if n > n0 {
		st.fire(ruleTitleChain, i, i+n0, i, i+n)
	}
	if n1 := st.extendMinister(i, n, p); n1 > n {
		st.fire(ruleTitleMinisterPortfolio, i, i+n, i, i+n1)
		n = n1
	}
	// a body word inside the title is no part of it: "party
	// president", "Mazhilis deputy"
	// ("Cabinet Secretary", a country's post the lexicon names with its
	// body word, keeps it)
	tb := ta
	if tb < i+n-1 && (partyWords[st.low[tb]] || l.alone[st.low[tb]]) && !(tb == i && e.Field(1) != "") {
		tb++
		st.fire(ruleTitleBodyWordOut, ta, i+n, tb, i+n)
	}
	st.titles = append(st.titles, titleRef{a: tb, b: i + n, text: st.slice(tb, i+n), entry: e, person: -1, org: -1})
	st.fire(ruleTitle, tb, i+n, tb, i+n)
	return parts, part{k: 't', a: i, b: i + n, title: len(st.titles) - 1}
}

// portfolioTail returns where the one or two portfolio words that end the
// segment [segStart, i) before a title start, when words that are no
// portfolio come before them; i when there are none.
func (st *state) portfolioTail(segStart, i int) int {
	for k := max(segStart+1, i-2); k < i; k++ {
		if st.t[k-1].has(fConnector) && !st.t[k-1].cap && st.low[k-1] != "and" {
			// "Federation of Labour president": the body's name ends in
			// them (and no shorter tail is a portfolio either); after
			// "and" they are the second of two portfolios ("Labour and
			// Social Security Minister": role.title.portfolio-and)
			return i
		}
		if st.portfolio(k, i) {
			return k
		}
	}
	return i
}

// lowerMods returns where the lower-case title modifiers right before a
// lower-case title at i start inside a run's segment [segStart, i) ("DOLE
// regional director"): i when there are none, or when the segment holds
// nothing else (the run's start is handled on its own).
func (st *state) lowerMods(segStart, i int) int {
	if i >= len(st.t) || st.t[i].cap {
		return i
	}
	k := i
	for k > segStart && st.f.l.titleMods[st.low[k-1]] && !st.t[k-1].cap {
		k--
	}
	if k == segStart {
		return i
	}
	return k
}

// attachTitles gives each title of a run the person at the run's end, and
// the body after it ("Chairman of the X"), else the body or place before
// it ("Senate Speaker").
func (st *state) attachTitles(parts []part) {
	pi := -1
	if n := len(parts); n > 0 && parts[n-1].k == 'p' {
		pi = parts[n-1].ment
	}
	for x, pt := range parts {
		if pt.k != 't' {
			continue
		}
		tr := &st.titles[pt.title]
		tr.person = pi
		if pi >= 0 && st.servedPerson(tr.b, st.ments[pi].a) {
			// "a spokeswoman for Mr. Russo": Russo is served, not the holder
			tr.person = -1
			st.fire(ruleTitleServed, tr.a, tr.b, st.ments[pi].a, st.ments[pi].b)
		} else if pi >= 0 {
			tr.link = ruleTitleHolderInRun
			st.fire(ruleTitleHolderInRun, tr.a, tr.b, st.ments[pi].a, st.ments[pi].b)
		}
		// body after: "of/to the X"
		if x+1 < len(parts) && (parts[x+1].k == 'o' || parts[x+1].k == 'l') {
			st.attach(tr, parts[x+1])
			st.fire(ruleTitleBodyAfter, tr.a, tr.b, parts[x+1].a, parts[x+1].b)
		} else if x > 0 && (parts[x-1].k == 'o' || parts[x-1].k == 'l') {
			st.attach(tr, parts[x-1])
			st.fire(ruleTitleBodyBefore, tr.a, tr.b, parts[x-1].a, parts[x-1].b)
			if x > 1 && parts[x-2].k == 'l' && parts[x-1].k == 'o' {
				tr.place = st.ments[parts[x-2].ment].name
			}
		}
	}
}

// postnominal returns how many tokens of run [a, b) a title written after
// the holder's name takes at the run's end ("Imran Qureshy MP"), 0 when
// none does or no word stands before it.
func (st *state) postnominal(a, b int) int {
	for i := max(a+1, b-2); i < b; i++ {
		if n, _ := st.match(pTitles, i, b); i+n == b && st.f.l.postnom[strings.Join(st.low[i:b], " ")] && st.t[i-1].cap {
			return n
		}
	}
	return 0
}

// postTitle records the postnominal title [a, b) of person mention pm.
func (st *state) postTitle(a, b, pm int) {
	_, e := st.match(pTitles, a, b)
	st.titles = append(st.titles, titleRef{a: a, b: b, text: st.slice(a, b), entry: e, person: pm, org: -1, link: ruleTitlePostnominal})
	st.fire(ruleTitle, a, b, a, b)
	st.fire(ruleTitlePostnominal, a, b, st.ments[pm].a, st.ments[pm].b)
}

// servedPerson reports whether tokens [a, p) between a title and a person
// are "for" or "to" and a form of address at most: "spokeswoman for Mr.
// Russo", "adviser to Ann Lee".
func (st *state) servedPerson(a, p int) bool {
	if a >= p || st.low[a] != "for" && st.low[a] != "to" {
		return false
	}
	for i := a + 1; i < p; i++ {
		if n, _ := st.match(pHonorifics, i, p); n > 0 {
			i += n - 1
			continue
		}
		if st.low[i] != "." {
			return false
		}
	}
	return true
}
