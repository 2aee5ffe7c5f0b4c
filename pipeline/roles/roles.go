// Package roles turns the titles pipeline/entities linked to their holders
// into roles: one row per (person, title, organization), pointing at the
// first statement of it, with the sentence as evidence.
//
// In: the segmented document and the entities Result (people,
// organizations and Titles with the person and body each title was linked
// to). Out: []doc.Role ordered by the title's position.
//
// Every title-to-holder link is made in pipeline/entities (title.link.*
// while it parses a sentence's runs; role.link.*, role.title.* and the
// title-only references' role.ref.* in its roles_*.go files): a linked
// title gives a role directly, a title-only reference ("the Head of
// State", "the Majilis speaker") one when entities resolved it to exactly
// one person (Title.Ref). Here only the FORMAT choice of a named ministry
// (entities.MinistryPost) and the rows' dedup are decided.
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

// Finder makes the rows; one Finder serves every worker.
type Finder struct{}

// New builds a Finder. The lexicon's title words serve entities' linker
// now; the argument keeps the stages' constructors alike.
func New(*lexicon.Lexicon) *Finder { return &Finder{} }

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
	add := func(t entities.Title, person int, method string) {
		// the title as written: "PM" and "Gov." stay abbreviated (FORMAT:
		// the position as written); Refers serves only to resolve references
		title := entities.CleanTitle(t.Text)
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
	// the titles linked to a holder (by entities' title.link.* or
	// role.link.* rules: the rule that linked it is the method), then the
	// title-only references resolved to one (role.ref.*): a reference adds
	// no row a linked title gave
	for _, t := range ents.Titles {
		if bg.Step() {
			return nil // the caller drops the document
		}
		if t.Person >= 0 && !t.Ref {
			add(t, t.Person, t.Method)
		}
	}
	for _, t := range ents.Titles {
		if bg.Step() {
			return nil
		}
		if t.Ref {
			add(t, t.Person, t.Method)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
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

// Requires and Provides are the layers of the annotated document this stage
// reads and writes (see doc.Layer); extract checks their order at start-up.
var (
	Requires = []doc.Layer{doc.LayerTokens, doc.LayerMentions, doc.LayerTitles}
	Provides = []doc.Layer{doc.LayerRoles}
)
