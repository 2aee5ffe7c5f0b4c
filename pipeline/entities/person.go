package entities

import (
	"plenary/pipeline/rules"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// nameWord reports whether token i can be part of a person's name.
func (st *state) nameWord(i int, allCapsRun bool) bool {
	l := st.f.l
	t := st.t[i]
	if !nameShaped(&t) {
		return false
	}
	lw := t.low
	if n, _ := st.match(pHonorifics, i, i+1); n > 0 {
		return false
	}
	if t.has(fStop|fOrgWord|fHead|fTitleWord|fDocWord|fRegion|fDemonym) || (t.has(fConnector) && !t.allCaps && !st.particleSurname(i)) || l.domain(lw) {
		return false
	}
	if sg := singular(lw); sg != lw && (l.titleWords[sg] || l.heads[sg] || l.orgWords[sg] || regionWords[sg]) {
		return false
	}
	if st.pluralDemonym(i) {
		return false
	}
	if st.f.l.compoundDescriptor(t.low) {
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

// nameBeforeLowerTitle reads run [a, b) (ra: where it began before its
// leading words were dropped) as a name and a lower-case title after it, the
// object and its complement of "elected Anna Berg chairman": two or more
// name words with evidence, not after an article or a possessive (a body's
// "the CTWU chairman"). It returns the name's span and the title's length,
// or b, b, 0.
func (st *state) nameBeforeLowerTitle(ra, a, b int, allCapsRun bool) (int, int, int) {
	if a != ra || a == 0 || st.afterArticle(a) || st.t[a-1].poss || st.low[a-1] == "'s" {
		return b, b, 0
	}
	for i := a + 2; i < b; i++ {
		n, _ := st.match(pTitles, i, b)
		if n == 0 || i+n != b || st.t[i].cap || !st.t[i-1].cap {
			continue
		}
		p, pe := st.personSpan(a, i, allCapsRun)
		if p < pe && pe == i && pe-p >= 2 && st.nameEvidence(p, pe, allCapsRun) {
			st.fire(rulePersonBeforeLowerTitle, a, b, p, pe)
			return p, pe, n
		}
		break
	}
	return b, b, 0
}

// lowerTitleAfter records the lower-case title [a, b) after person
// mention pm (nameBeforeLowerTitle).
func (st *state) lowerTitleAfter(a, b, pm int) {
	_, e := st.match(pTitles, a, b)
	st.titles = append(st.titles, titleRef{a: a, b: b, text: st.slice(a, b), entry: e, person: pm, org: -1, link: rulePersonBeforeLowerTitle})
	st.fire(ruleTitle, a, b, a, b)
}

// bareAbbrevBefore returns where the name starts after a title's
// abbreviation written without its period that opens the name words [p, b)
// ("GOP Sen Pat Toomey": titles.txt has "Sen."), when two or more name
// words follow it; p when there is none. "Hun Sen" and "Amartya Sen" end
// in the word, which stays theirs.
func (st *state) bareAbbrevBefore(p, b int) int {
	if b-p < 3 || !st.bareAbbrev(p) {
		return p
	}
	return p + 1
}

// bareAbbrev reports whether token i is a title's abbreviation written
// without its period ("Sen" of titles.txt's "Sen.").
func (st *state) bareAbbrev(i int) bool {
	if !st.t[i].cap || st.t[i].allCaps || strings.Contains(st.t[i].text, ".") {
		return false
	}
	buf := [2]string{st.low[i], "."}
	n, _ := st.f.l.ph[pTitles].walk(buf[:], 0, 2)
	return n == 2
}

// particleSurname reports whether token i, a capitalized name particle, is
// a family name the lists know that ends the name: "Litton Das", not "Das
// Neves" (rule person.end.particle-surname).
func (st *state) particleSurname(i int) bool {
	if !st.t[i].has(fSurname) || !nameParticles[st.low[i]] {
		return false
	}
	j := i + 1
	return j >= len(st.t) || !st.t[j].cap || !st.t[j].word || st.d.Tokens[j].Sentence != st.d.Tokens[i].Sentence
}

// cueHolds reports whether the cue verb after the lone word at p is its
// own: not when "of" stands before the word, whose cue is the name's before
// it ("Analyst Juan Guajardo of Plusmining said"), nor after a lower-case
// "the", which no person's name takes ("of the Commonwealth said"), nor
// when the word opens the sentence and is a common English word no name
// list knows, capitalized for its place only ("Analysts said").
func (st *state) cueHolds(p int) bool {
	if p > 0 && (st.low[p-1] == "of" || st.low[p-1] == "the" && !st.t[p-1].cap) {
		st.fire(rulePersonCueAfterOf, p, p+1, 0, 0)
		return false
	}
	if (p == 0 || st.d.Tokens[p-1].Sentence != st.d.Tokens[p].Sentence) && st.plainCommon(p) {
		st.fire(rulePersonCueCommon, p, p+1, 0, 0)
		return false
	}
	return true
}

// personApposition reports whether what follows a name at b, within the
// sentence, is said only of a person: ", who" (not ", whose": "Apple, whose
// shares"), an age (", 54,"), ", a 19-year-old".
func (st *state) personApposition(b, sentEnd int) bool {
	if b+2 >= sentEnd || st.low[b] != "," {
		return false
	}
	if b >= 2 {
		switch st.low[b-2] {
		case "the", "a", "an":
			return false // "The Dane, 20,": a noun
		}
	}
	w := st.low[b+1]
	switch {
	case personRelatives[w]:
		return true
	case len(w) == 2 && isNumber(w):
		return st.low[b+2] == ","
	case w == "a" || w == "an":
		return strings.HasSuffix(st.low[b+2], "-year-old")
	}
	return false
}

// pluralDemonym reports whether token i is the plural of a nationality's
// person noun, which describes the people named after it: "Kenyans Ruth
// Chepngetich and Brigid Jepchirchir" (rule person.start.plural-demonym).
func (st *state) pluralDemonym(i int) bool {
	lw := st.low[i]
	if len(lw) < 5 || lw[len(lw)-1] != 's' || st.t[i].has(fDemonym|fGiven|fSurname) {
		return false
	}
	_, ok := st.f.l.demonyms[singular(lw)]
	return ok
}

// nameShaped reports whether token t is shaped like a word of a name: a
// capitalized word out of quotes, with no slash ("Britain/Picnic").
func nameShaped(t *tok) bool {
	return t.cap && t.word && !t.quote && !strings.ContainsRune(t.text, '/')
}

func nounEnding(w string) bool {
	for _, e := range nounEndings {
		if len(w) > len(e)+2 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// Where a person's name at the end of a run starts and ends, and what
// makes a name.

var (
	rulePersonAfterBody = rules.New(rules.StageEntities, rules.Start, "person.start.body-after-title-of",
		"after \"<title> of\", words with no evidence of a name before a known given name name the body or place, not the person",
		"Governor of Kuzbass [Ilya Sergeyevich Voronin] met the unions.")
	rulePersonAfterTitle = rules.New(rules.StageEntities, rules.Start, "person.start.after-title",
		"a title phrase reaching into the name words ends before the person",
		"Chief Whip [Nurlan Bekov]")
	rulePersonAfterHonorific = rules.New(rules.StageEntities, rules.Start, "person.start.after-honorific",
		"an honorific phrase reaching into the name words ends before the person",
		"Datuk Seri [Anwar Ibrahim]")
	rulePersonSingle = rules.New(rules.StageEntities, rules.Accept, "person.accept.single-word",
		"a lone name word is a candidate when it is the whole run, has name evidence or follows a title or a form of address",
		"Chairman [Bekov]")
	rulePersonStrong = rules.New(rules.StageEntities, rules.Accept, "person.accept.evidence",
		"name words with evidence (a known given name or surname, a surname ending, an initial, a hyphen) or after a title make a person",
		"[Aigerim Sultanova] spoke")
	rulePersonCueVerb = rules.New(rules.StageEntities, rules.Accept, "person.accept.cue-verb",
		"two unknown capitalized words are a name when a cue verb or a comma follows",
		"[Brindle Oakhart] said")
	rulePersonHeadlineEnd = rules.New(rules.StageEntities, rules.End, "person.end.headline-evidence",
		"in a Title Case headline a name ends with its last known name word",
		"[Maria Santos] Opens Plenum In Capital Today")
	rulePersonHeadlineBody = rules.New(rules.StageEntities, rules.Accept, "person.accept.headline-body-name",
		"in a Title Case headline a person is the words the report's body names a person with",
		"Late Goal Lifts [Okonkwo] Past Rivals¶Striker Chidi Okonkwo scored twice on Sunday.")
	rulePersonHeadlineStart = rules.New(rules.StageEntities, rules.Start, "person.start.headline-evidence",
		"in a Title Case headline a name starts at its first known name word",
		"Opposition Picks [Grace Mwangi] As New Chair")
	rulePersonName = rules.New(rules.StageEntities, rules.Detect, "person.detect.name",
		"name words at the end of a run, with nothing before them that says more",
		"[Nurlan Bekov] opened the meeting")
	rulePersonHonorific = rules.New(rules.StageEntities, rules.Detect, "person.detect.honorific",
		"a name after a form of address (kept as an alias)",
		"Mr [Bekov] said")
	rulePersonTitleName = rules.New(rules.StageEntities, rules.Detect, "person.detect.title-name",
		"a name right after a title in the run",
		"Chairman [Nurlan Bekov]")
	rulePersonInitials = rules.New(rules.StageEntities, rules.Detect, "person.detect.initials",
		"a name with initials, before or after the surname",
		"[S. Dauletov] opened the session")
	rulePersonAfterPlace = rules.New(rules.StageEntities, rules.Start, "person.start.after-place",
		"a town of the generated gazetteer right after a title and \"of\" is the post's place, and the name starts at the given name after it",
		"Mayor of Tampere [Juha Virtanen] opened the forum.")
	rulePersonAfterCommon = rules.New(rules.StageEntities, rules.Start, "person.start.common-words",
		"capitalized common English words before a name's first given name describe the person and are no part of the name",
		"Struggling [Evert Lindqvist] lost again.")
	rulePersonForeignName = rules.New(rules.StageEntities, rules.Accept, "person.accept.foreign-name",
		"two to four capitalized words that are no English words and no list's names, not after an article or \"at\", are a name",
		"Three were tied, including Japan's [Ryo Nakagawa].")
	rulePersonAfterDescriptor = rules.New(rules.StageEntities, rules.Start, "person.start.descriptor-before-foreign",
		"capitalized common words or a body's qualifier before a name no list knows describe the person and are no part of the name",
		"Opener [Dimuth Rajapaksha] fell for 34.")
	rulePersonAfterPluralDemonym = rules.New(rules.StageEntities, rules.Start, "person.start.plural-demonym",
		"the plural of a nationality's noun (Kenyans, Ethiopians) before names describes the people and is no part of a name",
		"It was ahead of Kenyans [Ruth Chepngetich] and Brigid Jepchirchir.")
	rulePersonParticleSurname = rules.New(rules.StageEntities, rules.End, "person.end.particle-surname",
		"a capitalized name particle that is a known family name (Das, Del) ends a name when no capitalized word follows",
		"Bangladesh made 302 ([Litton Das] 97).")
	rulePersonApposition = rules.New(rules.StageEntities, rules.Accept, "person.accept.person-apposition",
		"a lone name word followed by what is said only of a person (\", who\", an age, \", a 19-year-old\") is a person",
		"[Sutrisno], 54, a driver for fifteen years, joined the march.")
	rulePersonCueAfterOf = rules.New(rules.StageEntities, rules.Reject, "person.reject.cue-after-of",
		"a cue verb after a lone word that follows \"of\" or a lower-case \"the\" is the cue of the name before, not the word's",
		"Analyst Juan Guajardo of [Plusmining] said output would fall.")
	rulePersonCueCommon = rules.New(rules.StageEntities, rules.Reject, "person.reject.cue-common-word",
		"a cue verb after a common English word no name list knows that opens the sentence makes no person of it",
		"[Analysts] said the deal was fair.")
	rulePersonBeforeLowerTitle = rules.New(rules.StageEntities, rules.End, "person.end.before-lower-title",
		"a lower-case title ending a run after two or more name words with evidence is the person's, after the name: the name ends before it",
		"The plenum elected [Anna Berg] chairman.")
	rulePersonAfterBareAbbrev = rules.New(rules.StageEntities, rules.Start, "person.start.bare-abbreviation",
		"a title's abbreviation written without its period (Sen, Rep, Gov) before two or more name words is no part of the name",
		"GOP Sen [Pat Toomey] said he would vote no.")
	rulePersonAfterSlash = rules.New(rules.StageEntities, rules.Start, "person.start.after-slash",
		"a word with a slash in it ('Britain/Picnic') joins two names, of a country and a team: no person's name word",
		"4. Oscar Onley (Britain/Picnic [PostNL]) +12:12")
	rulePersonParticles = rules.New(rules.StageEntities, rules.End, "person.extend.particles",
		"two lower-case name particles between name words (van der, de los) join them into one name",
		"MP [Pieter van der Merwe] questioned the figures.")
	rulePersonNickname = rules.New(rules.StageEntities, rules.End, "person.extend.nickname",
		"a nickname in quotes between a given name and a family name is part of the name",
		"Senator Ramon [“Bong”] Revilla spoke.")
	rulePersonSuffix = rules.New(rules.StageEntities, rules.End, "person.extend.suffix",
		"a generational suffix (Jr, Sr, III) after a name is part of it but no family name",
		"President Ferdinand [Marcos Jr]. spoke.")
	rulePersonPlaceSurname = rules.New(rules.StageEntities, rules.End, "person.extend.place-surname",
		"a one-word place one or two name words after a known given name, ending the run or before another name word, is a family name",
		"Luis Echeverría [Palau] said the deal was good.")
	rulePersonAfterCompound = rules.New(rules.StageEntities, rules.Start, "person.start.after-compound",
		"a hyphened adjective whose last part is a lower-case common word (Top-seeded, Lagos-based) describes the person and is no part of the name",
		"Top-seeded [Alexei Morozov] saved two match points.")
	rulePersonWordGiven = rules.New(rules.StageEntities, rules.Accept, "person.accept.word-given-name",
		"a given name spelled like a common word (Pat, Bill) is a name's evidence inside a sentence, before a capitalized word that is no common word",
		"The panel heard from [Pat Toomey] on Monday.")
)

// personSpan returns where the person of run [a, b) starts and ends (b, b
// when there is none).
func (st *state) personSpan(a, b int, allCapsRun bool) (p, pe int) {
	p = st.personTail(a, b, allCapsRun)
	if p < b {
		p = st.geoBeforeName(p, b)
		p = st.bodyBeforeGiven(p, b)
		if !st.titleCaseHeadline(a) {
			// a headline's capitals are the headline rules' (below)
			p = st.commonBeforeGiven(p, b)
		}
	}
	pe = b // where the person's name ends
	st.hl = hlTail{}
	if p < b && st.titleCaseHeadline(a) {
		// capitals in a Title Case headline make no name ("Holds
		// Plenum"); a name is one the body gives (confirmHeadlinePeople),
		// else it ends with its known words ("Maria Santos Opens Plenum")
		st.hl = hlTail{a: p, b: b, ev: true}
		if pe = st.nameEvidenceEnd(p, b); pe == p {
			if st.commonWordsOnly(p, b) {
				st.fire(rulePersonRejectCommonWords, p, b, 0, 0)
				return b, b
			}
			st.hl.ev = false
			return p, b
		}
		if pe < b {
			st.fire(rulePersonHeadlineEnd, p, b, p, pe)
		}
		// and starts with them: "Opposition Picks Grace Mwangi"
		for k := p; k < pe-1; k++ {
			if t := &st.t[k]; t.has(fGiven|fSurname|fSurnameEnd) || t.initial {
				if k > p {
					st.fire(rulePersonHeadlineStart, p, pe, k, pe)
				}
				p = k
				break
			}
		}
	}
	if p < pe && st.commonWordsOnly(p, pe) {
		st.fire(rulePersonRejectCommonWords, p, pe, 0, 0)
		return b, b
	}
	if p < pe && st.commonLastWord(p, pe) {
		st.fire(rulePersonRejectCommonLast, p, pe, 0, 0)
		return b, b
	}
	return p, pe
}

// personPart records the person mention [p, pe) of a run whose descriptor
// parts are parts and that has hon tokens of address before the name.
func (st *state) personPart(parts []part, p, pe, hon, sentEnd int) part {
	b := pe
	m := ment{k: kPerson, a: p, b: b, name: st.slice(p, b), det: rulePersonName, hl: st.hl}
	st.hl = hlTail{}
	if hon > 0 {
		m.alias = st.slice(p-hon, b)
		m.det = rulePersonHonorific
	}
	afterTitle := len(parts) > 0 && parts[len(parts)-1].k == 't'
	if afterTitle {
		m.det = rulePersonTitleName
	}
	if b-p == 1 {
		m.weak = !(hon > 0 || afterTitle)
		m.cued = b < sentEnd && (st.t[b].has(fCue) || (b+1 < sentEnd && st.t[b+1].has(fCue) && st.t[b].has(fCueAux)))
		if m.cued && m.weak {
			m.cued = st.cueHolds(p)
		}
		if m.weak && !m.cued && st.personApposition(b, sentEnd) {
			m.cued = true
			st.fire(rulePersonApposition, p, b, p, b)
		}
	}
	if st.t[p].initial || strings.Contains(st.t[p].text, ".") || (b-p > 1 && st.t[b-1].initial) {
		m.det = rulePersonInitials
	}
	st.ments = append(st.ments, m)
	st.fire(m.det, p, b, p, b)
	return part{k: 'p', a: p, b: b, ment: len(st.ments) - 1}
}

// personTail returns where the person's name at the end of run [a, b) starts
// (b when there is none).
func (st *state) personTail(a, b int, allCapsRun bool) int {
	p := st.nameWordsBefore(a, b, allCapsRun)
	if p == b {
		return b
	}
	if st.headPreposition(a, p) {
		st.fire(ruleOrgHeadPreposition, p, b, 0, 0)
		st.grown = append(st.grown, growMark{p, b, ruleOrgHeadPreposition})
		return b
	}
	// a place the gazetteer knows is no name: "Petaling Jaya", and "Sri
	// Lanka" after its honorific-like first word
	if n, _ := st.match(pPlaces, p, b); n == b-p {
		st.fire(rulePersonRejectPlace, p, b, 0, 0)
		return b
	}
	for j := max(a, p-2); j < p; j++ {
		if n, _ := st.match(pHonorifics, j, p); n > 0 && j+n == p {
			if m, _ := st.match(pPlaces, j, b); j+m == b {
				st.fire(rulePersonRejectPlace, j, b, 0, 0)
				return b
			}
		}
	}
	p = st.tailStart(a, p, b)
	// a name never ends in an initial unless it is written surname-first
	// ("Nurymbetov B. B."); strip leading honorific-like words.
	n := b - p
	strong := st.nameEvidence(p, b, allCapsRun)
	if !strong && st.wordGivenName(p, b) {
		st.fire(rulePersonWordGiven, p, b, p, b)
		strong = true
	}
	if st.connectorCompletes(a, p, strong) {
		st.fire(ruleOrgConnectorName, p, b, 0, 0)
		st.grown = append(st.grown, growMark{p, b, ruleOrgConnectorName})
		return b
	}
	// what precedes inside the run: a title or honorific supports a name
	before := p > a && !st.orgWordBefore(p) && !strings.ContainsRune(st.t[p-1].text, '/')
	if b < len(st.t) && notPersonAfter[st.low[b]] {
		st.fire(rulePersonRejectThingAfter, p, b, 0, 0)
		return b
	}
	if n == 1 {
		// judged later (weak unless a title precedes); inside a longer run a
		// lone trailing word is a name only with a cue of its own
		if p == a || strong || st.titleEndsAt(a, p) || (st.t[p-1].cap && !st.nameWord(p-1, allCapsRun) && st.t[p-1].first&(1<<pHonorifics) != 0) {
			st.fire(rulePersonSingle, p, b, p, b)
			return p
		}
		st.fire(rulePersonRejectLoneWord, p, b, 0, 0)
		return b
	}
	if strong || before {
		st.fire(rulePersonStrong, p, b, p, b)
		return p
	}
	// two unknown capitalized words alone: a name when a cue verb follows
	if b < len(st.t) && (st.t[b].has(fCue) || st.low[b] == ",") && !st.orgWordBefore(p) {
		st.fire(rulePersonCueVerb, p, b, p, b)
		return p
	}
	if q := st.foreignStart(a, p, b); q < b {
		if q > a {
			st.fire(rulePersonAfterDescriptor, a, b, q, b)
		}
		st.fire(rulePersonForeignName, q, b, q, b)
		return q
	}
	st.fire(rulePersonRejectNoEvidence, p, b, 0, 0)
	return b
}

// foreignName reports whether the name words [p, b) of run [a, b) are a
// name no list knows, from their spelling and place: two to four mixed-case
// words, none an English word (the common-word list), no digits; the whole
// run, and not after an article or "at", which introduce a body or a venue
// ("the Niti Aayog", "at Neft Dashlari").
func (st *state) foreignName(a, p, b int) bool {
	if p != a || b-p < 2 || b-p > 4 {
		return false
	}
	return st.foreignWords(p, b) && !st.afterArticle(p)
}

// foreignStart returns where a name no list knows starts in the name words
// [p, b) of run [a, b) (b: none): the whole run (foreignName), or the words
// after those that describe the person, capitalized common words or a
// body's qualifier ("Opener Dimuth Rajapaksha", "Deputies Hayk
// Martirosyan"). Not in a Title Case headline, whose capitals say nothing.
func (st *state) foreignStart(a, p, b int) int {
	if st.foreignName(a, p, b) {
		return p
	}
	if st.titleCaseHeadline(a) {
		return b
	}
	q := p
	for q < b-2 && st.plainCommon(q) {
		q++
	}
	if q == p && (p == a || !st.t[p-1].cap || !st.t[p-1].has(fOrgWord|fCommon)) {
		return b
	}
	if b-q < 2 || b-q > 4 || !st.foreignWords(q, b) || st.afterArticle(a) {
		return b
	}
	for i := a; i < p; i++ {
		if st.t[i].has(fConnector) && !st.t[i].cap {
			return b // "secretary of the Akhil Bharatiya Shramik Sangh": a body's name
		}
	}
	return q
}

// plainCommon reports whether token i is a capitalized common English word
// that no name list knows.
func (st *state) plainCommon(i int) bool {
	t := &st.t[i]
	return t.cap && t.has(fCommon) && !t.has(fGiven|fSurname|fSurnameEnd|fNameLike) && !t.allCaps && !t.initial
}

// foreignWords reports whether the words [p, b) are spelled like a name no
// list knows (see foreignName).
func (st *state) foreignWords(p, b int) bool {
	for i := p; i < b; i++ {
		t := &st.t[i]
		if t.allCaps || t.initial || strings.ContainsAny(t.text, "0123456789.") {
			return false
		}
		if t.has(fCommon|fNameLike) && !st.likeSurnameLast(p, i, b) {
			return false
		}
	}
	return true
}

// likeSurnameLast reports whether word i of the two name words [p, b) is
// the second, a family name spelled like a common word ("Silva", "Wood"),
// after a word no list knows: "Pathum Silva" (rule
// person.accept.foreign-name).
func (st *state) likeSurnameLast(p, i, b int) bool {
	return i == b-1 && i == p+1 && st.t[i].has(fNameLike) && !st.t[i-1].has(fCommon|fNameLike)
}

// afterArticle reports whether an article or "at" stands before token p:
// they introduce a body or a venue ("the Niti Aayog", "at Neft Dashlari").
func (st *state) afterArticle(p int) bool {
	if p == 0 {
		return false
	}
	switch st.low[p-1] {
	case "the", "a", "an", "at":
		return true
	}
	return false
}

// nicknameBefore returns where a nickname in quotes that ends at p starts,
// when a name word comes before it and name words after it ([p, b) holds
// some): "Ferdinand “Bongbong” Marcos"; p when there is none. The
// nickname is one or two capitalized words.
func (st *state) nicknameBefore(a, p, b int) int {
	c := p - 1
	if p >= b || c <= a || !st.t[c].quote {
		return p
	}
	for q := c - 2; q >= max(a+1, c-3); q-- {
		if !st.t[q].quote {
			continue
		}
		if !closes(st.t[q].text, st.t[c].text) {
			return p
		}
		for k := q + 1; k < c; k++ {
			if !st.t[k].cap || !st.t[k].word {
				return p
			}
		}
		if st.nameWord(q-1, false) {
			return q
		}
		return p
	}
	return p
}

// placeSurname reports whether token i of run [a, b), a one-word place of
// the curated gazetteer, is a family name: a given name comes one or two
// name words before it and it ends the run or a name word follows ("Luis Echeverría Palau",
// "Mariana Albuquerque Reis").
func (st *state) placeSurname(a, i, b int, allCapsRun bool) bool {
	t := &st.t[i]
	if i <= a || !t.cap || !t.word || t.allCaps || allCapsRun || i+1 < b && !st.nameWord(i+1, allCapsRun) {
		return false
	}
	if n, _ := st.match(pPlaces, i, i+1); n != 1 {
		return false
	}
	given := func(k int) bool {
		return k >= a && st.t[k].has(fGiven) && !st.t[k].has(fCommon) && st.nameWord(k, allCapsRun)
	}
	return given(i-1) || given(i-2) && st.nameWord(i-1, allCapsRun)
}

// compoundDescriptor reports whether the lower-cased word w is a hyphened
// adjective ending in a participle of a common English word: "top-seeded",
// "lagos-based", "long-serving", "irish-born". A name's parts after a
// hyphen are capitalized ("Aldridge-Boyd"), or short syllables ("Jae-won",
// "Mei-ling"), which the participle endings leave out.
func (l *lex) compoundDescriptor(w string) bool {
	k := strings.LastIndexByte(w, '-')
	if k <= 0 || k == len(w)-1 {
		return false
	}
	last := w[k+1:]
	if l.gen[last].flags&fCommon == 0 {
		return false
	}
	return last == "born" || len(last) >= 4 && strings.HasSuffix(last, "ed") || len(last) >= 5 && strings.HasSuffix(last, "ing")
}

// nameWordsBefore returns where the name words ending run [a, b) start:
// up to five of them, a particle between two ("Khalid bin Saeed", "Ludwig
// van Beethoven"), an articled surname last ("al-Harthi"); b when none.
func (st *state) nameWordsBefore(a, b int, allCapsRun bool) int {
	p, nick := b, 0 // nick: tokens of a nickname, which the five words do not count
	for p > a && b-p-nick < 5 {
		if p == b && p-1 > a && patronymics[st.low[p-1]] && !st.t[p-1].cap && st.nameWord(p-2, allCapsRun) {
			p-- // "Mammadov Vugar Aydin oglu": the run's rule kept it (run.extend.patronymic)
			continue
		}
		if p == b && p-1 > a && st.f.l.nameSuffix[st.low[p-1]] && st.t[p-1].cap && st.nameWord(p-2, allCapsRun) {
			st.fire(rulePersonSuffix, p-1, b, p-2, b)
			p--
			continue
		}
		if st.nameWord(p-1, allCapsRun) || p == b && st.articledName(p-1) {
			p--
			continue
		}
		if q := st.nicknameBefore(a, p, b); q < p {
			st.fire(rulePersonNickname, q, p, q, b)
			nick += p - q
			p = q
			continue
		}
		if st.placeSurname(a, p-1, b, allCapsRun) {
			st.fire(rulePersonPlaceSurname, p-1, b, p-1, b)
			p--
			continue
		}
		if n := st.particlesBefore(a, p, b, allCapsRun); n > 0 {
			p -= n
			continue
		}
		break
	}
	st.fireNameStart(a, p, b)
	return p
}

// fireNameStart records the rule that stopped the name words [p, b) of run
// [a, b) at p, when one of its words decided it.
func (st *state) fireNameStart(a, p, b int) {
	if p >= b {
		return
	}
	if p+1 < b && st.particleSurname(b-1) {
		st.fire(rulePersonParticleSurname, p, b, p, b)
	}
	if p == a {
		return
	}
	switch {
	case strings.ContainsRune(st.t[p-1].text, '/'):
		// "Britain/Picnic PostNL": a slash joins two things' names
		st.fire(rulePersonAfterSlash, p-1, b, p, b)
	case st.t[p-1].cap && st.f.l.compoundDescriptor(st.low[p-1]):
		st.fire(rulePersonAfterCompound, p-1, b, p, b)
	case st.pluralDemonym(p - 1):
		st.fire(rulePersonAfterPluralDemonym, p-1, b, p, b)
	}
}

// particlesBefore is how many tokens before p a name particle and the name
// word before it take (0: none): "Anouk de Graaf", and two lower-case
// particles, "Pieter van der Merwe", "Maria de la Cruz".
func (st *state) particlesBefore(a, p, b int, allCapsRun bool) int {
	if p-1 <= a || p >= b || !nameParticles[st.low[p-1]] {
		return 0
	}
	if st.nameWord(p-2, allCapsRun) {
		return 2
	}
	if p-2 > a && nameParticles[st.low[p-2]] && !st.t[p-1].cap && !st.t[p-2].cap && st.nameWord(p-3, allCapsRun) {
		st.fire(rulePersonParticles, p-3, b, p-3, b)
		return 3
	}
	return 0
}

// tailStart moves the start p of the name words [p, b) past a title or an
// honorific phrase that reaches into them: "Chief Whip Nurlan Bekov" (also
// a title that starts with a form of address before it), "Datuk Seri Anwar
// Ibrahim".
func (st *state) tailStart(a, p, b int) int {
	if q := st.bareAbbrevBefore(p, b); q > p {
		st.fire(rulePersonAfterBareAbbrev, p, b, q, b)
		p = q
	}
	p0 := p
	for j := max(a, p-1); j < b; j++ {
		if n, _ := st.match(pTitles, j, b); n > 0 && j+n < b && j+n > p {
			p = j + n
		}
	}
	if p > p0 {
		st.fire(rulePersonAfterTitle, p0, b, p, b)
	}
	p1 := p
	for j := max(a, p-3); j < b; j++ {
		if n, _ := st.match(pHonorifics, j, b); n > 0 && j+n > p && j+n < b && !st.placeOverHonorific(j, n, b) {
			p = j + n
		}
	}
	if p > p1 {
		st.fire(rulePersonAfterHonorific, p1, b, p, b)
	}
	return p
}

// nameEvidence reports whether the name words [p, b) hold evidence of a
// person's name: a known given name or surname, a surname ending, an
// initial or a dot, a hyphen, two capitals outside a headline in capitals.
func (st *state) nameEvidence(p, b int, allCapsRun bool) bool {
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
	return strong
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

// geoBeforeName is where a person's name starts in a run's tail [p, b) once
// a town of the generated gazetteer right after "<title> of" is taken off
// it: in "Mayor of Tampere Juha Lindqvist" the name is "Juha Lindqvist".
// The rest must open with a given name and keep two words.
func (st *state) geoBeforeName(p, b int) int {
	if p < 2 || st.low[p-1] != "of" || !st.titleEndsAt(0, p-1) {
		return p
	}
	for n := 1; p+n+2 <= b; n++ {
		if _, ok := st.geoName(p, p+n, false); ok && st.t[p+n].has(fGiven) {
			st.fire(rulePersonAfterPlace, p, b, p+n, b)
			return p + n
		}
	}
	return p
}

// bodyBeforeGiven is where a person's name starts in a run's tail [p, b)
// right after "<title> of" once one or two words without any evidence of a
// name before a known given name are taken off: they name the body or
// place of the title ("Governor of Kuzbass Ilya Sergeyevich Voronin").
// The name keeps two words.
func (st *state) bodyBeforeGiven(p, b int) int {
	if p < 2 || st.low[p-1] != "of" || !st.titleEndsAt(0, p-1) {
		return p
	}
	for n := 1; n <= 2 && p+n+2 <= b; n++ {
		t := &st.t[p+n-1]
		if t.has(fGiven|fSurname|fSurnameEnd) || t.initial {
			return p
		}
		if st.t[p+n].has(fGiven) {
			st.fire(rulePersonAfterBody, p, b, p+n, b)
			return p + n
		}
	}
	return p
}

// commonBeforeGiven is where a person's name starts in a run's tail [p, b)
// once capitalized common English words before its first given name are
// taken off: they describe the person, as in "Minister of Social Policy
// Maryna Lazebna", "Defender Luka Kovac", "Struggling Evert Lindqvist". A
// word any name list knows stays ("Grace Obi"), and the name keeps two
// words.
func (st *state) commonBeforeGiven(p, b int) int {
	k := p
	for k < b && st.t[k].has(fCommon) && !st.t[k].has(fGiven|fSurname|fSurnameEnd) && !st.t[k].initial {
		k++
	}
	if k == p || k+2 > b || !st.t[k].has(fGiven) {
		return p
	}
	st.fire(rulePersonAfterCommon, p, b, k, b)
	return k
}

// wordGivenName reports whether a name word in [p, b) is a given name
// spelled like a common word ("Pat", "Bill") that opens a name there:
// inside the sentence, before a capitalized word that is no common word
// ("Sen. Pat Toomey", "with Bill Shorten"); not "Will Putin attend" at a
// sentence's start.
func (st *state) wordGivenName(p, b int) bool {
	for i := p; i+1 < b; i++ {
		t := &st.t[i]
		if !t.has(fNameLike) || t.allCaps {
			continue
		}
		if s := st.d.Tokens[i].Sentence; s < len(st.d.SentTokens) && st.d.SentTokens[s][0] == i {
			continue
		}
		if n := &st.t[i+1]; n.cap && n.word && !n.allCaps && !n.initial && !n.has(fCommon|fNameLike) {
			return true
		}
	}
	return false
}

// hlTail is the tail of a run in a Title Case headline where a person's
// name was looked for: [a, b), and whether known name words (ev) bound the
// candidate found there.
type hlTail struct {
	a, b int
	ev   bool
}

// confirmHeadlinePeople settles the people found in Title Case headlines,
// whose capitals say nothing about where a name starts or ends: a person is
// the longest run of words of the headline's tail that the body names a
// person with (a whole name, or the surname of a longer one): "Late Goal
// Lifts Okonkwo" is "Okonkwo" when the body has "Chidi Okonkwo". A
// candidate the body does not name stays when known name words bound it,
// else it is dropped.
func (st *state) confirmHeadlinePeople() {
	var body map[string]bool
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPerson || m.hl.b == 0 {
			continue
		}
		if body == nil {
			body = st.bodyNames()
		}
		if a, b := st.bodyNameIn(m.hl.a, m.hl.b, body); a < b {
			st.fire(rulePersonHeadlineBody, m.a, m.b, a, b)
			if a != m.a || b != m.b {
				m.a, m.b, m.name, m.alias, m.by = a, b, st.slice(a, b), "", rulePersonHeadlineBody
			}
			continue
		}
		if !m.hl.ev {
			st.fire(rulePersonRejectHeadline, m.a, m.b, 0, 0)
			m.k = kNone
		}
	}
}

// bodyNames are the lower-cased names (words joined by spaces) of the person
// mentions outside Title Case headlines, with the last word of each name of
// two words or more; a lone word counts only after a title or a form of
// address.
func (st *state) bodyNames() map[string]bool {
	set := map[string]bool{}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPerson || m.hl.b != 0 || m.b-m.a == 1 && m.weak {
			continue
		}
		set[strings.Join(st.low[m.a:m.b], " ")] = true
		if m.b-m.a > 1 {
			set[st.low[m.b-1]] = true
		}
	}
	return set
}

// bodyNameIn returns the longest span of [a, b) that body holds (the first
// of equal length); a, a when none.
func (st *state) bodyNameIn(a, b int, body map[string]bool) (int, int) {
	for n := b - a; n > 0; n-- {
		for i := a; i+n <= b; i++ {
			if body[strings.Join(st.low[i:i+n], " ")] {
				return i, i + n
			}
		}
	}
	return a, a
}
