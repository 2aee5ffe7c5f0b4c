package lexicon

import "testing"

// TestClassIndex checks a few words' classes in the embedded lexicon: one
// bit per (file, class), keys lower-cased, honorifics split into words,
// multi-word keys no token's class.
func TestClassIndex(t *testing.T) {
	lx, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	x := NewClassIndex(lx)
	tests := []struct {
		word      string
		want, not WordClass
	}{
		{"was", Predicate | PredicateCopula, PredicateChoice},
		{"elected", Predicate | PredicateChoice, PredicateCopula},
		{"deputy", TitleModifier | TitleSecond, OrgWord},
		{"said", PersonCue, Predicate},
		{"also", EntityCueAux, PersonCue},
		{"village", EntitySettlement | EntityRegion, 0},
		{"department", RoleUnit, PersonCue},
		{"will", QuoteModal, QuoteFunc},
		{"the", QuoteFunc | QuoteDeterminer | QuoteCommonStart, QuotePrep},
		{"today", QuoteIntro | QuoteTimeAdverb, QuoteModal},
		{"we", QuoteSpeechPronoun, QuoteFunc},
		{"mr.", HonorificWord, 0},
		{"mr", HonorificWord, 0},
		{"Mr", 0, HonorificWord},       // lower-cased forms only
		{"jogorku kenesh", 0, OrgHead}, // a key of two words is no token
		{"zxqv", 0, ^WordClass(0)},     // in no list
	}
	for _, tt := range tests {
		got := x.Of(tt.word)
		if got&tt.want != tt.want || got&tt.not != 0 {
			t.Errorf("Of(%q) = %b, want bits %b and not %b", tt.word, got, tt.want, tt.not)
		}
	}
	tags := x.Tag([]string{"said", "zxqv"})
	if len(tags) != 2 || tags[0] != x.Of("said") || tags[1] != 0 {
		t.Errorf("Tag = %v", tags)
	}
}
