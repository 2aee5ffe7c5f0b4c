package explain

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
	"plenary/pipeline/extract"
	"plenary/pipeline/lexicon"
)

func explained(t *testing.T, text string, opt Options) string {
	t.Helper()
	e, err := extract.New(lexicon.MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.ExtractTrace(doc.Doc{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Write(&b, x, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const text = "The Delegates of the Kenya National Progressive Alliance met in Nairobi. " +
	"“We will not stop now,” said Ann Lee. Chairman of the Water Council Nurlan Bekov spoke."

// Each item is printed with the rules that decided it, in order, with spans.
func TestWrite(t *testing.T) {
	out := explained(t, text, Options{Text: true})
	for _, want := range []string{
		"== organizations o1: Kenya National Progressive Alliance",
		`org.start.of-the-cut`, `[4-56) "Delegates of the Kenya National Progressive Alliance" -> [21-56)`,
		"== quotes direct q1", "sieve: quote.sieve.cue-after", "quote.cue.after-tight",
		"== people", "person.detect.name", "title.link.title-name",
		"== text ==",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// One item: only its rules, each with its doc line; an unknown item is an
// error naming the items there are.
func TestWriteItem(t *testing.T) {
	out := explained(t, text, Options{Item: "q1"})
	if !strings.Contains(out, "quote.sieve.cue-after") || !strings.Contains(out, "a person named with a reporting cue after the quote") {
		t.Errorf("item output lacks the sieve or its doc line:\n%s", out)
	}
	if strings.Contains(out, "org.start.of-the-cut") {
		t.Errorf("item output holds another item's rules:\n%s", out)
	}
	e, _ := extract.New(lexicon.MustLoadEmbedded())
	x, _ := e.ExtractTrace(doc.Doc{ID: "t", Text: text})
	err := Write(&strings.Builder{}, x, Options{Item: "q9"})
	if err == nil || !strings.Contains(err.Error(), "q1") {
		t.Errorf("unknown item: err = %v", err)
	}
}

// A role whose holder a role.* rule found (here a title-only reference
// resolved to the one governor) shows that rule, not only the title's
// detection.
func TestRoleShowsItsLinkRule(t *testing.T) {
	const text = "Gov. Ann Ray spoke in Tucson on Monday. Later the governor met the press."
	out := explained(t, text, Options{Item: "r2"})
	if !strings.Contains(out, "method: role.ref.") || !strings.Contains(out, "link     role.ref.") {
		t.Errorf("role item lacks its role.ref rule:\n%s", out)
	}
}
