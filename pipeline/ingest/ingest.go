// Package ingest turns the command line's INPUT arguments into a
// deterministic stream of documents.
//
// In: paths as given by the user. Each is a file, a folder (walked
// recursively, one folder listed at a time; documents in doc_id order — the
// '/'-separated relative path without extension — other files and ties by
// relative path) or "-" (JSON Lines on stdin). Formats are chosen by
// extension: .txt as is, .md reduced to its text (markdown.go), .html/.htm
// as visible text, .jsonl/.ndjson one record per line.
//
// Out: an iter.Seq of Items, each holding a doc.Doc, a doc.DocError (bad input
// is data, never a reason to stop), or the source of a file skipped because
// its format is not supported. Nothing here extracts anything; the text of
// .txt files and JSON Lines records is passed on byte for byte so that
// code point offsets downstream match Python's str indexing of the same file
// (those of .md and .html files point into their reduced text).
//
// Bytes are decoded to UTF-8: UTF-8 as is, UTF-16 with a byte order mark,
// an HTML page's declared charset, else Windows-1251 or Windows-1252,
// whichever the bytes fit (Doc.Encoding names it; a warning item precedes
// the document). Binary files, unreadable paths, FIFOs, symbolic link loops
// and files over Options.MaxBytes (refused from their size, never read) are
// error items; an empty or blank text is a document with a warning. An HTML
// page too deeply nested for the tree parser is reduced by a tag-stripping
// tokenizer pass instead.
//
// Metadata for .txt/.md/.html files comes, field by field, from a sibling
// <stem>.meta.json (url, published, title), then a sibling <stem>.gold.json
// (url, published), then the page's own: an HTML <head> (canonical link,
// og:/article: meta tags, <title>) or Markdown front matter (title, date,
// url), then a YYYY-MM-DD inside the file
// name (published only). Sidecars are metadata, never documents.
package ingest

import (
	"crypto/sha256"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"plenary/pipeline/doc"
)

// DefaultMaxBytes is the default limit on one document (and on one JSON Lines
// line): 1 MiB. A larger file is refused from its size, never read. Its
// extraction holds ~45 bytes of memory per byte of ordinary text and up to
// ~175 for text that is all punctuation (a token per byte), so at 1 MiB a
// run stays within 300 MB whatever the text (README: Memory); news reports
// are a few KB to a few hundred.
const DefaultMaxBytes = 1 << 20

// Stage is the DocError.Stage of every error produced here.
const Stage = "ingest"

// Options tune ingestion. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest document (file, or JSON Lines line) read into
	// memory; larger ones become errors. 0 means DefaultMaxBytes.
	MaxBytes int64
	// AllowDuplicateIDs turns off the duplicate doc_id check. By default the
	// second document with an id already seen becomes an error, because
	// downstream tables and scoring join on doc_id.
	AllowDuplicateIDs bool
	// NoFollowOutside: a symbolic link inside a folder INPUT whose target
	// is outside that folder is not followed (an error row; a warning for
	// a sidecar), so an untrusted folder cannot bring in /etc/passwd. By
	// default links are followed wherever they lead.
	NoFollowOutside bool
	// IDPrefix is put before every doc_id (of files and of JSON Lines
	// records): a run's namespace, e.g. "2023-05/".
	IDPrefix string
	// IDParent makes a file's doc_id its path relative to the common
	// parent folder of the INPUTs, not to its INPUT: plenary run day1 day2
	// gives day1/report and day2/report instead of "report" twice (the
	// second a duplicate). JSON Lines records keep their own ids.
	IDParent bool
	// StdinFormat is how the INPUT "-" is read: "" or "jsonl" (JSON Lines,
	// one record per line) or "text" (one text document, doc_id "stdin").
	StdinFormat string
	// Shard and Shards, when Shards > 1, keep only the items of shard Shard
	// (0 <= Shard < Shards, see ShardOf): a document whose doc_id is
	// another shard's is not read at all, and shows up only as an item with
	// OtherShard set.
	Shard, Shards int
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Item is one element of the stream: exactly one of Doc, Err and Skipped is
// set. An Err whose Severity is doc.SeverityWarning is not a failed
// document: it concerns the Doc item that follows it (an encoding that had
// to be decoded, an empty text, a broken sidecar).
type Item struct {
	Doc        *doc.Doc
	Err        *doc.DocError
	Skipped    string // source of a file whose format is not supported
	SkipReason string // why it is skipped, for run.json
	// Bytes is how much input this item accounts for, so a progress bar
	// whose total comes from Plan advances with it. Skipped files count 0
	// (Plan leaves them out); blank JSON Lines lines are carried by the next
	// record.
	Bytes int64
	// OtherShard: the item is another shard's (Options.Shards); only
	// Bytes and OtherDoc are set. OtherDoc: it was a document file or
	// record (not read, so it may be one that would fail), so the input as
	// a whole is most likely not empty.
	OtherShard, OtherDoc bool
}

// Stream yields the documents of inputs in order: inputs in the order given,
// the files of a folder in doc_id order (see walk), JSON Lines records in
// line order. stdin is read for the input "-" (it may be nil when no input
// is "-"). Only one document is held in memory at a time, and a folder is
// listed only when the walk reaches it; the order still never depends on
// the file system.
func Stream(inputs []string, opt Options, stdin io.Reader) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		s := &streamer{opt: opt, yield: yield, inputs: inputs, pre: idPrefixes(inputs, opt)}
		if !opt.AllowDuplicateIDs {
			// The usual batch, one folder (or file), yields its documents
			// sorted by doc_id: a duplicate is then always next to the
			// document it repeats, and no set of every id seen is needed
			// (~2 MB at 49k files) unless a JSON Lines file turns up
			// (see toSet).
			if len(inputs) == 1 && inputs[0] != "-" {
				s.adjacent = true
			} else {
				s.seen = map[[16]byte]uint64{}
			}
		}
		for i, in := range inputs {
			s.in = i
			if !s.input(in, stdin) {
				return
			}
		}
	}
}

// Plan is a cheap pre-scan for progress totals: it lists folders and stats
// files but reads no document. files counts the files Stream will read
// (skipped formats and sidecars excluded); bytes is their total size, or -1
// when an input is "-" (stdin's size is unknown).
func Plan(inputs []string, opt Options) (files int, bytes int64) {
	unknown := false
	for _, in := range inputs {
		if in == "-" {
			unknown = true
			continue
		}
		walkWith(in, opt.NoFollowOutside, func(e entry) bool {
			if e.err == nil && e.kind != kindOther && e.kind != kindSidecar {
				files++
				bytes += e.size
			}
			return true
		})
	}
	if unknown {
		return files, -1
	}
	return files, bytes
}

// streamer carries the state of one Stream call.
type streamer struct {
	opt    Options
	yield  func(Item) bool
	stop   bool
	inputs []string
	pre    []string // per INPUT, the prefix of its files' doc_ids (idPrefixes)
	in     int      // index of the INPUT being read

	// Duplicate doc_id check (nil seen: off). A set of 128-bit hashes of the
	// ids seen, each with a ref to where its document came from, so memory
	// does not grow with the length of ids and sources; the first source is
	// rebuilt only when a duplicate turns up. A ref is input<<32 | ext for a
	// file (ext: 1 + index into exts, 0 for a file INPUT), or
	// 1<<63 | jsonl-source<<32 | line for a JSON Lines record.
	seen     map[[16]byte]uint64
	exts     []string // extensions of the documents in refs, each once
	jsonlSrc []string // every JSON Lines source so far
	ref      uint64   // the ref of the document being read

	// adjacent: documents come sorted by doc_id (see Stream), so a
	// duplicate is the document right after the one it repeats.
	adjacent         bool
	lastID, lastFrom string
	// failed are the walk positions of the document files that yielded no
	// document while adjacent (usually none), for toSet; gotDoc tells
	// whether the entry being read yielded one.
	failed []int
	gotDoc bool

	// near holds foldKey of every doc_id so far: an id that differs from
	// an earlier one only by case, NFC or surrounding spaces gets a
	// warning (not with AllowDuplicateIDs, where the same id may come
	// again). 8 bytes and map overhead per document, and a hash per id.
	near     map[uint64]struct{}
	nearSeed maphash.Seed
}

const jsonlRef = 1 << 63

// fileRef is the ref of the document of file entry e of the current INPUT:
// its source is the INPUT joined with doc_id and extension.
func (s *streamer) fileRef(e entry) uint64 {
	ref := uint64(s.in) << 32
	if e.rel == "" {
		return ref
	}
	ext := e.rel[len(e.id):]
	i := slices.Index(s.exts, ext)
	if i < 0 {
		i = len(s.exts)
		s.exts = append(s.exts, ext)
	}
	return ref | uint64(i+1)
}

// origin is the source of the document with this id that ref points to.
func (s *streamer) origin(ref uint64, id string) string {
	hi, lo := int(ref>>32&0x7fffffff), uint32(ref)
	if ref&jsonlRef != 0 {
		return fmt.Sprintf("%s:%d", s.jsonlSrc[hi], lo)
	}
	in, _ := escapePath(s.inputs[hi])
	if lo == 0 {
		return in
	}
	id = strings.TrimPrefix(id, s.pre[hi])
	return filepath.Join(in, filepath.FromSlash(id+s.exts[lo-1]))
}

// id is the doc_id of file entry e of the current INPUT.
func (s *streamer) id(e entry) string {
	if e.id == "" {
		return ""
	}
	return s.pre[s.in] + e.id
}

// idPrefixes gives each INPUT the prefix of its files' doc_ids: the
// IDPrefix option, then with IDParent the INPUT's path from the INPUTs'
// common parent folder ("day1/"; for a file INPUT, its folder's).
func idPrefixes(inputs []string, opt Options) []string {
	pre := make([]string, len(inputs))
	dirs := make([]string, len(inputs))
	common := ""
	for i, in := range inputs {
		pre[i] = opt.IDPrefix
		if !opt.IDParent || in == "-" {
			continue
		}
		abs, err := filepath.Abs(in)
		if err != nil {
			continue
		}
		dirs[i] = abs
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			dirs[i] = filepath.Dir(abs)
		}
		common = commonDir(common, filepath.Dir(dirs[i]))
	}
	for i, d := range dirs {
		if d == "" {
			continue
		}
		if rel, err := filepath.Rel(common, d); err == nil && rel != "." {
			esc, _ := escapePath(filepath.ToSlash(rel))
			pre[i] += esc + "/"
		}
	}
	return pre
}

// commonDir is the longest folder path a and b both lie in ("" is none yet).
func commonDir(a, b string) string {
	if a == "" {
		return b
	}
	for a != b {
		if len(a) > len(b) {
			a = filepath.Dir(a)
		} else {
			b = filepath.Dir(b)
		}
		if a == filepath.Dir(a) && b == filepath.Dir(b) {
			return a // the root
		}
	}
	return a
}

// fromOtherFolder reports whether two documents' refs are files of two
// different folder INPUTs (not JSON Lines records, not file INPUTs): the
// case of plenary run day1 day2, which --id-parent solves.
func fromOtherFolder(first, ref uint64) bool {
	return first&jsonlRef == 0 && ref&jsonlRef == 0 && uint32(first) != 0 && uint32(ref) != 0 && first>>32 != ref>>32
}

// duplicateHint ends the duplicate error of fromOtherFolder.
const duplicateHint = "; two INPUT folders hold the same relative path: --id-parent makes ids relative to their common parent folder (day1/…, day2/…), --id-prefix puts a prefix before them"

// idKey is the set's key for a doc_id.
func idKey(id string) [16]byte {
	h := sha256.Sum256([]byte(id))
	return [16]byte(h[:16])
}

// toSet turns the adjacency check into the set check when the first JSON
// Lines file of a single INPUT comes up at walk position pos: its records'
// ids come in no order. The set is seeded with the documents already read,
// found by walking the INPUT again up to pos (a one-time cost, only for an
// INPUT that holds JSON Lines) minus the files that yielded none.
func (s *streamer) toSet(pos int) {
	s.adjacent = false
	s.seen = map[[16]byte]uint64{}
	failed := s.failed
	s.failed = nil
	i := 0
	walkWith(s.inputs[s.in], s.opt.NoFollowOutside, func(e entry) bool {
		if i >= pos {
			return false
		}
		for len(failed) > 0 && failed[0] < i {
			failed = failed[1:]
		}
		skip := len(failed) > 0 && failed[0] == i
		i++
		if skip || e.err != nil || (e.kind != kindText && e.kind != kindHTML) {
			return true
		}
		// The first document with an id is the one the set keeps.
		key := idKey(s.id(e))
		if _, dup := s.seen[key]; !dup {
			s.seen[key] = s.fileRef(e)
		}
		return true
	})
}

// duplicate is the error item that replaces document item it, whose id a
// document from first already had.
func duplicate(it Item, first string) Item {
	return Item{Err: &doc.DocError{Source: it.Doc.Source, DocID: it.Doc.ID, Stage: Stage,
		Message: fmt.Sprintf("duplicate doc_id (first seen in %s); document dropped", first)}, Bytes: it.Bytes}
}

func (s *streamer) emit(it Item) bool {
	if s.stop {
		return false
	}
	if !s.mine(shardKey(it)) {
		if it.Doc == nil && it.Bytes == 0 {
			return true
		}
		return s.other(it.Doc != nil, it.Bytes)
	}
	if it.Doc != nil {
		s.gotDoc = true
	}
	if it.Doc != nil && s.adjacent {
		if it.Doc.ID == s.lastID && s.lastFrom != "" {
			it = duplicate(it, s.lastFrom)
		} else {
			s.lastID, s.lastFrom = it.Doc.ID, it.Doc.Source
		}
	}
	if it.Doc != nil && s.seen != nil {
		key := idKey(it.Doc.ID)
		if first, dup := s.seen[key]; dup {
			it = duplicate(it, s.origin(first, it.Doc.ID))
			if fromOtherFolder(first, s.ref) {
				it.Err.Message += duplicateHint
			}
		} else {
			s.seen[key] = s.ref
		}
	}
	if it.Doc != nil && !s.opt.AllowDuplicateIDs && s.nearSeen(it.Doc.ID) {
		w := Item{Err: &doc.DocError{Source: it.Doc.Source, DocID: it.Doc.ID, Stage: Stage,
			Message: nearDuplicate(it.Doc.ID), Severity: doc.SeverityWarning}}
		if !s.yield(w) {
			s.stop = true
			return false
		}
	}
	if !s.yield(it) {
		s.stop = true
		return false
	}
	return true
}

// mine reports whether an item keyed key (see shardKey) is this run's shard.
func (s *streamer) mine(key string) bool {
	return s.opt.Shards <= 1 || ShardOf(key, s.opt.Shards) == s.opt.Shard
}

// other yields the stand-in for another shard's item.
func (s *streamer) other(isDoc bool, bytes int64) bool {
	if !s.yield(Item{OtherShard: true, OtherDoc: isDoc, Bytes: bytes}) {
		s.stop = true
		return false
	}
	return true
}

// shardKey is what decides an item's shard: its doc_id when it has one
// (a document, its warnings and errors go together), else its source.
func shardKey(it Item) string {
	switch {
	case it.Doc != nil:
		return it.Doc.ID
	case it.Err != nil && it.Err.DocID != "":
		return it.Err.DocID
	case it.Err != nil:
		return it.Err.Source
	}
	return it.Skipped
}

// nearSeen reports whether an earlier doc_id folds (foldID) to the same
// form as id, and notes id's.
func (s *streamer) nearSeen(id string) bool {
	if s.near == nil {
		s.near, s.nearSeed = map[uint64]struct{}{}, maphash.MakeSeed()
	}
	k := foldKey(s.nearSeed, id)
	if _, ok := s.near[k]; ok {
		return true
	}
	s.near[k] = struct{}{}
	return false
}

func (s *streamer) fail(source, id string, bytes int64, format string, args ...any) bool {
	return s.emit(Item{Err: &doc.DocError{Source: source, DocID: id, Stage: Stage,
		Message: fmt.Sprintf(format, args...)}, Bytes: bytes})
}

// warn emits a warning row: the document it concerns follows it, processed.
func (s *streamer) warn(source, id string, format string, args ...any) bool {
	return s.emit(Item{Err: &doc.DocError{Source: source, DocID: id, Stage: Stage,
		Message: fmt.Sprintf(format, args...), Severity: doc.SeverityWarning}})
}

// input streams one INPUT argument; false means the consumer stopped.
func (s *streamer) input(in string, stdin io.Reader) bool {
	if in == "-" {
		if stdin == nil {
			return s.fail("<stdin>", "", 0, "no standard input available")
		}
		if s.opt.StdinFormat == "text" {
			return s.stdinText(stdin)
		}
		return s.jsonl(stdin, "<stdin>")
	}
	pos := 0
	return walkWith(in, s.opt.NoFollowOutside, func(e entry) bool {
		i := pos
		pos++
		switch {
		case e.err != nil && e.warn:
			return s.warn(e.source(), "", "%s", e.err.Error())
		case e.err != nil:
			// Plan did not count it, so it carries no bytes.
			ok := s.fail(e.source(), s.id(e), 0, "%s", e.err.Error())
			s.noDoc(e, i)
			return ok
		case e.kind == kindSidecar:
			return true
		case e.kind == kindOther:
			return s.emit(Item{Skipped: e.source(), SkipReason: skipReason(e.source())})
		case e.kind == kindJSONL:
			if s.adjacent {
				s.toSet(i)
			}
			return s.jsonlFile(e)
		}
		if !s.mine(s.id(e)) {
			// Another shard's: not even read.
			return s.other(true, e.size)
		}
		if s.seen != nil {
			s.ref = s.fileRef(e)
		}
		s.gotDoc = false
		ok := s.file(e)
		if !s.gotDoc {
			s.noDoc(e, i)
		}
		return ok
	})
}

// noDoc notes, while adjacent, that the document file at walk position i
// yielded no document, so toSet does not count it as read.
func (s *streamer) noDoc(e entry, i int) {
	if s.adjacent && (e.kind == kindText || e.kind == kindHTML) {
		s.failed = append(s.failed, i)
	}
}

// jsonlFile opens a JSON Lines file and streams its records.
func (s *streamer) jsonlFile(e entry) bool {
	f, err := os.Open(e.path())
	if err != nil {
		return s.fail(e.source(), "", e.size, "%s", describeOpenError(e.path(), err))
	}
	defer f.Close()
	if e.escaped() && !s.warn(e.source(), "", "%s", nameWarning(e.path())) {
		return false
	}
	return s.jsonl(f, e.source())
}

// file reads one .txt/.md/.html document with its sidecar metadata.
func (s *streamer) file(e entry) bool {
	id := s.id(e)
	data, err := readLimited(e.path(), s.opt.maxBytes())
	if err != nil {
		return s.fail(e.source(), id, e.size, "%s", err.Error())
	}
	d := &doc.Doc{ID: id, Source: e.source()}
	var page pageMeta
	var warns []string
	if e.kind == kindHTML {
		text, pm, enc, hw, err := decodeHTML(data)
		if err != nil {
			return s.fail(e.source(), id, e.size, "%s", err.Error())
		}
		d.Text, page, d.Encoding, warns = text, pm, enc, hw
		d.Extraction = pm.Extraction
		if strings.TrimSpace(d.Text) == "" {
			warns = append(warns, "HTML page has no visible text; kept with zero counts")
		}
	} else {
		dec, err := decodeText(data)
		if err != nil {
			return s.fail(e.source(), id, e.size, "%s", err.Error())
		}
		d.Text, d.Encoding = dec.text, dec.enc
		if dec.warn != "" {
			warns = append(warns, dec.warn)
		}
		blank := isBlank(d.Text)
		if isMarkdown(e.rel, e.root) {
			d.Text, page = reduceMarkdown(d.Text)
		}
		switch {
		case len(data) == 0:
			warns = append(warns, "empty document (0 bytes); kept with zero counts")
		case blank:
			warns = append(warns, "document has only whitespace; kept with zero counts")
		case isBlank(d.Text):
			warns = append(warns, "Markdown has no text (only images, code, URLs or markup); kept with zero counts")
		}
	}
	warns = append(warns, fillMeta(d, e.path(), e.sidecars, page, s.opt.maxBytes())...)
	if e.escaped() {
		warns = append(warns, nameWarning(e.path()))
	}
	for _, w := range warns {
		if !s.warn(e.source(), id, "%s", w) {
			return false
		}
	}
	return s.emit(Item{Doc: d, Bytes: e.size})
}

// isMarkdown tells a .md file (by the extension of its relative path, or
// of the INPUT itself for a file INPUT) from a .txt one.
func isMarkdown(rel, root string) bool {
	if rel == "" {
		rel = root
	}
	return strings.EqualFold(filepath.Ext(rel), ".md")
}

// skipReason says why a file is not read as a document.
func skipReason(path string) string {
	lower := strings.ToLower(filepath.Base(path))
	ext := filepath.Ext(lower)
	switch {
	case strings.HasPrefix(lower, "readme"):
		return "a README describes its folder; not read as a report"
	case ext == "":
		return "no file extension; plenary reads " + Formats
	}
	return ext + " is not a format plenary reads (" + Formats + ")"
}

// stemOf returns a file name without its last extension.
func stemOf(name string) string {
	return strings.TrimSuffix(name, filepath.Ext(name))
}
