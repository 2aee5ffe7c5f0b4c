package registry

import (
	"slices"
	"strings"
	"sync/atomic"
)

// resolver runs the merge rules over a store's records. Records are
// numbered as fed; every loop runs in processing order (documents by id,
// people in document order) and a merged cluster's root is its member first
// in that order, so the result does not depend on the feed order.
type resolver struct {
	*store
	order  []int32 // records in processing order
	rank   []int32 // record -> its place in order
	parent []int32 // union-find over records
	gender []byte  // record -> 'm', 'f' or 0
	logs   []mergeLog

	keys     []keyInfo        // distinct full-name keys, in order of first use
	keyHead  map[uint64]int32 // hash of a key's words -> its first index in keys
	keyNext  []int32          // the next key with the same hash, or -1
	keyArena []uint32         // the words of keys
	nameAt   []int32          // name id -> first record using it as a full name, or -1

	snap     *snapshot // clusters as the evidence of the current phase sees them
	attached []bool    // partial-name records a full name took (attachPartials)

	orgWordCache map[uint32][]string

	scratch scratch    // feature lists of one evidence check
	bufC    []uint64   // features of a left-over record (mergeLeftovers)
	seenBuf []roleSeen // timeline scratch
	stamp   []int32    // root -> the candidate list that last saw it (candidates)
	stampN  int32

	// work counts the features built and the candidates weighed: what
	// grows with the square of a block when a step compares all pairs or
	// rebuilds a cluster's evidence per comparison (tests bound it).
	work atomic.Int64
}

// keyInfo is one distinct key of full names.
type keyInfo struct {
	name uint32 // a name with this key (the first one seen)
	rep  int32  // its first record
	off  uint32 // its words: keyArena[off : off+n]
	n    uint8
	join bool // made by joining two words (JOIN-KEY): a lookup key only
}

func (rv *resolver) words(ki int32) []uint32 {
	k := &rv.keys[ki]
	return rv.keyArena[k.off : k.off+uint32(k.n)]
}

func hashWords(words []uint32) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range words {
		h = (h ^ uint64(w)) * 1099511628211
		h = (h ^ uint64(w>>16)) * 1099511628211
	}
	return h
}

// findKey gives the index of the key with these words.
func (rv *resolver) findKey(words []uint32) (int32, bool) {
	i, ok := rv.keyHead[hashWords(words)]
	for ok && i >= 0 {
		if slices.Equal(rv.words(i), words) {
			return i, true
		}
		i = rv.keyNext[i]
	}
	return -1, false
}

// addKey records a new key.
func (rv *resolver) addKey(name uint32, rep int32, words []uint32, join bool) {
	ki := int32(len(rv.keys))
	rv.keys = append(rv.keys, keyInfo{name: name, rep: rep, off: uint32(len(rv.keyArena)), n: uint8(len(words)), join: join})
	rv.keyArena = append(rv.keyArena, words...)
	h := hashWords(words)
	next, ok := rv.keyHead[h]
	if !ok {
		next = -1
	}
	rv.keyNext = append(rv.keyNext, next)
	rv.keyHead[h] = ki
}

// mergeLog is one merge of two clusters, kept for the evidence column.
type mergeLog struct {
	a, b   int32  // the records whose names matched
	detail uint64 // the evidence feature (see feature kinds), 0 when none
	rule   uint8
}

func (s *store) resolve() *Registry {
	n := len(s.recs)
	rv := &resolver{store: s, rank: make([]int32, n), parent: make([]int32, n), gender: make([]byte, n),
		keyHead: map[uint64]int32{}, orgWordCache: map[uint32][]string{}}
	rv.order = s.processingOrder()
	for i, r := range rv.order {
		rv.rank[r] = int32(i)
	}
	for i := range rv.parent {
		rv.parent[i] = int32(i)
		g := s.recs[i].gender
		if g == 0 {
			g = s.parsedN[s.recs[i].name].gender
		}
		rv.gender[i] = g
	}
	rv.cacheOrgWords()
	rv.mergeKeys()
	rv.snap = rv.takeSnapshot()
	rv.mergeSubsets()
	rv.mergeFuzzy()
	rv.snap = rv.takeSnapshot()
	rv.attachPartials()
	rv.mergeLeftovers()
	// What only the merge rules needed goes before the rows are made.
	rv.snap, rv.attached, rv.nameAt, rv.orgWordCache = nil, nil, nil, nil
	rv.keys, rv.keyHead, rv.keyNext, rv.keyArena = nil, nil, nil, nil
	return rv.result()
}

// processingOrder sorts records by document id (then position): the order
// every decision is taken in.
func (s *store) processingOrder() []int32 {
	docs := make([]int32, len(s.docs))
	for i := range docs {
		docs[i] = int32(i)
	}
	slices.SortStableFunc(docs, func(a, b int32) int { return strings.Compare(s.docs[a].id, s.docs[b].id) })
	order := make([]int32, 0, len(s.recs))
	for rank, d := range docs {
		s.docs[d].sortedIndex = int32(rank)
		for r := s.docs[d].first; r < s.docs[d].first+s.docs[d].n; r++ {
			order = append(order, r)
		}
	}
	return order
}

func (rv *resolver) find(x int32) int32 {
	for rv.parent[x] != x {
		rv.parent[x] = rv.parent[rv.parent[x]]
		x = rv.parent[x]
	}
	return x
}

// union merges the clusters of a and b; the root is the member first in
// processing order. It reports whether they were apart.
func (rv *resolver) union(a, b int32, rule uint8, detail uint64) bool {
	ra, rb := rv.find(a), rv.find(b)
	if ra == rb {
		return false
	}
	if rv.rank[rb] < rv.rank[ra] {
		ra, rb = rb, ra
	}
	rv.parent[rb] = ra
	if rule != ruleNameKey || rv.recs[a].name != rv.recs[b].name {
		rv.logs = append(rv.logs, mergeLog{a: a, b: b, detail: detail, rule: rule})
	}
	return true
}

// mergeKeys applies NAME-KEY, ALIAS-KEY and JOIN-KEY: full names (and
// full-name aliases) with equal keys are one person.
func (rv *resolver) mergeKeys() {
	rv.nameAt = make([]int32, len(rv.parsedN))
	for i := range rv.nameAt {
		rv.nameAt[i] = -1
	}
	var names []uint32 // full names in order of first use
	use := func(r int32, name uint32, rule uint8) {
		if rv.parsedN[name].level != levelFull {
			return
		}
		if rule == ruleAliasKey && !rv.aliasFits(&rv.parsedN[rv.recs[r].name], &rv.parsedN[name]) {
			return
		}
		if first := rv.nameAt[name]; first >= 0 {
			rv.union(first, r, rule, 0)
			return
		}
		rv.nameAt[name] = r
		names = append(names, name)
	}
	for _, r := range rv.order {
		rec := &rv.recs[r]
		use(r, rec.name, ruleNameKey)
		for _, a := range rv.aliases(rec) {
			use(r, a, ruleAliasKey)
		}
	}
	for _, name := range names {
		nr := &rv.parsedN[name]
		r := rv.nameAt[name]
		words := rv.key(nr)
		if ki, ok := rv.findKey(words); ok {
			rv.union(rv.keys[ki].rep, r, ruleNameKey, 0)
			if rv.keys[ki].join { // a real name now owns the key
				rv.keys[ki].name, rv.keys[ki].join = name, false
			}
		} else {
			rv.addKey(name, r, words, false)
		}
		for _, jk := range rv.joinKeys(nr) {
			if ki, ok := rv.findKey(jk); ok {
				rv.union(rv.keys[ki].rep, r, ruleJoinKey, 0)
			} else {
				rv.addKey(name, r, jk, true)
			}
		}
	}
}

// aliasFits: a full-name alias is a spelling of the document person's full
// name — as many words, all equal but one, and that one a misspelling of
// its counterpart (one letter, or vowels) — not another person the
// document's coreference folded in ("Bakhyt Kulov" with the alias "Sherzod
// Kulov", "Gas Employers" with "Metallurgy Employers").
func (rv *resolver) aliasFits(name, alias *nameRec) bool {
	if name.level != levelFull || name.nFull != alias.nFull {
		return false
	}
	a, b := rv.key(name)[:name.nFull], rv.key(alias)[:alias.nFull]
	var onlyA, onlyB []uint32
	for i, j := 0, 0; i < len(a) || j < len(b); {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			onlyA = append(onlyA, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	switch {
	case len(onlyA) == 0 && len(onlyB) == 0:
		return true
	case len(onlyA) == 1 && len(onlyB) == 1:
		x, y := rv.toks.strs[onlyA[0]], rv.toks.strs[onlyB[0]]
		return rv.misspelt(x, y)
	}
	return false
}

// joinKeys gives the keys of a name of three words or more with two
// neighbouring words written as one ("Kassym Jomart" -> Kassymjomart).
func (rv *resolver) joinKeys(nr *nameRec) [][]uint32 {
	if nr.nFull < 3 {
		return nil
	}
	folded := rv.foldedWords(nr)
	full := rv.fullWords(nr)
	rest := rv.key(nr)[nr.nFull:] // initials and suffix
	var out [][]uint32
	for i := 0; i+1 < len(folded); i++ {
		joined := rv.k.phonetic(rv.toks.strs[folded[i]] + rv.toks.strs[folded[i+1]])
		if v, ok := rv.k.variant[joined]; ok {
			joined = v
		}
		words := make([]uint32, 0, len(full)-1+len(rest))
		words = append(words, full[:i]...)
		words = append(words, rv.toks.id(joined))
		words = append(words, full[i+2:]...)
		sortU32(words)
		out = append(out, append(words, rest...))
	}
	return out
}
