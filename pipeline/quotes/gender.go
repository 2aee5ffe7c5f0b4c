package quotes

import "plenary/pipeline/entities"

// genderOf is a person's gender: the entities stage's when it knows it,
// else what the text shows, which entities infers too (entities/gender.go:
// gender is decided in that one package), asked for only when a pronoun
// needs it.
func (st *state) genderOf(id string) string {
	if p, ok := st.people[id]; ok && p.Gender != "" {
		return p.Gender
	}
	if st.genders == nil {
		st.genders = st.lx.genders.Infer(entities.GenderText{Seg: st.seg, People: st.people,
			Mentions: st.in.Mentions, MentionAt: st.ment, Roles: st.in.Roles, InQuote: st.inQ})
	}
	return st.genders[id]
}

// subjectPronoun reports a singular subject pronoun with a gender ("he",
// "she"), the one that can stand for a sentence's speaker.
func (st *state) subjectPronoun(w string) bool {
	_, ok := st.lx.genders.SubjectGender(w)
	return ok
}
