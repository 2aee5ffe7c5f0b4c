// Package annot is the annotated document the stages share: the document,
// and the layers the stages write on it in order — tokens (segment),
// mentions and titles (entities), roles, dates, quotes — each written once
// and read by the stages after it. A stage is a Pass that declares the
// layers it Requires and Provides (doc.Layer), as go/analysis passes
// declare Requires and ResultOf; Check verifies an ordering at start-up
// and Apply verifies each pass at run time, so a stage that reads a layer
// not yet written, or forgets one it promised, fails with a clear error
// instead of reading empty data.
//
// The layers hold the types of pipeline/doc (and segment's tokens), so that
// every stage package may take an *annot.Doc without importing another
// stage. Items refer to each other by ID (a mention's EntityID, a role's
// PersonID) or, in the titles layer, by index into the mentions layer.
//
// Reading a layer before it is written is a bug in the pipeline's wiring,
// not in the input: the accessor panics, and extract turns the panic into
// the document's error row.
package annot

import (
	"fmt"
	"sort"

	"plenary/pipeline/budget"
	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

// Mentions is the mentions layer: the entities and every mention of them.
type Mentions struct {
	People        []doc.Person
	Organizations []doc.Organization
	Locations     []doc.Location
	Mentions      []doc.Mention // ordered by Start
	// Tokens is, per mention, the tokens it covers (IndexMentions): the
	// one map from mentions onto the tokens layer, made once when the
	// mentions are final, so no stage after maps them again.
	Tokens []TokenRange
}

// TokenRange is the tokens a mention covers. [First, End) are the tokens
// that start inside its span; Whole <= End stops at the first of them
// that runs past the span's end (a possessive cut off a name: "Senate" in
// "Senate’s"), so [First, Whole) are the tokens wholly inside.
type TokenRange struct{ First, Whole, End int32 }

// IndexMentions maps every mention of ms onto the tokens of d.
func IndexMentions(d *segment.Doc, ms []doc.Mention) []TokenRange {
	if len(ms) == 0 {
		return nil
	}
	toks := d.Tokens
	out := make([]TokenRange, len(ms))
	for i, m := range ms {
		a := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= m.Start })
		w := a
		for w < len(toks) && toks[w].End <= m.End {
			w++
		}
		e := a
		for e < len(toks) && toks[e].Start < m.End {
			e++
		}
		out[i] = TokenRange{int32(a), int32(w), int32(e)}
	}
	return out
}

// Dates is the dates layer: the dates and their mentions.
type Dates struct {
	Dates    []doc.Date
	Mentions []doc.Mention
}

// Doc is one document and its layers. The zero value is not usable: New
// makes one. A Doc belongs to one goroutine.
type Doc struct {
	Doc    doc.Doc
	Trace  *rules.Trace   // nil: no trace of the rules' decisions
	Budget *budget.Budget // nil: never stops

	have     uint16 // bit(l) for every layer written
	tokens   *segment.Doc
	mentions Mentions
	titles   []doc.Title
	roles    []doc.Role
	dates    Dates
	quotes   []doc.Quote
}

// New starts the annotation of d: only its text layer is there.
func New(d doc.Doc, tr *rules.Trace, b *budget.Budget) *Doc {
	return &Doc{Doc: d, Trace: tr, Budget: b, have: bit(doc.LayerText)}
}

// bit is layer l's bit in Doc.have (a bit set, not a map: no allocation
// per document); a layer pipeline/doc does not name has none.
func bit(l doc.Layer) uint16 {
	switch l {
	case doc.LayerText:
		return 1 << 0
	case doc.LayerTokens:
		return 1 << 1
	case doc.LayerMentions:
		return 1 << 2
	case doc.LayerTitles:
		return 1 << 3
	case doc.LayerRoles:
		return 1 << 4
	case doc.LayerDates:
		return 1 << 5
	case doc.LayerQuotes:
		return 1 << 6
	}
	return 0
}

// Has reports whether layer l is written.
func (d *Doc) Has(l doc.Layer) bool { return d.have&bit(l) != 0 }

func (d *Doc) need(l doc.Layer) {
	if !d.Has(l) {
		panic(fmt.Sprintf("annot: layer %q read before a stage wrote it", l))
	}
}

func (d *Doc) set(l doc.Layer) {
	if d.Has(l) {
		panic(fmt.Sprintf("annot: layer %q written twice", l))
	}
	d.have |= bit(l)
}

// Tokens is the tokens layer: paragraphs, sentences, tokens with their
// lower-cased forms and flags.
func (d *Doc) Tokens() *segment.Doc { d.need(doc.LayerTokens); return d.tokens }

// Mentions is the mentions layer.
func (d *Doc) Mentions() Mentions { d.need(doc.LayerMentions); return d.mentions }

// Titles is the titles layer: title phrases, linked to holders and bodies
// by index into the mentions layer's People and Organizations.
func (d *Doc) Titles() []doc.Title { d.need(doc.LayerTitles); return d.titles }

// Roles is the roles layer.
func (d *Doc) Roles() []doc.Role { d.need(doc.LayerRoles); return d.roles }

// Dates is the dates layer.
func (d *Doc) Dates() Dates { d.need(doc.LayerDates); return d.dates }

// Quotes is the quotes layer.
func (d *Doc) Quotes() []doc.Quote { d.need(doc.LayerQuotes); return d.quotes }

// SetTokens writes the tokens layer (once).
func (d *Doc) SetTokens(t *segment.Doc) { d.set(doc.LayerTokens); d.tokens = t }

// SetMentions writes the mentions layer (once), indexing the mentions on
// the tokens unless m comes with its index.
func (d *Doc) SetMentions(m Mentions) {
	d.set(doc.LayerMentions)
	if len(m.Tokens) != len(m.Mentions) && d.Has(doc.LayerTokens) {
		m.Tokens = IndexMentions(d.tokens, m.Mentions)
	}
	d.mentions = m
}

// SetTitles writes the titles layer (once).
func (d *Doc) SetTitles(t []doc.Title) { d.set(doc.LayerTitles); d.titles = t }

// SetRoles writes the roles layer (once).
func (d *Doc) SetRoles(r []doc.Role) { d.set(doc.LayerRoles); d.roles = r }

// SetDates writes the dates layer (once).
func (d *Doc) SetDates(x Dates) { d.set(doc.LayerDates); d.dates = x }

// SetQuotes writes the quotes layer (once).
func (d *Doc) SetQuotes(q []doc.Quote) { d.set(doc.LayerQuotes); d.quotes = q }

// Pass is one stage run over the annotated document.
type Pass struct {
	Name               string
	Requires, Provides []doc.Layer
	Run                func(*Doc) error
}

// Check reports a pass that requires a layer no pass before it provides,
// or a layer two passes provide: a reordered or rewired pipeline fails at
// start-up, not with wrong tables.
func Check(ps []Pass) error {
	have := map[doc.Layer]string{doc.LayerText: "ingest"}
	for _, p := range ps {
		for _, l := range p.Requires {
			if _, ok := have[l]; !ok {
				return fmt.Errorf("annot: stage %s requires layer %q, which no stage before it provides", p.Name, l)
			}
		}
		for _, l := range p.Provides {
			if by, ok := have[l]; ok {
				return fmt.Errorf("annot: stages %s and %s both provide layer %q", by, p.Name, l)
			}
			have[l] = p.Name
		}
	}
	return nil
}

// Apply runs p over d: its required layers must be there, and every layer
// it provides must be written when it returns.
func (p Pass) Apply(d *Doc) error {
	for _, l := range p.Requires {
		if !d.Has(l) {
			return fmt.Errorf("stage %s: layer %q is not written yet", p.Name, l)
		}
	}
	if err := p.Run(d); err != nil {
		return err
	}
	for _, l := range p.Provides {
		if !d.Has(l) {
			return fmt.Errorf("stage %s: did not write layer %q", p.Name, l)
		}
	}
	return nil
}
