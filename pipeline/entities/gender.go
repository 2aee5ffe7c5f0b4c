package entities

import (
	"strings"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/segment"
)

// Gender is decided here, in one package: from the name while people are
// clustered (an honorific, a given name, a surname ending: people.go), and,
// for people the name leaves unknown, from what the text shows (Infer
// below), which a later stage asks for when it needs it (quotes, to match
// a pronoun with its speaker), since the evidence needs roles and the
// quotation marks.

// Genders holds the words the text evidence reads: the gender of the
// singular subject pronouns (quotes_pronouns.txt: "he", "she"), the
// endings that make a title female ("chairwoman"), and the words that open
// an introductory phrase before a sentence's subject. Read-only after
// NewGenders; one serves every worker.
type Genders struct {
	subject      map[string]string // singular subject pronoun -> "m"/"f"
	honorific    map[string]string // a form of address, lower-case without its period -> "m"/"f"
	femaleEnding []string
	intro        map[string]bool
}

// NewGenders builds the tables from lx (nil: the embedded lexicon).
func NewGenders(lx *lexicon.Lexicon) *Genders {
	if lx == nil {
		var err error
		if lx, err = lexicon.Embedded(); err != nil {
			panic(err) // the embedded files are part of the binary: a build bug
		}
	}
	g := &Genders{subject: map[string]string{}, honorific: map[string]string{}, femaleEnding: wordList("female-ending"),
		intro: lexicon.ClassSet("quote_words", "intro")}
	subj := lexicon.ClassSet("quote_words", "subject-pronoun")
	pron := map[string]lexicon.Entry{}
	for _, e := range lx.List("quotes_pronouns") {
		pron[strings.ToLower(e.Key())] = e // a later (user's) entry wins
	}
	for _, e := range lx.List("honorifics") {
		if gd := e.Field(1); gd == "m" || gd == "f" {
			g.honorific[strings.ToLower(strings.TrimSuffix(e.Key(), "."))] = gd
		}
	}
	for w, e := range pron {
		if gd := e.Field(1); subj[w] && (gd == "m" || gd == "f") && e.Field(2) != "p" {
			g.subject[w] = gd
		}
	}
	return g
}

// SubjectGender returns the gender of w as a singular subject pronoun
// ("he" -> "m"), false when w is none.
func (g *Genders) SubjectGender(w string) (string, bool) {
	s, ok := g.subject[w]
	return s, ok
}

// Honorific returns the gender a form of address gives ("mr" -> "m"; w
// lower-case, without its period), "" when it gives none.
func (g *Genders) Honorific(w string) string { return g.honorific[w] }

// GenderText is the document as the text evidence reads it.
type GenderText struct {
	Seg       *segment.Doc
	People    map[string]*doc.Person // by ID, with the gender the name gave
	Mentions  []doc.Mention
	MentionAt []int // per token, the index in Mentions of the mention over it, -1 for none
	Roles     []doc.Role
	InQuote   []bool // per token, inside quotation marks
}

// Infer guesses the gender of the people their names left without one,
// from the text around their mentions: a female title in one of their
// roles ("chairwoman", "spokeswoman"), or a subject pronoun ("he", "she")
// in a sentence that names only them, or at the head of the next sentence
// when that one names nobody ("Giorgi Beridze thanked the akim … In
// Batumi, he said, …"). A person with votes for both genders stays
// unknown. Two or more pronoun votes, none against, also outweigh the
// gender a given name gave (a list's gender of a name both genders bear),
// though not a form of address. The result maps person IDs to "m" or "f":
// the gender where the text's evidence decides.
func (g *Genders) Infer(t GenderText) map[string]string {
	votes := map[string]map[string]int{}
	vote := func(id, gd string) {
		if _, ok := t.People[id]; !ok || gd == "" {
			return
		}
		if votes[id] == nil {
			votes[id] = map[string]int{}
		}
		votes[id][gd]++
	}
	for _, r := range t.Roles {
		if g.femaleTitle(r.Title) {
			vote(r.PersonID, "f")
		}
	}
	st := genderState{g: g, t: t}
	nSent := len(t.Seg.SentTokens)
	// a sentence's only person is asked again as the next sentence of the
	// one before it: keep that answer
	nextK, nextID, nextLast := -1, "", -1
	for k := 0; k < nSent; k++ {
		a, b := t.Seg.SentTokens[k][0], t.Seg.SentTokens[k][1]
		id, last := nextID, nextLast
		if nextK != k {
			id, last = st.onlyPerson(a, b)
		}
		if id == "" {
			continue
		}
		for i := last + 1; i < b; i++ {
			if gd, ok := g.subject[t.Seg.Low[i]]; ok && !t.InQuote[i] {
				vote(id, gd)
			}
		}
		if k+1 < nSent {
			a2, b2 := t.Seg.SentTokens[k+1][0], t.Seg.SentTokens[k+1][1]
			other, otherLast := st.onlyPerson(a2, b2)
			nextK, nextID, nextLast = k+1, other, otherLast
			if other == "" && !st.anyPerson(a2, b2) {
				if i := st.clauseHead(a2, b2); i < b2 && !t.InQuote[i] {
					if gd, ok := g.subject[t.Seg.Low[i]]; ok {
						vote(id, gd)
					}
				}
			}
		}
	}
	out := map[string]string{}
	for id, v := range votes {
		gd := ""
		if v["m"] > 0 && v["f"] == 0 {
			gd = "m"
		} else if v["f"] > 0 && v["m"] == 0 {
			gd = "f"
		}
		p := t.People[id]
		switch {
		case gd == "" || gd == p.Gender:
		case p.Gender == "":
			out[id] = gd
		case v[gd] >= textOverName && !g.addressed(p):
			// "Pat Toomey … he doesn't think … his offices": the text
			// outweighs a given name's list gender, not a form of address
			out[id] = gd
		}
	}
	return out
}

// textOverName is the number of the text's pronoun votes, none against,
// that outweigh the gender a given name gave.
const textOverName = 2

// addressed reports a person the text names with a gendered form of
// address (an alias "Mr Hale"): that gender is the text's own.
func (g *Genders) addressed(p *doc.Person) bool {
	for _, a := range p.Aliases {
		if i := strings.IndexByte(a, ' '); i > 0 && g.honorific[strings.ToLower(strings.TrimSuffix(a[:i], "."))] != "" {
			return true
		}
	}
	return false
}

// femaleTitle reports whether a word of title ends in a female ending.
func (g *Genders) femaleTitle(title string) bool {
	for _, f := range strings.Fields(strings.ToLower(title)) {
		f = strings.Trim(f, ",.;:()[]\"“”«»‘’'")
		f = strings.TrimSuffix(strings.TrimSuffix(f, "’s"), "'s")
		for _, e := range g.femaleEnding {
			if f != "" && strings.HasSuffix(f, e) {
				return true
			}
		}
	}
	return false
}

type genderState struct {
	g *Genders
	t GenderText
}

// person returns the person mention over token i, nil when none.
func (st *genderState) person(i int) *doc.Mention {
	if i < 0 || i >= len(st.t.MentionAt) || st.t.MentionAt[i] < 0 {
		return nil
	}
	if m := &st.t.Mentions[st.t.MentionAt[i]]; m.EntityType == doc.TypePerson {
		return m
	}
	return nil
}

// onlyPerson returns the one person named (outside quotes) in tokens [a, b)
// and the last token of their last mention; "" when none or several.
func (st *genderState) onlyPerson(a, b int) (string, int) {
	id, last := "", -1
	for i := a; i < b; i++ {
		m := st.person(i)
		if m == nil || st.t.InQuote[i] {
			continue
		}
		if id != "" && m.EntityID != id {
			return "", -1
		}
		id, last = m.EntityID, i
	}
	return id, last
}

func (st *genderState) anyPerson(a, b int) bool {
	for i := a; i < b; i++ {
		if st.person(i) != nil {
			return true
		}
	}
	return false
}

// clauseHead is the first token of a sentence's main clause: after an
// introductory phrase ending in a comma ("In Batumi and Rustavi, he said").
func (st *genderState) clauseHead(a, b int) int {
	if a >= b {
		return b
	}
	if st.g.intro[st.t.Seg.Low[a]] {
		for j := a; j < b && j-a < 30; j++ {
			if st.t.Seg.Low[j] == "," {
				return j + 1
			}
		}
	}
	return a
}
