package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// pageMeta is the metadata an HTML page states about itself in its head.
type pageMeta struct {
	URL       string // <link rel="canonical"> or og:url
	Title     string // og:title / twitter:title / <meta name="title">, else <title>
	Published time.Time
	// Extraction is how the text was taken from an HTML page: ExtractBody
	// or ExtractPage ("" for other input).
	Extraction string
}

// decodeHTML checks raw page bytes, decodes a legacy or UTF-16 charset when
// the page declares one (a BOM, or <meta charset> for bytes that are not
// UTF-8) or, failing a declaration, the one its bytes fit (Windows-1251 or
// -1252), and returns the page's visible text, head metadata, the encoding
// name and warnings about the decoding. An empty page is no error.
func decodeHTML(data []byte) (text string, meta pageMeta, enc string, warns []string, err error) {
	if len(data) == 0 {
		return "", pageMeta{Extraction: ExtractPage}, EncUTF8, nil, nil
	}
	enc = EncUTF8
	if _, name, certain := charset.DetermineEncoding(data, ""); certain && name != "utf-8" {
		// Only a byte order mark makes DetermineEncoding certain here.
		dec, err := decodeCharset(data, name)
		if err != nil {
			return "", pageMeta{}, "", nil, err
		}
		data, enc = dec, name
		warns = append(warns, "decoded from "+name+" (byte order mark)")
	} else if bytes.HasPrefix(data, []byte("\uFEFF")) {
		enc = EncUTF8BOM
	} else if !utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		if canon, why := declaredEncoding(data); canon != "" {
			dec, err := decodeCharset(data, canon)
			if err != nil {
				return "", pageMeta{}, "", nil, err
			}
			data, enc = dec, canon
			warns = append(warns, "decoded as "+canon+" ("+why+")")
		} else {
			d, err := decodeText(data)
			if err != nil {
				return "", pageMeta{}, "", nil, err
			}
			data, enc = []byte(d.text), d.enc
			warns = append(warns, d.warn+" ("+why+")")
		}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", pageMeta{}, "", nil, fmt.Errorf("binary content (NUL byte at byte offset %d)", i)
	}
	if mostlyNonText(data) {
		return "", pageMeta{}, "", nil, errors.New("binary content (mostly non-text bytes)")
	}
	if off := firstInvalidUTF8(data); off >= 0 {
		return "", pageMeta{}, "", nil, fmt.Errorf("invalid UTF-8 at byte offset %d after decoding", off)
	}
	text, meta, err = extractHTML(data)
	if err != nil {
		// x/net/html refuses pages nested deeper than 512 elements; the
		// tokenizer has no such limit, so the text is still there.
		text, meta = stripTags(data)
		meta.Extraction = ExtractPage
		warns = append(warns, fmt.Sprintf("HTML cannot be parsed as a tree (%v); text taken by stripping tags", err))
	}
	return text, meta, enc, warns, nil
}

func decodeCharset(data []byte, name string) ([]byte, error) {
	enc, canon := charset.Lookup(name)
	if enc == nil {
		return nil, fmt.Errorf("unsupported charset %q", name)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("cannot decode %s text: %v", canon, err)
	}
	return bytes.TrimPrefix(out, []byte("\uFEFF")), nil
}

// declaredEncoding returns the encoding a page's <meta> declares, by its
// canonical name ("" for none, an unknown one or UTF-8: the bytes decide),
// and why, for the warning.
func declaredEncoding(data []byte) (canon, why string) {
	name := declaredCharset(data)
	if name == "" {
		return "", "the page declares no charset"
	}
	_, canon = charset.Lookup(name)
	why = "declared by the page"
	if meta := metaCharset(canon); meta != canon {
		canon, why = meta, fmt.Sprintf("the page declares %s, read as %s as browsers do", canon, meta)
	} else if canon == "" || canon == "utf-8" {
		why = "the page declares no charset" // none the bytes can be decoded by
	}
	if canon == "utf-8" {
		canon = ""
	}
	return canon, why
}

// metaCharset is the WHATWG rule for an encoding a page's <meta> declares
// (the prescan of the HTML standard): a page whose tag can be read as ASCII
// is not UTF-16, so utf-16le and utf-16be mean utf-8; x-user-defined means
// windows-1252. Browsers decode an 8-bit page that says utf-16 as UTF-8,
// never as UTF-16 (which turned its bytes into CJK characters).
func metaCharset(canon string) string {
	switch canon {
	case "utf-16le", "utf-16be":
		return "utf-8"
	case "x-user-defined":
		return "windows-1252"
	}
	return canon
}

// declaredCharset finds a <meta charset> or <meta http-equiv=Content-Type>
// declaration in the first KiB of a page, as browsers do.
func declaredCharset(data []byte) string {
	if len(data) > 1024 {
		data = data[:1024]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var httpEquiv, content string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					return strings.TrimSpace(string(v))
				case "http-equiv":
					httpEquiv = strings.ToLower(strings.TrimSpace(string(v)))
				case "content":
					content = string(v)
				}
			}
			if httpEquiv == "content-type" {
				lower := strings.ToLower(content)
				if i := strings.Index(lower, "charset="); i >= 0 {
					cs := content[i+len("charset="):]
					if j := strings.IndexAny(cs, "; \"'"); j >= 0 {
						cs = cs[:j]
					}
					return strings.TrimSpace(cs)
				}
			}
		}
	}
}

// extractHTML returns the visible text of a UTF-8 page's article body (see
// articleBody), or of the whole page when it has none, and its head
// metadata. Paragraphs (block elements, <br>) are separated by a blank line,
// white space inside a paragraph collapses to one space, and the text never
// starts or ends with white space. The result is always valid UTF-8.
func extractHTML(data []byte) (string, pageMeta, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "", pageMeta{}, err
	}
	meta := headMeta(root)
	var tb textBuilder
	if nodes, prune, ok := articleBody(root); ok {
		for _, n := range nodes {
			visible(n, &tb, 0, prune)
			tb.brk = true
		}
		meta.Extraction = ExtractBody
	} else {
		visible(root, &tb, 0, nil)
		meta.Extraction = ExtractPage
	}
	return tb.b.String(), meta, nil
}

// skipped elements hold no visible text, or text that is not the page's
// (scripts, styles, embedded documents, form option lists).
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true, atom.Select: true, atom.Datalist: true,
	atom.Noembed: true, atom.Noframes: true, atom.Frameset: true, atom.Textarea: true,
}

// blocks are the elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Center: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Legend: true, atom.Li: true, atom.Listing: true, atom.Main: true,
	atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true,
	atom.Ul: true, atom.Xmp: true, atom.Plaintext: true, atom.Html: true,
}

// visible appends the visible text under n, leaving out the elements in
// prune. The parser caps nesting at 512 elements, so recursion depth is
// bounded.
func visible(n *html.Node, tb *textBuilder, pre int, prune map[*html.Node]bool) {
	switch n.Type {
	case html.TextNode:
		tb.write(n.Data, pre > 0)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) || prune[n] {
			return
		}
	case html.DocumentNode:
	default: // comments, doctype
		return
	}
	isBlock := n.Type == html.ElementNode && blocks[n.DataAtom]
	isCell := n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
	if n.DataAtom == atom.Pre || n.DataAtom == atom.Listing {
		pre++
	}
	if isBlock {
		tb.brk = true
	}
	if isCell {
		tb.space = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		visible(c, tb, pre, prune)
	}
	if isBlock {
		tb.brk = true
	}
	if isCell {
		tb.space = true
	}
}

// hidden reports an element the page hides from readers: the hidden
// attribute or an inline display:none / visibility:hidden style.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		case "type":
			if n.DataAtom == atom.Input && strings.EqualFold(a.Val, "hidden") {
				return true
			}
		}
	}
	return false
}

// textBuilder joins text nodes, turning pending breaks and spaces into "\n\n"
// and " " only between two pieces of text, so the result is trimmed.
type textBuilder struct {
	b     strings.Builder
	brk   bool // a paragraph break is pending
	space bool // a space is pending
}

func (t *textBuilder) write(s string, pre bool) {
	for _, r := range s {
		switch {
		case r == '\n' && pre:
			t.brk = true // lines of <pre> keep apart, as paragraphs
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' || unicode.IsSpace(r):
			// &nbsp; renders as a space; folding it lets later stages treat
			// it like any other space.
			t.space = true
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\u00ad' || r == '\ufeff':
			// Invisible: control characters, soft hyphens, stray BOMs.
		default:
			if t.b.Len() > 0 {
				if t.brk {
					t.b.WriteString("\n\n")
				} else if t.space {
					t.b.WriteByte(' ')
				}
			}
			t.brk, t.space = false, false
			t.b.WriteRune(r) // an invalid byte arrives as RuneError and is written as U+FFFD
		}
	}
}

// headMeta collects the page's own metadata: the first value of each kind
// wins, in document order.
func headMeta(root *html.Node) pageMeta {
	var pm pageMeta
	var title, metaTitle, ogURL, canonical string
	var walk func(n *html.Node, inSVG bool)
	walk = func(n *html.Node, inSVG bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Svg, atom.Math:
				inSVG = true
			case atom.Title:
				if title == "" && !inSVG && n.Namespace == "" {
					title = collapseSpace(nodeText(n))
				}
			case atom.Link:
				if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				key := strings.ToLower(first(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:title", "twitter:title", "title", "dc.title", "headline":
					if metaTitle == "" {
						metaTitle = collapseSpace(val)
					}
				case "og:url":
					if ogURL == "" {
						ogURL = val
					}
				case "article:published_time", "og:published_time", "datepublished",
					"date", "pubdate", "publishdate", "publish-date", "dc.date",
					"dc.date.issued", "dcterms.date", "dcterms.issued", "parsely-pub-date", "sailthru.date":
					if pm.Published.IsZero() {
						if t, ok := parsePublished(val); ok {
							pm.Published = t
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSVG)
		}
	}
	walk(root, false)
	pm.Title = strings.ToValidUTF8(first(metaTitle, title), "\uFFFD")
	pm.URL = strings.ToValidUTF8(first(canonical, ogURL), "\uFFFD")
	return pm
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// stripTags is the fallback for pages the tree parser refuses: one pass of
// the tokenizer (no nesting limit, constant stack), keeping text outside
// skipped elements, with block elements as paragraph breaks and the first
// <title> as the title. Unlike the tree walk it cannot see hidden attributes
// on ancestors, nor repair misnested tags.
func stripTags(data []byte) (string, pageMeta) {
	z := html.NewTokenizer(bytes.NewReader(data))
	var tb textBuilder
	var pm pageMeta
	skip := map[atom.Atom]int{} // open skipped elements by kind
	skipping := 0
	inTitle, pre := false, 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			pm.Title = strings.ToValidUTF8(collapseSpace(pm.Title), "\uFFFD")
			return tb.b.String(), pm
		case html.TextToken:
			if inTitle && pm.Title == "" {
				pm.Title = string(z.Text())
			}
			if skipping == 0 && !inTitle {
				tb.write(string(z.Text()), pre > 0)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt == html.StartTagToken
			if a == atom.Title {
				inTitle = start
				continue
			}
			if skipped[a] && a != atom.Head && tt != html.SelfClosingTagToken {
				if start {
					skip[a]++
					skipping++
				} else if skip[a] > 0 {
					skip[a]--
					skipping--
				}
				continue
			}
			if a == atom.Pre || a == atom.Listing {
				if start {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
			}
			if blocks[a] {
				tb.brk = true
			} else if a == atom.Td || a == atom.Th {
				tb.space = true
			}
		}
	}
}
