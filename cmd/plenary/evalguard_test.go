package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// evalCorpus writes a two-document gold corpus and returns its folder.
func evalCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeCorpusFile(t, dir, "one.txt", evalDocText)
	writeCorpusFile(t, dir, "one.gold.json", strings.Replace(evalDocGold, "%s", "", 1))
	writeCorpusFile(t, dir, "two.txt", "Almaty hosted it.")
	writeCorpusFile(t, dir, "two.gold.json", `{"id": "two", "url": null, "published": null, "people": [], "organizations": [],
 "locations": [{"name": "Almaty", "aliases": []}], "dates": [], "quotes": []}`)
	return dir
}

// --predictions never writes over a file of the corpus: with X.gold.txt
// and X.gold.gold.json beside X.txt and X.gold.json, the prediction of
// document "X.gold" would be X.gold.json, X's gold. eval refuses (exit 2)
// before writing any prediction.
func TestEvalPredictionsNeverOverwriteCorpus(t *testing.T) {
	dir := evalCorpus(t)
	writeCorpusFile(t, dir, "one.gold.txt", evalDocText)
	writeCorpusFile(t, dir, "one.gold.gold.json", strings.Replace(strings.Replace(evalDocGold, "%s", "", 1), `"id": "one"`, `"id": "one.gold"`, 1))
	gold, _ := os.ReadFile(filepath.Join(dir, "one.gold.json"))
	link := filepath.Join(t.TempDir(), "preds")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	for _, predDir := range []string{dir, link} {
		var code int
		stderr := captureStderr(t, func() {
			captureStdout(t, func() { code = runCLI(t, "eval", dir, "--predictions", predDir) })
		})
		if code != 2 || !strings.Contains(stderr, "one.gold.json") {
			t.Errorf("--predictions %s: exit %d (%q), want 2 naming one.gold.json", predDir, code, stderr)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "one.gold.json")); string(b) != string(gold) {
			t.Fatalf("--predictions %s overwrote the gold of one", predDir)
		}
		if _, err := os.Stat(filepath.Join(dir, "two.json")); err == nil {
			t.Errorf("--predictions %s wrote some predictions before refusing", predDir)
		}
	}
	// Into a folder of its own all is written.
	preds := t.TempDir()
	captureStdout(t, func() {
		if code := runCLI(t, "eval", dir, "--predictions", preds); code != 0 {
			t.Errorf("--predictions into a new folder: exit %d", code)
		}
	})
	for _, n := range []string{"one.json", "one.gold.json", "two.json"} {
		if _, err := os.Stat(filepath.Join(preds, n)); err != nil {
			t.Error(err)
		}
	}
}

// The regression gate does not pass on broken gold: a document scored in
// the baseline that cannot be scored now (its gold unreadable, or removed)
// is a regression unless --allow-removed; a corpus with no gold at all is a
// usage error.
func TestEvalGateMissingDocuments(t *testing.T) {
	dir := evalCorpus(t)
	base := filepath.Join(t.TempDir(), "baseline.json")
	captureStdout(t, func() {
		if code := runCLI(t, "eval", dir, "--save-baseline", base); code != 0 {
			t.Fatalf("save: exit %d", code)
		}
	})
	writeCorpusFile(t, dir, "two.gold.json", `{"id": "two", "locations": [`) // corrupted
	var code int
	out := captureStdout(t, func() { code = runCLI(t, "eval", dir, "--baseline", base) })
	if code != 1 || !strings.Contains(out, "REGRESSION") || !strings.Contains(out, "two") {
		t.Errorf("corrupt gold: exit %d, want 1 with a regression naming two:\n%s", code, out)
	}
	out = captureStdout(t, func() { code = runCLI(t, "eval", dir, "--baseline", base, "--allow-removed") })
	if code != 0 || !strings.Contains(out, "no regression") {
		t.Errorf("corrupt gold with --allow-removed: exit %d:\n%s", code, out)
	}
	os.Remove(filepath.Join(dir, "two.gold.json"))
	os.Remove(filepath.Join(dir, "two.txt"))
	captureStdout(t, func() { code = runCLI(t, "eval", dir, "--baseline", base) })
	if code != 1 {
		t.Errorf("removed document: exit %d, want 1", code)
	}

	for name, files := range map[string]map[string]string{
		"no gold files":     {"one.txt": evalDocText, "notes.md": "x"},
		"only corrupt gold": {"one.txt": evalDocText, "one.gold.json": "{"},
		"empty folder":      {},
	} {
		d := t.TempDir()
		for n, c := range files {
			writeCorpusFile(t, d, n, c)
		}
		var stderr string
		captureStdout(t, func() { stderr = captureStderr(t, func() { code = runCLI(t, "eval", d) }) })
		if code != 2 || !strings.Contains(stderr, "no gold") {
			t.Errorf("%s: exit %d (%q), want 2 saying there is no gold", name, code, stderr)
		}
	}
}

// eval reads corpus files with run's checks and limits: a FIFO text or
// gold file is refused, not waited on, and a gold file over
// --max-doc-bytes is refused unread.
func TestEvalFileLimits(t *testing.T) {
	dir := evalCorpus(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "three.txt"), 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	writeCorpusFile(t, dir, "three.gold.json", `{"id": "three", "people": []}`)
	writeCorpusFile(t, dir, "four.txt", "Almaty.")
	if err := syscall.Mkfifo(filepath.Join(dir, "four.gold.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeCorpusFile(t, dir, "five.txt", "Almaty.")
	big := filepath.Join(dir, "five.gold.json")
	writeCorpusFile(t, dir, "five.gold.json", "{}")
	if err := os.Truncate(big, 30<<20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	var code int
	var stderr string
	captureStdout(t, func() {
		stderr = captureStderr(t, func() { code = runCLIWithin(t, 20*time.Second, "eval", dir) })
	})
	if code != 1 {
		t.Errorf("exit %d, want 1 (three cannot be read)", code)
	}
	for _, want := range []string{"three.txt", "four.gold.json", "not a regular file", "five.gold.json", "larger than the 1 MiB limit"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
}
