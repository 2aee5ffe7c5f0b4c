package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"plenary/pipeline/tables"
)

// allTables is the table contract, as the writer declares it.
var allTables = tables.Tables

// readTable reads a Parquet table back into rows of strings, one string per
// row with the columns joined, so two runs can be compared. path is a
// table's folder (every part, in order) or one part file.
func readTable(t *testing.T, path string) (arrow.Table, []string) {
	t.Helper()
	paths := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		paths, _ = tables.Parts(filepath.Dir(path), filepath.Base(path), tables.Parquet)
		if len(paths) == 0 {
			t.Fatalf("%s: no parts", path)
		}
	}
	var schema *arrow.Schema
	var cols [][]arrow.Array
	for _, p := range paths {
		sc, pc := readPart(t, p)
		if schema == nil {
			schema, cols = sc, pc
			continue
		}
		for i := range cols {
			cols[i] = append(cols[i], pc[i]...)
		}
	}
	tbl := array.NewTableFromSlice(schema, cols)
	rows := make([]string, tbl.NumRows())
	tr := array.NewTableReader(tbl, 1<<20)
	defer tr.Release()
	base := 0
	for tr.Next() {
		rec := tr.Record()
		for c := 0; c < int(rec.NumCols()); c++ {
			col := rec.Column(c)
			for i := 0; i < col.Len(); i++ {
				rows[base+i] += col.ValueStr(i) + "\x1f"
			}
		}
		base += int(rec.NumRows())
	}
	return tbl, rows
}

// readPart reads one Parquet file: its schema with the file's metadata,
// and its columns' chunks.
func readPart(t *testing.T, path string) (*arrow.Schema, [][]arrow.Array) {
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
	sc, err := fr.Schema()
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	// ReadTable does not carry the file's schema metadata; keep it.
	md := sc.Metadata()
	cols := tableColumns(tbl)
	for _, c := range cols {
		for _, a := range c {
			a.Retain()
		}
	}
	schema := arrow.NewSchema(tbl.Schema().Fields(), &md)
	tbl.Release()
	return schema, cols
}

func runCLI(t *testing.T, args ...string) int {
	t.Helper()
	return execute(args)
}

func readRunJSON(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRunWritesEveryTable(t *testing.T) {
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "../../corpus", "-o", out); code != 0 {
		t.Fatalf("exit %d", code)
	}
	rj := readRunJSON(t, out)
	counts := rj["counts"].(map[string]any)
	for _, name := range allTables {
		tbl, rows := readTable(t, filepath.Join(out, name))
		if got, want := len(rows), int(counts[name].(float64)); got != want {
			t.Errorf("%s: %d rows, run.json says %d", name, got, want)
		}
		md := tbl.Schema().Metadata()
		if v, ok := md.GetValue("plenary.version"); !ok || v != Version {
			t.Errorf("%s: plenary.version = %q", name, v)
		}
		if _, ok := md.GetValue("plenary.schema_version"); !ok {
			t.Errorf("%s: no plenary.schema_version", name)
		}
		tbl.Release()
	}
	for _, name := range []string{"documents", "people", "organizations", "locations", "roles", "dates", "quotes", "mentions"} {
		if counts[name].(float64) == 0 {
			t.Errorf("%s: no rows extracted from the corpus", name)
		}
	}
}

func TestRunDeterministicAcrossWorkers(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if code := runCLI(t, "run", "--quiet", "--workers", "1", "-o", a, "../../corpus"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if code := runCLI(t, "run", "--quiet", "--workers", "2", "-o", b, "../../corpus"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, name := range allTables {
		ta, ra := readTable(t, filepath.Join(a, name))
		tb, rb := readTable(t, filepath.Join(b, name))
		ta.Release()
		tb.Release()
		if strings.Join(ra, "\n") != strings.Join(rb, "\n") {
			t.Errorf("%s differs between 1 and 2 workers", name)
		}
	}
}

func TestRunBadInputsGoToErrors(t *testing.T) {
	in := t.TempDir()
	files := map[string]string{
		"good-2022-05-23.txt": "Chairman of the Federation of Trade Unions Nurlan Seitkali met workers in Aktobe on May 6 of this year.\n“We will defend wages,” Seitkali said.",
		"empty.txt":           "",
		"binary.txt":          "abc\x00\x01\x02def",
		"latin1.txt":          "caf\xe9 au lait",
		"notes.csv":           "a,b\n",
	}
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(in, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file named in the folder that cannot be opened (an INPUT that does
	// not exist is a usage error instead: see TestRunNothingToReadKeepsOut).
	if err := os.Symlink("gone.txt", filepath.Join(in, "missing.txt")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, in); code != 1 {
		t.Fatalf("exit %d, want 1 (some documents failed)", code)
	}
	rj := readRunJSON(t, out)
	docs := rj["documents"].(map[string]any)
	// empty.txt and latin1.txt (decoded as Windows-1252) are processed with
	// a warning row each; binary.txt and missing.txt fail.
	if docs["ok"].(float64) != 3 || docs["failed"].(float64) != 2 || docs["skipped"].(float64) != 1 || docs["warnings"].(float64) != 2 {
		t.Errorf("documents = %v, want ok 3, failed 2, skipped 1, warnings 2", docs)
	}
	_, errs := readTable(t, filepath.Join(out, "errors"))
	if len(errs) != 4 {
		t.Fatalf("errors table has %d rows, want 4: %q", len(errs), errs)
	}
	joined := strings.Join(errs, "\n")
	for _, want := range []string{"empty", "binary", "windows-1252", "missing"} {
		if !strings.Contains(strings.ToLower(joined), strings.ToLower(want)) {
			t.Errorf("errors table does not mention %q:\n%s", want, joined)
		}
	}
	_, people := readTable(t, filepath.Join(out, "people"))
	if !strings.Contains(strings.Join(people, "\n"), "Nurlan Seitkali") {
		t.Errorf("the good document was not extracted: %q", people)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run"},
		{"run", "--format", "csv", "x"},
		{"run", "--no-such-flag", "x"},
		{"eval"},
		{"eval", "/does/not/exist"},
		{"bogus"},
		{"run", "--shard", "3/3", "../../corpus"},
		{"run", "--shard", "x", "../../corpus"},
		{"run", "--shards", "3", "../../corpus"},
		{"run", "--shard", "1/3", "--shards", "3", "../../corpus"},
		{"run", "--shard", "0/2", "-"},
		{"finalize"},
		{"finalize", "/does/not/exist"},
		// 0 would silently be the default.
		{"run", "--part-bytes", "0", "../../corpus"},
		{"finalize", "--part-bytes", "-1", "."},
	} {
		if code := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// plenary figures prints what make bench reads from run.json, the input
// bytes among them (not a file's: run.json lists files with their bytes).
func TestFigures(t *testing.T) {
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, "../../corpus"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	rj := readRunJSON(t, out)
	got := captureStdout(t, func() {
		if code := runCLI(t, "figures", out); code != 0 {
			t.Errorf("figures: exit %d", code)
		}
	})
	docs := rj["documents"].(map[string]any)["ok"].(float64)
	for _, want := range []string{fmt.Sprintf("bytes %.0f\n", rj["bytes"].(float64)), fmt.Sprintf("docs %.0f\n", docs), "\nstage registry "} {
		if !strings.Contains(got, want) {
			t.Errorf("figures printed %q, want a line %q", got, want)
		}
	}
}

// The seed report of the shared corpus yields its four people, its quotes and
// its date in the tables.
func TestSeedReport(t *testing.T) {
	seed := "../../../shared/corpus/kasipodaq-2022-05-23-turkestan.txt"
	if _, err := os.Stat(seed); err != nil {
		t.Skip("../shared/corpus not present")
	}
	in := t.TempDir()
	b, _ := os.ReadFile(seed)
	os.WriteFile(filepath.Join(in, "kasipodaq-2022-05-23-turkestan.txt"), b, 0o644)
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, in); code != 0 {
		t.Fatalf("exit %d", code)
	}
	tbl, _ := readTable(t, filepath.Join(out, "people"))
	names := column(tbl, "name")
	sort.Strings(names)
	want := []string{"Izmukhambetov Baktykozha", "Kairat Balabiev", "Nurlan Uteshev", "Toleubek Mukashev"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("people = %q, want %q", names, want)
	}
	tbl, _ = readTable(t, filepath.Join(out, "dates"))
	if v := column(tbl, "value"); fmt.Sprint(v) != "[2022-05-06]" {
		t.Errorf("dates = %q", v)
	}
	tbl, _ = readTable(t, filepath.Join(out, "quotes"))
	kinds, speakers := column(tbl, "kind"), column(tbl, "speaker_name")
	var direct []string
	for i, k := range kinds {
		if k == "direct" {
			direct = append(direct, speakers[i])
		}
	}
	if fmt.Sprint(direct) != "[Nurlan Uteshev Nurlan Uteshev Toleubek Mukashev]" {
		t.Errorf("direct quote speakers = %q", direct)
	}
}

func column(tbl arrow.Table, name string) []string {
	idx := tbl.Schema().FieldIndices(name)
	if len(idx) == 0 {
		return nil
	}
	var out []string
	for _, chunk := range tbl.Column(idx[0]).Data().Chunks() {
		for i := 0; i < chunk.Len(); i++ {
			out = append(out, chunk.ValueStr(i))
		}
	}
	return out
}

func tableColumns(tbl arrow.Table) [][]arrow.Array {
	cols := make([][]arrow.Array, tbl.NumCols())
	for i := range cols {
		cols[i] = tbl.Column(i).Data().Chunks()
	}
	return cols
}

func TestRunArrowFormat(t *testing.T) {
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "--format", "arrow", "-o", out, "../../corpus"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	rj := readRunJSON(t, out)
	counts := rj["counts"].(map[string]any)
	for _, name := range allTables {
		paths, format := tables.Parts(out, name, "")
		if len(paths) != 1 || format != tables.Arrow {
			t.Fatalf("%s: parts %v (%s), want one Arrow part", name, paths, format)
		}
		f, err := os.Open(paths[0])
		if err != nil {
			t.Fatal(err)
		}
		r, err := ipc.NewFileReader(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows := 0
		for i := 0; i < r.NumRecords(); i++ {
			rec, err := r.Record(i)
			if err != nil {
				t.Fatal(err)
			}
			rows += int(rec.NumRows())
		}
		if v, ok := r.Schema().Metadata().GetValue("plenary.version"); !ok || v != Version {
			t.Errorf("%s: plenary.version = %q", name, v)
		}
		r.Close()
		f.Close()
		if want := int(counts[name].(float64)); rows != want {
			t.Errorf("%s: %d rows, run.json says %d", name, rows, want)
		}
	}
}

// --lexicon DIR adds a user's entries without rebuilding: a village the
// built-in gazetteer does not know becomes a location.
func TestRunUserLexicon(t *testing.T) {
	in := t.TempDir()
	text := "Kokzhiyde hosted the trade union forum on Monday.\nDelegates from Kokzhiyde discussed wages."
	if err := os.WriteFile(filepath.Join(in, "village.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	lex := t.TempDir()
	if err := os.WriteFile(filepath.Join(lex, "places.txt"), []byte("# my villages\nKokzhiyde\tcity\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	locations := func(args ...string) []string {
		out := t.TempDir()
		if code := runCLI(t, append([]string{"run", "--quiet", "-o", out, in}, args...)...); code != 0 {
			t.Fatalf("exit %d", code)
		}
		tbl, _ := readTable(t, filepath.Join(out, "locations"))
		defer tbl.Release()
		return column(tbl, "name")
	}
	if got := locations(); strings.Contains(fmt.Sprint(got), "Kokzhiyde") {
		t.Fatalf("without the user lexicon Kokzhiyde should be unknown, got %q", got)
	}
	if got := locations("--lexicon", lex); fmt.Sprint(got) != "[Kokzhiyde]" {
		t.Errorf("with the user lexicon: locations = %q, want [Kokzhiyde]", got)
	}
	if code := runCLI(t, "run", "--quiet", "-o", t.TempDir(), "--lexicon", filepath.Join(lex, "nope"), in); code != 2 {
		t.Errorf("missing --lexicon dir: exit %d, want 2", code)
	}
}

// --workers N bounds the cores of the whole run; GOMAXPROCS in the
// environment, 0 workers and more workers than cores leave it alone.
func TestLimitCores(t *testing.T) {
	orig := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(orig)
	for _, tc := range []struct {
		env     string
		procs   int // GOMAXPROCS before
		workers int
		want    int
	}{
		{"", 4, 1, 1},
		{"", 4, 3, 3},
		{"", 4, 0, 4},
		{"", 2, 8, 2},
		{"4", 4, 1, 4},
	} {
		t.Setenv("GOMAXPROCS", tc.env)
		runtime.GOMAXPROCS(tc.procs)
		restore := limitCores(tc.workers)
		if got := runtime.GOMAXPROCS(0); got != tc.want {
			t.Errorf("GOMAXPROCS=%q, %d procs, --workers %d: got %d procs, want %d", tc.env, tc.procs, tc.workers, got, tc.want)
		}
		restore()
		if got := runtime.GOMAXPROCS(0); got != tc.procs {
			t.Errorf("--workers %d: restored %d procs, want %d", tc.workers, got, tc.procs)
		}
	}
}

// The run's memory budget: a soft limit by workers and GOGC 400, unless the
// environment sets either; restored afterwards.
func TestMemoryBudget(t *testing.T) {
	for _, tc := range []struct {
		gomemlimit, gogc string
		workers          int
		wantLimit        int64
		wantPercent      int
	}{
		{"", "", 1, 80 << 20, 400},
		{"", "", 2, 96 << 20, 400},
		{"200MiB", "", 2, -1, -1}, // -1: left as it was
		{"", "150", 2, -1, -1},
	} {
		t.Setenv("GOMEMLIMIT", tc.gomemlimit)
		t.Setenv("GOGC", tc.gogc)
		beforeLimit, beforePercent := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
		debug.SetGCPercent(beforePercent) // SetGCPercent(-1) turned the GC off
		restore := setMemoryLimit(tc.workers)
		gotLimit, gotPercent := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
		debug.SetGCPercent(gotPercent)
		wantLimit, wantPercent := tc.wantLimit, tc.wantPercent
		if wantLimit < 0 {
			wantLimit, wantPercent = beforeLimit, beforePercent
		}
		if gotLimit != wantLimit || gotPercent != wantPercent {
			t.Errorf("GOMEMLIMIT=%q GOGC=%q --workers %d: limit %d, GOGC %d; want %d, %d",
				tc.gomemlimit, tc.gogc, tc.workers, gotLimit, gotPercent, wantLimit, wantPercent)
		}
		restore()
		afterLimit, afterPercent := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
		debug.SetGCPercent(afterPercent)
		if afterLimit != beforeLimit || afterPercent != beforePercent {
			t.Errorf("not restored: limit %d, GOGC %d; want %d, %d", afterLimit, afterPercent, beforeLimit, beforePercent)
		}
	}
}
