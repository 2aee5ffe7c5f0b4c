// Package extract is the pure middle of plenary: one document in, all its
// records out. It runs the stages in order — segment, entities, roles, dates,
// quotes — and assembles a doc.Extraction. No I/O happens here, so the same
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
	"sync/atomic"
	"time"
	"unicode/utf8"

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
	seg    *segment.Segmenter
	ents   *entities.Finder
	roles  *roles.Finder
	dates  *dates.Finder
	quotes *quotes.Finder
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

// pass is one stage as extract runs it: the layers of the annotated
// document it reads and writes, as the stage's package declares them.
type pass struct {
	name               string
	requires, provides []doc.Layer
}

// passes are the stages in the order Extract runs them.
var passes = []pass{
	{"segment", segment.Requires, segment.Provides},
	{"entities", entities.Requires, entities.Provides},
	{"roles", roles.Requires, roles.Provides},
	{"dates", dates.Requires, dates.Provides},
	{"quotes", quotes.Requires, quotes.Provides},
}

// checkPasses reports a stage that reads a layer no stage before it
// writes, or a layer written twice: a reordered or rewired pipeline fails
// at start-up, not with wrong tables.
func checkPasses(ps []pass) error {
	have := map[doc.Layer]string{doc.LayerText: "ingest"}
	for _, p := range ps {
		for _, l := range p.requires {
			if _, ok := have[l]; !ok {
				return fmt.Errorf("extract: stage %s requires layer %q, which no stage before it provides", p.name, l)
			}
		}
		for _, l := range p.provides {
			if by, ok := have[l]; ok {
				return fmt.Errorf("extract: stages %s and %s both provide layer %q", by, p.name, l)
			}
			have[l] = p.name
		}
	}
	return nil
}

// New builds an Extractor from a loaded lexicon.
func New(lx *lexicon.Lexicon) (*Extractor, error) {
	if err := checkPasses(passes); err != nil {
		return nil, err
	}
	sg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("extract: segmenter: %w", err)
	}
	return &Extractor{seg: sg, ents: entities.New(lx), roles: roles.New(lx), dates: dates.New(lx), quotes: quotes.New(lx)}, nil
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
	sd := e.seg.SegmentBudget(d.Text, &bg)
	if lap(stSegment) {
		return x, stopped(stSegment)
	}
	ents := e.ents.FindTrace(sd, tr)
	if lap(stEntities) {
		return x, stopped(stEntities)
	}
	rl := e.roles.FindTrace(sd, ents, tr)
	if lap(stRoles) {
		return x, stopped(stRoles)
	}
	dt := e.dates.FindBudget(d.Text, d.Published, tr, &bg)
	if lap(stDates) {
		return x, stopped(stDates)
	}
	qs := e.quotes.Find(quotes.Input{
		Seg:      sd,
		People:   ents.People,
		Mentions: ents.Mentions,
		Roles:    rl,
		Orgs:     ents.Organizations,
		Trace:    tr,
	})
	if lap(stQuotes) {
		return x, stopped(stQuotes)
	}
	defer lap(stAssemble)

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
	// slices.SortStableFunc with field comparisons: sort.SliceStable's
	// reflection swapper and a concatenated string key per comparison cost
	// more than the sort itself.
	slices.SortStableFunc(ms, func(a, b doc.Mention) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.EntityID, b.EntityID))
	})
	x.Mentions = ms
	// Rows by (start, person, title, org), as the contract orders tables by
	// (doc_id, start) and ties need a stable rule.
	slices.SortStableFunc(x.Roles, func(a, b doc.Role) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), strings.Compare(a.PersonID, b.PersonID),
			strings.Compare(a.Title, b.Title), strings.Compare(a.OrgName, b.OrgName))
	})
	return x, nil
}
