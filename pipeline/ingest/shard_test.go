package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// itemKey is an item as a comparable string.
func itemKey(it Item) string {
	switch {
	case it.Doc != nil:
		return fmt.Sprintf("doc %s %s %q", it.Doc.ID, it.Doc.Source, it.Doc.Text)
	case it.Err != nil:
		return fmt.Sprintf("err %s %s %s %s", it.Err.Severity, it.Err.Source, it.Err.DocID, it.Err.Message)
	}
	return "skipped " + it.Skipped
}

// The shards of a stream hold, between them, exactly the items of the
// whole stream, each once; a shard reads no other shard's document (it
// shows up as OtherShard, counted as a document), and duplicate and
// near-duplicate ids meet in one shard, so their rows are the same.
func TestStreamShards(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Report.txt": "Report one.", "report.txt": "Report one again.", "a.txt": "Alpha.", "a.md": "Alpha in Markdown.",
		"empty.txt": "", "bin.txt": "x\x00y", "notes.pdf": "%PDF", "sub/deep.txt": "Deep.",
		"lines.jsonl": "{\"id\":\"j1\",\"text\":\"One.\"}\nnot json\n{\"id\":\"j2\",\"text\":\"Two.\"}\n{\"id\":\"j1\",\"text\":\"Again.\"}\n",
	}
	for i := range 20 {
		files[fmt.Sprintf("r%02d.txt", i)] = fmt.Sprintf("Report %d.", i)
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var whole []string
	docs := 0
	for _, it := range collect([]string{dir}, Options{}, "") {
		whole = append(whole, itemKey(it))
		if it.Doc != nil {
			docs++
		}
	}
	slices.Sort(whole)
	const n = 3
	var union []string
	total := 0
	for s := range n {
		mine, others := 0, 0
		for _, it := range collect([]string{dir}, Options{Shard: s, Shards: n}, "") {
			if it.OtherShard {
				if it.Doc != nil || it.Err != nil || it.Skipped != "" {
					t.Errorf("shard %d: an OtherShard item carries %s", s, itemKey(it))
				}
				if it.OtherDoc {
					others++
				}
				continue
			}
			if it.Doc != nil {
				mine++
				if ShardOf(it.Doc.ID, n) != s {
					t.Errorf("shard %d got %s, of shard %d", s, it.Doc.ID, ShardOf(it.Doc.ID, n))
				}
			}
			union = append(union, itemKey(it))
		}
		// Other shards' document files are not read, so they count as
		// documents even when they would fail (bin.txt, a duplicate).
		if mine+others < docs {
			t.Errorf("shard %d: %d documents and %d of other shards, want %d at least", s, mine, others, docs)
		}
		total += mine
	}
	if total != docs {
		t.Errorf("the shards hold %d documents, the whole stream %d", total, docs)
	}
	slices.Sort(union)
	if !reflect.DeepEqual(union, whole) {
		t.Errorf("the shards' items differ from the whole stream's:\n%q\nwant\n%q", union, whole)
	}
}

func TestShardOf(t *testing.T) {
	// Stable: a document's shard depends on its id and the count alone,
	// and ids equal but for case, NFC or spaces share it.
	for _, id := range []string{"a", "kasipodaq/2022-05-23", "Café", "r00017"} {
		for _, n := range []int{2, 3, 7, 100} {
			s := ShardOf(id, n)
			if s < 0 || s >= n {
				t.Fatalf("ShardOf(%q, %d) = %d", id, n, s)
			}
			if ShardOf(" "+id+" ", n) != s || ShardOf(id, n) != s {
				t.Errorf("ShardOf(%q, %d) moves with spaces", id, n)
			}
		}
	}
	if ShardOf("REPORT", 7) != ShardOf("report", 7) || ShardOf("Cafe\u0301", 7) != ShardOf("Café", 7) {
		t.Error("near-duplicate ids in different shards")
	}
	if ShardOf("x", 1) != 0 || ShardOf("x", 0) != 0 {
		t.Error("one shard is shard 0")
	}
	// Spread: 3,000 ids over 3 shards, none far from a third.
	var count [3]int
	for i := range 3000 {
		count[ShardOf(fmt.Sprintf("reports/r%05d", i), 3)]++
	}
	for s, c := range count {
		if c < 900 || c > 1100 {
			t.Errorf("shard %d holds %d of 3,000 ids", s, c)
		}
	}
}
