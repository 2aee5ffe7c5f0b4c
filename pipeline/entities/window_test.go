package entities

import (
	"strings"
	"testing"
)

// TestOrgScanWindow: the organization rules that compare a name with every
// cluster look at the first orgScanMax clusters only, so a page of
// thousands of bodies is not quadratic: a short form joins its full name
// among them ("Rakaka Trade Union" after "Rakaka Trade Union Council"), not
// past them, where a name still joins the cluster of the same name.
func TestOrgScanWindow(t *testing.T) {
	syl := []string{"ka", "lo", "mi", "ra", "ten", "vu", "zo", "bel", "dar", "fin", "gus", "hol"}
	name := func(i int) string {
		var b strings.Builder
		for k := 0; k < 3; k++ {
			b.WriteString(syl[i%len(syl)])
			i /= len(syl)
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	n := orgScanMax + 20
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("The " + name(i) + " Trade Union Council met.\n")
	}
	inside, past := 3, orgScanMax+10
	b.WriteString("Later the " + name(inside) + " Trade Union agreed.\n")
	b.WriteString("Later the " + name(past) + " Trade Union agreed.\n")
	b.WriteString("The " + name(past) + " Trade Union Council met again.\n")
	r := find(t, b.String())
	mentions := map[string]int{}
	for _, o := range r.Organizations {
		mentions[o.Name] = o.Mentions
	}
	if got := mentions[name(inside)+" Trade Union Council"]; got != 2 {
		t.Errorf("inside the window: %d mentions of the full name's cluster, want 2 (the short form joins)", got)
	}
	if got := mentions[name(past)+" Trade Union Council"]; got != 2 {
		t.Errorf("past the window: %d mentions of the full name's cluster, want 2 (the repeat joins, the short form does not)", got)
	}
	if got := mentions[name(past)+" Trade Union"]; got != 1 {
		t.Errorf("past the window: the short form has %d mentions of its own, want 1", got)
	}
}
