package lexicon

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every embedded file says what it is and where its entries come from.
func TestEmbeddedFilesHaveHeaders(t *testing.T) {
	names, err := fs.Glob(embedded, "data/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded lexicons: %v", err)
	}
	for _, n := range names {
		b, _ := embedded.ReadFile(n)
		first, _, _ := strings.Cut(string(b), "\n")
		if !strings.HasPrefix(first, "#") || len(strings.TrimSpace(strings.TrimPrefix(first, "#"))) < 10 {
			t.Errorf("%s: first line %q is not a header comment", n, first)
		}
		if lx := MustLoadEmbedded(); len(lx.List(strings.TrimSuffix(filepath.Base(n), ".txt"))) == 0 {
			t.Errorf("%s: no entries", n)
		}
	}
}

func TestUserDirAddsEntries(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"honorifics.txt": "# mine\nComrade\n\n  # indented comment\n",
		"newlist.txt":    "# a list the binary does not have\nalpha\tx\tY\nbeta\n",
		"ignored.csv":    "not a lexicon\n",
	}
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := MustLoadEmbedded()
	lx, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !lx.Has("honorifics", "comrade") || base.Has("honorifics", "comrade") {
		t.Error("user honorific not added (or already built in)")
	}
	if got, want := len(lx.List("honorifics")), len(base.List("honorifics"))+1; got != want {
		t.Errorf("honorifics: %d entries, want %d (comments and blanks skipped)", got, want)
	}
	e, ok := lx.Lookup("newlist", "ALPHA")
	if !ok || e.Field(1) != "x" || e.Field(2) != "Y" || e.Field(5) != "" {
		t.Errorf("newlist alpha = %v, %v", e, ok)
	}
	for _, n := range lx.Names() {
		if n == "ignored" {
			t.Error("a .csv file was read as a lexicon")
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing directory: no error")
	}
	f := filepath.Join(t.TempDir(), "file.txt")
	os.WriteFile(f, []byte("x\n"), 0o644)
	if _, err := Load(f); err == nil {
		t.Error("a file instead of a directory: no error")
	}
}
