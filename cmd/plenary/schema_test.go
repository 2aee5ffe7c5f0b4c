package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"plenary/pipeline/tables"
)

// readmeContract is the table of README.md's "The table contract".
func readmeContract(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	in := false
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "| table | column | type | meaning |") {
			in = true
		}
		if in {
			if !strings.HasPrefix(l, "|") {
				break
			}
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		t.Fatal("README.md has no table contract")
	}
	return strings.Join(out, "\n") + "\n"
}

// plenary schema prints the contract the writer declares, and README.md
// shows exactly that.
func TestSchemaCommandMatchesREADME(t *testing.T) {
	var code int
	out := captureStdout(t, func() { code = runCLI(t, "schema") })
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if out != tables.Contract() {
		t.Errorf("plenary schema prints something else than tables.Contract():\n%s", out)
	}
	if readme := readmeContract(t); readme != out {
		t.Errorf("README.md's table contract differs from plenary schema (paste its output into README.md):\n%s", lineDiff(readme, out))
	}
	// And the schema version README names is the writer's.
	b, _ := os.ReadFile("../../README.md")
	if !strings.Contains(string(b), "`plenary.schema_version` (currently `"+tables.SchemaVersion+"`") {
		t.Errorf("README.md does not give plenary.schema_version %s", tables.SchemaVersion)
	}
}

// lineDiff lists the lines of a missing from b and the other way round.
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ia, ib := in(a), in(b)
	var d []string
	for _, l := range strings.Split(a, "\n") {
		if !ib[l] {
			d = append(d, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ia[l] {
			d = append(d, "+ "+l)
		}
	}
	return strings.Join(d, "\n")
}

func TestVersionFlag(t *testing.T) {
	var code int
	out := captureStdout(t, func() { code = runCLI(t, "--version") })
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	re := regexp.MustCompile(`^plenary ` + regexp.QuoteMeta(Version) + ` \(commit [0-9a-z-]+, ` + regexp.QuoteMeta(runtime.Version()) + `\)\n$`)
	if !re.MatchString(out) {
		t.Errorf("plenary --version printed %q", out)
	}
}

// The documents table carries the text offsets point into (the reduced text
// of an HTML page, with its extraction), --no-text leaves it out, run.json
// names the build, and confidence reads back as two decimals.
func TestDocumentsText(t *testing.T) {
	page, err := os.ReadFile("../../pipeline/ingest/testdata/body/example-news.html")
	if err != nil {
		t.Fatal(err)
	}
	in := writeInputs(t, map[string]string{
		"a.txt":     "Chairman of the Federation of Trade Unions Nurlan Seitkali met workers in Aktobe.\n\n\"We will not give up,\" Seitkali said.\n",
		"page.html": string(page),
	})
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, in); code != 0 {
		t.Fatalf("exit %d", code)
	}
	tbl, _ := readTable(t, filepath.Join(out, "documents"))
	texts, ext := column(tbl, "text"), column(tbl, "extraction")
	a, _ := os.ReadFile(filepath.Join(in, "a.txt"))
	if len(texts) != 2 || texts[0] != string(a) {
		t.Errorf("a.txt's text = %q", texts)
	}
	if ext[0] != "(null)" || ext[1] != "body" {
		t.Errorf("extraction = %q, want [(null) body]", ext)
	}
	if strings.Contains(texts[1], "© 2023") || !strings.Contains(texts[1], "Workers cannot wait another year") {
		t.Errorf("page text is not the article body: %q", texts[1])
	}
	// The footer's "© 2023" is no longer a date of the article.
	dt, _ := readTable(t, filepath.Join(out, "dates"))
	for i, v := range column(dt, "value") {
		if v == "2023" && column(dt, "doc_id")[i] == "page" {
			t.Errorf("page still has the footer's year as a date")
		}
	}
	qt, _ := readTable(t, filepath.Join(out, "quotes"))
	for _, c := range column(qt, "confidence") {
		if len(c) > 4 {
			t.Errorf("confidence reads back as %s, not two decimals", c)
		}
	}
	rj := readRunJSON(t, out)
	if rj["version"] != Version || rj["go_version"] != runtime.Version() || rj["commit"] == "" {
		t.Errorf("run.json version fields: %v %v %v", rj["version"], rj["commit"], rj["go_version"])
	}

	out2 := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "--no-text", "-o", out2, in); code != 0 {
		t.Fatalf("exit %d", code)
	}
	tbl, _ = readTable(t, filepath.Join(out2, "documents"))
	if texts := column(tbl, "text"); texts[0] != "(null)" || texts[1] != "(null)" {
		t.Errorf("--no-text: text = %q", texts)
	}
}
