// Package run drives a batch: documents from ingest, through a pool of
// workers calling the pure extract function, back into input order, into the
// table writers. It owns concurrency, ordering, progress and run.json; it
// knows nothing about how extraction works.
//
// In: Options (inputs, output dir, format, workers) and an Extract function.
// Out: the tables and run.json in Options.Out, and a Summary.
package run

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/schollz/progressbar/v3"

	"plenary/pipeline/doc"
	"plenary/pipeline/ingest"
	"plenary/pipeline/tables"
)

// ExtractFunc turns one document into its records. It must be safe for
// concurrent use.
type ExtractFunc func(doc.Doc) (doc.Extraction, error)

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
	Args     []string // recorded in run.json
	Ingest   ingest.Options
}

// Summary is what a run did; it is also written to run.json.
type Summary struct {
	Version   string           `json:"version"`
	Args      []string         `json:"args"`
	Started   time.Time        `json:"started"`
	Finished  time.Time        `json:"finished"`
	Seconds   float64          `json:"seconds"`
	Format    string           `json:"format"`
	Workers   int              `json:"workers"`
	Bytes     int64            `json:"bytes"`
	Counts    map[string]int64 `json:"counts"`
	Documents struct {
		OK      int `json:"ok"`
		Failed  int `json:"failed"`
		Skipped int `json:"skipped"`
	} `json:"documents"`
}

// job is one unit in input order: a document to extract, or an ingest error.
type job struct {
	seq  int
	doc  *doc.Doc
	err  *doc.DocError
	out  doc.Extraction
	fail *doc.DocError
}

// Run processes every input and writes the tables. The returned error is an
// output failure (the tables could not be written); per-document failures
// are counted in the Summary and written to the errors table.
func Run(opt Options, extract ExtractFunc) (Summary, error) {
	var sum Summary
	sum.Version = opt.Version
	sum.Args = opt.Args
	sum.Started = time.Now().UTC()
	sum.Format = opt.Format
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sum.Workers = workers

	set, err := tables.Open(opt.Out, opt.Format, opt.Version, memory.DefaultAllocator)
	if err != nil {
		return sum, fmt.Errorf("run: %w", err)
	}

	bar := newProgress(opt)

	// Bounded channels keep at most a few documents per worker in memory,
	// so memory stays flat however large the corpus.
	jobs := make(chan *job, workers*2)
	done := make(chan *job, workers*2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.doc != nil {
					x, err := extract(*j.doc)
					if err != nil {
						j.fail = &doc.DocError{Source: j.doc.Source, DocID: j.doc.ID, Stage: "extract", Message: err.Error()}
					} else {
						j.out = x
					}
				}
				done <- j
			}
		}()
	}

	// inflight bounds documents read but not yet written: without it one
	// slow document would let finished ones pile up in the reorder buffer.
	inflight := make(chan struct{}, workers*4)

	// The producer reads inputs in order and numbers them.
	go func() {
		seq := 0
		for it := range ingest.Stream(opt.Inputs, opt.Ingest, opt.Stdin) {
			switch {
			case it.Skipped != "":
				done <- &job{seq: -1} // counted by the collector
				continue
			case it.Err != nil:
				inflight <- struct{}{}
				jobs <- &job{seq: seq, err: it.Err}
			case it.Doc != nil:
				inflight <- struct{}{}
				jobs <- &job{seq: seq, doc: it.Doc}
			default:
				continue
			}
			seq++
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()

	// The collector restores input order and writes.
	pending := map[int]*job{}
	next := 0
	var writeErr error
	write := func(j *job) {
		if writeErr != nil {
			return
		}
		switch {
		case j.err != nil:
			sum.Documents.Failed++
			writeErr = set.AddError(*j.err)
		case j.fail != nil:
			sum.Documents.Failed++
			writeErr = set.AddError(*j.fail)
		default:
			sum.Documents.OK++
			sum.Bytes += int64(len(j.out.Doc.Text))
			writeErr = set.Add(j.out)
		}
		bar.step(j, sum)
	}
	for j := range done {
		if j.seq < 0 {
			sum.Documents.Skipped++
			continue
		}
		pending[j.seq] = j
		for {
			nj, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			write(nj)
			<-inflight
			next++
		}
	}
	bar.finish()
	if cerr := set.Close(); writeErr == nil && cerr != nil {
		writeErr = cerr
	}
	sum.Finished = time.Now().UTC()
	sum.Seconds = sum.Finished.Sub(sum.Started).Seconds()
	sum.Counts = set.Counts()
	if writeErr != nil {
		return sum, fmt.Errorf("run: writing tables: %w", writeErr)
	}
	if err := writeJSON(filepath.Join(opt.Out, "run.json"), sum); err != nil {
		return sum, fmt.Errorf("run: %w", err)
	}
	if !opt.Terminal || opt.Quiet {
		fmt.Fprintln(opt.Progress, sum.Line(opt.Out))
	}
	return sum, nil
}

// Line is the one-line summary printed when there is no progress bar.
func (s Summary) Line(out string) string {
	mbs := 0.0
	if s.Seconds > 0 {
		mbs = float64(s.Bytes) / 1e6 / s.Seconds
	}
	return fmt.Sprintf("plenary: %d documents (%d ok, %d failed, %d skipped), %.1f MB in %.2fs (%.2f MB/s) -> %s",
		s.Documents.OK+s.Documents.Failed, s.Documents.OK, s.Documents.Failed, s.Documents.Skipped,
		float64(s.Bytes)/1e6, s.Seconds, mbs, out)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// progress draws a progressbar/v3 bar on a terminal; otherwise it is silent.
type progress struct {
	bar   *progressbar.ProgressBar
	total int
	n     int
}

func newProgress(opt Options) *progress {
	p := &progress{}
	if opt.Quiet || !opt.Terminal || opt.Progress == nil {
		return p
	}
	files, bytes := ingest.Plan(opt.Inputs, opt.Ingest)
	p.total = files
	max := bytes
	if max <= 0 {
		max = -1 // unknown (stdin): a spinner
	}
	p.bar = progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(opt.Progress),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetDescription("documents 0/"+fmt.Sprint(files)),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(opt.Progress) }),
	)
	return p
}

func (p *progress) step(j *job, s Summary) {
	if p.bar == nil {
		return
	}
	p.n++
	if j.doc != nil {
		_ = p.bar.Add(len(j.doc.Text))
	}
	if p.total > 0 {
		p.bar.Describe(fmt.Sprintf("documents %d/%d", p.n, p.total))
	} else {
		p.bar.Describe(fmt.Sprintf("documents %d", p.n))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
