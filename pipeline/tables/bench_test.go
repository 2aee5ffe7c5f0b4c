package tables

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"plenary/pipeline/doc"
	"plenary/pipeline/extract"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/synth"
)

// benchDocs is how many synthetic reports the writer benchmarks extract:
// about 4 KB each, so 4 MB of text and ~110k rows over all tables, enough
// for several flushed batches and row groups in the large tables.
const benchDocs = 1000

var (
	realisticOnce sync.Once
	realisticXs   []doc.Extraction
	realisticErr  error
)

// realistic returns extractions of the first benchDocs reports of the
// synthetic corpus that `make bench` uses (seed 1), made by the real
// extractor, so value lengths, repetition and row counts per table are what
// the writer sees in a run rather than sample()'s handful of literals.
func realistic(tb testing.TB) []doc.Extraction {
	tb.Helper()
	realisticOnce.Do(func() {
		g, err := synth.New(1)
		if err != nil {
			realisticErr = err
			return
		}
		ex, err := extract.New(lexicon.MustLoadEmbedded())
		if err != nil {
			realisticErr = err
			return
		}
		for i := 0; i < benchDocs; i++ {
			name, text := g.Report(i)
			d := doc.Doc{
				ID:     strings.TrimSuffix(name, ".txt"),
				Source: "/tmp/plenary-bench/corpus/" + name,
				Text:   text,
			}
			// synth names end in the report's date, as plenary run reads it.
			base := filepath.Base(d.ID)
			if t, err := time.Parse("2006-01-02", base[len(base)-10:]); err == nil {
				d.Published = t
			}
			x, err := ex.Extract(d)
			if err != nil {
				realisticErr = err
				return
			}
			x.Doc.Text = "" // the writer never reads it; keep the benchmark's heap honest
			realisticXs = append(realisticXs, x)
		}
	})
	if realisticErr != nil {
		tb.Fatal(realisticErr)
	}
	return realisticXs
}

// benchmarkWrite writes the realistic extractions into a fresh Set per
// iteration, as a run of benchDocs documents would. It reports the bytes
// written (all tables) and the rows per iteration alongside ns/op and
// allocs/op: what the collector goroutine spends in tables. Every document
// is distinct, as in a real corpus; writing the same ones over again would
// flatter dictionaries. Run with TMPDIR on a tmpfs to leave out the disk.
func benchmarkWrite(b *testing.B, format string) {
	xs := realistic(b)
	rows := 0
	for _, x := range xs {
		rows += 1 + len(x.People) + len(x.Organizations) + len(x.Locations) + len(x.Roles) +
			len(x.Dates) + len(x.Quotes) + len(x.Mentions)
	}
	root := b.TempDir()
	var size int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(root, fmt.Sprint(i))
		s, err := Open(dir, format, testVersion, memory.NewGoAllocator())
		if err != nil {
			b.Fatal(err)
		}
		for _, x := range xs {
			if err := s.Add(x); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		size = 0
		for _, name := range Tables {
			st, err := os.Stat(filepath.Join(dir, name+"."+format))
			if err != nil {
				b.Fatal(err)
			}
			size += st.Size()
		}
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(size), "file-bytes")
	b.ReportMetric(float64(rows), "rows")
}

func BenchmarkWriteParquet(b *testing.B) { benchmarkWrite(b, Parquet) }
func BenchmarkWriteArrow(b *testing.B)   { benchmarkWrite(b, Arrow) }
