package segment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"plenary/pipeline/synth"
)

func seg(t testing.TB) *Segmenter {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTokensHaveRuneOffsets(t *testing.T) {
	s := seg(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Chairman of «AMANAT» Yerlan Koshanov said.", []string{"Chairman", "of", "«", "AMANAT", "»", "Yerlan", "Koshanov", "said", "."}},
		{"“We call on you,” the head said.", []string{"“", "We", "call", "on", "you", ",", "”", "the", "head", "said", "."}},
		{"S.Mukashev and N. Uteshev met Madiyarova T.B. today.", []string{"S.Mukashev", "and", "N.", "Uteshev", "met", "Madiyarova", "T.B.", "today", "."}},
		{"Kazakhstan's Senate – the upper house", []string{"Kazakhstan", "'s", "Senate", "–", "the", "upper", "house"}},
		// an em dash inside a word is a token of its own (an en dash stays)
		{"FENWICK, N.C.—Ann Lee won 3–1—again.", []string{"FENWICK", ",", "N.C.", "—", "Ann", "Lee", "won", "3–1", "—", "again", "."}},
		{"“No—never,” she said.", []string{"“", "No", "—", "never", ",", "”", "she", "said", "."}},
		// a seed's number before a name is a token of its own; scores,
		// acronyms with a number and short words stay whole
		{"2-Ruben Claes (Belgium) beat 12-Holger Rune 2-0, COVID-19, 3-D.", []string{"2", "-", "Ruben", "Claes", "(", "Belgium", ")", "beat", "12", "-", "Holger", "Rune", "2-0", ",", "COVID-19", ",", "3-D", "."}},
		// initials whose last has two letters keep their period, as "T.B." does
		{"Urazaev B.Zh., deputy Akim, and Ye.N. Li met Abenov Zh.A. in the U.S. capital.",
			[]string{"Urazaev", "B.Zh.", ",", "deputy", "Akim", ",", "and", "Ye.N.", "Li", "met", "Abenov", "Zh.A.", "in", "the", "U.S.", "capital", "."}},
	}
	for _, tc := range tests {
		d := s.Segment(tc.text)
		var got []string
		for _, tok := range d.Tokens {
			if d.Slice(tok.Span) != tok.Text {
				t.Errorf("%q: token %q at %v slices to %q", tc.text, tok.Text, tok.Span, d.Slice(tok.Span))
			}
			got = append(got, tok.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	s := seg(t)
	tests := []struct {
		text string
		want []string
	}{
		{"HEADLINE WITHOUT A STOP\nFirst sentence here. Second one, by Mr. Smith, follows.\n\nThird.",
			[]string{"HEADLINE WITHOUT A STOP", "First sentence here.", "Second one, by Mr. Smith, follows.", "Third."}},
		{"The meeting was chaired by Nurymbetov B. B. He spoke first.",
			[]string{"The meeting was chaired by Nurymbetov B. B. He spoke first."}},
		{"Chairman N. Uteshev opened the meeting. It lasted an hour.",
			[]string{"Chairman N. Uteshev opened the meeting.", "It lasted an hour."}},
	}
	for _, tc := range tests {
		d := s.Segment(tc.text)
		var got []string
		for _, sp := range d.Sentences {
			got = append(got, d.Slice(sp))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func TestNonASCIIOffsets(t *testing.T) {
	s := seg(t)
	text := "«Қазақстан» — “Ақ жол” said Әлихан.\nЖаңа абзац."
	d := s.Segment(text)
	if len(d.Runes) != utf8.RuneCountInString(text) {
		t.Fatal("rune count")
	}
	for _, tok := range d.Tokens {
		if d.Slice(tok.Span) != tok.Text {
			t.Errorf("token %q slices to %q", tok.Text, d.Slice(tok.Span))
		}
	}
	if len(d.Paragraphs) != 2 || d.Slice(d.Paragraphs[1]) != "Жаңа абзац." {
		t.Errorf("paragraphs %v", d.Paragraphs)
	}
}

func FuzzSegment(f *testing.F) {
	s := seg(f)
	f.Add("Hello, “world”. «AMANAT» S.Mukashev\n\nNext.")
	f.Add("\xff\xfe broken")
	f.Fuzz(func(t *testing.T, text string) {
		d := s.Segment(text)
		if !slices.Equal(d.Runes, []rune(text)) {
			t.Fatalf("Runes %q, want %q", d.Runes, []rune(text))
		}
		n := len(d.Runes)
		prev := 0
		for _, tok := range d.Tokens {
			if tok.Start < prev || tok.End > n || tok.Start >= tok.End {
				t.Fatalf("bad token span %v (n=%d, prev=%d)", tok.Span, n, prev)
			}
			prev = tok.End
		}
		for _, sp := range d.Sentences {
			if sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
				t.Fatalf("bad sentence %v", sp)
			}
		}
	})
}

func BenchmarkSegment(b *testing.B) {
	s := seg(b)
	text := strings.Repeat("During a working trip to Turkestan, the head of the Republican Headquarters – Deputy Chairman of the FTURK Nurlan Uteshev took part in a meeting. “We call on the members,” he said.\n", 40)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Segment(text)
	}
}

// BenchmarkSegmentReport segments whole synthetic meeting reports (~4 KB,
// varied names and numbers), the shape plenary run sees.
func BenchmarkSegmentReport(b *testing.B) {
	s := seg(b)
	g, err := synth.New(1)
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]string, 64)
	var n int64
	for i := range texts {
		_, texts[i] = g.Report(i)
		n += int64(len(texts[i]))
	}
	b.SetBytes(n / int64(len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Segment(texts[i%len(texts)])
	}
}

// checkPunktFrom fails unless punktFrom's answer for para gives the
// sentences punkt finds over the whole paragraph.
func checkPunktFrom(t *testing.T, s *Segmenter, para string) {
	t.Helper()
	want := s.punktSpans(nil, para, 0)
	from, ok := punktFrom(para)
	if !ok {
		if len(want) != 1 || want[0] != [2]int{0, len(para)} {
			t.Errorf("%q: punktFrom says one sentence, punkt finds %v", para, want)
		}
		return
	}
	if got := s.punktSpans(nil, para, from); !slices.Equal(got, want) {
		t.Errorf("%q: from %d: %v, punkt over all of it: %v", para, from, got, want)
	}
}

func TestPunktFrom(t *testing.T) {
	s := seg(t)
	tests := []struct {
		para string
		from int
		ok   bool
	}{
		{"HEADLINE WITHOUT A STOP", 0, false},
		{"According to her, dialogue is the only way forward.", 0, false},
		{"Did they agree?", 0, false},
		{"They met Madiyarova T.B.", 0, false},
		{"«The union will not accept any cut», he said!»", 0, false},
		{"It ends. Then more", 3, true},
		{"U.S. delegates came", 0, true},
		{"Chairman N. Uteshev opened the meeting. It lasted an hour.", 9, true},
		{"a\u00a0b. c", 3, true},
		{"Nurymbetov\u2003B. B. He spoke first.", 13, true},
	}
	for _, tc := range tests {
		from, ok := punktFrom(tc.para)
		if from != tc.from || ok != tc.ok {
			t.Errorf("punktFrom(%q) = %d, %v, want %d, %v", tc.para, from, ok, tc.from, tc.ok)
		}
		checkPunktFrom(t, s, tc.para)
	}
	// Every paragraph of some synthetic reports and of the project corpus.
	g, err := synth.New(5)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for i := 0; i < 20; i++ {
		_, txt := g.Report(i)
		texts = append(texts, txt)
	}
	files, _ := filepath.Glob("../../corpus/*.txt")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			if para := strings.TrimSpace(line); para != "" {
				checkPunktFrom(t, s, para)
			}
		}
	}
}

func FuzzPunktFrom(f *testing.F) {
	s := seg(f)
	f.Add("Chairman N. Uteshev opened the meeting. It lasted an hour.")
	f.Add("x\u00a0y. “Quote!” he said? (U.S.) end…")
	f.Add("a.b")
	f.Fuzz(func(t *testing.T, text string) {
		para := strings.TrimSpace(text)
		if !utf8.ValidString(para) || para == "" {
			return
		}
		checkPunktFrom(t, s, para)
	})
}
