package quotes

import (
	"sync"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/postag"
	"plenary/pipeline/rules"
)

// The speaker of a quote is the subject of the reporting verb whose clause
// holds it, not the name nearest to it: "Smith told reporters that Jones's
// plan was “…”" is Smith's. The clause is read from part-of-speech tags
// (pipeline/postag, prose's tagger), computed only for the sentences that
// hold a cue before a quote, once each.

var (
	sieveRelative = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.relative-who",
		"a relative pronoun subject (X, a miner who said “…”) stands for the person of the phrase it follows",
		"[Ann Lee], a nurse from the city who said “we have not been paid since March”, asked for help.")
	sieveCoordinated = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.coordinated-verb",
		"a reporting verb after 'and' (X did this and said “…”) shares the subject of the verb before it",
		"[Ann Lee] welcomed Bob Hale and told the crowd that the mayor had “done nothing for the port”.")
	sieveParticiple = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.participle",
		"a reporting participle after a comma (she said, adding that …) shares the subject of the clause's verb",
		"[Ann Lee] spoke for an hour, adding that the plan was “a step toward fair pay for all”.")
	sieveApposition = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.apposition",
		"over a chain of appositions and relative clauses before the verb, the speaker is the phrase that names a person at its head, not one inside a prepositional phrase",
		"[Ann Lee], a spokeswoman for Bob Hale, said afterwards that the hall had been “packed by his rivals”.")
	sieveOuterCue = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.outer-cue",
		"when the nearest reporting verb's subject is no person (a group, a body), an earlier reporting verb of the sentence with a person subject gives the speaker",
		"[Ann Lee] said the employers had asked for a counter-proposal “in writing before Friday”.")
)

// POS classes the clause reader asks about, as bits of posClass.
const (
	pVerb   = 1 << iota // VB, VBD, VBG, VBN, VBP, VBZ, MD
	pFinite             // VBD, VBZ, VBP, MD
	pGerund             // VBG
	pNoun               // NN, NNS, NNP, NNPS
	pNP                 // a word inside a noun phrase: DT, PDT, JJ*, CD, NN*, POS, PRP$, FW
	pPrep               // IN, TO
	pWh                 // WP, WDT
	pCC                 // CC
	pAdv                // RB, RBR, RBS, RP
	pPron               // PRP
	pAdj                // JJ, JJR, JJS
)

var posModel struct {
	once  sync.Once
	m     *postag.Model
	class [256]uint16
}

// tagModel is the loaded tagger model and its classes; nil when it cannot
// load (never for the embedded one), and then no clause is read.
func tagModel() *postag.Model {
	posModel.once.Do(func() {
		m, err := postag.Default()
		if err != nil {
			return
		}
		set := func(bits uint16, names ...string) {
			for _, n := range names {
				if t, ok := m.TagOf(n); ok {
					posModel.class[t] |= bits
				}
			}
		}
		set(pVerb, "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD")
		set(pFinite, "VBD", "VBZ", "VBP", "MD")
		set(pGerund, "VBG")
		set(pNoun|pNP, "NN", "NNS", "NNP", "NNPS")
		set(pNP, "DT", "PDT", "JJ", "JJR", "JJS", "CD", "POS", "PRP$", "FW")
		set(pPrep, "IN", "TO")
		set(pWh, "WP", "WDT")
		set(pCC, "CC")
		set(pAdv, "RB", "RBR", "RBS", "RP")
		set(pPron, "PRP")
		set(pAdj, "JJ", "JJR", "JJS")
		posModel.m = m
	})
	return posModel.m
}

// pos is the POS class of token t; its sentence is tagged on first use.
func (st *state) pos(t int) uint16 {
	if t < 0 || t >= len(st.toks) {
		return 0
	}
	m := tagModel()
	if m == nil {
		return 0
	}
	k := st.toks[t].Sentence
	if k < 0 || k >= len(st.seg.SentTokens) {
		return 0
	}
	if st.tagged == nil {
		st.tagged = make([]bool, len(st.seg.SentTokens))
		st.tags = make([]postag.Tag, len(st.toks))
		st.tagger.M = m
	}
	if !st.tagged[k] {
		st.tagged[k] = true
		a, b := st.seg.SentTokens[k][0], st.seg.SentTokens[k][1]
		st.words = st.words[:0]
		for i := a; i < b; i++ {
			st.words = append(st.words, st.toks[i].Text)
		}
		st.tagger.TagLower(st.words, st.low[a:b], st.tags[a:b])
	}
	return posModel.class[st.tags[t]]
}

func (st *state) inVerbGroup(t int) bool {
	return st.is(t, lexicon.QuoteVerbGroup) || st.pos(t)&pAdv != 0 || st.is(t, lexicon.QuoteModal)
}

func isSubjectPronoun(w string) bool { return subjectPronouns[w] }

// npTok reports a token that can stand inside a noun phrase: a mention, a
// noun, a determiner or adjective, a possessive, an honorific's dot, a
// capitalized word not tagged as a verb, preposition or pronoun.
func (st *state) npTok(t int) bool {
	if t < 0 || t >= len(st.toks) || st.inQ[t] {
		return false
	}
	if _, ok := st.mention(t); ok {
		return true
	}
	if st.honorDot(t) {
		return true
	}
	switch st.low[t] {
	case "'s", "’s", "’", "'", "-", "&":
		return true
	}
	f := st.pos(t)
	if f&pNP != 0 {
		return true
	}
	return st.wordAt(t) && st.capAt(t) && f&(pVerb|pPrep|pCC|pWh|pPron) == 0
}

// parenStart is the "(" that the ")" at t closes, within the window from
// s, or -1.
func (st *state) parenStart(t, s int) int {
	for k := t - 1; k >= s && t-k <= 15; k-- {
		switch st.low[k] {
		case "(":
			return k
		case ")":
			return -1
		}
	}
	return -1
}

// npStart is where the noun phrase ending at token t starts, in the window
// from s: back over noun-phrase words, a parenthesis after a name
// ("Sen. Ann Lee (D-Calif.)") and "of" between two nouns ("the head of
// the union").
func (st *state) npStart(t, s int) int {
	b := t + 1
	for k := t; k >= s && t-k < 25; k-- {
		switch {
		case st.low[k] == ")":
			o := st.parenStart(k, s)
			if o <= s {
				return b
			}
			k = o
			continue
		case st.npTok(k):
			b = k
			continue
		case st.low[k] == "of" && k-1 >= s && st.pos(k-1)&pNoun != 0 && b == k+1:
			continue
		}
		break
	}
	return b
}

// subjectStart is where the subject noun phrase ending at t starts: the
// noun phrase, and the prepositional phrases that attach to a noun before
// it ("the General Secretary in charge of the region said").
func (st *state) subjectStart(t, s int) int {
	b := st.npStart(t, s)
	for hop := 0; hop < 2 && b > s+1 && b <= t; hop++ {
		p := b - 1
		if st.pos(p)&pPrep == 0 || !st.is(p, lexicon.QuotePrep) && st.low[p] != "in" {
			break
		}
		// "in charge of": a preposition's noun may be bare
		if st.pos(p-1)&pNoun == 0 || st.inQ[p-1] {
			break
		}
		b = st.npStart(p-1, s)
	}
	return b
}

// headPerson is the first person mention in [a, e) that heads its phrase:
// not a possessive and not inside a prepositional phrase of the stretch
// ("a spokeswoman for Mr. Bob Hale" has none).
func (st *state) headPerson(a, e int) (doc.Mention, bool) {
	for t := a; t < e; t++ {
		m, ok := st.personAt(t)
		if !ok || st.inQ[t] {
			continue
		}
		b, end := st.mentToks(t)
		if st.headOf(b, end, a, e) {
			return m, true
		}
		t = end - 1
	}
	return doc.Mention{}, false
}

// headOf reports whether the name [b, e) heads the phrase [a, end): no
// possessive or noun after it ("Lee campaign spokesman Bob Hale" is
// Hale's), and no preposition before it (back over title words,
// honorifics and initials) inside the phrase.
func (st *state) headOf(b, e, a, end int) bool {
	if e < len(st.low) {
		switch st.low[e] {
		case "’s", "'s", "’", "'":
			return false
		}
		if e < end && st.pos(e)&pNoun != 0 && !st.inQ[e] {
			return false
		}
	}
	for k := b - 1; k >= a; k-- {
		w := st.low[k]
		if st.is(k, lexicon.QuotePrep) || st.pos(k)&pPrep != 0 {
			return false
		}
		if !(st.honorDot(k) || st.lx.honorifics[w] || st.lx.postWords[w] || st.synKind(w) != unitPlain || w == "-" || isInitial(st.toks[k].Text)) {
			return true
		}
	}
	return true
}

// isInitial reports a name initial ("J." or "J").
func isInitial(s string) bool {
	n := 0
	for _, r := range s {
		if r != '.' {
			n++
		}
	}
	return n == 1 && isCap(s)
}

// phrase is a speaker phrase the clause reader found: tokens [a, e), the
// person mention heading it (when ok), and the rule that chose it (nil:
// the verb's plain subject, named by the cue's form as cueSieves says).
type phrase struct {
	a, e   int
	person doc.Mention
	ok     bool
	rule   *rules.Rule
}

// verbSubject finds the subject of the verb at v, reading back to the
// window start s.
func (st *state) verbSubject(v, s, depth int) (phrase, bool) {
	if depth > 3 {
		return phrase{}, false
	}
	t := v - 1
	for t >= s && st.inVerbGroup(t) && !st.inQ[t] {
		t--
	}
	if t < s || st.inQ[t] {
		return phrase{}, false
	}
	w := st.low[t]
	switch {
	case isSubjectPronoun(w):
		return phrase{a: t, e: t + 1}, true
	case w == "who" || (w == "that" || w == "which") && st.pos(t)&pWh != 0:
		p, ok := st.antecedent(t, s)
		p.rule = sieveRelative
		return p, ok
	case st.pos(t)&pCC != 0:
		if u := st.prevVerb(t, s, st.tags[v]); u >= 0 {
			p, ok := st.verbSubject(u, s, depth+1)
			p.rule = sieveCoordinated
			return p, ok
		}
	case w == ",":
		if st.pos(v)&pGerund != 0 {
			if u := st.prevVerb(t, s, 0); u >= 0 {
				p, ok := st.verbSubject(u, s, depth+1)
				p.rule = sieveParticiple
				return p, ok
			}
			return phrase{}, false
		}
		return st.chainSubject(t, s)
	case w == ")" || st.npTok(t):
		b := st.subjectStart(t, s)
		if p, ok := st.pastAdverbial(b, s); ok {
			return p, true
		}
		if b > s && st.low[b-1] == "," {
			// "…, the chairman of the union Ann Lee said": the last of a chain
			if p, ok := st.chainSubject(t+1, s); ok && p.ok {
				return p, true
			}
		}
		if b > t {
			return phrase{}, false
		}
		p := phrase{a: b, e: t + 1}
		p.person, p.ok = st.headPerson(b, t+1)
		return p, true
	}
	return phrase{}, false
}

var sieveAdverbial = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.adverbial",
	"a prepositional phrase between the subject and its reporting verb (X, the deputy, in her speech noted) is no subject: the person before it is",
	"[Ann Lee], deputy head of the union, in her speech noted: “We must protect young workers.”")

// pastAdverbial reads the subject before a prepositional phrase that
// stands between it and the verb, the phrase's noun phrase starting at b
// ("Ann Lee, the deputy, in her speech noted", "Ann Lee at the meeting
// said"); only a person found there counts.
func (st *state) pastAdverbial(b, s int) (phrase, bool) {
	if b-2 < s || st.pos(b-1)&pPrep == 0 || st.inQ[b-2] {
		return phrase{}, false
	}
	var p phrase
	var ok bool
	switch k := b - 2; {
	case st.low[k] == ",":
		p, ok = st.chainSubject(k, s)
	case st.npTok(k):
		a := st.subjectStart(k, s)
		p = phrase{a: a, e: k + 1}
		p.person, ok = st.headPerson(a, k+1)
		p.ok = ok
	}
	if !ok || !p.ok {
		return phrase{}, false
	}
	p.rule = sieveAdverbial
	return p, true
}

// prevVerb is the nearest finite verb before t in the window from s,
// outside quotes, or -1; of the same tag as like when like is a finite
// verb's (a verb joined by "and" has its partner's tense: "said she would
// call and wrote" joins "wrote" to "said").
func (st *state) prevVerb(t, s int, like postag.Tag) int {
	same := posModel.class[like]&pFinite != 0
	for k := t - 1; k >= s && t-k <= 40; k-- {
		if st.inQ[k] {
			continue
		}
		if st.pos(k)&pFinite != 0 && (!same || st.tags[k] == like) {
			return k
		}
	}
	return -1
}

// antecedent is the phrase a relative pronoun at t stands for: the noun
// phrase before it, or the chain of appositions before its comma.
func (st *state) antecedent(t, s int) (phrase, bool) {
	k := t - 1
	if k < s {
		return phrase{}, false
	}
	if st.low[k] == "," {
		return st.chainSubject(k, s)
	}
	if st.low[k] != ")" && !st.npTok(k) {
		return phrase{}, false
	}
	// "X, a miner from the city who said": the phrase and what it is in
	// apposition to.
	return st.chainSubject(t, s)
}

// chainSubject reads the comma-separated stretches before end (a comma or
// a relative pronoun), back to the window start s: the first stretch's
// trailing noun phrase, then each apposition, left to right. The subject
// is the first of them headed by a person; when none is, the first noun
// phrase (a title: "The county's election officer, …, said").
func (st *state) chainSubject(end, s int) (phrase, bool) {
	type stretch struct{ a, e int }
	var segs [6]stretch
	n := 0
	e := end
	for n < len(segs) && e > s {
		a, depth := e, 0
		for a > s && e-a < 40 {
			w := st.low[a-1]
			if w == ")" {
				depth++
			} else if w == "(" {
				depth--
			}
			if depth <= 0 && (w == "," || w == ";" || w == ":" || st.inQ[a-1]) {
				break
			}
			a--
		}
		segs[n] = stretch{a, e}
		n++
		if a <= s || st.low[a-1] != "," {
			break
		}
		e = a - 1
	}
	var first phrase
	found := false
	rule := sieveApposition
	for i := n - 1; i >= 0; i-- {
		a, e := segs[i].a, segs[i].e
		if a >= e {
			continue
		}
		switch st.low[a] {
		case "who", "which", "whose", "whom":
			continue // a relative clause says something about the phrase before
		}
		if i == n-1 {
			// the first stretch may open the clause ("Among the speakers
			// was X"): only its trailing noun phrase is in the chain
			last := e - 1
			if last < a || !(st.npTok(last) || st.low[last] == ")") {
				continue
			}
			a0 := a
			a = st.subjectStart(last, a0)
			if n > 1 && st.introPhrase(a, a0) {
				if _, ok := st.headPerson(a, e); ok {
					rule = sieveIntroPhrase // a person passed over
				}
				continue
			}
		}
		if m, ok := st.headPerson(a, e); ok {
			return phrase{a: a, e: e, person: m, ok: true, rule: rule}, true
		}
		if !found && st.npTok(a) {
			first, found = phrase{a: a, e: e, rule: sieveApposition}, true
		}
	}
	return first, found
}

// sieveIntroPhrase: the first comma stretch of a sentence whose noun
// phrase is a preposition's or a participle's object opens the clause; it
// is no subject in apposition.
var sieveIntroPhrase = rules.New(rules.StageQuotes, rules.Speaker, "quote.sieve.intro-phrase",
	"a noun phrase after a preposition or a participle in the comma stretch opening the sentence (Asked about X, …) is no subject: the speaker is the phrase after the comma",
	"Asked about Bob Hale, [Ann Lee] said: “He is a good man.”")

// introPhrase reports that the noun phrase at a, in the first comma
// stretch of a sentence (from a0), is a preposition's or participle's
// object: "Asked about Bob Hale, …", "Praising Bob Hale, …".
func (st *state) introPhrase(a, a0 int) bool {
	return a > a0 && st.pos(a-1)&(pPrep|pGerund) != 0
}

// isPersonish reports a phrase that can name one person: a person mention,
// a singular pronoun, a title, or capitalized words.
func (st *state) isPersonish(p phrase) bool {
	if p.ok {
		return true
	}
	for t := p.a; t < p.e; t++ {
		w := st.low[t]
		if pr, ok := st.lx.pronouns[w]; ok && !pr.plural && isSubjectPronoun(w) {
			return true
		}
		if st.lx.postWords[w] {
			return true
		}
		if _, ok := st.personAt(t); ok {
			return true
		}
	}
	return false
}
