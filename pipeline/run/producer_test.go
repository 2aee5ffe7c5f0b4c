package run

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"plenary/pipeline/tables"
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
		if _, err := os.Stat(filepath.Join(out, "documents", "part-00000-00000.parquet")); err != nil {
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

// A run's temporary folder has an unpredictable name, not the pid: two
// processes in two containers are both PID 1.
func TestTempNamesUnpredictable(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		out := t.TempDir()
		o, err := openOutput(options(t.TempDir(), out))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(o.tmp)
		o.set.Abort()
		o.st.close(false)
		o.cleanup()
		if strings.Contains(name, strconv.Itoa(os.Getpid())) || seen[name] {
			t.Errorf("temporary folder %s: named after the pid, or twice the same", name)
		}
		seen[name] = true
	}
}

// run.json lists every table with its size and SHA-256; Verify finds a
// table that is not the one listed (a run killed while publishing leaves
// such), and says when there is nothing to check.
func TestVerify(t *testing.T) {
	_, out, _ := completeRun(t, 4)
	sum, err := Verify(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != len(tables.Tables) {
		t.Fatalf("run.json lists %d files, want %d", len(sum.Files), len(tables.Tables))
	}
	// Another run's people table.
	_, other, _ := completeRun(t, 2)
	people := "people/" + tables.PartName(tables.FinalWriter, 0, tables.Parquet)
	quotes := "quotes/" + tables.PartName(tables.ShardWriter(0), 0, tables.Parquet)
	b, _ := os.ReadFile(filepath.Join(other, people))
	os.WriteFile(filepath.Join(out, people), b, 0o644)
	os.Remove(filepath.Join(out, quotes))
	// A part no run.json lists: a reader of the folder would read it.
	stray := "roles/" + tables.PartName(tables.ShardWriter(0), 1, tables.Parquet)
	os.WriteFile(filepath.Join(out, stray), b, 0o644)
	_, err = Verify(out)
	var me *MismatchError
	if !errors.As(err, &me) || len(me.Problems) != 3 || !strings.Contains(me.Error(), people+": ") ||
		!strings.Contains(me.Error(), quotes+": missing") || !strings.Contains(me.Error(), stray+": not in run.json") {
		t.Errorf("Verify after swapping a table: %v", err)
	}
	os.WriteFile(filepath.Join(out, "run.json"), []byte(`{"version": "old"}`), 0o644)
	if _, err := Verify(out); !errors.Is(err, ErrUnverifiable) {
		t.Errorf("Verify of a run.json without files: %v", err)
	}
	os.Remove(filepath.Join(out, "run.json"))
	if _, err := Verify(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Verify without run.json: %v", err)
	}
}

// A second run on an OUT whose lock is held returns a BusyError before
// touching anything; the lock goes with the run.
func TestLockOut(t *testing.T) {
	_, out, want := completeRun(t, 3)
	unlock, err := lockOut(out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 5, docText)
	_, err = Run(options(in, out), (&fakeExtract{}).extract)
	var be *BusyError
	if !errors.As(err, &be) || !strings.Contains(be.Holder, "pid "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("run on a locked OUT: %v", err)
	}
	if got := readTables(t, out); !reflect.DeepEqual(got, want) {
		t.Error("the locked-out run changed the tables")
	}
	unlock()
	if _, err := Run(options(in, out), (&fakeExtract{}).extract); err != nil {
		t.Fatalf("after unlock: %v", err)
	}
}
