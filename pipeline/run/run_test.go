package run

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"plenary/pipeline/doc"
	"plenary/pipeline/tables"
	"plenary/pipeline/tables/tablestest"
)

// fakeExtract makes a few rows out of a document's words, and counts calls
// per doc_id, so tests can tell what was extracted and what was reused.
type fakeExtract struct {
	mu    sync.Mutex
	calls map[string]int
	hook  func(d doc.Doc) // runs first: may panic or sleep
}

func (f *fakeExtract) extract(_ context.Context, d doc.Doc) (doc.Extraction, error) {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[d.ID]++
	f.mu.Unlock()
	if f.hook != nil {
		f.hook(d)
	}
	x := doc.Extraction{Doc: d, Stats: doc.Stats{NChars: len([]rune(d.Text)), NTokens: len(strings.Fields(d.Text)), SHA256: "x"}}
	off := 0
	for i, w := range strings.Fields(d.Text) {
		start := strings.Index(d.Text[off:], w) + off
		off = start + len(w)
		if w[0] >= 'A' && w[0] <= 'Z' {
			x.People = append(x.People, doc.Person{ID: fmt.Sprintf("p%d", i+1), Name: w, Aliases: []string{strings.ToLower(w)}, Mentions: 1, Span: doc.Span{Start: start, End: off}})
			x.Quotes = append(x.Quotes, doc.Quote{ID: fmt.Sprintf("q%d", i+1), Kind: doc.Direct, Text: w, Span: doc.Span{Start: start, End: off}, Attribution: doc.AttrNone, Confidence: 1 / float32(i+3)})
		}
	}
	return x, nil
}

func (f *fakeExtract) count(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[id]
}

func (f *fakeExtract) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

func writeDocs(t *testing.T, dir string, n int, text func(i int) string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%04d.txt", i)), []byte(text(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func docText(i int) string {
	return fmt.Sprintf("Report %d: Alpha met Beta in Gamma%d on day %d.\n", i, i%7, i)
}

// completeRun writes n documents into a new folder, runs over it once into
// a new output folder and returns both with the tables that run wrote.
func completeRun(t *testing.T, n int) (in, out string, want map[string][]string) {
	t.Helper()
	in = filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, n, docText)
	out = filepath.Join(t.TempDir(), "out")
	if _, err := Run(options(in, out), (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	return in, out, readTables(t, out)
}

// resumeRun runs over in again with --resume into out; the extractor it
// returns counts what was extracted anew.
func resumeRun(t *testing.T, in, out string) (Summary, *fakeExtract) {
	t.Helper()
	fx := &fakeExtract{}
	opt := options(in, out)
	opt.Resume = true
	sum, err := Run(opt, fx.extract)
	if err != nil {
		t.Fatal(err)
	}
	return sum, fx
}

func options(in, out string) Options {
	return Options{Inputs: []string{in}, Out: out, Format: tables.Parquet, Workers: 3, Quiet: true,
		Progress: io.Discard, Version: "test", Fingerprint: "fp", CheckpointEvery: 4}
}

// readTables reads every table of out as rows of strings.
func readTables(t *testing.T, out string) map[string][]string {
	t.Helper()
	return tablestest.Rows(t, out)
}

func readSummary(t *testing.T, out string) Summary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s Summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPanicAndTimeoutCostOneDocument(t *testing.T) {
	defer func(g time.Duration) { stopGrace = g }(stopGrace)
	stopGrace = 100 * time.Millisecond // d0003 never stops
	in, out := filepath.Join(t.TempDir(), "in"), filepath.Join(t.TempDir(), "out")
	writeDocs(t, in, 6, docText)
	release := make(chan struct{})
	defer close(release)
	fx := &fakeExtract{hook: func(d doc.Doc) {
		switch d.ID {
		case "d0001":
			var m map[string]int
			m["boom"]++ // a nil map write: a real runtime panic
		case "d0003":
			<-release // never returns within the budget
		}
	}}
	opt := options(in, out)
	opt.DocTimeout = 200 * time.Millisecond
	sum, err := Run(opt, fx.extract)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents.OK != 4 || sum.Documents.Failed != 2 || sum.Documents.TimedOut != 1 {
		t.Fatalf("documents = %+v, want 4 ok, 2 failed, 1 timed out", sum.Documents)
	}
	got := readTables(t, out)
	if len(got["documents"]) != 4 || len(got["errors"]) != 2 {
		t.Fatalf("documents %d rows, errors %d rows", len(got["documents"]), len(got["errors"]))
	}
	panicRow, lateRow := got["errors"][0], got["errors"][1]
	for _, want := range []string{"d0001.txt", "d0001", "extract", "recovered panic", "assignment to entry in nil map", "goroutine", "run_test.go", "error"} {
		if !strings.Contains(panicRow, want) {
			t.Errorf("panic row lacks %q: %q", want, panicRow)
		}
	}
	for _, want := range []string{"d0003.txt", "extract", "per-document budget", "--doc-timeout"} {
		if !strings.Contains(lateRow, want) {
			t.Errorf("timeout row lacks %q: %q", want, lateRow)
		}
	}
}

// TestTimedOutDocumentStops: a document over its budget is told to stop
// (its context is done), and its worker waits for it to return before it
// takes the next, so it burns no core and holds no memory afterwards; one
// that ignores the signal is abandoned after stopGrace, and its row says so.
func TestTimedOutDocumentStops(t *testing.T) {
	defer func(g time.Duration) { stopGrace = g }(stopGrace)
	stopGrace = 2 * time.Second
	in, out := filepath.Join(t.TempDir(), "in"), filepath.Join(t.TempDir(), "out")
	writeDocs(t, in, 4, docText)
	stopped := make(chan struct{}) // closed when d0001's extraction returns
	release := make(chan struct{})
	defer close(release)
	extract := func(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
		switch d.ID {
		case "d0001": // stops when told to
			defer close(stopped)
			for ctx.Err() == nil {
				runtime.Gosched()
			}
			return doc.Extraction{}, ctx.Err()
		case "d0002": // ignores it
			<-release
		}
		return (&fakeExtract{}).extract(ctx, d)
	}
	opt := options(in, out)
	opt.Workers, opt.DocTimeout = 1, 150*time.Millisecond
	start := time.Now()
	sum, err := Run(opt, extract)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-stopped:
	default:
		t.Error("the timed-out extraction was still running when its worker moved on")
	}
	if sum.Documents.OK != 2 || sum.Documents.TimedOut != 2 {
		t.Errorf("documents = %+v, want 2 ok, 2 timed out", sum.Documents)
	}
	if d := time.Since(start); d < stopGrace {
		t.Errorf("run took %v: it did not wait %v for the extraction that ignores its context", d, stopGrace)
	}
	rows := readTables(t, out)["errors"]
	if len(rows) != 2 || strings.Contains(rows[0], "runs on") || !strings.Contains(rows[1], "runs on") {
		t.Errorf("error rows: %q", rows)
	}
}

func TestWarningsAreNotFailures(t *testing.T) {
	in, out := filepath.Join(t.TempDir(), "in"), filepath.Join(t.TempDir(), "out")
	writeDocs(t, in, 2, docText)
	for name, content := range map[string]string{
		"e-empty.txt":       "",
		"l-latin.txt":       "Caf\xe9 Alpha.\n",
		"x-binary.txt":      "\x00\x01\x02",
		"s-side.txt":        "Side Car.\n",
		"s-side.meta.json":  "{broken",
		"u-utf16.txt":       "\xff\xfeO\x00k\x00",
		"z-not-a-report.py": "print()",
	} {
		if err := os.WriteFile(filepath.Join(in, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fx := &fakeExtract{}
	sum, err := Run(options(in, out), fx.extract)
	if err != nil {
		t.Fatal(err)
	}
	d := sum.Documents
	if d.OK != 6 || d.Failed != 1 || d.Warnings != 4 || d.Skipped != 1 {
		t.Fatalf("documents = %+v, want 6 ok (warnings do not fail), 1 failed, 4 warnings, 1 skipped", d)
	}
	got := readTables(t, out)
	var enc []string
	for _, r := range got["documents"] {
		f := strings.Split(r, "\x1f")
		enc = append(enc, f[0]+"="+f[9])
	}
	want := []string{"d0000=utf-8", "d0001=utf-8", "e-empty=utf-8", "l-latin=windows-1252", "s-side=utf-8", "u-utf16=utf-16le"}
	if !reflect.DeepEqual(enc, want) {
		t.Errorf("documents encodings = %v, want %v", enc, want)
	}
	sev := map[string]int{}
	for _, r := range got["errors"] {
		f := strings.Split(r, "\x1f")
		sev[f[4]]++
	}
	if sev["warning"] != 4 || sev["error"] != 1 {
		t.Errorf("severities = %v", sev)
	}
}

// TestResumeAfterStop stops a run part way (as SIGINT does), then resumes:
// the tables equal an uninterrupted run's and only the rest is extracted.
func TestResumeAfterStop(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	const n = 60
	writeDocs(t, in, n, docText)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Run(options(in, ref), (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	want := readTables(t, ref)

	out := filepath.Join(t.TempDir(), "out")
	stop := make(chan struct{})
	var seen atomic.Int64
	var once sync.Once
	fx := &fakeExtract{hook: func(d doc.Doc) {
		if seen.Add(1) == 20 {
			once.Do(func() { close(stop) })
		}
	}}
	opt := options(in, out)
	opt.Stop = stop
	sum, err := Run(opt, fx.extract)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Documents.OK >= n || sum.Documents.OK < 20 {
		t.Fatalf("stopped run: %+v interrupted=%v", sum.Documents, sum.Interrupted)
	}
	if rs := readSummary(t, out); !rs.Interrupted {
		t.Error("run.json does not say interrupted")
	}
	partial := readTables(t, out)
	if len(partial["documents"]) != sum.Documents.OK || !reflect.DeepEqual(partial["documents"], want["documents"][:sum.Documents.OK]) {
		t.Errorf("interrupted tables are not the first %d documents of the full run", sum.Documents.OK)
	}

	done := sum.Documents.OK
	sum, fx2 := resumeRun(t, in, out)
	if !reflect.DeepEqual(readTables(t, out), want) {
		t.Error("resumed tables differ from an uninterrupted run")
	}
	if sum.Interrupted || !sum.Resumed || sum.Documents.Reused != done || fx2.total() != n-done {
		t.Errorf("resume reused %d and extracted %d, want %d and %d (resumed=%v)", sum.Documents.Reused, fx2.total(), done, n-done, sum.Resumed)
	}
	for i := 0; i < done; i++ {
		if id := fmt.Sprintf("d%04d", i); fx2.count(id) != 0 {
			t.Errorf("%s was extracted again", id)
		}
	}
	if ents, _ := filepath.Glob(filepath.Join(out, tmpPrefix+"*")); len(ents) != 0 {
		t.Errorf("temporary folders left: %v", ents)
	}
}

// TestResumeIncremental: a folder that grew, changed and shrank.
func TestResumeIncremental(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 20, docText)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Run(options(in, out), (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	// 5 new, 2 changed, 1 removed, one sidecar added (metadata changes the key).
	writeDocs(t, in, 25, func(i int) string {
		if i == 3 || i == 9 {
			return "Changed " + docText(i)
		}
		return docText(i)
	})
	os.Remove(filepath.Join(in, "d0007.txt"))
	os.WriteFile(filepath.Join(in, "d0011.meta.json"), []byte(`{"title":"New Title"}`), 0o644)

	sum, fx := resumeRun(t, in, out)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Run(options(in, ref), (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(readTables(t, out), readTables(t, ref)) {
		t.Error("incremental tables differ from a fresh run over the same folder")
	}
	extracted := []string{}
	for _, id := range []string{"d0003", "d0009", "d0011", "d0020", "d0021", "d0022", "d0023", "d0024"} {
		if fx.count(id) != 1 {
			t.Errorf("%s extracted %d times, want 1", id, fx.count(id))
		}
		extracted = append(extracted, id)
	}
	if fx.total() != len(extracted) || sum.Documents.Reused != 24-len(extracted) {
		t.Errorf("extracted %d, reused %d; want %d and %d", fx.total(), sum.Documents.Reused, len(extracted), 24-len(extracted))
	}
	// The checkpoint now holds exactly the folder's 24 documents.
	st, _, err := openState(filepath.Join(out, StateDir), "fp", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.old) != 24 {
		t.Errorf("checkpoint holds %d documents after compaction, want 24", len(st.old))
	}
	st.close(false)

	// Another fingerprint (new version, other lexicons): nothing is reused.
	fx = &fakeExtract{}
	opt := options(in, out)
	opt.Resume, opt.Fingerprint = true, "other"
	sum, err = Run(opt, fx.extract)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Resumed || sum.Documents.Reused != 0 || fx.total() != 24 {
		t.Errorf("other fingerprint: resumed=%v reused %d extracted %d", sum.Resumed, sum.Documents.Reused, fx.total())
	}
}

// TestTornCheckpoint: a manifest line cut by a crash, and a shard whose
// tail was never synced, are ignored: those documents are extracted again.
func TestTornCheckpoint(t *testing.T) {
	in, out, want := completeRun(t, 10)
	mf := filepath.Join(out, StateDir, manifestFile)
	b, err := os.ReadFile(mf)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	// Keep 6 whole lines and half of the 7th; corrupt the record of the 2nd.
	torn := strings.Join(lines[:6], "") + lines[6][:len(lines[6])/2]
	if err := os.WriteFile(mf, []byte(torn), 0o644); err != nil {
		t.Fatal(err)
	}
	f := strings.Split(lines[1], "\t")
	shard := filepath.Join(out, StateDir, fmt.Sprintf("shard-%06s.s2", f[1]))
	sb, _ := os.ReadFile(shard)
	var off int
	fmt.Sscan(f[2], &off)
	sb[off+1] = '#'
	os.WriteFile(shard, sb, 0o644)

	sum, fx := resumeRun(t, in, out)
	if !reflect.DeepEqual(readTables(t, out), want) {
		t.Error("tables differ after resuming from a torn checkpoint")
	}
	if sum.Documents.Reused != 5 || fx.total() != 5 {
		t.Errorf("reused %d, extracted %d; want 5 and 5", sum.Documents.Reused, fx.total())
	}
	// The torn line was cut off, and the manifest rewritten at the end of
	// the resume holds the 5 reused documents and the 5 extracted again.
	sum, fx = resumeRun(t, in, out)
	if sum.Documents.Reused != 10 || fx.total() != 0 {
		t.Errorf("second resume: reused %d, extracted %d; want 10 and 0", sum.Documents.Reused, fx.total())
	}
	if !reflect.DeepEqual(readTables(t, out), want) {
		t.Error("tables differ after the second resume")
	}
}

// TestFailedRunKeepsPreviousTables: a run that cannot write leaves the
// tables of the previous run in place, whole.
func TestFailedRunKeepsPreviousTables(t *testing.T) {
	in, out, want := completeRun(t, 5)
	before := readSummary(t, out)
	// A date without a calendar value is refused by the tables: that
	// document fails, the others are written; then make writing fail
	// outright with an unknown format.
	opt := options(in, out)
	opt.Format = "csv"
	if _, err := Run(opt, (&fakeExtract{}).extract); err == nil {
		t.Fatal("a run with an unknown format succeeded")
	}
	if !reflect.DeepEqual(readTables(t, out), want) || readSummary(t, out).Started != before.Started {
		t.Error("a failed run changed the previous tables or run.json")
	}
	if ents, _ := filepath.Glob(filepath.Join(out, tmpPrefix+"*")); len(ents) != 0 {
		t.Errorf("temporary folders left: %v", ents)
	}
	// A stale temporary folder of a killed run is cleaned up.
	stale := filepath.Join(out, tmpPrefix+"999999999")
	os.MkdirAll(stale, 0o755)
	os.WriteFile(filepath.Join(stale, "people.parquet.tmp"), []byte("half"), 0o644)
	if _, err := Run(options(in, out), (&fakeExtract{}).extract); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale %s not removed", stale)
	}
}

func TestInvalidExtractionFailsOneDocument(t *testing.T) {
	in, out := filepath.Join(t.TempDir(), "in"), filepath.Join(t.TempDir(), "out")
	writeDocs(t, in, 3, docText)
	fx := &fakeExtract{}
	bad := func(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
		x, err := fx.extract(ctx, d)
		if d.ID == "d0001" {
			x.Dates = []doc.Date{{ID: "d1", Text: "someday", Value: "someday"}}
		}
		return x, err
	}
	sum, err := Run(options(in, out), bad)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents.OK != 2 || sum.Documents.Failed != 1 {
		t.Fatalf("documents = %+v", sum.Documents)
	}
	if e := readTables(t, out)["errors"]; len(e) != 1 || !strings.Contains(e[0], "d0001") || !strings.Contains(e[0], "no calendar value") {
		t.Errorf("errors = %q", e)
	}
}

// TestStopWhileStdinStaysOpen: a stop must not wait for input that never
// ends (stdin held open by another process).
func TestStopWhileStdinStaysOpen(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	go func() {
		for i := 0; i < 5; i++ {
			fmt.Fprintf(pw, `{"id":"s%d","text":"Alpha met Beta."}`+"\n", i)
		}
	}()
	out := filepath.Join(t.TempDir(), "out")
	opt := options("-", out)
	opt.Stdin = pr
	stop := make(chan struct{})
	opt.Stop = stop
	fx := &fakeExtract{}
	go func() {
		for fx.total() < 5 {
			time.Sleep(5 * time.Millisecond)
		}
		close(stop)
	}()
	type res struct {
		sum Summary
		err error
	}
	ch := make(chan res, 1)
	go func() { s, err := Run(opt, fx.extract); ch <- res{s, err} }()
	select {
	case r := <-ch:
		if r.err != nil || !r.sum.Interrupted || r.sum.Documents.OK != 5 {
			t.Fatalf("Run = %+v, %v; want 5 documents, interrupted", r.sum.Documents, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after Stop while stdin stayed open")
	}
}

// The in-flight window counts text, not only documents: a document as large
// as the whole window is read only once everything before it is written, so
// two of them are never in memory together, and the run still finishes in
// order.
func TestInflightWindowCountsText(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	const workers = 2
	big := strings.Repeat("word ", workers*32*inflightSlotBytes/5+1) // all the slots
	writeDocs(t, in, 8, func(i int) string {
		if i == 2 || i == 3 {
			return big
		}
		return docText(i)
	})
	var cur, most atomic.Int32
	f := &fakeExtract{hook: func(d doc.Doc) {
		if len(d.Text) < len(big) {
			return
		}
		n := cur.Add(1)
		defer cur.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		// Wait for the other one to start, as it would were it read.
		for end := time.Now().Add(time.Second); time.Now().Before(end) && cur.Load() < 2; {
			time.Sleep(5 * time.Millisecond)
		}
		if cur.Load() > most.Load() {
			most.Store(cur.Load())
		}
	}}
	opt := options(in, out)
	opt.Workers = workers
	opt.Ingest.MaxBytes = 2 * int64(len(big)) // past the default
	sum, err := Run(opt, f.extract)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents.OK != 8 {
		t.Fatalf("ok = %d, want 8", sum.Documents.OK)
	}
	if m := most.Load(); m != 1 {
		t.Fatalf("%d window-sized documents were extracted at once, want 1", m)
	}
	docs := readTables(t, out)["documents"]
	for i, row := range docs {
		if !strings.HasPrefix(row, fmt.Sprintf("d%04d\x1f", i)) {
			t.Fatalf("documents row %d = %.20q, want d%04d first", i, row, i)
		}
	}
}

// TestStartupRunsToFirstDocument: startup_seconds counts from the process
// start the caller gives to the first document handed to a worker, so the
// listing before it is in, and the extraction after it is not.
func TestStartupRunsToFirstDocument(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 4, docText)
	slow := func(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
		time.Sleep(300 * time.Millisecond)
		return (&fakeExtract{}).extract(ctx, d)
	}
	cases := []struct {
		name     string
		start    time.Time
		min, max float64
	}{
		{"process started an hour ago", time.Now().Add(-time.Hour), 3600, 3660},
		{"no process start: Run's own", time.Time{}, 0, 0.25},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := options(in, filepath.Join(t.TempDir(), "out"))
			opt.Workers = 1
			opt.ProcessStart = c.start
			sum, err := Run(opt, slow)
			if err != nil {
				t.Fatal(err)
			}
			if sum.StartupSeconds <= c.min || sum.StartupSeconds > c.max {
				t.Errorf("startup %.3f s, want in (%v, %v]", sum.StartupSeconds, c.min, c.max)
			}
			if got := readSummary(t, opt.Out).StartupSeconds; got != sum.StartupSeconds {
				t.Errorf("run.json startup %v, summary %v", got, sum.StartupSeconds)
			}
		})
	}
}

// lockedBuffer is a terminal stand-in: the bar writes from the collector and
// from the goroutine that plans the totals.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestProgressTotalsArriveLate: on a terminal the bar starts without
// totals (the first document does not wait for a listing of every input)
// and shows them once the plan is in.
func TestProgressTotalsArriveLate(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 6, docText)
	slow := func(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
		time.Sleep(40 * time.Millisecond) // the plan of 6 files ends first
		return (&fakeExtract{}).extract(ctx, d)
	}
	var term lockedBuffer
	opt := options(in, filepath.Join(t.TempDir(), "out"))
	opt.Workers, opt.Quiet, opt.Terminal, opt.Progress = 1, false, true, &term
	if _, err := Run(opt, slow); err != nil {
		t.Fatal(err)
	}
	out := term.String()
	if !regexp.MustCompile(`\r 100% \[=+\] \(270/270 B, [^)]+/s\) documents 6 \x1b\[0K\n`).MatchString(out) {
		t.Errorf("bar never showed the planned total:\n%q", out)
	}
}

// TestLargeDocumentsOneAtATime: documents over largeDocBytes are extracted
// one at a time, whatever the workers, so their memory does not add up;
// small ones still run beside them.
func TestLargeDocumentsOneAtATime(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 6; i++ {
		text := "Small Doc.\n"
		if i%2 == 0 {
			text = strings.Repeat("large doc. ", largeDocBytes/10)
		}
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("d%d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	large, most, beside := 0, 0, false
	extract := func(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
		isLarge := len(d.Text) > largeDocBytes
		mu.Lock()
		if isLarge {
			large++
			most = max(most, large)
		} else if large > 0 {
			beside = true
		}
		mu.Unlock()
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		if isLarge {
			large--
		}
		mu.Unlock()
		return (&fakeExtract{}).extract(ctx, d)
	}
	opt := options(in, filepath.Join(t.TempDir(), "out"))
	opt.Workers = 3
	if _, err := Run(opt, extract); err != nil {
		t.Fatal(err)
	}
	if most != 1 {
		t.Errorf("%d large documents extracted at once, want 1", most)
	}
	if !beside {
		t.Log("no small document ran beside a large one (scheduling); not an error")
	}
}
