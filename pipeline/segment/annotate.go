package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// annotate computes, once for every later stage, each token's lower-cased
// form (d.Low) and its letter counts (Token.Letters, Token.Upper). The
// lower-cased forms that differ from the text share one buffer, converted to
// a string once: a document costs two allocations, not one per capitalized
// word.
func annotate(d *Doc, sc *scratch) {
	d.Low = make([]string, len(d.Tokens))
	var buf []byte
	lowered := sc.lowered[:0]
	for i := range d.Tokens {
		t := &d.Tokens[i]
		s := t.Text
		var ascii bool
		t.Letters, t.Upper, ascii = letters(s)
		t.Flags = spelling(s, t.Letters, ascii)
		if ascii && t.Upper == 0 {
			d.Low[i] = s
			continue
		}
		if buf == nil {
			buf = make([]byte, 0, len(d.Text)/4+len(s))
		}
		a := len(buf)
		buf = AppendLower(buf, s)
		lowered = append(lowered, lowSpan{int32(i), int32(a), int32(len(buf))})
	}
	all := string(buf)
	for _, sp := range lowered {
		d.Low[sp.i] = all[sp.a:sp.b]
	}
	sc.lowered = lowered[:0]
}

// spelling is the flags of token text s, which has n letters.
func spelling(s string, n int32, ascii bool) Flags {
	if s == "" {
		return 0
	}
	var f Flags
	if ascii {
		c := s[0]
		switch {
		case c >= 'A' && c <= 'Z':
			f |= Cap
		case c >= '0' && c <= '9':
			f |= Digit
		}
		if n > 0 || f&Digit != 0 || strings.ContainsAny(s, "0123456789") {
			f |= Alnum
		}
		if len(s) == 1 && IsQuote(rune(c)) {
			f |= QuoteMark
		}
		return f
	}
	r, w := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		f |= Cap
	}
	if unicode.IsDigit(r) {
		f |= Digit
	}
	if n > 0 || strings.IndexFunc(s, unicode.IsDigit) >= 0 {
		f |= Alnum
	}
	if w == len(s) && IsQuote(r) {
		f |= QuoteMark
	}
	return f
}

// IsQuote reports whether r is a quotation mark.
func IsQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '«', '»', '„', '‘', '’', '‹', '›':
		return true
	}
	return false
}

// lowSpan is where token i's lower-case form lies in annotate's buffer.
type lowSpan struct{ i, a, b int32 }

// letters counts the letters of s and the upper-case ones among them, and
// reports whether s is ASCII.
func letters(s string) (n, upper int32, ascii bool) {
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c >= utf8.RuneSelf:
			return lettersUnicode(s)
		case c >= 'a' && c <= 'z':
			n++
		case c >= 'A' && c <= 'Z':
			n++
			upper++
		}
	}
	return n, upper, true
}

func lettersUnicode(s string) (n, upper int32, ascii bool) {
	for _, c := range s {
		if unicode.IsLetter(c) {
			n++
			if unicode.IsUpper(c) {
				upper++
			}
		}
	}
	return n, upper, false
}

// Letters is letters' count for a string that is no whole token (a
// token's text with a possessive ending cut off).
func Letters(s string) (n, upper int32) {
	n, upper, _ = letters(s)
	return n, upper
}

// AppendLower appends strings.ToLower(s) to buf: ASCII bytes directly,
// other text rune by rune through unicode.ToLower (invalid bytes become
// U+FFFD, as in strings.Map).
func AppendLower(buf []byte, s string) []byte {
	for k := 0; k < len(s); k++ {
		if s[k] >= utf8.RuneSelf {
			for _, r := range s {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			return buf
		}
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}
