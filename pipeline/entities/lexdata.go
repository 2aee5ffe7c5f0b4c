package entities

import (
	"sort"
	"strings"

	"plenary/pipeline/lexicon"
)

// phrases is a word trie of multi-word phrases, matched on lowercased
// tokens without building strings.
type phrases struct {
	root  *pnode
	first map[string]bool
}

type pnode struct {
	next  map[string]*pnode
	entry lexicon.Entry // nil when no phrase ends here
}

func newPhrases(entries []lexicon.Entry) phrases {
	p := phrases{root: &pnode{}, first: map[string]bool{}}
	for _, e := range entries {
		ws, split := lexicon.PhraseWords(e.Key())
		p.add(ws, e)
		if split != nil {
			p.add(split, e)
		}
	}
	return p
}

// add puts one phrase of words into the trie; an earlier entry wins.
func (p *phrases) add(ws []string, e lexicon.Entry) {
	if len(ws) == 0 {
		return
	}
	n := p.root
	for _, w := range ws {
		if n.next == nil {
			n.next = map[string]*pnode{}
		}
		c := n.next[w]
		if c == nil {
			c = &pnode{}
			n.next[w] = c
		}
		n = c
	}
	if n.entry == nil {
		n.entry = e
	}
	p.first[ws[0]] = true
}

// match returns the longest phrase starting at word i of low (limited to
// [i, end)), as its length in words and its entry; 0 when none.
func (p *phrases) match(low []string, i, end int) (int, lexicon.Entry) {
	if i >= end || !p.first[low[i]] {
		return 0, nil
	}
	return p.walk(low, i, end)
}

// walk is match for a caller that knows low[i] starts a phrase (or does not
// mind the trie saying no).
func (p *phrases) walk(low []string, i, end int) (int, lexicon.Entry) {
	best, n := 0, p.root
	var be lexicon.Entry
	for j := i; j < end && n.next != nil; j++ {
		n = n.next[low[j]]
		if n == nil {
			break
		}
		if n.entry != nil {
			best, be = j-i+1, n.entry
		}
	}
	return best, be
}

// lex is everything the finder looks up, built once from the lexicon.
type lex struct {
	ph         [4]phrases // pTitles, pHonorifics, pPlaces, pOrgs
	heads      map[string]bool
	alone      map[string]bool // heads that name a body on their own
	things     map[string]bool // nouns an acronym modifies as a thing's: "LRT project"
	synonyms   map[string]string
	given      map[string]string // lowercase -> gender
	surnames   map[string]bool
	suffixes   []suffix         // longest first
	byLast     [256][]suffix    // suffixes by their last byte, longest first
	words      map[string]winfo // every listed word: phrase starts and list flags, one lookup per token
	wordStart  [256]bool        // first bytes of the words' keys: a token starting otherwise is not one
	stop       map[string]bool
	orgWords   map[string]bool
	demonyms   map[string]string
	cues       map[string]bool
	titleWords map[string]bool     // every word of a single-word title
	docWords   map[string]bool     // laws, charters, programmes: names of documents
	titleMods  map[string]bool     // lower-case words that extend a title leftwards
	postnom    map[string]bool     // titles written after the holder's name (title_postnominal.txt)
	seats      map[string]bool     // titles many hold in one body at once (title_seats.txt): a capitalized word before one is a party, not a portfolio
	nameSuffix map[string]bool     // generational suffixes after a name: jr, sr, iii (name_parts.txt "suffix")
	events     map[string]string   // event head or modifier -> "event", "numbered", "modifier"
	expansions map[string][]string // acronym (lowercase) -> clustering key of its full name
	stateAbbr  map[string]string   // dateline state abbreviation (lowercase, no period) -> state
	gen        map[string]genInfo  // generated lists' words (capitalized tokens only)
	geo        map[string]geoPlace // generated gazetteer: lowercase name, words joined by one space
	geoMax     int                 // most words in a gazetteer name
	ccTLDs     map[string]bool     // ".kz", ".ge": a country's code from the generated gazetteer
}

type suffix struct {
	s, gender string
}

func lowerSet(lx *lexicon.Lexicon, name string) map[string]bool {
	m := map[string]bool{}
	for _, e := range lx.List(name) {
		m[strings.ToLower(e.Key())] = true
	}
	return m
}

func buildLex(lx *lexicon.Lexicon) *lex {
	l := &lex{
		ph: [4]phrases{newPhrases(lx.List("titles")), newPhrases(lx.List("honorifics")),
			newPhrases(lx.List("places")), newPhrases(lx.List("orgs"))},
		heads:      map[string]bool{},
		alone:      map[string]bool{},
		synonyms:   map[string]string{},
		given:      map[string]string{},
		surnames:   lowerSet(lx, "surnames"),
		stop:       lowerSet(lx, "stop_caps"),
		orgWords:   lowerSet(lx, "org_words"),
		demonyms:   map[string]string{},
		cues:       lowerSet(lx, "person_cues"),
		titleWords: map[string]bool{},
		docWords:   lowerSet(lx, "doc_words"),
		things:     lowerSet(lx, "thing_nouns"),
		events:     map[string]string{},
		titleMods:  lowerSet(lx, "title_modifiers"),
		postnom:    lowerSet(lx, "title_postnominal"),
		seats:      lowerSet(lx, "title_seats"),
		expansions: map[string][]string{},
		stateAbbr:  map[string]string{},
	}
	l.nameSuffix = map[string]bool{}
	for _, e := range lx.List("name_parts") {
		if e.Key() == "suffix" {
			l.nameSuffix[strings.ToLower(e.Field(1))] = true
		}
	}
	for _, e := range lx.List("state_abbrevs") {
		l.stateAbbr[strings.ToLower(e.Key())] = e.Field(1)
	}
	for _, e := range lx.List("events") {
		l.events[strings.ToLower(e.Key())] = e.Field(1)
	}
	for _, e := range lx.List("org_heads") {
		k := strings.ToLower(e.Key())
		l.heads[k] = true
		if e.Field(1) == "alone" {
			l.alone[k] = true
		}
	}
	for _, e := range lx.List("org_synonyms") {
		l.synonyms[strings.ToLower(e.Key())] = strings.ToLower(e.Field(1))
	}
	for _, e := range lx.List("given_names") {
		k := strings.ToLower(e.Key())
		if _, ok := l.given[k]; !ok {
			l.given[k] = e.Field(1)
		}
	}
	for _, e := range lx.List("surname_suffixes") {
		l.suffixes = append(l.suffixes, suffix{strings.ToLower(e.Key()), e.Field(1)})
	}
	sort.SliceStable(l.suffixes, func(i, j int) bool { return len(l.suffixes[i].s) > len(l.suffixes[j].s) })
	for _, sf := range l.suffixes {
		if sf.s != "" {
			c := sf.s[len(sf.s)-1]
			l.byLast[c] = append(l.byLast[c], sf)
		}
	}
	for _, e := range lx.List("orgs") {
		if full := e.Field(1); full != "" {
			l.expansions[strings.ToLower(e.Key())] = orgKeyOf(full, l.synonyms)
		}
	}
	for _, e := range lx.List("demonyms") {
		l.demonyms[strings.ToLower(e.Key())] = e.Field(1)
	}
	for _, e := range lx.List("titles") {
		ws := strings.Fields(strings.ToLower(e.Key()))
		if len(ws) == 1 {
			l.titleWords[ws[0]] = true
		}
	}
	l.indexWords()
	return l
}

// indexWords records, for each lower-cased word, which phrase lists it
// starts and which word classes it belongs to: one map lookup per token
// later instead of one per list.
func (l *lex) indexWords() {
	l.words = map[string]winfo{}
	set := func(w string, f uint16) {
		wi := l.words[w]
		wi.flags |= f
		l.words[w] = wi
	}
	for k := range l.ph {
		for w := range l.ph[k].first {
			wi := l.words[w]
			wi.first |= 1 << k
			l.words[w] = wi
		}
	}
	for _, x := range []struct {
		m map[string]bool
		f uint16
	}{{l.stop, fStop}, {l.orgWords, fOrgWord}, {l.heads, fHead}, {l.titleWords, fTitleWord}, {l.docWords, fDocWord}, {l.surnames, fSurname}, {regionWords, fRegion}, {connectors, fConnector},
		{l.cues, fCue}, {cueAux, fCueAux}} {
		for w := range x.m {
			set(w, x.f)
		}
	}
	for w := range l.demonyms {
		set(w, fDemonym)
	}
	for w := range l.given {
		set(w, fGiven)
	}
	for w := range l.words {
		if w != "" {
			l.wordStart[w[0]] = true
		}
	}
}

// winfo is what the lexicon knows about one lower-cased word.
type winfo struct {
	first uint8 // bit k: a phrase of list k starts with it
	flags uint16
}

// surnameGender returns the gender a surname ending marks and whether the
// word has a known ending at all. Short words are not judged: "Kim", "Lin".
func (l *lex) surnameGender(low string) (string, bool) {
	if len(low) < 5 {
		return "", false
	}
	for _, s := range l.byLast[low[len(low)-1]] {
		if len(low) > len(s.s)+2 && strings.HasSuffix(low, s.s) {
			return s.gender, true
		}
	}
	return "", false
}
