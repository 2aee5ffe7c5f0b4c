package quotes

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
)

// sw is one expected direct quote of the accuracy tests: a prefix of its
// text, its speaker's name ("" for none) and the sieve that must pick the
// speaker (quotes.sieve).
type sw struct{ text, speaker, sieve string }

// TestAccuracyRules runs invented texts, one per rule of issue 14, and
// checks every direct quote, its speaker and the sieve that chose it.
func TestAccuracyRules(t *testing.T) {
	tests := []struct {
		name  string
		rule  string // the rule the case is about
		text  string
		ents  []ent
		roles []role
		want  []sw // every direct quote, in order
	}{
		{
			name: "archive double apostrophes",
			rule: ruleMarkApos2.ID,
			text: "''We have waited for the board since May,'' Mr. Ospanov told reporters. ''If they want to talk, they can call us.''\n\n" +
				"Asel Nurova read from a letter:\n\n''For ten years the plant has been late with wages.\n\n''I am asking the board to pay them now.''\n\n" +
				"A 12'' pipe and the workers' hall are no quotes.",
			ents: []ent{ospanov, nurova},
			want: []sw{
				{"We have waited for the board since May,", "Marat Ospanov", sieveCueAfter.ID},
				{"If they want to talk, they can call us.", "Marat Ospanov", sieveContinuation.ID},
				{"For ten years the plant has been late with wages. I am asking the board to pay them now.", "Asel Nurova", sieveColon.ID},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := buildInput(t, tc.text, tc.ents, tc.roles)
			var got []doc.Quote
			for _, q := range Find(in) {
				if q.Kind == doc.Direct {
					got = append(got, q)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("[%s] got %d direct quotes, want %d:\n%s", tc.rule, len(got), len(tc.want), dump(got))
			}
			for i, w := range tc.want {
				q := got[i]
				if !strings.HasPrefix(q.Text, w.text) {
					t.Errorf("[%s] quote %d text %q, want %q…", tc.rule, i, q.Text, w.text)
				}
				if q.SpeakerName != w.speaker || q.Sieve != w.sieve {
					t.Errorf("[%s] quote %d %q: speaker %q by %s, want %q by %s", tc.rule, i, w.text, q.SpeakerName, q.Sieve, w.speaker, w.sieve)
				}
			}
		})
	}
}
