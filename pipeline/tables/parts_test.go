package tables

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestIsPart(t *testing.T) {
	tests := []struct {
		name, format string
		want         bool
	}{
		{"part-00000-00000.parquet", Parquet, true},
		{"part-00042-00007.arrow", Arrow, true},
		{"part-final-00003.parquet", Parquet, true},
		{"part-00000-00000.parquet", Arrow, false},
		{"part-00000-00000.parquet.tmp", Parquet, false},
		{"part-0-00000.parquet", Parquet, false},
		{"part-00000-0.parquet", Parquet, false},
		{"part-other-00000.parquet", Parquet, false},
		{"part--00000.parquet", Parquet, false},
		{"people.parquet", Parquet, false},
		{".part-00000-00000.parquet", Parquet, false},
	}
	for _, tc := range tests {
		if got := IsPart(tc.name, tc.format); got != tc.want {
			t.Errorf("IsPart(%q, %q) = %v, want %v", tc.name, tc.format, got, tc.want)
		}
	}
	if n := PartName(ShardWriter(12), 3, Parquet); n != "part-00012-00003.parquet" || !IsPart(n, Parquet) {
		t.Errorf("PartName = %q", n)
	}
}

// A small part budget splits the big tables into several parts, in order:
// read back part after part they hold exactly the rows of one unsplit
// file; each part is listed in Files with its own size and checksum, and
// the same rows give the same bytes again.
func TestPartsRoll(t *testing.T) {
	xs := sample(40, 300)
	for _, format := range []string{Parquet, Arrow} {
		t.Run(format, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			whole := filepath.Join(t.TempDir(), "whole")
			o := defaults()
			// Parquet's bytes reach the file a row group at a time.
			o.flushRows, o.rowGroupRows = 500, 1000
			write(t, whole, format, mem, o, xs, sampleErrors)

			var first map[string][]byte
			for run := 0; run < 2; run++ {
				dir := filepath.Join(t.TempDir(), "split")
				o.partBytes = 4 << 10
				_, list := writeSet(t, dir, format, mem, o, xs, sampleErrors)
				files := checkFiles(t, dir, list)
				paths, _ := Parts(dir, "mentions", format)
				if len(paths) < 3 {
					t.Fatalf("mentions: %d parts at a 4 KiB budget, want several", len(paths))
				}
				for _, name := range Tables {
					want := readRows(t, whole, name, format)
					if got := readRows(t, dir, name, format); !reflect.DeepEqual(got, want) {
						t.Errorf("%s: %d rows over its parts, want the %d rows of one file", name, len(got), len(want))
					}
				}
				if run == 0 {
					first = files
				} else if !reflect.DeepEqual(slices.Sorted(mapKeys(files)), slices.Sorted(mapKeys(first))) {
					t.Errorf("second run made other parts")
				} else {
					for n, b := range files {
						if !bytes.Equal(b, first[n]) {
							t.Errorf("%s differs between two runs of the same rows", n)
						}
					}
				}
			}
		})
	}
}

// checkFiles checks that files lists exactly the part files in dir, each
// with its size and checksum, and returns their contents.
func checkFiles(t *testing.T, dir string, files []File) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		sum, err := checksum(path)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Bytes != f.Bytes || sum.SHA256 != f.SHA256 {
			t.Errorf("%s: %d bytes %s, Files says %d %s", f.Name, sum.Bytes, sum.SHA256, f.Bytes, f.SHA256)
		}
		got[f.Name], _ = os.ReadFile(path)
	}
	var onDisk []string
	filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return nil
	})
	if listed := slices.Sorted(mapKeys(got)); !reflect.DeepEqual(listed, onDisk) {
		t.Errorf("Files lists %v, the folder holds %v", listed, onDisk)
	}
	return got
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// readRows reads every part of a table, in order.
func readRows(t *testing.T, dir, table, format string) []map[string]any {
	t.Helper()
	paths, _ := Parts(dir, table, format)
	if len(paths) == 0 {
		t.Fatalf("%s: no parts in %s", table, dir)
	}
	var rows []map[string]any
	for _, p := range paths {
		_, r := readBack(t, p, format)
		rows = append(rows, r...)
	}
	return rows
}

// Parts lists a dataset's parts in name order, ignores files that are no
// parts, and finds a table written as one file before datasets.
func TestPartsListing(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "people"), 0o755)
	for _, n := range []string{"part-final-00000.parquet", "part-00001-00000.parquet", "part-00000-00001.parquet",
		"part-00000-00000.parquet", "part-00000-00002.parquet.tmp", "notes.txt", "part-00000-00000.arrow"} {
		os.WriteFile(filepath.Join(dir, "people", n), nil, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "quotes.arrow"), nil, 0o644)
	paths, format := Parts(dir, "people", "")
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	want := []string{"part-00000-00000.parquet", "part-00000-00001.parquet", "part-00001-00000.parquet", "part-final-00000.parquet"}
	if format != Parquet || !reflect.DeepEqual(names, want) {
		t.Errorf("Parts(people) = %v %s, want %v parquet", names, format, want)
	}
	if paths, format := Parts(dir, "people", Arrow); len(paths) != 1 || format != Arrow {
		t.Errorf("Parts(people, arrow) = %v %s", paths, format)
	}
	if paths, format := Parts(dir, "quotes", ""); len(paths) != 1 || filepath.Base(paths[0]) != "quotes.arrow" || format != Arrow {
		t.Errorf("Parts(quotes) = %v %s, want the one-file table", paths, format)
	}
	if paths, _ := Parts(dir, "roles", ""); paths != nil {
		t.Errorf("Parts(roles) = %v, want none", paths)
	}
}
