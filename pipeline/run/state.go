package run

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"plenary/pipeline/doc"
)

// StateDir is the checkpoint folder inside the output folder. It survives a
// complete run, so a later --resume over a grown folder extracts only what
// is new or changed.
const StateDir = ".plenary-state"

// The checkpoint is a set of shard files holding one JSON-encoded
// doc.Extraction per line, in the order documents were written, and a
// manifest with one line per checkpointed document:
//
//	KEY \t SHARD \t OFFSET \t LENGTH \n
//
// KEY is docKey: a hash of everything extraction reads from the document.
// Shard bytes are fsynced before their manifest lines are appended and
// fsynced, so a manifest line never points at data a crash could lose; a
// torn last line (SIGKILL mid-append) is ignored. A process only ever
// appends to a shard it created, so a torn shard tail is never extended.
type state struct {
	dir string

	// Read side: the checkpoint as found at start (read-only during the run,
	// so workers look it up without locks).
	old    map[string]loc
	shards map[int]*os.File // opened lazily for reads
	mu     sync.Mutex       // guards shards

	// Write side, used by the collector only.
	shardNo  int
	shard    *os.File
	w        *bufio.Writer
	off      int64
	pending  []string // manifest lines waiting for the next commit
	manifest *os.File
	live     map[string]loc // every document of this run that is checkpointed
	lastSync time.Time
}

type loc struct {
	shard int
	off   int64
	n     int64
}

const (
	fingerprintFile = "fingerprint"
	manifestFile    = "manifest"
)

// openState opens dir for a run. With resume, a checkpoint made with the
// same fingerprint is kept for reuse; otherwise (or when the fingerprint
// differs: another plenary version or other lexicons) it is cleared. reused
// says whether an old checkpoint was kept.
func openState(dir, fingerprint string, resume bool) (st *state, reused bool, err error) {
	if resume {
		b, err := os.ReadFile(filepath.Join(dir, fingerprintFile))
		reused = err == nil && string(b) == fingerprint
	}
	if !reused {
		if err := os.RemoveAll(dir); err != nil {
			return nil, false, fmt.Errorf("clear checkpoint %s: %w", dir, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, fmt.Errorf("checkpoint %s: %w", dir, err)
	}
	st = &state{dir: dir, old: map[string]loc{}, shards: map[int]*os.File{}, live: map[string]loc{}}
	if !reused {
		if err := writeFileSync(filepath.Join(dir, fingerprintFile), []byte(fingerprint)); err != nil {
			return nil, false, err
		}
	} else if err := st.readManifest(); err != nil {
		return nil, false, err
	}
	for _, n := range st.shardNumbers() {
		if n > st.shardNo {
			st.shardNo = n
		}
	}
	st.manifest, err = os.OpenFile(filepath.Join(dir, manifestFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("checkpoint: %w", err)
	}
	st.lastSync = time.Now()
	return st, reused, nil
}

func (st *state) readManifest() error {
	f, err := os.Open(filepath.Join(st.dir, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			// No newline: a line torn by a crash mid-append.
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("checkpoint manifest: %w", err)
		}
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 4 {
			continue
		}
		shard, e1 := strconv.Atoi(f[1])
		off, e2 := strconv.ParseInt(f[2], 10, 64)
		n, e3 := strconv.ParseInt(f[3], 10, 64)
		if e1 != nil || e2 != nil || e3 != nil {
			continue
		}
		st.old[f[0]] = loc{shard: shard, off: off, n: n}
	}
}

func (st *state) shardPath(n int) string {
	return filepath.Join(st.dir, fmt.Sprintf("shard-%06d.jsonl", n))
}

func (st *state) shardNumbers() []int {
	ents, _ := os.ReadDir(st.dir)
	var ns []int
	for _, e := range ents {
		var n int
		if _, err := fmt.Sscanf(e.Name(), "shard-%06d.jsonl", &n); err == nil {
			ns = append(ns, n)
		}
	}
	return ns
}

// lookup returns the checkpointed extraction of d, if any. It is safe for
// concurrent use by the workers. A record that cannot be read or does not
// match is a miss: the document is extracted again.
func (st *state) lookup(key string, d doc.Doc) (doc.Extraction, bool) {
	l, ok := st.old[key]
	if !ok {
		return doc.Extraction{}, false
	}
	st.mu.Lock()
	f := st.shards[l.shard]
	if f == nil {
		var err error
		f, err = os.Open(st.shardPath(l.shard))
		if err != nil {
			st.mu.Unlock()
			return doc.Extraction{}, false
		}
		st.shards[l.shard] = f
	}
	st.mu.Unlock()
	buf := make([]byte, l.n)
	if _, err := f.ReadAt(buf, l.off); err != nil {
		return doc.Extraction{}, false
	}
	var x doc.Extraction
	if err := json.Unmarshal(buf, &x); err != nil || x.Doc.ID != d.ID || x.Doc.Text != d.Text {
		return doc.Extraction{}, false
	}
	x.Doc = d
	return x, true
}

// keep records that a document of this run was served from the checkpoint.
func (st *state) keep(key string) {
	if l, ok := st.old[key]; ok {
		st.live[key] = l
	}
}

// add appends a freshly extracted document to the current shard. It is
// durable only after the next commit.
func (st *state) add(key string, x *doc.Extraction) error {
	if st.shard == nil {
		st.shardNo++
		f, err := os.OpenFile(st.shardPath(st.shardNo), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		st.shard, st.w, st.off = f, bufio.NewWriterSize(f, 1<<20), 0
	}
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("checkpoint %s: %w", x.Doc.ID, err)
	}
	b = append(b, '\n')
	if _, err := st.w.Write(b); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	l := loc{shard: st.shardNo, off: st.off, n: int64(len(b) - 1)}
	st.off += int64(len(b))
	st.live[key] = l
	st.pending = append(st.pending, fmt.Sprintf("%s\t%d\t%d\t%d\n", key, l.shard, l.off, l.n))
	return nil
}

// due reports whether enough has accumulated since the last commit.
func (st *state) due(every int, interval time.Duration) bool {
	return len(st.pending) >= every || (len(st.pending) > 0 && time.Since(st.lastSync) >= interval)
}

// commit makes every added document durable: shard first, then manifest.
func (st *state) commit() error {
	st.lastSync = time.Now()
	if len(st.pending) == 0 {
		return nil
	}
	if err := st.w.Flush(); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if err := st.shard.Sync(); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if _, err := st.manifest.WriteString(strings.Join(st.pending, "")); err != nil {
		return fmt.Errorf("checkpoint manifest: %w", err)
	}
	if err := st.manifest.Sync(); err != nil {
		return fmt.Errorf("checkpoint manifest: %w", err)
	}
	st.pending = st.pending[:0]
	return nil
}

// close commits and closes every file. With complete (the run saw the
// whole input), the manifest is rewritten to hold only this run's
// documents and shards nobody references any more are deleted, so
// documents removed from the input, or changed, stop taking space.
func (st *state) close(complete bool) error {
	err := st.commit()
	if st.shard != nil {
		err = errors.Join(err, st.shard.Close())
	}
	err = errors.Join(err, st.manifest.Close())
	for _, f := range st.shards {
		f.Close()
	}
	if err != nil || !complete {
		return err
	}
	keys := make([]string, 0, len(st.live))
	used := map[int]bool{}
	for k, l := range st.live {
		keys = append(keys, k)
		used[l.shard] = true
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := st.live[keys[i]], st.live[keys[j]]
		if a.shard != b.shard {
			return a.shard < b.shard
		}
		return a.off < b.off
	})
	var b strings.Builder
	for _, k := range keys {
		l := st.live[k]
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d\n", k, l.shard, l.off, l.n)
	}
	tmp := filepath.Join(st.dir, manifestFile+".tmp")
	if err := writeFileSync(tmp, []byte(b.String())); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(st.dir, manifestFile)); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	for _, n := range st.shardNumbers() {
		if !used[n] {
			os.Remove(st.shardPath(n))
		}
	}
	return nil
}

// docKey identifies a document's content: everything extraction and the
// documents row read from it. A changed text, sidecar or encoding changes
// the key, so the document is extracted again.
func docKey(d *doc.Doc) string {
	h := sha256.New()
	pub := ""
	if d.HasPublished() {
		pub = d.Published.Format(time.RFC3339)
	}
	for _, s := range []string{d.ID, d.Source, d.URL, d.Title, pub, d.Encoding} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	io.WriteString(h, d.Text)
	return hex.EncodeToString(h.Sum(nil))
}

func writeFileSync(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
