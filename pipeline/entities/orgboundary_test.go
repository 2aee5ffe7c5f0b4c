package entities

import (
	"testing"

	"plenary/pipeline/doc"
)

// Session 3 organization rules, each on invented text: the case's name
// says which rule fires.
func TestOrgBoundaryMechanisms(t *testing.T) {
	const org = doc.TypeOrganization
	runRuleCases(t, []ruleCase{
		{name: "org.merge.acronym-initials: function words give their letter",
			text: "The Department of Roads and Transport opened the bridge. Officials of DORT said so.",
			kind: org, want: "Department of Roads and Transport", alias: "DORT", not: []string{"DORT"}},
		{name: "org.merge.acronym: an acronym seen first, spelled out later with of",
			text: "MOLSA inspectors visited the mine. The Ministry of Labour and Social Affairs said so.",
			kind: org, want: "Ministry of Labour and Social Affairs", alias: "MOLSA", not: []string{"MOLSA"}},
		{name: "org.merge.acronym-initials: letters that fit no way stay apart",
			text: "The Department of Roads and Transport opened the bridge. Officials of DRX said so.",
			kind: org, want: "DRX"},
		{name: "org.split.and-headless-of: a remit in two parts before of",
			text: "Members of the Committee for Youth Policy and Sports Affairs of the National Assembly met on Monday.",
			kind: org, want: "Committee for Youth Policy and Sports Affairs of the National Assembly",
			not: []string{"Committee for Youth Policy"}},
		{name: "org.split.and still splits two bodies with heads",
			text: "Members of the Harbour Dockers Union and Coastal Drivers Union of Velmar met on Monday.",
			kind: org, want: "Harbour Dockers Union"},
		{name: "org.extend.named-after: a department named after a person",
			text: "Workers of the Lakeside Mining Department named after P. K. Ostrov met on Friday.",
			kind: org, want: "Lakeside Mining Department named after P. K. Ostrov", rule: "org.extend.named-after"},
		{name: "org.extend.named-after: a lower-case mine named after a person",
			text: "Most of the debt falls on the Zarya mine and the mine named after S.M. Korin in Leninsk.",
			kind: org, want: "mine named after S.M. Korin", rule: "org.extend.named-after"},
		{name: "named after with no body before it names nobody",
			text: "The baby was named after Anna Petrova, her grandmother.",
			kind: org, not: []string{"named after Anna Petrova"}},
		{name: "org.detect.dateline-source: a source between slashes after the date's period",
			text: "SOFIA, May 2. /NORDPRESS/. Dock workers met in Varna on Friday.",
			kind: org, want: "NORDPRESS", rule: "org.detect.dateline-source"},
		{name: "org.detect.document-name: a lone word spelled like the dateline's source",
			text: "SOFIA, May 2. /NORDPRESS/. Dock workers met in Varna on Friday.\n\nThe talks go on, Nordpress reports.",
			kind: org, want: "Nordpress", rule: "org.detect.document-name"},
		{name: "a lone word spelled like no body stays a person's",
			text: "Dock workers met in Varna on Friday. The talks go on, Petrov said.",
			kind: org, not: []string{"Petrov"}},
		{name: "org.detect.known: a group of countries named by its number (orgs.txt)",
			text: "Velmar will host a meeting of G20 finance officials in September.",
			kind: org, want: "G20", rule: "org.detect.known"},
		{name: "org.detect.head: Exchange heads a market's name (org_heads.txt)",
			text: "The firm plans to list its shares on the Velmari Stock Exchange next year.",
			kind: org, want: "Velmari Stock Exchange", rule: "org.detect.head"},
		{name: "org.end.local-number: a union's local by its number after a name no list knows",
			text: "The contract was signed by members of Kestrelcore Local 1207 on Sunday.",
			kind: org, want: "Kestrelcore Local 1207", rule: "org.end.local-number"},
		{name: "run.end.article: a missed sentence break after an acronym",
			text: "Delegates of NORDPRESS and the union signed it. NORDPRESS The agency said so.",
			kind: org, want: "NORDPRESS", not: []string{"NORDPRESS The"}},
		{name: "run.end.article: a dateline source before the text's first word",
			text: "VARNA. NORDPRESS The Ministry of Energy said so.",
			kind: org, want: "Ministry of Energy", not: []string{"NORDPRESS The Ministry of Energy"}},
		{name: "org.detect.dateline-source: a slashed source opening the sentence after the date",
			text: "SOFIA, May 2. /NORDPRESS/ The talks went on in Varna.",
			kind: org, want: "NORDPRESS", rule: "org.detect.dateline-source"},
		{name: "org.detect.document-name: a firm's own first word is the firm",
			text: "Trelvex Mining Company cut jobs in Varna. Trelvex said the mine would close.",
			kind: org, want: "Trelvex Mining Company", alias: "Trelvex", not: []string{"Trelvex"}},
		{name: "org.extend.sector: the workers' field of work closes the name at the sentence's end",
			text: "Representatives of the Ministry of Labour and the Republican committee of the trade union of workers of culture and tourism.",
			kind: org, want: "Republican committee of the trade union of workers of culture and tourism", rule: "org.extend.sector"},
		{name: "org.start.lower-head: a lower-case branch, a union and a sector before the region that names it",
			text: "The ministry met the regional branch of the trade union of workers of the oil and gas complex of the Atyrau region on Monday.",
			kind: org, want: "regional branch of the trade union of workers of the oil and gas complex of the Atyrau region"},
		{name: "org.start.lower-head: a unit of a named body right after its first of is left alone",
			text: "The legal department of the Velmar Federation of Trade Unions prepared 40 claims.",
			kind: org, want: "Velmar Federation of Trade Unions", not: []string{"legal department of the Velmar Federation of Trade Unions"}},
		{name: "org.extend.sector: a field phrase that goes on with other words may hold a verb",
			text: "The Republican committee of the trade union of workers of culture met on Friday.",
			kind: org, want: "Republican committee of the trade union of workers", not: []string{"Republican committee of the trade union of workers of culture met"}},
		{name: "title.start.portfolio: no portfolio right after the body's own of",
			text: "Velmar Federation of Labour president Ann Kordova said the vote was a sign.",
			kind: org, want: "Velmar Federation of Labour", not: []string{"Velmar Federation"}},
		{name: "org.detect.domain: a news site in lower case mid-sentence, a country's code ending it",
			text: "The conference was held in Kutaisi on Sunday, velmarwire.ge reports.",
			kind: org, want: "velmarwire.ge", rule: "org.detect.domain"},
		{name: "org.detect.domain: a ministry's site after on",
			text: "The ministry's press service reports on labour.gov.kz.",
			kind: org, want: "labour.gov.kz", rule: "org.detect.domain"},
		{name: "a missing space after a period is no web site",
			text: "The union said.It would strike on Monday.",
			kind: org, not: []string{"said.It", "said.it"}},
		{name: "org.merge.inverted-head: the field before the head, short form first",
			text: "Fisheries Ministry backs quota cut\n\nThe Ministry of Fisheries and Coastal Affairs of Velmar said on Monday that the quota would fall.",
			kind: org, want: "Ministry of Fisheries and Coastal Affairs of Velmar", alias: "Fisheries Ministry", not: []string{"Fisheries Ministry"}},
		{name: "org.merge.inverted-head: two bodies fit, none is joined",
			text: "The Committee on Health of the Senate met. The Committee on Health of the Assembly met. The Health Committee said so.",
			kind: org, want: "Health Committee"},
		{name: "segment.reject.amount: a currency amount", text: "Employers who pay RM1,500 and nothing more will stay away.",
			kind: org, not: []string{"RM1,500"}},
		{name: "segment.reject.amount: a fiscal year", text: "Inspectors will be hired under the provincial budget for FY2024-25 in Velmar.",
			kind: org, not: []string{"FY2024-25"}},
		{name: "two digits and no mark may still name a body", text: "Velmar will host a meeting of G20 finance officials.",
			kind: org, want: "G20"},
	})
	r := find(t, "Workers of the Lakeside Mining Department named after P. K. Ostrov met on Friday.")
	if len(r.People) != 0 {
		t.Errorf("the eponym of a body is no person of the text: %+v", r.People)
	}
}

// Places that share a boundary decision with bodies, on invented text
// (real places of the generated gazetteer).
func TestPlaceBoundaryMechanisms(t *testing.T) {
	const org, loc = doc.TypeOrganization, doc.TypeLocation
	runRuleCases(t, []ruleCase{
		{name: "place.detect.geo-title: a region after a title and for",
			text: "The regional secretary for Limpopo, Ann Kordova, told the committee so.",
			kind: loc, want: "Limpopo", rule: "place.detect.geo-title"},
		{name: "place.detect.geo-after-in: after to (geo-prep)",
			text: "The delegation returned to Curitiba on Thursday morning.",
			kind: loc, want: "Curitiba", rule: "place.detect.geo-after-in"},
		{name: "place.detect.geo-after-in: a lower-case do inside a gazetteer name",
			text: "The union held its congress in Santana do Livramento, where it was founded.",
			kind: loc, want: "Santana do Livramento", rule: "place.detect.geo-after-in"},
		{name: "place.detect.venue: a hotel in a place's context", text: "The minister met the union at the Lakeview Hotel in Kericho.",
			kind: loc, want: "Lakeview Hotel", rule: "place.detect.venue"},
		{name: "place.detect.venue: a palace named by of", text: "The congress was held at the Palace of Culture and Sport on Friday.",
			kind: loc, want: "Palace of Culture and Sport", rule: "place.detect.venue"},
		{name: "place.detect.venue: a building's lead word (Wisma)", text: "The council met at Wisma Velmar here on Saturday.",
			kind: loc, want: "Wisma Velmar", rule: "place.detect.venue"},
		{name: "place.detect.venue: a venue beats a person's evidence in its words", text: "Delegates met at Anita Desai Bhawan on Monday.",
			kind: loc, want: "Anita Desai Bhawan", rule: "place.detect.venue"},
		{name: "org.merge.bracketed-name: the original name in brackets is the body's",
			text: "Lula visited the Metalworkers' Union of VLR (Sindicato dos Metalúrgicos do VLR, SMV) on Thursday.",
			kind: org, want: "Metalworkers' Union of VLR", alias: "Sindicato dos Metalúrgicos do VLR",
			not: []string{"Sindicato dos Metalúrgicos do VLR"}},
	})
}
