package entities

import "testing"

// Names the person rules take that the document shows to be bodies: the
// evidence at one mention settles every mention of the name; names in
// scorecards and finishing lists stay people.
func TestBodyNames(t *testing.T) {
	runPersonCases(t, []personCase{
		{"person.reject.score-line", "Rudar Pljevlja knocked out the holders on Wednesday.\n\nResults: Rudar Pljevlja 4 Vardar Skopje 1; Dinamo Tirana 2 Sloga Doboj 0.",
			nil, []string{"Rudar Pljevlja", "Sloga Doboj", "Dinamo Tirana"}},
		{"person.reject.club-prefix", "FC Zuiderzee won the title. Coach Wilhelmina Roos wept.",
			[]string{"Wilhelmina Roos"}, []string{"FC Zuiderzee"}},
		{"person.reject.which", "Analysts said Ostrava Kovarna, which makes rails, would cut jobs.",
			nil, []string{"Ostrava Kovarna"}},
		{"person.reject.body-elsewhere", "The drugmaker Alpenmed Sarvik raised its forecast. Alpenmed Sarvik said sales rose.",
			nil, []string{"Alpenmed Sarvik"}},
		{"person.reject.staff-at", "Analysts at Kessler Wright said the forecast was conservative.", nil, []string{"Kessler Wright"}},
		{"person.reject.said-it", "Orion Freight said it would cut 1,200 jobs.", nil, []string{"Orion Freight"}},
		{"", "Tomasz Grabowski said it would take time.", []string{"Tomasz Grabowski"}, nil},
		{"", "Scores: Bangladesh 302 (Litton Dasgupta 97, Mehidy Hasan Miraz 54; Prabath Jayasuriya 5-88).",
			[]string{"Mehidy Hasan Miraz", "Prabath Jayasuriya"}, nil},
		{"", "NK Singh, the finance commission chairman, spoke. A study by Anna Berg, which found gaps, was cited.",
			[]string{"NK Singh", "Anna Berg"}, nil},
		{"", "Snooker results: Judd Trump 6 Mark Selby 4; Kyren Wilson 6 Ronnie Higgins 2.",
			[]string{"Judd Trump", "Mark Selby", "Kyren Wilson", "Ronnie Higgins"}, nil},
		{"", "Leading scores:\n64 Tunde Okafor (Nigeria)\n66 Viktor Lindgren-Hallberg (Sweden)",
			[]string{"Tunde Okafor", "Viktor Lindgren-Hallberg"}, nil},
	})
}

// The bodies found by their evidence keep their mentions as a body's.
func TestBodyNamesBecomeBodies(t *testing.T) {
	s, f := setup(t)
	r := f.Find(s.Segment("FC Zuiderzee won the title. Results: Rudar Pljevlja 2 FC Zuiderzee 3; Dinamo Tirana 1 Sloga Doboj 1."))
	got := names(r.Organizations, func(o doc_Organization) string { return o.Name })
	for _, w := range []string{"FC Zuiderzee", "Rudar Pljevlja", "Sloga Doboj"} {
		if !has(got, w) {
			t.Errorf("organizations %q: missing %q", got, w)
		}
	}
}
