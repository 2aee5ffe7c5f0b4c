package entities

// Linking the titles pipeline/entities left without a holder because the
// body after them is written with a lower-case unit: "Head of the legal
// department of the Federation of X Ion Rusu", "the chairman of the regional
// organization Dana Serikova", "the head of the international department of
// KSPU, Aliya Nurova,", and apposition after a name with a lower-case
// modifier or after a name that already has a title ("K. Abenova, legal
// inspector of the Center"). Only the patterns entities already trusts are
// extended: the title is directly before the name (or before ", NAME,"), or
// directly after "NAME,"; the words between are an "of" phrase of names and
// of a closed class of words for units and their attributes, so "the head of
// the department told Marat Omarov" links nothing.

import (
	"sort"
	"strings"

	"plenary/pipeline/annot"
	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

// lexWords holds the title linker's lexicon-derived words, built once per
// lexicon; a token's word classes are read from the tokens layer
// (segment.Doc.Class, see lexicon.ClassIndex).
type lexWords struct {
	classes    *lexicon.ClassIndex // for a document whose tokens no pass tagged
	honorific  map[string]bool     // every word of an honorific, lower-case
	secondRank map[string]bool     // title modifiers that make a post below another (deputy, vice)
	portfolio  map[string]map[string]bool
}

// unitClasses are the words of a body's unit and its attributes: "legal
// department", "regional council", "village".
const unitClasses = lexicon.OrgWord | lexicon.OrgHead | lexicon.TitleModifier |
	lexicon.RoleUnit | lexicon.EntityRegion | lexicon.EntitySettlement

func wordsOf(lx *lexicon.Lexicon) *lexWords {
	if lx == nil {
		lx = &lexicon.Lexicon{}
	}
	w := &lexWords{classes: lexicon.NewClassIndex(lx), honorific: map[string]bool{}}
	w.portfolio = portfolioHeads(lx)
	w.secondRank = map[string]bool{}
	for _, e := range lx.List("title_modifiers") {
		if e.Field(1) == "second" {
			w.secondRank[strings.ToLower(e.Key())] = true
		}
	}
	for _, k := range lx.Keys("honorifics") {
		for _, f := range strings.Fields(k) {
			w.honorific[strings.ToLower(f)] = true
		}
	}
	return w
}

// second reports whether title names a post below another: a word of it,
// or its first part before a hyphen ("Vice-Governor"), is a second-rank
// modifier.
func (w *lexWords) second(title string) bool {
	for _, f := range strings.Fields(strings.ToLower(title)) {
		if w.secondRank[f] {
			return true
		}
		if a, _, ok := strings.Cut(f, "-"); ok && w.secondRank[a] {
			return true
		}
	}
	return false
}

// linker holds one document's token view: which token starts a person
// mention, which tokens lie inside a named body or place, where titles
// start.
type linker struct {
	d        *segment.Doc
	w        *lexWords
	cls      []lexicon.WordClass // each token's word classes
	personAt map[int]int         // first token of a person mention -> People index
	personTo map[int]int         // token after a person mention -> People index
	inName   []bool              // token inside an organization or location mention
	tokKind  []mentionKind       // the type of the mention each token is inside (kindNone when none)
	orgAt    map[int]int         // first token of an organization mention -> Organizations index
	titleAt  map[int]bool
	titleTo  map[int]bool // the token after a title
}

// mentionKind is a mention's entity type as the linker compares it: a byte
// a token rather than a string.
type mentionKind uint8

const (
	kindNone mentionKind = iota
	kindPerson
	kindOrg
	kindPlace
	kindOther // a type the linker does not ask about (a date)
)

func kindOf(t string) mentionKind {
	switch t {
	case doc.TypePerson:
		return kindPerson
	case doc.TypeOrganization:
		return kindOrg
	case doc.TypeLocation:
		return kindPlace
	case "":
		return kindNone
	}
	return kindOther
}

func newLinker(d *segment.Doc, ents Result, w *lexWords) *linker {
	k := &linker{d: d, w: w, personAt: map[int]int{},
		personTo: map[int]int{}, inName: make([]bool, len(d.Tokens)), tokKind: make([]mentionKind, len(d.Tokens)), orgAt: map[int]int{}, titleAt: map[int]bool{}, titleTo: map[int]bool{}}
	if k.cls = d.Class; len(k.cls) != len(d.Tokens) {
		k.cls = w.classes.Tag(d.Low) // tokens no pass tagged (tests, tools)
	}
	people := map[string]int{}
	for i, p := range ents.People {
		people[p.ID] = i
	}
	orgs := map[string]int{}
	for i, o := range ents.Organizations {
		orgs[o.ID] = i
	}
	toks := ents.MentionTokens
	if len(toks) != len(ents.Mentions) {
		toks = annot.IndexMentions(d, ents.Mentions) // a Result made by hand (tests)
	}
	for mi, m := range ents.Mentions {
		a, b := int(toks[mi].First), int(toks[mi].Whole)
		if a >= b {
			continue
		}
		mk := kindOf(m.EntityType)
		for i := a; i < b; i++ {
			k.tokKind[i] = mk
		}
		switch m.EntityType {
		case doc.TypePerson:
			if p, ok := people[m.EntityID]; ok {
				k.personAt[a] = p
				k.personTo[b] = p
			}
		case doc.TypeOrganization, doc.TypeLocation:
			for i := a; i < b; i++ {
				k.inName[i] = true
			}
			if o, ok := orgs[m.EntityID]; ok && m.EntityType == doc.TypeOrganization {
				k.orgAt[a] = o
			}
		}
	}
	for _, t := range ents.Titles {
		if a, b := k.tokenRange(t.Span); a < b {
			k.titleAt[a] = true
			k.titleTo[b] = true
		}
	}
	return k
}

// personSpan returns the span of person p's mention nearest after token
// from (else before it), for the trace.
func (k *linker) personSpan(p, from int) doc.Span {
	best := -1
	for a, q := range k.personAt {
		if q == p && (best < 0 || a >= from && (best < from || a < best) || a < from && best < from && a > best) {
			best = a
		}
	}
	if best < 0 {
		return doc.Span{}
	}
	b := best + 1
	for b < len(k.d.Tokens) {
		if q, ok := k.personTo[b]; ok && q == p {
			break
		}
		b++
	}
	return doc.Span{Start: k.d.Tokens[best].Start, End: k.d.Tokens[min(b, len(k.d.Tokens))-1].End}
}

// lower returns token i in lower case (segment computed it).
func (k *linker) lower(i int) string { return k.d.Low[i] }

// is reports whether token i is a word of one of the classes c.
func (k *linker) is(i int, c lexicon.WordClass) bool { return k.cls[i]&c != 0 }

// honorificAt reports whether token i, without a full stop after it
// ("Dr."), is a word of an honorific.
func (k *linker) honorificAt(i int) bool {
	if w := k.lower(i); strings.HasSuffix(w, ".") {
		return k.w.honorific[w[:len(w)-1]]
	}
	return k.is(i, lexicon.HonorificWord)
}

// tokenRange maps a rune span to the tokens [a, b) it covers.
func (k *linker) tokenRange(s doc.Span) (int, int) {
	toks := k.d.Tokens
	a := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= s.Start })
	b := a
	for b < len(toks) && toks[b].End <= s.End {
		b++
	}
	return a, b
}

// link finds the holder of an unattached title: the person, the body named
// in the phrase (-1 when none) and the rule's method; person is -1 when no
// pattern holds.
func (k *linker) link(t Title) (person, org int, method string) {
	a, b := k.tokenRange(t.Span)
	if a >= b || t.Sentence < 0 || t.Sentence >= len(k.d.SentTokens) {
		return -1, -1, ""
	}
	end := k.d.SentTokens[t.Sentence][1]
	if k.served(a, k.d.SentTokens[t.Sentence][0]) {
		// "a spokesman for the governor, Dan Tierney": Tierney speaks
		// for the governor, he is none
		return -1, -1, ruleTitleServedPost.ID
	}
	if p, ok := k.personAt[b]; ok {
		return p, -1, ruleRoleTitleBeforeName.ID
	}
	if p, o, comma := k.before(b, end); p >= 0 && !comma {
		return p, o, ruleUnitPhrase.ID
	}
	if p, _ := k.after(a, k.d.SentTokens[t.Sentence][0]); p >= 0 {
		if k.verbAt(b, end) {
			// "..., Prime Minister Anil Rao, the minister said"
			return -1, -1, ruleTitleSubject.ID
		}
		return p, -1, ruleApposition.ID
	}
	if p, o, comma := k.before(b, end); p >= 0 && comma {
		return p, o, ruleUnitPhraseComma.ID
	}
	if p := k.afterAnd(a, k.d.SentTokens[t.Sentence][0]); p >= 0 {
		return p, -1, ruleAppositionAnd.ID
	}
	if p, o := k.commaBody(b, end); p >= 0 {
		return p, o, ruleTitleCommaName.ID
	}
	if p := k.predicate(a, b, k.d.SentTokens[t.Sentence][0]); p >= 0 {
		return p, -1, rulePredicate.ID
	}
	if p := k.predicateObject(a, k.d.SentTokens[t.Sentence][0]); p >= 0 {
		return p, -1, rulePredicateObject.ID
	}
	if p := k.predicateInverse(b, end); p >= 0 {
		return p, -1, rulePredicateInverse.ID
	}
	return -1, -1, ""
}

// served reports whether the title at a follows another title and "for"
// or "to" (an article between): the post the other serves.
func (k *linker) served(a, start int) bool {
	j := a - 1
	if j > start && (k.lower(j) == "the" || k.lower(j) == "a") {
		j--
	}
	return j > start && (k.lower(j) == "for" || k.lower(j) == "to") && k.titleTo[j]
}

// verbAt reports whether a reporting verb, or an auxiliary and one,
// starts at token i of a sentence ending at end.
func (k *linker) verbAt(i, end int) bool {
	return i < end && (k.is(i, lexicon.PersonCue) || k.is(i, lexicon.EntityCueAux) && i+1 < end && k.is(i+1, lexicon.PersonCue))
}

// commaBody finds the holder of a title followed by ", NAME," or by ",
// BODY, NAME" (lists of officials: "Director-General, Maritime Safety
// Agency, Bashir Musa;"), the name closed by a comma, a semicolon or the
// sentence end; "in PLACE" may stand before the comma.
func (k *linker) commaBody(b, end int) (person, org int) {
	// "The NLC chairman in Kano State, Comrade Kabiru Inuwa,": the place
	// of the post before the comma
	if b+2 < end && k.lower(b) == "in" && k.tokKind[b+1] == kindPlace {
		e := b + 1
		for e < end && k.tokKind[e] == kindPlace {
			e++
		}
		if e < end && k.d.Tokens[e].Text == "," {
			b = e
		}
	}
	if b+1 >= end || k.d.Tokens[b].Text != "," {
		return -1, -1
	}
	if p := k.commaName(b+1, end); p >= 0 && k.closedName(b+1, end) {
		return p, -1
	}
	o, ok := k.orgAt[b+1]
	if !ok {
		return -1, -1
	}
	e := b + 1
	for e < end && k.tokKind[e] == kindOrg {
		e++
	}
	if e >= end || k.d.Tokens[e].Text != "," {
		return -1, -1
	}
	if p := k.commaName(e+1, end); p >= 0 && k.closedName(e+1, end) {
		return p, o
	}
	return -1, -1
}

// closedName reports whether the person's name at j (after honorifics) is
// closed by a comma, a semicolon or the sentence's end, not by a full stop
// inside the sentence or another word.
func (k *linker) closedName(j, end int) bool {
	j = k.skipAddress(j, end)
	p, ok := k.personAt[j]
	if !ok {
		return false
	}
	e := j + 1
	for e < end {
		if q, ok := k.personTo[e]; ok && q == p {
			break
		}
		e++
	}
	if e >= end || e == end-1 && isEnd(k.d.Tokens[e].Text) {
		return true
	}
	switch k.d.Tokens[e].Text {
	case ",", ";":
		return true
	}
	return false
}

// skipAddress returns where a name starts at j past a form of address
// ("Mr", "the Rev.", "Cllr"): up to three words of honorifics, their full
// stops, and an article before them.
func (k *linker) skipAddress(j, end int) int {
	if j+1 < end && k.lower(j) == "the" && k.is(j+1, lexicon.HonorificWord) {
		j++
	}
	for n := 0; j < end && n < 4; n++ {
		if _, ok := k.personAt[j]; ok {
			break
		}
		w := k.lower(j)
		if !k.honorificAt(j) && !(w == "." && n > 0) {
			break
		}
		j++
	}
	return j
}

func isEnd(s string) bool { return s == "." || s == "!" || s == "?" }

// before walks from the token after a title over "of" and a phrase of
// names and unit words to a person mention: "TITLE of the legal department
// of X NAME", or "TITLE of ... X, NAME," with the name closed by a comma.
func (k *linker) before(i, end int) (person, org int, comma bool) {
	org = -1
	if i >= end || k.lower(i) != "of" {
		return -1, -1, false
	}
	named := false // the phrase holds a capitalized word or a name
	for j := i; j < end && j < i+30; j++ {
		if p, ok := k.personAt[j]; ok {
			// "TITLE of [the ...] the NAME ..." names a body after a person
			if prev := k.lower(j - 1); prev == "of" || prev == "the" || prev == "a" || !named && org < 0 && !k.unitBefore(i, j) {
				return -1, -1, false
			}
			return p, org, false
		}
		if j > i && k.titleAt[j] {
			return -1, -1, false
		}
		if o, ok := k.orgAt[j]; ok && org < 0 {
			org = o
		}
		tx := k.d.Tokens[j].Text
		switch {
		case k.inName[j]:
			named = true
		case tx == ",":
			// "The Chairman of the committee, Ann Lee, said": a phrase
			// without a name takes a name closed by a comma
			p := k.commaName(j+1, end)
			if p < 0 || !named && org < 0 && !k.closedName(j+1, end) {
				return -1, -1, false
			}
			return p, org, true
		case isCap(tx):
			named = true
		case k.lower(j) == "of" || k.lower(j) == "the" || k.is(j, unitClasses):
		case isMark(tx):
		case k.lower(j) == "to" && j+1 < end && k.inName[j+1]:
			// "Ambassador of Kazakhstan to Mongolia NAME"
		default:
			return -1, -1, false
		}
	}
	return -1, -1, false
}

// unitBefore reports whether the phrase (i, j) ends in a unit word, so
// "the chairman of the regional organization NAME" stands without a name
// in its body.
func (k *linker) unitBefore(i, j int) bool {
	return j-1 > i && k.is(j-1, unitClasses)
}

// commaName returns the person of ", [honorifics] NAME," or ", NAME" at the
// sentence end.
func (k *linker) commaName(j, end int) int {
	j = k.skipAddress(j, end)
	p, ok := k.personAt[j]
	if !ok {
		return -1
	}
	e := j + 1
	for e < end {
		if q, ok := k.personTo[e]; ok && q == p {
			break
		}
		e++
	}
	if e >= end {
		return p
	}
	switch k.d.Tokens[e].Text {
	case ",", ".", "!", "?", ";":
		return p
	}
	return -1
}

// after finds "NAME, [the] [modifiers] TITLE": a person mention ending at
// a comma, a few articles or adverbs, lower-case unit words that belong to
// the post ("chief state labor inspector"), then the title. from is the
// first modifier's token (a when there is none).
func (k *linker) after(a, start int) (person, from int) {
	j := a - 1
	from = a
	// only a title written in lower case takes them into its text: "a
	// former state Attorney General" is no "state Attorney General"
	capTitle := isCap(k.d.Tokens[a].Text)
	for j >= start && j > a-4 && k.is(j, unitClasses) && k.lower(j) == k.d.Tokens[j].Text {
		// a lower rank always belongs to the post: "vice Akim"
		if (!capTitle || k.is(j, lexicon.TitleSecond)) && from == j+1 {
			from = j
		}
		j--
	}
	for j >= start {
		if n := k.possessive(j, start); n > 0 {
			j -= n
			continue
		}
		if !k.is(j, lexicon.RoleStopBefore) {
			break
		}
		j--
	}
	// "NAME, Regional vice Akim": a capitalized title modifier right
	// after the comma stays out of the title
	if j > start && j < a && isCap(k.d.Tokens[j].Text) && k.is(j, lexicon.TitleModifier) && k.d.Tokens[j-1].Text == "," {
		j--
	}
	if j <= start || k.d.Tokens[j].Text != "," && k.d.Tokens[j].Text != "(" {
		return -1, a
	}
	// "NAME, TITLE" and "NAME (TITLE of X)"
	if p, ok := k.personTo[j]; ok {
		return p, from
	}
	if k.d.Tokens[j].Text == "(" {
		return -1, a
	}
	// "NAME of PLACE, the TITLE": a senator's state between name and title
	e := j - 1
	for e > start && k.inName[e] {
		e--
	}
	if e < j-1 && e > start && k.lower(e) == "of" {
		if p, ok := k.personTo[e]; ok {
			return p, from
		}
	}
	return -1, a
}

// afterAnd finds NAME in "NAME, [a] DESCRIPTION and [the] TITLE": the
// second of two appositions ("Senator Dan Ross, an Ohio Democrat and
// chairman of the subcommittee"); -1 when a name, a clause word or a mark
// stands between the comma and "and".
func (k *linker) afterAnd(a, start int) int {
	j := a - 1
	for j > start && k.is(j, lexicon.RoleStopBefore) {
		j--
	}
	if j <= start || k.lower(j) != "and" {
		return -1
	}
	for c := j - 1; c > start && c > j-8; c-- {
		if _, ok := k.personAt[c]; ok {
			return -1
		}
		switch w := k.lower(c); {
		case w == ",":
			if p, ok := k.personTo[c]; ok && c < j-1 {
				return p
			}
			return -1
		case isEnd(w) || w == ";" || w == "(" || w == ")" || w == "who" || w == "which" || w == "that" || k.is(c, lexicon.PersonCue):
			return -1
		}
	}
	return -1
}

// possessive returns how many tokens a lower-case noun's or a named
// body's possessive ending at j spans ("the company's chief executive", "the
// union’s treasurer", "the OPZZ's vice-chairwoman"), however the tokenizer
// split the ending; 0 when there is none.
func (k *linker) possessive(j, start int) int {
	n := 0 // tokens of the ending
	switch tx := k.d.Tokens[j].Text; {
	case tx == "'s" || tx == "’s":
		n = 1
	case tx == "s" && j-1 > start && (k.d.Tokens[j-1].Text == "'" || k.d.Tokens[j-1].Text == "’"):
		n = 2
	case !isCap(tx) && (strings.HasSuffix(tx, "'s") || strings.HasSuffix(tx, "’s")):
		return 1
	default:
		return 0
	}
	w := j - n
	if w <= start || k.d.Tokens[w].End != k.d.Tokens[w+1].Start {
		return 0
	}
	if !isCap(k.d.Tokens[w].Text) && !k.inName[w] {
		return n + 1
	}
	// a named body's: "Agnieszka Lis, the OPZZ's vice-chairwoman"
	if k.tokKind[w] == kindOrg {
		m := 1
		for w-m > start && k.tokKind[w-m] == kindOrg {
			m++
		}
		return n + m
	}
	return 0
}

func isMark(s string) bool {
	switch s {
	case "«", "»", "“", "”", "\"", "'", "’", "(", ")", "'s", "’s", "&":
		return true
	}
	return false
}

func isCap(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r > 127 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}

// modifier returns the title with a capitalized title modifier right before
// it prepended ("Legal inspector" at a sentence start, "the Acting General
// Secretary"): entities reads such a word as the start of a name. A word
// inside a named body or place, or a level or field after another
// capitalized word, is left out.
func (k *linker) modifier(t Title, lx *lexicon.Lexicon) (string, doc.Span) {
	a, b := k.tokenRange(t.Span)
	if a >= b || a == 0 || t.Sentence < 0 || t.Sentence >= len(k.d.SentTokens) {
		return t.Text, t.Span
	}
	m := a - 1
	first := k.d.SentTokens[t.Sentence][0]
	tx := k.d.Tokens[m].Text
	e, ok := lx.Lookup("title_modifiers", tx)
	if m < first || k.inName[m] || !isCap(tx) || !ok {
		return t.Text, t.Span
	}
	// after another capitalized word only a rank ("Teamsters General
	// President"), not a level ("Almaty City Akim")
	if m > first && isCap(k.d.Tokens[m-1].Text) && e.Field(1) == "" {
		return t.Text, t.Span
	}
	sp := t.Span
	sp.Start = k.d.Tokens[m].Start
	return tx + " " + t.Text, sp
}

// linkAll completes titles in place: capitalized modifiers joined, holders
// of unattached titles linked.
func (k *linker) linkAll(titles []Title, lx *lexicon.Lexicon, tr *rules.Trace) {
	for i, t := range titles {
		if k.d.Budget.Step() {
			return
		}
		titles[i].Text, titles[i].Span = k.modifier(t, lx)
		titles[i].Text, titles[i].Span = k.complement(titles[i])
		titles[i] = k.portfolio(titles[i], tr)
		if t.Person >= 0 && t.Method == ruleTitleAppositionAfter.ID {
			k.ownPhrase(&titles[i], tr)
		}
		if t.Person >= 0 || t.Refers != "" {
			continue
		}
		p, o, method := k.link(titles[i])
		if p < 0 {
			if r, ok := rules.Lookup(method); ok {
				tr.Add(r, titles[i].Span, titles[i].Span) // a rule that kept the title unlinked
			}
			continue
		}
		titles[i].Person, titles[i].Method = p, method
		if r, ok := rules.Lookup(method); ok && tr.On() {
			_, b := k.tokenRange(titles[i].Span)
			tr.Add(r, titles[i].Span, k.personSpan(p, b))
		}
		if a, _ := k.tokenRange(titles[i].Span); method == ruleApposition.ID && a > 0 {
			if _, from := k.after(a, k.d.SentTokens[t.Sentence][0]); from < a {
				titles[i].Text = k.d.Slice(doc.Span{Start: k.d.Tokens[from].Start, End: k.d.Tokens[a-1].End}) + " " + titles[i].Text
				titles[i].Span.Start = k.d.Tokens[from].Start
			}
		}
		if titles[i].Org < 0 {
			titles[i].Org = o
		}
	}
}

// ownPhrase relinks a title entities gave to the name before it ("NAME,
// the TITLE") when its own "of" phrase ends in another name: in "X, the
// chairman of the trade union of education workers Asel Mamytova and ..."
// the chairman is Mamytova (role.link.unit-phrase over the apposition).
func (k *linker) ownPhrase(t *Title, tr *rules.Trace) {
	_, b := k.tokenRange(t.Span)
	if t.Sentence < 0 || t.Sentence >= len(k.d.SentTokens) {
		return
	}
	p, o, comma := k.before(b, k.d.SentTokens[t.Sentence][1])
	if p < 0 || comma || p == t.Person {
		return
	}
	t.Person, t.Method = p, ruleUnitPhrase.ID
	if t.Org < 0 {
		t.Org = o
	}
	tr.Add(ruleUnitPhrase, t.Span, k.personSpan(p, b))
}

// coordinated gives two coordinated titles after two coordinated names
// one each, in order: "Mendoza and Rosa Villanueva, chairperson and
// secretary of the coalition" (role.link.coordinated); the apposition gave
// both to the second name, or the first only.
func (k *linker) coordinated(titles []Title, tr *rules.Trace) {
	at := map[int]int{} // first token -> title
	for i, t := range titles {
		if a, _ := k.tokenRange(t.Span); a < len(k.d.Tokens) {
			at[a] = i
		}
	}
	for i := range titles {
		t := &titles[i]
		a, b := k.tokenRange(t.Span)
		j, ok := at[b+1]
		if a < 2 || b+1 >= len(k.d.Tokens) || !ok || k.lower(b) != "and" || k.d.Tokens[a-1].Text != "," {
			continue
		}
		second, ok := k.personTo[a-1]
		if !ok {
			continue
		}
		s := a - 2
		for s > 0 && k.personAt[s] != second {
			s--
		}
		if q, ok := k.personAt[s]; !ok || q != second || s < 2 || k.lower(s-1) != "and" {
			continue
		}
		first, ok := k.personTo[s-1]
		if !ok || first == second {
			continue
		}
		t.Person, t.Method = first, ruleCoordinated.ID
		titles[j].Person, titles[j].Method = second, ruleCoordinated.ID
		tr.Add(ruleCoordinated, t.Span, k.personSpan(first, a))
		tr.Add(ruleCoordinated, titles[j].Span, k.personSpan(second, a))
	}
}

// namesPost reports whether a title-only reference is followed by a post
// noun, so it stands for the office rather than for a person.
func (k *linker) namesPost(t Title) bool {
	_, b := k.tokenRange(t.Span)
	return b < len(k.d.Tokens) && postNouns[k.lower(b)]
}

// complement returns the title with a bare field after it joined: "technical
// inspector" + "of labor" when "of labor" is followed by "of", a comma, a
// name or the sentence end rather than by another lower-case word.
func (k *linker) complement(t Title) (string, doc.Span) {
	_, b := k.tokenRange(t.Span)
	if b+1 >= len(k.d.Tokens) || k.lower(b) != "of" || !fieldNouns[k.d.Tokens[b+1].Text] {
		return t.Text, t.Span
	}
	if n := b + 2; n < len(k.d.Tokens) && k.d.Tokens[n].Sentence == k.d.Tokens[b].Sentence {
		nx := k.d.Tokens[n].Text
		if nx != "of" && !isCap(nx) && (nx == "" || nx[0] >= 'a' && nx[0] <= 'z') {
			return t.Text, t.Span
		}
	}
	sp := t.Span
	sp.End = k.d.Tokens[b+1].End
	return t.Text + " of " + k.d.Tokens[b+1].Text, sp
}
