package ingest

import (
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdParser is goldmark's CommonMark parser with the GitHub extensions whose
// syntax would otherwise stay in the text: tables (pipes), strikethrough
// (tildes) and bare URLs (linkify, so that they are dropped like links'
// URLs). A goldmark parser is safe for concurrent use.
var mdParser = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
})

// reduceMarkdown turns a Markdown document into the text a reader sees:
// link text kept and URLs dropped (so "[Kazinform](https://…)" is
// "Kazinform", not a name glued to a URL), images, code and raw HTML tags
// dropped, headings, paragraphs, list items, quotes and table rows each a
// paragraph, separated by a blank line, with escapes and entities resolved.
// Offsets downstream count code points of this text. A YAML front matter
// block (between "---" lines at the very start) is not text: its title,
// date and url are returned as the page's own metadata.
func reduceMarkdown(src string) (string, pageMeta) {
	body, meta := frontMatter(src)
	source := []byte(body)
	root := mdParser().Parser().Parse(text.NewReader(source))
	r := mdReducer{src: source}
	r.block(root)
	return r.out.String(), meta
}

// mdReducer writes the paragraphs of a Markdown tree.
type mdReducer struct {
	src []byte
	out strings.Builder
	par strings.Builder // the paragraph being assembled
}

// block writes the paragraphs under a block node.
func (r *mdReducer) block(n ast.Node) {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock:
		r.inlines(n)
		r.endParagraph()
		return
	case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak:
		return
	case east.KindTableHeader, east.KindTableRow:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.inlines(c)
			r.par.WriteByte(' ')
		}
		r.endParagraph()
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c)
	}
}

// inlines appends the visible text of n's inline children to the paragraph.
func (r *mdReducer) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			r.par.Write(unescapeMarkdown(c.Segment.Value(r.src)))
			switch {
			case c.HardLineBreak():
				r.par.WriteByte('\n')
			case c.SoftLineBreak():
				r.par.WriteByte(' ')
			}
		case *ast.String:
			if !c.IsCode() {
				r.par.Write(c.Value)
			}
		case *ast.CodeSpan, *ast.Image, *ast.AutoLink, *ast.RawHTML:
			// Code, pictures, URLs and tags are not prose.
		default: // emphasis, links, strikethrough: their text
			r.inlines(c)
		}
	}
}

// endParagraph moves the paragraph, white space tidied, to the output.
func (r *mdReducer) endParagraph() {
	p := tidyLines(r.par.String())
	r.par.Reset()
	if p == "" {
		return
	}
	if r.out.Len() > 0 {
		r.out.WriteString("\n\n")
	}
	r.out.WriteString(p)
}

// tidyLines collapses runs of spaces and tabs (left where code or a URL was
// dropped) and trims each line and the whole.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// unescapeMarkdown resolves backslash escapes and character references, as
// goldmark's HTML renderer does when it writes text.
func unescapeMarkdown(b []byte) []byte {
	if !strings.ContainsAny(string(b), "\\&") {
		return b
	}
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	return util.ResolveEntityNames(b)
}

// frontMatter splits off a YAML front matter block: a first line "---" and
// a closing "---" or "..." line. Only flat "key: value" lines are read (the
// metadata plenary uses); anything else in the block is ignored.
func frontMatter(src string) (string, pageMeta) {
	var pm pageMeta
	s := strings.TrimPrefix(src, "\uFEFF")
	first, rest, ok := strings.Cut(s, "\n")
	if !ok || strings.TrimRight(first, " \t\r") != "---" {
		return src, pm
	}
	var lines []string
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if t := strings.TrimRight(line, " \t\r"); t == "---" || t == "..." {
			for _, l := range lines {
				k, v, ok := strings.Cut(l, ":")
				if !ok || strings.HasPrefix(l, " ") {
					continue
				}
				v = strings.Trim(strings.TrimSpace(v), `"'`)
				switch strings.ToLower(strings.TrimSpace(k)) {
				case "title":
					pm.Title = collapseSpace(v)
				case "url", "canonical_url", "canonical", "link":
					if pm.URL == "" {
						pm.URL = v
					}
				case "date", "published", "publishdate", "pubdate":
					if t, ok := parsePublished(v); ok && pm.Published.IsZero() {
						pm.Published = t
					}
				}
			}
			return rest, pm
		}
		lines = append(lines, line)
	}
	return src, pageMeta{} // never closed: a thematic break, not front matter
}
