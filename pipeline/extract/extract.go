// Package extract is the pure middle of plenary: one document in, all its
// records out. It runs the stages in order — segment, entities, roles, dates,
// quotes — and assembles a doc.Extraction. No I/O happens here, so the same
// function serves `plenary run` (one call per worker), `plenary eval`, tests
// and any sharded runner.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"unicode/utf8"

	"plenary/pipeline/dates"
	"plenary/pipeline/doc"
	"plenary/pipeline/entities"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/quotes"
	"plenary/pipeline/roles"
	"plenary/pipeline/segment"
)

// Extractor holds what every document shares: the lexicon and the models,
// loaded once. It is read-only after New and safe for concurrent use.
type Extractor struct {
	lex  *lexicon.Lexicon
	seg  *segment.Segmenter
	ents *entities.Finder
}

// New builds an Extractor from a loaded lexicon.
func New(lx *lexicon.Lexicon) (*Extractor, error) {
	sg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("extract: segmenter: %w", err)
	}
	return &Extractor{lex: lx, seg: sg, ents: entities.New(lx)}, nil
}

// Extract runs every stage over d. It does not fail on odd text (that is
// ingest's job); an error means a stage broke, and the caller records it.
func (e *Extractor) Extract(d doc.Doc) (x doc.Extraction, err error) {
	defer func() {
		// A bug in a stage must cost one document, not the batch.
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: internal error: %v", d.ID, r)
		}
	}()
	if !utf8.ValidString(d.Text) {
		return x, fmt.Errorf("extract %s: text is not valid UTF-8", d.ID)
	}
	sd := e.seg.Segment(d.Text)
	ents := e.ents.Find(sd)
	rl := roles.Find(sd, ents, e.lex)
	dt := dates.Find(d.Text, d.Published, e.lex)
	qs := quotes.Find(quotes.Input{
		Seg:      sd,
		People:   ents.People,
		Mentions: ents.Mentions,
		Roles:    rl,
		Orgs:     ents.Organizations,
		Lex:      e.lex,
	})

	sum := sha256.Sum256([]byte(d.Text))
	x = doc.Extraction{
		Doc: d,
		Stats: doc.Stats{
			NChars:     len(sd.Runes),
			NSentences: len(sd.Sentences),
			NTokens:    len(sd.Tokens),
			SHA256:     hex.EncodeToString(sum[:]),
		},
		People:        ents.People,
		Organizations: ents.Organizations,
		Locations:     ents.Locations,
		Roles:         rl,
		Dates:         dt.Dates,
		Quotes:        qs,
	}
	ms := make([]doc.Mention, 0, len(ents.Mentions)+len(dt.Mentions))
	ms = append(ms, ents.Mentions...)
	for _, m := range dt.Mentions {
		m.Sentence = sd.SentenceOf(m.Start)
		ms = append(ms, m)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		if ms[i].End != ms[j].End {
			return ms[i].End < ms[j].End
		}
		return ms[i].EntityID < ms[j].EntityID
	})
	x.Mentions = ms
	sortByStart(x.Roles, func(r doc.Role) (int, string) { return r.Start, r.PersonID + "\x00" + r.Title + "\x00" + r.OrgName })
	return x, nil
}

// sortByStart orders rows by start offset, ties broken by a stable key, so
// the tables are ordered by (doc_id, start) as the contract says.
func sortByStart[T any](rows []T, key func(T) (int, string)) {
	sort.SliceStable(rows, func(i, j int) bool {
		si, ki := key(rows[i])
		sj, kj := key(rows[j])
		if si != sj {
			return si < sj
		}
		return ki < kj
	})
}
