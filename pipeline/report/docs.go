package report

import (
	"fmt"
	"strings"

	"plenary/pipeline/eval"
)

// DocInput is one gold document as the report needs it: its text, its gold
// items, the prediction (nil when there was none) and what the scorer made
// of them (eval.Result.Details).
type DocInput struct {
	ID     string
	Text   string
	Gold   eval.Prediction
	Pred   *eval.Prediction
	Detail eval.DocDetail
}

// DocView is one document of an eval report: the text as highlight nodes and
// every item of every scored table with what happened to it.
type DocView struct {
	ID        string
	Predicted bool
	Nodes     []Node
	Matched   int
	Missed    int
	Spurious  int
	Items     []ItemView
	Unfound   int // items searched for but not found in the text
}

// ItemView is one item in a document's list: Status is matched, missed or
// spurious; Found counts its highlights (-1: roles, which are listed only).
type ItemView struct {
	Table  string
	Status string
	Label  string
	Note   string // "predicted as …", or the wrong speaker of a matched quote
	Wrong  bool   // Note is a wrong speaker
	Found  int
}

// Status names, also the CSS classes.
const (
	matched  = "matched"
	missed   = "missed"
	spurious = "spurious"
)

// NewDocView finds every gold and predicted item of a document in its text.
// Matched items are highlighted as both gold and predicted, missed ones as
// gold only, spurious ones as predicted only. People, organizations and
// locations are found by their name and aliases, dates by their text as
// written, quotes by their text; roles are listed but not highlighted (a
// title alone, like "head", would light up every use of the word).
func NewDocView(in DocInput) DocView {
	v := DocView{ID: in.ID, Predicted: in.Detail.Predicted}
	h := newHaystack(in.Text)
	var spans []Span
	for _, td := range in.Detail.Tables {
		wrong := map[string]bool{}
		for _, m := range td.WrongSpeaker {
			wrong[m.Gold.Text] = true
		}
		add := func(status string, gold, pred *eval.Item) {
			it := gold
			if it == nil {
				it = pred
			}
			iv := ItemView{Table: td.Table, Status: status, Label: label(td.Table, *it)}
			if gold != nil && pred != nil && label(td.Table, *pred) != iv.Label {
				iv.Note = "predicted as " + label(td.Table, *pred)
			}
			if td.Table == "quotes" && gold != nil && pred != nil && wrong[gold.Text] {
				iv.Note = fmt.Sprintf("wrong speaker: gold %s, predicted %s", speaker(gold.Speaker), speaker(pred.Speaker))
				iv.Wrong = true
			}
			var occ [][2]int
			switch td.Table {
			case "roles":
				iv.Found = -1
			case "quotes":
				for _, x := range []*eval.Item{gold, pred} {
					if x != nil {
						occ = append(occ, h.findQuote(x.Text)...)
					}
				}
			case "dates":
				for _, x := range []*eval.Item{gold, pred} {
					if x != nil {
						occ = append(occ, h.find(x.Text, true)...)
					}
				}
			default:
				if gold != nil {
					for _, f := range forms(td.Table, gold.Name, &in.Gold) {
						occ = append(occ, h.find(f, true)...)
					}
				}
				if pred != nil {
					for _, f := range forms(td.Table, pred.Name, in.Pred) {
						occ = append(occ, h.find(f, true)...)
					}
				}
			}
			if iv.Found >= 0 {
				occ = pick(occ)
				iv.Found = len(occ)
				if iv.Found == 0 {
					v.Unfound++
				}
				class := "hl t-" + td.Table + " " + status
				switch status {
				case matched:
					class += " gold pred"
				case missed:
					class += " gold"
				case spurious:
					class += " pred"
				}
				if iv.Note != "" && td.Table == "quotes" {
					class += " wrong-speaker"
				}
				title := td.Table + " · " + status + ": " + iv.Label
				if iv.Note != "" {
					title += " (" + iv.Note + ")"
				}
				for _, o := range occ {
					spans = append(spans, Span{Start: o[0], End: o[1], Class: class, Title: title})
				}
			}
			v.Items = append(v.Items, iv)
		}
		for i := range td.Matched {
			add(matched, &td.Matched[i].Gold, &td.Matched[i].Pred)
			v.Matched++
		}
		for i := range td.Missed {
			add(missed, &td.Missed[i], nil)
			v.Missed++
		}
		for i := range td.Spurious {
			add(spurious, nil, &td.Spurious[i])
			v.Spurious++
		}
	}
	v.Nodes = nest([]rune(in.Text), spans)
	return v
}

// forms are the surface forms to search for a name: the name and the aliases
// the gold or prediction lists for it.
func forms(table, name string, p *eval.Prediction) []string {
	out := []string{name}
	if p == nil {
		return out
	}
	switch table {
	case "people":
		for _, x := range p.People {
			if x.Name == name {
				return append(out, x.Aliases...)
			}
		}
	case "organizations":
		for _, x := range p.Organizations {
			if x.Name == name {
				return append(out, x.Aliases...)
			}
		}
	case "locations":
		for _, x := range p.Locations {
			if x.Name == name {
				return append(out, x.Aliases...)
			}
		}
	}
	return out
}

func speaker(s *string) string {
	if s == nil || strings.TrimSpace(*s) == "" {
		return "none"
	}
	return *s
}

// label is how an item is listed: the scorer's label, except quotes, whose
// label is Python's repr; they show as the words and the speaker.
func label(table string, it eval.Item) string {
	if table != "quotes" {
		return it.Label
	}
	t := []rune(it.Text)
	text := it.Text
	if len(t) > 110 {
		text = string(t[:107]) + "…"
	}
	return "“" + text + "” — " + speaker(it.Speaker)
}
