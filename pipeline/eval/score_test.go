package eval

import (
	"slices"
	"testing"
)

func TestMaxMatching(t *testing.T) {
	tests := []struct {
		name   string
		nGold  int
		compat [][]int
		order  []int
		want   []int
	}{
		{"one-to-one: a duplicate finds nothing", 1, [][]int{{0}, {0}}, nil, []int{0, -1}},
		{"augmenting path moves an earlier pair", 2, [][]int{{0, 1}, {0}}, nil, []int{1, 0}},
		{"preference order decides among free golds", 2, [][]int{{1, 0}}, nil, []int{1}},
		{"try order decides who keeps a contested gold", 1, [][]int{{0}, {0}}, []int{1, 0}, []int{-1, 0}},
		{"empty", 0, [][]int{{}, nil}, nil, []int{-1, -1}},
		{"chain of three", 3, [][]int{{0}, {0, 1}, {1, 2}}, []int{2, 1, 0}, []int{0, 1, 2}},
	}
	for _, tc := range tests {
		got := maxMatching(len(tc.compat), tc.nGold, tc.compat, tc.order)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func corpusOf(golds ...Prediction) *Corpus {
	c := &Corpus{Scope: Tables}
	for _, g := range golds {
		c.Docs = append(c.Docs, GoldDoc{ID: g.ID, Gold: g})
	}
	return c
}

func figures(t *testing.T, r Result, table string) (gold, pred, matched int) {
	t.Helper()
	f, ok := r.Table(table)
	if !ok {
		t.Fatalf("no table %s", table)
	}
	return f.Gold, f.Pred, f.Matched
}

type counts struct{ gold, pred, matched int }

func TestScoreTables(t *testing.T) {
	gold := Prediction{
		ID: "d",
		People: []Person{
			{Name: "Nurlan Uteshev", Aliases: []string{"N. Uteshev", "Uteshev"}, Roles: []Role{{Title: "Deputy Chairman"}, {Title: "head"}}},
			{Name: "Saule Temirova", Roles: []Role{{Title: "head"}}},
		},
		Organizations: []Entity{{Name: "The Federation of Trade Unions", Aliases: []string{"FTU"}}},
		Locations:     []Entity{{Name: "Turkestan"}, {Name: "Shymkent"}},
		Dates:         []Date{{Value: "2022-05-06"}, {Value: "2022-05-06"}, {Value: "2022"}},
	}
	tests := []struct {
		name  string
		pred  Prediction
		table string
		want  counts
	}{
		{"alias names match, duplicates are false positives", Prediction{People: []Person{
			{Name: "N. Uteshev"}, {Name: "Uteshev"}, {Name: "S. Temirova"}}}, "people", counts{2, 3, 1}},
		{"prediction aliases are not used", Prediction{People: []Person{
			{Name: "Mr. X", Aliases: []string{"Nurlan Uteshev"}}}}, "people", counts{2, 1, 0}},
		{"a leading the is dropped from names", Prediction{Organizations: []Entity{
			{Name: "Federation of Trade Unions"}, {Name: "the FTU"}}}, "organizations", counts{1, 2, 1}},
		{"roles: person by name or alias, title normalized, org ignored", Prediction{People: []Person{
			{Name: "Uteshev", Roles: []Role{{Title: "deputy chairman", Org: sp("anything")}, {Title: "Head"}}},
			{Name: "Uteshev", Roles: []Role{{Title: "head"}}},  // the same role again: unmatched
			{Name: "Temirova", Roles: []Role{{Title: "head"}}}, // not a name of Saule Temirova's entry
		}}, "roles", counts{3, 4, 2}},
		{"roles: a title of the wrong person does not match", Prediction{People: []Person{
			{Name: "Saule Temirova", Roles: []Role{{Title: "Deputy Chairman"}, {Title: "head"}}}}}, "roles", counts{3, 2, 1}},
		{"dates are a multiset of trimmed values", Prediction{Dates: []Date{
			{Value: " 2022-05-06 "}, {Value: "2022-05-06"}, {Value: "2022-05-06"}, {Value: ""}, {Value: "2022-05"}}}, "dates", counts{3, 5, 2}},
	}
	for _, tc := range tests {
		tc.pred.ID = "d"
		r := Score(corpusOf(gold), map[string]Prediction{"d": tc.pred}, Options{})
		g, p, m := figures(t, r, tc.table)
		if (counts{g, p, m}) != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, counts{g, p, m}, tc.want)
		}
	}
}

func TestScoreQuotes(t *testing.T) {
	gold := Prediction{
		ID: "d",
		People: []Person{
			{Name: "Nurlan Uteshev", Aliases: []string{"Uteshev"}},
			{Name: "Saule Temirova"},
		},
		Quotes: []Quote{
			{Text: "one two three four five", Speaker: sp("Nurlan Uteshev")},
			{Text: "one two three four six", Speaker: sp("Uteshev")}, // a gold speaker given by alias
			{Text: "alpha beta gamma delta", Speaker: nil},
		},
	}
	tests := []struct {
		name          string
		quotes        []Quote
		want          counts
		attr, correct int
		e2e           int
	}{
		{"best pair first: the exact copy takes its own gold", []Quote{
			{Text: "one two three four six", Speaker: sp("Nurlan Uteshev")},
			{Text: "one two three four five", Speaker: sp("N. Uteshev")},
		}, counts{3, 2, 2}, 2, 1, 1},
		{"4 of 5 tokens is a match, 3 of 5 is not", []Quote{
			{Text: "one two three four", Speaker: sp("Uteshev")},
			{Text: "alpha beta gamma", Speaker: nil},
		}, counts{3, 2, 2}, 1, 1, 2},
		{"null gold speaker: only null predicted matches end to end", []Quote{
			{Text: "Alpha, beta, gamma, delta!", Speaker: sp("Saule Temirova")},
		}, counts{3, 1, 1}, 0, 0, 0},
		{"blank speaker is null; other kinds are not scored", []Quote{
			{Text: "alpha beta gamma delta", Speaker: sp(" ")},
			{Text: "one two three four five", Speaker: sp("Uteshev"), Kind: "indirect"},
			{Text: "one two three four five", Speaker: sp("Saule Temirova"), Kind: " DIRECT "},
		}, counts{3, 2, 2}, 1, 0, 1},
	}
	for _, tc := range tests {
		r := Score(corpusOf(gold), map[string]Prediction{"d": {ID: "d", Quotes: tc.quotes}}, Options{Tables: []string{"quotes"}})
		g, p, m := figures(t, r, "quotes")
		if (counts{g, p, m}) != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, counts{g, p, m}, tc.want)
		}
		if a := r.QuoteAttribution; a.Total != tc.attr || a.Correct != tc.correct {
			t.Errorf("%s: attribution %d/%d, want %d/%d", tc.name, a.Correct, a.Total, tc.correct, tc.attr)
		}
		if r.QuotesEndToEnd.Matched != tc.e2e {
			t.Errorf("%s: end to end %d, want %d", tc.name, r.QuotesEndToEnd.Matched, tc.e2e)
		}
	}
}

func TestScoreCorpusLevel(t *testing.T) {
	a := Prediction{ID: "a", People: []Person{{Name: "Aigerim Sadykova"}}}
	b := Prediction{ID: "b", People: []Person{{Name: "Bolat Nurzhanov"}, {Name: "Yerlan Ospanov"}}}
	c := corpusOf(a, b)
	preds := map[string]Prediction{
		"a":     {ID: "a", People: []Person{{Name: "Aigerim Sadykova"}, {Name: "Someone Else"}}},
		"extra": {ID: "extra"},
	}
	r := Score(c, preds, Options{PerDoc: true, Errors: 1})
	f, _ := r.Table("people")
	// micro-average: 1 matched of 3 gold and 2 predicted
	if f.Gold != 3 || f.Pred != 2 || f.Matched != 1 || *f.Precision != 0.5 || *f.Recall != 1.0/3 || *f.F1 != 0.4 {
		t.Errorf("people = %+v", f)
	}
	if rf, _ := r.Table("roles"); rf.Precision != nil || rf.Recall != nil || rf.F1 != nil {
		t.Errorf("0/0 figures must be nil: %+v", rf)
	}
	if !slices.Equal(r.DocumentsWithoutPrediction, []string{"b"}) || !slices.Equal(r.ExtraPredictions, []string{"extra"}) {
		t.Errorf("without %v, extra %v", r.DocumentsWithoutPrediction, r.ExtraPredictions)
	}
	if r.QuoteAttribution == nil || r.QuoteAttribution.Accuracy != nil {
		t.Errorf("attribution = %+v", r.QuoteAttribution)
	}
	e := r.Errors[0]
	if e.Table != "people" || e.MissedTotal != 2 || !slices.Equal(e.Missed, []string{"b: Bolat Nurzhanov"}) || !slices.Equal(e.Spurious, []string{"a: Someone Else"}) {
		t.Errorf("errors = %+v", e)
	}
	d := r.Details[0].Tables[0]
	if len(d.Matched) != 1 || d.Matched[0].Gold.Name != "Aigerim Sadykova" || len(d.Spurious) != 1 || d.Spurious[0].Name != "Someone Else" {
		t.Errorf("details = %+v", d)
	}
	// an explicit table list overrides the scope, unknown names are dropped with a warning
	r = Score(c, preds, Options{Tables: []string{"dates", "bogus", "dates"}})
	if !slices.Equal(r.Scope, []string{"dates"}) || r.QuoteAttribution != nil || len(r.Warnings) != 2 {
		t.Errorf("scope %v, warnings %q", r.Scope, r.Warnings)
	}
}

func TestParseTables(t *testing.T) {
	got, err := ParseTables("people,,quotes,people")
	if err != nil || !slices.Equal(got, []string{"people", "quotes"}) {
		t.Errorf("ParseTables = %v, %v", got, err)
	}
	if _, err := ParseTables("people,bogus"); err == nil {
		t.Error("unknown table accepted")
	}
}
