package quotes

import "plenary/pipeline/entities"

// genderOf is a person's gender: what the text shows where it decides
// (entities/gender.go Infer: gender is decided in that one package), else
// the gender the entities stage gave by the name; asked for only when a
// pronoun needs it.
func (st *state) genderOf(id string) string {
	if st.genders == nil {
		st.genders = st.lx.genders.Infer(entities.GenderText{Seg: st.seg, People: st.people,
			Mentions: st.in.Mentions, MentionAt: st.ment, Roles: st.in.Roles, InQuote: st.inQ})
	}
	if g, ok := st.genders[id]; ok {
		return g
	}
	if p, ok := st.people[id]; ok {
		return p.Gender
	}
	return ""
}

// subjectPronoun reports a singular subject pronoun with a gender ("he",
// "she"), the one that can stand for a sentence's speaker.
func (st *state) subjectPronoun(w string) bool {
	_, ok := st.lx.genders.SubjectGender(w)
	return ok
}
