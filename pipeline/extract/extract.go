// Package extract is the pure middle of plenary: one document in, all its
// records out. It runs the stages in order — segment, entities, roles, dates,
// quotes — as passes over one annotated document (pipeline/annot), each
// reading the layers the ones before it wrote, and assembles a
// doc.Extraction from the layers. No I/O happens here, so the same
// function serves `plenary run` (one call per worker), `plenary eval`, tests
// and any sharded runner.
package extract

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"plenary/pipeline/annot"
	"plenary/pipeline/budget"
	"plenary/pipeline/dates"
	"plenary/pipeline/doc"
	"plenary/pipeline/entities"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/quotes"
	"plenary/pipeline/roles"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

// Extractor holds what every document shares: the lexicon and the models,
// loaded once. It is read-only after New and safe for concurrent use.
type Extractor struct {
	// Every stage's lexicon tables, built once here and shared (read-only)
	// by the workers.
	seg      *segment.Segmenter
	ents     *entities.Finder
	roles    *roles.Finder
	dates    *dates.Finder
	quotes   *quotes.Finder
	classes  *lexicon.ClassIndex // the lexicon's word classes, tagged on the tokens once
	classBuf sync.Pool           // *[]lexicon.WordClass: a finished document's, reused
	passes   []annot.Pass        // the stages over one annotated document, in order
	// nanoseconds spent in each stage, summed over every document and
	// worker: cheap enough to keep always on (two clock reads a stage).
	stageNS [numStages]atomic.Int64
}

// Stages, in the order they run; StageSeconds reports them by these names.
const (
	stSegment = iota
	stEntities
	stRoles
	stDates
	stQuotes
	stAssemble // mention merge, sorting, sha256
	numStages
)

var stageNames = [numStages]string{"segment", "entities", "roles", "dates", "quotes", "assemble"}

// StageSeconds returns the time spent so far in each stage, summed over
// workers (so with N busy workers they add up to about N × wall time).
func (e *Extractor) StageSeconds() map[string]float64 {
	m := make(map[string]float64, numStages)
	for i := range e.stageNS {
		m[stageNames[i]] = float64(e.stageNS[i].Load()) / 1e9
	}
	return m
}

// New builds an Extractor from a loaded lexicon.
func New(lx *lexicon.Lexicon) (*Extractor, error) {
	sg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("extract: segmenter: %w", err)
	}
	e := &Extractor{seg: sg, ents: entities.New(lx), roles: roles.New(lx), dates: dates.New(lx), quotes: quotes.New(lx),
		classes: lexicon.NewClassIndex(lx)}
	e.passes = e.stages()
	if err := annot.Check(e.passes); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return e, nil
}

// stages are the passes Extract runs over a document's annotation, in
// order (their index is their stage number, st*): each reads the layers
// the ones before it wrote.
func (e *Extractor) stages() []annot.Pass {
	return []annot.Pass{
		stSegment:  {Name: "segment", Requires: segment.Requires, Provides: segment.Provides, Run: e.segment},
		stEntities: e.ents.Pass(),
		stRoles:    e.roles.Pass(),
		stDates:    e.dates.Pass(),
		stQuotes:   e.quotes.Pass(),
	}
}

// segment is the segment stage as a pass (segment cannot import annot,
// which holds its Doc); it tags each token with its lexicon word classes,
// once for every later stage.
func (e *Extractor) segment(d *annot.Doc) error {
	t := e.seg.SegmentBudget(d.Doc.Text, d.Budget)
	var buf []lexicon.WordClass
	if p, ok := e.classBuf.Get().(*[]lexicon.WordClass); ok {
		buf = (*p)[:0]
	}
	t.Class = e.classes.AppendTag(slices.Grow(buf, len(t.Low)), t.Low)
	d.SetTokens(t)
	return nil
}

// Extract runs every stage over d. It does not fail on odd text (that is
// ingest's job); an error means a stage broke, and the caller records it.
func (e *Extractor) Extract(d doc.Doc) (doc.Extraction, error) {
	return e.extract(context.Background(), d, nil)
}

// ExtractContext is Extract until ctx is done: then the stages' loops stop
// within a few thousand turns (see pipeline/budget), and the error wraps
// ctx's, so a document over its time budget stops using CPU and memory
// instead of running on unseen.
func (e *Extractor) ExtractContext(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
	return e.extract(ctx, d, nil)
}

// ExtractTrace is Extract that also records, in x.Trace, every decision
// the stages' named rules made (pipeline/rules), in order.
func (e *Extractor) ExtractTrace(d doc.Doc) (doc.Extraction, error) {
	return e.ExtractTraceContext(context.Background(), d)
}

// ExtractTraceContext is ExtractTrace until ctx is done (see ExtractContext).
func (e *Extractor) ExtractTraceContext(ctx context.Context, d doc.Doc) (doc.Extraction, error) {
	tr := &rules.Trace{}
	x, err := e.extract(ctx, d, tr)
	if err == nil {
		x.Trace = tr.Events()
	}
	return x, err
}

func (e *Extractor) extract(ctx context.Context, d doc.Doc, tr *rules.Trace) (x doc.Extraction, err error) {
	defer func() {
		// A bug in a stage must cost one document, not the batch; the
		// stack goes into the error row so the bug can be found.
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: internal error (recovered panic): %v\n%s", d.ID, r, debug.Stack())
		}
	}()
	if !utf8.ValidString(d.Text) {
		return x, fmt.Errorf("extract %s: text is not valid UTF-8", d.ID)
	}
	var bg budget.Budget
	defer context.AfterFunc(ctx, bg.Stop)()
	t := time.Now()
	// lap books the stage's time and reports whether the document stopped
	// (a stage's output is then partial, and no later stage may use it).
	lap := func(stage int) bool {
		now := time.Now()
		e.stageNS[stage].Add(int64(now.Sub(t)))
		t = now
		return bg.Stopped()
	}
	stopped := func(stage int) error {
		return fmt.Errorf("extract %s: stopped in %s after %d steps: %w", d.ID, stageNames[stage], bg.Steps(), context.Cause(ctx))
	}
	ad := annot.New(d, tr, &bg)
	for i, p := range e.passes {
		if err := p.Apply(ad); err != nil {
			return x, fmt.Errorf("extract %s: %w", d.ID, err)
		}
		if lap(i) {
			return x, stopped(i)
		}
	}
	x = e.assemble(ad)
	// no output holds the token classes: the next document reuses them
	if c := ad.Tokens().Class; c != nil {
		e.classBuf.Put(&c)
	}
	return x, nil
}

// assemble makes the document's Extraction from its annotation's layers.
func (e *Extractor) assemble(ad *annot.Doc) doc.Extraction {
	t := time.Now()
	defer func() { e.stageNS[stAssemble].Add(int64(time.Since(t))) }()
	d, sd, ents, dt := ad.Doc, ad.Tokens(), ad.Mentions(), ad.Dates()

	sum := sha256.Sum256([]byte(d.Text))
	x := doc.Extraction{
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
		Roles:         ad.Roles(),
		Dates:         dt.Dates,
		Quotes:        ad.Quotes(),
	}
	dms := make([]doc.Mention, len(dt.Mentions))
	for i, m := range dt.Mentions {
		m.Sentence = sd.SentenceOf(m.Start)
		dms[i] = m
	}
	x.Mentions = mergeMentions(ents.Mentions, dms)
	// Rows by (start, person, title, org), as the contract orders tables by
	// (doc_id, start) and ties need a stable rule.
	slices.SortStableFunc(x.Roles, func(a, b doc.Role) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), strings.Compare(a.PersonID, b.PersonID),
			strings.Compare(a.Title, b.Title), strings.Compare(a.OrgName, b.OrgName))
	})
	return x
}

// mentionOrder orders mentions by (start, end, id). slices.SortStableFunc
// with field comparisons: sort.SliceStable's reflection swapper and a
// concatenated string key per comparison cost more than the sort itself.
func mentionOrder(a, b doc.Mention) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.EntityID, b.EntityID))
}

// mergeMentions returns the entity mentions ents then the date mentions
// dates, stably sorted by mentionOrder. Each list usually comes sorted:
// then one merge (ties to ents, as a stable sort keeps them) replaces the
// sort's moves of whole mentions.
func mergeMentions(ents, dates []doc.Mention) []doc.Mention {
	ms := make([]doc.Mention, 0, len(ents)+len(dates))
	if !slices.IsSortedFunc(ents, mentionOrder) || !slices.IsSortedFunc(dates, mentionOrder) {
		ms = append(append(ms, ents...), dates...)
		slices.SortStableFunc(ms, mentionOrder)
		return ms
	}
	i, j := 0, 0
	for i < len(ents) && j < len(dates) {
		if mentionOrder(dates[j], ents[i]) < 0 {
			ms = append(ms, dates[j])
			j++
		} else {
			ms = append(ms, ents[i])
			i++
		}
	}
	ms = append(ms, ents[i:]...)
	return append(ms, dates[j:]...)
}
