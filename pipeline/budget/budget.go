// Package budget lets a document's extraction be stopped from outside while
// it runs, and counts the work its loops do.
//
// Go cannot kill a goroutine, so a document over its time budget kept
// burning a core, and holding its memory, until its stages were done
// (hours on some text). Each stage's long loops call Step once a turn;
// Step reads the stop flag every checkEvery turns, so a turn costs an
// increment and a test, and a stopped document returns within
// checkEvery turns of its current loop. The count doubles as a measure of
// the work done, which tests use to check that a stage's loops are linear
// in its input.
package budget

import "sync/atomic"

// checkEvery is how many turns pass between two reads of the flag: a
// power of two, cheap against the loops' own work, and far below a
// millisecond of it.
const checkEvery = 1 << 10

// A Budget belongs to one document's extraction. Stop may be called from
// any goroutine; Step and Steps only from the one running the stages. The
// nil *Budget never stops and counts nothing.
type Budget struct {
	stop  atomic.Bool
	steps int64
}

// Stop tells the document's loops to stop.
func (b *Budget) Stop() { b.stop.Store(true) }

// Stopped reports whether Stop was called.
func (b *Budget) Stopped() bool { return b != nil && b.stop.Load() }

// Step counts one turn of a loop and reports whether the loop must stop
// (Stop was called; seen at most checkEvery turns late).
func (b *Budget) Step() bool {
	if b == nil {
		return false
	}
	b.steps++
	return b.steps&(checkEvery-1) == 0 && b.stop.Load()
}

// Steps returns the turns counted so far.
func (b *Budget) Steps() int64 {
	if b == nil {
		return 0
	}
	return b.steps
}
