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

// frames splits what the bar wrote into the lines a terminal showed, each
// "\r" starting a frame again.
func frames(out string) []string {
	var fs []string
	for _, line := range strings.Split(out, "\n") {
		for _, f := range strings.Split(line, "\r") {
			if f = strings.TrimSuffix(f, "\x1b[K"); strings.TrimSpace(f) != "" {
				fs = append(fs, f)
			}
		}
	}
	return fs
}

var (
	pctRe  = regexp.MustCompile(`\((\d+)%\)`)
	docsRe = regexp.MustCompile(`^documents (\d+)`)
)

// checkFrames: no frame counts more than 100 %, document counts never go
// down, and the first frame number is documents, not "369/1".
func checkFrames(t *testing.T, fs []string) (lastPct, lastDocs int) {
	t.Helper()
	lastPct, lastDocs = -1, -1
	for _, f := range fs {
		if strings.HasPrefix(f, "plenary:") {
			continue
		}
		m := docsRe.FindStringSubmatch(f)
		if m == nil {
			t.Errorf("frame %q does not start with the documents done", f)
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n < lastDocs {
			t.Errorf("documents went down: %q", f)
		}
		lastDocs = n
		if strings.Contains(f, "/") && !strings.Contains(f, "/s") {
			t.Errorf("frame %q compares counts of different units", f)
		}
		if p := pctRe.FindStringSubmatch(f); p != nil {
			lastPct, _ = strconv.Atoi(p[1])
			if lastPct > 100 {
				t.Errorf("frame past 100%%: %q", f)
			}
		}
	}
	return lastPct, lastDocs
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

// JSON Lines: one file of many records counts records done against bytes,
// never "369/1".
func TestProgressJSONLines(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	os.MkdirAll(in, 0o755)
	var b strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"text\":%q}\n", i, docText(i))
	}
	os.WriteFile(filepath.Join(in, "records.jsonl"), []byte(b.String()), 0o644)
	sum, out := terminalRun(t, in, slowExtract, nil)
	pct, docs := checkFrames(t, frames(out))
	if docs != 30 || pct != 100 || sum.Documents.OK != 30 {
		t.Errorf("last frame: %d documents, %d%%; want 30, 100%%:\n%q", docs, pct, out)
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
	pct, docs := checkFrames(t, frames(out))
	want := sum.Documents.OK + sum.Documents.Failed
	if docs != want || pct != 100 || want != 12 {
		t.Errorf("last frame: %d documents, %d%%; want %d (ok+failed), 100%%:\n%q", docs, pct, want, out)
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
	fs := frames(out)
	pct, docs := checkFrames(t, fs)
	if !sum.Interrupted || docs != sum.Documents.OK || pct >= 100 || pct <= 0 {
		t.Errorf("interrupted after %d documents; bar ended at %d documents, %d%%:\n%q", sum.Documents.OK, docs, pct, out)
	}
	if !strings.Contains(fs[len(fs)-2], "interrupted") {
		t.Errorf("the bar's last frame does not say interrupted: %q", fs[len(fs)-2])
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
	if fs := frames(out); !strings.Contains(fs[len(fs)-2], "ETA") && !strings.Contains(fs[len(fs)-2], "done in") {
		t.Errorf("last bar frame %q", fs[len(fs)-2])
	}
}

func checkSummaryLine(t *testing.T, out string) {
	t.Helper()
	i := strings.LastIndex(out, "plenary: ")
	if i <= 0 || out[i-1] != '\n' || !strings.HasSuffix(out, "\n") || strings.Contains(out[i:], "\r") {
		t.Errorf("summary not on a line of its own after the bar:\n%q", out)
	}
}

// The ETA is labelled while the run is under way.
func TestProgressETALabelled(t *testing.T) {
	p := &progress{on: true, w: &lockedBuffer{}, start: time.Unix(0, 0), total: 4000, planned: true}
	p.now = func() time.Time { return time.Unix(2, 0) }
	p.done, p.docs = 1000, 3
	got := p.frame(false, false)
	for _, want := range []string{"documents 3", "1.0 kB of 4.0 kB (25%)", "500 B/s", "ETA 6s"} {
		if !strings.Contains(got, want) {
			t.Errorf("frame %q lacks %q", got, want)
		}
	}
	p.done = 5000 // a file grew since the plan: the total follows
	if got := p.frame(false, false); !strings.Contains(got, "5.0 kB of 5.0 kB (100%)") {
		t.Errorf("frame past the plan: %q", got)
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
