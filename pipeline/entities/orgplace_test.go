package entities

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
)

// ruleCase is one invented text and what a rule of org.go, filters.go,
// place.go or dateline.go makes of it: the entity of kind (doc.TypeOrganization or
// doc.TypeLocation) named name comes out, and one of its mentions names rule
// (rule "" when only the name matters); not lists names that must not come
// out as that kind.
type ruleCase struct {
	name, text string
	kind       string
	want, rule string
	not        []string
	alias      string // when set, one of want's aliases (a merge rule's work)
}

func runRuleCases(t *testing.T, tests []ruleCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(t, tc.text)
			ids := map[string]string{} // entity id -> name, of tc.kind
			var got []string
			aliases := map[string][]string{}
			switch tc.kind {
			case doc.TypeOrganization:
				for _, o := range r.Organizations {
					ids[o.ID] = o.Name
					got = append(got, o.Name)
					aliases[o.Name] = o.Aliases
				}
			case doc.TypeLocation:
				for _, l := range r.Locations {
					ids[l.ID] = l.Name
					got = append(got, l.Name)
					aliases[l.Name] = l.Aliases
				}
			default:
				t.Fatalf("kind %q", tc.kind)
			}
			for _, n := range tc.not {
				if has(got, n) {
					t.Errorf("%s %q must not be in %q", tc.kind, n, got)
				}
			}
			if tc.want == "" {
				return
			}
			if !has(got, tc.want) {
				t.Fatalf("%s: want %q in %q", tc.kind, tc.want, got)
			}
			if tc.alias != "" && !has(aliases[tc.want], tc.alias) {
				t.Errorf("%q: want alias %q in %q", tc.want, tc.alias, aliases[tc.want])
			}
			if tc.rule == "" {
				return
			}
			var methods []string
			for _, m := range r.Mentions {
				if m.EntityType == tc.kind && ids[m.EntityID] == tc.want {
					if m.Method == tc.rule {
						return
					}
					methods = append(methods, m.Method)
				}
			}
			t.Errorf("%q: want a mention by %s, got %s", tc.want, tc.rule, strings.Join(methods, ", "))
		})
	}
}

func TestDateline(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "source after place and country", text: "Title Line Here\n\nVARDBY, Norway (Nordic Wire) - Dock workers struck on Monday.",
			kind: doc.TypeOrganization, want: "Nordic Wire", rule: "org.detect.dateline-source"},
		{name: "source after a date", text: "GALWICK, March 14 (Harbour Press) The port board met on Monday.",
			kind: doc.TypeOrganization, want: "Harbour Press", rule: "org.detect.dateline-source"},
		{name: "source that is a domain", text: "OSLO, 12 May (fjord.no) — The board met.",
			kind: doc.TypeOrganization, want: "fjord.no", rule: "org.detect.dateline-source"},
		{name: "source between slashes", text: "Vardby /NORDPRESS/ The port board met on Monday.",
			kind: doc.TypeOrganization, want: "NORDPRESS", rule: "org.detect.dateline-source"},
		{name: "unknown place in capitals", text: "Title Line Here\n\nNORTH VARDBY, Norway (Nordic Wire) - Dock workers struck on Monday.",
			kind: doc.TypeLocation, want: "North Vardby", rule: "place.detect.dateline-caps", not: []string{"NORTH VARDBY"}},
		{name: "unknown place before a dash", text: "KELDMOOR — Dock workers struck on Monday.",
			kind: doc.TypeLocation, want: "Keldmoor", rule: "place.detect.dateline-caps"},
		{name: "the place in capitals is no acronym", text: "NORTH VARDBY, Norway (Nordic Wire) - Dock workers struck.",
			kind: doc.TypeOrganization, not: []string{"NORTH VARDBY"}},
		{name: "brackets inside a sentence are no source", text: "The union met the board (Harbour Press) on Monday.",
			kind: doc.TypeOrganization, not: []string{"Harbour Press"}},
		{name: "capitals not opening a paragraph are no dateline", text: "Workers met. KELDMOOR — the town — was quiet.",
			kind: doc.TypeLocation, not: []string{"Keldmoor"}},
		{name: "a label in capitals is no place", text: "EXCLUSIVE — Dock workers struck on Monday.",
			kind: doc.TypeLocation, not: []string{"Exclusive"}},
		{name: "an acronym opening a sentence without a dash is no place", text: "KTWU, the teachers' union, met on Monday.",
			kind: doc.TypeLocation, not: []string{"Ktwu", "KTWU"}},
	})
}

func TestOrgCoordination(t *testing.T) {
	const org = doc.TypeOrganization
	runRuleCases(t, []ruleCase{
		{name: "words after of the complete the body", text: "The Fisheries Committee of the Storvald Ting met on Monday.",
			kind: org, want: "Fisheries Committee of the Storvald Ting", rule: "org.end.connector-completes", not: []string{"Fisheries Committee of the"}},
		{name: "words after and without name evidence complete the body", text: "The Office for Rural Schools and Coastal Harbours wrote to us.",
			kind: org, want: "Office for Rural Schools and Coastal Harbours", rule: "org.end.connector-completes"},
		{name: "a person after and stays a person", text: "The Ministry of Health and Ann Kowalski met.",
			kind: org, want: "Ministry of Health", rule: "segment.end.connector", not: []string{"Ministry of Health and Ann Kowalski", "Ministry of Health and"}},
		{name: "and the ends a name", text: "Talks between Harwell Energy Plc and the Danish side ended.",
			kind: org, want: "Harwell Energy Plc", not: []string{"Harwell Energy Plc and the Danish"}},
		{name: "portfolios after on", text: "The Joint Committee on Fisheries, Ports and Tourism met.",
			kind: org, want: "Joint Committee on Fisheries, Ports and Tourism", rule: "org.end.portfolio-list"},
		{name: "several commas in a portfolio list", text: "The Department of Mines, Energy, Water and Housing met.",
			kind: org, want: "Department of Mines, Energy, Water and Housing"},
		{name: "places after a comma are no portfolios", text: "The Council of Europe, France and Germany signed it.",
			kind: org, not: []string{"Council of Europe, France and Germany"}},
		{name: "a body before its committee is a body too", text: "The Senate Fisheries Committee met. The Senate adopted the law.",
			kind: org, want: "Senate", rule: "org.detect.head-only"},
		{name: "a short form of a body's name is the same body", text: "The Kestrel Trade Union Council met. The Kestrel Trade Union agreed.",
			kind: org, want: "Kestrel Trade Union Council", not: []string{"Kestrel Trade Union"}},
		{name: "and inside a name whose head comes after it", text: "The Senate Fisheries and Harbours Legislation Committee met.",
			kind: org, want: "Senate Fisheries and Harbours Legislation Committee", rule: "org.detect.head", not: []string{"Senate Fisheries"}},
		{name: "two firms, the second with and inside", text: "Norvik Steel JSC and Varna Coke and Chemical Plant LLP signed the deal.",
			kind: org, want: "Varna Coke and Chemical Plant LLP", rule: "org.split.and", not: []string{"Chemical Plant LLP"}},
		{name: "a body and a country", text: "A deal between the European Commission and Norway was signed.",
			kind: org, want: "European Commission", rule: "org.split.and-place", not: []string{"European Commission and Norway"}},
		{name: "a body of two countries stays one", text: "The Union of Writers of Latvia and Estonia met.",
			kind: org, want: "Union of Writers of Latvia and Estonia"},
	})
	runRuleCases(t, []ruleCase{
		{name: "the country after a body and and", text: "A deal between the European Commission and Norway was signed.",
			kind: doc.TypeLocation, want: "Norway"},
	})
}

func TestVenues(t *testing.T) {
	const loc, org = doc.TypeLocation, doc.TypeOrganization
	runRuleCases(t, []ruleCase{
		{name: "hall after the", text: "Delegates met at the Harbour Concert Hall on Monday.",
			kind: loc, want: "Harbour Concert Hall", rule: "place.detect.venue"},
		{name: "street after a preposition", text: "The march moved along Linden Avenue before noon.",
			kind: loc, want: "Linden Avenue", rule: "place.detect.venue"},
		{name: "centre after a venue's kind", text: "The congress opened at the Fjordby Convention Centre.",
			kind: loc, want: "Fjordby Convention Centre", rule: "place.detect.venue"},
		{name: "a body's centre is no venue", text: "The congress was opened by the Fjordby Trade Union Centre.",
			kind: loc, not: []string{"Fjordby Trade Union Centre"}},
		{name: "a body's centre stays a body", text: "The congress was opened by the Fjordby Trade Union Centre.",
			kind: org, want: "Fjordby Trade Union Centre"},
		{name: "a house after near", text: "Police stood near Parliament House all day.",
			kind: loc, want: "Parliament House", rule: "place.detect.venue"},
		{name: "a known body named like a venue stays a body", text: "The White House said the talks would go on.",
			kind: loc, not: []string{"White House"}},
		{name: "a person named like a venue is no place", text: "Stuart Hall said the talks would go on.",
			kind: loc, not: []string{"Stuart Hall"}},
		{name: "a venue with a body's word is no body", text: "Delegates gathered at the State Assembly Hall on Friday.",
			kind: org, not: []string{"State Assembly Hall"}},
		{name: "the European Union is a body, not a place", text: "The European Union fined the firm.",
			kind: loc, not: []string{"European Union"}},
	})
}

func TestLegislatures(t *testing.T) {
	const org = doc.TypeOrganization
	runRuleCases(t, []ruleCase{
		{name: "a chamber named by its head", text: "The bill passed the Lok Sabha on Monday.",
			kind: org, want: "Lok Sabha", rule: "org.detect.head"},
		{name: "a chamber with its country", text: "Vera Lind, a deputy of the State Duma of Russia, spoke.",
			kind: org, want: "State Duma of Russia", rule: "org.start.after-title"},
		{name: "a parliament by its own name", text: "The Storting voted on Tuesday.",
			kind: org, want: "Storting", rule: "org.detect.head-only"},
		{name: "a congress standing alone", text: "The plan came before the Congress in May.",
			kind: org, want: "Congress", rule: "org.detect.head-only"},
		{name: "a chamber with a committee of its own", text: "The Riksdag Finance Committee met. The Riksdag voted.",
			kind: org, want: "Riksdag", rule: "org.detect.head-only"},
	})
}

// TestTitleChainThroughBody: "TITLE, Body title NAME" gives NAME both titles
// (title.link.chain).
func TestTitleChainThroughBody(t *testing.T) {
	r := find(t, "The assembly heard the report of ATUC Chairman, Riksdag deputy Sven Lindqvist, on wages.")
	p := -1
	for i, pe := range r.People {
		if pe.Name == "Sven Lindqvist" {
			p = i
		}
	}
	if p < 0 {
		t.Fatalf("people %v: no Sven Lindqvist", r.People)
	}
	var got []string
	for _, ti := range r.Titles {
		if ti.Person == p {
			got = append(got, ti.Text+" by "+ti.Method)
		}
	}
	if !has(got, "Chairman by title.link.chain") {
		t.Errorf("titles of Sven Lindqvist: %q, want Chairman by title.link.chain", got)
	}
}

func TestLegalForms(t *testing.T) {
	const org = doc.TypeOrganization
	runRuleCases(t, []ruleCase{
		{name: "Nordic form", text: "Shares of Nordvik Salmon ASA rose on Monday.", kind: org, want: "Nordvik Salmon ASA", rule: "org.detect.head"},
		{name: "Danish form with a slash", text: "The ferry belongs to Kattegat Lines A/S now.", kind: org, want: "Kattegat Lines A/S", rule: "org.detect.head"},
		{name: "Italian form", text: "The contract went to Costruzioni Dolomiti SpA last week.", kind: org, want: "Costruzioni Dolomiti SpA", rule: "org.detect.head"},
		{name: "a form spelled like a surname is no form", text: "At midday, Ford spokesperson Rosemarie Pao said talks went on.", kind: org, not: []string{"Rosemarie Pao"}},
		{name: "a firm and a country", text: "Contracts between Kattegat Lines A/S and Japan were signed.", kind: org, want: "Kattegat Lines A/S", rule: "org.split.and-place"},
	})
}

func TestPlaceRecall(t *testing.T) {
	const loc, org = doc.TypeLocation, doc.TypeOrganization
	runRuleCases(t, []ruleCase{
		{name: "two places joined by and after in", text: "Workers in Wexford and Tullaghmore were sent home.",
			kind: loc, want: "Tullaghmore", rule: "place.detect.prep-list"},
		{name: "the known member of the list", text: "Workers in Wexford and Tullaghmore were sent home.",
			kind: loc, want: "Wexford", rule: "place.detect.prep-list"},
		{name: "no known member makes no list", text: "Workers in Tullaghmore and Ballyvane were sent home.",
			kind: loc, not: []string{"Ballyvane"}},
		{name: "a person in the list makes no list", text: "He met people in Wexford and Gulnara Bekova.",
			kind: loc, not: []string{"Gulnara Bekova", "Gulnara"}},
		{name: "a town after from", text: "Many members commute from Wexford every day.",
			kind: loc, want: "Wexford", rule: "place.detect.geo-after-in"},
		{name: "a region whose name opens with a compass word", text: "Fourteen players travel from East Lothian next week.",
			kind: doc.TypeLocation, want: "East Lothian", rule: "place.detect.geo-after-in"},
		{name: "a given name after from is no town", text: "She had a letter from Charlotte on Monday.",
			kind: loc, not: []string{"Charlotte"}},
		{name: "a place glued to based", text: "Analysts at Lagos-based Harmattan Advisory said so.",
			kind: loc, want: "Lagos", rule: "place.detect.place-based"},
		{name: "two words glued to based", text: "Shares of North Carolina-based Piedmont Federal Bancorp rose.",
			kind: loc, want: "North Carolina", rule: "place.detect.place-based"},
		{name: "the firm after a based place", text: "Shares of North Carolina-based Piedmont Federal Bancorp rose.",
			kind: org, want: "Piedmont Federal Bancorp", not: []string{"North Carolina-based Piedmont Federal Bancorp"}},
		{name: "no place before based", text: "Shares of Cloud-based Software Corp rose.",
			kind: loc, not: []string{"Cloud"}},
	})
}

func TestOrgGrammar(t *testing.T) {
	const org, loc = doc.TypeOrganization, doc.TypeLocation
	runRuleCases(t, []ruleCase{
		{name: "an enterprise noun after its name", text: "The director of the Varna mine spoke.",
			kind: org, want: "Varna mine", rule: "org.end.enterprise-noun"},
		{name: "the place inside an enterprise's name is not listed", text: "The director of the Varna mine spoke.",
			kind: loc, not: []string{"Varna"}},
		{name: "lower-case unit words and a sector phrase", text: "The chairman of the Regional branch trade union of workers of the fishing and canning industry of the Varna region spoke.",
			kind: org, want: "Regional branch trade union of workers of the fishing and canning industry of the Varna region"},
		{name: "a place and a lower-case union", text: "The deputy chairman of the Bulgaria trade union of fishing and canning workers Ivan Petrov spoke.",
			kind: org, want: "Bulgaria trade union of fishing and canning workers", rule: "org.extend.sector"},
		{name: "a branch of a region's name", text: "The chairman of the Varna regional branch of the Bulgaria trade union of fishing workers spoke.",
			kind: org, want: "Varna regional branch of the Bulgaria trade union of fishing workers"},
		{name: "a lower-case labour organization", text: "The anniversary of the International labour organization was marked.",
			kind: org, want: "International labour organization", rule: "org.extend.lower-head"},
		{name: "of trade unions in lower case", text: "Deputy Chairman of the Federation of trade unions of the Republic of Varna spoke.",
			kind: org, want: "Federation of trade unions of the Republic of Varna"},
		{name: "an adjective and a lower-case union", text: "Arab trade union leaders met in Cairo.",
			kind: org, not: []string{"Arab trade union"}},
		{name: "a lower-case union of a sector of a place", text: "The chairman of the trade union of dock workers of the Varna region spoke.",
			kind: org, want: "trade union of dock workers of the Varna region"},
		{name: "capitalized sector words and a lower-case sector noun", text: "The Republican Committee of Trade Union of workers of Electric Power Industry and Electrotechnical industry met.",
			kind: org, want: "Republican Committee of Trade Union of workers of Electric Power Industry and Electrotechnical industry", rule: "org.extend.sector"},
		{name: "one word and a firm of three", text: "Talks between Fjordlink and Harbour Motor Co. went on.",
			kind: org, want: "Fjordlink", rule: "org.split.and-name"},
		{name: "the firm after one word and and", text: "Talks between Fjordlink and Harbour Motor Co. went on.",
			kind: org, want: "Harbour Motor Co", not: []string{"Fjordlink and Harbour Motor Co"}},
	})
}

func TestPartyPlaceAndHeads(t *testing.T) {
	const org, loc = doc.TypeOrganization, doc.TypeLocation
	runRuleCases(t, []ruleCase{
		{name: "a state after a party letter", text: "Sen. Ann Lee, D-Ore., asked the first question.",
			kind: loc, want: "Ore", rule: "place.detect.party-place"},
		{name: "a town after a party letter in brackets", text: "Rep. Tom Hart (R-Pella) voted no.",
			kind: loc, want: "Pella", rule: "place.detect.party-place"},
		{name: "a hyphenated name is no party place", text: "The Jean-Luc Picard Foundation met.",
			kind: loc, not: []string{"Luc Picard Foundation"}},
		{name: "a unit of a union of workers", text: "The chairman of the Territorial organization of the trade union of workers of the fishing industry of Varna spoke.",
			kind: org, want: "Territorial organization of the trade union of workers of the fishing industry of Varna"},
		{name: "a corps", text: "Officers of the Harbour Security and Civil Defence Corps met.",
			kind: org, want: "Harbour Security and Civil Defence Corps", rule: "org.detect.head"},
	})
}

func TestDescriptorAndHeadlines(t *testing.T) {
	const org = doc.TypeOrganization
	runRuleCases(t, []ruleCase{
		{name: "a name after a kind of body", text: "Talks with the South American bloc Mercosur stalled.",
			kind: org, want: "Mercosur", rule: "org.detect.descriptor", not: []string{"South American bloc"}},
		{name: "a firm after its trade", text: "State rail company Ferrovia said the line would reopen.",
			kind: org, want: "Ferrovia", rule: "org.detect.descriptor"},
		{name: "a person after a kind of body is no body", text: "The firm Ann Lee founded grew fast.",
			kind: org, not: []string{"Ann Lee"}},
		{name: "a group word before a name names no group", text: "Talks with the Andean bloc Mercosur stalled.",
			kind: org, not: []string{"Andean bloc"}},
		{name: "Title Case headline with lower-case function words", text: "Dock Union Backs Governor in Budget Row\n\nThe union met on Monday.",
			kind: org, want: "Dock Union", not: []string{"Dock Union Backs Governor"}},
		{name: "a results line is no headline", text: "Polls closed.\n\nAnn Sarr (Movement for Renewal and Work) 53.8\n\nThe count went on.",
			kind: org, want: "Movement for Renewal and Work"},
	})
	r := find(t, "Late Rally Hands Title to Vardby on Final Day\n\nVardby won.")
	for _, p := range r.People {
		if p.Name == "Late Rally" || strings.Contains(p.Name, "Hands") {
			t.Errorf("people %v: a Title Case headline's capitals make no person", r.People)
		}
	}
}

func TestListsAndCoordination(t *testing.T) {
	const org, loc = doc.TypeOrganization, doc.TypeLocation
	runRuleCases(t, []ruleCase{
		{name: "and between two words of a body's name", text: "The Norland Timber Producers and Exporters Association (NTPEA) met.",
			kind: org, want: "Norland Timber Producers and Exporters Association"},
		{name: "no split before a right side that does not end in its head", text: "A representative of the Ministry of Preschool and School Education spoke.",
			kind: org, want: "Ministry of Preschool and School Education", not: []string{"School Education"}},
		{name: "a body and one unknown word", text: "Factories supplying H&M and Valdorra cut overtime.",
			kind: org, want: "Valdorra", rule: "org.split.and-name", not: []string{"H&M and Valdorra"}},
		{name: "a portfolio after and is no second body", text: "The Organization for Security and Co-operation in Europe sent observers.",
			kind: org, not: []string{"Co-operation"}},
		{name: "unknown words in a closed list after in", text: "Libraries in Armley, Hedgely and Seacroft will stay open.",
			kind: loc, want: "Hedgely", rule: "place.detect.prep-list-member"},
		{name: "an open list is no list of places", text: "Libraries in Armley, Hedgely Council said, will stay open.",
			kind: loc, not: []string{"Hedgely"}},
		{name: "a list before a plural region word", text: "Teachers in the Urgelt and Pastrom districts wait for pay.",
			kind: loc, want: "Urgelt", rule: "place.detect.prep-list"},
		{name: "the last of a list before a plural region word", text: "Teachers in the Urgelt and Pastrom districts wait for pay.",
			kind: loc, want: "Pastrom", not: []string{"Pastrom districts"}},
		{name: "a bay after in", text: "The hearing was held in Cardiff Bay.",
			kind: loc, want: "Cardiff Bay", rule: "place.detect.venue"},
	})
}

func TestFreshTwoRules(t *testing.T) {
	const org, loc = doc.TypeOrganization, doc.TypeLocation
	runRuleCases(t, []ruleCase{
		{name: "a known place's county keeps its word", text: "Buses run across Milwaukee County every day.",
			kind: loc, want: "Milwaukee County", not: []string{"Milwaukee"}},
		{name: "a square's word first", text: "Workers marched to Plaza Libertad on Monday.",
			kind: loc, want: "Plaza Libertad", rule: "place.detect.venue"},
		{name: "a capitol", text: "The march ended at the Vardby Provincial Capitol.",
			kind: loc, want: "Vardby Provincial Capitol", rule: "place.detect.venue"},
		{name: "a union local's number", text: "The council signed a contract with Amalgamated Transit Union Local 998 on Monday.",
			kind: org, want: "Amalgamated Transit Union Local 998", rule: "org.end.local-number"},
		{name: "regional before a title", text: "KLU regional Director Ramon Cruz said so.",
			kind: org, want: "KLU", rule: "org.end.region-word", not: []string{"KLU regional"}},
		{name: "a body of the region keeps its region word", text: "The Trade Union Center of the Varna region met.",
			kind: org, want: "Trade Union Center of the Varna region"},
	})
}

func TestPlaceSpelling(t *testing.T) {
	const loc = doc.TypeLocation
	runRuleCases(t, []ruleCase{
		{name: "umlaut written out", text: "GRUENBACH, Austria (Alpine Wire) - Snow fell. Racers stayed in Grünbach all week.",
			kind: loc, want: "Gruenbach", not: []string{"Grünbach"}},
		{name: "gh for g", text: "The khokim of the Fergana region spoke. Ferghana needs roads.",
			kind: loc, want: "Fergana", not: []string{"Ferghana"}},
		{name: "two places stay two", text: "Workers came from Osh and Oshakati.",
			kind: loc, want: "Osh"},
	})
	r := find(t, "KITZBUEHEL, Austria (Alpine Wire) - Snow fell. Racers stayed in Kitzbühel all week.")
	var merged bool
	for _, l := range r.Locations {
		if l.Name == "Kitzbuehel" && has(l.Aliases, "Kitzbühel") {
			merged = true
		}
	}
	if !merged {
		t.Errorf("locations %+v: Kitzbühel not one place with Kitzbuehel (place.merge.spelling)", r.Locations)
	}
}
