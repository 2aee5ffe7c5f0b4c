package quotes

import (
	"sort"
	"strings"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

// Verdicts on a quoted span.
const (
	vReject = iota // a name, a title, a scare quote
	vQuote         // reported speech
	vCited         // words cited, not said by anyone in the text ("words like “…”")
	vShort         // too short to tell; kept if another quote contains it
)

// Which quoted spans are reported speech: each verdict is a rule.
var (
	ruleQuoteNoWords = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.no-words",
		"quotation marks around no word are no quote",
		"[“…”]")
	ruleQuoteEntityName = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.entity-name",
		"quoted words mostly covered by an entity's mention are a name",
		"the party [«AMANAT»]")
	ruleQuoteNameShaped = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.name-shaped",
		"quoted words with every content word capitalized and no I/we/you are a name or a title",
		"the programme [“Clean Water For All”]")
	ruleQuoteCited = rules.New(rules.StageQuotes, rules.Accept, "quote.accept.cited",
		"five or more words after a citation marker are cited words (kept, with no speaker)",
		"words like [“we will never give up on our workers”]")
	ruleQuoteCitedShort = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.cited-short",
		"fewer than five words after a citation marker are a term, not a quote",
		"The union wrote with words like [“no more”].")
	ruleQuoteNameMarker = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.name-marker",
		"quoted words after a name marker (named, entitled, the badge...) are a name, unless long, a lower-case fragment of five words or one opening with a/an",
		"Members called it the so-called [“green list”] at the meeting.")
	ruleQuoteCue = rules.New(rules.StageQuotes, rules.Accept, "quote.accept.cue",
		"quoted words with a reporting cue around them are speech",
		"[“We will win,”] she said.")
	ruleQuoteModifier = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.modifier",
		"up to three lower-case quoted words not ending in an adjective, standing before a noun, after a determiner, adjective, adverb, noun or preposition, modify the noun as a term or a scare quote, even in a reported sentence (the speaker's adjective, a “very bad” deal, stays a quote)",
		"Ann Lee said the city needs more [“missing middle”] housing.")
	ruleQuoteVerblessTitle = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.verbless-title",
		"quoted words with no cue that open with two capitalized words, end with no punctuation and hold no verb and no I/we/you are the title of an item, a document or a programme",
		"The agenda included [“Regional Program on Decent Work and the role of trade unions”] and other issues.")
	ruleQuoteSlogan = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.slogan",
		"up to eight quoted words with no cue, ending in an exclamation mark, with no verb and no I/we/you, are a slogan",
		"[“Fair pay – strong families!”]: dockers of the port held a rally")
	ruleQuoteSpeechShaped = rules.New(rules.StageQuotes, rules.Accept, "quote.accept.speech-shaped",
		"six quoted words or more, or three in a sentence-like form, are speech without a cue",
		"[“We will not stop until wages are paid.”]")
	ruleQuoteShort = rules.New(rules.StageQuotes, rules.Reject, "quote.reject.short",
		"shorter quoted words with no cue are kept only as an excerpt of an accepted quote",
		"a [“fair wage”]")
	ruleQuoteExcerpt = rules.New(rules.StageQuotes, rules.Accept, "quote.accept.excerpt",
		"a short quoted phrase repeating words of an accepted quote is an excerpt of it",
		"The workers want to [“win this fight”].¶“We will win this fight,” Ann Lee said.")
	ruleIndirect = rules.New(rules.StageQuotes, rules.Detect, "quote.detect.indirect",
		"reported speech without marks: \"According to X, CLAUSE\" and \"X said (that) CLAUSE\" in a sentence with no direct quote",
		"Ann Lee said that [the plan will work].")
)

// sieveOf is the ID of the sieve that chose w (none when no one).
func sieveOf(w *who) string {
	if w == nil || w.rule == nil {
		return sieveNone.ID
	}
	return w.rule.ID
}

// cand is a quoted span on its way to becoming a doc.Quote.
type cand struct {
	q                 qspan
	span              doc.Span
	text              string
	words             []string
	openTok, closeTok int
	hit               *cueHit
	verdict           int
	sp                *who
	cue               string
	idx               int // index in state.cands
}

// direct finds the direct quotes.
func (st *state) direct() []doc.Quote {
	rs := st.seg.Runes
	qs := scanMarks(rs, st.seg.Paragraphs)
	// the candidates in one block, the list of pointers sized once
	block := make([]cand, len(qs))
	st.cands = make([]*cand, 0, len(qs))
	for qi, q := range qs {
		c := &block[qi]
		*c = cand{q: q, span: q.span(), text: quoteText(rs, q.segs), idx: len(st.cands)}
		c.words = normWords(c.text)
		c.openTok = st.tokCovering(q.open)
		if q.close >= 0 {
			c.closeTok = st.tokCovering(q.close + q.closeW - 1)
		} else {
			c.closeTok = st.tokAt(c.span.End)
		}
		st.cands = append(st.cands, c)
	}
	for i, c := range st.cands {
		if st.seg.Budget.Step() {
			return nil
		}
		prevClose, nextOpen := 0, len(st.toks)
		if i > 0 {
			prevClose = st.cands[i-1].closeTok + 1
		}
		if i+1 < len(st.cands) {
			nextOpen = st.cands[i+1].openTok
		}
		if c.q.openW == 2 || c.q.closeW == 2 {
			st.tr.Add(ruleMarkApos2, c.span, c.span)
		}
		if c.q.reopen {
			st.tr.Add(ruleMarkSingleReopen, c.span, c.span)
		}
		if c.q.poss {
			st.tr.Add(ruleMarkPossessive, c.span, c.span)
		}
		c.verdict = st.judge(c, prevClose, nextOpen)
		if c.verdict == vQuote || c.verdict == vCited {
			st.markInQ(c)
		}
	}
	n := 0
	for _, c := range st.cands {
		if st.seg.Budget.Step() {
			return nil
		}
		if c.verdict != vQuote && c.verdict != vCited {
			continue
		}
		n++
		st.attribute(c)
		st.last, st.lastAt, st.lastEnd = c.sp, c.span.Start, c.span.End
	}
	st.excerpts()
	st.speakerlessExcerpts()
	var out []doc.Quote
	if n > 0 {
		// room for the excerpts accepted above and a few indirect quotes
		out = make([]doc.Quote, 0, n+n/2+2)
	}
	for _, c := range st.cands {
		if c.verdict != vQuote && c.verdict != vCited {
			continue
		}
		q := doc.Quote{Kind: doc.Direct, Text: c.text, Span: c.span, Cue: c.cue,
			Attribution: doc.AttrNone, Confidence: confUnknown, Sieve: sieveOf(c.sp)}
		if c.sp != nil {
			q.SpeakerID, q.SpeakerName, q.SpeakerMention = c.sp.id, c.sp.name, c.sp.mention
			q.Attribution, q.Confidence = c.sp.attr, c.sp.conf
		}
		out = append(out, q)
	}
	return out
}

func (st *state) markInQ(c *cand) {
	for t := c.openTok; t < len(st.inQ) && t <= c.closeTok; t++ {
		st.inQ[t] = true
	}
}

// judge decides whether a quoted span is reported speech, and records
// the rule that decided.
func (st *state) judge(c *cand, prevClose, nextOpen int) int {
	v, r := st.verdict(c, prevClose, nextOpen)
	st.tr.Add(r, c.span, c.span)
	return v
}

// verdict is judge's decision and its rule.
func (st *state) verdict(c *cand, prevClose, nextOpen int) (int, *rules.Rule) {
	n := len(c.words)
	if n == 0 {
		return vReject, ruleQuoteNoWords
	}
	if st.coveredByMention(c.span) {
		return vReject, ruleQuoteEntityName
	}
	if st.nameShaped(c) {
		return vReject, ruleQuoteNameShaped
	}
	if m, ok := st.markerNear(c); ok {
		if m.cited {
			if n >= 5 {
				return vCited, ruleQuoteCited
			}
			return vReject, ruleQuoteCitedShort
		}
		// A name, a title or a slogan starts with a capital; a lowercase
		// fragment of five words or more is speech ("would be named
		// “within the next two weeks, after consultations …”"), and so is
		// one opening with an indefinite article: a description, no name
		// ("called the Labour Code “a relic of the past”").
		if n < 12 && !(n >= 5 && isLowerWord(c.text)) && !indefiniteOpen(c) {
			return vReject, ruleQuoteNameMarker
		}
	}
	c.hit = st.findCue(c, prevClose, nextOpen)
	if c.hit != nil {
		if st.modifierTerm(c) {
			return vReject, ruleQuoteModifier
		}
		return vQuote, ruleQuoteCue
	}
	if st.verblessTitle(c) {
		return vReject, ruleQuoteVerblessTitle
	}
	if st.slogan(c) {
		return vReject, ruleQuoteSlogan
	}
	if n >= 6 || (n >= 3 && sentenceLike(c.text)) {
		return vQuote, ruleQuoteSpeechShaped
	}
	return vShort, ruleQuoteShort
}

// modifierMax is the longest quoted phrase read as a noun's modifier.
const modifierMax = 3

// modifierTerm reports quoted words in a noun's modifier position (the
// ballot “curing” process, the kind of “missing middle” housing): a term
// or scare quote, not speech, though a cue reports the sentence. The
// sentence is tagged only for such short quotes with a cue.
func (st *state) modifierTerm(c *cand) bool {
	if len(c.words) > modifierMax || !isLowerWord(c.text) || c.q.close < 0 {
		return false
	}
	switch lastRune(c.text) {
	case '.', ',', '!', '?', '…', ';', ':':
		return false
	}
	before, after := c.openTok-1, c.closeTok+1
	if before < 0 || after >= len(st.toks) || st.toks[after].Sentence != st.toks[c.closeTok].Sentence {
		return false
	}
	if !isLowerWord(st.toks[after].Text) || st.is(after, lexicon.QuoteTimeAdverb) || st.pos(after)&pNoun == 0 {
		return false
	}
	if st.pos(c.closeTok-1)&pAdj != 0 {
		// the speaker's own adjective ("a “very bad” deal", "a
		// “progressive” administration") is a partial quote, not a term
		return false
	}
	return st.pos(before)&(pNP|pPrep|pAdv) != 0 && st.pos(before)&pVerb == 0
}

// verblessTitle reports quoted words with no cue shaped like a title with
// lower-case words in it ("Country Program on Decent Work and the role of
// trade unions"): two capitalized words first, no closing punctuation, no
// first- or second-person pronoun, and no verb. Only spans of this shape
// have their sentence tagged.
func (st *state) verblessTitle(c *cand) bool {
	if len(c.words) < 3 || endsClause(c.text) || c.q.close < 0 {
		return false
	}
	first, second := -1, -1
	for t := c.openTok + 1; t < c.closeTok; t++ {
		if !st.wordAt(t) {
			continue
		}
		if st.is(t, lexicon.QuoteSpeechPronoun) {
			return false
		}
		switch {
		case first < 0:
			first = t
		case second < 0:
			second = t
		}
	}
	if second < 0 || !st.capAt(first) || !st.capAt(second) {
		return false
	}
	return st.verbless(c)
}

// sloganMax is the longest exclamation read as a slogan.
const sloganMax = 8

// slogan reports a short exclamation with no cue, no verb and no I/we/you
// ("Strong union – strong worker!"): a slogan or a motto, no speech.
func (st *state) slogan(c *cand) bool {
	if len(c.words) > sloganMax || lastRune(c.text) != '!' || c.q.close < 0 {
		return false
	}
	for t := c.openTok + 1; t < c.closeTok; t++ {
		if st.is(t, lexicon.QuoteSpeechPronoun) {
			return false
		}
	}
	return st.verbless(c)
}

// verbless reports quoted words the tagger finds no verb in.
func (st *state) verbless(c *cand) bool {
	for t := c.openTok + 1; t < c.closeTok; t++ {
		if st.pos(t)&pVerb != 0 {
			return false
		}
	}
	return true
}

// coveredByMention reports a quoted span that is mostly an entity's name
// («AMANAT», “Organization of Veterans”).
func (st *state) coveredByMention(sp doc.Span) bool {
	ms := st.in.Mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].End > sp.Start })
	for ; i < len(ms) && ms[i].Start < sp.End; i++ {
		a, b := ms[i].Start, ms[i].End
		if a < sp.Start {
			a = sp.Start
		}
		if b > sp.End {
			b = sp.End
		}
		if b > a && float64(b-a) >= 0.6*float64(sp.End-sp.Start) {
			return true
		}
	}
	return false
}

// nameShaped reports quoted words shaped like a name or a title: every
// content word capitalized and no first- or second-person pronoun.
func (st *state) nameShaped(c *cand) bool {
	if len(c.words) >= 3 && isAllCaps(c.text) {
		// An all-caps headline ("NAME: “A FAIR WAGE IS …”") says nothing
		// by its case; the cue decides.
		return false
	}
	sig := 0
	var lowBuf [64]byte
	for rest := c.text; rest != ""; {
		// c.text is collapsed: fields are separated by single spaces.
		f := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			f, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		w := strings.TrimFunc(f, func(r rune) bool { return !isWordRune(r) })
		if w == "" {
			continue
		}
		// the map lookups of string(bytes) do not allocate
		lw := segment.AppendLower(lowBuf[:0], w)
		if speechPronouns[string(lw)] {
			return false
		}
		if funcWords[string(lw)] {
			continue
		}
		if !isCap(w) {
			return false
		}
		sig++
	}
	return sig > 0
}

// indefiniteOpen reports quoted words opening with an indefinite article:
// "a relic of 1971" describes, it does not name.
func indefiniteOpen(c *cand) bool {
	return len(c.words) > 1 && (c.words[0] == "a" || c.words[0] == "an") && isLowerWord(c.text)
}

func isWordRune(r rune) bool { return isWord(string(r)) }

// sentenceLike: starts with a capital and ends with sentence punctuation.
func sentenceLike(text string) bool {
	if !isCap(text) {
		return false
	}
	return endsClause(text)
}

// markerNear finds a name or citation marker right before or after the marks.
func (st *state) markerNear(c *cand) (marker, bool) {
	if e := c.openTok - 1; e >= 0 {
		for _, m := range st.lx.before[st.low[e]] {
			s := e - len(m.words) + 1
			if s >= 0 && wordsAt(st.low, s, m.words) {
				return m, true
			}
		}
	}
	if c.q.close >= 0 {
		s := c.closeTok + 1
		if s < len(st.low) {
			for _, m := range st.lx.after[st.low[s]] {
				if s+len(m.words) <= len(st.low) && wordsAt(st.low, s, m.words) && !m.cited {
					return m, true
				}
			}
		}
	}
	return marker{}, false
}
