//go:build !unix

package run

import "io"

// BusyError: another run holds OUT's lock (never returned on this system).
type BusyError struct {
	Out    string
	Holder string
	Shard  string
}

func (e *BusyError) Error() string { return e.Out + " is in use by another plenary run" }

// lockOut does nothing where flock(2) does not exist: runs sharing an OUT
// there must not overlap.
func lockOut(out string, w io.Writer) (unlock func(), err error) { return func() {}, nil }

// lockShard does nothing either (see lockOut).
func lockShard(out string, s Shard, w io.Writer) (unlock func(), err error) { return func() {}, nil }
