package run

import (
	"errors"
	"iter"
	"testing"
)

func counting(n int, failAt int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if i == failAt {
				yield(0, errors.New("broken"))
				return
			}
			if !yield(i, nil) {
				return
			}
		}
	}
}

// ahead yields what its source yields, in order, its error last, and stops
// the source when the consumer stops.
func TestAhead(t *testing.T) {
	var got []int
	for x, err := range ahead(counting(1000, -1)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, x)
	}
	for i, x := range got {
		if x != i {
			t.Fatalf("item %d is %d", i, x)
		}
	}
	if len(got) != 1000 {
		t.Fatalf("%d items", len(got))
	}
	n, failed := 0, false
	for x, err := range ahead(counting(1000, 600)) {
		if err != nil {
			failed = true
			break
		}
		if x != n {
			t.Fatalf("item %d is %d", n, x)
		}
		n++
	}
	if !failed || n != 600 {
		t.Errorf("%d items before the error (failed %v), want 600", n, failed)
	}
	for x := range ahead(counting(1<<20, -1)) {
		if x == 10 {
			break // the source goroutine must not block forever
		}
	}
}
