package registry

import (
	"slices"
	"strings"
)

// Evidence features: what two document persons may share that says they
// are one person. A feature is its kind in the high 32 bits and an id in
// the low ones, so sorted features list titles, then organizations, then
// co-occurring persons.
const (
	featTitle    = 1 // a normalized title ("chairman")
	featOrg      = 2 // a normalized organization of a role
	featCoPerson = 3 // a person named in the same document (a snapshot cluster root)
)

func feature(kind int, id uint32) uint64 { return uint64(kind)<<32 | uint64(id) }

// snapshot is the clustering at the start of a phase: the evidence a phase
// weighs does not move under its own merges.
type snapshot struct {
	root    []int32               // record -> its cluster's root
	start   []int32               // root -> first index of its members in members
	count   []int32               // root -> members
	members []int32               // records grouped by root, in processing order
	docs    []int32               // root -> documents it is named in
	gender  []byte                // root -> 'm', 'f', or 0 (unknown or disagreeing)
	coMax   int32                 // a co-occurring person is evidence when named in at most coMax documents
	feats   [2]map[int32][]uint64 // root -> features: [0] roles only, [1] with co-occurring persons
	// co lists, per document, the persons named in it that may be evidence
	// (coPersons): co[coStart[d]:coStart[d+1]], sorted.
	coStart []int32
	co      []int32
	// holders lists the clusters holding each title and organization that
	// counts as evidence; made on first use (pickAmongMany).
	holders map[uint64][]int32
	// df counts the clusters holding each title and organization; one held
	// by more than specMax persons ("chairman" in a large run) is no evidence.
	df      map[uint64]int32
	specMax int32
}

func (rv *resolver) takeSnapshot() *snapshot {
	n := len(rv.recs)
	sn := &snapshot{root: make([]int32, n), start: make([]int32, n), count: make([]int32, n),
		members: make([]int32, n), docs: make([]int32, n), gender: make([]byte, n),
		feats: [2]map[int32][]uint64{{}, {}}}
	for i := range sn.root {
		sn.root[i] = rv.find(int32(i))
		sn.count[sn.root[i]]++
	}
	next := int32(0)
	for _, r := range rv.order { // roots come first in processing order
		if sn.root[r] == r {
			sn.start[r] = next
			next += sn.count[r]
		}
	}
	fill := make([]int32, n)
	lastDoc := make([]int32, n)
	for i := range lastDoc {
		lastDoc[i] = -1
	}
	for _, r := range rv.order {
		root := sn.root[r]
		sn.members[sn.start[root]+fill[root]] = r
		fill[root]++
		if d := rv.recs[r].doc; lastDoc[root] != d {
			lastDoc[root] = d
			sn.docs[root]++
		}
		switch g := rv.gender[r]; {
		case g == 0 || sn.gender[root] == 'x':
		case sn.gender[root] == 0:
			sn.gender[root] = g
		case sn.gender[root] != g:
			sn.gender[root] = 'x'
		}
	}
	for i, g := range sn.gender {
		if g == 'x' {
			sn.gender[i] = 0
		}
	}
	sn.coMax = min(maxCoDocs, max(3, int32(len(rv.docs)/200)))
	rv.coPersons(sn)
	rv.countFeatures(sn)
	return sn
}

// coPersons lists once per document the persons named in it that may be
// evidence for the others: named in few documents (one named everywhere,
// a head of state, says nothing), yet in two at least (one named only here
// can join nobody from another document, and BLOCK-SAME-DOC keeps apart
// two of this one). A document naming more than maxCoPeople people (a
// candidate list, a results table) gives none: being listed beside
// hundreds says nothing of whom one meets, and each of its people would
// carry all the others, the square of the list.
func (rv *resolver) coPersons(sn *snapshot) {
	sn.coStart = make([]int32, len(rv.docs)+1)
	var buf []int32
	for d := range rv.docs {
		sn.coStart[d] = int32(len(sn.co))
		dr := &rv.docs[d]
		if dr.n > maxCoPeople {
			continue
		}
		buf = buf[:0]
		for x := dr.first; x < dr.first+dr.n; x++ {
			if c := sn.root[x]; sn.docs[c] >= 2 && sn.docs[c] <= sn.coMax {
				buf = append(buf, c)
			}
		}
		slices.Sort(buf)
		sn.co = append(sn.co, slices.Compact(buf)...)
	}
	sn.coStart[len(rv.docs)] = int32(len(sn.co))
}

// coOf lists document d's persons that may be evidence (coPersons).
func (sn *snapshot) coOf(d int32) []int32 { return sn.co[sn.coStart[d]:sn.coStart[d+1]] }

// countFeatures fills the snapshot's title and organization counts.
func (rv *resolver) countFeatures(sn *snapshot) {
	sn.df = map[uint64]int32{}
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
			sn.df[f]++
		}
	}
	sn.specMax = maxHolders
}

// How rare a shared feature must be to count as evidence. Fixed counts, not
// shares of the run: in a large run a loose match has many more chances to
// meet a namesake, so the same feature must weigh as much as in a small one.
const (
	maxHolders = 20 // persons holding a title or organization
	maxCoDocs  = 10 // documents naming a co-occurring person (and at most 1 in 200 of the run's, at least 3)
	// maxCoPeople is the most people a document may name and still give
	// co-occurring persons as evidence (see coPersons); reports name far
	// fewer.
	maxCoPeople = 64
)

// roleFeatures appends a record's titles and organizations.
func (rv *resolver) roleFeatures(r int32, out []uint64) []uint64 {
	for _, ro := range rv.roles(&rv.recs[r]) {
		if t := rv.labelNorm[ro.title]; t != 0 {
			out = append(out, feature(featTitle, t))
		}
		if o := rv.labelNorm[ro.org]; o != 0 {
			out = append(out, feature(featOrg, o))
		}
	}
	return out
}

func (sn *snapshot) group(root int32) []int32 {
	return sn.members[sn.start[root] : sn.start[root]+sn.count[root]]
}

// recFeatures appends one record's features: its titles and organizations
// that few persons hold, and the persons of its document that may be
// evidence (coPersons; the record's own cluster among them is never
// counted as shared: sharedFeature leaves both sides out).
func (rv *resolver) recFeatures(r int32, out []uint64, withCo bool) []uint64 {
	rec := &rv.recs[r]
	for _, ro := range rv.roles(rec) {
		if t := feature(featTitle, rv.labelNorm[ro.title]); uint32(t) != 0 && rv.snap.df[t] <= rv.snap.specMax {
			out = append(out, t)
		}
		if o := feature(featOrg, rv.labelNorm[ro.org]); uint32(o) != 0 && rv.snap.df[o] <= rv.snap.specMax {
			out = append(out, o)
		}
	}
	if withCo {
		for _, c := range rv.snap.coOf(rec.doc) {
			out = append(out, feature(featCoPerson, uint32(c)))
		}
	}
	return out
}

// clusterFeatures are a snapshot cluster's features, sorted: its titles and
// organizations, and with withCo its co-occurring persons. A large
// cluster's are computed once and kept; a small one's are computed into buf
// each time (kept, the features of a million small clusters would outweigh
// the records); buf keeps the grown scratch slice.
func (rv *resolver) clusterFeatures(root int32, withCo bool, buf *[]uint64) []uint64 {
	w := 0
	if withCo {
		w = 1
	}
	if f, ok := rv.snap.feats[w][root]; ok {
		return f
	}
	f := (*buf)[:0]
	for _, m := range rv.snap.group(root) {
		f = rv.recFeatures(m, f, withCo)
	}
	rv.work.Add(int64(len(f)))
	f = sortFeatures(f)
	if rv.snap.count[root] >= cacheFeaturesFrom {
		f = slices.Clone(f)
		rv.snap.feats[w][root] = f
		return f
	}
	*buf = f
	return f
}

// cacheFeaturesFrom is the cluster size from which features are kept.
const cacheFeaturesFrom = 8

// cacheLarge computes the features of the large snapshot clusters of these
// records, so that weighing their evidence afterwards writes no shared
// state.
func (rv *resolver) cacheLarge(recs [][2]int32) {
	var buf []uint64
	for _, p := range recs {
		for _, r := range p {
			if root := rv.snap.root[r]; rv.snap.count[root] >= cacheFeaturesFrom {
				rv.clusterFeatures(root, false, &buf)
				rv.clusterFeatures(root, true, &buf)
			}
		}
	}
}

func sortFeatures(f []uint64) []uint64 {
	slices.Sort(f)
	return slices.Compact(f)
}

// evidence is the first feature two sorted feature lists share, leaving out
// the two clusters themselves as co-occurring persons; else an
// organization of one whose name holds all the words of the other's (the
// Federation of Trade Unions of Kazakhstan in the Federation of Trade
// Unions of the Republic of Kazakhstan); 0 when none.
func (rv *resolver) evidence(fa []uint64, ra int32, fb []uint64, rb int32) uint64 {
	if f := sharedFeature(fa, ra, fb, rb); f != 0 {
		return f
	}
	for _, a := range fa {
		if a>>32 != featOrg {
			continue
		}
		for _, b := range fb {
			if b>>32 == featOrg && rv.orgWithin(uint32(a), uint32(b)) {
				return a
			}
		}
	}
	return 0
}

// orgWithin: the content words of one organization's name (two at least)
// are all in the other's.
func (rv *resolver) orgWithin(a, b uint32) bool {
	wa, wb := rv.orgWords(a), rv.orgWords(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) < 2 {
		return false
	}
	for _, w := range wa {
		if !slices.Contains(wb, w) {
			return false
		}
	}
	return true
}

// orgWords are the content words of a normalized organization name.
func (rv *resolver) orgWords(id uint32) []string { return rv.orgWordCache[id] }

// cacheOrgWords splits every organization of a role into its content words
// once, before any evidence is weighed (maybe on several goroutines).
func (rv *resolver) cacheOrgWords() {
	for _, ro := range rv.roleArena {
		id := rv.labelNorm[ro.org]
		if _, ok := rv.orgWordCache[id]; ok || id == 0 {
			continue
		}
		var ws []string
		for _, w := range strings.Fields(rv.toks.strs[id]) {
			if !rv.k.function[w] && !slices.Contains(ws, w) {
				ws = append(ws, w)
			}
		}
		rv.orgWordCache[id] = ws
	}
}

func sharedFeature(fa []uint64, ra int32, fb []uint64, rb int32) uint64 {
	skipA, skipB := feature(featCoPerson, uint32(ra)), feature(featCoPerson, uint32(rb))
	i, j := 0, 0
	for i < len(fa) && j < len(fb) {
		switch {
		case fa[i] < fb[j]:
			i++
		case fa[i] > fb[j]:
			j++
		default:
			if fa[i] != skipA && fa[i] != skipB {
				return fa[i]
			}
			i++
			j++
		}
	}
	return 0
}

// genderClash: the two sides are marked as of different sexes (BLOCK-GENDER).
func genderClash(a, b byte) bool { return a != 0 && b != 0 && a != b }

// sameDoc: some document names members of both snapshot clusters as two
// people (BLOCK-SAME-DOC). A cluster's members are in processing order, so
// in document order: each document of the smaller is looked up in the
// larger by binary search.
func (rv *resolver) sameDoc(a, b int32) bool {
	if rv.snap.count[a] > rv.snap.count[b] {
		a, b = b, a
	}
	gb := rv.snap.group(b)
	last := int32(-1)
	for _, m := range rv.snap.group(a) {
		d := rv.recs[m].doc
		if d == last {
			continue
		}
		last = d
		at := rv.docs[d].sortedIndex
		i, _ := slices.BinarySearchFunc(gb, at, func(x, at int32) int { return int(rv.docs[rv.recs[x].doc].sortedIndex - at) })
		if i < len(gb) && rv.recs[gb[i]].doc == d {
			return true
		}
	}
	return false
}
