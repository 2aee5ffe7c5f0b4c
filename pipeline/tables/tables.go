// Package tables writes plenary's output tables. In come doc.Extraction
// records (one per document, in input order: doc_id order within a folder)
// and doc.DocError records; out
// comes a folder per table in a directory, holding the table's part files
// (see parts.go): Parquet (zstd, the default) or Arrow IPC. Rows are
// appended in the order they arrive.
//
// Memory stays bounded however large the corpus: rows collect in Arrow
// builders that are flushed every few thousand rows, Parquet row groups
// are capped in rows and bytes, and a part file ends at a byte budget, which
// bounds the footer a Parquet writer holds. Parts are written as <name>.tmp
// and renamed once finished, so a crashed run never leaves a half-written
// file under a part's name.
package tables

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"plenary/pipeline/doc"
)

// Output formats accepted by Open.
const (
	Parquet = "parquet"
	Arrow   = "arrow"
)

// ErrInvalid marks an Extraction that cannot be written as given. Add
// appends nothing when it returns an error wrapping ErrInvalid, so the
// caller may record the document as a DocError and go on.
var ErrInvalid = errors.New("invalid extraction")

// Defaults for the size bounds. A flush hands builder contents to the file
// writer; Parquet then holds a row group's encoded pages (and a dictionary
// per column) in memory until it ends. At 64Ki rows / 64 MiB every table
// of a large corpus held a full row group and the live heap grew from ~45
// to ~71 MiB between 20 and 200 MB of input; 32Ki rows / 4 MiB kept it near
// the 20 MB figure for ~4% larger files (make bench's corpus). 256 KiB of
// compressed pages is what 32Ki rows of mentions, the largest table, take
// anyway; bounding every table there makes the small tables (one row per
// document: 32Ki rows took ~130 MB of input to fill) reach their high-water
// mark within the first ~20 MB instead of growing for the first ~130 MB, for
// files 0.06% larger.
const (
	defaultFlushRows    = 4096
	defaultRowGroupRows = 32 * 1024
	defaultRowGroupSize = 256 << 10 // bytes written to the current row group
	// Bytes of values a dictionary column may take in one row group (see
	// newParquetSink): above what 32Ki rows of the dictionary columns hold
	// on make bench's corpus (~0.8 MiB at most, speaker mentions), so it
	// only ends row groups early on odd input.
	defaultDictBudget = 1 << 20
	// Bytes of strings the builders of one table may hold before a flush:
	// 4,096 rows of documents.text are ~16 MiB of report texts, and held
	// that long they doubled the run's live heap (54-65 MB after GC against
	// 26 at 20 MB of make bench's reports) and the GC's work; at 200 MB the
	// heap passed the soft limit and the run slowed to half its speed.
	flushStringBytes = 1 << 20
)

type options struct {
	flushRows    int
	rowGroupRows int64
	rowGroupSize int64
	dictBudget   int64    // 0 means defaultDictBudget
	optional     []string // the optional tables to write
	noText       bool     // documents.text is written as null
	writer       string   // the parts' <writer> (parts.go); "" means ShardWriter(0)
	partBytes    int64    // a part ends past this many bytes; 0 means DefaultPartBytes
	only         []string // when set, only these tables are written
	without      []string // tables not written
}

// Option changes what Open writes.
type Option func(*options)

// WithOptional adds the named tables of Optional to those written.
func WithOptional(names ...string) Option {
	return func(o *options) { o.optional = append(o.optional, names...) }
}

// WithoutText writes documents.text as null (plenary run --no-text): the
// tables then do not repeat the input's text.
func WithoutText() Option { return func(o *options) { o.noText = true } }

// WithWriter names the parts' writer (see parts.go): ShardWriter(i) for
// shard i, FinalWriter for the whole-run step.
func WithWriter(w string) Option { return func(o *options) { o.writer = w } }

// WithPartBytes sets where a part file ends (DefaultPartBytes when n <= 0).
func WithPartBytes(n int64) Option { return func(o *options) { o.partBytes = n } }

// WithoutTables leaves the named tables out.
func WithoutTables(names ...string) Option {
	return func(o *options) { o.without = append(o.without, names...) }
}

// WithTables writes only the named tables (of those Open would write):
// a shard writes the tables made per document, the whole-run step the
// others.
func WithTables(names ...string) Option {
	return func(o *options) { o.only = append(o.only, names...) }
}

// Set is the open set of tables in one output directory. It is not
// safe for concurrent use: the caller serialises Add calls, which it must do
// anyway to keep rows in input order.
type Set struct {
	tables []*table
	byName map[string]*table
	done   bool
	files  []File // after a successful Close
}

// File is one finished part file: its path relative to the directory
// (<table>/part-…, slash-separated), size and hex SHA-256, for the run's
// commit record (run.json), which readers check the files against.
type File struct {
	Name   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

type table struct {
	name  string
	b     *array.RecordBuilder
	c     cols
	rows  int64                            // appended so far, flushed or not
	fill  func(c *cols, x *doc.Extraction) // nil: fed by its own Add method
	flush int
	parts
}

// Open creates dir if needed and starts every table of Tables, and the
// tables of Optional named by WithOptional (only those of WithTables when
// it is given): a folder <table> in dir, holding .parquet or .arrow part
// files by format (see parts.go). version is recorded in every file's
// schema metadata. alloc is used for all Arrow buffers (nil means
// memory.DefaultAllocator).
func Open(dir, format, version string, alloc memory.Allocator, opts ...Option) (*Set, error) {
	o := options{
		flushRows:    defaultFlushRows,
		rowGroupRows: defaultRowGroupRows,
		rowGroupSize: defaultRowGroupSize,
	}
	for _, f := range opts {
		f(&o)
	}
	return open(dir, format, version, alloc, o)
}

func open(dir, format, version string, alloc memory.Allocator, o options) (*Set, error) {
	if format != Parquet && format != Arrow {
		return nil, fmt.Errorf("tables: unknown format %q (want %q or %q)", format, Parquet, Arrow)
	}
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	if o.dictBudget <= 0 {
		o.dictBudget = defaultDictBudget
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tables: create %s: %w", dir, err)
	}
	if o.writer == "" {
		o.writer = ShardWriter(0)
	}
	if o.partBytes <= 0 {
		o.partBytes = DefaultPartBytes
	}
	s := &Set{byName: make(map[string]*table, len(defs))}
	for _, d := range defs {
		if d.optional && !slices.Contains(o.optional, d.name) {
			continue
		}
		if o.only != nil && !slices.Contains(o.only, d.name) || slices.Contains(o.without, d.name) {
			continue
		}
		schema := schemaOf(d, version)
		t := &table{name: d.name, fill: d.fill, flush: o.flushRows}
		t.parts = parts{dir: dir, table: d.name, format: format, writer: o.writer, limit: o.partBytes}
		t.newSink = func(path string) (sink, error) {
			if format == Parquet {
				return newParquetSink(path, schema, d.fields, version, alloc, o)
			}
			return newIPCSink(path, schema, alloc)
		}
		if err := os.MkdirAll(filepath.Join(dir, d.name), 0o755); err != nil {
			s.Abort()
			return nil, fmt.Errorf("tables: create %s: %w", filepath.Join(dir, d.name), err)
		}
		// The first part is there from the start: an empty table still
		// has one (readers learn its schema from it).
		if err := t.start(); err != nil {
			s.Abort()
			return nil, err
		}
		t.b = array.NewRecordBuilder(alloc, schema)
		t.c = cols{fs: t.b.Fields(), noText: o.noText}
		s.tables = append(s.tables, t)
		s.byName[d.name] = t
	}
	return s, nil
}

// Add appends every row of one document to every table.
func (s *Set) Add(x doc.Extraction) error {
	if s.done {
		return errors.New("tables: add after close")
	}
	if err := validate(&x); err != nil {
		return fmt.Errorf("tables: document %s: %w", x.Doc.ID, err)
	}
	for _, t := range s.tables {
		if t.fill == nil {
			continue
		}
		before := t.b.Field(0).Len()
		t.fill(&t.c, &x)
		t.rows += int64(t.b.Field(0).Len() - before)
		if err := t.maybeFlush(); err != nil {
			return err
		}
	}
	return nil
}

// AddPeople appends one document's people to the people table, each with
// its person_uid (uids[i] for people[i]). A run calls it at the end, for
// every document in the order of Add, once the registry has resolved them.
func (s *Set) AddPeople(docID string, people []doc.Person, uids []string) error {
	if s.done {
		return errors.New("tables: add after close")
	}
	if len(uids) != len(people) {
		return fmt.Errorf("tables: document %s: %d people but %d person_uids", docID, len(people), len(uids))
	}
	t, err := s.table("people")
	if err != nil {
		return err
	}
	fillPeople(&t.c, docID, people, uids)
	t.rows += int64(len(people))
	return t.maybeFlush()
}

// AddPerson appends one row to the persons table.
func (s *Set) AddPerson(p doc.RegistryPerson) error {
	if s.done {
		return errors.New("tables: add after close")
	}
	t, err := s.table("persons")
	if err != nil {
		return err
	}
	fillPerson(&t.c, p)
	t.rows++
	return t.maybeFlush()
}

// AddRoleSpan appends one row to the role_timeline table.
func (s *Set) AddRoleSpan(r doc.RoleSpan) error {
	if s.done {
		return errors.New("tables: add after close")
	}
	t, err := s.table("role_timeline")
	if err != nil {
		return err
	}
	fillRoleSpan(&t.c, r)
	t.rows++
	return t.maybeFlush()
}

// AddError appends one row to the errors table.
func (s *Set) AddError(e doc.DocError) error {
	if s.done {
		return errors.New("tables: add after close")
	}
	t, err := s.table("errors")
	if err != nil {
		return err
	}
	fillError(&t.c, e)
	t.rows++
	return t.maybeFlush()
}

// table is the open table name, or an error when this Set does not write it.
func (s *Set) table(name string) (*table, error) {
	if t := s.byName[name]; t != nil {
		return t, nil
	}
	return nil, fmt.Errorf("tables: %s is not one of the tables this set writes", name)
}

// Counts returns the number of rows added to each table so far.
func (s *Set) Counts() map[string]int64 {
	m := make(map[string]int64, len(s.tables))
	for _, t := range s.tables {
		m[t.name] = t.rows
	}
	return m
}

// Close flushes and finishes every table's last part. If anything fails,
// every part file of the set is removed and the error returned. Calling
// Close again, or after Abort, does nothing.
func (s *Set) Close() error {
	if s.done {
		return nil
	}
	s.done = true
	// The tables are independent, and the last row groups and footers of
	// eleven tables take ~40 ms on one core at the end of a run, when the
	// workers are done and the other cores idle: close them all at once.
	// (Pages still go through the one zstd encoder, which serialises.)
	tableErrs := make([]error, len(s.tables))
	var wg sync.WaitGroup
	for i, t := range s.tables {
		wg.Go(func() {
			err := t.flushRows()
			t.b.Release()
			if err == nil {
				t.finish()
			}
			tableErrs[i] = errors.Join(err, t.wait())
		})
	}
	wg.Wait()
	if err := errors.Join(tableErrs...); err != nil {
		for _, t := range s.tables {
			t.remove()
		}
		return err
	}
	for _, t := range s.tables {
		s.files = append(s.files, t.files...)
	}
	return nil
}

// Files lists the finished part files, by table (in the order of Tables)
// then part, once Close has succeeded.
func (s *Set) Files() []File { return s.files }

// checksum gives a file's size and hex SHA-256.
func checksum(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, fmt.Errorf("checksum %s: %w", path, err)
	}
	return File{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Abort closes every file without finishing it and removes every part
// file, finished or not. Use it when a run fails; Close after Abort does
// nothing.
func (s *Set) Abort() {
	if s.done {
		return
	}
	s.done = true
	for _, t := range s.tables {
		if t.b != nil {
			t.b.Release()
		}
		if t.sink != nil {
			t.sink.abort()
			t.sink = nil
		}
		t.wait()
		t.remove()
	}
}

func (t *table) maybeFlush() error {
	if t.b.Field(0).Len() < t.flush && t.stringBytes() < flushStringBytes {
		return nil
	}
	return t.flushRows()
}

// stringBytes is the size of the string values the builders hold.
func (t *table) stringBytes() int {
	n := 0
	for _, f := range t.c.fs {
		if sb, ok := f.(*array.StringBuilder); ok {
			n += sb.DataLen()
		}
	}
	return n
}

// flushRows hands the builders' rows to the part being written as one
// batch, starting a part if the last one ended, and ends the part once it
// has reached its budget: only here, between batches, so the same rows
// always make the same parts.
func (t *table) flushRows() error {
	if t.b.Field(0).Len() == 0 {
		return nil
	}
	rec := t.b.NewRecordBatch()
	defer rec.Release()
	if t.sink == nil {
		if err := t.start(); err != nil {
			return err
		}
	}
	if err := t.sink.write(rec); err != nil {
		return fmt.Errorf("tables: write %s: %w", t.tmp, err)
	}
	if t.sink.size() >= t.limit {
		t.finish()
	}
	return t.failed()
}

// validate rejects what the schema cannot hold, before any row is appended,
// so a bad document never leaves some of its rows behind.
func validate(x *doc.Extraction) error {
	for _, d := range x.Dates {
		if _, ok := dateOf(d); !ok {
			return fmt.Errorf("%w: date %s (%q) has no calendar value", ErrInvalid, d.ID, d.Text)
		}
	}
	// Offsets and counts are int32 columns; a document this large would be
	// silently corrupted by the conversion.
	if x.Stats.NChars > math.MaxInt32 || x.Stats.NTokens > math.MaxInt32 {
		return fmt.Errorf("%w: document too large for int32 offsets (%d chars)", ErrInvalid, x.Stats.NChars)
	}
	return nil
}

// dateOf gives a Date's calendar day: its Date when set, else the first day
// its Value names ("2024-05" is 2024-05-01).
func dateOf(d doc.Date) (arrow.Date32, bool) {
	if !d.Date.IsZero() {
		return date32(d.Date), true
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, d.Value); err == nil {
			return date32(t), true
		}
	}
	return 0, false
}

// date32 counts days to the calendar date t shows in its own location, so
// midnight in Almaty is the same day as midnight in UTC.
func date32(t time.Time) arrow.Date32 {
	y, m, d := t.Date()
	return arrow.Date32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
