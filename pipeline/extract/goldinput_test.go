package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"plenary/pipeline/doc"
	"plenary/pipeline/eval"
	"plenary/pipeline/quotes"
	"plenary/pipeline/segment"
)

// goldQuotes runs only the quote stage over a document whose people,
// organizations, locations and roles are the gold file's: the mentions are
// every word-bounded occurrence of a gold name or alias (longest first, no
// overlap), the way the entity stage would report them. Its figures are
// what attribution reaches when entities and roles are right, an upper
// bound of the whole pipeline's (PLENARY_GOLD_ENTITIES in TestCorpus).
func (e *Extractor) goldQuotes(sd *segment.Doc, g eval.Prediction) []doc.Quote {
	in := quotes.Input{Seg: sd}
	type form struct {
		id, typ string
		form    []rune
	}
	var forms []form
	add := func(id, typ string, names ...string) {
		for _, n := range names {
			if n = strings.TrimSpace(n); n != "" {
				forms = append(forms, form{id, typ, []rune(n)})
			}
		}
	}
	for i, p := range g.People {
		id := fmt.Sprintf("p%d", i+1)
		in.People = append(in.People, doc.Person{ID: id, Name: p.Name, Aliases: p.Aliases})
		add(id, doc.TypePerson, append([]string{p.Name}, p.Aliases...)...)
	}
	for i, o := range g.Organizations {
		id := fmt.Sprintf("o%d", i+1)
		in.Orgs = append(in.Orgs, doc.Organization{ID: id, Name: o.Name, Aliases: o.Aliases})
		add(id, doc.TypeOrganization, append([]string{o.Name}, o.Aliases...)...)
	}
	for i, l := range g.Locations {
		add(fmt.Sprintf("l%d", i+1), doc.TypeLocation, append([]string{l.Name}, l.Aliases...)...)
	}
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].form) > len(forms[j].form) })
	taken := make([]bool, len(sd.Runes))
	for _, f := range forms {
		for _, at := range wordOccurrences(sd.Runes, f.form) {
			if anyTaken(taken[at : at+len(f.form)]) {
				continue
			}
			for k := at; k < at+len(f.form); k++ {
				taken[k] = true
			}
			in.Mentions = append(in.Mentions, doc.Mention{EntityID: f.id, EntityType: f.typ, Text: string(f.form),
				Span: doc.Span{Start: at, End: at + len(f.form)}, Sentence: sd.SentenceOf(at)})
		}
	}
	sort.SliceStable(in.Mentions, func(i, j int) bool { return in.Mentions[i].Start < in.Mentions[j].Start })
	for i, p := range g.People {
		for _, r := range p.Roles {
			rr := doc.Role{PersonID: fmt.Sprintf("p%d", i+1), PersonName: p.Name, Title: r.Title}
			if r.Org != nil {
				rr.OrgName = *r.Org
				for j, o := range g.Organizations {
					if strings.EqualFold(o.Name, rr.OrgName) {
						rr.OrgID = fmt.Sprintf("o%d", j+1)
					}
				}
			}
			if at := wordOccurrences(sd.Runes, []rune(r.Title)); len(at) > 0 {
				rr.Span = doc.Span{Start: at[0], End: at[0] + len([]rune(r.Title))}
			}
			in.Roles = append(in.Roles, rr)
		}
	}
	return e.quotes.Find(in)
}

func anyTaken(t []bool) bool {
	for _, b := range t {
		if b {
			return true
		}
	}
	return false
}

// wordOccurrences finds the word-bounded occurrences of f in rs.
func wordOccurrences(rs, f []rune) []int {
	var out []int
	alnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; len(f) > 0 && i+len(f) <= len(rs); i++ {
		if string(rs[i:i+len(f)]) != string(f) {
			continue
		}
		if i > 0 && alnum(rs[i-1]) || i+len(f) < len(rs) && alnum(rs[i+len(f)]) {
			continue
		}
		out = append(out, i)
	}
	return out
}
