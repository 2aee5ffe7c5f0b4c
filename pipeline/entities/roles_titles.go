package entities

import (
	"strings"

	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

// Linking every title to its holder happens in this package: within a
// sentence's runs while they are parsed (title.go, link.go: title.link.*,
// whose links org.merge.same-role needs), then, once the document's
// mentions are known, the titles left without a holder (roles_*.go, the
// rules roles/ had: role.link.*, role.title.*, role.ref.*). pipeline/roles
// only turns the linked titles into rows.

// completeTitles links the titles the runs left without a holder, and
// gives Result.Titles what roles reads: titles entities left unheld across
// a lower-case unit ("Head of the legal department of X NAME") are linked
// first, so they neither stay unheld nor resolve to another holder of the
// body; the plural titles of a coordinated subject are added; a title over
// two bodies is followed by its copy in the second body; and a title-only
// reference ("the governor") gets the one holder it stands for (Ref).
func (f *Finder) completeTitles(d *segment.Doc, res Result, tr *rules.Trace) []Title {
	if d == nil || len(res.Titles) == 0 {
		return res.Titles
	}
	titles := append([]Title(nil), res.Titles...)
	lk := newLinker(d, res, f.rw)
	lk.linkAll(titles, f.lx, tr)
	lk.coordinated(titles, tr)
	for _, t := range lk.pluralPredicates(f.lx) {
		tr.Add(rulePluralPredicate, t.Span, res.People[t.Person].Span)
		titles = append(titles, t)
	}
	// which people hold which titles and bodies, for the references
	held := map[int][]Title{}
	out := make([]Title, 0, len(titles))
	for _, t := range titles {
		out = append(out, t)
		if t.Person < 0 {
			continue
		}
		held[t.Person] = append(held[t.Person], t)
		// "President of X and Y": one title in two bodies, two roles
		if o := lk.secondBody(t); o >= 0 {
			t2 := t
			t2.Org, t2.Method = o, ruleSecondBody.ID
			tr.Add(ruleSecondBody, t.Span, res.Organizations[o].Span)
			out = append(out, t2)
			held[t.Person] = append(held[t.Person], t2)
		}
	}
	var hs *holders // built at the first title-only reference
	for i := range out {
		t := &out[i]
		if t.Person >= 0 || lk.namesPost(*t) {
			continue
		}
		// "the Head of State" before "President Nazarbayev" is named: a
		// later holder counts only when no earlier one does
		if hs == nil {
			hs = newHolders(held, res, f.lx, f.rw)
		}
		if p, r := hs.resolve(*t); p >= 0 {
			tr.Add(r, t.Span, res.People[p].Span)
			t.Person, t.Method, t.Ref = p, r.ID, true
		}
	}
	return out
}

// CleanTitle is a title as written, without surrounding spaces; an
// abbreviation keeps its full stop ("Gov.").
func CleanTitle(s string) string {
	return strings.TrimSpace(s)
}
