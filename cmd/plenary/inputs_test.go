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
		tbl, _ := readTable(t, filepath.Join(out, table+".parquet"))
		for _, name := range column(tbl, "name") {
			if strings.ContainsAny(name, "[]()") || strings.Contains(name, "http") {
				t.Errorf("%s: name %q holds Markdown syntax", table, name)
			}
		}
		tbl.Release()
	}
	tbl, _ := readTable(t, filepath.Join(out, "organizations.parquet"))
	if names := column(tbl, "name"); !slices.Contains(names, "Federation of Trade Unions") {
		t.Errorf("organizations = %q", names)
	}
	tbl, _ = readTable(t, filepath.Join(out, "roles.parquet"))
	if orgs := column(tbl, "org_name"); !slices.Contains(orgs, "Federation of Trade Unions") {
		t.Errorf("roles' organizations = %q, want the chairman's Federation of Trade Unions", orgs)
	}
}
