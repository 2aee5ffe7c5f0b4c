//go:build race

package entities

// raceOn: the race detector makes sync.Pool drop items at random, so
// allocation counts of Find vary from run to run.
const raceOn = true
