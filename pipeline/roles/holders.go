package roles

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"plenary/pipeline/entities"
)

// holders indexes the people who hold attached titles, for title-only
// references: by the title (folded, as strings.EqualFold compares) of the
// titles held with no body, and by the body of the others. Each list is
// ordered by the holder's first mention. A scan of every holder for every
// reference made a page of references quadratic.
type holders struct {
	byTitle map[string][]int
	byOrg   map[int][]int
	people  []int // first mention of each person
}

func newHolders(held map[int][]entities.Title, ents entities.Result) *holders {
	h := &holders{byTitle: map[string][]int{}, byOrg: map[int][]int{}, people: make([]int, len(ents.People))}
	for i, p := range ents.People {
		h.people[i] = p.Start
	}
	for p, ts := range held {
		for _, t := range ts {
			if t.Org < 0 {
				k := foldKey(cleanTitle(t.Text))
				h.byTitle[k] = append(h.byTitle[k], p)
			} else {
				h.byOrg[t.Org] = append(h.byOrg[t.Org], p)
			}
		}
	}
	order := func(l []int) []int {
		slices.SortFunc(l, func(a, b int) int { return cmp.Or(h.people[a]-h.people[b], a-b) })
		return slices.Compact(l) // a person holding a title twice counts once
	}
	for k, l := range h.byTitle {
		h.byTitle[k] = order(l)
	}
	for k, l := range h.byOrg {
		h.byOrg[k] = order(l)
	}
	return h
}

// resolve returns the one person a title-only reference t stands for, or
// -1: the one holder of the title it refers to (or of a post in its body)
// mentioned before it; failing one, for a reference to a title, the one
// holder mentioned after it. Two or more is ambiguous.
func (h *holders) resolve(t entities.Title) int {
	var l []int
	switch {
	case t.Refers != "":
		l = h.byTitle[foldKey(t.Refers)]
	case t.Org >= 0:
		l = h.byOrg[t.Org]
	}
	before, _ := slices.BinarySearchFunc(l, t.Start+1, func(p, start int) int { return h.people[p] - start })
	switch {
	case before == 1:
		return l[0]
	case before > 1:
		return -1
	case t.Refers != "" && len(l) == 1:
		return l[0]
	}
	return -1
}

// foldKey maps s to a key equal for two strings exactly when
// strings.EqualFold holds: each rune becomes the least of its case-folding
// orbit.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}
