package report

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"plenary/pipeline/tables"
)

// Run is what a run report shows: an output folder of `plenary run`.
type Run struct {
	Dir      string
	Info     *RunInfo // run.json; nil when the folder has none
	Format   string   // parquet or arrow
	Counts   []Count
	People   []Top
	Orgs     []Top
	Speakers []Top
	Quotes   []Quote
	Errors   []ErrorRow
	TopN     int
}

// RunInfo is the part of run.json the report shows.
type RunInfo struct {
	Version   string           `json:"version"`
	Args      []string         `json:"args"`
	Started   string           `json:"started"`
	Seconds   float64          `json:"seconds"`
	Format    string           `json:"format"`
	Counts    map[string]int64 `json:"counts"`
	Documents struct {
		OK      int `json:"ok"`
		Failed  int `json:"failed"`
		Skipped int `json:"skipped"`
	} `json:"documents"`
}

// Count is one table's rows; Missing when the folder has no file for it.
type Count struct {
	Table   string
	Rows    int64
	Missing bool
}

// Top is a name counted across documents: Docs documents, N mentions (people,
// organizations) or quotes (speakers).
type Top struct {
	Name  string
	Extra string // organizations: the acronym
	Docs  int
	N     int
}

// Quote is one row of the quotes table.
type Quote struct {
	DocID       string
	ID          string
	Kind        string
	Text        string
	Speaker     string // "" when unknown
	Mention     string
	Attribution string
	Cue         string
	Confidence  string // formatted, "" when null
}

// ErrorRow is one row of the errors table. Severity is "error" (the
// document is not in the tables) or "warning" (it is, with a caveat).
type ErrorRow struct {
	Source, DocID, Stage, Message, Severity string
}

// Failures counts the error rows of severity "error".
func (r *Run) Failures() int { return len(r.Errors) - r.Warnings() }

// Warnings counts the error rows of severity "warning".
func (r *Run) Warnings() int {
	n := 0
	for _, e := range r.Errors {
		if e.Severity == "warning" {
			n++
		}
	}
	return n
}

// ReadRun reads an output folder written by `plenary run`: the row count of
// every table, the people, organizations and quotes tables, the errors
// table, and run.json when present. topN limits the top lists.
func ReadRun(dir string, topN int) (*Run, error) {
	r := &Run{Dir: dir, TopN: topN}
	if b, err := os.ReadFile(filepath.Join(dir, "run.json")); err == nil {
		var info RunInfo
		if err := json.Unmarshal(b, &info); err != nil {
			return nil, fmt.Errorf("report: %s/run.json: %w", dir, err)
		}
		r.Info = &info
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("report: %w", err)
	}
	found := 0
	for _, t := range tables.Tables {
		paths, format := tablePaths(dir, t, r.Info)
		if len(paths) == 0 {
			r.Counts = append(r.Counts, Count{Table: t, Missing: true})
			continue
		}
		found++
		r.Format = format
		var rows int64
		for _, path := range paths {
			n, err := countRows(path, format)
			if err != nil {
				return nil, err
			}
			rows += n
		}
		r.Counts = append(r.Counts, Count{Table: t, Rows: rows})
	}
	if found == 0 {
		return nil, fmt.Errorf("report: %s holds no plenary tables (<table>/part-*.parquet or .arrow)", dir)
	}
	var err error
	if err = r.readPeople(); err == nil {
		if err = r.readOrgs(); err == nil {
			if err = r.readQuotes(); err == nil {
				err = r.readErrors()
			}
		}
	}
	return r, err
}

// tablePaths finds a table's part files in dir (tables.Parts): of
// run.json's format when there is one.
func tablePaths(dir, table string, info *RunInfo) ([]string, string) {
	format := ""
	if info != nil && (info.Format == tables.Parquet || info.Format == tables.Arrow) {
		format = info.Format
	}
	return tables.Parts(dir, table, format)
}

func countRows(path, format string) (int64, error) {
	if format == "parquet" {
		pf, err := file.OpenParquetFile(path, false)
		if err != nil {
			return 0, fmt.Errorf("report: %s: %w", path, err)
		}
		defer pf.Close()
		return pf.NumRows(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("report: %w", err)
	}
	defer f.Close()
	rd, err := ipc.NewFileReader(f)
	if err != nil {
		return 0, fmt.Errorf("report: %s: %w", path, err)
	}
	defer rd.Close()
	var n int64
	for i := 0; i < rd.NumRecords(); i++ {
		rec, err := rd.RecordBatch(i)
		if err != nil {
			return 0, fmt.Errorf("report: %s: %w", path, err)
		}
		n += rec.NumRows()
	}
	return n, nil
}

// columns is a table read whole, with its columns by name as Go values.
type columns struct {
	n    int
	cols map[string][]any
}

func (c columns) str(name string, i int) string {
	col := c.cols[name]
	if col == nil {
		return ""
	}
	s, _ := col[i].(string)
	return s
}

func (c columns) num(name string, i int) (float64, bool) {
	col := c.cols[name]
	if col == nil {
		return 0, false
	}
	switch v := col[i].(type) {
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case float32:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// readTable reads the named columns of a table, every part in order
// (missing table: no rows; missing column: zero values).
func (r *Run) readTable(table string, names ...string) (columns, error) {
	paths, format := tablePaths(r.Dir, table, r.Info)
	out := columns{cols: map[string][]any{}}
	for _, path := range paths {
		part, err := readPart(path, format, names)
		if err != nil {
			return columns{}, err
		}
		for _, name := range names {
			vals := part.cols[name]
			if vals == nil { // a missing column reads as nulls
				vals = make([]any, part.n)
			}
			out.cols[name] = append(out.cols[name], vals...)
		}
		out.n += part.n
	}
	return out, nil
}

// readPart reads the named columns of one part file.
func readPart(path, format string, names []string) (columns, error) {
	mem := memory.DefaultAllocator
	var tbl arrow.Table
	if format == "parquet" {
		pf, err := file.OpenParquetFile(path, false)
		if err != nil {
			return columns{}, fmt.Errorf("report: %s: %w", path, err)
		}
		defer pf.Close()
		fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 4096}, mem)
		if err != nil {
			return columns{}, fmt.Errorf("report: %s: %w", path, err)
		}
		if tbl, err = fr.ReadTable(context.Background()); err != nil {
			return columns{}, fmt.Errorf("report: %s: %w", path, err)
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return columns{}, fmt.Errorf("report: %w", err)
		}
		defer f.Close()
		rd, err := ipc.NewFileReader(f, ipc.WithAllocator(mem))
		if err != nil {
			return columns{}, fmt.Errorf("report: %s: %w", path, err)
		}
		defer rd.Close()
		var recs []arrow.RecordBatch
		for i := 0; i < rd.NumRecords(); i++ {
			rec, err := rd.RecordBatch(i)
			if err != nil {
				return columns{}, fmt.Errorf("report: %s: %w", path, err)
			}
			rec.Retain() // the reader releases it on the next call
			recs = append(recs, rec)
		}
		tbl = array.NewTableFromRecords(rd.Schema(), recs)
		for _, rec := range recs {
			rec.Release()
		}
	}
	defer tbl.Release()
	out := columns{n: int(tbl.NumRows()), cols: map[string][]any{}}
	for _, name := range names {
		idx := tbl.Schema().FieldIndices(name)
		if len(idx) == 0 {
			continue
		}
		vals := make([]any, 0, out.n)
		for _, chunk := range tbl.Column(idx[0]).Data().Chunks() {
			for i := 0; i < chunk.Len(); i++ {
				vals = append(vals, value(chunk, i))
			}
		}
		out.cols[name] = vals
	}
	return out, nil
}

// value is one cell as a Go value; nil for null or a type the report does
// not show.
func value(a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i)
	case *array.LargeString:
		return a.Value(i)
	case *array.Int32:
		return a.Value(i)
	case *array.Int64:
		return a.Value(i)
	case *array.Float32:
		return a.Value(i)
	case *array.Float64:
		return a.Value(i)
	}
	return nil
}

// tally counts a name across documents.
type tally struct {
	top   map[string]*Top
	docOf map[string]string // name -> last document counted, rows come in doc order
}

func newTally() *tally { return &tally{top: map[string]*Top{}, docOf: map[string]string{}} }

func (t *tally) add(name, extra, docID string, n int) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	x := t.top[name]
	if x == nil {
		x = &Top{Name: name}
		t.top[name] = x
	}
	if x.Extra == "" {
		x.Extra = extra
	}
	x.N += n
	if t.docOf[name] != docID {
		t.docOf[name] = docID
		x.Docs++
	}
}

// list is the tally by documents, then count, then name; at most n.
func (t *tally) list(n int) []Top {
	out := make([]Top, 0, len(t.top))
	for _, x := range t.top {
		out = append(out, *x)
	}
	slices.SortFunc(out, func(a, b Top) int {
		return cmp.Or(cmp.Compare(b.Docs, a.Docs), cmp.Compare(b.N, a.N), strings.Compare(a.Name, b.Name))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

func (r *Run) readPeople() error {
	c, err := r.readTable("people", "doc_id", "name", "mentions")
	if err != nil {
		return err
	}
	t := newTally()
	for i := 0; i < c.n; i++ {
		m, _ := c.num("mentions", i)
		t.add(c.str("name", i), "", c.str("doc_id", i), int(m))
	}
	r.People = t.list(r.TopN)
	return nil
}

func (r *Run) readOrgs() error {
	c, err := r.readTable("organizations", "doc_id", "name", "acronym", "mentions")
	if err != nil {
		return err
	}
	t := newTally()
	for i := 0; i < c.n; i++ {
		m, _ := c.num("mentions", i)
		t.add(c.str("name", i), c.str("acronym", i), c.str("doc_id", i), int(m))
	}
	r.Orgs = t.list(r.TopN)
	return nil
}

func (r *Run) readQuotes() error {
	c, err := r.readTable("quotes", "doc_id", "quote_id", "kind", "text", "speaker_name", "speaker_mention", "attribution", "cue", "confidence")
	if err != nil {
		return err
	}
	t := newTally()
	for i := 0; i < c.n; i++ {
		q := Quote{
			DocID: c.str("doc_id", i), ID: c.str("quote_id", i), Kind: c.str("kind", i), Text: c.str("text", i),
			Speaker: c.str("speaker_name", i), Mention: c.str("speaker_mention", i),
			Attribution: c.str("attribution", i), Cue: c.str("cue", i),
		}
		if f, ok := c.num("confidence", i); ok {
			q.Confidence = fmt.Sprintf("%.2f", f)
		}
		r.Quotes = append(r.Quotes, q)
		t.add(q.Speaker, "", q.DocID, 1)
	}
	// By document, each document's quotes in their order: a sharded run's
	// rows come grouped by shard, and its report must list them as one
	// run's (a folder's documents are in doc_id order already).
	slices.SortStableFunc(r.Quotes, func(a, b Quote) int { return strings.Compare(a.DocID, b.DocID) })
	r.Speakers = t.list(r.TopN)
	return nil
}

func (r *Run) readErrors() error {
	c, err := r.readTable("errors", "source", "doc_id", "stage", "message", "severity")
	if err != nil {
		return err
	}
	for i := 0; i < c.n; i++ {
		sev := c.str("severity", i)
		if sev == "" { // tables of schema version 1
			sev = "error"
		}
		r.Errors = append(r.Errors, ErrorRow{Source: c.str("source", i), DocID: c.str("doc_id", i), Stage: c.str("stage", i),
			Message: c.str("message", i), Severity: sev})
	}
	return nil
}

// Speakers are the distinct speaker names of the quotes, sorted, for the
// quote browser's filter.
func (r *Run) SpeakerNames() []string {
	var out []string
	for _, q := range r.Quotes {
		if q.Speaker != "" {
			out = append(out, q.Speaker)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Attributions are the distinct attribution methods, sorted.
func (r *Run) Attributions() []string {
	var out []string
	for _, q := range r.Quotes {
		out = append(out, q.Attribution)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Max returns the largest count in a top list, for the inline bars.
func Max(ts []Top) int {
	m := 0
	for _, t := range ts {
		m = max(m, t.N)
	}
	return m
}
