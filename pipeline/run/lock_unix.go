//go:build unix

package run

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// BusyError: another run holds OUT's lock.
type BusyError struct {
	Out    string
	Holder string // what the holder wrote into the lock file, if anything
}

func (e *BusyError) Error() string {
	msg := fmt.Sprintf("%s is in use by another plenary run", e.Out)
	if e.Holder != "" {
		msg += " (" + e.Holder + ")"
	}
	return msg + "; wait for it to finish, or write to another folder with -o"
}

// lockOut takes the exclusive lock on OUT (see publish.go) without
// waiting: a second run exits with a *BusyError rather than wait an
// unknown time. On a file system without locks (some network mounts) the
// run goes on unlocked, with a warning to w.
func lockOut(out string, w io.Writer) (unlock func(), err error) {
	path := filepath.Join(out, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			b, _ := io.ReadAll(io.LimitReader(f, 512))
			f.Close()
			return nil, &BusyError{Out: out, Holder: strings.TrimSpace(string(b))}
		}
		if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOSYS) {
			if w != nil {
				fmt.Fprintf(w, "plenary: warning: %s cannot be locked (%v): make sure no other run writes there at the same time\n", out, err)
			}
			f.Close()
			return func() {}, nil
		}
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	// Who holds it, for the message of a run that finds it busy.
	host, _ := os.Hostname()
	if f.Truncate(0) == nil {
		fmt.Fprintf(f, "pid %d on %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}
