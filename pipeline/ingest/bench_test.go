package ingest

import (
	"os"
	"runtime"
	"testing"
	"time"
)

// benchCorpus is a large folder INPUT for the start-up benchmarks
// (INGEST_BENCH_DIR, else the synthetic 200 MB corpus when it exists).
func benchCorpus(b *testing.B) string {
	dir := os.Getenv("INGEST_BENCH_DIR")
	if dir == "" {
		dir = "/tmp/plenary-bench/corpus-200"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no benchmark corpus at %s (set INGEST_BENCH_DIR)", dir)
	}
	return dir
}

// liveHeap is the heap still reachable after a collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// BenchmarkFirstDoc times Stream from its start to its first document: the
// start-up a run pays before any work can begin.
func BenchmarkFirstDoc(b *testing.B) {
	dir := benchCorpus(b)
	for b.Loop() {
		for it := range Stream([]string{dir}, Options{}, nil) {
			if it.Doc != nil {
				break
			}
		}
	}
}

// BenchmarkStreamHeap walks the whole corpus and reports the heap Stream
// keeps alive (after a collection) at its first document and at most at
// any later 1000th item, and the time to the first document.
func BenchmarkStreamHeap(b *testing.B) {
	dir := benchCorpus(b)
	for b.Loop() {
		base := liveHeap()
		start := time.Now()
		var first time.Duration
		var atFirst, most int64
		n := 0
		for it := range Stream([]string{dir}, Options{}, nil) {
			n++
			if it.Doc != nil && first == 0 {
				first = time.Since(start)
				atFirst = liveHeap() - base
				most = atFirst
			}
			if n%1000 == 0 {
				if h := liveHeap() - base; h > most {
					most = h
				}
			}
		}
		b.ReportMetric(float64(first.Microseconds())/1000, "ms-to-first-doc")
		b.ReportMetric(float64(atFirst)/1024, "KiB-live-at-first-doc")
		b.ReportMetric(float64(most)/1024, "KiB-live-max")
		b.ReportMetric(float64(n), "items")
	}
}
