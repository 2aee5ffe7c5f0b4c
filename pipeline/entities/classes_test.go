package entities

import (
	"strings"
	"testing"

	"plenary/pipeline/lexicon"
)

// TestClassIndexAgreesWithWords: the tokens layer's word classes give every
// word the same phrase starts and flags as entities' own word index, which
// setFlags uses where its lower-case form is not segment's.
func TestClassIndexAgreesWithWords(t *testing.T) {
	lx := lexicon.MustLoadEmbedded()
	l, x := buildLex(lx), lexicon.NewClassIndex(lx)
	for w, want := range l.words {
		if strings.Contains(w, " ") {
			continue // no token's lower-case form
		}
		if got := winfoOf(x.Of(w)); got != want {
			t.Errorf("%q: classes give %+v, entities' words %+v", w, got, want)
		}
	}
	x.Each(func(w string, c lexicon.WordClass) {
		if wi := winfoOf(c); wi != (winfo{}) && wi != l.words[w] {
			t.Errorf("%q: classes give %+v, entities' words %+v", w, wi, l.words[w])
		}
	})
	n := 0
	for _, w := range []string{"the", "said", "zxqv", "union", "minister", "smith"} {
		if got := winfoOf(x.Of(w)); got != l.words[w] {
			t.Errorf("%q: classes give %+v, entities' words %+v", w, got, l.words[w])
		}
		if l.words[w] != (winfo{}) {
			n++
		}
	}
	if n == 0 {
		t.Fatal("no sample word is in entities' words: the test checks nothing")
	}
}
