package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names recorded in doc.Doc.Encoding (and the documents table).
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncCP1251  = "windows-1251"
	EncCP1252  = "windows-1252"
)

// decoded is a text file's bytes turned into UTF-8.
type decoded struct {
	text string
	enc  string
	warn string // why the text is not exactly the file's bytes, or ""
}

// decodeText turns the bytes of a .txt/.md file into UTF-8 text. UTF-8 is
// passed on byte for byte (a UTF-8 byte order mark is kept, so offsets match
// Python reading the file as "utf-8"). UTF-16 with a byte order mark is
// decoded. Bytes that are not UTF-8 are decoded as Windows-1251 when their
// high bytes form Cyrillic words, else as Windows-1252; a UTF-8 text with a
// few broken bytes keeps its UTF-8 and has them replaced by U+FFFD. Binary
// content is an error. An empty text is not: the caller decides.
func decodeText(data []byte) (decoded, error) {
	if hasUTF16BOM(data) {
		enc, name := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), EncUTF16LE
		if data[0] == 0xFE {
			enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), EncUTF16BE
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return decoded{}, fmt.Errorf("cannot decode %s text: %v", name, err)
		}
		if i := bytes.IndexByte(out, 0); i >= 0 {
			return decoded{}, fmt.Errorf("binary content (NUL character in %s text)", name)
		}
		warn := "decoded from " + name + " (byte order mark); offsets count code points of the decoded text"
		if len(data)%2 != 0 {
			warn += "; odd trailing byte replaced by U+FFFD"
		}
		return decoded{text: string(out), enc: name, warn: warn}, nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return decoded{}, fmt.Errorf("binary content (NUL byte at byte offset %d)", i)
	}
	if utf8.Valid(data) {
		if mostlyNonText(data) {
			return decoded{}, errors.New("binary content (mostly non-text bytes)")
		}
		if bytes.HasPrefix(data, []byte("\uFEFF")) {
			return decoded{text: string(data), enc: EncUTF8BOM}, nil
		}
		return decoded{text: string(data), enc: EncUTF8}, nil
	}
	// Not UTF-8: a legacy single-byte text is mostly letters and
	// punctuation; a binary file is full of control bytes.
	if mostlyControl(data) {
		return decoded{}, errors.New("binary content (mostly non-text bytes)")
	}
	off := firstInvalidUTF8(data)
	if multi, bad := utf8Evidence(data); multi > 0 && multi >= bad {
		// Mostly good UTF-8 with a few broken bytes (a truncated copy, a
		// stray Latin-1 byte): decoding it all as a legacy charset would
		// garble every good character.
		return decoded{text: string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), enc: EncUTF8,
			warn: fmt.Sprintf("%d invalid UTF-8 byte sequence(s) replaced by U+FFFD (first at byte offset %d)", bad, off)}, nil
	}
	enc, name := guessLegacy(data)
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return decoded{}, fmt.Errorf("invalid UTF-8 at byte offset %d and cannot decode as %s: %v", off, name, err)
	}
	if !plausibleText(out) {
		return decoded{}, fmt.Errorf("binary content (invalid UTF-8 at byte offset %d, and not a legacy-encoded text either)", off)
	}
	return decoded{text: string(out), enc: name,
		warn: fmt.Sprintf("not UTF-8 (first invalid byte at offset %d); decoded as %s", off, name)}, nil
}

// mostlyControl reports whether more than 30% of the first 8 KiB (and at
// least 8 bytes) are control bytes other than white space.
func mostlyControl(data []byte) bool {
	if len(data) > 8<<10 {
		data = data[:8<<10]
	}
	bad := 0
	for _, b := range data {
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1b) || b == 0x7f {
			bad++
		}
	}
	return bad >= 8 && bad*10 > len(data)*3
}

// plausibleText reports whether decoded legacy bytes read like prose:
// almost no control characters, and white space between words. Random high
// bytes decode to a wall of symbols without spaces.
func plausibleText(text []byte) bool {
	runes, odd, space := 0, 0, 0
	for _, r := range string(text) {
		runes++
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r':
			space++
		case r == utf8.RuneError || r < 0x20 || (r >= 0x7f && r < 0xa0):
			odd++
		}
	}
	return odd*20 <= runes && (runes < 64 || space*64 >= runes)
}

// utf8Evidence counts valid multi-byte UTF-8 sequences and invalid bytes.
func utf8Evidence(data []byte) (multi, bad int) {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			multi++
		}
		i += n
	}
	return multi, bad
}

// guessLegacy chooses between Windows-1251 and Windows-1252. In Cyrillic
// text the bytes 0xC0–0xFF (А–я) make up whole words; in Western text an
// accented letter sits inside a word of ASCII letters (café, Müller). A
// Cyrillic word is a run of at least three such letters holding a vowel
// and a consonant, and 1251 needs at least minCyrillicLetters letters in
// them: a couple of stray high bytes in an English text make no word (read
// as 1251 they put "АБ" into it). Bytes both code pages share (curly
// quotes, dashes) decide nothing, and a tie goes to 1252, the usual
// encoding of English pages.
func guessLegacy(data []byte) (encoding.Encoding, string) {
	cyr, cyrLetters, lat := 0, 0, 0
	letter := func(b byte) bool {
		return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0xC0 || b == 0xA8 || b == 0xB8
	}
	for i := 0; i < len(data); {
		if !letter(data[i]) {
			i++
			continue
		}
		high, ascii, vowels := 0, 0, 0
		for ; i < len(data) && letter(data[i]); i++ {
			if data[i] >= 0x80 {
				high++
				if cp1251Vowel(data[i]) {
					vowels++
				}
			} else {
				ascii++
			}
		}
		switch {
		case ascii == 0 && high >= 3 && vowels > 0 && vowels < high:
			cyr++
			cyrLetters += high
		case high > 0 && ascii > 0:
			lat++
		}
	}
	if cyr > lat && cyrLetters >= minCyrillicLetters {
		return charmap.Windows1251, EncCP1251
	}
	return charmap.Windows1252, EncCP1252
}

// minCyrillicLetters is the least number of letters in Cyrillic words for a
// text to be read as Windows-1251: one short word ("Астана") is enough.
const minCyrillicLetters = 5

// cp1251Vowel reports a Windows-1251 byte that is a Russian vowel
// (А Е Ё И О У Ы Э Ю Я, either case).
func cp1251Vowel(b byte) bool {
	switch b | 0x20 { // 0xC0–0xDF upper case, 0xE0–0xFF lower case
	case 0xE0, 0xE5, 0xE8, 0xEE, 0xF3, 0xFB, 0xFD, 0xFE, 0xFF:
		return b >= 0xC0
	}
	return b == 0xA8 || b == 0xB8 // Ё ё
}
