package quotes

import (
	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
)

// indirect appends to out the reported speech without quotation marks in
// sentences that hold no direct quote: "According to X, CLAUSE" and "X said
// (that) CLAUSE".
func (st *state) indirect(out []doc.Quote) []doc.Quote {
	for k, se := range st.seg.SentTokens {
		if st.seg.Budget.Step() {
			return out
		}
		a, b := se[0], se[1]
		if a >= b || st.sentHasQuote(a, b) {
			continue
		}
		if q, ok := st.accordingTo(k, a, b); ok {
			out = append(out, q)
			continue
		}
		if q, ok := st.saidThat(a, b); ok {
			out = append(out, q)
		}
	}
	return out
}

func (st *state) sentHasQuote(a, b int) bool {
	for t := a; t < b; t++ {
		if st.inQ[t] {
			return true
		}
	}
	return false
}

// clause returns the reported clause in tokens [s, b) without the
// punctuation it opens with ("that, by the federation's estimate, …",
// "noted: – the plan …") and the final sentence punctuation.
func (st *state) clause(s, b int) (doc.Span, string, bool) {
	for s < b && !st.wordAt(s) {
		s++
	}
	e := b
	for e > s && !st.wordAt(e-1) {
		e--
	}
	if e-s < 3 {
		return doc.Span{}, "", false
	}
	sp := doc.Span{Start: st.toks[s].Start, End: st.toks[e-1].End}
	return sp, st.collapsedSpan(sp), true
}

func (st *state) accordingTo(k, a, b int) (doc.Quote, bool) {
	t := a
	if st.low[t] == "in" && t+1 < b && st.is(t+1, lexicon.QuoteInLink) {
		t += 3
	}
	if t >= b {
		return doc.Quote{}, false
	}
	cp, ok := st.cueAt(t)
	if !ok || !cp.prep {
		return doc.Quote{}, false
	}
	npS := t + len(cp.words)
	npE := st.npForwardLoose(npS, b)
	if npE >= b || st.low[npE] != "," || npE <= npS {
		return doc.Quote{}, false
	}
	w := st.resolveNP(npS, npE, st.toks[npS].Start, sieveAccordingTo)
	if w == nil {
		return doc.Quote{}, false
	}
	sp, text, ok := st.clause(npE+1, b)
	if !ok {
		return doc.Quote{}, false
	}
	return st.indirectQuote(sp, text, cp.cue, w), true
}

func (st *state) saidThat(a, b int) (doc.Quote, bool) {
	for t := a; t < b; t++ {
		cp, ok := st.cueAt(t)
		if !ok || cp.prep || st.inMentionOrQuote(t) {
			continue
		}
		after := t + len(cp.words)
		if after >= b {
			return doc.Quote{}, false
		}
		cs := -1
		switch {
		case st.low[after] == "that":
			cs = after + 1
		case st.low[after] == ":":
			cs = after + 1
		case st.is(t, lexicon.QuoteClauseVerb) && st.wordAt(after) && !st.is(after, lexicon.QuoteNotClauseStart):
			cs = after
		}
		if cs < 0 || cs >= b {
			continue
		}
		npS, npE := st.subjectBefore(t, a)
		if npE <= npS {
			continue
		}
		w := st.resolveNP(npS, npE, st.toks[npS].Start, sieveSaidThat)
		if w == nil {
			continue
		}
		sp, text, ok := st.clause(cs, b)
		if !ok {
			continue
		}
		return st.indirectQuote(sp, text, cp.cue, w), true
	}
	return doc.Quote{}, false
}

func (st *state) indirectQuote(sp doc.Span, text, cue string, w *who) doc.Quote {
	conf := w.conf - 0.1
	if conf < 0.1 {
		conf = 0.1
	}
	q := doc.Quote{Kind: doc.Indirect, Text: text, Span: sp, SpeakerID: w.id, SpeakerName: w.name,
		SpeakerMention: w.mention, Attribution: w.attr, Cue: cue, Confidence: conf, Sieve: sieveOf(w)}
	if st.tr.On() {
		st.tr.Add(ruleIndirect, sp, sp)
		st.tr.Note(w.rule, sp, st.whoSpan(w, nil), speakerNote(w))
	}
	return q
}
