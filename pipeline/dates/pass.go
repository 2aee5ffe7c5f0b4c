package dates

import "plenary/pipeline/annot"

// Pass is the stage as a pass over the annotated document: it reads the
// text (its own scanner finds dates in the raw text, across what segment
// splits into tokens: "05/06/2022", "2021-2023") and writes the dates layer.
func (f *Finder) Pass() annot.Pass {
	return annot.Pass{Name: "dates", Requires: Requires, Provides: Provides, Run: f.annotate}
}

func (f *Finder) annotate(d *annot.Doc) error {
	r := f.FindBudget(d.Doc.Text, d.Doc.Published, d.Trace, d.Budget)
	d.SetDates(annot.Dates{Dates: r.Dates, Mentions: r.Mentions})
	return nil
}
