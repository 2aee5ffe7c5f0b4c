package quotes

import (
	"sort"
	"strings"

	"plenary/pipeline/doc"
)

// Verdicts on a quoted span.
const (
	vReject = iota // a name, a title, a scare quote
	vQuote         // reported speech
	vCited         // words cited, not said by anyone in the text ("words like “…”")
	vShort         // too short to tell; kept if another quote contains it
)

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
			c.closeTok = st.tokCovering(q.close)
		} else {
			c.closeTok = st.tokAt(c.span.End)
		}
		st.cands = append(st.cands, c)
	}
	for i, c := range st.cands {
		prevClose, nextOpen := 0, len(st.toks)
		if i > 0 {
			prevClose = st.cands[i-1].closeTok + 1
		}
		if i+1 < len(st.cands) {
			nextOpen = st.cands[i+1].openTok
		}
		c.verdict = st.judge(c, prevClose, nextOpen)
		if c.verdict == vQuote || c.verdict == vCited {
			st.markInQ(c)
		}
	}
	n := 0
	for _, c := range st.cands {
		if c.verdict != vQuote && c.verdict != vCited {
			continue
		}
		n++
		st.attribute(c)
		st.last, st.lastAt, st.lastEnd = c.sp, c.span.Start, c.span.End
	}
	st.excerpts()
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
			Attribution: doc.AttrNone, Confidence: confUnknown}
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

// judge decides whether a quoted span is reported speech.
func (st *state) judge(c *cand, prevClose, nextOpen int) int {
	n := len(c.words)
	if n == 0 {
		return vReject
	}
	if st.coveredByMention(c.span) {
		return vReject
	}
	if st.nameShaped(c) {
		return vReject
	}
	if m, ok := st.markerNear(c); ok {
		if m.cited {
			if n >= 5 {
				return vCited
			}
			return vReject
		}
		// A name, a title or a slogan starts with a capital; a lowercase
		// fragment of five words or more is speech ("would be named
		// “within the next two weeks, after consultations …”").
		if n < 12 && !(n >= 5 && isLowerWord(c.text)) {
			return vReject
		}
	}
	c.hit = st.findCue(c, prevClose, nextOpen)
	if c.hit != nil {
		return vQuote
	}
	if n >= 6 || (n >= 3 && sentenceLike(c.text)) {
		return vQuote
	}
	return vShort
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
		lw := appendLower(lowBuf[:0], w)
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

// attribute resolves the speaker of an accepted quote.
func (st *state) attribute(c *cand) {
	if c.verdict == vCited {
		c.sp = &who{attr: doc.AttrNone, conf: confSource}
		return
	}
	if h := c.hit; h != nil && h.form == "shared" {
		c.cue = h.cue
		if prev := st.prevQuote(c); prev != nil && prev.sp != nil {
			c.sp = st.inherit(prev.sp, prev.sp.conf-0.05)
			c.sp.attr = prev.sp.attr
			return
		}
	}
	if h := c.hit; h != nil && h.form != "shared" {
		c.cue = h.cue
		if h.cue == ":" {
			c.cue = ""
		}
		w := st.resolveNP(h.npS, h.npE, c.span.Start)
		if w == nil {
			w = st.nearestSubject(h, c)
		}
		if w != nil {
			if w.attr == doc.AttrExplicit {
				switch h.form {
				case "after":
					w.conf = max32(w.conf, confExplicitAfter)
				case "colon":
					w.conf = confHeadline
				}
			}
			c.sp = w
			return
		}
	}
	c.sp = st.continuation(c)
}

func max32(a, b float32) float32 {
	if a > b {
		return a
	}
	return b
}

// nearestSubject is the fallback when the speaker phrase did not resolve: an
// eligible person mention before the cue in the same window.
func (st *state) nearestSubject(h *cueHit, c *cand) *who {
	if h.form == "after" {
		return nil
	}
	for t := h.npS - 1; t >= 0 && t >= h.npS-25; t-- {
		if st.low[t] == "." {
			break
		}
		if m, ok := st.personAt(t); ok && st.eligible(m) {
			return st.personWho(m, doc.AttrExplicit, confExplicitBefore-0.15)
		}
	}
	return nil
}

// continuation attributes a quote with no cue: the previous quote's speaker
// when it is in the same or the previous paragraph, else the subject of the
// sentence before, else the previous quote's speaker within three paragraphs.
func (st *state) continuation(c *cand) *who {
	prev := st.prevQuote(c)
	if prev != nil && prev.sp != nil && st.paraDist(prev.span.End, c.span.Start) <= 1 {
		return st.inherit(prev.sp, confContinuation)
	}
	sent := st.seg.SentenceOf(c.q.open)
	for k := sent - 1; k >= 0 && k >= sent-2; k-- {
		if st.sentInQuote(k) {
			break
		}
		if w := st.subject(k, 0); w != nil && w.id != "" {
			return &who{id: w.id, name: w.name, mention: w.mention, attr: doc.AttrContinuation, conf: confContext, at: w.at}
		}
	}
	if prev != nil && prev.sp != nil && st.paraDist(prev.span.End, c.span.Start) <= 3 {
		return st.inherit(prev.sp, confContext)
	}
	return nil
}

func (st *state) inherit(p *who, conf float32) *who {
	if p.id == "" && p.name == "" {
		return &who{mention: p.mention, attr: doc.AttrNone, conf: confSource}
	}
	return &who{id: p.id, name: p.name, mention: p.mention, attr: doc.AttrContinuation, conf: conf, at: p.at}
}

func (st *state) prevQuote(c *cand) *cand {
	for i := c.idx - 1; i >= 0; i-- {
		if st.cands[i].verdict == vQuote {
			return st.cands[i]
		}
	}
	return nil
}

// excerpts accepts short quoted phrases that repeat words of an accepted
// quote (a headline quoting part of the body), with that quote's speaker:
// the first quote, in text order, accepted by then whose words hold the
// phrase's in a row. The accepted quotes' runs of words are indexed, not
// searched for each phrase: a page of short quoted phrases made that
// quadratic (3.1 s at 200 KB, 19.7 s at 400 KB).
func (st *state) excerpts() {
	longest := 0
	for _, c := range st.cands {
		if c.verdict == vShort {
			longest = max(longest, len(c.words))
		}
	}
	if longest == 0 {
		return
	}
	first := map[string]int{}
	for _, o := range st.cands {
		if o.verdict == vQuote {
			indexRuns(first, o, longest)
		}
	}
	if len(first) == 0 {
		return
	}
	var key []byte
	for _, c := range st.cands {
		if c.verdict != vShort {
			continue
		}
		key = appendJoined(key[:0], c.words)
		oi, ok := first[string(key)]
		if !ok {
			continue
		}
		c.verdict = vQuote
		if o := st.cands[oi]; o.sp != nil {
			c.sp = st.inherit(o.sp, confContinuation-0.1)
		}
		indexRuns(first, c, longest) // later phrases may repeat this one
	}
}

// indexRuns enters every run of up to longest words of o, joined by
// spaces, into first unless a quote before o holds it already.
func indexRuns(first map[string]int, o *cand, longest int) {
	joined := strings.Join(o.words, " ") // words hold no space
	at := 0
	for i := range o.words {
		end := at
		for k := 0; k < longest && i+k < len(o.words); k++ {
			if k > 0 {
				end++
			}
			end += len(o.words[i+k])
			if j, ok := first[joined[at:end]]; !ok || o.idx < j {
				first[joined[at:end]] = o.idx
			}
		}
		at += len(o.words[i]) + 1
	}
}

func appendJoined(b []byte, words []string) []byte {
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return b
}
