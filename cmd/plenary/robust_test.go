package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"plenary/pipeline/run"
	"plenary/pipeline/tables"
)

// TestRunHostileBatch runs the CLI over a folder of everything an overnight
// scrape can hold: the good reports are extracted, each bad file is one
// error row naming the file and the stage, and the exit code is 1.
func TestRunHostileBatch(t *testing.T) {
	in := t.TempDir()
	good := "Chairman of the Federation of Trade Unions Nurlan Seitkali met workers in Aktobe on May 6 of this year.\n“We will defend wages,” Seitkali said.\n"
	files := map[string]string{
		"a-good.txt":       good,
		"b-empty.txt":      "",
		"c-blank.txt":      "  \n\t\n",
		"d-nul.txt":        "abc\x00def",
		"e-png.txt":        "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
		"f-1252.txt":       "The caf\xe9 workers met Mr M\xfcller on May 6.",
		"g-1251.txt":       "\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xe2\xf1\xf2\xf0\xe5\xf2\xe8\xeb\xf1\xff \xe2 \xc0\xf1\xf2\xe0\xed\xe5.\n",
		"h-utf16.txt":      "\xff\xfe" + utf16le(good),
		"i-quotes.txt":     "Intro. " + strings.Repeat("He said \u201cno ", 10000),
		"j-straight.txt":   strings.Repeat("\" ", 10000),
		"k-deep.html":      "<html><body>" + strings.Repeat("<div>", 3000) + good + strings.Repeat("</div>", 3000) + "</body></html>",
		"l-records.jsonl":  `{"id":"r1","text":"Akim Serik Nurov visited Taraz."}` + "\n" + `{"id":"r2",` + "\n" + `{"id":"r1","text":"again"}` + "\n" + "not json at all\n",
		"m-locked.txt":     good,
		"n-notes.csv":      "a,b\n",
		"o-1.txt":          good,
		"o-1.md":           good, // the same doc_id as o-1.txt
		"p-gold.meta.json": "{broken",
		"p-gold.txt":       good,
	}
	long := !testing.Short() && !raceEnabled
	if long {
		// 1 MiB (the default limit) on one line with no punctuation: must
		// be processed, not dropped for time (linear in the length).
		var b strings.Builder
		words := []string{"union ", "Almaty ", "workers ", "Nurlan ", "Abenov ", "chairman ", "meeting ", "the "}
		for i := 0; b.Len() < 1<<20-16; i++ {
			b.WriteString(words[(i*5)%len(words)])
		}
		files["q-longline.txt"] = b.String()
	}
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(in, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(in, "m-locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(in, "r-fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(in, "s-sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(in, "s-sub", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("t-loop.txt", filepath.Join(in, "t-loop.txt")); err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "--workers", "2", "-o", out, in); code != 1 {
		t.Fatalf("exit %d, want 1 (some documents failed)", code)
	}
	_, docs := readTable(t, filepath.Join(out, "documents"))
	_, errs := readTable(t, filepath.Join(out, "errors"))
	docIDs := map[string]string{}
	for _, r := range docs {
		f := strings.Split(r, "\x1f")
		docIDs[f[0]] = f[9] // encoding
	}
	wantDocs := map[string]string{"a-good": "utf-8", "b-empty": "utf-8", "c-blank": "utf-8", "f-1252": "windows-1252",
		"g-1251": "windows-1251", "h-utf16": "utf-16le", "i-quotes": "utf-8", "j-straight": "utf-8", "k-deep": "utf-8",
		"r1": "utf-8", "o-1": "utf-8", "p-gold": "utf-8"}
	if long {
		wantDocs["q-longline"] = "utf-8"
	}
	if os.Geteuid() == 0 {
		wantDocs["m-locked"] = "utf-8" // root reads a file whatever its mode
	}
	if !reflect.DeepEqual(docIDs, wantDocs) {
		t.Errorf("documents (id=encoding) = %v\nwant %v", docIDs, wantDocs)
	}
	// source, doc_id, stage, message, severity
	wantErrs := []struct{ source, sev, msg string }{
		{"b-empty.txt", "warning", "empty document"},
		{"c-blank.txt", "warning", "only whitespace"},
		{"d-nul.txt", "error", "binary content"},
		{"e-png.txt", "error", "binary content"},
		{"f-1252.txt", "warning", "windows-1252"},
		{"g-1251.txt", "warning", "windows-1251"},
		{"h-utf16.txt", "warning", "utf-16le"},
		{"k-deep.html", "warning", "stripping tags"},
		{"l-records.jsonl:2", "error", "invalid JSON"},
		{"l-records.jsonl:3", "error", "duplicate doc_id"},
		{"l-records.jsonl:4", "error", "invalid JSON"},
		{"m-locked.txt", "error", "permission denied"},
		{"o-1.txt", "error", "duplicate doc_id"},
		{"p-gold.txt", "warning", "sidecar p-gold.meta.json ignored"},
		{"r-fifo.txt", "error", "not a regular file"},
		{"s-sub/loop", "error", "folder loop"},
		{"t-loop.txt", "error", "symbolic link loop"},
	}
	if os.Geteuid() == 0 {
		wantErrs = append(wantErrs[:11], wantErrs[12:]...)
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("errors table has %d rows, want %d:\n%s", len(errs), len(wantErrs), strings.Join(errs, "\n"))
	}
	for i, w := range wantErrs {
		if i >= len(errs) {
			break
		}
		f := strings.Split(errs[i], "\x1f")
		if !strings.HasSuffix(f[0], filepath.FromSlash(w.source)) || f[2] != "ingest" || f[4] != w.sev || !strings.Contains(f[3], w.msg) {
			t.Errorf("error row %d = %q, want source …%s, stage ingest, severity %s, message containing %q", i, f, w.source, w.sev, w.msg)
		}
	}
	rj := readRunJSON(t, out)
	d := rj["documents"].(map[string]any)
	failed := 0
	for _, w := range wantErrs {
		if w.sev == "error" {
			failed++
		}
	}
	if int(d["ok"].(float64)) != len(wantDocs) || int(d["failed"].(float64)) != failed {
		t.Errorf("run.json documents = %v, want ok %d failed %d", d, len(wantDocs), failed)
	}
	_, people := readTable(t, filepath.Join(out, "people"))
	if !strings.Contains(strings.Join(people, "\n"), "h-utf16\x1f") {
		t.Error("the UTF-16 report was not extracted")
	}
}

func utf16le(s string) string {
	var b []byte
	for _, r := range s {
		if r > 0xffff {
			continue
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

// buildBinary compiles plenary once for the process-level tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "plenary")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bigCorpus replicates the project's corpus (texts and their sidecars)
// copies times under distinct names.
func bigCorpus(t *testing.T, copies int) string {
	t.Helper()
	src, err := filepath.Glob("../../corpus/*")
	if err != nil || len(src) == 0 {
		t.Skip("no corpus")
	}
	dir := filepath.Join(t.TempDir(), "in")
	os.MkdirAll(dir, 0o755)
	for _, p := range src {
		base := filepath.Base(p)
		if !strings.HasSuffix(base, ".txt") && !strings.HasSuffix(base, ".gold.json") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for c := 0; c < copies; c++ {
			name := filepath.Join(dir, strings.Replace(base, ".", "-"+string(rune('a'+c%26))+string(rune('a'+c/26))+".", 1))
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func runBin(t *testing.T, bin string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

func tableRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	m := map[string][]string{}
	for _, name := range allTables {
		tbl, rows := readTable(t, filepath.Join(out, name))
		tbl.Release()
		m[name] = rows
	}
	return m
}

func sameTables(t *testing.T, what string, got, want map[string][]string) {
	t.Helper()
	for _, name := range allTables {
		if !reflect.DeepEqual(got[name], want[name]) {
			t.Errorf("%s: %s differs (%d rows, want %d)", what, name, len(got[name]), len(want[name]))
		}
	}
}

// manifestLines counts checkpointed documents, a sign of progress.
func manifestLines(out string) int {
	b, _ := os.ReadFile(filepath.Join(out, ".plenary-state", "manifest"))
	return bytes.Count(b, []byte("\n"))
}

// smallParts makes every flush of a table's rows end its part file, so a
// run over bigCorpus writes several parts per large table: the crash and
// signal tests hold with tables as folders of parts.
var smallParts = []string{"--part-bytes", "1"}

// runArgs is `run --quiet --workers 2` with smallParts, then args.
func runArgs(args ...string) []string {
	return append(append([]string{"run", "--quiet", "--workers", "2"}, smallParts...), args...)
}

// requireParts fails unless some table of out has several parts (else the
// test would not show what it claims about parts), and checks out's files
// against its run.json (every part listed, no other).
func requireParts(t *testing.T, out string) {
	t.Helper()
	most := 0
	for _, name := range allTables {
		paths, _ := tables.Parts(out, name, tables.Parquet)
		most = max(most, len(paths))
	}
	if most < 3 {
		t.Fatalf("%s: at most %d parts per table, want several", out, most)
	}
	if _, err := run.Verify(out); err != nil {
		t.Errorf("Verify %s: %v", out, err)
	}
}

// TestCrashResume kills `plenary run` with SIGKILL at several points of a
// real run (the last run's tables already in place), checks the previous
// tables stayed whole, and that --resume then gives tables identical, row
// for row and part for part, to an uninterrupted run while reusing what
// was done. Tables roll into several parts (smallParts).
func TestCrashResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it several times")
	}
	bin := buildBinary(t)
	in := bigCorpus(t, 16)
	ref := filepath.Join(t.TempDir(), "ref")
	start := time.Now()
	if code, stderr := runBin(t, bin, runArgs("-o", ref, in)...); code != 0 {
		t.Fatalf("reference run: exit %d\n%s", code, stderr)
	}
	full := time.Since(start)
	requireParts(t, ref)
	want := tableRows(t, ref)
	wantFiles := publishedTables(t, ref)
	total := len(want["documents"])
	t.Logf("reference: %d documents in %v", total, full)

	reusedSomewhere := false
	// Kill when 0 (before any checkpoint), a few, and many documents are
	// checkpointed, and once more during the resume itself.
	for i, at := range []int{0, 40, total / 2, total - 40} {
		// The previous run's tables (not its checkpoint) are in place.
		out := filepath.Join(t.TempDir(), "out")
		os.MkdirAll(out, 0o755)
		copyRun(t, ref, out)
		cmd := exec.Command(bin, runArgs("-o", out, in)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// A loaded machine (CI runs every package's tests at once) can be
		// much slower than the reference run: wait long, and hold the
		// resume to what was really checkpointed when the kill came.
		deadline := time.Now().Add(10 * full)
		for manifestLines(out) < at && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		checkpointed := manifestLines(out) // written after their shard's fsync: durable
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		// The previous run's tables are still whole where readers look
		// (the killed run wrote the same input, so a finished publish
		// would give the same rows).
		sameTables(t, "after SIGKILL", tableRows(t, out), want)

		if i == 2 {
			// A second crash, during the resume.
			cmd = exec.Command(bin, runArgs("--resume", "-o", out, in)...)
			cmd.Start()
			time.Sleep(full / 4)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
		}
		code, stderr := runBin(t, bin, runArgs("--resume", "-o", out, in)...)
		if code != 0 {
			t.Fatalf("resume after kill at %d: exit %d\n%s", at, code, stderr)
		}
		sameTables(t, "resumed", tableRows(t, out), want)
		if !sameFiles(publishedTables(t, out), wantFiles) {
			t.Errorf("resume after kill at %d: the part files differ from an uninterrupted run's", at)
		}
		requireParts(t, out)
		rj := readRunJSON(t, out)
		d := rj["documents"].(map[string]any)
		reused := int(d["reused"].(float64))
		t.Logf("killed at >= %d checkpointed: resume reused %d of %d", at, reused, total)
		if reused > 0 {
			reusedSomewhere = true
		}
		if at > 0 && checkpointed < at {
			t.Logf("only %d of the %d documents aimed for were checkpointed before the kill", checkpointed, at)
		}
		if reused < min(checkpointed, total) {
			t.Errorf("killed after %d documents were checkpointed, resume reused only %d", checkpointed, reused)
		}
		if rj["interrupted"].(bool) {
			t.Error("run.json of a complete resume says interrupted")
		}
		if left, _ := filepath.Glob(filepath.Join(out, ".plenary-tmp-*")); len(left) != 0 {
			t.Errorf("temporary folders left: %v", left)
		}
	}
	if !reusedSomewhere {
		t.Error("no resume reused any document")
	}
}

// TestSignalStopsGracefully: SIGINT (exit 130) and SIGTERM (143) finish
// what is in flight, write readable tables of what was done, and say so in
// run.json; --resume then completes the same tables as an uninterrupted run.
func TestSignalStopsGracefully(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it several times")
	}
	bin := buildBinary(t)
	in := bigCorpus(t, 16)
	ref := filepath.Join(t.TempDir(), "ref")
	if code, stderr := runBin(t, bin, runArgs("-o", ref, in)...); code != 0 {
		t.Fatalf("reference run: exit %d\n%s", code, stderr)
	}
	requireParts(t, ref)
	want := tableRows(t, ref)
	wantFiles := publishedTables(t, ref)
	total := len(want["documents"])
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command(bin, runArgs("-o", out, in)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(time.Minute)
		for manifestLines(out) < 32 && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		cmd.Process.Signal(tc.sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
			t.Fatalf("%v: exit %v, want %d", tc.sig, err, tc.code)
		}
		rj := readRunJSON(t, out)
		if !rj["interrupted"].(bool) {
			t.Errorf("%v: run.json does not say interrupted", tc.sig)
		}
		got := tableRows(t, out)
		n := len(got["documents"])
		if n == 0 || n >= total || int(rj["counts"].(map[string]any)["documents"].(float64)) != n {
			t.Errorf("%v: %d documents written of %d (run.json %v)", tc.sig, n, total, rj["counts"])
		}
		if !reflect.DeepEqual(got["documents"], want["documents"][:n]) {
			t.Errorf("%v: the interrupted tables are not the first %d documents", tc.sig, n)
		}
		if _, err := run.Verify(out); err != nil {
			t.Errorf("%v: the interrupted run's parts: %v", tc.sig, err)
		}
		if code, stderr := runBin(t, bin, runArgs("--resume", "-o", out, in)...); code != 0 {
			t.Fatalf("resume: exit %d\n%s", code, stderr)
		}
		sameTables(t, "resumed after "+tc.sig.String(), tableRows(t, out), want)
		if !sameFiles(publishedTables(t, out), wantFiles) {
			t.Errorf("resumed after %v: the part files differ from an uninterrupted run's", tc.sig)
		}
	}
}

// copyRun copies a run's tables and run.json (not its hidden files) from
// one output folder to another.
func copyRun(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if strings.HasPrefix(d.Name(), ".") && rel != "." {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestThreeShardsKilled is issue 17's acceptance run: three shards and
// finalize over the input of one run, shard 1 SIGKILLed mid-run (after
// its checkpoint's first commit) and run again alone with --resume; every
// table then holds one run's rows (compared sorted: a sharded run's rows
// come grouped by shard), and the parts are the ones run.json lists.
func TestThreeShardsKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it several times")
	}
	bin := buildBinary(t)
	// ~340 documents a shard: the checkpoint's first commit (every 256
	// documents or 2 s) comes with documents still to extract.
	in := bigCorpus(t, 24)
	one := filepath.Join(t.TempDir(), "one")
	if code, stderr := runBin(t, bin, runArgs("-o", one, in)...); code != 0 {
		t.Fatalf("run without shards: exit %d\n%s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	shard := func(i int, more ...string) []string {
		return runArgs(append([]string{"--shard", fmt.Sprintf("%d/3", i), "-o", out, in}, more...)...)
	}
	for _, i := range []int{0, 2} {
		if code, stderr := runBin(t, bin, shard(i)...); code != 0 {
			t.Fatalf("shard %d: exit %d\n%s", i, code, stderr)
		}
	}
	cmd := exec.Command(bin, shard(1)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(out, run.ShardsDir, "1-of-3", "state", "manifest")
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if b, _ := os.ReadFile(manifest); bytes.Count(b, []byte("\n")) > 0 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(out, run.ShardsDir, "1-of-3", "done")); err == nil {
		t.Fatal("shard 1 finished before it was killed")
	}
	if code, stderr := runBin(t, bin, "finalize", "--quiet", out); code != 2 || !strings.Contains(stderr, "shard(s) 1 of 3 have not finished") {
		t.Errorf("finalize without shard 1: exit %d\n%s", code, stderr)
	}
	if code, stderr := runBin(t, bin, shard(1, "--resume")...); code != 0 {
		t.Fatalf("shard 1 again: exit %d\n%s", code, stderr)
	}
	if code, stderr := runBin(t, bin, "finalize", "--quiet", out); code != 0 {
		t.Fatalf("finalize: exit %d\n%s", code, stderr)
	}
	requireParts(t, out)
	got, want := tableRows(t, out), tableRows(t, one)
	for _, name := range allTables {
		slices.Sort(got[name])
		slices.Sort(want[name])
	}
	sameTables(t, "three shards, one killed", got, want)
	rj := readRunJSON(t, out)
	shards := rj["shards"].([]any)
	s1 := shards[1].(map[string]any)
	if len(shards) != 3 || !s1["resumed"].(bool) || s1["documents"].(map[string]any)["reused"].(float64) == 0 {
		t.Errorf("run.json: shard 1 should say it resumed and reused its checkpoint: %v", s1)
	}
}
