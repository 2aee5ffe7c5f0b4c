package extract

import (
	"strings"
	"testing"

	"plenary/pipeline/annot"
	"plenary/pipeline/doc"
	"plenary/pipeline/entities"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/quotes"
	"plenary/pipeline/segment"
	"plenary/pipeline/synth"
)

func newExtractor(t testing.TB) *Extractor {
	t.Helper()
	lx, err := lexicon.Load("")
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(lx)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func reports(t testing.TB, n int) []doc.Doc {
	t.Helper()
	g, err := synth.New(1)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]doc.Doc, n)
	for i := range docs {
		name, text := g.Report(i)
		docs[i] = doc.Doc{ID: name, Text: text}
	}
	return docs
}

func TestRowsOrderedAndStagesTimed(t *testing.T) {
	e := newExtractor(t)
	for _, d := range reports(t, 5) {
		x, err := e.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Mentions) == 0 || len(x.People) == 0 {
			t.Fatalf("%s: no mentions or people from a synthetic report", d.ID)
		}
		for i := 1; i < len(x.Mentions); i++ {
			a, b := x.Mentions[i-1], x.Mentions[i]
			if a.Start > b.Start || a.Start == b.Start && a.End > b.End {
				t.Errorf("%s: mentions out of order at %d: %v then %v", d.ID, i, a.Span, b.Span)
			}
		}
		for i := 1; i < len(x.Roles); i++ {
			if x.Roles[i-1].Start > x.Roles[i].Start {
				t.Errorf("%s: roles out of order at %d", d.ID, i)
			}
		}
	}
	st := e.StageSeconds()
	for _, name := range stageNames {
		v, ok := st[name]
		if !ok {
			t.Errorf("StageSeconds has no %q", name)
		}
		if name == "segment" && v <= 0 {
			t.Errorf("segment took %v s over 5 reports", v)
		}
	}
}

func TestInvalidUTF8IsAnError(t *testing.T) {
	e := newExtractor(t)
	if _, err := e.Extract(doc.Doc{ID: "bad", Text: "abc\xff"}); err == nil {
		t.Error("invalid UTF-8 extracted without error")
	}
}

// BenchmarkExtract runs every stage over whole synthetic reports (~4 KB):
// the per-document cost `plenary run` pays in each worker.
func BenchmarkExtract(b *testing.B) {
	e := newExtractor(b)
	docs := reports(b, 64)
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text))
	}
	b.SetBytes(n / int64(len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Extract(docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartup is what a run pays before its first document: the
// lexicon loaded and compiled, the segmenter and finders built.
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		lx, err := lexicon.Load("")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := New(lx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStages times each stage after segmentation on its own, over the
// same synthetic reports as BenchmarkExtract, segmented (and each earlier
// stage run) once outside the timer: per-stage ns/op, B/op and allocs/op.
func BenchmarkStages(b *testing.B) {
	e := newExtractor(b)
	docs := reports(b, 64)
	type prepared struct {
		d    doc.Doc
		sd   *segment.Doc
		ents entities.Result
		rl   []doc.Role
	}
	ps := make([]prepared, len(docs))
	var n int64
	for i, d := range docs {
		sd := e.seg.Segment(d.Text)
		ents := e.ents.Find(sd)
		ps[i] = prepared{d: d, sd: sd, ents: ents, rl: e.roles.Find(sd, ents)}
		n += int64(len(d.Text))
	}
	stages := []struct {
		name string
		run  func(p *prepared)
	}{
		{"entities", func(p *prepared) { e.ents.Find(p.sd) }},
		{"roles", func(p *prepared) { e.roles.Find(p.sd, p.ents) }},
		{"dates", func(p *prepared) { e.dates.Find(p.d.Text, p.d.Published) }},
		{"quotes", func(p *prepared) {
			e.quotes.Find(quotes.Input{Seg: p.sd, People: p.ents.People, Mentions: p.ents.Mentions, MentionTokens: p.ents.MentionTokens,
				Roles: p.rl, Orgs: p.ents.Organizations})
		}},
	}
	for _, s := range stages {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(n / int64(len(ps)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s.run(&ps[i%len(ps)])
				i++
			}
		})
	}
}

// The stages' declared layers hold in the order Extract runs them, and a
// stage moved before the one writing what it reads is refused.
func TestPassesOrder(t *testing.T) {
	e := newExtractor(t)
	if err := annot.Check(e.passes); err != nil {
		t.Fatal(err)
	}
	swapped := append([]annot.Pass(nil), e.passes...)
	swapped[stRoles], swapped[stQuotes] = swapped[stQuotes], swapped[stRoles]
	if err := annot.Check(swapped); err == nil || !strings.Contains(err.Error(), `stage quotes requires layer "roles"`) {
		t.Errorf("quotes before roles: err = %v", err)
	}
	twice := append(append([]annot.Pass(nil), e.passes...), annot.Pass{Name: "again", Provides: []doc.Layer{doc.LayerQuotes}})
	if err := annot.Check(twice); err == nil || !strings.Contains(err.Error(), "both provide") {
		t.Errorf("a layer written twice: err = %v", err)
	}
}

// A pass that reads a layer it did not declare, or does not write one it
// promised, fails its document with an error naming the stage and layer.
func TestPassLayersChecked(t *testing.T) {
	e := newExtractor(t)
	d := annot.New(doc.Doc{ID: "x", Text: "Ann Lee spoke."}, nil, nil)
	lazy := annot.Pass{Name: "lazy", Provides: []doc.Layer{doc.LayerTokens}, Run: func(*annot.Doc) error { return nil }}
	if err := lazy.Apply(d); err == nil || !strings.Contains(err.Error(), `stage lazy: did not write layer "tokens"`) {
		t.Errorf("a promised layer left unwritten: err = %v", err)
	}
	if err := e.passes[stEntities].Apply(d); err == nil || !strings.Contains(err.Error(), `stage entities: layer "tokens" is not written yet`) {
		t.Errorf("entities before segment: err = %v", err)
	}
	for _, p := range e.passes {
		if err := p.Apply(d); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
	}
	if n := len(d.Mentions().People); n != 1 {
		t.Errorf("people = %d, want 1", n)
	}
}
