package main

import (
	"testing"
	"time"
)

// TestProcessStarted: on Linux the start comes from /proc, before main's
// package was initialised (the fallback), and not long before.
func TestProcessStarted(t *testing.T) {
	fallback := time.Now()
	got := processStarted(fallback)
	if got.Equal(fallback) {
		t.Fatal("processStarted fell back: /proc/self/stat not read")
	}
	if got.After(fallback) || fallback.Sub(got) > 10*time.Minute {
		t.Errorf("process start %v before now: implausible", fallback.Sub(got))
	}
	// processStart was taken at package initialisation, after the start.
	if processStart.After(time.Now()) || processStart.Before(got.Add(-time.Second)) {
		t.Errorf("processStart %v, /proc start %v", processStart, got)
	}
}
