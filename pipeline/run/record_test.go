package run

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"reflect"
	"testing"
	"time"

	"plenary/pipeline/doc"
)

// sampleText has non-ASCII code points before and inside spans, so code
// point and byte offsets differ.
const sampleText = "Ержан Абенов — Chairman of «Nur Otan» said on 3 May 2021: \"We will build it.\" in Astana."

// sampleExtraction is a plausible extraction of sampleText.
func sampleExtraction() doc.Extraction {
	sp := func(sub string) doc.Span {
		rs := []rune(sampleText)
		sr := []rune(sub)
		for i := 0; i+len(sr) <= len(rs); i++ {
			if string(rs[i:i+len(sr)]) == sub {
				return doc.Span{Start: i, End: i + len(sr)}
			}
		}
		panic("no " + sub)
	}
	day := time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC)
	return doc.Extraction{
		Doc: doc.Doc{ID: "a/b", Source: "in/a/b.txt", Text: sampleText, URL: "https://x/y", Title: "T",
			Published: time.Date(2021, 5, 4, 0, 0, 0, 0, time.UTC), Encoding: "utf-8"},
		Stats:         doc.Stats{NChars: len([]rune(sampleText)), NSentences: 1, NTokens: 17, SHA256: "ab12"},
		People:        []doc.Person{{ID: "p1", Name: "Ержан Абенов", Aliases: []string{"Абенов"}, Gender: "m", Mentions: 1, Span: sp("Ержан Абенов")}},
		Organizations: []doc.Organization{{ID: "o1", Name: "Nur Otan", Aliases: []string{}, Acronym: "", Mentions: 1, Span: sp("Nur Otan")}},
		Locations:     []doc.Location{{ID: "l1", Name: "Astana", Mentions: 1, Span: sp("Astana")}},
		Roles: []doc.Role{{PersonID: "p1", PersonName: "Ержан Абенов", Title: "Chairman", OrgID: "o1", OrgName: "Nur Otan",
			Span: sp("Chairman"), Evidence: sampleText, Method: "rule:appos"}},
		Dates: []doc.Date{{ID: "d1", Text: "3 May 2021", Value: "2021-05-03", Date: day, Granularity: doc.Day, Span: sp("3 May 2021"), Method: "rule:dmy"}},
		Quotes: []doc.Quote{{ID: "q1", Kind: doc.Direct, Text: "We will build it.", Span: sp("We will build it."), SpeakerID: "p1",
			SpeakerName: "Ержан Абенов", SpeakerMention: "Ержан Абенов", Attribution: doc.AttrExplicit, Cue: "said", Confidence: 0.9}},
		Mentions: []doc.Mention{
			{EntityID: "p1", EntityType: doc.TypePerson, Text: "Ержан Абенов", Span: sp("Ержан Абенов"), Method: "gazetteer"},
			{EntityID: "o1", EntityType: doc.TypeOrganization, Text: "Nur Otan", Span: sp("Nur Otan"), Method: "gazetteer"},
			// Not the text at its span: written out, not referenced.
			{EntityID: "o1", EntityType: doc.TypeOrganization, Text: "NUR OTAN", Span: sp("Nur Otan"), Method: "rule:caps"},
			{EntityID: "d1", EntityType: doc.TypeDate, Text: "3 May 2021", Span: sp("3 May 2021"), Method: "rule:dmy"},
			{EntityID: "l1", EntityType: doc.TypeLocation, Text: "Astana", Span: sp("Astana"), Method: "gazetteer"},
		},
	}
}

// roundTrip encodes x, decodes it against x's text, and returns the result
// with the text put back, ready to compare with x.
func roundTrip(t *testing.T, x doc.Extraction) doc.Extraction {
	t.Helper()
	b := appendRecord([]byte("prefix"), &x)[len("prefix"):]
	y, err := decodeRecord(b, x.Doc.Text)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if y.Doc.Text != "" {
		t.Errorf("decoded Doc.Text = %q, want it left out", y.Doc.Text)
	}
	y.Doc.Text = x.Doc.Text
	return y
}

func TestRecordRoundTrip(t *testing.T) {
	sample := sampleExtraction()
	many := sampleExtraction()
	for i := 0; i < 3*maxSyms; i++ { // more methods than a symbol table holds
		many.Mentions = append(many.Mentions, doc.Mention{EntityID: "p1", EntityType: doc.TypePerson, Text: "Абенов",
			Span: doc.Span{Start: 6, End: 12}, Sentence: i, Method: fmt.Sprintf("rule:%d", i%(2*maxSyms))})
	}
	outside := sampleExtraction()
	outside.Mentions[0].Span = doc.Span{Start: 500, End: 600} // past the text: written out
	outside.Quotes[0].Span = doc.Span{Start: 5, End: 2}       // reversed
	cases := []struct {
		name string
		x    doc.Extraction
	}{
		{"empty", doc.Extraction{}},
		{"empty slices stay empty, not nil", doc.Extraction{People: []doc.Person{}, Mentions: []doc.Mention{}, Dates: []doc.Date{}}},
		{"sample", sample},
		{"more symbols than a table holds", many},
		{"spans outside the text", outside},
		{"extremes", doc.Extraction{
			Stats:  doc.Stats{NChars: math.MaxInt, NSentences: math.MinInt, NTokens: -1},
			Quotes: []doc.Quote{{Confidence: float32(math.Inf(-1))}, {Confidence: math.MaxFloat32}, {Span: doc.Span{Start: math.MinInt, End: math.MaxInt}}},
		}},
		{"invalid UTF-8 text", doc.Extraction{Doc: doc.Doc{Text: "a\xffb\xe2\x80c"},
			Mentions: []doc.Mention{{Text: "\xffb\xe2\x80", Span: doc.Span{Start: 1, End: 4}}, {Text: "c", Span: doc.Span{Start: 4, End: 5}}}}},
		{"no text", func() doc.Extraction { x := sampleExtraction(); x.Doc.Text = ""; return x }()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := roundTrip(t, c.x); !reflect.DeepEqual(got, c.x) {
				t.Errorf("round trip changed the extraction\n got %+v\nwant %+v", got, c.x)
			}
		})
	}
	// NaN is not equal to itself: its bits must survive.
	nan := doc.Extraction{Quotes: []doc.Quote{{Confidence: float32(math.NaN())}}}
	got := roundTrip(t, nan)
	if math.Float32bits(got.Quotes[0].Confidence) != math.Float32bits(nan.Quotes[0].Confidence) {
		t.Error("NaN confidence changed")
	}
}

// TestRecordReferencesText: texts equal to the document's text at their
// span are not copied, which is most of what makes records small.
func TestRecordReferencesText(t *testing.T) {
	x := sampleExtraction()
	with := len(appendRecord(nil, &x))
	x.Doc.Text = ""
	without := len(appendRecord(nil, &x))
	// Quote, date and four mentions: 67 bytes of text.
	if without-with < 60 {
		t.Errorf("record is %d bytes with the text, %d without: texts at their spans were copied", with, without)
	}
	// Decoded against another text, references read that text: the
	// checkpoint key (a hash of the text) is what keeps them apart.
	x = sampleExtraction()
	b := appendRecord(nil, &x)
	if _, err := decodeRecord(b, "short"); err == nil {
		t.Error("a record referencing spans past the text decoded")
	}
}

// fillAll sets every field reachable from v to a non-zero value, each
// different, with two elements per slice. A field of a kind it does not
// know fails the test: the codec and this test must learn it.
func fillAll(t testing.TB, v reflect.Value, path string, n *int) {
	t.Helper()
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s#%d", path, *n))
	case reflect.Int:
		v.SetInt(int64(*n) * 1000003)
	case reflect.Float32:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillAll(t, s.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2000+*n%100, time.Month(1+*n%12), 1+*n%28, *n%24, *n%60, *n%60, *n*1000, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				t.Fatalf("%s.%s: unexported field; teach record.go and this test", path, f.Name)
			}
			fillAll(t, v.Field(i), path+"."+f.Name, n)
		}
	default:
		t.Fatalf("%s: field of kind %v; teach record.go and this test", path, v.Kind())
	}
}

// TestRecordEveryField: every field of every struct in doc.Extraction
// survives, so a field added to pipeline/doc without the codec fails here.
func TestRecordEveryField(t *testing.T) {
	var x doc.Extraction
	n := 0
	fillAll(t, reflect.ValueOf(&x).Elem(), "Extraction", &n)
	for _, text := range []string{"", sampleText} {
		x.Doc.Text = text
		got := roundTrip(t, x)
		if !reflect.DeepEqual(got, x) {
			gv, xv := reflect.ValueOf(got), reflect.ValueOf(x)
			for i := 0; i < xv.NumField(); i++ {
				if !reflect.DeepEqual(gv.Field(i).Interface(), xv.Field(i).Interface()) {
					t.Errorf("text %q: %s changed in the round trip:\n got %+v\nwant %+v", text, xv.Type().Field(i).Name, gv.Field(i), xv.Field(i))
				}
			}
		}
	}
}

// TestRecordTimes: the tables take a time's calendar day in its own zone
// (tables.date32 calls Time.Date) and test IsZero; both survive for UTC
// (what extraction makes, returned identical), fixed and named zones, and
// instants near midnight where the zone decides the day.
func TestRecordTimes(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("CEST", 2*3600) // no tzdata: same offset in May
	}
	cases := []time.Time{
		{},
		time.Date(2021, 5, 3, 0, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), // one nanosecond after the zero time
		time.Date(1850, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2021, 5, 3, 23, 30, 0, 0, time.FixedZone("", -5*3600)), // already 4 May in UTC
		time.Date(2021, 5, 3, 0, 30, 0, 0, berlin),                       // still 2 May in UTC
		time.Date(2021, 5, 3, 12, 0, 0, 0, time.Local),
	}
	for _, tm := range cases {
		x := doc.Extraction{Doc: doc.Doc{Published: tm}, Dates: []doc.Date{{Date: tm}}}
		got := roundTrip(t, x)
		for _, g := range []time.Time{got.Doc.Published, got.Dates[0].Date} {
			gy, gm, gd := g.Date()
			wy, wm, wd := tm.Date()
			gn, goff := g.Zone()
			wn, woff := tm.Zone()
			if !g.Equal(tm) || g.IsZero() != tm.IsZero() || gy != wy || gm != wm || gd != wd || gn != wn || goff != woff {
				t.Errorf("%v came back as %v", tm, g)
			}
			if tm.Location() == time.UTC && !reflect.DeepEqual(g, tm) {
				t.Errorf("UTC %v came back as %#v, not identical", tm, g)
			}
		}
	}
}

// withCRC gives body (version byte included) a valid checksum, so tests
// and the fuzzer reach the parser behind it.
func withCRC(body []byte) []byte {
	out := append([]byte(nil), body...)
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(body, castagnoli))
}

func TestDecodeRecordRejects(t *testing.T) {
	x := sampleExtraction()
	good := appendRecord(nil, &x)
	flip := append([]byte(nil), good...)
	flip[len(flip)/2] ^= 0x10
	version := append([]byte(nil), good...)
	version[0] = recordVersion + 1
	body := good[:len(good)-4]
	cases := []struct {
		name string
		b    []byte
	}{
		{"nothing", nil},
		{"short", good[:4]},
		{"every truncation", nil}, // below
		{"flipped byte", flip},
		{"other version", version},
		{"trailing bytes", withCRC(append(append([]byte(nil), body...), 0))},
		{"truncated body, valid checksum", withCRC(body[:len(body)-3])},
		{"huge string length", withCRC([]byte{recordVersion, 0xff, 0xff, 0xff, 0xff, 0x0f})},
		{"huge slice length", withCRC(append([]byte{recordVersion, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f))},
		{"varint overflow", withCRC([]byte{recordVersion, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})},
		{"bad time kind", withCRC([]byte{recordVersion, 0, 0, 0, 0, 9})},
	}
	for _, c := range cases {
		if c.name == "every truncation" {
			for n := 0; n < len(good); n++ {
				if _, err := decodeRecord(good[:n], x.Doc.Text); !errors.Is(err, errCorrupt) {
					t.Errorf("record cut to %d of %d bytes: err = %v", n, len(good), err)
				}
			}
			continue
		}
		if _, err := decodeRecord(c.b, x.Doc.Text); !errors.Is(err, errCorrupt) {
			t.Errorf("%s: err = %v, want errCorrupt", c.name, err)
		}
	}
	// Records built by hand: each is valid but for one field, and the
	// valid twin decodes, so the rejection is that field's.
	doc0 := []byte{recordVersion, 0, 0, 0, 0} // ID, Source, URL, Title
	rest := []byte{0, 0, 0, 0, 0, 0}          // Encoding, Extraction, Stats
	slices := []byte{0, 0, 0, 0, 0, 0, 0, 0}  // nil People..Mentions, Trace
	build := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return withCRC(b)
	}
	pub := func(sec int64) []byte { return append(binary.AppendVarint([]byte{1}, sec), 0) } // UTC, 0 ns
	person := func(gender ...byte) []byte {
		return build(doc0, []byte{0}, rest, []byte{2, 0, 0, 0}, gender, []byte{0, 0, 0}, slices[1:])
	}
	pairs := []struct {
		name      string
		good, bad []byte
	}{
		{"zero instant written as a UTC time", build(doc0, pub(1), rest, slices), build(doc0, pub(time.Time{}.Unix()), rest, slices)},
		{"symbol past the table", person(0, 1, 'm'), person(1)},
		{"nanoseconds past a second", build(doc0, pub(1), rest, slices), build(doc0, []byte{1, 2, 0x80, 0x94, 0xeb, 0xdc, 0x03}, rest, slices)},
	}
	for _, p := range pairs {
		if _, err := decodeRecord(p.good, ""); err != nil {
			t.Errorf("%s: the valid twin fails: %v", p.name, err)
		}
		if _, err := decodeRecord(p.bad, ""); !errors.Is(err, errCorrupt) {
			t.Errorf("%s: err = %v, want errCorrupt", p.name, err)
		}
	}
}

func TestStoredRecord(t *testing.T) {
	x := sampleExtraction()
	var e recordEncoder
	b := e.encode(&x)
	y, err := decodeStored(b, x.Doc.Text)
	if err != nil {
		t.Fatal(err)
	}
	y.Doc.Text = x.Doc.Text
	if !reflect.DeepEqual(y, x) {
		t.Error("stored record changed the extraction")
	}
	// The encoder's buffer is reused; a returned record must not share it.
	c := append([]byte(nil), b...)
	other := doc.Extraction{Doc: doc.Doc{ID: "other"}}
	e.encode(&other)
	if string(b) != string(c) {
		t.Error("a later encode overwrote an earlier record")
	}
	for _, bad := range [][]byte{nil, {0xff}, b[:len(b)/2], {0xff, 0xff, 0xff, 0x7f, 0}} {
		if _, err := decodeStored(bad, x.Doc.Text); !errors.Is(err, errCorrupt) {
			t.Errorf("decodeStored(% x): err = %v", bad, err)
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	x := sampleExtraction()
	f.Add(appendRecord(nil, &x), x.Doc.Text)
	f.Add(appendRecord(nil, &doc.Extraction{}), "")
	f.Add([]byte{recordVersion, 0, 0, 0, 0, 2, 1, 2, 3}, "ab")
	f.Fuzz(func(t *testing.T, b []byte, text string) {
		check := func(b []byte) {
			x, err := decodeRecord(b, text)
			if err != nil {
				if !errors.Is(err, errCorrupt) {
					t.Fatalf("error not errCorrupt: %v", err)
				}
				return
			}
			// What decodes, encodes back to the same extraction.
			x.Doc.Text = text
			y, err := decodeRecord(appendRecord(nil, &x), text)
			if err != nil {
				t.Fatalf("re-encoded record does not decode: %v", err)
			}
			y.Doc.Text = text
			if !reflect.DeepEqual(normTimes(x), normTimes(y)) {
				t.Fatalf("decode(encode(x)) != x:\n%+v\n%+v", x, y)
			}
		}
		check(b)
		if len(b) > 0 {
			check(withCRC(b)) // past the checksum, into the parser
		}
	})
}

// normTimes replaces times by their instant, day and zone, which is what
// survives; fixed zones are new pointers each decode.
func normTimes(x doc.Extraction) doc.Extraction {
	norm := func(t time.Time) time.Time {
		if t.IsZero() {
			return time.Time{}
		}
		name, off := t.Zone()
		return t.In(time.FixedZone(name, off))
	}
	x.Doc.Published = norm(x.Doc.Published)
	x.Dates = append([]doc.Date(nil), x.Dates...)
	for i := range x.Dates {
		x.Dates[i].Date = norm(x.Dates[i].Date)
	}
	return x
}
