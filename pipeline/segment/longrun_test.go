package segment

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"plenary/pipeline/budget"
)

// longRuns are runs past longRun of the shapes prose peels one character at
// a time, and of the shapes that stop its peeling early.
var longRuns = []string{
	strings.Repeat(".", 300),
	strings.Repeat("'", 300),
	strings.Repeat(`"`, 300),
	strings.Repeat("(", 300),
	strings.Repeat("(", 150) + "x" + strings.Repeat(")", 150),
	strings.Repeat("$[", 40) + "word" + strings.Repeat(",;", 40),
	strings.Repeat("\u201c\u2018", 40) + "quoted" + strings.Repeat("\u2019\u201d", 40),
	strings.Repeat("&rsquo;", 20) + "x" + strings.Repeat("&rsquo;", 20),
	strings.Repeat("U.", 40),                                      // dotted initials, whole
	strings.Repeat("u.", 40) + strings.Repeat(".", 41),            // ... then periods
	strings.Repeat("A.", 30) + strings.Repeat(")", 50),            // ... then brackets
	"Smith's" + strings.Repeat(".", 100),                          // contraction
	strings.Repeat("(", 50) + "they'll" + strings.Repeat(")", 50), // prefixes, then contraction
	"don't" + strings.Repeat("!", 60),
	strings.Repeat("(", 60) + ":",                            // ends as an emoticon
	strings.Repeat("(", 60) + "Mr." + strings.Repeat(".", 3), // short special after peeling
	"https://example.org/a/very/long/path?with=query&and=more#frag).",
	strings.Repeat("\u0130", 20) + strings.Repeat(".", 60), // lower-casing widens İ
	strings.Repeat("x", 40) + "\x00" + strings.Repeat(".", 40),
	"«" + strings.Repeat("word-", 10) + "»" + strings.Repeat("…", 12),
}

func TestLongRunsMatchProse(t *testing.T) {
	s := seg(t)
	check := func(text string) {
		t.Helper()
		want := strings.Join(perRunTokens(s, text), " ")
		if got := strings.Join(fastTokens(s, text, new(scratch)), " "); got != want {
			t.Errorf("%.60q… (%d bytes):\n got %.300s\nwant %.300s", text, len(text), got, want)
		}
	}
	for _, run := range longRuns {
		check(run)
		check("a " + run + " b")
	}
	// Random runs over the characters prose's rules look at.
	alphabet := []string{".", "(", ")", `"`, "'", "$", "[", "]", ",", ":", ";", "!", "?",
		"a", "A", "s", "l", "n", "t", "re", "m", "\u201c", "\u201d", "\u2018", "\u2019",
		"&rsquo;", "é", "\u0130", "-", "x."}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		n := longRun + 1 + r.IntN(120)
		for b.Len() < n {
			// mostly one character over and over, as pathological text is
			c := alphabet[r.IntN(len(alphabet))]
			for k := r.IntN(40); k >= 0 && b.Len() < n; k-- {
				b.WriteString(c)
			}
		}
		run := b.String()
		if _, _, chunked := peel(proseSanitizer.Replace(run)); chunked {
			continue // not prose's tokens by design (see peel)
		}
		check(run)
	}
}

// TestLongRunsChunkedOnlyWhereWidthChanges: the one place fillLong departs
// from prose is a long run with a contraction and a character whose
// lower case has another length.
func TestLongRunsChunkedOnlyWhereWidthChanges(t *testing.T) {
	for _, run := range longRuns {
		if _, _, chunked := peel(proseSanitizer.Replace(run)); chunked {
			t.Errorf("%.40q: chunked", run)
		}
	}
	if _, _, chunked := peel(strings.Repeat("\u212a", 12) + "'s" + strings.Repeat(".", 40)); !chunked {
		t.Error("Kelvin signs with 's: not chunked")
	}
}

// TestLongRunsLinear: segmenting a long run of punctuation hands prose no
// run it would peel character by character, and allocates in proportion to
// its length (prose peeling suffixes copied its list of those peeled so far
// at every character: ~n²/2 pointers, 1 GB at 16 KB).
func TestLongRunsLinear(t *testing.T) {
	s := seg(t)
	longest := 0
	proseSeen = func(text string) {
		for _, f := range strings.Fields(text) {
			longest = max(longest, len(f))
		}
	}
	defer func() { proseSeen = nil }()
	for _, c := range []string{".", "'", `"`, "(", "\u201d"} {
		text := strings.Repeat(c, 16<<10)
		var before, after runtime.MemStats
		longest = 0
		runtime.ReadMemStats(&before)
		d := s.Segment(text)
		runtime.ReadMemStats(&after)
		if longest > longRun {
			t.Errorf("%q×16K: prose was handed a run of %d bytes", c, longest)
		}
		if want := utf8Count(text); len(d.Tokens) != want {
			t.Errorf("%q×16K: %d tokens, want one per character (%d)", c, len(d.Tokens), want)
		}
		// tokens (~50 bytes each), runes, offsets and pieces: ~100 bytes per character
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(400*len(text)); got > limit {
			t.Errorf("%q×16K: %d bytes allocated, want at most %d", c, got, limit)
		}
	}
}

func utf8Count(s string) int { return len([]rune(s)) }

// TestLongRunStops: one run of a whole document is cut short within a few
// thousand characters once the document's budget is stopped, not at its
// end.
func TestLongRunStops(t *testing.T) {
	s := seg(t)
	for _, run := range []string{strings.Repeat(".", 1<<20), strings.Repeat("(", 1<<20)} {
		var b budget.Budget
		b.Stop()
		if pieces := s.fillLong(nil, run, &b); b.Steps() > 4<<10 || len(pieces) > 4<<10 {
			t.Errorf("%q…: stopped, %d turns and %d pieces of a run of 1 MiB", run[:4], b.Steps(), len(pieces))
		}
	}
}
