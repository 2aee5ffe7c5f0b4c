package eval

import (
	"encoding/json"
	"strings"
)

// Prediction sets made from gold for TestAgreementShared. Each function gets
// a private copy of one document's gold and its index in the corpus, and
// returns the prediction (false: no prediction for that document). All choices
// are by position, so the sets are the same on every run.
var perturbations = []struct {
	name string
	fn   func(g Prediction, i int) (Prediction, bool)
}{
	{"identity", func(g Prediction, i int) (Prediction, bool) { return g, true }},
	{"drop", perturbDrop},
	{"dup", perturbDup},
	{"alias", perturbAlias},
	{"speakers", perturbSpeakers},
	{"partial", perturbPartial},
	{"titles", perturbTitles},
	{"mixed", func(g Prediction, i int) (Prediction, bool) {
		g, _ = perturbAlias(g, i+1)
		g, _ = perturbPartial(g, i+2)
		g, _ = perturbSpeakers(g, i+3)
		return perturbDup(g, i)
	}},
}

func clonePrediction(p Prediction) Prediction {
	b, _ := json.Marshal(p)
	var q Prediction
	_ = json.Unmarshal(b, &q)
	return q
}

func sp(s string) *string { return &s }

func keep[T any](xs []T, drop func(k int) bool) []T {
	var out []T
	for k, x := range xs {
		if !drop(k) {
			out = append(out, x)
		}
	}
	return out
}

func perturbDrop(g Prediction, i int) (Prediction, bool) {
	if i%7 == 3 {
		return g, false
	}
	third := func(k int) bool { return k%3 == 1 }
	g.People = keep(g.People, func(k int) bool { return k%4 == 2 })
	for k := range g.People {
		g.People[k].Roles = keep(g.People[k].Roles, third)
	}
	g.Organizations = keep(g.Organizations, third)
	g.Locations = keep(g.Locations, func(k int) bool { return k%2 == 1 })
	g.Dates = keep(g.Dates, third)
	g.Quotes = keep(g.Quotes, func(k int) bool { return k%2 == 0 })
	return g, true
}

func perturbDup(g Prediction, i int) (Prediction, bool) {
	if len(g.People) > 0 {
		g.People = append(g.People, g.People[0])
	}
	if len(g.Organizations) > 0 {
		g.Organizations = append(g.Organizations, g.Organizations[len(g.Organizations)-1])
	}
	g.Dates = append(g.Dates, g.Dates...)
	if len(g.Quotes) > 0 {
		g.Quotes = append(g.Quotes, g.Quotes[0])
	}
	// Invented items that match nothing.
	g.People = append(g.People, Person{Name: "Invented Person", Roles: []Role{{Title: "Chairman"}}})
	g.Organizations = append(g.Organizations, Entity{Name: "Imaginary Council of Nowhere"})
	g.Locations = append(g.Locations, Entity{Name: "Atlantis"})
	g.Dates = append(g.Dates, Date{Text: "New Year's Eve", Value: "1999-12-31"})
	g.Quotes = append(g.Quotes, Quote{Text: "this sentence was never said by anyone at all", Speaker: sp("Invented Person")})
	if i%2 == 0 {
		g.Quotes = append(g.Quotes, Quote{Text: "an indirect statement", Kind: "indirect"})
	}
	return g, true
}

// perturbAlias names people, organizations and places by an alias or by a
// variant spelling, and quote speakers by an alias.
func perturbAlias(g Prediction, i int) (Prediction, bool) {
	rename := func(name string, aliases []string, k int) string {
		switch {
		case len(aliases) > 0 && (k+i)%2 == 0:
			return aliases[len(aliases)-1]
		case (k+i)%3 == 0:
			return "The " + strings.ToUpper(name)
		case (k+i)%3 == 1:
			return strings.ReplaceAll(name, " ", ". ") + "."
		}
		return strings.ReplaceAll(name, " ", "")
	}
	for k := range g.People {
		p := &g.People[k]
		p.Name, p.Aliases = rename(p.Name, p.Aliases, k), nil
	}
	for k := range g.Organizations {
		o := &g.Organizations[k]
		o.Name, o.Aliases = rename(o.Name, o.Aliases, k), nil
	}
	for k := range g.Locations {
		l := &g.Locations[k]
		l.Name, l.Aliases = rename(l.Name, l.Aliases, k+1), nil
	}
	return g, true
}

// perturbSpeakers rotates, blanks and re-spells quote speakers.
func perturbSpeakers(g Prediction, i int) (Prediction, bool) {
	n := len(g.Quotes)
	orig := make([]*string, n)
	for k, q := range g.Quotes {
		orig[k] = q.Speaker
	}
	for k := range g.Quotes {
		q := &g.Quotes[k]
		switch (k + i) % 5 {
		case 0: // the next quote's speaker
			q.Speaker = orig[(k+1)%n]
		case 1:
			q.Speaker = nil
		case 2: // a person of the document, maybe by alias
			if len(g.People) > 0 {
				p := g.People[(k+i)%len(g.People)]
				q.Speaker = sp(p.Name)
				if len(p.Aliases) > 0 {
					q.Speaker = sp(p.Aliases[0])
				}
			}
		case 3:
			if q.Speaker != nil {
				q.Speaker = sp(strings.ToLower(*q.Speaker) + ".")
			} else {
				q.Speaker = sp("  ")
			}
		}
	}
	return g, true
}

// perturbPartial cuts, edits and re-marks quote texts around the 0.8 threshold.
func perturbPartial(g Prediction, i int) (Prediction, bool) {
	for k := range g.Quotes {
		q := &g.Quotes[k]
		w := strings.Fields(q.Text)
		n := len(w)
		switch (k + i) % 6 {
		case 0: // keep 2/3: F1 0.8 exactly when n is a multiple of 3
			q.Text = strings.Join(w[:(2*n+2)/3], " ")
		case 1: // keep 3/5: F1 0.75
			q.Text = strings.Join(w[:(3*n)/5], " ")
		case 2: // typographic marks and case
			q.Text = "“" + strings.ToUpper(q.Text) + "”"
		case 3: // one word replaced
			if n > 0 {
				w[n/2] = "banana"
			}
			q.Text = strings.Join(w, " ")
		case 4:
			q.Kind = "Direct "
			if k%2 == 1 {
				q.Kind = "indirect"
			}
		case 5: // two halves as two quotes
			q.Text = strings.Join(w[:n/2], " ")
			g.Quotes = append(g.Quotes, Quote{Text: strings.Join(w[n/2:], " "), Speaker: q.Speaker})
		}
	}
	return g, true
}

// perturbTitles re-spells role titles and moves roles to duplicate people.
func perturbTitles(g Prediction, i int) (Prediction, bool) {
	var extra []Person
	for k := range g.People {
		p := &g.People[k]
		for r := range p.Roles {
			role := &p.Roles[r]
			switch (k + r + i) % 5 {
			case 0:
				role.Title = strings.ToLower(role.Title)
			case 1:
				role.Title = "the " + role.Title
			case 2:
				if role.Org != nil {
					role.Title += " of " + *role.Org
				}
			case 3:
				if len(p.Aliases) > 0 {
					extra = append(extra, Person{Name: p.Aliases[0], Roles: []Role{*role}})
				}
			}
		}
	}
	g.People = append(g.People, extra...)
	for k := range g.Dates {
		d := &g.Dates[k]
		switch (k + i) % 4 {
		case 0:
			d.Value = " " + d.Value + " "
		case 1:
			if len(d.Value) > 4 {
				d.Value = d.Value[:len(d.Value)-3]
			}
		case 2:
			g.Dates = append(g.Dates, *d)
		}
	}
	return g, true
}
