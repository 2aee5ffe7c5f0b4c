package tables

import (
	"bufio"
	"errors"
	"os"

	"github.com/apache/arrow-go/v18/arrow"
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
}

// outFile is the buffered os.File under both sinks. The format writers get the
// bufio.Writer, which is not an io.Closer, so they never close the file
// themselves and close() can sync it before the rename.
type outFile struct {
	f *os.File
	w *bufio.Writer
}

func createFile(path string) (*outFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &outFile{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

func (f *outFile) close() error {
	err := f.w.Flush()
	if err == nil {
		err = f.f.Sync()
	}
	return errors.Join(err, f.f.Close())
}

type parquetSink struct {
	outFile
	fw      *pqarrow.FileWriter
	maxSize int64
}

func newParquetSink(path string, schema *arrow.Schema, version string, alloc memory.Allocator, o options) (*parquetSink, error) {
	f, err := createFile(path)
	if err != nil {
		return nil, err
	}
	props := parquet.NewWriterProperties(
		parquet.WithAllocator(alloc),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithMaxRowGroupLength(o.rowGroupRows),
		parquet.WithDictionaryDefault(true),
		// Pages and dictionaries of 256 KiB instead of 1 MiB: every column of
		// every table holds one of each while its row group is open, and at
		// 1 MiB they were most of the writer's share of peak RSS (make bench).
		parquet.WithDataPageSize(256<<10),
		parquet.WithDictionaryPageSizeLimit(256<<10),
		parquet.WithCreatedBy("plenary "+version),
	)
	// The stored Arrow schema lets Arrow readers get back exactly these
	// types (non-null list elements, field metadata) rather than a mapping.
	aprops := pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(alloc), pqarrow.WithStoreSchema())
	fw, err := pqarrow.NewFileWriter(schema, f.w, props, aprops)
	if err != nil {
		f.f.Close()
		return nil, err
	}
	return &parquetSink{outFile: *f, fw: fw, maxSize: o.rowGroupSize}, nil
}

// write uses WriteBuffered so consecutive batches share a row group (Write
// would start a row group per batch). Row groups end at the row bound, or
// earlier once the encoded bytes pass the size bound, so a table of long
// strings does not hold a huge row group in memory.
func (s *parquetSink) write(rec arrow.RecordBatch) error {
	if err := s.fw.WriteBuffered(rec); err != nil {
		return err
	}
	if s.maxSize > 0 && s.fw.RowGroupTotalBytesWritten() >= s.maxSize {
		return s.fw.NewBufferedRowGroupChecked()
	}
	return nil
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
	outFile
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
	return &ipcSink{outFile: *f, fw: fw}, nil
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
