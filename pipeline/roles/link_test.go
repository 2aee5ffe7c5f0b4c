package roles

import (
	"testing"

	"plenary/pipeline/doc"
)

// TestLowerCaseUnits covers titles whose body is written with a lower-case
// unit between the title and the name, and their limits.
func TestLowerCaseUnits(t *testing.T) {
	tests := []roleCase{
		{"unit of a named body before the name",
			"Head of the legal department of the Federation of Independent Trade Unions of Moldova Ion Rusu reported on the memo.",
			[]want{{"Ion Rusu", "Head", "Federation of Independent Trade Unions of Moldova"}}, nil},
		{"unit and acronym, name closed by commas",
			"The head of the international department of KSPU, Aliya Nurova, presented a draft memorandum.",
			[]want{{"Aliya Nurova", "head", "KSPU"}}, nil},
		{"phrase ending in a unit word",
			"It was chaired by the chairman of the regional organization Dana Serikova.",
			[]want{{"Dana Serikova", "chairman", ""}}, nil},
		{"region post before a name in a list",
			"The meeting was attended by deputy akim of the region Marat Omarov and Chairman of the Trade Union Center of the Kostanay region Aida Bekova.",
			[]want{{"Marat Omarov", "deputy akim", ""}, {"Aida Bekova", "Chairman", "Trade Union Center of the Kostanay region"}}, nil},
		{"honorific after the comma",
			"Opening the debate, the leader of the Independent group, Cllr Peter Hale, said the budget was not costed.",
			[]want{{"Peter Hale", "leader", "Independent group"}}, nil},
		{"ambassador to a country",
			"Ambassador of Kazakhstan to Mongolia Aigerim Bekenova said the commission would meet in May.",
			[]want{{"Aigerim Bekenova", "Ambassador", ""}}, nil},
		{"apposition with a lower-case modifier",
			"K. Abenova, legal inspector of the Trade Union Center, spoke about appeals.",
			[]want{{"K. Abenova", "legal inspector", "Trade Union Center"}}, nil},
		{"a name right after the article is the body's, not the holder",
			"The head of the Kazakh department of the Sultan Omarov foundation spoke.",
			nil, []want{{"Sultan Omarov", "head", ""}}},
		{"a verb between title and name links nothing",
			"The head of the department told Marat Omarov about it.",
			nil, []want{{"Marat Omarov", "head", ""}}},
		{"a clause between title and name links nothing",
			"The chairman of the union thanked the workers, and Marat Omarov spoke.",
			nil, []want{{"Marat Omarov", "chairman", ""}}},
		{"unit without a name does not reach across a comma",
			"The head of the department, Marat Omarov said, was absent.",
			nil, []want{{"Marat Omarov", "head", ""}}},
		{"capitalized modifier at the sentence start",
			"Legal inspector of the Federation of Trade Unions Aidos Serikov spoke about court cases.",
			[]want{{"Aidos Serikov", "Legal inspector", "Federation of Trade Unions"}}, []want{{"Aidos Serikov", "inspector", ""}}},
		{"bare field after the title",
			"Chief technical inspector of labor of the Trade Union Center of the Pavlodar region Irina Petrova presented the results.",
			[]want{{"Irina Petrova", "Chief technical inspector of labor", "Trade Union Center of the Pavlodar region"}}, nil},
		{"portfolio first, department named",
			"Labor Secretary Maria Santos said the Department of Labor and Employment would ask the wage board.",
			[]want{{"Maria Santos", "Secretary", "Department of Labor and Employment"}}, []want{{"Maria Santos", "Labor Secretary", ""}}},
		{"a title naming a post is no reference",
			"Ivan Petrov, Chairman of the Federation of Trade Unions, spoke. The Federation of Trade Unions General Secretary nomination opens in May.",
			[]want{{"Ivan Petrov", "Chairman", "Federation of Trade Unions"}}, []want{{"Ivan Petrov", "General Secretary", ""}}},
	}
	// A wanted role must name its body; an unwanted title is wrong with any.
	checkRoleCases(t, tests,
		func(r doc.Role, w want) bool {
			return r.PersonName == w.person && r.Title == w.title && r.OrgName == w.org
		},
		func(r doc.Role, w want) bool { return r.PersonName == w.person && r.Title == w.title })
}
