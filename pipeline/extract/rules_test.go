package extract

import (
	"strings"
	"testing"
	"time"

	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
)

// examplePublished dates the rules' examples, for the rules that resolve a
// year the text does not write.
var examplePublished = time.Date(2023, 7, 26, 0, 0, 0, 0, time.UTC)

// exampleText splits a rule's example into its text and the parts in
// [brackets]: the words the rule decides on.
func exampleText(ex string) (text string, marked []string) {
	var b strings.Builder
	for {
		i := strings.IndexByte(ex, '[')
		j := strings.IndexByte(ex, ']')
		if i < 0 || j < i {
			b.WriteString(ex)
			break
		}
		b.WriteString(ex[:i])
		b.WriteString(ex[i+1 : j])
		marked = append(marked, strings.ReplaceAll(ex[i+1:j], "¶", "\n\n"))
		ex = ex[j+1:]
	}
	return strings.ReplaceAll(b.String(), "¶", "\n\n"), marked
}

// TestRuleExamples runs every registered rule's example through the whole
// pipeline with a trace and checks that the rule fires on it, deciding
// about the words in brackets (as the candidate it saw or the span it
// gave). The registry's examples are thereby tests, and a rule whose
// example stops firing is found at once.
func TestRuleExamples(t *testing.T) {
	e := newExtractor(t)
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			text, marked := exampleText(r.Example)
			x, err := e.ExtractTrace(doc.Doc{ID: "example", Text: text, Published: examplePublished})
			if err != nil {
				t.Fatal(err)
			}
			rs := []rune(text)
			words := func(s doc.Span) string {
				if s.Start < 0 || s.End > len(rs) || s.Start >= s.End {
					return ""
				}
				return bare(string(rs[s.Start:s.End]))
			}
			fired := 0
			var seen []string
			for _, ev := range x.Trace {
				if ev.Rule != r.ID {
					continue
				}
				fired++
				seen = append(seen, words(ev.Cand)+" -> "+words(ev.Out))
				for _, m := range marked {
					m = bare(m)
					if words(ev.Cand) == m || words(ev.Out) == m {
						return
					}
				}
				if len(marked) == 0 {
					return
				}
			}
			if fired == 0 {
				t.Errorf("rule %s does not fire on its example %q", r.ID, r.Example)
				return
			}
			t.Errorf("rule %s fires on its example %q, but not on %q: %q", r.ID, r.Example, marked, seen)
		})
	}
}

// bare is s with its spaces collapsed and the quotation marks and
// punctuation at its ends trimmed: an example may bracket a quote with its
// marks, a candidate's span is inside them.
func bare(s string) string {
	return strings.Trim(strings.Join(strings.Fields(s), " "), "“”\"«»‘’'()[]:,.;!? ")
}
