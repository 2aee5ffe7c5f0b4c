package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"report", "report"},
		{"caf\xe9", "caf%E9"},
		{"100%\xff", "100%25%FF"},
		{"100%", "100%"}, // valid: as it is
		{"Zürich\xe9", "Zürich%E9"},
		{"\xc3", "%C3"},          // a truncated two-byte character
		{"a\uFFFDb", "a\uFFFDb"}, // a real U+FFFD is valid
	} {
		got, esc := escapeName(tc.in)
		if got != tc.want || esc != (tc.in != tc.want) {
			t.Errorf("escapeName(%q) = %q, %v; want %q", tc.in, got, esc, tc.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("escapeName(%q) = %q is not UTF-8", tc.in, got)
		}
		if esc && unescapeName(got) != tc.in {
			t.Errorf("unescapeName(%q) = %q, want %q back", got, unescapeName(got), tc.in)
		}
	}
}

// A file or folder name that is not UTF-8 (a Latin-1 name from a zip) keeps
// its document: doc_id and source escape the bytes, a warning row says so
// with the original name, the text and the sidecar are read from the real
// path, and every string is valid UTF-8.
func TestNonUTF8Names(t *testing.T) {
	root := filepath.Join(t.TempDir(), "in\xe9")
	sub := filepath.Join(root, "d\xfcr")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		filepath.Join(root, "caf\xe9.txt"):       "Workers met in Almaty.",
		filepath.Join(root, "caf\xe9.meta.json"): `{"title": "Caf\u00e9 meeting"}`,
		filepath.Join(root, "cafe.txt"):          "Plain name.",
		filepath.Join(sub, "x.txt"):              "In a Latin-1 folder.",
		filepath.Join(root, "r\xe9cords.jsonl"):  `{"id": "r1", "text": "A record."}` + "\n",
	}
	for p, c := range files {
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	items := collect([]string{root}, Options{}, "")
	var ids, sources, warns []string
	for _, it := range items {
		switch {
		case it.Doc != nil:
			ids = append(ids, it.Doc.ID)
			sources = append(sources, it.Doc.Source)
			if it.Doc.ID == "caf%E9" && it.Doc.Title != "Café meeting" {
				t.Errorf("caf%%E9: title %q, want the sidecar's", it.Doc.Title)
			}
		case it.Err != nil && it.Err.IsWarning():
			warns = append(warns, it.Err.Source+" | "+it.Err.DocID+" | "+it.Err.Message)
		case it.Err != nil:
			t.Errorf("error row: %+v", *it.Err)
		}
	}
	// doc_id order: "caf%E9" < "cafe" < "d%FCr/x" < "r1".
	if got, want := strings.Join(ids, " "), "caf%E9 cafe d%FCr/x r1"; got != want {
		t.Errorf("doc_ids = %q, want %q", got, want)
	}
	esc := filepath.Join(filepath.Dir(root), "in%E9")
	for _, s := range sources[:3] {
		if !strings.HasPrefix(s, esc+string(filepath.Separator)) {
			t.Errorf("source %q does not start with the escaped INPUT %q", s, esc)
		}
	}
	if len(warns) != 4 {
		t.Fatalf("warnings = %q, want 4 (three documents and the JSON Lines file)", warns)
	}
	for _, w := range warns {
		if !strings.Contains(w, "not valid UTF-8") || !strings.Contains(w, `\xe9`) {
			t.Errorf("warning %q does not give the original name", w)
		}
	}
	for _, it := range items {
		for _, s := range itemStrings(it) {
			if !utf8.ValidString(s) {
				t.Errorf("item %+v holds a string that is not UTF-8: %q", it, s)
			}
		}
	}
}

func itemStrings(it Item) []string {
	var ss []string
	if it.Doc != nil {
		ss = append(ss, it.Doc.ID, it.Doc.Source, it.Doc.Title, it.Doc.URL, it.Doc.Text)
	}
	if it.Err != nil {
		ss = append(ss, it.Err.Source, it.Err.DocID, it.Err.Message)
	}
	return append(ss, it.Skipped)
}
