package quotes

import "plenary/pipeline/annot"

// Pass is the stage as a pass over the annotated document: it reads the
// tokens, mentions and roles layers and writes the quotes layer.
func (f *Finder) Pass() annot.Pass {
	return annot.Pass{Name: "quotes", Requires: Requires, Provides: Provides, Run: f.annotate}
}

func (f *Finder) annotate(d *annot.Doc) error {
	m := d.Mentions()
	d.SetQuotes(f.Find(Input{
		Seg:           d.Tokens(),
		People:        m.People,
		Mentions:      m.Mentions,
		MentionTokens: m.Tokens,
		Roles:         d.Roles(),
		Orgs:          m.Organizations,
		Trace:         d.Trace,
	}))
	return nil
}
