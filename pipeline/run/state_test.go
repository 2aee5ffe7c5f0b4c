package run

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// stateFiles lists the checkpoint folder's files.
func stateFiles(t *testing.T, out string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(out, StateDir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// TestCheckpointFormatChange: a checkpoint of an older format (JSON+zstd
// shards, a fingerprint file without the format) is not misread: nothing
// is reused, every document is extracted, and its files are deleted. Old
// shard files inside a checkpoint that is reused go when the manifest is
// rewritten.
func TestCheckpointFormatChange(t *testing.T) {
	in, out, want := completeRun(t, 12)
	current := stateFiles(t, out)
	if !reflect.DeepEqual(current, []string{fingerprintFile, manifestFile, shardName(1)}) {
		t.Fatalf("checkpoint files %v", current)
	}
	dir := filepath.Join(out, StateDir)
	old := []string{"shard-000001.zst", "shard-000002.jsonl"}
	plant := func() {
		for _, n := range old {
			if err := os.WriteFile(filepath.Join(dir, n), []byte("{\"Doc\":{}}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	// The old format's fingerprint file held the caller's fingerprint alone.
	plant()
	if err := os.WriteFile(filepath.Join(dir, fingerprintFile), []byte("fp"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, fx := resumeRun(t, in, out)
	if sum.Resumed || sum.Documents.Reused != 0 || fx.total() != 12 {
		t.Errorf("old format: resumed=%v reused %d extracted %d; want false, 0, 12", sum.Resumed, sum.Documents.Reused, fx.total())
	}
	if got := stateFiles(t, out); !reflect.DeepEqual(got, current) {
		t.Errorf("after clearing an old-format checkpoint: files %v, want %v", got, current)
	}
	if !reflect.DeepEqual(readTables(t, out), want) {
		t.Error("tables differ")
	}

	// Old shards left inside a current checkpoint: reuse it, then delete them.
	plant()
	sum, fx = resumeRun(t, in, out)
	if !sum.Resumed || sum.Documents.Reused != 12 || fx.total() != 0 {
		t.Errorf("current format: resumed=%v reused %d extracted %d; want true, 12, 0", sum.Resumed, sum.Documents.Reused, fx.total())
	}
	if got := stateFiles(t, out); !reflect.DeepEqual(got, current) {
		t.Errorf("after a complete resume: files %v, want %v", got, current)
	}
	if !reflect.DeepEqual(readTables(t, out), want) {
		t.Error("resumed tables differ")
	}
}

func TestParseShardName(t *testing.T) {
	cases := []struct {
		name string
		n    int
		ok   bool
	}{
		{shardName(1), 1, true},
		{shardName(1234567), 1234567, true},
		{"shard-000001.zst", 0, false},
		{"shard-000001.jsonl", 0, false},
		{"shard-1.s2", 0, false}, // not how this format names shards
		{"shard--00001.s2", 0, false},
		{"shard-00000x.s2", 0, false},
		{"manifest", 0, false},
	}
	for _, c := range cases {
		if n, ok := parseShardName(c.name); n != c.n && c.ok || ok != c.ok {
			t.Errorf("parseShardName(%q) = %d, %v; want %d, %v", c.name, n, ok, c.n, c.ok)
		}
	}
}

// A manifest line whose offset or length is corrupt (negative, beyond the
// shard, absurdly large) is a miss: its document is extracted again, the
// others are reused, the tables are the same, and nothing panics or
// allocates the claimed size.
func TestCorruptManifestLengths(t *testing.T) {
	in, out, want := completeRun(t, 8)
	path := filepath.Join(out, StateDir, manifestFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n") // the last one is ""
	bad := []string{"-5", "99999999999999", "0"}
	for i, n := range bad {
		f := strings.Split(strings.TrimSuffix(lines[i], "\n"), "\t")
		f[3] = n
		lines[i] = strings.Join(f, "\t") + "\n"
	}
	// An offset past the shard's end, with its real length.
	f := strings.Split(strings.TrimSuffix(lines[3], "\n"), "\t")
	f[2] = "99999999999"
	lines[3] = strings.Join(f, "\t") + "\n"
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, fx := resumeRun(t, in, out)
	if sum.Documents.Reused != 4 || fx.total() != 4 {
		t.Errorf("reused %d, extracted %d; want 4 and 4 (the corrupt entries again)", sum.Documents.Reused, fx.total())
	}
	if !reflect.DeepEqual(readTables(t, out), want) {
		t.Error("tables differ")
	}
}
