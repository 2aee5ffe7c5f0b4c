package quotes

import (
	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
	"strings"
)

// Attribution is an ordered list of sieves, as in CoreNLP's quote
// attribution: each tries to find the speaker of a quote, and the first
// that decides wins. The explicit-cue sieve reads the speaker phrase its
// cue names, and how that phrase resolves names the rule of the row: a
// person mention (by the cue's form), a pronoun, a title reference, a
// person introduced as taking the floor, a source. A quote no sieve
// attributes takes the speaker of the quotes around it (continuation).
// Every rule that can give a quote its speaker is declared here; the row's
// quotes.sieve column names it.

var (
	sieveCited = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.cited",
		"words cited after a citation marker (words like, the phrase) have no speaker",
		"slogans with words like [“we will never give up on our workers”]")
	sieveSharedVerb = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.shared-verb",
		"a second reporting verb sharing the subject of the previous quote's cue keeps that quote's speaker",
		"Ann Lee said it had received “many letters from workers” and described the plan as [“a step toward fair pay for all”].")
	sieveCueAfter = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.cue-after",
		"a person named with a reporting cue after the quote (”, said X / ”, X said) is its speaker",
		"“We will win,” said [Ann Lee].")
	sieveCueBefore = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.cue-before",
		"a person named as the subject of a reporting verb before the quote in its sentence (X said: “…”; read from part-of-speech tags past adverbs and auxiliaries) is its speaker",
		"[Ann Lee] said: “We will win.”")
	sieveColon = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.colon",
		"a person named right before a colon and the quote (a headline's X: “…”) is its speaker",
		"[ANN LEE]: “WE WILL WIN”")
	sievePrevColon = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.prev-colon",
		"a person named with a cue ending the sentence before, in a colon (X said:), is the speaker of the quote that opens the next",
		"[Ann Lee] said:\n“We will win.”")
	sieveAccordingTo = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.according-to",
		"the person after \"according to\" is the speaker of the clause after the comma",
		"According to [Ann Lee], the plan will work well.")
	sieveSaidThat = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.said-that",
		"the subject of a reporting verb is the speaker of the clause it reports",
		"[Ann Lee] said that the plan will work well.")
	sievePronoun = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.pronoun",
		"a pronoun speaker is the subject of a recent sentence of a compatible gender",
		"[Ann Lee] opened the session. “We will win,” she said.")
	sieveIntroduced = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.introduced",
		"a pronoun speaker (or \"the speaker\") is the person introduced as taking the floor since the previous quote",
		"[Askar Bekov] took the floor. The hall was silent. The lights dimmed. “We will fight for every tenge,” he said.")
	sievePronounSentence = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.pronoun-sentence",
		"a pronoun after the main verb of its sentence stands for that verb's person subject, of a compatible gender",
		"At the hearing, its chairwoman, [Ann Lee], read from a letter she said she had sent: “We are asking for the money now.”")
	sievePronounPrevMention = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.pronoun-previous-mention",
		"a gendered pronoun whose previous sentence has no subject of its gender stands for the one person of that gender the sentence names",
		"The ministry was represented by Deputy Minister [Ann Lee]. She described the proposals as “generally acceptable for now”.")
	sieveHonorific = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.honorific-gender",
		"a name after Mr or Ms that the entities linked to a person of the other gender is the one person of that surname and gender",
		"Mary Hale chaired the board. Ms Hale said the talks went well. Tom Hale runs the depot.¶“Nobody loses a job,” Mr [Hale] said.")
	sieveNonPerson = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.non-person",
		"a reporting verb whose subject is a common noun phrase naming no person, title or source the lexicon knows (the group, its draft, the worker) gives the quote no speaker, not the previous one",
		"“We will not stop now,” Ann Lee said.¶[The group] warned that the law would “hurt every small farm in the state”.")
	sievePronounLastSpeaker = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.pronoun-last-speaker",
		"with no recent subject, a pronoun speaker is the previous quote's speaker within three paragraphs",
		"“We will win this fight,” [Ann Lee] said.¶The hall applauded loudly.¶“We will not stop,” she added.")
	sievePronounNearest = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.pronoun-nearest",
		"else a pronoun speaker is the nearest person mention before it outside quotes",
		"The floor was given to [Ann Lee]. “We will win this fight,” she said.")
	sievePronounPlural = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.pronoun-plural",
		"a plural pronoun names no one person",
		"“We will not stop now,” [they] said.")
	sievePronounUnresolved = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.pronoun-unresolved",
		"a pronoun with no person before it stays unresolved",
		"“We will not stop now,” [he] said.")
	sieveTitleRole = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.title-reference",
		"a title phrase as speaker is the person holding the matching role (posts, modifiers and body agree)",
		"The head of the Union, Ann Lee, spoke. “We will not stop now,” said [the head of the Union].")
	sieveTitleNear = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.title-near-mention",
		"with no matching role, a title phrase is the most recent person introduced with the post",
		"Senator [Ann Lee], a Democrat and for ten years chairman of the Subcommittee on Surface Transport, opened the hearing. “We will keep the lights on in this room,” the chairman said.")
	sieveTitleWeak = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.title-weak",
		"else a title phrase is the holder of the same post in another body, as far as the words tell",
		"The Chairman of the Senate, Ann Lee, met workers. “We will not stop now,” said [the chairman of the Union].")
	sieveTitleUnresolved = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.title-unresolved",
		"a title phrase that matches no one names no person",
		"“We will not stop now,” said [the chairman].")
	sieveGeneric = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.generic-reference",
		"a generic person noun (the official, the sponsor; quotes_titles.txt lines with !) that no role or apposition resolves is the person just speaking or spoken of",
		"“Trade unions will keep their place at the table,” [Ann Lee] said.¶The session then turned to migration.¶“We are confident that the dialogue will go on,” the official noted.")
	sieveSpeakerRef = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.speaker-ref",
		"\"the speaker\" is the person most recently speaking or introduced as speaking",
		"[Ann Lee] opened the session. The floor was then opened to delegates. “We will fight for every tenge,” the speaker said.")
	sieveGroup = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.group",
		"a plural common noun phrase (officials, two of his rivals) names no one person",
		"“We will not stop now,” [officials] said.")
	sieveIndefinite = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.indefinite",
		"an indefinite title (a spokesperson for X) names someone the text does not",
		"“We will not stop now,” [a spokesman for the ministry] said.")
	sieveSource = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.source",
		"a body or a source noun (the release, the ministry) speaks for no person",
		"“We will not stop now,” [the ministry] said.")
	sieveNameMatch = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.name-match",
		"capitalized words the entity stage missed that match a person's name or alias are that person",
		"Gregory Quillfeather spoke. [Mr. Quillfeather] has said he will debate the mayor once.")
	sieveBodyApposition = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.body-apposition",
		"a name the entities did not know, in apposition with a body's descriptor (X, the video platform, said), is a company's or group's: no person speaker",
		"[Zentrova], the video platform whose chief declined to testify, said it “removes false media at once”.")
	sieveJointSubject = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.joint-subject",
		"a quote with no cue after a sentence whose subject is two persons joined by 'and' has no speaker: the text does not say which of them spoke",
		"Ann Lee and John Smith both spoke about the contractors.¶[“A welder of a contractor has the same risks.”]")
	sieveNameUnknown = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.name-unknown",
		"capitalized words that match no person are a speaker named as written",
		"“We will not stop now,” said [Zorro].")
	ruleSubject = rules.New(rules.StageQuotes, rules.Detect, "quote.detect.subject",
		"the person a sentence is about: named before a reporting verb, its subject before a verb, a title's holder, a pronoun's antecedent (read by the pronoun and continuation sieves)",
		"[Ann Lee] thanked the members. “We will fight for every tenge of the wages.”")
	sieveNearestSubject = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.nearest-subject",
		"when the cue's phrase resolves to no one, an eligible person mention before it in the window is the speaker",
		"[Ann Lee] stood up, adding in the regional remarks: “We will not stop now.”")
	sieveContinuation = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.continuation",
		"a quote with no cue continues the previous quote's speaker in the same or the previous paragraph",
		"“We will not stop now,” Ann Lee said. [“We will fight for every tenge of the wages.”]")
	sieveContextSubject = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.context-subject",
		"else it takes the person subject of one of the two sentences before",
		"Ann Lee thanked the members. [“We will fight for every tenge of the wages.”]")
	sieveContinuationFar = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.continuation-far",
		"else it continues the previous quote's speaker within three paragraphs",
		"“We will not stop now,” Ann Lee said.¶The hall applauded.¶The session went on.¶[“We will fight for every tenge of the wages.”]")
	sieveExcerpt = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.excerpt",
		"a short quoted phrase repeating words of an accepted quote takes that quote's speaker",
		"The workers want to [“win this fight”].¶“We will win this fight,” Ann Lee said.")
	sieveNone = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.none",
		"no sieve found a speaker",
		"[“We will win.”]")
)

// cueSieves name a person mention found in the speaker phrase of a cue, by
// the cue's form.
var cueSieves = map[string]*rules.Rule{"after": sieveCueAfter, "before": sieveCueBefore, "colon": sieveColon, "prev": sievePrevColon}

// sieve is one attribution rule: it returns the speaker (nil: none) and
// whether it decided.
type sieve struct {
	rule *rules.Rule
	try  func(st *state, c *cand) (*who, bool)
}

// sieves are tried in this order; the first that decides gives the
// speaker.
var sieves = [...]sieve{
	{sieveCited, (*state).cited},
	{sieveSharedVerb, (*state).sharedVerb},
	{nil, (*state).explicitCue},
	{nil, func(st *state, c *cand) (*who, bool) { return st.continuation(c), true }},
}

// attribute resolves the speaker of an accepted quote.
func (st *state) attribute(c *cand) {
	for _, s := range sieves {
		if w, ok := s.try(st, c); ok {
			c.sp = w
			break
		}
	}
	if st.tr.On() {
		r := sieveNone
		if c.sp != nil && c.sp.rule != nil {
			r = c.sp.rule
		}
		st.tr.Note(r, c.span, st.whoSpan(c.sp, c.hit), speakerNote(c.sp))
	}
}

// whoSpan is, for the trace, the person mention that named w, else the
// speaker phrase of the quote's cue h (nil: none).
func (st *state) whoSpan(w *who, h *cueHit) doc.Span {
	if w != nil && w.src.End > w.src.Start {
		return w.src
	}
	if h != nil && h.npE > h.npS {
		return doc.Span{Start: st.toks[h.npS].Start, End: st.toks[h.npE-1].End}
	}
	return doc.Span{}
}

// speakerNote is the trace's note for a speaker: who, how sure.
func speakerNote(w *who) string {
	if w == nil {
		return "no speaker"
	}
	name := w.name
	if name == "" {
		name = "(" + w.mention + ")"
	}
	return name + " [" + w.attr + "]"
}

// cited: words cited, not said, have no speaker.
func (st *state) cited(c *cand) (*who, bool) {
	if c.verdict != vCited {
		return nil, false
	}
	return &who{attr: doc.AttrNone, conf: confSource, rule: sieveCited}, true
}

// sharedVerb: "X said it had received “…” and described the exercise as
// “…”" keeps the first quote's speaker.
func (st *state) sharedVerb(c *cand) (*who, bool) {
	h := c.hit
	if h == nil || h.form != "shared" {
		return nil, false
	}
	c.cue = h.cue
	if prev := st.prevQuote(c); prev != nil && prev.sp != nil {
		w := st.inherit(prev.sp, prev.sp.conf-0.05, sieveSharedVerb)
		w.attr = prev.sp.attr
		return w, true
	}
	return nil, false
}

// explicitCue: the speaker phrase of the quote's cue, resolved; else the
// nearest eligible person before the cue.
func (st *state) explicitCue(c *cand) (*who, bool) {
	h := c.hit
	if h == nil || h.form == "shared" {
		return nil, false
	}
	c.cue = h.cue
	if h.cue == ":" {
		c.cue = ""
	}
	var w *who
	if h.clause != nil {
		w = st.resolveClause(h.clause, c.span.Start, cueSieves[h.form])
	} else {
		w = st.resolveNP(h.npS, h.npE, c.span.Start, cueSieves[h.form])
	}
	if w == nil && (h.clause != nil || h.form == "after" && st.commonPhrase(h.npS, h.npE)) {
		// The verb's subject is known and names no one: "the group
		// warned that it would …", "“…,” its draft says", "the worker said".
		return &who{mention: st.textOf(h.npS, h.npE), attr: doc.AttrNone, conf: confUnknown, at: st.toks[h.npS].Start, rule: sieveNonPerson}, true
	}
	if w == nil {
		w = st.nearestSubject(h, c)
	}
	if w == nil {
		return nil, false
	}
	if w.attr == doc.AttrExplicit {
		switch h.form {
		case "after":
			w.conf = max32(w.conf, confExplicitAfter)
		case "colon":
			w.conf = confHeadline
		}
	}
	return w, true
}

// commonPhrase reports a speaker phrase [s, e) that opens with a
// determiner or a possessive and holds no capitalized word: a common noun
// phrase ("the worker", "its draft"), no name the entities missed.
func (st *state) commonPhrase(s, e int) bool {
	if s >= e {
		return false
	}
	if !st.is(s, lexicon.QuoteCommonStart) {
		return false
	}
	for t := s + 1; t < e; t++ {
		if st.capAt(t) {
			return false
		}
	}
	return true
}

// resolveClause is the speaker of a phrase the clause reader found: the
// person heading it, else what its pronoun or title stands for.
func (st *state) resolveClause(p *phrase, pos int, byMention *rules.Rule) *who {
	if p.ok {
		r := p.rule
		if r == nil {
			r = byMention
		}
		return st.personWho(p.person, doc.AttrExplicit, confExplicitBefore, r)
	}
	if p.e-p.a == 1 && isSubjectPronoun(st.low[p.a]) {
		if w, ok := st.pronounSpeaker(p.a, p.e, pos); ok {
			return w
		}
	}
	if w, ok := st.backReference(p.a, p.e); ok {
		return w
	}
	// a possessive opens a noun phrase here ("his rivals"), no pronoun subject
	w := st.nounSpeaker(p.a, p.e, pos)
	if w != nil && w.src.End <= w.src.Start && p.e > p.a {
		w.src = doc.Span{Start: st.toks[p.a].Start, End: st.toks[p.e-1].End}
	}
	return w
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
		if m, ok := st.personAt(t); ok && st.eligibleAt(t) {
			return st.personWho(m, doc.AttrExplicit, confExplicitBefore-0.15, sieveNearestSubject)
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
		return st.inherit(prev.sp, confContinuation, sieveContinuation)
	}
	sent := st.seg.SentenceOf(c.q.open)
	for k := sent - 1; k >= 0 && k >= sent-2; k-- {
		if st.sentInQuote(k) {
			break
		}
		if w := st.subject(k, 0); w != nil && w.id != "" {
			if st.jointSubject(w) {
				// "X and Y both spoke about …": a careful reader cannot tell which
				return &who{attr: doc.AttrNone, conf: confUnknown, at: w.at, rule: sieveJointSubject}
			}
			return &who{id: w.id, name: w.name, mention: w.mention, attr: doc.AttrContinuation, conf: confContext, at: w.at, rule: sieveContextSubject, src: w.src}
		}
	}
	if prev != nil && prev.sp != nil && st.paraDist(prev.span.End, c.span.Start) <= 3 {
		return st.inherit(prev.sp, confContext, sieveContinuationFar)
	}
	return nil
}

// jointSubject reports a subject person w coordinated with another
// person by "and" ("Ann Lee and Bob Hale both spoke").
func (st *state) jointSubject(w *who) bool {
	if w.src.End <= w.src.Start {
		return false
	}
	s, e := st.tokAt(w.src.Start), st.tokAt(w.src.End)
	if e+1 < len(st.low) && st.low[e] == "and" {
		if _, ok := st.personAt(e + 1); ok {
			return true
		}
	}
	if s-2 >= 0 && st.low[s-1] == "and" {
		if _, ok := st.personAt(s - 2); ok {
			return true
		}
	}
	return false
}

// inherit is p as the speaker of a quote that continues p's, chosen by
// rule r (a source stays a source).
func (st *state) inherit(p *who, conf float32, r *rules.Rule) *who {
	if p.id == "" && p.name == "" {
		return &who{mention: p.mention, attr: doc.AttrNone, conf: confSource, rule: r}
	}
	return &who{id: p.id, name: p.name, mention: p.mention, attr: doc.AttrContinuation, conf: conf, at: p.at, rule: r, src: p.src}
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
		o := st.cands[oi]
		st.tr.Add(ruleQuoteExcerpt, c.span, o.span)
		if o.sp != nil {
			c.sp = st.inherit(o.sp, confContinuation-0.1, sieveExcerpt)
			if st.tr.On() {
				st.tr.Note(sieveExcerpt, c.span, o.span, speakerNote(c.sp))
			}
		}
		indexRuns(first, c, longest) // later phrases may repeat this one
	}
}

// excerptMax is the most words a quote with no speaker may have to take the
// speaker of a quote repeating it (a headline's short phrase).
const excerptMax = 6

// speakerlessExcerpts gives a short accepted quote that no sieve found a
// speaker for ("Candidate calls polls ‘rigged’" in a headline, whose cue
// names no person) the speaker of the first quote with a named speaker
// that holds its words in a row.
func (st *state) speakerlessExcerpts() {
	longest := 0
	for _, c := range st.cands {
		if st.wantsExcerpt(c) {
			longest = max(longest, len(c.words))
		}
	}
	if longest == 0 {
		return
	}
	first := map[string]int{}
	for _, o := range st.cands {
		if o.verdict == vQuote && o.sp != nil && o.sp.id != "" {
			indexRuns(first, o, longest)
		}
	}
	var key []byte
	for _, c := range st.cands {
		if !st.wantsExcerpt(c) || len(c.words) == 0 {
			continue
		}
		key = appendJoined(key[:0], c.words)
		if oi, ok := first[string(key)]; ok && oi != c.idx {
			o := st.cands[oi]
			c.sp = st.inherit(o.sp, confContinuation-0.1, sieveExcerpt)
			if st.tr.On() {
				st.tr.Note(sieveExcerpt, c.span, o.span, speakerNote(c.sp))
			}
		}
	}
}

// wantsExcerpt reports a short accepted quote with no speaker, or a
// person noun no one was found for ("Trailing candidate calls …").
func (st *state) wantsExcerpt(c *cand) bool {
	return c.verdict == vQuote && len(c.words) <= excerptMax &&
		(c.sp == nil || c.sp.id == "" && c.sp.rule == sieveTitleUnresolved)
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
