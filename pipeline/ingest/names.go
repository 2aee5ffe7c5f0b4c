package ingest

import (
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// File and folder names are bytes; doc_id and source are table strings,
// which must be UTF-8 (DuckDB refuses a whole column otherwise). A name
// that is not valid UTF-8 (a Latin-1 name from a zip) is escaped,
// reversibly, one name at a time:
//
//	each byte that is not part of a valid UTF-8 character -> %XX (hex, upper case)
//	each %                                                  -> %25
//
// so "caf\xe9.txt" gives doc_id "caf%E9". A valid name is left as it is,
// "%" and all: ordinary ids do not change. Because of that, an escaped name
// can only be told from a valid one by its warning row, which gives the
// original path Go-quoted ("caf\xe9.txt"); to get the bytes back, replace
// each %XX of an escaped name with the byte XX (unescapeName).

// escapeName returns name made valid UTF-8 and whether it had to be.
func escapeName(name string) (string, bool) {
	if utf8.ValidString(name) {
		return name, false
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(name) + 8)
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteByte('%')
			b.WriteByte(hex[name[i]>>4])
			b.WriteByte(hex[name[i]&15])
		case r == '%':
			b.WriteString("%25")
		default:
			b.WriteString(name[i : i+size])
		}
		i += size
	}
	return b.String(), true
}

// unescapeName reverses escapeName for a name that was escaped.
func unescapeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+3 <= len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapePath escapes each '/'-separated name of a path given on the
// command line (see escapeName).
func escapePath(p string) (string, bool) {
	if utf8.ValidString(p) {
		return p, false
	}
	parts := strings.Split(p, "/")
	for i, n := range parts {
		parts[i], _ = escapeName(n)
	}
	return strings.Join(parts, "/"), true
}

// nameWarning is the warning row's message for a document (or JSON Lines
// file) whose path had to be escaped; path is the original path.
func nameWarning(path string) string {
	return "file name is not valid UTF-8: doc_id and source write its bytes as %XX and % as %25; original path " + strconv.Quote(path)
}

// foldID is the form under which two doc_ids are probably the same
// document: surrounding spaces trimmed, NFC, lower case.
func foldID(id string) string {
	s := strings.TrimSpace(id)
	if !isASCII(s) {
		s = norm.NFC.String(s)
	}
	return strings.ToLower(s)
}

// ShardOf is the shard, of n, of the document whose doc_id is id: the
// 64-bit FNV-1a hash of foldID(id) (trimmed, NFC, lower case) modulo n. It
// depends on the id alone, so documents added to the input never move the
// others between shards, and ids that differ only by case or normalization
// (which the near-duplicate warning compares) share a shard.
func ShardOf(id string, n int) int {
	if n <= 1 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(foldID(id)))
	return int(h.Sum64() % uint64(n))
}

// foldKey hashes foldID(id); for an ASCII id (nearly all), without
// building the folded string.
func foldKey(seed maphash.Seed, id string) uint64 {
	s := strings.TrimSpace(id)
	if !isASCII(s) {
		return maphash.String(seed, foldID(s))
	}
	var h maphash.Hash
	h.SetSeed(seed)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h.WriteByte(c)
	}
	return h.Sum64()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// nearDuplicate is the warning for a document whose id folds (foldID) to
// the same form as an earlier one's.
func nearDuplicate(id string) string {
	return fmt.Sprintf("doc_id %q differs from an earlier doc_id only by case, Unicode normalization or surrounding spaces (both are %q once those are ignored); kept as a distinct document", id, foldID(id))
}
