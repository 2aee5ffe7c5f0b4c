// Package explain prints one document's extraction together with the
// decisions of the named rules (pipeline/rules) that made it: for each
// extracted item (person, organization, location, date, role, quote), its
// mentions and, in the order they fired, the rules that found, trimmed,
// merged, linked, rejected or attributed the candidates behind it, with
// their spans. It is what `plenary explain` prints.
//
// In: a doc.Extraction made with a trace (extract.ExtractTrace). Out: text.
package explain

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
)

// Options choose what Write prints.
type Options struct {
	// Item restricts the output to one item by ID ("o2", "q2", "p1",
	// "l1", "d1") and prints each rule's doc line under its events.
	Item string
	// Text prints the document's text first, with the offset of each
	// line.
	Text bool
}

// item is one extracted item and where it is mentioned.
type item struct {
	id, table, label string
	details          []string
	spans            []doc.Span
	stages           []string // the stages whose events explain it
}

// Write prints x's items and their rules' decisions to w.
func Write(w io.Writer, x doc.Extraction, opt Options) error {
	p := &printer{w: w, x: x, runes: []rune(x.Doc.Text)}
	items := p.items()
	if opt.Item != "" {
		for _, it := range items {
			if it.id == opt.Item {
				p.header()
				p.item(it, true)
				return p.err
			}
		}
		return fmt.Errorf("explain: no item %q in %s (items: %s)", opt.Item, x.Doc.ID, ids(items))
	}
	p.header()
	if opt.Text {
		p.text()
	}
	for _, it := range items {
		p.item(it, false)
	}
	p.rejected()
	return p.err
}

func ids(items []item) string {
	var s []string
	for _, it := range items {
		s = append(s, it.id)
	}
	return strings.Join(s, " ")
}

type printer struct {
	w     io.Writer
	x     doc.Extraction
	runes []rune
	err   error
}

func (p *printer) printf(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}

func (p *printer) slice(s doc.Span) string {
	if s.Start < 0 || s.End > len(p.runes) || s.Start >= s.End {
		return ""
	}
	return strings.Join(strings.Fields(string(p.runes[s.Start:s.End])), " ")
}

func (p *printer) header() {
	x := p.x
	p.printf("%s: %d characters, %d sentences, %d rule decisions\n", x.Doc.ID, x.Stats.NChars, x.Stats.NSentences, len(x.Trace))
	p.printf("people %d, organizations %d, locations %d, dates %d, roles %d, quotes %d\n",
		len(x.People), len(x.Organizations), len(x.Locations), len(x.Dates), len(x.Roles), len(x.Quotes))
}

func (p *printer) text() {
	p.printf("\n== text ==\n")
	off := 0
	for _, line := range strings.Split(p.x.Doc.Text, "\n") {
		if strings.TrimSpace(line) != "" {
			p.printf("%6d  %s\n", off, line)
		}
		off += len([]rune(line)) + 1
	}
}

// items lists the extraction's items in table order.
func (p *printer) items() []item {
	x := p.x
	byEntity := map[string][]doc.Mention{}
	for _, m := range x.Mentions {
		byEntity[m.EntityID] = append(byEntity[m.EntityID], m)
	}
	ents := []string{rules.StageEntities, rules.StagePolicy}
	// a role's title is linked to its holder by entities' title.link.* or
	// by the role.* rules (roles_*.go in entities): both explain it
	roleStages := []string{rules.StageEntities, rules.StageRoles, rules.StagePolicy}
	var out []item
	entity := func(id, table, name string, aliases []string, extra ...string) {
		it := item{id: id, table: table, label: name, stages: ents}
		if len(aliases) > 0 {
			it.details = append(it.details, "aliases: "+strings.Join(aliases, "; "))
		}
		it.details = append(it.details, extra...)
		for _, m := range byEntity[id] {
			it.spans = append(it.spans, m.Span)
			it.details = append(it.details, fmt.Sprintf("mention %s %q by %s", span(m.Span), m.Text, m.Method))
		}
		out = append(out, it)
	}
	for _, e := range x.People {
		entity(e.ID, "people", e.Name, e.Aliases, "gender: "+or(e.Gender, "unknown"))
	}
	for _, e := range x.Organizations {
		entity(e.ID, "organizations", e.Name, e.Aliases, "acronym: "+or(e.Acronym, "none"))
	}
	for _, e := range x.Locations {
		entity(e.ID, "locations", e.Name, e.Aliases)
	}
	for _, d := range x.Dates {
		it := item{id: d.ID, table: "dates", label: d.Text + " = " + d.Value, stages: []string{rules.StageDates}}
		for _, m := range byEntity[d.ID] {
			it.spans = append(it.spans, m.Span)
			it.details = append(it.details, fmt.Sprintf("mention %s %q by %s", span(m.Span), m.Text, m.Method))
		}
		out = append(out, it)
	}
	for i, r := range x.Roles {
		org := or(r.OrgName, "no body")
		out = append(out, item{id: fmt.Sprintf("r%d", i+1), table: "roles", label: r.PersonName + ": " + r.Title + " (" + org + ")",
			details: []string{"method: " + r.Method, "stated at " + span(r.Span)}, spans: []doc.Span{r.Span}, stages: roleStages})
	}
	for _, q := range x.Quotes {
		sp := or(q.SpeakerName, "no speaker")
		if q.SpeakerID != "" {
			sp += " (" + q.SpeakerID + ")"
		}
		out = append(out, item{id: q.ID, table: "quotes " + q.Kind, label: "“" + clip(q.Text, 100) + "”",
			details: []string{fmt.Sprintf("speaker: %s named by %q; attribution %s, confidence %.2f, cue %q",
				sp, q.SpeakerMention, q.Attribution, q.Confidence, q.Cue), "sieve: " + q.Sieve},
			spans: []doc.Span{q.Span}, stages: []string{rules.StageQuotes}})
	}
	return out
}

func (p *printer) item(it item, docs bool) {
	p.printf("\n== %s %s: %s\n", it.table, it.id, it.label)
	for _, d := range it.details {
		p.printf("   %s\n", d)
	}
	n := 0
	for _, e := range p.x.Trace {
		r, ok := rules.Lookup(e.Rule)
		if !ok || !slices.Contains(it.stages, r.Stage) || !touches(e, it.spans) {
			continue
		}
		if n == 0 {
			p.printf("   rules, in the order they fired:\n")
		}
		n++
		p.event(e, r, docs)
	}
}

// touches reports whether event e's candidate or result overlaps a span.
func touches(e doc.TraceEvent, spans []doc.Span) bool {
	for _, s := range spans {
		if overlap(e.Cand, s) || overlap(e.Out, s) {
			return true
		}
	}
	return false
}

func overlap(a, b doc.Span) bool { return a.End > a.Start && a.Start < b.End && b.Start < a.End }

func (p *printer) event(e doc.TraceEvent, r *rules.Rule, docs bool) {
	line := fmt.Sprintf("     %-8s %-36s %s %q", r.Decision, r.ID, span(e.Cand), clip(p.slice(e.Cand), 70))
	if e.Out.End > e.Out.Start && e.Out != e.Cand {
		line += fmt.Sprintf(" -> %s %q", span(e.Out), clip(p.slice(e.Out), 60))
	}
	if e.Note != "" && !strings.EqualFold(e.Note, p.slice(e.Cand)) {
		line += "  (" + clip(e.Note, 60) + ")"
	}
	p.printf("%s\n", line)
	if docs {
		p.printf("              %s\n", r.Doc)
	}
}

// rejected lists the candidates rules rejected, which are in no table.
func (p *printer) rejected() {
	var rs []doc.TraceEvent
	for _, e := range p.x.Trace {
		if r, ok := rules.Lookup(e.Rule); ok && r.Decision == rules.Reject {
			rs = append(rs, e)
		}
	}
	if len(rs) == 0 {
		return
	}
	slices.SortStableFunc(rs, func(a, b doc.TraceEvent) int { return cmp.Compare(a.Cand.Start, b.Cand.Start) })
	p.printf("\n== rejected candidates\n")
	for _, e := range rs {
		r, _ := rules.Lookup(e.Rule)
		p.event(e, r, false)
	}
}

func span(s doc.Span) string { return fmt.Sprintf("[%d-%d)", s.Start, s.End) }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
