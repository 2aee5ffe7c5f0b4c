package entities

import (
	"plenary/pipeline/rules"
	"strings"
	"unicode/utf8"
)

// Linking titles to people across the runs of one sentence: apposition after
// a name ("Koshanov, the Chairman of the Majilis"), before it ("The Chairman
// of X, Zauresh Umirbayeva,"), chains ("the head of X – Deputy Chairman of Y
// Nurlan Uteshev"), and acronyms defined in passing ("... Kazakhstan (FPRK)").

func (ri *runInfo) person() int {
	if n := len(ri.parts); n > 0 && ri.parts[n-1].k == 'p' {
		return ri.parts[n-1].ment
	}
	return -1
}

func (ri *runInfo) startsWithTitle() bool {
	return len(ri.parts) > 0 && ri.parts[0].k == 't'
}

// titleFirst reports whether the run starts with a title, or with a body
// and its title ("Senate deputy Ann Lee"): a person's post leads it.
func (ri *runInfo) titleFirst() bool {
	return ri.startsWithTitle() || len(ri.parts) > 1 && ri.parts[0].k == 'o' && ri.parts[1].k == 't'
}

func (ri *runInfo) hasTitle() bool {
	for _, p := range ri.parts {
		if p.k == 't' {
			return true
		}
	}
	return false
}

func (ri *runInfo) onlyPerson() bool {
	return len(ri.parts) == 1 && ri.parts[0].k == 'p'
}

var (
	ruleAcronymAfter = rules.New(rules.StageEntities, rules.Link, "org.link.acronym-after",
		"an acronym in brackets right after a body's name is its acronym",
		"the Federation of Trade Unions of Kazakhstan [(FPRK)]")
	ruleAcronymSpelled = rules.New(rules.StageEntities, rules.Link, "org.link.acronym-spelled-out",
		"a body's name in brackets right after an acronym spells the acronym out",
		"the AZLC [(Azerbaijan Labour Confederation)]")
	ruleTitleAppositionAfter = rules.New(rules.StageEntities, rules.Link, "title.link.name-title",
		"a title run right after \"NAME,\" (articles allowed) belongs to that name",
		"Koshanov, the [Chairman] of the Majilis, spoke.")
	ruleTitleBeforeName = rules.New(rules.StageEntities, rules.Link, "title.link.before-name",
		"a title run followed by \", NAME\" belongs to that name",
		"The [Chairman] of the Union, Zauresh Umirbayeva, spoke.")
	ruleTitleChainLink = rules.New(rules.StageEntities, rules.Link, "title.link.chain",
		"a title chained to the next title of a person (or to a body and its title) by a dash or comma belongs to that person",
		"He met the [head] of the office – Deputy Chairman of the Union Nurlan Uteshev.")
	ruleTitleAs = rules.New(rules.StageEntities, rules.Link, "title.link.as",
		"a title after \"as\" (served as, appointed NAME as) belongs to the nearest person before",
		"Bekov served as [deputy prime minister]")
	rulePluralNames = rules.New(rules.StageEntities, rules.Link, "title.link.plural-names",
		"a plural title right before a list of names (capitalized, or lower-case after his/her/its/their/the) gives each of them the title in the singular",
		"The rally was joined by former Senators Panfilo Lacson and [Manny Pacquiao].")
	ruleTitleSubject = rules.New(rules.StageEntities, rules.Reject, "title.link.subject-not-apposition",
		"a title after \"NAME,\" that a reporting verb follows is the subject of a new clause, not the name's apposition",
		"Referring to a speech of Prime Minister Anil Rao, the [minister] said the aim was clear.")
	ruleTitleServedPost = rules.New(rules.StageEntities, rules.Reject, "title.link.served-post",
		"a title after another title and \"for\" or \"to\" is the post the first serves: the name in apposition holds only the first",
		"A spokesman for the [governor], Dan Tierney, said so.")
	ruleTitlePlural = rules.New(rules.StageEntities, rules.Link, "title.link.plural",
		"a plural title before a list of people gives each of them the title in the singular",
		"The [chairmen] of local trade unions of LLP Kezbi Ann Lee and LLP Munay Tom Hart spoke.")
)

func (st *state) setPerson(ri *runInfo, p int, r *rules.Rule) {
	prev := -1 // the end of the run's previous title
	for _, pt := range ri.parts {
		if pt.k != 't' {
			continue
		}
		tr := &st.titles[pt.title]
		if prev >= 0 && st.servesTitle(prev, tr.a) {
			// "a spokesman for the governor, NAME": the governor is served
			st.fire(ruleTitleServedPost, tr.a, tr.b, tr.a, tr.b)
			prev = tr.b
			continue
		}
		prev = tr.b
		if tr.person < 0 {
			tr.person = p
			tr.link = r
			st.fire(r, pt.a, pt.b, st.ments[p].a, st.ments[p].b)
		}
	}
}

func (st *state) isSep(i int) bool {
	switch st.d.Tokens[i].Text {
	case ",", "–", "—", "-":
		return true
	}
	return false
}

func (st *state) link(runs []runInfo, sentEnd int) {
	for x := range runs {
		st.acronyms(runs, x, sentEnd)
	}
	st.asTitles(runs)
	st.pluralTitles(runs, sentEnd)
	st.pluralNames(runs)
	for x := range runs {
		r := &runs[x]
		if !r.hasTitle() || r.person() >= 0 {
			continue
		}
		// after a name: "NAME, [the] TITLE ..."
		if x > 0 && r.startsWithTitle() {
			prev := &runs[x-1]
			if p := prev.person(); p >= 0 && st.gapIs(prev.b, r.a, true) && !st.hasTitle(p) {
				if !st.verbAt(r.b) {
					st.setPerson(r, p, ruleTitleAppositionAfter)
					continue
				}
				st.fire(ruleTitleSubject, r.a, r.b, r.a, r.b)
			}
		}
		// before a name: "[The] TITLE of X, NAME"
		if x+1 < len(runs) && runs[x+1].onlyPerson() && st.gapIs(r.b, runs[x+1].a, false) {
			st.setPerson(r, runs[x+1].person(), ruleTitleBeforeName)
			continue
		}
		st.chain(runs, x)
	}
}

// servesTitle reports whether tokens [a, b) between two titles of a run
// are "for" or "to" and an article at most: "spokesman for the governor",
// "adviser to the President".
func (st *state) servesTitle(a, b int) bool {
	if b-a == 2 && (st.low[b-1] == "the" || st.low[b-1] == "a") {
		b--
	}
	return b-a == 1 && (st.low[a] == "for" || st.low[a] == "to")
}

// verbAt reports whether a reporting verb (person_cues.txt), or an
// auxiliary and one, starts at token i: "..., the minister said".
func (st *state) verbAt(i int) bool {
	return i < len(st.t) && (st.t[i].has(fCue) || st.t[i].has(fCueAux) && i+1 < len(st.t) && st.t[i+1].has(fCue))
}

// acronyms links an acronym in brackets to the body of run x: defined
// right after it ("... (FPRK)"), or the other way round, spelled out after
// the acronym the run ends with ("the AZLC (Azerbaijan Labour
// Confederation)").
func (st *state) acronyms(runs []runInfo, x, sentEnd int) {
	r := &runs[x]
	if n := len(r.parts); n > 0 && r.parts[n-1].k == 'o' && r.b+2 < sentEnd &&
		st.d.Tokens[r.b].Text == "(" && st.t[r.b+1].allCaps && st.d.Tokens[r.b+2].Text == ")" {
		st.ments[r.parts[n-1].ment].acronym = st.t[r.b+1].text
		st.fire(ruleAcronymAfter, r.parts[n-1].a, r.parts[n-1].b, r.b+1, r.b+2)
	}
	if x+1 < len(runs) && r.b < sentEnd && st.d.Tokens[r.b].Text == "(" && runs[x+1].a == r.b+1 {
		nx := &runs[x+1]
		last := r.b - 1
		if n := len(nx.parts); n == 1 && nx.parts[0].k == 'o' && nx.b < sentEnd && st.d.Tokens[nx.b].Text == ")" &&
			st.t[last].allCaps && !st.t[last].initial && utf8.RuneCountInString(st.t[last].text) >= 2 && !st.allCapsSentence(last) {
			if m := &st.ments[nx.parts[0].ment]; m.acronym == "" && m.b-m.a >= 2 {
				m.acronym = st.t[last].text
				st.fire(ruleAcronymSpelled, last, last+1, m.a, m.b)
			}
		}
	}
}

// chain links the titles of run x to the person of a later run that starts
// with a title and follows a dash or comma: "TITLE of X – TITLE of Y NAME",
// "deputy of ..., chairman of Y NAME". Only lower-case words and runs with
// neither title nor person may stand before the separator, and nothing
// after it.
func (st *state) chain(runs []runInfo, x int) {
	r := &runs[x]
	sep := false
	i := r.b
	for y := x + 1; y < len(runs) && i < r.b+16; y++ {
		nx := &runs[y]
		var ok bool
		if i, sep, ok = st.chainGap(i, nx.a, sep); !ok {
			return
		}
		if sep {
			if nx.titleFirst() && nx.person() >= 0 {
				st.setPerson(r, nx.person(), ruleTitleChainLink)
			}
			return
		}
		if nx.hasTitle() || nx.person() >= 0 {
			return
		}
		i = nx.b
	}
}

// chainGap walks tokens [i, end) between two runs of a chain: lower-case
// words and at most one separator (sep says whether one was seen); ok is
// false when anything else stands there.
func (st *state) chainGap(i, end int, sep bool) (int, bool, bool) {
	for ; i < end; i++ {
		if st.isSep(i) {
			if sep {
				return i, sep, false
			}
			sep = true
			continue
		}
		// after the separator the next title follows at once: "The
		// Governor assured the officials ..., so he asked Deputy
		// Governor X" is no chain
		if st.t[i].word && !st.t[i].cap && !sep {
			continue
		}
		return i, sep, false
	}
	return i, sep, true
}

// gapIs reports whether tokens [a, b) are a comma plus optional articles
// (withThe) or exactly a comma.
func (st *state) gapIs(a, b int, withThe bool) bool {
	comma := false
	for i := a; i < b; i++ {
		switch st.low[i] {
		case ",":
			if comma {
				return false
			}
			comma = true
		default:
			if !titleGap[st.low[i]] || !withThe || !comma {
				return false
			}
		}
	}
	return comma
}

// hasTitle reports whether person mention p already has a title.
func (st *state) hasTitle(p int) bool {
	for _, t := range st.titles {
		if t.person == p {
			return true
		}
	}
	return false
}

// asTitles links "NAME (had) served as TITLE" and "appointed NAME as TITLE"
// to the nearest person before "as" in the sentence.
func (st *state) asTitles(runs []runInfo) {
	for x := range runs {
		r := &runs[x]
		if !r.startsWithTitle() || r.person() >= 0 {
			continue
		}
		k := r.a - 1
		for k > 0 && asGap[st.low[k]] {
			k--
		}
		if k < 1 || st.low[k] != "as" {
			continue
		}
		prev := -1
		for y := x - 1; y >= 0; y-- {
			if p := runs[y].person(); p >= 0 {
				prev = y
				break
			}
		}
		if prev < 0 {
			continue
		}
		if !(asVerbs[st.low[k-1]] || runs[prev].b == k) {
			continue
		}
		st.setPerson(r, runs[prev].person(), ruleTitleAs)
	}
}

// pluralNames gives a capitalized plural title right before a list of
// names ("former Senators Panfilo Lacson and Manny Pacquiao", "Presidents
// Putin and Xi") to each of them, in the singular: the run holding the
// title and the first name, then each run that is only a person and
// follows a comma or "and".
func (st *state) pluralNames(runs []runInfo) {
	for x := range runs {
		r := &runs[x]
		k := r.a
		if k+1 >= r.b || !st.t[k].cap || singular(st.t[k].text) == st.t[k].text {
			// "his deputies Piotr Nowak and Ewa Lis": a lower-case plural
			// after a determiner stands outside the run
			k = r.a - 1
			if k < 1 || st.t[k].cap || !pluralDeterminers[st.low[k-1]] || st.d.Tokens[k].Sentence != st.d.Tokens[r.a].Sentence {
				continue
			}
		}
		sg := singular(st.t[k].text)
		if sg == st.t[k].text || !st.f.l.titleWords[strings.ToLower(sg)] {
			continue
		}
		p := r.person()
		if p < 0 || st.ments[p].a != k+1 {
			continue
		}
		give := func(p int) {
			st.titles = append(st.titles, titleRef{a: k, b: k + 1, text: sg, person: p, org: -1, link: rulePluralNames})
			st.fire(rulePluralNames, k, k+1, st.ments[p].a, st.ments[p].b)
		}
		give(p)
		for y := x + 1; y < len(runs) && runs[y].onlyPerson() && st.listJoin(runs[y-1].b, runs[y].a); y++ {
			give(runs[y].person())
		}
	}
}

// listJoin reports whether tokens [a, b) join two items of a list: a
// comma, "and", or both.
func (st *state) listJoin(a, b int) bool {
	if a >= b || b-a > 2 {
		return false
	}
	for i := a; i < b; i++ {
		if st.low[i] != "," && st.low[i] != "and" {
			return false
		}
	}
	return true
}

// pluralTitles gives a plural title before a list ("chairmen of local trade
// unions of LLP X NAME, LLP Y NAME and ...") to every person of the list,
// in the singular.
func (st *state) pluralTitles(runs []runInfo, sentEnd int) {
	if len(runs) == 0 {
		return
	}
	l := st.f.l
	from := runs[0].a
	if s := st.d.Tokens[from].Sentence; s < len(st.d.SentTokens) {
		from = st.d.SentTokens[s][0]
	}
	for k := from; k < sentEnd; k++ {
		if k+1 >= sentEnd || st.low[k+1] != "of" {
			continue
		}
		w := st.low[k]
		sg := singular(w)
		if sg == w || !l.titleWords[sg] {
			continue
		}
		// "House of Representatives of X", "Council of Ministers of X":
		// a capitalized plural after "of" is part of a body's name
		if st.t[k].cap && k > from && st.low[k-1] == "of" {
			continue
		}
		// its modifiers: "the deputy chairmen of the federation X and Y"
		ma := k
		for ma > from && l.titleMods[st.low[ma-1]] && st.t[ma-1].cap == st.t[k].cap {
			ma--
		}
		if ma < k {
			sg = st.slice(ma, k) + " " + sg
		}
		pos := k + 2
		for y := range runs {
			r := &runs[y]
			if r.b <= k {
				continue
			}
			if r.a <= k {
				// "Deputies of the Jogorku Kenesh Nazgul Abdrakhmanova and
				// Elmira Satybaldieva": the capitalized plural opens a run
				// that ends with the list's first name
				if p := r.person(); p < 0 || r.hasTitle() || st.t[r.b-1].has(fConnector) {
					break
				}
				pos = r.b
			} else if r.hasTitle() || !st.listGap(pos, r.a) {
				break
			}
			pos = r.b
			// a list item ends at a comma, "and" or the sentence end: a
			// name followed by its verb starts a clause of its own
			if r.b < sentEnd && st.t[r.b].word && !st.t[r.b].has(fConnector) {
				break
			}
			if p := r.person(); p >= 0 {
				st.titles = append(st.titles, titleRef{a: ma, b: k + 1, text: sg, person: p, org: -1, link: ruleTitlePlural})
				st.fire(ruleTitlePlural, ma, k+1, st.ments[p].a, st.ments[p].b)
			}
			// the next plural title takes over
			if y+1 < len(runs) && st.pluralBetween(r.b, runs[y+1].a) {
				break
			}
		}
	}
}

// listGap reports whether tokens [a, b) between a plural title and a person
// of its list, or between two people of it, belong to the list: connectors,
// body and place words, title modifiers, commas and quotation marks. A verb
// ends the list: "Members of the union voted, and Anna Berg spoke" gives
// Berg no title; so does a verb after a name ("members of the party, Anna
// Berg said").
func (st *state) listGap(a, b int) bool {
	for i := a; i < b; i++ {
		w := st.low[i]
		switch {
		case st.bodyWord(i):
		case !st.t[i].word && w != ";" && w != "." && w != ":":
		default:
			return false
		}
	}
	return true
}

// bodyWord reports whether token i may stand in a body's "of" phrase
// written in lower case: a connector, a body or place word (in the
// singular too) or a title modifier.
func (st *state) bodyWord(i int) bool {
	l := st.f.l
	w := st.low[i]
	return st.t[i].has(fConnector|fOrgWord|fHead|fRegion) || l.titleMods[w] || l.orgWords[singular(w)] || l.heads[singular(w)]
}

func (st *state) pluralBetween(a, b int) bool {
	for i := a; i < b; i++ {
		if sg := singular(st.low[i]); sg != st.low[i] && st.f.l.titleWords[sg] {
			return true
		}
	}
	return false
}
