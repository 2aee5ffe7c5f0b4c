package entities

import "plenary/pipeline/annot"

// Pass is the stage as a pass over the annotated document: it reads the
// tokens layer and writes the mentions and titles layers.
func (f *Finder) Pass() annot.Pass {
	return annot.Pass{Name: "entities", Requires: Requires, Provides: Provides, Run: f.annotate}
}

func (f *Finder) annotate(d *annot.Doc) error {
	res := f.FindTrace(d.Tokens(), d.Trace)
	d.SetMentions(annot.Mentions{People: res.People, Organizations: res.Organizations, Locations: res.Locations, Mentions: res.Mentions, Tokens: res.MentionTokens})
	d.SetTitles(res.Titles)
	return nil
}

// ResultOf is the mentions and titles layers of d as a Result.
func ResultOf(d *annot.Doc) Result {
	m := d.Mentions()
	return Result{People: m.People, Organizations: m.Organizations, Locations: m.Locations, Mentions: m.Mentions, MentionTokens: m.Tokens, Titles: d.Titles()}
}
