package segment

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// A token's spelling flags are what the stages computed from its text
// before segment did it once: the first rune upper case or a digit, a
// letter or digit anywhere, one rune that is a quotation mark.
func TestSpellingFlags(t *testing.T) {
	words := []string{"Senate", "senate", "UN", "N.C.", "1990s", "3", "x1", "—", "”", "'", "\"", "«",
		"Élysée", "élysée", "Ünal", "٣", "a٣", "İstanbul", "ǅemal", "𝐀", "’s", "\xff", "Ⅻ", "Ⓐ", "..."}
	for _, w := range words {
		n, _, ascii := letters(w)
		got := spelling(w, n, ascii)
		r, size := utf8.DecodeRuneInString(w)
		want := Flags(0)
		if unicode.IsUpper(r) {
			want |= Cap
		}
		if unicode.IsDigit(r) {
			want |= Digit
		}
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			want |= Alnum
		}
		if size == len(w) && IsQuote(r) {
			want |= QuoteMark
		}
		if got != want {
			t.Errorf("spelling(%q) = %04b, want %04b", w, got, want)
		}
	}
	d := seg(t).Segment("“Ann Lee” 3 ways.")
	for i, tk := range d.Tokens {
		if n, _, ascii := letters(tk.Text); tk.Flags != spelling(tk.Text, n, ascii) {
			t.Errorf("token %d %q: Flags %04b not set", i, tk.Text, tk.Flags)
		}
	}
}
