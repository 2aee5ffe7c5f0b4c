package quotes

import (
	"strings"

	"plenary/pipeline/doc"
)

// genderOf is a person's gender: the entities stage's when it knows it,
// else what the text shows (see inferGenders), else "".
func (st *state) genderOf(id string) string {
	if p, ok := st.people[id]; ok && p.Gender != "" {
		return p.Gender
	}
	if st.genders == nil {
		st.genders = st.inferGenders()
	}
	return st.genders[id]
}

// inferGenders guesses the gender of people the entities stage left
// without one, from the text around their mentions: a female title in one of
// their roles ("chairwoman", "spokeswoman"), or a subject pronoun ("he",
// "she") in a sentence that names only them, or at the head of the next
// sentence when that one names nobody ("Giorgi Beridze thanked the akim …
// In Batumi, he said, …"). A person with votes for both genders stays
// unknown.
func (st *state) inferGenders() map[string]string {
	votes := map[string]map[string]int{}
	vote := func(id, g string) {
		if p, ok := st.people[id]; !ok || p.Gender != "" || g == "" {
			return
		}
		if votes[id] == nil {
			votes[id] = map[string]int{}
		}
		votes[id][g]++
	}
	for _, r := range st.in.Roles {
		for _, w := range wordsOf(r.Title) {
			if strings.HasSuffix(w, "woman") || strings.HasSuffix(w, "women") {
				vote(r.PersonID, "f")
			}
		}
	}
	nSent := len(st.seg.SentTokens)
	for k := 0; k < nSent; k++ {
		a, b := st.seg.SentTokens[k][0], st.seg.SentTokens[k][1]
		id, last := st.onlyPerson(a, b)
		if id == "" {
			continue
		}
		for t := last + 1; t < b; t++ {
			if pr, ok := st.lx.pronouns[st.low[t]]; ok && !st.inQ[t] && subjectPronoun(st.low[t]) && !pr.plural {
				vote(id, pr.gender)
			}
		}
		if k+1 < nSent {
			a2, b2 := st.seg.SentTokens[k+1][0], st.seg.SentTokens[k+1][1]
			if other, _ := st.onlyPerson(a2, b2); other == "" && !st.anyPerson(a2, b2) {
				if t := st.clauseHead(a2, b2); t < b2 && !st.inQ[t] && subjectPronoun(st.low[t]) {
					vote(id, st.lx.pronouns[st.low[t]].gender)
				}
			}
		}
	}
	out := map[string]string{}
	for id, v := range votes {
		if v["m"] > 0 && v["f"] == 0 {
			out[id] = "m"
		} else if v["f"] > 0 && v["m"] == 0 {
			out[id] = "f"
		}
	}
	return out
}

func subjectPronoun(w string) bool { return w == "he" || w == "she" }

// onlyPerson returns the one person named (outside quotes) in tokens [a, b)
// and the last token of their last mention; "" when none or several.
func (st *state) onlyPerson(a, b int) (string, int) {
	id, last := "", -1
	for t := a; t < b; t++ {
		m, ok := st.personAt(t)
		if !ok || st.inQ[t] {
			continue
		}
		if id != "" && m.EntityID != id {
			return "", -1
		}
		id, last = m.EntityID, t
	}
	return id, last
}

func (st *state) anyPerson(a, b int) bool {
	for t := a; t < b; t++ {
		if m, ok := st.mention(t); ok && m.EntityType == doc.TypePerson {
			return true
		}
	}
	return false
}

// clauseHead is the first token of a sentence's main clause: after an
// introductory phrase ending in a comma ("In Batumi and Rustavi, he said").
func (st *state) clauseHead(a, b int) int {
	if a >= b {
		return b
	}
	if introWords[st.low[a]] {
		for j := a; j < b && j-a < 30; j++ {
			if st.low[j] == "," {
				return j + 1
			}
		}
	}
	return a
}
