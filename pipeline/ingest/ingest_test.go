package ingest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// writeTree creates files (rel path -> content) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func collect(inputs []string, opt Options, stdin string) []Item {
	var out []Item
	for it := range Stream(inputs, opt, strings.NewReader(stdin)) {
		out = append(out, it)
	}
	return out
}

func itemSource(it Item) string {
	switch {
	case it.Doc != nil:
		return it.Doc.Source
	case it.Err != nil:
		return it.Err.Source
	}
	return it.Skipped
}

func itemKind(it Item) string {
	n := 0
	k := ""
	if it.Doc != nil {
		n, k = n+1, "doc"
	}
	if it.Err != nil {
		n, k = n+1, "err"
		if it.Err.IsWarning() {
			k = "warn"
		}
	}
	if it.Skipped != "" {
		n, k = n+1, "skip"
	}
	if n != 1 {
		return "invalid"
	}
	return k
}

const pageHTML = `<!DOCTYPE html><html><head>
<title>Page  title</title>
<meta property="article:published_time" content="2021-07-08T09:10:11+06:00">
<link rel="canonical" href="https://example.org/page">
<script>var x = "not text";</script><style>p{color:red}</style>
</head><body><h1>Head&shy;line</h1><p>First &amp; <b>bold</b>   words.</p><div>Second<br>third</div></body></html>`

// corpusTree is a folder INPUT exercising every rule of the contract.
var corpusTree = map[string]string{
	// Text kept byte for byte (CRLF, non-ASCII, no trailing newline).
	"a.txt":       "Alpha report.\r\nSecond line — Almaty, «quoted».",
	"a.meta.json": `{"url":"https://meta.example/a","published":"2021-02-03","title":"  Meta   title "}`,
	"a.gold.json": `{"id":"a","url":"https://gold.example/a","published":"2020-01-01","people":[]}`,
	// gold gives the url; published null there falls back to the file name.
	"b-2019-05-06-report.txt":       "Bravo report.\n",
	"b-2019-05-06-report.gold.json": `{"url":"https://gold.example/b","published":null}`,
	// meta.json with a bad date: warning row, then gold.json's date is used.
	"c.md":        "# Charlie\n\nMarkdown reduced to its [text](https://example.org).\n",
	"c.meta.json": `{"published":"2021-02-30","title":"C"}`,
	"c.gold.json": `{"url":null,"published":"2018-03-04"}`,
	// An impossible date in the name gives no date.
	"d-2022-13-45.txt": "Delta.\n",
	// A broken meta.json is reported, the document is kept.
	"e.txt":       "Echo.\n",
	"e.meta.json": `{"url": "https://broken`,
	// Ordering: "kz.txt" sorts before "kz/..." ('.' < '/').
	"kz.txt":             "Kilo zulu.\n",
	"kz/nested/page.htm": pageHTML,
	"kz/Upper.TXT":       "Upper-case extension.\n",
	// JSON Lines: good, bad JSON, no id, numeric id, bad date, blank, no text, duplicate id.
	"records.jsonl": strings.Join([]string{
		`{"id":"r1","text":"Record one.","url":"https://r/1","published":"2020-10-11","title":"R one"}`,
		`{"id":"r2","text": oops}`,
		`{"text":"no id here"}`,
		`{"id":7,"text":"numeric id"}`,
		`{"id":"r3","text":"Record three.","published":"11/10/2020"}`,
		``,
		`{"id":"r4"}`,
		`{"id":"r1","text":"again"}`,
		`[1,2]`,
		`{"id":"r5","text":"Record five.\r\n","published":"2020-10-12T08:00:00Z"}`,
	}, "\r\n") + "\n",
	// Bad documents.
	"empty.txt":   "",
	"blank.txt":   " \n\t \u00a0\n",
	"binary.txt":  "PK\x03\x04\x00\x00binary",
	"control.txt": strings.Repeat("\x01\x02\x03\x04 ", 50),
	"latin1.txt":  "Caf\xe9 au lait.\n",
	"big.txt":     strings.Repeat("x", 5000),
	"empty.html":  "<html><head><title>T</title></head><body><script>x()</script></body></html>",
	// Not documents.
	"SCOPE":                "people organizations\n",
	"README.md":            "# About this corpus\n",
	"baseline.json":        "{}",
	"photo.png":            "\x89PNG\r\n\x1a\n",
	"orphan.gold.json":     `{"url":null}`,
	".hidden.txt":          "hidden files are ignored\n",
	".git/config":          "[core]\n",
	"sub/notes.json":       "{}",
	"sub/z-2024-02-29.txt": "Zulu, a leap day.\n",
}

type want struct {
	rel       string // relative to the corpus folder, or a stdin/line source
	kind      string // doc, err, skip
	id        string
	text      string // exact text, for docs ("" = don't check)
	url       string
	title     string
	published string // YYYY-MM-DD or "" for none
	msg       string // substring of the error message
	enc       string // encoding of a doc ("" = utf-8)
}

func TestStreamFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "corpus")
	writeTree(t, dir, corpusTree)
	// A dangling symbolic link, and a link back to an enclosing folder.
	if err := os.Symlink("missing-target.txt", filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	// A symbolic link to a file is followed.
	if err := os.Symlink(filepath.Join("..", "kz.txt"), filepath.Join(dir, "sub", "link.txt")); err != nil {
		t.Fatal(err)
	}

	wants := []want{
		{rel: "a.txt", kind: "doc", id: "a", text: corpusTree["a.txt"], url: "https://meta.example/a", title: "Meta title", published: "2021-02-03"},
		{rel: "b-2019-05-06-report.txt", kind: "doc", id: "b-2019-05-06-report", text: "Bravo report.\n", url: "https://gold.example/b", published: "2019-05-06"},
		{rel: "baseline.json", kind: "skip"},
		{rel: "big.txt", kind: "err", id: "big", msg: "larger than the 4 KiB limit"},
		{rel: "binary.txt", kind: "err", id: "binary", msg: "binary content (NUL byte at byte offset 4)"},
		{rel: "blank.txt", kind: "warn", id: "blank", msg: "only whitespace; kept with zero counts"},
		{rel: "blank.txt", kind: "doc", id: "blank", text: corpusTree["blank.txt"]},
		{rel: "c.md", kind: "warn", id: "c", msg: `published "2021-02-30" is not a YYYY-MM-DD date`},
		{rel: "c.md", kind: "doc", id: "c", text: "Charlie\n\nMarkdown reduced to its text.", title: "C", published: "2018-03-04"},
		{rel: "control.txt", kind: "err", id: "control", msg: "binary content (mostly non-text"},
		{rel: "d-2022-13-45.txt", kind: "doc", id: "d-2022-13-45", text: "Delta.\n"},
		{rel: "dangling.txt", kind: "err", id: "dangling", msg: `broken symbolic link: its target "missing-target.txt" does not exist`},
		{rel: "e.txt", kind: "warn", id: "e", msg: "sidecar e.meta.json ignored: not a JSON object"},
		{rel: "e.txt", kind: "doc", id: "e", text: "Echo.\n"},
		{rel: "empty.html", kind: "warn", id: "empty", msg: "no visible text"},
		{rel: "empty.html", kind: "doc", id: "empty", title: "T"},
		// Same doc_id as empty.html: the warning, then the duplicate error.
		{rel: "empty.txt", kind: "warn", id: "empty", msg: "empty document (0 bytes)"},
		{rel: "empty.txt", kind: "err", id: "empty", msg: "duplicate doc_id"},
		{rel: "kz.txt", kind: "doc", id: "kz", text: "Kilo zulu.\n"},
		{rel: "kz/Upper.TXT", kind: "doc", id: "kz/Upper", text: "Upper-case extension.\n"},
		{rel: "kz/nested/page.htm", kind: "doc", id: "kz/nested/page", text: "Headline\n\nFirst & bold words.\n\nSecond\n\nthird",
			url: "https://example.org/page", title: "Page title", published: "2021-07-08"},
		{rel: "latin1.txt", kind: "warn", id: "latin1", msg: "decoded as windows-1252"},
		{rel: "latin1.txt", kind: "doc", id: "latin1", text: "Café au lait.\n", enc: "windows-1252"},
		{rel: "photo.png", kind: "skip"},
		{rel: "records.jsonl:1", kind: "doc", id: "r1", text: "Record one.", url: "https://r/1", title: "R one", published: "2020-10-11"},
		{rel: "records.jsonl:2", kind: "err", msg: "invalid JSON"},
		{rel: "records.jsonl:3", kind: "err", msg: `record has no "id"`},
		{rel: "records.jsonl:4", kind: "err", msg: `"id" is not a string (got 7)`},
		// A date that is no YYYY-MM-DD is dropped with a warning, as in a sidecar.
		{rel: "records.jsonl:5", kind: "warn", id: "r3", msg: `"published" "11/10/2020" is not a YYYY-MM-DD date; ignored`},
		{rel: "records.jsonl:5", kind: "doc", id: "r3", text: "Record three."},
		{rel: "records.jsonl:7", kind: "err", id: "r4", msg: `record has no "text"`},
		{rel: "records.jsonl:8", kind: "err", id: "r1", msg: "duplicate doc_id"},
		{rel: "records.jsonl:9", kind: "err", msg: "not a JSON object"},
		{rel: "records.jsonl:10", kind: "doc", id: "r5", text: "Record five.\r\n", published: "2020-10-12"},
		{rel: "sub/link.txt", kind: "doc", id: "sub/link", text: "Kilo zulu.\n"},
		{rel: "sub/loop", kind: "err", msg: "folder loop"},
		{rel: "sub/notes.json", kind: "skip"},
		{rel: "sub/z-2024-02-29.txt", kind: "doc", id: "sub/z-2024-02-29", published: "2024-02-29"},
		{rel: "README.md", kind: "skip"},
		{rel: "SCOPE", kind: "skip"},
	}
	// Lexical order of the relative path: upper case sorts first in byte order.
	wants = append(wants[len(wants)-2:], wants[:len(wants)-2]...)

	opt := Options{MaxBytes: 4096}
	got := collect([]string{dir}, opt, "")
	checkItems(t, got, wants, dir)

	// Deterministic: a second run gives the same items.
	if again := collect([]string{dir}, opt, ""); !reflect.DeepEqual(again, got) {
		t.Error("a second Stream over the same tree gave different items")
	}

	// Plan counts what Stream reads and its bytes add up to Plan's total.
	files, bytes := Plan([]string{dir}, opt)
	var sum int64
	for _, it := range got {
		sum += it.Bytes
	}
	wantFiles := len([]string{"a.txt", "b-2019-05-06-report.txt", "c.md", "d-2022-13-45.txt", "e.txt", "kz.txt",
		"kz/nested/page.htm", "kz/Upper.TXT", "records.jsonl", "empty.txt", "blank.txt", "binary.txt", "control.txt",
		"latin1.txt", "big.txt", "empty.html", "sub/link.txt", "sub/z-2024-02-29.txt"})
	if files != wantFiles {
		t.Errorf("Plan files = %d, want %d", files, wantFiles)
	}
	if bytes != sum {
		t.Errorf("Plan bytes = %d, Stream Bytes sum = %d", bytes, sum)
	}
}

func checkItems(t *testing.T, got []Item, wants []want, dir string) {
	t.Helper()
	var gotSeq, wantSeq []string
	for _, it := range got {
		gotSeq = append(gotSeq, itemKind(it)+" "+itemSource(it))
	}
	for _, w := range wants {
		src := w.rel
		if dir != "" {
			src = filepath.Join(dir, w.rel)
		}
		wantSeq = append(wantSeq, w.kind+" "+src)
	}
	if !reflect.DeepEqual(gotSeq, wantSeq) {
		t.Fatalf("stream order/kinds differ\n got: %s\nwant: %s", strings.Join(gotSeq, "\n      "), strings.Join(wantSeq, "\n      "))
	}
	for i, w := range wants {
		it := got[i]
		t.Run(w.rel, func(t *testing.T) {
			switch w.kind {
			case "doc":
				d := it.Doc
				if d.ID != w.id {
					t.Errorf("ID = %q, want %q", d.ID, w.id)
				}
				if w.text != "" && d.Text != w.text {
					t.Errorf("Text = %q, want %q", d.Text, w.text)
				}
				if d.URL != w.url || d.Title != w.title {
					t.Errorf("URL, Title = %q, %q; want %q, %q", d.URL, d.Title, w.url, w.title)
				}
				gotPub := ""
				if d.HasPublished() {
					gotPub = d.Published.Format("2006-01-02")
				}
				if gotPub != w.published {
					t.Errorf("Published = %q, want %q", gotPub, w.published)
				}
				if !utf8.ValidString(d.Text) {
					t.Error("Text is not valid UTF-8")
				}
				if enc := w.enc; (enc == "" && d.Encoding != "utf-8") || (enc != "" && d.Encoding != enc) {
					t.Errorf("Encoding = %q, want %q", d.Encoding, w.enc)
				}
			case "err", "warn":
				e := it.Err
				if e.Stage != "ingest" {
					t.Errorf("Stage = %q", e.Stage)
				}
				if e.DocID != w.id {
					t.Errorf("DocID = %q, want %q", e.DocID, w.id)
				}
				if !strings.Contains(e.Message, w.msg) {
					t.Errorf("Message = %q, want it to contain %q", e.Message, w.msg)
				}
			}
		})
	}
}

func TestStreamDirectInputs(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"in/2023-04-05 notes.txt": "Direct file.\n",
		"in/x.gold.json":          `{"url":"https://g/x","published":"2023-01-02"}`,
		"in/list.ndjson":          `{"id":"n1","text":"From ndjson."}` + "\n",
		"in/page.HTML":            "<p>Only <i>this</i>.</p>",
		"in/page.meta.json":       `{"title":"From meta"}`,
		"in/nothing-here.jsonl":   "\n\n",
		"in/deep/doc.txt":         "Deep.\n",
		"in/deep/doc.gold.json":   `{"url":"https://g/doc","published":"2022-05-23"}`,
		"in/deep/doc.meta.json":   `{"url":"https://m/doc"}`,
	})
	in := func(rel string) string { return filepath.Join(root, "in", filepath.FromSlash(rel)) }
	missing := in("missing.txt")
	if err := os.Symlink("nowhere.txt", in("dangling.txt")); err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		in("deep/doc.txt"), // a file given directly: base name is its id
		in("2023-04-05 notes.txt"),
		in("x.gold.json"), // a sidecar named on its own is skipped, not silent
		"-",
		in("list.ndjson"),
		in("page.HTML"),
		missing,
		in("dangling.txt"),
		in("nothing-here.jsonl"),
	}
	stdin := `{"id":"s1","text":"From stdin.","published":"2024-01-02"}` + "\n" + `{"id":"s2","text":"\u0000bin"}`
	wants := []want{
		{rel: in("deep/doc.txt"), kind: "doc", id: "doc", text: "Deep.\n", url: "https://m/doc", published: "2022-05-23"},
		{rel: in("2023-04-05 notes.txt"), kind: "doc", id: "2023-04-05 notes", text: "Direct file.\n", published: "2023-04-05"},
		{rel: in("x.gold.json"), kind: "skip"},
		{rel: "<stdin>:1", kind: "doc", id: "s1", text: "From stdin.", published: "2024-01-02"},
		{rel: "<stdin>:2", kind: "err", id: "s2", msg: "binary content (NUL character at code point offset 0"},
		{rel: in("list.ndjson") + ":1", kind: "doc", id: "n1", text: "From ndjson."},
		{rel: in("page.HTML"), kind: "doc", id: "page", text: "Only this.", title: "From meta"},
		{rel: missing, kind: "err", msg: "no such file or directory"},
		{rel: in("dangling.txt"), kind: "err", msg: "broken symbolic link"},
		{rel: in("nothing-here.jsonl"), kind: "err", msg: "no records"},
	}
	got := collect(inputs, Options{}, stdin)
	checkItems(t, got, wants, "")

	files, bytes := Plan(inputs, Options{})
	if files != 5 || bytes != -1 {
		t.Errorf("Plan = %d, %d; want 5 files and unknown (-1) bytes because of stdin", files, bytes)
	}
}

func TestStreamStopsEarly(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"a.txt": "A.", "b.txt": "B.", "c.jsonl": `{"id":"c1","text":"C1"}` + "\n" + `{"id":"c2","text":"C2"}`})
	n := 0
	for range Stream([]string{root, root}, Options{}, nil) {
		n++
		if n == 3 {
			break // a range-over-func iterator panics if it yields after this
		}
	}
	if n != 3 {
		t.Fatalf("got %d items before break", n)
	}
}

func TestStreamNilStdin(t *testing.T) {
	var got []Item
	for it := range Stream([]string{"-"}, Options{}, nil) {
		got = append(got, it)
	}
	if len(got) != 1 || got[0].Err == nil {
		t.Fatalf("want one error item for '-' without stdin, got %+v", got)
	}
}

func TestDuplicateIDs(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"x.txt": "Text.", "x.html": "<p>Page.</p>"})
	got := collect([]string{root}, Options{}, "")
	if len(got) != 2 || got[0].Doc == nil || got[1].Err == nil || !strings.Contains(got[1].Err.Message, "duplicate doc_id") {
		t.Fatalf("want x.html then a duplicate error for x.txt, got %+v", got)
	}
	got = collect([]string{root}, Options{AllowDuplicateIDs: true}, "")
	if len(got) != 2 || got[0].Doc == nil || got[1].Doc == nil {
		t.Fatalf("AllowDuplicateIDs: want two docs, got %+v", got)
	}
}

func TestUnreadable(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"locked.txt": "secret", "closed/inner.txt": "inner"})
	if err := os.Chmod(filepath.Join(root, "locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(root, "closed"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(root, "closed"), 0o755) })
	if f, err := os.Open(filepath.Join(root, "locked.txt")); err == nil {
		f.Close()
		t.Skip("running with privileges that ignore file permissions (root); missing paths and dangling links are covered elsewhere")
	}
	got := collect([]string{root}, Options{}, "")
	want := map[string]string{
		filepath.Join(root, "closed"):     "cannot list folder: permission denied",
		filepath.Join(root, "locked.txt"): "cannot open: permission denied",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(got), len(want), got)
	}
	for _, it := range got {
		if it.Err == nil || !strings.Contains(it.Err.Message, want[it.Err.Source]) {
			t.Errorf("got %+v, want error %q", it, want[itemSource(it)])
		}
	}
}

func TestOversizeNotRead(t *testing.T) {
	// A pipe reports no size, so the limit is enforced while reading.
	root := t.TempDir()
	writeTree(t, root, map[string]string{"big.jsonl": `{"id":"a","text":"` + strings.Repeat("y", 200) + `"}` + "\n" + `{"id":"b","text":"short"}` + "\n"})
	got := collect([]string{filepath.Join(root, "big.jsonl")}, Options{MaxBytes: 100}, "")
	if len(got) != 2 || got[0].Err == nil || !strings.Contains(got[0].Err.Message, "line is longer than the 100 bytes limit") || got[1].Doc == nil || got[1].Doc.ID != "b" {
		t.Fatalf("want a too-long error for line 1 then doc b, got %+v", got)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		return
	}
	// A device is not read at all (it was read up to the limit before).
	data, err := readLimited("/dev/zero", 1000)
	if err == nil || len(data) != 0 || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("readLimited(/dev/zero) = %d bytes, %v", len(data), err)
	}
}

func TestDateInName(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"kasipodaq-2022-05-23-turkestan", "2022-05-23"},
		{"2022-05-23", "2022-05-23"},
		{"report_2024-02-29", "2024-02-29"},
		{"x-2023-02-29", ""},                      // not a leap year
		{"x-2022-13-45", ""},                      // no such month or day
		{"x-2022-13-45-2021-01-02", "2021-01-02"}, // first valid one
		{"id-12022-05-23", ""},                    // glued to other digits
		{"2022-05-231", ""},
		{"inform-nodate-koshanov", ""},
		{"2022-5-3", ""},
	}
	for _, tt := range tests {
		got := ""
		if d := dateInName(tt.name); !d.IsZero() {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("dateInName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParsePublished(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2022-05-23", "2022-05-23"},
		{"2022-05-23T23:30:00+06:00", "2022-05-23"}, // the date as written, no zone shift
		{"2022-05-23T10:00:00Z", "2022-05-23"},
		{"2022-05-23 10:00:00", "2022-05-23"},
		{"2022-05-23garbage", ""},
		{"23.05.2022", ""},
		{"2022-02-30", ""},
		{"", ""},
		{"May 23, 2022", ""},
	}
	for _, tt := range tests {
		got := ""
		if d, ok := parsePublished(tt.in); ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("parsePublished(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeText(t *testing.T) {
	cp1251 := "\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xe2\xf1\xf2\xf0\xe5\xf2\xe8\xeb\xf1\xff \xf1 \xe4\xe5\xeb\xe5\xe3\xe0\xf6\xe8\xe5\xe9 \xe2 \xc0\xf1\xf2\xe0\xed\xe5."
	tests := []struct {
		name, in  string
		enc, text string // text "" means not checked
		warn, err string // substrings; "" means none expected
	}{
		{name: "plain", in: "Hello.\n", enc: "utf-8", text: "Hello.\n"},
		{name: "bom kept", in: "\ufeffHello.", enc: "utf-8-bom", text: "\ufeffHello."},
		{name: "cyrillic utf-8", in: "Астана, Қазақстан", enc: "utf-8", text: "Астана, Қазақстан"},
		{name: "empty is no error", in: "", enc: "utf-8"},
		{name: "nul", in: "abc\x00def", err: "NUL byte at byte offset 3"},
		{name: "png renamed", in: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", err: "binary content"},
		{name: "utf-16le", in: "\xff\xfeH\x00i\x00 \x00\x1f\x04\x40\x04", enc: "utf-16le", text: "Hi Пр", warn: "decoded from utf-16le"},
		{name: "utf-16be", in: "\xfe\xff\x00H\x00i", enc: "utf-16be", text: "Hi", warn: "utf-16be"},
		{name: "utf-16 binary", in: "\xff\xfeH\x00\x00\x00", err: "NUL character"},
		{name: "windows-1252", in: "Caf\xe9 au lait \x93quoted\x94 \x97 M\xfcller.\n", enc: "windows-1252",
			text: "Café au lait “quoted” — Müller.\n", warn: "decoded as windows-1252"},
		{name: "windows-1251", in: cp1251, enc: "windows-1251", text: "Президент встретился с делегацией в Астане.", warn: "decoded as windows-1251"},
		// Two stray high bytes make no Cyrillic word: the text stays
		// Latin (they were read as 1251, putting "АБ" into English).
		{name: "stray high bytes: 1252", in: "The union met in Almaty \xc0\xc1 and agreed.\n", enc: "windows-1252",
			text: "The union met in Almaty ÀÁ and agreed.\n", warn: "decoded as windows-1252"},
		{name: "three stray bytes: 1252", in: "Delegates \xe0\xe1\xe2 voted.", enc: "windows-1252", text: "Delegates àáâ voted.", warn: "windows-1252"},
		{name: "no vowel, no word: 1252", in: "Items \xf1\xf2\xf0\xea\xe2 and more.", enc: "windows-1252", warn: "windows-1252"},
		{name: "one Cyrillic word in English: 1251", in: "Delegates from \xc0\xf1\xf2\xe0\xed\xe0 (Astana) arrived.", enc: "windows-1251",
			text: "Delegates from Астана (Astana) arrived.", warn: "windows-1251"},
		{name: "smart quotes only: 1252", in: "He said \x93yes\x94.", enc: "windows-1252", text: "He said “yes”.", warn: "decoded as windows-1252"},
		{name: "broken utf-8 kept as utf-8", in: "Алматы — ok \xc3\x28 rest", enc: "utf-8", text: "Алматы — ok \ufffd( rest", warn: "replaced by U+FFFD (first at byte offset 20)"},
		{name: "controls", in: strings.Repeat("\x1f\x1e\x1d", 20) + "abc", err: "mostly non-text"},
		{name: "random high bytes", in: strings.Repeat("\xfe\xa7\x81\x93", 30), err: "binary content"},
	}
	for _, tt := range tests {
		d, err := decodeText([]byte(tt.in))
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
			continue
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.err)
			}
			continue
		}
		if d.enc != tt.enc {
			t.Errorf("%s: encoding %q, want %q", tt.name, d.enc, tt.enc)
		}
		if tt.text != "" && d.text != tt.text {
			t.Errorf("%s: text %q, want %q", tt.name, d.text, tt.text)
		}
		if !utf8.ValidString(d.text) {
			t.Errorf("%s: text is not valid UTF-8", tt.name)
		}
		if (tt.warn == "") != (d.warn == "") || !strings.Contains(d.warn, tt.warn) {
			t.Errorf("%s: warning %q, want one containing %q", tt.name, d.warn, tt.warn)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := map[string]kind{
		"a.txt": kindText, "A.MD": kindText, "p.html": kindHTML, "p.HtM": kindHTML,
		"r.jsonl": kindJSONL, "r.NDJSON": kindJSONL, "x.meta.json": kindSidecar, "x.GOLD.JSON": kindSidecar,
		"x.json": kindOther, "SCOPE": kindOther, "README.md": kindOther, "readme.txt": kindOther,
		"baseline.json": kindOther, "a.pdf": kindOther, "noext": kindOther,
	}
	for name, want := range tests {
		if got := classify(name); got != want {
			t.Errorf("classify(%q) = %d, want %d", name, got, want)
		}
	}
}

// TestSharedCorpus runs over the example corpus when it is present: every
// report becomes a document whose text is the file's bytes, and no gold file
// (nor the corpus's identity.json) is taken for a document.
func TestSharedCorpus(t *testing.T) {
	const dir = "../../../shared/corpus" // beside the repository, as CI puts it
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared corpus not available")
	}
	n := 0
	for it := range Stream([]string{dir}, Options{}, nil) {
		if it.Doc == nil {
			// Files that are no documents (identity.json, a README) are
			// skipped; a .txt report must never be.
			if it.Err != nil || strings.HasSuffix(it.Skipped, ".txt") {
				t.Errorf("unexpected non-document item %+v", it)
			}
			continue
		}
		n++
		raw, err := os.ReadFile(it.Doc.Source)
		if err != nil || string(raw) != it.Doc.Text {
			t.Errorf("%s: text differs from the file's bytes (%v)", it.Doc.ID, err)
		}
		if strings.Contains(it.Doc.ID, "/") || strings.HasSuffix(it.Doc.ID, ".txt") {
			t.Errorf("doc_id %q should be the bare stem", it.Doc.ID)
		}
	}
	txts, _ := fs.Glob(os.DirFS(dir), "*.txt")
	if n != len(txts) {
		t.Errorf("got %d documents, want %d", n, len(txts))
	}
}

// Documents come in doc_id order, which is not the order of their file
// names: "a-b.txt" sorts before "a.txt", but doc_id "a" before "a-b".
func TestStreamDocIDOrder(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a-b.txt", "a.txt", "a/c.txt", "a.b.md"} {
		p := filepath.Join(dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("Text of "+n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for it := range Stream([]string{dir}, Options{}, nil) {
		if it.Doc != nil {
			ids = append(ids, it.Doc.ID)
		}
	}
	want := []string{"a", "a-b", "a.b", "a/c"}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("order %q, want %q", ids, want)
	}
}

// The duplicate error names where the first document with the id came from,
// rebuilt from the set's ref: another file of the folder, an earlier INPUT,
// or a JSON Lines line.
func TestDuplicateIDsNameFirstSource(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"a/x.txt": "Text.", "a/x.html": "<p>Page.</p>",
		"b/recs.jsonl": `{"id":"r","text":"One."}` + "\n\n" + `{"id":"r","text":"Two."}` + "\n" + `{"id":"a/x","text":"Three."}` + "\n",
		"solo.txt":     "Solo.",
	})
	solo := filepath.Join(root, "solo.txt")
	got := collect([]string{filepath.Join(root, "a"), filepath.Join(root, "b"), solo, solo}, Options{}, "")
	var msgs []string
	for _, it := range got {
		if it.Err != nil {
			msgs = append(msgs, it.Err.Message)
		}
	}
	want := []string{
		"first seen in " + filepath.Join(root, "a", "x.html") + ")",
		"first seen in " + filepath.Join(root, "b", "recs.jsonl") + ":1)",
		"first seen in " + solo + ")",
	}
	if len(msgs) != len(want) {
		t.Fatalf("got errors %q, want %d", msgs, len(want))
	}
	for i, w := range want {
		if !strings.Contains(msgs[i], w) {
			t.Errorf("error %d = %q, want it to contain %q", i, msgs[i], w)
		}
	}
}

// One folder without JSON Lines is checked for duplicates by adjacency (its
// documents come sorted by doc_id); any other input list uses the set of ids
// seen. Both must give the same items.
func TestDuplicateIDsAdjacentMatchesSet(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"x.txt": "Text.", "x.html": "<p>Page.</p>", "x.md": "Mark.",
		"x-y.txt": "Between.", "sub/x.txt": "Sub.", "sub/x.htm": "<p>Sub page.</p>",
		"z.txt": "", "z.md": "Zed.",
	})
	empty := t.TempDir()
	adjacent := collect([]string{root}, Options{}, "")
	set := collect([]string{root, empty}, Options{}, "")
	describe := func(items []Item) []string {
		var out []string
		for _, it := range items {
			switch {
			case it.Doc != nil:
				out = append(out, "doc "+it.Doc.ID)
			case it.Err != nil:
				out = append(out, "err "+it.Err.DocID+": "+it.Err.Message)
			default:
				out = append(out, "skip "+it.Skipped)
			}
		}
		return out
	}
	a, b := describe(adjacent), describe(set)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Fatalf("adjacent check:\n%s\nset check:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	dups := 0
	for _, line := range a {
		if strings.Contains(line, "duplicate doc_id") {
			dups++
		}
	}
	if dups != 4 { // x.md and x.txt repeat x.html, sub/x.txt sub/x.htm, z.txt z.md
		t.Fatalf("want 4 duplicate errors, got %d:\n%s", dups, strings.Join(a, "\n"))
	}
}

// readLimited reads a file whole into a buffer sized from its length, and
// refuses one over the limit, whatever the size is next to the buffer's.
func TestReadLimitedSizes(t *testing.T) {
	const max = 4096
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4095, 4096, 4097, 9000} {
		p := filepath.Join(dir, fmt.Sprintf("f%d.txt", n))
		want := bytes.Repeat([]byte("abcdefg\n"), n/8+1)[:n]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readLimited(p, max)
		if n > max {
			if err == nil || !strings.Contains(err.Error(), "larger than") {
				t.Errorf("%d bytes: err %v, want larger than the limit", n, err)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: got %d bytes, err %v", n, len(got), err)
		}
	}
	// A reader that hands out a few bytes at a time still gives everything.
	got, err := readAll(iotest.HalfReader(strings.NewReader("0123456789")), make([]byte, 0, 3))
	if err != nil || string(got) != "0123456789" {
		t.Errorf("readAll: %q, %v", got, err)
	}
}

// A JSON Lines "published" that is no calendar date, or no string, leaves
// the record undated with a warning row: it was dropped silently.
func TestJSONLinesPublishedWarnings(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"A.","published":"13/10/2022"}`,
		`{"id":"b","text":"B.","published":"2022-02-30"}`,
		`{"id":"c","text":"C.","published":20221013}`,
		`{"id":"d","text":"D.","published":"2022-10-13T08:00:00Z"}`,
		`{"id":"e","text":"E.","published":null}`,
		`{"id":"f","text":"F.","published":""}`,
	}, "\n")
	var warns []string
	dated := map[string]bool{}
	for _, it := range collect([]string{"-"}, Options{}, in) {
		switch itemKind(it) {
		case "warn":
			warns = append(warns, it.Err.DocID+": "+it.Err.Message)
		case "doc":
			dated[it.Doc.ID] = it.Doc.HasPublished()
		default:
			t.Errorf("unexpected %+v", it)
		}
	}
	want := []string{
		`a: "published" "13/10/2022" is not a YYYY-MM-DD date; ignored`,
		`b: "published" "2022-02-30" is not a YYYY-MM-DD date; ignored`,
		`c: "published" is not a string (got 20221013); ignored`,
	}
	if !reflect.DeepEqual(warns, want) {
		t.Errorf("warnings\n got %q\nwant %q", warns, want)
	}
	if fmt.Sprint(dated) != "map[a:false b:false c:false d:true e:false f:false]" {
		t.Errorf("dated = %v", dated)
	}
}
