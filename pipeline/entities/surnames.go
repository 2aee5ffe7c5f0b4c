package entities

import "unicode/utf8"

// nearMax bounds the clusters whose surname may be a spelling variant of a
// name's that are tried for it, in cluster order. A report has a few dozen
// people; a page of thousands of distinct names tried each against all
// earlier ones (512 KB of names: 40 s). Past nearMax tries a name still
// joins a cluster of its very surname.
const nearMax = 64

// surnameIndex finds the first person cluster, in cluster order, whose
// surname suits a name's: the first with the same surname, unless one
// before it is accepted as a spelling variant (see similar). Only clusters
// whose surname has the same first byte and a length in runes that similar
// allows are tried as variants.
type surnameIndex struct {
	same  map[string][]int  // surname -> the clusters with it, ascending
	near  map[nearKey][]int // first byte and rune length -> clusters, ascending
	lists [5][]int          // scratch: the lists first merges
}

type nearKey struct {
	first byte
	runes int
}

func newSurnameIndex() *surnameIndex {
	return &surnameIndex{same: map[string][]int{}, near: map[nearKey][]int{}}
}

// surnameKey is the index's key of a surname: without diacritics, so that
// "Ağar" and "Agar" meet.
func surnameKey(s string) string {
	if ascii(s) {
		return s
	}
	return foldMarks(s)
}

// add enters cluster ci (higher than any entered) with its surname.
func (x *surnameIndex) add(ci int, surname string) {
	surname = surnameKey(surname)
	x.same[surname] = append(x.same[surname], ci)
	if surname != "" {
		k := nearKey{surname[0], utf8.RuneCountInString(surname)}
		x.near[k] = append(x.near[k], ci)
	}
}

// withSurname returns the clusters with surname s, in cluster order: the
// first nearMax of them (a report names few people of one surname).
func (x *surnameIndex) withSurname(s string) []int {
	l := x.same[surnameKey(s)]
	return l[:min(len(l), nearMax)]
}

// first returns the first cluster for surname s that variant accepts,
// trying at most nearMax clusters of other surnames, or the first cluster
// with surname s itself, or -1. variant is called only for clusters whose
// surname differs from s and may be similar to it.
func (x *surnameIndex) first(s string, variant func(ci int) bool) int {
	s = surnameKey(s)
	same := -1
	if l := x.same[s]; len(l) > 0 {
		same = l[0]
	}
	n := utf8.RuneCountInString(s)
	if n < 5 {
		return same // similar needs five runes for a variant
	}
	lists := x.lists[:0]
	for m := max(5, n-2); m <= n+2; m++ {
		d := 1
		if n >= 8 && m >= 8 {
			d = 2
		}
		if m-n <= d && n-m <= d {
			if l := x.near[nearKey{s[0], m}]; len(l) > 0 {
				lists = append(lists, l)
			}
		}
	}
	// the lists merged in cluster order, up to the same-surname cluster
	for tries := 0; tries < nearMax; {
		best := -1
		for i, l := range lists {
			if len(l) > 0 && (best < 0 || l[0] < lists[best][0]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		ci := lists[best][0]
		lists[best] = lists[best][1:]
		if same >= 0 && ci >= same {
			break
		}
		tries++
		if variant(ci) {
			return ci
		}
	}
	return same
}
