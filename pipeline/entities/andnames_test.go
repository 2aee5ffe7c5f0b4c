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
		{"person.start.descriptor-before-foreign", "The vote was close.\n\nDeputies Tuvan Oyunbat and Narek Zakoru abstained.",
			[]string{"Tuvan Oyunbat", "Narek Zakoru"}, nil},
		{"", "Shri Vinod Shukla, general secretary of the Akhil Bharatiya Shramik Sangh, spoke.",
			[]string{"Vinod Shukla"}, []string{"Shramik Sangh", "Akhil Bharatiya Shramik Sangh"}},
		{"", "Fans gathered at the Grand Zhilstroi Kompleks.", nil, []string{"Zhilstroi Kompleks"}},
	})
}

// The plural of a nationality's noun before names, a particle that is a
// family name, and what is said only of a person after a lone word.
func TestNameEdges(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.start.plural-demonym", "It finished ahead of Kenyans Ruth Chepngetich-Kosgei and Brigid Jepchirchir.",
			[]string{"Ruth Chepngetich-Kosgei", "Brigid Jepchirchir"}, []string{"Kenyans Ruth Chepngetich-Kosgei"}},
		{"person.end.particle-surname", "Scores: Bangladesh 302 (Litton Das 97, Prabath Jayasuriya 5-88).",
			[]string{"Litton Das"}, nil},
		{"person.accept.person-apposition", "Thousands rallied on Friday. Sutrisno, 54, a driver for fifteen years, joined them.",
			[]string{"Sutrisno"}, nil},
		{"person.accept.person-apposition", "Nobody expected it. Wesley, who joined in June, scored twice.",
			[]string{"Wesley"}, nil},
		{"person.accept.person-apposition", "Nobody expected it. Kasule, a 19-year-old forward, came on late.",
			[]string{"Kasule"}, nil},
		{"", "Thousands rallied on Friday. Sutrisno, which is a small town, was quiet.", nil, []string{"Sutrisno"}},
		{"", "Markets rose. Kestrova, whose shares jumped, gained most.", nil, []string{"Kestrova"}},
	})
}

// A cue verb after a lone word is not always the word's own; a prince's
// title is no part of his name.
func TestLoneWordCues(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.reject.cue-after-of", "Analyst Juan Carlos Guajardo of Plusmining said output would fall.",
			[]string{"Juan Carlos Guajardo"}, []string{"Plusmining"}},
		{"person.reject.cue-after-of", "Chief observer Ingrid Solheim of the Commonwealth said polling was orderly.",
			[]string{"Ingrid Solheim"}, []string{"Commonwealth"}},
		{"person.reject.cue-common-word", "Prices rose. Analysts said the deal was fair.", nil, []string{"Analysts"}},
		{"", "Prices rose. Okonjo said the deal was fair.", []string{"Okonjo"}, nil},
		{"", "Prices rose. Brown said the deal was fair.", []string{"Brown"}, nil},
		{"person.detect.title-name", "Energy Minister Prince Abdulaziz bin Salman said so.",
			[]string{"Abdulaziz bin Salman"}, []string{"Prince Abdulaziz bin Salman"}},
	})
}

// Family-name endings of more languages are a name's evidence
// (surname_suffixes.txt); a nationality's noun after an article is no name.
func TestMoreSurnameEndings(t *testing.T) {
	runPersonCases(t, []personCase{
		{"run.end.name-before-connector", "Mamuka Khazaradze of the Strong Georgia bloc said his party would boycott parliament.",
			[]string{"Mamuka Khazaradze"}, nil},
		{"person.accept.evidence", "The cabinet includes Anahit Sargsyan and Lasha Gelashvili.",
			[]string{"Anahit Sargsyan", "Lasha Gelashvili"}, nil},
		{"", "Rune won the final. The Dane, 20, saved three break points.", nil, []string{"Dane"}},
	})
}

// A lower-case title after a name, with no comma: the object and its
// complement of "elected X chairman".
func TestNameBeforeLowerTitle(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.end.before-lower-title", "The plenum elected Anna Berg chairman.", []string{"Anna Berg"}, nil},
		{"person.end.before-lower-title", "Delegates chose Kwame Mensah general secretary on Friday.", []string{"Kwame Mensah"}, nil},
		{"", "He met the Unifor president on Friday.", nil, []string{"Unifor"}},
	})
}

// A title's abbreviation without its period before a name is no part of
// it; a name that ends in such a word keeps it.
func TestBareAbbreviation(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.start.bare-abbreviation", "GOP Sen Pat Toomey said he would vote no.",
			[]string{"Pat Toomey"}, []string{"Sen Pat Toomey", "GOP Sen"}},
		{"person.start.after-title", "Mayor Pro Tem Kimberly Aldridge-Boyd will serve until June.",
			[]string{"Kimberly Aldridge-Boyd"}, []string{"Pro Tem Kimberly Aldridge-Boyd"}},
		{"", "Prime Minister Hun Sen said the vote would go ahead.", []string{"Hun Sen"}, nil},
		{"", "The economist Amartya Sen spoke on Monday.", []string{"Amartya Sen"}, nil},
	})
}

// A family name spelled like a word after a word no list knows; a captain
// written before the name is a form of address.
func TestSurnameLikeWordAndCaptain(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.accept.foreign-name", "Sri Lanka 2nd innings 34-0 (Pathum Silva 21 not out)", []string{"Pathum Silva"}, nil},
		{"person.detect.honorific", "Captain Bilal Afridi-Khan top-scored with 61.",
			[]string{"Bilal Afridi-Khan"}, []string{"Captain Bilal Afridi-Khan"}},
		{"", "The penalty was converted by Friesland captain Sietse Hoekstra.", []string{"Sietse Hoekstra"}, nil},
	})
}

// A word with a slash joins a country's and a team's names: no name word.
func TestSlashWords(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.start.after-slash", "Final classification:\n1. Tadej Pogacar (Slovenia/UAE Team Emirates) 76:00:32\n4. Oscar Onley (Britain/Picnic PostNL) +12:12",
			[]string{"Tadej Pogacar", "Oscar Onley"}, []string{"Team Emirates", "Britain/Picnic PostNL", "PostNL"}},
	})
}
