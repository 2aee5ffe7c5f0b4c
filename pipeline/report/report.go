// Package report writes plenary's HTML reports: one self-contained file
// (inline CSS, inline SVG charts, a little inline JavaScript, no network and
// no external assets) that a person opens in a browser.
//
// In: a Run read by ReadRun from an output folder of `plenary run` (row
// counts per table, top people, organizations and speakers, every quote), or
// an Eval made by NewEval from the JSON of `plenary eval --json` (per-table
// precision, recall and F1, with the baseline's when the JSON carries a
// comparison) plus, optionally, one DocView per gold document made by
// NewDocView from its text, gold, prediction and the scorer's details.
// Out: Write renders either as HTML.
//
// Every piece of document text and every name goes through html/template,
// which escapes it for the context it lands in; the page's script only reads
// text from the DOM and never writes markup, so a report whose documents
// contain <script> or <img onerror=…> shows them as text and runs nothing.
package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed report.tmpl
var files embed.FS

var tmpl = template.Must(template.New("report.tmpl").Funcs(template.FuncMap{
	"fig": fmtFig,
	"pct": func(n, max int) int {
		if max <= 0 {
			return 0
		}
		return n * 100 / max
	},
	"maxN": Max,
	"add":  func(a, b int) int { return a + b },
	"topList": func(title, unit string, rows []Top) topList {
		return topList{Title: title, Unit: unit, Rows: rows}
	},
}).ParseFS(files, "report.tmpl"))

// topList is one of the run report's top lists.
type topList struct {
	Title, Unit string
	Rows        []Top
}

// Page is one report: exactly one of Run and Eval is set.
type Page struct {
	Title   string
	Version string // plenary's version, shown in the footer
	Run     *Run
	Eval    *Eval
}

// Write renders the page as one HTML document.
func Write(w io.Writer, p Page) error {
	if (p.Run == nil) == (p.Eval == nil) {
		return fmt.Errorf("report: a page shows either a run or an eval")
	}
	if p.Title == "" {
		p.Title = "plenary report"
	}
	if err := tmpl.Execute(w, p); err != nil {
		return fmt.Errorf("report: render: %w", err)
	}
	return nil
}
