package entities

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
)

// Genders.Infer: the text's evidence for people whose names give no gender.
func TestInferGenders(t *testing.T) {
	tests := []struct {
		name, text string
		roles      []doc.Role // PersonID "p1" is the first person found
		quoted     string     // a stretch of the text inside quotation marks
		want       string     // the first person's inferred gender
		nameGender string     // the gender the first person's name gave
		aliases    []string   // the first person's aliases
	}{
		{"pronoun in the sentence naming only them", "Kowal Dranek thanked the staff and she left.", nil, "", "f", "", nil},
		{"pronoun heading the next sentence after an introductory phrase", "Kowal Dranek thanked the staff. In Batumi, he said the plan stands.", nil, "", "m", "", nil},
		{"a female title", "Kowal Dranek spoke.", []doc.Role{{PersonID: "p1", Title: "Chairwoman"}}, "", "f", "", nil},
		{"votes for both genders leave it unknown", "Kowal Dranek thanked the staff and she left. In Batumi, he said so.", nil, "", "", "", nil},
		{"a pronoun inside a quotation is no evidence", "Kowal Dranek said he will win.", nil, "he will win", "", "", nil},
		{"the next sentence names someone else", "Kowal Dranek spoke. Then Irakli Petrov said she left.", nil, "", "", "", nil},
		{"two pronoun votes outweigh a given name's gender", "Kowal Dranek thanked the staff and he left. Kowal Dranek waved and he smiled.", nil, "", "m", "f", nil},
		{"one vote does not", "Kowal Dranek thanked the staff and he left.", nil, "", "", "f", nil},
		{"a form of address keeps its gender", "Kowal Dranek thanked the staff and he left. Kowal Dranek waved and he smiled.", nil, "", "", "f", []string{"Ms Dranek"}},
	}
	s, f := setup(t)
	g := NewGenders(nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := s.Segment(tc.text)
			res := f.Find(d)
			if len(res.People) == 0 {
				t.Fatalf("no person found in %q", tc.text)
			}
			people := map[string]*doc.Person{}
			for i := range res.People {
				p := res.People[i]
				p.Gender = "" // as if the name gave none
				if i == 0 {
					p.Gender, p.Aliases = tc.nameGender, tc.aliases
				}
				people[p.ID] = &p
			}
			at := make([]int, len(d.Tokens))
			inQ := make([]bool, len(d.Tokens))
			for i := range at {
				at[i] = -1
			}
			qs, qe := -1, -1
			if tc.quoted != "" {
				qs = len([]rune(tc.text[:strings.Index(tc.text, tc.quoted)]))
				qe = qs + len([]rune(tc.quoted))
			}
			for i, tok := range d.Tokens {
				for j, m := range res.Mentions {
					if tok.Start >= m.Start && tok.End <= m.End {
						at[i] = j
					}
				}
				inQ[i] = tok.Start >= qs && tok.End <= qe
			}
			got := g.Infer(GenderText{Seg: d, People: people, Mentions: res.Mentions, MentionAt: at, Roles: tc.roles, InQuote: inQ})
			if got[res.People[0].ID] != tc.want {
				t.Errorf("%q: gender of %s = %q, want %q", tc.text, res.People[0].Name, got[res.People[0].ID], tc.want)
			}
		})
	}
}
