package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// ReadFile reads a whole regular file as ingest does: it refuses, without
// reading them, a file larger than max bytes and anything that is not a
// regular file (a FIFO, a device such as /dev/zero, reached directly or
// through a symbolic link). Other commands reading user files (eval) use it
// for the same limits.
func ReadFile(path string, max int64) ([]byte, error) { return readLimited(path, max) }

// readLimited is ReadFile. The file is opened non-blocking, so that opening
// a FIFO returns at once (a plain open waits for a writer, forever), and
// its type is checked on the open file, so a file swapped for a FIFO after
// the folder was listed is refused too. O_NONBLOCK does not change reads
// of a regular file.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, errors.New(describeOpenError(path, err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read failed: %w", unwrapPath(err))
	}
	switch {
	case fi.IsDir():
		return nil, errors.New("is a folder, not a file")
	case !fi.Mode().IsRegular():
		return nil, errNotRegularFile
	case fi.Size() > max:
		return nil, tooLarge(fi.Size(), max)
	}
	// One buffer of the file's size, and one more byte so that the read
	// that meets the end needs no larger one (as os.ReadFile): io.ReadAll
	// grew from 512 bytes, ~7 reads and copies a report. The limit still
	// holds for a file that grows while it is read.
	data, err := readAll(io.LimitReader(f, max+1), make([]byte, 0, fi.Size()+1))
	if err != nil {
		return nil, fmt.Errorf("read failed: %w", unwrapPath(err))
	}
	if int64(len(data)) > max {
		return nil, tooLarge(-1, max)
	}
	return data, nil
}

// errNotRegularFile is what reading a FIFO or device would be refused with.
var errNotRegularFile = errors.New("not a regular file (a FIFO or device); not read")

// readAll is io.ReadAll into buf, which it grows only when full.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

func tooLarge(size, max int64) error {
	if size < 0 {
		return fmt.Errorf("document is larger than the %s limit (--max-doc-bytes)", humanBytes(max))
	}
	return fmt.Errorf("document is %s, larger than the %s limit (--max-doc-bytes)", humanBytes(size), humanBytes(max))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// unwrapPath drops the *fs.PathError wrapper: the path is already the
// error row's Source, so repeating it only makes the message longer.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// describeOpenError turns a failed open or stat into a message a user can act
// on, telling a dangling symbolic link from a missing file.
func describeOpenError(path string, err error) string {
	inner := unwrapPath(err)
	switch {
	case errors.Is(inner, fs.ErrNotExist):
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(path)
			return fmt.Sprintf("broken symbolic link: its target %q does not exist", target)
		}
		return "cannot open: no such file or directory"
	case errors.Is(inner, syscall.ELOOP):
		return "cannot open: symbolic link loop (too many levels of symbolic links)"
	case errors.Is(inner, fs.ErrPermission):
		return "cannot open: permission denied"
	default:
		return "cannot open: " + inner.Error()
	}
}

func hasUTF16BOM(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

// firstInvalidUTF8 returns the byte offset of the first invalid UTF-8
// sequence, or -1 when data is valid.
func firstInvalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// mostlyNonText looks at the first 8 KiB and reports whether more than 30%
// of its characters (and at least 8) are control characters or invalid
// UTF-8: a binary file without NUL bytes, as opposed to a text in a legacy
// encoding, which is mostly ASCII.
func mostlyNonText(data []byte) bool {
	const sample = 8 << 10
	if len(data) > sample {
		data = data[:sample]
	}
	total, bad := 0, 0
	for i := 0; i < len(data); {
		if c := data[i]; c < utf8.RuneSelf {
			// ASCII, most of any text: no rune decoding (it was ~2% of
			// a run's CPU).
			i++
			total++
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
				bad++
			}
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		i += n
		total++
		switch {
		case r == utf8.RuneError && n == 1:
			// A rune cut by the sample boundary is not evidence.
			if len(data) == sample && len(data)-i < utf8.UTFMax {
				total--
				continue
			}
			bad++
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == 0x1b:
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			bad++
		}
	}
	// A handful of bad bytes in a tiny file is a broken text, not a binary.
	return bad >= 8 && bad*10 > total*3
}

// isBlank reports whether s holds nothing but white space (including the
// invisible BOM and zero-width space, which make a file look non-empty).
func isBlank(s string) bool {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b'
	}) == ""
}
