package run

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A run whose inputs yield nothing to process returns NoDocumentsError and
// does not even create OUT; one stopped before its first document returns
// ErrStoppedBeforeInput, likewise.
func TestRunWithoutDocumentsTouchesNothing(t *testing.T) {
	emptyDir := t.TempDir()
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "a.pdf"), []byte("%PDF"), 0o644)
	broken := t.TempDir()
	os.WriteFile(filepath.Join(broken, "bin.txt"), []byte("a\x00b"), 0o644)
	for _, tc := range []struct {
		name  string
		input string
		stdin io.Reader
	}{
		{"empty folder", emptyDir, nil},
		{"only a pdf", other, nil},
		{"blank stdin", "-", strings.NewReader("\n  \n")},
		{"only a binary file", broken, nil},
	} {
		out := filepath.Join(t.TempDir(), "out")
		opt := options(tc.input, out)
		opt.Stdin = tc.stdin
		_, err := Run(opt, (&fakeExtract{}).extract)
		var nd *NoDocumentsError
		if !errors.As(err, &nd) {
			t.Errorf("%s: err = %v, want a NoDocumentsError", tc.name, err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: OUT was created", tc.name)
		}
		if tc.input == broken && (nd == nil || nd.NFailed != 1 || !strings.Contains(nd.Error(), "bin.txt: binary")) {
			t.Errorf("%s: %v does not name the file that failed", tc.name, err)
		}
		opt.AllowEmpty = true
		opt.Stdin = strings.NewReader("")
		sum, err := Run(opt, (&fakeExtract{}).extract)
		if err != nil || sum.Documents.OK != 0 {
			t.Errorf("%s with AllowEmpty: %+v, %v", tc.name, sum.Documents, err)
		}
		if tc.input == broken && (sum.Documents.Failed != 1 || len(readTables(t, out)["errors"]) != 1) {
			t.Errorf("%s with AllowEmpty: the error row is not written (%+v)", tc.name, sum.Documents)
		}
		if _, err := os.Stat(filepath.Join(out, "documents.parquet")); err != nil {
			t.Errorf("%s with AllowEmpty: %v", tc.name, err)
		}
	}

	// Stopped while stdin has given nothing yet.
	pr, pw := io.Pipe()
	defer pw.Close()
	out := filepath.Join(t.TempDir(), "out")
	opt := options("-", out)
	opt.Stdin = pr
	stop := make(chan struct{})
	opt.Stop = stop
	time.AfterFunc(50*time.Millisecond, func() { close(stop) })
	if _, err := Run(opt, (&fakeExtract{}).extract); !errors.Is(err, ErrStoppedBeforeInput) {
		t.Errorf("stopped before input: err = %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("stopped before input: OUT was created")
	}
}

func TestNoDocumentsErrorListsSkipped(t *testing.T) {
	e := &NoDocumentsError{Inputs: []string{"in"}, Out: "out", Skipped: []string{"in/a.pdf", "in/b.docx"}, NSkipped: 12}
	msg := e.Error()
	for _, want := range []string{"no documents in in", "12 file(s) skipped", "in/a.pdf, in/b.docx, and 10 more", "out left as it was", "--allow-empty"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
}
