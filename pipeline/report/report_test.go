package report

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"plenary/pipeline/eval"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestFind(t *testing.T) {
	text := "Mr. N. Uteshev met Uteshev’s staff; UTESHEV\nspoke. Uteshevs and Nurlan   Uteshev left — at 5–6."
	cases := []struct {
		needle string
		words  bool
		want   []string
	}{
		{"Uteshev", true, []string{"Uteshev", "Uteshev", "UTESHEV", "Uteshev"}}, // not inside "Uteshevs"
		{"Uteshev", false, []string{"Uteshev", "Uteshev", "UTESHEV", "Uteshev", "Uteshev"}},
		{"Nurlan Uteshev", true, []string{"Nurlan   Uteshev"}}, // whitespace runs fold
		{"uteshev spoke", true, []string{"UTESHEV\nspoke"}},
		{"Uteshev's staff", true, []string{"Uteshev’s staff"}}, // typographic apostrophe folds
		{"5-6", true, []string{"5–6"}},
		{"N. Uteshev", true, []string{"N. Uteshev"}},
		{"  ", true, nil},
		{"Sadykova", true, nil},
	}
	h := newHaystack(text)
	rs := []rune(text)
	for _, c := range cases {
		var got []string
		for _, o := range h.find(c.needle, c.words) {
			got = append(got, string(rs[o[0]:o[1]]))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("find(%q, words=%v) = %q, want %q", c.needle, c.words, got, c.want)
		}
	}
}

func TestFindQuote(t *testing.T) {
	text := "He said: “The first paragraph of the statement ends here.\n\n“The second paragraph goes on and closes the quote at last,” he added."
	gold := "The first paragraph of the statement ends here. The second paragraph goes on and closes the quote at last,"
	h := newHaystack(text)
	occ := h.findQuote(gold)
	if len(occ) != 1 {
		t.Fatalf("findQuote found %v", occ)
	}
	got := string([]rune(text)[occ[0][0]:occ[0][1]])
	if !strings.HasPrefix(got, "The first") || !strings.HasSuffix(got, "at last,") {
		t.Errorf("found %q", got)
	}
	if occ := h.findQuote("A short quote not in the text"); occ != nil {
		t.Errorf("found a quote that is not there: %v", occ)
	}
}

func TestPick(t *testing.T) {
	got := pick([][2]int{{7, 14}, {0, 14}, {20, 27}, {0, 6}})
	if fmt.Sprint(got) != "[[0 14] [20 27]]" {
		t.Errorf("pick = %v", got)
	}
}

// bracketed prints nodes as text with [class ...] around marks and a *
// on the piece where a span begins.
func bracketed(ns []Node) string {
	var b strings.Builder
	for _, n := range ns {
		if !n.Mark {
			b.WriteString(n.Text)
			continue
		}
		star := ""
		if n.First {
			star = "*"
		}
		fmt.Fprintf(&b, "[%s%s %s]", star, n.Class, bracketed(n.Kids))
	}
	return b.String()
}

func TestNest(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		spans []Span
		want  string
	}{
		{"none", "plain text", nil, "plain text"},
		{"one", "a bc d", []Span{{Start: 2, End: 4, Class: "x"}}, "a [*x bc] d"},
		{"nested", "said Nurlan Uteshev today", []Span{{Start: 5, End: 19, Class: "p"}, {Start: 0, End: 25, Class: "q"}},
			"[*q said [*p Nurlan Uteshev] today]"},
		{"same extent keeps order", "abc", []Span{{Start: 0, End: 3, Class: "a"}, {Start: 0, End: 3, Class: "b"}},
			"[*a [*b abc]]"},
		{"crossing splits the later", "abcdef", []Span{{Start: 0, End: 4, Class: "x"}, {Start: 2, End: 6, Class: "y"}},
			"[*x ab[*y cd]][y ef]"},
		{"adjacent", "abcd", []Span{{Start: 0, End: 2, Class: "x"}, {Start: 2, End: 4, Class: "y"}}, "[*x ab][*y cd]"},
		{"multibyte", "Şükrü Yıldırımoğlu said", []Span{{Start: 6, End: 18, Class: "p"}}, "Şükrü [*p Yıldırımoğlu] said"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := bracketed(nest([]rune(c.text), c.spans)); got != c.want {
				t.Errorf("nest = %q, want %q", got, c.want)
			}
		})
	}
}

func plainText(ns []Node) string {
	var b strings.Builder
	for _, n := range ns {
		if n.Mark {
			b.WriteString(plainText(n.Kids))
		} else {
			b.WriteString(n.Text)
		}
	}
	return b.String()
}

func countFirst(ns []Node) int {
	n := 0
	for _, x := range ns {
		if x.First {
			n++
		}
		n += countFirst(x.Kids)
	}
	return n
}

// FuzzHighlight: whatever the text and the needles, the highlighted text
// reads exactly as the original and every occurrence starts one mark.
func FuzzHighlight(f *testing.F) {
	f.Add("Nurlan Uteshev said: “We will”. Uteshev left.", "Uteshev", "We will")
	f.Add("ÄÖ\u00a0\t  x<script>", "äö x", "<script>")
	f.Add("", "", "")
	f.Add("İstanbul ıi ǅ", "i̇stanbul", "ǆ")
	f.Fuzz(func(t *testing.T, text, a, b string) {
		h := newHaystack(text)
		var spans []Span
		for _, n := range []string{a, b} {
			for _, o := range h.find(n, true) {
				spans = append(spans, Span{Start: o[0], End: o[1], Class: "x"})
			}
			for _, o := range h.findQuote(n) {
				spans = append(spans, Span{Start: o[0], End: o[1], Class: "q"})
			}
		}
		rs := []rune(text)
		for _, s := range spans {
			if s.Start < 0 || s.End > len(rs) || s.Start >= s.End {
				t.Fatalf("bad span %v in %d runes", s, len(rs))
			}
		}
		ns := nest(rs, spans)
		if got := plainText(ns); got != string(rs) {
			t.Fatalf("text changed: %q -> %q", string(rs), got)
		}
		if got := countFirst(ns); got != len(spans) {
			t.Fatalf("%d spans begin, want %d", got, len(spans))
		}
	})
}

func TestBaselineFrom(t *testing.T) {
	full := `{"people": {"gold": 10, "pred": 8, "matched": 6, "precision": 0.75, "recall": 0.6, "f1": 0.5}}`
	cases := []struct {
		name string
		json string
		want string // people: precision recall f1, or "none"
	}{
		{"no baseline", `{"scope": ["people"]}`, "none"},
		{"comparison list of F1", `{"comparison": {"baseline": "x.json", "tables": [{"table": "people", "old": 0.5, "new": 0.6, "delta": 0.1}]}}`, "– – 0.500"},
		{"baseline result", `{"baseline": {"tables": ` + full + `}}`, "0.750 0.600 0.500"},
		{"comparison with nested baseline", `{"comparison": {"baseline": {"tables": ` + full + `}}}`, "0.750 0.600 0.500"},
		{"per-table baseline objects", `{"comparison": {"tables": {"people": {"baseline": {"gold": 1, "pred": 1, "matched": 1, "precision": 1, "recall": 1, "f1": 0.5}}}}}`, "1.000 1.000 0.500"},
		{"baseline_ numbers", `{"comparison": {"tables": {"people": {"f1": 0.9, "baseline_f1": 0.5, "baseline_recall": 0.4}}}}`, "– 0.400 0.500"},
		{"unreadable", `{"comparison": "yes", "baseline": [1, 2]}`, "none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(`{"documents": 1, "tables": {"people": {"gold": 10, "pred": 10, "matched": 9, "precision": 0.9, "recall": 0.9, "f1": 0.9}}, ` + strings.TrimPrefix(c.json, "{"))
			e, err := NewEval("x.json", data, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := "none"
			if b := e.Tables[0].Base; b != nil {
				got = fmtFig(b.Precision) + " " + fmtFig(b.Recall) + " " + fmtFig(b.F1)
			}
			if got != c.want {
				t.Errorf("baseline = %s, want %s", got, c.want)
			}
			if e.HasBaseline != (c.want != "none") {
				t.Errorf("HasBaseline = %v", e.HasBaseline)
			}
		})
	}
}

func TestNewEvalRejects(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"documents": 3}`, `not json`} {
		if _, err := NewEval("x.json", []byte(in), nil); err == nil {
			t.Errorf("NewEval(%q) accepted", in)
		}
	}
	if _, err := NewEval("x.json", []byte(`{"tables": {}}`), []byte(`{"format": "x"}`)); err == nil {
		t.Error("a baseline without figures accepted")
	}
}

func TestRunReport(t *testing.T) {
	for _, format := range []string{"parquet", "arrow"} {
		t.Run(format, func(t *testing.T) {
			dir, counts := writeRun(t, format)
			r, err := ReadRun(dir, 10)
			if err != nil {
				t.Fatal(err)
			}
			out := render(t, Page{Run: r, Version: "test"})
			root := parseHTML(t, out)
			for table, n := range counts {
				cards := findAll(root, func(x *html.Node) bool { v, _ := attr(x, "data-table"); return hasClass(x, "stat") && v == table })
				if len(cards) != 1 {
					t.Errorf("%s: %d count cards", table, len(cards))
					continue
				}
				if got := strings.TrimSuffix(textOf(cards[0]), table); got != fmt.Sprint(n) {
					t.Errorf("%s: card says %q, want %d", table, got, n)
				}
			}
			rows := findAll(root, func(x *html.Node) bool { _, ok := attr(x, "data-speaker"); return x.Data == "tr" && ok })
			if int64(len(rows)) != counts["quotes"] || len(rows) == 0 {
				t.Errorf("quote browser has %d rows, quotes table %d", len(rows), counts["quotes"])
			}
			// Every quote is listed with its doc_id; the hostile one too.
			if !strings.Contains(textOf(byID(root, "quotes")), "zz-hostile") {
				t.Error("quote of zz-hostile not listed")
			}
			if len(r.People) == 0 || len(r.Speakers) == 0 || len(r.Orgs) == 0 {
				t.Errorf("top lists empty: %d people, %d speakers, %d orgs", len(r.People), len(r.Speakers), len(r.Orgs))
			}
			if len(r.Errors) != 3 {
				t.Errorf("%d error rows, want 3", len(r.Errors))
			}
			// Warnings are not failures: each row says which it is, and
			// the heading counts them apart.
			sec := byID(root, "errors")
			if sec == nil {
				t.Fatal("no errors section")
			}
			if h := textOf(findAll(sec, func(x *html.Node) bool { return x.Data == "h2" })[0]); h != "Errors (1) and warnings (2)" {
				t.Errorf("heading %q", h)
			}
			var sev []string
			for _, c := range findAll(sec, func(x *html.Node) bool { return x.Data == "td" && hasClass(x, "severity") }) {
				sev = append(sev, textOf(c))
			}
			if strings.Join(sev, ",") != "error,warning,warning" {
				t.Errorf("severity cells %q", sev)
			}
			// Direct speech is in quotation marks, indirect speech is not.
			for _, td := range findAll(byID(root, "quotes"), func(x *html.Node) bool { return hasClass(x, "qtext") }) {
				txt := textOf(td)
				switch {
				case strings.Contains(txt, "the plan is ready"):
					if strings.ContainsAny(txt, "“”\"") {
						t.Errorf("indirect speech quoted: %q", txt)
					}
				case strings.Contains(txt, "indirect"):
				default:
					if !strings.HasPrefix(txt, "“") {
						t.Errorf("direct speech not quoted: %q", txt)
					}
				}
			}
			checkHostile(t, root, hostileScript, hostileImg, "<b>X</b>")
			if strings.Contains(out, hostileScript) || strings.Contains(out, "<img") {
				t.Error("raw hostile markup in the output")
			}
		})
	}
}

func TestReadRunErrors(t *testing.T) {
	if _, err := ReadRun(t.TempDir(), 10); err == nil {
		t.Error("an empty folder read as a run")
	}
	for _, name := range []string{"people.parquet", "people/part-00000-00000.parquet"} {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "people"), 0o755)
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte("not parquet"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadRun(dir, 10); err == nil {
			t.Errorf("a broken parquet file (%s) read", name)
		}
	}
}

func TestEvalReport(t *testing.T) {
	for _, withBase := range []bool{false, true} {
		t.Run(fmt.Sprintf("baseline=%v", withBase), func(t *testing.T) {
			data, docs, _ := fixtureEval(t, withBase)
			e, err := NewEval("eval.json", data, nil)
			if err != nil {
				t.Fatal(err)
			}
			e.Docs = docs
			out := render(t, Page{Eval: e, Version: "test"})
			root := parseHTML(t, out)
			checkEvalDOM(t, root, withBase)
			if strings.Contains(out, hostileScript) || strings.Contains(out, "<img") {
				t.Error("raw hostile markup in the output")
			}
			if withBase {
				if v := elements(root, "div", "verdict", "bad"); len(v) != 1 || !strings.Contains(textOf(v[0]), "quotes F1 dropped") {
					t.Error("the comparison's regression verdict is not shown")
				}
				if len(elements(root, "h3")) == 0 || !strings.Contains(out, "regressed") {
					t.Error("the regressed table is not flagged")
				}
			}
		})
	}
}

// checkEvalDOM checks an eval report of the fixture: 7 charts (six tables and
// quotes end-to-end) of 3 bars, the comparison's baseline F1 bar beside each
// table's, highlights by status as the fixture's predictions make them, and
// the hostile text shown as text.
func checkEvalDOM(t *testing.T, root *html.Node, withBase bool) {
	t.Helper()
	charts := elements(root, "svg", "chart")
	if len(charts) != 7 {
		t.Errorf("%d charts, want 7", len(charts))
	}
	cur, base := len(elements(root, "rect", "bar", "cur")), len(elements(root, "rect", "bar", "base"))
	wantBase := 0
	if withBase {
		wantBase = 6 // the comparison gives F1 only, for the six tables
	}
	if cur != 21 || base != wantBase {
		t.Errorf("bars: %d now, %d baseline; want 21, %d", cur, base, wantBase)
	}
	got := highlights(root)
	want := map[string]int{matched: 7, missed: 10, spurious: 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("highlights %v, want %v", got, want)
	}
	// Classes say gold and/or predicted.
	for _, m := range elements(root, "mark", "hl") {
		gold, pred := hasClass(m, "gold"), hasClass(m, "pred")
		switch {
		case hasClass(m, matched) && !(gold && pred), hasClass(m, missed) && (!gold || pred), hasClass(m, spurious) && (gold || !pred):
			v, _ := attr(m, "class")
			t.Errorf("mark classes %q", v)
		}
	}
	if n := len(elements(root, "mark", "hl", "t-quotes", "wrong-speaker")); n != 1 {
		t.Errorf("%d wrong-speaker quote marks, want 1", n)
	}
	if n := len(elements(root, "details", "doc")); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
	checkHostile(t, root, hostileScript, hostileImg)
}

func TestEvalReportGolden(t *testing.T) {
	data, docs, _ := fixtureEval(t, true)
	e, err := NewEval("eval.json", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.Docs = docs
	out := render(t, Page{Eval: e, Version: "test"})
	path := filepath.Join("testdata", "eval.golden.html")
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if out != string(want) {
		t.Errorf("eval report differs from %s (run go test -update and look at the diff)", path)
	}
}

func TestWriteNeedsOneReport(t *testing.T) {
	if err := Write(&strings.Builder{}, Page{}); err == nil {
		t.Error("an empty page rendered")
	}
	if err := Write(&strings.Builder{}, Page{Run: &Run{}, Eval: &Eval{}}); err == nil {
		t.Error("a page with both rendered")
	}
}

func TestFullBaselineBars(t *testing.T) {
	data, _, c := fixtureEval(t, false)
	// A baseline file as eval --save-baseline writes it: full figures.
	res := eval.Score(c, nil, eval.Options{})
	var b strings.Builder
	b.WriteString(`{"format": "plenary-eval-baseline/1", "tables": {`)
	for i, tf := range res.Tables {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `%q: {"gold": %d, "pred": 1, "matched": 0, "precision": 0.5, "recall": 0.25, "f1": 0.3}`, tf.Table, tf.Gold)
	}
	b.WriteString(`}}`)
	e, err := NewEval("eval.json", data, []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	root := parseHTML(t, render(t, Page{Eval: e}))
	if n := len(elements(root, "rect", "bar", "base")); n != 18 {
		t.Errorf("%d baseline bars, want 18 (P, R, F1 of six tables)", n)
	}
}

// Against a baseline, the report lists each document's newly missed,
// newly spurious and newly wrong-speaker items with their sentence, as
// plenary eval --baseline prints them, not only their counts.
func TestEvalReportChanges(t *testing.T) {
	e, err := NewEval("eval.json", fixtureComparisonEval(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	root := parseHTML(t, render(t, Page{Eval: e, Version: "test"}))
	sec := byID(root, "changes")
	if sec == nil {
		t.Fatal("no section of changes since the baseline")
	}
	docs := elements(sec, "div", "change-doc")
	if len(docs) != 2 {
		t.Fatalf("%d documents with changes, want 2", len(docs))
	}
	items := map[string][]string{} // class -> "table label | context"
	for _, li := range findAll(docs[0], func(x *html.Node) bool { return x.Data == "li" }) {
		cls, _ := attr(li, "class")
		ctx := ""
		if c := elements(li, "div", "ctx"); len(c) == 1 {
			ctx = textOf(c[0])
			if len(elements(c[0], "mark")) != 1 {
				t.Errorf("context %q has no marked item", ctx)
			}
		}
		items[cls] = append(items[cls], textOf(li)+" | "+ctx)
	}
	has := func(class, what, sentence string) {
		t.Helper()
		for _, s := range items[class] {
			if strings.Contains(s, what) && strings.Contains(s, sentence) {
				return
			}
		}
		t.Errorf("no %s item %q with sentence %q in %q", class, what, sentence, items)
	}
	has("missed", "Aigerim Sadykova", "Aigerim Sadykova of the Union of Builders said")
	has("missed", "Astana", "Astana, March 4, 2021.")
	has("spurious", "Union Builders", "")
	has("wrong-speaker", "We will defend every miner", "Uteshev said")
	if h := textOf(elements(docs[0], "h3")[0]); !strings.Contains(h, "alpha-union-meeting") {
		t.Errorf("first document is %q, want the one with most losses", h)
	}
}
