package entities

import (
	"plenary/pipeline/lexicon"
	"plenary/pipeline/segment"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token features computed once per document.
type tok struct {
	low     string // lowercased, possessive stripped
	text    string // possessive stripped
	cap     bool   // starts with an upper-case letter
	allCaps bool   // two or more letters, all upper case
	initial bool   // "N.", "T.B.", "B", "JP" before a name
	quote   bool
	poss    bool  // ended in 's
	ppos    bool  // a plural possessive's apostrophe inside a name: "Workers' Unions"
	trim    int   // runes of a possessive inside the token
	bs, be  int   // byte offsets of the token in the text
	beTrim  int   // byte offset of the token's end without the possessive
	word    bool  // has a letter
	gram    bool  // a lower-case word the org-name grammar took into a body's name (org.go)
	first   uint8 // bit k: a phrase of list k may start here (see match)
	flags   uint16
}

// Token flags: lexicon memberships of the lower-cased token, looked up once.
const (
	fStop uint16 = 1 << iota
	fOrgWord
	fHead
	fTitleWord
	fDocWord
	fDemonym
	fSurname
	fGiven
	fSurnameEnd
	fRegion
	fConnector
	fNounEnd  // an abstract or plural common noun's ending (nounEnding)
	fCommon   // spelled like a common English word (generated list)
	fNameLike // a given name or surname spelled like a common word: "Bill", "Hall" (generated lists)
	fCue      // a reporting verb (person_cues.txt): "said"
	fCueAux   // may stand between a surname and its cue verb: "also" (entity_words.txt cue-aux)
)

func (t *tok) has(f uint16) bool { return t.flags&f != 0 }

// classFlags pairs the token flags with the lexicon word classes they
// stand for (indexWords builds the same sets for a word no pass tagged).
var classFlags = [...]struct {
	c lexicon.WordClass
	f uint16
}{{lexicon.StopCap, fStop}, {lexicon.OrgWord, fOrgWord}, {lexicon.OrgHead, fHead}, {lexicon.TitleWord, fTitleWord},
	{lexicon.DocWord, fDocWord}, {lexicon.Surname, fSurname}, {lexicon.EntityRegion, fRegion},
	{lexicon.EntityConnector, fConnector}, {lexicon.Demonym, fDemonym}, {lexicon.GivenName, fGiven},
	{lexicon.PersonCue, fCue}, {lexicon.EntityCueAux, fCueAux}}

// classStarts pairs the phrase lists (bit k of tok.first) with their
// first-word classes.
var classStarts = [...]lexicon.WordClass{pTitles: lexicon.TitleStart, pHonorifics: lexicon.HonorificStart,
	pPlaces: lexicon.PlaceStart, pOrgs: lexicon.OrgStart}

// classBytes[k][b] is the winfo of the classes b<<(8k): winfoOf reads a
// token's classes a byte at a time, not a bit.
var classBytes = func() (t [8][256]winfo) {
	for k := range t {
		for b := range t[k] {
			c := lexicon.WordClass(b) << (8 * k)
			for _, x := range classFlags {
				if c&x.c != 0 {
					t[k][b].flags |= x.f
				}
			}
			for p, s := range classStarts {
				if c&s != 0 {
					t[k][b].first |= 1 << p
				}
			}
		}
	}
	return t
}()

// winfoOf is the winfo of a word whose classes are c.
func winfoOf(c lexicon.WordClass) winfo {
	var wi winfo
	for k := 0; c != 0; k++ {
		x := classBytes[k][c&0xff]
		wi.first |= x.first
		wi.flags |= x.flags
		c >>= 8
	}
	return wi
}

// Phrase lists matched on tokens.
const (
	pTitles = iota
	pHonorifics
	pPlaces
	pOrgs
)

// match returns the longest phrase of list k starting at token i, within
// [i, end); the per-token first bits stand for the list's first-word set
// (st.low[i] is st.t[i].low), so only the trie is walked.
func (st *state) match(k, i, end int) (int, lexicon.Entry) {
	if i >= end || st.t[i].first&(1<<k) == 0 {
		return 0, nil
	}
	return st.f.l.ph[k].walk(st.low, i, end)
}

// setFlags looks every token up in the lexicon once: it reads the word
// classes tagged on the tokens layer (segment.Doc.Class) where its lower-case
// form is segment's, and looks up the others (a possessive stripped, a split
// "’ s" relabelled, a document no pass tagged).
func (st *state) setFlags() {
	l := st.f.l
	cls := st.d.Class
	if len(cls) != len(st.t) {
		cls = nil
	}
	for i := range st.t {
		t := &st.t[i]
		var wi winfo
		if cls != nil && t.low == st.d.Low[i] {
			wi = winfoOf(cls[i])
		} else if t.low == "" || l.wordStart[t.low[0]] {
			// a sixth of the tokens (punctuation, numbers) skip the map
			wi = l.words[t.low]
		}
		t.first, t.flags = wi.first, wi.flags
		if !t.cap || !t.word {
			continue // word endings and generated lists matter for capitalized words only
		}
		if gi, ok := l.gen[t.low]; ok {
			t.flags |= gi.genFlags(t)
			t.first |= gi.first
		}
		if _, ok := l.surnameGender(t.low); ok {
			t.flags |= fSurnameEnd
		}
		if nounEnding(t.low) {
			t.flags |= fNounEnd
		}
	}
}

// features fills st.t and st.low (reused from an earlier document when
// large enough) for d's tokens, from the lower-cased forms and letter
// counts segment computed once.
func (st *state) features(d *segment.Doc) {
	ts, low := st.t, st.low
	if cap(ts) < len(d.Tokens) {
		ts = make([]tok, len(d.Tokens))
		low = make([]string, len(d.Tokens))
	}
	ts, low = ts[:len(d.Tokens)], low[:len(d.Tokens)]
	// byte offsets from rune offsets, in one walk over the text, so names
	// are substrings of the text rather than new strings
	text := d.Text
	bpos, rpos := 0, 0
	toByte := func(r int) int {
		for rpos < r && bpos < len(text) {
			_, w := utf8.DecodeRuneInString(text[bpos:])
			bpos += w
			rpos++
		}
		return bpos
	}
	for i := range d.Tokens {
		t := &d.Tokens[i]
		f := tokFeatures(t, d.Low[i])
		f.bs = toByte(t.Start)
		f.beTrim = toByte(t.End - f.trim)
		f.be = toByte(t.End)
		ts[i] = f
		low[i] = f.low
	}
	// a possessive the tokenizer split off: "Senate" "’" "s"
	for i := 1; i+1 < len(ts); i++ {
		if (d.Tokens[i].Text == "’" || d.Tokens[i].Text == "'") && d.Tokens[i+1].Text == "s" &&
			d.Tokens[i].Start == d.Tokens[i-1].End && d.Tokens[i+1].Start == d.Tokens[i].End && ts[i-1].word {
			ts[i-1].poss = true
			ts[i] = tok{low: "’", text: "’", bs: ts[i].bs, be: ts[i].be, beTrim: ts[i].be}
			ts[i+1] = tok{low: "'s", text: "'s", bs: ts[i+1].bs, be: ts[i+1].be, beTrim: ts[i+1].be}
			low[i], low[i+1] = "’", "'s"
		}
	}
	st.pluralPossessives(d, ts)
	st.t, st.low = ts, low
}

// tokFeatures is what entities reads of token t (lower-cased: low) besides
// its offsets: a possessive ending ("Senate’s") is cut off the text, the
// lower-cased form and the letter counts.
func tokFeatures(t *segment.Token, low string) tok {
	var f tok
	s := t.Text
	letters, upper := t.Letters, t.Upper
	if strings.HasSuffix(s, "’s") || strings.HasSuffix(s, "'s") {
		if n := utf8.RuneCountInString(s); n > 2 {
			f.poss = true
			f.trim = 2
			s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "'s")
			// the ending lower-cases to itself, so low loses as many bytes
			low = low[:len(low)-(len(t.Text)-len(s))]
			letters, upper = segment.Letters(s)
		}
	}
	f.text, f.low = s, low
	// the possessive leaves the first rune: segment's flag holds
	f.cap = t.Is(segment.Cap)
	f.word = letters > 0
	f.allCaps = letters >= 2 && upper == letters
	f.quote = t.Is(segment.QuoteMark)
	if f.poss {
		r, _ := utf8.DecodeRuneInString(s)
		f.quote = segment.IsQuote(r) && utf8.RuneCountInString(s) == 1
	}
	// "N.", "T.B.", "T.C."
	if f.cap && strings.HasSuffix(s, ".") && letters == upper && letters <= 3 && letters >= 1 {
		f.initial = true
	}
	return f
}

// pluralPossessives marks the apostrophe of a plural possessive that joins
// two capitalized words of one name ("Federation of Workers' Unions",
// "Korean Workers' Party"): glued to a word ending in s, a space after it,
// a capitalized word next, and no single quote left open before it in the
// paragraph (else it closes that quote).
func (st *state) pluralPossessives(d *segment.Doc, ts []tok) {
	open, para := false, -1
	for i := range ts {
		tx := d.Tokens[i].Text
		if tx != "'" && tx != "’" && tx != "‘" {
			continue
		}
		// a quote may run over sentences, not over paragraphs
		if p := d.ParagraphOf(d.Tokens[i].Start); p != para {
			open, para = false, p
		}
		sent := d.Tokens[i].Sentence
		glued := i > 0 && d.Tokens[i].Start == d.Tokens[i-1].End
		if glued && i+1 < len(ts) && d.Tokens[i+1].Start == d.Tokens[i].End {
			continue // inside a word: "Senate’s", "C’ttee"
		}
		if !glued || tx == "‘" {
			open = true // an opening mark: space (or nothing) before it
			continue
		}
		if open {
			open = false
			continue
		}
		prev := ts[i-1].text
		if i+1 < len(ts) && d.Tokens[i+1].SpaceBefore && d.Tokens[i+1].Sentence == sent && ts[i+1].cap && ts[i+1].word &&
			ts[i-1].cap && !ts[i-1].poss && (strings.HasSuffix(prev, "s") || strings.HasSuffix(prev, "S")) {
			ts[i].ppos, ts[i].quote = true, false
		}
	}
}

// allCapsSentence reports whether the sentence holding token i is written in
// capitals (a headline), where capitals say nothing about acronyms.
func (st *state) allCapsSentence(i int) bool {
	return st.sentenceIs(&st.caps, i, st.capsSentence)
}

// sentenceIs answers test for the sentence holding token i, once per
// sentence: memo maps a sentence to 0 (not asked yet), 1 (true) or 2.
func (st *state) sentenceIs(memo *[]int8, i int, test func(s int) bool) bool {
	s := st.d.Tokens[i].Sentence
	if s >= len(st.d.SentTokens) {
		return false
	}
	if len(*memo) == 0 {
		*memo = append((*memo)[:0], make([]int8, len(st.d.SentTokens))...)
	}
	if c := (*memo)[s]; c != 0 {
		return c == 1
	}
	v := test(s)
	(*memo)[s] = 2
	if v {
		(*memo)[s] = 1
	}
	return v
}

// titleCaseHeadline reports whether the sentence holding token i is a
// headline in Title Case: the only sentence of its paragraph, four words or
// more, every word capitalized, a capitalized function word past the first
// ("Union Backs Governor In Budget Row"). There capitals say nothing about
// where a name ends.
func (st *state) titleCaseHeadline(i int) bool {
	return st.sentenceIs(&st.tcase, i, st.titleCaseSentence)
}

func (st *state) titleCaseSentence(s int) bool {
	d := st.d
	a, b := d.SentTokens[s][0], d.SentTokens[s][1]
	if a >= b || st.allCapsSentence(a) {
		return false
	}
	p := d.ParagraphOf(d.Sentences[s].Start)
	if s > 0 && d.ParagraphOf(d.Sentences[s-1].Start) == p || s+1 < len(d.Sentences) && d.ParagraphOf(d.Sentences[s+1].Start) == p {
		return false
	}
	words, fn, common := 0, false, 0
	lower := false // lower-case function words
	for j := a; j < b; j++ {
		t := st.t[j]
		if st.low[j] == "(" {
			return false // "Ann Sarr (Movement for Renewal) 53.8": a results line
		}
		if !t.word || st.low[j] == "'s" {
			continue
		}
		if !t.cap {
			r, _ := utf8.DecodeRuneInString(t.text)
			if unicode.IsLetter(r) && !t.has(fStop|fConnector) {
				return false // a lower-case function word is Title Case ("Win in Georgia")
			}
			if unicode.IsLetter(r) {
				fn, lower = true, true
			}
			continue
		}
		words++
		if j > a && t.has(fStop|fConnector) {
			fn = true
		}
		if t.has(fCommon) && !t.has(fStop|fConnector|fGiven|fSurname|fNameLike|fSurnameEnd) && !t.allCaps {
			common++
		}
	}
	// with lower-case function words only the report's first line, with
	// text after it, is taken for a headline: elsewhere such a line is as
	// likely a list of names ("Federation of Trade Unions of Belarus").
	// There two capitalized common words do without a function word
	// ("Late Goal Lifts Okonkwo Past Rivals").
	first := s == 0 && len(d.Sentences) > 1
	return words >= 4 && (fn && (!lower || first) || first && common >= 2)
}

func (st *state) capsSentence(s int) bool {
	a, b := st.d.SentTokens[s][0], st.d.SentTokens[s][1]
	words, caps := 0, 0
	for j := a; j < b; j++ {
		if st.t[j].word && utf8.RuneCountInString(st.t[j].text) > 1 {
			words++
			if st.t[j].allCaps {
				caps++
			}
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// singular strips an English plural ending: "chairpersons", "counties".
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "men") && len(s) > 4:
		return s[:len(s)-3] + "man"
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 3:
		return s[:len(s)-1]
	}
	return s
}

func romanNumeral(s string) bool {
	return s != "" && strings.Trim(s, "IVXLC") == ""
}

// ordinal reports whether w is a numeric ordinal: "5th", "21st", "xvii".
func ordinal(w string) bool {
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	if n == 0 {
		return false
	}
	switch w[n:] {
	case "st", "nd", "rd", "th", "-th":
		return true
	}
	return false
}

// closes reports whether quote mark c can close a quote opened by o.
func closes(o, c string) bool {
	switch o {
	case "«":
		return c == "»"
	case "‘", "’":
		return c == "’"
	case "'":
		return c == "'"
	}
	return c == "”" || c == "\"" || c == "“"
}

// trimQuotes returns b moved back over quotation marks.
func (st *state) trimQuotes(b int) int {
	for b > 0 && st.t[b-1].quote {
		b--
	}
	return b
}

// Singular is a plural noun's singular as the title rules read it
// ("chairmen" -> "chairman", "deputies" -> "deputy").
func Singular(s string) string { return singular(s) }
