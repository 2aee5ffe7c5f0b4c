package roles

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEvidenceBounded: in a sentence longer than evidenceMax (a page with
// no full stops) each role's evidence is the stretch around it, so the
// evidence of a page's roles grows with the page, not with its square.
func TestEvidenceBounded(t *testing.T) {
	given := []string{"Nurlan", "Askar", "Serik", "Marat", "Aidos", "Kairat", "Sapar", "Yerlan"}
	syl := []string{"ka", "lo", "mi", "ra", "ten", "vu", "zo", "bel", "dar", "fin", "gus", "hol"}
	var b strings.Builder
	for i := 0; i < 120; i++ {
		surname := strings.ToUpper(syl[i%12][:1]) + syl[i%12][1:] + syl[i/12] + "ov"
		b.WriteString("Senator " + given[i%len(given)] + " " + surname + " met the farmers and ")
	}
	b.WriteString("they talked.")
	text := b.String()
	rs, _ := roles(t, text)
	if len(rs) < 100 {
		t.Fatalf("%d roles from 120 senators", len(rs))
	}
	for _, r := range rs {
		n := utf8.RuneCountInString(r.Evidence)
		if n > evidenceMax+2 {
			t.Fatalf("evidence of %d code points for %s", n, r.PersonName)
		}
		if !strings.Contains(r.Evidence, "Senator "+r.PersonName) {
			t.Errorf("evidence for %s: %.80q… does not hold the role", r.PersonName, r.Evidence)
		}
		cut := strings.TrimSuffix(strings.TrimPrefix(r.Evidence, "…"), "…")
		if !strings.Contains(text, cut) {
			t.Errorf("evidence %.60q… is not a stretch of the text", r.Evidence)
		}
	}
	if first := rs[0].Evidence; !strings.HasPrefix(first, "Senator") || !strings.HasSuffix(first, "…") {
		t.Errorf("first role's evidence %.40q…%q: want the sentence start, cut at its end", first, first[max(0, len(first)-20):])
	}
	// a sentence under the bound is whole, as before
	short := "Senator Nurlan Bekov met the farmers."
	if rs, _ := roles(t, short); len(rs) != 1 || rs[0].Evidence != short {
		t.Errorf("short sentence: %+v", rs)
	}
}

// TestTitleReferences: a title-only reference goes to the one holder named
// before it, else, for a reference to a title, to the one named after it;
// two holders are ambiguous and give no role.
func TestTitleReferences(t *testing.T) {
	tests := []struct {
		name, text string
		holder     string // "" for none
	}{
		{"one before", "President Askar Tokenov spoke. The Head of State set tasks.", "Askar Tokenov"},
		{"two before", "President Askar Tokenov met President Serik Bekov. The Head of State set tasks.", ""},
		{"one after", "The Head of State set tasks. President Askar Tokenov signed the decree.", "Askar Tokenov"},
		{"two after", "The Head of State set tasks. President Askar Tokenov met President Serik Bekov.", ""},
		{"before wins over after", "President Askar Tokenov spoke. The Head of State set tasks. President Serik Bekov agreed.", "Askar Tokenov"},
		{"case differs", "PRESIDENT Askar Tokenov spoke. The Head of State set tasks.", "Askar Tokenov"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, _ := roles(t, tc.text)
			got := ""
			for _, r := range rs {
				if r.Title == "Head of State" {
					got = r.PersonName
				}
			}
			if got != tc.holder {
				t.Errorf("Head of State held by %q, want %q (roles %+v)", got, tc.holder, rs)
			}
		})
	}
}
