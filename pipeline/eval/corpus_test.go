package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"plenary/pipeline/doc"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadCorpus(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":               "text b",
		"b.gold.json":         `{"id": "b", "people": ["Ann Lee"], "quotes": [{"text": "x", "kind": ""}]}`,
		"a.txt":               "text a",
		"a.gold.json":         `{"id": "not-a", "locations": [{"name": "Almaty", "aliases": ["Almaty region", 3]}]}`,
		"only-gold.gold.json": `{"id": "only-gold"}`,
		"only-text.txt":       "no gold",
		"bad.txt":             "bad gold",
		"bad.gold.json":       `[1, 2]`,
		"notes.md":            "ignored",
		"sub/c.txt":           "in a subfolder: ignored",
		"sub/c.gold.json":     `{}`,
		"SCOPE":               "quotes people\npeople unknown\n",
	})
	c, err := LoadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"a", "b"}) {
		t.Fatalf("ids %v", ids)
	}
	a := c.Docs[0]
	if a.Gold.ID != "a" || a.TextPath != filepath.Join(dir, "a.txt") || a.GoldPath != filepath.Join(dir, "a.gold.json") {
		t.Errorf("doc a = %+v", a)
	}
	if want := []Entity{{Name: "Almaty", Aliases: []string{"Almaty region"}}}; !reflect.DeepEqual(a.Gold.Locations, want) {
		t.Errorf("locations %+v", a.Gold.Locations)
	}
	b := c.Docs[1].Gold
	if len(b.People) != 1 || b.People[0].Name != "Ann Lee" || b.Quotes[0].Kind != " " {
		t.Errorf("lenient gold b = %+v", b)
	}
	if !c.HasScope || !slices.Equal(c.Scope, []string{"quotes", "people"}) {
		t.Errorf("scope %v", c.Scope)
	}
	joined := strings.Join(c.Warnings, "\n")
	for _, w := range []string{"id \"not-a\" differs", "bad.gold.json", "unknown table \"unknown\""} {
		if !strings.Contains(joined, w) {
			t.Errorf("no warning %q in %q", w, c.Warnings)
		}
	}

	empty := t.TempDir()
	c, err = LoadCorpus(empty)
	if err != nil || len(c.Docs) != 0 || c.HasScope || !slices.Equal(c.Scope, Tables) {
		t.Errorf("empty corpus: %+v, %v", c, err)
	}
	if _, err := LoadCorpus(filepath.Join(empty, "missing")); err == nil {
		t.Error("missing folder: no error")
	}
}

func TestPredictionLenient(t *testing.T) {
	var p Prediction
	err := json.Unmarshal([]byte(`{"id": 5, "Name": "x", "people": [{"name": 3, "aliases": ["A", null], "roles": ["head", {"title": 1, "org": "O"}, 2]}, null],
		"organizations": "none", "dates": ["2020", {"value": 2020, "text": "t"}, 1],
		"quotes": [{"text": "q", "speaker": 7, "kind": null}, "plain", 3]}`), &p)
	if err != nil {
		t.Fatal(err)
	}
	o := "O"
	want := Prediction{
		People: []Person{{Name: "", Aliases: []string{"A"}, Roles: []Role{{Title: "head"}, {Title: "", Org: &o}}}, {}},
		Dates:  []Date{{Value: "2020"}, {Text: "t"}},
		Quotes: []Quote{{Text: "q"}, {Text: "plain"}},
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got %+v\nwant %+v", p, want)
	}
	if err := json.Unmarshal([]byte(`[1]`), &p); err == nil {
		t.Error("array accepted as a prediction")
	}
}

func FuzzPredictionJSON(f *testing.F) {
	f.Add([]byte(`{"id": "x", "people": ["a", {"name": "b", "roles": ["c"]}], "quotes": ["q"]}`))
	f.Add([]byte(`{"dates": [{"value": " 2020 "}], "quotes": [{"kind": ""}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Prediction
		if json.Unmarshal(data, &p) != nil {
			return
		}
		// What is read writes back to an equal prediction (the form score.py
		// would read from WritePredictions) and scores without panicking.
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var q Prediction
		if err := json.Unmarshal(b, &q); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(canon(p), canon(q)) {
			t.Fatalf("round trip changed %+v into %+v", p, q)
		}
		p.ID = "d"
		Score(corpusOf(p), map[string]Prediction{"d": q}, Options{PerDoc: true, Errors: 3})
	})
}

// canon maps empty lists to nil so DeepEqual ignores null-versus-[] differences.
func canon(p Prediction) Prediction {
	b, _ := json.Marshal(p)
	var q Prediction
	_ = json.Unmarshal(b, &q)
	for i := range q.People {
		if len(q.People[i].Aliases) == 0 {
			q.People[i].Aliases = nil
		}
		if len(q.People[i].Roles) == 0 {
			q.People[i].Roles = nil
		}
	}
	for _, es := range [][]Entity{q.Organizations, q.Locations} {
		for i := range es {
			if len(es[i].Aliases) == 0 {
				es[i].Aliases = nil
			}
		}
	}
	return q
}

func TestReadPredictionsJSONL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.jsonl")
	writeFiles(t, dir, map[string]string{"p.jsonl": `{"id": "a", "people": ["X"]}

not json
{"id": 3}
{"id": "a", "people": ["second"]}
{"id": "b"}
`})
	preds, warns, err := ReadPredictions(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(preds) != 2 || preds["a"].People[0].Name != "X" || len(warns) != 3 {
		t.Errorf("preds %+v warnings %q", preds, warns)
	}
	if _, _, err := ReadPredictions(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing path: no error")
	}
}

func TestWritePredictions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	org := "Union <of> Workers & Co"
	preds := []Prediction{
		{ID: "a", People: []Person{{Name: "Ann Lee", Roles: []Role{{Title: "head", Org: &org}}}},
			Quotes: []Quote{{Text: "«Hi»", Kind: "indirect"}, {Text: "yes", Speaker: sp("Ann Lee")}}},
		{ID: "b"},
	}
	if err := WritePredictions(dir, preds); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "b.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"people": []`, `"url": null`, `"quotes": []`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("b.json lacks %s:\n%s", want, data)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.json")); !bytes.Contains(data, []byte("Union <of> Workers & Co")) || !bytes.Contains(data, []byte("«Hi»")) {
		t.Errorf("a.json escapes text:\n%s", data)
	}
	back, warns, err := ReadPredictions(dir)
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	for _, p := range preds {
		if !reflect.DeepEqual(canon(back[p.ID]), canon(p)) {
			t.Errorf("read back %+v, wrote %+v", back[p.ID], p)
		}
	}
	for _, bad := range []string{"", "..", "a/b"} {
		if err := WritePredictions(dir, []Prediction{{ID: bad}}); err == nil {
			t.Errorf("id %q accepted", bad)
		}
	}
}

func TestFromExtraction(t *testing.T) {
	x := doc.Extraction{
		Doc: doc.Doc{ID: "d1", URL: "https://example.org/x", Published: time.Date(2022, 5, 23, 0, 0, 0, 0, time.UTC)},
		People: []doc.Person{
			{ID: "p1", Name: "Nurlan Uteshev", Aliases: []string{"Uteshev"}},
			{ID: "p2", Name: "Saule Temirova"},
		},
		Organizations: []doc.Organization{{ID: "o1", Name: "Federation", Aliases: []string{"FTU"}, Acronym: "FTU"}},
		Locations:     []doc.Location{{ID: "l1", Name: "Turkestan"}},
		Roles: []doc.Role{
			{PersonID: "p2", PersonName: "Saule Temirova", Title: "head", OrgName: "Federation"},
			{PersonID: "p1", Title: "Deputy Chairman"},
			{PersonName: "Nurlan Uteshev", Title: "member"},
			{PersonID: "p9", Title: "lost"},
		},
		Dates: []doc.Date{{ID: "d1", Text: "May 6", Value: "2022-05-06"}},
		Quotes: []doc.Quote{
			{Kind: doc.Direct, Text: "We will win", SpeakerID: "p1", SpeakerName: "Nurlan Uteshev"},
			{Kind: doc.Indirect, Text: "it went well"},
		},
	}
	org := "Federation"
	url, pub := "https://example.org/x", "2022-05-23"
	want := Prediction{
		ID: "d1", URL: &url, Published: &pub,
		People: []Person{
			{Name: "Nurlan Uteshev", Aliases: []string{"Uteshev"}, Roles: []Role{{Title: "Deputy Chairman"}, {Title: "member"}}},
			{Name: "Saule Temirova", Roles: []Role{{Title: "head", Org: &org}}},
		},
		Organizations: []Entity{{Name: "Federation", Aliases: []string{"FTU"}}},
		Locations:     []Entity{{Name: "Turkestan"}},
		Dates:         []Date{{Text: "May 6", Value: "2022-05-06"}},
		Quotes:        []Quote{{Text: "We will win", Speaker: sp("Nurlan Uteshev"), Kind: "direct"}, {Text: "it went well", Kind: "indirect"}},
	}
	if got := FromExtraction(x); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	for _, name := range []string{"p1-full", "p1-tables", "emptyscope-p2"} {
		data, err := os.ReadFile(filepath.Join("testdata", "expected", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var r Result
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		compareResults(t, data, out)
		var buf bytes.Buffer
		if err := Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		text, _ := os.ReadFile(filepath.Join("testdata", "expected", name+".txt"))
		if buf.String() != string(text) {
			t.Errorf("%s: Render of the read-back result differs:\n%s", name, buf.String())
		}
	}
}
