package tables

import (
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/klauspost/compress/zstd"
)

// pageCodec compresses Parquet pages with zstd through one long-lived
// encoder. arrow-go's own codec takes an encoder from a sync.Pool for each
// page and resets it on return; every GC empties the pool, and each new
// encoder allocates and clears a 16 MiB history (8 MiB default window) — in
// make bench's profile that was ~8% of all CPU, on the single goroutine that
// writes the tables, and 32 MiB of live heap. Pages are at most a few
// hundred KiB (see newParquetSink) and are compressed one by one, by the one
// goroutine that writes the tables: one encoder with a 256 KiB window loses
// nothing (files byte-for-byte the same size as with 1 MiB and two encoders
// on make bench's corpus) and keeps ~5 MiB less live heap. Decoding and
// streams stay arrow-go's.
//
// The level stays SpeedDefault: SpeedFastest took ~10% off the writer's
// CPU in BenchmarkWriteParquet but made the files ~6% larger.
type pageCodec struct {
	compress.Codec
	enc *zstd.Encoder
}

func (c *pageCodec) Encode(dst, src []byte) []byte {
	return c.enc.EncodeAll(src, dst[:0])
}

func (c *pageCodec) EncodeLevel(dst, src []byte, level int) []byte {
	if level != compress.DefaultCompressionLevel {
		return c.Codec.EncodeLevel(dst, src, level)
	}
	return c.enc.EncodeAll(src, dst[:0])
}

func init() {
	orig, err := compress.GetCodec(compress.Codecs.Zstd)
	if err != nil {
		return
	}
	// Same settings as arrow-go's writer (default level, no empty frames,
	// literal entropy coding) but a bounded window; EncodeAll is safe for
	// concurrent use (a second caller waits).
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedDefault),
		zstd.WithEncoderConcurrency(1),
		zstd.WithZeroFrames(true),
		zstd.WithAllLitEntropyCompression(true),
		zstd.WithWindowSize(256<<10))
	if err != nil {
		return
	}
	compress.RegisterCodec(compress.Codecs.Zstd, &pageCodec{Codec: orig, enc: enc})
}
