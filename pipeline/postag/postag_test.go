package postag

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"plenary/pipeline/synth"
)

// TestMatchesProse tags texts with prose's own tagger and with this package
// over prose's tokens: the tags must agree. prose's tokenizer hands the same
// *Token for every occurrence of a word, so the tag it reports for a word is
// the one of its last occurrence: only those are compared. Tags outside the
// model's classes (prose's "-NONE-" for a word "0") are NN here.
func TestMatchesProse(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"The county's election commissioner, Frederick Moss, described the count as “on schedule and completely transparent.”",
		"Gordon Pike, 71, a retired engineer from the Burns Park neighborhood, who said the council was \"trading a neighborhood\".",
		"She called the current Labour Code 'a relic of 1971' that no longer protects anyone, e-mail x@y.org or www.example.com at 12.50 dollars.",
		"Whitaker called for finishing the wall and said Alcántara's proposal was \"a paperwork solution\" -- 0 * -LRB- émigré Ölmez.",
	}
	g, err := synth.New(7)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		_, text := g.Report(i)
		texts = append(texts, text)
	}
	ptbQuotes = false
	defer func() { ptbQuotes = true }()
	tg := &Tagger{M: m}
	words, same := 0, 0
	for _, text := range texts {
		pd, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		toks := pd.Tokens()
		ws := make([]string, len(toks))
		for i, tk := range toks {
			ws[i] = tk.Text
		}
		got := tg.Tag(ws, nil)
		last := map[string]int{}
		for i, w := range ws {
			last[w] = i
		}
		for i, tk := range toks {
			if last[tk.Text] != i {
				continue
			}
			words++
			want := tk.Tag
			if _, ok := m.TagOf(want); !ok {
				want = "NN"
			}
			if m.Name(got[i]) == want {
				same++
			} else {
				t.Logf("%q: prose %s, postag %s", tk.Text, tk.Tag, m.Name(got[i]))
			}
		}
	}
	if same < words {
		t.Errorf("%d of %d tags differ from prose's", words-same, words)
	}
}

// TestTags checks the tags a cue clause is read by, on invented text.
func TestTags(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tg := &Tagger{M: m}
	for _, tc := range []struct{ text, want string }{
		{"Ann Lee , who chairs the panel , said the plan was fair .", "NNP NNP , WP VBZ DT NN , VBD DT NN VBD JJ ."},
		{"He called the proposal “ a step backwards ” .", "PRP VBD DT NN `` DT NN NNS '' ."},
	} {
		got := tg.Tag(strings.Fields(tc.text), nil)
		var names []string
		for _, g := range got {
			names = append(names, m.Name(g))
		}
		if s := strings.Join(names, " "); s != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.text, s, tc.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load("not a model"); err == nil {
		t.Error("Load of no model: no error")
	}
	if _, err := parse("PTAG1\n\x05"); err == nil {
		t.Error("parse of a truncated file: no error")
	}
	if _, err := parse("PTAG2\n"); err == nil {
		t.Error("parse of another format: no error")
	}
}

func BenchmarkTag(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	tg := &Tagger{M: m}
	ws := strings.Fields("The county 's election commissioner , Frederick Moss , described the count as “ on schedule and completely transparent . ”")
	var out []Tag
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		out = tg.Tag(ws, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ws)), "ns/word")
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Load(modelBin); err != nil {
			b.Fatal(err)
		}
	}
}
