package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// quoteF1Threshold is the token F1 a predicted quote needs to match a gold quote.
const quoteF1Threshold = 0.8

// fold maps typographic quotes and dashes to ASCII. The punctuation rule removes
// the results anyway; the table keeps score.py's steps visible one for one.
var fold = map[rune]string{
	'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
	'\u201c': `"`, '\u201d': `"`, '\u201e': `"`, '\u201f': `"`, '\u2033': `"`,
	'\u00ab': `"`, '\u00bb': `"`, '\u2039': "'", '\u203a': "'",
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-",
	'\u2015': "-", '\u2212': "-", '\u00ad': "",
}

// Normalize returns the comparison form of a name (dropThe) or of a quote text
// (!dropThe), exactly as score.py's normalize: NFKC, Python's str.lower, quotes
// and dashes folded, every rune that is not a letter, number, mark or space
// deleted without leaving a space, whitespace collapsed, and with dropThe one
// leading "the " removed.
func Normalize(s string, dropThe bool) string {
	s = pyLower(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending; written before the next kept rune
	for _, r := range s {
		if f, ok := fold[r]; ok {
			if f == "" {
				continue
			}
			r = []rune(f)[0]
		}
		switch {
		case pySpace(r):
			space = true
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
		// anything else (punctuation, symbols, controls) is removed and does
		// not end a pending space: "a - b" -> "a b".
	}
	out := b.String()
	if dropThe && strings.HasPrefix(out, "the ") {
		out = out[4:]
	}
	return out
}

// tokens splits a quote text into its normalized words.
func tokens(s string) []string {
	n := Normalize(s, false)
	if n == "" {
		return nil
	}
	return strings.Split(n, " ")
}

// TokenF1 is the SQuAD-style token F1 of two quote texts (multiset overlap of
// their normalized words), written as one division like score.py so that 4 of 5
// tokens compares equal to the 0.8 threshold.
func TokenF1(a, b string) float64 {
	return tokenF1(counted(tokens(a)), counted(tokens(b)))
}

// bag is a multiset of tokens with its size.
type bag struct {
	n      int
	counts map[string]int
}

func counted(toks []string) bag {
	m := make(map[string]int, len(toks))
	for _, t := range toks {
		m[t]++
	}
	return bag{n: len(toks), counts: m}
}

func tokenF1(a, b bag) float64 {
	if a.n == 0 || b.n == 0 {
		return 0
	}
	small, large := a.counts, b.counts
	if len(small) > len(large) {
		small, large = large, small
	}
	common := 0
	for t, c := range small {
		common += min(c, large[t])
	}
	return float64(2*common) / float64(a.n+b.n)
}

// pySpace reports whether Python's str.isspace holds for r: Go's White_Space
// set plus the information separators U+001C..U+001F (bidi class B/S).
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyLower is Python's str.lower: the simple lowercase mapping plus the two
// rules Python adds from SpecialCasing.txt: U+0130 becomes "i" + U+0307, and a
// capital sigma at the end of a word becomes a final sigma.
func pyLower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		switch r {
		case '\u0130':
			b.WriteString("i\u0307")
		case '\u03a3':
			if finalSigma(rs, i) {
				b.WriteRune('\u03c2')
			} else {
				b.WriteRune('\u03c3')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// finalSigma is the Final_Sigma context as CPython tests it:
// cased case-ignorable* SIGMA !(case-ignorable* cased).
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !cased(rs[j])
}

func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2018', '\u2019',
		'\u2024', '\u2027', '\ufe13', '\ufe52', '\ufe55', '\uff07', '\uff0e', '\uff1a':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// pyShort is score.py's _short: whitespace collapsed, cut to n runes with "...".
func pyShort(s string, n int) string {
	s = strings.Join(strings.FieldsFunc(s, pySpace), " ")
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-3]) + "..."
}

// pyRepr is Python's repr of a str, which score.py uses to show quote texts.
func pyRepr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	const hex = "0123456789abcdef"
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r >= 0x20 && r < 0x7f, r >= 0x80 && unicode.IsPrint(r):
			b.WriteRune(r)
		case r < 0x100:
			b.WriteString(`\x`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&15])
		case r < 0x10000:
			b.WriteString(`\u`)
			for sh := 12; sh >= 0; sh -= 4 {
				b.WriteByte(hex[(r>>sh)&15])
			}
		default:
			b.WriteString(`\U`)
			for sh := 28; sh >= 0; sh -= 4 {
				b.WriteByte(hex[(r>>sh)&15])
			}
		}
	}
	b.WriteByte(q)
	return b.String()
}
