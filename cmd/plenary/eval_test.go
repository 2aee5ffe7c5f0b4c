package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// captureStdout runs f with os.Stdout going to a pipe and returns what f wrote.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stdout = old }()
	f()
	w.Close()
	os.Stdout = old
	return <-done
}

func writeCorpusFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const evalDocText = "Chairman of the Federation of Trade Unions Nurlan Seitkali met workers in Aktobe on May 6 of this year.\n" +
	"“We will defend wages,” Seitkali said."

const evalDocGold = `{"id": "one", "url": null, "published": "2022-05-23",
 "people": [{"name": "Nurlan Seitkali", "aliases": ["Seitkali"], "roles": [{"title": "Chairman", "org": "Federation of Trade Unions"}]}%s],
 "organizations": [{"name": "Federation of Trade Unions", "aliases": []}],
 "locations": [{"name": "Aktobe", "aliases": []}],
 "dates": [{"text": "May 6 of this year", "value": "2022-05-06"}],
 "quotes": [{"text": "We will defend wages,", "speaker": "Nurlan Seitkali"}]}`

// The regression loop through the CLI: save a baseline, compare an unchanged
// corpus with it (exit 0), then add gold the extractor cannot find and a new
// document (exit 1, flagged as new gold), and list errors with their sentence.
func TestEvalBaselineLoop(t *testing.T) {
	dir := t.TempDir()
	writeCorpusFile(t, dir, "one.txt", evalDocText)
	writeCorpusFile(t, dir, "one.gold.json", strings.Replace(evalDocGold, "%s", "", 1))
	base := filepath.Join(t.TempDir(), "baseline.json")
	if code := runCLI(t, "eval", dir, "--save-baseline", base); code != 0 {
		t.Fatalf("save: exit %d", code)
	}
	// The baseline sits in the corpus folder in the project: eval must not
	// take it for a document.
	inCorpus := filepath.Join(dir, "baseline.json")
	if code := runCLI(t, "eval", dir, "--save-baseline", inCorpus); code != 0 {
		t.Fatalf("save in corpus: exit %d", code)
	}
	var out string
	code := -1
	out = captureStdout(t, func() { code = runCLI(t, "eval", dir, "--baseline", inCorpus, "--tolerance", "0") })
	if code != 0 {
		t.Fatalf("unchanged corpus: exit %d\n%s", code, out)
	}
	for _, want := range []string{"documents: 1 (without prediction: 0)", "old F1", "no item changed", "no regression"} {
		if !strings.Contains(out, want) {
			t.Errorf("unchanged: output lacks %q:\n%s", want, out)
		}
	}

	// Gold added since the baseline: a person the text names once in a
	// sentence no rule can read as a person, and a second document.
	writeCorpusFile(t, dir, "one.gold.json", strings.Replace(evalDocGold, "%s",
		`, {"name": "Qwzx Vbnm", "aliases": [], "roles": []}`, 1))
	writeCorpusFile(t, dir, "one.txt", evalDocText+"\nqwzx vbnm.")
	writeCorpusFile(t, dir, "two.txt", "Almaty hosted it.")
	writeCorpusFile(t, dir, "two.gold.json", `{"id": "two", "url": null, "published": null, "people": [], "organizations": [],
 "locations": [{"name": "Almaty", "aliases": []}, {"name": "Nowhereville", "aliases": []}], "dates": [], "quotes": []}`)
	jsonOut := filepath.Join(t.TempDir(), "diff.json")
	out = captureStdout(t, func() { code = runCLI(t, "eval", dir, "--baseline", base, "--json", jsonOut) })
	if code != 1 {
		t.Fatalf("new gold missed: exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{
		"new documents since the baseline (every gold item in them is a new gold item): two",
		"one (text changed since the baseline)",
		"two (new document)",
		"new gold, missed     Qwzx Vbnm",
		"[[qwzx vbnm]].",
		"new gold, missed     Nowhereville",
		"(not found in the text)",
		"REGRESSION:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	var j struct {
		Documents  int                       `json:"documents"`
		Tables     map[string]map[string]any `json:"tables"`
		Comparison struct {
			Regression    bool     `json:"regression"`
			NewGoldMissed int      `json:"new_gold_missed"`
			AddedDocs     []string `json:"added_docs"`
			Docs          []struct {
				ID    string `json:"id"`
				Worse []struct {
					Table, Kind, Label, Context string
					NewGold                     bool `json:"new_gold"`
				} `json:"worse"`
			} `json:"docs"`
		} `json:"comparison"`
	}
	b, err := os.ReadFile(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	if j.Documents != 2 || j.Tables["people"] == nil || !j.Comparison.Regression || j.Comparison.NewGoldMissed < 2 ||
		strings.Join(j.Comparison.AddedDocs, ",") != "two" {
		t.Errorf("json: %s", b)
	}

	// --errors: the figure table, then each item with its sentence.
	out = captureStdout(t, func() { code = runCLI(t, "eval", dir, "--errors", "5") })
	if code != 0 {
		t.Fatalf("--errors: exit %d", code)
	}
	if !strings.HasPrefix(out, "documents: 2 (without prediction: 0)\ntable") {
		t.Errorf("--errors does not start with the figure table:\n%s", out)
	}
	if !strings.Contains(out, "people missed: ") || !strings.Contains(out, "  one: Qwzx Vbnm\n      Seitkali said. [[qwzx vbnm]].") &&
		!strings.Contains(out, "  one: Qwzx Vbnm\n      [[qwzx vbnm]].") {
		t.Errorf("--errors does not show the missed person in its sentence:\n%s", out)
	}

	// A baseline that is not one is a usage error.
	bad := filepath.Join(t.TempDir(), "bad.json")
	writeCorpusFile(t, filepath.Dir(bad), "bad.json", `{"documents": 1}`)
	if code := runCLI(t, "eval", dir, "--baseline", bad); code != 2 {
		t.Errorf("bad baseline: exit %d, want 2", code)
	}
	if code := runCLI(t, "eval", dir, "--baseline", base, "--tolerance", "-1"); code != 2 {
		t.Errorf("negative tolerance: exit %d, want 2", code)
	}
}
