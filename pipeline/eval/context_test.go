package eval

import (
	"strings"
	"testing"
	"unicode/utf8"

	"plenary/pipeline/doc"
)

func TestLocate(t *testing.T) {
	s := func(x string) *string { return &x }
	text := "🎉 Ақмола облысы: Төлеубек Мұқашев met S. Mukashev.\n" +
		"“We will defend\n\nwages,” said the Deputy Chairman, Nurlan Uteshev. “First part.\n“Second part,” he said.\n" +
		"TUCSON — Tucson retirees met on 6 May 2022."
	tests := []struct {
		name, table string
		item        Item
		want        string // the text at the span; "" when not found
	}{
		{"cyrillic name after an emoji", "people", Item{Name: "Төлеубек Мұқашев"}, "Төлеубек Мұқашев"},
		{"case and punctuation ignored", "people", Item{Name: "s mukashev"}, "S. Mukashev"},
		{"alias when the name is absent", "people", Item{Name: "Toleubek Mukashev", Aliases: []string{"Мұқашев"}}, "Мұқашев"},
		{"the first mention of any form", "people", Item{Name: "S. Mukashev", Aliases: []string{"Мұқашев"}}, "Мұқашев"},
		{"surname when neither is", "people", Item{Name: "Nurlan Ivanovich Uteshev"}, "Uteshev"},
		{"exact case first", "organizations", Item{Name: "TUCSON"}, "TUCSON"},
		{"folded case otherwise", "locations", Item{Name: "ақмола"}, "Ақмола"},
		{"quote across a paragraph break", "quotes", Item{Text: "We will defend wages,"}, "We will defend\n\nwages"},
		{"quote reopened in the next paragraph", "quotes", Item{Text: "First part. Second part,", Speaker: s("x")}, "First part.\n“Second part"},
		{"quote found by its first words", "quotes", Item{Text: "We will defend wages and jobs for everyone here"}, "We will defend\n\nwages"},
		{"role title nearest the person", "roles", Item{Name: "Nurlan Uteshev", Title: "deputy chairman"}, "Deputy Chairman"},
		{"date as written", "dates", Item{Text: "6 May 2022", Value: "2022-05-06"}, "6 May 2022"},
		{"date value not in the text", "dates", Item{Value: "2022-05-06"}, ""},
		{"not in the text", "people", Item{Name: "Ivan Petrov"}, ""},
		{"empty item", "people", Item{}, ""},
		{"no partial word when a whole one exists", "people", Item{Name: "met"}, "met"},
	}
	runes := []rune(text)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sp, ok := Locate(text, tc.table, tc.item)
			got := ""
			if ok {
				got = string(runes[sp.Start:sp.End])
			}
			if got != tc.want {
				t.Errorf("found %q at %v, want %q", got, sp, tc.want)
			}
		})
	}
}

func TestContext(t *testing.T) {
	text := "Headline about Ақмола\nFirst sentence here. Then Төлеубек Мұқашев spoke at length. Last one."
	sents := []doc.Span{{Start: 0, End: 21}, {Start: 22, End: 42}, {Start: 43, End: 81}, {Start: 82, End: 91}}
	got, ok := Context(text, sents, "people", Item{Name: "Төлеубек Мұқашев"}, 0)
	if !ok || got != "Then [[Төлеубек Мұқашев]] spoke at length." {
		t.Errorf("with sentences: %q %v", got, ok)
	}
	got, _ = Context(text, nil, "locations", Item{Name: "Ақмола"}, 0)
	if got != "Headline about [[Ақмола]]" {
		t.Errorf("without sentences (the line): %q", got)
	}
	if got, ok := Context(text, sents, "people", Item{Name: "Ivan Petrov"}, 0); ok || got != "" {
		t.Errorf("absent item: %q %v", got, ok)
	}
	// A long sentence is cut around the item, keeping it marked.
	long := strings.Repeat("word ", 100) + "Nurlan Uteshev" + strings.Repeat(" filler", 100) + "."
	got, _ = Context(long, nil, "people", Item{Name: "Nurlan Uteshev"}, 80)
	if !strings.Contains(got, "[[Nurlan Uteshev]]") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || utf8.RuneCountInString(got) > 90 {
		t.Errorf("long sentence: %q", got)
	}
}

func FuzzContext(f *testing.F) {
	f.Add("Nurlan Uteshev said “we will”.\nЕщё", "Uteshev", "we will")
	f.Add("", "", "")
	f.Add("a\x00\xffb", "\xff", "b")
	f.Fuzz(func(t *testing.T, text, name, quote string) {
		n := utf8.RuneCountInString(text)
		for _, tc := range []struct {
			table string
			it    Item
		}{{"people", Item{Name: name}}, {"quotes", Item{Text: quote}}, {"roles", Item{Name: name, Title: quote}}} {
			sp, ok := Locate(text, tc.table, tc.it)
			if ok && (sp.Start < 0 || sp.End > n || sp.Start >= sp.End) {
				t.Fatalf("bad span %v in %d runes", sp, n)
			}
			Context(text, []doc.Span{{Start: 0, End: n / 2}, {Start: n / 2, End: n}}, tc.table, tc.it, 40)
		}
	})
}
