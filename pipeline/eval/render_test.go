package eval

import (
	"bytes"
	"strings"
	"testing"
)

// --per-doc: an id longer than score.py's 40-character column pushed its
// figures right; every row's figures now start in one column (ids of up to
// 40 characters keep score.py's layout, which the agreement tests check).
func TestRenderPerDocAligned(t *testing.T) {
	long := "azstarnews-2022-10-03-tucson-senior-center-endorsement-follow-up"
	a := Prediction{ID: "a", People: []Person{{Name: "Aigerim Sadykova"}}}
	b := Prediction{ID: long, People: []Person{{Name: "Bolat Nurzhanov"}}}
	r := Score(corpusOf(a, b), map[string]Prediction{"a": a, long: b}, Options{PerDoc: true, Tables: []string{"people"}})
	var buf bytes.Buffer
	if err := Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	var cols []int
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "  ") && strings.HasSuffix(line, "1.000") {
			cols = append(cols, len(line))
		}
	}
	if len(cols) != 2 || cols[0] != cols[1] {
		t.Errorf("per-document rows end at columns %v, want one column:\n%s", cols, buf.String())
	}
}
