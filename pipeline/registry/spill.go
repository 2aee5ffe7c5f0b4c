package registry

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"time"
)

// A spill file holds the DocPeople of a run on disk while the run goes on,
// so that the registry's input costs no memory until the whole-run step
// reads it (twice: once to resolve, once to write the people table with its
// person_uid). Format: a magic line, then per document uvarint-prefixed
// strings and varints; it lives in the run's temporary folder only.

const spillMagic = "plenary-people-spill-1\n"

// SpillWriter appends documents' people to a spill file.
type SpillWriter struct {
	f    *os.File
	w    *bufio.Writer
	buf  []byte
	path string
	docs int
}

// CreateSpill starts a spill file at path.
func CreateSpill(path string) (*SpillWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	s := &SpillWriter{f: f, w: bufio.NewWriterSize(f, 256<<10), path: path}
	if _, err := s.w.WriteString(spillMagic); err != nil {
		f.Close()
		return nil, fmt.Errorf("registry: write %s: %w", path, err)
	}
	return s, nil
}

// Docs is the number of documents added.
func (s *SpillWriter) Docs() int { return s.docs }

// Add appends one document's people.
func (s *SpillWriter) Add(d DocPeople) error {
	b := s.buf[:0]
	b = putString(b, d.DocID)
	b = binary.AppendVarint(b, int64(days(d.Published)))
	b = binary.AppendUvarint(b, uint64(len(d.People)))
	for _, p := range d.People {
		b = putString(b, p.ID)
		b = putString(b, p.Name)
		b = putString(b, p.Gender)
		b = binary.AppendUvarint(b, uint64(max(p.Mentions, 0)))
		b = binary.AppendUvarint(b, uint64(max(p.Start, 0)))
		b = binary.AppendUvarint(b, uint64(max(p.End, 0)))
		b = binary.AppendUvarint(b, uint64(len(p.Aliases)))
		for _, a := range p.Aliases {
			b = putString(b, a)
		}
		b = binary.AppendUvarint(b, uint64(len(p.Roles)))
		for _, r := range p.Roles {
			b = putString(b, r.Title)
			b = putString(b, r.Org)
		}
	}
	s.buf = b
	s.docs++
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("registry: write %s: %w", s.path, err)
	}
	return nil
}

// Close flushes and closes the file.
func (s *SpillWriter) Close() error {
	err := s.w.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("registry: close %s: %w", s.path, err)
	}
	return nil
}

func putString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ReadSpill streams a spill file's documents in the order they were added.
func ReadSpill(path string) iter.Seq2[DocPeople, error] {
	return func(yield func(DocPeople, error) bool) {
		f, err := os.Open(path)
		if err != nil {
			yield(DocPeople{}, fmt.Errorf("registry: %w", err))
			return
		}
		defer f.Close()
		r := &spillReader{r: bufio.NewReaderSize(f, 256<<10)}
		magic := make([]byte, len(spillMagic))
		if _, err := io.ReadFull(r.r, magic); err != nil || string(magic) != spillMagic {
			yield(DocPeople{}, fmt.Errorf("registry: %s is not a people spill file", path))
			return
		}
		for {
			d, err := r.doc()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(DocPeople{}, fmt.Errorf("registry: read %s: %w", path, err))
				return
			}
			if !yield(d, nil) {
				return
			}
		}
	}
}

type spillReader struct {
	r   *bufio.Reader
	err error
}

func (r *spillReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.r)
	if err != nil {
		r.err = err
	}
	return v
}

func (r *spillReader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n <= 4096 {
		b := make([]byte, n)
		if _, err := io.ReadFull(r.r, b); err != nil {
			r.err = err
		}
		return string(b)
	}
	// A long string grows as it is read: a damaged length costs no more
	// memory than the file holds.
	b, err := io.ReadAll(io.LimitReader(r.r, int64(min(n, 1<<40))))
	if err == nil && uint64(len(b)) != n {
		err = io.ErrUnexpectedEOF
	}
	r.err = err
	return string(b)
}

// doc reads one document; io.EOF at a clean end.
func (r *spillReader) doc() (DocPeople, error) {
	if _, err := r.r.Peek(1); err != nil {
		return DocPeople{}, err
	}
	var d DocPeople
	d.DocID = r.str()
	pub, err := binary.ReadVarint(r.r)
	if err != nil && r.err == nil {
		r.err = err
	}
	if int32(pub) != noDate {
		d.Published = time.Unix(pub*86400, 0).UTC()
	}
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		var p Person
		p.ID, p.Name, p.Gender = r.str(), r.str(), r.str()
		p.Mentions, p.Start, p.End = int(r.uvarint()), int(r.uvarint()), int(r.uvarint())
		na := r.uvarint()
		for k := uint64(0); k < na && r.err == nil; k++ {
			p.Aliases = append(p.Aliases, r.str())
		}
		nr := r.uvarint()
		for k := uint64(0); k < nr && r.err == nil; k++ {
			p.Roles = append(p.Roles, Role{Title: r.str(), Org: r.str()})
		}
		d.People = append(d.People, p)
	}
	if errors.Is(r.err, io.EOF) {
		r.err = io.ErrUnexpectedEOF
	}
	return d, r.err
}
