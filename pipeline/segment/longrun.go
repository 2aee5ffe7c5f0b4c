package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/budget"
)

// longRun is the length in bytes past which a punctuated run does not go to
// prose whole. prose's doSplit peels a run's leading `$ ( " [` and trailing
// `, ) " ] ! ; . ? : '` one character per turn of its loop, and every turn
// reads the whole run again (rune count, lower-casing, a regexp, a copy of
// the suffixes peeled so far): a run of 10 KB of dots took 1.5 s, 40 KB
// 17 s. Up to 32 bytes that costs microseconds, and almost every run of a
// report is shorter; no special token of prose (emoticons, "U.S."-style
// initials) longer than 32 bytes needs the regexp's verdict on the whole run
// but the letter-and-period one, which peel computes once.
const longRun = 32

// proseSanitizer is prose's own, which it applies before it splits: the
// peeling below sees what prose's loop sees.
var proseSanitizer = strings.NewReplacer(
	"\u201c", `"`,
	"\u201d", `"`,
	"\u2018", "'",
	"\u2019", "'",
	"&rsquo;", "'")

// fillLong appends to pieces the pieces of run (longer than longRun), as
// byte offsets into it: what prose gives for the run, aligned as fill does
// (TestLongRunsMatchProse), in time linear in the run's length. The
// characters prose would peel one at a time are peeled here by index, and
// only the rest, at most longRun bytes or a rest prose takes in one turn, is
// handed to prose.
func (s *Segmenter) fillLong(pieces [][2]int32, run string, bg *budget.Budget) [][2]int32 {
	t := proseSanitizer.Replace(run)
	a, b, chunked := peel(t)
	cur := 0
	for i := 0; i < a && !bg.Step(); i++ {
		pieces, cur = place(pieces, run, cur, t[i:i+1])
	}
	mid := t[a:b]
	for mid != "" {
		part := mid
		if chunked {
			part = mid[:runeCut(mid, longRun)]
		}
		mid = mid[len(part):]
		for _, tok := range s.prose(part) {
			pieces, cur = place(pieces, run, cur, tok.Text)
		}
	}
	for i := b; i < len(t) && !bg.Step(); i++ {
		pieces, cur = place(pieces, run, cur, t[i:i+1])
	}
	return pieces
}

// peel returns the bytes [a, b) of t (a sanitized run) left after prose's
// loop has peeled its one-byte prefixes (t[:a]) and suffixes (t[b:]) while
// the rest is longer than longRun; chunked is true when prose could not
// take that rest in linear time (see below), and it goes in chunks.
//
// prose's loop, per turn: a special token (emoticon, dotted initials) is
// kept whole and ends it; else a prefix is peeled; else a contraction
// ('ll 's 're 'm n't) splits the run once and the next turn ends it; else a
// suffix is peeled; else the run is a token. A long rest is no emoticon,
// and while it starts with a prefix it is no dotted initials either; once
// it does not, its first byte never changes, and peeling suffixes from the
// end never brings in a contraction the whole rest lacked.
func peel(t string) (a, b int, chunked bool) {
	a, b = 0, len(t)
	for b-a > longRun && isPrefixByte(t[a]) {
		a++
	}
	if b-a <= longRun {
		return a, b, false
	}
	pairs := initialsLen(t[a:])
	if dottedInitials(b-a, pairs) {
		return a, b, false
	}
	if hasContraction(t[a:b]) {
		// prose splits at the index it finds in the lower-cased rest; where
		// lower-casing changes a character's length that index falls
		// elsewhere and the loop need not end: chunks bound it.
		return a, b, !lowerKeepsWidth(t[a:b])
	}
	for b-a > longRun && isSuffixByte(t[b-1]) && !dottedInitials(b-a, pairs) {
		b--
	}
	return a, b, false
}

func isPrefixByte(c byte) bool { return c == '$' || c == '(' || c == '"' || c == '[' }

func isSuffixByte(c byte) bool {
	switch c {
	case ',', ')', '"', ']', '!', ';', '.', '?', ':', '\'':
		return true
	}
	return false
}

// initialsLen returns the length of the run of letter-period pairs ("U.S.")
// that s starts with.
func initialsLen(s string) int {
	n := 0
	for n+1 < len(s) && s[n+1] == '.' && ('a' <= s[n]|0x20 && s[n]|0x20 <= 'z') {
		n += 2
	}
	return n
}

// dottedInitials reports whether a rest of n bytes starting with pairs bytes
// of letter-period pairs is wholly such pairs, two or more: prose's
// `^(?:[A-Za-z]\.){2,}$`.
func dottedInitials(n, pairs int) bool { return n%2 == 0 && n >= 4 && n <= pairs }

// hasContraction reports whether prose's contraction rules find one in s
// (longer than any of them).
func hasContraction(s string) bool {
	l := strings.ToLower(s)
	for _, c := range []string{"'ll", "'s", "'re", "'m", "n't"} {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// lowerKeepsWidth reports whether lower-casing s leaves every character's
// UTF-8 length as it is, so byte offsets in the lower-cased s are offsets
// in s.
func lowerKeepsWidth(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && utf8.RuneLen(unicode.ToLower(r)) != utf8.RuneLen(r) {
			return false
		}
	}
	return true
}

// runeCut returns the largest n <= max that ends a character of s (at
// least one character).
func runeCut(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	n := max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	if n == 0 {
		_, n = utf8.DecodeRuneInString(s)
	}
	return n
}
