package roles

import (
	"plenary/pipeline/annot"
	"plenary/pipeline/entities"
)

// Pass is the stage as a pass over the annotated document: it reads the
// tokens, mentions and titles layers and writes the roles layer.
func (f *Finder) Pass() annot.Pass {
	return annot.Pass{Name: "roles", Requires: Requires, Provides: Provides, Run: f.annotate}
}

func (f *Finder) annotate(d *annot.Doc) error {
	d.SetRoles(f.FindTrace(d.Tokens(), entities.ResultOf(d), d.Trace))
	return nil
}
