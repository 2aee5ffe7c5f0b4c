//go:build race

package main

// raceEnabled: the race detector slows extraction ~10x, so the largest
// hostile inputs are left to the normal test run.
const raceEnabled = true
