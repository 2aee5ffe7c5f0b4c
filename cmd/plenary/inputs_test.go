package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeInputs writes files (name -> content) into a fresh folder.
func writeInputs(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A Markdown export: link syntax must not leak into names, and the role
// stated around a link is found.
func TestRunMarkdownLinks(t *testing.T) {
	in := writeInputs(t, map[string]string{"report.md": `# Trade unions discuss wages in Astana

ASTANA, March 3, 2023 – [Kazinform](https://www.inform.kz) – The chairman of the [Federation of Trade Unions](https://fprk.kz) Satybaldy Dauletalin met with workers of the [Karaganda](https://en.wikipedia.org/wiki/Karaganda) region on Friday.

![Dauletalin speaks](https://fprk.kz/img/1.jpg)

"Wages must keep up with prices," said Satybaldy Dauletalin.
`})
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, in); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, table := range []string{"people", "organizations", "locations"} {
		tbl, _ := readTable(t, filepath.Join(out, table))
		for _, name := range column(tbl, "name") {
			if strings.ContainsAny(name, "[]()") || strings.Contains(name, "http") {
				t.Errorf("%s: name %q holds Markdown syntax", table, name)
			}
		}
		tbl.Release()
	}
	tbl, _ := readTable(t, filepath.Join(out, "organizations"))
	if names := column(tbl, "name"); !slices.Contains(names, "Federation of Trade Unions") {
		t.Errorf("organizations = %q", names)
	}
	tbl, _ = readTable(t, filepath.Join(out, "roles"))
	if orgs := column(tbl, "org_name"); !slices.Contains(orgs, "Federation of Trade Unions") {
		t.Errorf("roles' organizations = %q, want the chairman's Federation of Trade Unions", orgs)
	}
}

// plenary run day1 day2 with the same file names in both: by default the
// second report is a duplicate whose error says what to do; --id-parent
// keeps both.
func TestRunTwoDays(t *testing.T) {
	root := t.TempDir()
	for _, day := range []string{"day1", "day2"} {
		os.MkdirAll(filepath.Join(root, day), 0o755)
		os.WriteFile(filepath.Join(root, day, "report.txt"), []byte("Chairman Nurlan Seitkali met workers in Aktobe on "+day+".\n"), 0o644)
	}
	d1, d2 := filepath.Join(root, "day1"), filepath.Join(root, "day2")
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, d1, d2); code != 1 {
		t.Fatalf("exit %d, want 1 (a duplicate)", code)
	}
	tbl, _ := readTable(t, filepath.Join(out, "errors"))
	if msg := column(tbl, "message"); len(msg) != 1 || !strings.Contains(msg[0], "--id-parent") {
		t.Errorf("errors = %q", msg)
	}
	out = t.TempDir()
	if code := runCLI(t, "run", "--quiet", "--id-parent", "-o", out, d1, d2); code != 0 {
		t.Fatalf("--id-parent: exit %d", code)
	}
	tbl, _ = readTable(t, filepath.Join(out, "documents"))
	if ids := column(tbl, "doc_id"); strings.Join(ids, " ") != "day1/report day2/report" {
		t.Errorf("--id-parent: doc_ids %q", ids)
	}
	out = t.TempDir()
	if code := runCLI(t, "run", "--quiet", "--id-prefix", "may/", "-o", out, d1); code != 0 {
		t.Fatalf("--id-prefix: exit %d", code)
	}
	tbl, _ = readTable(t, filepath.Join(out, "documents"))
	if ids := column(tbl, "doc_id"); strings.Join(ids, " ") != "may/report" {
		t.Errorf("--id-prefix: doc_ids %q", ids)
	}
}

// withStdin runs f with os.Stdin reading s.
func withStdin(t *testing.T, s string, f func()) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.WriteString(s); w.Close() }()
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old; r.Close() }()
	f()
}

// cat report.txt | plenary run -: the message says stdin is JSON Lines and
// how to give a text; --stdin-format text reads it.
func TestRunTextOnStdin(t *testing.T) {
	text := "Plenary session. Chairman Nurlan Seitkali met workers in Aktobe.\n"
	out := t.TempDir()
	var code int
	msg := captureStderr(t, func() { withStdin(t, text, func() { code = runCLI(t, "run", "--quiet", "-o", out, "-") }) })
	if code != 2 || !strings.Contains(msg, "standard input is not JSON Lines") || !strings.Contains(msg, "--stdin-format text") {
		t.Errorf("exit %d, message:\n%s", code, msg)
	}
	withStdin(t, text, func() { code = runCLI(t, "run", "--quiet", "--stdin-format", "text", "-o", out, "-") })
	if code != 0 {
		t.Fatalf("--stdin-format text: exit %d", code)
	}
	tbl, _ := readTable(t, filepath.Join(out, "documents"))
	if ids, texts := column(tbl, "doc_id"), column(tbl, "text"); len(ids) != 1 || ids[0] != "stdin" || texts[0] != text {
		t.Errorf("documents %q %q", ids, texts)
	}
	if code := runCLI(t, "run", "--stdin-format", "csv", "-"); code != 2 {
		t.Errorf("--stdin-format csv: exit %d", code)
	}
}

// A --lexicon file that no stage reads (place.txt for places.txt) is a
// warning row and a message, not silently ignored; without a fields line
// it cannot be read at all, and the error names the list meant.
func TestRunUnknownLexiconFile(t *testing.T) {
	in := writeInputs(t, map[string]string{"a.txt": "Workers met in Tagum on Monday.\n"})
	lex := t.TempDir()
	os.WriteFile(filepath.Join(lex, "place.txt"), []byte("# fields: name, kind\nTagum\tcity\n"), 0o644)
	out := t.TempDir()
	var code int
	msg := captureStderr(t, func() { code = runCLI(t, "run", "--quiet", "--lexicon", lex, "-o", out, in) })
	if code != 0 || !strings.Contains(msg, "did you mean places.txt?") {
		t.Errorf("exit %d, stderr:\n%s", code, msg)
	}
	tbl, _ := readTable(t, filepath.Join(out, "errors"))
	if st, sev := column(tbl, "stage"), column(tbl, "severity"); len(st) != 1 || st[0] != "lexicon" || sev[0] != "warning" {
		t.Errorf("errors table: stage %q severity %q", st, sev)
	}
	if rj := readRunJSON(t, out); rj["documents"].(map[string]any)["warnings"].(float64) != 1 {
		t.Errorf("run.json warnings = %v", rj["documents"])
	}
	os.WriteFile(filepath.Join(lex, "place.txt"), []byte("Tagum\tcity\n"), 0o644)
	msg = captureStderr(t, func() { code = runCLI(t, "run", "--quiet", "--lexicon", lex, "-o", t.TempDir(), in) })
	if code != 2 || !strings.Contains(msg, "did you mean places.txt?") {
		t.Errorf("no fields line: exit %d, stderr:\n%s", code, msg)
	}
}
