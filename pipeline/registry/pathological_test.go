package registry

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Pathological inputs for the registry: shapes real corpora have (common
// surnames across thousands of reports, long documents listing hundreds of
// names, a few names in every report) that make a step's cost grow faster
// than the number of document persons when it compares all pairs of a
// block or rebuilds a cluster's evidence per comparison. Each gives about n
// document persons.
var pathologicalRegistry = []struct {
	name string
	gen  func(n int) []DocPeople
}{
	{"surname-block", surnameBlock},
	{"long-docs", longDocs},
	{"roster", roster},
	{"few-names", fewNames},
}

// inventedWord is a capitalized word of 2 to 4 syllables: pools of them
// have one-letter neighbours (Bakar, Bakir) as real names do.
func inventedWord(r *rand.Rand) string {
	const cons, vows = "bdgklmnrstvz", "aeiou"
	w := []byte{cons[r.IntN(len(cons))] - 32}
	for range 2 + r.IntN(3) {
		if len(w) > 1 {
			w = append(w, cons[r.IntN(len(cons))])
		}
		w = append(w, vows[r.IntN(len(vows))])
	}
	return string(append(w, cons[r.IntN(len(cons))]))
}

func wordPool(r *rand.Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = inventedWord(r)
	}
	return out
}

// misspell changes one inner letter.
func misspell(r *rand.Rand, w string) string {
	if len(w) < 4 {
		return w
	}
	i := 1 + r.IntN(len(w)-2)
	return w[:i] + string("aeioubdgklmnrstvz"[r.IntN(17)]) + w[i+1:]
}

func person(k int, name string, roles ...Role) Person {
	return Person{ID: "p" + strconv.Itoa(k+1), Name: name, Mentions: 1, Roles: roles}
}

// surnameBlock: one surname shared by thousands of distinct persons across
// reports of eight people each (Kim, Nguyen, Khan), some written with a
// misspelt given name, by initial, or by the surname alone.
func surnameBlock(n int) []DocPeople {
	r := rand.New(rand.NewPCG(11, uint64(n)))
	given := wordPool(r, max(8, n/4))
	var docs []DocPeople
	for i := 0; i < n/8; i++ {
		d := DocPeople{DocID: fmt.Sprintf("sb%06d", i)}
		for k := range 8 {
			g := given[r.IntN(len(given))]
			name := g + " Nurlanov"
			switch x := r.IntN(20); {
			case x < 4:
				name = misspell(r, g) + " Nurlanov"
			case x < 6:
				name = g[:1] + ". Nurlanov"
			case x < 7:
				name = "Nurlanov"
			}
			var roles []Role
			if r.IntN(3) == 0 {
				roles = []Role{{Title: "deputy", Org: "Council of " + given[r.IntN(len(given))]}}
			}
			d.People = append(d.People, person(k, name, roles...))
		}
		docs = append(docs, d)
	}
	return docs
}

// longDocs: three long reports (candidate lists) of n/3 people each, one
// surname, given names from a pool so that each report names most of them
// and many differ by a letter.
func longDocs(n int) []DocPeople {
	r := rand.New(rand.NewPCG(12, uint64(n)))
	given := wordPool(r, max(8, n/5))
	docs := make([]DocPeople, 3)
	for i := range docs {
		docs[i].DocID = fmt.Sprintf("ld%d", i)
		for k := 0; k < n/3; k++ {
			docs[i].People = append(docs[i].People, person(k, given[r.IntN(len(given))]+" Nurlanov"))
		}
	}
	return docs
}

// roster: one report naming n/2 different people (a results table) and
// short reports of five people, some of whom it lists, written with one
// letter changed.
func roster(n int) []DocPeople {
	r := rand.New(rand.NewPCG(13, uint64(n)))
	given, surnames := wordPool(r, 300), wordPool(r, max(8, n/2))
	first := make([]string, n/2)
	long := DocPeople{DocID: "roster"}
	for k := range first {
		first[k] = given[r.IntN(len(given))]
		long.People = append(long.People, person(k, first[k]+" "+surnames[k]))
	}
	docs := []DocPeople{long}
	for i := 0; i < n/10; i++ {
		d := DocPeople{DocID: fmt.Sprintf("r%06d", i)}
		for k := range 5 {
			name := given[r.IntN(len(given))] + " " + surnames[r.IntN(len(surnames))]
			if r.IntN(2) == 0 {
				j := r.IntN(len(first))
				name = first[j] + " " + misspell(r, surnames[j])
			}
			d.People = append(d.People, person(k, name))
		}
		docs = append(docs, d)
	}
	return docs
}

// fewNames: reports of five people drawn from a cast of twenty (the
// officials every report names), written in their variants: misspelt,
// by initial, by surname alone, surname first.
func fewNames(n int) []DocPeople {
	r := rand.New(rand.NewPCG(14, 1))
	type member struct{ given, surname, title string }
	cast := make([]member, 20)
	for i := range cast {
		cast[i] = member{inventedWord(r), inventedWord(r) + "ov", []string{"minister", "akim", "chairman", "director"}[i%4]}
	}
	var docs []DocPeople
	for i := 0; i < n/5; i++ {
		d := DocPeople{DocID: fmt.Sprintf("fn%06d", i)}
		for k, m := range r.Perm(len(cast))[:5] {
			c := cast[m]
			name := c.given + " " + c.surname
			switch r.IntN(10) {
			case 0:
				name = misspell(r, c.given) + " " + c.surname
			case 1:
				name = c.given + " " + misspell(r, c.surname)
			case 2:
				name = c.given[:1] + ". " + c.surname
			case 3:
				name = c.surname
			case 4:
				name = c.surname + " " + c.given
			}
			var roles []Role
			if r.IntN(4) == 0 {
				roles = []Role{{Title: c.title}}
			}
			d.People = append(d.People, person(k, name, roles...))
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkPathological resolves each pathological shape at three sizes,
// each twice the one before. make bench-pathological prints the CPU-time
// ratio of each doubling, which must stay within 2.5 (a linear step gives
// ~2).
func BenchmarkPathological(b *testing.B) {
	rv := testResolver(b)
	for _, c := range pathologicalRegistry {
		for _, n := range []int{12000, 24000, 48000} {
			docs := c.gen(n)
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				cpu := cpuTime()
				for b.Loop() {
					rv.ResolveSlice(docs)
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// cpuTime is the CPU time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestPathologicalWork bounds the features built and candidates weighed
// per document person on every pathological shape, at two sizes: work
// that grows with the square of a block (all pairs of a surname's persons,
// every person of a long list carrying all the others) passes the bound.
func TestPathologicalWork(t *testing.T) {
	rv := testResolver(t)
	for _, c := range pathologicalRegistry {
		for _, n := range []int{3000, 12000} {
			docs := c.gen(n)
			recs := 0
			for _, d := range docs {
				recs += len(d.People)
			}
			g := rv.ResolveSlice(docs)
			w := g.rv.work.Load()
			t.Logf("%s/%d: %d document persons, work %d (%.1f each)", c.name, n, recs, w, float64(w)/float64(recs))
			if w > maxWorkPerPerson*int64(recs) {
				t.Errorf("%s/%d: work %d for %d document persons, over %d each", c.name, n, w, recs, maxWorkPerPerson)
			}
		}
	}
}

// maxWorkPerPerson is the most features and candidates per document
// person TestPathologicalWork accepts.
const maxWorkPerPerson = 100

// TestSameDocBySearch: BLOCK-SAME-DOC by binary search over clusters'
// members agrees with scanning every document of one of them.
func TestSameDocBySearch(t *testing.T) {
	rv := testResolver(t)
	s := newStore(rv.k)
	for d, err := range synthDocs(3000) {
		if err != nil {
			t.Fatal(err)
		}
		s.add(d)
	}
	for _, d := range fewNames(3000) {
		s.add(d)
	}
	n := len(s.recs)
	r := &resolver{store: s, rank: make([]int32, n), parent: make([]int32, n), gender: make([]byte, n), keyHead: map[uint64]int32{}, orgWordCache: map[uint32][]string{}}
	r.order = s.processingOrder()
	for i, x := range r.order {
		r.rank[x] = int32(i)
	}
	for i := range r.parent {
		r.parent[i] = int32(i)
	}
	r.mergeKeys()
	r.snap = r.takeSnapshot()
	scan := func(a, b int32) bool {
		for _, m := range r.snap.group(a) {
			d := &r.docs[r.recs[m].doc]
			for x := d.first; x < d.first+d.n; x++ {
				if r.snap.root[x] == b {
					return true
				}
			}
		}
		return false
	}
	rnd := rand.New(rand.NewPCG(3, 3))
	same := 0
	for range 20000 {
		a, b := r.snap.root[rnd.IntN(n)], r.snap.root[rnd.IntN(n)]
		if rnd.IntN(2) == 0 { // a neighbour in a's document: often the same
			d := &r.docs[r.recs[r.snap.group(a)[0]].doc]
			b = r.snap.root[d.first+rnd.Int32N(d.n)]
		}
		want := scan(a, b)
		if got := r.sameDoc(a, b); got != want {
			t.Fatalf("sameDoc(%d, %d) = %v, scanning gives %v", a, b, got, want)
		}
		if want {
			same++
		}
	}
	if same < 1000 {
		t.Errorf("only %d pairs share a document: the test checks too little", same)
	}
}
