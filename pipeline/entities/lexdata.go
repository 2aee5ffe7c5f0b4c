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
		ws := strings.Fields(strings.ToLower(e.Key()))
		if len(ws) == 0 {
			continue
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
	return p
}

// match returns the longest phrase starting at word i of low (limited to
// [i, end)), as its length in words and its entry; 0 when none.
func (p *phrases) match(low []string, i, end int) (int, lexicon.Entry) {
	if i >= end || !p.first[low[i]] {
		return 0, nil
	}
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
	titles     phrases
	honorifics phrases
	places     phrases
	orgs       phrases // known organizations and news agencies
	heads      map[string]bool
	alone      map[string]bool // heads that name a body on their own
	synonyms   map[string]string
	given      map[string]string // lowercase -> gender
	surnames   map[string]bool
	suffixes   []suffix // longest first
	stop       map[string]bool
	orgWords   map[string]bool
	demonyms   map[string]string
	cues       map[string]bool
	titleWords map[string]bool     // every word of a single-word title
	docWords   map[string]bool     // laws, charters, programmes: names of documents
	titleMods  map[string]bool     // lower-case words that extend a title leftwards
	events     map[string]string   // event head or modifier -> "event", "numbered", "modifier"
	expansions map[string][]string // acronym (lowercase) -> clustering key of its full name
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
		titles:     newPhrases(lx.List("titles")),
		honorifics: newPhrases(lx.List("honorifics")),
		places:     newPhrases(lx.List("places")),
		orgs:       newPhrases(lx.List("orgs")),
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
		events:     map[string]string{},
		titleMods:  lowerSet(lx, "title_modifiers"),
		expansions: map[string][]string{},
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
	return l
}

// surnameGender returns the gender a surname ending marks and whether the
// word has a known ending at all. Short words are not judged: "Kim", "Lin".
func (l *lex) surnameGender(low string) (string, bool) {
	if len(low) < 5 {
		return "", false
	}
	for _, s := range l.suffixes {
		if len(low) > len(s.s)+2 && strings.HasSuffix(low, s.s) {
			return s.gender, true
		}
	}
	return "", false
}
