package extract

// The development harness, one for every stage: with PLENARY_CORPUS=DIR it
// runs the whole pipeline over every DIR/<id>.txt that has an
// <id>.gold.json, scores it with pipeline/eval (the figures plenary eval
// prints, by FORMAT.md's rules) and logs, with -v, the figures and each
// missed or spurious item with its sentence. PLENARY_TABLES=roles,quotes
// narrows it to some tables; PLENARY_ERRORS=N lists up to N errors per
// table (default 50). PLENARY_GOLD_ENTITIES=1 scores the quote stage alone
// with the gold file's people, organizations, locations and roles as its
// input (see goldQuotes): attribution when entities are right, to tell a
// quote stage error from an entity one. Without PLENARY_CORPUS it is
// skipped. It measures; it never fails on low figures (make eval-gate is
// the gate).

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"plenary/pipeline/doc"
	"plenary/pipeline/eval"
	"plenary/pipeline/segment"
)

func TestCorpus(t *testing.T) {
	dir := os.Getenv("PLENARY_CORPUS")
	if dir == "" {
		t.Skip("PLENARY_CORPUS not set")
	}
	c, err := eval.LoadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range c.Warnings {
		t.Log("corpus:", w)
	}
	e := newExtractor(t)
	goldEnts := os.Getenv("PLENARY_GOLD_ENTITIES") != ""
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	preds := map[string]eval.Prediction{}
	texts := map[string]string{}
	for _, gd := range c.Docs {
		b, err := c.ReadText(gd)
		if err != nil {
			t.Fatalf("%s: %v", gd.TextPath, err)
		}
		d := doc.Doc{ID: gd.ID, Source: gd.TextPath, Text: string(b)}
		if p := gd.Gold.Published; p != nil {
			if pub, err := time.Parse("2006-01-02", strings.TrimSpace(*p)); err == nil {
				d.Published = pub
			}
		}
		texts[gd.ID] = d.Text
		if goldEnts {
			// The gold entities and roles, with the quote stage's quotes.
			p := gd.Gold
			p.Quotes = eval.FromExtraction(doc.Extraction{Doc: d, Quotes: e.goldQuotes(seg.Segment(d.Text), gd.Gold)}).Quotes
			preds[gd.ID] = p
			continue
		}
		x, err := e.Extract(d)
		if err != nil {
			t.Fatalf("%s: %v", gd.ID, err)
		}
		preds[gd.ID] = eval.FromExtraction(x)
	}
	opt := eval.Options{Errors: 50}
	if s := os.Getenv("PLENARY_TABLES"); s != "" {
		opt.Tables = strings.Split(s, ",")
	} else if goldEnts {
		opt.Tables = []string{"quotes"} // the other tables are the gold's own
	}
	if n, err := strconv.Atoi(os.Getenv("PLENARY_ERRORS")); err == nil {
		opt.Errors = n
	}
	r := eval.Score(c, preds, opt)
	var out strings.Builder
	figures := r
	figures.Errors = nil // listed below, with their sentences
	if err := eval.Render(&out, figures); err != nil {
		t.Fatal(err)
	}
	source := func(id string) (string, []doc.Span, bool) {
		text, ok := texts[id]
		if !ok {
			return "", nil, false
		}
		return text, seg.Segment(text).Sentences, true
	}
	if err := eval.RenderErrorLists(&out, eval.ErrorLists(r, opt.Errors, source)); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
}
