package registry

import (
	"slices"
	"strings"
)

// wordKey is one full-name key containing one word, for finding the full
// names a partial name ("S. Amanzholov", "Amanzholov") may belong to.
type wordKey struct {
	word uint32
	key  int32
}

// attachPartials applies INITIALS-* and SURNAME-*: each document person
// named only by initials and a surname, or by one word, joins the one full
// name that fits, or the one of several that evidence points to. Which full
// names fit a written form is worked out once per distinct form.
func (rv *resolver) attachPartials() {
	var index []wordKey
	for ki := range rv.keys {
		key := &rv.keys[ki]
		if key.join {
			continue
		}
		for _, w := range rv.fullWords(&rv.parsedN[key.name]) {
			index = append(index, wordKey{w, int32(ki)})
		}
	}
	slices.SortFunc(index, func(a, b wordKey) int {
		if a.word != b.word {
			return int(a.word) - int(b.word)
		}
		return int(rv.rank[rv.keys[a.key].rep] - rv.rank[rv.keys[b.key].rep])
	})
	fits := map[uint32]*candSet{} // partial name id -> the full names it fits
	rv.attached = make([]bool, len(rv.recs))
	for _, r := range rv.order {
		rec := &rv.recs[r]
		nr := &rv.parsedN[rec.name]
		if (nr.level != levelInitials && nr.level != levelSurname) || rv.snap.count[rv.snap.root[r]] > 1 {
			continue
		}
		cands, ok := fits[rec.name]
		if !ok {
			cands = rv.candidates(rv.fitting(nr, index))
			fits[rec.name] = cands
		}
		if len(cands.roots) == 0 {
			continue
		}
		var done bool
		switch {
		case nr.level == levelInitials:
			done = rv.pick(r, cands, ruleInitialsUnique, ruleInitialsEvidence, rv.shortWord(nr))
		default:
			done = rv.pick(r, cands, ruleSurnameUnique, ruleSurnameEvidence, nr.flags&nameGivenOnly != 0 || rv.shortWord(nr))
		}
		rv.attached[r] = done
	}
}

// shortWord: the partial name's one word has three letters or fewer (Kim,
// Lee, Li, Ma): shared by so many that it takes a full name only with
// evidence, however few full names with it the run has.
func (rv *resolver) shortWord(nr *nameRec) bool {
	return len([]rune(rv.toks.strs[rv.foldedWords(nr)[0]])) <= 3
}

// fitting lists the representative records of the full names a partial
// name fits: they have its word, their other words begin with its initials
// (first initial, then the second on another word when both have one), and
// they carry its generational suffix if it has one.
func (rv *resolver) fitting(nr *nameRec, index []wordKey) []int32 {
	if nr.nFull != 1 {
		return nil
	}
	word := rv.fullWords(nr)[0]
	lo, _ := slices.BinarySearchFunc(index, word, func(e wordKey, w uint32) int { return int(e.word) - int(w) })
	var out []int32
	for i := lo; i < len(index) && index[i].word == word; i++ {
		key := &rv.keys[index[i].key]
		full := &rv.parsedN[key.name]
		if nr.suffix != 0 && full.suffix != nr.suffix {
			continue
		}
		if rv.initialsFit(nr, full, word) {
			out = append(out, key.rep)
		}
	}
	return out
}

// initialsFit: the full name's words other than word take the partial
// name's initials, the first initial on one word and the second (when the
// full name has another word left) on another.
func (rv *resolver) initialsFit(part, full *nameRec, word uint32) bool {
	inits := rv.initials(part)
	if len(inits) == 0 {
		return true
	}
	ph, fo := rv.fullWords(full), rv.foldedWords(full)
	used := -1
	for k, in := range inits[:min(2, len(inits))] {
		hit := -1
		for i := range ph {
			if ph[i] == word || i == used {
				continue
			}
			if rv.initialFits(in, ph[i], fo[i]) {
				hit = i
				break
			}
		}
		switch {
		case hit >= 0:
			used = hit
		case k == 0 || len(ph) > 2:
			return false
		}
	}
	return true
}

// initialFits compares an initial (folded: "s", "zh", "y") with a word both
// as written (Yerlan for Y.) and as keyed (Erlan for E., Jomart for Zh.).
func (rv *resolver) initialFits(init, phonWord, foldWord uint32) bool {
	in := rv.toks.strs[init]
	if strings.HasPrefix(rv.toks.strs[foldWord], in) {
		return true
	}
	p := rv.k.phonetic(in)
	return p != "" && strings.HasPrefix(rv.toks.strs[phonWord], p)
}

// mergeLeftovers applies PARTIAL-EVIDENCE: the partial names no full name
// took join each other, among those sharing their word, only through a
// shared title, organization or co-occurring person, and only when their
// initials agree; two "A. Seitkali" with nothing in common stay apart.
func (rv *resolver) mergeLeftovers() {
	var left []int32
	for _, r := range rv.order {
		nr := &rv.parsedN[rv.recs[r].name]
		if (nr.level == levelInitials || nr.level == levelSurname) && !rv.attached[r] && rv.snap.count[rv.snap.root[r]] == 1 {
			left = append(left, r)
		}
	}
	word := func(r int32) string { return rv.toks.strs[rv.fullWords(&rv.parsedN[rv.recs[r].name])[0]] }
	slices.SortStableFunc(left, func(a, b int32) int { return strings.Compare(word(a), word(b)) })
	first := map[int32]uint32{} // cluster root -> its first initial (folded), for the left-over clusters
	bucket := map[uint64]int32{}
	for i := 0; i < len(left); {
		j := i
		for j < len(left) && word(left[j]) == word(left[i]) {
			j++
		}
		clear(bucket)
		for _, r := range left[i:j] {
			for _, f := range rv.clusterFeatures(r, true, &rv.bufC) {
				b, ok := bucket[f]
				if !ok {
					bucket[f] = r
					continue
				}
				if rv.joinLeftover(r, b, f, first) {
					break
				}
			}
		}
		i = j
	}
}

// joinLeftover merges left-over record r into b's cluster when their
// initials, sexes and documents allow it.
func (rv *resolver) joinLeftover(r, b int32, f uint64, first map[int32]uint32) bool {
	if f == feature(featCoPerson, uint32(r)) || f == feature(featCoPerson, uint32(b)) {
		return false
	}
	rr, rb := rv.find(r), rv.find(b)
	if rr == rb || genderClash(rv.gender[r], rv.gender[b]) || rv.recs[r].doc == rv.recs[b].doc {
		return false
	}
	ir, hasR := firstInitial(rv, r)
	ib, hasB := first[rb]
	if !hasB {
		ib, hasB = firstInitial(rv, b)
	}
	if hasR && hasB && ir != ib && !rv.sameInitial(ir, ib) {
		return false
	}
	rv.union(r, b, rulePartialEvidence, f)
	root := rv.find(r)
	switch {
	case hasR:
		first[root] = ir
	case hasB:
		first[root] = ib
	}
	return true
}

func firstInitial(rv *resolver, r int32) (uint32, bool) {
	in := rv.initials(&rv.parsedN[rv.recs[r].name])
	if len(in) == 0 {
		return 0, false
	}
	return in[0], true
}

func (rv *resolver) sameInitial(a, b uint32) bool {
	return rv.k.phonetic(rv.toks.strs[a]) == rv.k.phonetic(rv.toks.strs[b])
}
