package annot

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
	"plenary/pipeline/segment"
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

// IndexMentions maps each mention onto the tokens starting inside it
// (End) and the tokens wholly inside it (Whole: a span may end inside a
// token), and SetMentions indexes a layer that comes without its index.
func TestIndexMentions(t *testing.T) {
	sg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "The Senate’s chair, Ann Lee, spoke."
	sd := sg.Segment(text)
	at := func(s string) doc.Span {
		i := strings.Index(text, s)
		return doc.Span{Start: len([]rune(text[:i])), End: len([]rune(text[:i+len(s)]))}
	}
	ms := []doc.Mention{{Span: at("Senate")}, {Span: at("Ann Lee")}, {Span: at("spo")}}
	got := IndexMentions(sd, ms)
	word := func(i int32) string { return sd.Tokens[i].Text }
	cases := []struct {
		first, whole, end string // token texts; "" when the range is empty
	}{
		{first: "Senate", whole: "Senate", end: "Senate"},
		{first: "Ann", whole: "Lee", end: "Lee"},
		{first: "spoke", whole: "", end: "spoke"},
	}
	for i, c := range cases {
		r := got[i]
		if word(r.First) != c.first || word(r.End-1) != c.end {
			t.Errorf("mention %d: tokens [%d,%d) = %q..%q, want %q..%q", i, r.First, r.End, word(r.First), word(r.End-1), c.first, c.end)
		}
		if c.whole == "" && r.Whole != r.First || c.whole != "" && (r.Whole <= r.First || word(r.Whole-1) != c.whole) {
			t.Errorf("mention %d: whole tokens end at %d, want after %q", i, r.Whole, c.whole)
		}
	}
	d := New(doc.Doc{Text: text}, nil, nil)
	d.SetTokens(sd)
	d.SetMentions(Mentions{Mentions: ms})
	if m := d.Mentions(); len(m.Tokens) != len(ms) || m.Tokens[1] != got[1] {
		t.Errorf("SetMentions indexed %v, want %v", m.Tokens, got)
	}
}
