package report

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A small DOM toolkit for checking rendered reports, used both on the HTML
// Write produces and on the DOM a browser dumps after running the scripts.

func parseHTML(t testing.TB, s string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func findAll(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, classes ...string) bool {
	v, _ := attr(n, "class")
	f := strings.Fields(v)
	for _, c := range classes {
		if !slices.Contains(f, c) {
			return false
		}
	}
	return true
}

// elements returns the elements with this tag that carry every class given.
func elements(root *html.Node, tag string, classes ...string) []*html.Node {
	return findAll(root, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == tag && hasClass(n, classes...)
	})
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for _, t := range findAll(n, func(n *html.Node) bool { return n.Type == html.TextNode }) {
		b.WriteString(t.Data)
	}
	return b.String()
}

// byID returns the element with this id, or nil.
func byID(root *html.Node, id string) *html.Node {
	for _, n := range findAll(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id }) {
		return n
	}
	return nil
}

// highlights counts the highlight marks where an occurrence begins
// (data-occ), by status class.
func highlights(root *html.Node) map[string]int {
	out := map[string]int{}
	for _, m := range elements(root, "mark", "hl") {
		if _, ok := attr(m, "data-occ"); !ok {
			continue
		}
		for _, s := range []string{matched, missed, spurious} {
			if hasClass(m, s) {
				out[s]++
			}
		}
	}
	return out
}

// checkHostile asserts that no element came from the hostile strings: no
// <img> at all, exactly the report's own <script>, and the strings present
// as text.
func checkHostile(t *testing.T, root *html.Node, wantText ...string) {
	t.Helper()
	if imgs := elements(root, "img"); len(imgs) != 0 {
		v, _ := attr(imgs[0], "onerror")
		t.Errorf("%d <img> elements in the report (onerror=%q); document text became markup", len(imgs), v)
	}
	scripts := elements(root, "script")
	if len(scripts) != 1 {
		t.Errorf("%d <script> elements, want the report's own one", len(scripts))
	}
	for _, s := range scripts {
		if strings.Contains(textOf(s), "pwned") {
			t.Errorf("a script holds document text: %q", textOf(s))
		}
	}
	for _, n := range findAll(root, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
			}
		}
	}
	if title := pageTitle(root); title == "" || strings.Contains(title, "pwned") {
		t.Errorf("page title is %q", title)
	}
	body := textOf(root)
	for _, w := range wantText {
		if !strings.Contains(body, w) {
			t.Errorf("the text %q is not shown as text", w)
		}
	}
}

// pageTitle is the text of the <title> in <head> (SVG titles aside).
func pageTitle(root *html.Node) string {
	for _, h := range elements(root, "head") {
		for _, t := range elements(h, "title") {
			return textOf(t)
		}
	}
	return ""
}
