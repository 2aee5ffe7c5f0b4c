package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// kind is what a file is to ingest, decided by its name alone.
type kind int

const (
	kindOther   kind = iota // not a supported format: skipped and counted
	kindSidecar             // <stem>.meta.json / <stem>.gold.json: metadata, not counted
	kindText                // .txt, .md
	kindHTML                // .html, .htm
	kindJSONL               // .jsonl, .ndjson
)

func classify(name string) kind {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".meta.json") || strings.HasSuffix(lower, ".gold.json") {
		return kindSidecar
	}
	if strings.HasPrefix(lower, "readme") {
		// A corpus folder's README.md describes the corpus; it is not a report.
		return kindOther
	}
	switch filepath.Ext(lower) {
	case ".txt", ".md":
		return kindText
	case ".html", ".htm":
		return kindHTML
	case ".jsonl", ".ndjson":
		return kindJSONL
	}
	return kindOther
}

// entry is one file (or one unreadable path) found under an INPUT. A folder
// of many thousand files is listed whole before the first is read (for
// doc_id order), so an entry holds one string of its own (rel); root is
// shared and id is a slice of rel.
type entry struct {
	root string // the INPUT as the user gave it
	rel  string // '/'-separated path relative to the folder INPUT; "" for a file INPUT
	id   string // doc_id for text/html files
	kind kind
	size int64
	err  error // set when the path cannot be read; the entry becomes an error row
}

// source is the path as the user gave it, joined with rel; it is also the
// path to open.
func (e entry) source() string {
	if e.rel == "" {
		return e.root
	}
	return filepath.Join(e.root, filepath.FromSlash(e.rel))
}

func (e entry) path() string { return e.source() }

// list expands one INPUT into its entries, in the order Stream yields them.
// It stats files and lists folders but reads no file.
func list(in string) []entry {
	fi, err := os.Stat(in)
	if err != nil {
		return []entry{{root: in, err: errors.New(describeOpenError(in, err))}}
	}
	if !fi.IsDir() {
		base := filepath.Base(in)
		e := entry{root: in, id: stemOf(base), kind: classify(base), size: fi.Size()}
		if e.kind == kindSidecar {
			// Named on its own, a sidecar is something the user asked for
			// that ingest does not read: say so rather than stay silent.
			e.kind = kindOther
		}
		if e.kind == kindOther || e.kind == kindJSONL {
			e.id = ""
		}
		if (e.kind == kindText || e.kind == kindHTML) && !fi.Mode().IsRegular() {
			// A FIFO or device could block a batch forever. A JSON Lines
			// stream named on the command line (a pipe, /dev/stdin) is
			// read: that is what the user asked for.
			e.err = errors.New("not a regular file (a FIFO or device); not read")
		}
		return []entry{e}
	}
	var out []entry
	w := walker{root: in, out: &out}
	w.dir(in, "", []fs.FileInfo{fi})
	// Tables are ordered by doc_id, so documents are read in doc_id order
	// (the relative path without extension: "a" before "a-b", though
	// "a-b.txt" < "a.txt"), ties and non-documents by the relative path.
	// Never the per-folder order a recursive walk gives.
	sort.SliceStable(out, func(i, j int) bool {
		ki, kj := sortKey(out[i]), sortKey(out[j])
		if ki != kj {
			return ki < kj
		}
		return out[i].rel < out[j].rel
	})
	return out
}

type walker struct {
	root string
	out  *[]entry
}

// dir lists one folder. ancestors are the folders on the way down, so a
// symbolic link back to one of them is reported as a loop instead of being
// followed forever.
func (w walker) dir(dirPath, rel string, ancestors []fs.FileInfo) {
	ents, err := os.ReadDir(dirPath)
	if err != nil {
		msg := "cannot list folder: " + unwrapPath(err).Error()
		if errors.Is(err, fs.ErrPermission) {
			msg = "cannot list folder: permission denied"
		}
		*w.out = append(*w.out, w.errEntry(rel, errors.New(msg)))
		if len(ents) == 0 {
			return
		}
	}
	for _, de := range ents {
		name := de.Name()
		// Hidden files and folders (.git, .DS_Store, editor backups) are
		// not part of a corpus.
		if strings.HasPrefix(name, ".") {
			continue
		}
		childRel := path.Join(rel, name)
		childPath := filepath.Join(dirPath, name)
		fi, err := os.Stat(childPath) // follows symbolic links
		if err != nil {
			*w.out = append(*w.out, w.errEntry(childRel, errors.New(describeOpenError(childPath, err))))
			continue
		}
		if fi.IsDir() {
			if loopsBack(fi, ancestors) {
				*w.out = append(*w.out, w.errEntry(childRel,
					errors.New("folder loop: a symbolic link leads back to an enclosing folder; not followed")))
				continue
			}
			w.dir(childPath, childRel, append(ancestors[:len(ancestors):len(ancestors)], fi))
			continue
		}
		e := entry{root: w.root, rel: childRel, kind: classify(name), size: fi.Size()}
		if e.kind == kindText || e.kind == kindHTML {
			e.id = stemOf(childRel)
		}
		if !fi.Mode().IsRegular() && e.kind != kindOther && e.kind != kindSidecar {
			// Reading a FIFO or device found in a tree could block forever.
			e.err = errors.New("not a regular file")
		}
		*w.out = append(*w.out, e)
	}
}

func (w walker) errEntry(rel string, err error) entry {
	e := entry{root: w.root, rel: rel, err: err}
	if k := classify(path.Base(rel)); rel != "" && (k == kindText || k == kindHTML) {
		e.id = stemOf(rel)
	}
	return e
}

func loopsBack(fi fs.FileInfo, ancestors []fs.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, fi) {
			return true
		}
	}
	return false
}

func sortKey(e entry) string {
	if e.id != "" {
		return e.id
	}
	return e.rel
}
