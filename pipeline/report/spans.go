package report

import (
	"slices"
	"strings"
	"unicode"
)

// The eval JSON and prediction files carry names and quote texts, not
// offsets, so highlights are found by searching the document text: names and
// dates case-insensitively at word boundaries, quotes by their text with
// whitespace and typographic marks folded (a quote that still cannot be found
// whole, such as one running over paragraphs that reopen the mark, is found
// by its beginning and end).

// Span is one highlighted stretch of a document, in code point offsets.
type Span struct {
	Start, End int
	Class      string // CSS classes
	Title      string // tooltip: table, status, item
	order      int    // tie-break among spans with the same extent
}

// Node is a piece of rendered document text: plain text, or a highlight
// holding further nodes. Crossing spans are split so the tree nests; First
// marks the piece where a span begins.
type Node struct {
	Text  string
	Mark  bool
	Class string
	Title string
	First bool
	Kids  []Node
}

// haystack is a document text folded for searching: lowercased, typographic
// quotes and dashes made plain, whitespace runs collapsed to one space. pos
// maps each folded rune back to its code point offset in the original.
type haystack struct {
	orig   []rune
	s      string // folded text
	byteAt []int  // byte offset in s -> index of its rune in folded
	pos    []int  // folded rune index -> original offset; one extra entry: len(orig)
}

func foldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	return unicode.ToLower(r)
}

func newHaystack(text string) *haystack {
	h := &haystack{orig: []rune(text)}
	var b strings.Builder
	var folded []rune
	for i, r := range h.orig {
		f := foldRune(r)
		if f == ' ' && len(folded) > 0 && folded[len(folded)-1] == ' ' {
			continue
		}
		folded = append(folded, f)
		h.pos = append(h.pos, i)
	}
	h.pos = append(h.pos, len(h.orig))
	for i, r := range folded {
		n := b.Len()
		b.WriteRune(r)
		for j := n; j < b.Len(); j++ {
			h.byteAt = append(h.byteAt, i)
		}
	}
	h.s = b.String()
	h.byteAt = append(h.byteAt, len(folded))
	return h
}

func foldNeedle(s string) string {
	var b strings.Builder
	space := true // drops leading space
	for _, r := range s {
		f := foldRune(r)
		if f == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(f)
	}
	return strings.TrimRight(b.String(), " ")
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// find returns every occurrence of needle as original [start, end) offsets.
// With words set, an occurrence must not touch a letter or digit on either
// side.
func (h *haystack) find(needle string, words bool) [][2]int {
	n := foldNeedle(needle)
	if n == "" {
		return nil
	}
	var out [][2]int
	for from := 0; from < len(h.s); {
		i := strings.Index(h.s[from:], n)
		if i < 0 {
			break
		}
		bs, be := from+i, from+i+len(n)
		from = bs + 1
		for from < len(h.s) && h.byteAt[from] == h.byteAt[bs] {
			from++ // next rune boundary
		}
		start, end := h.pos[h.byteAt[bs]], h.pos[h.byteAt[be]]
		if end > len(h.orig) || start >= end {
			continue
		}
		if words && ((start > 0 && isWordRune(h.orig[start-1]) && isWordRune(h.orig[start])) ||
			(end < len(h.orig) && isWordRune(h.orig[end]) && isWordRune(h.orig[end-1]))) {
			continue
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// findQuote finds a quote's text; failing that, its first and last words
// close together, for quotes broken by paragraph marks or small edits.
func (h *haystack) findQuote(text string) [][2]int {
	if occ := h.find(text, false); len(occ) > 0 {
		return occ
	}
	words := strings.Fields(foldNeedle(text))
	const k = 5 // words at each end
	if len(words) < 2*k {
		return nil
	}
	head := strings.Join(words[:k], " ")
	tail := strings.Join(words[len(words)-k:], " ")
	limit := 2*len([]rune(text)) + 200
	tails := h.find(tail, false)
	for _, p := range h.find(head, false) {
		for _, t := range tails {
			if t[0] >= p[1] && t[1]-p[0] <= limit {
				return [][2]int{{p[0], t[1]}}
			}
		}
	}
	return nil
}

// pick keeps, of one item's occurrences, the longest ones that do not
// overlap ("Nurlan Uteshev" wins over the "Uteshev" inside it), in text order.
func pick(occ [][2]int) [][2]int {
	slices.SortFunc(occ, func(a, b [2]int) int {
		if la, lb := a[1]-a[0], b[1]-b[0]; la != lb {
			return lb - la
		}
		return a[0] - b[0]
	})
	var kept [][2]int
	for _, o := range occ {
		if !slices.ContainsFunc(kept, func(k [2]int) bool { return o[0] < k[1] && k[0] < o[1] }) {
			kept = append(kept, o)
		}
	}
	slices.SortFunc(kept, func(a, b [2]int) int { return a[0] - b[0] })
	return kept
}

// nest renders text with its highlight spans as a tree. Text is cut at every
// span boundary; each piece is wrapped in the spans covering it, outermost
// (earliest start, then longest) first, reusing the marks still open from the
// piece before. A span crossing another is thereby split into several marks.
func nest(text []rune, spans []Span) []Node {
	for i := range spans {
		spans[i].order = i
	}
	bounds := []int{0, len(text)}
	for _, s := range spans {
		bounds = append(bounds, s.Start, s.End)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	outer := func(a, b *Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return b.End - a.End
		}
		return a.order - b.order
	}
	root := &Node{}
	type open struct {
		span *Span
		node *Node
	}
	var stack []open
	started := make([]bool, len(spans))
	for bi := 0; bi+1 < len(bounds); bi++ {
		a, b := bounds[bi], bounds[bi+1]
		if a >= b {
			continue
		}
		var want []*Span
		for i := range spans {
			if spans[i].Start <= a && spans[i].End >= b {
				want = append(want, &spans[i])
			}
		}
		slices.SortFunc(want, outer)
		keep := 0
		for keep < len(stack) && keep < len(want) && stack[keep].span == want[keep] {
			keep++
		}
		stack = stack[:keep]
		for _, s := range want[keep:] {
			parent := root
			if len(stack) > 0 {
				parent = stack[len(stack)-1].node
			}
			parent.Kids = append(parent.Kids, Node{Mark: true, Class: s.Class, Title: s.Title, First: !started[s.order]})
			started[s.order] = true
			stack = append(stack, open{s, &parent.Kids[len(parent.Kids)-1]})
		}
		parent := root
		if len(stack) > 0 {
			parent = stack[len(stack)-1].node
		}
		parent.Kids = append(parent.Kids, Node{Text: string(text[a:b])})
	}
	return root.Kids
}
