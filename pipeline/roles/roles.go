// Package roles turns the title phrases pipeline/entities found next to
// names into roles: one row per (person, title, organization), pointing at
// the first statement of it.
//
// In: the segmented document, the entities Result (people, organizations and
// Titles with the person and body each title was attached to) and the
// lexicon. Out: []doc.Role ordered by the title's position.
//
// Titles attached to a name give a role directly. A title-only reference
// ("the Head of State", "the Majilis speaker") gives a role when the text
// resolves it to exactly one person: through the title it stands for
// (titles.txt third field: Head of State -> President) or through the body
// (the only person holding a post in the Majilis).
package roles

import (
	"sort"
	"strings"
	"unicode"

	"plenary/pipeline/budget"
	"plenary/pipeline/doc"
	"plenary/pipeline/entities"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

type key struct {
	person int
	title  string
	org    string
}

// Finder holds the word classes built from a lexicon. It is read-only after
// New, so one Finder serves every worker.
type Finder struct {
	lx *lexicon.Lexicon
	w  *lexWords
}

// New builds a Finder from lx (nil: no lexicon words).
func New(lx *lexicon.Lexicon) *Finder {
	return &Finder{lx: lx, w: wordsOf(lx)}
}

// Find returns the roles of one document. It is New(lx).Find: to find
// roles in many documents, build the Finder once.
func Find(d *segment.Doc, ents entities.Result, lx *lexicon.Lexicon) []doc.Role {
	return New(lx).Find(d, ents)
}

// Find returns the roles of one document.
func (f *Finder) Find(d *segment.Doc, ents entities.Result) []doc.Role {
	return f.FindTrace(d, ents, nil)
}

// FindTrace is Find recording its rules' decisions in tr (nil: none).
func (f *Finder) FindTrace(d *segment.Doc, ents entities.Result, tr *rules.Trace) []doc.Role {
	lx := f.lx
	var out []doc.Role
	seen := map[key]bool{}
	// the (person, title) pairs in seen, whatever the body: a scan of seen
	// for them made many roles quadratic
	titled := map[key]bool{}
	ev := evidence{d: d}
	var bg *budget.Budget // nil: never stops
	if d != nil {
		bg = d.Budget
	}
	// which people hold which titles and bodies, from attached titles
	held := map[int][]entities.Title{}
	add := func(t entities.Title, person int, method string) {
		// the title as written: "PM" and "Gov." stay abbreviated (FORMAT:
		// the position as written); Refers serves only to resolve references
		title := cleanTitle(t.Text)
		if title == "" || person < 0 || person >= len(ents.People) {
			return
		}
		orgID, orgName := "", ""
		if t.Org >= 0 && t.Org < len(ents.Organizations) {
			orgID = ents.Organizations[t.Org].ID
			orgName = ents.Organizations[t.Org].Name
		} else if post, o := entities.MinistryPost(title, ents.Organizations); o >= 0 {
			// FORMAT.md: the portfolio stays in the title only while the
			// ministry is not named as an organization.
			title = post
			orgID, orgName = ents.Organizations[o].ID, ents.Organizations[o].Name
			tr.Note(entities.RuleMinistryNamed, t.Span, ents.Organizations[o].Span, post)
		}
		k := key{person, strings.ToLower(title), orgID}
		if seen[k] {
			return
		}
		// the same title without a body is the same role as with one
		pt := key{person: person, title: k.title}
		if orgID == "" && titled[pt] || orgID != "" && seen[pt] {
			return
		}
		seen[k], titled[pt] = true, true
		p := ents.People[person]
		out = append(out, doc.Role{
			PersonID: p.ID, PersonName: p.Name, Title: title, OrgID: orgID, OrgName: orgName,
			Span: t.Span, Evidence: ev.of(t.Sentence, t.Span), Method: method,
		})
	}
	titles, lk := f.link(d, ents, tr)
	for _, t := range titles {
		if bg.Step() {
			return nil // the caller drops the document
		}
		if t.Person >= 0 {
			add(t, t.Person, t.Method) // the rule that linked it: entities' title.link.* or this stage's role.link.*
			held[t.Person] = append(held[t.Person], t)
			// "President of X and Y": one title in two bodies, two roles
			if o := lk.secondBody(t); o >= 0 {
				t2 := t
				t2.Org = o
				tr.Add(ruleSecondBody, t.Span, ents.Organizations[o].Span)
				add(t2, t.Person, ruleSecondBody.ID)
				held[t.Person] = append(held[t.Person], t2)
			}
		}
	}
	var hs *holders // built at the first title-only reference
	for _, t := range titles {
		if bg.Step() {
			return nil
		}
		if t.Person >= 0 || lk != nil && lk.namesPost(t) {
			continue
		}
		// "the Head of State" before "President Nazarbayev" is named: a
		// later holder counts only when no earlier one does
		if hs == nil {
			hs = newHolders(held, ents, lx, f.w)
		}
		if p, r := hs.resolve(t); p >= 0 {
			tr.Add(r, t.Span, ents.People[p].Span)
			add(t, p, r.ID)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// link completes the titles of entities: titles entities left without a
// holder across a lower-case unit ("Head of the legal department of X
// NAME") are linked here first, so they neither stay unheld nor resolve to
// another holder of the body; plural titles of a coordinated subject are
// added. The linker is nil for a document without titles.
func (f *Finder) link(d *segment.Doc, ents entities.Result, tr *rules.Trace) ([]entities.Title, *linker) {
	if d == nil || len(ents.Titles) == 0 {
		return ents.Titles, nil
	}
	titles := append([]entities.Title(nil), ents.Titles...)
	lk := newLinker(d, ents, f.w)
	lk.linkAll(titles, f.lx, tr)
	for _, t := range lk.pluralPredicates(f.lx) {
		tr.Add(rulePluralPredicate, t.Span, ents.People[t.Person].Span)
		titles = append(titles, t)
	}
	return titles, lk
}

// evidenceMax bounds a role's evidence, in code points. A report's
// sentences are far shorter (the longest of the shared corpus: 622), but a
// page without full stops is one sentence, and every role in it repeated
// all of it: output quadratic in the page's length.
const evidenceMax = 1000

// evidence gives roles their evidence: the sentence stating the role, one
// string per sentence whatever the number of roles in it; in a sentence
// over evidenceMax, the evidenceMax code points around the role, cut at
// spaces and marked with "…".
type evidence struct {
	d     *segment.Doc
	sents map[int]string
}

func (e *evidence) of(i int, role doc.Span) string {
	d := e.d
	if d == nil || i < 0 || i >= len(d.Sentences) {
		return ""
	}
	sp := d.Sentences[i]
	if sp.End-sp.Start > evidenceMax {
		return window(d, sp, role)
	}
	if s, ok := e.sents[i]; ok {
		return s
	}
	if e.sents == nil {
		e.sents = map[int]string{}
	}
	s := d.Slice(sp)
	e.sents[i] = s
	return s
}

// window returns the evidenceMax code points of sentence sp centred on
// role, cut back to whole words.
func window(d *segment.Doc, sp, role doc.Span) string {
	a := max(sp.Start, min(role.Start, (role.Start+role.End-evidenceMax)/2))
	b := min(sp.End, a+evidenceMax)
	a = max(sp.Start, min(a, b-evidenceMax))
	rs := d.Runes
	s := ""
	if a > sp.Start {
		for a < role.Start && !unicode.IsSpace(rs[a]) {
			a++
		}
		s = "…"
	}
	cut := b < sp.End
	if cut {
		for b > role.End && !unicode.IsSpace(rs[b-1]) {
			b--
		}
	}
	s += strings.TrimSpace(string(rs[a:b]))
	if cut {
		s += "…"
	}
	return s
}

// cleanTitle is a title as written, without surrounding spaces; an
// abbreviation keeps its full stop ("Gov.").
func cleanTitle(s string) string {
	return strings.TrimSpace(s)
}

// Requires and Provides are the layers of the annotated document this stage
// reads and writes (see doc.Layer); extract checks their order at start-up.
var (
	Requires = []doc.Layer{doc.LayerTokens, doc.LayerMentions, doc.LayerTitles}
	Provides = []doc.Layer{doc.LayerRoles}
)
