package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"plenary/pipeline/eval"
)

// Eval is what an eval report shows: the figures of one `plenary eval
// --json` file, the baseline's beside them when the file carries one, and
// optionally every document with its gold and predicted items highlighted.
type Eval struct {
	Source         string // the JSON file, for the heading
	Documents      int
	Tables         []Chart
	Attribution    *eval.Attribution
	BaseAttr       *eval.Attribution
	HasBaseline    bool
	BaselineSource string   // what the baseline object says it came from, if anything
	Verdict        *Verdict // the comparison's summary, when there is one
	// Changes are the comparison's items per document, worse news first:
	// what a reviewer of a regression needs to see.
	Changes  []ChangeDoc
	Docs     []DocView
	Notes    []string // things the reader should know (no corpus given, figures differ, …)
	Warnings []string // the eval's own warnings
}

// Chart is one table's precision, recall and F1, now and in the baseline,
// laid out as a small horizontal bar chart.
type Chart struct {
	Table string
	Cur   eval.Figures
	Base  *eval.Figures
	Delta string // F1 change against the baseline, "+0.012"; "" without one
	Trend string // "up", "down", "same" or ""
	// Regressed: the comparison says this table's F1 dropped by more than
	// the tolerance.
	Regressed bool
	Width     int
	Height    int
	AxisY     float64 // bottom of the grid lines
	Rows      []ChartRow
	Grid      []GridLine
}

// ChartRow is one measure (P, R or F1) with its bars.
type ChartRow struct {
	Label  string
	LabelY float64
	Bars   []Bar
}

// Bar is one rect of a chart; Class is "bar cur" or "bar base".
type Bar struct {
	X, Y, W, H float64
	Class      string
	Value      string // label drawn right of the bar
	TextX      float64
	TextY      float64
	Title      string
}

// GridLine is a vertical guide at 0, 0.5 and 1.
type GridLine struct {
	X     float64
	Label string
}

// Chart geometry, in SVG user units.
const (
	chartLabelW = 74.0
	chartBarW   = 210.0
	chartRight  = 56.0
	curH        = 14.0
	baseH       = 9.0
	rowGap      = 12.0
	chartTop    = 8.0
	chartBottom = 22.0
)

// fmtFig prints a figure as score.py does; nil (0/0) is "–".
func fmtFig(x *float64) string {
	if x == nil {
		return "–"
	}
	return fmt.Sprintf("%.3f", *x)
}

func newChart(table string, cur eval.Figures, base *eval.Figures) Chart {
	c := Chart{Table: table, Cur: cur, Base: base}
	if base != nil && cur.F1 != nil && base.F1 != nil {
		d := *cur.F1 - *base.F1
		c.Delta = fmt.Sprintf("%+.3f", d)
		switch {
		case math.Abs(d) < 0.0005:
			c.Trend, c.Delta = "same", "±0.000"
		case d > 0:
			c.Trend = "up"
		default:
			c.Trend = "down"
		}
	}
	c.Width = int(chartLabelW + chartBarW + chartRight)
	rowH := curH
	if base != nil {
		rowH += baseH + 2
	}
	y := chartTop
	measures := []struct {
		label string
		pick  func(eval.Figures) *float64
	}{
		{"Precision", func(f eval.Figures) *float64 { return f.Precision }},
		{"Recall", func(f eval.Figures) *float64 { return f.Recall }},
		{"F1", func(f eval.Figures) *float64 { return f.F1 }},
	}
	for _, m := range measures {
		row := ChartRow{Label: m.label, LabelY: y + curH/2 + 4}
		addBar := func(v *float64, by, h float64, class, who string) {
			b := Bar{X: chartLabelW, Y: by, H: h, Class: class, Value: fmtFig(v), TextY: by + h/2 + 4}
			b.Title = fmt.Sprintf("%s %s %s: %s", table, who, m.label, b.Value)
			if v != nil {
				b.W = math.Round(math.Max(0, math.Min(1, *v))*chartBarW*10) / 10
			}
			b.TextX = chartLabelW + b.W + 5
			row.Bars = append(row.Bars, b)
		}
		addBar(m.pick(cur), y, curH, "bar cur", "now")
		if base != nil && m.pick(*base) != nil { // a comparison may give F1 alone
			addBar(m.pick(*base), y+curH+2, baseH, "bar base", "baseline")
		}
		c.Rows = append(c.Rows, row)
		y += rowH + rowGap
	}
	c.AxisY = y - rowGap + 2
	y += chartBottom - rowGap
	c.Height = int(math.Ceil(y))
	for _, v := range []float64{0, 0.5, 1} {
		c.Grid = append(c.Grid, GridLine{X: chartLabelW + v*chartBarW, Label: fmt.Sprint(v)})
	}
	return c
}

// NewEval reads the JSON of `plenary eval --json` (score.py's keys). The
// baseline beside the figures is, in order: baselineData when given (a
// baseline file of `plenary eval --save-baseline`, or another eval JSON);
// else the baseline file that the JSON's "comparison" names, when it can be
// read (relative paths are tried from the working directory, then from the
// JSON's folder), for its full figures; else the comparison's own F1
// figures; else a top-level "baseline" object. Without any, the charts have
// no baseline bars.
func NewEval(source string, data, baselineData []byte) (*Eval, error) {
	var res eval.Result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("report: %s is not an eval JSON: %w", source, err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("report: %s: %w", source, err)
	}
	if _, ok := top["tables"]; !ok {
		return nil, fmt.Errorf("report: %s has no \"tables\": not the JSON of plenary eval --json", source)
	}
	e := &Eval{Source: source, Documents: res.Documents, Attribution: res.QuoteAttribution, Warnings: res.Warnings}
	var base *baseline
	if baselineData != nil {
		if base = baselineIn(baselineData, 0); base == nil {
			return nil, fmt.Errorf("report: the baseline holds no per-table figures")
		}
	}
	var cmp comparison
	if raw, ok := top["comparison"]; ok {
		_ = json.Unmarshal(raw, &cmp) // lenient: whatever is readable
		e.Verdict = cmp.verdict()
		e.Changes = changeDocs(cmp.Docs)
		if base == nil && cmp.Baseline != "" {
			base = baselineFile(cmp.Baseline, filepath.Dir(source))
		}
	}
	if base == nil {
		base = baselineFrom(top)
	}
	e.HasBaseline = base != nil
	if base != nil {
		e.BaselineSource = base.source
		if e.BaselineSource == "" {
			e.BaselineSource = cmp.Baseline
		}
		e.BaseAttr = base.attr
		if e.BaseAttr == nil && cmp.AttributionOld != nil {
			e.BaseAttr = &eval.Attribution{Accuracy: cmp.AttributionOld}
		}
	}
	add := func(name string, f eval.Figures) {
		var bf *eval.Figures
		if base != nil {
			if b, ok := base.tables[name]; ok {
				bf = &b
			}
		}
		c := newChart(name, f, bf)
		for _, t := range cmp.Tables {
			if t.Table == name {
				c.Regressed = t.Regressed
			}
		}
		e.Tables = append(e.Tables, c)
	}
	for _, t := range res.Tables {
		add(t.Table, t.Figures)
	}
	if res.QuotesEndToEnd != nil {
		add("quotes end-to-end", *res.QuotesEndToEnd)
	}
	return e, nil
}

// comparison is the part of eval's "comparison" object the report shows.
type comparison struct {
	Baseline       string   `json:"baseline"`
	Tolerance      *float64 `json:"tolerance"`
	AttributionOld *float64 `json:"attribution_old"`
	Tables         []struct {
		Table     string `json:"table"`
		Regressed bool   `json:"regressed"`
	} `json:"tables"`
	Docs          []eval.DocChanges `json:"docs"`
	Regression    *bool             `json:"regression"`
	Reasons       []string          `json:"reasons"`
	NewlyMissed   int               `json:"newly_missed"`
	NewlySpurious int               `json:"newly_spurious"`
	WrongSpeaker  int               `json:"newly_wrong_speaker"`
	NowMatched    int               `json:"now_matched"`
	SpuriousGone  int               `json:"spurious_gone"`
	SpeakerFixed  int               `json:"speaker_fixed"`
}

// Verdict is the comparison's summary: regression or not, and why.
type Verdict struct {
	Regression bool
	Reasons    []string
	Worse      string // "3 newly missed, 1 newly spurious"
	Better     string
}

func (c comparison) verdict() *Verdict {
	if c.Regression == nil {
		return nil
	}
	v := &Verdict{Regression: *c.Regression, Reasons: c.Reasons}
	join := func(parts ...any) string {
		var out []string
		for i := 0; i+1 < len(parts); i += 2 {
			if n := parts[i].(int); n > 0 {
				out = append(out, fmt.Sprintf("%d %s", n, parts[i+1]))
			}
		}
		if len(out) == 0 {
			return "none"
		}
		return strings.Join(out, ", ")
	}
	v.Worse = join(c.NewlyMissed, "newly missed", c.NewlySpurious, "newly spurious", c.WrongSpeaker, "newly wrong speaker")
	v.Better = join(c.NowMatched, "now matched", c.SpuriousGone, "spurious gone", c.SpeakerFixed, "speaker fixed")
	return v
}

// baselineFile reads the baseline a comparison names, if it can.
func baselineFile(path, dir string) *baseline {
	tries := []string{path}
	if !filepath.IsAbs(path) {
		tries = append(tries, filepath.Join(dir, path))
	}
	for _, p := range tries {
		if data, err := os.ReadFile(p); err == nil {
			if b := baselineIn(data, 0); b != nil {
				b.source = path
				return b
			}
		}
	}
	return nil
}

// baseline holds the figures a comparison was made against.
type baseline struct {
	tables map[string]eval.Figures
	attr   *eval.Attribution
	source string
}

// baselineFrom finds baseline figures in an eval JSON. It accepts, under a
// top-level "comparison" or "baseline" key, either a whole result (an object
// with "tables" of figures, as eval --json or --save-baseline write them),
// or such a result nested under "baseline", or a "tables" object whose
// entries hold a "baseline" figures object or "baseline_<measure>" numbers.
// Anything else is no baseline: the report then shows the current figures
// alone.
func baselineFrom(top map[string]json.RawMessage) *baseline {
	for _, key := range []string{"comparison", "baseline"} {
		raw, ok := top[key]
		if !ok {
			continue
		}
		if b := baselineIn(raw, 0); b != nil {
			return b
		}
	}
	return nil
}

func baselineIn(raw json.RawMessage, depth int) *baseline {
	var obj map[string]json.RawMessage
	if depth > 3 || json.Unmarshal(raw, &obj) != nil || obj == nil {
		return nil
	}
	for _, k := range []string{"baseline", "base", "before"} {
		if inner, ok := obj[k]; ok {
			if b := baselineIn(inner, depth+1); b != nil {
				if b.source == "" {
					b.source = sourceOf(obj)
				}
				return b
			}
		}
	}
	tablesRaw, ok := obj["tables"]
	if !ok {
		return nil
	}
	b := &baseline{tables: map[string]eval.Figures{}, source: sourceOf(obj)}
	var tables map[string]json.RawMessage
	if json.Unmarshal(tablesRaw, &tables) != nil {
		// a list of {"table": name, ...}
		var list []map[string]json.RawMessage
		if json.Unmarshal(tablesRaw, &list) != nil {
			return nil
		}
		tables = map[string]json.RawMessage{}
		for _, m := range list {
			var name string
			if json.Unmarshal(m["table"], &name) == nil && name != "" {
				raw, _ := json.Marshal(m)
				tables[name] = raw
			}
		}
	}
	for name, v := range tables {
		if f, ok := tableBaseline(v); ok {
			b.tables[name] = f
		}
	}
	if e2e, ok := obj["quotes_end_to_end"]; ok {
		if f, ok := tableBaseline(e2e); ok {
			b.tables["quotes end-to-end"] = f
		}
	}
	var attr eval.Attribution
	if a, ok := obj["quote_attribution"]; ok && json.Unmarshal(a, &attr) == nil {
		b.attr = &attr
	}
	if len(b.tables) == 0 {
		return nil
	}
	return b
}

// tableBaseline reads one table's baseline figures: a nested "baseline"
// object, "baseline_f1"-style numbers, or (in a whole baseline result) the
// figures themselves.
func tableBaseline(raw json.RawMessage) (eval.Figures, bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return eval.Figures{}, false
	}
	for _, k := range []string{"baseline", "base", "before"} {
		if inner, ok := obj[k]; ok {
			var f eval.Figures
			if json.Unmarshal(inner, &f) == nil && (f.F1 != nil || f.Gold+f.Pred > 0) {
				return f, true
			}
		}
	}
	var f eval.Figures
	// eval's comparison lists {"table", "old", "new", "delta"}: F1 only.
	if v, ok := obj["old"]; ok {
		if _, isDelta := obj["delta"]; isDelta {
			var x *float64
			if json.Unmarshal(v, &x) == nil {
				f.F1 = x
				return f, true
			}
		}
	}
	found := false
	for _, m := range []struct {
		key string
		dst **float64
	}{{"precision", &f.Precision}, {"recall", &f.Recall}, {"f1", &f.F1}} {
		for _, k := range []string{"baseline_" + m.key, m.key + "_baseline", "base_" + m.key} {
			var x *float64
			if v, ok := obj[k]; ok && json.Unmarshal(v, &x) == nil && x != nil {
				*m.dst, found = x, true
				break
			}
		}
	}
	if found {
		return f, true
	}
	_, hasF1 := obj["f1"]
	_, hasGold := obj["gold"]
	if hasF1 && hasGold && json.Unmarshal(raw, &f) == nil {
		return f, true
	}
	return eval.Figures{}, false
}

func sourceOf(obj map[string]json.RawMessage) string {
	for _, k := range []string{"file", "path", "baseline_file", "source"} {
		var s string
		if v, ok := obj[k]; ok && json.Unmarshal(v, &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// SameFigures reports the tables whose F1 in res differs from the charts':
// when the documents were scored anew (the code or the corpus changed since
// the JSON was written), the highlights may not match the figures.
func (e *Eval) SameFigures(res eval.Result) []string {
	var diff []string
	for _, t := range res.Tables {
		for _, c := range e.Tables {
			if c.Table == t.Table && fmtFig(c.Cur.F1) != fmtFig(t.F1) {
				diff = append(diff, fmt.Sprintf("%s (JSON %s, now %s)", t.Table, fmtFig(c.Cur.F1), fmtFig(t.F1)))
			}
		}
	}
	return diff
}

// ChangeDoc is one document's changes since the baseline.
type ChangeDoc struct {
	ID     string
	New    bool // not in the baseline
	Worse  []ChangeItem
	Better []ChangeItem
}

// ChangeItem is one item that changed. Class is the CSS class: "missed"
// (the only red one), "spurious", "wrong-speaker" or "better".
type ChangeItem struct {
	Table   string
	Kind    string // "newly missed", "new gold, missed", "now matched", …
	Label   string
	Class   string
	Context []Node // the sentence with the item marked; nil when not found
}

// changeDocs turns the comparison's per-document changes into the report's
// list: documents with losses first, most losses first, then those with
// gains only, most gains first; ties by id.
func changeDocs(docs []eval.DocChanges) []ChangeDoc {
	var out []ChangeDoc
	for _, d := range docs {
		cd := ChangeDoc{ID: d.ID, New: d.New}
		for _, c := range d.Worse {
			cd.Worse = append(cd.Worse, changeItem(c, false))
		}
		for _, c := range d.Better {
			cd.Better = append(cd.Better, changeItem(c, true))
		}
		if len(cd.Worse)+len(cd.Better) > 0 {
			out = append(out, cd)
		}
	}
	slices.SortStableFunc(out, func(a, b ChangeDoc) int {
		if (len(a.Worse) > 0) != (len(b.Worse) > 0) {
			if len(a.Worse) > 0 {
				return -1
			}
			return 1
		}
		if n := cmp.Compare(len(b.Worse), len(a.Worse)); n != 0 {
			return n
		}
		if n := cmp.Compare(len(b.Better), len(a.Better)); n != 0 {
			return n
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func changeItem(c eval.Change, better bool) ChangeItem {
	it := ChangeItem{Table: c.Table, Kind: c.Kind, Label: c.Label}
	switch {
	case better:
		it.Class = "better"
	case c.Kind == eval.NewlyMissed:
		it.Class = missed
		if c.NewGold {
			it.Kind = "new gold, missed"
		}
	case c.Kind == eval.NewlySpurious:
		it.Class = spurious
	default:
		it.Class = "wrong-speaker"
	}
	if c.Context != "" {
		it.Context = contextNodes(c.Context, it.Class)
	}
	return it
}

// contextNodes renders a context sentence, whose item eval marks
// [[like this]], with the item highlighted.
func contextNodes(ctx, class string) []Node {
	i := strings.Index(ctx, "[[")
	j := strings.LastIndex(ctx, "]]")
	if i < 0 || j < i+2 {
		return []Node{{Text: ctx}}
	}
	nodes := []Node{{Text: ctx[:i]}, {Mark: true, Class: "hl ctx " + class, First: true, Kids: []Node{{Text: ctx[i+2 : j]}}}, {Text: ctx[j+2:]}}
	return nodes
}
