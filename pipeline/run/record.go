package run

// The checkpoint record: one doc.Extraction without Doc.Text, as compact
// binary written by hand, so that checkpointing costs little next to
// extraction (encoding/json of the same data was ~20 KB per document, field
// names repeated for every mention, and reflection-driven).
//
//	record  = version(1 byte) body crc32c(4 bytes, little endian, of version+body)
//	body    = doc stats people orgs locations roles dates quotes mentions
//	string  = uvarint(len) bytes
//	symbol  = uvarint(0) string (new) | uvarint(k) (the field's k-th symbol, from 1)
//	text    = uvarint(0) (the document's text at the span just written) | uvarint(len+1) bytes
//	int     = zigzag varint
//	slice   = uvarint(0) for nil, else uvarint(len+1) then the elements
//	time    = 0 (zero) | 1 varint(unix s) uvarint(ns) (UTC)
//	        | 2 varint(unix s) uvarint(ns) varint(offset s) string(zone name)
//	float32 = 4 bytes little endian (IEEE 754 bits)
//
// Symbols are the fields drawn from a small set (entity types, methods,
// quote kinds, cues): a mention's type and method, spelled out 330,000 times
// over 20 MB of input, were a quarter of the record's bytes.
//
// Texts are the words of a mention, date or quote: most are exactly the
// document's text at their span, which the reader has (the checkpoint key
// hashes it), so they take one byte instead of a copy of the document.
//
// Fields are written in declaration order (a span before its text); recordVersion changes whenever the
// layout does. The checksum makes a flipped or torn byte an error rather than
// a different extraction: a record that does not decode is a checkpoint miss,
// and its document is extracted again.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"time"
	"unicode/utf8"

	"plenary/pipeline/doc"
)

// recordVersion is the first byte of every record.
const recordVersion = 3 // 2: traces; 3: Doc.Extraction

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errCorrupt is returned for any record that does not decode.
var errCorrupt = errors.New("corrupt checkpoint record")

// appendRecord appends x's record (Doc.Text left out) to dst.
func appendRecord(dst []byte, x *doc.Extraction) []byte {
	start := len(dst)
	e := recEnc{b: append(dst, recordVersion), txt: textIndex{text: x.Doc.Text}}
	d := &x.Doc
	e.str(d.ID)
	e.str(d.Source)
	e.str(d.URL)
	e.str(d.Title)
	e.time(d.Published)
	e.str(d.Encoding)
	e.str(d.Extraction)

	e.int(x.Stats.NChars)
	e.int(x.Stats.NSentences)
	e.int(x.Stats.NTokens)
	e.str(x.Stats.SHA256)

	encodeList(&e, x.People, func(p *doc.Person) {
		e.str(p.ID)
		e.str(p.Name)
		e.strs(p.Aliases)
		e.sym(symGender, p.Gender)
		e.int(p.Mentions)
		e.span(p.Span)
	})
	encodeList(&e, x.Organizations, func(o *doc.Organization) {
		e.str(o.ID)
		e.str(o.Name)
		e.strs(o.Aliases)
		e.str(o.Acronym)
		e.int(o.Mentions)
		e.span(o.Span)
	})
	encodeList(&e, x.Locations, func(l *doc.Location) {
		e.str(l.ID)
		e.str(l.Name)
		e.strs(l.Aliases)
		e.int(l.Mentions)
		e.span(l.Span)
	})
	encodeList(&e, x.Roles, func(r *doc.Role) {
		e.str(r.PersonID)
		e.str(r.PersonName)
		e.str(r.Title)
		e.str(r.OrgID)
		e.str(r.OrgName)
		e.span(r.Span)
		e.str(r.Evidence)
		e.sym(symRoleMethod, r.Method)
	})
	encodeList(&e, x.Dates, func(t *doc.Date) {
		e.str(t.ID)
		e.span(t.Span)
		e.spanText(t.Text, t.Span)
		e.str(t.Value)
		e.time(t.Date)
		e.sym(symGranularity, t.Granularity)
		e.sym(symDateMethod, t.Method)
	})
	encodeList(&e, x.Quotes, func(q *doc.Quote) {
		e.str(q.ID)
		e.sym(symQuoteKind, q.Kind)
		e.span(q.Span)
		e.spanText(q.Text, q.Span)
		e.str(q.SpeakerID)
		e.str(q.SpeakerName)
		e.str(q.SpeakerMention)
		e.sym(symAttribution, q.Attribution)
		e.sym(symCue, q.Cue)
		e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(q.Confidence))
		e.sym(symSieve, q.Sieve)
	})
	encodeList(&e, x.Mentions, func(m *doc.Mention) {
		e.str(m.EntityID)
		e.sym(symEntityType, m.EntityType)
		e.span(m.Span)
		e.spanText(m.Text, m.Span)
		e.int(m.Sentence)
		e.sym(symMentionMethod, m.Method)
	})
	encodeList(&e, x.Trace, func(t *doc.TraceEvent) {
		e.sym(symTraceRule, t.Rule)
		e.span(t.Cand)
		e.span(t.Out)
		e.str(t.Note)
	})
	return binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b[start:], castagnoli))
}

// decodeRecord reads a record made by appendRecord for a document whose
// text is text. Any input that is not one whole, intact record of this
// version gives an error, never a panic. Doc.Text is "".
func decodeRecord(b []byte, text string) (doc.Extraction, error) {
	var x doc.Extraction
	if len(b) < 5 {
		return x, fmt.Errorf("%w: %d bytes", errCorrupt, len(b))
	}
	if b[0] != recordVersion {
		return x, fmt.Errorf("%w: version %d, want %d", errCorrupt, b[0], recordVersion)
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return x, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	// One string for the whole record: every decoded string is a slice of
	// it, so strings cost no allocation of their own.
	d := recDec{s: string(body), i: 1, txt: textIndex{text: text}}
	x.Doc.ID = d.str()
	x.Doc.Source = d.str()
	x.Doc.URL = d.str()
	x.Doc.Title = d.str()
	x.Doc.Published = d.time()
	x.Doc.Encoding = d.str()
	x.Doc.Extraction = d.str()

	x.Stats.NChars = d.int()
	x.Stats.NSentences = d.int()
	x.Stats.NTokens = d.int()
	x.Stats.SHA256 = d.str()

	decodeEntities(&d, &x)
	decodeRest(&d, &x)
	if d.err == nil && d.i != len(d.s) {
		d.fail("%d bytes left over", len(d.s)-d.i)
	}
	if d.err != nil {
		return doc.Extraction{}, d.err
	}
	return x, nil
}

// decodeEntities reads the people, organizations and locations.
func decodeEntities(d *recDec, x *doc.Extraction) {
	x.People = decodeList(d, func(p *doc.Person) {
		p.ID = d.str()
		p.Name = d.str()
		p.Aliases = d.strs()
		p.Gender = d.sym(symGender)
		p.Mentions = d.int()
		p.Span = d.span()
	})
	x.Organizations = decodeList(d, func(o *doc.Organization) {
		o.ID = d.str()
		o.Name = d.str()
		o.Aliases = d.strs()
		o.Acronym = d.str()
		o.Mentions = d.int()
		o.Span = d.span()
	})
	x.Locations = decodeList(d, func(l *doc.Location) {
		l.ID = d.str()
		l.Name = d.str()
		l.Aliases = d.strs()
		l.Mentions = d.int()
		l.Span = d.span()
	})
}

// decodeRest reads the roles, dates, quotes, mentions and trace.
func decodeRest(d *recDec, x *doc.Extraction) {
	x.Roles = decodeList(d, func(r *doc.Role) {
		r.PersonID = d.str()
		r.PersonName = d.str()
		r.Title = d.str()
		r.OrgID = d.str()
		r.OrgName = d.str()
		r.Span = d.span()
		r.Evidence = d.str()
		r.Method = d.sym(symRoleMethod)
	})
	x.Dates = decodeList(d, func(t *doc.Date) {
		t.ID = d.str()
		t.Span = d.span()
		t.Text = d.spanText(t.Span)
		t.Value = d.str()
		t.Date = d.time()
		t.Granularity = d.sym(symGranularity)
		t.Method = d.sym(symDateMethod)
	})
	x.Quotes = decodeList(d, func(q *doc.Quote) {
		q.ID = d.str()
		q.Kind = d.sym(symQuoteKind)
		q.Span = d.span()
		q.Text = d.spanText(q.Span)
		q.SpeakerID = d.str()
		q.SpeakerName = d.str()
		q.SpeakerMention = d.str()
		q.Attribution = d.sym(symAttribution)
		q.Cue = d.sym(symCue)
		q.Confidence = math.Float32frombits(d.u32())
		q.Sieve = d.sym(symSieve)
	})
	x.Mentions = decodeList(d, func(m *doc.Mention) {
		m.EntityID = d.str()
		m.EntityType = d.sym(symEntityType)
		m.Span = d.span()
		m.Text = d.spanText(m.Span)
		m.Sentence = d.int()
		m.Method = d.sym(symMentionMethod)
	})
	x.Trace = decodeList(d, func(t *doc.TraceEvent) {
		t.Rule = d.sym(symTraceRule)
		t.Cand = d.span()
		t.Out = d.span()
		t.Note = d.str()
	})
}

// Symbol fields: each has its own table, so a lookup compares with the few
// values that field takes.
const (
	symGender = iota
	symRoleMethod
	symGranularity
	symDateMethod
	symQuoteKind
	symAttribution
	symCue
	symEntityType
	symMentionMethod
	symSieve
	symTraceRule
	nSymFields
)

// maxSyms bounds each symbol table: linear search stays cheap, and a record
// whose field takes more values spells the rest out.
const maxSyms = 16

// symTab is one field's symbols; an array, not a slice, so that it stays on
// the stack.
type symTab struct {
	s [maxSyms]string
	n int
}

// recEnc appends record fields to b.
type recEnc struct {
	b    []byte
	syms [nSymFields]symTab
	txt  textIndex
}

// spanText writes s, the text at sp, as a reference when the document's
// text there is s. Only the start is looked up: valid UTF-8 of End-Start
// code points found there ends at End, the same code points the reader's
// walk from Start to End takes.
func (e *recEnc) spanText(s string, sp doc.Span) {
	if b, ok := e.txt.byteAt(sp.Start); ok && sp.Start >= 0 && len(e.txt.text)-b >= len(s) &&
		e.txt.text[b:b+len(s)] == s && runeCount(s) == sp.End-sp.Start {
		e.b = append(e.b, 0)
		return
	}
	e.uvarint(uint64(len(s)) + 1)
	e.b = append(e.b, s...)
}

// sym writes s as a back-reference when the record already spelled it out.
func (e *recEnc) sym(field int, s string) {
	tab := &e.syms[field]
	for k, t := range tab.s[:tab.n] {
		if t == s {
			e.uvarint(uint64(k) + 1)
			return
		}
	}
	e.b = append(e.b, 0)
	e.str(s)
	if tab.n < maxSyms {
		tab.s[tab.n] = s
		tab.n++
	}
}

func (e *recEnc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *recEnc) int(v int)        { e.b = binary.AppendVarint(e.b, int64(v)) }

func (e *recEnc) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *recEnc) span(s doc.Span) {
	e.int(s.Start)
	e.int(s.End)
}

// count writes a slice header: nil and empty stay apart, as they did in
// the JSON checkpoint.
func (e *recEnc) count(isNil bool, n int) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

func (e *recEnc) strs(ss []string) {
	encodeList(e, ss, func(s *string) { e.str(*s) })
}

// encodeList writes a slice: its header (see count), then each element
// with put.
func encodeList[T any](e *recEnc, xs []T, put func(*T)) {
	e.count(xs == nil, len(xs))
	for i := range xs {
		put(&xs[i])
	}
}

// time keeps the instant and the zone's offset and name: the tables take
// the calendar day in the value's own zone (Time.Date), which a fixed zone
// of the same offset gives back. Extraction makes UTC values, which come
// back identical.
func (e *recEnc) time(t time.Time) {
	if t.IsZero() {
		e.b = append(e.b, 0)
		return
	}
	name, off := t.Zone()
	if t.Location() == time.UTC {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 2)
	}
	e.b = binary.AppendVarint(e.b, t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
	if t.Location() != time.UTC {
		e.b = binary.AppendVarint(e.b, int64(off))
		e.str(name)
	}
}

// recDec reads record fields from s[i:]. The first error sticks: every
// later read returns a zero value, so decodeRecord checks err once.
type recDec struct {
	s    string
	i    int
	err  error
	syms [nSymFields]symTab
	txt  textIndex
}

func (d *recDec) spanText(sp doc.Span) string {
	n := d.uvarint()
	if n == 0 {
		t, ok := d.txt.slice(sp)
		if !ok {
			d.fail("span %d-%d outside the text", sp.Start, sp.End)
		}
		return t
	}
	if n-1 > uint64(len(d.s)-d.i) {
		d.fail("text of %d bytes past the end", n-1)
		return ""
	}
	s := d.s[d.i : d.i+int(n-1)]
	d.i += int(n - 1)
	return s
}

func (d *recDec) sym(field int) string {
	tab := &d.syms[field]
	k := d.uvarint()
	if k == 0 {
		s := d.str()
		if tab.n < maxSyms {
			tab.s[tab.n] = s
			tab.n++
		}
		return s
	}
	if k > uint64(tab.n) {
		d.fail("symbol %d of %d", k, tab.n)
		return ""
	}
	return tab.s[k-1]
}

func (d *recDec) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w at byte %d: %s", errCorrupt, d.i, fmt.Sprintf(format, args...))
	}
	d.i = len(d.s)
}

// uvarint reads an unsigned varint; binary.Uvarint wants a []byte, and
// converting s would allocate, so this is the same loop over the string.
func (d *recDec) uvarint() uint64 {
	var v uint64
	for shift := uint(0); d.i < len(d.s); shift += 7 {
		c := d.s[d.i]
		d.i++
		if shift == 63 && c > 1 {
			break
		}
		if c < 0x80 {
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
	}
	d.fail("bad varint")
	return 0
}

func (d *recDec) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *recDec) int() int {
	v := d.varint()
	if int64(int(v)) != v {
		d.fail("int out of range")
		return 0
	}
	return int(v)
}

func (d *recDec) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i) {
		d.fail("string of %d bytes past the end", n)
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

func (d *recDec) span() doc.Span {
	start := d.int()
	return doc.Span{Start: start, End: d.int()}
}

// count reads a slice header: ok is false for nil. A length larger than
// the bytes left (every element takes at least one) is corrupt, so a bad
// header cannot make a huge allocation.
func (d *recDec) count() (int, bool) {
	n := d.uvarint()
	if n == 0 {
		return 0, false
	}
	if n-1 > uint64(len(d.s)-d.i) {
		d.fail("%d elements past the end", n-1)
		return 0, false
	}
	return int(n - 1), true
}

func (d *recDec) strs() []string {
	return decodeList(d, func(s *string) { *s = d.str() })
}

// decodeList reads a slice written by encodeList, filling each element
// with get; nil when the record holds nil or is corrupt.
func decodeList[T any](d *recDec, get func(*T)) []T {
	n, ok := d.count()
	if !ok {
		return nil
	}
	xs := make([]T, n)
	for i := range xs {
		get(&xs[i])
	}
	return xs
}

func (d *recDec) u32() uint32 {
	if len(d.s)-d.i < 4 {
		d.fail("float past the end")
		return 0
	}
	s := d.s[d.i : d.i+4]
	d.i += 4
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func (d *recDec) time() time.Time {
	if d.i >= len(d.s) {
		d.fail("time past the end")
		return time.Time{}
	}
	kind := d.s[d.i]
	d.i++
	switch kind {
	case 0:
		return time.Time{}
	case 1, 2:
	default:
		d.fail("time kind %d", kind)
		return time.Time{}
	}
	sec := d.varint()
	ns := d.uvarint()
	if ns >= 1e9 {
		d.fail("nanoseconds %d", ns)
		return time.Time{}
	}
	t := time.Unix(sec, int64(ns))
	if t.IsZero() {
		// Written as kind 0: only a corrupt record says otherwise.
		d.fail("zero time of kind %d", kind)
		return time.Time{}
	}
	if kind == 1 {
		return t.UTC()
	}
	off := d.varint()
	name := d.str()
	if off < -1e6 || off > 1e6 { // a day is 86400 s: anything near this is corrupt
		d.fail("zone offset %d", off)
		return time.Time{}
	}
	return t.In(time.FixedZone(name, int(off)))
}

// textIndex maps a Span's code point offsets to byte offsets in text with
// a cursor, not a table: spans come in increasing order within each slice,
// so the walk is about one pass over the text per slice, and it allocates
// nothing. Writer and reader map spans with this same code, so a reference
// always reads back the string it stood for, whatever the text holds.
type textIndex struct {
	text string
	r, b int // code point r starts at byte b
}

// runeCount is the number of code points in s, or -1 when s is not valid
// UTF-8.
func runeCount(s string) int {
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if !utf8.ValidString(s[i:]) {
				return -1
			}
			return i + utf8.RuneCountInString(s[i:])
		}
	}
	return len(s)
}

func (ix *textIndex) slice(sp doc.Span) (string, bool) {
	if sp.Start < 0 || sp.Start > sp.End {
		return "", false
	}
	start, ok := ix.byteAt(sp.Start)
	if !ok {
		return "", false
	}
	r, b := ix.r, ix.b
	end, ok := ix.byteAt(sp.End)
	// Back to the start: the next span may begin inside this one.
	ix.r, ix.b = r, b
	if !ok {
		return "", false
	}
	return ix.text[start:end], true
}

func (ix *textIndex) byteAt(r int) (int, bool) {
	if r < ix.r {
		ix.r, ix.b = 0, 0
	}
	for ix.r < r {
		// Eight ASCII bytes at a time: most text is ASCII.
		for r-ix.r >= 8 && len(ix.text)-ix.b >= 8 &&
			binary.LittleEndian.Uint64([]byte(ix.text[ix.b:ix.b+8]))&0x8080808080808080 == 0 {
			ix.r += 8
			ix.b += 8
		}
		if ix.r == r {
			break
		}
		if ix.b >= len(ix.text) {
			return 0, false
		}
		if ix.text[ix.b] < utf8.RuneSelf {
			ix.b++
		} else {
			_, n := utf8.DecodeRuneInString(ix.text[ix.b:])
			ix.b += n
		}
		ix.r++
	}
	return ix.b, true
}
