package run

// How a run shares OUT and publishes into it.
//
// Lock: a run holds an exclusive flock(2) on OUT/.plenary-lock from before
// it touches anything in OUT (checkpoint, temporary folders) until its
// tables are published; a second run on the same OUT exits at once with a
// *BusyError. Shards hold it shared, and their own shard's lock exclusively
// (shard.go); finalize holds it exclusively. The kernel releases a lock when
// the process dies, SIGKILL included, so there is no stale lock to clean up.
//
// Publish: tables are written into OUT/.plenary-tmp-<random>/ (a name no
// other process can guess or share: two containers are both PID 1), then
// every part file is renamed into its table's folder, one at a time, the
// parts run.json will not list are removed, and run.json is renamed in
// last. run.json is the commit record: it lists every part file with its
// size and SHA-256. Whatever instant a run is killed at, OUT holds either
// the old run (parts matching the old run.json), or the new one, or parts
// that do not match the run.json beside them or that it does not list,
// which Verify (and so `plenary report`) detects; the next run publishes a
// whole run again. Finalize publishes a sharded run the same way, from the
// shards' done/ folders.

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

// output is what a run holds while it writes: the lock, its temporary
// folder, the checkpoint and the open tables. A run without shards works
// in OUT; a shard in its own folder of OUT/.plenary-shards.
type output struct {
	out      string
	dir      string // OUT, or the shard's folder
	tmp      string
	stateDir string
	unlock   func()
	st       *state
	set      *tables.Set
	reused   bool // an old checkpoint is reused
}

// openOutput creates OUT if needed, locks it (a shard: shared, and its
// own folder exclusively), and opens the run's temporary folder, the
// checkpoint and the tables made per document in it.
func openOutput(opt Options) (_ *output, err error) {
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", opt.Out, err)
	}
	o := &output{out: opt.Out, dir: opt.Out, stateDir: filepath.Join(opt.Out, StateDir)}
	prefix := tmpPrefix
	if opt.Shard.Sharded() {
		o.dir = shardDir(opt.Out, opt.Shard)
		o.stateDir = filepath.Join(o.dir, shardState)
		prefix = shardTmp
		o.unlock, err = lockShard(opt.Out, opt.Shard, opt.Progress)
	} else {
		o.unlock, err = lockOut(opt.Out, opt.Progress)
	}
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			o.cleanup()
		}
	}()
	// Nobody else writes where this run does: every temporary folder there
	// is a killed run's.
	if opt.Shard.Sharded() {
		removeShardTemps(o.dir)
	} else {
		removeTemps(opt.Out)
	}
	if o.tmp, err = os.MkdirTemp(o.dir, prefix); err != nil {
		return nil, err
	}
	o.st, o.reused, err = openState(o.stateDir, opt.Fingerprint, opt.Resume)
	if err != nil {
		return nil, err
	}
	topts := []tables.Option{tables.WithOptional(opt.Optional...), tables.WithoutTables(tables.WholeRun...),
		tables.WithWriter(tables.ShardWriter(opt.Shard.Index)), tables.WithPartBytes(opt.PartBytes)}
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

// cleanup removes the temporary folder (gone after a publish) and
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

// placedFile is a file of the run and where it is now: from, or already
// in its place in OUT when from is "" (a finalize killed while publishing
// had moved it).
type placedFile struct {
	FileRecord
	from string
}

// publish moves every file of the run into OUT (tables into their
// folders), removes the table files no longer listed (the previous run's
// parts beyond this run's, another --format's, an optional table this run
// did not write, a table written as one file by an older plenary), and then
// writes run.json (the commit record, sum.Files) through tmp into OUT. See
// the top of this file.
func publish(out, tmp string, files []placedFile, sum *Summary) error {
	if err := writeJSON(filepath.Join(tmp, "run.json"), sum); err != nil {
		return err
	}
	dirs := map[string]bool{}
	for i, f := range files {
		if publishHook != nil {
			publishHook(i, f.Name)
		}
		if f.from == "" {
			continue
		}
		dst := filepath.Join(out, filepath.FromSlash(f.Name))
		if d := filepath.Dir(dst); !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("publish %s: %w", f.Name, err)
			}
			dirs[d] = true
		}
		if err := os.Rename(f.from, dst); err != nil {
			return fmt.Errorf("publish %s: %w", f.Name, err)
		}
	}
	if publishHook != nil {
		publishHook(len(files), "")
	}
	listed := make(map[string]bool, len(files))
	for _, f := range files {
		listed[f.Name] = true
	}
	if err := removeUnlisted(out, listed); err != nil {
		return err
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	if publishHook != nil {
		publishHook(len(files)+1, "run.json")
	}
	if err := os.Rename(filepath.Join(tmp, "run.json"), filepath.Join(out, "run.json")); err != nil {
		return fmt.Errorf("publish run.json: %w", err)
	}
	if publishHook != nil {
		publishHook(len(files)+2, "")
	}
	return syncDir(out) // make the renames durable
}

// removeUnlisted removes every table file in OUT that listed does not
// name: part files in the tables' folders (an empty folder goes too) and
// tables written as one file (<table>.parquet) by plenary before datasets.
func removeUnlisted(out string, listed map[string]bool) error {
	for _, t := range slices.Concat(tables.Tables, tables.Optional) {
		for _, n := range unlisted(out, t, listed) {
			if err := os.Remove(filepath.Join(out, filepath.FromSlash(n))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove the previous run's %s: %w", n, err)
			}
		}
		os.Remove(filepath.Join(out, t)) // only when empty
	}
	return nil
}

// unlisted names the files of table t in OUT that listed does not: parts
// of either format in its folder, and the one-file table of an older
// plenary.
func unlisted(out, t string, listed map[string]bool) []string {
	var names []string
	ents, _ := os.ReadDir(filepath.Join(out, t))
	for _, e := range ents {
		n := t + "/" + e.Name()
		if !listed[n] && (tables.IsPart(e.Name(), tables.Parquet) || tables.IsPart(e.Name(), tables.Arrow)) {
			names = append(names, n)
		}
	}
	for _, f := range []string{tables.Parquet, tables.Arrow} {
		n := t + "." + f
		if _, err := os.Lstat(filepath.Join(out, n)); err == nil && !listed[n] {
			names = append(names, n)
		}
	}
	return names
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
// its size and SHA-256, and that the tables' folders hold no other part
// (which a reader of the folder would read too). It returns the run's Summary with a
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
	listed := make(map[string]bool, len(sum.Files))
	for _, f := range sum.Files {
		listed[f.Name] = true
		if p := checkFile(filepath.Join(out, filepath.FromSlash(f.Name)), f); p != "" {
			problems = append(problems, f.Name+": "+p)
		}
	}
	// A reader of a table's folder reads every part in it.
	for _, t := range slices.Concat(tables.Tables, tables.Optional) {
		for _, n := range unlisted(out, t, listed) {
			if strings.Contains(n, "/") {
				problems = append(problems, n+": not in run.json")
			}
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

// fileSum gives a file's size and hex SHA-256.
func fileSum(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("checksum %s: %w", path, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
