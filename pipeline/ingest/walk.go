package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// kind is what a file is to ingest, decided by its name alone.
type kind uint8

const (
	kindOther   kind = iota // not a supported format: skipped and counted
	kindSidecar             // <stem>.meta.json / <stem>.gold.json: metadata, not counted
	kindText                // .txt, .md
	kindHTML                // .html, .htm
	kindJSONL               // .jsonl, .ndjson
)

// Formats lists the extensions of the documents ingest reads, for messages.
const Formats = ".txt .md .html .htm .jsonl .ndjson"

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

// entry is one file (or one unreadable path) found under an INPUT, as the
// streamer sees it; id is a slice of rel.
type entry struct {
	root string // the INPUT as the user gave it
	rel  string // '/'-separated path relative to the folder INPUT, names escaped (see escapeName); "" for a file INPUT
	id   string // doc_id for text/html files
	kind kind
	size int64
	err  error // set when the path cannot be read; the entry becomes an error row
	// open is the path to open when a name on it had to be escaped (rel
	// and root then differ from the bytes on disk); "" otherwise.
	open string
	warn bool // err is a warning (a sidecar not read), not a failed document
	// sidecars: which of <stem>.meta.json and <stem>.gold.json the folder
	// listing holds, so reading a document costs no lookup per sidecar;
	// zero (not known) for a file INPUT.
	sidecars sidecars
}

// sidecars records what a folder listing says about a document's sidecars.
type sidecars uint8

const (
	sidecarsKnown sidecars = 1 << iota // the bits below come from a listing
	hasMeta                            // <stem>.meta.json is listed
	hasGold                            // <stem>.gold.json is listed
)

// may reports whether the sidecar with bit has to be looked for.
func (s sidecars) may(bit sidecars) bool { return s&sidecarsKnown == 0 || s&bit != 0 }

// source is the path as the user gave it, joined with rel, valid UTF-8:
// the documents' source column. It is the path to open unless a name on it
// was escaped.
func (e entry) source() string {
	root, _ := escapePath(e.root)
	if e.rel == "" {
		return root
	}
	return filepath.Join(root, filepath.FromSlash(e.rel))
}

// path is the path to open.
func (e entry) path() string {
	if e.open != "" {
		return e.open
	}
	return e.source()
}

// escaped reports whether the entry's source differs from its path.
func (e entry) escaped() bool { return e.open != "" }

// walk calls yield with the entries of one INPUT in the order Stream reads
// them, until yield returns false (then walk does too). It stats files and
// lists folders but reads no file.
//
// Tables are ordered by doc_id, so documents are read in doc_id order (the
// relative path without extension: "a" before "a-b", though "a-b.txt" <
// "a.txt"), ties and non-documents by the relative path: entries sort by
// key (doc_id, else the relative path), then by relative path. Never the
// per-folder order a recursive walk gives.
//
// Yet a folder is listed only when the walk reaches it, so the first
// document waits for the folders on its path only, and memory holds the
// listings of the folders on the current path, not the tree. That gives the
// global order because, in folder P, a file's key is P+x with no '/' in x
// while everything inside subfolder s has a key P+s+"/"+rest: comparing x
// with s+"/"+rest is decided within its first len(s)+1 bytes, so the
// subfolder's contents sort as one block at the key s+"/" among P's names
// (after "s-a" and "s.b", since '-' and '.' sort before '/'), and ties
// between keys happen only between names of one folder. See dir.
func walk(in string, yield func(entry) bool) bool { return walkWith(in, false, yield) }

// walkWith is walk; with noFollowOutside a symbolic link whose target is
// outside the INPUT folder is not followed (see outsideTarget).
func walkWith(in string, noFollowOutside bool, yield func(entry) bool) bool {
	fi, err := os.Stat(in)
	if err != nil {
		return yield(entry{root: in, err: errors.New(describeOpenError(in, err))})
	}
	if !fi.IsDir() {
		return yield(fileInput(in, fi))
	}
	w := walker{root: in, yield: yield}
	_, w.escaped = escapePath(in)
	if noFollowOutside {
		if w.rootReal, err = filepath.EvalSymlinks(in); err != nil {
			return yield(entry{root: in, err: errors.New(describeOpenError(in, err))})
		}
	}
	ents, err := os.ReadDir(in)
	if err != nil && !w.errEntry("", listError(err)) {
		return false
	}
	// A partial listing (an error and some names) is walked as far as it goes.
	return w.dir(in, "", ents, []fs.FileInfo{fi}, w.escaped)
}

// fileInput is the only entry of an INPUT that is a file.
func fileInput(in string, fi fs.FileInfo) entry {
	base, _ := escapeName(filepath.Base(in))
	e := entry{root: in, id: stemOf(base), kind: classify(base), size: fi.Size()}
	if _, esc := escapePath(in); esc {
		e.open = in
	}
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
	return e
}

type walker struct {
	root  string
	yield func(entry) bool
	// escaped: the INPUT itself is not valid UTF-8, so every entry needs
	// its path to open (entry.open).
	escaped bool
	// rootReal is the INPUT with symbolic links resolved when links out of
	// it are not to be followed (--no-follow-outside); "" otherwise.
	rootReal string
}

// outsideTarget returns where the symbolic link at path leads when that is
// outside the INPUT folder and such links are not followed; "" otherwise.
// Only links are checked (a few per corpus), so this costs nothing on
// ordinary files. Hard links cannot be told from files and are read.
func (w walker) outsideTarget(path string) string {
	if w.rootReal == "" {
		return ""
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "" // a broken link or a loop: reported as such when reached
	}
	if target == w.rootReal || strings.HasPrefix(target, w.rootReal+string(filepath.Separator)) {
		return ""
	}
	return target
}

// outsideError is the message for a link out of the INPUT folder.
func outsideError(target string) error {
	t, _ := escapePath(target)
	return fmt.Errorf("symbolic link leads outside the INPUT folder (to %s); not followed (--no-follow-outside)", t)
}

// place is one name of a folder at one of its places in the walk order. A
// subfolder has two: at its own key, where an error about it (it cannot be
// listed, it loops back) is reported and where it is listed, and at
// name+"/", where its contents are walked.
type place struct {
	name, key string
	esc       string // name made valid UTF-8 (escapeName); key is made from it
	outside   string // a link's target outside the INPUT folder, not to be followed
	node      *node  // set for a name that had to be stat'ed to be placed
	contents  bool   // a subfolder's second place
}

// node is what is known of a folder or symbolic link before its place comes.
type node struct {
	fi   fs.FileInfo
	err  error
	ents []fs.DirEntry // a subfolder's names, listed at its first place
}

// nameKey is the sort key of a name within its folder: the doc_id part for
// a document's name, else the whole name (errEntry and file keep it).
func nameKey(name string) string {
	if k := classify(name); k == kindText || k == kindHTML {
		return stemOf(name)
	}
	return name
}

// dir walks one folder whose names are ents; rel is its relative path ("" at
// the root). ancestors are the folders on the way down, so a symbolic link
// back to one of them is reported as a loop instead of being followed
// forever. escaped: dirPath's names differ from rel's (escapeName).
func (w walker) dir(dirPath, rel string, ents []fs.DirEntry, ancestors []fs.FileInfo, escaped bool) bool {
	places := w.places(dirPath, ents)
	ents = nil // the places hold all that is needed; free the listing
	for i := range places {
		p := &places[i]
		childPath := filepath.Join(dirPath, p.name)
		childRel := p.esc
		if rel != "" {
			childRel = rel + "/" + p.esc
		}
		// At and below an escaped name the path to open differs from the
		// source.
		childEscaped := escaped || p.esc != p.name
		var ok bool
		switch {
		case p.contents:
			sub := p.node.ents
			p.node.ents = nil
			ok = len(sub) == 0 || w.dir(childPath, childRel, sub, append(ancestors[:len(ancestors):len(ancestors)], p.node.fi), childEscaped)
		case p.outside != "":
			ok = w.outsideEntry(p, childRel)
		default:
			ok = w.name(places, p, childPath, childRel, ancestors, childEscaped)
		}
		if !ok {
			return false
		}
	}
	return true
}

// places lists a folder's names in walk order: hidden names left out, each
// subfolder at its two places (see place), symbolic links stat'ed.
func (w walker) places(dirPath string, ents []fs.DirEntry) []place {
	places := make([]place, 0, len(ents))
	for _, de := range ents {
		name := de.Name()
		// Hidden files and folders (.git, .DS_Store, editor backups) are
		// not part of a corpus.
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := place{name: name}
		p.esc, _ = escapeName(name)
		p.key = nameKey(p.esc)
		if de.Type()&fs.ModeSymlink != 0 {
			p.outside = w.outsideTarget(filepath.Join(dirPath, name))
		}
		if de.IsDir() || de.Type()&fs.ModeSymlink != 0 {
			// Only a stat tells where a symbolic link leads, and a
			// folder needs its second place; plain files are stat'ed
			// when reached.
			fi, err := os.Stat(filepath.Join(dirPath, name)) // follows symbolic links
			p.node = &node{fi: fi, err: err}
			if err == nil && fi.IsDir() && p.outside == "" {
				places = append(places, place{name: name, esc: p.esc, key: p.esc + "/", node: p.node, contents: true})
			}
		}
		places = append(places, p)
	}
	slices.SortFunc(places, func(a, b place) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		if c := strings.Compare(a.esc, b.esc); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return places
}

// name yields the entry of one name of a folder at its first place: a
// file, an unreadable path, or a subfolder (listed here, walked at its
// second place).
func (w walker) name(places []place, p *place, childPath, childRel string, ancestors []fs.FileInfo, escaped bool) bool {
	var fi fs.FileInfo
	var err error
	if p.node != nil {
		fi, err = p.node.fi, p.node.err
	} else {
		fi, err = os.Stat(childPath)
	}
	if err != nil {
		return w.errEntry(childRel, errors.New(describeOpenError(childPath, err)))
	}
	if p.node != nil && fi.IsDir() {
		return w.folder(p.node, childPath, childRel, ancestors)
	}
	// A name that was no folder when listed is read as a file even if it
	// has become one since.
	k := classify(p.esc)
	e := entry{root: w.root, rel: childRel, kind: k, size: fi.Size()}
	if escaped {
		e.open = childPath
	}
	if k == kindText || k == kindHTML {
		// doc_id: the relative path without its last extension.
		e.id = childRel[:len(childRel)-len(filepath.Ext(p.esc))]
		stem := stemOf(p.esc)
		e.sidecars = sidecarsKnown
		if listed(places, stem+".meta.json") {
			e.sidecars |= hasMeta
		}
		if listed(places, stem+".gold.json") {
			e.sidecars |= hasGold
		}
	}
	if !fi.Mode().IsRegular() && k != kindOther && k != kindSidecar {
		// Reading a FIFO or device found in a tree could block forever.
		e.err = errNotRegular
	}
	return w.yield(e)
}

// listed reports whether a folder's sorted places hold name, escaped (a
// sidecar's, whose key is the escaped name itself).
func listed(places []place, name string) bool {
	i, ok := slices.BinarySearchFunc(places, name, func(p place, name string) int {
		if c := strings.Compare(p.key, name); c != 0 {
			return c
		}
		return strings.Compare(p.esc, name)
	})
	return ok && !places[i].contents && places[i].esc == name && places[i].outside == ""
}

// outsideEntry yields the entry of a link out of the INPUT folder that is
// not followed: an error for a document, a JSON Lines file or a folder; a
// warning for a sidecar (its document is read without it); nothing more
// than a skipped file for any other name.
func (w walker) outsideEntry(p *place, rel string) bool {
	isDir := p.node != nil && p.node.err == nil && p.node.fi.IsDir()
	switch k := classify(p.esc); {
	case isDir:
		return w.errEntry(rel, outsideError(p.outside))
	case k == kindSidecar:
		return w.yield(entry{root: w.root, rel: rel, kind: kindSidecar, err: outsideError(p.outside), warn: true})
	case k == kindOther:
		return w.yield(entry{root: w.root, rel: rel, kind: kindOther})
	}
	return w.errEntry(rel, outsideError(p.outside))
}

// folder handles a subfolder at its first place: it reports a loop or a
// listing error, else keeps the names for its second place.
func (w walker) folder(n *node, dirPath, rel string, ancestors []fs.FileInfo) bool {
	if loopsBack(n.fi, ancestors) {
		return w.errEntry(rel, errors.New("folder loop: a symbolic link leads back to an enclosing folder; not followed"))
	}
	ents, err := os.ReadDir(dirPath)
	n.ents = ents
	if err != nil {
		return w.errEntry(rel, listError(err))
	}
	return true
}

func listError(err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return errors.New("cannot list folder: permission denied")
	}
	return errors.New("cannot list folder: " + unwrapPath(err).Error())
}

var errNotRegular = errors.New("not a regular file")

// errEntry yields an unreadable path; it keeps a doc_id when its name is a
// document's.
func (w walker) errEntry(rel string, err error) bool {
	e := entry{root: w.root, rel: rel, kind: kindOther, err: err}
	name := path.Base(rel)
	if c := classify(name); rel != "" && (c == kindText || c == kindHTML) {
		e.kind = c
		e.id = rel[:len(rel)-len(filepath.Ext(name))]
	}
	return w.yield(e)
}

func loopsBack(fi fs.FileInfo, ancestors []fs.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, fi) {
			return true
		}
	}
	return false
}
