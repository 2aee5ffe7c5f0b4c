//go:build unix

package run

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// BusyError: another run holds OUT's lock, or the shard's.
type BusyError struct {
	Out    string
	Holder string // who holds it, if known
	Shard  string // "I/N" when a shard found its own shard busy
}

func (e *BusyError) Error() string {
	msg := fmt.Sprintf("%s is in use by another plenary run", e.Out)
	if e.Shard != "" {
		msg = fmt.Sprintf("shard %s of %s is already running", e.Shard, e.Out)
	}
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
	f, err := flockFile(filepath.Join(out, LockFile), syscall.LOCK_EX, out, w)
	if errors.Is(err, errBusy) {
		b, _ := io.ReadAll(io.LimitReader(f, 512))
		f.Close()
		holder := strings.TrimSpace(string(b))
		if shards := runningShards(out); shards != "" {
			holder = shards
		}
		return nil, &BusyError{Out: out, Holder: holder}
	}
	if err != nil || f == nil {
		return func() {}, err
	}
	writeHolder(f, "")
	return func() { f.Close() }, nil // closing the file releases the lock
}

// lockShard takes OUT's lock shared (shards run side by side; a run
// without shards and finalize wait for none of them) and the shard's own
// lock exclusively (the same shard never runs twice at once).
func lockShard(out string, s Shard, w io.Writer) (unlock func(), err error) {
	main, err := flockFile(filepath.Join(out, LockFile), syscall.LOCK_SH, out, w)
	if errors.Is(err, errBusy) {
		b, _ := io.ReadAll(io.LimitReader(main, 512))
		main.Close()
		return nil, &BusyError{Out: out, Holder: strings.TrimSpace(string(b))}
	}
	if err != nil {
		return nil, err
	}
	dir := shardDir(out, s)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		closeFile(main)
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	own, err := flockFile(filepath.Join(dir, shardLock), syscall.LOCK_EX, out, nil)
	if errors.Is(err, errBusy) {
		b, _ := io.ReadAll(io.LimitReader(own, 512))
		own.Close()
		closeFile(main)
		return nil, &BusyError{Out: out, Shard: s.String(), Holder: strings.TrimSpace(string(b))}
	}
	if err != nil {
		closeFile(main)
		return nil, err
	}
	if own != nil {
		writeHolder(own, "shard "+s.String()+", ")
	}
	return func() { closeFile(own); closeFile(main) }, nil
}

func closeFile(f *os.File) {
	if f != nil {
		f.Close()
	}
}

var errBusy = errors.New("busy")

// flockFile opens path and locks it (how: LOCK_EX or LOCK_SH) without
// waiting. Busy: the open file and errBusy (the caller reads the holder and
// closes it). Where the file system cannot lock: nil and no error, after a
// warning to w.
func flockFile(path string, how int, out string, w io.Writer) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return f, errBusy
		}
		f.Close()
		if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOSYS) {
			if w != nil {
				fmt.Fprintf(w, "plenary: warning: %s cannot be locked (%v): make sure no other run writes there at the same time\n", out, err)
			}
			return nil, nil
		}
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	return f, nil
}

// writeHolder says who holds the lock, for the message of a run that finds
// it busy.
func writeHolder(f *os.File, what string) {
	host, _ := os.Hostname()
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(fmt.Sprintf("%spid %d on %s since %s\n", what, os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))), 0)
	}
}

// runningShards names the shards of OUT whose lock is held, with their
// holders; "" when none is.
func runningShards(out string) string {
	ents, _ := os.ReadDir(filepath.Join(out, ShardsDir))
	var held []string
	for _, e := range ents {
		s, ok := parseShardDir(e.Name())
		if !ok {
			continue
		}
		f, err := os.Open(filepath.Join(out, ShardsDir, e.Name(), shardLock))
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) != nil {
			b, _ := io.ReadAll(io.LimitReader(f, 512))
			held = append(held, strings.TrimSpace(string(b)))
			if !strings.HasPrefix(held[len(held)-1], "shard ") {
				held[len(held)-1] = "shard " + s.String() + ": " + held[len(held)-1]
			}
		}
		f.Close()
	}
	slices.Sort(held)
	if len(held) == 0 {
		return ""
	}
	return "shards running: " + strings.Join(held, "; ")
}
