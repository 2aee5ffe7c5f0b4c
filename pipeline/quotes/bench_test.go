package quotes

import (
	"strings"
	"testing"
)

// BenchmarkFind runs Find on a long synthetic report (segmentation excluded).
func BenchmarkFind(b *testing.B) {
	para := "Deputy Chairman of the union Marat Ospanov met Asel Nurova in Astana. " +
		"“We will raise wages and protect every worker in the region,” Ospanov said. " +
		"According to him, the union has grown. The head of the union noted that “the plan works”.\n" +
		"«The programme “Safe Work” helps,» she said. Nurova said the talks were “difficult but useful”.\n"
	text := strings.Repeat(para, 200)
	in := buildInput(b, text, []ent{ospanov, nurova, org("o1", "union")}, []role{{"p1", "Deputy Chairman", "union"}})
	f := New(in.Lex)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.Find(in)
	}
}
