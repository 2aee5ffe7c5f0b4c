package extract

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"plenary/pipeline/doc"
)

// TestMergeMentions checks the merge against the stable sort it replaces,
// on sorted and unsorted lists with ties between and within them.
func TestMergeMentions(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gen := func(n int, tag string) []doc.Mention {
		ms := make([]doc.Mention, n)
		for i := range ms {
			s := r.IntN(8)
			ms[i] = doc.Mention{EntityID: fmt.Sprint("x", r.IntN(2)), Text: fmt.Sprint(tag, i), Span: doc.Span{Start: s, End: s + r.IntN(3)}}
		}
		return ms
	}
	for k := range 500 {
		ents, dates := gen(r.IntN(12), "e"), gen(r.IntN(5), "d")
		if k%3 != 0 {
			slices.SortStableFunc(ents, mentionOrder)
			slices.SortStableFunc(dates, mentionOrder)
		}
		want := slices.Concat(ents, dates)
		slices.SortStableFunc(want, mentionOrder)
		if got := mergeMentions(ents, dates); !slices.Equal(got, want) {
			t.Fatalf("case %d: merged %v, want %v", k, got, want)
		}
	}
}
