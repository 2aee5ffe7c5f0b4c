package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// collectWithin fails the test if Stream does not finish in time: a FIFO
// opened for reading blocks until a writer comes, which must never happen.
func collectWithin(t *testing.T, d time.Duration, inputs []string, opt Options) []Item {
	t.Helper()
	ch := make(chan []Item, 1)
	go func() { ch <- collect(inputs, opt, "") }()
	select {
	case got := <-ch:
		return got
	case <-time.After(d):
		t.Fatalf("Stream(%v) did not finish within %v (blocked on a FIFO?)", inputs, d)
		return nil
	}
}

func TestHostileFiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "in")
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
	writeTree(t, dir, map[string]string{
		"a-good.txt":  "The union met in Almaty on May 6.\n",
		"b-png.txt":   png,
		"c-utf16.txt": "\xff\xfeA\x00s\x00t\x00a\x00n\x00a\x00.\x00",
		"d-1251.txt":  "\xc0\xeb\xec\xe0\xf2\xfb \xe8 \xc0\xf1\xf2\xe0\xed\xe0.\n",
		"e-blank.md":  "\n\n   \n",
		"g-deep.html": strings.Repeat("<div>", 5000) + "Deep text." + strings.Repeat("</div>", 5000),
		"h-recs.jsonl": `{"id":"r1","text":"One."}` + "\n" + `{"id":"r2","text":` + "\n" +
			`{"id":"r1","text":"dup"}` + "\n" + `{"id":"r3","text":""}` + "\n",
	})
	if err := syscall.Mkfifo(filepath.Join(dir, "f-fifo.txt"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	// A symbolic link loop between two files.
	if err := os.Symlink("i-loop-b.txt", filepath.Join(dir, "i-loop-a.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("i-loop-a.txt", filepath.Join(dir, "i-loop-b.txt")); err != nil {
		t.Fatal(err)
	}
	wants := []want{
		{rel: "a-good.txt", kind: "doc", id: "a-good"},
		{rel: "b-png.txt", kind: "err", id: "b-png", msg: "binary content (NUL byte"},
		{rel: "c-utf16.txt", kind: "warn", id: "c-utf16", msg: "decoded from utf-16le"},
		{rel: "c-utf16.txt", kind: "doc", id: "c-utf16", text: "Astana.", enc: "utf-16le"},
		{rel: "d-1251.txt", kind: "warn", id: "d-1251", msg: "decoded as windows-1251"},
		{rel: "d-1251.txt", kind: "doc", id: "d-1251", text: "Алматы и Астана.\n", enc: "windows-1251"},
		{rel: "e-blank.md", kind: "warn", id: "e-blank", msg: "only whitespace"},
		{rel: "e-blank.md", kind: "doc", id: "e-blank"},
		{rel: "f-fifo.txt", kind: "err", id: "f-fifo", msg: "not a regular file"},
		{rel: "g-deep.html", kind: "warn", id: "g-deep", msg: "text taken by stripping tags"},
		{rel: "g-deep.html", kind: "doc", id: "g-deep", text: "Deep text."},
		{rel: "h-recs.jsonl:1", kind: "doc", id: "r1", text: "One."},
		{rel: "h-recs.jsonl:2", kind: "err", msg: "invalid JSON"},
		{rel: "h-recs.jsonl:3", kind: "err", id: "r1", msg: "duplicate doc_id"},
		{rel: "h-recs.jsonl:4", kind: "warn", id: "r3", msg: "empty"},
		{rel: "h-recs.jsonl:4", kind: "doc", id: "r3"},
		{rel: "i-loop-a.txt", kind: "err", id: "i-loop-a", msg: "symbolic link loop"},
		{rel: "i-loop-b.txt", kind: "err", id: "i-loop-b", msg: "symbolic link loop"},
	}
	got := collectWithin(t, 10*time.Second, []string{dir}, Options{})
	checkItems(t, got, wants, dir)

	// A FIFO named on the command line is not opened either.
	got = collectWithin(t, 10*time.Second, []string{filepath.Join(dir, "f-fifo.txt")}, Options{})
	if len(got) != 1 || got[0].Err == nil || !strings.Contains(got[0].Err.Message, "not a regular file") {
		t.Fatalf("FIFO input: got %+v", got)
	}
}

// TestHugeDocumentNotRead writes a 100 MB report and checks it becomes an
// error row from its size alone: it is never read into memory.
func TestHugeDocumentNotRead(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100 MB")
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("The chairman of the union said the meeting in Almaty went well. "), 1<<14) // 1 MiB
	for i := 0; i < 100; i++ {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"small.txt": "A small report.\n"})

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got := collect([]string{dir}, Options{}, "")
	runtime.ReadMemStats(&after)
	if len(got) != 2 || got[0].Err == nil || got[1].Doc == nil {
		t.Fatalf("want an error for huge.txt then small.txt, got %+v", got)
	}
	if msg := got[0].Err.Message; !strings.Contains(msg, "larger than the 1 MiB limit") {
		t.Errorf("message %q does not state the limit", msg)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("ingest allocated %d bytes for a refused 100 MB file", alloc)
	}
}

// A sidecar that is a FIFO, or a symbolic link to one, or to a device,
// gets the regular-file check a document gets: a warning, never a read
// that blocks (or, from /dev/zero, never ends).
func TestSidecarNotRegular(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.txt": "The union met in Almaty.\n",
		"b.txt": "The union met in Astana.\n",
		"c.txt": "The union met in Taraz.\n",
	})
	if err := syscall.Mkfifo(filepath.Join(dir, "a.meta.json"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, ".pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".pipe", filepath.Join(dir, "b.gold.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "c.meta.json")); err != nil {
		t.Fatal(err)
	}
	items := collectWithin(t, 10*time.Second, []string{dir}, Options{})
	var docs, warns []string
	for _, it := range items {
		switch {
		case it.Doc != nil:
			docs = append(docs, it.Doc.ID)
		case it.Err != nil && it.Err.IsWarning():
			warns = append(warns, it.Err.DocID+": "+it.Err.Message)
		default:
			t.Errorf("unexpected item %+v", it)
		}
	}
	if strings.Join(docs, " ") != "a b c" {
		t.Errorf("documents %q, want a b c", docs)
	}
	if len(warns) != 3 {
		t.Fatalf("warnings %q, want one per sidecar", warns)
	}
	for _, w := range warns {
		if !strings.Contains(w, "not a regular file") {
			t.Errorf("warning %q does not say the sidecar is not a regular file", w)
		}
	}
}
