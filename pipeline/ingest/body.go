package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// How an HTML page's text was taken (doc.Doc.Extraction, the documents
// table's extraction column).
const (
	ExtractBody = "body" // the article body, without navigation, footers, banners, share bars, comments
	ExtractPage = "page" // the whole visible page: no article body was found
)

// minBodyChars is the least paragraph text (bytes outside links) an article
// body holds; a page with less (an index of headlines, a contact page) is
// taken whole, as before.
const minBodyChars = 100

// minParagraph is the least text (bytes, outside links) of a run that counts
// as a paragraph of prose for scoring: shorter runs are dates, labels, menu
// entries.
const minParagraph = 25

// articleBody finds the nodes that hold a page's article: its headline (when
// the body does not hold one) and its body, and the boilerplate inside them
// to leave out. ok is false when the page holds no article body.
//
// The rules, in the spirit of readability's: text runs of prose (outside
// links, navigation and elements whose class, id or role names boilerplate)
// credit their paragraph's container in full and the container's parent by
// half; the best container is the body, widened to an enclosing <article>
// or <main> (or role=main, itemprop=articleBody); inside it, boilerplate by
// tag, name or link density (a block that is mostly links) is pruned.
//
// Chosen over the maintained Go ports on the pages of testdata/body (news,
// agency, government, blog and table-layout pages, three of them written
// after these rules): readeck/go-readability v2 dropped headlines, kept
// newsletter and related-story blocks and found a body in a page of
// headlines, at ~3x the CPU; go-trafilatura kept table-layout navigation
// and comments at ~20x. These rules kept every article sentence and no
// boilerplate there, at ~15% more CPU than taking the whole page.
func articleBody(root *html.Node) (nodes []*html.Node, prune map[*html.Node]bool, ok bool) {
	s := &bodyScan{score: map[*html.Node]int{}, text: map[*html.Node]int{}, links: map[*html.Node]int{}}
	s.walk(root, false, false)
	var top *html.Node
	best := 0
	for n, sc := range s.score {
		if sc > best || sc == best && top != nil && precedes(n, top) {
			top, best = n, sc
		}
	}
	if top == nil || s.paragraphText(top) < minBodyChars {
		return nil, nil, false
	}
	body := top
	for a := top.Parent; a != nil; a = a.Parent {
		if isArticleContainer(a) {
			body = a
			break
		}
	}
	nodes = []*html.Node{body}
	if h := headlineBefore(body); h != nil {
		nodes = []*html.Node{h, body}
	}
	prune = map[*html.Node]bool{}
	for _, n := range nodes {
		s.pruneIn(n, s.text[body], prune)
	}
	return nodes, prune, true
}

// bodyScan holds per-element figures of one page: text bytes, text bytes
// inside links, and paragraph credit.
type bodyScan struct {
	score map[*html.Node]int // paragraph credit of a container
	text  map[*html.Node]int // visible text bytes under an element
	links map[*html.Node]int // of them, inside <a>
}

// walk computes text and link text bottom-up and credits prose runs to
// their containers. inLink and noise are whether an ancestor is a link or
// boilerplate; they return the text (and link text) under n.
func (s *bodyScan) walk(n *html.Node, inLink, noise bool) (text, links int) {
	switch n.Type {
	case html.TextNode:
		t := len(strings.TrimSpace(n.Data))
		if t == 0 {
			return 0, 0
		}
		if inLink {
			return t, t
		}
		if !noise && t >= minParagraph {
			s.credit(n, t)
		}
		return t, 0
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) {
			return 0, 0
		}
		inLink = inLink || n.DataAtom == atom.A
		noise = noise || boilerplateTag(n) || boilerplateName(n)
	case html.DocumentNode:
	default:
		return 0, 0
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t, l := s.walk(c, inLink, noise)
		text += t
		links += l
	}
	if n.Type == html.ElementNode {
		s.text[n], s.links[n] = text, links
	}
	return text, links
}

// credit gives a prose run's length to the container of its paragraph
// (in full) and that container's parent (by half). A run inside a <p>,
// <li> or heading belongs to that paragraph, whose parent is the
// container; a run directly in a <div> or <td> (paragraphs split by <br>)
// makes that element the container.
func (s *bodyScan) credit(text *html.Node, n int) {
	p := text.Parent
	for p != nil && p.Type == html.ElementNode && !blocks[p.DataAtom] && p.DataAtom != atom.Td && p.DataAtom != atom.Th {
		p = p.Parent // inline elements: <b>, <span>, <font>
	}
	if p == nil || p.Type != html.ElementNode {
		return
	}
	container := p
	switch p.DataAtom {
	case atom.P, atom.Li, atom.Blockquote, atom.Pre, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Dd, atom.Figcaption:
		container = p.Parent
	}
	if container == nil || container.Type != html.ElementNode {
		return
	}
	s.score[container] += n
	if gp := container.Parent; gp != nil && gp.Type == html.ElementNode {
		s.score[gp] += n / 2
	}
}

// paragraphText is the text under n outside links.
func (s *bodyScan) paragraphText(n *html.Node) int { return s.text[n] - s.links[n] }

// pruneIn marks the boilerplate under n: elements that are boilerplate by
// tag or name, unless they hold half the body's text or more (a wrapper
// named "content-with-sidebar" is still the body), and blocks whose text is
// mostly links (tag lists, "read more" lines, link lists).
func (s *bodyScan) pruneIn(n *html.Node, bodyText int, prune map[*html.Node]bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		t := s.text[c]
		switch {
		case t == 0:
			continue
		case boilerplateTag(c) || boilerplateName(c) && 2*t < bodyText:
			prune[c] = true
			continue
		case blocks[c.DataAtom] && !isHeading(c) && s.links[c]*2 > t:
			prune[c] = true
			continue
		}
		s.pruneIn(c, bodyText, prune)
	}
}

// boilerplateTag: elements that hold site furniture, not an article's text.
func boilerplateTag(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Form, atom.Button, atom.Footer, atom.Menu, atom.Dialog:
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar":
		return true
	}
	return false
}

// boilerplateWords are words of class and id values that name site
// furniture: a class "share-bar" or id "cookie_consent" is split into
// words and each looked up.
var boilerplateWords = map[string]bool{
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"share": true, "sharing": true, "social": true, "sns": true,
	"comment": true, "comments": true, "disqus": true,
	"related": true, "recommended": true, "recommend": true, "trending": true, "popular": true, "latest": true, "outbrain": true, "taboola": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true, "promo": true,
	"ad": true, "ads": true, "advert": true, "advertisement": true, "sponsored": true, "banner": true,
	"breadcrumb": true, "breadcrumbs": true, "menu": true, "nav": true, "navbar": true, "navigation": true,
	"topbar": true, "footer": true, "foot": true, "copyright": true, "sidebar": true, "side": true, "widget": true,
	"popup": true, "modal": true, "overlay": true, "print": true, "tags": true, "skip": true, "lang": true,
	"readmore": true,
}

// boilerplateName reports an element whose class or id names boilerplate.
func boilerplateName(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		words := strings.FieldsFunc(v, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
		for i, w := range words {
			if boilerplateWords[w] || i > 0 && boilerplateWords[words[i-1]+w] {
				return true
			}
		}
	}
	return false
}

// isArticleContainer: the elements a page marks as its article.
func isArticleContainer(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch {
	case n.DataAtom == atom.Article, n.DataAtom == atom.Main:
		return true
	case strings.EqualFold(attr(n, "role"), "main"):
		return true
	case strings.EqualFold(attr(n, "itemprop"), "articleBody"):
		return true
	}
	return false
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// headlineBefore finds the article's headline when the body holds none: the
// last <h1> or <h2> before the body within its parent or grandparent (a
// headline above a story's text, in the same column).
func headlineBefore(body *html.Node) *html.Node {
	if hasHeading(body) {
		return nil
	}
	scope := body.Parent
	if scope != nil && scope.Parent != nil && scope.Parent.Type == html.ElementNode {
		scope = scope.Parent
	}
	var found *html.Node
	var walk func(n *html.Node) bool // false: the body is reached
	walk = func(n *html.Node) bool {
		if n == body {
			return false
		}
		if n.Type == html.ElementNode {
			if skipped[n.DataAtom] || hidden(n) || boilerplateTag(n) || boilerplateName(n) {
				return true
			}
			if n.DataAtom == atom.H1 || n.DataAtom == atom.H2 {
				found = n
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if scope != nil {
		walk(scope)
	}
	return found
}

func hasHeading(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.H1 || c.DataAtom == atom.H2 || hasHeading(c)) {
			return true
		}
	}
	return false
}

// precedes reports whether a comes before b in document order (ties in
// score go to the first, so the choice does not depend on map order).
func precedes(a, b *html.Node) bool {
	depth := func(n *html.Node) int {
		d := 0
		for ; n != nil; n = n.Parent {
			d++
		}
		return d
	}
	da, db := depth(a), depth(b)
	for da > db {
		if a.Parent == b {
			return false // b contains a: b comes first
		}
		a, da = a.Parent, da-1
	}
	for db > da {
		if b.Parent == a {
			return true
		}
		b, db = b.Parent, db-1
	}
	for a.Parent != b.Parent {
		a, b = a.Parent, b.Parent
	}
	for c := a; c != nil; c = c.NextSibling {
		if c == b {
			return true
		}
	}
	return false
}
