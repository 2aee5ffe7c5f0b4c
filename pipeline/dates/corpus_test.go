package dates

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// corpusDir holds the shared gold corpus; the test is skipped without it.
const corpusDir = "/work/shared/corpus"

// TestCorpus measures Find against the gold "dates" of the shared corpus and
// logs precision and recall (go test -run Corpus -v). It does not fail on
// low figures: the corpus is for measuring, not for tuning.
func TestCorpus(t *testing.T) {
	golds, _ := filepath.Glob(filepath.Join(corpusDir, "*.gold.json"))
	if len(golds) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	sort.Strings(golds)
	tp, np, ng := 0, 0, 0
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatalf("read %s: %v", g, err)
		}
		var gold struct {
			Published *string `json:"published"`
			Dates     []struct {
				Text  string `json:"text"`
				Value string `json:"value"`
			} `json:"dates"`
		}
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatalf("parse %s: %v", g, err)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(g, ".gold.json") + ".txt")
		if err != nil {
			t.Fatalf("read text for %s: %v", g, err)
		}
		var pub time.Time
		if gold.Published != nil {
			if pub, err = time.Parse("2006-01-02", *gold.Published); err != nil {
				t.Fatalf("%s: published: %v", g, err)
			}
		}
		res := Find(string(txt), pub, nil)
		want := map[string]int{}
		for _, d := range gold.Dates {
			want[d.Value]++
		}
		ng += len(gold.Dates)
		np += len(res.Dates)
		id := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		for _, d := range res.Dates {
			if want[d.Value] > 0 {
				want[d.Value]--
				tp++
			} else {
				t.Logf("%s: false positive %q -> %s (%s)", id, d.Text, d.Value, d.Method)
			}
		}
		for _, d := range gold.Dates {
			if want[d.Value] > 0 {
				want[d.Value]--
				t.Logf("%s: missed %q -> %s", id, d.Text, d.Value)
			}
		}
	}
	p, r := float64(tp)/float64(max(np, 1)), float64(tp)/float64(max(ng, 1))
	t.Logf("corpus dates: %d gold, %d predicted, %d correct: precision %.3f recall %.3f F1 %.3f",
		ng, np, tp, p, r, 2*float64(tp)/float64(max(np+ng, 1)))
}
