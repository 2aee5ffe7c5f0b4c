package ingest

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func streamIDs(t *testing.T, inputs []string, opt Options) (ids, errs []string) {
	t.Helper()
	for _, it := range collect(inputs, opt, "") {
		switch itemKind(it) {
		case "doc":
			ids = append(ids, it.Doc.ID)
		case "err":
			errs = append(errs, it.Err.DocID+": "+it.Err.Message)
		}
	}
	return ids, errs
}

// plenary run day1 day2: two downloads with the same file names. By
// default the second report.txt repeats the first's doc_id, and the error
// says how to keep both; --id-parent makes ids relative to the INPUTs'
// common parent folder, --id-prefix puts a prefix before every id.
func TestIDsOfSeveralFolders(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"day1/report.txt": "Report one.", "day1/notes/a.txt": "A.",
		"day2/report.txt": "Report two.", "day2/b.jsonl": `{"id":"r1","text":"R."}` + "\n",
	})
	d1, d2 := filepath.Join(root, "day1"), filepath.Join(root, "day2")

	ids, errs := streamIDs(t, []string{d1, d2}, Options{})
	if len(errs) != 1 || !strings.Contains(errs[0], "duplicate doc_id (first seen in "+filepath.Join(d1, "report.txt")+")") ||
		!strings.Contains(errs[0], "--id-parent") {
		t.Errorf("default: errors %q", errs)
	}
	if !reflect.DeepEqual(ids, []string{"notes/a", "report", "r1"}) {
		t.Errorf("default: ids %q", ids)
	}

	ids, errs = streamIDs(t, []string{d1, d2}, Options{IDParent: true})
	if len(errs) != 0 || !reflect.DeepEqual(ids, []string{"day1/notes/a", "day1/report", "r1", "day2/report"}) {
		t.Errorf("--id-parent: ids %q, errors %q", ids, errs)
	}
	// One folder: its own name leads, so ids stay the same when a second
	// day is added to the run later.
	if ids, _ := streamIDs(t, []string{d1}, Options{IDParent: true}); !reflect.DeepEqual(ids, []string{"day1/notes/a", "day1/report"}) {
		t.Errorf("--id-parent, one folder: %q", ids)
	}
	// A file INPUT: its folder's name leads too.
	if ids, _ := streamIDs(t, []string{filepath.Join(d2, "report.txt"), filepath.Join(d1, "report.txt")}, Options{IDParent: true}); !reflect.DeepEqual(ids, []string{"day2/report", "day1/report"}) {
		t.Errorf("--id-parent, files: %q", ids)
	}

	ids, errs = streamIDs(t, []string{d1}, Options{IDPrefix: "2023-05/"})
	if len(errs) != 0 || !reflect.DeepEqual(ids, []string{"2023-05/notes/a", "2023-05/report"}) {
		t.Errorf("--id-prefix: ids %q, errors %q", ids, errs)
	}
	// The prefix applies to JSON Lines ids too, and a duplicate still
	// names where the first came from.
	ids, errs = streamIDs(t, []string{d2, d2}, Options{IDPrefix: "x/"})
	if !reflect.DeepEqual(ids, []string{"x/r1", "x/report"}) || len(errs) != 2 ||
		!strings.Contains(errs[1], "first seen in "+filepath.Join(d2, "report.txt")) {
		t.Errorf("--id-prefix twice: ids %q, errors %q", ids, errs)
	}
}
