package eval

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"plenary/pipeline/doc"
)

// Change kinds. The first three are worse news, the last three better news.
const (
	NewlyMissed       = "newly missed"        // a gold item the baseline matched, or did not have, is missed
	NewlySpurious     = "newly spurious"      // a prediction the baseline did not have is wrong
	NewlyWrongSpeaker = "newly wrong speaker" // a matched quote's speaker is now wrong
	NowMatched        = "now matched"         // a gold item the baseline missed is found
	SpuriousGone      = "spurious gone"       // a wrong prediction of the baseline is no longer made
	SpeakerFixed      = "speaker fixed"       // a matched quote's wrong speaker is now right
)

// Change is one item that changed since the baseline.
type Change struct {
	Table   string `json:"table"`
	Kind    string `json:"kind"`
	Key     string `json:"key"`
	Label   string `json:"label"`
	NewGold bool   `json:"new_gold,omitempty"` // a missed gold item the baseline did not have at all
	Context string `json:"context,omitempty"`  // the sentence holding it, the item [[marked]]
	item    *Item  // the current item, to find it in the text
}

// DocChanges are the changes of one document, worse and better news apart.
type DocChanges struct {
	ID          string   `json:"id"`
	New         bool     `json:"new,omitempty"`          // not in the baseline: every gold item is new
	TextChanged bool     `json:"text_changed,omitempty"` // text hash differs from the baseline's
	Worse       []Change `json:"worse"`
	Better      []Change `json:"better"`
}

// TableDelta is one table's F1 then and now.
type TableDelta struct {
	Table     string   `json:"table"`
	Old       *float64 `json:"old"`
	New       *float64 `json:"new"`
	Delta     *float64 `json:"delta"`
	Regressed bool     `json:"regressed"` // dropped by more than the tolerance
}

// Comparison is an evaluation compared with a baseline.
type Comparison struct {
	Baseline          string           `json:"baseline"`
	Tolerance         float64          `json:"tolerance"`
	Tables            []TableDelta     `json:"tables"` // scope order, then "quotes end-to-end"
	AttributionOld    *float64         `json:"attribution_old"`
	AttributionNew    *float64         `json:"attribution_new"`
	Docs              []DocChanges     `json:"docs"` // documents with changes, by id
	AddedDocs         []string         `json:"added_docs"`
	RemovedDocs       []string         `json:"removed_docs"`
	NewlyMissed       int              `json:"newly_missed"` // including NewGoldMissed
	NewGoldMissed     int              `json:"new_gold_missed"`
	NewlySpurious     int              `json:"newly_spurious"`
	NewlyWrongSpeaker int              `json:"newly_wrong_speaker"`
	NowMatched        int              `json:"now_matched"`
	SpuriousGone      int              `json:"spurious_gone"`
	SpeakerFixed      int              `json:"speaker_fixed"`
	Identity          *IdentityChanges `json:"identity,omitempty"` // when identity.json is scored
	Regression        bool             `json:"regression"`
	Reasons           []string         `json:"reasons"` // why Regression is set
	Warnings          []string         `json:"warnings"`
}

// E2ETable names the end-to-end quote figures among the table deltas.
const E2ETable = "quotes end-to-end"

// fEpsilon absorbs float noise, so that --tolerance 0 fails on a real drop only.
const fEpsilon = 1e-9

// TextSource gives a document's text and sentence spans for contexts; ok is
// false when it has none.
type TextSource func(id string) (text string, sentences []doc.Span, ok bool)

// counter is a multiset of keys.
type counter map[string]int

func countKeys(items []BaselineItem) counter {
	c := counter{}
	for _, it := range items {
		c[it.Key]++
	}
	return c
}

// take removes one key if present.
func (c counter) take(k string) bool {
	if c[k] > 0 {
		c[k]--
		return true
	}
	return false
}

// Compare compares an evaluation with a baseline. A table's F1 dropping by
// more than tolerance, a gold item missed now that the baseline did not list
// as missed (one it matched, or one it did not have: a document or gold item
// added since), a spurious item the baseline did not have, and, unless
// allowRemoved, a document of the baseline not scored now (its gold removed
// or unreadable: a gate must not pass because the gold broke) each make a
// regression. texts (may be nil) supplies the contexts of worse news.
func Compare(base *Baseline, r Result, tolerance float64, allowRemoved bool, texts TextSource) Comparison {
	c := Comparison{Baseline: "", Tolerance: tolerance, Docs: []DocChanges{}, AddedDocs: []string{}, RemovedDocs: []string{}, Reasons: []string{}, Warnings: []string{}}
	// Figures.
	for _, t := range r.Scope {
		f, _ := r.Table(t)
		old, had := base.Tables[t]
		if !had {
			c.Warnings = append(c.Warnings, fmt.Sprintf("table %s is not in the baseline: all its gold items count as new", t))
		}
		c.Tables = append(c.Tables, delta(t, old.F1, f.F1, tolerance))
	}
	for _, t := range base.Scope {
		if !slices.Contains(r.Scope, t) {
			c.Warnings = append(c.Warnings, fmt.Sprintf("table %s is in the baseline but not scored now", t))
		}
	}
	if r.QuotesEndToEnd != nil {
		var old *float64
		if base.QuotesEndToEnd != nil {
			old = base.QuotesEndToEnd.F1
		}
		c.Tables = append(c.Tables, delta(E2ETable, old, r.QuotesEndToEnd.F1, tolerance))
	}
	if base.QuoteAttribution != nil {
		c.AttributionOld = base.QuoteAttribution.Accuracy
	}
	if r.QuoteAttribution != nil {
		c.AttributionNew = r.QuoteAttribution.Accuracy
	}
	for _, td := range c.Tables {
		if td.Regressed {
			c.Reasons = append(c.Reasons, fmt.Sprintf("%s F1 dropped by %.4f (tolerance %g)", td.Table, -*td.Delta, tolerance))
		}
	}
	// Items.
	seen := map[string]bool{}
	for _, d := range r.Details {
		seen[d.ID] = true
		bd, had := base.Doc(d.ID)
		dc := DocChanges{ID: d.ID, New: !had, Worse: []Change{}, Better: []Change{}}
		if !had {
			c.AddedDocs = append(c.AddedDocs, d.ID)
		}
		var text string
		var sents []doc.Span
		var haveText bool
		if texts != nil {
			text, sents, haveText = texts(d.ID)
		}
		if had && haveText && bd.TextSHA256 != "" && bd.TextSHA256 != SHA256Hex(text) {
			dc.TextChanged = true
		}
		var loc *locator
		for _, td := range d.Tables {
			var bt BaselineTable
			if had {
				bt = bd.Tables[td.Table]
			}
			compareTable(&dc, td, bt)
		}
		for i := range dc.Worse {
			ch := &dc.Worse[i]
			if haveText && ch.item != nil {
				if loc == nil {
					l := newLocator(text)
					loc = &l
				}
				if sp, ok := loc.locate(ch.Table, *ch.item); ok {
					ch.Context = Window([]rune(text), sents, sp, ContextWidth)
				}
			}
			switch ch.Kind {
			case NewlyMissed:
				c.NewlyMissed++
				if ch.NewGold {
					c.NewGoldMissed++
				}
			case NewlySpurious:
				c.NewlySpurious++
			case NewlyWrongSpeaker:
				c.NewlyWrongSpeaker++
			}
		}
		for _, ch := range dc.Better {
			switch ch.Kind {
			case NowMatched:
				c.NowMatched++
			case SpuriousGone:
				c.SpuriousGone++
			case SpeakerFixed:
				c.SpeakerFixed++
			}
		}
		if len(dc.Worse)+len(dc.Better) > 0 || dc.New || dc.TextChanged {
			c.Docs = append(c.Docs, dc)
		}
	}
	for _, bd := range base.Docs {
		if !seen[bd.ID] {
			c.RemovedDocs = append(c.RemovedDocs, bd.ID)
		}
	}
	if n := c.NewlyMissed; n > 0 {
		s := fmt.Sprintf("%d gold item(s) newly missed", n)
		if c.NewGoldMissed > 0 {
			s += fmt.Sprintf(" (%d of them new gold items not in the baseline)", c.NewGoldMissed)
		}
		c.Reasons = append(c.Reasons, s)
	}
	if n := c.NewlySpurious; n > 0 {
		c.Reasons = append(c.Reasons, fmt.Sprintf("%d new spurious item(s)", n))
	}
	if n := len(c.RemovedDocs); n > 0 && !allowRemoved {
		c.Reasons = append(c.Reasons, fmt.Sprintf("%d document(s) of the baseline not scored now (gold removed or unreadable: %s; --allow-removed accepts that)",
			n, strings.Join(c.RemovedDocs, ", ")))
	}
	compareIdentity(&c, base.Identity, r.Identity, tolerance)
	c.Regression = len(c.Reasons) > 0
	return c
}

// SHA256Hex is the hex SHA-256 of a text, as baselines record it.
func SHA256Hex(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

func delta(table string, old, now *float64, tol float64) TableDelta {
	td := TableDelta{Table: table, Old: old, New: now}
	if old != nil && now != nil {
		d := *now - *old
		td.Delta = &d
		td.Regressed = d < -tol-fEpsilon
	} else if old != nil && now == nil {
		td.Regressed = true // the table had figures and has none now
		d := -*old
		td.Delta = &d
	}
	return td
}

// compareTable adds one table's changes: current items are matched against the
// baseline's as multisets of keys.
func compareTable(dc *DocChanges, td TableDetail, bt BaselineTable) {
	t := td.Table
	bMatched, bMissed, bSpur, bWrong := countKeys(bt.Matched), countKeys(bt.Missed), countKeys(bt.Spurious), countKeys(bt.WrongSpeaker)
	add := func(worse bool, kind string, key, label string, newGold bool, it *Item) {
		ch := Change{Table: t, Kind: kind, Key: key, Label: label, NewGold: newGold, item: it}
		if worse {
			dc.Worse = append(dc.Worse, ch)
		} else {
			dc.Better = append(dc.Better, ch)
		}
	}
	for _, m := range td.Matched {
		k := ItemKey(t, m.Gold)
		if !bMatched.take(k) && bMissed.take(k) {
			add(false, NowMatched, k, m.Gold.Label, false, nil)
		}
	}
	for i := range td.Missed {
		it := &td.Missed[i]
		k := ItemKey(t, *it)
		switch {
		case bMissed.take(k):
		case bMatched.take(k):
			add(true, NewlyMissed, k, it.Label, false, it)
		default:
			add(true, NewlyMissed, k, it.Label, true, it)
		}
	}
	for i := range td.Spurious {
		it := &td.Spurious[i]
		k := ItemKey(t, *it)
		if !bSpur.take(k) {
			add(true, NewlySpurious, k, it.Label, false, it)
		}
	}
	for _, it := range bt.Spurious {
		if bSpur.take(it.Key) {
			add(false, SpuriousGone, it.Key, it.Label, false, nil)
		}
	}
	if t != "quotes" {
		return
	}
	right := counter{}
	for _, m := range td.Matched {
		right[ItemKey(t, m.Gold)]++
	}
	for i := range td.WrongSpeaker {
		m := &td.WrongSpeaker[i]
		bi := wrongSpeakerItem(*m)
		right[bi.Key]--
		if !bWrong.take(bi.Key) {
			add(true, NewlyWrongSpeaker, bi.Key, bi.Label, false, &m.Gold)
		}
	}
	for _, it := range bt.WrongSpeaker {
		if bWrong.take(it.Key) && right.take(it.Key) {
			add(false, SpeakerFixed, it.Key, it.Label, false, nil)
		}
	}
}

// RenderComparison writes what changed since the baseline: the F1 of every
// table then and now, then the documents with better news (most gains first)
// and with worse news (most losses first), each changed item with the text
// around it, and the verdict.
func RenderComparison(w io.Writer, c Comparison) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("\ncompared with the baseline %s (tolerance %g)\n", c.Baseline, c.Tolerance)
	head := fmt.Sprintf("%-20s %7s %7s %8s", "table", "old F1", "new F1", "delta")
	p("%s\n%s\n", head, strings.Repeat("-", len(head)))
	for _, td := range c.Tables {
		mark := ""
		if td.Regressed {
			mark = "  REGRESSION"
		}
		p("%-20s %7s %7s %8s%s\n", td.Table, fmtFig(td.Old), fmtFig(td.New), fmtDelta(td.Delta), mark)
	}
	if c.AttributionOld != nil || c.AttributionNew != nil {
		var d *float64
		if c.AttributionOld != nil && c.AttributionNew != nil {
			x := *c.AttributionNew - *c.AttributionOld
			d = &x
		}
		p("%-20s %7s %7s %8s\n", "quote attribution", fmtFig(c.AttributionOld), fmtFig(c.AttributionNew), fmtDelta(d))
	}
	for _, s := range c.Warnings {
		p("warning: %s\n", s)
	}
	if len(c.AddedDocs) > 0 {
		p("\nnew documents since the baseline (every gold item in them is a new gold item): %s\n", strings.Join(c.AddedDocs, ", "))
	}
	if len(c.RemovedDocs) > 0 {
		p("\ndocuments in the baseline not scored now (gold removed or unreadable): %s\n", strings.Join(c.RemovedDocs, ", "))
	}
	better := docsBy(c.Docs, func(d DocChanges) int { return len(d.Better) })
	worse := docsBy(c.Docs, func(d DocChanges) int { return len(d.Worse) })
	if len(better) > 0 {
		p("\nbetter (%d now matched, %d spurious gone, %d speakers fixed):\n", c.NowMatched, c.SpuriousGone, c.SpeakerFixed)
		for _, d := range better {
			p("  %s%s\n", d.ID, docNote(d))
			for _, ch := range d.Better {
				p("    + %-13s %-20s %s\n", ch.Table, ch.Kind, ch.Label)
			}
		}
	}
	if len(worse) > 0 {
		p("\nworse (%d newly missed, of them %d new gold items; %d newly spurious; %d newly wrong speakers):\n",
			c.NewlyMissed, c.NewGoldMissed, c.NewlySpurious, c.NewlyWrongSpeaker)
		for _, d := range worse {
			p("  %s%s\n", d.ID, docNote(d))
			for _, ch := range d.Worse {
				kind := ch.Kind
				if ch.NewGold {
					kind = "new gold, missed"
				}
				p("    - %-13s %-20s %s\n", ch.Table, kind, ch.Label)
				if ch.Context != "" {
					p("        %s\n", ch.Context)
				} else if ch.item != nil {
					p("        (not found in the text)\n")
				}
			}
		}
	}
	if len(better)+len(worse) == 0 {
		p("\nno item changed\n")
	}
	renderIdentityChanges(p, c.Identity)
	if c.Regression {
		p("\nREGRESSION: %s\n", strings.Join(c.Reasons, "; "))
	} else {
		p("\nno regression\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("render comparison: %w", err)
	}
	return nil
}

func docNote(d DocChanges) string {
	var n []string
	if d.New {
		n = append(n, "new document")
	}
	if d.TextChanged {
		n = append(n, "text changed since the baseline")
	}
	if len(n) == 0 {
		return ""
	}
	return " (" + strings.Join(n, ", ") + ")"
}

// docsBy returns the documents with n(d) > 0, largest first, then by id.
func docsBy(docs []DocChanges, n func(DocChanges) int) []DocChanges {
	var out []DocChanges
	for _, d := range docs {
		if n(d) > 0 {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b DocChanges) int {
		if c := cmp.Compare(n(b), n(a)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func fmtDelta(x *float64) string {
	if x == nil {
		return "-"
	}
	return fmt.Sprintf("%+.3f", *x)
}

// MarshalWithComparison writes r as score.py's JSON with a "comparison"
// object added at the end.
func MarshalWithComparison(r Result, c Comparison) ([]byte, error) {
	rb, err := r.MarshalJSON()
	if err != nil {
		return nil, err
	}
	cb, err := marshal(c)
	if err != nil {
		return nil, fmt.Errorf("json comparison: %w", err)
	}
	var o map[string]json.RawMessage
	if err := json.Unmarshal(rb, &o); err != nil { // a check that rb is an object
		return nil, err
	}
	out := append(rb[:len(rb)-1:len(rb)-1], []byte(`,"comparison":`)...)
	out = append(out, cb...)
	return append(out, '}'), nil
}
