package entities

import (
	"math/rand"
	"strings"
	"testing"
)

// naiveDistance is the plain Levenshtein distance in runes.
func naiveDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			c := d[i-1][j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			d[i][j] = min(c, d[i-1][j]+1, d[i][j-1]+1)
		}
	}
	return d[len(ra)][len(rb)]
}

func TestWithinEdits(t *testing.T) {
	long := strings.Repeat("abcdefghij", 5)
	tests := []struct {
		a, b string
		max  int
		want bool
	}{
		{"kassymov", "kassymov", 0, true},
		{"kassymov", "kasymov", 1, true},
		{"kassymov", "kasimov", 1, false},
		{"kassymov", "kasimov", 2, true},
		{"müller", "muller", 1, true},
		{"", "abc", 2, false},
		{"", "abc", 3, true},
		{long, long + "x", 1, true}, // longer than the stack buffers
		{long, "x" + long[1:] + "yz", 2, false},
	}
	for _, tc := range tests {
		if got := withinEdits(tc.a, tc.b, tc.max); got != tc.want {
			t.Errorf("withinEdits(%q, %q, %d) = %v, want %v", tc.a, tc.b, tc.max, got, tc.want)
		}
	}
	// against the plain table on random words over a small alphabet
	rng := rand.New(rand.NewSource(1))
	word := func() string {
		b := make([]rune, rng.Intn(12))
		for i := range b {
			b[i] = []rune("abcé")[rng.Intn(4)]
		}
		return string(b)
	}
	for range 5000 {
		a, b, max := word(), word(), rng.Intn(4)
		if got, want := withinEdits(a, b, max), naiveDistance(a, b) <= max; got != want {
			t.Fatalf("withinEdits(%q, %q, %d) = %v, want %v", a, b, max, got, want)
		}
	}
}

func TestFoldKey(t *testing.T) {
	pairs := []struct{ a, b string }{
		{"Deputy Chairman", "deputy CHAIRMAN"},
		{"Kelvin \u212a", "kelvin k"},
		{"ſecretary", "Secretary"},
		{"Председатель", "председатель"},
		{"\xff", "\xfe"},
		{"Chair", "Chairs"},
		{"Head", "Hand"},
	}
	for _, p := range pairs {
		eq := strings.EqualFold(p.a, p.b)
		if same := foldKey(p.a) == foldKey(p.b); same != eq {
			t.Errorf("foldKey(%q) == foldKey(%q) is %v, EqualFold %v", p.a, p.b, same, eq)
		}
	}
}
