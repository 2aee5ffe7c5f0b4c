package budget

import (
	"sync"
	"testing"
)

func TestStepSeesStopWithinCheckEvery(t *testing.T) {
	var b Budget
	for i := 0; i < 5000; i++ {
		if b.Step() {
			t.Fatalf("stopped at step %d without Stop", i)
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); b.Stop() }() // from another goroutine, as a timer does
	wg.Wait()
	if !b.Stopped() {
		t.Fatal("Stopped false after Stop")
	}
	n := 0
	for !b.Step() {
		n++
		if n > checkEvery {
			t.Fatalf("Step still false %d turns after Stop", n)
		}
	}
	if b.Steps() < 5000 {
		t.Errorf("Steps %d, want at least 5000", b.Steps())
	}
}

func TestNilBudget(t *testing.T) {
	var b *Budget
	for i := 0; i < 3*checkEvery; i++ {
		if b.Step() {
			t.Fatal("nil budget stopped")
		}
	}
	if b.Stopped() || b.Steps() != 0 {
		t.Error("nil budget stopped or counted")
	}
}

func BenchmarkStep(b *testing.B) {
	var bg Budget
	b.ReportAllocs()
	for b.Loop() {
		if bg.Step() {
			b.Fatal("stopped")
		}
	}
}
