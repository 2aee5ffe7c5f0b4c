// Package run drives a batch: documents from ingest, through a pool of
// workers calling the pure extract function, back into input order, into the
// table writers. It owns concurrency, ordering, progress, checkpoints,
// interruption and run.json; it knows nothing about how extraction works.
//
// In: Options (inputs, output dir, format, workers, limits) and an Extract
// function. Out: the tables and run.json in Options.Out, and a Summary.
//
// Unattended runs: a panic or a document over its time budget costs that
// document (an error row), never the batch. A run locks OUT; its tables are
// written to a temporary folder and renamed into OUT only once all are
// complete, run.json (the commit record, with every table's checksum)
// last: see publish.go.
// Every extracted document is also checkpointed in OUT/.plenary-state/
// (see state.go); with Options.Resume a document whose content hash is there
// is not extracted again, which makes a rerun after SIGKILL, or over a folder
// that has grown, cost only the new work while giving the same tables.
package run

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"plenary/pipeline/doc"
	"plenary/pipeline/ingest"
	"plenary/pipeline/registry"
	"plenary/pipeline/tables"
)

// ExtractFunc turns one document into its records. It must be safe for
// concurrent use, and should return soon after ctx is done (the document's
// time budget ran out), with an error.
type ExtractFunc func(ctx context.Context, d doc.Doc) (doc.Extraction, error)

// DefaultDocTimeout is the default per-document time budget.
const DefaultDocTimeout = 30 * time.Second

// largeDocBytes is the size past which documents are extracted one at a
// time, each beside at most smaller ones on the other workers. Extraction
// holds ~45-175 bytes of memory per byte of text (README: Memory), so two
// large documents at once would double the peak.
const largeDocBytes = 256 << 10

// inflightSlotBytes is the text one slot of the in-flight window stands for.
const inflightSlotBytes = 256 << 10

// Options configure a run.
type Options struct {
	Inputs   []string
	Out      string
	Format   string // "parquet" or "arrow"
	Workers  int    // <= 0: all cores
	Quiet    bool
	Progress io.Writer // where progress and the summary go (stderr)
	Terminal bool      // Progress is a terminal: draw a bar
	Stdin    io.Reader
	Version  string
	Commit   string   // the source revision, recorded in run.json
	Args     []string // recorded in run.json
	Ingest   ingest.Options
	// Notices are warning rows about the run itself (a --lexicon file no
	// stage reads), written to the errors table before any document's.
	Notices []doc.DocError
	// NoText writes documents.text as null (run --no-text).
	NoText bool

	// DocTimeout is each document's extraction budget (0: none). A
	// document over it becomes an error row and the run goes on; its
	// goroutine cannot be killed, so it is abandoned and its CPU is lost
	// until it returns.
	DocTimeout time.Duration
	// Resume reuses the checkpoint in Out/.plenary-state (made by an
	// interrupted, killed or earlier complete run with the same
	// Fingerprint): documents whose content hash is there are not
	// extracted again. Without Resume the checkpoint is started afresh.
	Resume bool
	// Fingerprint names everything besides the document that extraction
	// depends on (version, lexicons). A checkpoint made under another
	// fingerprint is not reused.
	Fingerprint string
	// AllowEmpty writes (empty) tables when the inputs hold no document;
	// without it such a run returns a *NoDocumentsError and leaves OUT as
	// it was.
	AllowEmpty bool
	// Optional names the optional tables to write (tables.Optional):
	// "trace" for plenary run --trace.
	Optional []string
	// Stop, when closed, stops the run gracefully: no more input is read,
	// documents in flight are finished, and what is complete is written,
	// with Summary.Interrupted set.
	Stop <-chan struct{}
	// CheckpointEvery and CheckpointInterval bound the work a crash can
	// lose: the checkpoint is made durable every so many documents or so
	// much time, whichever comes first (defaults 256 and 2s; each commit
	// is two fsyncs, on the checkpoint's own goroutine).
	CheckpointEvery    int
	CheckpointInterval time.Duration

	// Stages, when set, reports the extractor's time per stage (summed over
	// workers); it goes into run.json's stage_seconds with the writer's
	// own time ("write": tables and checkpoint, on the collector).
	Stages func() map[string]float64
	// ProcessStart is when the process began (see cmd/plenary): run.json's
	// startup_seconds runs from it to the first document handed to a
	// worker. The zero value means Run's own start.
	ProcessStart time.Time
	// Registry resolves the persons across the run's documents at its end
	// (nil: one built from the embedded lexicon).
	Registry *registry.Resolver
	// BeforeClose, when set, is called once every document is written and
	// before the tables are finished: the writers still hold their buffers,
	// so a heap profile taken here shows the run's working set.
	BeforeClose func()

	// Shard makes the run one shard of a sharded run (see shard.go): it
	// takes only its documents and leaves its output for Finalize.
	Shard Shard
	// Lexicons names the plenary version and the --lexicon files (see
	// Fingerprint, which may add more): shards and Finalize must agree.
	Lexicons string
	// PartBytes is where a table's part file ends (0: the default).
	PartBytes int64
}

// Summary is what a run did; it is also written to run.json.
type Summary struct {
	Version     string           `json:"version"`
	Commit      string           `json:"commit"`     // source revision ("unknown" when the build recorded none)
	GoVersion   string           `json:"go_version"` // the Go toolchain that built plenary
	Args        []string         `json:"args"`
	Started     time.Time        `json:"started"`
	Finished    time.Time        `json:"finished"`
	Seconds     float64          `json:"seconds"`
	Format      string           `json:"format"`
	Workers     int              `json:"workers"`
	Bytes       int64            `json:"bytes"`
	Interrupted bool             `json:"interrupted"` // stopped by a signal: the tables cover only part of the input
	Resumed     bool             `json:"resumed"`     // a checkpoint was reused
	Counts      map[string]int64 `json:"counts"`
	// StartupSeconds: from the process's start to the first document
	// handed to a worker (runtime and library initialisation, lexicons,
	// models, output folder, checkpoint, listing up to that document);
	// the whole run when there was no document.
	StartupSeconds float64 `json:"startup_seconds"`
	// StageSeconds: time per extraction stage summed over workers, and
	// "write" for the collector (tables, checkpoint), for `make bench`.
	StageSeconds map[string]float64 `json:"stage_seconds,omitempty"`
	// Files is the commit record: every table file the run published,
	// with its size and SHA-256. run.json is renamed into OUT after the
	// tables, so a table that does not match its entry here belongs to
	// another run (see Verify).
	Files []FileRecord `json:"files"`
	// SkippedFiles lists the files that are not documents and why (the
	// first 1000; documents.skipped counts them all).
	SkippedFiles []SkippedFile `json:"skipped"`
	Documents    DocCounts     `json:"documents"`
	// Shards: a sharded run's run.json (written by Finalize) has each
	// shard's own figures; the rest sums them.
	Shards []ShardSummary `json:"shards,omitempty"`
}

// DocCounts counts what became of a run's inputs.
type DocCounts struct {
	OK       int `json:"ok"`       // in the tables (with or without warnings)
	Failed   int `json:"failed"`   // an error row instead
	Skipped  int `json:"skipped"`  // not a supported format
	Reused   int `json:"reused"`   // of OK, taken from the checkpoint
	Warnings int `json:"warnings"` // warning rows in errors
	TimedOut int `json:"timed_out"`
}

func (d *DocCounts) add(o DocCounts) {
	d.OK += o.OK
	d.Failed += o.Failed
	d.Skipped += o.Skipped
	d.Reused += o.Reused
	d.Warnings += o.Warnings
	d.TimedOut += o.TimedOut
}

// job is one unit in input order: a document to extract, or an ingest error
// or warning.
type job struct {
	seq    int
	doc    *doc.Doc
	err    *doc.DocError
	out    doc.Extraction
	fail   *doc.DocError
	key    string
	ck     []byte // the checkpoint record, made by the worker
	reused bool
	late   bool  // over the time budget
	slots  int   // taken in inflight
	bytes  int64 // input bytes the item accounts for (ingest.Item.Bytes), for the progress bar
	other  bool  // another shard's item: nothing to write
}

// Run processes every input and writes the tables. The returned error is a
// usage or output failure (nothing was published: an INPUT that does not
// exist, an input without documents, the tables could not be written);
// per-document failures are counted in the Summary and written to the
// errors table.
//
// OUT is not touched before the input has yielded something to process (a
// document or an error row): a typo in INPUT or an empty folder leaves the
// previous tables and checkpoint as they were.
func Run(opt Options, extract ExtractFunc) (sum Summary, err error) {
	sum.Version = opt.Version
	sum.Commit = opt.Commit
	sum.GoVersion = runtime.Version()
	sum.Args = opt.Args
	sum.Started = time.Now().UTC()
	sum.Format = opt.Format
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sum.Workers = workers
	if err := checkInputs(opt.Inputs); err != nil {
		return sum, err
	}
	if opt.Shard.Sharded() {
		if err := opt.Shard.check("run: --shard"); err != nil {
			return sum, err
		}
		opt.Ingest.Shard, opt.Ingest.Shards = opt.Shard.Index, opt.Shard.Count
	}
	processStart := opt.ProcessStart
	if processStart.IsZero() {
		processStart = sum.Started
	}
	p := newProducer(opt, workers, processStart)
	go p.run()
	switch p.waitHead(opt.Stop) {
	case headStopped:
		return sum, ErrStoppedBeforeInput
	case headEmpty:
		if !opt.AllowEmpty {
			e := p.noDocuments()
			p.abandon()
			return sum, e
		}
	}
	sum.Documents.Skipped = p.headSkipped

	o, err := openOutput(opt)
	if err != nil {
		p.abandon()
		return sum, fmt.Errorf("run: %w", err)
	}
	defer o.cleanup()
	sum.Resumed = o.reused
	if opt.Resume && !o.reused && opt.Progress != nil {
		where := opt.Out
		if opt.Shard.Sharded() {
			where += " for shard " + opt.Shard.String()
		}
		fmt.Fprintf(opt.Progress, "plenary: no checkpoint for this version, lexicons and checkpoint format in %s; processing everything\n", where)
	}
	w, err := o.work(opt, p, extract, &sum)
	if err != nil {
		return sum, err
	}
	if opt.Shard.Sharded() {
		if err := o.commitShard(opt, sum, w.spill); err != nil {
			return sum, fmt.Errorf("run: %w", err)
		}
	} else if err := o.finish(opt, &sum, w); err != nil {
		return sum, fmt.Errorf("run: %w", err)
	}
	if opt.Progress != nil {
		fmt.Fprintln(opt.Progress, sum.Line(opt.Out))
	}
	return sum, nil
}

// worked is what the map step leaves for what follows.
type worked struct {
	spill     FileRecord // the people spill, path relative to the temporary folder
	writeTime time.Duration
}

// work is the map step: every document of the run (of its shard) is
// extracted, or taken from the checkpoint, and written to the tables made
// per document, in input order; its people go to the spill for the
// whole-run step. sum gets the counts and times.
func (o *output) work(opt Options, p *producer, extract ExtractFunc, sum *Summary) (worked, error) {
	st, set := o.st, o.set
	every, interval := opt.CheckpointEvery, opt.CheckpointInterval
	if every <= 0 {
		every = 256
	}
	if interval <= 0 {
		interval = 2 * time.Second
	}
	people, err := registry.CreateSpill(filepath.Join(o.tmp, spillName))
	if err == nil && opt.Shard.Index == 0 {
		// The run's own warnings: once, from the first shard.
		err = addNotices(set, opt.Notices, sum)
	}
	if err != nil {
		set.Abort()
		st.close(false)
		p.abandon()
		return worked{}, fmt.Errorf("run: %w", err)
	}
	st.start(every, interval)
	bar := newProgress(opt)
	timedOut := startWorkers(opt, p, st, extract, sum.Workers)
	p.proceed <- true

	// The collector restores input order, writes, and checkpoints.
	var writeErr error
	var writeTime time.Duration
	write := func(j *job) {
		if writeErr != nil {
			return
		}
		writeErr = writeJob(j, set, people, st, sum)
		bar.step(j, *sum)
	}
	skipped, interrupted := p.collect(opt.Stop, func(j *job) {
		t0 := time.Now()
		write(j)
		writeTime += time.Since(t0)
	})
	sum.Documents.Skipped += skipped
	sum.SkippedFiles = p.skippedFiles()
	bar.finish(interrupted)
	sum.Interrupted = interrupted
	sum.Documents.TimedOut = int(timedOut.Load())
	if serr := st.close(writeErr == nil && !sum.Interrupted); writeErr == nil && serr != nil {
		writeErr = serr
	}
	if cerr := people.Close(); writeErr == nil && cerr != nil {
		writeErr = cerr
	}
	if writeErr != nil {
		set.Abort()
		return worked{}, fmt.Errorf("run: writing tables: %w", writeErr)
	}
	if opt.BeforeClose != nil {
		opt.BeforeClose()
	}
	closeStart := time.Now()
	if cerr := set.Close(); cerr != nil {
		return worked{}, fmt.Errorf("run: writing tables: %w", cerr)
	}
	w := worked{writeTime: writeTime + time.Since(closeStart)}
	if w.spill, err = syncedChecksum(o.tmp, spillName); err != nil {
		return worked{}, fmt.Errorf("run: %w", err)
	}
	sum.Finished = time.Now().UTC()
	sum.Seconds = sum.Finished.Sub(sum.Started).Seconds()
	sum.Counts = set.Counts()
	sum.StartupSeconds = time.Duration(p.startup.Load()).Seconds()
	if sum.StartupSeconds == 0 {
		sum.StartupSeconds = sum.Finished.Sub(p.processStart).Seconds()
	}
	if opt.Stages != nil {
		sum.StageSeconds = opt.Stages()
		sum.StageSeconds["write"] = w.writeTime.Seconds()
	}
	for _, f := range set.Files() {
		sum.Files = append(sum.Files, FileRecord(f))
	}
	return w, nil
}

// startWorkers starts the workers: each takes documents from the producer,
// serves them from the checkpoint or extracts them, and hands them to the
// collector. It returns the count of documents over their time budget.
func startWorkers(opt Options, p *producer, st *state, extract ExtractFunc, workers int) *atomic.Int64 {
	timedOut := new(atomic.Int64)
	large := make(chan struct{}, 1) // held while a large document is extracted
	for w := 0; w < workers; w++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			var enc recordEncoder
			for j := range p.jobs {
				if j.doc != nil {
					j.key = docKey(j.doc)
					if x, ok := st.lookup(j.key, *j.doc); ok {
						j.out, j.reused = x, true
					} else {
						one := len(j.doc.Text) > largeDocBytes
						if one {
							large <- struct{}{}
						}
						j.out, j.fail, j.late = extractOne(extract, *j.doc, opt.DocTimeout)
						if one {
							<-large
						}
						if j.late {
							timedOut.Add(1)
						}
						if j.fail == nil {
							// Here, not on the checkpoint goroutine:
							// encoding scales with the workers.
							j.ck = enc.encode(&j.out)
						}
					}
				}
				p.done <- j
			}
		}()
	}
	return timedOut
}

// writeJob writes one job, in input order: its rows, its people to the
// spill, its record to the checkpoint; sum counts it.
func writeJob(j *job, set *tables.Set, people *registry.SpillWriter, st *state, sum *Summary) error {
	switch {
	case j.other:
		return nil
	case j.err != nil && j.err.IsWarning():
		sum.Documents.Warnings++
		return set.AddError(*j.err)
	case j.err != nil:
		sum.Documents.Failed++
		return set.AddError(*j.err)
	case j.fail != nil:
		sum.Documents.Failed++
		return set.AddError(*j.fail)
	}
	if err := set.Add(j.out); err != nil {
		if !errors.Is(err, tables.ErrInvalid) {
			return err
		}
		// The stage produced something the schema cannot hold: that
		// document fails, nothing of it was written.
		sum.Documents.Failed++
		return set.AddError(doc.DocError{Source: j.doc.Source, DocID: j.doc.ID, Stage: "tables", Message: err.Error()})
	}
	if err := people.Add(registry.FromExtraction(&j.out)); err != nil {
		return err
	}
	sum.Documents.OK++
	sum.Bytes += int64(len(j.out.Doc.Text))
	if j.reused {
		sum.Documents.Reused++
	}
	return st.put(j.key, j.ck) // nil for a reused document: kept as it is
}

// finish ends a run without shards: the whole-run step over its one
// shard's output, then the publish.
func (o *output) finish(opt Options, sum *Summary, w worked) error {
	regStart := time.Now()
	rec := ShardRecord{Summary: *sum, Spill: w.spill}
	wr, err := wholeRun(wholeOptions{tmp: o.tmp, format: opt.Format, version: opt.Version, partBytes: opt.PartBytes, registry: opt.Registry},
		[]shardOut{{dir: o.tmp, rec: rec}})
	if err != nil {
		return err
	}
	sum.Files = append(sum.Files, wr.files...)
	slices.SortStableFunc(sum.Files, func(a, b FileRecord) int { return cmp.Compare(tableRank(a.Name), tableRank(b.Name)) })
	maps.Copy(sum.Counts, wr.counts)
	sum.Finished = time.Now().UTC()
	sum.Seconds = sum.Finished.Sub(sum.Started).Seconds()
	if sum.StageSeconds != nil {
		sum.StageSeconds["registry"] = time.Since(regStart).Seconds()
	}
	placed := make([]placedFile, len(sum.Files))
	for i, f := range sum.Files {
		placed[i] = placedFile{FileRecord: f, from: filepath.Join(o.tmp, filepath.FromSlash(f.Name))}
	}
	return publish(o.out, o.tmp, placed, sum)
}

// stopGrace is how long a worker waits, once a document's budget has run
// out and its extraction was told to stop, for the extraction to return:
// the stages check every few thousand turns of their loops (see
// pipeline/budget), far within this. Waiting frees the document's memory
// before the worker takes the next one.
var stopGrace = 5 * time.Second // a variable for tests

// extractOne runs extract on d in its own goroutine: a panic there becomes
// an error with its stack, and a document over its budget is told to stop
// (its context is cancelled) and dropped, an error row. An extraction that
// does not stop within stopGrace is abandoned, its goroutine running on
// (Go cannot kill it), and the row says so.
func extractOne(extract ExtractFunc, d doc.Doc, budget time.Duration) (x doc.Extraction, fail *doc.DocError, late bool) {
	type result struct {
		x   doc.Extraction
		err error
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan result, 1) // buffered: an abandoned goroutine never blocks
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- result{err: fmt.Errorf("internal error (recovered panic): %v\n%s", p, debug.Stack())}
			}
		}()
		x, err := extract(ctx, d)
		ch <- result{x: x, err: err}
	}()
	var timeout <-chan time.Time
	if budget > 0 {
		t := time.NewTimer(budget)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case r := <-ch:
		if r.err != nil {
			return doc.Extraction{}, &doc.DocError{Source: d.Source, DocID: d.ID, Stage: "extract", Message: r.err.Error()}, false
		}
		return r.x, nil, false
	case <-timeout:
		cancel()
		msg := fmt.Sprintf("extraction took longer than the %v per-document budget (--doc-timeout); document dropped (%d code points)",
			budget, utf8.RuneCountInString(d.Text))
		grace := time.NewTimer(stopGrace)
		defer grace.Stop()
		select {
		case <-ch:
		case <-grace.C:
			msg += fmt.Sprintf("; its extraction did not stop within %v of being told to and runs on", stopGrace)
		}
		return doc.Extraction{}, &doc.DocError{Source: d.Source, DocID: d.ID, Stage: "extract", Message: msg}, true
	}
}

// addNotices writes the run's own warning rows and counts them.
func addNotices(set *tables.Set, notices []doc.DocError, sum *Summary) error {
	for _, n := range notices {
		if err := set.AddError(n); err != nil {
			return err
		}
		sum.Documents.Warnings++
	}
	return nil
}

// Line is the one-line summary of a run, printed after the progress bar
// or, off a terminal, alone.
func (s Summary) Line(out string) string {
	rate := ""
	if s.Seconds > 0 {
		rate = " (" + humanSize(int64(float64(s.Bytes)/s.Seconds)) + "/s)"
	}
	n := s.Documents.OK + s.Documents.Failed
	noun := "documents"
	if n == 1 {
		noun = "document"
	}
	return fmt.Sprintf("plenary: %d %s (%d ok, %d failed, %d skipped), %s in %.2fs%s -> %s",
		n, noun, s.Documents.OK, s.Documents.Failed, s.Documents.Skipped, humanSize(s.Bytes), s.Seconds, rate, out)
}
