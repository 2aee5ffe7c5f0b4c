// Package quotes finds reported speech in a document and who said it.
//
// In: the segmented text and what the entities and roles stages found (people
// with their mentions and gender, roles, organizations) plus the lexicon. Out:
// []doc.Quote, ordered by Start, with IDs "q1", "q2", ...
//
// Direct quotes are the words between quotation marks (“…”, «…», "…", ‘…’,
// mixed and nested pairs, paragraphs that reopen the mark) that read as
// speech rather than as a name, a title or a scare quote. Each one is
// attributed from the cue around it ("X said", "said X", "according to X",
// "X: “…”"), the speaker phrase being a person mention, a pronoun, a title
// reference resolved through the roles, or a non-person source (a release,
// a ministry); quotes with no cue continue the previous quote's speaker.
// "The speaker" and pronouns prefer a person introduced as taking the floor
// since the previous quote (quotes_intro.txt) over that quote's speaker;
// genders the entities stage's names left empty are inferred, by entities
// (entities.Genders), from he/she next to a person's mentions.
// Indirect speech ("According to him, …", "X said that …") is emitted with
// Kind "indirect".
//
// Knowledge (cue verbs, title synonyms, source nouns, name markers, pronouns)
// comes from the lexicon files quotes_*.txt, prepared once per *Lexicon. The
// stage is a pure function: no I/O, deterministic, and it never panics on
// input text.
package quotes

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/annot"
	"plenary/pipeline/doc"
	"plenary/pipeline/entities"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/postag"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

// Input is what the earlier stages hand to Find.
type Input struct {
	Seg      *segment.Doc
	People   []doc.Person  // one per distinct person; Gender "m"/"f"/"" when known
	Mentions []doc.Mention // every entity mention, ordered by Start
	// MentionTokens is, per mention, the tokens it covers (the mentions
	// layer's index); nil: Find maps the mentions itself.
	MentionTokens []annot.TokenRange
	Roles         []doc.Role         // (person, title, org) with Span where stated
	Orgs          []doc.Organization // with Aliases
	Lex           *lexicon.Lexicon   // nil: the embedded lexicon
	Trace         *rules.Trace       // nil: no trace of the rules' decisions
}

// Confidence levels by how the speaker was found. They are a ranking, not
// calibrated probabilities.
const (
	confExplicitAfter  = 0.95
	confExplicitBefore = 0.92
	confHeadline       = 0.85
	confNamedUnknown   = 0.6
	confTitle          = 0.8
	confPronoun        = 0.75
	confContinuation   = 0.65
	confContext        = 0.5
	confSource         = 0.3
	confUnknown        = 0.2
)

// Finder holds the word tables built from a lexicon. It is read-only after
// New, so one Finder serves every worker.
type Finder struct{ lx *lex }

// New builds a Finder from lx (nil: the embedded lexicon).
func New(l *lexicon.Lexicon) *Finder {
	if l == nil {
		var err error
		if l, err = lexicon.Embedded(); err != nil {
			panic(err) // the embedded files are part of the binary: a build bug
		}
	}
	return &Finder{lx: build(l)}
}

// Find returns the document's quotes with the lexicon in.Lex. It is
// New(in.Lex).Find: to find quotes in many documents, build the Finder once.
func Find(in Input) []doc.Quote { return New(in.Lex).Find(in) }

// Find returns the document's quotes, direct and indirect, ordered by Start.
// in.Lex is not used: the Finder's lexicon is.
func (f *Finder) Find(in Input) []doc.Quote {
	if in.Seg == nil || len(in.Seg.Runes) == 0 {
		return nil
	}
	lx := f.lx
	st := newState(in, lx)
	defer st.release()
	quotes := st.direct()
	if in.Seg.Budget.Stopped() {
		return nil // the caller drops the document
	}
	quotes = st.indirect(quotes)
	slices.SortStableFunc(quotes, func(a, b doc.Quote) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	for i := range quotes {
		quotes[i].ID = "q" + strconv.Itoa(i+1)
	}
	return quotes
}

// ---------------------------------------------------------------- lexicon

// cuePhrase is one entry of quotes_cues.txt.
type cuePhrase struct {
	words []string
	cue   string
	prep  bool // "according to X" rather than a reporting verb
}

// marker is one entry of quotes_markers.txt.
type marker struct {
	words []string
	cited bool // quoted words cited, not said: a quote with no speaker
}

// unit kinds after canonicalization of a title phrase.
const (
	unitPlain = iota
	unitPost
	unitOrg
	unitModifier
)

type synonym struct {
	words []string
	canon string
	kind  int
}

type pronoun struct {
	gender string // "m", "f", ""
	plural bool
}

// lex is the lexicon prepared for matching; built once per *Lexicon.
type lex struct {
	genders    *entities.Genders      // a person's gender from the text (entities decides gender)
	classes    *lexicon.ClassIndex    // for a document whose tokens no pass tagged
	cues       map[string][]cuePhrase // by first word, longest first
	syn        map[string][]synonym   // by first word, longest first
	postWords  map[string]bool        // single words that name a post
	sources    map[string]bool        // single-word source nouns
	before     map[string][]marker    // by LAST word
	after      map[string][]marker    // by first word
	pronouns   map[string]pronoun
	honorifics map[string]bool
	generic    map[string]bool       // canonical posts that are generic person nouns ("official")
	intro      map[string][][]string // speaking-introduction phrases by first word
}

func splitWords(s string) []string { return strings.Fields(strings.ToLower(s)) }

func build(l *lexicon.Lexicon) *lex {
	x := &lex{
		genders:    entities.NewGenders(l),
		classes:    lexicon.NewClassIndex(l),
		cues:       map[string][]cuePhrase{},
		syn:        map[string][]synonym{},
		postWords:  map[string]bool{},
		sources:    map[string]bool{},
		before:     map[string][]marker{},
		after:      map[string][]marker{},
		pronouns:   map[string]pronoun{},
		honorifics: map[string]bool{},
		generic:    map[string]bool{},
		intro:      map[string][][]string{},
	}
	for _, e := range l.List("quotes_cues") {
		w := splitWords(e.Key())
		if len(w) == 0 {
			continue
		}
		cue := e.Field(1)
		if cue == "" {
			cue = strings.Join(w, " ")
		}
		x.cues[w[0]] = append(x.cues[w[0]], cuePhrase{words: w, cue: cue, prep: e.Field(2) == "prep"})
	}
	for k := range x.cues {
		c := x.cues[k]
		sort.SliceStable(c, func(i, j int) bool { return len(c[i].words) > len(c[j].words) })
	}
	for _, e := range l.List("quotes_titles") {
		key := e.Key()
		kind := unitPost
		switch {
		case strings.HasPrefix(key, "~"):
			kind, key = unitOrg, key[1:]
		case strings.HasPrefix(key, "@"):
			kind, key = unitModifier, key[1:]
		case strings.HasPrefix(key, "!"):
			key = key[1:]
			x.generic[strings.Join(splitWords(key), " ")] = true
		}
		canon := strings.Join(splitWords(key), " ")
		if canon == "" {
			continue
		}
		forms := append([]string{key}, e[1:]...)
		for _, f := range forms {
			w := splitWords(f)
			if len(w) == 0 {
				continue
			}
			x.syn[w[0]] = append(x.syn[w[0]], synonym{words: w, canon: canon, kind: kind})
			if kind == unitPost && len(w) == 1 {
				x.postWords[w[0]] = true
			}
		}
		if kind == unitPost {
			// The last word of a multi-word post ("prime minister") names a post too.
			w := splitWords(key)
			x.postWords[w[len(w)-1]] = true
		}
	}
	for k := range x.syn {
		c := x.syn[k]
		sort.SliceStable(c, func(i, j int) bool { return len(c[i].words) > len(c[j].words) })
	}
	for _, e := range l.List("quotes_sources") {
		for _, w := range splitWords(e.Key()) {
			x.sources[w] = true
		}
	}
	for _, e := range l.List("quotes_markers") {
		w := splitWords(e.Key())
		if len(w) == 0 {
			continue
		}
		m := marker{words: w, cited: e.Field(2) == "cited"}
		if e.Field(1) == "after" {
			x.after[w[0]] = append(x.after[w[0]], m)
		} else {
			x.before[w[len(w)-1]] = append(x.before[w[len(w)-1]], m)
		}
	}
	for _, e := range l.List("quotes_pronouns") {
		g := e.Field(1)
		if g == "-" {
			g = ""
		}
		x.pronouns[strings.ToLower(e.Key())] = pronoun{gender: g, plural: e.Field(2) == "p"}
	}
	for _, e := range l.List("quotes_intro") {
		if w := splitWords(e.Key()); len(w) > 0 {
			x.intro[w[0]] = append(x.intro[w[0]], w)
		}
	}
	x.addHonorifics(l)
	return x
}

// addHonorifics reads honorifics.txt: the forms of address (the gender
// those give is entities.Genders').
func (x *lex) addHonorifics(l *lexicon.Lexicon) {
	for _, e := range l.List("honorifics") {
		x.honorifics[strings.ToLower(strings.TrimSuffix(e.Key(), "."))] = true
	}
}

// ---------------------------------------------------------------- state

// state is one document being processed.
type state struct {
	in      Input
	lx      *lex
	seg     *segment.Doc
	toks    []segment.Token
	low     []string            // lowercased token texts (the segmented document's)
	cls     []lexicon.WordClass // per token: its word classes (the tokens layer's)
	ment    []int               // per token: index into in.Mentions covering it, -1 for none
	mtok    []annot.TokenRange  // per mention: its tokens (the mentions layer's index)
	people  map[string]*doc.Person
	orgs    map[string]*doc.Organization
	inQ     []bool            // per token: inside an accepted direct quote
	subj    map[int]*who      // sentence index -> subject (cached; nil = none)
	cands   []*cand           // direct-quote candidates in text order
	roles   []roleKey         // prepared roles, built at first use
	last    *who              // speaker of the latest direct quote
	lastAt  int               // where that quote starts
	lastEnd int               // where that quote ends
	genders map[string]string // person ID -> gender inferred from the text, built at first use
	// person ID -> indices into in.Mentions of its mentions, ascending,
	// built at first use
	personMents map[string][]int
	tr          *rules.Trace // nil unless the caller asked for a trace
	byName      *nameIndex   // built on first use by personByName
	// part-of-speech tags of the sentences read for a cue clause (pos)
	tagged []bool        // per sentence: tagged
	tags   []postag.Tag  // per token
	words  []string      // a sentence's token texts, for the tagger
	tagger postag.Tagger // buffers reused across sentences
}

// who is a resolved speaker.
type who struct {
	id, name, mention string
	attr              string
	conf              float32
	at                int         // rune offset of the phrase that named them
	rule              *rules.Rule // the sieve that chose them (quotes.sieve)
	src               doc.Span    // the person mention that named them, when one did (for the trace)
}

// scratch is per-token state reused across documents (nothing returned
// points into it).
type scratch struct {
	ment []int
	inQ  []bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func newState(in Input, lx *lex) *state {
	st := &state{in: in, lx: lx, seg: in.Seg, toks: in.Seg.Tokens,
		people: make(map[string]*doc.Person, len(in.People)), orgs: make(map[string]*doc.Organization, len(in.Orgs)),
		subj: map[int]*who{}, tr: in.Trace}
	sc := scratchPool.Get().(*scratch)
	n := len(st.toks)
	st.low = in.Seg.Low
	if st.cls = in.Seg.Class; len(st.cls) != n {
		st.cls = lx.classes.Tag(st.low) // tokens no pass tagged (tests, tools)
	}
	st.ment = slices.Grow(sc.ment[:0], n)[:n]
	st.inQ = slices.Grow(sc.inQ[:0], n)[:n]
	clear(st.inQ)
	for i := range in.People {
		st.people[in.People[i].ID] = &in.People[i]
	}
	for i := range in.Orgs {
		st.orgs[in.Orgs[i].ID] = &in.Orgs[i]
	}
	for i := range st.ment {
		st.ment[i] = -1
	}
	mt := in.MentionTokens
	if len(mt) != len(in.Mentions) {
		mt = annot.IndexMentions(in.Seg, in.Mentions)
	}
	st.mtok = mt
	for mi, r := range mt {
		for t := int(r.First); t < int(r.End); t++ {
			if st.ment[t] < 0 || in.Mentions[st.ment[t]].EntityType != doc.TypePerson {
				st.ment[t] = mi
			}
		}
	}
	return st
}

// release hands the per-token slices back for the next document.
func (st *state) release() {
	scratchPool.Put(&scratch{ment: st.ment[:0], inQ: st.inQ[:0]})
	st.low, st.ment, st.inQ = nil, nil, nil
}

// tokAt returns the index of the first token starting at or after off.
func (st *state) tokAt(off int) int {
	return sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= off })
}

// tokCovering returns the index of the token covering off, or of the first
// token after it.
func (st *state) tokCovering(off int) int {
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].End > off })
	return i
}

func (st *state) mention(t int) (doc.Mention, bool) {
	if t < 0 || t >= len(st.ment) || st.ment[t] < 0 {
		return doc.Mention{}, false
	}
	return st.in.Mentions[st.ment[t]], true
}

// mentToks is the tokens [a, e) of the mention covering token t (as
// st.mention(t) finds it, which must hold): read from the mentions layer's
// index, not searched for.
func (st *state) mentToks(t int) (a, e int) {
	r := st.mtok[st.ment[t]]
	return int(r.First), int(r.End)
}

func (st *state) personAt(t int) (doc.Mention, bool) {
	m, ok := st.mention(t)
	if !ok || m.EntityType != doc.TypePerson {
		return doc.Mention{}, false
	}
	return m, true
}

func (st *state) textOf(s, e int) string {
	if s < 0 || e > len(st.toks) || s >= e {
		return ""
	}
	return st.collapsedSpan(doc.Span{Start: st.toks[s].Start, End: st.toks[e-1].End})
}

// collapsedSpan is collapse(st.seg.Slice(sp)) without the intermediate string.
func (st *state) collapsedSpan(sp doc.Span) string {
	if sp.Start < 0 || sp.End > len(st.seg.Runes) || sp.Start >= sp.End {
		return ""
	}
	var c collapser
	c.grow(sp.End - sp.Start)
	c.add(st.seg.Runes[sp.Start:sp.End])
	return c.String()
}

func (st *state) personWho(m doc.Mention, attr string, conf float32, r *rules.Rule) *who {
	w := &who{id: m.EntityID, name: m.Text, mention: m.Text, attr: attr, conf: conf, at: m.Start, rule: r, src: m.Span}
	if p := st.byHonorific(m); p != nil {
		w.id, w.rule = p.ID, sieveHonorific
	}
	if p, ok := st.people[w.id]; ok && p.Name != "" {
		w.name = p.Name
	}
	return w
}

// byHonorific is the person a mention after a gendered honorific stands
// for when the entities stage linked it to someone of the other gender:
// "Mr McAllister" in a report naming a Siobhán and a Declan McAllister is
// the one person of that surname and gender; nil when there is no
// conflict or no such person.
func (st *state) byHonorific(m doc.Mention) *doc.Person {
	k := st.tokAt(m.Start) - 1
	if k >= 0 && st.low[k] == "." {
		k--
	}
	if k < 0 {
		return nil
	}
	g := st.lx.genders.Honorific(st.low[k])
	if g == "" {
		return nil
	}
	if have := st.genderOf(m.EntityID); have == "" || have == g {
		return nil
	}
	last := lastWord(m.Text)
	var found *doc.Person
	for i := range st.in.People {
		p := &st.in.People[i]
		if p.ID == m.EntityID || lastWord(p.Name) != last || st.genderOf(p.ID) != g {
			continue
		}
		if found != nil {
			return nil // two of them: the words do not tell
		}
		found = p
	}
	return found
}

func lastWord(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// ---------------------------------------------------------------- text helpers

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// collapser builds collapse(string(runes)) straight from runes: words (runs
// of non-space runes, unicode.IsSpace as strings.Fields splits) joined by
// one space. One allocation for the result instead of a string per piece,
// the fields slice and the join.
type collapser struct {
	b       strings.Builder
	pending bool // a space is owed before the next word
}

func (c *collapser) grow(n int) { c.b.Grow(n) }

// add appends runes; invalid code points become U+FFFD, as string([]rune) does.
func (c *collapser) add(rs []rune) {
	for _, r := range rs {
		if unicode.IsSpace(r) {
			c.pending = c.b.Len() > 0
			continue
		}
		if c.pending {
			c.b.WriteByte(' ')
			c.pending = false
		}
		if r >= 0 && r < utf8.RuneSelf {
			c.b.WriteByte(byte(r))
		} else {
			c.b.WriteRune(r)
		}
	}
}

// space separates what was added from what follows, as a joining space would.
func (c *collapser) space() { c.pending = c.b.Len() > 0 }

func (c *collapser) String() string { return c.b.String() }

func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// capAt is isCap of token t, from the flags segment computed once.
func (st *state) capAt(t int) bool { return st.toks[t].Is(segment.Cap | segment.Digit) }

// wordAt is isWord of token t, from the flags segment computed once.
func (st *state) wordAt(t int) bool { return st.toks[t].Is(segment.Alnum) }

// is reports whether token t is a word of one of the lexicon classes c,
// from the classes tagged once on the tokens.
func (st *state) is(t int, c lexicon.WordClass) bool { return st.cls[t]&c != 0 }

func isCap(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

func isLowerWord(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// normWords splits a quote text into the words scoring compares: letters and
// digits only, lowercased. Whitespace ends a word; other runes are dropped
// without ending one ("don't" -> "dont"). The words share one string.
func normWords(s string) []string {
	var b strings.Builder
	b.Grow(len(s))
	n := 0        // words written
	open := false // a word is being written
	for _, r := range s {
		if r < utf8.RuneSelf {
			// ASCII: the same tests as below, without the table lookups
			switch {
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			case r == ' ' || '\t' <= r && r <= '\r':
				open = false
				continue
			case !('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
				continue
			}
			if !open {
				if n > 0 {
					b.WriteByte(' ')
				}
				n++
				open = true
			}
			b.WriteByte(byte(r))
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case unicode.IsSpace(r):
			open = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if !open {
				if n > 0 {
					b.WriteByte(' ') // never part of a word, so a safe separator
				}
				n++
				open = true
			}
			b.WriteRune(r)
		}
	}
	if n == 0 {
		return nil
	}
	all := b.String()
	out := make([]string, 0, n)
	for len(all) > 0 {
		i := strings.IndexByte(all, ' ')
		if i < 0 {
			out = append(out, all)
			break
		}
		out = append(out, all[:i])
		all = all[i+1:]
	}
	return out
}

// isDashTok reports a dash or hyphen token used as punctuation.
func isDashTok(s string) bool {
	switch s {
	case "-", "–", "—", "--", "―":
		return true
	}
	return false
}

func isEndPunct(s string) bool {
	switch s {
	case ".", "!", "?", "…", "...":
		return true
	}
	return false
}

// Requires and Provides are the layers of the annotated document this stage
// reads and writes (see doc.Layer); extract checks their order at start-up.
var (
	Requires = []doc.Layer{doc.LayerTokens, doc.LayerMentions, doc.LayerRoles}
	Provides = []doc.Layer{doc.LayerQuotes}
)
