package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzExtractHTML(f *testing.F) {
	for _, s := range []string{
		"", "<p>a</p>", "<title>t</title><p>x&amp;y</p>", "<pre>a\nb</pre>", "<table><td>a<td>b</table>",
		"<svg><title>s</title></svg>", "\xff\xfe<\x00p\x00>\x00", "<meta charset=windows-1251>\xcf\xf0",
		"<div hidden>x</div>y", strings.Repeat("<div>", 600), "<p>\x00</p>", "a\xc3",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, pm, _, _, err := decodeHTML(data)
		if err != nil {
			return
		}
		for _, s := range []string{text, pm.Title, pm.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output %q", s)
			}
		}
		if strings.TrimSpace(text) != text || strings.Contains(text, "  ") || strings.Contains(text, "\n\n\n") {
			t.Fatalf("text not normalized: %q", text)
		}
	})
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"x"}`, `{"id":"a","text":"x","published":"2022-02-30"}` + "\n\n" + `{"id":1}`,
		"\ufeff{\"id\":\"b\",\"text\":\"\\u0000\"}\r\n", `null`, `[]`, `{"id":"a","text":"\ud800"}`,
		`{"id":"a","text":"` + strings.Repeat("z", 300) + `"}`, "{\"id\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &streamer{opt: Options{MaxBytes: 256}, seen: map[[16]byte]uint64{}}
		var total int64
		s.yield = func(it Item) bool {
			total += it.Bytes
			// An empty text is a warning row followed by its (empty) document.
			if k := itemKind(it); k != "doc" && k != "err" && k != "warn" {
				t.Fatalf("JSON Lines yielded %+v", it)
			}
			if it.Doc != nil {
				d := it.Doc
				for _, v := range []string{d.ID, d.Text, d.URL, d.Title} {
					if !utf8.ValidString(v) {
						t.Fatalf("invalid UTF-8 in %+v", d)
					}
				}
				if d.ID == "" || strings.IndexByte(d.Text, 0) >= 0 {
					t.Fatalf("bad document passed: %+v", d)
				}
			}
			return true
		}
		s.jsonl(bytes.NewReader(data), "fuzz.jsonl")
		if total > int64(len(data)) {
			t.Fatalf("items account for %d bytes of a %d-byte input", total, len(data))
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{"", "plain", "\ufeffbom", "\xff\xfeH\x00", "\xfe\xff\x00H\x00", "Caf\xe9",
		"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0", "ok \xc3\x28", "\x89PNG\r\n\x1a\n\x00", strings.Repeat("\x01", 20)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeText(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.text) {
			t.Fatalf("invalid UTF-8 out of %q", data)
		}
		if d.enc == "" || (d.enc != EncUTF8 && d.enc != EncUTF8BOM && d.warn == "") {
			t.Fatalf("encoding %q without a warning for %q", d.enc, data)
		}
		if d.enc == EncUTF8 && d.warn == "" && d.text != string(data) {
			t.Fatalf("UTF-8 text changed: %q -> %q", data, d.text)
		}
	})
}

// mostlyNonTextRef is mostlyNonText without its ASCII fast path.
func mostlyNonTextRef(data []byte) bool {
	const sample = 8 << 10
	if len(data) > sample {
		data = data[:sample]
	}
	total, bad := 0, 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		i += n
		total++
		switch {
		case r == utf8.RuneError && n == 1:
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
	return bad >= 8 && bad*10 > total*3
}

func FuzzMostlyNonText(f *testing.F) {
	for _, s := range []string{"plain text\n", "\x00\x01\x02\x03\x04\x05\x06\x07\x08", "caf\xe9 \x80\x81\x82\x83\x84\x85\x86\x87\x88", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x1b\t"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := mostlyNonText(data), mostlyNonTextRef(data); got != want {
			t.Errorf("mostlyNonText(%q) = %v, reference %v", data, got, want)
		}
	})
}
