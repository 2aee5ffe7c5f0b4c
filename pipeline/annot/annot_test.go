package annot

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
)

// A layer is written once, and read only after it is written.
func TestLayersWrittenOnceReadAfter(t *testing.T) {
	d := New(doc.Doc{Text: "x"}, nil, nil)
	if !d.Has(doc.LayerText) || d.Has(doc.LayerRoles) {
		t.Fatalf("a new Doc has text only")
	}
	mustPanic(t, `layer "roles" read before`, func() { d.Roles() })
	d.SetRoles([]doc.Role{{Title: "Mayor"}})
	if r := d.Roles(); len(r) != 1 || r[0].Title != "Mayor" {
		t.Errorf("roles = %v", r)
	}
	mustPanic(t, `layer "roles" written twice`, func() { d.SetRoles(nil) })
}

func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		r := recover()
		if s, _ := r.(string); !strings.Contains(s, want) {
			t.Errorf("panic %v, want %q", r, want)
		}
	}()
	f()
}

func TestCheck(t *testing.T) {
	ps := []Pass{
		{Name: "a", Requires: []doc.Layer{doc.LayerText}, Provides: []doc.Layer{doc.LayerTokens}},
		{Name: "b", Requires: []doc.Layer{doc.LayerTokens}, Provides: []doc.Layer{doc.LayerMentions}},
	}
	if err := Check(ps); err != nil {
		t.Fatal(err)
	}
	if err := Check([]Pass{ps[1], ps[0]}); err == nil || !strings.Contains(err.Error(), `stage b requires layer "tokens"`) {
		t.Errorf("reversed: err = %v", err)
	}
	if err := Check(append(ps, ps[1])); err == nil || !strings.Contains(err.Error(), "stages b and b both provide") {
		t.Errorf("twice: err = %v", err)
	}
}
