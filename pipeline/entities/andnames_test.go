package entities

import "testing"

// Two names no list knows, joined by "and": each is a person.
func TestAndBetweenNames(t *testing.T) {
	runPersonCases(t, []personCase{
		{"run.end.and-between-two-word-names", "Goals came from Erion Hoxha and Klodian Berisha.",
			[]string{"Erion Hoxha", "Klodian Berisha"}, []string{"Erion Hoxha and Klodian Berisha"}},
		{"run.end.and-between-two-word-names", "The session was attended by Karimova D.S. and Rakhimov B.T.\n\nDeputies voted.",
			[]string{"Karimova D.S.", "Rakhimov B.T."}, nil},
		{"", "Talks with Bosnia and Herzegovina ended.", nil, []string{"Bosnia", "Herzegovina"}},
	})
}

// Words that describe a person before a name no list knows are no part of
// it; a body's name after "of the" stays a body's.
func TestDescriptorBeforeForeignName(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.start.descriptor-before-foreign", "Opener Dimuth Rajapaksha fell for 34.",
			[]string{"Dimuth Rajapaksha"}, []string{"Opener Dimuth Rajapaksha"}},
		{"person.start.descriptor-before-foreign", "The vote was close.\n\nDeputies Hayk Martirosyan and Narek Zakaryan abstained.",
			[]string{"Hayk Martirosyan", "Narek Zakaryan"}, nil},
		{"", "Shri Vinod Shukla, general secretary of the Akhil Bharatiya Shramik Sangh, spoke.",
			[]string{"Vinod Shukla"}, []string{"Shramik Sangh", "Akhil Bharatiya Shramik Sangh"}},
		{"", "Fans gathered at the Grand Zhilstroi Kompleks.", nil, []string{"Zhilstroi Kompleks"}},
	})
}
