package ingest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"

	"plenary/pipeline/doc"
)

// walkRow is what an entry tells the streamer.
type walkRow struct {
	source, id string
	kind       kind
	size       int64
	err        string
}

func rowOf(e entry) walkRow {
	r := walkRow{source: e.source(), id: e.id, kind: e.kind, size: e.size}
	if e.err != nil {
		r.err = e.err.Error()
	}
	return r
}

func lazyRows(in string) []walkRow {
	var out []walkRow
	walk(in, func(e entry) bool {
		out = append(out, rowOf(e))
		return true
	})
	return out
}

func refRows(in string) []walkRow {
	l := refList(in)
	out := make([]walkRow, 0, l.len())
	for i := range l.len() {
		out = append(out, rowOf(l.at(i)))
	}
	return out
}

// Names that sort around a folder's two places: "sub" < "sub-a" < "sub.b"
// < "sub/" < "sub_c", and "a" < "a-b" < "a.b" < "a/" < "a_b".
var (
	treeBases = []string{"a", "a-b", "a.b", "a_b", "A", "b1", "B1", "1", "10", "2", "sub", "sub-a", "sub.b", "sub_c", "x y", "README"}
	fileExts  = []string{".txt", ".md", ".html", ".htm", ".TXT", ".Html", ".jsonl", ".ndjson", ".pdf", "", ".meta.json", ".gold.json"}
	dirExts   = []string{"", "", "", ".txt", ".d", ".html"}
)

// randomTree writes a random tree under root: nested folders whose names
// sort between a folder's own name and its contents, one stem with several
// extensions, sidecars, unsupported, hidden and binary files, JSON Lines
// whose records repeat ids of files before and after them, symbolic links
// (to a file, dangling, a folder loop) and a FIFO. It returns the folders,
// relative to root.
func randomTree(t *testing.T, rng *rand.Rand, root string) []string {
	t.Helper()
	var files, dirs []string
	var gen func(rel string, depth int)
	gen = func(rel string, depth int) {
		used := map[string]bool{}
		for range rng.IntN(9) {
			dir := depth < 3 && rng.IntN(3) == 0
			exts := fileExts
			if dir {
				exts = dirExts
			}
			name := treeBases[rng.IntN(len(treeBases))] + exts[rng.IntN(len(exts))]
			if used[name] {
				continue
			}
			used[name] = true
			if dir {
				dirs = append(dirs, path.Join(rel, name))
				gen(path.Join(rel, name), depth+1)
			} else {
				files = append(files, path.Join(rel, name))
			}
		}
	}
	gen("", 0)
	var ids []string
	for _, f := range files {
		if k := classify(path.Base(f)); k == kindText || k == kindHTML {
			ids = append(ids, f[:len(f)-len(filepath.Ext(f))])
		}
	}
	ids = append(ids, "fresh-1", "fresh-2")
	mkdir := func(rel string) {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range dirs {
		mkdir(d)
	}
	for _, f := range files {
		var content string
		switch classify(path.Base(f)) {
		case kindText:
			switch rng.IntN(6) {
			case 0:
				content = "bin\x00\x01\x02ary" // yields no document
			case 1:
				content = ""
			default:
				content = "Text of " + f + ".\n"
			}
		case kindHTML:
			content = "<p>Page " + f + "</p>"
		case kindJSONL:
			var lines []string
			for range 1 + rng.IntN(5) {
				if rng.IntN(8) == 0 {
					lines = append(lines, "", `{"id":`) // a blank and a bad line
				}
				lines = append(lines, fmt.Sprintf(`{"id":%q,"text":"Record."}`, ids[rng.IntN(len(ids))]))
			}
			content = strings.Join(lines, "\n") + "\n"
		case kindSidecar:
			content = `{"title":"T"}`
		default:
			content = "other"
		}
		writeTree(t, root, map[string]string{f: content})
	}
	writeTree(t, root, map[string]string{".hidden.txt": "h", ".git/x.txt": "g"})
	// Links and a FIFO in random folders, named to sort among the rest.
	in := func() string { return filepath.Join(root, filepath.FromSlash(append(dirs, "")[rng.IntN(len(dirs)+1)])) }
	link := func(target, at string) {
		if _, err := os.Lstat(at); err == nil {
			return
		}
		if err := os.Symlink(target, at); err != nil {
			t.Fatal(err)
		}
	}
	if len(files) > 0 && rng.IntN(2) == 0 {
		link(filepath.Join(root, filepath.FromSlash(files[rng.IntN(len(files))])), filepath.Join(in(), treeBases[rng.IntN(len(treeBases))]+".txt"))
	}
	if rng.IntN(2) == 0 {
		link("nowhere", filepath.Join(in(), treeBases[rng.IntN(len(treeBases))]+".html"))
	}
	if rng.IntN(2) == 0 {
		link(root, filepath.Join(in(), treeBases[rng.IntN(len(treeBases))]+dirExts[rng.IntN(len(dirExts))]))
	}
	if rng.IntN(4) == 0 {
		at := filepath.Join(in(), treeBases[rng.IntN(len(treeBases))]+[]string{".txt", ".jsonl", ".pdf"}[rng.IntN(3)])
		if _, err := os.Lstat(at); err != nil {
			if err := syscall.Mkfifo(at, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dirs
}

// permissionsEnforced reports whether a folder with mode 0 cannot be
// listed; it can when the tests run as root.
func permissionsEnforced(t *testing.T) bool {
	probe := t.TempDir()
	if err := os.Chmod(probe, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(probe, 0o755)
	_, err := os.ReadDir(probe)
	return err != nil
}

// The lazy walk yields exactly the entries, in exactly the order, of the
// full listing sorted by key that it replaced.
func TestWalkMatchesFullListing(t *testing.T) {
	perms := permissionsEnforced(t)
	if !perms {
		t.Log("folder permissions are not enforced (root): unlistable folders are not covered")
	}
	rng := rand.New(rand.NewPCG(6, 2))
	for i := range 400 {
		root := t.TempDir()
		dirs := randomTree(t, rng, root)
		if perms && len(dirs) > 0 {
			// A folder that cannot be listed (000), one that can be
			// listed but whose names cannot be stat'ed (444); the inner
			// one first, while its parent can still be searched (the
			// cleanups run in reverse).
			a, b := dirs[rng.IntN(len(dirs))], dirs[rng.IntN(len(dirs))]
			modes := map[string]os.FileMode{b: 0o444, a: 0}
			for _, d := range slices.SortedFunc(maps.Keys(modes), func(x, y string) int { return len(y) - len(x) }) {
				p := filepath.Join(root, filepath.FromSlash(d))
				if err := os.Chmod(p, modes[d]); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(p, 0o755) })
			}
		}
		want, got := refRows(root), lazyRows(root)
		if !slices.Equal(got, want) {
			t.Fatalf("tree %d: lazy walk differs from the full listing\n%s", i, rowsDiff(want, got))
		}
	}
	// File INPUTs and a missing INPUT are one entry, as before.
	root := t.TempDir()
	writeTree(t, root, map[string]string{"d.txt": "x", "r.jsonl": "{}", "s.meta.json": "{}", "o.pdf": "x"})
	for _, in := range []string{"d.txt", "r.jsonl", "s.meta.json", "o.pdf", "missing.txt"} {
		in = filepath.Join(root, in)
		if want, got := refRows(in), lazyRows(in); !slices.Equal(got, want) {
			t.Errorf("%s: got %+v, want %+v", in, got, want)
		}
	}
}

func rowsDiff(want, got []walkRow) string {
	var b strings.Builder
	for i := range max(len(want), len(got)) {
		var w, g walkRow
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w == g {
			fmt.Fprintf(&b, "  %v\n", w)
		} else {
			fmt.Fprintf(&b, "! want %v\n!  got %v\n", w, g)
		}
	}
	return b.String()
}

// A folder's contents come after the names that sort between the folder's
// own name and name+"/", and an error about the folder (here a loop) comes
// at its own name, before them.
func TestWalkFolderPlaces(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"sub/x.txt": "x", "sub-a.txt": "a", "sub.b.txt": "b", "sub_c.txt": "c", "sub.txt": "t",
		"d/x.txt": "x", "d-a.txt": "a",
	})
	if err := os.Symlink(root, filepath.Join(root, "d", "d.html")); err != nil {
		t.Fatal(err)
	}
	var got []string
	walk(root, func(e entry) bool {
		s := e.rel
		if e.err != nil {
			s += " (error)"
		}
		got = append(got, s)
		return true
	})
	// sub.txt's key is "sub", like the folder's first place.
	want := []string{"d-a.txt", "d/d.html (error)", "d/x.txt", "sub.txt", "sub-a.txt", "sub.b.txt", "sub/x.txt", "sub_c.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("walk order\n got %q\nwant %q", got, want)
	}
}

// describeItems renders every field of a stream's items that a table or the
// errors table keeps.
func describeItems(items []Item) []string {
	var out []string
	for _, it := range items {
		switch {
		case it.Doc != nil:
			d := it.Doc
			out = append(out, fmt.Sprintf("doc %s %s %q %s %s %q %d", d.ID, d.Source, d.Text, d.Encoding, d.URL, d.Title, it.Bytes))
		case it.Err != nil:
			e := it.Err
			out = append(out, fmt.Sprintf("err %s %s %s %q %s %d", e.Source, e.DocID, e.Stage, e.Message, e.Severity, it.Bytes))
		default:
			out = append(out, "skip "+it.Skipped)
		}
	}
	return out
}

// withDuplicateCheck is the duplicate rule applied to a stream read without
// it: a document whose id an earlier document had becomes an error naming
// that first document's source; a document whose id only folds (foldID) to
// an earlier one's is kept after a warning.
// Two files of two different folder INPUTs with one id get a hint.
type dupOrigin struct {
	src   string
	input int
}

func withDuplicateCheck(inputs []string) []Item {
	first := map[string]dupOrigin{}
	folded := map[string]bool{}
	var out []Item
	for in, input := range inputs {
		items := collect([]string{input}, Options{AllowDuplicateIDs: true}, "")
		folder := false
		if st, err := os.Stat(input); err == nil && st.IsDir() {
			folder = true
		}
		out = append(out, dupCheckItems(items, in, folder, first, folded)...)
	}
	return out
}

func dupCheckItems(items []Item, in int, folder bool, first map[string]dupOrigin, folded map[string]bool) []Item {
	var out []Item
	for _, it := range items {
		if d := it.Doc; d != nil {
			if o, dup := first[d.ID]; dup {
				msg := fmt.Sprintf("duplicate doc_id (first seen in %s); document dropped", o.src)
				if o.input >= 0 && o.input != in && folder && !strings.Contains(d.Source, ".jsonl:") {
					msg += duplicateHint
				}
				it = Item{Err: &doc.DocError{Source: d.Source, DocID: d.ID, Stage: Stage, Message: msg}, Bytes: it.Bytes}
			} else {
				o := dupOrigin{d.Source, -1} // -1: not a file of a folder INPUT
				if folder && !strings.Contains(d.Source, ".jsonl:") {
					o.input = in
				}
				first[d.ID] = o
				if folded[foldID(d.ID)] {
					out = append(out, Item{Err: &doc.DocError{Source: d.Source, DocID: d.ID, Stage: Stage,
						Message: nearDuplicate(d.ID), Severity: doc.SeverityWarning}})
				}
				folded[foldID(d.ID)] = true
			}
		}
		out = append(out, it)
	}
	return out
}

// The duplicate check gives the same items whichever way it runs: by
// adjacency for one folder (switching to the set of ids at its first JSON
// Lines file, whose records repeat ids of files before and after it), by the
// set from the start for several INPUTs, and as the plain rule says.
func TestStreamDuplicatesMatchRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 3))
	empty := t.TempDir()
	for i := range 150 {
		root := t.TempDir()
		randomTree(t, rng, root)
		// One stem in several extensions, a document file that yields no
		// document, and JSON Lines repeating ids of files before ("m",
		// "k") and after ("z") it.
		writeTree(t, root, map[string]string{
			"m.txt": "Text.", "m.html": "<p>Page.</p>", "m.md": "bin\x00ary", "m/n.htm": "<p>N.</p>", "m/n.txt": "N.",
			"k.txt":   "bin\x00ary",
			"n.jsonl": `{"id":"m","text":"R."}` + "\n" + `{"id":"k","text":"R."}` + "\n" + `{"id":"m/n","text":"R."}` + "\n" + `{"id":"z","text":"R."}` + "\n",
			"z.txt":   "Zed.",
		})
		other := t.TempDir()
		writeTree(t, other, map[string]string{"m.txt": "Again.", "m/n.txt": "Again."})
		for _, inputs := range [][]string{{root}, {root, empty}, {root, other}, {other, filepath.Join(root, "m.txt"), root}} {
			got := collect(inputs, Options{}, "")
			want := withDuplicateCheck(inputs)
			if g, w := describeItems(got), describeItems(want); !slices.Equal(g, w) {
				t.Fatalf("tree %d, inputs %q:\n got %s\nwant %s", i, inputs, strings.Join(g, "\n     "), strings.Join(w, "\n     "))
			}
		}
	}
}

// A document's sidecars are taken from its folder's listing instead of
// looked up: the metadata and warnings must be what the lookups give.
func TestSidecarsFromListing(t *testing.T) {
	root := t.TempDir()
	meta := `{"url": "https://example.org/%s", "title": "T %s", "published": "2023-04-05"}`
	writeTree(t, root, map[string]string{
		"a.txt": "a", "a.meta.json": fmt.Sprintf(meta, "a", "a"),
		"b.md": "b", "b.gold.json": `{"url": "https://example.org/b", "published": "2022-01-02"}`,
		"c.txt": "c", "c.meta.json": fmt.Sprintf(meta, "c", "c"), "c.gold.json": `{"published": "2021-01-01"}`,
		"d-2020-03-04.txt": "d",
		"e.txt":            "e", "e.meta.json/inner.txt": "a folder named like a sidecar",
		"g.html": "<p>g</p>", "g.meta.json": `not json`,
		"H.txt": "h", "h.meta.json": fmt.Sprintf(meta, "h", "h"), // another stem's
		"sub/i.txt": "i", "i.meta.json": fmt.Sprintf(meta, "i", "i"), // another folder's
		"sub/j.txt": "j", "sub/j.meta.json": fmt.Sprintf(meta, "j", "j"),
	})
	if err := os.Symlink(filepath.Join(root, "missing.json"), filepath.Join(root, "f.gold.json")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, map[string]string{"f.txt": "f"})
	bits := map[string]sidecars{}
	n := 0
	walk(root, func(e entry) bool {
		if e.err != nil || (e.kind != kindText && e.kind != kindHTML) {
			return true
		}
		bits[e.id] = e.sidecars
		page := pageMeta{}
		var fromListing, lookedUp doc.Doc
		w1 := fillMeta(&fromListing, e.path(), e.sidecars, page, DefaultMaxBytes)
		w2 := fillMeta(&lookedUp, e.path(), 0, page, DefaultMaxBytes)
		if !reflect.DeepEqual(fromListing, lookedUp) || !slices.Equal(w1, w2) {
			t.Errorf("%s: from listing %+v %q, looked up %+v %q", e.id, fromListing, w1, lookedUp, w2)
		}
		n++
		return true
	})
	if n != 11 {
		t.Errorf("%d documents walked, want 11", n)
	}
	want := map[string]sidecars{
		"a": sidecarsKnown | hasMeta, "b": sidecarsKnown | hasGold, "c": sidecarsKnown | hasMeta | hasGold,
		"d-2020-03-04": sidecarsKnown, "e": sidecarsKnown | hasMeta, "f": sidecarsKnown | hasGold,
		"g": sidecarsKnown | hasMeta, "H": sidecarsKnown, "e.meta.json/inner": sidecarsKnown, "sub/i": sidecarsKnown, "sub/j": sidecarsKnown | hasMeta,
	}
	if !reflect.DeepEqual(bits, want) {
		t.Errorf("sidecar bits\n got %v\nwant %v", bits, want)
	}
}
