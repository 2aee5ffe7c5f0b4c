package eval

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

func fmtFig(x *float64) string {
	if x == nil {
		return "-"
	}
	return fmt.Sprintf("%.3f", *x)
}

// Render writes the text table of score.py's render for r, line for line.
func Render(w io.Writer, r Result) error {
	var lines []string
	add := func(format string, a ...any) { lines = append(lines, fmt.Sprintf(format, a...)) }
	quotes := false
	for _, t := range r.Scope {
		quotes = quotes || t == "quotes"
	}
	add("documents: %d (without prediction: %d)", r.Documents, len(r.DocumentsWithoutPrediction))
	head := fmt.Sprintf("%-20s %6s %6s %8s %7s %7s %7s", "table", "gold", "pred", "matched", "P", "R", "F1")
	lines = append(lines, head, strings.Repeat("-", len(head)))
	row := func(name string, f Figures) {
		add("%-20s %6d %6d %8d %7s %7s %7s", name, f.Gold, f.Pred, f.Matched, fmtFig(f.Precision), fmtFig(f.Recall), fmtFig(f.F1))
	}
	for _, t := range r.Scope {
		f, _ := r.Table(t)
		row(t, f)
	}
	if quotes {
		var e Figures
		if r.QuotesEndToEnd != nil {
			e = *r.QuotesEndToEnd
		}
		row("quotes end-to-end", e)
		var a Attribution
		if r.QuoteAttribution != nil {
			a = *r.QuoteAttribution
		}
		add("quote attribution accuracy: %s (%d/%d matched gold quotes with a speaker)", fmtFig(a.Accuracy), a.Correct, a.Total)
	}
	if r.PerDoc != nil {
		names := append([]string{}, r.Scope...)
		if quotes {
			names = append(names, "e2e")
		}
		lines = append(lines, "")
		add("per-document F1 (%s):", strings.Join(names, " "))
		// score.py's id column is 40 wide; a longer id widens it for every
		// row, so the figures stay in columns.
		idW := 40
		for _, d := range r.PerDoc {
			idW = max(idW, utf8.RuneCountInString(d.ID))
		}
		for _, d := range r.PerDoc {
			var cells []string
			for _, t := range r.Scope {
				var f *float64
				for _, tf := range d.Tables {
					if tf.Table == t {
						f = tf.F1
					}
				}
				cells = append(cells, fmt.Sprintf("%6s", fmtFig(f)))
			}
			if quotes {
				var f *float64
				if d.QuotesEndToEnd != nil {
					f = d.QuotesEndToEnd.F1
				}
				cells = append(cells, fmt.Sprintf("%6s", fmtFig(f)))
			}
			note := ""
			if !d.Predicted {
				note = "  (no prediction)"
			}
			add("  %s %s%s", d.ID+strings.Repeat(" ", idW-utf8.RuneCountInString(d.ID)), strings.Join(cells, " "), note)
		}
	}
	if r.HasErrors {
		for _, t := range r.Scope {
			for _, e := range r.Errors {
				if e.Table != t {
					continue
				}
				kinds := []struct {
					name  string
					items []string
					total int
				}{{"missed", e.Missed, e.MissedTotal}, {"spurious", e.Spurious, e.SpuriousTotal}}
				if t == "quotes" {
					kinds = append(kinds, struct {
						name  string
						items []string
						total int
					}{"wrong speaker", e.WrongSpeaker, e.WrongSpeakerTotal})
				}
				for _, k := range kinds {
					if len(k.items) == 0 {
						continue
					}
					lines = append(lines, "")
					add("%s %s: %d (%d shown)", t, k.name, k.total, len(k.items))
					for _, s := range k.items {
						lines = append(lines, "  "+s)
					}
				}
			}
		}
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}
