package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestReduceMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"link text kept, URL dropped",
			"The [Federation of Trade Unions](https://fprk.kz/news?id=1) met, [Kazinform](https://www.inform.kz) reports.\n",
			"The Federation of Trade Unions met, Kazinform reports."},
		{"headings and paragraphs are paragraphs",
			"# Unions meet in Almaty\n\nFirst paragraph\nwraps here.\n\nSetext heading\n--------------\n\nLast one.",
			"Unions meet in Almaty\n\nFirst paragraph wraps here.\n\nSetext heading\n\nLast one."},
		{"images and code dropped",
			"![Photo of the hall](hall.jpg)\n\nHe said `x = 1` twice.\n\n```go\nfunc main() {}\n```\n\n    indented code\n\nAfter the code.",
			"He said twice.\n\nAfter the code."},
		{"emphasis, escapes and entities",
			"**Bold** and *italic* and \\*literal stars\\* &amp; caf&eacute; &#8212; done.",
			"Bold and italic and *literal stars* & café — done."},
		{"reference links and autolinks",
			"See [the report][r] or <https://example.org/x>; write to <press@example.org>.\n\n[r]: https://example.org/report",
			"See the report or ; write to ."},
		{"bare URLs dropped",
			"Read more at https://example.org/news/1 today.",
			"Read more at today."},
		{"lists and quotes",
			"- First item\n- Second [item](http://x)\n\n> Quoted paragraph\n> continues.\n\n1. Numbered",
			"First item\n\nSecond item\n\nQuoted paragraph continues.\n\nNumbered"},
		{"raw HTML tags dropped, their text kept",
			"Text with <span class=\"x\">inline</span> HTML.\n\n<div>\nblock html\n</div>\n\nEnd.",
			"Text with inline HTML.\n\nEnd."},
		{"tables: a row per paragraph",
			"| Name | Post |\n|---|---|\n| Ana Lee | chair |\n",
			"Name Post\n\nAna Lee chair"},
		{"thematic break", "One.\n\n***\n\nTwo.", "One.\n\nTwo."},
		{"hard line break", "Line one  \nline two.", "Line one\nline two."},
		{"empty", "", ""},
		{"only an image", "![x](y.png)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := reduceMarkdown(tt.in)
			if got != tt.want {
				t.Errorf("reduceMarkdown(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkdownFrontMatter(t *testing.T) {
	in := "---\ntitle: \"Unions meet\"\ndate: 2023-05-01\nurl: https://example.org/a\ntags: [x]\n---\n\n# Heading\n\nBody text.\n"
	text, pm := reduceMarkdown(in)
	if text != "Heading\n\nBody text." {
		t.Errorf("text = %q", text)
	}
	if pm.Title != "Unions meet" || pm.URL != "https://example.org/a" || pm.Published.Format("2006-01-02") != "2023-05-01" {
		t.Errorf("front matter = %+v", pm)
	}
	// A thematic break that opens a document without a closing one is text.
	text, pm = reduceMarkdown("---\nNot front matter.\n")
	if text != "Not front matter." || pm.Title != "" {
		t.Errorf("unclosed front matter: %q %+v", text, pm)
	}
}

// An .md file in a folder is read as its reduced text: the link syntax that
// became a person "Kazinform](https://…" is gone, and a sidecar still wins
// over front matter.
func TestStreamMarkdown(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.md":        "---\ntitle: From front matter\ndate: 2022-01-02\n---\n# Meeting\n\n[Kazinform](https://www.inform.kz) reports that [Ana Lee](https://x.kz/ana) spoke.\n",
		"b.md":        "---\ntitle: B front\n---\nText.\n",
		"b.meta.json": `{"title":"B sidecar"}`,
		"c.md":        "![only](an-image.png)\n",
	})
	var docs, warns []Item
	for _, it := range collect([]string{dir}, Options{}, "") {
		switch itemKind(it) {
		case "doc":
			docs = append(docs, it)
		case "warn":
			warns = append(warns, it)
		default:
			t.Errorf("unexpected item %+v", it)
		}
	}
	if len(docs) != 3 {
		t.Fatalf("got %d documents", len(docs))
	}
	a := docs[0].Doc
	if a.Text != "Meeting\n\nKazinform reports that Ana Lee spoke." {
		t.Errorf("a.md text = %q", a.Text)
	}
	if a.Title != "From front matter" || a.Published.Format("2006-01-02") != "2022-01-02" {
		t.Errorf("a.md meta = %q %v", a.Title, a.Published)
	}
	if docs[1].Doc.Title != "B sidecar" {
		t.Errorf("b.md title = %q, want the sidecar's", docs[1].Doc.Title)
	}
	if len(warns) != 1 || filepath.Base(warns[0].Err.Source) != "c.md" || !strings.Contains(warns[0].Err.Message, "no text") {
		t.Errorf("warnings = %+v, want one for c.md having no text", warns)
	}
}

func FuzzReduceMarkdown(f *testing.F) {
	for _, s := range []string{"# h\n\n[a](b) *c*", "---\ntitle: x\n---\ny", "| a |\n|-|\n| b |", "<div>\n", "`x`", "\\", "&#0;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, _ := reduceMarkdown(in)
		if strings.TrimSpace(got) != got {
			t.Errorf("not trimmed: %q", got)
		}
		if strings.Contains(got, "\n\n\n") {
			t.Errorf("three newlines: %q", got)
		}
	})
}
