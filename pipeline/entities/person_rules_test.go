package entities

import (
	"testing"

	"plenary/pipeline/rules"
)

// personCase is one invented text for a person rule: the rule that must
// fire on it (its ID), the people that must be found and those that must
// not. A case with rule "" states only what is found (a guard: the rules
// must leave it alone).
type personCase struct {
	rule, text string
	want, not  []string
}

// runPersonCases finds the people of each case's text with a trace and
// checks the case.
func runPersonCases(t *testing.T, tests []personCase) {
	t.Helper()
	s, f := setup(t)
	for _, tc := range tests {
		name := tc.rule
		if name == "" {
			name = "guard"
		}
		t.Run(name, func(t *testing.T) {
			tr := &rules.Trace{}
			r := f.FindTrace(s.Segment(tc.text), tr)
			got := names(r.People, func(p doc_Person) string { return p.Name })
			holds(t, tc.text, "people", got, tc.want, tc.not)
			if tc.rule == "" {
				return
			}
			for _, ev := range tr.Events() {
				if ev.Rule == tc.rule {
					return
				}
			}
			t.Errorf("%q: rule %s did not fire", tc.text, tc.rule)
		})
	}
}

// Title Case headlines, in the wires' style too (short function words in
// lower case): their capitals make no name, a person there is one the body
// names.
func TestHeadlinePeople(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.accept.headline-body-name", "Late Goal Lifts Okonkwo Past Rivals\n\nChidi Okonkwo scored twice on Sunday.",
			[]string{"Chidi Okonkwo"}, []string{"Late Goal Lifts Okonkwo", "Okonkwo Past Rivals"}},
		{"person.accept.headline-body-name", "Brisk Finish Puts Ingrid Lund in Front as Rain Stops Play\n\nIngrid Lund of Norway led by two shots.",
			[]string{"Ingrid Lund"}, []string{"Brisk Finish Puts Ingrid Lund"}},
		{"person.accept.headline-body-name", "Struggling Marchetti Bows Out in Second Round\n\nSeventh seed Lorenzo Marchetti lost 6-3 6-2 on Tuesday.",
			[]string{"Lorenzo Marchetti"}, []string{"Struggling Marchetti", "Struggling Marchetti Bows Out"}},
		{"person.reject.headline-no-evidence", "Qualifier Al-Hamadi Bows Out as Rain Stops Play\n\nThe match was abandoned on Sunday.",
			nil, []string{"Qualifier Al-Hamadi Bows Out", "Al-Hamadi"}},
		{"person.reject.headline-no-evidence", "Mayor Resigns as Audit Widens\n\nThe mayor of Fenwick resigned on Friday.",
			nil, []string{"Resigns"}},
		// a name the body does not give stays when known name words bound it
		{"person.start.headline-evidence", "Caucus Picks Grace Obi As Deputy\n\nThe caucus met on Monday.", []string{"Grace Obi"}, nil},
		// a results line in brackets is no headline
		{"", "Amina Diallo (Movement for Unity and Work) 48.2\n\nThe count ended on Monday.", nil, []string{"Movement for Unity and Work"}},
	})
}

// Words that describe a person before the name: no part of it.
func TestDescriptorsBeforeNames(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.start.after-compound", "Top-seeded Alexei Morozov saved two match points.", []string{"Alexei Morozov"}, []string{"Top-seeded Alexei Morozov"}},
		{"person.start.after-compound", "Record-breaking Priya Raman won again on Sunday.", []string{"Priya Raman"}, []string{"Record-breaking Priya Raman"}},
		{"person.start.after-compound", "Long-serving Marta Kowalczyk retired on Friday.", []string{"Marta Kowalczyk"}, []string{"Long-serving Marta Kowalczyk"}},
		// a Korean given name's second syllable is no descriptor
		{"", "On Friday Jae-won Lim led after 18 holes.", []string{"Jae-won Lim"}, nil},
		// the nouns for a person of a nation (demonyms.txt)
		{"", "The third was Frenchman Bastien Leclercq, who dropped one shot.", []string{"Bastien Leclercq"}, []string{"Frenchman Bastien Leclercq"}},
		{"", "His caddie, Irishman Fergus Rooney, left him last month.", []string{"Fergus Rooney"}, []string{"Irishman Fergus Rooney"}},
		// a dateline glued to the name by an em dash (segment splits it)
		{"", "FENWICK, N.C.—Douglas Pruett, chief executive of Harlan Mills, said Monday that it would close.", []string{"Douglas Pruett"}, []string{"N.C.—Douglas Pruett"}},
	})
}

// A name followed by "of" and the country or place the person is from.
func TestNameOfPlace(t *testing.T) {
	runPersonCases(t, []personCase{
		{"run.end.name-of-place", "Seventh seed Jae-won Lim of South Korea lost in three sets.", []string{"Jae-won Lim"}, nil},
		{"run.end.name-of-place", "In the bottom half, third seed Kei Watanabe of Japan beat the holder.", []string{"Kei Watanabe"}, nil},
		// a body's name goes on across "of"
		{"", "Delegates of the Agro-Industrial Complex of Tajikistan met in Dushanbe.", nil, []string{"Agro-Industrial Complex"}},
	})
}

// Names no list knows, and a family name spelled like a place.
func TestUnknownNames(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.accept.foreign-name", "Three were tied for second, including Japan's Ryo Nakagawa.", []string{"Ryo Nakagawa"}, nil},
		{"person.accept.foreign-name", "Dimitrios Karalis (Greece) 48.01", []string{"Dimitrios Karalis"}, nil},
		{"person.accept.foreign-name", "In Kutaisi opposition candidate Irakli Chikovani narrowly trailed.", []string{"Irakli Chikovani"}, nil},
		// a body or a venue after an article or "at"; English words
		{"", "He is to address a meeting of the Niti Aayog on Monday.", nil, []string{"Niti Aayog"}},
		{"", "Offshore workers spend 14 days at Neft Dashlari before a break.", nil, []string{"Neft Dashlari"}},
		{"", "Twente Rangers were relegated after a defeat.", nil, []string{"Twente Rangers"}},
		{"person.extend.place-surname", "Spain's Luis Echeverría Palau said the deal was good.", []string{"Luis Echeverría Palau"}, nil},
		{"person.extend.place-surname", "Founder Joaquim Albuquerque Neto will be replaced by his daughter.", []string{"Joaquim Albuquerque Neto"}, []string{"Neto"}},
		// a place after a word that is no given name stays a place
		{"", "Delegates from Leeds travelled to Madrid on Monday.", nil, []string{"Leeds Madrid"}},
	})
}

// Bodies and things whose names look like a person's.
func TestNotPeople(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.reject.common-last-word", "Title sponsor Caledonian Mutual Assurance said it had extended its deal.", nil, []string{"Caledonian Mutual Assurance"}},
		{"person.reject.common-last-word", "Analysts at Sahel Frontier Advisory said investors had priced in a victory.", nil, []string{"Sahel Frontier Advisory"}},
		// a surname spelled like a word, after a given name, stays
		{"", "The spokesman, Kevin Marsh, said the rally was small.", []string{"Kevin Marsh"}, nil},
		{"", "Union chairman Malcolm Heap said the deal was fair.", []string{"Malcolm Heap"}, nil},
		// a place whose first word is also a form of address
		{"person.reject.gazetteer-place", "GALLE, Sri Lanka, July 18 (Wirewatch) - Sri Lanka took control on Tuesday.", nil, []string{"Lanka", "Sri Lanka"}},
		{"", "Sri Ramesh Patnaik addressed the rally.", []string{"Ramesh Patnaik"}, nil},
	})
}

// Nicknames in quotes and generational suffixes are part of the name.
func TestNicknamesAndSuffixes(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.extend.nickname", "President Ferdinand “Bongbong” Marcos Jr. spoke on Tuesday. Marcos said the slate was clean.",
			[]string{"Ferdinand “Bongbong” Marcos Jr"}, []string{"Marcos Jr", "Marcos"}},
		{"person.extend.suffix", "Former Senate President Vicente “Tito” Sotto III came.", []string{"Vicente “Tito” Sotto III"}, nil},
		{"run.end.and-after-nickname", "Former senators Panfilo “Ping” Lacson and Manny Pacquiao came.", []string{"Panfilo “Ping” Lacson", "Manny Pacquiao"}, nil},
		// "Jr" is no family name: two men of one family stay two people
		{"", "Robert Kane Jr. met Robert Kane Sr. on Monday.", []string{"Robert Kane Jr"}, nil},
		// a quoted name after a name word and before none is no nickname
		{"", "The union backed Ann Lee “Fair Pay” on Monday.", nil, []string{"Ann Lee “Fair Pay”"}},
	})
}

// Particles, patronymics and the forms of one person's name.
func TestNameParts(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.extend.particles", "Democratic Alliance MP Pieter van der Merwe questioned the figures.", []string{"Pieter van der Merwe"}, []string{"Merwe"}},
		// a given name before a particle is no noun before "of" (run.start.sentence-noun-of)
		{"", "Anouk de Graaf (Netherlands) 2:10.47\n\nThe final was close.", []string{"Anouk de Graaf"}, []string{"Graaf"}},
		{"run.extend.patronymic", "Mammadov Vugar Aydin oglu, chairman of the union, spoke. V. Mammadov said the plan was fair.",
			[]string{"Mammadov Vugar Aydin oglu"}, []string{"V. Mammadov", "Mammadov Vugar Aydin"}},
		{"person.merge.inner-name", "Federation president Héctor Manuel Araya Castillo said the strike was set. Araya said talks had failed.",
			[]string{"Héctor Manuel Araya Castillo"}, []string{"Araya"}},
		{"person.merge.surname", "Deputy Chairman Ramazan Ağar spoke first. The talks will go on, Agar said.", []string{"Ramazan Ağar"}, []string{"Agar"}},
	})
}

// A name at a sentence's start keeps its given name before a particle.
func TestSentenceStartParticle(t *testing.T) {
	runPersonCases(t, []personCase{
		{"", "Khalid bin Saeed al-Harthi presented the reforms.", []string{"Khalid bin Saeed al-Harthi"}, []string{"Saeed al-Harthi"}},
		// a common noun before "of" still is no part of a name
		{"run.start.sentence-noun-of", "Workers of “Kezbi” LLP gathered on Monday.", nil, []string{"Workers of “Kezbi” LLP"}},
	})
}
