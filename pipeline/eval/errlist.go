package eval

import (
	"fmt"
	"io"
	"strings"

	"plenary/pipeline/doc"
)

// ErrorItem is one missed, spurious or wrongly attributed item with the
// sentence holding it.
type ErrorItem struct {
	Doc     string
	Label   string
	Context string // "" when the item is not in the text
}

// ErrorList is one table's list of one kind ("missed", "spurious", "wrong
// speaker"): Total items, the first Items of them.
type ErrorList struct {
	Table string
	Kind  string
	Total int
	Items []ErrorItem
}

// contexts finds items in documents, one locator per document.
type contexts struct {
	texts TextSource
	locs  map[string]*docLoc
}

type docLoc struct {
	ok    bool
	runes []rune
	sents []doc.Span
	loc   locator
}

func (c *contexts) of(id, table string, it Item) string {
	if c.texts == nil {
		return ""
	}
	d, seen := c.locs[id]
	if !seen {
		d = &docLoc{}
		if text, sents, ok := c.texts(id); ok {
			d = &docLoc{ok: true, runes: []rune(text), sents: sents, loc: newLocator(text)}
		}
		c.locs[id] = d
	}
	if !d.ok {
		return ""
	}
	sp, ok := d.loc.locate(table, it)
	if !ok {
		return ""
	}
	return Window(d.runes, d.sents, sp, ContextWidth)
}

// ErrorLists gathers, per table in scope order, up to n missed, spurious and
// (quotes) wrong-speaker items in document order, with their sentences.
func ErrorLists(r Result, n int, texts TextSource) []ErrorList {
	ctx := &contexts{texts: texts, locs: map[string]*docLoc{}}
	var out []ErrorList
	for _, t := range r.Scope {
		kinds := []string{"missed", "spurious"}
		if t == "quotes" {
			kinds = append(kinds, "wrong speaker")
		}
		for _, k := range kinds {
			el := ErrorList{Table: t, Kind: k}
			for _, d := range r.Details {
				for _, td := range d.Tables {
					if td.Table != t {
						continue
					}
					var items []Item
					var labels []string
					switch k {
					case "missed":
						items = td.Missed
					case "spurious":
						items = td.Spurious
					default:
						for _, m := range td.WrongSpeaker {
							items = append(items, m.Gold)
							labels = append(labels, wrongSpeakerItem(m).Label)
						}
					}
					for i, it := range items {
						el.Total++
						if len(el.Items) >= n {
							continue
						}
						label := it.Label
						if labels != nil {
							label = labels[i]
						}
						el.Items = append(el.Items, ErrorItem{Doc: d.ID, Label: label, Context: ctx.of(d.ID, t, it)})
					}
				}
			}
			out = append(out, el)
		}
	}
	return out
}

// RenderErrorLists writes the lists: each item as "DOC_ID: item" with the
// sentence holding it underneath, so a reader can see why.
func RenderErrorLists(w io.Writer, lists []ErrorList) error {
	var b strings.Builder
	for _, el := range lists {
		if el.Total == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s %s: %d (%d shown)\n", el.Table, el.Kind, el.Total, len(el.Items))
		for _, it := range el.Items {
			fmt.Fprintf(&b, "  %s: %s\n", it.Doc, it.Label)
			if it.Context != "" {
				fmt.Fprintf(&b, "      %s\n", it.Context)
			} else {
				b.WriteString("      (not found in the text)\n")
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("render errors: %w", err)
	}
	return nil
}
