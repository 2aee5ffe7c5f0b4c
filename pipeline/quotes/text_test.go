package quotes

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/doc"
	"plenary/pipeline/segment"
)

// The text helpers build their results without intermediate strings; these
// are the plain formulations they must agree with.

func refNormWords(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsSpace(r):
			flush()
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

func refQuoteText(rs []rune, segs []doc.Span) string {
	var parts []string
	for _, s := range segs {
		parts = append(parts, string(rs[s.Start:s.End]))
	}
	return collapse(strings.Join(parts, " "))
}

var textCases = []string{
	"",
	"   ",
	"“We will raise wages,” Ospanov said.",
	"  Don't\tstop\n\nBELIEVING  ",
	"Қазақстан КӘСІПОДАҚТАРЫ\u00a0және\u0085AMANAT",
	"İstanbul ΣΟΦΊΑ straße",
	"a\xffb \xc3 c", // invalid UTF-8 becomes U+FFFD
	"e\u0301te 2021–2023 75.5%",
}

// checkText compares every helper with its reference on s.
func checkText(t *testing.T, s string) {
	t.Helper()
	if got, want := normWords(s), refNormWords(s); !slices.Equal(got, want) {
		t.Errorf("normWords(%q) = %q, want %q", s, got, want)
	}
	if got, want := string(segment.AppendLower(nil, s)), strings.ToLower(s); got != want {
		t.Errorf("AppendLower(%q) = %q, want %q", s, got, want)
	}
	rs := []rune(s)
	// three segments, the middle one empty, as quoteText gets them
	a, b := len(rs)/3, 2*len(rs)/3
	segs := []doc.Span{{Start: 0, End: a}, {Start: a, End: a}, {Start: a, End: b}, {Start: b, End: len(rs)}}
	if got, want := quoteText(rs, segs), refQuoteText(rs, segs); got != want {
		t.Errorf("quoteText(%q) = %q, want %q", s, got, want)
	}
	if !utf8.ValidString(s) {
		return // segment hands on valid UTF-8 only
	}
	d := textSeg.Segment(s)
	for i, tk := range d.Tokens {
		if d.Low[i] != strings.ToLower(tk.Text) {
			t.Errorf("segment Low: %q -> %q, want %q", tk.Text, d.Low[i], strings.ToLower(tk.Text))
		}
	}
	if len(d.Low) != len(d.Tokens) {
		t.Errorf("segment Low: %d strings for %d tokens", len(d.Low), len(d.Tokens))
	}
}

var textSeg = func() *segment.Segmenter {
	s, err := segment.New()
	if err != nil {
		panic(err)
	}
	return s
}()

func TestTextHelpersMatchReference(t *testing.T) {
	for _, s := range textCases {
		checkText(t, s)
	}
	// the shared-buffer forms must still split and lower as written
	if got := normWords("Don't STOP, 2021–23"); !slices.Equal(got, []string{"dont", "stop", "202123"}) {
		t.Errorf("normWords = %q", got)
	}
	if got := quoteText([]rune(" a \n b "), []doc.Span{{Start: 0, End: 3}, {Start: 4, End: 7}}); got != "a b" {
		t.Errorf("quoteText = %q", got)
	}
}

func FuzzTextHelpers(f *testing.F) {
	for _, s := range append(textCases, fuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkText)
}
