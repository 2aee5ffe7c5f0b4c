package dates

import (
	"unicode"
	"unicode/utf8"
)

// A tiny on-demand tokenizer over byte offsets: the finder looks a few
// tokens left and right of an anchor (a digit run or a capitalized word), so
// it never materializes the token list of the whole text.

type tkind uint8

const (
	tEOF tkind = iota
	tNum
	tWord
	tPunct // one rune; a line break is a punct token too, so dates never span lines
)

type token struct {
	kind       tkind
	start, end int // byte offsets
	val        int // number value (digit runs longer than 9 are capped) or the punct rune
}

func (t token) ndig() int { return t.end - t.start }

func (t token) is(r rune) bool { return t.kind == tPunct && rune(t.val) == r }

func (t token) isDash() bool {
	return t.kind == tPunct && (t.val == '-' || t.val == '\u2013' || t.val == '\u2014' || t.val == '\u2012' || t.val == '\u2212')
}

// isHSpace reports horizontal whitespace (line breaks are not).
func isHSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '\u2009', '\u200a', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u205f', '\u3000':
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isDigit(c byte) bool       { return '0' <= c && c <= '9' }

// letterAt reports whether a letter starts at byte i, and its size.
func letterAt(s string, i int) (bool, int) {
	c := s[i]
	if c < 0x80 {
		return isASCIILetter(c), 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r), n
}

// letterBefore reports whether a letter ends at byte i, and its size.
func letterBefore(s string, i int) (bool, int) {
	c := s[i-1]
	if c < 0x80 {
		return isASCIILetter(c), 1
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r), n
}

// next returns the token starting at or after byte i, skipping horizontal space.
func next(s string, i int) token {
	for i < len(s) {
		c := s[i]
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		if c < 0x80 {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isHSpace(r) {
			break
		}
		i += n
	}
	if i >= len(s) {
		return token{kind: tEOF, start: len(s), end: len(s)}
	}
	c := s[i]
	if isDigit(c) {
		j, v := i, 0
		for j < len(s) && isDigit(s[j]) {
			if j-i < 9 {
				v = v*10 + int(s[j]-'0')
			}
			j++
		}
		return token{kind: tNum, start: i, end: j, val: v}
	}
	if ok, n := letterAt(s, i); ok {
		j := i + n
		for j < len(s) {
			ok, n := letterAt(s, j)
			if !ok {
				break
			}
			j += n
		}
		return token{kind: tWord, start: i, end: j}
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return token{kind: tPunct, start: i, end: i + n, val: int(r)}
}

// prev returns the token ending at or before byte i, skipping horizontal space.
func prev(s string, i int) token {
	for i > 0 {
		c := s[i-1]
		if c == ' ' || c == '\t' {
			i--
			continue
		}
		if c < 0x80 {
			break
		}
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isHSpace(r) {
			break
		}
		i -= n
	}
	if i <= 0 {
		return token{kind: tEOF}
	}
	c := s[i-1]
	if isDigit(c) {
		j := i
		for j > 0 && isDigit(s[j-1]) {
			j--
		}
		v := 0
		for k := j; k < i && k-j < 9; k++ {
			v = v*10 + int(s[k]-'0')
		}
		return token{kind: tNum, start: j, end: i, val: v}
	}
	if ok, n := letterBefore(s, i); ok {
		j := i - n
		for j > 0 {
			ok, n := letterBefore(s, j)
			if !ok {
				break
			}
			j -= n
		}
		return token{kind: tWord, start: j, end: i}
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	return token{kind: tPunct, start: i - n, end: i, val: int(r)}
}

// runeAt returns the rune at byte i (0 at the end of s).
func runeAt(s string, i int) rune {
	if i >= len(s) || i < 0 {
		return 0
	}
	if s[i] < 0x80 {
		return rune(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// runeBefore returns the rune ending at byte i (0 at the start of s) and its size.
func runeBefore(s string, i int) (rune, int) {
	if i <= 0 || i > len(s) {
		return 0, 0
	}
	if s[i-1] < 0x80 {
		return rune(s[i-1]), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

func isUpperStart(s string, t token) bool {
	if t.kind != tWord {
		return false
	}
	c := s[t.start]
	if c < 0x80 {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[t.start:])
	return unicode.IsUpper(r)
}

// eqFold compares an ASCII word case-insensitively with lower-case want.
func eqFold(w, want string) bool {
	if len(w) != len(want) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[i] {
			return false
		}
	}
	return true
}
