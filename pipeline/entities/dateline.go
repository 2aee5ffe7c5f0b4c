package entities

import (
	"plenary/pipeline/rules"
	"strings"
)

// A news dateline opens a paragraph: the place in capitals, maybe its
// region or country and a date after commas, maybe the news source in
// brackets, then a dash or the text ("NORTH BERWICK, Scotland (Wirewatch) -
// ...", "BAKU, March 14 (Caspian Press) The ..."). Its place is a place
// even when no gazetteer knows it, and its source is an organization.

var (
	rulePlaceDatelineCaps = rules.New(rules.StageEntities, rules.Detect, "place.detect.dateline-caps",
		"the words in capitals opening a paragraph's dateline (before a comma, a bracketed source or a dash) name a place, known to a gazetteer or not",
		"[NORTH BERWICK], Scotland (Wirewatch) - Rain fell on Monday.")
	ruleOrgDatelineSource = rules.New(rules.StageEntities, rules.Detect, "org.detect.dateline-source",
		"the name in brackets after a dateline's place (and date), before the text, is the news source that filed it",
		"OSLO, May 2 ([Nordic Wire]) - Rain fell on Monday.")
)

// datelineSpan is the dateline of the sentence being scanned: the place
// [pa, pb) and the source [sa, sb); empty spans when none.
type datelineSpan struct{ pa, pb, sa, sb int }

// paragraphStart reports whether the sentence holding token a opens a
// paragraph.
func (st *state) paragraphStart(a int) bool {
	d := st.d
	s := d.Tokens[a].Sentence
	if s >= len(d.Sentences) || d.SentTokens[s][0] != a {
		return false
	}
	return s == 0 || d.ParagraphOf(d.Sentences[s-1].Start) != d.ParagraphOf(d.Sentences[s].Start)
}

// dateline parses the dateline opening the sentence [a, b), if any.
// A source in lower case ("24.kg") starts no run: sentence makes it one.
func (st *state) dateline(a, b int) datelineSpan {
	var none datelineSpan
	if slashed(st.t[a].text) && (a+1 == b || st.low[a+1] == "." || st.t[a+1].cap) {
		// "ULAANBAATAR, April 22. /MONTSAME/.", "MOSCOW, June 5. /TASS/
		// The ...": the date's period ended the sentence, the source
		// opens the next one
		return datelineSpan{sa: a, sb: a + 1}
	}
	// the place: capitalized words up to a comma, a bracket or a dash
	i := a
	for i < b && i < a+4 && st.t[i].cap && st.t[i].word {
		i++
	}
	if i == a || i >= b {
		return none
	}
	ds := datelineSpan{pa: a, pb: i}
	i = st.datelineParts(i, b)
	if i < 0 {
		return none
	}
	if i = st.datelineBracket(&ds, i, b); i < 0 {
		return none
	}
	if i < b && isDash(st.d.Tokens[i].Text) {
		i++
	} else if ds.sb == 0 {
		return none // no source and no dash: capitals opening a sentence
	}
	// asked only now: the tests above, on the sentence's own words, fail
	// for nearly every sentence at less cost
	if !st.paragraphStart(a) {
		return none
	}
	if ds.sb > 0 && i+1 == b && st.low[i] == "." {
		return ds // "SUMGAYIT, 5 June (Azertac).": the source's period ends the sentence
	}
	if i >= b || !(st.t[i].cap || st.t[i].quote) {
		return none
	}
	if ds.sb == 0 && !st.allCapsSpan(ds.pa, ds.pb) {
		ds.pa, ds.pb = 0, 0 // a name in mixed case before a dash may be anything
	}
	return ds
}

// datelineParts skips the region, the country and the date after a
// dateline's place at i: short comma-separated parts of capitalized words,
// numbers and abbreviation periods. It returns where they end, -1 when a
// part is of other words.
func (st *state) datelineParts(i, b int) int {
	for i < b && st.low[i] == "," {
		j := i + 1
		for j < b && j < i+5 && (st.t[j].cap && st.t[j].word || isNumber(st.low[j]) || st.low[j] == ".") {
			j++
		}
		if j == i+1 {
			return -1
		}
		i = j
	}
	return i
}

// datelineBracket reads the source at i into ds, "(Nordic Wire)" or
// "/NORDPRESS/", and returns the token after it (i when there is none, -1
// when the brackets hold other words).
func (st *state) datelineBracket(ds *datelineSpan, i, b int) int {
	if i+1 < b && slashed(st.t[i].text) {
		ds.sa, ds.sb = i, i+1
		return i + 1
	}
	if i+2 >= b || st.low[i] != "(" {
		return i
	}
	j := i + 1
	for j < b && j < i+6 && st.low[j] != ")" && (st.t[j].cap || siteName(st.t[j]) || st.t[j].has(fConnector) || st.low[j] == "-") {
		j++
	}
	if j >= b || j == i+1 || st.low[j] != ")" || !st.t[i+1].cap && !siteName(st.t[i+1]) {
		return -1
	}
	ds.sa, ds.sb = i+1, j
	return j + 1
}

// commonOnly reports whether every word of [a, b) is spelled like a
// common English word.
func (st *state) commonOnly(a, b int) bool {
	for k := a; k < b; k++ {
		if !st.t[k].has(fCommon) {
			return false
		}
	}
	return true
}

// allCapsSpan reports whether every token of [a, b) is in capitals.
func (st *state) allCapsSpan(a, b int) bool {
	for k := a; k < b; k++ {
		if !st.t[k].allCaps {
			return false
		}
	}
	return true
}

// siteName reports whether t is written like a web site's name: letters
// and a dot inside ("24.kg", "fjord.no").
func siteName(t tok) bool {
	k := strings.IndexByte(t.text, '.')
	return t.word && k > 0 && k < len(t.text)-1
}

// slashed reports whether s is a name between slashes: "/MONTSAME/".
func slashed(s string) bool {
	return len(s) > 3 && s[0] == '/' && s[len(s)-1] == '/' && strings.Count(s, "/") == 2
}

func isDash(s string) bool {
	switch s {
	case "-", "--", "–", "—":
		return true
	}
	return false
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// datelineRun returns the part of run [a, b) that is the sentence's
// dateline place or source, by its rule (ok false: neither).
func (st *state) datelineRun(a, b int) (part, bool) {
	dl := st.dl
	if dl.sb > dl.sa && a == dl.sa && b == dl.sb {
		m := ment{k: kOrg, a: a, b: b, name: strings.Trim(st.slice(a, b), "/"), det: ruleOrgDatelineSource}
		st.ments = append(st.ments, m)
		st.fire(m.det, a, b, a, b)
		return part{k: 'o', a: a, b: b, ment: len(st.ments) - 1}, true
	}
	if dl.pb <= dl.pa || a != dl.pa || b != dl.pb || st.knownOrg(a, b) == b-a || st.curatedPlace(a, b) || st.geoDateline(a, b) {
		return part{}, false // the gazetteers' rules read a place they know
	}
	if st.commonOnly(a, b) {
		return part{}, false // "BREAKING -", "UPDATE -": a label, not a place
	}
	m := ment{k: kPlace, a: a, b: b, name: st.datelinePlaceName(a, b), det: rulePlaceDatelineCaps}
	st.ments = append(st.ments, m)
	st.fire(m.det, a, b, a, b)
	return part{k: 'l', a: a, b: b, ment: len(st.ments) - 1}, true
}

// datelinePlaceName is the name of a dateline place no gazetteer knows:
// its words in capitals recased ("NORTH BERWICK" -> "North Berwick").
func (st *state) datelinePlaceName(a, b int) string {
	s := st.slice(a, b)
	if !st.t[a].allCaps {
		return s
	}
	st.fire(rulePolicyRecase, a, b, a, b)
	return recase(s)
}
