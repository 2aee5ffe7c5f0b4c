package dates

import (
	"strings"
	"testing"
	"time"
)

// benchText is a report-like text written for the benchmark: mostly prose
// with names, numbers, Cyrillic and a few dates.
var benchText = strings.Repeat(`On Wednesday, July 26, under the leadership of the Chairman of the Federation
of Trade Unions Satybaldy Dauletalin, a regular meeting of the Executive Committee was held in Astana.
The meeting reviewed 1500 applications, 27 years of work and the 2021–2023 programme; «Қазақстан
кәсіподақтары» reported that since March 2019 more than 2,000 workers joined. Vision 2030 and Expo 2017
were mentioned, as were the Congress on 12 October and the Assembly on 5 December. Turnout was 75.5%,
call 8 701 555 12 12. In his letter the Acting General Secretary, Luke Triingle, highly appreciated the
Federation’s efforts in support of freedom of association in Kazakhstan and confirmed the decision.
`, 8)

func BenchmarkFind(b *testing.B) {
	pub := time.Date(2023, 7, 26, 0, 0, 0, 0, time.UTC)
	f := New(nil)
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f.Find(benchText, pub)
	}
}

// BenchmarkFindNoDates is the common case of prose without a date.
func BenchmarkFindNoDates(b *testing.B) {
	text := strings.Repeat("The union said that members of the Council met the Minister of Labour and Social Protection to discuss wages. ", 80)
	f := New(nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f.Find(text, time.Time{})
	}
}
