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

// Ids that differ only by case, Unicode normalization (NFC) or surrounding
// spaces are kept apart, as distinct ids, but the later one gets a warning:
// they are likely the same document, and a case-insensitive file system or
// tool would merge them.
func TestNearDuplicateIDsWarn(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"Report.txt":    "One.",
		"report.txt":    "Two.",
		"caf\u00e9.txt": "Three.", // NFC
		"other.txt":     "Four.",
	})
	nfd := "cafe\u0301" // the same name, decomposed
	recs := `{"id": "` + nfd + `", "text": "Five."}` + "\n" + `{"id": " other ", "text": "Six."}` + "\n" + `{"id": "unique", "text": "Seven."}` + "\n"
	items := collect([]string{dir, "-"}, Options{}, recs)
	var docs []string
	warned := map[string]string{}
	for i, it := range items {
		switch {
		case it.Doc != nil:
			docs = append(docs, it.Doc.ID)
		case it.Err != nil && it.Err.IsWarning():
			if i+1 >= len(items) || items[i+1].Doc == nil || items[i+1].Doc.ID != it.Err.DocID {
				t.Errorf("warning %q does not precede its document", it.Err.Message)
			}
			warned[it.Err.DocID] = it.Err.Message
		default:
			t.Errorf("unexpected item %+v", it)
		}
	}
	if len(docs) != 7 {
		t.Errorf("documents %q, want all 7 kept", docs)
	}
	for _, id := range []string{"report", nfd, " other "} {
		if !strings.Contains(warned[id], "differs from an earlier doc_id only by") {
			t.Errorf("no near-duplicate warning for %q (warnings: %q)", id, warned)
		}
	}
	if len(warned) != 3 {
		t.Errorf("warnings for %d ids, want 3: %q", len(warned), warned)
	}
}

// Symbolic links are followed, also out of the INPUT folder; with
// NoFollowOutside (run --no-follow-outside, for untrusted folders) a link
// whose target is outside the INPUT folder is not followed: an error row
// for a document or folder, a warning for a sidecar (the document is read
// without it). Links that stay inside are followed either way.
func TestNoFollowOutside(t *testing.T) {
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{
		"secret.txt":    "Outside text.",
		"dir/more.txt":  "More outside text.",
		"meta.json":     `{"title": "From outside"}`,
		"records.jsonl": `{"id": "r1", "text": "Outside record."}` + "\n",
	})
	in := filepath.Join(t.TempDir(), "in")
	writeTree(t, in, map[string]string{
		"a.txt":     "Inside.",
		"sub/b.txt": "Inside too.",
	})
	links := map[string]string{
		"c.txt":       filepath.Join(outside, "secret.txt"),
		"d":           filepath.Join(outside, "dir"),
		"a.meta.json": filepath.Join(outside, "meta.json"),
		"e.jsonl":     filepath.Join(outside, "records.jsonl"),
		"f.txt":       "sub/b.txt", // inside
		"g":           "sub",       // inside
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(in, name)); err != nil {
			t.Fatal(err)
		}
	}
	summary := func(items []Item) (docs []string, errs, warns map[string]string) {
		errs, warns = map[string]string{}, map[string]string{}
		for _, it := range items {
			switch {
			case it.Doc != nil:
				docs = append(docs, it.Doc.ID+"="+it.Doc.Title)
			case it.Err != nil && it.Err.IsWarning():
				warns[filepath.Base(it.Err.Source)] = it.Err.Message
			case it.Err != nil:
				errs[filepath.Base(it.Err.Source)] = it.Err.Message
			}
		}
		return docs, errs, warns
	}
	docs, errs, _ := summary(collect([]string{in}, Options{}, ""))
	if got := strings.Join(docs, " "); got != "a=From outside c= d/more= r1= f= g/b= sub/b=" || len(errs) != 0 {
		t.Errorf("following links: documents %q, errors %q", got, errs)
	}
	docs, errs, warns := summary(collect([]string{in}, Options{NoFollowOutside: true}, ""))
	if got := strings.Join(docs, " "); got != "a= f= g/b= sub/b=" {
		t.Errorf("NoFollowOutside: documents %q, want only those inside", got)
	}
	for _, name := range []string{"c.txt", "d", "e.jsonl"} {
		if !strings.Contains(errs[name], "leads outside the INPUT folder") {
			t.Errorf("NoFollowOutside: no error row for %s (errors %q)", name, errs)
		}
	}
	if !strings.Contains(warns["a.meta.json"], "leads outside the INPUT folder") || len(errs) != 3 {
		t.Errorf("NoFollowOutside: warnings %q, errors %q", warns, errs)
	}
}
