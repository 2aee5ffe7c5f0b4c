package run

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
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
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/s2"

	"plenary/pipeline/doc"
)

// StateDir is the checkpoint folder inside the output folder. It survives a
// complete run, so a later --resume over a grown folder extracts only what
// is new or changed.
const StateDir = ".plenary-state"

// The checkpoint is a set of shard files holding one record per document,
// in the order documents were written: its doc.Extraction without the text
// (the key hashes it) in the binary layout of record.go, compressed as one
// S2 block. A manifest has one line per checkpointed document:
//
//	KEY \t SHARD \t OFFSET \t LENGTH \n
//
// KEY is docKey in hex: a hash of everything extraction reads from the
// document.
// Shard bytes are fsynced before their manifest lines are appended and
// fsynced, so a manifest line never points at data a crash could lose; a
// torn last line (SIGKILL mid-append) is ignored. A process only ever
// appends to a shard it created, so a torn shard tail is never extended.
//
// Encoding and compression run on the worker that extracted the document
// (recordEncoder), so they scale with --workers; the job carries the bytes.
// Writes and fsyncs run on the checkpoint's own goroutine (see start), so
// they overlap with the collector writing tables; the collector only hands
// it finished records in input order.
//
// What a checkpoint holds changes with checkpointFormat, which is part of
// what decides reuse: a checkpoint of another format is cleared, never
// misread.
type state struct {
	dir string

	// Read side: the checkpoint as found at start (read-only during the run,
	// so workers look it up without locks).
	old    map[string]loc
	shards map[int]*oldShard // opened lazily for reads
	mu     sync.Mutex        // guards shards

	// Write side, used by the checkpoint goroutine only (after start) and
	// by close once it has stopped.
	shardNo  int
	shard    *os.File
	w        *bufio.Writer
	off      int64
	pending  []string // manifest lines waiting for the next commit
	manifest *os.File
	// Documents of this run that are checkpointed: those served from the
	// old checkpoint are in kept; new ones are the manifest's lines from
	// newFrom on, in shards numbered from firstShard. No key per new
	// document stays in memory.
	kept       map[string]loc
	newFrom    int64
	firstShard int
	lastSync   time.Time

	in   chan ckItem // from the collector; nil until start
	quit chan struct{}
	err  atomic.Pointer[error] // the goroutine's first error
}

// ckItem is one document for the checkpoint goroutine: a fresh record to
// add, or (rec == nil) a key served from the old checkpoint to keep.
type ckItem struct {
	key string
	rec []byte
}

// checkpointFormat names the layout of shards and records. It is written
// into the fingerprint file with the caller's fingerprint, so a checkpoint
// of another format (JSON+zstd before it, or a later one) is not reused;
// change it with recordVersion, shardExt or the compression.
const checkpointFormat = "plenary checkpoint 2: binary record v2, s2 block"

// shardExt names this format's shard files. Shard files of any other name
// are an older format's: they are deleted when the manifest is rewritten.
const shardExt = ".s2"

// Compression: each record is one S2 block. Over the 20 MB synthetic
// corpus (4,886 records, 16.6 MB of binary records made in ~100 ms of CPU),
// compressing them costs: none, 16.6 MB on disk; S2, 11.0 MB for ~30-50 ms;
// zstd fastest, 9.8 MB for ~200-260 ms. S2 takes a third off what is
// written and fsynced for half the cost of making the records; zstd would
// save another 11% for twice that cost again. (JSON + zstd, before: 18.1 MB
// for ~700-900 ms.)

// maxExpand bounds what a stored record may claim to decode to, relative
// to its stored size, so a corrupt length cannot make a huge allocation;
// real records are ~1.5x.
const maxExpand = 256

// recordEncoder makes stored records; each worker has its own.
type recordEncoder struct {
	raw []byte // reused: only the compressed bytes leave the worker
}

// encode returns x's record as stored in a shard, in a new slice the
// caller may hand to another goroutine.
func (e *recordEncoder) encode(x *doc.Extraction) []byte {
	e.raw = appendRecord(e.raw[:0], x)
	return s2.Encode(nil, e.raw)
}

// decodeStored reads a stored record of a document whose text is text.
func decodeStored(b []byte, text string) (doc.Extraction, error) {
	n, err := s2.DecodedLen(b)
	if err != nil {
		return doc.Extraction{}, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if n > maxExpand*len(b)+1024 {
		return doc.Extraction{}, fmt.Errorf("%w: claims %d bytes from %d", errCorrupt, n, len(b))
	}
	raw, err := s2.Decode(nil, b)
	if err != nil {
		return doc.Extraction{}, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	return decodeRecord(raw, text)
}

type loc struct {
	shard int
	off   int64
	n     int64
}

// oldShard is a shard of the old checkpoint, open for reads, with its size
// when opened: a manifest entry must lie within it.
type oldShard struct {
	f    *os.File
	size int64
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
	fingerprint = checkpointFormat + "\n" + fingerprint
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
	st = &state{dir: dir, old: map[string]loc{}, shards: map[int]*oldShard{}, kept: map[string]loc{}}
	if !reused {
		if err := writeFileSync(filepath.Join(dir, fingerprintFile), []byte(fingerprint)); err != nil {
			return nil, false, err
		}
	} else if st.newFrom, err = st.readManifest(); err != nil {
		return nil, false, err
	} else if err := os.Truncate(filepath.Join(dir, manifestFile), st.newFrom); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// A torn last line is cut off so that new lines start on their own.
		return nil, false, fmt.Errorf("checkpoint: %w", err)
	}
	for _, n := range st.shardNumbers() {
		if n > st.shardNo {
			st.shardNo = n
		}
	}
	st.firstShard = st.shardNo + 1
	st.manifest, err = os.OpenFile(filepath.Join(dir, manifestFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("checkpoint: %w", err)
	}
	st.lastSync = time.Now()
	return st, reused, nil
}

// readManifest loads the old checkpoint's manifest into st.old and returns
// the length of its whole lines.
func (st *state) readManifest() (int64, error) {
	f, err := os.Open(filepath.Join(st.dir, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("checkpoint: %w", err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var end int64
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			// No newline: a line torn by a crash mid-append.
			if err == io.EOF {
				return end, nil
			}
			return 0, fmt.Errorf("checkpoint manifest: %w", err)
		}
		end += int64(len(line))
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 4 {
			continue
		}
		shard, e1 := strconv.Atoi(f[1])
		off, e2 := strconv.ParseInt(f[2], 10, 64)
		n, e3 := strconv.ParseInt(f[3], 10, 64)
		if e1 != nil || e2 != nil || e3 != nil || off < 0 || n <= 0 {
			continue // a corrupt line: its document is extracted again
		}
		key, e4 := hex.DecodeString(f[0])
		if e4 != nil || len(key) != sha256.Size {
			continue
		}
		st.old[string(key)] = loc{shard: shard, off: off, n: n}
	}
}

func (st *state) shardPath(n int) string {
	return filepath.Join(st.dir, shardName(n))
}

func shardName(n int) string { return fmt.Sprintf("shard-%06d%s", n, shardExt) }

// shardNumbers lists the shards of this format.
func (st *state) shardNumbers() []int {
	ents, _ := os.ReadDir(st.dir)
	var ns []int
	for _, e := range ents {
		if n, ok := parseShardName(e.Name()); ok {
			ns = append(ns, n)
		}
	}
	return ns
}

func parseShardName(name string) (int, bool) {
	num, ok := strings.CutPrefix(name, "shard-")
	if !ok {
		return 0, false
	}
	if num, ok = strings.CutSuffix(num, shardExt); !ok {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	return n, err == nil && n >= 0 && shardName(n) == name
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
	sh := st.shards[l.shard]
	if sh == nil {
		f, err := os.Open(st.shardPath(l.shard))
		if err != nil {
			st.mu.Unlock()
			return doc.Extraction{}, false
		}
		sh = &oldShard{f: f, size: -1}
		if fi, err := f.Stat(); err == nil {
			sh.size = fi.Size()
		}
		st.shards[l.shard] = sh
	}
	st.mu.Unlock()
	// A corrupt manifest line must not make a huge (or negative)
	// allocation: the record lies within its shard or it is a miss.
	if l.off < 0 || l.n <= 0 || l.n > sh.size || l.off > sh.size-l.n {
		return doc.Extraction{}, false
	}
	buf := make([]byte, l.n)
	if _, err := sh.f.ReadAt(buf, l.off); err != nil {
		return doc.Extraction{}, false
	}
	x, err := decodeStored(buf, d.Text)
	if err != nil || x.Doc.ID != d.ID {
		return doc.Extraction{}, false
	}
	x.Doc = d
	return x, true
}

// start runs the checkpoint goroutine: it takes documents from put, and
// commits every `every` documents or `interval`, whichever comes first (also
// when no document arrives, so a slow document does not hold back the
// commit of those before it).
func (st *state) start(every int, interval time.Duration) {
	st.in = make(chan ckItem, 64)
	st.quit = make(chan struct{})
	go func() {
		defer close(st.quit)
		tk := time.NewTicker(max(interval/2, time.Millisecond))
		defer tk.Stop()
		fail := func(err error) {
			if err != nil && st.err.Load() == nil {
				st.err.Store(&err)
			}
		}
		for {
			select {
			case it, ok := <-st.in:
				if !ok {
					return
				}
				if st.err.Load() != nil {
					continue // drain: the run is failing anyway
				}
				if it.rec == nil {
					st.keepOld(it.key)
				} else {
					fail(st.add(it.key, it.rec))
				}
			case <-tk.C:
			}
			if st.err.Load() == nil && st.due(every, interval) {
				fail(st.commit())
			}
		}
	}()
}

// put hands one written document to the checkpoint goroutine: its stored
// record from recordEncoder, or nil when it was served from the old
// checkpoint. rec must not change afterwards. The error is the goroutine's
// first failure, if any.
func (st *state) put(key string, rec []byte) error {
	st.in <- ckItem{key: key, rec: rec}
	if e := st.err.Load(); e != nil {
		return *e
	}
	return nil
}

// keepOld records that a document of this run was served from the checkpoint.
func (st *state) keepOld(key string) {
	if l, ok := st.old[key]; ok {
		st.kept[key] = l
	}
}

// add appends a freshly extracted document's record to the current shard.
// It is durable only after the next commit.
func (st *state) add(key string, rec []byte) error {
	if st.shard == nil {
		st.shardNo++
		f, err := os.OpenFile(st.shardPath(st.shardNo), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		st.shard, st.w, st.off = f, bufio.NewWriterSize(f, 256<<10), 0
	}
	if _, err := st.w.Write(rec); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	l := loc{shard: st.shardNo, off: st.off, n: int64(len(rec))}
	st.off += int64(len(rec))
	st.pending = append(st.pending, fmt.Sprintf("%x\t%d\t%d\t%d\n", key, l.shard, l.off, l.n))
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
	if st.in != nil {
		close(st.in)
		<-st.quit
		st.in = nil
	}
	var err error
	if e := st.err.Load(); e != nil {
		err = *e
	} else {
		err = st.commit()
	}
	if st.shard != nil {
		err = errors.Join(err, st.shard.Close())
	}
	err = errors.Join(err, st.manifest.Close())
	for _, sh := range st.shards {
		sh.f.Close()
	}
	if err != nil || !complete {
		return err
	}
	// The new manifest: the old lines still in use, then this run's.
	keys := make([]string, 0, len(st.kept))
	used := map[int]bool{}
	for k, l := range st.kept {
		keys = append(keys, k)
		used[l.shard] = true
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := st.kept[keys[i]], st.kept[keys[j]]
		if a.shard != b.shard {
			return a.shard < b.shard
		}
		return a.off < b.off
	})
	for n := st.firstShard; n <= st.shardNo; n++ {
		used[n] = true
	}
	// Nothing reused and nothing older before this run's lines: the
	// manifest already is the new one.
	if len(keys) > 0 || st.newFrom > 0 {
		tmp := filepath.Join(st.dir, manifestFile+".tmp")
		if err := st.writeManifest(tmp, keys); err != nil {
			return err
		}
		if err := os.Rename(tmp, filepath.Join(st.dir, manifestFile)); err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
	}
	// Shards nobody references, and those of an older format.
	ents, _ := os.ReadDir(st.dir)
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), "shard-") {
			continue
		}
		if n, ok := parseShardName(e.Name()); !ok || !used[n] {
			os.Remove(filepath.Join(st.dir, e.Name()))
		}
	}
	return nil
}

// writeManifest writes the new manifest to path and syncs it: the kept
// lines of keys, then this run's lines copied from the manifest file. It
// streams, so its memory does not grow with the corpus (held in a buffer,
// this run's lines were ~4 MB at 49k documents, at the very end of a run).
func (st *state) writeManifest(path string, keys []string) error {
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	w := bufio.NewWriterSize(out, 64<<10)
	for _, k := range keys {
		l := st.kept[k]
		fmt.Fprintf(w, "%x\t%d\t%d\t%d\n", k, l.shard, l.off, l.n)
	}
	err = st.copyNewLines(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("checkpoint: %w", cerr)
	}
	return err
}

// copyNewLines copies the manifest lines this run appended to w.
func (st *state) copyNewLines(w io.Writer) error {
	f, err := os.Open(filepath.Join(st.dir, manifestFile))
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(w, io.NewSectionReader(f, st.newFrom, 1<<62)); err != nil {
		return fmt.Errorf("checkpoint manifest: %w", err)
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
	// Raw bytes, not hex: a key per document stays in memory for the run.
	return string(h.Sum(nil))
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
