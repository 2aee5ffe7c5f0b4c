package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"plenary/pipeline/doc"
)

// jsonl streams the records of a JSON Lines reader, one line at a time; a
// bad line becomes an error row and the next line is read.
func (s *streamer) jsonl(r io.Reader, source string) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	max := s.opt.maxBytes()
	lineNo, records := 0, 0
	src0 := uint64(len(s.jsonlSrc)) << 32
	if s.seen != nil {
		s.jsonlSrc = append(s.jsonlSrc, source)
	}
	var carried int64 // bytes of blank lines, carried by the next item
	for {
		line, n, tooLong, err := readLine(br, max)
		if n == 0 && err != nil {
			if err != io.EOF {
				return s.fail(source, "", carried, "read failed after line %d: %v", lineNo, unwrapPath(err))
			}
			break
		}
		lineNo++
		carried += n
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		src := fmt.Sprintf("%s:%d", source, lineNo)
		switch {
		case tooLong:
			records++
			if !s.fail(src, "", carried, "line is longer than the %s limit (--max-doc-bytes); skipped", humanBytes(max)) {
				return false
			}
			carried = 0
		case isBlank(string(line)):
		case records == 0 && source == stdinSource && !looksJSON(line):
			// Text piped in by mistake: one row that says what stdin is,
			// not an "invalid JSON" row for every line.
			return s.fail(source, "", carried, "%s", notJSONLines(line))
		default:
			records++
			it, warns := parseRecord(line, src)
			s.prefixID(&it)
			s.ref = jsonlRef | src0 | uint64(uint32(lineNo))
			it.Bytes, carried = carried, 0
			for _, w := range warns {
				if !s.warn(src, it.Doc.ID, "%s", w) {
					return false
				}
			}
			if !s.emit(it) {
				return false
			}
		}
		if err != nil {
			if err != io.EOF {
				return s.fail(source, "", carried, "read failed after line %d: %v", lineNo, unwrapPath(err))
			}
			break
		}
	}
	if records == 0 {
		return s.fail(source, "", carried, "JSON Lines input has no records")
	}
	return true
}

// readLine reads one line of at most max bytes (without its "\n" or
// "\r\n"). A longer line is consumed to its end but not kept: tooLong is
// set and line is nil. n is the number of bytes consumed.
func readLine(br *bufio.Reader, max int64) (line []byte, n int64, tooLong bool, err error) {
	for {
		chunk, e := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !tooLong {
			// +2 leaves room for the "\r\n" trimmed below.
			if int64(len(line)+len(chunk)) > max+2 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		err = e
		break
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if int64(len(line)) > max {
		tooLong, line = true, nil
	}
	return line, n, tooLong, err
}

// parseRecord turns one JSON Lines line into a Doc, or an error row naming
// what is wrong with it. warns are warnings about the Doc (an empty text,
// kept with zero counts; a "published" that is no date, dropped).
func parseRecord(line []byte, src string) (it Item, warns []string) {
	bad := func(id, format string, args ...any) (Item, []string) {
		return Item{Err: &doc.DocError{Source: src, DocID: id, Stage: Stage, Message: fmt.Sprintf(format, args...)}}, nil
	}
	if off := firstInvalidUTF8(line); off >= 0 {
		return bad("", "invalid UTF-8 at byte offset %d of the line", off)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil || obj == nil {
		if err == nil || json.Valid(line) {
			return bad("", "not a JSON object")
		}
		return bad("", "invalid JSON: %v", err)
	}
	id, err := stringField(obj, "id")
	if err != nil {
		return bad("", "%v", err)
	}
	if isBlank(id) {
		return bad("", `"id" is empty`)
	}
	text, err := stringField(obj, "text")
	if err != nil {
		return bad(id, "%v", err)
	}
	if err := checkRecordText(text); err != nil {
		return bad(id, "%v", err)
	}
	if isBlank(text) {
		warns = append(warns, `"text" is empty or only whitespace; kept with zero counts`)
	}
	d := &doc.Doc{
		ID:       id,
		Source:   src,
		Text:     text,
		Encoding: EncUTF8,
		URL:      strings.TrimSpace(jsonString(obj["url"])),
		Title:    collapseSpace(jsonString(obj["title"])),
	}
	// An unparseable date is dropped rather than failing the record: the
	// text is still worth extracting, only relative dates stay unresolved.
	var w string
	d.Published, w = recordPublished(obj["published"])
	if w != "" {
		warns = append(warns, w)
	}
	return Item{Doc: d}, warns
}

// recordPublished reads a record's "published": a YYYY-MM-DD date (or the
// date of a timestamp). Absent, null or "" is no date; anything else is
// no date with a warning, as a sidecar's bad date is.
func recordPublished(raw json.RawMessage) (time.Time, string) {
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}, ""
	}
	if raw[0] != '"' {
		shown := string(raw)
		if len(shown) > 40 {
			shown = shown[:40] + "…"
		}
		return time.Time{}, fmt.Sprintf(`"published" is not a string (got %s); ignored`, strings.ToValidUTF8(shown, "\uFFFD"))
	}
	p := strings.TrimSpace(jsonString(raw))
	if p == "" {
		return time.Time{}, ""
	}
	t, ok := parsePublished(p)
	if !ok {
		return time.Time{}, fmt.Sprintf(`"published" %q is not a YYYY-MM-DD date; ignored`, p)
	}
	return t, ""
}

// stringField returns obj[key] when it is a JSON string.
func stringField(obj map[string]json.RawMessage, key string) (string, error) {
	raw, ok := obj[key]
	if !ok {
		return "", fmt.Errorf("record has no %q", key)
	}
	if len(raw) == 0 || raw[0] != '"' {
		shown := string(raw)
		if len(shown) > 40 {
			shown = shown[:40] + "…"
		}
		return "", fmt.Errorf("%q is not a string (got %s)", key, strings.ToValidUTF8(shown, "\uFFFD"))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("%q: %v", key, err)
	}
	return s, nil
}

// checkRecordText applies the plain-text checks to a decoded JSON string,
// which is valid UTF-8 by construction but may still be empty or binary.
func checkRecordText(text string) error {
	if i := strings.IndexByte(text, 0); i >= 0 {
		return fmt.Errorf("binary content (NUL character at code point offset %d of \"text\")", utf8.RuneCountInString(text[:i]))
	}
	if mostlyNonText([]byte(text)) {
		return errors.New(`binary content ("text" is mostly control characters)`)
	}
	return nil
}

// prefixID puts Options.IDPrefix before a record's id (and its error row's).
func (s *streamer) prefixID(it *Item) {
	if s.opt.IDPrefix == "" {
		return
	}
	if it.Doc != nil {
		it.Doc.ID = s.opt.IDPrefix + it.Doc.ID
	}
	if it.Err != nil && it.Err.DocID != "" {
		it.Err.DocID = s.opt.IDPrefix + it.Err.DocID
	}
}

// stdinSource is the source of what is read from standard input.
const stdinSource = "<stdin>"

// looksJSON: a JSON Lines record starts with an object (or, wrongly, an
// array, which parseRecord names).
func looksJSON(line []byte) bool {
	t := bytes.TrimLeft(line, " \t\r")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// notJSONLines is the error for text on stdin.
func notJSONLines(line []byte) string {
	start := []rune(strings.TrimSpace(string(bytes.ToValidUTF8(line, []byte("\uFFFD")))))
	if len(start) > 40 {
		start = append(start[:40], '…')
	}
	return fmt.Sprintf("standard input is not JSON Lines (it starts %q): plenary reads stdin as one JSON object per line "+
		`({"id": …, "text": …}); to extract a text file give its path (plenary run report.txt), `+
		"or read stdin as one text document with --stdin-format text", string(start))
}

// stdinText reads standard input as one text document, doc_id "stdin"
// (after IDPrefix), decoded and checked as a text file is.
func (s *streamer) stdinText(r io.Reader) bool {
	max := s.opt.maxBytes()
	data, err := readAll(io.LimitReader(r, max+1), nil)
	if err != nil {
		return s.fail(stdinSource, "", int64(len(data)), "read failed: %v", unwrapPath(err))
	}
	id := s.opt.IDPrefix + "stdin"
	if int64(len(data)) > max {
		return s.fail(stdinSource, id, int64(len(data)), "%v", tooLarge(-1, max))
	}
	dec, err := decodeText(data)
	if err != nil {
		return s.fail(stdinSource, id, int64(len(data)), "%v", err)
	}
	var warns []string
	switch {
	case dec.warn != "":
		warns = append(warns, dec.warn)
	case len(data) == 0:
		warns = append(warns, "standard input is empty; kept with zero counts")
	case isBlank(dec.text):
		warns = append(warns, "standard input has only whitespace; kept with zero counts")
	}
	for _, w := range warns {
		if !s.warn(stdinSource, id, "%s", w) {
			return false
		}
	}
	return s.emit(Item{Doc: &doc.Doc{ID: id, Source: stdinSource, Text: dec.text, Encoding: dec.enc}, Bytes: int64(len(data))})
}
