// Package postag tags words with their part of speech (Penn Treebank tags:
// NN, NNP, VBD, PRP, ...), with the averaged perceptron of prose
// (github.com/jdkato/prose/v2), the tagger the issue asks the quotes stage
// to read cue clauses with.
//
// prose's own tagger is too slow for every sentence of a batch: it decodes
// its model with encoding/gob at start-up (~0.5 s, ~60 MB allocated) and
// builds a map of feature strings for every word it tags. This package holds
// the same model in a flat file (model.bin, written by scripts/postag from
// prose's embedded one, weights unchanged) that loads in milliseconds on
// first use, and scores each word from feature keys built in one reused
// buffer: no allocation per word. Its tags are prose's (TestMatchesProse),
// except that where two tags score exactly alike it takes the first in the
// model's order, where prose's choice depends on map iteration.
//
// Callers tag only the few sentences they need (the quotes stage: those
// holding a quote's cue clause); the model is loaded by the first call.
package postag

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed model.bin
var modelBin string

// The kinds of prose's features (featurize in its tag.go: "bias", "i
// suffix", "i pref1", ... "i+2 word", in this order, as scripts/postag's
// featureKinds): the model stores and this package looks up a feature as
// its kind's index (one byte) and its words.
const (
	fBias = iota
	fSuffix
	fPref1
	fTag1
	fTag2
	fTag12
	fWord
	fTag1Word
	fWord1
	fSuffix1
	fWord2
	fWordN1
	fSuffixN1
	fWordN2
)

// Model is a loaded tagger. It is read-only, so one Model serves every
// worker.
type Model struct {
	classes []string
	tagMap  map[string]uint8  // words with one unambiguous tag
	feats   map[string]uint32 // feature key -> offset<<6 | count into ws
	ws      []weight
	byName  map[string]uint8 // class name -> index
	// bias is the bias feature's weights and pair[c1*len(classes)+c2]
	// those of the three features of the two previous tags, classes c1
	// and c2 (fTag1, fTag2, fTag12): looked up once here rather than at
	// every word predicted. Adding weights commutes, so the scores are the
	// same.
	bias []weight
	pair [][]weight
}

type weight struct {
	class uint8
	milli int32 // weight in thousandths
}

var (
	once    sync.Once
	shared  *Model
	loadErr error
)

// Default returns the embedded model, loading it on the first call.
func Default() (*Model, error) {
	once.Do(func() { shared, loadErr = Load(modelBin) })
	return shared, loadErr
}

// Load reads a model file as scripts/postag writes it. The model's strings
// point into raw, which must not change.
func Load(raw string) (*Model, error) { return parse(raw) }

var errShort = errors.New("postag model: truncated")

// reader walks the model file; its strings are substrings of the file's
// one string, so the maps' keys cost no allocation each.
type reader struct {
	s   string
	err error
}

func (r *reader) u32() uint32 {
	if r.err != nil || len(r.s) < 4 {
		r.err = errShort
		return 0
	}
	v := binary.LittleEndian.Uint32([]byte(r.s[:4]))
	r.s = r.s[4:]
	return v
}

func (r *reader) byte() uint8 {
	if r.err != nil || len(r.s) < 1 {
		r.err = errShort
		return 0
	}
	v := r.s[0]
	r.s = r.s[1:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.s = r.s[n:]
	return v
}

func (r *reader) str() string {
	n := r.u32()
	if r.err != nil || uint32(len(r.s)) < n {
		r.err = errShort
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

func parse(raw string) (*Model, error) {
	const magic = "PTAG2\n"
	if !strings.HasPrefix(raw, magic) {
		return nil, errors.New("postag model: not a PTAG2 file")
	}
	r := &reader{s: raw[len(magic):]}
	m := &Model{byName: map[string]uint8{}}
	nc := r.u32()
	if nc > 64 {
		return nil, fmt.Errorf("postag model: %d classes", nc)
	}
	for i := uint32(0); i < nc && r.err == nil; i++ {
		c := r.str()
		m.byName[c] = uint8(i)
		m.classes = append(m.classes, c)
	}
	nw := r.u32()
	m.tagMap = make(map[string]uint8, min(nw, 1<<16))
	for i := uint32(0); i < nw && r.err == nil; i++ {
		w := r.str()
		c := r.byte()
		if uint32(c) >= nc {
			return nil, fmt.Errorf("postag model: word %q has class %d", w, c)
		}
		m.tagMap[w] = c
	}
	nf := r.u32()
	m.feats = make(map[string]uint32, min(nf, 1<<20))
	m.ws = make([]weight, 0, min(r.u32(), 1<<22))
	for i := uint32(0); i < nf && r.err == nil; i++ {
		f := r.str()
		n := uint32(r.byte())
		if n >= 64 {
			return nil, fmt.Errorf("postag model: feature %q has %d weights", f, n)
		}
		m.feats[f] = uint32(len(m.ws))<<6 | n
		for k := uint32(0); k < n && r.err == nil; k++ {
			c := r.byte()
			v := int32(r.varint())
			if uint32(c) >= nc {
				return nil, fmt.Errorf("postag model: feature %q has class %d", f, c)
			}
			m.ws = append(m.ws, weight{class: c, milli: v})
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.s != "" {
		return nil, errors.New("postag model: trailing bytes")
	}
	m.tagFeatures()
	return m, nil
}

// tagFeatures fills m.bias and m.pair.
func (m *Model) tagFeatures() {
	m.bias = m.weights(string([]byte{fBias}))
	n := len(m.classes)
	m.pair = make([][]weight, n*n)
	for c1, t1 := range m.classes {
		for c2, t2 := range m.classes {
			var ws []weight
			ws = append(ws, m.weights(string(append([]byte{fTag1}, t1...)))...)
			ws = append(ws, m.weights(string(append([]byte{fTag2}, t2...)))...)
			ws = append(ws, m.weights(string(append([]byte{fTag12}, t1+" "+t2...)))...)
			m.pair[c1*n+c2] = ws
		}
	}
}

// weights is the weights of the feature key k (nil when the model has none).
func (m *Model) weights(k string) []weight {
	v, ok := m.feats[k]
	if !ok {
		return nil
	}
	return m.ws[v>>6 : v>>6+v&63]
}

// Tag is a part-of-speech tag: an index into the model's classes.
type Tag uint8

// Name is the tag's Penn Treebank name ("NNP").
func (m *Model) Name(t Tag) string {
	if int(t) < len(m.classes) {
		return m.classes[t]
	}
	return ""
}

// TagOf is the tag named name, ok false when the model has none.
func (m *Model) TagOf(name string) (Tag, bool) {
	c, ok := m.byName[name]
	return Tag(c), ok
}

// Tagger tags sentences with a Model; it holds the buffers one goroutine
// reuses, so each worker needs its own (the zero Tagger with M set works).
type Tagger struct {
	M     *Model
	words []string // the words as the model reads them
	ctx   []string // normalized words, two START and two END around them
	buf   []byte
}

// Tag sets out[i] to the tag of words[i] (a sentence's tokens as written)
// and returns out, grown to len(words) if needed.
func (tg *Tagger) Tag(words []string, out []Tag) []Tag { return tg.TagLower(words, nil, out) }

// TagLower is Tag with the words' lower-cased forms at hand (low[i] for
// words[i], as strings.ToLower gives; nil: computed here).
func (tg *Tagger) TagLower(words, low []string, out []Tag) []Tag {
	m := tg.M
	if cap(out) < len(words) {
		out = make([]Tag, len(words))
	}
	out = out[:len(words)]
	tg.words = tg.words[:0]
	straight := 0
	for _, w := range words {
		tg.words = append(tg.words, sanitize(w, &straight))
	}
	tg.ctx = append(tg.ctx[:0], "-START-", "-START2-")
	for i, w := range tg.words {
		lw := ""
		if low != nil && w == words[i] {
			lw = low[i]
		}
		tg.ctx = append(tg.ctx, normalize(w, lw))
	}
	tg.ctx = append(tg.ctx, "-END-", "-END2-")
	p1, p2 := "-START-", "-START2-"
	c1, c2 := -1, -1 // p1's and p2's classes, -1 for none
	for i, w := range tg.words {
		var tag string
		if t, ok := m.special(w); ok {
			tag = t
		} else if c, ok := m.tagMap[w]; ok {
			tag = m.classes[c]
		} else {
			tag = m.classes[tg.predict(i, w, p1, p2, c1, c2)]
		}
		c, ok := m.byName[tag]
		p2, p1, c2, c1 = p1, tag, c1, int(c)
		if !ok {
			c = m.byName["NN"] // a tag outside the classes ("-NONE-" of a word "0")
			c1 = -1
		}
		out[i] = Tag(c)
	}
	return out
}

// prose's patterns (from github.com/mingrammer/commonregex and prose's
// tag.go) for the words it tags before its tag dictionary.
var (
	linkRE  = regexp.MustCompile(`(?:(?:https?:\/\/)?(?:[a-z0-9.\-]+|www|[a-z0-9.\-])[.](?:[^\s()<>]+|\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\))+(?:\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\)|[^\s!()\[\]{};:\'".,<>?]))`)
	emailRE = regexp.MustCompile(`(?i)([A-Za-z0-9!#$%&'*+\/=?^_{|.}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)`)
	noneRE  = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRE  = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// special gives the tags prose sets before its tag dictionary: a hyphen,
// a link or address, its "-NONE-" and "-LRB-" style tokens. The patterns
// run only on words holding the characters they need.
func (m *Model) special(w string) (string, bool) {
	switch {
	case w == "-":
		return "-", true
	case strings.HasPrefix(w, "@"):
		return "NN", true
	case strings.ContainsAny(w, ".@") && (linkRE.MatchString(w) || emailRE.MatchString(w)):
		return "NN", true
	case (w[0] == '0' || w[0] == '*') && noneRE.MatchString(w):
		return "-NONE-", true
	case w[0] == '-' && keepRE.MatchString(w):
		return w, true
	}
	return "", false
}

// ptbQuotes: quotation marks are read as the Penn Treebank writes them,
// “ opening and ” closing, which the model knows; prose hands it '"',
// which it does not (and tags VBZ or NNP). Off only to compare with prose.
var ptbQuotes = true

// sanitize is the word as the model reads it: a quotation mark as “ or ”
// (straight double marks alternate, counted in straight), other
// typographic apostrophes folded to ASCII as prose's tokenizer does.
func sanitize(w string, straight *int) string {
	if !ptbQuotes {
		switch w {
		case "“", "”":
			return `"`
		case "‘", "’":
			return "'"
		}
		if strings.ContainsAny(w, "“”‘’") {
			return quoteFolder.Replace(w)
		}
		return w
	}
	switch w {
	case "“", "«", "„", "‘", "‹", "``":
		return "``"
	case "”", "»", "’", "›", "'", "''":
		return "''"
	case `"`:
		*straight++
		if *straight%2 == 1 {
			return "``"
		}
		return "''"
	}
	if strings.ContainsAny(w, "“”‘’") {
		return quoteFolder.Replace(w)
	}
	return w
}

var quoteFolder = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'")

// normalize is prose's: hyphenated words, years and numbers are classes;
// lw is w lower-cased when the caller has it ("": computed).
func normalize(w, lw string) string {
	if w == "" {
		return w
	}
	if strings.Contains(w, "-") && w[0] != '-' {
		return "!HYPHEN"
	}
	if len(w) == 4 && isDigits(w) {
		return "!YEAR"
	}
	if w[0] >= '0' && w[0] <= '9' {
		return "!DIGITS"
	}
	if lw != "" {
		return lw
	}
	return lower(w)
}

// isDigits is strconv.Atoi(w) succeeding on a four-character w.
func isDigits(w string) bool {
	if w[0] == '+' || w[0] == '-' {
		w = w[1:]
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// predict scores word i (w as written) from prose's fourteen features
// (featurize in prose's tag.go) and returns the best class among those
// some feature gave a weight, as prose's max over its scores map does.
func (tg *Tagger) predict(i int, w, p1, p2 string, c1, c2 int) uint8 {
	var sc scores
	ctx := tg.ctx
	j := min(len(ctx)-2, i+2)
	if c1 >= 0 && c2 >= 0 {
		// the previous tags are classes: their features' weights are at hand
		sc.add(tg.M.bias)
		sc.add(tg.M.pair[c1*len(tg.M.classes)+c2])
	} else {
		tg.feat(&sc, fBias, "", "")
		tg.feat(&sc, fTag1, p1, "")
		tg.feat(&sc, fTag2, p2, "")
		tg.feat(&sc, fTag12, p1, p2)
	}
	tg.feat(&sc, fSuffix, suffix(w), "")
	tg.feat(&sc, fPref1, pref1(w), "")
	tg.feat(&sc, fWord, ctx[j], "")
	tg.feat(&sc, fTag1Word, p1, ctx[j])
	tg.feat(&sc, fWord1, ctx[j-1], "")
	tg.feat(&sc, fSuffix1, suffix(ctx[j-1]), "")
	tg.feat(&sc, fWord2, ctx[j-2], "")
	tg.feat(&sc, fWordN1, ctx[j+1], "")
	tg.feat(&sc, fSuffixN1, suffix(ctx[j+1]), "")
	tg.feat(&sc, fWordN2, ctx[j+2], "")
	best := -1
	for c := range tg.M.classes {
		if sc.seen[c] && (best < 0 || sc.sum[c] > sc.sum[best]) {
			best = c
		}
	}
	if best < 0 {
		return tg.M.byName["NN"]
	}
	return uint8(best)
}

type scores struct {
	sum  [64]int64 // thousandths
	seen [64]bool
}

// feat adds the weights of the feature of kind kind and words a and b (b
// "" for a one-word feature; prose joins the words with a space).
func (tg *Tagger) feat(sc *scores, kind byte, a, b string) {
	k := append(tg.buf[:0], kind)
	k = append(k, a...)
	if kind == fTag12 || kind == fTag1Word {
		k = append(k, ' ')
		k = append(k, b...)
	}
	tg.buf = k
	v, ok := tg.M.feats[string(k)]
	if !ok {
		return
	}
	sc.add(tg.M.ws[v>>6 : v>>6+v&63])
}

// add adds the weights ws to the scores.
func (sc *scores) add(ws []weight) {
	for _, wt := range ws {
		sc.sum[wt.class] += int64(wt.milli)
		sc.seen[wt.class] = true
	}
}

// suffix is a word's last three bytes, as prose slices them.
func suffix(w string) string { return w[len(w)-min(len(w), 3):] }

// pref1 is prose's string(w[0]): the first byte read as a code point.
func pref1(w string) string {
	if w == "" {
		return ""
	}
	if w[0] < utf8.RuneSelf {
		return w[:1]
	}
	return latin1[w[0]-utf8.RuneSelf]
}

// latin1 holds string(rune(b)) for the bytes 0x80-0xFF.
var latin1 = func() (t [128]string) {
	for i := range t {
		t[i] = string(rune(i + utf8.RuneSelf))
	}
	return t
}()
