package tables

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// parts is one table's sequence of part files (see parts.go): the part
// being written, and those finished. A finished part is closed (its last
// row group and footer written, synced), checksummed and renamed to its
// name on a goroutine of its own, so a part ending mid-run costs the
// writer's goroutine nothing but the hand-over.
type parts struct {
	dir, table, format, writer string
	limit                      int64 // a part ends once it holds this many bytes
	newSink                    func(path string) (sink, error)

	seq  int    // the next part's number
	sink sink   // the part being written; nil between parts
	tmp  string // its name while written
	path string // its name once finished

	wg    sync.WaitGroup
	mu    sync.Mutex
	files []File // by part number; filled in as parts finish
	errs  []error
	made  []string // every file a part may have left: tmp and final names
}

// start opens the next part.
func (p *parts) start() error {
	name := PartName(p.writer, p.seq, p.format)
	p.path = filepath.Join(p.dir, p.table, name)
	p.tmp = p.path + ".tmp"
	p.made = append(p.made, p.tmp, p.path)
	s, err := p.newSink(p.tmp)
	if err != nil {
		return fmt.Errorf("tables: open %s: %w", p.tmp, err)
	}
	p.sink = s
	// Under mu: a part finishing in the background fills in its entry, and
	// append may move the slice.
	p.mu.Lock()
	p.files = append(p.files, File{Name: p.table + "/" + name})
	p.mu.Unlock()
	p.seq++
	return nil
}

// finish ends the part being written, if any, in the background.
func (p *parts) finish() {
	if p.sink == nil {
		return
	}
	s, tmp, path, i := p.sink, p.tmp, p.path, len(p.files)-1
	p.sink = nil
	p.wg.Go(func() {
		err := s.close()
		var f File
		if err == nil {
			f, err = checksum(tmp)
		}
		if err == nil {
			err = os.Rename(tmp, path)
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if err != nil {
			p.errs = append(p.errs, fmt.Errorf("tables: finish %s: %w", tmp, err))
			return
		}
		p.files[i].Bytes, p.files[i].SHA256 = f.Bytes, f.SHA256
	})
}

// failed returns the error of a part that could not be finished, if any.
func (p *parts) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return errors.Join(p.errs...)
}

// wait waits for the parts being finished and returns their errors.
func (p *parts) wait() error {
	p.wg.Wait()
	return p.failed()
}

// remove deletes every file the parts made (after wait), and the table's
// folder if that leaves it empty.
func (p *parts) remove() {
	for _, f := range p.made {
		os.Remove(f)
	}
	os.Remove(filepath.Join(p.dir, p.table))
}
