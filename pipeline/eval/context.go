package eval

import (
	"strings"
	"unicode"

	"plenary/pipeline/doc"
)

// Finding an item in its document's text, so that a missed or spurious item
// can be shown with the sentence that holds it. Items are compared the way
// the scorer compares names: case and punctuation do not count ("S.Mukashev"
// is found in "S. Mukashev," and a quote whose paragraphs reopen the mark is
// found across them).

// ContextWidth is the default number of code points a context shows.
const ContextWidth = 220

// folded is a text reduced to lowercase letters, numbers, marks and single
// spaces, with the rune offset in the original text of each folded rune.
type folded struct {
	runes []rune
	at    []int
}

func foldText(s string) folded {
	var f folded
	space := false
	i := 0
	for _, r := range s {
		switch {
		case pySpace(r):
			space = true
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			if space && len(f.runes) > 0 {
				f.runes = append(f.runes, ' ')
				f.at = append(f.at, i-1)
			}
			space = false
			f.runes = append(f.runes, unicode.ToLower(r))
			f.at = append(f.at, i)
		}
		i++
	}
	return f
}

// find returns the folded index of the first occurrence of needle, preferring
// one that starts and ends on a word boundary; -1 when absent.
func (f folded) find(needle []rune) int {
	if len(needle) == 0 || len(needle) > len(f.runes) {
		return -1
	}
	loose := -1
	for i := 0; i+len(needle) <= len(f.runes); i++ {
		if f.runes[i] != needle[0] || !runesEqual(f.runes[i:i+len(needle)], needle) {
			continue
		}
		j := i + len(needle)
		if (i == 0 || f.runes[i-1] == ' ') && (j == len(f.runes) || f.runes[j] == ' ') {
			return i
		}
		if loose < 0 {
			loose = i
		}
	}
	return loose
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// span converts a folded match back to original rune offsets.
func (f folded) span(i, n int) doc.Span {
	return doc.Span{Start: f.at[i], End: f.at[i+n-1] + 1}
}

// locator finds items in one document text; build it once per document.
type locator struct {
	text []rune
	f    folded
}

func newLocator(text string) locator { return locator{text: []rune(text), f: foldText(text)} }

// exact finds s as written, between word boundaries ("TUCSON" in a dateline
// rather than "Tucson" in the headline).
func (l locator) exact(s string) (doc.Span, bool) {
	n := []rune(s)
	if len(n) == 0 {
		return doc.Span{}, false
	}
	word := func(i int) bool {
		return i >= 0 && i < len(l.text) && (unicode.IsLetter(l.text[i]) || unicode.IsNumber(l.text[i]))
	}
	for i := 0; i+len(n) <= len(l.text); i++ {
		if l.text[i] == n[0] && runesEqual(l.text[i:i+len(n)], n) && !word(i-1) && !word(i+len(n)) {
			return doc.Span{Start: i, End: i + len(n)}, true
		}
	}
	return doc.Span{}, false
}

// first finds the first of the candidate strings that occurs in the text,
// each as written, else folded (case and punctuation ignored).
func (l locator) first(cands ...string) (doc.Span, bool) {
	for _, c := range cands {
		if sp, ok := l.exact(c); ok {
			return sp, true
		}
		n := foldText(c).runes
		if i := l.f.find(n); i >= 0 {
			return l.f.span(i, len(n)), true
		}
	}
	return doc.Span{}, false
}

// earliest finds the first mention of any of the forms: the earliest exact
// occurrence, else the earliest folded one.
func (l locator) earliest(forms ...string) (doc.Span, bool) {
	var best, loose doc.Span
	found, foundLoose := false, false
	for _, c := range forms {
		if sp, ok := l.exact(c); ok && (!found || sp.Start < best.Start) {
			best, found = sp, true
		}
		n := foldText(c).runes
		if i := l.f.find(n); i >= 0 {
			if sp := l.f.span(i, len(n)); !foundLoose || sp.Start < loose.Start {
				loose, foundLoose = sp, true
			}
		}
	}
	if found {
		return best, true
	}
	return loose, foundLoose
}

// maxCandidates bounds the title x person pairs a role lookup compares.
const maxCandidates = 256

// all returns every occurrence of s.
func (l locator) all(s string) []doc.Span {
	n := foldText(s).runes
	var out []doc.Span
	if len(n) == 0 {
		return nil
	}
	for i := 0; i+len(n) <= len(l.f.runes); i++ {
		if runesEqual(l.f.runes[i:i+len(n)], n) {
			out = append(out, l.f.span(i, len(n)))
		}
	}
	return out
}

// Locate finds an item of a table in a document's text and returns its rune
// span. People, organizations and locations are looked up by their first
// mention under the name or an alias, else by the name's last word; a role by
// its title nearest to the person; a date by its text as written, then its
// value; a quote by its text, then by its first or last words.
func Locate(text, table string, it Item) (doc.Span, bool) {
	return newLocator(text).locate(table, it)
}

func (l locator) locate(table string, it Item) (doc.Span, bool) {
	switch table {
	case "people", "organizations", "locations":
		if sp, ok := l.earliest(append([]string{it.Name}, it.Aliases...)...); ok {
			return sp, true
		}
		if w := strings.Fields(it.Name); len(w) > 1 && table == "people" {
			return l.first(w[len(w)-1])
		}
	case "roles":
		titles := l.all(it.Title)
		if len(titles) == 0 {
			return l.first(append([]string{it.Name}, it.Aliases...)...)
		}
		var persons []doc.Span
		for _, n := range append([]string{it.Name}, it.Aliases...) {
			persons = append(persons, l.all(n)...)
		}
		if w := strings.Fields(it.Name); len(w) > 1 {
			persons = append(persons, l.all(w[len(w)-1])...)
		}
		// Pathological texts (one letter repeated) give thousands of each;
		// the nearest pair among the first ones is as good a context.
		titles, persons = titles[:min(len(titles), maxCandidates)], persons[:min(len(persons), maxCandidates)]
		best, bestDist := titles[0], -1
		for _, t := range titles {
			for _, p := range persons {
				d := max(t.Start-p.End, p.Start-t.End, 0)
				if bestDist < 0 || d < bestDist {
					best, bestDist = t, d
				}
			}
		}
		return best, true
	case "dates":
		return l.first(it.Text, it.Value)
	case "quotes":
		if sp, ok := l.first(it.Text); ok {
			return sp, true
		}
		w := strings.Fields(Normalize(it.Text, false))
		for _, n := range []int{6, 4} { // a predicted quote may run past the gold one, or stop short
			if len(w) >= n {
				if sp, ok := l.first(strings.Join(w[:n], " "), strings.Join(w[len(w)-n:], " ")); ok {
					return sp, true
				}
			}
		}
	}
	return doc.Span{}, false
}

// Context returns the sentence of text that holds the item, whitespace
// collapsed, the item marked [[like this]], cut to about width code points
// around it. sentences are the text's sentence spans (rune offsets); nil uses
// the item's line. ok is false when the item is not in the text.
func Context(text string, sentences []doc.Span, table string, it Item, width int) (string, bool) {
	sp, ok := Locate(text, table, it)
	if !ok {
		return "", false
	}
	return Window([]rune(text), sentences, sp, width), true
}

// Window shows span sp of text inside its sentence(s) (see Context).
func Window(text []rune, sentences []doc.Span, sp doc.Span, width int) string {
	if width <= 0 {
		width = ContextWidth
	}
	sp.Start = max(0, min(sp.Start, len(text)))
	sp.End = max(sp.Start, min(sp.End, len(text)))
	lo, hi := -1, -1
	for _, s := range sentences {
		if s.Start <= sp.Start && sp.Start < s.End && lo < 0 {
			lo = s.Start
		}
		if s.Start < sp.End && sp.End <= s.End {
			hi = s.End
		}
	}
	if lo < 0 || hi < 0 || lo > sp.Start || hi < sp.End { // no sentences: the line
		lo, hi = sp.Start, sp.End
		for lo > 0 && text[lo-1] != '\n' {
			lo--
		}
		for hi < len(text) && text[hi] != '\n' {
			hi++
		}
	}
	left, item, right := text[lo:sp.Start], text[sp.Start:sp.End], text[sp.End:hi]
	itemMax := width / 2
	if len(item) > itemMax {
		h := itemMax/2 - 1
		item = append(append(append([]rune{}, item[:h]...), []rune(" … ")...), item[len(item)-h:]...)
	}
	room := max(width-len(item), 20)
	lw := min(len(left), room/2)
	rw := min(len(right), room-lw)
	if rw < room-lw { // the right side is short: give the left more
		lw = min(len(left), room-rw)
	}
	var b strings.Builder
	if lw < len(left) {
		b.WriteString("…")
	}
	b.WriteString(string(left[len(left)-lw:]))
	b.WriteString("[[")
	b.WriteString(string(item))
	b.WriteString("]]")
	b.WriteString(string(right[:rw]))
	if rw < len(right) {
		b.WriteString("…")
	}
	return strings.Join(strings.FieldsFunc(b.String(), pySpace), " ")
}
