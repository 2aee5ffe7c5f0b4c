package entities

import (
	"strconv"
	"strings"

	"plenary/pipeline/lexicon"
)

// The generated lexicons (lexicon/data/gen_*.txt, written by `make
// lexicons` from open data) are a second tier of knowledge: the hand-kept
// lists win wherever both know a word, and the gazetteer's places count only
// where the context says place (rules place.detect.geo-*, in place.go). A
// word the project's
// own lists know as something else (a title, a body's head, a stop word, a
// curated place) never takes a generated given name or surname. This file
// loads the lists and holds what their rules share; the rules themselves
// live with the others of their decision (place.go, person.go, filters.go,
// people.go).

// geoPlace is what the generated gazetteer knows of one name.
type geoPlace struct {
	name   string // as the file writes it: the name an all-caps dateline is recased to
	cc     string // ISO country code
	region bool   // a first-level region, not a town
	pop    uint32
}

// Bit of tok.first and winfo.first: a gazetteer name starts with the word.
// The phrase lists take bits 0-3 (pTitles..pOrgs).
const geoFirst = 1 << 4

// genInfo is what the generated lists know of one lower-cased word: flags
// (fGiven, fSurname, fNameLike, fCommon), geoFirst, and a given name's
// gender.
type genInfo struct {
	flags  uint16
	first  uint8
	gender byte // 'm', 'f' or 0
}

// loadGenerated builds l.gen and l.geo; l's hand lists are built. The words
// are a separate map from l.words, looked up for capitalized tokens only
// (setFlags), so the hand lists' per-token lookup stays small.
func (l *lex) loadGenerated(lx *lexicon.Lexicon) {
	inPhrase := map[string]bool{}
	const other = fStop | fOrgWord | fHead | fTitleWord | fDocWord | fDemonym | fRegion | fConnector
	handWord := func(w string) bool {
		if inPhrase[w] {
			return true
		}
		wi, ok := l.words[w]
		if !ok {
			return false
		}
		if wi.flags&other != 0 {
			return true
		}
		// a curated place or body of one word: "Georgia", "India", "Unifor"
		for _, k := range []int{pPlaces, pOrgs} {
			if wi.first&(1<<k) != 0 {
				if c := l.ph[k].root.next[w]; c != nil && c.entry != nil {
					return true
				}
			}
		}
		return false
	}
	// and no word of a curated place's or body's name either: "Alam" of
	// "Shah Alam" is no given name there
	for _, k := range []int{pPlaces, pOrgs} {
		collectWords(l.ph[k].root, inPhrase)
	}
	l.gen = make(map[string]genInfo, 100000)
	// the largest list first, into the empty map: one insert a word, no
	// lookup (the file holds lower-case words, each once)
	lx.Each("gen_common_words", func(e lexicon.Entry) {
		l.gen[e.Key()] = genInfo{flags: fCommon}
	})
	lx.Each("gen_given_names", func(e lexicon.Entry) {
		k := strings.ToLower(e.Key())
		if _, hand := l.given[k]; hand || handWord(k) {
			return
		}
		gi := l.gen[k]
		if e.Field(2) == "common" {
			gi.flags |= fNameLike
		} else {
			gi.flags |= fGiven
		}
		if g := e.Field(1); g == "m" || g == "f" {
			gi.gender = g[0]
		}
		l.gen[k] = gi
	})
	lx.Each("gen_surnames", func(e lexicon.Entry) {
		if k := strings.ToLower(e.Key()); !l.surnames[k] && !handWord(k) {
			gi := l.gen[k]
			if e.Field(1) == "common" {
				gi.flags |= fNameLike
			} else {
				gi.flags |= fSurname
			}
			l.gen[k] = gi
		}
	})
	l.geo = make(map[string]geoPlace, 32000)
	l.ccTLDs = make(map[string]bool, 256)
	lx.Each("gen_places", func(e lexicon.Entry) {
		k := strings.ToLower(e.Key()) // the generator writes one space between words
		if cc := e.Field(2); e.Field(1) == "country" && len(cc) == 2 {
			// a country's two-letter code is its web domain's ending
			// (ISO 3166 alpha-2 = the country-code TLD)
			l.ccTLDs["."+strings.ToLower(cc)] = true
		}
		if _, dup := l.geo[k]; dup {
			return
		}
		pop, _ := strconv.ParseUint(e.Field(3), 10, 32)
		l.geo[k] = geoPlace{name: e.Key(), cc: e.Field(2), region: e.Field(1) == "region", pop: uint32(pop)}
		if n := strings.Count(k, " ") + 1; n > l.geoMax {
			l.geoMax = n
		}
		w, _, _ := strings.Cut(k, " ")
		gi := l.gen[w]
		gi.first |= geoFirst
		l.gen[w] = gi
	})
}

// collectWords adds every word of the trie's phrases to set.
func collectWords(n *pnode, set map[string]bool) {
	for w, c := range n.next {
		set[w] = true
		collectWords(c, set)
	}
}

// genFlags are gi's flags for token t: an acronym-sized word in capitals
// ("CEM", "ALI") is no generated name, as the hand lists' names may be.
func (gi genInfo) genFlags(t *tok) uint16 {
	if t.allCaps && len(t.low) <= 4 {
		return gi.flags &^ (fGiven | fSurname | fNameLike)
	}
	return gi.flags
}

// givenName reports whether w (lower case) is a given name, hand-kept or
// generated, and its gender ("m", "f", "" when unknown). A name spelled like
// a common word ("Bill", "Rose") is none here.
func (l *lex) givenName(w string) (string, bool) {
	if g, ok := l.given[w]; ok {
		return g, true
	}
	gi, ok := l.gen[w]
	if !ok || gi.flags&fGiven == 0 {
		return "", false
	}
	return l.givenGender(w), true
}

// givenGender is the gender of w as a given name, "" when unknown: also of
// a name spelled like a common word, for a person already found ("Bill
// Shorten").
//
// A generated name that is also a surname gives none: "Rana" in "Rana Javed
// Iqbal" is a family name, and a generated list's gender is the wrong
// evidence then.
func (l *lex) givenGender(w string) string {
	if g, ok := l.given[w]; ok {
		return g
	}
	gi := l.gen[w]
	if gi.flags&fSurname != 0 || l.surnames[w] {
		return ""
	}
	return gi.genderString()
}

func (gi genInfo) genderString() string {
	switch gi.gender {
	case 'm':
		return "m"
	case 'f':
		return "f"
	}
	return ""
}

// geoMatch returns the longest gazetteer name starting at token i within
// [i, end): its length in tokens and what the gazetteer knows; 0 when none.
func (st *state) geoMatch(i, end int) (int, geoPlace) {
	if i >= end || st.t[i].first&geoFirst == 0 {
		return 0, geoPlace{}
	}
	l := st.f.l
	end = min(end, i+l.geoMax)
	// the key is built in a reused buffer: a map index by string(bytes)
	// does not allocate
	buf := st.geoBuf[:0]
	best, bp := 0, geoPlace{}
	for j := i; j < end; j++ {
		if !st.t[j].word {
			break
		}
		if j > i {
			buf = append(buf, ' ')
		}
		buf = append(buf, st.low[j]...)
		if g, ok := l.geo[string(buf)]; ok {
			best, bp = j-i+1, g
		}
	}
	st.geoBuf = buf
	return best, bp
}

// --- helpers of the rules (place.go, person.go, filters.go) ---------------------

// geoName reports whether [a, b) is exactly one gazetteer name written as a
// name (every word capitalized, none quoted, no possessive but at its end,
// no word in capitals outside a sentence in capitals: "in TUI mode" is an
// acronym) and none of its words is one the hand lists know as something
// else; when person is false, none may be a given name or surname either.
// It returns what the gazetteer knows.
func (st *state) geoName(a, b int, person bool) (geoPlace, bool) {
	for i := a; i < b; i++ {
		if st.t[i].allCaps && !st.allCapsSentence(i) {
			return geoPlace{}, false
		}
	}
	return st.geoNameAnyCase(a, b, person)
}

// geoNameAnyCase is geoName for a dateline, whose place is in capitals.
func (st *state) geoNameAnyCase(a, b int, person bool) (geoPlace, bool) {
	n, g := st.geoMatch(a, b)
	if n != b-a || n == 0 {
		return geoPlace{}, false
	}
	other := fStop | fOrgWord | fHead | fTitleWord | fDocWord | fDemonym | fRegion
	if !person {
		other |= fGiven | fSurname
	}
	for i := a; i < b; i++ {
		t := &st.t[i]
		// a compass word may open a name of two words or more ("East Lothian")
		compass := i == a && b-a >= 2 && compassWords[t.low] && !t.has(other&^fOrgWord)
		if i > a && i < b-1 && !t.cap && t.has(fConnector) {
			continue // "São Bernardo do Campo", "Rio de Janeiro": the gazetteer matched it whole
		}
		if !t.cap || t.quote || t.has(other) && !compass || i < b-1 && t.poss {
			return geoPlace{}, false
		}
	}
	return g, true
}

// geoPlaceName is the place as written, or as the gazetteer writes it when
// the text has it in capitals ("TAMPERE").
func (st *state) geoPlaceName(a, b int) string {
	if st.t[a].allCaps {
		if n, g := st.geoMatch(a, b); n == b-a {
			return g.name
		}
	}
	return st.slice(a, b)
}

// possAfter reports whether the run ending at b ends in a possessive:
// "Jackson's", or "Jackson" "'s" as the tokenizer may split it.
func (st *state) possAfter(b int) bool {
	if st.t[b-1].poss {
		return true
	}
	return b < len(st.t) && (st.low[b] == "'s" || st.low[b] == "’s" || st.low[b] == "’" || st.low[b] == "'")
}

// curatedPlace reports whether the hand-kept gazetteer has a place starting
// at a within [a, b): its rules handle the run.
func (st *state) curatedPlace(a, b int) bool {
	n, _ := st.match(pPlaces, a, b)
	return n > 0
}

// geoCountry returns the country or region named at token i (hand-kept
// gazetteer or generated), as the generated gazetteer knows it.
func (st *state) geoCountry(i int) (geoPlace, bool) {
	end := min(len(st.t), i+st.f.l.geoMax)
	n, g := st.geoMatch(i, end)
	if n == 0 || !st.t[i].cap || g.pop != 0 {
		return geoPlace{}, false // towns have people counted; countries and regions 0
	}
	return g, true
}

// covered reports whether token i lies in a mention from m0 on.
func (st *state) covered(m0, i int) bool {
	for _, m := range st.ments[m0:] {
		if m.a <= i && i < m.b {
			return true
		}
	}
	return false
}

// weakAt returns the index of the weak person mention (a lone word no cue
// supports) from m0 on that covers token i, or -1.
func (st *state) weakAt(m0, i int) int {
	for x := m0; x < len(st.ments); x++ {
		if m := &st.ments[x]; m.k == kPerson && m.weak && !m.cued && m.a <= i && i < m.b {
			return x
		}
	}
	return -1
}

// listSep returns the token after a list separator at j ("," "and" "or",
// ", and"), or -1.
func (st *state) listSep(j, b int) int {
	if j >= b {
		return -1
	}
	switch st.low[j] {
	case ",":
		if j+1 < b && (st.low[j+1] == "and" || st.low[j+1] == "or") {
			return j + 2
		}
		return j + 1
	case "and", "or":
		return j + 1
	}
	return -1
}

// placeAfter returns the place mention a separator at j leads to, or -1.
func (st *state) placeAfter(m0, j, b int) int {
	if k := st.listSep(j, b); k >= 0 {
		return st.placeAt(m0, k)
	}
	return -1
}

// placeBefore returns the place mention that ends at a separator right
// before i, or -1.
func (st *state) placeBefore(m0, a, i int) int {
	for j := i - 1; j > a && j >= i-2; j-- {
		if k := st.listSep(j, i); k == i {
			for x := m0; x < len(st.ments); x++ {
				if m := &st.ments[x]; m.k == kPlace && m.b == j {
					return x
				}
			}
		}
	}
	return -1
}

// sameCountry reports whether place mention x lies in country cc as the
// gazetteer knows it: list members of one country ("Oulu, Tampere and
// Helsinki"), not a town's namesake next to another country's place.
func (st *state) sameCountry(cc string, x int) bool {
	if x < 0 || cc == "" {
		return false
	}
	m := &st.ments[x]
	n, g := st.geoMatch(m.a, m.b)
	return n == m.b-m.a && g.cc == cc
}

// geoWord reports whether token i is a one-word gazetteer name that is no
// given name or surname.
func (st *state) geoWord(i int) bool {
	_, ok := st.geoName(i, i+1, false)
	return ok
}

// placeAt returns the index of the place mention starting at token k, or -1.
func (st *state) placeAt(m0, k int) int {
	for x := m0; x < len(st.ments); x++ {
		if m := &st.ments[x]; m.k == kPlace && m.a == k {
			return x
		}
	}
	return -1
}

// regionListAfter reports whether the list going on at j ends in a place
// whose last word is a plural region word ("Mingbulak districts"), through
// places and single capitalized words.
func (st *state) regionListAfter(m0, j, b int) bool {
	for steps := 0; steps < 8; steps++ {
		k := st.listSep(j, b)
		if k < 0 {
			return false
		}
		if x := st.placeAt(m0, k); x >= 0 {
			m := &st.ments[x]
			if pluralRegion(st.low[m.b-1]) {
				return true
			}
			j = m.b
			continue
		}
		if k < b && st.t[k].cap && st.unknownWord(k) {
			j = k + 1
			continue
		}
		return false
	}
	return false
}

// unknownWord reports whether token i is a capitalized word that no list
// knows as anything and that does not look like a name.
func (st *state) unknownWord(i int) bool {
	t := &st.t[i]
	if t.has(fStop|fOrgWord|fHead|fTitleWord|fDocWord|fDemonym|fRegion|fConnector|fGiven|fSurname|fSurnameEnd|fNameLike|fCommon) || t.allCaps || t.first != 0 {
		return false
	}
	return !strings.ContainsAny(t.low, "0123456789")
}

// pluralRegion reports whether w is the plural of a region word:
// "districts", "regions", "counties", "provinces".
func pluralRegion(w string) bool {
	if sg := singular(w); sg != w && regionWords[sg] {
		return true
	}
	return strings.HasSuffix(w, "s") && regionWords[w[:len(w)-1]]
}
