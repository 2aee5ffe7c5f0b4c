package roles

import (
	"testing"

	"plenary/pipeline/doc"
)

// TestUnseenReportShapes covers title shapes common in reports from many
// countries that the dev corpora hold rarely or never (issue 14: roles on
// unseen reports), each case naming the rule it tests. Every text is
// invented.
func TestUnseenReportShapes(t *testing.T) {
	tests := []roleCase{
		{"segment initials chain + title.link.name-title: 'B.Zh.,' keeps its period",
			"The meeting was opened by Seitkali B.Zh., chairman of the regional branch of the teachers' union.",
			[]want{{"Seitkali B.Zh.", "chairman", ""}}, nil},
		{"segment initials chain: surname-first with a two-letter last initial",
			"Speakers were Urazaev T.Ch., head of the labour inspectorate, and others.",
			[]want{{"Urazaev T.Ch.", "head", ""}}, nil},
		{"honorifics.txt Comrade + role.link.unit-phrase-comma: an acronym in brackets before the name",
			"The President of the Ghana Federation of Labour (GFL), Comrade Kwame Mensah, urged the employers to act.",
			[]want{{"Kwame Mensah", "President", "Ghana Federation of Labour"}}, nil},
		{"title.start.portfolio: a seat takes no portfolio ('Labour MP' is a party's member)",
			"He was joined by the Labour MP for Leeds Central, Alex Sobel.",
			[]want{{"Alex Sobel", "MP", ""}}, []want{{"Alex Sobel", "Labour MP", ""}}},
		{"title.start.portfolio: a minister keeps it",
			"Labour Minister Ana Costa spoke.",
			[]want{{"Ana Costa", "Labour Minister", ""}}, nil},
		{"title.start.lower-modifiers: inside a run, before a lower-case title",
			"DOLE regional director Lilia Santos met the unions in Cebu.",
			[]want{{"Lilia Santos", "regional director", "DOLE"}}, []want{{"Lilia Santos", "director", ""}}},
		{"title.start.portfolio: a place before the portfolio is the segment's own",
			"Lagos Housing Commissioner Moruf Akinderu inspected the estate.",
			[]want{{"Moruf Akinderu", "Housing Commissioner", ""}}, nil},
		{"title.start.portfolio: two portfolio words (org_words.txt: Human, Resources)",
			"Human Resources Minister Steven Lim praised the union.",
			[]want{{"Steven Lim", "Human Resources Minister", ""}}, []want{{"Steven Lim", "Minister", ""}}},
		{"titles.txt: a possessive in a title ('People's Deputy')",
			"People's Deputy Olena Marchenko asked the ministry.",
			[]want{{"Olena Marchenko", "People's Deputy", ""}}, []want{{"Olena Marchenko", "Deputy", ""}}},
		{"titles.txt: Pakistani, Kenyan and German posts",
			"The hearing, chaired by MPA Rana Tariq, heard Nyeri Woman Representative Hon. Mary Wambui and Minister-President of Saxony Karl Becker.",
			[]want{{"Rana Tariq", "MPA", ""}, {"Mary Wambui", "Woman Representative", ""}, {"Karl Becker", "Minister-President", ""}}, nil},
		{"titles.txt: a manager of a union's district (title.start.lower-modifiers)",
			"The memorandum was received by the city manager, Musa Dlamini, and the district manager of the union, Petra Vogel.",
			[]want{{"Musa Dlamini", "city manager", ""}, {"Petra Vogel", "district manager", ""}}, nil},
		{"title.link.subject-not-apposition: a verb after the title (entities' apposition)",
			"Referring to the letter of Anna Berg, the minister said the aim was clear.",
			nil, []want{{"Anna Berg", "minister", ""}}},
		{"title.link.subject-not-apposition: a verb after the title (the linker's apposition)",
			"Referring to an address by Prime Minister Anil Rao, the minister said the aim was clear.",
			[]want{{"Anil Rao", "Prime Minister", ""}}, []want{{"Anil Rao", "minister", ""}}},
		{"title.link.subject-not-apposition: a comma after the title keeps the apposition",
			"Anna Berg, the chairman of the union, said so.",
			[]want{{"Anna Berg", "chairman", ""}}, nil},
		{"title.link.served-post: the name speaks for the post after 'for the'",
			"A spokesman for the governor, Dan Tierney, said the talks would resume.",
			[]want{{"Dan Tierney", "spokesman", ""}}, []want{{"Dan Tierney", "governor", ""}}},
		{"title.link.served-post: 'to the'",
			"The Assistant Minister to the Treasurer, Michael Ng, spoke.",
			nil, []want{{"Michael Ng", "Treasurer", ""}}},
		{"policy.role.ministry-named: a level word before the ministry's name",
			"The Minister of Labour and Employment, Dr. Ibrahim Musa, asked the unions to give the Federal Ministry of Labour and Employment time.",
			[]want{{"Ibrahim Musa", "Minister", "Federal Ministry of Labour and Employment"}}, nil},
		{"policy.role.ministry-named: the country after the ministry's name",
			"The meeting was chaired by Vice Minister of Labour and Social Protection Aliyev Yerlan. The Ministry of Labour and Social Protection of the Republic of Kazakhstan said so.",
			[]want{{"Aliyev Yerlan", "Vice Minister", ""}}, nil},
		{"policy.role.ministry-named: Minister of State for X",
			"Minister of State for Labour Anil Rao spoke. The Ministry of Labour agreed.",
			[]want{{"Anil Rao", "Minister of State", "Ministry of Labour"}}, nil},
		{"policy.role.ministry-named: a form of address ends the portfolio",
			"Union Minister of Labour and Employment Dr. Mansukh Rao met the unions. The Ministry of Labour and Employment said so.",
			[]want{{"Mansukh Rao", "Union Minister", ""}}, nil},
		{"role.ref.same-post: the Head of State is the President",
			"She recalled the instruction of the Head of State Askar Tokenov. The President signed the decree in 2019.",
			[]want{{"Askar Tokenov", "Head of State", ""}, {"Askar Tokenov", "President", ""}}, nil},
		{"role.ref.office: a head of government after a Minister-President",
			"Minister-President Karl Becker met the unions. \"We will help,\" Saxony's head of government said.",
			[]want{{"Karl Becker", "head of government", ""}}, nil},
		{"role.ref.same-post: a Premier does not make 'the Prime Minister' hers",
			"Premier Anna Kowal spoke. The union wrote to the Prime Minister.",
			nil, []want{{"Anna Kowal", "Prime Minister", ""}}},
		{"title_modifiers.txt grade: a rank after another capitalized word stays in the title",
			"Teamsters General President Sean Malloy joined the picket line.",
			[]want{{"Sean Malloy", "General President", ""}}, []want{{"Sean Malloy", "President", ""}}},
		{"title_modifiers.txt: a level after another capitalized word stays out",
			"Almaty City Akim Yerbol Sadykov opened the plenum.",
			[]want{{"Yerbol Sadykov", "Akim", ""}}, nil},
		{"title.start.lower-modifiers: levels and fields of a union post (provincial, branch, finance)",
			"The provincial secretary of the union, Sipho Dube, and its finance secretary Rubina Bibi spoke; the branch secretary, Lucy Harper, wrote.",
			[]want{{"Sipho Dube", "provincial secretary", ""}, {"Rubina Bibi", "finance secretary", ""}, {"Lucy Harper", "branch secretary", ""}}, nil},
	}
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && r.Title == w.title && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}
