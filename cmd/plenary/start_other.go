//go:build !linux

package main

import "time"

// processStarted: without /proc, the time main's package was initialised.
func processStarted(fallback time.Time) time.Time { return fallback }
