package segment

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"plenary/pipeline/synth"
)

// referenceTokens is the straightforward way: prose over the whole text,
// every token aligned back, as byte offsets "start:end", with "+" when
// whitespace or the text start precedes it. tokens() must give exactly this.
func referenceTokens(s *Segmenter, text string) []string {
	pd, err := prose.NewDocument(text, prose.UsingModel(s.model), prose.WithSegmentation(false),
		prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	var out []string
	cur := 0
	for _, pt := range pd.Tokens() {
		at := align(text, cur, pt.Text)
		if at < 0 {
			continue
		}
		end := at + matchLen(text[at:], pt.Text)
		r, _ := utf8.DecodeLastRuneInString(text[:at])
		space := at == 0 || unicode.IsSpace(r)
		for _, p := range splitPunct(nil, text, at, end) {
			out = append(out, fmt.Sprintf("%d:%d%s", p[0], p[1], plus(space)))
			space = false
		}
		cur = end
	}
	return out
}

// fastTokens is rawTokens with scratch sc, whose piece cache may be warm
// from earlier texts, as byte offsets.
func fastTokens(s *Segmenter, text string, sc *scratch) []string {
	d := &Doc{Text: text}
	d.Runes, sc.b2r = decode(sc.b2r, text)
	s.rawTokens(d, sc)
	r2b := make(map[int32]int, len(text))
	for i := len(text); i >= 0; i-- {
		r2b[sc.b2r[i]] = i
	}
	var out []string
	for _, t := range d.Tokens {
		out = append(out, fmt.Sprintf("%d:%d%s", r2b[int32(t.Start)], r2b[int32(t.End)], plus(t.SpaceBefore)))
	}
	return out
}

func plus(space bool) string {
	if space {
		return "+"
	}
	return ""
}

func TestFastPathMatchesProse(t *testing.T) {
	s := seg(t)
	texts := []string{
		"Chairman of «AMANAT» Yerlan Koshanov said.",
		"“We call on you,” the head said. Don't they'll it's $100 (in brackets) [x] a:b?",
		"S.Mukashev and N. Uteshev met Madiyarova T.B. today; Kazakhstan's Senate – the upper house…",
		"Dr. Smith’s “quote” and ‘single’ quotes, e-mail@example.com, 1,038 people, 12.5%, U.S.A. and Mr. X.",
		"NUL\x00inside “quoted,” ‘single’ and (x) it's.",
		"tabs\tand\u00a0non-breaking\u2003spaces, &rsquo;entities&rsquo; and émigré Ölmez Çağrı.\n\nNew paragraph :) (-8",
	}
	g, err := synth.New(3)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		_, txt := g.Report(i)
		texts = append(texts, txt)
	}
	if files, _ := filepath.Glob("../../corpus/*.txt"); len(files) > 0 {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	// Past cacheMax distinct punctuated runs the cache starts afresh.
	var many strings.Builder
	for i := 0; i < cacheMax+100; i++ {
		fmt.Fprintf(&many, "w%d, ", i)
	}
	texts = append(texts, many.String(), texts[1])
	// warm carries its piece cache from text to text, as a worker does.
	warm := new(scratch)
	for _, text := range texts {
		want := strings.Join(referenceTokens(s, text), " ")
		for _, sc := range []*scratch{new(scratch), warm, warm} {
			got := strings.Join(fastTokens(s, text, sc), " ")
			if got != want {
				gs, ws := strings.Fields(got), strings.Fields(want)
				for k := 0; k < len(gs) && k < len(ws); k++ {
					if gs[k] != ws[k] {
						t.Errorf("%.40q…: token %d: got %s want %s", text, k, gs[k], ws[k])
						break
					}
				}
				if len(gs) != len(ws) {
					t.Errorf("%.40q…: %d tokens, want %d", text, len(gs), len(ws))
				}
				break
			}
		}
	}
	if n := len(warm.cache.ents); n == 0 || n >= cacheMax+100 {
		t.Errorf("cache holds %d runs, want some and fewer than %d", n, cacheMax+100)
	}
}

// perRunTokens is prose run by run: prose splits at whitespace and
// tokenizes each run alone, so this is the exact reference even where prose
// drops part of a run ("'s'"), which misleads whole-text alignment.
func perRunTokens(s *Segmenter, text string) []string {
	var out []string
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		for _, t := range referenceTokens(s, text[i:j]) {
			var a, b int
			fmt.Sscanf(t, "%d:%d", &a, &b)
			out = append(out, fmt.Sprintf("%d:%d%s", a+i, b+i, plus(strings.HasSuffix(t, "+"))))
		}
		i = j
	}
	return out
}

func FuzzFastPathMatchesProse(f *testing.F) {
	f.Add("“We call on you,” the head said. ‘single’ &rsquo;x Don't N. Uteshev")
	f.Add("‘s’ &rsquo; x")
	f.Add("a\x00b (c) [d] $5 e.g. U.S. :) «AMANAT»")
	for _, run := range longRuns {
		f.Add("x " + run + " y")
	}
	s := seg(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || chunkedRun(text) {
			return
		}
		want := strings.Join(perRunTokens(s, text), " ")
		// A cold cache, then a pooled one, warm from earlier inputs.
		if got := strings.Join(fastTokens(s, text, new(scratch)), " "); got != want {
			t.Errorf("%q:\n got %s\nwant %s", text, got, want)
		}
		sc := scratchPool.Get().(*scratch)
		defer scratchPool.Put(sc)
		if got := strings.Join(fastTokens(s, text, sc), " "); got != want {
			t.Errorf("%q (warm cache):\n got %s\nwant %s", text, got, want)
		}
	})
}

// chunkedRun reports whether a run of text goes to prose in chunks, where
// fillLong departs from prose by design (see peel).
func chunkedRun(text string) bool {
	for _, f := range strings.FieldsFunc(text, unicode.IsSpace) {
		if _, _, chunked := peel(proseSanitizer.Replace(f)); len(f) > longRun && chunked {
			return true
		}
	}
	return false
}
