// Diagnostics for performance work, skipped unless PLENARY_REGISTRY_PHASES
// is set: the time and live heap of each phase (over make bench-like
// invented documents, or a spill file copied from a run: PLENARY_SPILL),
// and the CPU time of 200,000 document persons.
package registry

import (
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"
)

func TestCountPhases(t *testing.T) {
	if os.Getenv("PLENARY_REGISTRY_PHASES") == "" {
		t.Skip()
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(96 << 20))
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	rv := testResolver(t)
	s := newStore(rv.k)
	mem := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc >> 20
	}
	t0 := time.Now()
	src := synthDocs(200_000)
	if f := os.Getenv("PLENARY_SPILL"); f != "" {
		src = ReadSpill(f)
	}
	for d, err := range src {
		if err != nil {
			t.Fatal(err)
		}
		s.add(d)
	}
	t.Logf("add %v: %d recs, %d names, %d toks; live %d MB", time.Since(t0), len(s.recs), len(s.names.strs), len(s.toks.strs), mem())
	s.names.ids, s.labels.ids = nil, nil
	t.Logf("maps dropped: live %d MB", mem())
	n := len(s.recs)
	r := &resolver{store: s, rank: make([]int32, n), parent: make([]int32, n), gender: make([]byte, n), keyHead: map[uint64]int32{}, orgWordCache: map[uint32][]string{}}
	r.order = s.processingOrder()
	for i, x := range r.order {
		r.rank[x] = int32(i)
	}
	for i := range r.parent {
		r.parent[i] = int32(i)
	}
	step := func(name string, f func()) {
		t0 := time.Now()
		l := len(r.logs)
		f()
		t.Logf("%-9s %6v (+%d merges) live %d MB", name, time.Since(t0).Round(time.Millisecond), len(r.logs)-l, mem())
	}
	r.cacheOrgWords()
	step("keys", r.mergeKeys)
	step("snap", func() { r.snap = r.takeSnapshot() })
	step("subsets", r.mergeSubsets)
	step("fuzzy", r.mergeFuzzy)
	step("snap", func() { r.snap = r.takeSnapshot() })
	step("partials", r.attachPartials)
	step("leftovers", r.mergeLeftovers)
	r.snap, r.attached, r.nameAt, r.orgWordCache = nil, nil, nil, nil
	r.keys, r.keyHead, r.keyNext, r.keyArena = nil, nil, nil, nil
	var g *Registry
	step("result", func() { g = r.result() })
	step("rows", func() {
		for range g.Persons() {
		}
		for range g.Timeline() {
		}
	})
}

// TestCPU200 reports the CPU time of resolving 200,000 document persons
// (about make bench's 200 MB), the documents made beforehand.
func TestCPU200(t *testing.T) {
	if os.Getenv("PLENARY_REGISTRY_PHASES") == "" {
		t.Skip()
	}
	var docs []DocPeople
	for d := range synthDocs(40_000) {
		docs = append(docs, d)
	}
	rv := testResolver(t)
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	c0, w0 := cpu(), time.Now()
	g := rv.ResolveSlice(docs)
	n := 0
	for range g.Persons() {
		n++
	}
	for range g.Timeline() {
	}
	t.Logf("200,000 document persons -> %d persons: CPU %v, wall %v", n, (cpu() - c0).Round(time.Millisecond), time.Since(w0).Round(time.Millisecond))
}
