package run

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Files that are not documents are listed in run.json with the reason, not
// only counted.
func TestSkippedListed(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeDocs(t, in, 3, docText)
	for name, content := range map[string]string{
		"README.md": "# About these reports\n", "scan.pdf": "%PDF-1.4", "sub/photo.JPG": "\xff\xd8", "notes": "plain",
	} {
		p := filepath.Join(in, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run(options(in, out), (&fakeExtract{}).extract)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rj struct {
		Skipped   []map[string]string `json:"skipped"`
		Documents struct {
			Skipped int `json:"skipped"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(b, &rj); err != nil {
		t.Fatal(err)
	}
	want := []map[string]string{
		{"source": filepath.Join(in, "README.md"), "reason": "a README describes its folder; not read as a report"},
		{"source": filepath.Join(in, "notes"), "reason": "no file extension; plenary reads .txt .md .html .htm .jsonl .ndjson"},
		{"source": filepath.Join(in, "scan.pdf"), "reason": ".pdf is not a format plenary reads (.txt .md .html .htm .jsonl .ndjson)"},
		{"source": filepath.Join(in, "sub", "photo.JPG"), "reason": ".jpg is not a format plenary reads (.txt .md .html .htm .jsonl .ndjson)"},
	}
	if !reflect.DeepEqual(rj.Skipped, want) {
		t.Errorf("run.json skipped\n got %v\nwant %v", rj.Skipped, want)
	}
	if rj.Documents.Skipped != 4 || sum.Documents.Skipped != 4 || len(sum.SkippedFiles) != 4 {
		t.Errorf("skipped count %d / %d", rj.Documents.Skipped, sum.Documents.Skipped)
	}
}
