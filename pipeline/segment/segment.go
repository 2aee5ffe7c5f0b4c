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
// run per paragraph, because a headline or a paragraph end is always a break
// (and not run where it cannot break, see punktFrom).
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

	"plenary/pipeline/budget"
	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
)

// Token is one word or punctuation mark.
type Token struct {
	doc.Span           // rune offsets
	Text        string // as in the text
	Sentence    int    // index into Doc.Sentences
	SpaceBefore bool   // whitespace (or text start) precedes the token
	// Letters and Upper count the letters of Text and the upper-case ones
	// among them, computed once for every stage.
	Letters, Upper int32
	// Flags is what the stages ask of Text's spelling, computed once with
	// the letter counts (see Cap, Digit, Alnum, QuoteMark).
	Flags Flags
}

// Flags are a token's spelling flags.
type Flags uint8

const (
	Cap       Flags = 1 << iota // the first rune is upper case (unicode.IsUpper)
	Digit                       // the first rune is a digit (unicode.IsDigit)
	Alnum                       // a letter or a digit somewhere
	QuoteMark                   // one rune, a quotation mark (IsQuote)
)

// Is reports whether t has one of the flags f.
func (t *Token) Is(f Flags) bool { return t.Flags&f != 0 }

// Doc is a segmented document.
type Doc struct {
	Text       string
	Runes      []rune // Text as code points: Runes[s.Start:s.End] is a span's text
	Paragraphs []doc.Span
	Sentences  []doc.Span
	Tokens     []Token
	SentTokens [][2]int // per sentence, the [first, last+1) token indexes
	// Budget stops the document's stages early (nil: never); every stage
	// after this one gets it with the Doc.
	Budget *budget.Budget
	// Low is each token's text lower-cased (strings.ToLower), computed once
	// here so no stage lower-cases tokens again: Low[i] is Tokens[i]'s.
	Low []string
	// Class is each token's lexicon word classes (of Low[i]), set by the
	// pass right after segmentation (extract) with the run's lexicon; nil
	// when no pass set it.
	Class []lexicon.WordClass
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

// punktModel is punkt's English model with plenary's abbreviations, built
// once per process and shared (read-only) by every Segmenter: decoding its
// training data is most of a run's own start-up (~20 ms).
var punktModel = sync.OnceValues(func() (*sentences.DefaultSentenceTokenizer, error) {
	p, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, err
	}
	// Honorifics, ranks and company words that punkt's English model does
	// not know (lexicon/data/abbreviations.txt).
	for _, a := range lexicon.ClosedKeys("abbreviations") {
		p.AbbrevTypes.Add(a)
	}
	return p, nil
})

// Preload starts building the sentence model in the background, so that a
// caller can load its lexicons meanwhile; New then waits for what is left.
func Preload() { go punktModel() }

// New builds the segmenter: the prose model and the punkt English model.
func New() (*Segmenter, error) {
	p, err := punktModel()
	if err != nil {
		return nil, err
	}
	return &Segmenter{model: &prose.Model{Name: "plenary-tokenizer"}, punkt: p}, nil
}

// Segment splits text. It never fails: any text, even invalid UTF-8, gives a
// (possibly empty) Doc.
func (s *Segmenter) Segment(text string) *Doc { return s.SegmentBudget(text, nil) }

// SegmentBudget is Segment under budget b: once b is stopped it returns
// early, with a Doc that is partial (and no use but to be dropped).
func (s *Segmenter) SegmentBudget(text string, b *budget.Budget) *Doc {
	if !utf8.ValidString(text) {
		// Ingest never hands over invalid UTF-8, but Segment must not
		// break on it: each invalid byte becomes U+FFFD, as []rune(text)
		// counts it, so offsets still index d.Runes.
		text = string([]rune(text))
	}
	sc := scratchPool.Get().(*scratch)
	d := &Doc{Text: text, Budget: b}
	d.Runes, sc.b2r = decode(sc.b2r, text)
	s.paragraphs(d, sc)
	if !b.Stopped() {
		s.tokens(d, sc)
	}
	sc.release()
	return d
}

// scratch holds a document's working buffers, which nothing keeps after
// Segment returns, and the piece cache, which carries over from document
// to document; pooled, they are not allocated again for every document,
// and each worker finds a warm cache without locking.
type scratch struct {
	b2r     []int32
	runs    []wordRun
	batch   []byte     // punctuated runs for one prose call (see rawTokens)
	misses  []int32    // the cache entries batch fills, in batch order
	paras   []doc.Span // the document's paragraphs and sentences,
	sents   []doc.Span // before they are copied out
	spans   [][2]int   // a paragraph's sentences (see sentences)
	lowered []lowSpan  // the tokens annotate lower-cased
	long    [][2]int32 // the pieces of the document's long runs (see fillLong)
	cache   pieceCache
}

// wordRun is a maximal run of non-space characters, bytes [s, e); ent is
// its pieceCache entry, plainRun when the run is one token (see rawTokens),
// or longRunEnt when its pieces are scratch.long[off:off+n].
type wordRun struct {
	s, e   int
	ent    int32
	off, n int32
}

const (
	plainRun   = -1
	longRunEnt = -2
)

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release returns sc to the pool, unless one huge document grew it: that
// memory goes back to the GC so the pool stays small.
func (sc *scratch) release() {
	if cap(sc.b2r) > 1<<20 || cap(sc.long) > 1<<16 || len(sc.cache.ents) > 2*cacheMax {
		return
	}
	scratchPool.Put(sc)
}

// decode returns text (valid UTF-8) as code points and, in a slice grown
// from dst, the rune offset of every byte offset of text and of len(text)
// (a multi-byte character's continuation bytes map to its own offset),
// both in one pass.
func decode(dst []int32, text string) ([]rune, []int32) {
	runes := make([]rune, utf8.RuneCountInString(text))
	b2r := slices.Grow(dst[:0], len(text)+1)[:len(text)+1]
	r := 0
	for i := 0; i < len(text); r++ {
		if c := text[i]; c < utf8.RuneSelf {
			runes[r] = rune(c)
			b2r[i] = int32(r)
			i++
			continue
		}
		c, n := utf8.DecodeRuneInString(text[i:])
		runes[r] = c
		for k := i; k < i+n; k++ {
			b2r[k] = int32(r)
		}
		i += n
	}
	b2r[len(text)] = int32(r)
	return runes, b2r
}

// paragraphs splits on line breaks, then punkt inside each paragraph. The
// spans gather in sc and are copied out once, at their final size.
func (s *Segmenter) paragraphs(d *Doc, sc *scratch) {
	text, b2r := d.Text, sc.b2r
	paras, sents := sc.paras[:0], sc.sents[:0]
	start := 0
	for start < len(text) && !d.Budget.Step() {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		ps, pe := trimSpan(text, start, end)
		if ps < pe {
			paras = append(paras, doc.Span{Start: int(b2r[ps]), End: int(b2r[pe])})
			sents = s.sentences(sents, sc, text, ps, pe)
		}
		start = end + 1
	}
	sc.paras, sc.sents = paras, sents
	d.Paragraphs, d.Sentences = cloneSpans(paras), cloneSpans(sents)
}

// cloneSpans copies spans to a slice of their own (nil when empty).
func cloneSpans(spans []doc.Span) []doc.Span {
	if len(spans) == 0 {
		return nil
	}
	return slices.Clone(spans)
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

// sentences appends the sentences of the paragraph text[ps:pe] (trimmed,
// not empty) to sents, as rune offsets.
func (s *Segmenter) sentences(sents []doc.Span, sc *scratch, text string, ps, pe int) []doc.Span {
	b2r := sc.b2r
	para := text[ps:pe]
	from, ok := punktFrom(para)
	if !ok {
		return append(sents, doc.Span{Start: int(b2r[ps]), End: int(b2r[pe])})
	}
	sc.spans = s.punktSpans(sc.spans[:0], para, from)
	for _, sp := range sc.spans {
		sents = append(sents, doc.Span{Start: int(b2r[ps+sp[0]]), End: int(b2r[ps+sp[1]])})
	}
	return sents
}

// punktFrom tells where punkt's work on the paragraph para (trimmed)
// starts, and false when punkt cannot break it but at its end. punkt's word
// tokenizer keeps only the words that hold '.', '?' or '!' and the word
// after each, and breaks only right after such a word. So when no word but
// the last holds one, para is one sentence whatever punkt decides (every
// headline, most one-sentence paragraphs); else punkt may skip the words
// before the first that holds one, with the same breaks. TestPunktFrom and
// FuzzPunktFrom check both against punkt over the whole paragraph.
func punktFrom(para string) (int, bool) {
	i := strings.IndexAny(para, ".?!")
	if i < 0 || i > strings.LastIndexFunc(para, unicode.IsSpace) {
		return 0, false
	}
	w := strings.LastIndexFunc(para[:i], unicode.IsSpace)
	if w < 0 {
		return 0, true
	}
	_, n := utf8.DecodeRuneInString(para[w:])
	return w + n, true
}

// punktSpans appends to spans the sentences punkt finds in para[from:]
// (see punktFrom), as byte offsets into para, with punkt's breaks after a
// name initial undone.
func (s *Segmenter) punktSpans(spans [][2]int, para string, from int) [][2]int {
	pos := s.punkt.SentencePositions(para[from:])
	last := 0
	for _, p := range pos {
		p += from
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
	return merged
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
// ‘single’, so counting bytes cannot tell). What a run gives depends on
// its text alone, so it is kept in a cache (pieceCache) and prose sees
// each punctuated run once, not in every report. The result is the same as
// tokenizing the whole text with prose (TestFastPathMatchesProse), without
// prose and the aligner walking every word.
func (s *Segmenter) tokens(d *Doc, sc *scratch) {
	s.rawTokens(d, sc)
	d.Tokens = mergeInitials(d.Tokens)
	sentTokens(d)
	annotate(d, sc)
}

// rawTokens sets d.Tokens to the aligned tokens before mergeInitials.
func (s *Segmenter) rawTokens(d *Doc, sc *scratch) {
	text, b2r := d.Text, sc.b2r
	c := &sc.cache
	c.bound()
	runs, batch, misses, long := sc.runs[:0], sc.batch[:0], sc.misses[:0], sc.long[:0]
	nTok := 0
	for i := 0; i < len(text); {
		if d.Budget.Step() {
			break // the Doc is dropped: its tokens need not be whole
		}
		// Skip whitespace, then take the run up to the next; ASCII is
		// classified by table, the rest by unicode.
		if b := text[i]; b < utf8.RuneSelf {
			if asciiClass[b] == asciiSpace {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
			i += n
			continue
		}
		j, plain, nul := i, true, false
		for j < len(text) {
			if b := text[j]; b < utf8.RuneSelf {
				cl := asciiClass[b]
				if cl == asciiSpace {
					break
				}
				if cl != asciiPlain {
					plain = false
					nul = nul || b == 0
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			if plain && !plainRune(r) {
				plain = false
			}
			j += n
		}
		plain = plain && !seedRun(text[i:j]) // "2-Ruben": splitPunct cuts the number off
		rn := wordRun{s: i, e: j, ent: plainRun}
		switch {
		case plain:
			nTok++
		case j-i > longRun:
			// Not cached: a long run hardly recurs, and it would keep
			// its document's pieces alive in the pooled scratch.
			rn.ent, rn.off = longRunEnt, int32(len(long))
			long = s.fillLong(long, text[i:j], d.Budget)
			rn.n = int32(len(long)) - rn.off
			nTok += int(rn.n)
		default:
			run := text[i:j]
			e, ok := c.idx[run]
			switch {
			case ok:
			case nul:
				// A NUL in the run would be taken for the end marker:
				// prose tokenizes this one alone.
				e = c.add(run)
				c.fill(e, s.prose(run), false)
			default:
				e = c.add(run)
				batch = append(batch, run...)
				batch = append(batch, " \x00 "...)
				misses = append(misses, e)
			}
			rn.ent = e
		}
		runs = append(runs, rn)
		i = j
	}
	if len(batch) > 0 {
		toks := s.prose(string(batch))
		for _, e := range misses {
			toks = c.fill(e, toks, true)
		}
	}
	sc.runs, sc.batch, sc.misses, sc.long = runs, batch, misses, long

	for _, rn := range runs {
		if rn.ent >= 0 {
			nTok += int(c.ents[rn.ent].n)
		}
	}
	toks := make([]Token, 0, nTok)
	sent := 0
	add := func(bs, be int, space bool) {
		rs := int(b2r[bs])
		for sent+1 < len(d.Sentences) && d.Sentences[sent+1].Start <= rs {
			sent++
		}
		toks = append(toks, Token{
			Span:        doc.Span{Start: rs, End: int(b2r[be])},
			Text:        text[bs:be],
			Sentence:    sent,
			SpaceBefore: space,
		})
	}
	for _, rn := range runs {
		if rn.ent == plainRun {
			// Letters, digits and hyphens: splitPunct keeps it whole, and
			// a run follows whitespace or starts the text.
			add(rn.s, rn.e, true)
			continue
		}
		pieces := long[rn.off : rn.off+rn.n]
		if rn.ent >= 0 {
			en := c.ents[rn.ent]
			pieces = c.pieces[en.off : en.off+en.n]
		}
		for _, p := range pieces {
			add(rn.s+int(p[0]), rn.s+int(p[1]), p[0] == 0)
		}
	}
	d.Tokens = toks
}

// cacheMax bounds the pieceCache: past it, the cache starts afresh with the
// next document (a report's punctuated words number in the hundreds, the
// synthetic corpus's distinct ones in the thousands). At 1<<14 (~1.8 MB a
// cache, one per worker) it was still filling at 20 MB of input, so a
// larger corpus held more memory; 1<<12 is full within the first few MB
// and costs no segmentation time on make bench's corpus: the runs that
// recur ("said.", "Naryn,") come back within any few thousand.
const cacheMax = 1 << 12

// pieceCache remembers the tokens a punctuated run gives. prose tokenizes
// each run alone, and aligning its tokens and splitPunct look only inside
// the run, so the tokens, as byte offsets into the run, depend on the
// run's text alone: "said.", "Naryn," or “We recur in every report and
// prose is asked about each once.
type pieceCache struct {
	idx    map[string]int32 // run text -> index into ents
	ents   []cacheEnt
	pieces [][2]int32
}

type cacheEnt struct {
	run    string // own copy, so the cache keeps no document alive
	off, n int32  // its tokens are pieces[off:off+n]
}

// bound readies the cache for a document, emptying it when full.
func (c *pieceCache) bound() {
	if c.idx == nil {
		c.idx = make(map[string]int32)
	}
	if len(c.ents) >= cacheMax {
		clear(c.idx)
		clear(c.ents) // drop the keys
		c.ents, c.pieces = c.ents[:0], c.pieces[:0]
	}
}

// add enters run, whose tokens fill then sets, and returns its index.
func (c *pieceCache) add(run string) int32 {
	e := int32(len(c.ents))
	run = strings.Clone(run)
	c.ents = append(c.ents, cacheEnt{run: run})
	c.idx[run] = e
	return e
}

// fill sets entry e's tokens from toks, prose's tokens of its run: up to
// the NUL marker that ends the run in a batch (marked), else all of them.
// It returns the tokens it did not use.
func (c *pieceCache) fill(e int32, toks []prose.Token, marked bool) []prose.Token {
	run := c.ents[e].run
	off := len(c.pieces)
	cur := 0
	for len(toks) > 0 {
		tok := toks[0].Text
		toks = toks[1:]
		if marked && tok == "\x00" {
			break // end of this run
		}
		c.pieces, cur = place(c.pieces, run, cur, tok)
	}
	c.ents[e].off, c.ents[e].n = int32(off), int32(len(c.pieces)-off)
	return toks
}

// place aligns tok, one of prose's tokens of run, at or after byte cur and
// appends its pieces; it returns where the next token's search starts.
func place(pieces [][2]int32, run string, cur int, tok string) ([][2]int32, int) {
	at := align(run, cur, tok)
	if at < 0 {
		return pieces, cur // a sanitizer rewrite we cannot place ("&rsquo;"): drop it
	}
	end := at + matchLen(run[at:], tok)
	return splitPunct(pieces, run, at, end), end
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

// proseSeen, when set (by tests), is shown every text handed to prose.
var proseSeen func(text string)

// prose tokenizes text with the prose model (tokenizer only).
func (s *Segmenter) prose(text string) []prose.Token {
	if proseSeen != nil {
		proseSeen(text)
	}
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

// ASCII classes for the run scan in rawTokens: unicode.IsSpace, plainRune,
// or neither.
const (
	asciiOther = iota
	asciiSpace
	asciiPlain
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for b := range t {
		switch r := rune(b); {
		case unicode.IsSpace(r):
			t[b] = asciiSpace
		case plainRune(r):
			t[b] = asciiPlain
		}
	}
	return t
}()

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
func splitPunct(out [][2]int32, text string, s, e int) [][2]int32 {
	if utf8.RuneCountInString(text[s:e]) <= 1 {
		return append(out, [2]int32{int32(s), int32(e)})
	}
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSplitPunct(r) {
			break
		}
		out = append(out, [2]int32{int32(s), int32(s + n)})
		s += n
	}
	var tailBuf [4][2]int32
	tail := tailBuf[:0]
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSplitPunct(r) {
			break
		}
		if r == '.' && keepsPeriod(text[s:e-n]) {
			break
		}
		tail = append(tail, [2]int32{int32(e - n), int32(e)})
		e -= n
	}
	if k := seedPrefix(text[s:e]); k > 0 {
		// "2-Ruben Claes": a seed's number before a name
		out = append(out, [2]int32{int32(s), int32(s + k)}, [2]int32{int32(s + k), int32(s + k + 1)})
		s += k + 1
	}
	if s < e {
		out = splitEmDash(out, text, s, e)
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

// seedRun reports whether the plain run w opens with a seed's number before
// a name (seedPrefix).
func seedRun(w string) bool {
	return w[0] >= '0' && w[0] <= '9' && seedPrefix(w) > 0
}

// seedPrefix returns the length of the number of a seeded player's "N-Name"
// in the word w ("2-Ruben", "12-Holger" in tennis results): one or two
// digits and a hyphen before a capitalized word of three letters or more
// with a lower-case letter; 0 when w is no such word ("2-0", "3-D", "COVID-19").
func seedPrefix(w string) int {
	k := 0
	for k < len(w) && k < 3 && w[k] >= '0' && w[k] <= '9' {
		k++
	}
	if k == 0 || k > 2 || k >= len(w) || w[k] != '-' {
		return 0
	}
	rest := w[k+1:]
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(rest) < 3 || strings.ToUpper(rest) == rest {
		return 0
	}
	return k
}

// splitEmDash appends the token [s, e), cut at each em dash (or horizontal
// bar) inside it, the dash a token of its own: "vote—which" and
// "N.C.—Douglas" are two words and a dash; no word holds one. En dashes
// stay ("Leeds–Bradford", "3–1").
func splitEmDash(out [][2]int32, text string, s, e int) [][2]int32 {
	for s < e {
		k := strings.IndexAny(text[s:e], "—―")
		if k < 0 {
			break
		}
		_, n := utf8.DecodeRuneInString(text[s+k:])
		if k > 0 {
			out = append(out, [2]int32{int32(s), int32(s + k)})
		}
		out = append(out, [2]int32{int32(s + k), int32(s + k + n)})
		s += k + n
	}
	if s < e {
		out = append(out, [2]int32{int32(s), int32(e)})
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
// into one token "N.", as prose splits them but a name initial includes it;
// so too a chain of initials whose last has two letters, as transliterated
// names write them ("B.Zh" "." -> "B.Zh.", "Ye.N" "." -> "Ye.N.").
func mergeInitials(toks []Token) []Token {
	// Most documents have few initials: nothing moves before the first.
	i := 0
	for i+1 < len(toks) && !isInitial(&toks[i], &toks[i+1]) {
		i++
	}
	if i+1 >= len(toks) {
		return toks
	}
	out := toks[:i]
	for ; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && isInitial(&t, &toks[i+1]) {
			t.Text += "."
			t.End = toks[i+1].End
			i++
		}
		out = append(out, t)
	}
	return out
}

// isInitial reports whether t is a lone capital or a chain of initials and
// next the period right after it.
func isInitial(t, next *Token) bool {
	return next.Text == "." && next.Start == t.End && (isCapital(t.Text) || isInitialChain(t.Text))
}

// isInitialChain reports whether s is initials joined by periods, each a
// capital and at most one lower-case letter ("B.Zh", "Sh.Kh", "Ye.N"), with
// no period at its end.
func isInitialChain(s string) bool {
	parts := 0
	for s != "" {
		part, rest, dot := strings.Cut(s, ".")
		r, n := utf8.DecodeRuneInString(part)
		if !unicode.IsUpper(r) {
			return false
		}
		if tail := part[n:]; tail != "" {
			l, m := utf8.DecodeRuneInString(tail)
			if m != len(tail) || !unicode.IsLower(l) {
				return false
			}
		}
		parts++
		if !dot {
			break
		}
		if rest == "" {
			return false
		}
		s = rest
	}
	return parts >= 2
}

func isCapital(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsUpper(r)
}

// Requires and Provides are the layers of the annotated document this stage
// reads and writes (see doc.Layer); extract checks their order at start-up.
var (
	Requires = []doc.Layer{doc.LayerText}
	Provides = []doc.Layer{doc.LayerTokens}
)
