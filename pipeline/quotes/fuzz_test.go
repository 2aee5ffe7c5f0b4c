package quotes

import (
	"strings"
	"testing"
	"unicode/utf8"

	"plenary/pipeline/doc"
)

var fuzzSeeds = []string{
	"“Hello,” he said.",
	"«Unclosed\n«reopened»",
	"‘90s don't ‘x’ “a ”b” »c« „d“",
	"\"a\" \"b \"c\" d\"",
	"“\n”\n“",
	"X: “",
	"According to him, the plan works.",
	"”’»«“‘",
	"Smith said that “",
	"''Archive,'' he said. ''\n''Reopened.'' 12'' ``x'' '''",
}

func FuzzScanMarks(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		var paras []doc.Span
		start := 0
		for i, r := range rs {
			if r == '\n' {
				if i > start {
					paras = append(paras, doc.Span{Start: start, End: i})
				}
				start = i + 1
			}
		}
		if start < len(rs) {
			paras = append(paras, doc.Span{Start: start, End: len(rs)})
		}
		last := -1
		for _, q := range scanMarks(rs, paras) {
			if q.open <= last {
				t.Fatalf("quotes overlap or go backwards at %d", q.open)
			}
			for _, sg := range q.segs {
				if sg.Start < 0 || sg.End > len(rs) || sg.Start >= sg.End || sg.Start <= q.open {
					t.Fatalf("bad segment %v (open %d, len %d)", sg, q.open, len(rs))
				}
				last = sg.End
			}
			if q.close >= 0 && (q.closeW < 1 || q.close+q.closeW > len(rs)) {
				t.Fatalf("bad closing mark %d+%d (len %d)", q.close, q.closeW, len(rs))
			}
			if q.close > last {
				last = q.close + q.closeW - 1
			}
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("“We are ready,” Marat Ospanov said. “The head said so,” the head of the union said.\nHe added: “Yes.”")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 4000 {
			return
		}
		ents := []ent{ospanov, nurova, org("o1", "Union")}
		in := buildInput(t, s, ents, []role{{"p1", "head", "Union"}})
		qs := Find(in)
		n := len(in.Seg.Runes)
		for i, q := range qs {
			if q.Start < 0 || q.End > n || q.Start > q.End {
				t.Fatalf("span %v out of text (%d runes)", q.Span, n)
			}
			if i > 0 && q.Start < qs[i-1].Start {
				t.Fatalf("not ordered")
			}
			if strings.TrimSpace(q.Text) == "" {
				t.Fatalf("empty quote text")
			}
			if q.Kind != doc.Direct && q.Kind != doc.Indirect {
				t.Fatalf("kind %q", q.Kind)
			}
		}
	})
}
