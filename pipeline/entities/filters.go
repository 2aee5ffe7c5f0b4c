package entities

import (
	"plenary/pipeline/rules"
	"strings"
)

// Every rule that rejects a candidate: names of venues, awards, events and
// documents are no bodies; a group of bodies is no body; words that look
// like a name but are not a person's; an acronym that names a thing.

var (
	rulePersonRejectHeadline = rules.New(rules.StageEntities, rules.Reject, "person.reject.headline-no-evidence",
		"capitals in a Title Case headline with no known name word make no name",
		"Union [Holds Plenum] In Astana Today")
	rulePersonRejectPlace = rules.New(rules.StageEntities, rules.Reject, "person.reject.gazetteer-place",
		"name words that are exactly a place of the gazetteer are no person",
		"in [Petaling Jaya]")
	rulePersonRejectThingAfter = rules.New(rules.StageEntities, rules.Reject, "person.reject.thing-after",
		"a name right before a lower-case thing's noun (mine, plant, street, prize...) names the thing",
		"the [Vasil Levski] stadium")
	rulePersonRejectLoneWord = rules.New(rules.StageEntities, rules.Reject, "person.reject.lone-word-in-run",
		"a lone trailing name word inside a longer run with no evidence and no title before it is no person",
		"The Budget [Row] continued.")
	ruleRejectAward = rules.New(rules.StageEntities, rules.Reject, "segment.reject.award",
		"a quoted name after a lower-case award, badge or slogan word names an award or a slogan, not a body",
		"the badge [“Honored Transport Worker”]")
	ruleRejectVenue = rules.New(rules.StageEntities, rules.Reject, "org.reject.venue",
		"a body's name ending in a venue word (Hall, Square, Stadium...) is a place of meeting, not a body (a place where place.detect.venue reads it)",
		"[State Congress Hall] staff went on strike.")
	ruleRejectGenericGroup = rules.New(rules.StageEntities, rules.Reject, "org.reject.generic-group",
		"a plural head with only generic body and region words around it is an unnamed group, not a body",
		"[Local Trade Unions of the region] met.")
	ruleRejectEvent = rules.New(rules.StageEntities, rules.Reject, "segment.reject.event",
		"the name of an event (forum, summit, numbered congress) is no body; the body holding it may be named inside",
		"the [Digital Almaty Forum]")
	ruleRejectDocument = rules.New(rules.StageEntities, rules.Reject, "segment.reject.document",
		"a name starting with a document word (Law, Code, Programme), a capitalized On or a roman numeral names a document or a numbered event",
		"The [Law of the Republic of Kazakhstan “On Trade Unions”] was adopted.")
	ruleRejectDocumentEnd = rules.New(rules.StageEntities, rules.Reject, "segment.reject.document-end",
		"a name ending in a document word names a document",
		"the [RK Constitution]")
	ruleRejectAmendedDoc = rules.New(rules.StageEntities, rules.Reject, "segment.reject.amended-document",
		"a name before a bracketed capitalized insert and a document word names a bill",
		"the [Public Service Commission] (Amendment) Bill")
	ruleRejectAmount = rules.New(rules.StageEntities, rules.Reject, "segment.reject.amount",
		"one token of capitals and a number of three digits or more, or with a digit group mark, is an amount or a period (currency, fiscal year), not a body",
		"The ones who pay [RM1,500] will stay away.")
	ruleRejectThingAcronym = rules.New(rules.StageEntities, rules.Reject, "org.reject.thing-acronym",
		"an acronym no list knows, used only before a thing's noun, names a thing",
		"the [LRT] project")
	rulePersonRejectCommonWords = rules.New(rules.StageEntities, rules.Reject, "person.reject.common-words",
		"a name of two or more words that are all common English words no name list knows, with no title or form of address before it, names no one",
		"Firms such as Chelyabinsk [Mechanical Works] must pay.")
	rulePersonRejectCommonLast = rules.New(rules.StageEntities, rules.Reject, "person.reject.common-last-word",
		"a name of two or more words that ends in a common English word no name list knows is a body's or a thing's name",
		"Title sponsor [Caledonian Mutual Assurance] said it had extended its deal.")
	rulePersonRejectNoEvidence = rules.New(rules.StageEntities, rules.Reject, "person.reject.no-evidence",
		"unknown capitalized words after a body's qualifier, with no name evidence and no cue verb, are no person",
		"The Labor [Risk Map] was published.")
)

// venue reports whether segment [a, b) ends in a capitalized venue word
// (a venue with a body's word in it is still no body: "State Congress Hall"),
// or starts with a square's or street's word ("Plaza Independencia").
func (st *state) venue(a, b int) bool {
	e := st.trimQuotes(b)
	if e-a < 2 || !st.t[e-1].cap {
		return false
	}
	return venueWords[st.low[e-1]] || venueHeads[st.low[e-1]] && venueKinds[st.low[e-2]] || venueLeads[st.low[a]] && st.t[a].cap
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

// thingAcronym reports whether cluster c is an acronym that no list knows
// and that the text uses only before a thing's noun ("the LRT project",
// "the VAT rate"): it names a thing, not a body.
func (st *state) thingAcronym(c *ocluster) bool {
	if st.acronymOnly(c) == "" {
		return false
	}
	for _, i := range c.ments {
		m := &st.ments[i]
		e := m.b
		if e+1 < len(st.t) && st.low[e] == ")" {
			e++ // "the Employment Linked Incentive (ELI) scheme"
		}
		if m.det != ruleOrgAcronym || e >= len(st.t) || st.t[e].cap || !st.f.l.things[st.low[e]] {
			return false
		}
	}
	return true
}

// acronymOnly reports whether every mention of cluster c is one acronym.
func (st *state) acronymOnly(c *ocluster) string {
	acr := ""
	for _, i := range c.ments {
		m := &st.ments[i]
		if m.b-m.a != 1 || !st.t[m.a].allCaps {
			return ""
		}
		k := strings.ToLower(m.name)
		if acr != "" && k != acr {
			return ""
		}
		acr = k
	}
	return acr
}

// rejectAwardVenue: an award's or slogan's quoted name, a venue (a place
// where a preposition or "the" puts it in a place's context: place.go).
func (st *state) rejectAwardVenue(dst []part, a, b int) ([]part, int, int, bool) {
	if st.awardName(a) {
		st.fire(ruleRejectAward, a, b, 0, 0)
		return dst, a, b, true
	}
	if !st.venue(a, b) {
		return dst, a, b, false
	}
	if st.venueContext(a) && st.knownOrg(a, b) < b-a {
		e := st.trimQuotes(b)
		m := ment{k: kPlace, a: a, b: e, name: st.slice(a, e), det: rulePlaceVenue}
		st.ments = append(st.ments, m)
		st.fire(m.det, a, b, a, e)
		return append(dst, part{k: 'l', a: a, b: e, ment: len(st.ments) - 1}), a, b, true
	}
	if st.isOrg(a, b) {
		st.fire(ruleRejectVenue, a, b, 0, 0)
		return dst, a, b, true
	}
	return dst, a, b, false
}

// rejectGenericGroup: "Local Trade Unions" names no one body.
func (st *state) rejectGenericGroup(dst []part, a, b int) ([]part, int, int, bool) {
	if st.genericGroup(a, b) {
		st.fire(ruleRejectGenericGroup, a, b, 0, 0)
		return dst, a, b, true
	}
	return dst, a, b, false
}

// rejectAmount: "RM1,500", "KES200", "FY2024-25" are amounts and periods;
// "G20", "COP28" (two digits, no mark) may name bodies and events.
func (st *state) rejectAmount(dst []part, a, b int) ([]part, int, int, bool) {
	if b-a != 1 {
		return dst, a, b, false
	}
	digits, mark := 0, false
	s := st.t[a].text
	for k := 0; k < len(s); k++ {
		switch c := s[k]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == ',' || c == '.') && digits > 0 && k+1 < len(s) && s[k+1] >= '0' && s[k+1] <= '9':
			mark = true
		}
	}
	if digits >= 3 || mark && digits > 0 {
		st.fire(ruleRejectAmount, a, b, 0, 0)
		return dst, a, b, true
	}
	return dst, a, b, false
}

// event: an event's name is no body, but may name the body holding it
// (org.go's eventBody).
func (st *state) event(dst []part, a, b int) ([]part, int, int, bool) {
	if !st.isEvent(a, b) {
		return dst, a, b, false
	}
	if out, ok := st.eventBody(dst, a, b); ok {
		return out, a, b, true
	}
	st.fire(ruleRejectEvent, a, b, 0, 0)
	return dst, a, b, true
}

// rejectDocument: names of documents ("Law of the Republic of Kazakhstan
// “On Trade Unions”", "RK Constitution") and numbered events ("XVII
// Forum") hold neither bodies nor places.
func (st *state) rejectDocument(dst []part, a, b int) ([]part, int, int, bool) {
	for i := a; i < b; i++ {
		w := st.low[i]
		if st.t[i].quote || connectors[w] {
			continue
		}
		if st.t[i].has(fDocWord) || w == "on" && st.t[i].cap || romanNumeral(st.t[i].text) && st.t[i].allCaps && i == a {
			st.fire(ruleRejectDocument, a, b, 0, 0)
			return dst, a, b, true
		}
		break
	}
	if e := st.trimQuotes(b); e > a && st.t[e-1].has(fDocWord) {
		st.fire(ruleRejectDocumentEnd, a, b, 0, 0)
		return dst, a, b, true
	}
	if st.amendedDoc(b) {
		st.fire(ruleRejectAmendedDoc, a, b, 0, 0)
		return dst, a, b, true
	}
	return dst, a, b, false
}

// commonWordsOnly reports whether a person's name [p, pe) of two or more
// words is only common English words that no name list knows, with no title
// or honorific before it: "Immovable Assets", "Mechanical Works", "Late
// Rally" name no one; "Bill Gates" ("Bill" is a given name spelled like a
// word) and "Mayor Rich Young" do.
func (st *state) commonWordsOnly(p, pe int) bool {
	if pe-p < 2 {
		return false
	}
	for i := p; i < pe; i++ {
		t := &st.t[i]
		if !t.has(fCommon) || t.has(fGiven|fSurname|fSurnameEnd|fNameLike) || t.initial {
			return false
		}
	}
	if st.titleEndsAt(0, p) {
		return false
	}
	for i := max(0, p-4); i < p; i++ {
		if n, _ := st.match(pHonorifics, i, p); n > 0 && i+n >= p-1 {
			return false // "Mr", "Mr ."
		}
	}
	return true
}

// commonLastWord reports whether a person's name [p, pe) of two or more
// words ends in a common English word that no name list knows: a family
// name is no such word, a body's or an event's head is ("United Methodist
// Church", "Caledonian Mutual Assurance", "DP World Tour"). A name that
// opens with a known given name stays ("Malcolm Heap", "Ian Quick"), and so
// does "Gordon Brown": Brown is a surname spelled like a word.
func (st *state) commonLastWord(p, pe int) bool {
	if pe-p < 2 || st.t[p].has(fGiven|fNameLike) {
		return false
	}
	t := &st.t[pe-1]
	return t.has(fCommon) && !t.has(fGiven|fSurname|fSurnameEnd|fNameLike) && !t.initial && !t.allCaps
}
