package run

import (
	"fmt"
	"iter"
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
// The step runs when the workers are done, so the spill is decoded, and the
// persons' rows are made, a batch ahead on the otherwise idle core.
func (p *persons) finish(set *tables.Set) error {
	if err := p.spill.Close(); err != nil {
		return err
	}
	defer os.Remove(p.path)
	reg, err := p.rv.Resolve(ahead(registry.ReadSpill(p.path)))
	if err != nil {
		return err
	}
	i := 0
	var people []doc.Person
	for d, err := range ahead(registry.ReadSpill(p.path)) {
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
	for r, err := range ahead(registryRows(reg)) {
		if err != nil {
			return err
		}
		if r.person != nil {
			err = set.AddPerson(*r.person)
		} else {
			err = set.AddRoleSpan(*r.span)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// registryRow is a persons row or a role_timeline row.
type registryRow struct {
	person *doc.RegistryPerson
	span   *doc.RoleSpan
}

// registryRows yields every persons row, then every role_timeline row.
func registryRows(reg *registry.Registry) iter.Seq2[registryRow, error] {
	return func(yield func(registryRow, error) bool) {
		for q := range reg.Persons() {
			if !yield(registryRow{person: &q}, nil) {
				return
			}
		}
		for r := range reg.Timeline() {
			if !yield(registryRow{span: &r}, nil) {
				return
			}
		}
	}
}

// ahead runs seq on a goroutine of its own, a few batches ahead of the
// consumer. A consumer that stops early stops the goroutine too.
func ahead[T any](seq iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		type batch struct {
			items []T
			err   error
		}
		ch := make(chan batch, 4)
		done := make(chan struct{})
		defer close(done)
		go func() {
			defer close(ch)
			send := func(b batch) bool {
				select {
				case ch <- b:
					return true
				case <-done:
					return false
				}
			}
			var items []T
			for x, err := range seq {
				if err != nil {
					send(batch{items, err})
					return
				}
				if items = append(items, x); len(items) == 256 {
					if !send(batch{items: items}) {
						return
					}
					items = nil
				}
			}
			if len(items) > 0 {
				send(batch{items: items})
			}
		}()
		for b := range ch {
			for _, x := range b.items {
				if !yield(x, nil) {
					return
				}
			}
			if b.err != nil {
				var zero T
				yield(zero, b.err)
				return
			}
		}
	}
}
