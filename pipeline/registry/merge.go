package registry

import (
	"runtime"
	"slices"
	"sync"
)

// mergeSubsets applies SUBSET-UNIQUE and SUBSET-EVIDENCE: a full name whose
// key is part of a longer full name's key ("Donald Trump" in "Donald J.
// Trump") is that person when exactly one such longer name fits, or
// evidence picks one.
func (rv *resolver) mergeSubsets() {
	type pair struct{ sub, super int32 }
	var pairs []pair
	for ki := range rv.keys {
		key := &rv.keys[ki]
		nr := &rv.parsedN[key.name]
		if key.join || key.n < 3 {
			continue
		}
		for _, sub := range subKeys(rv.words(int32(ki)), int(nr.nFull), nr.suffix != 0) {
			if si, ok := rv.findKey(sub); ok && !rv.keys[si].join && si != int32(ki) {
				pairs = append(pairs, pair{sub: si, super: int32(ki)})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.sub != b.sub {
			return int(a.sub - b.sub)
		}
		return int(rv.rank[rv.keys[a.super].rep] - rv.rank[rv.keys[b.super].rep])
	})
	var reps []int32
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j].sub == pairs[i].sub {
			j++
		}
		a := rv.keys[pairs[i].sub].rep
		reps = reps[:0] // representative records of the fitting longer names
		for _, p := range pairs[i:j] {
			reps = append(reps, rv.keys[p.super].rep)
		}
		rv.pick(a, rv.candidates(reps), ruleSubsetUnique, ruleSubsetEvidence, false)
		i = j
	}
}

// subKeys lists the keys made by leaving words or initials out of a key
// (never the suffix, and keeping two full words). Keys of up to six parts
// give every such subset; longer ones, each single omission.
func subKeys(words []uint32, nFull int, suffix bool) [][]uint32 {
	removable := len(words)
	if suffix {
		removable--
	}
	var out [][]uint32
	if removable > 6 {
		for i := 0; i < removable; i++ {
			if i < nFull && nFull-1 < 2 {
				continue
			}
			out = append(out, slices.Concat(words[:i], words[i+1:]))
		}
		return out
	}
	for mask := 1; mask < 1<<removable; mask++ {
		var sub []uint32
		full := 0
		for i, w := range words {
			if i < removable && mask&(1<<i) != 0 {
				continue
			}
			if i < nFull {
				full++
			}
			sub = append(sub, w)
		}
		if full >= 2 {
			out = append(out, sub)
		}
	}
	return out
}

// candSet is the snapshot clusters a loose name may join: each once, with
// the first of its candidate records.
type candSet struct {
	roots, reps []int32
	sorted      []int32 // indices into roots ordered by root, for pickAmongMany
}

// candidates gives the distinct snapshot clusters of candidate records, in
// their order.
func (rv *resolver) candidates(recs []int32) *candSet {
	if rv.stamp == nil {
		rv.stamp = make([]int32, len(rv.recs))
	}
	rv.stampN++
	cs := &candSet{}
	for _, c := range recs {
		if rc := rv.snap.root[c]; rv.stamp[rc] != rv.stampN {
			rv.stamp[rc] = rv.stampN
			cs.roots = append(cs.roots, rc)
			cs.reps = append(cs.reps, c)
		}
	}
	if len(cs.roots) > maxPickCands {
		cs.sorted = make([]int32, len(cs.roots))
		for i := range cs.sorted {
			cs.sorted[i] = int32(i)
		}
		slices.SortFunc(cs.sorted, func(x, y int32) int { return int(cs.roots[x] - cs.roots[y]) })
	}
	return cs
}

// maxPickCands is the most candidate persons pick weighs one by one; a
// loose name fitting more (a surname thousands share) goes to
// pickAmongMany.
const maxPickCands = 64

// pick merges record a's cluster with the one candidate cluster that fits:
// candidates marked as of another sex, or named beside a in one document,
// do not fit (BLOCK-GENDER, BLOCK-SAME-DOC). With several, or with
// needEvidence, the one fitting candidate that shares evidence with a is
// taken, titles and organizations weighing before co-occurring persons.
// The snapshot's clusters are compared.
func (rv *resolver) pick(a int32, cs *candSet, unique, withEvidence uint8, needEvidence bool) bool {
	sn := rv.snap
	ra := sn.root[a]
	if len(cs.roots) > maxPickCands {
		return rv.pickAmongMany(a, cs, withEvidence)
	}
	rv.work.Add(int64(len(cs.roots)))
	var roots, reps []int32
	for i, rc := range cs.roots {
		if rc == ra || genderClash(sn.gender[ra], sn.gender[rc]) || rv.sameDoc(ra, rc) {
			continue
		}
		roots = append(roots, rc)
		reps = append(reps, cs.reps[i])
	}
	if len(roots) == 1 && !needEvidence {
		return rv.union(a, reps[0], unique, 0)
	}
	if len(roots) == 0 {
		return false
	}
	// Titles and organizations first; co-occurring persons only when no
	// candidate shares one of those.
	for _, withCo := range []bool{false, true} {
		fa := rv.clusterFeatures(ra, withCo, &rv.scratch.a)
		found, at := uint64(0), -1
		for i, rc := range roots {
			fb := rv.clusterFeatures(rc, withCo, &rv.scratch.b)
			if ev := rv.evidence(fa, ra, fb, rc); ev != 0 {
				if at >= 0 {
					return false // evidence for two: undecided
				}
				found, at = ev, i
			}
		}
		if at >= 0 {
			return rv.union(a, reps[at], withEvidence, found)
		}
	}
	return false
}

// pickAmongMany is pick for a loose name that fits more than maxPickCands
// persons (EVIDENCE-AMONG-MANY): among so many, being the one left after the
// blocks, a similar organization name or a co-occurring person says too
// little; only a title or organization that few hold picks one, looked up
// from a's side, so a's cost does not grow with the candidates.
func (rv *resolver) pickAmongMany(a int32, cs *candSet, withEvidence uint8) bool {
	sn := rv.snap
	ra := sn.root[a]
	holders := rv.holders()
	found, at := uint64(0), int32(-1)
	for _, f := range rv.clusterFeatures(ra, false, &rv.scratch.a) {
		for _, h := range holders[f] {
			rv.work.Add(1)
			i, ok := slices.BinarySearchFunc(cs.sorted, h, func(x, h int32) int { return int(cs.roots[x] - h) })
			if !ok || h == ra || cs.sorted[i] == at {
				continue
			}
			if genderClash(sn.gender[ra], sn.gender[h]) || rv.sameDoc(ra, h) {
				continue
			}
			if at >= 0 {
				return false // evidence for two: undecided
			}
			found, at = f, cs.sorted[i]
		}
	}
	return at >= 0 && rv.union(a, cs.reps[at], withEvidence, found)
}

// holders gives, for each title and organization that counts as evidence
// (held by at most specMax clusters), the snapshot clusters holding it.
func (rv *resolver) holders() map[uint64][]int32 {
	sn := rv.snap
	if sn.holders != nil {
		return sn.holders
	}
	sn.holders = map[uint64][]int32{}
	var fs []uint64
	for _, r := range rv.order {
		if sn.root[r] != r {
			continue
		}
		fs = fs[:0]
		for _, m := range sn.group(r) {
			fs = rv.roleFeatures(m, fs)
		}
		for _, f := range sortFeatures(fs) {
			if sn.df[f] <= sn.specMax {
				sn.holders[f] = append(sn.holders[f], r)
			}
		}
	}
	return sn.holders
}

// scratch holds the feature lists of one evidence check.
type scratch struct{ a, b []uint64 }

// pairEvidence is the evidence that joins the snapshot clusters of records
// a and b (a misspelling): none when they are one cluster already, marked
// as of different sexes or named apart in one document. The documents the
// two share are looked up by binary search, cheaper than their features.
// It writes nothing shared once cacheLarge and cacheOrgWords have run.
func (rv *resolver) pairEvidence(a, b int32, sc *scratch) uint64 {
	sn := rv.snap
	ra, rb := sn.root[a], sn.root[b]
	if ra == rb || genderClash(sn.gender[ra], sn.gender[rb]) || rv.sameDoc(ra, rb) {
		return 0
	}
	return rv.tieredEvidence(ra, rb, sc)
}

// tieredEvidence is the evidence two snapshot clusters share: titles and
// organizations first, co-occurring persons only without those.
func (rv *resolver) tieredEvidence(ra, rb int32, sc *scratch) uint64 {
	for _, withCo := range []bool{false, true} {
		fa := rv.clusterFeatures(ra, withCo, &sc.a)
		if ev := rv.evidence(fa, ra, rv.clusterFeatures(rb, withCo, &sc.b), rb); ev != 0 {
			return ev
		}
	}
	return 0
}

// fuzzyEvidence weighs the evidence of every candidate pair, on as many
// goroutines as the run has cores: the checks read the snapshot only.
func (rv *resolver) fuzzyEvidence(pairs [][2]int32) []uint64 {
	rv.cacheLarge(pairs)
	evs := make([]uint64, len(pairs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(pairs)/1024))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var sc scratch
			for i := w; i < len(pairs); i += workers {
				evs[i] = rv.pairEvidence(pairs[i][0], pairs[i][1], &sc)
			}
		})
	}
	wg.Wait()
	return evs
}

// fuzzyEntry is one two-word full-name key seen from one of its words.
type fuzzyEntry struct {
	block  uint64 // hash of the shared word and the key's initials and suffix
	key    int32
	shared uint32 // the shared word
	other  uint32 // the other word
}

// mergeFuzzy applies FUZZY-EVIDENCE to two-word full names: names that
// share one word exactly (and their initials and suffix) and whose other
// words differ by one letter, by vowels only, or as a nickname, are one
// person when they share evidence. Candidates are found per shared word
// through deletion variants, so the cost grows with the number of names,
// not its square.
func (rv *resolver) mergeFuzzy() {
	var entries []fuzzyEntry
	for ki := range rv.keys {
		key := &rv.keys[ki]
		if key.join || rv.parsedN[key.name].nFull != 2 {
			continue
		}
		words := rv.words(int32(ki))
		var rest uint64 // the initials and suffix
		for _, w := range words[2:] {
			rest = rest*1099511628211 + uint64(w) + 1
		}
		for i := 0; i < 2; i++ {
			block := (uint64(words[i])+1)*0x9E3779B97F4A7C15 ^ rest
			entries = append(entries, fuzzyEntry{block: block, key: int32(ki), shared: words[i], other: words[1-i]})
		}
	}
	slices.SortFunc(entries, func(a, b fuzzyEntry) int {
		if a.block != b.block {
			if a.block < b.block {
				return -1
			}
			return 1
		}
		return int(rv.rank[rv.keys[a.key].rep] - rv.rank[rv.keys[b.key].rep])
	})
	type pair struct{ a, b int32 } // keys, a first in processing order
	var pairs []pair
	var vs []variantRef
	for i := 0; i < len(entries); {
		j := i
		for j < len(entries) && entries[j].block == entries[i].block {
			j++
		}
		if j-i > 1 {
			vs = vs[:0]
			for e := i; e < j; e++ {
				vs = rv.variants(vs, rv.toks.strs[entries[e].other], int32(e))
			}
			slices.SortFunc(vs, func(a, b variantRef) int {
				if a.h != b.h {
					if a.h < b.h {
						return -1
					}
					return 1
				}
				return int(a.entry - b.entry)
			})
			for x := 0; x < len(vs); {
				y := x
				for y < len(vs) && vs[y].h == vs[x].h {
					y++
				}
				for p := x; p < y; p++ {
					for q := p + 1; q < y; q++ {
						ea, eb := &entries[vs[p].entry], &entries[vs[q].entry]
						if ea.key != eb.key && ea.shared == eb.shared && slices.Equal(rv.words(ea.key)[2:], rv.words(eb.key)[2:]) &&
							rv.fuzzyWords(rv.toks.strs[ea.other], rv.toks.strs[eb.other]) {
							pairs = append(pairs, pair{ea.key, eb.key})
						}
					}
				}
				x = y
			}
		}
		i = j
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.a != b.a {
			return int(rv.rank[rv.keys[a.a].rep] - rv.rank[rv.keys[b.a].rep])
		}
		return int(rv.rank[rv.keys[a.b].rep] - rv.rank[rv.keys[b.b].rep])
	})
	pairs = slices.Compact(pairs)
	entries, vs = nil, nil // the evidence checks below may grow the heap
	reps := make([][2]int32, len(pairs))
	for i, p := range pairs {
		reps[i] = [2]int32{rv.keys[p.a].rep, rv.keys[p.b].rep}
	}
	for i, ev := range rv.fuzzyEvidence(reps) {
		if ev != 0 {
			rv.union(reps[i][0], reps[i][1], ruleFuzzy, ev)
		}
	}
}

// variantRef is one way a word may be found again: itself, with one letter
// dropped, its vowel skeleton, or its nickname group.
type variantRef struct {
	h     uint64
	entry int32
}

func (rv *resolver) variants(out []variantRef, w string, e int32) []variantRef {
	if len(w) >= minFuzzyLen {
		out = append(out, variantRef{fnv('=', w, -1), e})
		for i := 0; i < len(w); i++ {
			out = append(out, variantRef{fnv('=', w, i), e})
		}
	}
	if sk := skeleton(w); len(sk) >= minSkeleton {
		out = append(out, variantRef{fnv('#', sk, -1), e})
	}
	if g, ok := rv.k.nickname[w]; ok {
		out = append(out, variantRef{fnv('@', g, -1), e})
	}
	return out
}

// fnv is the 64-bit FNV-1a hash of tag and w without its byte at skip
// (none when skip < 0): "amanjolov" without its j and "amanzolov" without
// its z hash alike.
func fnv(tag byte, w string, skip int) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(tag)) * 1099511628211
	for i := 0; i < len(w); i++ {
		if i != skip {
			h = (h ^ uint64(w[i])) * 1099511628211
		}
	}
	return h
}

// minSkeleton is the fewest letters a vowel skeleton must keep to match:
// with fewer, different names share one (Marat, Murat: mrt).
const minSkeleton = 4

// minFuzzyLen is the shortest word a one-letter difference is accepted in:
// in shorter ones (Ali, Ari) one letter makes another name.
const minFuzzyLen = 4

// fuzzyWords reports whether two different words are one word misspelled
// or nicknames of one name.
func (rv *resolver) fuzzyWords(a, b string) bool {
	if a == b {
		return false
	}
	if rv.misspelt(a, b) {
		return true
	}
	ga, oka := rv.k.nickname[a]
	gb, okb := rv.k.nickname[b]
	return oka && okb && ga == gb
}

// misspelt: two different words are one word misspelled: one letter
// inserted, dropped, changed, or two neighbours swapped (words of
// minFuzzyLen letters or more), or the same consonants in the same order.
func (rv *resolver) misspelt(a, b string) bool {
	if min(len(a), len(b)) >= minFuzzyLen && oneEdit(a, b) {
		return true
	}
	sa := skeleton(a)
	return len(sa) >= minSkeleton && sa == skeleton(b) && max(len(a), len(b))-min(len(a), len(b)) <= 2
}

// oneEdit: a and b are one insertion, deletion, substitution or adjacent
// transposition apart (Damerau-Levenshtein distance 1).
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return false
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}
