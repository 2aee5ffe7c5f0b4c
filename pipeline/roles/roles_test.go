package roles

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"plenary/pipeline/doc"
	"plenary/pipeline/entities"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/segment"
)

var (
	once sync.Once
	seg  *segment.Segmenter
	fi   *entities.Finder
	lx   *lexicon.Lexicon
)

func roles(t testing.TB, text string) ([]doc.Role, entities.Result) {
	once.Do(func() {
		s, err := segment.New()
		if err != nil {
			t.Fatal(err)
		}
		seg = s
		lx = lexicon.MustLoadEmbedded()
		fi = entities.New(lx)
	})
	d := seg.Segment(text)
	r := fi.Find(d)
	return Find(d, r, lx), r
}

type want struct{ person, title, org string }

func TestRoles(t *testing.T) {
	tests := []roleCase{
		{"title before name", "Deputy Chairman of the Federation of Trade Unions Nurlan Bekov spoke.",
			[]want{{"Nurlan Bekov", "Deputy Chairman", "Federation of Trade Unions"}}, nil},
		{"portfolio stays in the title when the ministry is not named", "Minister of Digital Affairs Aidos Nurlanov opened the forum.",
			[]want{{"Aidos Nurlanov", "Minister of Digital Affairs", ""}}, nil},
		{"ministry named as a body takes the portfolio", "Deputy Minister of Digital Affairs Aidos Nurlanov opened the forum. The Ministry of Digital Affairs later published the plan.",
			[]want{{"Aidos Nurlanov", "Deputy Minister", "Ministry of Digital Affairs"}}, nil},
		{"apposition after name", "Yerlan Bekov, the Chairman of the Majilis, led the delegation.",
			[]want{{"Yerlan Bekov", "Chairman", "Majilis"}}, nil},
		{"title, comma, name", "The Chairman of the Trade Union Center of Almaty, Zaure Omarova, opened it.",
			[]want{{"Zaure Omarova", "Chairman", "Trade Union Center of Almaty"}}, nil},
		{"chained", "The head of the Republican Headquarters – Deputy Chairman of the Federation of Trade Unions Nurlan Bekov spoke.",
			[]want{{"Nurlan Bekov", "head", "Republican Headquarters"}, {"Nurlan Bekov", "Deputy Chairman", "Federation of Trade Unions"}}, nil},
		{"post-Soviet place-named body", "Secretary of the Turkestan regional Maslikhat Kairat Bekov noted it.",
			[]want{{"Kairat Bekov", "Secretary", "Turkestan regional Maslikhat"}}, nil},
		{"akim of a region has no org", "Akim of the North Kazakhstan region Askar Bekov spoke.",
			[]want{{"Askar Bekov", "Akim", ""}}, nil},
		{"country post", "Prime Minister of the Kyrgyz Republic Sapar Bekov met them.",
			[]want{{"Sapar Bekov", "Prime Minister", ""}}, nil},
		{"body before title", "Kazakh Senate Speaker Maulen Bekov met the ambassador. The Senate adopted the law.",
			[]want{{"Maulen Bekov", "Speaker", "Senate"}}, nil},
		{"modifiers before title", "Meghalaya BJP state president Ernest Mawrie spoke.",
			[]want{{"Ernest Mawrie", "state president", "BJP"}}, nil},
		{"head of state resolves", "President Kassym-Jomart Tokayev spoke. The Head of State set tasks.",
			[]want{{"Kassym-Jomart Tokayev", "President", ""}, {"Kassym-Jomart Tokayev", "Head of State", ""}}, nil},
		{"title-only through the body", "Yerlan Bekov, the Chairman of the Majilis, spoke. The Majilis speaker noted the results.",
			[]want{{"Yerlan Bekov", "speaker", "Majilis"}}, nil},
		{"two people, two titles", "First President Nursultan Bekov and Vladimir Petrov met.",
			[]want{{"Nursultan Bekov", "First President", ""}}, []want{{"Vladimir Petrov", "First President", ""}}},
		{"minister portfolio", "Minister of Labor and Social Protection Tamara Bekova spoke.",
			[]want{{"Tamara Bekova", "Minister of Labor and Social Protection", ""}}, nil},
		{"deputy akim in lower case", "The meeting was held by deputy akim Serik Omarov.",
			[]want{{"Serik Omarov", "deputy akim", ""}}, nil},
		{"Mazhilis deputy", "Mazhilis deputy Aigul Sarsenova spoke.",
			[]want{{"Aigul Sarsenova", "deputy", ""}}, []want{{"Aigul Sarsenova", "Mazhilis deputy", ""}}},
		{"party president", "The party president Ahmad Ismail met members.",
			[]want{{"Ahmad Ismail", "president", ""}}, nil},
		{"adjacent titles join", "Party deputy president Rosli Hamid spoke.",
			[]want{{"Rosli Hamid", "deputy president", ""}}, []want{{"Rosli Hamid", "deputy", ""}}},
		{"portfolio before title", "Labor Secretary Maria Santos spoke.",
			[]want{{"Maria Santos", "Labor Secretary", ""}}, nil},
		{"an abbreviated title stays as written", "Kazakh PM Askar Omarov held talks.",
			[]want{{"Askar Omarov", "PM", ""}}, nil},
		{"chairman of the board", "Chairman of the Board of KEGOC Bolat Nurov reported.",
			[]want{{"Bolat Nurov", "Chairman of the Board", "KEGOC"}}, nil},
	}
	exact := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && r.Title == w.title && r.OrgName == w.org
	}
	checkRoleCases(t, tests, exact, exact)
}

func TestRoleEvidenceAndOrgID(t *testing.T) {
	text := "Deputy Chairman of the Federation of Trade Unions Nurlan Bekov spoke. Bekov left."
	rs, ents := roles(t, text)
	if len(rs) != 1 {
		t.Fatalf("roles %+v", rs)
	}
	r := rs[0]
	if !strings.HasPrefix(r.Evidence, "Deputy Chairman") || strings.Contains(r.Evidence, "left") {
		t.Errorf("evidence %q", r.Evidence)
	}
	if r.OrgID == "" || r.OrgID != ents.Organizations[0].ID {
		t.Errorf("org id %q, orgs %+v", r.OrgID, ents.Organizations)
	}
	if got := string([]rune(text)[r.Start:r.End]); got != "Deputy Chairman" {
		t.Errorf("span text %q", got)
	}
}

func TestOneRowPerRole(t *testing.T) {
	rs, _ := roles(t, "Chairman of the Union Serik Bekov spoke. Chairman of the Union Serik Bekov left.")
	if len(rs) != 1 {
		t.Errorf("want one role, got %+v", rs)
	}
}

func BenchmarkRoles(b *testing.B) {
	text := strings.Repeat("Deputy Chairman of the FTURK Nurlan Uteshev met Kairat Balabiev, Secretary of the Turkestan regional Maslikhat. The head of the Republican Staff said so.\n", 30)
	roles(b, "")
	d := seg.Segment(text)
	r := fi.Find(d)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Find(d, r, lx)
	}
}

func TestRoleMethods(t *testing.T) {
	tests := []struct {
		name, text, person, title, method string
	}{
		{"title before", "Deputy Chairman of the Union Nurlan Bekov spoke.", "Nurlan Bekov", "Deputy Chairman", "title.link.title-name"},
		{"apposition", "Kairat Omarov, Secretary of the Turkestan regional Maslikhat, spoke.", "Kairat Omarov", "Secretary", "title.link.name-title"},
		{"chained", "The head of the Republican Staff – Deputy Chairman of the Union Nurlan Bekov spoke.", "Nurlan Bekov", "head", "title.link.chain"},
		{"title reference later", "The Head of State set tasks. President Askar Tokenov signed the decree.", "Askar Tokenov", "Head of State", "role.ref.refers"},
		{"served as", "Askar Mamyrov spoke. The 53-year-old Mamyrov had served as deputy prime minister since 2016.", "Askar Mamyrov", "deputy prime minister", "title.link.as"},
		{"plural title over a list", "The meeting was attended by chairmen of local unions of LLP “Munay” Serik Bekbolatov, JSC “Ozen” Aidos Kenzhebayev and others.", "Aidos Kenzhebayev", "chairman", "title.link.plural"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, _ := roles(t, tc.text)
			for _, r := range rs {
				if r.PersonName == tc.person && r.Title == tc.title {
					if r.Method != tc.method {
						t.Errorf("method %q, want %q", r.Method, tc.method)
					}
					return
				}
			}
			t.Errorf("roles %+v: missing %s: %s", rs, tc.person, tc.title)
		})
	}
}

// TestGenreTitles covers titles of US/UK/Asian campaign and union reports and
// the apposition forms they come in.
func TestGenreTitles(t *testing.T) {
	tests := []roleCase{
		{"campaign manager", "Her campaign manager, Tom Reyes, said the race was close.",
			[]want{{"Tom Reyes", "campaign manager", ""}}, nil},
		{"police chief", "Police chief Anna Berg told reporters the march was peaceful.",
			[]want{{"Anna Berg", "Police chief", ""}}, nil},
		{"chief of a wing", "The chief of Wanita Bersatu Perak, Datin Rosnah Ali, urged unity.",
			[]want{{"Rosnah Ali", "chief", ""}}, nil},
		{"chief as a modifier is no title", "Ana Diaz, chief state labor inspector, spoke.",
			[]want{{"Ana Diaz", "chief state labor inspector", ""}}, []want{{"Ana Diaz", "chief", ""}}},
		{"Chief before a name is a form of address", "Chief Bola Adeyemi, the party chairman, spoke.",
			[]want{{"Bola Adeyemi", "party chairman", ""}}, []want{{"Bola Adeyemi", "Chief", ""}}},
		{"possessive before the title", "Marta Lind, the company's chief executive, opened the meeting.",
			[]want{{"Marta Lind", "chief executive", ""}}, nil},
		{"split possessive", "Ivan Petrov, the union’s treasurer, spoke.",
			[]want{{"Ivan Petrov", "treasurer", ""}}, nil},
		{"ranking member after NAME of STATE", "Senator Joe Hart of Ohio, the ranking member of the committee, asked questions.",
			[]want{{"Joe Hart", "Senator", ""}, {"Joe Hart", "ranking member", ""}}, nil},
		{"assembly members", "Assemblywoman Rita Chan and Assemblyman Paul Ng attended the rally.",
			[]want{{"Rita Chan", "Assemblywoman", ""}, {"Paul Ng", "Assemblyman", ""}}, nil},
		{"state senator and mayor-elect", "State Senator Lisa Ford and Mayor-elect Tim Cole met.",
			[]want{{"Lisa Ford", "State Senator", ""}, {"Tim Cole", "Mayor-elect", ""}}, nil},
		{"vice-governor", "Kim Soo, the vice-governor of the province, welcomed them.",
			[]want{{"Kim Soo", "vice-governor", ""}}, nil},
		{"a lower-case modifier stays off a capitalized title", "Ruth Okafor, a former state Attorney General, endorsed him.",
			[]want{{"Ruth Okafor", "Attorney General", ""}}, []want{{"Ruth Okafor", "state Attorney General", ""}}},
		{"a title that starts with a form of address", "Chief Whip Nurlan Bekov of the Miners Union visited Astana.",
			[]want{{"Nurlan Bekov", "Chief Whip", ""}}, nil},
		{"abbreviated title with a period stays as written", "Gov. Laura Benitez spent Sunday at a senior center.",
			[]want{{"Laura Benitez", "Gov.", ""}}, []want{{"Laura Benitez", "Governor", ""}}},
		{"two abbreviated words", "PHOENIX — Lt. Gov. Mark Ruiz spoke.",
			[]want{{"Mark Ruiz", "Lt. Gov.", ""}}, nil},
		{"Sen. and Rep. are posts", "Sen. Ann Ray and Rep. Tom Hale asked questions.",
			[]want{{"Ann Ray", "Sen.", ""}, {"Tom Hale", "Rep.", ""}}, nil},
		{"a plural title inside a body's name gives no role", "He met Ivan Bely, Chair of the House of Representatives of Zemlia, and Olga Tur, Speaker of the Senate.",
			[]want{{"Ivan Bely", "Chair", ""}, {"Olga Tur", "Speaker", ""}}, []want{{"Olga Tur", "representative", ""}, {"Ivan Bely", "representative", ""}}},
		{"plural title before a list still counts", "The meeting was attended by chairmen of local unions of LLP “Munay” Serik Bekbolatov and JSC “Ozen” Aidos Kenzhebayev.",
			[]want{{"Aidos Kenzhebayev", "chairman", ""}}, nil},
		{"possessive of a name is no title phrase", "Ivan Petrov, Marta's friend, spoke.", nil,
			[]want{{"Ivan Petrov", "friend", ""}}},
	}
	// Titles as written may differ in case; an empty org is not checked.
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && strings.EqualFold(r.Title, w.title) && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}

// roleCase is a text with the roles it must give and those it must not.
type roleCase struct {
	name, text string
	want       []want
	not        []want
}

// checkRoleCases runs cases: each want must match a role by present, no
// not may match one by absent.
func checkRoleCases(t *testing.T, cases []roleCase, present, absent func(doc.Role, want) bool) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs, _ := roles(t, tc.text)
			has := func(w want, match func(doc.Role, want) bool) bool {
				return slices.ContainsFunc(rs, func(r doc.Role) bool { return match(r, w) })
			}
			for _, w := range tc.want {
				if !has(w, present) {
					t.Errorf("roles %+v: missing %+v", rs, w)
				}
			}
			for _, w := range tc.not {
				if has(w, absent) {
					t.Errorf("roles %+v: should not hold %+v", rs, w)
				}
			}
		})
	}
}

// TestTitleReferenceRules covers title-only references and the rule that
// resolves each (holders.resolve), with the cases that must stay unresolved.
func TestTitleReferenceRules(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want // person, title, rule ID (in org)
		not        []want
	}{
		{"role.ref.refers: the title a reference stands for", "President Askar Tokenov spoke. The Head of State set tasks.",
			[]want{{"Askar Tokenov", "Head of State", "role.ref.refers"}}, nil},
		{"role.ref.refers: an abbreviation stays as written", "Prime Minister Anna Lind spoke. “We are ready,” the PM said.",
			[]want{{"Anna Lind", "PM", "role.ref.refers"}}, nil},
		{"role.ref.place: the head of a named place", "Governor of Chelyabinsk Region Petr Sumin spoke. Then the head of Chelyabinsk Region left.",
			[]want{{"Petr Sumin", "head", "role.ref.place"}}, nil},
		{"role.ref.place: a deputy does not head the place", "Deputy Akim of the Martuk district Aida Bekova spoke. The akim of the Martuk district was absent.",
			nil, []want{{"Aida Bekova", "akim", ""}}},
		{"role.ref.region-head: head of the region", "Governor Ilya Voronin met the unions. A deputy asked the head of the region about the mines.",
			[]want{{"Ilya Voronin", "head of the region", "role.ref.region-head"}}, nil},
		{"role.ref.region-head: a post of a place heads it", "Chairman of Khatlon region Kurbon Sharif noted it. “We will help,” said the head of the region.",
			[]want{{"Kurbon Sharif", "head of the region", "role.ref.region-head"}}, nil},
		{"role.ref.region-head: two heads are ambiguous", "Governor Ilya Voronin and Mayor Anna Petrova met. The head of the region spoke.",
			nil, []want{{"Ilya Voronin", "head of the region", ""}, {"Anna Petrova", "head of the region", ""}}},
		{"role.ref.region-head: a country's president heads no region", "President of Kazakhstan Kassym Tokayev spoke. The head of the region thanked him.",
			nil, []want{{"Kassym Tokayev", "head of the region", ""}}},
		{"role.ref.same-post: the abbreviation's holder", "Gov. Laura Benitez spoke. “We will pay,” the senator said. The governor left.",
			[]want{{"Laura Benitez", "governor", "role.ref.region-head"}}, []want{{"Laura Benitez", "senator", ""}}},
		{"role.ref.same-post: Sen. stands for senator", "Sen. Ann Ray spoke. “We will pay,” the senator said.",
			[]want{{"Ann Ray", "senator", "role.ref.same-post"}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, _ := roles(t, tc.text)
			for _, w := range tc.want {
				if !slices.ContainsFunc(rs, func(r doc.Role) bool {
					return r.PersonName == w.person && r.Title == w.title && r.Method == w.org
				}) {
					t.Errorf("roles %+v: missing %s: %s by %s", rs, w.person, w.title, w.org)
				}
			}
			for _, w := range tc.not {
				if slices.ContainsFunc(rs, func(r doc.Role) bool { return r.PersonName == w.person && strings.EqualFold(r.Title, w.title) }) {
					t.Errorf("roles %+v: should not hold %s: %s", rs, w.person, w.title)
				}
			}
		})
	}
}

// TestSeatsAndMembers covers membership titles (titles.txt "Member", "Board
// Member"), which role.ref.body never resolves through their body
// (title_seats.txt), and the plural titles a verb keeps off a name
// (title.link.plural).
func TestSeatsAndMembers(t *testing.T) {
	tests := []roleCase{
		{"member in apposition", "Sainkhuu Ganbaatar, a member of the State Great Hural, met them.",
			[]want{{"Sainkhuu Ganbaatar", "member", ""}}, nil},
		{"member before a name", "Commission member Dewi Siregar said the commission would meet.",
			[]want{{"Dewi Siregar", "member", ""}}, nil},
		{"board member", "Ayla Kaya, a board member of the Union of Textile Employers, defended the offer.",
			[]want{{"Ayla Kaya", "board member", ""}}, nil},
		{"role.ref.body: a seat is no reference to the body's one known holder",
			"Yerlan Bekov, the Chairman of the Majilis, spoke. A member of the Majilis asked about it.",
			[]want{{"Yerlan Bekov", "Chairman", ""}}, []want{{"Yerlan Bekov", "member", ""}}},
		{"title.link.plural: a verb ends the list", "Members of the union voted on Tuesday, and Anna Berg spoke later.",
			nil, []want{{"Anna Berg", "member", ""}}},
		{"title.link.plural: a name with its verb is no list item", "Asked about the statements of members of the party, Anna Berg said they spoke for themselves.",
			nil, []want{{"Anna Berg", "member", ""}}},
		{"military rank before a name", "The adviser, Maj.-Gen. Bala Musa (retd.), did not appear.",
			[]want{{"Bala Musa", "Maj.-Gen.", ""}}, nil},
		{"Taoiseach", "The Taoiseach, Leo Brennan, told the Dáil last week.",
			[]want{{"Leo Brennan", "Taoiseach", ""}}, nil},
	}
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && strings.EqualFold(r.Title, w.title) && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}

// TestPortfolios covers ministers' portfolios completed in roles
// (portfolio.go) and the titles linked across a comma (role.link.*).
func TestPortfolios(t *testing.T) {
	tests := []roleCase{
		{"role.title.portfolio-list: a list closed by and", "Minister of Labour, Immigration, Training and Skills Development Dana Kowal addressed the convention.",
			[]want{{"Dana Kowal", "Minister of Labour, Immigration, Training and Skills Development", ""}}, nil},
		{"role.title.portfolio-list: the country after the list stays out", "Minister of Labor, Social Security and Migration of Kyrgyzstan Ravshan Sabirov met them.",
			[]want{{"Ravshan Sabirov", "Minister of Labor, Social Security and Migration", ""}}, nil},
		{"role.title.portfolio-list: a name after a comma is no field", "He met the Minister of Labor, Anna Berg, on Monday.",
			[]want{{"Anna Berg", "Minister of Labor", ""}}, nil},
		{"role.title.portfolio-after: a lower-case field", "Mick Cash met Chris Hale, Secretary of State for transport, earlier this week.",
			[]want{{"Chris Hale", "Secretary of State for transport", ""}}, nil},
		{"role.title.portfolio-after: a title ending in State is a head", "The Minister of State for Business, Employment and Retail, Ciara Nolan, said so.",
			[]want{{"Ciara Nolan", "Minister of State for Business, Employment and Retail", ""}}, nil},
		{"role.title.portfolio-after: a place is no portfolio", "The union's regional secretary for Gauteng, Bongani Dube, told the committee.",
			[]want{{"Bongani Dube", "regional secretary", ""}}, nil},
		{"title.start.body-word-out: a country's post keeps its body word", "The union wrote to the Cabinet Secretary for Health, Neil Frazer, asking for a meeting.",
			[]want{{"Neil Frazer", "Cabinet Secretary for Health", ""}}, nil},
		{"role.title.portfolio-and", "Labor and Social Security Minister Mehmet Yilmaz spoke.",
			[]want{{"Mehmet Yilmaz", "Labor and Social Security Minister", ""}}, nil},
		{"role.title.portfolio-and: a name before and is no portfolio", "Anna Berg and Finance Minister Tom Hale spoke.",
			[]want{{"Tom Hale", "Finance Minister", ""}}, []want{{"Tom Hale", "Berg and Finance Minister", ""}}},
		{"policy.role.ministry-named: minister for X heads the Ministry of X", "Union Minister for Labour and Employment Rajesh Verma spoke. The Ministry of Labour and Employment agreed.",
			[]want{{"Rajesh Verma", "Union Minister", "Ministry of Labour and Employment"}}, nil},
		{"role.link.title-comma-name: a phrase without a name", "The Chairman of the committee, Adejoro Ade, said the hearing would go on.",
			[]want{{"Adejoro Ade", "Chairman", ""}}, nil},
		{"role.link.title-comma-name: title, body, name", "Those summoned include the Director-General, Maritime Safety Agency, Bashir Musa; and others.",
			[]want{{"Bashir Musa", "Director-General", "Maritime Safety Agency"}}, nil},
		{"role.link.title-comma-name: a name in a list is no apposition", "The chairman of the committee, Anna Berg and Tom Hale met on Monday.",
			nil, []want{{"Anna Berg", "chairman", ""}}},
	}
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && r.Title == w.title && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}

// TestLinkPatterns covers the patterns that link a title to its holder
// across what a run does not hold, each with the rule it tests.
func TestLinkPatterns(t *testing.T) {
	tests := []roleCase{
		{"title.link.postnominal", "Imran Qureshy MP, who had backed the campaign, called it a victory.",
			[]want{{"Imran Qureshy", "MP", ""}}, nil},
		{"title.link.postnominal: a seat's name is no person", "The Dublin Central TD rallied delegates.",
			nil, []want{{"Dublin Central", "TD", ""}}},
		{"title.link.served-person", "Ellen Fromm, a spokeswoman for Mr. Russo, said the hall was packed.",
			[]want{{"Ellen Fromm", "spokeswoman", ""}}, []want{{"Russo", "spokeswoman", ""}}},
		{"title.link.chain: nothing but the next title after the separator",
			"The Governor assured the officials that the money would come, so he asked Deputy Governor Ivan Redin to supervise it.",
			[]want{{"Ivan Redin", "Deputy Governor", ""}}, []want{{"Ivan Redin", "Governor", ""}}},
		{"role.link.title-comma-name: the Rev. before the name", "The forum's moderator, the Rev. Calvin Booker, pastor of the church, opened the evening.",
			[]want{{"Calvin Booker", "moderator", ""}, {"Calvin Booker", "pastor", ""}}, nil},
		{"role.link.predicate: was party president", "Mawrie recalled how Ann Hek was party president from 2003 to 2006.",
			[]want{{"Ann Hek", "president", ""}}, nil},
		{"role.link.predicate: became", "Anna Berg became First Minister in 2023.",
			[]want{{"Anna Berg", "First Minister", ""}}, nil},
		{"role.link.predicate: was appointed, with the age", "Mohd Rashid, 71, was appointed the party's chief adviser, a post created at the assembly.",
			[]want{{"Mohd Rashid", "chief adviser", ""}}, nil},
		{"role.link.predicate: who is also", "Lim Boon Keat spoke. Lim, who is also the Ayer Hitam assemblyman, said the party would wait.",
			[]want{{"Lim Boon Keat", "assemblyman", ""}}, nil},
		{"role.link.predicate: a possessive title is no predicate", "Anna Berg was the president's guest.",
			nil, []want{{"Anna Berg", "president", ""}}},
		{"role.link.predicate-inverse", "At the talks, the head of the employer delegation was Akansel Koc, the union said.",
			[]want{{"Akansel Koc", "head", ""}}, nil},
		{"role.ref.same-post before role.ref.refers", "Premier Doug Ford spoke. Prime Minister Justin Trudeau wrote. The union called on the premier to pay.",
			nil, []want{{"Justin Trudeau", "premier", ""}}},
		{"role.ref.refers: Head of the state", "President Shavkat Mirzo attended. The Head of the state nominated Ali Bozor.",
			[]want{{"Shavkat Mirzo", "Head of the state", ""}}, nil},
	}
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && r.Title == w.title && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}

// TestTwoBodiesAndPlurals covers role.title.second-body, the bracketed
// apposition, role.link.plural-predicate and role.ref.portfolio.
func TestTwoBodiesAndPlurals(t *testing.T) {
	tests := []roleCase{
		{"role.link.apposition in brackets, role.title.second-body",
			"The session was chaired by Irakli Petrov (President of the Georgian Trade Unions Confederation and Pan-European Regional Council) in Brussels.",
			[]want{{"Irakli Petrov", "President", "Georgian Trade Unions Confederation"}, {"Irakli Petrov", "President", "Pan-European Regional Council"}}, nil},
		{"role.title.second-body: a comma ends the body",
			"Anna Berg, Chairman of the Miners Union, and the Federation of Trade Unions signed it.",
			[]want{{"Anna Berg", "Chairman", "Miners Union"}}, []want{{"Anna Berg", "Chairman", "Federation of Trade Unions"}}},
		{"role.link.plural-predicate",
			"Musa Mirza, chairman of the Power Workers Union, and Gazan Abdul, chairman of the Council of Trade Unions of Nakhchivan, were elected deputy chairmen of the Azerbaijan Trade Unions Confederation.",
			[]want{{"Musa Mirza", "deputy chairman", "Azerbaijan Trade Unions Confederation"}, {"Gazan Abdul", "deputy chairman", "Azerbaijan Trade Unions Confederation"}}, nil},
		{"role.link.plural-predicate: one subject is no list",
			"Musa Mirza said the delegates were elected deputy chairmen of the Council.",
			nil, []want{{"Musa Mirza", "deputy chairman", ""}}},
		{"role.ref.portfolio: a later holder of the portfolio",
			"The union met the Transport Secretary yesterday. Mick Cash met Chris Hale, Secretary of State for transport, earlier this week.",
			[]want{{"Chris Hale", "Transport Secretary", ""}}, nil},
		{"role.ref.portfolio: another portfolio is another post",
			"The union met the Health Secretary yesterday. Mick Cash met Chris Hale, Secretary of State for transport, earlier this week.",
			nil, []want{{"Chris Hale", "Health Secretary", ""}}},
	}
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && r.Title == w.title && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}

// TestUnionPostsAndBodyNames covers union organisers, hyphenated deputies
// and the body after "<title> of" that is no part of the holder's name
// (person.start.body-after-title-of).
func TestUnionPostsAndBodyNames(t *testing.T) {
	tests := []roleCase{
		{"organiser", "The union's national organiser, Thomas Reid, said members were angry.",
			[]want{{"Thomas Reid", "national organiser", ""}}, nil},
		{"hyphenated vice-minister", "The delegation was led by Vice-Minister of Labor Kanat Nurov.",
			[]want{{"Kanat Nurov", "Vice-Minister", ""}}, nil},
		{"person.start.body-after-title-of", "On Monday the Governor of Kuzbass Ilya Sergeyevich Voronin met the unions.",
			[]want{{"Ilya Sergeyevich Voronin", "Governor", ""}}, []want{{"Kuzbass Ilya Sergeyevich Voronin", "Governor", ""}}},
	}
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && strings.EqualFold(r.Title, w.title) && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}

// TestPluralNamesAndRanks covers title.link.plural-names and the rank kept
// in an apposition after a capitalized level word (role:apposition).
func TestPluralNamesAndRanks(t *testing.T) {
	tests := []roleCase{
		{"title.link.plural-names", "The rally was joined by former Senators Panfilo Lacson and Manny Pacquiao, and Governor Ana Reyes.",
			[]want{{"Panfilo Lacson", "Senator", ""}, {"Manny Pacquiao", "Senator", ""}, {"Ana Reyes", "Governor", ""}}, []want{{"Ana Reyes", "Senator", ""}}},
		{"title.link.plural-names: a verb ends the list", "Presidents Vladimir Putin and Xi Jinping met, and Anna Berg spoke.",
			[]want{{"Vladimir Putin", "President", ""}, {"Xi Jinping", "President", ""}}, []want{{"Anna Berg", "President", ""}}},
		{"apposition: a lower rank stays in a capitalized title", "The commission met under the leadership of Nurgaliev Yerbol Zholdaspekovich, Regional vice Akim.",
			[]want{{"Nurgaliev Yerbol Zholdaspekovich", "vice Akim", ""}}, []want{{"Nurgaliev Yerbol Zholdaspekovich", "Akim", ""}}},
	}
	match := func(r doc.Role, w want) bool {
		return r.PersonName == w.person && r.Title == w.title && (w.org == "" || r.OrgName == w.org)
	}
	checkRoleCases(t, tests, match, match)
}
