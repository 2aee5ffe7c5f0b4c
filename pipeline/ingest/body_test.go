package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bodyCase is one page of testdata/body: <name>.html, and <name>.want
// listing what the extracted text must hold ("+ text"), must not hold
// ("- text"), and how it is taken ("! page"; "body" when absent).
type bodyCase struct {
	name, html    string
	must, mustNot []string
	extraction    string
}

func loadBodyCases(t testing.TB) []bodyCase {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join("testdata", "body", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in testdata/body: %v", err)
	}
	var cases []bodyCase
	for _, p := range pages {
		c := bodyCase{name: strings.TrimSuffix(filepath.Base(p), ".html"), extraction: ExtractBody}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c.html = string(b)
		want, err := os.ReadFile(strings.TrimSuffix(p, ".html") + ".want")
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(want)), "\n") {
			switch kind, text, _ := strings.Cut(line, " "); kind {
			case "+":
				c.must = append(c.must, text)
			case "-":
				c.mustNot = append(c.mustNot, text)
			case "!":
				c.extraction = text
			default:
				t.Fatalf("%s.want: bad line %q", c.name, line)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// The pages of testdata/body are written like real news, press-release and
// agency pages: the article's sentences are in the text, the navigation,
// cookie banners, share bars, related links, comments and "© 2023 Example
// News" footers are not, and a page of headlines falls back to the page.
func TestArticleBody(t *testing.T) {
	for _, c := range loadBodyCases(t) {
		t.Run(c.name, func(t *testing.T) {
			text, pm, _, _, err := decodeHTML([]byte(c.html))
			if err != nil {
				t.Fatal(err)
			}
			checkVisibleText(t, text)
			if pm.Extraction != c.extraction {
				t.Errorf("extraction = %q, want %q", pm.Extraction, c.extraction)
			}
			for _, m := range c.must {
				if !strings.Contains(text, m) {
					t.Errorf("missing %q", m)
				}
			}
			for _, m := range c.mustNot {
				if strings.Contains(text, m) {
					t.Errorf("boilerplate kept: %q", m)
				}
			}
			if t.Failed() {
				t.Logf("text:\n%s", text)
			}
		})
	}
}

func BenchmarkExtractHTML(b *testing.B) {
	cases := loadBodyCases(b)
	size := 0
	for _, c := range cases {
		size += len(c.html)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, c := range cases {
			if _, _, err := extractHTML([]byte(c.html)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
