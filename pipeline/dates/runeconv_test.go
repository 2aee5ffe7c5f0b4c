package dates

import (
	"testing"
	"unicode/utf8"
)

// refRunes is the rune offset of byte offset b by a plain walk from the
// start: one rune per decoded rune or invalid byte, a rune that spans b
// counted whole.
func refRunes(s string, b int) int {
	i, r := 0, 0
	for i < b && i < len(s) {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r++
	}
	return r
}

func checkRuneConv(t *testing.T, s string, offs []int) {
	t.Helper()
	c := runeConv{s: s}
	for _, b := range offs {
		if got, want := c.runes(b), refRunes(s, b); got != want {
			t.Fatalf("runes(%q, %d) = %d, want %d (offsets %v)", s, b, got, want, offs)
		}
	}
}

func TestRuneConv(t *testing.T) {
	tests := []struct {
		s    string
		offs []int
	}{
		{"12 October 2023", []int{3, 10, 15, 20}},
		{"Қазақстан 2021–2023 жыл", []int{19, 23, 18, 30, 0, 40}},
		{"a\xffb\xe2\x82c", []int{2, 4, 5, 6, 1}},
		{"日本 5 May", []int{1, 2, 4, 7, 3, 11}}, // 1, 2, 4: inside a rune
	}
	for _, tc := range tests {
		checkRuneConv(t, tc.s, tc.offs)
	}
}

func FuzzRuneConv(f *testing.F) {
	f.Add("Қазақстан 2021–2023 жыл", uint8(19), uint8(23), uint8(4))
	f.Add("a\xffb\xe2\x82c", uint8(2), uint8(5), uint8(1))
	f.Fuzz(func(t *testing.T, s string, a, b, c uint8) {
		checkRuneConv(t, s, []int{int(a), int(b), int(c), len(s)})
	})
}
