package run

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"plenary/pipeline/ingest"
)

// progress draws one line on a terminal, redrawn in place at most every
// 100 ms: the documents done (in the tables or failed: warnings and skipped
// files are not documents), the input bytes read against the planned
// total (one unit: a JSON Lines file of 369 records is 369 documents and
// so many bytes of its size, never "369/1"), the rate and a labelled ETA.
// The total comes from ingest.Plan, which lists every input in the
// background so that the first document does not wait for it; until then,
// and for stdin, whose size is unknown, the line has no bar. The figures
// never pass the total (a file that grew since the plan raises it), and
// the last frame shows what was really done: on an interruption it says
// so rather than filling the bar. Off a terminal, or with --quiet, it draws
// nothing; the run's summary line follows in every case.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	now   func() time.Time

	mu       sync.Mutex
	total    int64 // planned input bytes, when planned
	planned  bool
	done     int64 // input bytes of the items written
	docs     int
	last     time.Time // of the last frame drawn
	finished bool      // the last frame is drawn: a late plan draws nothing
}

// progressEvery is the least time between two frames.
const progressEvery = 100 * time.Millisecond

func newProgress(opt Options) *progress {
	p := &progress{w: opt.Progress, on: !opt.Quiet && opt.Terminal && opt.Progress != nil, now: time.Now}
	p.start = p.now()
	if !p.on {
		return p
	}
	go func() {
		_, bytes := ingest.Plan(opt.Inputs, opt.Ingest)
		p.mu.Lock()
		defer p.mu.Unlock()
		if bytes >= 0 { // -1: stdin, size unknown
			p.total, p.planned = bytes, true
		}
	}()
	return p
}

// step counts a written item: its input bytes, and the documents so far.
func (p *progress) step(j *job, s Summary) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += j.bytes
	p.docs = s.Documents.OK + s.Documents.Failed
	if now := p.now(); now.Sub(p.last) >= progressEvery {
		p.last = now
		p.draw(p.frame(false, false))
	}
}

// finish draws the last frame and ends its line.
func (p *progress) finish(interrupted bool) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished = true
	p.draw(p.frame(true, interrupted))
	fmt.Fprint(p.w, "\n")
}

func (p *progress) draw(frame string) { fmt.Fprint(p.w, "\r"+frame+"\x1b[K") }

// frame is the progress line. Called with mu held.
func (p *progress) frame(final, interrupted bool) string {
	elapsed := p.now().Sub(p.start).Seconds()
	parts := []string{fmt.Sprintf("documents %d", p.docs)}
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed
	}
	if p.planned {
		total := max(p.total, p.done)
		frac := 1.0
		if total > 0 {
			frac = float64(p.done) / float64(total)
		}
		const width = 24
		fill := int(frac * width)
		parts = append(parts, fmt.Sprintf("[%s%s] %s of %s (%d%%)", strings.Repeat("=", fill), strings.Repeat(" ", width-fill),
			humanSize(p.done), humanSize(total), int(frac*100)))
		if !final && rate > 0 && total > p.done {
			parts = append(parts, humanSize(int64(rate))+"/s", "ETA "+eta(float64(total-p.done)/rate))
		} else if rate > 0 {
			parts = append(parts, humanSize(int64(rate))+"/s")
		}
	} else {
		parts = append(parts, humanSize(p.done))
		if rate > 0 {
			parts = append(parts, humanSize(int64(rate))+"/s")
		}
	}
	switch {
	case interrupted:
		parts = append(parts, "interrupted")
	case final:
		parts = append(parts, fmt.Sprintf("done in %.1fs", elapsed))
	}
	return strings.Join(parts, " · ")
}

// eta formats seconds left: "42s", "3m05s", "1h02m".
func eta(s float64) string {
	d := time.Duration(s+0.5) * time.Second
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	default:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
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
