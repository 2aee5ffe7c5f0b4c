package quotes

import (
	"sort"
	"strings"
	"unicode/utf8"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
)

// cueHit is a reporting cue found next to a quote, with the phrase that
// names the speaker (tokens [npS, npE)).
type cueHit struct {
	cue      string
	prep     bool
	form     string // "after", "before", "colon", "prev", "shared" (the subject of the previous quote's cue)
	npS, npE int
	tight    bool    // the cue follows the closing mark directly (", he said")
	verbEnd  int     // just past the cue phrase (cue after a quote)
	first    int     // the first token of the cue's words after a quote
	clause   *phrase // the verb's subject as the clause reader found it (nil: by the older heuristics)
	same     bool    // "shared": no verb of its own, inside the clause the previous quote's cue reports
	own      bool    // the speaker phrase is the cue's own pronoun ("in his opinion")
}

// cueAt matches a cue phrase at token t.
func (st *state) cueAt(t int) (cuePhrase, bool) {
	if t < 0 || t >= len(st.low) {
		return cuePhrase{}, false
	}
	for _, c := range st.lx.cues[st.low[t]] {
		if t+len(c.words) > len(st.low) {
			continue
		}
		ok := true
		for k, w := range c.words {
			if st.low[t+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return c, true
		}
	}
	return cuePhrase{}, false
}

func (st *state) sentEnd(t int) int {
	if t < 0 || t >= len(st.toks) {
		return len(st.toks)
	}
	s := st.toks[t].Sentence
	if s < len(st.seg.SentTokens) {
		return st.seg.SentTokens[s][1]
	}
	return len(st.toks)
}

func (st *state) sentStart(t int) int {
	if t < 0 || t >= len(st.toks) {
		return 0
	}
	s := st.toks[t].Sentence
	if s < len(st.seg.SentTokens) {
		return st.seg.SentTokens[s][0]
	}
	return 0
}

func (st *state) paraOfTok(t int) int {
	if t < 0 || t >= len(st.toks) {
		return -1
	}
	return st.seg.ParagraphOf(st.toks[t].Start)
}

// paraTokEnd returns the index just past the last token of token t's paragraph.
func (st *state) paraTokEnd(t int) int {
	p := st.paraOfTok(t)
	if p < 0 || p >= len(st.seg.Paragraphs) {
		return len(st.toks)
	}
	return st.tokAt(st.seg.Paragraphs[p].End)
}

func (st *state) paraTokStart(t int) int {
	p := st.paraOfTok(t)
	if p < 0 || p >= len(st.seg.Paragraphs) {
		return 0
	}
	return st.tokAt(st.seg.Paragraphs[p].Start)
}

func isAdverb(w string) bool { return auxWords[w] || (len(w) > 4 && strings.HasSuffix(w, "ly")) }

// npToken reports tokens that can be part of a speaker phrase: capitalized
// words, initials, title words, connecting "of"/"the", mention tokens.
func (st *state) npToken(t int) bool {
	w := st.low[t]
	if st.honorDot(t) {
		return true
	}
	if _, ok := st.mention(t); ok {
		return true
	}
	if npGlue[w] {
		return true
	}
	if !isWord(w) {
		return false
	}
	if st.capAt(t) {
		return true
	}
	if st.lx.postWords[w] || st.synKind(w) != unitPlain {
		return true
	}
	return npQualifiers[w] || regionWords[w]
}

func (st *state) synKind(w string) int {
	for _, s := range st.lx.syn[w] {
		if len(s.words) == 1 {
			return s.kind
		}
	}
	return unitPlain
}

// npForward extends a speaker phrase from token t up to limit: "said the
// Chairman of the Federation ..., adding" stops at the comma.
func (st *state) npForward(t, limit int) int {
	e := t
	for e < limit && e < len(st.toks) {
		w := st.low[e]
		if w == "," || w == ";" || w == ":" || (isEndPunct(w) && !st.honorDot(e)) || family(firstRune(w)) != famNone {
			break
		}
		if !st.npToken(e) {
			break
		}
		e++
	}
	// Drop trailing connectors ("the Chairman of").
	for e > t && (st.is(e-1, lexicon.QuoteFunc) || st.low[e-1] == "(" || st.low[e-1] == "-") {
		e--
	}
	return e
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// cueAfter looks for "…,” said X" / "…,” X said" after the closing mark.
func (st *state) cueAfter(c *cand, limit int) *cueHit {
	if c.q.close < 0 {
		return nil
	}
	s := c.closeTok + 1
	if s >= len(st.toks) {
		return nil
	}
	e := st.sentEnd(s)
	if pe := st.paraTokEnd(c.closeTok); pe < e {
		e = pe
	}
	if limit < e {
		e = limit
	}
	first := s
	for first < e && (st.low[first] == "," || isDashTok(st.low[first])) {
		first++
	}
	if first >= e {
		return nil
	}
	// An embedded quote ("“high risk” categories, officials said") takes no
	// cue from after it: the words must end at punctuation.
	if first == s && !endsClause(c.text) {
		return st.bareCueAfter(c, first, e)
	}
	ended := isEndPunct(st.low[first]) || endsSentence(c.text) && st.capAt(first)
	if ended {
		// A new sentence: only a bare "He said." / "Smith added." counts.
		if isEndPunct(st.low[first]) {
			first++
		}
		if first >= len(st.toks) {
			return nil
		}
		e = st.clauseEnd(first, e)
		if e-first > 8 {
			return nil
		}
	}
	h := st.cueAfterIn(first, e)
	if h == nil || ended && !st.askedAfter(c, h, first) && (h.npE-h.npS > 5 || !st.cueClosed(h, e)) {
		return nil
	}
	return h
}

var ruleCueAfterQuestion = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.after-question",
	"a question or exclamation mark inside the quote does not end its sentence: a speaker and cue right after the closing mark are its cue whatever follows them",
	"“Why should workers pay?” [Ann Lee] asked the minister, Bob Hale.")

// askedAfter reports a quote ending in ? or ! whose cue and speaker follow
// the closing mark at once ("“Why now?” Ann Lee asked the minister."):
// the mark ends the question, not the sentence.
func (st *state) askedAfter(c *cand, h *cueHit, first int) bool {
	if !endsQuestion(c.text) || min(h.npS, h.first) != first || h.npE-h.npS > 5 {
		return false
	}
	st.tr.Add(ruleCueAfterQuestion, c.span, doc.Span{Start: st.toks[h.npS].Start, End: st.toks[h.npE-1].End})
	return true
}

var ruleCueAfterBare = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.after-bare",
	"a quote of three words or more opening its sentence, its words ending in no comma, takes the cue right after its closing mark when that cue and its speaker end the sentence (“…” Ann Lee said.)",
	"Tom Hale spoke first.¶“We cannot go on like this” [Ann Lee] said.")

// bareCueAfter is the cue of a quote written with no comma before it
// ("“We cannot go on” Ann Lee said."): the quote opens its sentence and
// the speaker and cue right after it close the sentence, so the quote is
// no embedded term ("“high risk” categories, officials said").
func (st *state) bareCueAfter(c *cand, first, e int) *cueHit {
	if len(c.words) < 3 || st.sentStart(c.openTok) < c.openTok && st.paraTokStart(c.openTok) < c.openTok {
		return nil
	}
	h := st.cueAfterIn(first, e)
	if h == nil || min(h.npS, h.first) != first {
		return nil
	}
	end := max(h.verbEnd, h.npE)
	if end >= len(st.low) || !isEndPunct(st.low[end]) && st.low[end] != "," {
		return nil
	}
	st.tr.Add(ruleCueAfterBare, c.span, doc.Span{Start: st.toks[h.npS].Start, End: st.toks[h.npE-1].End})
	return h
}

var ruleCueAfterNextSentence = rules.New(rules.StageQuotes, rules.Reject, "quote.cue.next-sentence",
	"after a quote that ends its sentence, a cue in the next sentence is its cue only when that sentence says no more (He said. / He said in a statement.), not when the verb reports something new",
	"“The count is on schedule.” [He said ballots would be added later.]")

// clauseEnd is the end of the sentence that starts at first, before e: its
// first full stop or quotation mark (the splitter keeps “… .” He said …
// in one sentence).
func (st *state) clauseEnd(first, e int) int {
	for t := first; t < e; t++ {
		if isEndPunct(st.low[t]) && !st.honorDot(t) || family(firstRune(st.low[t])) != famNone {
			return t
		}
	}
	return e
}

// cueClosed reports whether the cue h of the next sentence (ending at e)
// says no more than who spoke: after the verb (or the speaker of "said
// X") come only the end, a comma, a colon, a quote, or a prepositional
// phrase without "that" ("He said in a statement."). "He said ballots
// would be added" reports something else.
func (st *state) cueClosed(h *cueHit, e int) bool {
	a := h.verbEnd
	if h.npS >= h.verbEnd {
		a = h.npE // "said X": after the speaker
	}
	if a >= e {
		return true
	}
	if obj := st.objectEnd(a, e); obj > a {
		a = obj // "Lee asked her." / "Lee told reporters in Denver."
		if a >= e {
			return true
		}
	}
	switch w := st.low[a]; {
	case w == ":":
		// "“…” Bob Hale said: “…”": the cue opens the next quote
		st.tr.Add(ruleCueAfterNextSentence, doc.Span{Start: st.toks[h.first].Start, End: st.toks[e-1].End}, doc.Span{})
		return false
	case w == "," || family(firstRune(w)) != famNone:
		return true
	case st.pos(a)&(pPrep|pAdv) == 0 || w == "that":
		st.tr.Add(ruleCueAfterNextSentence, doc.Span{Start: st.toks[h.first].Start, End: st.toks[e-1].End}, doc.Span{})
		return false
	}
	for t := a; t < e; t++ {
		if st.low[t] == "that" || st.pos(t)&pFinite != 0 {
			st.tr.Add(ruleCueAfterNextSentence, doc.Span{Start: st.toks[h.first].Start, End: st.toks[e-1].End}, doc.Span{})
			return false
		}
	}
	return true
}

// objectEnd is the end of a short object after a verb at a (a pronoun, or
// up to three noun-phrase words), or a when there is none.
func (st *state) objectEnd(a, e int) int {
	switch st.low[a] {
	case "him", "her", "them", "me", "us":
		return a + 1
	}
	t := a
	for t < e && t-a < 3 && st.pos(t)&pNoun != 0 {
		t++
	}
	return t
}

// cueAfterIn finds the first cue in [first, e) after a closing mark and
// its speaker phrase: before it ("X said"), or after it ("said X"). A
// speaker phrase may run long when it holds a relative clause or brackets
// ("Sen. Ann Lee (D-Calif.), who chairs the panel, said").
func (st *state) cueAfterIn(first, e int) *cueHit {
	maxCue := first + 16
	for t := first; t < e && t < first+16; t++ {
		if st.low[t] == "(" || st.low[t] == "who" && t > first && st.low[t-1] == "," {
			maxCue = first + 40
			break
		}
	}
	if maxCue > e {
		maxCue = e
	}
	for t := first; t < maxCue; t++ {
		cp, ok := st.cueAt(t)
		if !ok {
			continue
		}
		if st.inMentionOrQuote(t) {
			continue
		}
		h := &cueHit{cue: cp.cue, prep: cp.prep, form: "after", tight: t == first, verbEnd: t + len(cp.words), first: first}
		if t > first {
			npE := t
			for npE > first && isAdverb(st.low[npE-1]) {
				npE--
			}
			// "“…”, but said the figure …": a verb sharing the subject
			// before the quote, not a speaker after it
			if !st.npHead(first, npE) || st.pos(first)&pCC != 0 {
				return nil
			}
			h.npS, h.npE = first, npE
			h.tight = npE-first <= 12
		} else {
			from := t + len(cp.words)
			h.npS, h.npE = from, st.npForward(from, e)
			if cp.prep {
				// "“…,” according to a party statement issued …"
				h.npS, h.npE = from, st.npForwardLoose(from, e)
			}
		}
		if h.npE <= h.npS {
			return nil
		}
		return h
	}
	return nil
}

func (st *state) inMentionOrQuote(t int) bool {
	_, ok := st.mention(t)
	return ok || st.inQ[t]
}

// lastRune is the last rune of text before closing marks and spaces.
func lastRune(text string) rune {
	text = strings.TrimRight(text, " ”’\"»")
	r, _ := utf8.DecodeLastRuneInString(text)
	return r
}

func endsClause(text string) bool {
	switch lastRune(text) {
	case '.', '!', '?', ',', ';', '…':
		return true
	}
	return false
}

// endsQuestion reports quoted words ending in a question or exclamation
// mark.
func endsQuestion(text string) bool {
	switch lastRune(text) {
	case '?', '!':
		return true
	}
	return false
}

func endsSentence(text string) bool {
	switch lastRune(text) {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

// cueBefore looks for "X said: “…”", "According to X, “…”", "X: “…”" in the
// sentence before the opening mark.
func (st *state) cueBefore(c *cand, from int) *cueHit {
	e := c.openTok
	if e <= 0 || e > len(st.toks) {
		return nil
	}
	s := st.sentStart(e - 1)
	// A sentence starting in lower case was split after an abbreviation
	// ("… Railroad Co., said his …"): read the one before too.
	if s > 0 && s < e && isLowerWord(st.toks[s].Text) {
		s = st.sentStart(s - 1)
	}
	if ps := st.paraTokStart(e); ps > s {
		s = ps
	}
	if from > s {
		s = from
	}
	// The sentence splitter may not break before an opening mark
	// ("… Smith said. “Next …"): cut at the last sentence end.
	for t := e - 1; t >= s; t-- {
		if isEndPunct(st.low[t]) && !(t > 0 && st.lx.honorifics[st.low[t-1]]) && (t+1 >= e || st.capAt(t+1)) {
			s = t + 1
			break
		}
	}
	if e-s <= 0 {
		// a list of quotes with nothing between (“tired,” “angry”)
		if prev := st.prevCand(c); e == from && prev != nil && st.toks[prev.closeTok].Sentence == st.toks[e].Sentence && st.reportsOn(prev, s, e) {
			return &cueHit{cue: prev.hit.cue, form: "shared", same: true}
		}
		return nil
	}
	h := st.cueInWindow(s, e, "before")
	if h == nil && s == from && from > st.sentStart(e-1) {
		// "X said it had received “…” and described the exercise as
		// “…”": a second verb sharing the subject of the first quote's cue.
		for t := s; t < e; t++ {
			if cp, ok := st.cueAt(t); ok && !cp.prep && !st.inMentionOrQuote(t) {
				return &cueHit{cue: cp.cue, form: "shared"}
			}
		}
		if prev := st.prevCand(c); prev != nil && st.reportsOn(prev, s, e) {
			return &cueHit{cue: prev.hit.cue, form: "shared", same: true}
		}
	}
	return h
}

// prevCand is the quoted span before c when it was accepted as a quote.
func (st *state) prevCand(c *cand) *cand {
	if c.idx == 0 {
		return nil
	}
	if p := st.cands[c.idx-1]; p.verdict == vQuote && p.hit != nil {
		return p
	}
	return nil
}

// reportsOn reports that tokens [s, e), between the previous quote prev
// and the next in one sentence, go on with the clause prev's cue before it
// reports ("X said the talks had been “constructive” but that the
// chambers remained “…”"): no sentence end, colon or reporting verb
// between, and prev's cue stood before prev.
func (st *state) reportsOn(prev *cand, s, e int) bool {
	if prev.hit.form != "before" && prev.hit.form != "shared" || prev.hit.cue == ":" {
		return false
	}
	for t := s; t < e; t++ {
		switch st.low[t] {
		case ".", ":", ";", "?", "!":
			return false
		}
	}
	return true
}

// cueInWindow finds the last cue in tokens [s, e) and its speaker phrase.
func (st *state) cueInWindow(s, e int, form string) *cueHit {
	var fallback *cueHit // the nearest cue's, when its subject is no person
	for t := e - 1; t >= s; t-- {
		cp, ok := st.cueAt(t)
		if !ok || t+len(cp.words) > e || st.inMentionOrQuote(t) {
			continue
		}
		h := &cueHit{cue: cp.cue, prep: cp.prep, form: form}
		if p, ok := st.clauseCue(t, s, cp); ok {
			h.npS, h.npE, h.clause = p.a, p.e, p
			if st.isPersonish(*p) {
				if fallback != nil {
					p.rule = sieveOuterCue
				}
				return h
			}
			if fallback == nil {
				fallback = h
			}
			continue
		}
		if !st.heuristicPhrase(h, t, s, e, cp) {
			// A cue with no speaker phrase ("it was said"): keep looking.
			continue
		}
		if fallback != nil {
			return fallback
		}
		return h
	}
	if fallback != nil {
		return fallback
	}
	return st.colonCue(s, e)
}

// clauseCue reads the subject of the reporting verb at t from the
// part-of-speech tags (clause.go); ok is false when t is no verb or the
// tags show no subject.
func (st *state) clauseCue(t, s int, cp cuePhrase) (*phrase, bool) {
	if cp.prep || st.pos(t)&pVerb == 0 {
		return nil, false
	}
	p, ok := st.verbSubject(t, s, 0)
	if !ok {
		return nil, false
	}
	return &p, true
}

// heuristicPhrase sets h's speaker phrase for the cue cp at t in [s, e) by
// the older word-shape rules ("according to X", a subject before the verb,
// "said X", a group); false when there is none.
func (st *state) heuristicPhrase(h *cueHit, t, s, e int, cp cuePhrase) bool {
	after := t + len(cp.words)
	if cp.prep {
		h.npS, h.npE = after, st.npForwardLoose(after, e)
		if h.npE <= h.npS {
			// "In his opinion, “…”": the cue's own pronoun
			h.npS, h.npE = st.cuePronoun(t, after)
			h.own = h.npE > h.npS
		}
	} else {
		h.npS, h.npE = st.subjectBefore(t, s)
		if h.npE <= h.npS && after < e && (st.capAt(after) || st.low[after] == "the") {
			h.npS, h.npE = after, st.npForward(after, e)
		}
	}
	if h.npE <= h.npS && !cp.prep {
		h.npS, h.npE = st.groupBefore(t, s)
	}
	return h.npE > h.npS
}

// cuePronoun is the pronoun inside the cue phrase [t, after) ("in his
// opinion"), as a one-token speaker phrase; empty when there is none.
func (st *state) cuePronoun(t, after int) (int, int) {
	for k := t; k < after; k++ {
		if _, ok := st.lx.pronouns[st.low[k]]; ok {
			return k, k + 1
		}
	}
	return t, t
}

// colonCue: a short phrase with a person, capitals or a post before a
// colon that ends [s, e) (a headline's "X: “…”").
func (st *state) colonCue(s, e int) *cueHit {
	if st.low[e-1] != ":" || e-1-s < 1 || e-1-s > 10 {
		return nil
	}
	npS, npE := s, e-1
	for npS < npE && (isDashTok(st.low[npS]) || st.low[npS] == ",") {
		npS++
	}
	for t := npS; t < npE; t++ {
		_, ment := st.personAt(t)
		if ment || isAllCaps(st.toks[t].Text) || st.lx.postWords[st.low[t]] {
			return &cueHit{cue: ":", form: "colon", npS: npS, npE: npE}
		}
	}
	return nil
}

// npForwardLoose reads "according to X," up to the comma.
func (st *state) npForwardLoose(t, limit int) int {
	e := t
	for e < limit && e-t < 15 {
		w := st.low[e]
		if w == "," || w == ";" || w == ":" || (isEndPunct(w) && !st.honorDot(e)) || family(firstRune(w)) != famNone {
			break
		}
		e++
	}
	return e
}

// subjectBefore finds the subject of the verb at token v: "R. Saito,
// Secretary General of JILAF, said" gives "R. Saito".
func (st *state) subjectBefore(v, s int) (int, int) {
	t := v - 1
	for t >= s && isAdverb(st.low[t]) {
		t--
	}
	if t < s {
		return 0, 0
	}
	if _, ok := st.lx.pronouns[st.low[t]]; ok {
		return t, t + 1
	}
	if st.low[t] == "who" && t-2 >= s && st.low[t-1] == "," {
		// "…, Angela Reyes, who introduced her as “…”": the relative
		// pronoun stands for the person just before it.
		if _, ok := st.personAt(t - 2); ok {
			b, _ := st.mentToks(t - 2)
			return b, t - 1
		}
	}
	if st.low[t] == "," {
		if a, e, ok := st.commaStretch(t, s); ok {
			return a, e
		}
		k := t - 1
		for k >= s && t-k <= 25 && st.low[k] != "," {
			k--
		}
		if k < s {
			return 0, 0
		}
		t = k - 1
		if t < s {
			return 0, 0
		}
	}
	if !st.npToken(t) || st.is(t, lexicon.QuoteFunc) {
		return 0, 0
	}
	b := t
	for b-1 >= s && st.npToken(b-1) {
		b--
	}
	for b <= t && st.is(b, lexicon.QuoteFunc) && st.low[b] != "the" {
		b++
	}
	if b > t {
		return 0, 0
	}
	return b, t + 1
}

// commaStretch walks back from the comma at t over comma-separated
// stretches (an apposition, a participle clause) to the one naming a
// person: "S. Dauletalin, Deputy Chairman of X, summing up the seminar,
// noted". It returns that stretch, ok false when none names one.
func (st *state) commaStretch(t, s int) (a, e int, ok bool) {
	end := t
	for seg := 0; seg < 4; seg++ {
		k := end - 1
		for k >= s && end-k <= 40 && st.low[k] != "," {
			k--
		}
		for a := k + 1; a < end; a++ {
			if a >= s {
				if _, ok := st.personAt(a); ok && st.eligibleAt(a) {
					return k + 1, end, true
				}
			}
		}
		if k < s || st.low[k] != "," {
			break
		}
		end = k
	}
	return 0, 0, false
}

// prevColon handles "X said:" ending the sentence or paragraph before a quote
// that starts its own paragraph or sentence.
func (st *state) prevColon(c *cand, from int) *cueHit {
	t := c.openTok - 1
	if t < 0 || st.low[t] != ":" {
		return nil
	}
	s := st.sentStart(t)
	if ps := st.paraTokStart(t); ps > s {
		s = ps
	}
	if from > s {
		s = from
	}
	if t-s < 1 {
		return nil
	}
	h := st.cueInWindow(s, t+1, "prev")
	return h
}

var (
	ruleCueAfterTight = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.after-tight",
		"a reporting cue right after the closing mark (”, she said / ”, said X) is the quote's cue first",
		"“We will win this fight,” [she] said.")
	ruleCueBefore = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.before",
		"else the last reporting cue with a speaker phrase before the opening mark in its sentence",
		"[Ann Lee] said: “We will win this fight.”")
	ruleCueShared = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.shared-verb",
		"else a second reporting verb after the previous quote shares that quote's subject",
		"Ann Lee said it had received “many letters from workers” and described the plan as [“a step toward fair pay for all”].")
	ruleCueOwnPronoun = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.own-pronoun",
		"a prepositional cue holding a pronoun and naming no one after it (in his opinion, in her words) has that pronoun as its speaker phrase",
		"Bob Hale spoke about the results. In [his] opinion, “the reform is working”.")
	ruleCueSameClause = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.same-clause",
		"else, with no verb of its own, a quote later in the clause that the previous quote's cue before it reports shares that cue",
		"Ann Lee said the talks had been “useful” but that the two sides remained [“a few points apart”].")
	ruleCueColon = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.colon",
		"else a short phrase with a person, capitals or a post before a colon (a headline's X: “…”)",
		"[ANN LEE:] “WE WILL WIN”")
	ruleCueAfterLoose = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.after",
		"else a reporting cue later after the closing mark in its sentence",
		"“We will win this fight,” [Deputy Chairman of the Regional Branch of the Union of the Miners of the City] said.")
	ruleCuePrevColon = rules.New(rules.StageQuotes, rules.Detect, "quote.cue.prev-colon",
		"else a cue ending the sentence or paragraph before in a colon",
		"[Ann Lee] said:¶“We will win this fight.”")
)

// findCue chooses the cue of a quote: a tight cue after it ("…,” he said")
// first, then one before it, then a looser one after it.
func (st *state) findCue(c *cand, prevClose, nextOpen int) *cueHit {
	h := st.chooseCue(c, prevClose, nextOpen)
	if h != nil && st.tr.On() {
		r := ruleCueAfterLoose
		switch {
		case h.form == "after" && h.tight:
			r = ruleCueAfterTight
		case h.own:
			r = ruleCueOwnPronoun
		case h.form == "before":
			r = ruleCueBefore
		case h.form == "shared" && h.same:
			r = ruleCueSameClause
		case h.form == "shared":
			r = ruleCueShared
		case h.form == "colon":
			r = ruleCueColon
		case h.form == "prev":
			r = ruleCuePrevColon
		}
		out := doc.Span{}
		if h.npE > h.npS {
			out = doc.Span{Start: st.toks[h.npS].Start, End: st.toks[h.npE-1].End}
		}
		st.tr.Note(r, c.span, out, h.cue)
	}
	return h
}

func (st *state) chooseCue(c *cand, prevClose, nextOpen int) *cueHit {
	a := st.cueAfter(c, nextOpen)
	if a != nil && a.tight {
		return a
	}
	if b := st.cueBefore(c, prevClose); b != nil {
		return b
	}
	if a != nil {
		return a
	}
	return st.prevColon(c, prevClose)
}

// ---------------------------------------------------------------- resolving

// resolveNP turns a speaker phrase, tokens [s, e), into a speaker;
// byMention is the sieve that names a person mention found in the phrase
// (the cue's form).
func (st *state) resolveNP(s, e, pos int, byMention *rules.Rule) *who {
	if s < 0 || e > len(st.toks) || s >= e {
		return nil
	}
	w := st.resolvePhrase(s, e, pos, byMention)
	if w != nil && w.src.End <= w.src.Start {
		w.src = doc.Span{Start: st.toks[s].Start, End: st.toks[e-1].End} // for the trace
	}
	return w
}

func (st *state) resolvePhrase(s, e, pos int, byMention *rules.Rule) *who {
	if w, ok := st.mentionSpeaker(s, e, byMention); ok {
		return w
	}
	if w, ok := st.pronounSpeaker(s, e, pos); ok {
		return w
	}
	if w, ok := st.backReference(s, e); ok {
		return w
	}
	return st.nounSpeaker(s, e, pos)
}

var sieveBackReference = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.latter-former",
	"\"the latter\" is the last of the two persons last named before it in its sentence or the one before, \"the former\" the first of them",
	"Bob Hale met [Ann Lee]. The latter said the talks were “useful”.")

// backReference resolves "the latter" / "the former" [s, e): of the two
// distinct persons named last before s (in its sentence and the one
// before), the last or the first. No answer when fewer than two are named.
func (st *state) backReference(s, e int) (*who, bool) {
	if e-s != 2 || st.low[s] != "the" {
		return nil, false
	}
	which, ok := backReferences[st.low[s+1]]
	if !ok {
		return nil, false
	}
	from := st.sentStart(s)
	if from > 0 {
		from = st.sentStart(from - 1)
	}
	var last, prev doc.Mention
	n := 0
	for t := s - 1; t >= from && n < 2; t-- {
		m, ok := st.personAt(t)
		if !ok || st.inQ[t] || n == 1 && m.EntityID == last.EntityID {
			continue
		}
		if n == 0 {
			last = m
		} else {
			prev = m
		}
		n++
		t, _ = st.mentToks(t) // past the mention's other tokens
	}
	if n < 2 {
		return &who{mention: st.textOf(s, e), attr: doc.AttrNone, conf: confUnknown, at: st.toks[s].Start, rule: sieveBackReference}, true
	}
	m := last
	if which == "first" {
		m = prev
	}
	return st.personWho(m, doc.AttrPronoun, confPronoun, sieveBackReference), true
}

// mentionSpeaker: a person mention in the phrase, preferring one that is
// not an object ("notice of ANP's Khushdil Khan").
func (st *state) mentionSpeaker(s, e int, byMention *rules.Rule) (*who, bool) {
	var first doc.Mention // valid when haveFirst; a value, so it stays on the stack
	haveFirst := false
	for t := s; t < e; t++ {
		m, ok := st.personAt(t)
		if !ok {
			continue
		}
		if !haveFirst {
			first, haveFirst = m, true
		}
		if st.eligibleAt(t) {
			return st.personWho(m, doc.AttrExplicit, confExplicitBefore, byMention), true
		}
		_, me := st.mentToks(t)
		t = me - 1
	}
	if haveFirst {
		return st.personWho(first, doc.AttrExplicit, confExplicitBefore-0.1, byMention), true
	}
	return nil, false
}

// pronounSpeaker: a pronoun opening the phrase or making most of it ("he",
// "according to him", "his report"), resolved; ok is true (with w nil
// when it resolves to no one) whenever the phrase is a pronoun's.
func (st *state) pronounSpeaker(s, e, pos int) (*who, bool) {
	for t := s; t < e; t++ {
		if !st.wordAt(t) {
			continue
		}
		if _, ok := st.lx.pronouns[st.low[t]]; ok && (e-s <= 2 || t == s) {
			w := st.resolvePronoun(st.low[t], st.toks[s].Start, pos)
			if w != nil {
				w.mention = st.toks[t].Text
			}
			return w, true
		}
		break
	}
	return nil, false
}

// nounSpeaker resolves a phrase with no person and no pronoun: a group, an
// indefinite or definite title, a source, a name the entities missed.
func (st *state) nounSpeaker(s, e, pos int) *who {
	text := st.textOf(s, e)
	hasPost, hasSource, hasCaps := false, false, 0
	for t := s; t < e; t++ {
		w := st.low[t]
		if st.lx.postWords[w] {
			hasPost = true
		}
		if st.lx.sources[w] {
			hasSource = true
		}
		if m, ok := st.mention(t); ok && m.EntityType == doc.TypeOrganization {
			hasSource = true
		}
		if st.wordAt(t) && st.capAt(t) && w != "the" && !st.is(t, lexicon.QuoteFunc) {
			hasCaps++
		}
	}
	at := st.toks[s].Start
	switch {
	case hasCaps == 0 && !hasPost && st.pluralNoun(e-1):
		// A group ("two of his rivals", "officials"): no person speaker.
		return &who{mention: text, attr: doc.AttrNone, conf: confSource, at: at, rule: sieveGroup}
	case hasPost && (st.low[s] == "a" || st.low[s] == "an"):
		// "a spokesperson for the ministry" is indefinite: someone the
		// text does not name.
		return &who{mention: text, attr: doc.AttrNone, conf: confUnknown, at: at, rule: sieveIndefinite}
	case hasPost:
		if w := st.resolveTitle(s, e, pos); w != nil {
			w.mention = text
			return w
		}
		return &who{mention: text, attr: doc.AttrNone, conf: confUnknown, at: at, rule: sieveTitleUnresolved}
	case hasSource:
		return &who{mention: text, attr: doc.AttrNone, conf: confSource, at: at, rule: sieveSource}
	case hasCaps > 0 && hasCaps <= 4:
		// A name the entity stage missed: match it against the people's names.
		if p := st.personByName(s, e, pos); p != nil {
			return &who{id: p.ID, name: p.Name, mention: text, attr: doc.AttrExplicit, conf: confExplicitBefore - 0.1, at: at, rule: sieveNameMatch}
		}
		if st.bodyApposition(e) {
			return &who{mention: text, attr: doc.AttrNone, conf: confSource, at: at, rule: sieveBodyApposition}
		}
		return &who{name: text, mention: text, attr: doc.AttrExplicit, conf: confNamedUnknown, at: at, rule: sieveNameUnknown}
	}
	return nil
}

// bodyApposition reports an apposition after a name at e whose head is a
// body's descriptor (", the video platform whose …", ", a Lagos firm"):
// the name is a company's or a group's, no person's.
func (st *state) bodyApposition(e int) bool {
	if e+1 >= len(st.low) || st.low[e] != "," || !st.is(e+1, lexicon.QuoteDeterminer) {
		return false
	}
	for t := e + 2; t < len(st.low) && t <= e+5; t++ {
		w := st.low[t]
		if !st.wordAt(t) {
			return false
		}
		if bodyNouns[w] {
			return true
		}
	}
	return false
}

// eligibleAt reports whether the mention at token t (st.personAt(t)
// holds) can be a subject (eligibleToks).
func (st *state) eligibleAt(t int) bool { return st.eligibleToks(st.mentToks(t)) }

// eligibleToks reports whether a mention over tokens [b, e) can be a
// subject: not after a preposition or a possessive, not itself a
// possessive.
func (st *state) eligibleToks(b, e int) bool {
	if b > 0 && st.is(b-1, lexicon.QuotePrep) {
		return false
	}
	if e < len(st.low) && (st.low[e] == "’s" || st.low[e] == "'s" || st.low[e] == "’" || st.low[e] == "'") {
		return false
	}
	return true
}

// personByName matches capitalized words against people's names and aliases.
func (st *state) personByName(s, e, pos int) *doc.Person {
	var words []string
	for t := s; t < e; t++ {
		w := strings.TrimSuffix(st.low[t], ".")
		if isWord(w) && !funcWords[w] && !st.lx.honorifics[w] && st.capAt(t) {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return nil
	}
	if st.byName == nil {
		st.byName = newNameIndex(st.in.People)
	}
	var best *doc.Person
	bestAt := -1
	st.byName.each(words, func(i int) {
		p := &st.in.People[i]
		if at := st.lastMentionBefore(p.ID, pos); best == nil || at > bestAt {
			best, bestAt = p, at
		}
	})
	return best
}

// nameIndex finds the people a name's words stand for: those with a name
// or alias of the same words (lowercased) or, for one word, one whose first
// or last word it is. Built once per document: a scan of every person's
// names for every quote made a page of quotes and people quadratic (2 MB:
// 100 s).
type nameIndex struct {
	whole, first, last map[string][]int // people indexes, ascending
}

func newNameIndex(people []doc.Person) *nameIndex {
	x := &nameIndex{whole: map[string][]int{}, first: map[string][]int{}, last: map[string][]int{}}
	add := func(m map[string][]int, k string, i int) {
		if l := m[k]; len(l) == 0 || l[len(l)-1] != i {
			m[k] = append(l, i)
		}
	}
	for i, p := range people {
		for k := -1; k < len(p.Aliases); k++ {
			n := p.Name
			if k >= 0 {
				n = p.Aliases[k]
			}
			nw := strings.Fields(strings.ToLower(n))
			if len(nw) == 0 {
				continue
			}
			add(x.whole, strings.Join(nw, " "), i)
			add(x.first, nw[0], i)
			add(x.last, nw[len(nw)-1], i)
		}
	}
	return x
}

// each calls f with the index of every person words may stand for, in
// ascending order, once each.
func (x *nameIndex) each(words []string, f func(i int)) {
	lists := [3][]int{x.whole[strings.Join(words, " ")]}
	if len(words) == 1 {
		lists[1], lists[2] = x.first[words[0]], x.last[words[0]]
	}
	for prev := -1; ; {
		next := -1
		for k, l := range lists {
			for len(l) > 0 && l[0] <= prev {
				l = l[1:]
			}
			lists[k] = l
			if len(l) > 0 && (next < 0 || l[0] < next) {
				next = l[0]
			}
		}
		if next < 0 {
			return
		}
		f(next)
		prev = next
	}
}

func (st *state) lastMentionBefore(id string, pos int) int {
	ms := st.in.Mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= pos })
	if st.personMents == nil {
		// per person, the indices of its mentions in ascending order: a
		// backward scan of all mentions per lookup is quadratic in a long
		// text
		st.personMents = make(map[string][]int, len(st.in.People))
		for k := range ms {
			if ms[k].EntityType == doc.TypePerson {
				st.personMents[ms[k].EntityID] = append(st.personMents[ms[k].EntityID], k)
			}
		}
	}
	idx := st.personMents[id]
	// the last of them before index i
	j := sort.SearchInts(idx, i) - 1
	if j < 0 {
		return -1
	}
	return ms[idx[j]].Start
}

func (st *state) compatible(id, gender string) bool {
	if gender == "" {
		return true
	}
	g := st.genderOf(id)
	return g == "" || g == gender
}

// resolvePronoun finds the person a pronoun at offset at stands for: the
// subject of a recent sentence, the last speaker, or the nearest mention,
// among those of a compatible gender.
func (st *state) resolvePronoun(word string, at, qpos int) *who {
	pr := st.lx.pronouns[word]
	if pr.plural {
		return &who{mention: word, attr: doc.AttrNone, conf: confUnknown, at: at, rule: sievePronounPlural}
	}
	if w, ok := st.sentenceSubject(at, pr.gender); ok {
		name := w.name
		if p, ok := st.people[w.id]; ok && p.Name != "" {
			name = p.Name
		}
		return &who{id: w.id, name: name, mention: word, attr: doc.AttrPronoun, conf: confPronoun, at: at, rule: sievePronounSentence, src: w.src}
	}
	sent := st.seg.SentenceOf(at)
	if qs := st.seg.SentenceOf(qpos); qs < sent {
		sent = qs
	}
	var subj *who
	dist := 0
	var prev doc.Mention // the one compatible person of the sentence before, when it has no subject of the pronoun's gender
	havePrev := false
	for k := sent - 1; k >= 0 && k >= sent-4; k-- {
		if st.sentInQuote(k) {
			continue
		}
		if w := st.subject(k, 0); w != nil && w.id != "" && st.compatible(w.id, pr.gender) {
			subj, dist = w, sent-k
			break
		}
		if k == sent-1 && pr.gender != "" {
			prev, havePrev = st.onlyCompatible(k, pr.gender)
		}
	}
	if havePrev && (subj == nil || dist > 1) {
		return st.personWho(prev, doc.AttrPronoun, confPronoun-0.05, sievePronounPrevMention)
	}
	var pick *who
	conf := float32(confPronoun)
	var intro *who
	if subj == nil || dist > 2 {
		intro = st.introduced(qpos, pr.gender)
	}
	rule := sievePronoun
	switch {
	case subj != nil && dist <= 2:
		pick = subj
		conf -= 0.05 * float32(dist-1)
	case intro != nil:
		pick, rule = intro, sieveIntroduced
		conf -= 0.05
	case st.last != nil && st.last.id != "" && st.compatible(st.last.id, pr.gender) && st.paraDist(st.lastAt, at) <= 3:
		pick, rule = st.last, sievePronounLastSpeaker
		conf -= 0.05
	case subj != nil:
		pick = subj
		conf -= 0.05 * float32(dist-1)
	default:
		if m, ok := st.recentPerson(at, pr.gender); ok {
			return st.personWho(m, doc.AttrPronoun, conf-0.15, sievePronounNearest)
		}
		return &who{mention: word, attr: doc.AttrPronoun, conf: confUnknown, at: at, rule: sievePronounUnresolved}
	}
	return &who{id: pick.id, name: pick.name, mention: word, attr: doc.AttrPronoun, conf: conf, at: at, rule: rule, src: pick.src}
}

// sentenceSubject is the person subject of the main clause of the
// sentence holding offset at, before it, when the pronoun there stands in
// a later clause ("X read from a letter she said …"; "The director, X,
// said … “…,” she said" split as one sentence) and agrees in gender.
func (st *state) sentenceSubject(at int, gender string) (*who, bool) {
	t := st.tokCovering(at)
	if t >= len(st.toks) {
		return nil, false
	}
	a := st.sentStart(t)
	for u := a; u < t; u++ {
		// Only words outside quotes can be the main verb; the tagger
		// is not asked about a sentence that has none ("“…,” she said").
		if st.inQ[u] || !isLowerWord(st.toks[u].Text) || st.pos(u)&pFinite == 0 {
			continue
		}
		p, ok := st.verbSubject(u, a, 0)
		if ok && p.ok && st.compatible(p.person.EntityID, gender) {
			return &who{id: p.person.EntityID, src: p.person.Span}, true
		}
		if ok && !p.ok && p.e > p.a {
			// "The general secretary of the union met … for what he
			// described as": the title's holder
			if w := st.resolveTitle(p.a, p.e, st.toks[p.a].Start); w != nil && w.id != "" && st.compatible(w.id, gender) {
				return w, true
			}
		}
		break
	}
	return nil, false
}

// onlyCompatible is the one person of a compatible gender named in
// sentence k (outside quotes, not as a possessive), ok false when none or
// several.
func (st *state) onlyCompatible(k int, gender string) (doc.Mention, bool) {
	a, b := st.seg.SentTokens[k][0], st.seg.SentTokens[k][1]
	var found doc.Mention
	n := 0
	for t := a; t < b; t++ {
		m, ok := st.personAt(t)
		if !ok || st.inQ[t] {
			continue
		}
		ma, me := st.mentToks(t)
		t = me - 1
		if !st.eligibleToks(ma, me) && !st.headOf(ma, me, a, b) || !st.compatible(m.EntityID, gender) {
			continue
		}
		if n > 0 && m.EntityID == found.EntityID {
			continue
		}
		found = m
		n++
	}
	return found, n == 1
}

func (st *state) paraDist(a, b int) int {
	pa, pb := st.seg.ParagraphOf(a), st.seg.ParagraphOf(b)
	if pa > pb {
		return pa - pb
	}
	return pb - pa
}

func (st *state) sentInQuote(k int) bool {
	if k < 0 || k >= len(st.seg.SentTokens) {
		return false
	}
	st0 := st.seg.SentTokens[k][0]
	return st0 < len(st.inQ) && st.inQ[st0]
}

// recentPerson is the person mention nearest before offset at, outside
// quotes, of a compatible gender.
func (st *state) recentPerson(at int, gender string) (doc.Mention, bool) {
	ms := st.in.Mentions
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= at }) - 1; i >= 0; i-- {
		m := ms[i]
		if m.EntityType != doc.TypePerson {
			continue
		}
		t := int(st.mtok[i].First)
		if t < len(st.inQ) && st.inQ[t] {
			continue
		}
		if st.compatible(m.EntityID, gender) {
			return m, true
		}
	}
	return doc.Mention{}, false
}

// subject finds who a sentence is about: its grammatical subject when that
// is a person, a pronoun (taken from the sentence before) or a title.
func (st *state) subject(k, depth int) *who {
	if w, ok := st.subj[k]; ok {
		return w
	}
	w := st.findSubject(k, depth)
	st.subj[k] = w
	if w != nil && st.tr.On() {
		sp := st.seg.Sentences[k]
		st.tr.Note(ruleSubject, sp, st.whoSpan(w, nil), speakerNote(w))
	}
	return w
}

func (st *state) findSubject(k, depth int) *who {
	if k < 0 || k >= len(st.seg.SentTokens) {
		return nil
	}
	a, b := st.seg.SentTokens[k][0], st.seg.SentTokens[k][1]
	if a >= b {
		return nil
	}
	if w := st.namedBeforeCue(a, b); w != nil {
		return w
	}
	if w := st.accordingToSubject(a, b); w != nil {
		return w
	}
	if w, done := st.clauseSubject(k, depth, a, b); done {
		return w
	}
	// Otherwise the first person mention followed by a verb.
	for j := a; j < b; j++ {
		m, ok := st.personAt(j)
		if !ok {
			continue
		}
		ma, e := st.mentToks(j)
		if st.eligibleToks(ma, e) && st.verbFollows(e, b) {
			return st.personWho(m, doc.AttrExplicit, confExplicitBefore, ruleSubject)
		}
		j = e - 1
	}
	return nil
}

// accordingToSubject: a sentence [a, b) opening "According to X, …" is about X,
// the source of what it reports.
func (st *state) accordingToSubject(a, b int) *who {
	cp, ok := st.cueAt(a)
	if !ok || !cp.prep {
		return nil
	}
	t := a + len(cp.words)
	if m, ok := st.personAt(t); ok && t < b && !st.inQ[t] {
		return st.personWho(m, doc.AttrExplicit, confExplicitBefore, ruleSubject)
	}
	return nil
}

// namedBeforeCue: a person named right before a reporting verb ("…, Cllr
// Peter Hargreaves, said …") in sentence [a, b) is its subject whatever
// precedes.
func (st *state) namedBeforeCue(a, b int) *who {
	for j := a; j < b; j++ {
		m, ok := st.personAt(j)
		if !ok {
			continue
		}
		ma, e := st.mentToks(j)
		j = e - 1
		if st.inQ[e-1] || !st.eligibleToks(ma, e) {
			continue
		}
		if e < b && st.low[e] == "," {
			e++
		}
		for e < b && isAdverb(st.low[e]) {
			e++
		}
		if c, ok := st.cueAt(e); ok && !c.prep && !st.inMentionOrQuote(e) {
			return st.personWho(m, doc.AttrExplicit, confExplicitBefore, ruleSubject)
		}
	}
	return nil
}

// clauseSubject reads the subject at the head of sentence k's main clause
// [a, b) (after an introductory phrase): a pronoun (the sentence before's
// subject), a person, a person in apposition, a title's holder. done is
// false when the clause names none.
func (st *state) clauseSubject(k, depth, a, b int) (w *who, done bool) {
	t := a
	if st.is(a, lexicon.QuoteIntro) || (strings.HasSuffix(st.low[a], "ing") && len(st.low[a]) > 5) {
		for j := a; j < b && j-a < 30; j++ {
			if st.low[j] == "," {
				t = j + 1
				break
			}
		}
	}
	if t >= b {
		return nil, false
	}
	if pr, ok := st.lx.pronouns[st.low[t]]; ok && !pr.plural && st.subjectPronoun(st.low[t]) {
		if depth < 3 && k > 0 {
			return st.subject(k-1, depth+1), true
		}
		return nil, true
	}
	e := st.npForward(t, b)
	if e > t && e+1 < b && st.low[e] == "," {
		// "The chairman of the union, John Smith, said": the apposition names him.
		if m, ok := st.personAt(e + 1); ok && st.verbFollows(e, b) {
			return st.personWho(m, doc.AttrExplicit, confExplicitBefore, ruleSubject), true
		}
	}
	if e > t && st.verbFollows(e, b) {
		if w := st.phraseSubject(t, e, b); w != nil {
			return w, true
		}
	}
	return nil, false
}

// phraseSubject is the person the subject phrase [t, e) of a clause ending
// at b names: a person mention in it, the holder of its title named at the
// sentence end after a verb of taking the floor, or the title's holder.
func (st *state) phraseSubject(t, e, b int) *who {
	for j := t; j < e; j++ {
		if m, ok := st.personAt(j); ok {
			return st.personWho(m, doc.AttrExplicit, confExplicitBefore, ruleSubject)
		}
	}
	// "The chairman of X shared his opinion … Toleubek Mukashev.":
	// translated reports put the title's holder at the sentence end
	// (only with a verb of taking the floor, which has no person
	// object: "the chairman thanked Askar Mamin" names the object).
	if m, ok := st.trailingPerson(e, b); ok && st.introBetween(e, st.tokAt(m.Start)) {
		return st.personWho(m, doc.AttrExplicit, confExplicitBefore, ruleSubject)
	}
	for j := t; j < e; j++ {
		if st.lx.postWords[st.low[j]] {
			if w := st.resolveTitle(t, e, st.toks[t].Start); w != nil {
				w.at = st.toks[t].Start
				return w
			}
			break
		}
	}
	return nil
}

// verbFollows reports whether token e (just after a noun phrase) starts a
// predicate, allowing one apposition between commas.
func (st *state) verbFollows(e, b int) bool {
	for hop := 0; hop < 2 && e < b; hop++ {
		w := st.low[e]
		if w == "," {
			if e+1 < b && st.verbLike(e+1) {
				return true
			}
			k := e + 1
			for k < b && k-e < 25 && st.low[k] != "," {
				k++
			}
			if k >= b || st.low[k] != "," {
				return false
			}
			e = k + 1
			continue
		}
		if w == "(" {
			for e < b && st.low[e] != ")" {
				e++
			}
			e++
			continue
		}
		return st.verbLike(e)
	}
	return false
}

func (st *state) verbLike(t int) bool {
	w := st.low[t]
	if !isLowerWord(st.toks[t].Text) || st.is(t, lexicon.QuoteFunc) || st.lx.postWords[w] || st.synKind(w) != unitPlain {
		return false
	}
	return !notVerbs[w]
}

// npHead reports whether tokens [s, e) start like a speaker phrase: a
// pronoun, or noun-phrase tokens up to the first comma ("Smith, who chairs
// the panel,"), not "for accidents, and the chairman".
func (st *state) npHead(s, e int) bool {
	if _, ok := st.lx.pronouns[st.low[s]]; ok {
		return true
	}
	seg := s
	for seg < e && st.low[seg] != "," {
		seg++
	}
	if st.is(s, lexicon.QuoteDeterminer) {
		// "the release", "a spokesman for the ministry"
		for t := s; t < seg; t++ {
			if !st.wordAt(t) && st.low[t] != "’s" && st.low[t] != "'s" && st.low[t] != "-" {
				return false
			}
		}
		return seg-s <= 8
	}
	if st.is(s, lexicon.QuoteFunc) {
		return false
	}
	if isLowerWord(st.toks[s].Text) && !st.npToken(s) {
		return seg-s <= 2 // "officials said"
	}
	for t := s; t < seg; t++ {
		if st.low[t] == "(" {
			// a party and state in brackets: "Sen. Ann Lee (D-Calif.)"
			for t < seg && st.low[t] != ")" {
				t++
			}
			continue
		}
		if !st.npToken(t) {
			return false
		}
	}
	return true
}

// trailingPerson returns the person mention that ends the sentence [s, b)
// (before its final punctuation), when it is not an object of a preposition.
func (st *state) trailingPerson(s, b int) (doc.Mention, bool) {
	e := b
	for e > s && (isEndPunct(st.low[e-1]) || family(firstRune(st.low[e-1])) != famNone) {
		e--
	}
	if e <= s {
		return doc.Mention{}, false
	}
	m, ok := st.personAt(e - 1)
	if !ok {
		return doc.Mention{}, false
	}
	ma, me := st.mentToks(e - 1)
	if me < e || ma < s || !st.eligibleToks(ma, me) {
		return doc.Mention{}, false
	}
	// "… at the initiative of Kazakh President Kassym-Jomart Tokayev": a
	// name after a preposition and its title words is an object.
	t := ma - 1
	for t >= s && (st.capAt(t) || st.lx.postWords[st.low[t]]) {
		t--
	}
	if t >= s && st.is(t, lexicon.QuotePrep) {
		return doc.Mention{}, false
	}
	return m, true
}

func (st *state) introBetween(s, e int) bool {
	for t := s; t < e; t++ {
		if st.introAt(t) {
			return true
		}
	}
	return false
}

// honorDot reports the full stop of an abbreviated honorific ("Mr", "."),
// which the tokenizer splits off.
func (st *state) honorDot(t int) bool {
	return t > 0 && t < len(st.low) && st.low[t] == "." && (st.lx.honorifics[st.low[t-1]] || st.lx.postWords[st.low[t-1]])
}

// groupBefore finds a plural common noun phrase or a source noun right
// before the verb at v ("two of his rivals said", "officials said", "the
// committee of the party said"): a group or a body, not a person.
func (st *state) groupBefore(v, s int) (int, int) {
	t := v - 1
	for t >= s && isAdverb(st.low[t]) {
		t--
	}
	if t < s || !(st.pluralNoun(t) || st.lx.sources[st.low[t]] && isLowerWord(st.toks[t].Text)) {
		return 0, 0
	}
	b := t
	for b-1 >= s && t-b < 5 {
		w := st.low[b-1]
		if !isLowerWord(st.toks[b-1].Text) && !isNumber(w) {
			break
		}
		if _, pron := st.lx.pronouns[w]; (st.is(b-1, lexicon.QuoteFunc) && w != "of" && w != "his" && w != "her" && w != "their" && w != "the") || (pron && w != "his" && w != "her" && w != "their") {
			break
		}
		b--
	}
	return b, t + 1
}

// pluralNoun reports a lowercase word that reads as a plural noun: "rivals",
// "officials", not "his" or "was".
func (st *state) pluralNoun(t int) bool {
	w := st.low[t]
	if !isLowerWord(st.toks[t].Text) || st.is(t, lexicon.QuoteFunc) || len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return false
	}
	if _, ok := st.lx.pronouns[w]; ok {
		return false
	}
	if _, ok := st.cueAt(t); ok {
		return false
	}
	return !auxWords[w]
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}
