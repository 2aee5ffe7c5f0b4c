package tables

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// sink is one table's file: batches go in, in order; close finishes the file.
type sink interface {
	write(rec arrow.RecordBatch) error
	close() error // finish, flush, sync and close the file
	abort()       // release everything and close the file, unfinished
	size() int64  // bytes handed to the file so far
}

// outFile is the buffered os.File under both sinks. The format writers get the
// bufio.Writer, which is not an io.Closer, so they never close the file
// themselves and close() can sync it before the rename.
type outFile struct {
	f *os.File
	w *bufio.Writer
	n counter
}

// counter counts the bytes written through it to the file.
type counter struct {
	f *os.File
	n int64
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.f.Write(b)
	c.n += int64(n)
	return n, err
}

func (f *outFile) size() int64 { return f.n.n + int64(f.w.Buffered()) }

func createFile(path string) (*outFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	// 64 KiB, one Parquet page: the writers hand over whole pages and row
	// groups, so a larger buffer only adds memory (nine tables).
	o := &outFile{f: f, n: counter{f: f}}
	o.w = bufio.NewWriterSize(&o.n, 64<<10)
	return o, nil
}

func (f *outFile) close() error {
	err := f.w.Flush()
	if err == nil {
		err = f.f.Sync()
	}
	return errors.Join(err, f.f.Close())
}

type parquetSink struct {
	*outFile
	fw *pqarrow.FileWriter

	maxRows    int64 // rows per row group
	maxSize    int64 // bytes written to a row group before the next starts
	dictBudget int64 // bytes a column's dictionary may reach in a row group
	dictCols   []int // indices of the dictionary-encoded fields
	dictUsed   []int64
	rgRows     int64 // rows in the current row group; 0 before it starts
}

// Parquet layout and the trade-off behind it. The writer runs on the one
// collector goroutine, so its CPU is the serial part of a run. Each column
// is stored as its storage in schema.go says, instead of arrow-go's default
// of a dictionary for every column:
//
//   - A dictionary only where values recur (ids, categories, names
//     mentioned again). arrow-go's dictionary encoder hashes and allocates
//     per value; on offsets, counts, doc_id runs, long texts and per-row
//     unique strings it bought nothing or made the file larger.
//   - DELTA_BINARY_PACKED for int32 and date columns, PLAIN for the rest,
//     with zstd (see zstd.go) over every page.
//
// Measured against that default: BenchmarkWriteParquet (1000 synthetic
// reports) ~18% less CPU, 29% fewer allocations, 21% fewer bytes
// allocated, files 7% smaller; in a run over make bench's 20 MB corpus
// (CPU profiles, 3 runs each) WriteBuffered went from ~0.63 to ~0.42 s and
// the tables from 6.51 to 6.25 MB. The Arrow fill is unchanged.
//
// Byte-identical output needs more than deterministic rows: arrow-go
// v18.8.0 lists a column chunk's page encodings by ranging over a map
// (metadata/column_chunk.go), so a chunk whose data pages come in two
// encodings (a dictionary that outgrew its page limit falls back to PLAIN
// mid-chunk) gets them in random order in the footer. Fallback is made
// impossible instead: arrow-go's dictionary page limit is set out of reach,
// and write ends a row group before the values written to any dictionary
// column in it pass dictBudget bytes, which bounds its dictionary (see
// fit). The dictionary columns' values are short, so on make bench's
// corpus the row and size bounds always come first; a run of unusually
// long names or aliases gets shorter row groups rather than a fallback, and
// the dictionaries' memory stays bounded by dictBudget per such column.
func newParquetSink(path string, schema *arrow.Schema, cols []column, version string, alloc memory.Allocator, o options) (*parquetSink, error) {
	aprops := pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(alloc), pqarrow.WithStoreSchema())
	props, err := writerProps(schema, cols, version, alloc, o, aprops)
	if err != nil {
		return nil, err
	}
	f, err := createFile(path)
	if err != nil {
		return nil, err
	}
	// The stored Arrow schema lets Arrow readers get back exactly these
	// types (non-null list elements, field metadata) rather than a mapping.
	fw, err := pqarrow.NewFileWriter(schema, f.w, props, aprops)
	if err != nil {
		f.f.Close()
		return nil, err
	}
	s := &parquetSink{outFile: f, fw: fw, maxRows: o.rowGroupRows, maxSize: o.rowGroupSize, dictBudget: o.dictBudget}
	for i, c := range cols {
		if c.store == dict {
			s.dictCols = append(s.dictCols, i)
		}
	}
	s.dictUsed = make([]int64, len(s.dictCols))
	return s, nil
}

// writerProps sets each Parquet leaf column's encoding from the storage of
// the table column it belongs to (a list's element inherits the list's).
func writerProps(schema *arrow.Schema, cols []column, version string, alloc memory.Allocator, o options, aprops pqarrow.ArrowWriterProperties) (*parquet.WriterProperties, error) {
	opts := []parquet.WriterProperty{
		parquet.WithAllocator(alloc),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithMaxRowGroupLength(o.rowGroupRows),
		parquet.WithDictionaryDefault(false),
		// Pages of 64 KiB instead of 1 MiB: every column of every table
		// holds one while its row group is open, and at 1 MiB they were
		// most of the writer's share of peak RSS (make bench). With PLAIN
		// instead of dictionary pages, 256 KiB cost ~3 MB more RSS than
		// the dictionaries had; 64 KiB brought it back and took ~8% off the
		// writer's CPU (smaller buffers to grow and compress) for 2% larger
		// files.
		parquet.WithDataPageSize(64 << 10),
		// Never reached: write bounds every dictionary at dictBudget (a
		// single row's values aside), so no column falls back to PLAIN.
		parquet.WithDictionaryPageSizeLimit(1 << 30),
		parquet.WithCreatedBy("plenary " + version),
	}
	leaves, err := pqarrow.ToParquet(schema, parquet.NewWriterProperties(opts...), aprops)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]column, len(cols))
	for _, c := range cols {
		byName[c.Name] = c
	}
	for i := 0; i < leaves.NumColumns(); i++ {
		path := leaves.Column(i).Path()
		c, ok := byName[leaves.ColumnRoot(i).Name()]
		if !ok {
			return nil, fmt.Errorf("parquet column %s has no table column", path)
		}
		switch c.store {
		case dict:
			opts = append(opts, parquet.WithDictionaryFor(path, true),
				// The fallback arrow-go makes when a dictionary does not pay
				// for itself would also mix encodings in a chunk.
				parquet.WithDictionaryCostFallbackFor(path, false))
		case delta:
			opts = append(opts, parquet.WithEncodingFor(path, parquet.Encodings.DeltaBinaryPacked))
		default:
			opts = append(opts, parquet.WithEncodingFor(path, parquet.Encodings.Plain))
		}
		if c.store != key && c.store != delta {
			opts = append(opts, parquet.WithStatsFor(path, false))
		}
	}
	return parquet.NewWriterProperties(opts...), nil
}

// write hands rec to the file writer in row-group-sized pieces.
// WriteBuffered lets consecutive batches share a row group (Write would
// start a row group per batch). A row group ends at the row bound, once its
// encoded bytes pass the size bound (so a table of long strings does not
// hold a huge row group in memory), or before a dictionary would pass its
// budget; row groups start only when a row is written, so none is empty.
func (s *parquetSink) write(rec arrow.RecordBatch) error {
	n := rec.NumRows()
	for off := int64(0); off < n; {
		if s.rgRows > 0 && (s.rgRows >= s.maxRows || s.maxSize > 0 && s.fw.RowGroupTotalBytesWritten() >= s.maxSize) {
			s.newRowGroup()
		}
		k := s.fit(rec, off, min(n-off, s.maxRows-s.rgRows))
		if k == 0 { // only when the group holds rows already
			s.newRowGroup()
			continue
		}
		if s.rgRows == 0 {
			if err := s.fw.NewBufferedRowGroupChecked(); err != nil {
				return err
			}
		}
		part := rec
		if k < n {
			part = rec.NewSlice(off, off+k)
		}
		err := s.fw.WriteBuffered(part)
		if k < n {
			part.Release()
		}
		if err != nil {
			return err
		}
		s.rgRows += k
		off += k
	}
	return nil
}

// newRowGroup ends the current row group: the next row written starts one
// (NewBufferedRowGroupChecked closes the old group then).
func (s *parquetSink) newRowGroup() {
	s.rgRows = 0
	clear(s.dictUsed)
}

// fit returns how many of the rows of rec from off on (at most room) the
// current row group can take without any dictionary column's values
// passing dictBudget bytes; at least one if the group is empty. It commits
// their bytes.
//
// A dictionary holds each distinct value once with a 4-byte length, so the
// bytes of all values written bound it from above. The bound is loose for
// repeated values but costs two offset lookups per column and batch, where
// tracking the distinct values would repeat the writer's own hashing; with
// the dictionary columns' short values a full row group of 32Ki rows
// stays well under the budget (BenchmarkWriteParquet, make bench).
func (s *parquetSink) fit(rec arrow.RecordBatch, off, room int64) int64 {
	k := room
	for j, ci := range s.dictCols {
		col := rec.Column(ci)
		left := s.dictBudget - s.dictUsed[j]
		if valueBytes(col, off, off+k) > left {
			// Rare: the last row count that still fits.
			n := sort.Search(int(k)+1, func(n int) bool { return valueBytes(col, off, off+int64(n)) > left })
			k = max(int64(n)-1, 0)
		}
	}
	if k == 0 && s.rgRows == 0 {
		k = 1 // a row larger than the budget still goes, alone
	}
	for j, ci := range s.dictCols {
		s.dictUsed[j] += valueBytes(rec.Column(ci), off, off+k)
	}
	return k
}

// valueBytes is what rows [lo, hi) of a add to a dictionary at most: each
// string with its 4-byte length (nulls too, which only overcounts), list
// elements likewise, fixed-width values at their width.
func valueBytes(a arrow.Array, lo, hi int64) int64 {
	switch a := a.(type) {
	case *array.String:
		offs := a.ValueOffsets()
		return int64(offs[hi]-offs[lo]) + 4*(hi-lo)
	case *array.List:
		offs, o := a.Offsets(), int64(a.Data().Offset()) // not adjusted for slicing
		return valueBytes(a.ListValues(), int64(offs[o+lo]), int64(offs[o+hi]))
	}
	if fw, ok := a.DataType().(arrow.FixedWidthDataType); ok {
		return (hi - lo) * int64(fw.BitWidth()/8)
	}
	return 0
}

// size counts the row group being buffered too: its pages reach the file
// only when it ends.
func (s *parquetSink) size() int64 {
	return s.outFile.size() + s.fw.RowGroupTotalCompressedBytes()
}

func (s *parquetSink) close() error {
	err := s.fw.Close()
	return errors.Join(err, s.outFile.close())
}

func (s *parquetSink) abort() {
	s.fw.Close()
	s.f.Close()
}

type ipcSink struct {
	*outFile
	fw *ipc.FileWriter
}

// IPC files are written uncompressed: not every Arrow reader implements IPC
// buffer compression, and the Parquet output is the compact one.
func newIPCSink(path string, schema *arrow.Schema, alloc memory.Allocator) (*ipcSink, error) {
	f, err := createFile(path)
	if err != nil {
		return nil, err
	}
	fw, err := ipc.NewFileWriter(f.w, ipc.WithSchema(schema), ipc.WithAllocator(alloc))
	if err != nil {
		f.f.Close()
		return nil, err
	}
	return &ipcSink{outFile: f, fw: fw}, nil
}

func (s *ipcSink) write(rec arrow.RecordBatch) error { return s.fw.Write(rec) }

func (s *ipcSink) close() error {
	err := s.fw.Close()
	return errors.Join(err, s.outFile.close())
}

func (s *ipcSink) abort() {
	s.fw.Close()
	s.f.Close()
}
