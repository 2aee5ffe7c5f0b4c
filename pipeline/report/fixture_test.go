package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"plenary/pipeline/doc"
	"plenary/pipeline/eval"
	"plenary/pipeline/extract"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/registry"
	"plenary/pipeline/tables"
)

// Hostile strings a document may contain; a report must show them as text.
const (
	hostileScript = `<script>document.title='pwned'</script>`
	hostileImg    = `<img src=x onerror="document.title='pwned'">`
)

// Reports written for these tests (not taken from any corpus), with markup
// in the text that must stay text.
var fixtureDocs = []struct{ id, text, gold string }{
	{
		id: "alpha-union-meeting",
		text: "Astana, March 4, 2021. Nurlan Uteshev, Deputy Chairman of the Federation of Trade Unions of Kazakhstan, met miners in Karaganda. " + hostileScript + "\n\n" +
			"\u201cWe will defend every miner " + hostileImg + " in the region,\u201d Uteshev said.\n\n" +
			"Aigerim Sadykova of the Union of Builders said: \u201cWages must rise this year for every builder in Karaganda.\u201d",
		gold: `{"id": "alpha-union-meeting", "url": null, "published": "2021-03-04",
 "people": [{"name": "Nurlan Uteshev", "aliases": ["Uteshev"], "roles": [{"title": "Deputy Chairman", "org": "Federation of Trade Unions of Kazakhstan"}]},
            {"name": "Aigerim Sadykova", "aliases": [], "roles": []}],
 "organizations": [{"name": "Federation of Trade Unions of Kazakhstan", "aliases": []}, {"name": "Union of Builders", "aliases": []}],
 "locations": [{"name": "Astana", "aliases": []}, {"name": "Karaganda", "aliases": []}],
 "dates": [{"text": "March 4, 2021", "value": "2021-03-04"}],
 "quotes": [{"text": "We will defend every miner ` + jsonEsc(hostileImg) + ` in the region,", "speaker": "Nurlan Uteshev"},
            {"text": "Wages must rise this year for every builder in Karaganda.", "speaker": "Aigerim Sadykova"}]}`,
	},
	{
		id:   "beta-party-congress",
		text: "Bishkek, 20 November 2019. The congress of the Social Democratic Party elected Marat Seitkali as its chairman. \u201cThe party will stand for fair wages,\u201d Seitkali told delegates.",
		gold: `{"id": "beta-party-congress", "url": null, "published": "2019-11-20",
 "people": [{"name": "Marat Seitkali", "aliases": ["Seitkali"], "roles": [{"title": "chairman", "org": "Social Democratic Party"}]}],
 "organizations": [{"name": "Social Democratic Party", "aliases": []}],
 "locations": [{"name": "Bishkek", "aliases": []}],
 "dates": [{"text": "20 November 2019", "value": "2019-11-20"}],
 "quotes": [{"text": "The party will stand for fair wages,", "speaker": "Marat Seitkali"}]}`,
	},
}

func jsonEsc(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// writeCorpus writes the fixture documents as a gold corpus folder.
func writeCorpus(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range fixtureDocs {
		if err := os.WriteFile(filepath.Join(dir, d.id+".txt"), []byte(d.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, d.id+".gold.json"), []byte(d.gold), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fixturePreds are hand-made predictions with a known outcome per item:
// alpha: Uteshev and Karaganda matched, Sadykova, Astana and the builders
// union missed, "Union Builders" and "Deputy" spurious, one quote matched
// with the wrong speaker; beta: nothing predicted.
func fixturePreds() map[string]eval.Prediction {
	s := func(x string) *string { return &x }
	return map[string]eval.Prediction{
		"alpha-union-meeting": {
			ID: "alpha-union-meeting",
			People: []eval.Person{
				{Name: "Nurlan Uteshev", Aliases: []string{"Uteshev"}, Roles: []eval.Role{{Title: "Deputy Chairman"}}},
				{Name: "Deputy", Aliases: nil},
			},
			Organizations: []eval.Entity{{Name: "Federation of Trade Unions of Kazakhstan"}, {Name: "Union Builders"}},
			Locations:     []eval.Entity{{Name: "Karaganda"}},
			Dates:         []eval.Date{{Text: "March 4, 2021", Value: "2021-03-04"}},
			Quotes: []eval.Quote{
				{Text: "We will defend every miner " + hostileImg + " in the region,", Speaker: s("Aigerim Sadykova")},
			},
		},
	}
}

// fixtureEval scores the fixture corpus and returns the eval JSON (with a
// comparison against a saved baseline of worse figures when withBaseline)
// and the documents' views.
func fixtureEval(t testing.TB, withBaseline bool) ([]byte, []DocView, *eval.Corpus) {
	t.Helper()
	c, err := eval.LoadCorpus(writeCorpus(t))
	if err != nil {
		t.Fatal(err)
	}
	preds := fixturePreds()
	res := eval.Score(c, preds, eval.Options{})
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if withBaseline {
		data = withComparison(t, data, res)
	}
	var docs []DocView
	for i, det := range res.Details {
		gd := c.Docs[i]
		text, err := os.ReadFile(gd.TextPath)
		if err != nil {
			t.Fatal(err)
		}
		in := DocInput{ID: gd.ID, Text: string(text), Gold: gd.Gold, Detail: det}
		if p, ok := preds[gd.ID]; ok {
			in.Pred = &p
		}
		docs = append(docs, NewDocView(in))
	}
	return data, docs, c
}

// writeRun extracts the fixture documents with the real extractor and
// writes their tables to a folder, returning it and the rows per table.
func writeRun(t testing.TB, format string) (string, map[string]int64) {
	t.Helper()
	lx, err := lexicon.Load("")
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extract.New(lx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	set, err := tables.Open(dir, format, "test", memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	var xs []doc.Extraction
	for _, d := range fixtureDocs {
		x, err := ex.Extract(doc.Doc{ID: d.id, Source: d.id + ".txt", Text: d.text})
		if err != nil {
			t.Fatal(err)
		}
		xs = append(xs, x)
	}
	// A hand-made document whose names and quote are markup, so the report
	// surely holds hostile strings whatever the extractor finds.
	xs = append(xs, hostileExtraction())
	// The people table and the persons come from the whole-run step, as in
	// plenary run.
	rv, err := registry.New(lx)
	if err != nil {
		t.Fatal(err)
	}
	var people []registry.DocPeople
	for _, x := range xs {
		if err := set.Add(x); err != nil {
			t.Fatal(err)
		}
		people = append(people, registry.FromExtraction(&x))
	}
	reg := rv.ResolveSlice(people)
	for i, x := range xs {
		if err := set.AddPeople(x.Doc.ID, x.People, reg.UIDs(i)); err != nil {
			t.Fatal(err)
		}
	}
	for p := range reg.Persons() {
		if err := set.AddPerson(p); err != nil {
			t.Fatal(err)
		}
	}
	for r := range reg.Timeline() {
		if err := set.AddRoleSpan(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := set.AddError(doc.DocError{Source: "bad.txt", Stage: "ingest", Message: "bad " + hostileScript, Severity: doc.SeverityError}); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"cp1251.txt", "empty.txt"} {
		if err := set.AddError(doc.DocError{Source: src, DocID: strings.TrimSuffix(src, ".txt"), Stage: "ingest", Message: "a caveat", Severity: doc.SeverityWarning}); err != nil {
			t.Fatal(err)
		}
	}
	counts := set.Counts()
	if err := set.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, counts
}

// withComparison adds to an eval JSON a "comparison" the way `plenary eval
// --baseline` writes it, against a baseline whose F1 was 0.1 lower in every
// table but quotes, whose F1 was higher (a regression).
func withComparison(t testing.TB, data []byte, res eval.Result) []byte {
	t.Helper()
	type delta struct {
		Table     string   `json:"table"`
		Old       *float64 `json:"old"`
		New       *float64 `json:"new"`
		Delta     *float64 `json:"delta"`
		Regressed bool     `json:"regressed"`
	}
	var ds []delta
	for _, tf := range res.Tables {
		d := delta{Table: tf.Table, New: tf.F1}
		if tf.F1 != nil {
			old, dd := *tf.F1-0.1, 0.1
			if tf.Table == "quotes" {
				old, dd = *tf.F1+0.2, -0.2
				d.Regressed = true
			}
			d.Old, d.Delta = &old, &dd
		}
		ds = append(ds, d)
	}
	cmp, err := json.Marshal(map[string]any{
		"baseline": "no-such-baseline.json", "tolerance": 0.005, "tables": ds,
		"regression": true, "reasons": []string{"quotes F1 dropped by 0.2000 (tolerance 0.005)"},
		"newly_missed": 2, "now_matched": 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	out := append(bytes.TrimSuffix(bytes.TrimSpace(data), []byte("}")), []byte(`,"comparison":`)...)
	return append(append(out, cmp...), '}')
}

func hostileExtraction() doc.Extraction {
	text := "Hostile " + hostileScript + " said: \u201c" + hostileImg + "\u201d"
	qStart := len([]rune("Hostile " + hostileScript + " said: \u201c"))
	name := hostileScript
	return doc.Extraction{
		Doc:    doc.Doc{ID: "zz-hostile", Source: "zz-hostile.txt", Text: text},
		Stats:  doc.Stats{NChars: len([]rune(text)), NSentences: 1, NTokens: 5},
		People: []doc.Person{{ID: "p1", Name: name, Mentions: 1, Span: doc.Span{Start: 8, End: 8 + len([]rune(name))}}},
		Organizations: []doc.Organization{{ID: "o1", Name: hostileImg, Acronym: "<b>X</b>", Mentions: 1,
			Span: doc.Span{Start: 0, End: 7}}},
		Quotes: []doc.Quote{{ID: "q1", Kind: doc.Direct, Text: hostileImg, Span: doc.Span{Start: qStart, End: qStart + len([]rune(hostileImg))},
			SpeakerID: "p1", SpeakerName: name, SpeakerMention: name, Attribution: doc.AttrExplicit, Cue: "said", Confidence: 0.9},
			{ID: "q2", Kind: doc.Indirect, Text: "the plan is ready", Span: doc.Span{Start: 0, End: 7}, Attribution: doc.AttrNone, Confidence: 0.2}},
	}
}

// render writes a page to a string.
func render(t testing.TB, p Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// fixtureComparisonEval scores the fixture corpus with fixturePreds and
// compares it, as plenary eval --baseline does, with a baseline in which
// every gold item was matched: whatever is missed, spurious or has a wrong
// speaker now is news since the baseline. It returns the eval JSON.
func fixtureComparisonEval(t testing.TB) []byte {
	t.Helper()
	c, err := eval.LoadCorpus(writeCorpus(t))
	if err != nil {
		t.Fatal(err)
	}
	perfect := map[string]eval.Prediction{}
	sums := map[string]string{}
	texts := map[string]string{}
	for _, d := range c.Docs {
		perfect[d.ID] = d.Gold
		b, err := os.ReadFile(d.TextPath)
		if err != nil {
			t.Fatal(err)
		}
		texts[d.ID] = string(b)
		sums[d.ID] = eval.SHA256Hex(string(b))
	}
	base := eval.NewBaseline(eval.Score(c, perfect, eval.Options{}), sums, "test")
	res := eval.Score(c, fixturePreds(), eval.Options{})
	cmp := eval.Compare(&base, res, 0.005, false, func(id string) (string, []doc.Span, bool) {
		s, ok := texts[id]
		return s, nil, ok
	})
	cmp.Baseline = "baseline.json"
	data, err := eval.MarshalWithComparison(res, cmp)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
