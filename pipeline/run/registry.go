package run

import (
	"iter"

	"plenary/pipeline/doc"
	"plenary/pipeline/registry"
)

// The persons registry is the run's whole-run step (a reduce after the
// per-document map): every written document's people go to a spill file in
// the temporary folder as the collector writes them (reused documents of a
// --resume run too, since they pass the same way), and at the end
// (wholeRun, after the per-document tables are closed) the registry
// resolves the spills of every shard into persons, after which the people
// table is written with each person's person_uid, then the persons and
// role_timeline tables.

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
