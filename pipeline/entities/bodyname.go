package entities

import (
	"plenary/pipeline/rules"
	"strings"
)

// Names the person rules took that the document shows to be a body's: a
// team in a result line, a club after its abbreviation, a name followed by
// ", which", a name the document also gives a body where a body's evidence
// stands. The evidence at one mention settles every mention of the name,
// and they become the body's mentions.

var (
	rulePersonRejectScoreLine = rules.New(rules.StageEntities, rules.Reject, "person.reject.score-line",
		"a name between scores in a result line (Name 2 Name 1) with no word a name list knows is a team's, in every mention",
		"Results: [Rudar Pljevlja] 4 Sloga Doboj 1; Dinamo Tirana 2 Vardar Skopje 0.")
	rulePersonRejectClubPrefix = rules.New(rules.StageEntities, rules.Reject, "person.reject.club-prefix",
		"a name that opens with a sports club's abbreviation (FC, FK, VfB), with no word a name list knows after it, is the club's, in every mention",
		"[FC Zuiderzee] won the title on goal difference.")
	rulePersonRejectWhich = rules.New(rules.StageEntities, rules.Reject, "person.reject.which",
		"a name with no word a name list knows followed by \", which\" names a body or a thing, in every mention",
		"Analysts said [Ostrava Kovarna], which makes rails, would cut jobs.")
	rulePersonRejectBodyElsewhere = rules.New(rules.StageEntities, rules.Reject, "person.reject.body-elsewhere",
		"a name of two or more words that the document also gives a body (after a body's noun, with its head) is the body's in every mention",
		"The drugmaker Alpenmed Sarvik raised its forecast. [Alpenmed Sarvik] said sales rose.")
	rulePersonRejectStaffAt = rules.New(rules.StageEntities, rules.Reject, "person.reject.staff-at",
		"a name after \"at\" and a lower-case noun of the people who work somewhere (analysts, economists, a spokesman) is where they work, in every mention",
		"Analysts at [Kessler Wright] said the forecast was conservative.")
	rulePersonRejectSaidIt = rules.New(rules.StageEntities, rules.Reject, "person.reject.said-it",
		"a name ending in a common English word, before a cue verb and \"it\" or \"its\", is a body's, in every mention",
		"[Orion Freight] said it would cut 1,200 jobs.")
	ruleOrgFromPerson = rules.New(rules.StageEntities, rules.Detect, "org.detect.person-body",
		"the mentions of a name of two or more words the person rules took that the document shows to be a body's (person.reject.score-line, club-prefix, which, body-elsewhere, staff-at, said-it) are the body's",
		"Results: [Rudar Pljevlja] 4 Sloga Doboj 1; Dinamo Tirana 2 Vardar Skopje 0.")
)

// bodyPeople turns the person mentions of every name with a body's
// evidence into organization mentions (a lone word is dropped).
func (st *state) bodyPeople() {
	var bodies map[string]*rules.Rule
	var orgNames map[string]bool
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPerson {
			continue
		}
		r := st.bodyEvidence(m.a, m.b)
		if r == nil && m.b-m.a > 1 {
			if orgNames == nil {
				orgNames = st.orgMentionNames()
			}
			if orgNames[st.key(m.a, m.b)] {
				r = rulePersonRejectBodyElsewhere
			}
		}
		if r == nil {
			continue
		}
		if bodies == nil {
			bodies = map[string]*rules.Rule{}
		}
		if _, ok := bodies[st.key(m.a, m.b)]; !ok {
			bodies[st.key(m.a, m.b)] = r
		}
	}
	if bodies == nil {
		return
	}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPerson {
			continue
		}
		r, ok := bodies[st.key(m.a, m.b)]
		if !ok {
			continue
		}
		st.fire(r, m.a, m.b, 0, 0)
		if m.b-m.a == 1 {
			// a lone word would be a body's short form, which the body
			// rules join to no longer name ("Halberd" of "Halberd
			// Aerospace Corp"): no person, and no body of its own
			m.k = kNone
			continue
		}
		*m = ment{k: kOrg, a: m.a, b: m.b, name: st.slice(m.a, m.b), det: ruleOrgFromPerson}
		st.fire(ruleOrgFromPerson, m.a, m.b, m.a, m.b)
	}
}

// key is the lower-cased words of [a, b) joined by spaces.
func (st *state) key(a, b int) string {
	if b-a == 1 {
		return st.low[a]
	}
	return strings.Join(st.low[a:b], " ")
}

// orgMentionNames are the keys of the organization mentions of two words or
// more.
func (st *state) orgMentionNames() map[string]bool {
	set := map[string]bool{}
	for i := range st.ments {
		if m := &st.ments[i]; m.k == kOrg && m.b-m.a > 1 {
			set[st.key(m.a, m.b)] = true
		}
	}
	return set
}

// bodyEvidence returns the rule whose evidence at the mention [a, b) says it
// names a body (nil: none).
func (st *state) bodyEvidence(a, b int) *rules.Rule {
	if b-a > 1 && clubPrefixes[st.t[a].text] && !st.knownNameWord(a+1, b) {
		return rulePersonRejectClubPrefix
	}
	if b+1 < len(st.t) && st.low[b] == "," && bodyRelatives[st.low[b+1]] && !st.knownNameWord(a, b) {
		// "a study by Anna Berg, which found": the study's
		return rulePersonRejectWhich
	}
	if st.scoreLine(a, b) && !st.knownNameWord(a, b) {
		return rulePersonRejectScoreLine
	}
	if a >= 2 && st.low[a-1] == "at" && staffNouns[st.low[a-2]] && !st.t[a].has(fTitleWord) {
		return rulePersonRejectStaffAt
	}
	if b-a > 1 && b+1 < len(st.t) && st.t[b].has(fCue) && bodyPronouns[st.low[b+1]] && st.plainCommon(b-1) {
		return rulePersonRejectSaidIt
	}
	return nil
}

// scoreLine reports whether the name [a, b) stands in a result line between
// scores: a score after it, then another name and its score ("Rudar
// Pljevlja 4 Sloga Doboj 1"), or another name's score before it and its own
// after it. A scorecard's "Das 97, Hasan 54" and a finish's "64 Tunde
// Okafor (Nigeria)" are no such line.
func (st *state) scoreLine(a, b int) bool {
	if b >= len(st.t) || !score(st.t[b].text) {
		return false
	}
	if a >= 2 && score(st.t[a-1].text) && st.t[a-2].cap && st.t[a-2].word {
		return true
	}
	k := b + 1
	for k < len(st.t) && k < b+6 && st.t[k].cap && st.t[k].word {
		k++
	}
	return k > b+1 && k < len(st.t) && score(st.t[k].text)
}

// knownNameWord reports whether a word of [a, b) is a given name or family
// name some list knows, or has a family name's ending: a player's name in a
// head-to-head result ("Judd Trump 6 Mark Selby 4"), not a team's.
func (st *state) knownNameWord(a, b int) bool {
	for i := a; i < b; i++ {
		if st.t[i].has(fGiven | fSurname | fSurnameEnd | fNameLike) {
			return true
		}
	}
	return false
}

// score reports whether s is a team's score: one or two digits.
func score(s string) bool {
	return len(s) <= 2 && isNumber(s)
}
