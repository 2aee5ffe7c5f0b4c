package extract

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// pathological is text built to find work that grows faster than the
// document (issue 12: long punctuation runs, short quoted phrases, thousands
// of names, bodies, titles and quotes, one long sentence or paragraph):
// each generator returns about n bytes of one shape. "normal" is synthetic
// reports, for reference.
var pathological = []struct {
	name string
	gen  func(n int) string
}{
	{"dots", func(n int) string { return strings.Repeat(".", n) }},
	{"apostrophes", func(n int) string { return strings.Repeat("'", n) }},
	{"dquotes", func(n int) string { return strings.Repeat(`"`, n) }},
	{"parens", func(n int) string { return strings.Repeat("(", n) }},
	{"mixedpunct", func(n int) string { return repeatTo(n, `.,;:!?"'()[]`) }},
	{"spaceddots", func(n int) string { return repeatTo(n, ". ") }},
	{"shortquotes", func(n int) string { return repeatTo(n, `"ab" `) }},
	{"curlyquotes", func(n int) string { return repeatTo(n, "\u201cab\u201d ") }},
	{"openquotes", func(n int) string { return repeatTo(n, "\u201cword ") }},
	{"quotemarks", func(n int) string { return repeatTo(n, "\u201c ") }},
	{"nopunct", func(n int) string { return repeatTo(n, "the council met and talked about the plan ") }},
	{"capitals", func(n int) string { return words(n, "", "", true) }},
	{"names", func(n int) string { return words(n, "", " said the plan was good. ", false) }},
	{"titlednames", func(n int) string { return words(n, "Senator ", " met Governor ", false) }},
	{"nested", func(n int) string {
		k := n / 4
		return strings.Repeat("( ", k) + "x" + strings.Repeat(" )", k)
	}},
	{"nestedtight", func(n int) string {
		k := n / 2
		return strings.Repeat("(", k) + "x" + strings.Repeat(")", k)
	}},
	{"dates", func(n int) string { return repeatTo(n, "On 12 March 2024 and May 3, ") }},
	{"saidcolon", func(n int) string { return repeatTo(n, "He said: ") }},
	{"ksurnames", func(n int) string { return words(n, "", " spoke. ", false, "K") }},
	{"quotesaid", func(n int) string { return words(n, "\u201cWe will act on this plan now,\u201d said ", ". ", false) }},
	{"cited", func(n int) string {
		return repeatTo(n, "It was called \u201ca plan for the whole of the region\u201d by many. ")
	}},
	{"longquote", func(n int) string {
		return "\u201c" + repeatTo(n, "the council met and talked about the plan ") + "\u201d he said."
	}},
	{"unclosed", func(n int) string { return "Smith said: \u201c" + repeatTo(n, "the council met and talked. ") }},
	{"orgs", func(n int) string { return words(n, "the ", " Council (TC) met the ", false) }},
	{"headofstate", func(n int) string { return words(n, "President ", " spoke to the Head of State. ", false) }},
	{"people", func(n int) string { return people(n, "K", "ov said the plan was good. ") }},
	{"kinitials", func(n int) string { return people(n, "K", "ov met K. Kalov. ") }},
	{"acronyms", func(n int) string { return strings.ToUpper(words(n, "the ", " met ", false)) }},
	{"orgheads", func(n int) string { return words(n, "the ", " Trade Union Council met the Council of ", false) }},
	{"bigpara", func(n int) string { return strings.ReplaceAll(synthText(n), "\n", " ") }},
	{"normal", synthText},
}

// people returns sentences naming distinct people: a known given name and
// a surname of prefix, syllables and a suffix, each followed by rest.
func people(n int, prefix, rest string) string {
	data, err := os.ReadFile("../lexicon/data/given_names.txt")
	if err != nil {
		panic(err)
	}
	var given []string
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(l, "#") {
			given = append(given, f[0])
		}
	}
	syl := []string{"ka", "lo", "mi", "ra", "ten", "vu", "zo", "bel", "dar", "fin", "gus", "hol"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(given[i%len(given)])
		b.WriteString(" ")
		b.WriteString(prefix)
		for k, j := 0, i; k < 4; k++ {
			b.WriteString(syl[j%len(syl)])
			j /= len(syl)
		}
		b.WriteString(rest)
	}
	return b.String()
}

func repeatTo(n int, unit string) string {
	return strings.Repeat(unit, max(1, n/len(unit)))
}

// words returns distinct capitalized two-word names (from syllables), each
// followed by sep, with lead before each pair's first word when pairs is
// false, or a stream of distinct capitalized words when caps is true.
func words(n int, lead, sep string, caps bool, surnamePrefix ...string) string {
	syl := []string{"ka", "lo", "mi", "ra", "ten", "vu", "zo", "bel", "dar", "fin", "gus", "hol", "ne", "pi", "sor", "tu"}
	name := func(i int) string {
		var b strings.Builder
		for k := 0; k < 4; k++ {
			b.WriteString(syl[i%len(syl)])
			i /= len(syl)
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if caps {
			b.WriteString(name(i))
			b.WriteByte(' ')
			continue
		}
		b.WriteString(lead)
		b.WriteString(name(i))
		b.WriteByte(' ')
		for _, p := range surnamePrefix {
			b.WriteString(p)
		}
		b.WriteString(name(i + 7919))
		b.WriteString(sep)
	}
	return b.String()
}

// BenchmarkPathological extracts each pathological shape at 256 and
// 512 KiB and 1 MiB (the default --max-doc-bytes). make bench-pathological runs it and prints the time ratio of
// each doubling, which must stay within 2.5 (a linear stage gives ~2). It
// reports the process's CPU time per extraction (cpu-ns/op) beside the
// wall time: on a shared machine the wall time of a few milliseconds moves
// by more than a doubling (and below 256 KiB, so does the CPU time of the
// smallest shapes).
func BenchmarkPathological(b *testing.B) {
	e := newExtractor(b)
	for _, c := range pathological {
		for _, n := range []int{256 << 10, 512 << 10, 1 << 20} {
			text := c.gen(n)
			b.Run(fmt.Sprintf("%s/%dKiB", c.name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				runtime.GC()
				cpu := cpuTime()
				for b.Loop() {
					if _, err := e.Extract(docOf(c.name, text)); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// cpuTime is the CPU time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
