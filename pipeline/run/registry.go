package run

import (
	"fmt"
	"os"
	"path/filepath"

	"plenary/pipeline/doc"
	"plenary/pipeline/registry"
	"plenary/pipeline/tables"
)

// persons is the run's whole-run step (a reduce after the per-document
// map): every written document's people go to a spill file in the
// temporary folder as the collector writes them (reused documents of a
// --resume run too, since they pass the same way), and at the end the
// registry resolves them all into persons, after which the people table is
// written with each person's person_uid, then the persons and role_timeline
// tables.
type persons struct {
	spill *registry.SpillWriter
	path  string
	rv    *registry.Resolver
}

func newPersons(tmp string, rv *registry.Resolver) (*persons, error) {
	if rv == nil {
		var err error
		if rv, err = registry.New(nil); err != nil {
			return nil, err
		}
	}
	// A folder of its own: publish moves only the regular files of tmp.
	dir := filepath.Join(tmp, "registry")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	p := &persons{path: filepath.Join(dir, "people.spill"), rv: rv}
	var err error
	p.spill, err = registry.CreateSpill(p.path)
	return p, err
}

func (p *persons) add(x *doc.Extraction) error { return p.spill.Add(registry.FromExtraction(x)) }

// finish resolves the persons and writes people, persons and role_timeline.
func (p *persons) finish(set *tables.Set) error {
	if err := p.spill.Close(); err != nil {
		return err
	}
	defer os.Remove(p.path)
	reg, err := p.rv.Resolve(registry.ReadSpill(p.path))
	if err != nil {
		return err
	}
	i := 0
	var people []doc.Person
	for d, err := range registry.ReadSpill(p.path) {
		if err != nil {
			return err
		}
		people = people[:0]
		for _, q := range d.People {
			people = append(people, doc.Person{ID: q.ID, Name: q.Name, Aliases: q.Aliases, Mentions: q.Mentions,
				Span: doc.Span{Start: q.Start, End: q.End}})
		}
		if err := set.AddPeople(d.DocID, people, reg.UIDs(i)); err != nil {
			return err
		}
		i++
	}
	for q := range reg.Persons() {
		if err := set.AddPerson(q); err != nil {
			return err
		}
	}
	for r := range reg.Timeline() {
		if err := set.AddRoleSpan(r); err != nil {
			return err
		}
	}
	return nil
}
