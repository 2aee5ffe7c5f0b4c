package synth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func gen(t *testing.T, seed uint64) *Generator {
	t.Helper()
	g, err := New(seed)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestReportIsDeterministicAndVaried(t *testing.T) {
	a, b := gen(t, 1), gen(t, 1)
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		na, ta := a.Report(i)
		nb, tb := b.Report(i)
		if na != nb || ta != tb {
			t.Fatalf("report %d differs between two generators with the same seed", i)
		}
		if seen[ta] {
			t.Fatalf("report %d repeats an earlier report", i)
		}
		seen[ta] = true
		if strings.Contains(ta, "{") || strings.Contains(ta, "}") {
			t.Errorf("report %d has an unfilled slot: %q", i, ta)
		}
		if !utf8.ValidString(ta) {
			t.Errorf("report %d is not valid UTF-8", i)
		}
		if n := len(ta); n < 2500 || n > 6500 {
			t.Errorf("report %d is %d bytes, want about 4000", i, n)
		}
	}
	_, t1 := gen(t, 2).Report(0)
	if _, t0 := a.Report(0); t0 == t1 {
		t.Error("different seeds give the same report")
	}
}

func TestReportGenre(t *testing.T) {
	g := gen(t, 7)
	var all strings.Builder
	for i := 0; i < 40; i++ {
		_, txt := g.Report(i)
		all.WriteString(txt)
	}
	s := all.String()
	for _, want := range []string{"\u201c", "\u201d", "«", "»", " said", "Chairman", "Trade Union"} {
		if !strings.Contains(s, want) {
			t.Errorf("40 reports never contain %q", want)
		}
	}
}

func TestGenerateWritesSize(t *testing.T) {
	dir := t.TempDir()
	st, err := gen(t, 1).Generate(dir, 50_000)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes < 50_000 || st.Files < 8 {
		t.Fatalf("stats %+v", st)
	}
	var n int64
	var files int
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
			files++
		}
		return nil
	})
	if n != st.Bytes || files != st.Files {
		t.Errorf("on disk %d files %d bytes; stats %+v", files, n, st)
	}
}
