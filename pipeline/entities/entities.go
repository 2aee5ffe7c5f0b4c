// Package entities finds the people, organizations and places a report
// names, clusters their mentions inside the document, and records the title
// phrases it saw next to names so pipeline/roles can turn them into roles.
//
// In: a *segment.Doc (tokens with rune offsets) and the lexicon (titles,
// organization heads, gazetteer, given names, surname endings, stop words).
// Out: a Result with People, Organizations, Locations, every Mention and the
// Titles found. One pass over the tokens per sentence builds capitalized
// runs ("Deputy Chairman of the FTURK Nurlan Uteshev"), which are split by
// lexicon into title, organization, place and person parts; clustering then
// joins surname-only, initials and spelling variants of one person, and
// acronyms, short forms and translation variants of one organization.
// Everything the Finder needs is precompiled in New; Find allocates only
// per-document state, so one Finder serves every worker.
package entities

import (
	"sync"

	"plenary/pipeline/annot"
	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

// Finder finds entities; build it once with New and share it.
type Finder struct {
	l       *lex
	lx      *lexicon.Lexicon // for the title linker's lookups (nil: none)
	rw      *lexWords        // the title linker's word classes
	pool    sync.Pool        // *state scratch reused across calls; results never point into it
	genDone chan struct{}    // closed when l's generated tables are built
}

// New precompiles the lexicon's lists into maps. The generated lists'
// tables (a few tens of ms) are built in the background while the caller
// goes on starting up; the first Find waits for them.
func New(lx *lexicon.Lexicon) *Finder {
	f := &Finder{l: buildLex(lx), lx: lx, rw: wordsOf(lx), genDone: make(chan struct{})}
	go func() {
		defer close(f.genDone)
		f.l.loadGenerated(lx)
	}()
	return f
}

// ready waits until the generated tables are built.
func (f *Finder) ready() { <-f.genDone }

// Title is a title phrase found before, after or instead of a name: the
// titles layer of the annotated document (doc.Title).
type Title = doc.Title

// Result is what Find returns. Slices are ordered by first mention.
type Result struct {
	People        []doc.Person
	Organizations []doc.Organization
	Locations     []doc.Location
	Mentions      []doc.Mention
	// MentionTokens is, per mention, the tokens it covers: made once here,
	// read by the title linker and, through the mentions layer, by quotes.
	MentionTokens []annot.TokenRange
	Titles        []Title
}

type kind uint8

const (
	kPerson kind = iota
	kOrg
	kPlace
	kNone // a candidate a later rule dropped (a headline's capitals no body names)
)

type ment struct {
	k        kind
	a, b     int         // token range [a, b)
	name     string      // surface without honorific / the bare place name / org name
	alias    string      // extra surface form to record (honorific form, quoted short name)
	det      *rules.Rule // the rule that found it (the logic below tests it)
	by       *rules.Rule // the last rule that moved its boundary; nil: det (see method)
	weak     bool        // a lone word that needs another mention or a cue to be a person
	cued     bool
	cluster  int
	acronym  string   // org: acronym defined right after it
	headOnly bool     // org: a bare head word ("the Government")
	key      []string // org: clustering key, computed once
	keyStr   string   // key joined with spaces
	inner    int      // org: 1 + index of the body named inside it, 0 when none
	prefix   int      // org: tokens before the connector to that inner body
	hl       hlTail   // person in a Title Case headline: the words a body's name may be among
	second   bool     // org: another name of a body named right before it (brackets): never its row's name
}

type titleRef struct {
	a, b    int
	text    string
	entry   lexicon.Entry
	person  int // ment index or -1
	org     int // ment index or -1
	orgText string
	place   string
	link    *rules.Rule // the rule that linked it to its holder; nil: none did
}

type state struct {
	f      *Finder
	d      *segment.Doc
	t      []tok
	low    []string
	ments  []ment
	titles []titleRef
	runs   []runInfo
	caps   []int8  // sentence -> 0 unknown, 1 in capitals, 2 not
	tcase  []int8  // sentence -> 0 unknown, 1 a Title Case headline, 2 not
	pn     []pname // parsed person names by mention, filled by clusterPeople

	wordArena []string // backing store of pname.words
	initArena []rune   // backing store of pname.initials

	partArena []part   // backing store of runInfo.parts
	partTmp   []part   // the parts of the run being parsed
	runTmp    [][2]int // the runs of the sentence being scanned
	geoBuf    []byte   // scratch of geoMatch

	tr *rules.Trace // nil unless the caller asked for a trace

	segBy  *rules.Rule  // the last rule that moved a boundary of the segment being classified
	segCut *rules.Rule  // what bounds that segment inside its run (a title, the person), nil: the run
	runEnd int          // end of the run being parsed
	dl     datelineSpan // the dateline of the sentence being scanned
	hl     hlTail       // the headline tail personSpan saw, for personPart
	grown  []growMark   // where org rules let the sentence's runs grow
}

// reset prepares reused scratch for document d.
func (st *state) reset(f *Finder, d *segment.Doc) {
	st.f, st.d = f, d
	st.ments = st.ments[:0]
	st.titles = st.titles[:0]
	st.runs = st.runs[:0]
	st.caps = st.caps[:0]
	st.tcase = st.tcase[:0]
	st.pn = st.pn[:0]
	st.wordArena = st.wordArena[:0]
	st.initArena = st.initArena[:0]
	st.partArena = st.partArena[:0]
}

// Find runs the finder on one document.
func (f *Finder) Find(d *segment.Doc) Result { return f.FindTrace(d, nil) }

// FindTrace is Find recording the rules' decisions in tr (nil: none).
func (f *Finder) FindTrace(d *segment.Doc, tr *rules.Trace) Result {
	if d == nil || len(d.Tokens) == 0 {
		return Result{}
	}
	f.ready()
	st, _ := f.pool.Get().(*state)
	if st == nil {
		st = &state{}
	}
	defer f.pool.Put(st)
	st.reset(f, d)
	st.tr = tr
	defer func() { st.tr = nil }()
	st.features(d)
	st.setFlags()
	for s := range d.SentTokens {
		a, b := d.SentTokens[s][0], d.SentTokens[s][1]
		if a < b {
			st.sentence(a, b)
		}
		if d.Budget.Stopped() {
			return Result{} // dropped by the caller: no use finishing
		}
	}
	res := st.result()
	res.MentionTokens = annot.IndexMentions(d, res.Mentions)
	res.Titles = f.completeTitles(d, res, tr)
	return res
}

func (st *state) slice(a, b int) string {
	if a >= b {
		return ""
	}
	return st.d.Text[st.t[a].bs:st.t[b-1].beTrim]
}

// method is the rule a mention's row names: the last rule that moved its
// boundary, else the one that found it.
func (m *ment) method() *rules.Rule {
	if m.by != nil {
		return m.by
	}
	return m.det
}

// sp is the rune span of tokens [a, b) (empty at a when b <= a).
func (st *state) sp(a, b int) doc.Span {
	if a < 0 || a >= len(st.d.Tokens) {
		return doc.Span{}
	}
	if b <= a {
		return doc.Span{Start: st.d.Tokens[a].Start, End: st.d.Tokens[a].Start}
	}
	return doc.Span{Start: st.d.Tokens[a].Start, End: st.d.Tokens[min(b, len(st.d.Tokens))-1].End}
}

// fire records that rule r decided about tokens [a, b), giving [oa, ob)
// (oa == ob: nothing, a rejection). Off, it is one nil test.
func (st *state) fire(r *rules.Rule, a, b, oa, ob int) {
	if st.tr == nil {
		return
	}
	out := doc.Span{}
	if ob > oa {
		out = st.sp(oa, ob)
	}
	st.tr.Note(r, st.sp(a, b), out, st.slice(a, b))
}

// Requires and Provides are the layers of the annotated document this stage
// reads and writes (see doc.Layer); extract checks their order at start-up.
var (
	Requires = []doc.Layer{doc.LayerTokens}
	Provides = []doc.Layer{doc.LayerMentions, doc.LayerTitles}
)
