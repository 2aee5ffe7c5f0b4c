package run

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"plenary/pipeline/ingest"
)

// ErrStoppedBeforeInput: Options.Stop came before the input yielded
// anything to process, so nothing was written and OUT was not touched.
var ErrStoppedBeforeInput = errors.New("stopped before any document was read; the output folder was not touched")

// NoDocumentsError: the inputs yielded no document (an empty folder, only
// .pdf files, only files that cannot be read), so the run wrote nothing
// (see Options.AllowEmpty).
type NoDocumentsError struct {
	Inputs   []string
	Out      string
	Skipped  []string // the first files skipped, at most maxListed
	NSkipped int      // all files skipped
	Failed   []string // the first error rows, "source: message", at most maxListed
	NFailed  int
}

// maxListed bounds the skipped files a NoDocumentsError names.
const maxListed = 10

func (e *NoDocumentsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "no documents in %s: ", strings.Join(e.Inputs, " "))
	switch {
	case e.NSkipped == 0 && e.NFailed == 0:
		b.WriteString("no files (hidden files and sidecars are not documents)")
	case e.NSkipped > 0:
		fmt.Fprintf(&b, "%d file(s) skipped, not a format plenary reads (%s): %s", e.NSkipped, ingest.Formats, strings.Join(e.Skipped, ", "))
		if more := e.NSkipped - len(e.Skipped); more > 0 {
			fmt.Fprintf(&b, ", and %d more", more)
		}
	}
	if e.NFailed > 0 {
		if e.NSkipped > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%d could not be read: %s", e.NFailed, strings.Join(e.Failed, "; "))
		if more := e.NFailed - len(e.Failed); more > 0 {
			fmt.Fprintf(&b, "; and %d more", more)
		}
	}
	fmt.Fprintf(&b, "; %s left as it was (--allow-empty writes empty tables)", e.Out)
	return b.String()
}

// checkInputs refuses an INPUT that cannot be read at all (most often a
// typo), before anything in OUT is touched: a run over it would replace the
// previous tables with nothing but an error row.
func checkInputs(inputs []string) error {
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			if _, lerr := os.Lstat(in); lerr == nil && errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("INPUT %s is a symbolic link to nothing", in)
			}
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("INPUT %s does not exist", in)
			}
			return fmt.Errorf("INPUT %s: %w", in, errors.Unwrap(err))
		}
		if !fi.IsDir() {
			continue
		}
		f, err := os.Open(in)
		if err == nil {
			_, err = f.Readdirnames(1)
			f.Close()
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("INPUT %s: cannot list folder: %w", in, unwrapPathError(err))
		}
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// head is what the input yielded first: a document, none at all (perhaps
// error rows), or a stop before either.
type head int

const (
	headItem head = iota
	headEmpty
	headStopped
)

// producer reads the inputs in order, numbers the items and hands them to
// the workers. It first reads up to the first document, holding the error
// rows before it, and waits there (see waitHead) until the run has opened
// OUT, so that an input without documents never touches OUT.
type producer struct {
	opt          Options
	processStart time.Time

	jobs     chan *job
	done     chan *job
	inflight chan struct{}
	wg       sync.WaitGroup // the workers; done closes when they end

	head    chan head // one value: what came first
	proceed chan bool // one value: go on (true) or stop (false)
	// Files skipped before the head, for the run's count and for
	// NoDocumentsError; read only after head is received.
	headSkipped  int
	skippedNames []string
	headErrs     []ingest.Item // error rows before the first document

	// skipped lists the files skipped, in input order, up to
	// maxSkippedListed, for run.json; appended by the producer, read by
	// Run once the producer has stopped or been left behind.
	skipMu  sync.Mutex
	skipped []SkippedFile

	seq         int // the next job's number (the producer's goroutine only)
	interrupted atomic.Bool
	sent        atomic.Int64 // jobs handed to the workers
	startup     atomic.Int64 // ns from processStart to the first document
}

func newProducer(opt Options, workers int, processStart time.Time) *producer {
	return &producer{
		opt:          opt,
		processStart: processStart,
		// Bounded channels keep at most a few documents per worker in
		// memory, so memory stays flat however large the corpus.
		jobs: make(chan *job, workers*8),
		done: make(chan *job, workers*8),
		// inflight bounds documents read but not yet written: without it
		// one slow document would let finished ones pile up in the reorder
		// buffer. A document takes one slot per started 256 KiB of text
		// (all slots at most), so the window holds 32 ordinary reports per
		// worker, or a few large ones: ~16 MiB of text per 2 workers. With
		// 4 slots per worker the workers waited whenever the writer flushed
		// a batch of rows; at 32 they keep both cores ~5% busier (make
		// bench).
		inflight: make(chan struct{}, workers*32),
		head:     make(chan head, 1),
		proceed:  make(chan bool, 1),
	}
}

// waitHead waits for the first document, the end of an input without one,
// or stop.
func (p *producer) waitHead(stop <-chan struct{}) head {
	select {
	case h := <-p.head:
		return h
	case <-stop:
		p.abandon()
		return headStopped
	}
}

// noDocuments describes an input that ended without a document; call it
// after waitHead returned headEmpty.
func (p *producer) noDocuments() *NoDocumentsError {
	e := &NoDocumentsError{Inputs: p.opt.Inputs, Out: p.opt.Out, Skipped: p.skippedNames, NSkipped: p.headSkipped, NFailed: len(p.headErrs)}
	for _, it := range p.headErrs[:min(len(p.headErrs), maxListed)] {
		e.Failed = append(e.Failed, it.Err.Source+": "+it.Err.Message)
	}
	return e
}

// abandon tells a producer waiting at its head to stop reading.
func (p *producer) abandon() {
	select {
	case p.proceed <- false:
	default:
	}
}

func (p *producer) stopped() bool {
	select {
	case <-p.opt.Stop:
		p.interrupted.Store(true)
		return true
	default:
		return false
	}
}

func (p *producer) slots(j *job) int {
	if j.doc == nil {
		return 1
	}
	return min(1+len(j.doc.Text)/inflightSlotBytes, cap(p.inflight))
}

// run reads the inputs. On Stop it reads no further; what it has handed
// out is finished.
func (p *producer) run() {
	defer func() {
		close(p.jobs)
		p.wg.Wait()
		close(p.done)
	}()
	opened := false
	for it := range ingest.Stream(p.opt.Inputs, p.opt.Ingest, p.opt.Stdin) {
		if p.stopped() {
			if !opened {
				p.head <- headStopped
			}
			return
		}
		if !opened {
			if p.holdBeforeHead(it) {
				continue
			}
			p.head <- headItem
			if !<-p.proceed || !p.handOutHeld() {
				return
			}
			opened = true
		}
		if !p.handOut(it) {
			return
		}
	}
	if !opened {
		p.head <- headEmpty
		if <-p.proceed {
			p.handOutHeld()
		}
	}
}

// holdBeforeHead takes an item read before the first document: a skipped
// file is counted, an error row held; false when it is the head (a
// document, or another shard's, which says the input is not empty).
func (p *producer) holdBeforeHead(it ingest.Item) bool {
	switch {
	case it.OtherShard:
		return !it.OtherDoc
	case it.Skipped != "":
		p.noteHeadSkipped(it)
		return true
	case it.Doc == nil:
		// An error row before any document: held until one comes.
		p.headErrs = append(p.headErrs, it)
		return true
	}
	return false
}

// handOutHeld hands out the error rows held before the head.
func (p *producer) handOutHeld() bool {
	for _, e := range p.headErrs {
		if !p.handOut(e) {
			return false
		}
	}
	p.headErrs = nil
	return true
}

// handOut turns one item into a job for the workers; false: stop.
func (p *producer) handOut(it ingest.Item) bool {
	var j *job
	switch {
	case it.Skipped != "":
		p.noteSkipped(it)
		p.done <- &job{seq: -1} // counted by the collector
		return true
	case it.OtherShard:
		// Another shard's: passed on in order only for its bytes (the
		// progress bar's total is the whole input's).
		j = &job{seq: p.seq, other: true, bytes: it.Bytes}
	case it.Err != nil:
		j = &job{seq: p.seq, err: it.Err, bytes: it.Bytes}
	case it.Doc != nil:
		j = &job{seq: p.seq, doc: it.Doc, bytes: it.Bytes}
	default:
		return true
	}
	if j.doc != nil && p.startup.Load() == 0 {
		p.startup.Store(max(int64(time.Since(p.processStart)), 1))
	}
	j.slots = p.slots(j)
	for range j.slots {
		select {
		case p.inflight <- struct{}{}:
		case <-p.opt.Stop:
			p.interrupted.Store(true)
			return false
		}
	}
	p.jobs <- j
	p.seq++
	p.sent.Store(int64(p.seq))
	return true
}

// collect restores input order and calls write for each job in it. It
// returns the files skipped after the head, and whether the run was
// interrupted.
//
// After Stop, the producer may be blocked reading input that never ends
// (stdin held open by another process): once every job handed out is
// written, collect stops waiting for it.
func (p *producer) collect(stop <-chan struct{}, write func(*job)) (skipped int, interrupted bool) {
	pending := map[int]*job{}
	next := 0
	var poll <-chan time.Time
	for {
		var j *job
		select {
		case dj, ok := <-p.done:
			if !ok {
				return skipped, p.interrupted.Load()
			}
			j = dj
		case <-stop:
			stop = nil
			tk := time.NewTicker(50 * time.Millisecond)
			defer tk.Stop()
			poll = tk.C
			continue
		case <-poll:
			if int64(next) == p.sent.Load() && len(pending) == 0 {
				p.interrupted.Store(true)
				return skipped, true
			}
			continue
		}
		if j.seq < 0 {
			skipped++
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
			for range nj.slots {
				<-p.inflight
			}
			next++
		}
	}
}

// SkippedFile is a file that is not a document, with the reason.
type SkippedFile struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
}

// maxSkippedListed bounds run.json's list of skipped files (a folder of
// photos beside the reports); documents.skipped counts them all.
const maxSkippedListed = 1000

func (p *producer) noteSkipped(it ingest.Item) {
	p.skipMu.Lock()
	defer p.skipMu.Unlock()
	if len(p.skipped) < maxSkippedListed {
		p.skipped = append(p.skipped, SkippedFile{Source: it.Skipped, Reason: it.SkipReason})
	}
}

// noteHeadSkipped counts a file skipped before the first document, for
// the run's count and a NoDocumentsError's list.
func (p *producer) noteHeadSkipped(it ingest.Item) {
	p.headSkipped++
	p.noteSkipped(it)
	if len(p.skippedNames) < maxListed {
		p.skippedNames = append(p.skippedNames, it.Skipped)
	}
}

// skippedFiles is the list so far (never nil).
func (p *producer) skippedFiles() []SkippedFile {
	p.skipMu.Lock()
	defer p.skipMu.Unlock()
	return append([]SkippedFile{}, p.skipped...)
}
