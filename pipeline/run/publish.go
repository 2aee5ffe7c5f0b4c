package run

// How a run shares OUT and publishes into it.
//
// Lock: a run holds an exclusive flock(2) on OUT/.plenary-lock from before
// it touches anything in OUT (checkpoint, temporary folders) until its
// tables are published; a second run on the same OUT exits at once with a
// *BusyError. The kernel releases the lock when the process dies, SIGKILL
// included, so there is no stale lock to clean up.
//
// Publish: tables are written into OUT/.plenary-tmp-<random>/ (a name no
// other process can guess or share: two containers are both PID 1), then
// renamed into OUT one at a time, and run.json last. run.json is the commit
// record: it lists every table file with its size and SHA-256. Whatever
// instant a run is killed at, OUT holds either the old run (tables matching
// the old run.json), or the new one, or tables that do not match the
// run.json beside them, which Verify (and so `plenary report`) detects;
// the next run publishes a whole run again. This holds file by file, so it
// carries over to tables split into several files (a dataset per table):
// run.json lists every file of the run, and a file it does not list is no
// part of it.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"plenary/pipeline/tables"
)

// tmpPrefix starts the name of the folder a run writes its tables into
// before they are renamed into OUT.
const tmpPrefix = ".plenary-tmp-"

// LockFile is the file in OUT that a run holds locked while it runs.
const LockFile = ".plenary-lock"

// FileRecord is one published file in run.json: its path relative to OUT,
// size and hex SHA-256.
type FileRecord tables.File

// output is what a run holds in OUT while it writes: the lock, its
// temporary folder, the checkpoint and the open tables.
type output struct {
	out    string
	tmp    string
	unlock func()
	st     *state
	set    *tables.Set
	reused bool // an old checkpoint is reused
}

// openOutput creates OUT if needed, locks it, and opens the run's
// temporary folder, the checkpoint and the tables in it.
func openOutput(opt Options) (_ *output, err error) {
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", opt.Out, err)
	}
	o := &output{out: opt.Out}
	if o.unlock, err = lockOut(opt.Out, opt.Progress); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			o.cleanup()
		}
	}()
	// No other run holds OUT: every temporary folder is a killed run's.
	removeTemps(opt.Out)
	if o.tmp, err = os.MkdirTemp(opt.Out, tmpPrefix); err != nil {
		return nil, err
	}
	o.st, o.reused, err = openState(filepath.Join(opt.Out, StateDir), opt.Fingerprint, opt.Resume)
	if err != nil {
		return nil, err
	}
	topts := []tables.Option{tables.WithOptional(opt.Optional...)}
	if opt.NoText {
		topts = append(topts, tables.WithoutText())
	}
	o.set, err = tables.Open(o.tmp, opt.Format, opt.Version, memory.DefaultAllocator, topts...)
	if err != nil {
		o.st.close(false)
		return nil, err
	}
	return o, nil
}

// cleanup removes the temporary folder (empty after a publish) and
// releases the lock.
func (o *output) cleanup() {
	if o.tmp != "" {
		os.RemoveAll(o.tmp)
	}
	if o.unlock != nil {
		o.unlock()
		o.unlock = nil
	}
}

// removeTemps deletes the temporary folders of runs that were killed.
func removeTemps(out string) {
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), tmpPrefix) {
			os.RemoveAll(filepath.Join(out, e.Name()))
		}
	}
}

// publish writes run.json (the commit record, sum.Files) into the
// temporary folder and moves every file into OUT, run.json last; then
// removes the tables no longer listed (another --format's, an optional
// table this run did not write). See the top of
// this file.
func (o *output) publish(sum Summary) error {
	if err := writeJSON(filepath.Join(o.tmp, "run.json"), sum); err != nil {
		return err
	}
	names := make([]string, 0, len(sum.Files)+1)
	for _, f := range sum.Files {
		names = append(names, f.Name)
	}
	names = append(names, "run.json")
	for i, n := range names {
		if publishHook != nil {
			publishHook(i, n)
		}
		if err := os.Rename(filepath.Join(o.tmp, n), filepath.Join(o.out, n)); err != nil {
			return fmt.Errorf("publish %s: %w", n, err)
		}
	}
	if publishHook != nil {
		publishHook(len(names), "")
	}
	listed := map[string]bool{}
	for _, n := range names {
		listed[n] = true
	}
	for _, f := range []string{tables.Parquet, tables.Arrow} {
		for _, t := range slices.Concat(tables.Tables, tables.Optional) {
			n := t + "." + f
			if listed[n] {
				continue
			}
			if err := os.Remove(filepath.Join(o.out, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove the previous run's %s: %w", n, err)
			}
		}
	}
	return syncDir(o.out) // make the renames durable
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, fs.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// writeJSON writes v to path, durably.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileSync(path, append(b, '\n'))
}

// ErrUnverifiable: run.json lists no files (plenary before the commit
// record), so its tables cannot be checked against it.
var ErrUnverifiable = errors.New("run.json lists no files (written by an older plenary): its tables cannot be checked")

// MismatchError: the tables in OUT are not the ones its run.json lists.
type MismatchError struct {
	Out      string
	Problems []string // one per file
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("%s does not hold one whole run: %s. A run was killed while publishing, or something else changed these files: run plenary again to publish a whole run",
		e.Out, strings.Join(e.Problems, "; "))
}

// Verify reads OUT/run.json and checks every file it lists: present, of
// its size and SHA-256. It returns the run's Summary with a
// *MismatchError when a file differs, ErrUnverifiable when run.json lists
// none, and an error wrapping fs.ErrNotExist when there is no run.json. A
// reader that must not mix runs verifies, reads, and verifies again (or
// checks the checksums of what it read).
func Verify(out string) (Summary, error) {
	var sum Summary
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		return sum, err
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		return sum, fmt.Errorf("%s/run.json: %w", out, err)
	}
	if len(sum.Files) == 0 {
		return sum, ErrUnverifiable
	}
	var problems []string
	for _, f := range sum.Files {
		if p := checkFile(filepath.Join(out, filepath.FromSlash(f.Name)), f); p != "" {
			problems = append(problems, f.Name+": "+p)
		}
	}
	if len(problems) > 0 {
		return sum, &MismatchError{Out: out, Problems: problems}
	}
	return sum, nil
}

// checkFile says how the file at path differs from its record; "" when it
// does not.
func checkFile(path string, want FileRecord) string {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "missing"
		}
		return err.Error()
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err.Error()
	}
	if fi.Size() != want.Bytes {
		return fmt.Sprintf("%d bytes, run.json says %d", fi.Size(), want.Bytes)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err.Error()
	}
	if hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
		return "SHA-256 differs from run.json's"
	}
	return ""
}
