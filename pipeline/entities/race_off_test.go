//go:build !race

package entities

const raceOn = false
