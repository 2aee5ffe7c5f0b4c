package ingest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// renderHTMLResult is the golden form of decodeHTML's output: metadata lines,
// then the visible text.
func renderHTMLResult(text string, pm pageMeta, enc string, warns []string, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
		return b.String()
	}
	pub := ""
	if !pm.Published.IsZero() {
		pub = pm.Published.Format("2006-01-02")
	}
	fmt.Fprintf(&b, "title: %s\nurl: %s\npublished: %s\nencoding: %s\nextraction: %s\n", pm.Title, pm.URL, pub, enc, pm.Extraction)
	for _, w := range warns {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	fmt.Fprintf(&b, "-----\n%s\n", text)
	return b.String()
}

func TestHTMLGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".html")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			text, pm, enc, warns, perr := decodeHTML(data)
			got := renderHTMLResult(text, pm, enc, warns, perr)
			golden := strings.TrimSuffix(in, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (go test -update to accept)\n got:\n%s\nwant:\n%s", golden, got, want)
			}
			if perr == nil {
				checkVisibleText(t, text)
				if strings.Contains(text, "must not appear") {
					t.Errorf("hidden content leaked into the text: %q", text)
				}
			}
		})
	}
}

// checkVisibleText asserts the shape every extracted text has.
func checkVisibleText(t *testing.T, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("text is not valid UTF-8: %q", text)
	}
	if strings.TrimSpace(text) != text {
		t.Errorf("text has leading or trailing white space: %q", text)
	}
	for _, bad := range []string{"  ", "\n\n\n", " \n", "\n ", "\t", "\r", "\u00a0"} {
		if strings.Contains(text, bad) {
			t.Errorf("text contains %q: %q", bad, text)
		}
	}
}

func TestExtractHTML(t *testing.T) {
	tests := []struct {
		name, in, text, title string
	}{
		{"plain text", "just text", "just text", ""},
		{"inline tags join", "a<b>b</b><i>c</i> d", "abc d", ""},
		{"paragraphs", "<p>one</p><p>two</p>", "one\n\ntwo", ""},
		{"br", "one<br>two", "one\n\ntwo", ""},
		{"collapse", "<p>  a \n\t b  </p>", "a b", ""},
		{"nbsp", "a&nbsp;&nbsp;b", "a b", ""},
		{"entities", "&laquo;x&raquo; &#x41;&#66; &amp;", "«x» AB &", ""},
		{"script dropped", "<p>a<script>b</script>c</p>", "ac", ""},
		{"cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc", ""},
		{"title from head", "<title> T  t </title><p>x</p>", "x", "T t"},
		{"meta title wins", `<head><meta name="twitter:title" content="M"><title>T</title></head>x`, "x", "M"},
		{"empty", "", "", ""},
		{"only markup", "<div><p></p><br></div>", "", ""},
		{"pre lines", "<pre>a\n  b\n\nc</pre>", "a\n\nb\n\nc", ""},
		{"control chars dropped", "a\x01b\x7fc", "abc", ""},
	}
	for _, tt := range tests {
		text, pm, err := extractHTML([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if text != tt.text || pm.Title != tt.title {
			t.Errorf("%s: got %q (title %q), want %q (title %q)", tt.name, text, pm.Title, tt.text, tt.title)
		}
		checkVisibleText(t, text)
	}
}

func TestDeclaredCharset(t *testing.T) {
	tests := map[string]string{
		`<meta charset="koi8-r">`: "koi8-r",
		`<META HTTP-EQUIV="content-type" CONTENT="text/html; Charset=ISO-8859-1">`: "ISO-8859-1",
		`<meta name="x" content="charset=nope">`:                                   "",
		`<p>no meta</p>`:                                                           "",
	}
	for in, want := range tests {
		if got := declaredCharset([]byte(in)); got != want {
			t.Errorf("declaredCharset(%q) = %q, want %q", in, got, want)
		}
	}
}
