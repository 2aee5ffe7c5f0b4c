// Package tablestest reads an output folder's Parquet tables back as rows
// of strings, for tests that compare two runs' tables (resume against an
// uninterrupted run, shards against one run). In: an output folder; out:
// per table, every part's rows in part order.
package tablestest

import (
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"plenary/pipeline/tables"
)

// Rows reads every table of the output folder out (each a folder of Parquet
// parts) as rows of strings, the parts in order. A table with no part fails
// the test.
func Rows(t testing.TB, out string) map[string][]string {
	t.Helper()
	m := map[string][]string{}
	for _, name := range tables.Tables {
		paths, _ := tables.Parts(out, name, tables.Parquet)
		if len(paths) == 0 {
			t.Fatalf("%s: no parts of %s", out, name)
		}
		for _, p := range paths {
			m[name] = append(m[name], PartRows(t, p)...)
		}
	}
	return m
}

// PartRows reads one Parquet part file as rows: each row its columns'
// values (arrow's ValueStr) joined by the unit separator \x1f.
func PartRows(t testing.TB, path string) []string {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer r.Close()
	fr, err := pqarrow.NewFileReader(r, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	rows := make([]string, tbl.NumRows())
	for c := 0; c < int(tbl.NumCols()); c++ {
		i := 0
		for _, chunk := range tbl.Column(c).Data().Chunks() {
			for k := 0; k < chunk.Len(); k++ {
				rows[i] += chunk.ValueStr(k) + "\x1f"
				i++
			}
		}
	}
	return rows
}
