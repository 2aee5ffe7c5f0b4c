package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"plenary/pipeline/tables"
)

// reportCorpus writes a one-document gold corpus (a report written for this
// test) whose text holds markup that must stay text.
func reportCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	text := "Almaty, 12 May 2022. Daniyar Akhmetov, chairman of the Union of Metallurgists, met workers in Temirtau. <script>document.title='pwned'</script>\n\n" +
		"\u201cWe will not accept cuts in pay,\u201d Akhmetov said."
	gold := `{"id": "union-temirtau", "url": null, "published": "2022-05-12",
 "people": [{"name": "Daniyar Akhmetov", "aliases": ["Akhmetov"], "roles": [{"title": "chairman", "org": "Union of Metallurgists"}]}],
 "organizations": [{"name": "Union of Metallurgists", "aliases": []}],
 "locations": [{"name": "Almaty", "aliases": []}, {"name": "Temirtau", "aliases": []}],
 "dates": [{"text": "12 May 2022", "value": "2022-05-12"}],
 "quotes": [{"text": "We will not accept cuts in pay,", "speaker": "Daniyar Akhmetov"}]}`
	for name, body := range map[string]string{"union-temirtau.txt": text, "union-temirtau.gold.json": gold} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReportOfRun(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if code := runCLI(t, "run", "--quiet", "--format", "arrow", "-o", out, reportCorpus(t)); code != 0 {
		t.Fatalf("run: exit %d", code)
	}
	html := filepath.Join(tmp, "run.html")
	if code := runCLI(t, "report", out, "-o", html); code != 0 {
		t.Fatalf("report: exit %d", code)
	}
	s := readFile(t, html)
	for _, want := range []string{`data-table="documents"><b>1</b>`, `id="quotes"`, "Top speakers", "union-temirtau"} {
		if !strings.Contains(s, want) {
			t.Errorf("run report lacks %q", want)
		}
	}
}

func TestReportOfEval(t *testing.T) {
	tmp := t.TempDir()
	corpus := reportCorpus(t)
	js, preds := filepath.Join(tmp, "eval.json"), filepath.Join(tmp, "preds")
	if code := runCLI(t, "eval", corpus, "--json", js, "--predictions", preds); code != 0 {
		t.Fatalf("eval: exit %d", code)
	}
	cases := []struct {
		name  string
		args  []string
		marks bool
	}{
		// eval --json records the corpus: the report finds it alone.
		{"corpus_dir of the JSON", nil, true},
		{"re-extracted", []string{"--corpus", corpus}, true},
		{"saved predictions", []string{"--corpus", corpus, "--predictions", preds}, true},
	}
	var rec struct {
		CorpusDir string `json:"corpus_dir"`
	}
	if err := json.Unmarshal([]byte(readFile(t, js)), &rec); err != nil || rec.CorpusDir != corpus {
		t.Errorf("eval --json: corpus_dir %q, want %q (%v)", rec.CorpusDir, corpus, err)
	}
	// A JSON whose corpus is not here gives the figures and a hint.
	moved := filepath.Join(tmp, "moved.json")
	if err := os.WriteFile(moved, []byte(strings.Replace(readFile(t, js), corpus, filepath.Join(tmp, "gone"), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases = append(cases, struct {
		name  string
		args  []string
		marks bool
	}{"figures only", nil, false})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html := filepath.Join(tmp, strings.ReplaceAll(c.name, " ", "-")+".html")
			js := js
			if c.name == "figures only" {
				js = moved
			}
			if code := runCLI(t, append([]string{"report", js, "-o", html}, c.args...)...); code != 0 {
				t.Fatalf("report: exit %d", code)
			}
			s := readFile(t, html)
			if n := strings.Count(s, `<rect class="bar cur"`); n != 21 {
				t.Errorf("%d bars, want 21 (P, R, F1 of six tables and quotes end-to-end)", n)
			}
			if got := strings.Contains(s, `<mark class="hl`); got != c.marks {
				t.Errorf("highlights present: %v, want %v", got, c.marks)
			}
			if c.marks {
				if strings.Contains(s, "<script>document.title") || !strings.Contains(s, "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;") {
					t.Error("document text not escaped")
				}
				if strings.Contains(s, "scored again and their F1 differs") {
					t.Error("figures of the same run reported as different")
				}
			} else if !strings.Contains(s, "--corpus DIR") {
				t.Error("no hint to give --corpus")
			}
		})
	}
}

func TestReportUsageErrors(t *testing.T) {
	tmp := t.TempDir()
	notJSON := filepath.Join(tmp, "x.txt")
	if err := os.WriteFile(notJSON, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"report"},
		{"report", filepath.Join(tmp, "missing")},
		{"report", tmp}, // no tables
		{"report", notJSON},
		{"report", tmp, "--corpus", tmp},
		{"report", "-o", filepath.Join(tmp, "r.html"), notJSON, "--predictions", tmp},
	} {
		if code := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// The report of a sharded run (three shards and finalize: a folder of
// three parts per table) reads every part: the same counts, top lists and
// quotes, in the same order, as the report of one run over the same input.
func TestReportOfShardedRun(t *testing.T) {
	tmp := t.TempDir()
	one, sharded := filepath.Join(tmp, "one"), filepath.Join(tmp, "sharded")
	if code := runCLI(t, "run", "--quiet", "-o", one, "../../corpus"); code != 0 {
		t.Fatalf("run: exit %d", code)
	}
	for i := range 3 {
		if code := runCLI(t, "run", "--quiet", "--shard", fmt.Sprintf("%d/3", i), "-o", sharded, "../../corpus"); code != 0 {
			t.Fatalf("shard %d: exit %d", i, code)
		}
	}
	if code := runCLI(t, "finalize", "--quiet", sharded); code != 0 {
		t.Fatalf("finalize: exit %d", code)
	}
	if parts, _ := tables.Parts(sharded, "quotes", tables.Parquet); len(parts) != 3 {
		t.Fatalf("quotes of the sharded run: %d parts, want 3", len(parts))
	}
	// The figures and lists that do not depend on row order.
	figures := regexp.MustCompile(`data-table="\w+"><b>[\d,]+</b>|<h2>[^<]*</h2>|data-speaker="[^"]*"`)
	summary := func(out string) []string {
		html := filepath.Join(tmp, filepath.Base(out)+".html")
		if code := runCLI(t, "report", out, "-o", html); code != 0 {
			t.Fatalf("report %s: exit %d", out, code)
		}
		page := readFile(t, html)
		got := figures.FindAllString(page, -1)
		slices.Sort(got)
		// The top people, organizations and speakers, and the quotes, as
		// shown.
		for _, section := range []string{`<section class="tops">`, `<section>\s*<h2>Quotes`} {
			got = append(got, regexp.MustCompile(`(?s)`+section+`.*?</section>`).FindString(page))
		}
		return got
	}
	want, got := summary(one), summary(sharded)
	if len(want) < 20 || len(want[len(want)-1]) < 1000 || len(want[len(want)-2]) < 1000 || !slices.Equal(got, want) {
		t.Errorf("report of the sharded run:\n%v\nof one run:\n%v", got, want)
	}
}
