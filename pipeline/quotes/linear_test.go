package quotes

import (
	"runtime"
	"strings"
	"testing"

	"plenary/pipeline/doc"
)

// TestSpeakerByNameLinear: naming the speaker of each of many quotes does
// not go through every person's names again (each pass lower-cased, split
// and joined them all: memory allocated grew with quotes × people).
func TestSpeakerByNameLinear(t *testing.T) {
	syl := []string{"ka", "lo", "mi", "ra", "ten", "vu", "zo", "bel", "dar", "fin", "gus", "hol"}
	name := func(i int) string {
		var b strings.Builder
		for k := 0; k < 3; k++ {
			b.WriteString(syl[i%len(syl)])
			i /= len(syl)
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	const n = 1500
	var text strings.Builder
	var people []doc.Person
	for i := 0; i < n; i++ {
		full := name(i) + " " + name(i+777)
		people = append(people, doc.Person{ID: "p" + itoa(i+1), Name: full, Aliases: []string{name(i + 777)}})
		text.WriteString("\u201cWe will act on this plan now,\u201d said " + full + ".\n")
	}
	in := Input{Seg: segmenter(t).Segment(text.String()), People: people}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	qs := Find(in)
	runtime.ReadMemStats(&after)
	named := 0
	for _, q := range qs {
		if q.SpeakerID != "" {
			named++
		}
	}
	if named < n/2 {
		t.Fatalf("%d of %d quotes have a speaker", named, len(qs))
	}
	if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(1000*text.Len()); got > limit {
		t.Errorf("%d bytes allocated for %d quotes and people (%d bytes of text), want at most %d", got, n, text.Len(), limit)
	}
}
