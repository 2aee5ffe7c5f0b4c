package entities

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
	"plenary/pipeline/segment"
)

var (
	segOnce sync.Once
	seg     *segment.Segmenter
	finder  *Finder
)

func setup(t testing.TB) (*segment.Segmenter, *Finder) {
	segOnce.Do(func() {
		s, err := segment.New()
		if err != nil {
			t.Fatal(err)
		}
		seg = s
		finder = New(lexicon.MustLoadEmbedded())
	})
	return seg, finder
}

func find(t testing.TB, text string) Result {
	s, f := setup(t)
	return f.Find(s.Segment(text))
}

func names[T any](xs []T, name func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, name(x))
	}
	return out
}

func has(list []string, want string) bool {
	for _, x := range list {
		if x == want {
			return true
		}
	}
	return false
}

// holds fails the test for each name of want missing from got, the kind
// of item (people, locations) found in text, and each name of not in it.
func holds(t *testing.T, text, kind string, got, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !has(got, w) {
			t.Errorf("%q: %s %q: missing %q", text, kind, got, w)
		}
	}
	for _, w := range not {
		if has(got, w) {
			t.Errorf("%q: %s %q: should not hold %q", text, kind, got, w)
		}
	}
}

func TestPeople(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // person names that must be found
		not        []string // names that must not be people
	}{
		{"kazakh title-name", "Deputy Chairman of the Union Nurlan Bekov took part in the meeting.", []string{"Nurlan Bekov"}, nil},
		{"russian", "Russian Prime Minister Dmitry Ivanov held talks.", []string{"Dmitry Ivanov"}, nil},
		{"hyphenated given name", "President Kassym-Jomart Akhmetov signed the decree.", []string{"Kassym-Jomart Akhmetov"}, nil},
		{"arabic", "Foreign Minister Ahmed Hassan arrived in Cairo.", []string{"Ahmed Hassan"}, []string{"Cairo"}},
		{"malay honorific", "Datuk Seri Anwar Ibrahim met the delegation.", []string{"Anwar Ibrahim"}, nil},
		{"indian", "BJP MLA Rajesh Kumar said the party is united.", []string{"Rajesh Kumar"}, []string{"BJP"}},
		{"english", "Owen Smith visited the centre. Smith said it went well.", []string{"Owen Smith"}, []string{"Smith"}},
		{"surname first", "Chairman of the Veterans Council Bekov Serik spoke first.", []string{"Bekov Serik"}, nil},
		{"initials before", "S. Dauletov, Deputy Chairman of the Union, opened the session.", []string{"S. Dauletov"}, nil},
		{"initials after", "The meeting was chaired by Omarov B. B., the head of the Union.", []string{"Omarov B. B."}, nil},
		{"initials glued", "Chairman of the Association S.Mukanov noted the results.", []string{"S.Mukanov"}, nil},
		{"two-letter initials", "The national president JP Sharma spoke. JP Sharma’s term ends soon.", []string{"JP Sharma"}, nil},
		{"lone name with cue", "The session closed late. Mawrie said the party would decide.", []string{"Mawrie"}, nil},
		{"no person in org name", "Workers of the Nursultan Bekov Foundation met.", nil, []string{"Nursultan Bekov"}},
		{"two people joined by and", "President Askar Omarov and Vladimir Petrov met.", []string{"Askar Omarov", "Vladimir Petrov"}, nil},
		{"plural title is no name", "Kazakh and Russian Prime Ministers discussed trade.", nil, []string{"Prime Ministers"}},
		{"turkic", "Turkish Labor Minister Mehmet Yilmaz visited Ankara.", []string{"Mehmet Yilmaz"}, nil},
		{"initials after, glued", "The report was read by Zhakupova T.B., the secretary.", []string{"Zhakupova T.B."}, nil},
		{"place is no name", "Members gathered in Petaling Jaya on Sunday.", nil, []string{"Petaling Jaya"}},
		{"portfolio end is no name", "Minister of Health and Social Protection of the Population Aigerim Sultanova opened the forum.", []string{"Aigerim Sultanova"}, []string{"Population Aigerim Sultanova"}},
		{"body word is no name", "Deputy of the Naryn city Kenesh Bolot Osmonov spoke.", []string{"Bolot Osmonov"}, []string{"Kenesh Bolot Osmonov"}},
		{"khural is a body", "The delegation met Chairman of the State Great Khural Ganbold Batbayar.", []string{"Ganbold Batbayar"}, []string{"Khural Ganbold Batbayar"}},
		{"party label is no name", "She urged voters to back fellow Democrat Ellen Marsh-Carter in the race.", []string{"Ellen Marsh-Carter"}, []string{"Democrat Ellen Marsh-Carter"}},
		{"arabic article surname", "Deputy Minister of Labour of Oman Sheikh Khalid bin Saeed al-Harthi presented the reforms.", []string{"Khalid bin Saeed al-Harthi"}, []string{"Khalid bin Saeed"}},
		{"turkic patronymic", "Chairman of the union Elnur Vagif oglu Mammadov spoke first.", []string{"Elnur Vagif oglu Mammadov"}, []string{"Elnur Vagif", "Mammadov"}},
		{"kazakh patronymic", "Deputy akim Aigul Serik kyzy Nurova opened the fair.", []string{"Aigul Serik kyzy Nurova"}, []string{"Aigul Serik"}},
		{"malay honorific chain", "The wing is led by Datin Paduka Nur Aina binti Karim, who spoke.", []string{"Nur Aina binti Karim"}, []string{"Datin Paduka Nur Aina", "Paduka Nur Aina binti Karim"}},
		{"nigerian honorific", "The ticket went to Alhaji Sani Garba Dauda on Saturday, officials said.", []string{"Sani Garba Dauda"}, []string{"Alhaji Sani Garba Dauda"}},
		{"company suffix", "Frank Olsen, president of Great Northern Freight Co., testified.", []string{"Frank Olsen"}, []string{"Northern Freight Co", "Great Northern Freight Co"}},
		{"malay party is no name", "Leaders of the Parti Maju Rakyat and the Barisan Harapan Baru met in Ipoh.", nil, []string{"Parti Maju Rakyat", "Maju Rakyat", "Barisan Harapan Baru", "Harapan Baru"}},
		{"indian party is no name", "The Kalinga Janata Dal opened its office, said Ramesh Patnaik.", []string{"Ramesh Patnaik"}, []string{"Kalinga Janata Dal", "Kalinga Janata"}},
		{"honorific name before and", "Also present were party president Datuk Tan Wei Ming and Sabah Workers Congress chief Joseph Gimbang.", []string{"Tan Wei Ming", "Joseph Gimbang"}, []string{"Datuk Tan Wei Ming and Sabah Workers Congress"}},
		{"park is no name", "Some 3,000 nurses marched to the Jubilee Park on Friday.", nil, []string{"Jubilee Park", "Jubilee"}},
		{"board words are no name", "The union wrote to the Regional Tripartite Wages and Productivity Board last week.", nil, []string{"Tripartite Wages"}},
		{"campaign title is no name", "Unions checked how the “Year of Rural Crafts,” was carried out in the district.", nil, []string{"Rural Crafts"}},
		{"document after a qualifier is no name", "The inspectors updated the Labour Hazard Register this spring.", nil, []string{"Hazard Register"}},
		{"title case slogan after For is no name", "Speaking at the Rally For Clean Rivers, union leader Mia Lopez thanked the crowd.", []string{"Mia Lopez"}, []string{"Clean Rivers"}},
		{"abstract noun is no surname", "Delegates debated Green Economy targets for the coast.", nil, []string{"Green Economy"}},
		{"plural noun with a cue is no name", "Respondents said the fund was too small.", nil, []string{"Respondents"}},
		{"partnership is no name", "Social Partnership was strengthened, Omarov said.", []string{"Omarov"}, []string{"Social Partnership"}},
		{"head of a plural unit is no name", "Lina Ortiz, head of Human Resources, said the plan was fair.", []string{"Lina Ortiz"}, []string{"Human Resources"}},
		{"given name with a noun ending", "Frances Odum, the branch secretary, said the vote was fair.", []string{"Frances Odum"}, nil},
		{"headline verb before a name", "Caucus Picks Grace Obi As Deputy\nABUJA — The caucus met on Monday.", []string{"Grace Obi"}, []string{"Picks Grace Obi"}},
		{"title before a name still counts", "The Labour Minister Tomas Varga opened the forum.", []string{"Tomas Varga"}, nil},
		{"headline phrase is no name", "SAULE BEKOVA: «EVERY WORKER NEEDS A WRITTEN EMPLOYMENT CONTRACT»", nil, []string{"Written Employment Contract", "Employment Contract"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(t, tc.text)
			got := names(r.People, func(p doc_Person) string { return p.Name })
			holds(t, tc.text, "people", got, tc.want, tc.not)
		})
	}
}

func TestClustering(t *testing.T) {
	tests := []struct {
		name, text string
		person     string
		aliases    []string
		gender     string
	}{
		{"surname only", "Chairman Nurlan Utebayev opened the meeting. Utebayev noted the results.", "Nurlan Utebayev", []string{"Utebayev"}, "m"},
		{"initials", "Nurlan Utebayev opened it. N. Utebayev noted the results.", "Nurlan Utebayev", []string{"N. Utebayev"}, "m"},
		{"spelling variant", "Senate Speaker Maulen Ashimov spoke. Later Ashymov said it again.", "Maulen Ashimov", []string{"Ashymov"}, "m"},
		{"honorific alias", "Mr. Sagintov arrived. Prime Minister Bakytzhan Sagintov met him.", "Bakytzhan Sagintov", []string{"Mr. Sagintov"}, "m"},
		{"malay patronym", "Datin Paduka Nur Aina binti Karim spoke first. Nur Aina added that the wing was ready.", "Nur Aina binti Karim", []string{"Nur Aina"}, "f"},
		{"female by ending", "Deputy Chairman Gulnar Zhumabayeva spoke.", "Gulnar Zhumabayeva", nil, "f"},
		{"possessive", "BJP MLA AL Hek spoke. Hek’s claim was denied.", "AL Hek", []string{"Hek"}, ""},
		{"Dr kept as alias", "Dr. Aigerim Sultanova opened the clinic. Dr. Sultanova thanked the staff.", "Aigerim Sultanova", []string{"Dr. Sultanova"}, "f"},
		{"glued initial", "Chairman Serik Mukanov spoke. S.Mukanov later noted the results.", "Serik Mukanov", []string{"S.Mukanov"}, "m"},
		{"first two words of a malay name", "Tan Sri Azman Hakim Yusof: we will win\nParty president Tan Sri Azman Hakim Yusof opened the meeting. Azman Hakim thanked the delegates.", "Azman Hakim Yusof", []string{"Azman Hakim"}, ""},
		{"first two words of a punjabi name", "Union president Rana Javed Iqbal said the mills must reopen. Later Rana Javed added a warning.", "Rana Javed Iqbal", []string{"Rana Javed"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(t, tc.text)
			if len(r.People) != 1 {
				t.Fatalf("want one person, got %+v", r.People)
			}
			p := r.People[0]
			if p.Name != tc.person {
				t.Errorf("name %q, want %q", p.Name, tc.person)
			}
			for _, a := range tc.aliases {
				if !has(p.Aliases, a) {
					t.Errorf("aliases %q: missing %q", p.Aliases, a)
				}
			}
			if p.Gender != tc.gender {
				t.Errorf("gender %q, want %q", p.Gender, tc.gender)
			}
		})
	}
}

func TestAllCapsHeadline(t *testing.T) {
	r := find(t, "SERIK DAULETOV: WE WILL PROTECT WORKERS\nChairman of the Union Serik Dauletov said the work goes on.")
	if len(r.People) != 1 || r.People[0].Name != "Serik Dauletov" {
		t.Fatalf("people %+v", r.People)
	}
}

func TestOrganizations(t *testing.T) {
	tests := []struct {
		name, text string
		org        string
		aliases    []string
	}{
		{"of the", "The Federation of Trade Unions of the Republic of Kazakhstan held a plenum.", "Federation of Trade Unions of the Republic of Kazakhstan", nil},
		{"acronym defined", "The Federation of Trade Unions of the Republic of Kazakhstan (FTURK) met. The FTURK decided.", "Federation of Trade Unions of the Republic of Kazakhstan", []string{"FTURK"}},
		{"acronym by initials", "The Federation of Trade Unions of the Republic of Kazakhstan met. Later the FTURK decided.", "Federation of Trade Unions of the Republic of Kazakhstan", []string{"FTURK"}},
		{"short form", "The Federation of Trade Unions of the Republic of Kazakhstan met. The Federation of Trade Unions decided.", "Federation of Trade Unions of the Republic of Kazakhstan", []string{"Federation of Trade Unions"}},
		{"translation variant", "The Republican Headquarters started work. The head of the Republican Staff spoke.", "Republican Headquarters", []string{"Republican Staff"}},
		{"quoted with head", "Chairman of the public association “Organization of Veterans” spoke.", "Organization of Veterans", nil},
		{"quoted LLP", "Workers of “Kezbi” LLP went on strike.", "Kezbi LLP", []string{"Kezbi"}},
		{"LLP first", "Employees of LLP “Munay Service” met.", "LLP Munay Service", []string{"Munay Service"}},
		{"JSC", "The chairman of JSC “Ozenmunay” spoke.", "JSC Ozenmunay", nil},
		{"place-named body", "Secretary of the Turkestan regional Maslikhat Kairat Bekov spoke.", "Turkestan regional Maslikhat", nil},
		{"news agency", "ASTANA. KAZINFORM – The talks ended, Kazinform reports.", "Kazinform", nil},
		{"domain", "The talks ended, BNews.kz correspondent reports.", "BNews.kz", nil},
		{"bare body", "The Government approved the plan.", "Government", nil},
		{"guillemets", "Members of the «AMANAT» party met voters.", "AMANAT", nil},
		{"acronym before the full name", "The FTURK met. The Federation of Trade Unions of the Republic of Kazakhstan decided.", "Federation of Trade Unions of the Republic of Kazakhstan", []string{"FTURK"}},
		{"acronym plus country letters", "The FTURK met. The Federation of Trade Unions decided.", "Federation of Trade Unions", []string{"FTURK"}},
		{"transliterated acronym from orgs.txt", "The FPRK met. The Federation of Trade Unions of the Republic of Kazakhstan decided.", "Federation of Trade Unions of the Republic of Kazakhstan", []string{"FPRK"}},
		{"word-order variant", "The International Confederation of Trade Unions met. The International Trade Union Confederation decided.", "International Confederation of Trade Unions", []string{"International Trade Union Confederation"}},
		{"body inside a body", "The Executive Committee of the Federation of Trade Unions met.", "Federation of Trade Unions", nil},
		{"descriptor before of the", "Delegates of the Kenya National Progressive Alliance met.", "Kenya National Progressive Alliance", nil},
		{"portfolio list", "It became the Ministry of Digital Development, Defense and Aerospace Industry in 2019.", "Ministry of Digital Development, Defense and Aerospace Industry", nil},
		{"with inside a name", "The Council for Cooperation with Representatives of Local Governments met.", "Council for Cooperation with Representatives of Local Governments", nil},
		{"body of the region", "The Trade Union Center of the region held a seminar.", "Trade Union Center of the region", nil},
		{"event names its body", "Delegates of the V Congress of the ITUC voted.", "ITUC", nil},
		{"body after an honorific name and", "Also present were party president Datuk Tan Wei Ming and Sabah Workers Congress chief Joseph Gimbang.", "Sabah Workers Congress", nil},
		{"acronym and body split", "A memorandum was signed between the ZTUC and the Trade Union Center of the Aktobe region.", "Trade Union Center of the Aktobe region", nil},
		{"two acronyms split", "A memorandum was signed between the ZTUC and the GUAW last week.", "ZTUC", nil},
		{"country adjective for of country", "The Federation of Trade Unions of Moldova met. The Moldovan Federation of Trade Unions decided.", "Federation of Trade Unions of Moldova", []string{"Moldovan Federation of Trade Unions"}},
		{"adjective first, of the republic later", "The Georgian Union of Builders met. The Union of Builders of the Republic of Georgia decided.", "Union of Builders of the Republic of Georgia", []string{"Georgian Union of Builders"}},
		{"nested body by its parent's acronym", "The Union of Farmers of Moldova (UFM) met. The head of the Central Office of the Veterans Council of the Union of Farmers of Moldova spoke. The office works under the Veterans Council of the UFM.", "Veterans Council of the Union of Farmers of Moldova", []string{"Veterans Council of the UFM"}},
		{"same quoted name, shorter descriptor", "Members of the Branch Trade Union of Metal and Mining Workers “KORGAN” met. The lawyer of the Branch Trade Union “KORGAN” Aidos Serikov spoke.", "Branch Trade Union of Metal and Mining Workers KORGAN", []string{"Branch Trade Union KORGAN"}},
		{"form led by an acronym", "The mission visited the TUC Trade Union Center of Taraz on Monday. Activists of the Trade Union Center of Taraz met it.", "TUC Trade Union Center of Taraz", []string{"Trade Union Center of Taraz"}},
		{"of the region refers back", "Delegates of the Veterans Council of the Aktobe region met. Later the Veterans Council of the region adopted a plan.", "Veterans Council of the Aktobe region", []string{"Veterans Council of the region"}},
		{"of the region with two named regions", "The Veterans Council of the Aktobe region and the Veterans Council of the Atyrau region met. The Veterans Council of the region spoke.", "Veterans Council of the region", nil},
		{"short form used twice before the full name", "Activists of the regional Veterans Council met. The regional Veterans Council agreed. The chairman of the Veterans Council of the Aktobe region spoke.", "Veterans Council of the Aktobe region", []string{"Veterans Council"}},
		{"two services under one place name", "The chief executive of the Marlow Hospital and Health Service said no surgery was cancelled.", "Marlow Hospital and Health Service", nil},
		{"two bodies with the same head still split", "Members of the Kestrel Miners Union and Teachers Union marched.", "Kestrel Miners Union", nil},
		{"second body after the still split", "The Kestrel Hospital and the Health Service signed a deal.", "Kestrel Hospital", nil},
		{"acronym spelled out in brackets after it", "The Board of the KZMU (Kazakhstan Mining Union) met on Monday. The KZMU chairman spoke.", "Kazakhstan Mining Union", []string{"KZMU"}},
		{"quoted name before party", "The district branch of the «Birlik Zholy» party met voters on Friday.", "Birlik Zholy", nil},
		{"body of a quoted party", "The session was opened by the Secretary of the Political Council of the “Birlik Zholy” party.", "Political Council of the Birlik Zholy party", nil},
		{"acronym used also on its own stays a body", "The KTWU project was launched in May. The KTWU said it would hire ten organizers.", "KTWU", nil},
		{"portfolio pair before a second body", "Officials of the Ministry of Labour and Employment and the Social Security Fund attended.", "Ministry of Labour and Employment", nil},
		{"second body after a portfolio pair", "The Ministry of Health and Social Development and the Federation of Nurses signed it.", "Federation of Nurses", nil},
		{"headline descriptor before Of", "Dockers Protest Sale Of Northern Ferry Company\nLAGOS — Dockers marched on Monday.", "Northern Ferry Company", nil},
		{"party before its plural members", "The KJD MLAs walked out of the house on Tuesday.", "KJD", nil},
		{"plural title inside a body's name stays", "The Council of Districts Chairpersons met in Gbarnga.", "Council of Districts Chairpersons", nil},
		{"named plural body stays", "The Associated Dock Unions met in Cebu.", "Associated Dock Unions", nil},
		{"plural inside of stays", "The Confederation of Free Trade Unions met.", "Confederation of Free Trade Unions", nil},
		{"malay party head first", "Leaders of the Parti Maju Rakyat met in Ipoh.", "Parti Maju Rakyat", nil},
		{"indian party head last", "The Kalinga Janata Dal opened its office.", "Kalinga Janata Dal", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(t, tc.text)
			var found bool
			for _, o := range r.Organizations {
				if o.Name == tc.org {
					found = true
					for _, a := range tc.aliases {
						if !has(o.Aliases, a) {
							t.Errorf("aliases %q: missing %q", o.Aliases, a)
						}
					}
				}
			}
			if !found {
				t.Errorf("orgs %+v: missing %q", r.Organizations, tc.org)
			}
		})
	}
}

func TestEventsAreNotBodies(t *testing.T) {
	for _, text := range []string{
		"The Digital Almaty Forum opened on Monday.",
		"The Extraordinary Congress adopted the charter.",
		"The V Congress of the ITUC was held in Melbourne.",
		"The Miners Union Rally drew thousands.",
		"The Trade Union Seminar opened on Monday.",
	} {
		r := find(t, text)
		for _, o := range r.Organizations {
			if strings.Contains(o.Name, "Forum") || strings.Contains(o.Name, "Congress") || strings.Contains(o.Name, "Rally") || strings.Contains(o.Name, "Seminar") {
				t.Errorf("%q: event %q listed as a body", text, o.Name)
			}
		}
	}
}

func TestLocations(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"region folds", "Delegates from Almaty region and Shymkent came. Almaty hosted them.", []string{"Almaty", "Shymkent"}, []string{"Almaty region"}},
		{"city and region contrasted", "A meeting of Almaty and Almaty region was held.", []string{"Almaty", "Almaty region"}, nil},
		{"place inside org is not listed", "The Trade Union Center of Almaty met.", nil, []string{"Almaty"}},
		{"place in title is listed", "Akim of the North Kazakhstan region Askar Bekov spoke.", []string{"North Kazakhstan"}, nil},
		{"demonym is not a place", "Kazakh President Askar Bekov spoke.", nil, []string{"Kazakh", "Kazakhstan"}},
		{"dateline", "ASTANA. KAZINFORM – The talks ended.", []string{"Astana"}, nil},
		{"document name", "Amendments to the Constitution of the Republic of Kazakhstan were made.", nil, []string{"Kazakhstan"}},
		{"republic of folds", "Delegates of the Republic of Kazakhstan arrived.", []string{"Kazakhstan"}, nil},
		{"district towns", "Workers from Aralsk, Kazaly and Saran came to Karaganda.", []string{"Aralsk", "Kazaly", "Saran", "Karaganda"}, nil},
		{"central asia", "Delegations from Khujand, Osh and Samarkand met in Bishkek.", []string{"Khujand", "Osh", "Samarkand", "Bishkek"}, nil},
		{"city and region contrasted across sentences", "The city of Omsk hosted the forum. Farms of the Omsk region sent delegates.", []string{"Omsk", "Omsk region"}, nil},
		{"proper City is part of the name", "Workers in Davao City rallied. The wage board of Davao Region met. Davao workers marched.", []string{"Davao City", "Davao Region"}, []string{"Davao"}},
		{"city inside a body's name is no contrast", "Deputies of the Osh city Kenesh met farmers of the Osh region.", []string{"Osh"}, []string{"Osh region"}},
		{"oblast folds", "Teachers of Zhambyl oblast met in Taraz.", []string{"Zhambyl", "Taraz"}, []string{"Zhambyl oblast"}},
		{"county keeps its word in a list", "The union has members in Yavapai County and Mohave County.", []string{"Yavapai County", "Mohave County"}, []string{"Yavapai", "Mohave"}},
		{"place starting with a function word", "The envoy, who had come from New Delhi, flew on to New York.", []string{"New Delhi", "New York"}, []string{"Delhi", "York"}},
		{"function word before a place is still dropped", "New rules were adopted in York.", []string{"York"}, []string{"New York"}},
		{"village of", "Inspectors came to the village of Zhanatalap and the town of Ortakol.", []string{"Zhanatalap", "Ortakol"}, nil},
		{"of after a common noun is no place", "The school of Zhanatalap won.", nil, []string{"Zhanatalap"}},
		{"dateline state abbreviation", "SPOKANE, Wash. — Nurses rallied on Monday.", []string{"Spokane", "Washington"}, nil},
		{"state abbreviation outside a dateline", "Workers from Spokane, Wash. and Boise came.", nil, []string{"Washington"}},
		{"contrast with repeated preposition", "Seminars will be held in Gomel and in the Gomel region.", []string{"Gomel", "Gomel region"}, nil},
		{"no contrast across sentences without and", "Teachers from Gomel came. Farmers of the Gomel region came too.", []string{"Gomel"}, []string{"Gomel region"}},
		{"a code after in is no place", "Profits rose in Q3 and fell in Aralsk.", []string{"Aralsk"}, []string{"Q3"}},
		{"an unknown word after in is a place", "Workers rallied in Zhanatalap on Monday.", []string{"Zhanatalap"}, nil},
		{"constituency after MP for", "Jane Holt, the MP for Bradford South, spoke. Nakuru West MP John Kamau agreed.", []string{"Bradford South", "Nakuru West"}, []string{"Bradford", "Nakuru"}},
		{"compass word without a seat", "Farmers of Nakuru East came.", []string{"Nakuru"}, []string{"Nakuru East"}},
		{"unknown place joined to a known one", "Schools in Olgii and Zhanatalap were visited.", []string{"Olgii", "Zhanatalap"}, nil},
		{"a person joined to a place is no place", "He met people in Almaty and Gulnara Bekova.", []string{"Almaty"}, []string{"Gulnara Bekova", "Gulnara"}},
		{"county keeps its word alone", "Farmers in Yavapai County voted.", []string{"Yavapai County"}, []string{"Yavapai"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(t, tc.text)
			got := names(r.Locations, func(l doc_Location) string { return l.Name })
			holds(t, tc.text, "locations", got, tc.want, tc.not)
		})
	}
}

func TestTitlesAttached(t *testing.T) {
	r := find(t, "Yerlan Bekov, the Chairman of the Majilis, led the delegation.")
	var ok bool
	for _, ti := range r.Titles {
		if ti.Text == "Chairman" && ti.Person == 0 && ti.Org >= 0 && r.Organizations[ti.Org].Name == "Majilis" {
			ok = true
		}
	}
	if !ok {
		t.Errorf("titles %+v", r.Titles)
	}
}

// A minister's portfolio without a named ministry stays in the title, also
// across "of the" before a portfolio word.
func TestMinisterPortfolio(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Minister of Health and Social Protection of the Population Aigerim Sultanova spoke.", "Minister of Health and Social Protection of the Population"},
		{"Minister of Energy Bolat Akhmetov spoke.", "Minister of Energy"},
		{"Minister of Energy of Kazakhstan Bolat Akhmetov spoke.", "Minister of Energy"},
	}
	for _, tc := range tests {
		r := find(t, tc.text)
		var got []string
		for _, ti := range r.Titles {
			got = append(got, ti.Text)
		}
		if !has(got, tc.want) {
			t.Errorf("%q: titles %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Honorifics that give the gender set it when the name does not.
func TestHonorificGender(t *testing.T) {
	tests := []struct{ text, name, want string }{
		{"Datin Paduka Nur Zakwan binti Karim spoke.", "Nur Zakwan binti Karim", "f"},
		{"Alhaji Tunde Zakwan spoke at the rally.", "Tunde Zakwan", "m"},
		{"Hajiya Zakwan Bello spoke at the rally.", "Zakwan Bello", "f"},
	}
	for _, tc := range tests {
		r := find(t, tc.text)
		found := false
		for _, p := range r.People {
			if p.Name == tc.name {
				found = true
				if p.Gender != tc.want {
					t.Errorf("%q: gender %q, want %q", tc.text, p.Gender, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no person %q in %+v", tc.text, tc.name, r.People)
		}
	}
}

func TestMentionsOrderedWithSentences(t *testing.T) {
	r := find(t, "Nurlan Bekov met Askar Omarov in Astana. Bekov said the talks went well.")
	for i := 1; i < len(r.Mentions); i++ {
		if r.Mentions[i].Start < r.Mentions[i-1].Start {
			t.Fatalf("mentions out of order: %+v", r.Mentions)
		}
	}
	last := r.Mentions[len(r.Mentions)-1]
	if last.Text != "Bekov" || last.Sentence != 1 || last.EntityID != "p1" {
		t.Errorf("last mention %+v", last)
	}
}

func TestUserLexicon(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("titles.txt", "# test\nChief Whip\n")
	write("places.txt", "# test\nZorbania\n")
	write("org_heads.txt", "# test\nSyndicate\n")
	lx, err := lexicon.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := setup(t)
	f := New(lx)
	r := f.Find(s.Segment("Chief Whip Nurlan Bekov of the Miners Syndicate visited Zorbania."))
	if !has(names(r.Locations, func(l doc_Location) string { return l.Name }), "Zorbania") {
		t.Errorf("user place not found: %+v", r.Locations)
	}
	if !has(names(r.Organizations, func(o doc_Organization) string { return o.Name }), "Miners Syndicate") {
		t.Errorf("user org head not used: %+v", r.Organizations)
	}
	var title bool
	for _, ti := range r.Titles {
		if ti.Text == "Chief Whip" && ti.Person >= 0 {
			title = true
		}
	}
	if !title {
		t.Errorf("user title not used: %+v", r.Titles)
	}
}

func TestEmptyAndNil(t *testing.T) {
	_, f := setup(t)
	if r := f.Find(nil); len(r.People) != 0 {
		t.Error("nil doc")
	}
	if r := find(t, ""); len(r.Mentions) != 0 {
		t.Error("empty doc")
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"Deputy Chairman of the FTURK Nurlan Uteshev said.", "«AMANAT» “", "S.Mukashev, T.B. ’s ’", "A (B) – C, D and E"} {
		f.Add(s)
	}
	s, fi := setup(f)
	f.Fuzz(func(t *testing.T, text string) {
		// Segment turns invalid bytes into U+FFFD, one rune each.
		r := fi.Find(s.Segment(text))
		n := len([]rune(text))
		for _, m := range r.Mentions {
			if m.Start < 0 || m.End > n || m.Start > m.End {
				t.Fatalf("bad span %+v", m)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	s, f := setup(b)
	text := strings.Repeat("Chairman of the Federation of Trade Unions of the Republic of Kazakhstan Satybaldy Dauletalin met with trade union leaders of the Mangystau region in Astana. "+
		"“We will protect workers,” Dauletalin said, according to Kazinform. Secretary of the Turkestan regional Maslikhat Kairat Balabiev, N. Uteshev and Mr. Sagintayev attended.\n", 20)
	d := s.Segment(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.Find(d)
	}
}

// TestOrgNameEdges covers where an organization's name begins and ends:
// leading Title Case words, plural possessives, countries whose name ends in
// a head word, and Title Case headlines.
func TestOrgNameEdges(t *testing.T) {
	tests := []struct {
		name, text        string
		orgs, notOrgs     []string
		places, notPlaces []string
		people, notPeople []string
	}{
		{name: "Vietnamese name with Van at the sentence start", text: "Nguyen Van Minh said the union would act.",
			people: []string{"Nguyen Van Minh"}, notPeople: []string{"Minh"}},
		{name: "Vietnamese name before a place-named body", text: "Le Van Hoa, chairman of the Da Nang Trade Union Federation, met Tran Thi Lan.",
			people: []string{"Le Van Hoa", "Tran Thi Lan"}, orgs: []string{"Da Nang Trade Union Federation"}, notOrgs: []string{"Nang Trade Union Federation"}},
		{name: "Vietnamese names in a list", text: "The talks were held by Pham Van Duc and Tran Thanh Hai.",
			people: []string{"Pham Van Duc", "Tran Thanh Hai"}},
		{name: "Vietnamese names in a list at the sentence start", text: "Vo Thi Hoa and Bui Van Nam met the delegates.",
			people: []string{"Vo Thi Hoa", "Bui Van Nam"}},
		{name: "a capitalized particle inside a body's name", text: "Delegates of the Van Leer Workers Union arrived.",
			orgs: []string{"Van Leer Workers Union"}},
		{name: "demonym before a name is no part of it", text: "Ugandan Moses Okello said the union would strike.",
			people: []string{"Moses Okello"}, notPeople: []string{"Ugandan Moses Okello"}},
		{name: "demonyms of smaller states", text: "Zimbabwean delegate Tendai Moyo and Salvadoran minister Rosa Flores spoke.",
			notPeople: []string{"Zimbabwean", "Salvadoran Rosa Flores", "Zimbabwean Tendai Moyo"}},
		{name: "Spanish given names", text: "Ana Ortega spoke. Secretary General of the Metal Workers Union (MWU) José Luis Pardo Vidal replied.",
			people: []string{"Ana Ortega", "José Luis Pardo Vidal"}},
		{name: "brotherhood and subcommittee heads", text: "Rita Vale, president of the Brotherhood of Dock and Canal Workers, spoke to the Subcommittee on Inland Shipping.",
			orgs: []string{"Brotherhood of Dock and Canal Workers", "Subcommittee on Inland Shipping"}, notPeople: []string{"Inland Shipping"}},
		{name: "words after a head and a preposition complete the body", text: "She wrote to the Fund for Rural Schools and the Committee on Coastal Shipping.",
			orgs: []string{"Fund for Rural Schools", "Committee on Coastal Shipping"}, notPeople: []string{"Rural Schools", "Coastal Shipping"}},
		{name: "colour-named council group", text: "A spokesman for the Green group said the budget was unfair.",
			orgs: []string{"Green group"}, notPeople: []string{"Green"}},
		{name: "party-named council group", text: "The leader of the Liberal Democrat group, Cllr Peter Hale, said so.",
			orgs: []string{"Liberal Democrat group"}, people: []string{"Peter Hale"}},
		{name: "group at the sentence start", text: "Labour group leader Sam Hill said the vote was close.",
			orgs: []string{"Labour group"}, people: []string{"Sam Hill"}, notPeople: []string{"Labour"}},
		{name: "faction and caucus", text: "The Reform faction walked out and the Progressive caucus stayed.",
			orgs: []string{"Reform faction", "Progressive caucus"}},
		{name: "a person's name before group is no body", text: "Maria Lopez group of companies bought the plant.",
			notOrgs: []string{"Maria Lopez group"}},
		{name: "All before a place", text: "The minister met the All Nepal Textile Workers Federation in Kathmandu.",
			orgs: []string{"All Nepal Textile Workers Federation"}, notOrgs: []string{"Nepal Textile Workers Federation"}},
		{name: "Great before a name", text: "Carl Brown, chief of Great Plains Rail Corp., spoke.",
			orgs: []string{"Great Plains Rail Corp"}, notOrgs: []string{"Plains Rail Corp"}},
		{name: "New before a party", text: "Ann Lee of the New Democratic Party spoke.", orgs: []string{"New Democratic Party"}},
		{name: "New before a bare head", text: "The New Government took office.", orgs: []string{"Government"}, notOrgs: []string{"New Government"}},
		{name: "All before a plural head quantifies", text: "All Trade Unions of the region took part.", notOrgs: []string{"All Trade Unions of the region"}},
		{name: "plural possessive inside", text: "The Federation of Textile Workers' Unions met in Lima.",
			orgs: []string{"Federation of Textile Workers' Unions"}, notOrgs: []string{"Federation of Textile Workers"}},
		{name: "plural possessive with curly mark", text: "Delegates of the Korean Workers’ Party arrived in Seoul.", orgs: []string{"Korean Workers’ Party"}},
		{name: "possessive before a lower-case word", text: "The Federation of Textile Workers' demands were heard.",
			orgs: []string{"Federation of Textile Workers"}},
		{name: "closing quote is no possessive", text: "He said: “We met the ‘Young Workers’ Committee today.”", notOrgs: []string{"Young Workers’ Committee"}},
		{name: "country ending in a head word", text: "The governor met a delegation of the Tver region of the Russian Federation led by its mayor.",
			places: []string{"Russian Federation"}, notOrgs: []string{"Russian Federation"}},
		{name: "body of a country", text: "He thanked the Embassy of the Russian Federation.", orgs: []string{"Embassy of the Russian Federation"}, notOrgs: []string{"Russian Federation"}},
		{name: "official country forms", text: "Envoys of the United Republic of Tanzania, the Islamic Republic of Iran and the Kingdom of Saudi Arabia came.",
			places: []string{"United Republic of Tanzania", "Islamic Republic of Iran", "Kingdom of Saudi Arabia"}},
		{name: "official and short name are one place", text: "The Russian Federation signed. Russia will ship grain.",
			places: []string{"Russian Federation"}, notPlaces: []string{"Russia"}},
		{name: "Title Case headline", text: "Teachers Union Backs Governor In Budget Row\n\nThe union said it would back the budget.",
			orgs: []string{"Teachers Union"}, notOrgs: []string{"Teachers Union Backs"}},
		{name: "Title Case headline with an acronym", text: "KLP Executive Cttee Rejects Chairman…Vows To Hold Annual Congress On March 3\n\nThe party met on Monday.",
			orgs: []string{"KLP"}, notOrgs: []string{"KLP Executive Cttee Rejects"}},
		{name: "Title Case headline makes no person", text: "Federation Of Trade Unions Holds Plenum In Astana\n\nThe federation met.",
			orgs: []string{"Federation Of Trade Unions"}, notPeople: []string{"Holds Plenum"}},
		{name: "Title Case headline keeps a known name", text: "Governor Maria Santos Opens Plenum In Lima\n\nShe spoke first.", people: []string{"Maria Santos"}},
		{name: "prose with capitals is no headline", text: "Teachers Union Backs Fund was set up in May.", orgs: []string{"Teachers Union Backs Fund"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(t, tc.text)
			orgs := names(r.Organizations, func(o doc.Organization) string { return o.Name })
			places := names(r.Locations, func(l doc.Location) string { return l.Name })
			people := names(r.People, func(p doc.Person) string { return p.Name })
			check := func(what string, got, want, not []string) {
				for _, w := range want {
					if !has(got, w) {
						t.Errorf("%s: want %q in %q", what, w, got)
					}
				}
				for _, w := range not {
					if has(got, w) {
						t.Errorf("%s: %q must not be in %q", what, w, got)
					}
				}
			}
			check("orgs", orgs, tc.orgs, tc.notOrgs)
			check("places", places, tc.places, tc.notPlaces)
			check("people", people, tc.people, tc.notPeople)
		})
	}
}

// TestNotBodies lists phrases that name something other than a body and must
// not come out as organizations.
func TestNotBodies(t *testing.T) {
	tests := []struct {
		name, text string
		not        string
	}{
		{"amended bill", "The house passed the Northern Water Authority (Amendment) Bill, 2021 on Tuesday.", "Northern Water Authority"},
		{"badge in quotes", "The best activists received the badge “Honored Railway Union Worker” at the end.", "Honored Railway Union Worker"},
		{"medal in guillemets", "Five nurses were given the medal «Veteran of the Health Union» on Friday.", "Veteran of the Health Union"},
		{"acronym of a project", "The mayor promised progress on the BRT project and on stable Internet.", "BRT"},
		{"acronym of a tax", "Traders asked the council to cut the VAT rate next year.", "VAT"},
		{"hall with a body word", "Delegates gathered at the State Assembly Hall on Friday.", "State Assembly Hall"},
		{"square with a body word", "The march ended at Parliament Square before noon.", "Parliament Square"},
		{"generic plural unions", "Local Trade Unions joined the march on Friday.", "Local Trade Unions"},
		{"generic unions of the region", "The Trade Unions of the region met in June.", "Trade Unions of the region"},
		{"generic plural organizations", "Primary Trade Union Organizations reported their results.", "Primary Trade Union Organizations"},
		{"slogan in quotes", "The plenum adopted the slogan “Fair Union – Fair Pay” for the year.", "Fair Union"},
		{"amended act, two words", "Members debated the Rural Transport Board (Second Amendment) Act last week.", "Rural Transport Board"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(t, tc.text)
			for _, o := range r.Organizations {
				if o.Name == tc.not {
					t.Errorf("orgs %q: %q is not a body", names(r.Organizations, func(o doc_Organization) string { return o.Name }), tc.not)
				}
			}
		})
	}
}

// With no trace the rules' decisions cost nothing: fire returns at its nil
// test, and Find allocates the same with or without the trace argument.
func TestTraceOffIsFree(t *testing.T) {
	s, f := setup(t)
	d := s.Segment("The Deputy Chairman of the Federation of Trade Unions Nurlan Bekov met the delegates of the Kenya National Progressive Alliance in Astana.")
	st := &state{f: f, d: d}
	st.features(d)
	if n := testing.AllocsPerRun(100, func() { st.fire(ruleOrgOfTheCut, 0, 3, 1, 3) }); n != 0 {
		t.Errorf("fire with no trace allocates %v", n)
	}
	f.Find(d) // warm the pool
	plain := testing.AllocsPerRun(50, func() { f.Find(d) })
	off := testing.AllocsPerRun(50, func() { f.FindTrace(d, nil) })
	if off != plain && !raceOn {
		t.Errorf("FindTrace(nil) allocates %v, Find %v", off, plain)
	}
	tr := &rules.Trace{}
	f.FindTrace(d, tr)
	if tr.Len() == 0 {
		t.Error("a trace recorded nothing")
	}
}
