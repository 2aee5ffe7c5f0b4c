package run

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"plenary/pipeline/doc"
)

// frames splits what the bars wrote into the lines a terminal showed, each
// "\r" starting a frame again (progressbar/v3 with ANSI codes: "\r", the
// frame, erase to the end of the line).
func frames(out string) []string {
	var fs []string
	for _, line := range strings.Split(out, "\n") {
		for _, f := range strings.Split(line, "\r") {
			if f = strings.TrimSuffix(f, "\x1b[0K"); strings.TrimSpace(f) != "" {
				fs = append(fs, f)
			}
		}
	}
	return fs
}

// A frame as progressbar/v3 draws it: the bar ("  44% [====>   ]") or,
// before the total is known, the spinner; then the bytes read (against
// the total, in one unit, on the bar) and the rate, then the description.
var (
	barRe  = regexp.MustCompile(`^ *(\d+)% \[[=> ]*\] \( ?(\d+(?:\.\d)?)( [kMG]?B)?/(\d+(?:\.\d)?) ([kMG]?B)(?:, [^)]*/s)?\) documents (\d+)(?: · (.*?))? $`)
	spinRe = regexp.MustCompile(`^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] \( ?\d+(?:\.\d)? [kMG]?B(?:, [^)]*/s)?\) documents (\d+)(?: · (.*?))? $`)
)

// frame is one parsed frame: pct is -1 for the spinner.
type frame struct {
	pct, docs  int
	read, of   string // on the bar, "2.5 kB" of "2.5 kB"
	end, whole string
}

func parseFrame(f string) (frame, bool) {
	if m := barRe.FindStringSubmatch(f); m != nil {
		pct, _ := strconv.Atoi(m[1])
		docs, _ := strconv.Atoi(m[6])
		unit := m[3]
		if unit == "" {
			unit = " " + m[5]
		}
		return frame{pct: pct, docs: docs, read: m[2] + unit, of: m[4] + " " + m[5], end: m[7], whole: f}, true
	}
	if m := spinRe.FindStringSubmatch(f); m != nil {
		docs, _ := strconv.Atoi(m[1])
		return frame{pct: -1, docs: docs, end: m[2], whole: f}, true
	}
	return frame{}, false
}

// checkFrames parses every frame but the summary line: none counts more
// than 100 %, document counts never go down, and once the bar is shown the
// spinner does not come back. It returns the last frame.
func checkFrames(t *testing.T, fs []string) (last frame) {
	t.Helper()
	last = frame{pct: -1, docs: -1}
	bar := false
	for _, f := range fs {
		if strings.HasPrefix(f, "plenary:") {
			continue
		}
		fr, ok := parseFrame(f)
		if !ok {
			t.Errorf("frame %q is not the bar's nor the spinner's", f)
			continue
		}
		if fr.docs < last.docs {
			t.Errorf("documents went down: %q", f)
		}
		if fr.pct > 100 {
			t.Errorf("frame past 100%%: %q", f)
		}
		if bar && fr.pct < 0 {
			t.Errorf("spinner after the bar: %q", f)
		}
		bar = bar || fr.pct >= 0
		last = fr
	}
	return last
}

func terminalRun(t *testing.T, in string, fx func(context.Context, doc.Doc) (doc.Extraction, error), stop chan struct{}) (Summary, string) {
	t.Helper()
	var term lockedBuffer
	opt := options(in, filepath.Join(t.TempDir(), "out"))
	opt.Workers, opt.Quiet, opt.Terminal, opt.Progress, opt.Stop = 1, false, true, &term, stop
	sum, err := Run(opt, fx)
	if err != nil {
		t.Fatal(err)
	}
	return sum, term.String()
}

func slowExtract(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
	time.Sleep(15 * time.Millisecond)
	return (&fakeExtract{}).extract(ctx, d)
}

// JSON Lines: one file of many records counts bytes read against the
// file's size, never "369/1", and the last frame is the full bar.
func TestProgressJSONLines(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	os.MkdirAll(in, 0o755)
	var b strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"text\":%q}\n", i, docText(i))
	}
	os.WriteFile(filepath.Join(in, "records.jsonl"), []byte(b.String()), 0o644)
	sum, out := terminalRun(t, in, slowExtract, nil)
	last := checkFrames(t, frames(out))
	if last.docs != 30 || last.pct != 100 || last.read != last.of || last.of != humanSize(int64(b.Len())) || sum.Documents.OK != 30 {
		t.Errorf("last frame %q; want 30 documents, 100%%, %s read of as much:\n%q", last.whole, humanSize(int64(b.Len())), out)
	}
}

// A mixed folder: warnings and skipped files are not documents, and the
// bar ends at 100 %, not "24/13".
func TestProgressMixedFolder(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 8, docText)
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)                       // a document with a warning
	os.WriteFile(filepath.Join(in, "latin1.txt"), []byte("Caf\xe9 Alpha."), 0o644) // a decoded one
	os.WriteFile(filepath.Join(in, "scan.pdf"), []byte("%PDF-1.4"), 0o644)         // skipped
	os.WriteFile(filepath.Join(in, "bad.jsonl"), []byte("{oops\n{\"id\":\"j1\",\"text\":\"Alpha met Beta.\"}\n"), 0o644)
	sum, out := terminalRun(t, in, slowExtract, nil)
	last := checkFrames(t, frames(out))
	want := sum.Documents.OK + sum.Documents.Failed
	if last.docs != want || last.pct != 100 || last.read != last.of || want != 12 {
		t.Errorf("last frame %q; want %d documents (ok+failed), 100%%:\n%q", last.whole, want, out)
	}
}

// Interrupted: the bar shows what was done and says so, it does not jump
// to 100 %; the summary line follows on a line of its own.
func TestProgressInterrupted(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 40, docText)
	stop := make(chan struct{})
	var seen atomic.Int64
	var once sync.Once
	fx := func(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
		if seen.Add(1) == 10 {
			once.Do(func() { close(stop) })
		}
		return slowExtract(ctx, d)
	}
	sum, out := terminalRun(t, in, fx, stop)
	last := checkFrames(t, frames(out))
	if !sum.Interrupted || last.docs != sum.Documents.OK || last.pct >= 100 || last.pct <= 0 || last.read == last.of {
		t.Errorf("interrupted after %d documents; the bar ended at %q:\n%q", sum.Documents.OK, last.whole, out)
	}
	if last.end != "interrupted" {
		t.Errorf("the bar's last frame does not say interrupted: %q", last.whole)
	}
	checkSummaryLine(t, out)
}

// On a terminal the summary line is printed too, on its own line after the
// bar, and ends with a newline: the shell's next output is not glued to it.
func TestProgressSummaryOnTerminal(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 5, docText)
	_, out := terminalRun(t, in, slowExtract, nil)
	checkSummaryLine(t, out)
	if last := checkFrames(t, frames(out)); last.pct != 100 || last.end != "" || last.read != last.of {
		t.Errorf("last bar frame %q", last.whole)
	}
}

func checkSummaryLine(t *testing.T, out string) {
	t.Helper()
	i := strings.LastIndex(out, "plenary: ")
	if i <= 0 || out[i-1] != '\n' || !strings.HasSuffix(out, "\n") || strings.Contains(out[i:], "\r") {
		t.Errorf("summary not on a line of its own after the bar:\n%q", out)
	}
}

// bars starts a progress on a buffer whose plan waits for release (it
// returns total), drawing at every step.
func bars(total int64) (p *progress, term *lockedBuffer, release func()) {
	term = &lockedBuffer{}
	gate := make(chan struct{})
	p = startProgress(term, func() int64 { <-gate; return total })
	p.every = 0
	return p, term, func() { close(gate); <-p.planDone }
}

func stepBytes(p *progress, docs int, bytes int64) {
	var s Summary
	s.Documents.OK = docs
	p.step(&job{bytes: bytes}, s)
	time.Sleep(5 * time.Millisecond) // time for a rate and an ETA
}

// The ETA is labelled while the run is under way, and gone from the last
// frame (the summary line under it says how long the run took).
func TestProgressETALabelled(t *testing.T) {
	p, term, release := bars(4000)
	release()
	stepBytes(p, 1, 1000)
	stepBytes(p, 2, 1000)
	fs := frames(term.String())
	if fr, _ := parseFrame(fs[len(fs)-1]); fr.pct != 50 || fr.docs != 2 || !regexp.MustCompile(`^ETA (\d+h)?(\d+m)?\d+s$`).MatchString(fr.end) {
		t.Errorf("frame under way %q, want 50%%, 2 documents, ETA <duration>", fs[len(fs)-1])
	}
	stepBytes(p, 3, 2000)
	p.finish(false)
	last := checkFrames(t, frames(term.String()))
	if last.pct != 100 || last.end != "" || last.docs != 3 || !strings.HasSuffix(term.String(), "\n") {
		t.Errorf("last frame %q, want 100%%, 3 documents and no ETA, then a new line:\n%q", last.whole, term.String())
	}
}

// A file that grew since the plan raises the total: no frame passes 100 %,
// and the bar ends full at what was read.
func TestProgressPastThePlan(t *testing.T) {
	p, term, release := bars(4000)
	release()
	for i := 1; i <= 5; i++ {
		stepBytes(p, i, 1000)
	}
	if last := checkFrames(t, frames(term.String())); last.pct == 100 || last.of != "5.0 kB" {
		t.Errorf("frame before the end %q: want the total raised to 5.0 kB, the bar not yet full", last.whole)
	}
	p.finish(false)
	if last := checkFrames(t, frames(term.String())); last.pct != 100 || last.read != "5.0 kB" || last.of != "5.0 kB" || last.docs != 5 {
		t.Errorf("last frame %q, want 5.0 of 5.0 kB, 100%%, 5 documents", last.whole)
	}
}

// Until the plan's total is known a spinner shows the bytes read; then the
// bar counts every byte read before it too (the library alone shows 0 %
// of those: it counts a spinner's bytes modulo its width).
func TestProgressSpinnerUntilTotal(t *testing.T) {
	p, term, release := bars(4000)
	stepBytes(p, 1, 1000)
	stepBytes(p, 2, 1000)
	if last := checkFrames(t, frames(term.String())); last.pct != -1 || last.docs != 2 || !strings.Contains(last.whole, "(2.0 kB") {
		t.Errorf("before the plan, frame %q: want the spinner, 2 documents, 2.0 kB", last.whole)
	}
	release()
	if last := checkFrames(t, frames(term.String())); last.pct != 50 || last.read != "2.0 kB" || last.of != "4.0 kB" {
		t.Errorf("once the total is known, frame %q: want 2.0 of 4.0 kB, 50%%", last.whole)
	}
	stepBytes(p, 3, 1000)
	p.finish(true)
	if last := checkFrames(t, frames(term.String())); last.pct != 75 || last.end != "interrupted" || last.docs != 3 {
		t.Errorf("interrupted, frame %q: want 75%%, 3 documents, interrupted", last.whole)
	}
}

// stdin: no total ever; the spinner's last frame shows what was read and
// ends its line.
func TestProgressUnknownTotal(t *testing.T) {
	p, term, release := bars(-1)
	stepBytes(p, 1, 1500)
	release()
	p.finish(false)
	out := term.String()
	if last := checkFrames(t, frames(out)); last.pct != -1 || !strings.Contains(last.whole, "(1.5 kB") || last.docs != 1 || !strings.HasSuffix(out, "\n") {
		t.Errorf("last frame %q, want the spinner with 1.5 kB and 1 document, then a new line:\n%q", last.whole, out)
	}
}

// Off a terminal, or with --quiet, there is no bar.
func TestProgressOffTerminal(t *testing.T) {
	for _, opt := range []Options{{Progress: &lockedBuffer{}}, {Progress: &lockedBuffer{}, Terminal: true, Quiet: true}} {
		if p := newProgress(opt); p != nil {
			t.Errorf("progress for %+v", opt)
		}
	}
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 3, docText)
	var out lockedBuffer
	opt := options(in, filepath.Join(t.TempDir(), "out"))
	opt.Quiet, opt.Progress = false, &out
	if _, err := Run(opt, slowExtract); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasPrefix(got, "plenary: 3 documents") || strings.Count(got, "\n") != 1 || strings.Contains(got, "\r") {
		t.Errorf("off a terminal wrote %q, want the summary line alone", got)
	}
}

func TestSummaryLineUnits(t *testing.T) {
	var s Summary
	s.Documents.OK, s.Bytes, s.Seconds = 1, 2048, 0.5
	if got := s.Line("out"); got != "plenary: 1 document (1 ok, 0 failed, 0 skipped), 2.0 kB in 0.50s (4.1 kB/s) -> out" {
		t.Errorf("Line = %q", got)
	}
	s.Documents.OK, s.Documents.Failed, s.Bytes, s.Seconds = 40, 2, 25_300_000, 2.5
	if got := s.Line("out"); got != "plenary: 42 documents (40 ok, 2 failed, 0 skipped), 25.3 MB in 2.50s (10.1 MB/s) -> out" {
		t.Errorf("Line = %q", got)
	}
}

// The README shows a frame as the library draws it: 2.7 of 6.0 MB.
func TestProgressREADMEFrame(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`( +\\d+% \\[[^`]*)`").FindSubmatch(b)
	if m == nil {
		t.Fatal("README shows no frame of the bar")
	}
	var term lockedBuffer
	bar := newBar(&term, 6_000_000, func() {})
	_ = bar.Add64(2_700_000)
	drawn := strings.TrimPrefix(bar.String(), "\r")
	head := drawn[:strings.Index(drawn, " MB")+3]
	if fr, ok := parseFrame(string(m[1]) + " "); !ok || !strings.HasPrefix(string(m[1]), head) || fr.end != "ETA 3s" {
		t.Errorf("README's frame %q is not as the bar draws it, %q", m[1], drawn)
	}
}
