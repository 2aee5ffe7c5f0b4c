// Package registry finds the real persons behind the people of many
// documents: one man written "Serikbol Amanzholov", "SERIKBOL AMANJOLOV",
// "S. Amanzholov" and "Amanzholov S.K." in four reports is one person, while
// "Bill Clinton" and "Hillary Clinton", or two "A. Seitkali" with nothing in
// common, stay apart.
//
// It is a whole-run step (a reduce), never part of the per-document Extract:
// in comes a stream of DocPeople, one per document, in any order (the run
// feeds them from what it writes, --resume from the checkpoint's records
// through the same path, a sharded run's finalize step from the shards'
// tables); out comes a Registry: a person_uid for every document's person,
// the persons table (one row per real person) and the role timeline. The
// result depends only on the set of documents, not on their order or on how
// many workers or shards extracted them.
//
// Matching works on keys, never on all pairs: every written name is taken
// apart once (honorifics, initials, particles, suffixes; rules NAME-*) and
// folded to a phonetic key by the data in lexicon/data/translit.txt and
// given_variants.txt; names with equal keys merge, and looser matches
// (a name with fewer parts, initials, a surname alone, one letter
// misspelled) are looked for only among names sharing a word, and need a
// unique candidate or evidence: a shared title, organization or co-occurring
// person. rules.go lists every rule in the order it applies; each merge
// records the rule that made it, shown in the persons table's evidence.
//
// Whole-run steps feed it as they can: plenary run from a spill file its
// collector writes (CreateSpill, ReadSpill), so --resume's reused documents
// come the same way; a finalize over the outputs of N shards can concatenate
// the shards' spills, or build DocPeople from their people, roles and
// documents tables (the gender of a person is then unknown, which only
// weakens BLOCK-GENDER), and write each document's person_uids from
// Registry.UIDsOf.
//
// Memory is a few tens of bytes per document person plus one entry per
// distinct written name and word (a million document persons fit in well
// under 200 MB); time is near-linear in the number of document persons.
package registry

import (
	"fmt"
	"iter"
	"time"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
)

// Person is one person of one document, as the registry reads it.
type Person struct {
	ID       string   // person_id in the document ("p3")
	Name     string   // the document's fullest form
	Aliases  []string // the document's other forms
	Gender   string   // "m", "f" or "" (from pronouns and honorifics)
	Mentions int
	Start    int // first mention (code points), carried for the people table
	End      int
	Roles    []Role
}

// Role is one position a document gives a person.
type Role struct {
	Title string
	Org   string // "" when none
}

// DocPeople is one document's people, the unit of the registry's input.
type DocPeople struct {
	DocID     string
	Published time.Time // zero when unknown
	People    []Person
}

// FromExtraction gives the registry's view of one extracted document.
func FromExtraction(x *doc.Extraction) DocPeople {
	d := DocPeople{DocID: x.Doc.ID, Published: x.Doc.Published, People: make([]Person, len(x.People))}
	at := make(map[string]int, len(x.People))
	for i, p := range x.People {
		d.People[i] = Person{ID: p.ID, Name: p.Name, Aliases: p.Aliases, Gender: p.Gender, Mentions: p.Mentions, Start: p.Start, End: p.End}
		at[p.ID] = i
	}
	for _, r := range x.Roles {
		if i, ok := at[r.PersonID]; ok {
			d.People[i].Roles = append(d.People[i].Roles, Role{Title: r.Title, Org: r.OrgName})
		}
	}
	return d
}

// Resolver holds the matching knowledge; build it once with New. It is
// safe for concurrent use.
type Resolver struct {
	k *knowledge
}

// New prepares the matching knowledge from the lexicon (translit.txt,
// given_variants.txt, name_parts.txt, honorifics.txt, given_names.txt,
// surnames.txt, surname_suffixes.txt); nil means the embedded files.
func New(lx *lexicon.Lexicon) (*Resolver, error) {
	if lx == nil {
		var err error
		if lx, err = lexicon.Embedded(); err != nil {
			return nil, fmt.Errorf("registry: %w", err)
		}
	}
	k, err := newKnowledge(lx)
	if err != nil {
		return nil, err
	}
	return &Resolver{k: k}, nil
}

// Resolve reads every document's people and finds the persons. An error
// from the stream stops it and is returned.
func (rv *Resolver) Resolve(docs iter.Seq2[DocPeople, error]) (*Registry, error) {
	s := newStore(rv.k)
	for d, err := range docs {
		if err != nil {
			return nil, err
		}
		s.add(d)
	}
	// Written names and labels are all read: their lookup maps go.
	s.names.ids, s.labels.ids = nil, nil
	return s.resolve(), nil
}

// ResolveSlice is Resolve over documents already in memory.
func (rv *Resolver) ResolveSlice(docs []DocPeople) *Registry {
	r, _ := rv.Resolve(func(yield func(DocPeople, error) bool) {
		for _, d := range docs {
			if !yield(d, nil) {
				return
			}
		}
	})
	return r
}
