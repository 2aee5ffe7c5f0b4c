package quotes

import (
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"plenary/pipeline/doc"
	"plenary/pipeline/segment"
)

var (
	segOnce sync.Once
	segm    *segment.Segmenter
	segErr  error
)

func segmenter(t testing.TB) *segment.Segmenter {
	segOnce.Do(func() { segm, segErr = segment.New() })
	if segErr != nil {
		t.Fatalf("segment.New: %v", segErr)
	}
	return segm
}

// ent is an entity a test expects the entity stage to hand over.
type ent struct {
	id, typ, name string
	aliases       []string
	gender        string
}

// role is a (person, title, org) a test expects the roles stage to give.
type role struct{ person, title, org string }

// buildInput segments text and locates the given entities' names in it, the
// way an entity stage would report them.
func buildInput(t testing.TB, text string, ents []ent, roles []role) Input {
	sd := segmenter(t).Segment(text)
	in := Input{Seg: sd}
	rs := sd.Runes
	taken := make([]bool, len(rs))
	type form struct {
		e    ent
		form []rune
	}
	var forms []form
	for _, e := range ents {
		for _, f := range append([]string{e.name}, e.aliases...) {
			if f != "" {
				forms = append(forms, form{e, []rune(f)})
			}
		}
		switch e.typ {
		case doc.TypePerson:
			in.People = append(in.People, doc.Person{ID: e.id, Name: e.name, Aliases: e.aliases, Gender: e.gender})
		case doc.TypeOrganization:
			in.Orgs = append(in.Orgs, doc.Organization{ID: e.id, Name: e.name, Aliases: e.aliases})
		}
	}
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].form) > len(forms[j].form) })
	for _, f := range forms {
		for _, at := range findAll(rs, f.form) {
			free := true
			for k := at; k < at+len(f.form); k++ {
				if taken[k] {
					free = false
					break
				}
			}
			if !free {
				continue
			}
			for k := at; k < at+len(f.form); k++ {
				taken[k] = true
			}
			in.Mentions = append(in.Mentions, doc.Mention{EntityID: f.e.id, EntityType: f.e.typ,
				Text: string(f.form), Span: doc.Span{Start: at, End: at + len(f.form)}, Sentence: sd.SentenceOf(at)})
		}
	}
	sort.SliceStable(in.Mentions, func(i, j int) bool { return in.Mentions[i].Start < in.Mentions[j].Start })
	for _, r := range roles {
		rr := doc.Role{PersonID: r.person, Title: r.title, OrgName: r.org}
		for _, e := range ents {
			if e.id == r.person {
				rr.PersonName = e.name
			}
			if e.typ == doc.TypeOrganization && strings.EqualFold(e.name, r.org) {
				rr.OrgID = e.id
			}
		}
		if at := findAll(rs, []rune(r.title)); len(at) > 0 {
			rr.Span = doc.Span{Start: at[0], End: at[0] + len([]rune(r.title))}
		}
		in.Roles = append(in.Roles, rr)
	}
	return in
}

// findAll finds word-bounded occurrences of f in rs.
func findAll(rs, f []rune) []int {
	var out []int
	if len(f) == 0 {
		return nil
	}
	for i := 0; i+len(f) <= len(rs); i++ {
		ok := true
		for k, r := range f {
			if rs[i+k] != r {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if i > 0 && isAlnum(rs[i-1]) || i+len(f) < len(rs) && isAlnum(rs[i+len(f)]) {
			continue
		}
		out = append(out, i)
	}
	return out
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
