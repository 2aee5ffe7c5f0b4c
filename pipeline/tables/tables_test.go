package tables

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
)

const testVersion = "test-0.0.1"

var almaty = time.FixedZone("Asia/Almaty", 5*3600)

// sample builds n documents with every kind of row; document i has
// extraMentions more mentions than the two it always has, so tables can be
// pushed past the flush and row-group bounds.
func sample(n, extraMentions int) []doc.Extraction {
	var xs []doc.Extraction
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("doc%03d", i)
		x := doc.Extraction{
			Doc: doc.Doc{ID: id, Source: "corpus/" + id + ".txt"},
			Stats: doc.Stats{
				NChars: 1000 + i, NSentences: 10 + i, NTokens: 200 + i,
				SHA256: fmt.Sprintf("%064x", i),
			},
			People: []doc.Person{
				{ID: "p1", Name: "Қасым-Жомарт Тоқаев", Aliases: []string{"Тоқаев", "President Tokayev"}, Mentions: 3, Span: doc.Span{Start: 5, End: 23}},
				{ID: "p2", Name: "Ayşe Öztürk", Aliases: nil, Mentions: 1, Span: doc.Span{Start: 40, End: 51}},
			},
			Organizations: []doc.Organization{
				{ID: "o1", Name: "Federation of Trade Unions", Aliases: []string{"FTU"}, Acronym: "FTU", Mentions: 2, Span: doc.Span{Start: 60, End: 86}},
				{ID: "o2", Name: "Amanat party", Aliases: []string{}, Mentions: 1, Span: doc.Span{Start: 90, End: 102}},
			},
			Locations: []doc.Location{
				{ID: "l1", Name: "Астана", Mentions: 1, Span: doc.Span{Start: 0, End: 6}},
			},
			Roles: []doc.Role{
				{PersonID: "p1", PersonName: "Қасым-Жомарт Тоқаев", Title: "President", OrgID: "", OrgName: "", Span: doc.Span{Start: 1, End: 10}, Evidence: "President Tokayev said…"},
				{PersonID: "p2", PersonName: "Ayşe Öztürk", Title: "Chairwoman", OrgID: "o1", OrgName: "Federation of Trade Unions", Span: doc.Span{Start: 30, End: 40}, Evidence: "Chairwoman 🙂 of the FTU", Method: "rule:title-of-org"},
			},
			Dates: []doc.Date{
				{ID: "d1", Text: "May 6", Value: "2024-05-06", Date: time.Date(2024, 5, 6, 0, 0, 0, 0, almaty), Granularity: doc.Day, Span: doc.Span{Start: 110, End: 115}},
				{ID: "d2", Text: "March 1969", Value: "1969-03", Granularity: doc.Month, Span: doc.Span{Start: 120, End: 130}},
			},
			Quotes: []doc.Quote{
				{ID: "q1", Kind: doc.Direct, Text: "«Мы работаем» together", Span: doc.Span{Start: 140, End: 160}, SpeakerID: "p1", SpeakerName: "Қасым-Жомарт Тоқаев", SpeakerMention: "the Head of State", Attribution: doc.AttrTitle, Cue: "said", Confidence: 0.75, Sieve: "quote.sieve.title-reference"},
				{ID: "q2", Kind: doc.Indirect, Text: "wages will rise", Span: doc.Span{Start: 170, End: 185}, Attribution: doc.AttrNone, Confidence: 0.95},
			},
			Mentions: []doc.Mention{
				{EntityID: "l1", EntityType: doc.TypeLocation, Text: "Астана", Span: doc.Span{Start: 0, End: 6}, Sentence: 0, Method: "gazetteer"},
				{EntityID: "p1", EntityType: doc.TypePerson, Text: "Тоқаев", Span: doc.Span{Start: 7, End: 13}, Sentence: 0, Method: "rule:initials"},
			},
		}
		x.Doc.Text = "Text of " + id + "."
		if i == 1 {
			x.Doc.Encoding = "windows-1251"
		}
		if i == 2 {
			x.Doc.Extraction = "body"
		}
		if i%2 == 0 {
			x.Doc.URL = "https://example.org/" + id
			x.Doc.Title = "Заголовок " + id
			x.Doc.Published = time.Date(2024, 5, 6, 23, 30, 0, 0, almaty)
		}
		for k := 0; k < extraMentions; k++ {
			x.Mentions = append(x.Mentions, doc.Mention{
				EntityID: "o1", EntityType: doc.TypeOrganization, Text: "FTU",
				Span: doc.Span{Start: 200 + 4*k, End: 203 + 4*k}, Sentence: 1 + k/10, Method: "acronym",
			})
		}
		xs = append(xs, x)
	}
	return xs
}

var sampleErrors = []doc.DocError{
	{Source: "corpus/broken.txt", Stage: "ingest", Message: "invalid UTF-8"},
	{Source: "<stdin>:7", DocID: "x7", Stage: "extract", Message: "panic: index out of range"},
	{Source: "corpus/cp1251.txt", DocID: "cp1251", Stage: "ingest", Message: "decoded as windows-1251", Severity: doc.SeverityWarning},
}

// samplePersons and sampleTimeline are registry rows: one person seen
// undated, one dated; a title without organization.
var samplePersons = []doc.RegistryPerson{
	{UID: "P00000000000000a1", Name: "Ayşe Öztürk", Variants: []string{"Ayşe Öztürk"}, Documents: 5, Mentions: 5},
	{UID: "P00000000000000b2", Name: "Қасым-Жомарт Тоқаев", Variants: []string{"Қасым-Жомарт Тоқаев", "Тоқаев"}, Documents: 5, Mentions: 15,
		FirstSeen: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), LastSeen: time.Date(2024, 5, 7, 0, 0, 0, 0, time.UTC),
		Evidence: []string{"NAME-KEY: a ~ b"}},
}

var sampleTimeline = []doc.RoleSpan{
	{UID: "P00000000000000a1", Title: "Chairwoman", Org: "Federation of Trade Unions", Documents: 5},
	{UID: "P00000000000000b2", Title: "President", FirstSeen: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), LastSeen: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), Documents: 3},
}

// uidsOf gives each person of x an invented person_uid.
func uidsOf(x doc.Extraction) []string {
	out := make([]string, len(x.People))
	for i, p := range x.People {
		out[i] = "U-" + x.Doc.ID + "-" + p.ID
	}
	return out
}

// write writes xs (with their people), errs and the sample registry rows to
// a fresh Set in dir and closes it.
func write(t testing.TB, dir, format string, mem memory.Allocator, o options, xs []doc.Extraction, errs []doc.DocError) map[string]int64 {
	t.Helper()
	counts, _ := writeSet(t, dir, format, mem, o, xs, errs)
	return counts
}

// writeSet is write that also returns the Set's Files.
func writeSet(t testing.TB, dir, format string, mem memory.Allocator, o options, xs []doc.Extraction, errs []doc.DocError) (map[string]int64, []File) {
	t.Helper()
	s, err := open(dir, format, testVersion, mem, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range xs {
		if err := s.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range errs {
		if err := s.AddError(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range xs {
		if err := s.AddPeople(x.Doc.ID, x.People, uidsOf(x)); err != nil {
			t.Fatal(err)
		}
	}
	if len(xs) > 0 {
		for _, p := range samplePersons {
			if err := s.AddPerson(p); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range sampleTimeline {
			if err := s.AddRoleSpan(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	counts := s.Counts()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return counts, s.Files()
}

func defaults() options {
	return options{flushRows: defaultFlushRows, rowGroupRows: defaultRowGroupRows, rowGroupSize: defaultRowGroupSize}
}

// readBack reads one table file into a schema and rows of Go values:
// string, int32, float64, "YYYY-MM-DD" for date32, []string for lists, nil
// for null.
func readBack(t *testing.T, path, format string) (*arrow.Schema, []map[string]any) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	var recs []arrow.RecordBatch
	var schema *arrow.Schema
	switch format {
	case Parquet:
		// Not on the checked allocator: arrow-go v18.8.0's reader never
		// releases the DELTA_BINARY_PACKED decoder's bit-width buffer
		// (parquet/internal/encoding/delta_bit_packing.go), a reader-side
		// leak the Go allocator's GC absorbs and that is not ours to check.
		// The writer's allocations are checked by every test that writes.
		rmem := memory.NewGoAllocator()
		pf, err := file.NewParquetReader(f, file.WithReadProps(parquet.NewReaderProperties(rmem)))
		if err != nil {
			t.Fatal(err)
		}
		fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1000}, rmem)
		if err != nil {
			t.Fatal(err)
		}
		// The file's schema, with its key/value metadata; the table read
		// below carries the fields only.
		if schema, err = fr.Schema(); err != nil {
			t.Fatal(err)
		}
		tbl, err := fr.ReadTable(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer tbl.Release()
		if !tbl.Schema().Equal(schema) {
			t.Errorf("%s: table schema %s differs from file schema %s", path, tbl.Schema(), schema)
		}
		tr := array.NewTableReader(tbl, 1000)
		defer tr.Release()
		for tr.Next() {
			rec := tr.RecordBatch()
			rec.Retain()
			recs = append(recs, rec)
		}
	case Arrow:
		r, err := ipc.NewFileReader(f, ipc.WithAllocator(mem))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		schema = r.Schema()
		for i := 0; i < r.NumRecords(); i++ {
			rec, err := r.RecordBatch(i)
			if err != nil {
				t.Fatal(err)
			}
			rec.Retain()
			recs = append(recs, rec)
		}
	}
	var rows []map[string]any
	for _, rec := range recs {
		for i := 0; i < int(rec.NumRows()); i++ {
			row := map[string]any{}
			for c, col := range rec.Columns() {
				row[rec.ColumnName(c)] = value(t, col, i)
			}
			rows = append(rows, row)
		}
		rec.Release()
	}
	return schema, rows
}

func value(t *testing.T, a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i)
	case *array.Int32:
		return a.Value(i)
	case *array.Float64:
		return a.Value(i)
	case *array.Date32:
		return a.Value(i).FormattedString()
	case *array.List:
		vals := a.ListValues().(*array.String)
		start, end := a.ValueOffsets(i)
		out := []string{}
		for j := start; j < end; j++ {
			out = append(out, vals.Value(int(j)))
		}
		return out
	}
	t.Fatalf("unexpected column type %s", a.DataType())
	return nil
}

func TestRoundTrip(t *testing.T) {
	xs := sample(5, 3)
	for _, format := range []string{Parquet, Arrow} {
		t.Run(format, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			dir := filepath.Join(t.TempDir(), "out") // Open must create it
			// A small flush size so several batches reach each file.
			counts := write(t, dir, format, mem, options{flushRows: 4, rowGroupRows: 1000, rowGroupSize: 1 << 20}, xs, sampleErrors)

			want := map[string]int64{
				"documents": 5, "people": 10, "organizations": 10, "locations": 5, "roles": 10,
				"dates": 10, "quotes": 10, "mentions": 25, "errors": 3,
				"persons": 2, "role_timeline": 2,
			}
			if !reflect.DeepEqual(counts, want) {
				t.Errorf("Counts() = %v, want %v", counts, want)
			}
			got := map[string][]map[string]any{}
			for _, name := range Tables {
				schema, rows := readBack(t, onlyPart(t, dir, name, format), format)
				checkSchema(t, name, schema)
				if int64(len(rows)) != want[name] {
					t.Errorf("%s: read %d rows, want %d", name, len(rows), want[name])
				}
				got[name] = rows
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(Tables) {
				t.Errorf("dir holds %d entries, want %d (no .tmp left behind)", len(entries), len(Tables))
			}

			cells := []struct {
				table string
				row   int
				col   string
				want  any
			}{
				{"documents", 0, "doc_id", "doc000"},
				{"documents", 0, "url", "https://example.org/doc000"},
				{"documents", 1, "url", nil},
				{"documents", 1, "title", nil},
				{"documents", 0, "title", "Заголовок doc000"},
				// 23:30 in Almaty is still May 6 there, though May 6 18:30 UTC.
				{"documents", 0, "published", "2024-05-06"},
				{"documents", 1, "published", nil},
				{"documents", 3, "n_chars", int32(1003)},
				{"documents", 3, "n_sentences", int32(13)},
				{"documents", 3, "n_tokens", int32(203)},
				{"documents", 2, "sha256", fmt.Sprintf("%064x", 2)},
				{"people", 0, "name", "Қасым-Жомарт Тоқаев"},
				{"people", 0, "aliases", []string{"Тоқаев", "President Tokayev"}},
				{"people", 1, "aliases", []string{}},
				{"people", 1, "start", int32(40)},
				{"people", 1, "end", int32(51)},
				{"people", 0, "mentions", int32(3)},
				{"people", 2, "doc_id", "doc001"},
				{"organizations", 0, "acronym", "FTU"},
				{"organizations", 1, "acronym", nil},
				{"organizations", 1, "aliases", []string{}},
				{"locations", 0, "aliases", []string{}},
				{"locations", 0, "location_id", "l1"},
				{"roles", 0, "org_id", nil},
				{"roles", 0, "org_name", nil},
				{"roles", 1, "org_id", "o1"},
				{"roles", 1, "evidence", "Chairwoman 🙂 of the FTU"},
				{"dates", 0, "date", "2024-05-06"},
				{"dates", 1, "date", "1969-03-01"}, // from Value, before the epoch
				{"dates", 1, "granularity", "month"},
				{"quotes", 0, "text", "«Мы работаем» together"},
				{"quotes", 0, "confidence", 0.75},
				// As readers show it, not 0.949999988 (a float32 widened).
				{"quotes", 1, "confidence", 0.95},
				{"documents", 0, "text", "Text of doc000."},
				{"documents", 0, "extraction", nil},
				{"documents", 2, "extraction", "body"},
				{"quotes", 0, "speaker_mention", "the Head of State"},
				{"quotes", 1, "speaker_id", nil},
				{"quotes", 1, "speaker_name", nil},
				{"quotes", 1, "speaker_mention", nil},
				{"quotes", 1, "cue", nil},
				{"quotes", 1, "attribution", "none"},
				{"quotes", 0, "sieve", "quote.sieve.title-reference"},
				{"mentions", 4, "sentence", int32(1)},
				{"mentions", 4, "method", "acronym"},
				{"mentions", 1, "text", "Тоқаев"},
				{"errors", 0, "doc_id", nil},
				{"errors", 1, "doc_id", "x7"},
				{"errors", 1, "message", "panic: index out of range"},
				{"errors", 1, "severity", "error"}, // "" is an error
				{"errors", 2, "severity", "warning"},
				{"documents", 0, "encoding", "utf-8"}, // "" is UTF-8
				{"documents", 1, "encoding", "windows-1251"},
				{"roles", 0, "method", ""},
				{"roles", 1, "method", "rule:title-of-org"},
				{"people", 3, "person_uid", "U-doc001-p2"},
				{"persons", 0, "first_seen", nil},
				{"persons", 0, "merge_evidence", []string{}},
				{"persons", 1, "variants", []string{"Қасым-Жомарт Тоқаев", "Тоқаев"}},
				{"persons", 1, "documents", int32(5)},
				{"persons", 1, "mentions", int32(15)},
				{"persons", 1, "first_seen", "2024-05-06"},
				{"persons", 1, "last_seen", "2024-05-07"},
				{"persons", 1, "merge_evidence", []string{"NAME-KEY: a ~ b"}},
				{"role_timeline", 0, "org", "Federation of Trade Unions"},
				{"role_timeline", 0, "last_seen", nil},
				{"role_timeline", 1, "org", nil},
				{"role_timeline", 1, "person_uid", "P00000000000000b2"},
				{"role_timeline", 1, "documents", int32(3)},
			}
			for _, c := range cells {
				rows := got[c.table]
				if c.row >= len(rows) {
					t.Errorf("%s: no row %d", c.table, c.row)
					continue
				}
				if v := rows[c.row][c.col]; !reflect.DeepEqual(v, c.want) {
					t.Errorf("%s[%d].%s = %#v, want %#v", c.table, c.row, c.col, v, c.want)
				}
			}

			// Row order: doc_id ascending, and by start within a document.
			for _, name := range Tables[1:8] {
				rows := got[name]
				for i := 1; i < len(rows); i++ {
					a, b := rows[i-1], rows[i]
					if a["doc_id"].(string) > b["doc_id"].(string) ||
						a["doc_id"] == b["doc_id"] && a["start"].(int32) > b["start"].(int32) {
						t.Errorf("%s: row %d out of order: %v after %v", name, i, b, a)
					}
				}
			}
		})
	}
}

// checkSchema compares a schema read back with the declared one: names,
// types, nullability and the plenary metadata.
func checkSchema(t *testing.T, name string, got *arrow.Schema) {
	t.Helper()
	want := Schema(name, testVersion)
	if got.NumFields() != want.NumFields() {
		t.Fatalf("%s: %d fields, want %d:\n%s", name, got.NumFields(), want.NumFields(), got)
	}
	for i, w := range want.Fields() {
		g := got.Field(i)
		if g.Name != w.Name || !arrow.TypeEqual(g.Type, w.Type) || g.Nullable != w.Nullable {
			t.Errorf("%s: field %d = %s %s nullable=%v, want %s %s nullable=%v",
				name, i, g.Name, g.Type, g.Nullable, w.Name, w.Type, w.Nullable)
		}
	}
	md := got.Metadata()
	for i, w := range want.Fields() {
		// Descriptions travel with the file: in each field's metadata
		// (pyarrow, Arrow readers) and as file key/values (DuckDB's
		// parquet_kv_metadata).
		desc, _ := w.Metadata.GetValue(MetaDescription)
		if strings.TrimSpace(desc) == "" {
			t.Errorf("%s.%s has no description", name, w.Name)
		}
		if g, _ := got.Field(i).Metadata.GetValue(MetaDescription); g != desc {
			t.Errorf("%s.%s: description read back %q, want %q", name, w.Name, g, desc)
		}
		if g, _ := md.GetValue(MetaColumnPrefix + w.Name); g != desc {
			t.Errorf("%s: file metadata %s = %q, want %q", name, MetaColumnPrefix+w.Name, g, desc)
		}
	}
	for k, v := range map[string]string{MetaSchemaVersion: SchemaVersion, MetaVersion: testVersion} {
		if i := md.FindKey(k); i < 0 || md.Values()[i] != v {
			t.Errorf("%s: metadata %s missing or wrong in %v", name, k, md)
		}
	}
}

func TestSchemaContract(t *testing.T) {
	// The type rules the contract states, checked over every table.
	for _, name := range Tables {
		s := Schema(name, "v")
		if s == nil {
			t.Fatalf("no schema for %s", name)
		}
		for _, f := range s.Fields() {
			var want arrow.DataType
			switch f.Name {
			case "start", "end", "mentions", "sentence", "n_chars", "n_sentences", "n_tokens", "documents":
				want = arrow.PrimitiveTypes.Int32
			case "published", "date", "first_seen", "last_seen":
				want = arrow.FixedWidthTypes.Date32
			case "aliases", "variants", "merge_evidence":
				want = arrow.ListOfNonNullable(arrow.BinaryTypes.String)
			case "confidence":
				want = arrow.PrimitiveTypes.Float64
			default:
				want = arrow.BinaryTypes.String
			}
			if !arrow.TypeEqual(f.Type, want) {
				t.Errorf("%s.%s is %s, want %s", name, f.Name, f.Type, want)
			}
		}
	}
	if Schema("nope", "v") != nil {
		t.Error("Schema of an unknown table is not nil")
	}
	var always, optional []string
	for _, d := range defs {
		if d.optional {
			optional = append(optional, d.name)
		} else {
			always = append(always, d.name)
		}
	}
	if !slices.Equal(always, Tables) || !slices.Equal(optional, Optional) {
		t.Errorf("defs give tables %v and optional %v, want %v and %v", always, optional, Tables, Optional)
	}
}

func rowGroups(t *testing.T, path string) []int64 {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var sizes []int64
	for i := 0; i < r.NumRowGroups(); i++ {
		sizes = append(sizes, r.MetaData().RowGroup(i).NumRows())
	}
	return sizes
}

func TestRowGroupsBounded(t *testing.T) {
	tests := []struct {
		name     string
		o        options
		docs     int
		mentions int // extra per document
	}{
		{"small bounds", options{flushRows: 100, rowGroupRows: 1000, rowGroupSize: 1 << 30}, 7, 500},
		{"defaults", defaults(), 3, 25000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			dir := t.TempDir()
			counts := write(t, dir, Parquet, mem, tc.o, sample(tc.docs, tc.mentions), nil)

			total := int64(tc.docs * (tc.mentions + 2))
			if counts["mentions"] != total {
				t.Fatalf("mentions count %d, want %d", counts["mentions"], total)
			}
			sizes := rowGroups(t, onlyPart(t, dir, "mentions", Parquet))
			var sum int64
			for i, n := range sizes {
				sum += n
				if n > tc.o.rowGroupRows {
					t.Errorf("row group %d has %d rows, bound %d", i, n, tc.o.rowGroupRows)
				}
				// Only the last group may be short: WriteBuffered must fill
				// groups rather than start one per flushed batch.
				if i < len(sizes)-1 && n != tc.o.rowGroupRows {
					t.Errorf("row group %d has %d rows, want full %d", i, n, tc.o.rowGroupRows)
				}
			}
			if sum != total || len(sizes) < 2 {
				t.Errorf("row groups %v: %d rows in %d groups, want %d rows in > 1", sizes, sum, len(sizes), total)
			}
			// Small tables still get one group, not one per batch.
			if g := rowGroups(t, onlyPart(t, dir, "documents", Parquet)); len(g) != 1 {
				t.Errorf("documents has row groups %v, want one", g)
			}
		})
	}
}

func TestRowGroupByteBound(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	// Encoded pages count toward the bound once complete (1 MiB data pages,
	// or the dictionary overflowing 1 MiB), so write a few MiB of evidence
	// that neither dictionary-encodes nor compresses away.
	rng := rand.New(rand.NewPCG(1, 2))
	xs := sample(12, 0)
	for i := range xs {
		buf := make([]byte, 200_000)
		for j := range buf {
			buf[j] = 'a' + byte(rng.IntN(26))
		}
		xs[i].Roles[0].Evidence = string(buf)
	}
	write(t, dir, Parquet, mem, options{flushRows: 2, rowGroupRows: 1000, rowGroupSize: 1}, xs, nil)
	if g := rowGroups(t, onlyPart(t, dir, "roles", Parquet)); len(g) < 2 {
		t.Errorf("roles row groups %v, want the byte bound to split them", g)
	}
}

func TestInvalidDateAddsNothing(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	s, err := Open(dir, Parquet, testVersion, mem)
	if err != nil {
		t.Fatal(err)
	}
	xs := sample(2, 0)
	xs[1].Dates[0].Date = time.Time{}
	xs[1].Dates[0].Value = "sometime"
	if err := s.Add(xs[0]); err != nil {
		t.Fatal(err)
	}
	err = s.Add(xs[1])
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("Add with a bad date: err = %v, want ErrInvalid", err)
	}
	if c := s.Counts(); c["documents"] != 1 || c["mentions"] != 2 || c["dates"] != 2 {
		t.Errorf("counts after rejected document: %v", c)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, rows := readBack(t, onlyPart(t, dir, "dates", Parquet), Parquet)
	if len(rows) != 2 {
		t.Errorf("dates has %d rows, want 2", len(rows))
	}
}

func TestTempFilesUntilClose(t *testing.T) {
	for _, format := range []string{Parquet, Arrow} {
		t.Run(format, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			dir := t.TempDir()
			s, err := Open(dir, format, testVersion, mem)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Add(sample(1, 0)[0]); err != nil {
				t.Fatal(err)
			}
			names := func() []string {
				var ns []string
				filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
					if err == nil && !e.IsDir() {
						rel, _ := filepath.Rel(dir, path)
						ns = append(ns, filepath.ToSlash(rel))
					}
					return nil
				})
				sort.Strings(ns)
				return ns
			}
			var wantTmp, wantFinal []string
			for _, n := range Tables {
				wantTmp = append(wantTmp, n+"/"+PartName("00000", 0, format)+".tmp")
				wantFinal = append(wantFinal, n+"/"+PartName("00000", 0, format))
			}
			sort.Strings(wantTmp)
			sort.Strings(wantFinal)
			if got := names(); !reflect.DeepEqual(got, wantTmp) {
				t.Errorf("before Close: %v, want %v", got, wantTmp)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if got := names(); !reflect.DeepEqual(got, wantFinal) {
				t.Errorf("after Close: %v, want %v", got, wantFinal)
			}
			if err := s.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if err := s.Add(sample(1, 0)[0]); err == nil {
				t.Error("Add after Close succeeded")
			}
			if err := s.AddError(sampleErrors[0]); err == nil {
				t.Error("AddError after Close succeeded")
			}
		})
	}
}

func TestAbortRemovesFiles(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	s, err := open(dir, Parquet, testVersion, mem, options{flushRows: 2, rowGroupRows: 10, rowGroupSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range sample(3, 5) {
		if err := s.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	s.Abort()
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("after Abort the dir holds %d entries", len(es))
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close after Abort: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, dir, format string }{
		{"unknown format", dir, "csv"},
		{"dir is a file", blocker, Parquet},
		{"dir under a file", filepath.Join(blocker, "sub"), Arrow},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if s, err := Open(tc.dir, tc.format, testVersion, nil); err == nil {
				s.Abort()
				t.Fatal("Open succeeded")
			}
		})
	}
}

func TestEmptySet(t *testing.T) {
	// A run where every document failed still writes every table, empty.
	for _, format := range []string{Parquet, Arrow} {
		t.Run(format, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			dir := t.TempDir()
			write(t, dir, format, mem, defaults(), nil, nil)
			for _, name := range Tables {
				schema, rows := readBack(t, onlyPart(t, dir, name, format), format)
				checkSchema(t, name, schema)
				if len(rows) != 0 {
					t.Errorf("%s: %d rows", name, len(rows))
				}
			}
		})
	}
}

// TestWriteInteropSample writes sample Parquet tables and a matching run.json
// for interop/check.mjs. It runs only when PLENARY_INTEROP_OUT names the
// directory to write to.
func TestWriteInteropSample(t *testing.T) {
	dir := os.Getenv("PLENARY_INTEROP_OUT")
	if dir == "" {
		t.Skip("PLENARY_INTEROP_OUT not set")
	}
	start := time.Now().UTC()
	counts := write(t, dir, Parquet, memory.DefaultAllocator, options{flushRows: 100, rowGroupRows: 1000, rowGroupSize: 1 << 20}, sample(4, 600), sampleErrors)
	run := map[string]any{
		"version":   testVersion,
		"args":      []string{"go", "test", "-run", "TestWriteInteropSample"},
		"started":   start.Format(time.RFC3339),
		"finished":  time.Now().UTC().Format(time.RFC3339),
		"counts":    counts,
		"documents": map[string]int64{"ok": counts["documents"], "failed": counts["errors"], "skipped": 0},
	}
	b, err := json.MarshalIndent(run, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "run.json"), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkAdd(b *testing.B) {
	xs := sample(64, 40)
	rows := 0
	for _, x := range xs {
		rows += 1 + len(x.People) + len(x.Organizations) + len(x.Locations) + len(x.Roles) +
			len(x.Dates) + len(x.Quotes) + len(x.Mentions)
	}
	dir := b.TempDir()
	s, err := Open(dir, Parquet, testVersion, memory.NewGoAllocator())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Add(xs[i%len(xs)]); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(rows)/float64(len(xs)), "rows/doc")
}

func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes thousands of documents")
	}
	// With small bounds, Arrow memory held by the writer must plateau: the
	// peak over the second half of the run is no higher than a margin over
	// the first half's, though twice as many rows have gone through.
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	s, err := open(t.TempDir(), Parquet, testVersion, mem, options{flushRows: 100, rowGroupRows: 500, rowGroupSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	xs := sample(50, 10)
	const n = 4000
	var peak [2]int
	for i := 0; i < n; i++ {
		x := xs[i%len(xs)]
		x.Doc.ID = fmt.Sprintf("doc%06d", i)
		if err := s.Add(x); err != nil {
			t.Fatal(err)
		}
		peak[i*2/n] = max(peak[i*2/n], mem.CurrentAlloc())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if peak[1] > peak[0]*3/2 {
		t.Errorf("Arrow memory grows with the corpus: peak %d bytes in the first half, %d in the second", peak[0], peak[1])
	}
	t.Logf("peak Arrow memory: %d, %d bytes", peak[0], peak[1])
}

// FuzzAdd puts arbitrary text in every string field and in the date value:
// Add must accept it or reject it with ErrInvalid, never panic, and what is
// written must read back byte for byte (strings are not normalized) when
// it is UTF-8, else with U+FFFD for each invalid byte (TestStringsAlwaysUTF8).
func FuzzAdd(f *testing.F) {
	f.Add("Қасым-Жомарт", "2024-05", int64(0))
	f.Add("", "", int64(-1))
	f.Add("\x00\xff not utf-8 \u2028", "1999", int64(1<<40))
	f.Fuzz(func(t *testing.T, s, value string, unix int64) {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		x := sample(1, 0)[0]
		x.Doc.Title = s
		x.People[0].Name = s
		x.People[0].Aliases = []string{s, ""}
		x.Quotes[1].Cue = s
		x.Dates[1].Value = value
		if unix != 0 {
			x.Doc.Published = time.Unix(unix%(1<<35), 0).In(almaty)
		}
		dir := t.TempDir()
		s2, err := Open(dir, Arrow, testVersion, mem)
		if err != nil {
			t.Fatal(err)
		}
		if err := s2.Add(x); err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Add: %v", err)
			}
			s2.Abort()
			return
		}
		if err := s2.AddPeople(x.Doc.ID, x.People, uidsOf(x)); err != nil {
			t.Fatalf("AddPeople: %v", err)
		}
		if err := s2.Close(); err != nil {
			t.Fatal(err)
		}
		s = strings.ToValidUTF8(s, "\uFFFD")
		_, people := readBack(t, onlyPart(t, dir, "people", Arrow), Arrow)
		if people[0]["name"] != s || !reflect.DeepEqual(people[0]["aliases"], []string{s, ""}) {
			t.Errorf("people row = %v, want name and aliases %q", people[0], s)
		}
		_, docs := readBack(t, onlyPart(t, dir, "documents", Arrow), Arrow)
		if want := any(s); s == "" {
			if docs[0]["title"] != nil {
				t.Errorf("empty title read back as %#v, want null", docs[0]["title"])
			}
		} else if docs[0]["title"] != want {
			t.Errorf("title = %#v, want %#v", docs[0]["title"], want)
		}
		if unix != 0 {
			if got, want := docs[0]["published"], x.Doc.Published.Format("2006-01-02"); got != want {
				t.Errorf("published = %v, want %v (from %v)", got, want, x.Doc.Published)
			}
		}
	})
}

// longNames returns n documents whose dictionary columns (organization
// names, aliases and acronyms, mention text and method, speakers, cues)
// hold many distinct long values: more than the 256 KiB dictionary page
// limit plenary used to set, past which arrow-go fell back to PLAIN
// mid-chunk, and sha256 values in the documents table, which was dictionary
// encoded too. It is deterministic: a fixed seed.
func longNames(n int) []doc.Extraction {
	rng := rand.New(rand.NewPCG(3, 4))
	word := func(k int) string {
		b := make([]byte, k)
		for i := range b {
			b[i] = 'a' + byte(rng.IntN(26))
		}
		return string(b)
	}
	xs := sample(n, 0)
	for i := range xs {
		x := &xs[i]
		x.Stats.SHA256 = word(64)
		for k := 0; k < 60; k++ {
			id := fmt.Sprintf("o%d", k+3)
			name := word(120)
			x.Organizations = append(x.Organizations, doc.Organization{
				ID: id, Name: name, Aliases: []string{word(80), word(80)}, Acronym: word(12),
				Mentions: 1, Span: doc.Span{Start: 1000 + 200*k, End: 1120 + 200*k},
			})
			x.Mentions = append(x.Mentions, doc.Mention{
				EntityID: id, EntityType: doc.TypeOrganization, Text: name,
				Span: doc.Span{Start: 1000 + 200*k, End: 1120 + 200*k}, Sentence: k, Method: word(30),
			})
			x.Quotes = append(x.Quotes, doc.Quote{
				ID: fmt.Sprintf("q%d", k+3), Kind: doc.Direct, Text: word(300),
				Span:        doc.Span{Start: 1000 + 200*k, End: 1150 + 200*k},
				SpeakerName: word(60), SpeakerMention: word(60), Attribution: doc.AttrTitle, Cue: word(20), Confidence: 0.5,
			})
		}
	}
	return xs
}

// mixedChunks returns, for every column chunk of a Parquet file that
// holds data pages in more than one encoding, its column path and the
// encodings (as arrow-go lists them).
func mixedChunks(t *testing.T, path string) []string {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var mixed []string
	md := r.MetaData()
	for g := 0; g < r.NumRowGroups(); g++ {
		for c := 0; c < md.Schema.NumColumns(); c++ {
			cc, err := md.RowGroup(g).ColumnChunk(c)
			if err != nil {
				t.Fatal(err)
			}
			encs := map[parquet.Encoding]bool{}
			for _, st := range cc.EncodingStats() {
				if st.PageType.String() != "DICTIONARY_PAGE" {
					encs[st.Encoding] = true
				}
			}
			if len(encs) > 1 {
				mixed = append(mixed, fmt.Sprintf("row group %d %s %v", g, md.Schema.Column(c).Path(), cc.EncodingStats()))
			}
		}
	}
	return mixed
}

func TestParquetDeterministic(t *testing.T) {
	tests := []struct {
		name string
		o    options
		// tables whose row groups the dictionary budget must have ended early
		split []string
	}{
		{"defaults", defaults(), nil},
		// A small budget, so the guard that ends row groups before a
		// dictionary passes it is what keeps encodings single.
		{"small dictionary budget", options{flushRows: 500, rowGroupRows: 32 * 1024, rowGroupSize: 4 << 20, dictBudget: 64 << 10},
			[]string{"organizations", "mentions", "quotes"}},
	}
	xs := longNames(40)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var first map[string][]byte
			for run := 0; run < 3; run++ {
				mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
				dir := t.TempDir()
				write(t, dir, Parquet, mem, tc.o, xs, sampleErrors)
				mem.AssertSize(t, 0)
				files := map[string][]byte{}
				for _, name := range Tables {
					path := onlyPart(t, dir, name, Parquet)
					b, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					files[name] = b
					if run > 0 {
						continue
					}
					// The cause of the differences: a chunk whose data pages
					// come in two encodings gets them listed in random order.
					if m := mixedChunks(t, path); len(m) > 0 {
						t.Errorf("%s: column chunks with data pages in more than one encoding: %v", name, m)
					}
				}
				if run == 0 {
					first = files
					for _, name := range tc.split {
						if g := rowGroups(t, onlyPart(t, dir, name, Parquet)); len(g) < 2 {
							t.Errorf("%s: row groups %v, want the dictionary budget to split them", name, g)
						}
					}
					continue
				}
				for _, name := range Tables {
					if !bytes.Equal(files[name], first[name]) {
						t.Errorf("run %d: %s.parquet differs from run 0's (%d vs %d bytes)", run, name, len(files[name]), len(first[name]))
					}
				}
			}
		})
	}
}

// Every string the writer writes is valid UTF-8, whatever it is handed: a
// string that is not (a raw file name, a stage's bug) has each invalid
// byte replaced with U+FFFD, so one bad value cannot make a reader refuse
// the whole column (DuckDB: "Invalid string encoding").
func TestStringsAlwaysUTF8(t *testing.T) {
	for _, format := range []string{Parquet, Arrow} {
		t.Run(format, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			dir := t.TempDir()
			s, err := Open(dir, format, testVersion, mem)
			if err != nil {
				t.Fatal(err)
			}
			xs := sample(3, 1)
			bad := "caf\xe9"
			x := &xs[1]
			x.Doc.ID, x.Doc.Source, x.Doc.Title = bad, "in/"+bad+".txt", bad
			x.People[0].Name, x.People[0].Aliases = bad, []string{"ok", bad}
			x.Organizations[0].Acronym = bad
			x.Quotes[0].Text, x.Quotes[0].Cue = bad, bad
			x.Mentions[0].Text = bad
			for _, x := range xs {
				if err := s.Add(x); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.AddError(doc.DocError{Source: "in/" + bad, DocID: bad, Stage: "ingest", Message: "cannot open " + bad}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			want := "caf\uFFFD"
			seen := 0
			for _, name := range Tables {
				_, rows := readBack(t, onlyPart(t, dir, name, format), format)
				for _, row := range rows {
					for col, v := range row {
						var ss []string
						switch v := v.(type) {
						case string:
							ss = []string{v}
						case []string:
							ss = v
						}
						for _, s := range ss {
							if !utf8.ValidString(s) {
								t.Errorf("%s.%s holds %q, not UTF-8", name, col, s)
							}
							if strings.Contains(s, want) {
								seen++
							}
						}
					}
				}
			}
			if seen == 0 {
				t.Error("the invalid strings were not written at all")
			}
		})
	}
}

var testRule = rules.New(rules.StageEntities, rules.Reject, "test.reject.sample", "a rule for the trace table's test", "[x]")

// The trace table is written only when asked for, one row per event with
// the rule's stage and decision, null outs for a rejection.
func TestTraceTable(t *testing.T) {
	xs := sample(2, 0)
	xs[1].Trace = []doc.TraceEvent{
		{Rule: testRule.ID, Cand: doc.Span{Start: 3, End: 9}, Note: "Almaty"},
		{Rule: "no.such.rule", Cand: doc.Span{Start: 1, End: 2}, Out: doc.Span{Start: 1, End: 4}},
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	plain := filepath.Join(t.TempDir(), "plain")
	write(t, plain, Parquet, mem, defaults(), xs, nil)
	if _, err := os.Stat(filepath.Join(plain, "trace")); !os.IsNotExist(err) {
		t.Errorf("trace table written though not asked for (%v)", err)
	}
	dir := filepath.Join(t.TempDir(), "traced")
	o := defaults()
	o.optional = []string{"trace"}
	if counts := write(t, dir, Parquet, mem, o, xs, nil); counts["trace"] != 2 {
		t.Errorf("trace rows = %d, want 2", counts["trace"])
	}
	schema, rows := readBack(t, onlyPart(t, dir, "trace", Parquet), Parquet)
	checkSchema(t, "trace", schema)
	want := []map[string]any{
		{"doc_id": "doc001", "seq": int32(0), "rule": testRule.ID, "stage": "entities", "decision": "reject",
			"start": int32(3), "end": int32(9), "out_start": nil, "out_end": nil, "note": "Almaty"},
		{"doc_id": "doc001", "seq": int32(1), "rule": "no.such.rule", "stage": "", "decision": "",
			"start": int32(1), "end": int32(2), "out_start": int32(1), "out_end": int32(4), "note": nil},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("trace rows\n%v\nwant\n%v", rows, want)
	}
}

// WithoutText leaves documents.text null (run --no-text) and changes nothing
// else.
func TestWithoutText(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	s, err := Open(dir, Parquet, testVersion, mem, WithoutText())
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range sample(2, 0) {
		if err := s.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	schema, rows := readBack(t, onlyPart(t, dir, "documents", Parquet), Parquet)
	checkSchema(t, "documents", schema)
	for _, r := range rows {
		if r["text"] != nil {
			t.Errorf("text = %#v, want null", r["text"])
		}
		if r["n_chars"] == nil || r["sha256"] == nil {
			t.Errorf("other columns lost: %v", r)
		}
	}
}

// The contract as plenary schema prints it: one row per column (columns in
// a row share type and meaning), every column of every table, in order.
func TestContract(t *testing.T) {
	md := Contract()
	lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
	if lines[0] != "| table | column | type | meaning |" || lines[1] != "|---|---|---|---|" {
		t.Fatalf("header: %q", lines[:2])
	}
	var got []string
	table := ""
	for _, l := range lines[2:] {
		cells := strings.Split(strings.TrimSuffix(strings.TrimPrefix(l, "|"), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) != 4 {
			t.Fatalf("row %q has %d cells", l, len(cells))
		}
		if cells[0] != "" {
			table = cells[0]
		}
		for _, c := range strings.Split(cells[1], ", ") {
			got = append(got, table+"."+strings.TrimSuffix(c, "?"))
		}
	}
	var want []string
	for _, d := range defs { // every table, the optional ones too
		for _, f := range Schema(d.name, "v").Fields() {
			want = append(want, d.name+"."+f.Name)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("contract columns\n got %q\nwant %q", got, want)
	}
	for _, frag := range []string{"| documents | doc_id | string |", "| | confidence | float64 |", "| | aliases | list\\<string\\> |", "| | url? | string |"} {
		if !strings.Contains(md, frag) {
			t.Errorf("contract lacks %q", frag)
		}
	}
}

// onlyPart is the path of a table's one part file in dir: the small
// tables of these tests never reach a part's budget.
func onlyPart(t testing.TB, dir, table, format string) string {
	t.Helper()
	paths, got := Parts(dir, table, format)
	if len(paths) != 1 || got != format {
		t.Fatalf("%s in %s: parts %v (%s), want one %s part", table, dir, paths, got, format)
	}
	return paths[0]
}
