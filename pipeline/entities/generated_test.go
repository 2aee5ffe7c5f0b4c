package entities

import (
	"strings"
	"testing"
)

// The rules over the generated lexicons (gen_*.txt), each on invented text:
// what they find, and the common words and names they must leave alone. The
// place names used are in gen_places.txt but not in the hand-kept
// places.txt (Tampere, Oulu, Lahti, Chust, Montgomery), so the rules, not
// the curated gazetteer, are under test.
func TestGeneratedPlaces(t *testing.T) {
	tests := []struct {
		rule, text string
		want, not  []string
	}{
		{"geo:dateline", "TAMPERE, Finland (Reuters) - Dock workers struck on Monday.", []string{"Tampere", "Finland"}, nil},
		{"geo:dateline", "OULU (Reuters) - The union called off the strike.", []string{"Oulu"}, nil},
		{"geo:dateline needs capitals", "Victoria, the union's treasurer, resigned.", nil, []string{"Victoria"}},
		{"geo:in", "The rally in Tampere drew 3,000 nurses.", []string{"Tampere"}, nil},
		{"geo:in with a given name's spelling", "In Charlotte, the union met on Monday.", []string{"Charlotte"}, nil},
		{"geo:in not before a possessive", "The vote in Charlotte's favour came late.", nil, []string{"Charlotte"}},
		{"geo:country", "Lahti, Finland, hosted the congress.", []string{"Lahti", "Finland"}, nil},
		{"geo:country needs the same country", "Lahti, Kenya, hosted the congress.", nil, []string{"Lahti"}},
		{"geo:title", "The Mayor of Tampere opened the forum.", []string{"Tampere"}, nil},
		{"geo:title before a title", "The Oulu mayor opened the forum.", []string{"Oulu"}, nil},
		{"geo:title-name", "Mayor of Tampere Juha Virtanen opened the forum.", []string{"Tampere"}, nil},
		{"geo:list", "Delegates came from Oulu, Tampere and Helsinki.", []string{"Oulu", "Tampere", "Helsinki"}, nil},
		{"geo:list needs one country", "Agar and Ankara disagreed on the plan.", []string{"Ankara"}, []string{"Agar"}},
		{"geo:list not a person's name", "Talks between Mitchell and Ireland went on.", []string{"Ireland"}, []string{"Mitchell"}},
		{"rule:region-list", "He was khokim of the Uchkurgan, Chust and Mingbulak districts.", []string{"Uchkurgan", "Chust"}, nil},
		{"no context, no place", "Agar said the talks went well.", nil, []string{"Agar"}},
		{"an acronym after in is no town", "The bug shows only in TUI mode.", nil, []string{"Tui", "TUI"}},
		{"common words are no towns", "Reading the statement, Mobile workers said Bath time was over.", nil, []string{"Reading", "Mobile", "Bath"}},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			r := find(t, tc.text)
			got := names(r.Locations, func(l doc_Location) string { return l.Name })
			holds(t, tc.text, "locations", got, tc.want, tc.not)
		})
	}
}

func TestGeneratedNames(t *testing.T) {
	tests := []struct {
		rule, text string
		want, not  []string
	}{
		// gen_given_names.txt: a given name is the evidence two unknown
		// capitalized words need
		{"generated given name", "He expressed support to Luka Visentini on Monday.", []string{"Luka Visentini"}, nil},
		{"generated given name in a list", "The panel heard Marta Kowalska and Evert Lindqvist.", []string{"Marta Kowalska", "Evert Lindqvist"}, nil},
		{"geo:title-name", "Mayor of Tampere Juha Virtanen opened the forum.", []string{"Juha Virtanen"}, []string{"Tampere Juha Virtanen"}},
		{"name:common-before-given", "Minister of Social Policy Maryna Lazebna spoke.", []string{"Maryna Lazebna"}, []string{"Policy Maryna Lazebna"}},
		{"name:common-before-given", "Struggling Evert Lindqvist lost again.", []string{"Evert Lindqvist"}, []string{"Struggling Evert Lindqvist"}},
		{"name:common-before-given keeps a listed name", "Grace Obi said the vote was fair.", []string{"Grace Obi"}, nil},
		{"name:common-words", "Shares rose after the Late Rally on Friday, traders said.", nil, []string{"Late Rally"}},
		{"name:common-words", "Firms such as Chelyabinsk Mechanical Works must pay.", nil, []string{"Mechanical Works"}},
		{"name:common-words keeps a title's name", "Mayor Rich Young opened the fair.", []string{"Rich Young"}, nil},
		{"name:word-given", "Senator Pat Toomey answered questions.", []string{"Pat Toomey"}, nil},
		{"name:word-given not at a sentence start", "Will Tampere host the games?", nil, []string{"Will Tampere"}},
		{"an acronym is no generated name", "The Council of Veterans and the CEM signed a memorandum.", nil, []string{"CEM"}},
		{"a curated place's word is no given name", "SHAH ALAM: The party met its delegates.", nil, []string{"Shah Alam", "Alam"}},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			r := find(t, tc.text)
			got := names(r.People, func(p doc_Person) string { return p.Name })
			holds(t, tc.text, "people", got, tc.want, tc.not)
		})
	}
}

// Gender from the generated names, for pronoun attribution; none from a
// name that is also a surname.
func TestGeneratedGender(t *testing.T) {
	tests := []struct{ text, person, gender string }{
		{"Kaitlin Marsh of the union spoke first.", "Kaitlin Marsh", "f"},
		{"Marcus Bastiaan of the union spoke first.", "Marcus Bastiaan", "m"},
		{"Senator Mike Braun answered questions.", "Mike Braun", "m"},
		{"He met Rose Tremain on Monday.", "Rose Tremain", "f"},
		{"Union president Rana Javed Iqbal spoke.", "Rana Javed Iqbal", ""},
	}
	for _, tc := range tests {
		r := find(t, tc.text)
		found := false
		for _, p := range r.People {
			if p.Name == tc.person {
				found = true
				if p.Gender != tc.gender {
					t.Errorf("%q: %s gender %q, want %q", tc.text, p.Name, p.Gender, tc.gender)
				}
			}
		}
		if !found {
			t.Errorf("%q: no person %q in %v", tc.text, tc.person, r.People)
		}
	}
}

// The generated lists never override the hand-kept ones, and load once.
func TestGeneratedTiers(t *testing.T) {
	_, f := setup(t)
	f.ready()
	l := f.l
	if g, ok := l.givenName("nurlan"); !ok || g != "m" {
		t.Errorf("hand-kept Nurlan: %q %v", g, ok)
	}
	if _, ok := l.givenName("india"); ok {
		t.Error("a curated place (India) took a generated given name")
	}
	if _, ok := l.givenName("alam"); ok {
		t.Error("a word of a curated place (Shah Alam) took a generated given name")
	}
	if _, ok := l.givenName("will"); ok {
		t.Error("a common word (Will) is a given name without a rule saying so")
	}
	if len(l.geo) < 20000 || l.geoMax < 3 {
		t.Errorf("gazetteer: %d names, longest %d words", len(l.geo), l.geoMax)
	}
}

// Two full names of one surname and other given names are two people, once
// the given-name lists find both (ID cluster:other-given); a name that
// holds the other's given name is still the same person.
func TestSameSurnameOtherGiven(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The deal was signed by the general secretary, Siobhan Keane, and the director, Declan Keane. Ms Keane spoke first.", []string{"Siobhan Keane", "Declan Keane"}},
		{"Datuk Ahmad Zulkifli Hashim opened the meeting. Zulkifli Hashim said the party was united.", []string{"Ahmad Zulkifli Hashim"}},
	}
	for _, tc := range tests {
		r := find(t, tc.text)
		got := names(r.People, func(p doc_Person) string { return p.Name })
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: people %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A given name before a title is the holder's name, not a town named so.
func TestGeoTitleNotAGivenName(t *testing.T) {
	r := find(t, "Patches came from David King and Simon Ngata.")
	for _, l := range r.Locations {
		if l.Name == "David" {
			t.Errorf("locations %v: David is a given name before the title King", r.Locations)
		}
	}
}
