package run

import (
	"fmt"
	"io"
	"math"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"plenary/pipeline/ingest"
)

// progress shows a run on a terminal with progressbar/v3, which draws every
// frame; this type only counts. The unit is input bytes against the total
// ingest.Plan finds (a JSON Lines file of 369 records is so many bytes of
// its size, never "369/1"); the documents done (in the tables or failed:
// warnings and skipped files are not documents) and a labelled ETA are the
// bar's description. The plan lists every input in the background so that
// the first document does not wait for it; until it ends, and for stdin,
// whose size is unknown, a spinner shows the bytes read. Off a terminal, or
// with --quiet, there is no progress (nil) and the run's summary line is
// all that is printed.
//
// Where the library falls short, and what is done instead:
//   - Bytes added to a spinner are counted modulo the bar's width, so a
//     spinner turned into a bar by ChangeMax64 shows 0 % of what was read.
//     So the bar is a second ProgressBar, fed from the start with its
//     frames discarded (its count and clock are the run's), then given the
//     terminal as its writer once the total is known (OptionSetWriter on
//     the existing bar: every call into it is under mu and it runs no
//     goroutine); the spinner is then dropped. A writer of our own in
//     between would hide the terminal's width, to which the library fits
//     the bar only through an *os.File.
//   - Its predicted time is an unlabelled "[2s:6s]": the ETA goes in the
//     description, labelled, from the bar's clock (State().SecondsSince).
//   - It finishes a bar, drawing the full frame and ending the line, the
//     moment the count reaches the total; the run is not over then (an
//     empty file, a warning and the tables come after the last byte), so
//     the bar is held one byte short of its total until finish.
//   - Its throttle (OptionThrottle) lets through only a full bar, so an
//     interrupted run's last frame would be lost: the calls are paced here.
//   - Its spinner's ticker stops only when the spinner finishes, so it
//     would draw on after an interrupted run's summary: the spinner turns
//     at each update instead (OptionSetSpinnerChangeInterval(0)).
type progress struct {
	w        io.Writer
	every    time.Duration // least time between two updates of the frame
	planDone chan struct{} // closed once the plan's total is taken

	mu      sync.Mutex // held around every call into the bars
	spin    *progressbar.ProgressBar
	bar     *progressbar.ProgressBar
	planned bool  // the total is known: the bar is shown
	max     int64 // the bar's total: the plan's, raised if a file grew
	done    int64 // input bytes of the items written
	fed     int64 // bytes given to the bar: done, at most max-1
	spun    int64 // bytes given to the spinner
	docs    int
	last    time.Time // of the last update
}

func newProgress(opt Options) *progress {
	if opt.Quiet || !opt.Terminal || opt.Progress == nil {
		return nil
	}
	return startProgress(opt.Progress, func() int64 {
		_, bytes := ingest.Plan(opt.Inputs, opt.Ingest)
		return bytes
	})
}

// startProgress draws the spinner and runs plan, which returns the total
// input bytes (-1: unknown), in the background.
func startProgress(w io.Writer, plan func() int64) *progress {
	p := &progress{w: w, every: 100 * time.Millisecond, planDone: make(chan struct{}), max: math.MaxInt64}
	p.spin = newBar(p.w, -1, p.endLine)
	p.bar = newBar(io.Discard, p.max, p.endLine)
	_ = p.bar.Add64(0) // starts its clock and its rate's: they are the run's
	p.mu.Lock()
	p.update(false, "")
	p.mu.Unlock()
	go func() {
		defer close(p.planDone)
		total := plan()
		p.mu.Lock()
		defer p.mu.Unlock()
		if total > 0 { // -1: stdin; 0: nothing to read; the spinner stays
			p.planned, p.max = true, total
			p.update(false, "")
			progressbar.OptionSetWriter(p.w)(p.bar)
			p.bar.Describe(p.bar.State().Description) // its first frame on the terminal
		}
	}()
	return p
}

var barTheme = progressbar.Theme{Saucer: "=", SaucerHead: ">", SaucerPadding: " ", BarStart: "[", BarEnd: "]"}

func newBar(w io.Writer, max int64, onDone func()) *progressbar.ProgressBar {
	return progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("documents 0"),
		progressbar.OptionUseANSICodes(true), // "\r", the frame, erase to the line's end
		progressbar.OptionSetTheme(barTheme),
		progressbar.OptionSetWidth(24), // narrowed by the library to fit the terminal
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetElapsedTime(false),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetSpinnerChangeInterval(0),
		progressbar.OptionOnCompletion(onDone),
	)
}

// endLine ends the bar's line, so that what follows starts a line of its own.
func (p *progress) endLine() { fmt.Fprintln(p.w) }

// step counts a written item: its input bytes, and the documents so far.
func (p *progress) step(j *job, s Summary) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += j.bytes
	p.docs = s.Documents.OK + s.Documents.Failed
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.update(false, "")
	}
}

// update gives the bars the description, then the counts, so that the
// last frame drawn has both. A final description has no ETA; end, if not
// "", ends it. Called with mu held.
func (p *progress) update(final bool, end string) {
	if p.planned {
		p.max = max(p.max, p.done)
	}
	desc := fmt.Sprintf("documents %d", p.docs)
	switch {
	case end != "":
		desc += " · " + end
	case !final && p.planned && p.done > 0 && p.done < p.max:
		// The library's own estimate, State().SecondsLeft, is of the count
		// it had; this is the same from the count it is about to get.
		left := p.bar.State().SecondsSince * float64(p.max-p.done) / float64(p.done)
		desc += " · ETA " + time.Duration(left*float64(time.Second)).Round(time.Second).String()
	}
	p.bar.Describe(desc)
	if !p.planned {
		p.spin.Describe(desc)
		_ = p.spin.Add64(p.done - p.spun)
		p.spun = p.done
	}
	// The total moves before the count when it grows and after it when it
	// shrinks (the plan replacing the unknown total): the count never
	// reaches it.
	want := min(p.done, p.max-1)
	if p.max > p.bar.GetMax64() {
		p.bar.ChangeMax64(p.max)
	}
	if want != p.fed {
		_ = p.bar.Add64(want - p.fed)
		p.fed = want
	}
	if p.max < p.bar.GetMax64() {
		p.bar.ChangeMax64(p.max)
	}
}

// finish draws the last frame and ends its line: on a complete run the bar
// is full, its total what was read (a file that shrank since the plan
// lowers it); on an interruption it shows what was done and says so. The
// summary line that follows says how long it took. The last frame waits
// for the plan, a listing no longer than the run's own.
func (p *progress) finish(interrupted bool) {
	if p == nil {
		return
	}
	<-p.planDone
	p.mu.Lock()
	defer p.mu.Unlock()
	end := ""
	if interrupted {
		end = "interrupted"
	}
	p.update(true, end)
	switch {
	case !p.planned:
		_ = p.spin.Exit() // the frame stays as drawn; OnCompletion ends the line
	case interrupted || p.done == 0:
		_ = p.bar.Exit()
	case p.done < p.max:
		p.bar.ChangeMax64(p.done) // reaching the total draws the full frame
	default:
		_ = p.bar.Add64(p.done - p.fed)
	}
}

// humanSize gives bytes in B, kB or MB (powers of 1000, as the summary's
// MB/s): small runs show "12.3 kB", not "0.0 MB".
func humanSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1_000_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}
