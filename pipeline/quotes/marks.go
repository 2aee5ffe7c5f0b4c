package quotes

import (
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
)

// qspan is a stretch of text between quotation marks.
type qspan struct {
	open   int        // rune offset of the opening mark
	close  int        // rune offset of the closing mark; -1 when the paragraph end closed it
	closeW int        // the closing mark's width in runes (2 for '')
	openW  int        // the opening mark's width in runes
	segs   []doc.Span // the quoted words, one span per paragraph, trimmed
	single bool       // the outer mark is a single quote (‘…’)
	reopen bool       // a single quote that went on into a paragraph reopening it
	poss   bool       // a single quote holding a plural possessive's ’
}

// Start and End of the quoted words (inside the marks).
func (q qspan) span() doc.Span {
	if len(q.segs) == 0 {
		return doc.Span{Start: q.open + 1, End: q.open + 1}
	}
	return doc.Span{Start: q.segs[0].Start, End: q.segs[len(q.segs)-1].End}
}

const (
	famNone = iota
	famDouble
	famSingle
)

// apos2 stands for the double mark written as two apostrophes (or, as an
// opener, two backquotes) in typewriter and archive text, as in the
// example of ruleMarkApos2. It is no rune of the text; mark and closes
// read it as they read '"'.
const apos2 rune = -2

// ruleMarkApos2 reads two apostrophes as one double mark.
var ruleMarkApos2 = rules.New(rules.StageQuotes, rules.Detect, "quote.mark.double-apostrophe",
	"two apostrophes ('') or two backquotes (``) are one double quotation mark, as archives and typewritten text write them",
	"[''We have waited for the board since May,''] Mr. Bekov said.")

// ruleMarkSingleReopen continues a single quote over paragraphs.
var ruleMarkSingleReopen = rules.New(rules.StageQuotes, rules.Detect, "quote.mark.single-reopen",
	"a single quote (‘…) left open at the end of a paragraph ending a sentence goes on when the next paragraph reopens it with ‘, as British text writes a quote of several paragraphs",
	"Ann Lee said: [‘We have waited since May.¶‘They can call us,’] she said.")

// markAt reads the quotation mark at rs[i] in a paragraph ending at pe: its
// rune (apos2 for two apostrophes or backquotes), family and width in
// runes; family famNone when there is none.
func markAt(rs []rune, i, pe int) (r rune, fam, w int) {
	r = rs[i]
	if (r == '\'' || r == '`') && i+1 < pe && rs[i+1] == r {
		return apos2, famDouble, 2
	}
	if r == '`' {
		return r, famNone, 1
	}
	return r, family(r), 1
}

func family(r rune) int {
	switch r {
	case '“', '”', '„', '‟', '«', '»', '"', apos2:
		return famDouble
	case '‘', '’', '‚', '‛', '‹', '›', '\'':
		return famSingle
	}
	return famNone
}

func isOpenBracket(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':', ',', ';':
		return true
	}
	return family(r) != famNone
}

// flanks tells whether the mark at i, w runes wide, looks like an opening
// mark (left flanking: text follows, space or an opening bracket precedes)
// and/or a closing one (text precedes, space or punctuation follows). The
// paragraph edges count as space.
func flanks(rs []rune, i, w, ps, pe int) (lf, rf bool) {
	prev, next := ' ', ' '
	if i > ps {
		prev = rs[i-1]
	}
	if i+w < pe {
		next = rs[i+w]
	}
	lf = !unicode.IsSpace(next) && (unicode.IsSpace(prev) || isOpenBracket(prev))
	rf = !unicode.IsSpace(prev) && !isOpenBracketStrict(prev) &&
		(unicode.IsSpace(next) || unicode.IsPunct(next) || unicode.IsSymbol(next) || family(next) != famNone)
	return lf, rf
}

func isOpenBracketStrict(r rune) bool {
	switch r {
	case '(', '[', '{':
		return true
	}
	return false
}

// conventionalCloser reports marks that close by convention.
func conventionalCloser(r, opener rune) bool {
	switch r {
	case '”', '»':
		return true
	case '“':
		return opener == '„' // German „…“
	case '«':
		return opener == '»' // »…« style
	}
	return false
}

func isSingleOpener(r rune) bool {
	return r == '‘' || r == '‚' || r == '‹' || r == '\'' || r == '‛'
}
func isSingleCloser(r rune) bool { return r == '’' || r == '›' || r == '\'' }

// ruleMarkPossessive keeps a plural possessive's apostrophe inside a
// single quote.
var ruleMarkPossessive = rules.New(rules.StageQuotes, rules.Detect, "quote.mark.plural-possessive",
	"inside a single quote, ’ after an s and before a lower-case word (the workers’ voices) is a plural possessive, not the closing mark, when a closing mark follows later in the paragraph",
	"[‘The workers’ voices will be heard,’] Ann Lee said.")

// possessiveApostrophe reports a ’ at i after an s and before a space and
// a lower-case word ("the workers’ voices") with a closing single mark
// later in the paragraph [ps, pe), or the paragraph going on into the
// next that reopens the quote: the apostrophe of a plural possessive (the
// quote being read records it, for the trace).
func (sc *markScan) possessiveApostrophe(i, ps, pe int) bool {
	rs := sc.rs
	if !pluralPossessiveAt(rs, i, ps, pe) {
		return false
	}
	for k := i + 1; k < pe; k++ {
		if !isSingleCloser(rs[k]) || rs[k] != rs[i] || pluralPossessiveAt(rs, k, ps, pe) {
			continue
		}
		if _, rf := flanks(rs, k, 1, ps, pe); rf && !(k+1 < pe && unicode.IsLetter(rs[k+1])) {
			sc.cur.poss = true
			return true
		}
	}
	_, ok := sc.singleReopens(sc.pi, pe)
	sc.cur.poss = sc.cur.poss || ok
	return ok
}

// pluralPossessiveAt reports a ’ at i written after an s and before a
// space and a lower-case letter.
func pluralPossessiveAt(rs []rune, i, ps, pe int) bool {
	return i-1 >= ps && i+2 < pe && (rs[i-1] == 's' || rs[i-1] == 'S') && rs[i+1] == ' ' && unicode.IsLower(rs[i+2])
}

// apostropheAhead reports ‘90s-like elisions, where an opening single mark is
// an apostrophe.
func apostropheAhead(rs []rune, i, pe int) bool {
	return i+1 < pe && unicode.IsDigit(rs[i+1])
}

// scanMarks pairs quotation marks paragraph by paragraph. It never fails: a
// mark left open runs to the paragraph end, or on into later paragraphs when
// the next paragraph reopens it or when the next mark in the text is a
// closing one.
func scanMarks(rs []rune, paras []doc.Span) []qspan {
	sc := &markScan{rs: rs, paras: paras}
	pi, i := 0, 0
	for pi < len(paras) {
		ps, pe := paras[pi].Start, paras[pi].End
		if pe > len(rs) {
			pe = len(rs)
		}
		if i < ps {
			i = ps
		}
		sc.pi = pi
		for ; i < pe; i++ {
			r := rs[i]
			if r < utf8.RuneSelf && r != '"' && r != '\'' && r != '`' {
				continue // the only ASCII marks; spares family's switch on most runes
			}
			if r, fam, w := markAt(rs, i, pe); fam != famNone {
				sc.mark(r, fam, i, w, ps, pe)
				i += w - 1
			}
		}
		pi, i = sc.paraEnd(pi, pe, i)
	}
	return sc.out
}

// mk is an open quotation mark.
type mk struct {
	r   rune
	pos int
}

// markScan is scanMarks' state: the quotes found, the marks open and the
// quote being read.
type markScan struct {
	rs       []rune
	paras    []doc.Span
	out      []qspan
	stack    []mk
	cur      qspan
	segStart int
	pi       int // the paragraph being read
}

// emit ends the quote being read at closeAt (-1: unclosed), a mark w runes
// wide, its last segment at segEnd.
func (sc *markScan) emit(closeAt, w, segEnd int) {
	sc.cur.close, sc.cur.closeW = closeAt, w
	sc.cur.segs = append(sc.cur.segs, doc.Span{Start: sc.segStart, End: segEnd})
	sc.cur.segs = trimSegs(sc.rs, sc.cur.segs)
	if len(sc.cur.segs) > 0 {
		sc.out = append(sc.out, sc.cur)
	}
	sc.stack = sc.stack[:0]
	sc.cur = qspan{}
}

// popSingles drops single marks opened inside the outermost quote.
func (sc *markScan) popSingles() {
	for len(sc.stack) > 1 && family(sc.stack[len(sc.stack)-1].r) == famSingle {
		sc.stack = sc.stack[:len(sc.stack)-1]
	}
}

// mark reads mark r of family fam, w runes wide, at i, in paragraph [ps, pe).
func (sc *markScan) mark(r rune, fam, i, w, ps, pe int) {
	rs := sc.rs
	lf, rf := flanks(rs, i, w, ps, pe)
	if len(sc.stack) == 0 {
		switch {
		case fam == famDouble && !(rf && !lf):
		case fam == famSingle && isSingleOpener(r) && lf && !rf && !apostropheAhead(rs, i, pe):
		default:
			return
		}
		sc.stack = append(sc.stack, mk{r, i})
		sc.cur = qspan{open: i, openW: w, single: fam == famSingle}
		sc.segStart = i + w
		return
	}
	top := sc.stack[len(sc.stack)-1]
	if fam == famSingle {
		switch {
		case isSingleOpener(r) && lf && !rf && !apostropheAhead(rs, i, pe) && !(r == '\'' && top.r == '\''):
			sc.stack = append(sc.stack, mk{r, i})
		case isSingleCloser(r) && family(top.r) == famSingle && rf && !(i+1 < pe && unicode.IsLetter(rs[i+1])) && !sc.possessiveApostrophe(i, ps, pe):
			sc.stack = sc.stack[:len(sc.stack)-1]
		}
	} else if sc.closes(r, top, i, lf, rf) {
		sc.popSingles()
		if family(sc.stack[len(sc.stack)-1].r) == famSingle && len(sc.stack) == 1 {
			// A double mark cannot close a single quote: the
			// single opener was an apostrophe after all.
			sc.stack = sc.stack[:0]
			sc.cur = qspan{}
			return
		}
		sc.stack = sc.stack[:len(sc.stack)-1]
	}
	if len(sc.stack) == 0 {
		sc.emit(i, w, i)
	}
}

// closes reports whether double mark r at i closes the innermost quote
// (top is its mark); otherwise, when it opens a nested one, it is pushed.
func (sc *markScan) closes(r rune, top mk, i int, lf, rf bool) bool {
	switch {
	case conventionalCloser(r, sc.stack[0].r) || (len(sc.stack) > 1 && conventionalCloser(r, top.r)):
		return true
	case (r == '"' || r == apos2) && top.r == r:
		return true
	case lf && !rf: // '"' or “ „ « opening a quote inside a quote
		sc.stack = append(sc.stack, mk{r, i})
		return false
	}
	return true
}

// paraEnd handles the end (pe) of paragraph pi with a mark still open: a
// single quote never spans paragraphs; a double one goes on when the next
// paragraph reopens the mark or a closer comes later, else it ends
// unclosed. It returns the next paragraph and position to read (i, the
// position reached, when the quote does not go on).
func (sc *markScan) paraEnd(pi, pe, i int) (int, int) {
	rs, paras := sc.rs, sc.paras
	if len(sc.stack) == 0 {
		return pi + 1, i
	}
	sc.popSingles()
	if family(sc.stack[0].r) == famSingle {
		sc.stack = sc.stack[:1]
		if ns, ok := sc.singleReopens(pi, pe); ok {
			sc.cur.segs = append(sc.cur.segs, doc.Span{Start: sc.segStart, End: pe})
			sc.cur.reopen = true
			sc.segStart = ns + 1
			return pi + 1, ns + 1
		}
		sc.stack = sc.stack[:0]
		sc.cur = qspan{}
		return pi + 1, i
	}
	sc.stack = sc.stack[:1]
	if pi+1 < len(paras) {
		ns := paras[pi+1].Start
		if ns < len(rs) {
			if _, fam, w := markAt(rs, ns, min(len(rs), paras[pi+1].End)); fam == famDouble {
				// The next paragraph reopens the mark: one quote.
				sc.cur.segs = append(sc.cur.segs, doc.Span{Start: sc.segStart, End: pe})
				sc.segStart = ns + w
				return pi + 1, ns + w
			}
		}
		if cp, cw, cpi := closerAhead(rs, paras, pi+1); cp >= 0 {
			sc.cur.segs = append(sc.cur.segs, doc.Span{Start: sc.segStart, End: pe})
			for k := pi + 1; k < cpi; k++ {
				sc.cur.segs = append(sc.cur.segs, paras[k])
			}
			sc.segStart = paras[cpi].Start
			sc.emit(cp, cw, cp)
			return cpi, cp + cw
		}
	}
	sc.emit(-1, 0, pe)
	return pi + 1, i
}

// singleReopens reports that the single quote open at the end (pe) of
// paragraph pi goes on into the next one: the paragraph ends a sentence
// and the next one opens with a single opening mark. It returns the offset
// of that mark.
func (sc *markScan) singleReopens(pi, pe int) (int, bool) {
	rs, paras := sc.rs, sc.paras
	if pi+1 >= len(paras) {
		return 0, false
	}
	end := pe
	for end > paras[pi].Start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	if end == paras[pi].Start {
		return 0, false
	}
	switch rs[end-1] {
	case '.', '!', '?', '…':
	default:
		return 0, false
	}
	ns, ne := paras[pi+1].Start, min(len(rs), paras[pi+1].End)
	if ns >= ne || !isSingleOpener(rs[ns]) || rs[ns] == '\'' || apostropheAhead(rs, ns, ne) {
		return 0, false
	}
	if lf, rf := flanks(rs, ns, 1, ns, ne); !lf || rf {
		return 0, false
	}
	return ns, true
}

// closerAhead looks for the next double mark in the paragraphs from pi on
// (at most three); when it is a closing mark, the open quote runs to it.
// It returns the mark's offset, width and paragraph (offset -1: none).
func closerAhead(rs []rune, paras []doc.Span, pi int) (at, w, para int) {
	for k := pi; k < len(paras) && k < pi+3; k++ {
		ps, pe := paras[k].Start, paras[k].End
		if pe > len(rs) {
			pe = len(rs)
		}
		for i := ps; i < pe; i++ {
			r, fam, w := markAt(rs, i, pe)
			if fam != famDouble {
				continue
			}
			lf, rf := flanks(rs, i, w, ps, pe)
			if (r == '”' || r == '»' || r == '"' || r == apos2) && rf && !lf {
				return i, w, k
			}
			return -1, 0, -1
		}
	}
	return -1, 0, -1
}

// trimSegs trims whitespace off each segment and drops empty ones.
func trimSegs(rs []rune, segs []doc.Span) []doc.Span {
	out := segs[:0]
	for _, s := range segs {
		if s.End > len(rs) {
			s.End = len(rs)
		}
		for s.Start < s.End && unicode.IsSpace(rs[s.Start]) {
			s.Start++
		}
		for s.End > s.Start && unicode.IsSpace(rs[s.End-1]) {
			s.End--
		}
		if s.Start < s.End {
			out = append(out, s)
		}
	}
	return out
}

// quoteText joins the segments with a space and collapses whitespace.
func quoteText(rs []rune, segs []doc.Span) string {
	var c collapser
	n := 0
	for _, s := range segs {
		n += s.End - s.Start + 1
	}
	c.grow(n)
	for i, s := range segs {
		if i > 0 {
			c.space()
		}
		c.add(rs[s.Start:s.End])
	}
	return c.String()
}
