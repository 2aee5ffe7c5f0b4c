// Package segment splits a document's text into paragraphs, sentences and
// tokens, each with code point (rune) offsets into the original text. It is
// the only place offsets are computed; every later stage works from them.
//
// In: the document text. Out: a *Doc with Paragraphs, Sentences and Tokens.
//
// Tokens come from prose's tokenizer (model built once, tagging and NER off:
// they cost 10-100x the tokenizer and later stages decide from cheaper
// evidence). prose returns token strings without offsets, so they are aligned
// back onto the text here, and leading/trailing punctuation prose leaves
// attached («AMANAT», “We, —) is split off. Sentences come from the punkt
// segmenter (neurosnap/sentences, English model) built once per Segmenter,
// run per paragraph, because a headline or a paragraph end is always a break.
package segment

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"

	"plenary/pipeline/doc"
)

// Token is one word or punctuation mark.
type Token struct {
	doc.Span           // rune offsets
	Text        string // as in the text
	Sentence    int    // index into Doc.Sentences
	SpaceBefore bool   // whitespace (or text start) precedes the token
}

// Doc is a segmented document.
type Doc struct {
	Text       string
	Runes      []rune // Text as code points: Runes[s.Start:s.End] is a span's text
	Paragraphs []doc.Span
	Sentences  []doc.Span
	Tokens     []Token
	SentTokens [][2]int // per sentence, the [first, last+1) token indexes
}

// Slice returns the text of a span.
func (d *Doc) Slice(s doc.Span) string {
	if s.Start < 0 || s.End > len(d.Runes) || s.Start >= s.End {
		return ""
	}
	return string(d.Runes[s.Start:s.End])
}

// SentenceOf returns the index of the sentence holding rune offset off
// (the last sentence starting at or before it).
func (d *Doc) SentenceOf(off int) int { return spanAt(d.Sentences, off) }

// ParagraphOf returns the index of the paragraph holding rune offset off.
func (d *Doc) ParagraphOf(off int) int { return spanAt(d.Paragraphs, off) }

// spanAt returns the index of the last span starting at or before off (0
// when none does); spans are ordered by Start.
func spanAt(spans []doc.Span, off int) int {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].Start > off })
	if i == 0 {
		return 0
	}
	return i - 1
}

// Segmenter holds the models; build it once and share it between workers
// (it is read-only after New).
type Segmenter struct {
	model *prose.Model
	punkt *sentences.DefaultSentenceTokenizer
}

// New builds the segmenter: the prose model and the punkt English model.
func New() (*Segmenter, error) {
	p, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, err
	}
	// Honorifics and initials that punkt's English model does not know.
	for _, a := range []string{"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sen", "rep", "gov", "st", "jr", "sr", "no", "vs", "datuk", "hon", "rev", "smt", "co", "ltd", "inc", "corp", "dept", "jsc", "llp"} {
		p.AbbrevTypes.Add(a)
	}
	// Tokenizing needs no trained model; prose.ModelFromData would load the
	// POS tagger and NER weights (~0.4 s) that no stage uses on the hot path.
	return &Segmenter{model: &prose.Model{Name: "plenary-tokenizer"}, punkt: p}, nil
}

// Segment splits text. It never fails: any text, even invalid UTF-8, gives a
// (possibly empty) Doc.
func (s *Segmenter) Segment(text string) *Doc {
	if !utf8.ValidString(text) {
		// Ingest never hands over invalid UTF-8, but Segment must not
		// break on it: each invalid byte becomes U+FFFD, as []rune(text)
		// counts it, so offsets still index d.Runes.
		text = string([]rune(text))
	}
	d := &Doc{Text: text, Runes: []rune(text)}
	sc := scratchPool.Get().(*scratch)
	sc.b2r = byteToRune(sc.b2r[:0], text, len(d.Runes))
	s.paragraphs(d, sc.b2r)
	s.tokens(d, sc)
	sc.release()
	return d
}

// scratch holds a document's working buffers, which nothing keeps after
// Segment returns; pooled, they are not allocated again for every document.
type scratch struct {
	b2r  []int32
	runs []wordRun
	slow []byte
}

// wordRun is a maximal run of non-space characters, bytes [s, e); slow
// when prose must tokenize it (see rawTokens).
type wordRun struct {
	s, e int
	slow bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release returns sc to the pool, unless one huge document grew it: that
// memory goes back to the GC so the pool stays small.
func (sc *scratch) release() {
	if cap(sc.b2r) > 1<<20 {
		return
	}
	scratchPool.Put(sc)
}

// byteToRune maps every byte offset of text (and len(text)) to its rune
// offset, computed once per document.
func byteToRune(dst []int32, text string, nRunes int) []int32 {
	b2r := slices.Grow(dst[:0], len(text)+1)[:len(text)+1]
	{
		r := int32(0)
		for i := range text {
			b2r[i] = r
			r++
		}
		// Fill continuation bytes and the end.
		last := int32(0)
		for i := 0; i < len(text); i++ {
			if utf8.RuneStart(text[i]) {
				last = b2r[i]
			} else {
				b2r[i] = last
			}
		}
		b2r[len(text)] = int32(nRunes)
	}
	return b2r
}

// paragraphs splits on line breaks, then punkt inside each paragraph.
func (s *Segmenter) paragraphs(d *Doc, b2r []int32) {
	text := d.Text
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		ps, pe := trimSpan(text, start, end)
		if ps < pe {
			d.Paragraphs = append(d.Paragraphs, doc.Span{Start: int(b2r[ps]), End: int(b2r[pe])})
			s.sentences(d, b2r, ps, pe)
		}
		start = end + 1
	}
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func (s *Segmenter) sentences(d *Doc, b2r []int32, ps, pe int) {
	para := d.Text[ps:pe]
	pos := s.punkt.SentencePositions(para)
	last := 0
	var spans [][2]int
	for _, p := range pos {
		if p <= last || p > len(para) {
			continue
		}
		a, b := trimSpan(para, last, p)
		if a < b {
			spans = append(spans, [2]int{a, b})
		}
		last = p
	}
	// punkt breaks after an initial ("N. Uteshev") or an honorific when its
	// model has not seen it; rejoin those.
	merged := spans[:0]
	for _, sp := range spans {
		if n := len(merged); n > 0 && endsWithInitial(para[merged[n-1][0]:merged[n-1][1]]) {
			merged[n-1][1] = sp[1]
			continue
		}
		merged = append(merged, sp)
	}
	for _, sp := range merged {
		d.Sentences = append(d.Sentences, doc.Span{Start: int(b2r[ps+sp[0]]), End: int(b2r[ps+sp[1]])})
	}
}

// endsWithInitial reports whether a sentence ends in a lone capital letter
// and a period ("… Chairman N."), which is a name initial, not an ending.
func endsWithInitial(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	w := s[:len(s)-1]
	i := strings.LastIndexFunc(w, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
	last := w[i+1:]
	r, n := utf8.DecodeRuneInString(last)
	return n > 0 && n == len(last) && unicode.IsUpper(r)
}

// tokens runs prose's tokenizer and aligns its tokens with the text.
//
// prose splits the text at whitespace and tokenizes each run of non-space
// characters on its own (doSplit). A run with none of the characters its
// splitting rules and sanitizer look at (plainRun) always comes back as the
// single token it is, so those runs — most words of a report — are taken
// as they are, and only the other runs go through prose, in one call, each
// followed by a NUL run that prose returns as a token of its own and that
// marks where the run's tokens end (prose may drop part of a run, as in
// ‘single’, so counting bytes cannot tell). The result is the same as
// tokenizing the whole text with prose (TestFastPathMatchesProse), without
// prose and the aligner walking every word.
func (s *Segmenter) tokens(d *Doc, sc *scratch) {
	s.rawTokens(d, sc)
	d.Tokens = mergeInitials(d.Tokens)
	sentTokens(d)
}

// rawTokens sets d.Tokens to the aligned tokens before mergeInitials.
func (s *Segmenter) rawTokens(d *Doc, sc *scratch) {
	text, b2r := d.Text, sc.b2r
	runs := sc.runs[:0]
	slow := sc.slow[:0]
	// A text holding NUL itself cannot use the NUL marker: every run goes to
	// prose on its own then.
	marked := strings.IndexByte(text, 0) < 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j, plain := i, true
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			if plain && !plainRune(r) {
				plain = false
			}
			j += n
		}
		runs = append(runs, wordRun{i, j, !plain})
		if !plain && marked {
			slow = append(slow, text[i:j]...)
			slow = append(slow, " \x00 "...)
		}
		i = j
	}
	sc.runs, sc.slow = runs, slow
	var ptoks []prose.Token
	if len(slow) > 0 {
		ptoks = s.prose(string(slow))
	}
	d.Tokens = make([]Token, 0, len(runs)+len(runs)/4)
	var pieces [][2]int
	sent := 0
	emit := func(at, end int) {
		space := at == 0 || spaceBefore(text, at)
		pieces = splitPunct(pieces[:0], text, at, end)
		for _, piece := range pieces {
			rs := int(b2r[piece[0]])
			for sent+1 < len(d.Sentences) && d.Sentences[sent+1].Start <= rs {
				sent++
			}
			d.Tokens = append(d.Tokens, Token{
				Span:        doc.Span{Start: rs, End: int(b2r[piece[1]])},
				Text:        text[piece[0]:piece[1]],
				Sentence:    sent,
				SpaceBefore: space,
			})
			space = false
		}
	}
	pi := 0
	for _, rn := range runs {
		if !rn.slow {
			emit(rn.s, rn.e)
			continue
		}
		var toks []prose.Token
		if marked {
			toks = ptoks[pi:]
		} else {
			toks = s.prose(text[rn.s:rn.e])
		}
		cur := rn.s
		for _, pt := range toks {
			pi++
			tok := pt.Text
			if tok == "\x00" && marked {
				break // end of this run
			}
			at := align(text[:rn.e], cur, tok)
			if at < 0 {
				continue // a sanitizer rewrite we cannot place ("&rsquo;"): drop it
			}
			end := at + matchLen(text[at:rn.e], tok)
			emit(at, end)
			cur = end
		}
	}
}

// sentTokens fills d.SentTokens from the tokens' sentence indexes.
func sentTokens(d *Doc) {
	d.SentTokens = make([][2]int, len(d.Sentences))
	for i := range d.SentTokens {
		d.SentTokens[i] = [2]int{-1, -1}
	}
	for i, t := range d.Tokens {
		if t.Sentence < len(d.SentTokens) {
			st := &d.SentTokens[t.Sentence]
			if st[0] < 0 {
				st[0] = i
			}
			st[1] = i + 1
		}
	}
	for i := range d.SentTokens {
		if d.SentTokens[i][0] < 0 {
			d.SentTokens[i] = [2]int{0, 0}
		}
	}
}

// prose tokenizes text with the prose model (tokenizer only).
func (s *Segmenter) prose(text string) []prose.Token {
	pd, err := prose.NewDocument(text,
		prose.UsingModel(s.model),
		prose.WithSegmentation(false),
		prose.WithTagging(false),
		prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	return pd.Tokens()
}

// plainRune reports whether prose's doSplit passes r through untouched:
// letters, digits and marks are not in its prefix, suffix, contraction or
// special-token rules ("$ ( \" [", ", ) ] ! ; . ? : '", "'s n't", dotted
// initials, emoticons made of punctuation) nor in its sanitizer, so a run of
// them is one token. An emoticon of letters alone is one token either way.
func plainRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func spaceBefore(text string, at int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:at])
	return unicode.IsSpace(r)
}

// equiv reports whether text rune a can stand for token rune b after
// prose's sanitizer folded typographic quotes to ASCII.
func equiv(a, b rune) bool {
	if a == b {
		return true
	}
	switch b {
	case '"':
		return a == '\u201c' || a == '\u201d'
	case '\'':
		return a == '\u2018' || a == '\u2019'
	}
	return false
}

// matchLen returns the byte length in text of token tok starting at text[0],
// or -1 when it does not match there.
func matchLen(text, tok string) int {
	i := 0
	for _, b := range tok {
		if i >= len(text) {
			return -1
		}
		a, n := utf8.DecodeRuneInString(text[i:])
		if !equiv(a, b) {
			return -1
		}
		i += n
	}
	return i
}

// align finds tok at or after byte cur, skipping whitespace; it looks a
// little further on when something in between was dropped by the tokenizer.
func align(text string, cur int, tok string) int {
	for cur < len(text) {
		r, n := utf8.DecodeRuneInString(text[cur:])
		if !unicode.IsSpace(r) {
			break
		}
		cur += n
	}
	if matchLen(text[cur:], tok) >= 0 {
		return cur
	}
	limit := cur + 64
	if limit > len(text) {
		limit = len(text)
	}
	for i := cur + 1; i < limit; i++ {
		if utf8.RuneStart(text[i]) && matchLen(text[i:], tok) >= 0 {
			return i
		}
	}
	return -1
}

// splitPunct splits leading and trailing punctuation off a token's bytes
// [s, e): quote marks, brackets, dashes, commas. A trailing period stays on a
// single capital ("N.") and on dotted initials ("T.B."), where it is part of
// the name.
func splitPunct(out [][2]int, text string, s, e int) [][2]int {
	if utf8.RuneCountInString(text[s:e]) <= 1 {
		return append(out, [2]int{s, e})
	}
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSplitPunct(r) {
			break
		}
		out = append(out, [2]int{s, s + n})
		s += n
	}
	var tailBuf [4][2]int
	tail := tailBuf[:0]
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSplitPunct(r) {
			break
		}
		if r == '.' && keepsPeriod(text[s:e-n]) {
			break
		}
		tail = append(tail, [2]int{e - n, e})
		e -= n
	}
	if s < e {
		out = append(out, [2]int{s, e})
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

func keepsPeriod(w string) bool {
	if w == "" {
		return false
	}
	r, n := utf8.DecodeLastRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := w[:len(w)-n]
	return rest == "" || strings.HasSuffix(rest, ".")
}

func isSplitPunct(r rune) bool {
	switch r {
	case '-', '\'', '&', '/', '%', '@', '#', '+':
		return false // inside words: Kazakh-Russian, Kazakhstan's
	}
	return unicode.IsPunct(r) || r == '«' || r == '»'
}

// mergeInitials joins a lone capital and the period right after it ("N" ".")
// into one token "N.", as prose splits them but a name initial includes it.
func mergeInitials(toks []Token) []Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && toks[i+1].Text == "." && toks[i+1].Start == t.End && isCapital(t.Text) {
			t.Text += "."
			t.End = toks[i+1].End
			i++
		}
		out = append(out, t)
	}
	return out
}

func isCapital(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsUpper(r)
}
