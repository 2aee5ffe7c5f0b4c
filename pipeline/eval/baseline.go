package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"plenary/pipeline/ingest"
)

// A baseline is a saved evaluation: the figures per table and, per document
// and table, the keys of the matched, missed and spurious items (and, for
// quotes, the matched quotes whose speaker was wrong). A later evaluation is
// compared with it item by item (Compare), so the keys must not depend on
// the order of items or on anything but what is scored:
//
//	people, organizations, locations   normalized name
//	roles                              normalized person name | normalized title
//	dates                              value (the text as written when there is none)
//	quotes                             normalized text | normalized speaker (or null)
//
// Matched and missed items are keyed by the gold item, spurious ones by the
// prediction. The file is written one item per line so that a refreshed
// baseline reads well in a diff.

// BaselineFormat names the file format; Compare refuses any other.
const BaselineFormat = "plenary-eval-baseline/1"

// Baseline is a saved evaluation.
type Baseline struct {
	Format           string                  `json:"format"`
	PlenaryVersion   string                  `json:"plenary_version,omitempty"`
	Documents        int                     `json:"documents"`
	Scope            []string                `json:"scope"`
	Tables           map[string]Figures      `json:"tables"`
	QuotesEndToEnd   *Figures                `json:"quotes_end_to_end,omitempty"`
	QuoteAttribution *Attribution            `json:"quote_attribution,omitempty"`
	Docs             []BaselineDoc           `json:"docs"`
	Identity         *IdentityBaseline       `json:"identity,omitempty"` // when the corpus has identity.json
	docIndex         map[string]*BaselineDoc // by ID, built on demand
}

// BaselineDoc is one document of a baseline.
type BaselineDoc struct {
	ID         string                   `json:"id"`
	Predicted  bool                     `json:"predicted"`
	TextSHA256 string                   `json:"text_sha256,omitempty"`
	Tables     map[string]BaselineTable `json:"tables"`
}

// BaselineTable lists the items of one table in one document.
type BaselineTable struct {
	Matched      []BaselineItem `json:"matched"`
	Missed       []BaselineItem `json:"missed"`
	Spurious     []BaselineItem `json:"spurious"`
	WrongSpeaker []BaselineItem `json:"wrong_speaker,omitempty"`
}

// BaselineItem is an item's comparison key and the label people read.
type BaselineItem struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// ItemKey is the key an item of a table is compared by across runs.
func ItemKey(table string, it Item) string {
	switch table {
	case "roles":
		return Normalize(it.Name, true) + " | " + Normalize(it.Title, true)
	case "dates":
		if it.Value != "" {
			return it.Value
		}
		return "text: " + Normalize(it.Text, false)
	case "quotes":
		s := "null"
		if it.Speaker != nil {
			s = Normalize(*it.Speaker, true)
		}
		return Normalize(it.Text, false) + " | " + s
	}
	return Normalize(it.Name, true)
}

func baselineItems(table string, items []Item) []BaselineItem {
	out := make([]BaselineItem, 0, len(items))
	for _, it := range items {
		out = append(out, BaselineItem{Key: ItemKey(table, it), Label: it.Label})
	}
	return out
}

// wrongSpeakerItem keys a wrongly attributed quote by the gold quote and
// labels it with both speakers.
func wrongSpeakerItem(m Match) BaselineItem {
	return BaselineItem{
		Key:   ItemKey("quotes", m.Gold),
		Label: fmt.Sprintf("%s: gold %s, predicted %s", pyRepr(pyShort(m.Gold.Text, 90)), spk(m.Gold.Speaker), spk(m.Pred.Speaker)),
	}
}

// NewBaseline makes a baseline of an evaluation. textSHA gives each
// document's text hash (hex SHA-256) so a later comparison can say that a
// text changed; it may be nil.
func NewBaseline(r Result, textSHA map[string]string, version string) Baseline {
	b := Baseline{
		Format:           BaselineFormat,
		PlenaryVersion:   version,
		Documents:        r.Documents,
		Scope:            nonNil(append([]string{}, r.Scope...)),
		Tables:           map[string]Figures{},
		QuotesEndToEnd:   r.QuotesEndToEnd,
		QuoteAttribution: r.QuoteAttribution,
		Docs:             []BaselineDoc{},
		Identity:         newIdentityBaseline(r.Identity),
	}
	for _, t := range r.Tables {
		b.Tables[t.Table] = t.Figures
	}
	for _, d := range r.Details {
		bd := BaselineDoc{ID: d.ID, Predicted: d.Predicted, TextSHA256: textSHA[d.ID], Tables: map[string]BaselineTable{}}
		for _, td := range d.Tables {
			bt := BaselineTable{
				Matched:  make([]BaselineItem, 0, len(td.Matched)),
				Missed:   baselineItems(td.Table, td.Missed),
				Spurious: baselineItems(td.Table, td.Spurious),
			}
			for _, m := range td.Matched {
				bt.Matched = append(bt.Matched, BaselineItem{Key: ItemKey(td.Table, m.Gold), Label: m.Gold.Label})
			}
			for _, m := range td.WrongSpeaker {
				bt.WrongSpeaker = append(bt.WrongSpeaker, wrongSpeakerItem(m))
			}
			bd.Tables[td.Table] = bt
		}
		b.Docs = append(b.Docs, bd)
	}
	return b
}

// Doc returns the baseline's document with this id.
func (b *Baseline) Doc(id string) (*BaselineDoc, bool) {
	if b.docIndex == nil {
		b.docIndex = make(map[string]*BaselineDoc, len(b.Docs))
		for i := range b.Docs {
			b.docIndex[b.Docs[i].ID] = &b.Docs[i]
		}
	}
	d, ok := b.docIndex[id]
	return d, ok
}

// MarshalJSON writes the baseline with one item per line and tables in
// scope order.
func (b Baseline) MarshalJSON() ([]byte, error) {
	var w jw
	w.s("{\n")
	w.kv(1, "format", b.Format, true)
	if b.PlenaryVersion != "" {
		w.kv(1, "plenary_version", b.PlenaryVersion, true)
	}
	w.kv(1, "documents", b.Documents, true)
	w.kv(1, "scope", nonNil(b.Scope), true)
	w.s("  \"tables\": {")
	names := orderedKeys(b.Tables, b.Scope)
	for i, t := range names {
		w.s(sep(i) + "\n")
		w.kv(2, t, b.Tables[t], false)
	}
	w.s("\n  },\n")
	if b.QuotesEndToEnd != nil {
		w.kv(1, "quotes_end_to_end", b.QuotesEndToEnd, true)
	}
	if b.QuoteAttribution != nil {
		w.kv(1, "quote_attribution", b.QuoteAttribution, true)
	}
	if b.Identity != nil {
		w.kv(1, "identity", b.Identity, true)
	}
	w.s("  \"docs\": [")
	for i, d := range b.Docs {
		w.s(sep(i) + "\n    {")
		w.raw(`"id": `, d.ID)
		w.raw(`, "predicted": `, d.Predicted)
		if d.TextSHA256 != "" {
			w.raw(`, "text_sha256": `, d.TextSHA256)
		}
		w.s(`, "tables": {`)
		for j, t := range orderedKeys(d.Tables, b.Scope) {
			bt := d.Tables[t]
			w.s(sep(j) + "\n      ")
			w.raw("", t)
			w.s(": {")
			lists := []struct {
				name  string
				items []BaselineItem
			}{{"matched", bt.Matched}, {"missed", bt.Missed}, {"spurious", bt.Spurious}}
			if bt.WrongSpeaker != nil {
				lists = append(lists, struct {
					name  string
					items []BaselineItem
				}{"wrong_speaker", bt.WrongSpeaker})
			}
			for k, l := range lists {
				w.s(sep(k) + "\n        ")
				w.raw("", l.name)
				w.s(": [")
				for n, it := range l.items {
					w.s(sep(n) + "\n          ")
					w.raw(`{"key": `, it.Key)
					w.raw(`, "label": `, it.Label)
					w.s("}")
				}
				if len(l.items) > 0 {
					w.s("\n        ")
				}
				w.s("]")
			}
			w.s("\n      }")
		}
		w.s("\n    }}")
	}
	w.s("\n  ]\n}")
	return w.bytes()
}

func sep(i int) string {
	if i > 0 {
		return ","
	}
	return ""
}

// orderedKeys lists a map's keys in scope order, then any others sorted.
func orderedKeys[V any](m map[string]V, scope []string) []string {
	var out []string
	for _, t := range scope {
		if _, ok := m[t]; ok {
			out = append(out, t)
		}
	}
	var rest []string
	for t := range m {
		if !slices.Contains(out, t) {
			rest = append(rest, t)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// jw writes hand-laid-out JSON, keeping the first error.
type jw struct {
	buf bytes.Buffer
	err error
}

func (w *jw) s(s string) { w.buf.WriteString(s) }

func (w *jw) raw(prefix string, v any) {
	b, err := marshal(v)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.buf.WriteString(prefix)
	w.buf.Write(b)
}

func (w *jw) kv(indent int, key string, v any, comma bool) {
	w.s(string(bytes.Repeat([]byte("  "), indent)))
	w.raw("", key)
	w.raw(": ", v)
	if comma {
		w.s(",\n")
	}
}

func (w *jw) bytes() ([]byte, error) {
	if w.err != nil {
		return nil, fmt.Errorf("baseline json: %w", w.err)
	}
	return w.buf.Bytes(), nil
}

// WriteBaseline writes b to path.
func WriteBaseline(path string, b Baseline) error {
	data, err := b.MarshalJSON()
	if err != nil {
		return fmt.Errorf("eval: write baseline %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("eval: write baseline: %w", err)
	}
	return nil
}

// ReadBaseline reads a baseline written by WriteBaseline.
func ReadBaseline(path string) (*Baseline, error) {
	// A regular file (never a FIFO or device); a baseline holds every item
	// of a corpus, so its bound is generous.
	data, err := ingest.ReadFile(path, 1<<30)
	if err != nil {
		return nil, fmt.Errorf("eval: read baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("eval: read baseline %s: %w", path, err)
	}
	if b.Format != BaselineFormat {
		return nil, fmt.Errorf("eval: read baseline %s: format %q, want %q (write one with --save-baseline)", path, b.Format, BaselineFormat)
	}
	return &b, nil
}
