package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"plenary/pipeline/tables"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// captureStderr runs f with os.Stderr going to a pipe and returns what f wrote.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stderr = old }()
	f()
	w.Close()
	os.Stderr = old
	return <-done
}

// snapshot is every file under dir (hidden ones too: the checkpoint) by
// relative path, with its bytes.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[rel] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameSnapshot(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for name, b := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: %s is gone", what, name)
		} else if !bytes.Equal(g, b) {
			t.Errorf("%s: %s changed", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok && !strings.HasPrefix(name, ".plenary-lock") {
			t.Errorf("%s: %s appeared", what, name)
		}
	}
}

// A typo in INPUT, or an INPUT with nothing plenary reads, is a usage error
// (exit 2) that names what is wrong and leaves OUT as it was: the previous
// tables, run.json and checkpoint. --allow-empty writes empty tables.
func TestRunNothingToReadKeepsOut(t *testing.T) {
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, "../../corpus"); code != 0 {
		t.Fatalf("first run: exit %d", code)
	}
	before := snapshot(t, out)

	empty := t.TempDir()
	onlyOther := t.TempDir()
	for _, n := range []string{"minutes.pdf", "agenda.docx"} {
		writeCorpusFile(t, onlyOther, n, "not a report")
	}
	typo := filepath.Join(t.TempDir(), "corpu")
	for _, tc := range []struct {
		name  string
		input string
		want  []string // in the message
	}{
		{"missing", typo, []string{typo, "does not exist"}},
		{"empty folder", empty, []string{empty, "no documents"}},
		{"only other formats", onlyOther, []string{"no documents", "agenda.docx", "minutes.pdf", "--allow-empty"}},
	} {
		var code int
		stderr := captureStderr(t, func() { code = runCLI(t, "run", "--quiet", "-o", out, tc.input) })
		if code != 2 {
			t.Errorf("%s: exit %d, want 2 (stderr %q)", tc.name, code, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr does not say %q: %q", tc.name, w, stderr)
			}
		}
		sameSnapshot(t, tc.name, snapshot(t, out), before)
	}
	// Also when another INPUT has documents: a missing one is a typo.
	if code := runCLI(t, "run", "--quiet", "-o", out, "../../corpus", typo); code != 2 {
		t.Errorf("corpus + missing INPUT: exit %d, want 2", code)
	}
	sameSnapshot(t, "corpus + missing", snapshot(t, out), before)

	if code := runCLI(t, "run", "--quiet", "--allow-empty", "-o", out, onlyOther); code != 0 {
		t.Fatalf("--allow-empty: exit %d, want 0", code)
	}
	rj := readRunJSON(t, out)
	if d := rj["documents"].(map[string]any); d["ok"].(float64) != 0 || d["skipped"].(float64) != 2 {
		t.Errorf("--allow-empty: documents = %v, want 0 ok and 2 skipped", d)
	}
	if _, rows := readTable(t, filepath.Join(out, "documents")); len(rows) != 0 {
		t.Errorf("--allow-empty: %d document rows, want 0", len(rows))
	}
}

// Switching --format in the same OUT leaves one run's tables: no table of
// the other format stays beside the new ones.
func TestRunFormatSwitchLeavesOneRun(t *testing.T) {
	out := t.TempDir()
	for _, format := range []string{"parquet", "arrow", "parquet"} {
		if code := runCLI(t, "run", "--quiet", "--format", format, "-o", out, "../../corpus"); code != 0 {
			t.Fatalf("%s: exit %d", format, code)
		}
		other := map[string]string{"parquet": "arrow", "arrow": "parquet"}[format]
		for _, name := range allTables {
			if paths, _ := tables.Parts(out, name, format); len(paths) == 0 {
				t.Errorf("after --format %s: no %s part of %s", format, format, name)
			}
			if paths, _ := tables.Parts(out, name, other); len(paths) != 0 {
				t.Errorf("after --format %s: %v of the previous run is still there", format, paths)
			}
		}
	}
}

// A file name that is not UTF-8 keeps its document under an escaped doc_id,
// with a warning row; every string in every table is valid UTF-8, so
// readers do not refuse the columns.
func TestRunNonUTF8FileName(t *testing.T) {
	in := t.TempDir()
	writeCorpusFile(t, in, "caf\xe9-2022-05-23.txt", "Chairman of the Federation of Trade Unions Nurlan Seitkali met workers in Aktobe on May 6 of this year.\n“We will defend wages,” Seitkali said.\n")
	writeCorpusFile(t, in, "plain.txt", "Akim Serik Nurov visited Taraz.\n")
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, in); code != 0 {
		t.Fatalf("exit %d, want 0 (a warning is no failure)", code)
	}
	for _, name := range allTables {
		_, rows := readTable(t, filepath.Join(out, name))
		for _, r := range rows {
			if !utf8.ValidString(r) {
				t.Errorf("%s: row %q is not UTF-8", name, r)
			}
		}
	}
	tbl, _ := readTable(t, filepath.Join(out, "documents"))
	if ids := column(tbl, "doc_id"); strings.Join(ids, " ") != "caf%E9-2022-05-23 plain" {
		t.Errorf("doc_ids = %q", ids)
	}
	tbl, _ = readTable(t, filepath.Join(out, "people"))
	if ids := column(tbl, "doc_id"); len(ids) == 0 || ids[0] != "caf%E9-2022-05-23" {
		t.Errorf("people of the escaped document: %q", ids)
	}
	_, errs := readTable(t, filepath.Join(out, "errors"))
	if len(errs) != 1 || !strings.Contains(errs[0], `original path "`) || !strings.Contains(errs[0], "warning") {
		t.Errorf("errors = %q, want one warning giving the original path", errs)
	}
}

// runCLIWithin runs the CLI and fails the test if it does not return in d
// (a FIFO opened for reading blocks until a writer comes).
func runCLIWithin(t *testing.T, d time.Duration, args ...string) int {
	t.Helper()
	ch := make(chan int, 1)
	go func() { ch <- execute(args) }()
	select {
	case code := <-ch:
		return code
	case <-time.After(d):
		t.Fatalf("plenary %v did not finish within %v (blocked on a FIFO?)", args, d)
		return -1
	}
}

// A FIFO sidecar, or a link to one, is refused with a warning as a FIFO
// document is, by run and by run --resume: the batch finishes.
func TestRunFIFOSidecar(t *testing.T) {
	in := t.TempDir()
	writeCorpusFile(t, in, "a.txt", "Akim Serik Nurov visited Taraz.\n")
	writeCorpusFile(t, in, "b.txt", "Akim Serik Nurov visited Almaty.\n")
	if err := syscall.Mkfifo(filepath.Join(in, "a.meta.json"), 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(fifo, filepath.Join(in, "b.gold.json")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, args := range [][]string{{}, {"--resume"}} {
		code := runCLIWithin(t, 20*time.Second, append([]string{"run", "--quiet", "-o", out, in}, args...)...)
		if code != 0 {
			t.Fatalf("run %v: exit %d", args, code)
		}
		_, errs := readTable(t, filepath.Join(out, "errors"))
		if len(errs) != 2 || !strings.Contains(strings.Join(errs, "\n"), "not a regular file") {
			t.Errorf("run %v: errors = %q, want two warnings about the sidecars", args, errs)
		}
	}
}

// The checkpoint's fingerprint covers the --lexicon files of a folder
// whose name looks like a glob pattern: changing them means re-extracting.
func TestFingerprintLexiconFolderNameIsNoPattern(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lex[1]")
	os.MkdirAll(dir, 0o755)
	writeCorpusFile(t, dir, "places.txt", "# mine\nKokzhiyde\tcity\n")
	none, _ := fingerprint("")
	a, err := fingerprint(dir)
	if err != nil {
		t.Fatal(err)
	}
	writeCorpusFile(t, dir, "places.txt", "# mine\nKokzhiyde\tvillage\n")
	b, _ := fingerprint(dir)
	if a == none || a == b {
		t.Errorf("fingerprint ignores the files of %s: %q %q %q", dir, none, a, b)
	}
}

// --no-follow-outside: a link in the INPUT folder to a file outside it is
// not read (an error row), so an untrusted folder cannot bring /etc/passwd
// into the tables; without it links are followed, as documented.
func TestRunNoFollowOutside(t *testing.T) {
	outside := t.TempDir()
	writeCorpusFile(t, outside, "secret.txt", "Akim Serik Nurov visited Taraz.\n")
	in := t.TempDir()
	writeCorpusFile(t, in, "a.txt", "Akim Serik Nurov visited Almaty.\n")
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(in, "b.txt")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, in); code != 0 {
		t.Fatalf("following links: exit %d", code)
	}
	if _, docs := readTable(t, filepath.Join(out, "documents")); len(docs) != 2 {
		t.Errorf("following links: %d documents, want 2", len(docs))
	}
	if code := runCLI(t, "run", "--quiet", "--no-follow-outside", "-o", out, in); code != 1 {
		t.Fatalf("--no-follow-outside: exit %d, want 1", code)
	}
	tbl, _ := readTable(t, filepath.Join(out, "documents"))
	if ids := column(tbl, "doc_id"); strings.Join(ids, " ") != "a" {
		t.Errorf("--no-follow-outside: documents %q, want only a", ids)
	}
	if _, errs := readTable(t, filepath.Join(out, "errors")); len(errs) != 1 || !strings.Contains(errs[0], "leads outside the INPUT folder") {
		t.Errorf("--no-follow-outside: errors %q", errs)
	}
}

// Rows follow the input, as the README says (and no longer claims a global
// doc_id order, which JSON Lines and several INPUTs did not keep): INPUTs
// in the order given, a folder's documents by doc_id, a JSON Lines file's
// records in line order at the file's place in its folder.
func TestRowOrderAsDocumented(t *testing.T) {
	in1, in2 := t.TempDir(), t.TempDir()
	writeCorpusFile(t, in1, "b.txt", "Akim Serik Nurov visited Taraz.\n")
	writeCorpusFile(t, in1, "a.txt", "Akim Serik Nurov visited Almaty.\n")
	writeCorpusFile(t, in1, "m.jsonl", `{"id": "zz", "text": "Akim Serik Nurov visited Aktobe."}`+"\n"+`{"id": "aa", "text": "Akim Serik Nurov visited Astana."}`+"\n")
	writeCorpusFile(t, in1, "x.txt", "Akim Serik Nurov visited Shymkent.\n")
	writeCorpusFile(t, in2, "0.txt", "Akim Serik Nurov visited Turkestan.\n")
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, in1, in2); code != 0 {
		t.Fatalf("exit %d", code)
	}
	tbl, _ := readTable(t, filepath.Join(out, "documents"))
	if got := strings.Join(column(tbl, "doc_id"), " "); got != "a b zz aa x 0" {
		t.Errorf("documents in order %q, want the input's: a b zz aa x 0", got)
	}
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(b)), " ")
	if strings.Contains(readme, "Rows are ordered by `doc_id`, then `start`") {
		t.Error("README still says rows are ordered by doc_id, which JSON Lines and several INPUTs do not keep")
	}
	if !strings.Contains(readme, "a JSON Lines file's records in line order") {
		t.Error("README does not say in which order JSON Lines records come")
	}
}

// A run without --trace after one with it leaves no trace table: OUT holds
// one run, optional tables included.
func TestRunWithoutTraceLeavesNoTrace(t *testing.T) {
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "--trace", "-o", out, "../../corpus"); code != 0 {
		t.Fatalf("--trace: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(out, "trace")); err != nil {
		t.Fatalf("--trace wrote no trace table: %v", err)
	}
	if code := runCLI(t, "run", "--quiet", "-o", out, "../../corpus"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(out, "trace")); err == nil {
		t.Error("the previous run's trace table is still there")
	}
}
