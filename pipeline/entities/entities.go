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
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/segment"
)

// Finder finds entities; build it once with New and share it.
type Finder struct {
	l    *lex
	pool sync.Pool // *state scratch reused across calls; results never point into it
}

// New precompiles the lexicon's lists into maps.
func New(lx *lexicon.Lexicon) *Finder {
	return &Finder{l: buildLex(lx)}
}

// Title is a title phrase found before, after or instead of a name.
type Title struct {
	doc.Span
	Text     string // the position as written: "Deputy Chairman", "akim"
	Country  bool   // a post of a country or region (org null unless a body is named)
	Refers   string // for title-only references: the title it stands for ("President")
	Person   int    // index into Result.People, -1 when no person is attached
	Org      int    // index into Result.Organizations, -1 when none
	OrgText  string // the body as written in this phrase ("" when none)
	Place    string // the place the phrase names ("Kazakhstan" in "President of Kazakhstan")
	Sentence int
	Method   string // "rule:title-name", "rule:name-title", "rule:title-chain", "rule:title-only"
}

// Result is what Find returns. Slices are ordered by first mention.
type Result struct {
	People        []doc.Person
	Organizations []doc.Organization
	Locations     []doc.Location
	Mentions      []doc.Mention
	Titles        []Title
}

// token features computed once per document.
type tok struct {
	low     string // lowercased, possessive stripped
	text    string // possessive stripped
	cap     bool   // starts with an upper-case letter
	allCaps bool   // two or more letters, all upper case
	initial bool   // "N.", "T.B.", "B", "JP" before a name
	quote   bool
	poss    bool  // ended in 's
	ppos    bool  // a plural possessive's apostrophe inside a name: "Workers' Unions"
	trim    int   // runes of a possessive inside the token
	bs, be  int   // byte offsets of the token in the text
	beTrim  int   // byte offset of the token's end without the possessive
	word    bool  // has a letter
	first   uint8 // bit k: a phrase of list k may start here (see match)
	flags   uint16
}

// Token flags: lexicon memberships of the lower-cased token, looked up once.
const (
	fStop uint16 = 1 << iota
	fOrgWord
	fHead
	fTitleWord
	fDocWord
	fDemonym
	fSurname
	fGiven
	fSurnameEnd
	fRegion
	fConnector
	fNounEnd // an abstract or plural common noun's ending (nounEnding)
)

func (t *tok) has(f uint16) bool { return t.flags&f != 0 }

// Phrase lists matched on tokens.
const (
	pTitles = iota
	pHonorifics
	pPlaces
	pOrgs
)

// match returns the longest phrase of list k starting at token i, within
// [i, end); the per-token first bits stand for the list's first-word set
// (st.low[i] is st.t[i].low), so only the trie is walked.
func (st *state) match(k, i, end int) (int, lexicon.Entry) {
	if i >= end || st.t[i].first&(1<<k) == 0 {
		return 0, nil
	}
	return st.f.l.ph[k].walk(st.low, i, end)
}

// setFlags looks every token up in the lexicon once.
func (st *state) setFlags() {
	l := st.f.l
	for i := range st.t {
		t := &st.t[i]
		var wi winfo
		if t.low == "" || l.wordStart[t.low[0]] {
			// a sixth of the tokens (punctuation, numbers) skip the map
			wi = l.words[t.low]
		}
		t.first, t.flags = wi.first, wi.flags
		if !t.cap || !t.word {
			continue // word endings matter for capitalized words only
		}
		if _, ok := l.surnameGender(t.low); ok {
			t.flags |= fSurnameEnd
		}
		if nounEnding(t.low) {
			t.flags |= fNounEnd
		}
	}
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '«', '»', '„', '‘', '’', '‹', '›':
		return true
	}
	return false
}

// lowSpan is where token i's lower-case form lies in features' buffer.
type lowSpan struct{ i, a, b int }

// features fills st.t and st.low (reused from an earlier document when
// large enough) for d's tokens.
func (st *state) features(d *segment.Doc) {
	ts, low := st.t, st.low
	if cap(ts) < len(d.Tokens) {
		ts = make([]tok, len(d.Tokens))
		low = make([]string, len(d.Tokens))
	}
	ts, low = ts[:len(d.Tokens)], low[:len(d.Tokens)]
	// byte offsets from rune offsets, in one walk over the text, so names
	// are substrings of the text rather than new strings
	text := d.Text
	bpos, rpos := 0, 0
	toByte := func(r int) int {
		for rpos < r && bpos < len(text) {
			_, w := utf8.DecodeRuneInString(text[bpos:])
			bpos += w
			rpos++
		}
		return bpos
	}
	// lower-case forms that differ from the text go into one buffer (kept
	// for the next document), converted to a string once
	buf := st.lowBuf[:0]
	lowered := st.lowered[:0]
	for i, t := range d.Tokens {
		s := t.Text
		var f tok
		f.bs = toByte(t.Start)
		if strings.HasSuffix(s, "’s") || strings.HasSuffix(s, "'s") {
			if n := utf8.RuneCountInString(s); n > 2 {
				f.poss = true
				f.trim = 2
				s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "'s")
			}
		}
		f.text = s
		letters, upper, ascii := 0, 0, true
		for k := 0; k < len(s); k++ {
			if c := s[k]; c >= utf8.RuneSelf {
				ascii = false
				break
			} else if c >= 'a' && c <= 'z' {
				letters++
			} else if c >= 'A' && c <= 'Z' {
				letters++
				upper++
			}
		}
		if !ascii {
			letters, upper = 0, 0
			for _, c := range s {
				if unicode.IsLetter(c) {
					letters++
					if unicode.IsUpper(c) {
						upper++
					}
				}
			}
		}
		if upper == 0 && ascii {
			f.low = s
		} else {
			a := len(buf)
			if ascii {
				for k := 0; k < len(s); k++ {
					c := s[k]
					if c >= 'A' && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf = append(buf, c)
				}
			} else {
				for _, c := range s {
					buf = utf8.AppendRune(buf, unicode.ToLower(c))
				}
			}
			lowered = append(lowered, lowSpan{i, a, len(buf)})
		}
		r, _ := utf8.DecodeRuneInString(s)
		f.cap = unicode.IsUpper(r)
		f.word = letters > 0
		f.allCaps = letters >= 2 && upper == letters
		if isQuote(r) && utf8.RuneCountInString(s) == 1 {
			f.quote = true
		}
		// "N.", "T.B.", "T.C."
		if f.cap && strings.HasSuffix(s, ".") && letters == upper && letters <= 3 && letters >= 1 {
			f.initial = true
		}
		f.beTrim = toByte(t.End - f.trim)
		f.be = toByte(t.End)
		ts[i] = f
	}
	all := string(buf)
	st.lowBuf, st.lowered = buf[:0], lowered[:0]
	for _, sp := range lowered {
		ts[sp.i].low = all[sp.a:sp.b]
	}
	for i := range ts {
		low[i] = ts[i].low
	}
	// a possessive the tokenizer split off: "Senate" "’" "s"
	for i := 1; i+1 < len(ts); i++ {
		if (d.Tokens[i].Text == "’" || d.Tokens[i].Text == "'") && d.Tokens[i+1].Text == "s" &&
			d.Tokens[i].Start == d.Tokens[i-1].End && d.Tokens[i+1].Start == d.Tokens[i].End && ts[i-1].word {
			ts[i-1].poss = true
			ts[i] = tok{low: "’", text: "’", bs: ts[i].bs, be: ts[i].be, beTrim: ts[i].be}
			ts[i+1] = tok{low: "'s", text: "'s", bs: ts[i+1].bs, be: ts[i+1].be, beTrim: ts[i+1].be}
			low[i], low[i+1] = "’", "'s"
		}
	}
	st.pluralPossessives(d, ts)
	st.t, st.low = ts, low
}

// pluralPossessives marks the apostrophe of a plural possessive that joins
// two capitalized words of one name ("Federation of Workers' Unions",
// "Korean Workers' Party"): glued to a word ending in s, a space after it,
// a capitalized word next, and no single quote left open before it in the
// paragraph (else it closes that quote).
func (st *state) pluralPossessives(d *segment.Doc, ts []tok) {
	open, para := false, -1
	for i := range ts {
		tx := d.Tokens[i].Text
		if tx != "'" && tx != "’" && tx != "‘" {
			continue
		}
		// a quote may run over sentences, not over paragraphs
		if p := d.ParagraphOf(d.Tokens[i].Start); p != para {
			open, para = false, p
		}
		sent := d.Tokens[i].Sentence
		glued := i > 0 && d.Tokens[i].Start == d.Tokens[i-1].End
		if glued && i+1 < len(ts) && d.Tokens[i+1].Start == d.Tokens[i].End {
			continue // inside a word: "Senate’s", "C’ttee"
		}
		if !glued || tx == "‘" {
			open = true // an opening mark: space (or nothing) before it
			continue
		}
		if open {
			open = false
			continue
		}
		prev := ts[i-1].text
		if i+1 < len(ts) && d.Tokens[i+1].SpaceBefore && d.Tokens[i+1].Sentence == sent && ts[i+1].cap && ts[i+1].word &&
			ts[i-1].cap && !ts[i-1].poss && (strings.HasSuffix(prev, "s") || strings.HasSuffix(prev, "S")) {
			ts[i].ppos, ts[i].quote = true, false
		}
	}
}

// connectors may stand inside a name when a capitalized word follows.
var connectors = map[string]bool{
	"of": true, "the": true, "for": true, "on": true, "and": true, "under": true,
	"to": true, "de": true, "da": true, "al": true, "el": true, "bin": true, "binti": true,
	"ibn": true, "van": true, "von": true, "der": true, "&": true, "with": true,
	"bint": true, "oglu": true, "ogly": true, "oğlu": true, "kyzy": true, "qizi": true, "gizi": true, "uly": true, "ulu": true,
}

// genericGroup reports whether segment [a, b) is an unnamed group of
// bodies: its head (the last head before any "of" or "and") is plural and
// every other capitalized word is a generic body or region word ("Local
// Trade Unions", "Trade Unions of the region", "Primary Trade Union
// Organizations"). FORMAT.md lists no such groups as organizations.
func (st *state) genericGroup(a, b int) bool {
	l := st.f.l
	plural := false
	inHead := true
	for i := a; i < b; i++ {
		t := &st.t[i]
		w := st.low[i]
		if t.quote || t.allCaps || !t.word && !t.has(fConnector) {
			return false
		}
		if w == "of" || w == "and" {
			inHead = false // a headline writes "Of"
		}
		if !t.cap {
			if !t.has(fConnector) && !regionWords[w] {
				return false
			}
			continue
		}
		sg := singular(w)
		head := l.heads[w] || l.heads[sg]
		if !(head || l.orgWords[w] || l.orgWords[sg] || regionWords[w] || t.has(fConnector|fStop)) {
			return false
		}
		if inHead && head {
			plural = sg != w && l.heads[sg] && !l.alone[w]
		}
	}
	return plural && st.knownOrg(a, b) == 0
}

// pluralTitleAfterBody reports whether token i is a plural title right
// after an acronym or a head that starts segment [a, i): "BJD MLAs" names
// the party's members, whose body is the BJD.
func (st *state) pluralTitleAfterBody(a, i int) bool {
	t, prev := &st.t[i], &st.t[i-1]
	if !t.cap || i-a > 2 || !(prev.allCaps && !prev.initial || prev.cap && prev.has(fHead)) {
		return false
	}
	for k := a; k < i; k++ {
		if st.t[k].has(fConnector) {
			return false
		}
	}
	w := st.low[i]
	sg := singular(w)
	if sg == w && len(t.text) >= 3 && t.text[len(t.text)-1] == 's' && strings.ToUpper(t.text[:len(t.text)-1]) == t.text[:len(t.text)-1] {
		sg = w[:len(w)-1] // "MPs"
	}
	return sg != w && st.f.l.titleWords[sg] && !st.f.l.heads[w]
}

// venueWords end the name of a building or public place: "State Congress
// Hall", "Unity Square" are where a meeting is held, not who holds it.
var venueWords = map[string]bool{
	"hall": true, "stadium": true, "square": true, "park": true, "plaza": true, "arena": true,
	"auditorium": true, "grounds": true, "gardens": true, "street": true, "avenue": true,
	"airport": true, "bridge": true,
}

// venue reports whether segment [a, b) ends in a capitalized venue word
// (a venue with a body's word in it is still no body: "State Congress Hall").
func (st *state) venue(a, b int) bool {
	e := st.trimQuotes(b)
	return e-a >= 2 && st.t[e-1].cap && venueWords[st.low[e-1]]
}

// awardWords before a quoted name make it an award's or a slogan's: the
// badge “Honored Transport Worker”, the slogan “Strong Union – Strong
// Worker” name no body.
var awardWords = map[string]bool{
	"badge": true, "medal": true, "award": true, "prize": true, "diploma": true,
	"certificate": true, "title": true, "order": true, "insignia": true, "cup": true,
	"slogan": true, "motto": true, "theme": true, "hashtag": true,
}

// awardName reports whether the quoted segment starting at a follows an
// award word written in lower case.
func (st *state) awardName(a int) bool {
	if !st.t[a].quote {
		if a == 0 || !st.t[a-1].quote {
			return false
		}
		a--
	}
	return a > 0 && !st.t[a-1].cap && awardWords[st.low[a-1]]
}

// settlementWords before "of" introduce a place: "the village of Baitik".
var settlementWords = map[string]bool{
	"village": true, "town": true, "settlement": true, "aul": true, "township": true, "hamlet": true,
}

// regionWords follow a place ("Almaty region") or stand between a place and
// a head ("Turkestan regional Maslikhat").
var regionWords = map[string]bool{
	"region": true, "regions": true, "oblast": true, "oblasts": true, "regional": true,
	"city": true, "district": true, "districts": true, "province": true, "state": true,
	"village": true, "county": true,
}

// withNouns take "with" inside a body's name.
var withNouns = map[string]bool{"cooperation": true, "interaction": true, "relations": true, "communication": true, "work": true, "contacts": true}

// nameParticles stand between parts of one person's name.
// Turkic patronymic markers ("Rauf Gasim oglu Aliyev", "Aizhan Serik kyzy")
// stand between a father's name and the surname.
var nameParticles = map[string]bool{"bin": true, "binti": true, "bint": true, "ibn": true, "van": true, "von": true, "de": true, "da": true, "al": true,
	"oglu": true, "ogly": true, "oğlu": true, "kyzy": true, "qizi": true, "gizi": true, "uly": true, "ulu": true}

// particleStart reports whether a capitalized name particle at a starts a
// name rather than joining two: "Da Nang", "Van Tuan" after a stripped
// "the"; a capitalized word must follow.
func (st *state) particleStart(a, b int) bool {
	return st.t[a].cap && nameParticles[st.low[a]] && a+1 < b && st.t[a+1].cap && st.t[a+1].word
}

// articledName reports whether token i is an Arabic surname written with its
// article in lower case: "al-Mutairi", "el-Sayed", "ad-Din".
func (st *state) articledName(i int) bool {
	w := st.t[i].text
	for _, pre := range [...]string{"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ud-"} {
		if strings.HasPrefix(w, pre) && len(w) > len(pre) {
			r, _ := utf8.DecodeRuneInString(w[len(pre):])
			return unicode.IsUpper(r)
		}
	}
	return false
}

// notPersonAfter are lowercase nouns after which a name names a thing.
var notPersonAfter = map[string]bool{
	"mine": true, "plant": true, "factory": true, "street": true, "avenue": true,
	"square": true, "airport": true, "stadium": true, "museum": true, "park": true,
	"prize": true, "award": true, "school": true, "university": true, "field": true,
}

// --- internal mentions -----------------------------------------------------

type kind uint8

const (
	kPerson kind = iota
	kOrg
	kPlace
)

type ment struct {
	k        kind
	a, b     int    // token range [a, b)
	name     string // surface without honorific / the bare place name / org name
	alias    string // extra surface form to record (honorific form, quoted short name)
	method   string
	weak     bool // a lone word that needs another mention or a cue to be a person
	cued     bool
	cluster  int
	acronym  string   // org: acronym defined right after it
	headOnly bool     // org: a bare head word ("the Government")
	key      []string // org: clustering key, computed once
	keyStr   string   // key joined with spaces
	inner    int      // org: 1 + index of the body named inside it, 0 when none
	prefix   int      // org: tokens before the connector to that inner body
}

type titleRef struct {
	a, b    int
	text    string
	entry   lexicon.Entry
	person  int // ment index or -1
	org     int // ment index or -1
	orgText string
	place   string
	method  string
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

	partArena []part    // backing store of runInfo.parts
	partTmp   []part    // the parts of the run being parsed
	runTmp    [][2]int  // the runs of the sentence being scanned
	lowered   []lowSpan // scratch of features
	lowBuf    []byte    // scratch of features
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
func (f *Finder) Find(d *segment.Doc) Result {
	if d == nil || len(d.Tokens) == 0 {
		return Result{}
	}
	st, _ := f.pool.Get().(*state)
	if st == nil {
		st = &state{}
	}
	defer f.pool.Put(st)
	st.reset(f, d)
	st.features(d)
	st.setFlags()
	for s := range d.SentTokens {
		a, b := d.SentTokens[s][0], d.SentTokens[s][1]
		if a < b {
			st.sentence(a, b)
		}
	}
	return st.result()
}

// --- runs ------------------------------------------------------------------

// unitAt reports the length in tokens of a run unit starting at i: a title,
// an honorific, a capitalized word, or a quoted capitalized name.
func (st *state) unitAt(i, end int, first bool) int {
	if i >= end {
		return 0
	}
	t := st.t[i]
	if n, _ := st.match(pTitles, i, end); n > 0 && !st.modifierTitle(i, n, end) {
		return n
	}
	if n, _ := st.match(pHonorifics, i, end); n > 0 && t.cap {
		if i+n < end && st.low[i+n] == "." && st.d.Tokens[i+n].Start == st.d.Tokens[i+n-1].End {
			n++ // "Mr" "."
		}
		return n
	}
	if t.quote {
		// a quoted capitalized name: “Organization of Veterans”, «AMANAT»
		for j := i + 1; j < end && j < i+10; j++ {
			if st.t[j].quote {
				if j > i+1 && st.t[i+1].cap && closes(st.t[i].text, st.t[j].text) {
					return j - i + 1
				}
				return 0
			}
			if !st.t[j].word && !strings.ContainsAny(st.t[j].text, "-&") {
				return 0
			}
			if !st.t[j].cap && !st.t[j].has(fConnector) && !strings.ContainsAny(st.t[j].text, "-&") {
				return 0
			}
		}
		return 0
	}
	if !t.cap || !t.word {
		return 0
	}
	if first && t.has(fStop) {
		// "New Delhi", "The Hague": a place whose name starts with a
		// function word is still a name
		if n := st.stopPlace(i, end); n > 0 {
			return n
		}
		if st.leader(i, end) {
			return 1
		}
		return 0
	}
	return 1
}

// modifierTitle reports whether a one-word title at i that also modifies
// titles ("chief", "deputy") is written in lower case before a lower-case
// modifier or title: "chief state labor inspector" is one post, whose
// title is found at its last word, not a "chief".
func (st *state) modifierTitle(i, n, end int) bool {
	if n != 1 || st.t[i].cap || !st.f.l.titleMods[st.low[i]] || i+1 >= end || st.t[i+1].cap {
		return false
	}
	return st.f.l.titleMods[st.low[i+1]] || st.isTitleStart(i+1)
}

// groupWords name a political group by its party or colour ("the Green
// group", "the Labour faction", "the Progressive caucus").
var groupWords = map[string]bool{"group": true, "faction": true, "caucus": true, "bloc": true}

// quotedParty reports whether token j is a lower-case "party" right after a
// quoted name: "the «Nur Zholy» party" names the party in the quotes.
func (st *state) quotedParty(j int) bool {
	return j > 1 && st.low[j] == "party" && !st.t[j].cap && st.t[j-1].quote && st.t[j-2].word
}

// groupName reports whether the capitalized words right before the group
// word at j are one to three, follow "the" (or open the run at the sentence
// start) and hold no title: "the Liberal Democrat group", "for the Green
// group", not "Tom Hart group" nor "the Chairman group".
func (st *state) groupName(start, j int) bool {
	c := j - 1
	for c > start && st.t[c-1].cap && st.t[c-1].word {
		c--
	}
	if j-c > 3 || !st.t[j-1].cap || !st.t[j-1].word {
		return false
	}
	for i := c; i < j; i++ {
		if st.t[i].has(fTitleWord) || st.t[i].has(fGiven) {
			return false
		}
	}
	if c == 0 || st.d.Tokens[c-1].Sentence != st.d.Tokens[c].Sentence {
		return true
	}
	return st.low[c-1] == "the" || st.low[c-1] == "a"
}

// nameLeaders are function words that begin a body's name in Title Case
// ("All Pakistan Trade Union Federation", "Great Lakes Regional Council",
// "New Democratic Party").
var nameLeaders = map[string]bool{"all": true, "great": true, "new": true}

// leader reports whether the name leader at i begins a body's name: written
// in Title Case, a capitalized word that is no head follows ("New
// Government" is a new government), and the first head word after it is
// singular ("All Trade Unions" is every union).
func (st *state) leader(i, end int) bool {
	t := st.t[i]
	if !nameLeaders[t.low] || !t.cap || t.allCaps || t.poss || i+1 >= end {
		return false
	}
	n := st.t[i+1]
	if !n.cap || !n.word || n.quote || n.has(fStop|fHead) || st.unitAtTitle(i+1, end) > 0 {
		return false
	}
	l := st.f.l
	for j := i + 1; j < end && j < i+9; j++ {
		w := st.t[j]
		if w.cap && l.heads[w.low] {
			sg := singular(w.low)
			return sg == w.low || !l.heads[sg]
		}
		if w.poss || !(w.cap && w.word || w.has(fConnector) || w.ppos) {
			return false
		}
	}
	return false
}

// datelineState returns the length (with its period) of a state
// abbreviation run [a, b) that follows "CITY," at the start of a sentence
// and precedes a dash, or 0.
func (st *state) datelineState(a, b int) int {
	if b != a+1 || a < 2 || a+2 >= len(st.low) || st.low[a-1] != "," || st.low[a+1] != "." {
		return 0
	}
	if _, ok := st.f.l.stateAbbr[st.low[a]]; !ok {
		return 0
	}
	if s := st.d.Tokens[a].Sentence; s >= len(st.d.SentTokens) || st.d.SentTokens[s][0] > a-2 {
		return 0
	}
	city := a - 2
	for city > 0 && st.t[city-1].cap && st.low[city-1] != "," {
		city--
	}
	if s := st.d.Tokens[a].Sentence; st.d.SentTokens[s][0] != city || !st.t[city].cap {
		return 0
	}
	switch st.d.Tokens[a+2].Text {
	case "—", "–", "-", "--":
		return 2
	}
	return 0
}

// listPreps introduce a list of places ("in Olgii and Tsengel").
var listPreps = map[string]bool{"in": true, "near": true}

// compassWords name a part of a place in a constituency ("Kisumu Central",
// "Leeds North East").
var compassWords = map[string]bool{"north": true, "south": true, "east": true, "west": true, "central": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true}

// constituency returns how many capitalized compass words follow the place
// [a, e) when they make an electoral seat: "Kisumu Central MP", "the MP for
// Leeds North East". Elsewhere ("Almaty East district") it returns 0.
func (st *state) constituency(a, e, b int) int {
	k := e
	for k < b && k < e+2 && st.t[k].cap && compassWords[st.low[k]] {
		k++
	}
	if k == e {
		return 0
	}
	before := a >= 2 && st.low[a-1] == "for" && (st.low[a-2] == "mp" || st.low[a-2] == "member")
	after := k < len(st.low) && (st.low[k] == "mp" || st.low[k] == "constituency")
	if !before && !after {
		return 0
	}
	return k - e
}

// stopPlace returns the length of a gazetteer place of two or more tokens
// that starts at i with a capitalized function word, or 0.
func (st *state) stopPlace(i, end int) int {
	if !st.t[i].cap {
		return 0
	}
	if n, _ := st.match(pPlaces, i, end); n >= 2 {
		return n
	}
	return 0
}

// closes reports whether quote mark c can close a quote opened by o.
func closes(o, c string) bool {
	switch o {
	case "«":
		return c == "»"
	case "‘", "’":
		return c == "’"
	case "'":
		return c == "'"
	}
	return c == "”" || c == "\"" || c == "“"
}

// sentence scans one sentence's tokens [a, b) for runs.
func (st *state) sentence(a, b int) {
	runs := st.runTmp[:0]
	i := a
	for i < b {
		n := st.unitAt(i, b, true)
		if n == 0 {
			i++
			continue
		}
		start := i
		j := i + n
		for j < b {
			if st.t[j-1].poss {
				break
			}
			// "Union Backs Governor In Budget Row": in a Title Case
			// headline a function word that joins no name ends the run
			if st.t[j].cap && st.t[j].has(fStop) && !st.t[j].has(fConnector) && st.titleCaseHeadline(j) && st.stopPlace(j, b) == 0 {
				break
			}
			if m := st.unitAt(j, b, false); m > 0 {
				j += m
				continue
			}
			if st.t[j].ppos {
				if m := st.unitAt(j+1, b, false); m > 0 {
					j += 1 + m
					continue
				}
			}
			// "Khalid bin Saeed al-Harthi": a lower-case article starts the surname
			if st.articledName(j) && st.nameWord(j-1, false) {
				j++
				continue
			}
			// connectors followed by a unit
			k := j
			for k < b && k < j+3 && st.t[k].has(fConnector) && !st.t[k].cap {
				k++
			}
			if k > j && st.crossable(start, j) && st.unitAt(k, b, true) > 0 && !(st.low[k-1] == "and" && st.isTitleStart(k)) {
				j = k
				continue
			}
			// "Trade Union Center of the region": a body of the region the
			// text is about
			if j+2 < b && st.low[j] == "of" && st.low[j+1] == "the" && (st.low[j+2] == "region" || st.low[j+2] == "oblast" || st.low[j+2] == "city" || st.low[j+2] == "district") &&
				st.f.l.heads[st.low[j-1]] && (j+3 >= b || !st.t[j+3].cap) {
				j += 3
				break
			}
			// "Ministry of Digital Development, Defense and Aerospace
			// Industry": a portfolio list inside a ministry's name
			if n := st.portfolioList(start, j, b); n > 0 {
				j += n
				continue
			}
			// region words after a capitalized word
			if st.t[j].has(fRegion) && !st.t[j].cap && st.t[j-1].cap {
				j++
				continue
			}
			// a political group named by its party or colour: "the Green
			// group", "the Liberal Democrat group" is a body, not a person
			if groupWords[st.low[j]] && !st.t[j].cap && st.groupName(start, j) {
				j++
				break
			}
			// a quoted name with "party" after it: "the «Nur Zholy» party"
			if st.quotedParty(j) {
				j++
				break
			}
			// lowercase head after a region word: "oblast maslikhat"
			if !st.t[j].cap && st.t[j].has(fHead) && st.t[j-1].has(fRegion) {
				j++
				continue
			}
			break
		}
		runs = append(runs, [2]int{start, j})
		i = j
	}
	st.runTmp = runs
	first := len(st.runs)
	for _, r := range runs {
		st.run(r[0], r[1], b)
	}
	st.link(st.runs[first:], b)
}

// crossable reports whether the connector at j may continue run [start, j):
// "to" only after a title ("Ambassador to"), "and" not after a name
// ("Nazarbayev and Vladimir Putin" are two people).
func (st *state) crossable(start, j int) bool {
	l := st.f.l
	prev := st.low[j-1]
	if nameParticles[st.low[j]] && st.low[j] != "de" && st.low[j] != "da" && st.low[j] != "al" && st.nameWord(j-1, false) {
		return true
	}
	// "Chief Whip Nurlan Bekov of the Union": a name ends the run
	if j-start >= 2 && st.nameWord(j-1, false) && st.nameWord(j-2, false) {
		_, g := l.given[st.low[j-2]]
		_, s1 := l.surnameGender(prev)
		if g || s1 {
			return false
		}
	}
	switch st.low[j] {
	case "to":
		return l.titleWords[prev]
	case "with":
		// "Council for Cooperation with Representatives of ...", not "met with"
		return withNouns[prev]
	case "and":
		if _, ok := l.given[prev]; ok {
			return false
		}
		// "... LLP Ulykpan Zholmurat and ...": a two-word name ends here
		if j-start >= 3 && st.nameWord(j-1, false) && st.nameWord(j-2, false) && !st.nameWord(j-3, false) {
			return false
		}
		// "Pham Van Tuan and ...", "Tran Thanh Hai and ...": a three-word
		// name with a capitalized particle inside or a known surname first
		// (East Asian order) ends here
		if j-start >= 3 && st.nameWord(j-1, false) && st.nameWord(j-3, false) && (j-start == 3 || !st.nameWord(j-4, false)) &&
			(st.particleStart(j-2, j) || st.nameWord(j-2, false) && st.t[j-3].has(fSurname)) {
			return false
		}
		if _, ok := l.surnameGender(prev); ok && !l.heads[prev] {
			return false
		}
		// "president Datuk Lim Boon Keat and ...": a name after an
		// honorific ends here, whatever its words
		if st.honorificNameBefore(start, j) {
			return false
		}
	}
	return true
}

// honorificNameBefore reports whether the tokens right before j are one to
// four name words that follow an honorific ("Datuk Seri", "Tan Sri", "Mr").
func (st *state) honorificNameBefore(start, j int) bool {
	k := j
	for k > start && j-k < 4 && st.nameWord(k-1, false) && !st.f.l.heads[st.low[k-1]] {
		k--
		for h := max(start, k-3); h < k; h++ {
			if n, _ := st.match(pHonorifics, h, k); n > 0 && h+n == k && st.t[h].cap {
				return true
			}
		}
	}
	return false
}

func (st *state) isTitleStart(i int) bool {
	n, _ := st.match(pTitles, i, len(st.low))
	return n > 0
}

// --- parsing one run ---------------------------------------------------------

// A run is parsed into parts; the parts of the runs of a sentence are linked
// afterwards (apposition, chains).
type part struct {
	k     byte // 't' title, 'o' org, 'l' place, 'p' person, 'd' demonym
	a, b  int
	ment  int // index into st.ments for o/l/p
	title int // index into st.titles for t
}

// runParts is per-run parse output kept for linking.
type runInfo struct {
	a, b  int
	parts []part
}

func (st *state) run(a, b, sentEnd int) {
	l := st.f.l
	ri := runInfo{a: a, b: b}
	// leading function words ("The", "In") never belong to a name
	for a < b && st.t[a].has(fStop) && st.unitAtTitle(a, b) == 0 && st.stopPlace(a, b) == 0 && !st.leader(a, b) {
		a++
	}
	for a < b && connectors[st.low[a]] && !st.particleStart(a, b) {
		a++
	}
	// a sentence-initial common noun before "of": "Workers of “Kezbi” LLP";
	// a capitalized particle joins a name instead ("Nguyen Van Minh")
	if a+2 < b && st.d.Tokens[a].Sentence < len(st.d.SentTokens) && st.d.SentTokens[st.d.Tokens[a].Sentence][0] == a &&
		connectors[st.low[a+1]] && !st.t[a+1].cap && !l.heads[st.low[a]] && st.unitAtTitle(a, b) == 0 && !l.docWords[st.low[a]] && st.knownOrg(a, b) == 0 {
		if n, _ := st.match(pPlaces, a, b); n == 0 {
			a++
			for a < b && connectors[st.low[a]] && !st.particleStart(a, b) {
				a++
			}
		}
	}
	if a >= b {
		st.runs = append(st.runs, ri)
		return
	}
	allCapsRun := st.allCapsSentence(a)
	// "in Aralsk", "near Zarqa": one or two unknown words after "in" name a
	// place the gazetteer lacks
	// "TUCSON, Ariz. —": a US state abbreviation after the dateline's city
	if n := st.datelineState(ri.a, b); n > 0 {
		m := ment{k: kPlace, a: a, b: a + n, name: l.stateAbbr[st.low[a]], method: "rule:dateline-state"}
		st.ments = append(st.ments, m)
		ri.parts = st.keepParts([]part{{k: 'l', a: a, b: a + n, ment: len(st.ments) - 1}})
		st.runs = append(st.runs, ri)
		return
	}
	// "the village of Baitik", "the town of Kentau": so do one or two after
	// a settlement word and "of"
	afterSettlement := ri.a > 1 && st.low[ri.a-1] == "of" && settlementWords[st.low[ri.a-2]]
	if ri.a > 0 && (st.low[ri.a-1] == "in" || st.low[ri.a-1] == "near" || afterSettlement) && b-a <= 2 && st.unknownPlace(a, b) {
		m := ment{k: kPlace, a: a, b: b, name: st.slice(a, b), method: "rule:in-place"}
		st.ments = append(st.ments, m)
		ri.parts = st.keepParts([]part{{k: 'l', a: a, b: b, ment: len(st.ments) - 1}})
		st.runs = append(st.runs, ri)
		return
	}
	// person tail
	p := st.personTail(a, b, allCapsRun)
	pe := b // where the person's name ends
	if p < b && st.titleCaseHeadline(a) {
		// capitals in a Title Case headline make no name ("Holds
		// Plenum"); a name ends with its known words ("Maria Santos
		// Opens Plenum")
		if pe = st.nameEvidenceEnd(p, b); pe == p {
			p, pe = b, b
		}
		// and starts with them: "Opposition Picks Grace Mwangi"
		for k := p; k < pe-1; k++ {
			if t := &st.t[k]; t.has(fGiven|fSurname|fSurnameEnd) || t.initial {
				p = k
				break
			}
		}
	}
	hon := 0
	// descriptor [a, p): titles split it into segments
	parts := st.partTmp[:0]
	i := a
	segStart := a
	flush := func(e int) {
		if segStart < e {
			parts = st.segment(parts, segStart, e)
		}
	}
	for i < p {
		n, _ := st.match(pHonorifics, i, p)
		if n > 0 && i+n < p && st.low[i+n] == "." {
			n++
		}
		if n > 0 && st.t[i].cap && i+n == p {
			flush(i)
			hon = n
			i += n
			segStart = i
			continue
		}
		if n, e := st.match(pTitles, i, p); n > 0 {
			ta := i
			// a portfolio before the title: "Labor Secretary", "Finance Minister"
			if segStart < i && i-segStart <= 2 && st.portfolio(segStart, i) {
				ta = segStart
			} else {
				flush(i)
			}
			// modifiers written in lower case before the run: "working
			// president", "national general secretary", "deputy akim"
			// ("a former state Attorney General" keeps its own capitals)
			if ta == a && !st.t[i].cap {
				for ta > 0 && ta > a-3 && st.d.Tokens[ta-1].Sentence == st.d.Tokens[a].Sentence && l.titleMods[st.low[ta-1]] && !st.t[ta-1].cap {
					ta--
				}
			}
			// titles that follow each other make one: "deputy president"
			for i+n < p {
				m, _ := st.match(pTitles, i+n, p)
				if m == 0 {
					break
				}
				n += m
			}
			n = st.extendMinister(i, n, p)
			// a body word inside the title is no part of it: "party
			// president", "Mazhilis deputy"
			tb := ta
			if tb < i+n-1 && (st.low[tb] == "party" || l.alone[st.low[tb]]) {
				tb++
			}
			st.titles = append(st.titles, titleRef{a: tb, b: i + n, text: st.slice(tb, i+n), entry: e, person: -1, org: -1})
			parts = append(parts, part{k: 't', a: i, b: i + n, title: len(st.titles) - 1})
			i += n
			segStart = i
			continue
		}
		i++
	}
	flush(p)
	if p < pe {
		b := pe
		m := ment{k: kPerson, a: p, b: b, name: st.slice(p, b), method: "rule:name"}
		if hon > 0 {
			m.alias = st.slice(p-hon, b)
			m.method = "rule:honorific"
		}
		if len(parts) > 0 && parts[len(parts)-1].k == 't' {
			m.method = "rule:title-name"
		}
		if b-p == 1 {
			m.weak = !(hon > 0 || (len(parts) > 0 && parts[len(parts)-1].k == 't'))
			m.cued = b < sentEnd && (l.cues[st.low[b]] || (b+1 < sentEnd && l.cues[st.low[b+1]] && (st.low[b] == "also" || st.low[b] == "has")))
		}
		if st.t[p].initial || strings.Contains(st.t[p].text, ".") || (b-p > 1 && st.t[b-1].initial) {
			m.method = "rule:initials"
		}
		st.ments = append(st.ments, m)
		parts = append(parts, part{k: 'p', a: p, b: b, ment: len(st.ments) - 1})
	}
	// titles inside the run take the org after them ("Chairman of the X"),
	// else the org or place before them ("Senate Speaker"), and the person
	// at the run's end.
	pi := -1
	if n := len(parts); n > 0 && parts[n-1].k == 'p' {
		pi = parts[n-1].ment
	}
	for x, pt := range parts {
		if pt.k != 't' {
			continue
		}
		tr := &st.titles[pt.title]
		tr.person = pi
		if pi >= 0 {
			tr.method = "rule:title-name"
		}
		// body after: "of/to the X"
		if x+1 < len(parts) && (parts[x+1].k == 'o' || parts[x+1].k == 'l') {
			st.attach(tr, parts[x+1])
		} else if x > 0 && (parts[x-1].k == 'o' || parts[x-1].k == 'l') {
			st.attach(tr, parts[x-1])
			if x > 1 && parts[x-2].k == 'l' && parts[x-1].k == 'o' {
				tr.place = st.ments[parts[x-2].ment].name
			}
		}
	}
	ri.parts = st.keepParts(parts)
	st.partTmp = parts[:0]
	st.runs = append(st.runs, ri)
}

// keepParts copies a run's parts into the document's part arena: one
// allocation per chunk of runs rather than a slice per run. A full chunk is
// left to the runs that point into it and a new one started.
func (st *state) keepParts(p []part) []part {
	if len(p) == 0 {
		return nil
	}
	if cap(st.partArena)-len(st.partArena) < len(p) {
		st.partArena = make([]part, 0, max(256, 2*cap(st.partArena), len(p)))
	}
	n := len(st.partArena)
	st.partArena = append(st.partArena, p...)
	return st.partArena[n:len(st.partArena):len(st.partArena)]
}

func (st *state) unitAtTitle(i, b int) int {
	n, _ := st.match(pTitles, i, b)
	return n
}

// extendMinister keeps a ministry's portfolio in the title when no ministry
// is named: "Minister of Labor and Social Protection".
func (st *state) extendMinister(i, n, p int) int {
	if (st.low[i+n-1] != "minister" && st.low[i+n-1] != "commissioner") || i+n >= p || (st.low[i+n] != "of" && st.low[i+n] != "for") {
		return n
	}
	j := i + n + 1
	for j < p && (st.t[j].cap || st.low[j] == "and" || st.portfolioOf(j, p)) {
		if st.f.l.heads[st.low[j]] {
			return n
		}
		if k, _ := st.match(pPlaces, j, p); k > 0 {
			break
		}
		if st.low[j] == "of" && st.low[j+1] == "the" {
			j++
		}
		j++
	}
	if j == i+n+1 {
		return n
	}
	return j - i
}

// portfolioOf reports whether "of" at j continues a portfolio and does not
// end it: "Social Protection of the Population" (an org word follows), not
// "Minister of Energy of Kazakhstan".
func (st *state) portfolioOf(j, p int) bool {
	if st.low[j] != "of" {
		return false
	}
	k := j + 1
	if k < p && st.low[k] == "the" {
		k++
	}
	return k < p && st.t[k].cap && st.f.l.orgWords[st.low[k]] && !st.f.l.heads[st.low[k]]
}

func (st *state) attach(tr *titleRef, pt part) {
	m := st.ments[pt.ment]
	if pt.k == 'o' {
		tr.org = pt.ment
		tr.orgText = m.name
	} else {
		tr.place = m.name
	}
}

func (st *state) slice(a, b int) string {
	if a >= b {
		return ""
	}
	return st.d.Text[st.t[a].bs:st.t[b-1].beTrim]
}

// allCapsSentence reports whether the sentence holding token i is written in
// capitals (a headline), where capitals say nothing about acronyms.
func (st *state) allCapsSentence(i int) bool {
	return st.sentenceIs(&st.caps, i, st.capsSentence)
}

// sentenceIs answers test for the sentence holding token i, once per
// sentence: memo maps a sentence to 0 (not asked yet), 1 (true) or 2.
func (st *state) sentenceIs(memo *[]int8, i int, test func(s int) bool) bool {
	s := st.d.Tokens[i].Sentence
	if s >= len(st.d.SentTokens) {
		return false
	}
	if len(*memo) == 0 {
		*memo = append((*memo)[:0], make([]int8, len(st.d.SentTokens))...)
	}
	if c := (*memo)[s]; c != 0 {
		return c == 1
	}
	v := test(s)
	(*memo)[s] = 2
	if v {
		(*memo)[s] = 1
	}
	return v
}

// titleCaseHeadline reports whether the sentence holding token i is a
// headline in Title Case: the only sentence of its paragraph, four words or
// more, every word capitalized, a capitalized function word past the first
// ("Union Backs Governor In Budget Row"). There capitals say nothing about
// where a name ends.
func (st *state) titleCaseHeadline(i int) bool {
	return st.sentenceIs(&st.tcase, i, st.titleCaseSentence)
}

func (st *state) titleCaseSentence(s int) bool {
	d := st.d
	a, b := d.SentTokens[s][0], d.SentTokens[s][1]
	if a >= b || st.allCapsSentence(a) {
		return false
	}
	p := d.ParagraphOf(d.Sentences[s].Start)
	if s > 0 && d.ParagraphOf(d.Sentences[s-1].Start) == p || s+1 < len(d.Sentences) && d.ParagraphOf(d.Sentences[s+1].Start) == p {
		return false
	}
	words, fn := 0, false
	for j := a; j < b; j++ {
		t := st.t[j]
		if !t.word || st.low[j] == "'s" {
			continue
		}
		if !t.cap {
			r, _ := utf8.DecodeRuneInString(t.text)
			if unicode.IsLetter(r) {
				return false
			}
			continue
		}
		words++
		if j > a && t.has(fStop|fConnector) {
			fn = true
		}
	}
	return words >= 4 && fn
}

func (st *state) capsSentence(s int) bool {
	a, b := st.d.SentTokens[s][0], st.d.SentTokens[s][1]
	words, caps := 0, 0
	for j := a; j < b; j++ {
		if st.t[j].word && utf8.RuneCountInString(st.t[j].text) > 1 {
			words++
			if st.t[j].allCaps {
				caps++
			}
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// nameWord reports whether token i can be part of a person's name.
func (st *state) nameWord(i int, allCapsRun bool) bool {
	l := st.f.l
	t := st.t[i]
	if !t.cap || !t.word || t.quote {
		return false
	}
	lw := t.low
	if n, _ := st.match(pHonorifics, i, i+1); n > 0 {
		return false
	}
	if t.has(fStop|fOrgWord|fHead|fTitleWord|fDocWord|fRegion|fDemonym) || (t.has(fConnector) && !t.allCaps) || isDomain(lw) {
		return false
	}
	if sg := singular(lw); sg != lw && (l.titleWords[sg] || l.heads[sg] || l.orgWords[sg] || regionWords[sg]) {
		return false
	}
	if t.has(fGiven) {
		return true
	}
	if !t.has(fSurname|fSurnameEnd) && t.has(fNounEnd) {
		return false
	}
	if n, _ := st.match(pPlaces, i, i+1); n > 0 {
		return false
	}
	if n, _ := st.match(pOrgs, i, i+1); n > 0 {
		return false
	}
	if t.allCaps && !allCapsRun && !t.initial {
		// "JP Nadda", "AL Hek": two capitals before a name are initials
		r := utf8.RuneCountInString(t.text)
		if r <= 2 && i+1 < len(st.t) && st.t[i+1].cap && !st.t[i+1].allCaps {
			return true
		}
		return false
	}
	if strings.ContainsAny(t.text, "0123456789") {
		return false
	}
	return true
}

// nounEndings are endings of abstract and plural common nouns that no
// person's name in this genre has: "Professions", "Economy", "Partnership",
// "Participants", "Students". Known surnames and given names are checked
// before them.
var nounEndings = []string{"tion", "tions", "sion", "sions", "ments", "ities", "ship", "ships", "ism", "isms", "ology", "nomy", "ants", "ents", "ces"}

func nounEnding(w string) bool {
	for _, e := range nounEndings {
		if len(w) > len(e)+2 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// personTail returns where the person's name at the end of run [a, b) starts
// (b when there is none).
func (st *state) personTail(a, b int, allCapsRun bool) int {
	l := st.f.l
	p := b
	for p > a && b-p < 5 {
		if st.nameWord(p-1, allCapsRun) || p == b && st.articledName(p-1) {
			p--
			continue
		}
		// "Khalid bin Saeed", "Ludwig van Beethoven"
		if p-1 > a && p < b && nameParticles[st.low[p-1]] && st.nameWord(p-2, allCapsRun) {
			p -= 2
			continue
		}
		break
	}
	if p == b {
		return b
	}
	// "Committee on Inland Shipping", "Fund for Rural Schools": words
	// after a body's head and a preposition complete its name
	if p-1 > a && !st.t[p-1].cap && (st.low[p-1] == "on" || st.low[p-1] == "for" || st.low[p-1] == "of") && l.heads[st.low[p-2]] {
		return b
	}
	// a place the gazetteer knows is no name: "Petaling Jaya"
	if n, _ := st.match(pPlaces, p, b); n == b-p {
		return b
	}
	// a title phrase inside the tail ends the descriptor: "Chief Whip Nurlan
	// Bekov" (also one that starts with a form of address before it)
	for j := max(a, p-1); j < b; j++ {
		if n, _ := st.match(pTitles, j, b); n > 0 && j+n < b && j+n > p {
			p = j + n
		}
	}
	// "Datuk Seri Anwar Ibrahim": a honorific phrase reaching into the tail
	for j := max(a, p-3); j < b; j++ {
		if n, _ := st.match(pHonorifics, j, b); n > 0 && j+n > p && j+n < b {
			p = j + n
		}
	}
	// a name never ends in an initial unless it is written surname-first
	// ("Nurymbetov B. B."); strip leading honorific-like words.
	n := b - p
	strong := false
	for i := p; i < b; i++ {
		t := &st.t[i]
		if t.has(fGiven | fSurnameEnd | fSurname) {
			strong = true
		}
		if t.initial || strings.Contains(t.text, ".") {
			strong = true
		}
		if strings.Contains(t.text, "-") && !t.allCaps {
			strong = true
		}
		if t.allCaps && utf8.RuneCountInString(t.text) <= 2 && !allCapsRun {
			strong = true
		}
	}
	// what precedes inside the run: a title or honorific supports a name
	before := p > a && !st.orgWordBefore(p)
	if b < len(st.t) && notPersonAfter[st.low[b]] {
		return b
	}
	if n == 1 {
		// judged later (weak unless a title precedes); inside a longer run a
		// lone trailing word is a name only with a cue of its own
		if p == a || strong || st.titleEndsAt(a, p) || (st.t[p-1].cap && !st.nameWord(p-1, allCapsRun) && st.t[p-1].first&(1<<pHonorifics) != 0) {
			return p
		}
		return b
	}
	if strong || before {
		return p
	}
	// two unknown capitalized words alone: a name when a cue verb follows
	if b < len(st.t) && (l.cues[st.low[b]] || st.low[b] == ",") && !st.orgWordBefore(p) {
		return p
	}
	return b
}

// orgWordBefore reports whether the capitalized word before a name at p,
// past an "of", is a body's qualifier rather than a title or a head: unknown
// capitals after it continue a campaign's or a document's name ("Year of
// Working Professions", "Labor Risk Map"), not a person's.
func (st *state) orgWordBefore(p int) bool {
	i := p - 1
	if i > 0 && (st.low[i] == "of" || st.low[i] == "for") {
		// "Rally For Decent Jobs": a capitalized "For" or "Of" between
		// capitals is inside a Title Case name
		if st.t[i].cap && st.t[i-1].cap && st.t[i-1].word && st.d.Tokens[i-1].Sentence == st.d.Tokens[i].Sentence {
			return true
		}
		i--
	}
	if i < 0 {
		return false
	}
	t := &st.t[i]
	return t.cap && t.has(fOrgWord) && !t.has(fHead|fTitleWord) && !st.titleEndsAt(0, i+1)
}

// unknownPlace reports whether [a, b) holds only capitalized words that no
// list knows and that do not look like a person's name.
func (st *state) unknownPlace(a, b int) bool {
	l := st.f.l
	for i := a; i < b; i++ {
		t := st.t[i]
		w := t.low
		if !t.cap || t.allCaps || t.quote || l.stop[w] || l.orgWords[w] || l.heads[w] || l.titleWords[w] || l.docWords[w] || l.surnames[w] {
			return false
		}
		if strings.ContainsAny(w, "0123456789") {
			return false // "in Q3", "in F1": codes, not places
		}
		if _, ok := l.given[w]; ok {
			return false
		}
		if _, ok := l.surnameGender(w); ok {
			return false
		}
		if _, ok := l.demonyms[w]; ok {
			return false
		}
		if st.knownOrg(i, b) > 0 || isDomain(w) {
			return false
		}
		if n, _ := st.match(pPlaces, i, b); n > 0 {
			return false // the gazetteer path handles it
		}
	}
	return b < len(st.t) && !st.t[b].cap
}

// nameEvidenceEnd returns where the name starting at p ends when only its
// known words count: the last given name (with the word after it, the
// surname), surname or initial in [p, b); p when there is none.
func (st *state) nameEvidenceEnd(p, b int) int {
	e := p
	for i := p; i < b; i++ {
		switch t := st.t[i]; {
		case t.has(fGiven) && i+1 < b:
			e = max(e, i+2)
		case t.has(fGiven | fSurname | fSurnameEnd), t.initial:
			e = max(e, i+1)
		}
	}
	return e
}

// titleEndsAt reports whether a title phrase ends right before token p.
func (st *state) titleEndsAt(a, p int) bool {
	for i := max(a, p-4); i < p; i++ {
		if n, _ := st.match(pTitles, i, p); i+n == p && n > 0 {
			return true
		}
	}
	return false
}

// segment classifies a descriptor segment [a, b): organization, place(s) or
// demonym. Its parts are appended to dst (one buffer per run rather than a
// slice per segment); dst comes back unchanged when the segment names nothing.
func (st *state) segment(dst []part, a, b int) []part {
	l := st.f.l
	for a < b && (st.t[a].has(fConnector) && !st.particleStart(a, b) || st.t[a].quote && a+1 < b && st.t[a+1].quote) {
		a++
	}
	if a >= b {
		return dst
	}
	if n, _ := st.match(pPlaces, a, b); n > 0 && a+n == b {
		m := ment{k: kPlace, a: a, b: b, name: st.placeName(a, b), method: "gazetteer"}
		st.ments = append(st.ments, m)
		return append(dst, part{k: 'l', a: a, b: b, ment: len(st.ments) - 1})
	}
	if st.titleCaseHeadline(a) && st.isOrg(a, b) {
		// every word of the headline is capitalized: a body's name ends
		// with its last evidence ("Teachers Union Backs" is "Teachers
		// Union", "Federation Of Trade Unions Holds Plenum" no event)
		b = st.orgEvidenceEnd(a, b)
	}
	if st.awardName(a) || st.venue(a, b) && st.isOrg(a, b) {
		return dst
	}
	if b-a >= 2 && st.pluralTitleAfterBody(a, b-1) {
		b-- // "BJD MLAs", "Congress MPs": the members, not a body
	}
	if st.genericGroup(a, b) {
		return dst
	}
	if st.isEvent(a, b) {
		// an acronym before the event names its body: "PERC General Assembly"
		if st.t[a].allCaps && !st.t[a].initial && a+1 < b && !st.allCapsSentence(a) && !romanNumeral(st.t[a].text) {
			return append(dst, st.orgPart(a, a+1))
		}
		// the body holding the event is still named: "V Congress of the ITUC"
		for i := a + 1; i < b-1; i++ {
			if st.low[i] == "of" && !st.t[i].cap {
				j := i + 1
				for j < b && st.low[j] == "the" {
					j++
				}
				if j < b && st.isOrg(j, b) {
					return st.segment(dst, j, b)
				}
			}
		}
		return dst
	}
	// names of documents ("Law of the Republic of Kazakhstan “On Trade
	// Unions”", "RK Constitution") and numbered events ("XVII Forum") hold
	// neither bodies nor places
	for i := a; i < b; i++ {
		w := st.low[i]
		if st.t[i].quote || connectors[w] {
			continue
		}
		if st.t[i].has(fDocWord) || w == "on" && st.t[i].cap || romanNumeral(st.t[i].text) && st.t[i].allCaps && i == a {
			return dst
		}
		break
	}
	if e := st.trimQuotes(b); e > a && st.t[e-1].has(fDocWord) || st.amendedDoc(b) {
		return dst
	}
	// org evidence
	if st.isOrg(a, b) {
		// a descriptor before "of the" is no part of the body's name:
		// "Delegates of the Kenya National Progressive Alliance"
		// (a Title Case headline capitalizes the "Of": "Rally Against
		// Privatization Of State Power Company")
		for i := a + 1; i+1 < b; i++ {
			if st.low[i] == "of" && (!st.t[i].cap || st.titleCaseHeadline(i)) {
				if !st.hasHead(a, i) && !st.t[a].quote && st.hasHead(i+1, b) {
					j := i + 1
					for j < b && st.low[j] == "the" {
						j++
					}
					if j < b && st.t[j].cap {
						a = j
					}
				}
				break
			}
		}
		n0 := len(dst)
		if parts := st.splitAnd(dst, a, b); len(parts) > n0 {
			return parts
		}
		// peel leading places before an acronym or known org: "Meghalaya BJP"
		out := dst
		for a < b {
			n, _ := st.match(pPlaces, a, b)
			if n == 0 || a+n >= b || !(st.t[a+n].allCaps || st.knownOrg(a+n, b) > 0) {
				break
			}
			m := ment{k: kPlace, a: a, b: a + n, name: st.placeName(a, a+n), method: "gazetteer"}
			st.ments = append(st.ments, m)
			out = append(out, part{k: 'l', a: a, b: a + n, ment: len(st.ments) - 1})
			a += n
		}
		out = append(out, st.orgPart(a, b))
		return out
	}
	// places, possibly several joined by "and"
	n0 := len(dst) // out[n0:] are this segment's parts
	out := dst
	i := a
	other := false // a capitalized word that is no place: "People of Kazakhstan"
	for i < b {
		if n := st.officialCountry(i, b); n > 0 && !other {
			_, e := st.match(pPlaces, i+n-1, b) // the country ends the form
			for k := i + n - 1; k > i && e == nil; k-- {
				_, e = st.match(pPlaces, k, i+n)
			}
			m := ment{k: kPlace, a: i, b: i + n, name: st.slice(i, i+n), alias: e.Key(), method: "rule:official-country"}
			st.ments = append(st.ments, m)
			out = append(out, part{k: 'l', a: i, b: i + n, ment: len(st.ments) - 1})
			i += n
			continue
		}
		if n, _ := st.match(pPlaces, i, b); n > 0 && st.t[i].cap && !other {
			n += st.constituency(i, i+n, b)
			j := i + n
			for j < b && regionWords[st.low[j]] && st.low[j] != "regional" {
				j++
			}
			m := ment{k: kPlace, a: i, b: j, name: st.placeName(i, i+n), method: "gazetteer"}
			if j > i+n {
				m.method = "gazetteer:region"
			}
			st.ments = append(st.ments, m)
			out = append(out, part{k: 'l', a: i, b: j, ment: len(st.ments) - 1})
			i = j
			continue
		}
		// "Bungoma County", "Auliekol district": a place the gazetteer lacks
		if st.t[i].cap && !other && i+1 < b+1 && i+1 < len(st.low) && regionWords[st.low[i+1]] && st.low[i+1] != "regional" &&
			!l.stop[st.low[i]] && !l.orgWords[st.low[i]] && !l.heads[st.low[i]] && (i+1 < b || !st.t[i+1].cap) {
			j := i + 2
			if j > b && !st.t[i+1].cap {
				j = i + 2
			}
			name := st.slice(i, i+1)
			if st.low[i+1] == "county" {
				// a county keeps its word ("Pima County"), as the in-place
				// rule names it; "X region/district" fold onto X
				name = st.slice(i, i+2)
			}
			m := ment{k: kPlace, a: i, b: min(j, len(st.low)), name: name, method: "rule:place-word"}
			st.ments = append(st.ments, m)
			out = append(out, part{k: 'l', a: i, b: m.b, ment: len(st.ments) - 1})
			i = m.b
			continue
		}
		// "in Olgii and Tsengel": one unknown word joined by "and" to a
		// place after "in/near" ends the list and is a place too
		if !other && i+1 == b && i-1 > a && st.low[i-1] == "and" && len(out) > n0 && out[len(out)-1].k == 'l' && out[len(out)-1].b == i-1 &&
			a > 0 && listPreps[st.low[a-1]] && st.unknownPlace(i, i+1) {
			m := ment{k: kPlace, a: i, b: i + 1, name: st.slice(i, i+1), method: "rule:and-place"}
			st.ments = append(st.ments, m)
			out = append(out, part{k: 'l', a: i, b: i + 1, ment: len(st.ments) - 1})
			i++
			continue
		}
		if _, ok := l.demonyms[st.low[i]]; ok {
			out = append(out, part{k: 'd', a: i, b: i + 1, ment: -1})
		} else if st.t[i].cap && !l.stop[st.low[i]] && st.low[i] != "republic" {
			other = true
		} else if st.low[i] == "and" || st.t[i].quote {
			other = false
		}
		i++
	}
	return out
}

// polityMods qualify a state's form in its official name ("United Republic
// of", "Islamic Republic of", "Hashemite Kingdom of").
var polityMods = map[string]bool{"united": true, "islamic": true, "federal": true, "democratic": true, "socialist": true,
	"arab": true, "federative": true, "bolivarian": true, "hashemite": true, "plurinational": true, "cooperative": true, "oriental": true}

// polityForms are a state's forms; only some stand without a modifier, as
// "Republic of X" is the gazetteer's.
var polityForms = map[string]bool{"republic": false, "state": false, "kingdom": true, "sultanate": true, "emirate": true,
	"principality": true, "commonwealth": true}

// officialCountry returns the length of a country's official name at i
// that the gazetteer lacks: "United Republic of Tanzania", "Federal
// Republic of Germany", "Kingdom of Saudi Arabia" — a place, named as
// written (like "Russian Federation"); 0 when there is none.
func (st *state) officialCountry(i, b int) int {
	j := i
	for j < b && j < i+3 && st.t[j].cap && polityMods[st.low[j]] {
		j++
	}
	if j+2 >= b || !st.t[j].cap || st.low[j+1] != "of" {
		return 0
	}
	if bare, ok := polityForms[st.low[j]]; !ok || j == i && !bare {
		return 0
	}
	k := j + 2
	if k < b && st.low[k] == "the" {
		k++
	}
	n, e := st.match(pPlaces, k, b)
	if n == 0 || e.Field(1) != "country" || !st.t[k].cap {
		return 0
	}
	return k + n - i
}

// splitAnd splits "X Council and the Y Forum" into two bodies when both
// sides have a head of their own, appending their parts to dst.
func (st *state) splitAnd(dst []part, a, b int) []part {
	// the last "and" first: in "Ministry of Labour and Employment and the
	// Social Security Fund" the first "and" joins two portfolios
	for i := b - 2; i > a; i-- {
		if st.low[i] != "and" || st.t[i].cap {
			continue
		}
		j := i + 1
		for j < b && connectors[st.low[j]] {
			j++
		}
		if j < b && st.isOrg(a, i) && st.isOrg(j, b) && st.bodyAlone(a, i) && st.bodyAlone(j, b) && !st.sharedName(a, i, j, b) {
			return st.segment(st.segment(dst, a, i), j, b)
		}
	}
	return dst
}

// sharedName reports whether "[a, i) and [j, b)" is one body's name that
// joins two services under one place or proper name: "Townsville Hospital
// and Health Service", "Lakeside Fire and Rescue Service". The second part
// follows "and" directly, is only generic capitalized words (heads and
// body words) and ends in another head than the first; the first starts
// with a proper word.
func (st *state) sharedName(a, i, j, b int) bool {
	l := st.f.l
	if j != i+1 || b-j < 2 {
		return false
	}
	for k := j; k < b; k++ {
		if !st.t[k].cap || st.t[k].allCaps || !(l.heads[st.low[k]] || l.orgWords[st.low[k]]) {
			return false
		}
	}
	f := st.t[a]
	if !f.cap || f.allCaps || f.has(fStop|fOrgWord|fHead|fTitleWord|fDemonym) {
		return false
	}
	return st.low[i-1] != st.low[b-1]
}

// bodyAlone reports whether [a, b) names a body by itself: it has a head
// word or is one acronym ("the GUAW and the FTURK").
func (st *state) bodyAlone(a, b int) bool {
	if b-a == 1 && st.t[a].allCaps && !st.t[a].initial && !st.allCapsSentence(a) && len(st.t[a].text) >= 2 {
		return true
	}
	return st.hasHead(a, b)
}

func (st *state) hasHead(a, b int) bool {
	for i := a; i < b; i++ {
		if st.knownOrg(i, b) > 0 {
			return true
		}
		if n := st.placeSpan(i, b); n > 0 {
			i += n - 1
			continue
		}
		if st.f.l.heads[st.low[i]] {
			return true
		}
	}
	return false
}

// placeSpan returns the length of a gazetteer place of two or more words at
// i: a head word inside it ("Russian Federation") names a country, not a
// body. A known organization at i ("European Union") is left to knownOrg.
func (st *state) placeSpan(i, b int) int {
	if !st.t[i].cap {
		return 0
	}
	if n, _ := st.match(pPlaces, i, b); n >= 2 && st.knownOrg(i, b) == 0 {
		return n
	}
	return 0
}

// placeName is the bare name as written; all-caps datelines are recased
// from the gazetteer entry.
func (st *state) placeName(a, b int) string {
	if b-a > 2 && st.low[a] == "republic" && st.low[a+1] == "of" {
		a += 2
	}
	s := st.slice(a, b)
	if st.t[a].allCaps {
		if _, e := st.match(pPlaces, a, b); e != nil {
			return e.Key()
		}
	}
	return s
}

func (st *state) knownOrg(i, b int) int {
	n, _ := st.match(pOrgs, i, b)
	return n
}

var tlds = []string{".kz", ".kg", ".uz", ".tj", ".ru", ".com", ".org", ".net", ".in", ".my", ".pk", ".gov", ".info", ".news"}

func isDomain(s string) bool {
	if strings.IndexByte(s, '.') < 0 {
		return false
	}
	s = strings.TrimSuffix(strings.ToLower(s), ".")
	for _, tld := range tlds {
		if strings.HasSuffix(s, tld) && len(s) > len(tld)+1 {
			return true
		}
	}
	return false
}

// isOrg reports whether segment [a, b) names an organization.
func (st *state) isOrg(a, b int) bool {
	l := st.f.l
	for i := a; i < b; i++ {
		t := st.t[i]
		if n := st.placeSpan(i, b); n > 0 {
			i += n - 1
			continue
		}
		if l.heads[t.low] && (t.cap || (i > a && regionWords[st.low[i-1]])) {
			return true
		}
		if i > a && i == b-1 && !t.cap && groupWords[t.low] {
			return true // "Green group": the run was extended over it
		}
		if i > a && i == b-1 && st.quotedParty(i) {
			return true
		}
		if st.knownOrg(i, b) > 0 && t.cap {
			return true
		}
		if t.allCaps && !t.initial && utf8.RuneCountInString(t.text) >= 2 && !st.allCapsSentence(i) {
			// "CITY", "REGION" in an all-caps dateline are place words, not acronyms.
			if n, _ := st.match(pPlaces, i, i+1); n == 0 && !l.titleWords[t.low] && !regionWords[t.low] {
				if _, ok := l.demonyms[t.low]; !ok && !romanNumeral(t.text) {
					return true
				}
			}
		}
		if isDomain(t.text) {
			return true
		}
	}
	return false
}

// orgEvidenceEnd returns the end of the last word in [a, b) that isOrg
// takes as evidence of a body: a head, a known organization, an acronym, a
// domain. It is b when none is found (isOrg said there is one).
func (st *state) orgEvidenceEnd(a, b int) int {
	l := st.f.l
	e := a
	for i := a; i < b; i++ {
		t := st.t[i]
		if n := st.placeSpan(i, b); n > 0 {
			i += n - 1
			continue
		}
		if n := st.knownOrg(i, b); n > 0 && t.cap {
			e = max(e, i+n)
		}
		if (l.heads[t.low] && t.cap) || isDomain(t.text) ||
			(t.allCaps && !t.initial && utf8.RuneCountInString(t.text) >= 2 && !romanNumeral(t.text) && !l.titleWords[t.low]) {
			e = max(e, i+1)
		}
	}
	if e == a {
		return b
	}
	return e
}

// singular strips an English plural ending: "chairpersons", "counties".
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "men") && len(s) > 4:
		return s[:len(s)-3] + "man"
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 3:
		return s[:len(s)-1]
	}
	return s
}

func romanNumeral(s string) bool {
	return s != "" && strings.Trim(s, "IVXLC") == ""
}

// orgPart records an organization mention for segment [a, b). A quoted name
// after a generic descriptor ("public association “Organization of
// Veterans”") is the name when it has a head of its own; after a legal form
// the form stays ("LLP Munayfield Service", "Kezbi LLP").
func (st *state) orgPart(a, b int) part {
	l := st.f.l
	// drop a leading demonym only when it is not all there is
	m := ment{k: kOrg, a: a, b: b, method: "rule:org-head"}
	qa, qb := -1, -1
	for i := a; i < b; i++ {
		if st.t[i].quote {
			if qa < 0 {
				qa = i
			} else {
				qb = i
				break
			}
		}
	}
	name := st.slice(a, b)
	if qa >= 0 && qb > qa+1 {
		inner := st.slice(qa+1, qb)
		innerHead := false
		for i := qa + 1; i < qb; i++ {
			if l.heads[st.low[i]] {
				innerHead = true
			}
		}
		legal := false
		for i := a; i < b; i++ {
			if (i < qa || i > qb) && isLegalForm(st.low[i]) {
				legal = true
			}
		}
		switch {
		case innerHead && !legal, qa == a && qb+2 == b && st.quotedParty(b-1):
			name = inner
			m.a, m.b = qa+1, qb
		default:
			var parts []string
			if qa > a {
				parts = append(parts, st.slice(a, qa))
			}
			parts = append(parts, inner)
			if qb+1 < b {
				parts = append(parts, st.slice(qb+1, b))
			}
			name = strings.Join(parts, " ")
			m.alias = inner
		}
		m.method = "rule:quoted-org"
	}
	m.name = strings.TrimSpace(name)
	if b-a == 1 {
		switch {
		case st.knownOrg(a, b) > 0:
			m.method = "lexicon:orgs"
		case isDomain(st.t[a].text):
			m.method = "rule:domain"
		case st.t[a].allCaps:
			m.method = "rule:acronym"
		case l.heads[st.low[a]]:
			m.headOnly = true
		}
	}
	st.ments = append(st.ments, m)
	idx := len(st.ments) - 1
	if qa < 0 {
		st.innerOrgs(a, b)
	}
	return part{k: 'o', a: a, b: b, ment: idx}
}

// innerOrgs records the bodies named inside org name [a, b) after "of the":
// "Executive Committee of the Federation of Trade Unions" names the
// Federation too, "Council of the Parliamentary Assembly of the CSTO" the
// Assembly and the CSTO.
func (st *state) innerOrgs(a, b int) {
	outer := len(st.ments) - 1
	for i := a + 1; i+1 < b; i++ {
		if (st.low[i] != "of" && st.low[i] != "under") || st.t[i].cap || st.low[i+1] != "the" {
			continue
		}
		j := i + 2
		if j >= b || !st.t[j].cap || !st.hasHead(a, i) {
			continue
		}
		if !st.hasHead(j, b) && !(j+1 == b && st.t[j].allCaps && !st.allCapsSentence(j)) {
			continue
		}
		if n, _ := st.match(pPlaces, j, b); n == b-j {
			continue
		}
		st.ments = append(st.ments, ment{k: kOrg, a: j, b: b, name: st.slice(j, b), method: "rule:org-in-org"})
		// each body points to the next one inside it, so that "Youth
		// Council of the Federation" nested in a longer name still joins
		// "Youth Council of the FTURK" (mergeOuter)
		if o := &st.ments[outer]; o.inner == 0 {
			o.inner = len(st.ments)
			o.prefix = i - o.a
		}
		outer = len(st.ments) - 1
	}
}

func isLegalForm(s string) bool {
	switch strings.TrimSuffix(s, ".") {
	case "llp", "jsc", "llc", "ltd", "inc", "corp", "plc", "gmbh", "ag", "ngo", "ojsc", "cjsc", "pjsc":
		return true
	}
	return false
}

// isEvent reports whether segment [a, b) names an event (events.txt): its
// head is an event word ("Digital Almaty Forum"), or a numbered one after a
// number or modifier ("V Congress", "Extraordinary Congress").
func (st *state) isEvent(a, b int) bool {
	l := st.f.l
	for i := a; i < b; i++ {
		w := st.low[i]
		if connectors[w] && !st.t[i].cap {
			return false // the name's head came before "of"
		}
		switch l.events[w] {
		case "event":
			if i+1 < b && (st.low[i+1] == "on" || st.low[i+1] == "for") {
				return false // "Forum on Population and Development": a standing body
			}
			return st.t[i].cap
		case "numbered":
			if i > 0 && (l.events[st.low[i-1]] == "modifier" || st.t[i-1].cap && romanNumeral(st.t[i-1].text) || ordinal(st.low[i-1])) {
				return true
			}
		}
	}
	return false
}

// ordinal reports whether w is a numeric ordinal: "5th", "21st", "xvii".
func ordinal(w string) bool {
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	if n == 0 {
		return false
	}
	switch w[n:] {
	case "st", "nd", "rd", "th", "-th":
		return true
	}
	return false
}

// amendedDoc reports whether a bracketed capitalized insert and a document
// word follow token b: "Public Service Commission (Amendment) Bill" names a
// bill, not the commission.
func (st *state) amendedDoc(b int) bool {
	if b >= len(st.t) || st.low[b] != "(" {
		return false
	}
	for i := b + 1; i < len(st.t) && i <= b+4; i++ {
		if st.low[i] == ")" {
			return i > b+1 && i+1 < len(st.t) && st.t[i+1].cap && st.t[i+1].has(fDocWord)
		}
		if !st.t[i].cap || !st.t[i].word {
			return false
		}
	}
	return false
}

// trimQuotes returns b moved back over quotation marks.
func (st *state) trimQuotes(b int) int {
	for b > 0 && st.t[b-1].quote {
		b--
	}
	return b
}

// portfolioList returns the length of ", Word ... and Word ..." continuing
// run [start, j) that names a ministry or committee "of" a list of
// portfolios; 0 when the comma does not continue the name.
func (st *state) portfolioList(start, j, b int) int {
	if st.low[j] != "," {
		return 0
	}
	of := -1
	for i := start; i < j; i++ {
		if st.low[i] == "of" && i > start && (st.low[i-1] == "ministry" || st.low[i-1] == "committee" || st.low[i-1] == "department") {
			of = i
		}
	}
	if of < 0 {
		return 0
	}
	for i := of + 1; i < j; i++ {
		if !st.t[i].cap && st.low[i] != "and" {
			return 0
		}
	}
	// capitalized words, then "and", then a capitalized word
	k := j + 1
	for k < b && st.t[k].cap && !st.nameWord(k, false) || k < b && st.t[k].cap && st.f.l.orgWords[st.low[k]] {
		k++
	}
	if k == j+1 || k+1 >= b || st.low[k] != "and" || !st.t[k+1].cap {
		return 0
	}
	return k + 1 - j
}

// portfolio reports whether [a, b) is a portfolio word or two before a
// title ("Labor", "Foreign Affairs"): org words that name neither a body nor
// a place.
func (st *state) portfolio(a, b int) bool {
	l := st.f.l
	for i := a; i < b; i++ {
		w := st.low[i]
		if !st.t[i].cap || !l.orgWords[w] || l.heads[w] || regionWords[w] {
			return false
		}
		if n, _ := st.match(pPlaces, i, b); n > 0 {
			return false
		}
		switch w {
		case "national", "international", "regional", "republican", "public", "state", "executive", "general", "north", "south", "east", "west":
			return false
		}
	}
	return true
}
