package tables

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
)

// SchemaVersion is written into every file's schema metadata as
// MetaSchemaVersion. Bump it when a column is added, removed, renamed or
// retyped, so readers can tell table layouts apart.
//
// Version 2 added documents.encoding, roles.method and errors.severity;
// version 3 people.person_uid and the persons and role_timeline tables;
// version 4 quotes.sieve, mentions.method named after the rules of
// pipeline/rules, and the optional trace table.
const SchemaVersion = "4"

// Schema metadata keys carried by every file.
const (
	MetaSchemaVersion = "plenary.schema_version"
	MetaVersion       = "plenary.version"
)

// Tables lists the output tables in the order they are documented and written.
var Tables = []string{
	"documents", "people", "organizations", "locations",
	"roles", "dates", "quotes", "mentions", "errors",
	"persons", "role_timeline",
}

// Optional lists the tables written only when asked for (Open's optional):
// trace, the rules' decisions (plenary run --trace).
var Optional = []string{"trace"}

// Column types, named once so the table definitions read like the contract.
var (
	tString  = arrow.BinaryTypes.String
	tInt32   = arrow.PrimitiveTypes.Int32
	tFloat32 = arrow.PrimitiveTypes.Float32
	tDate32  = arrow.FixedWidthTypes.Date32
	// Aliases are never null, and neither are their elements: an entity with
	// no other surface form gets an empty list.
	tStrings = arrow.ListOfNonNullable(arrow.BinaryTypes.String)
)

// storage is how a column's values are encoded in Parquet (the Arrow IPC
// output ignores it). It is chosen per column from how its values behave,
// measured column by column on synthetic reports as make bench makes them
// (size after zstd, and writer CPU); see newParquetSink for the trade-off.
// Only key and delta columns carry min/max statistics: they are the ones a
// reader can skip pages and row groups by, and computing them compared
// every string value of every column.
type storage uint8

const (
	// key: doc_id, PLAIN with statistics. Rows are in doc_id order, so
	// min/max prune by document. Its rows come in runs, one per document,
	// which zstd collapses in a PLAIN page: a dictionary was larger in five
	// of the seven tables that repeat it and cost a hash lookup per row.
	key storage = iota
	// plain: values that mostly differ from row to row or are long (sha256,
	// source, a person's name in people, quote text, evidence, messages),
	// and the per-document ids (p1, q3, …), each once per document in its
	// own table, which zstd packs as well as a dictionary did.
	plain
	// dict: values from a small set that recur across rows (entity ids in
	// mentions, types, methods, categories, titles, cues) and names that
	// are mentioned again (mention text, speakers, organization and place
	// names). Their indices compress to a fraction of PLAIN, 4× for the
	// categories; the price is a hash lookup and an allocation per value
	// in arrow-go's dictionary encoder.
	dict
	// delta: int32 offsets and counts, and dates (DELTA_BINARY_PACKED).
	// Spans come sorted within a document, so deltas are small; it was both
	// smaller and cheaper than a dictionary or PLAIN for every such column.
	delta
)

// column is one field of a table and how Parquet stores it.
type column struct {
	arrow.Field
	store storage
}

func req(name string, t arrow.DataType, s storage) column {
	return column{arrow.Field{Name: name, Type: t}, s}
}
func opt(name string, t arrow.DataType, s storage) column {
	return column{arrow.Field{Name: name, Type: t, Nullable: true}, s}
}

// def is one table: its columns and how one Extraction becomes rows. The
// fill functions must append values in exactly the column order of fields;
// the round-trip tests check every column of every table.
type def struct {
	name     string
	fields   []column
	fill     func(c *cols, x *doc.Extraction) // nil for tables fed by their own method (AddError, AddPeople, AddPersons, AddTimeline)
	optional bool                             // written only when Open is asked for it
}

var defs = []def{
	{
		name: "documents",
		fields: []column{
			req("doc_id", tString, key), req("source", tString, plain), opt("url", tString, plain), opt("title", tString, plain),
			opt("published", tDate32, delta), req("n_chars", tInt32, delta), req("n_sentences", tInt32, delta),
			req("n_tokens", tInt32, delta), req("sha256", tString, plain), req("encoding", tString, dict),
		},
		fill: func(c *cols, x *doc.Extraction) {
			d := x.Doc
			c.row()
			c.str(d.ID)
			c.str(d.Source)
			c.optStr(d.URL)
			c.optStr(d.Title)
			if d.HasPublished() {
				c.date(date32(d.Published))
			} else {
				c.null()
			}
			c.i32(x.Stats.NChars)
			c.i32(x.Stats.NSentences)
			c.i32(x.Stats.NTokens)
			c.str(x.Stats.SHA256)
			c.str(encodingOf(d))
		},
	},
	{
		// Written by AddPeople at the end of a run, when the registry has
		// given every person its person_uid.
		name: "people",
		fields: []column{
			req("doc_id", tString, key), req("person_id", tString, plain), req("name", tString, plain),
			req("aliases", tStrings, plain), req("mentions", tInt32, delta), req("start", tInt32, delta), req("end", tInt32, delta),
			req("person_uid", tString, plain),
		},
	},
	{
		name: "organizations",
		fields: []column{
			req("doc_id", tString, key), req("org_id", tString, plain), req("name", tString, dict),
			req("aliases", tStrings, dict), opt("acronym", tString, dict), req("mentions", tInt32, delta),
			req("start", tInt32, delta), req("end", tInt32, delta),
		},
		fill: func(c *cols, x *doc.Extraction) {
			for _, o := range x.Organizations {
				c.row()
				c.str(x.Doc.ID)
				c.str(o.ID)
				c.str(o.Name)
				c.strs(o.Aliases)
				c.optStr(o.Acronym)
				c.i32(o.Mentions)
				c.i32(o.Start)
				c.i32(o.End)
			}
		},
	},
	{
		name: "locations",
		fields: []column{
			req("doc_id", tString, key), req("location_id", tString, plain), req("name", tString, dict),
			req("aliases", tStrings, dict), req("mentions", tInt32, delta), req("start", tInt32, delta), req("end", tInt32, delta),
		},
		fill: func(c *cols, x *doc.Extraction) {
			for _, l := range x.Locations {
				c.row()
				c.str(x.Doc.ID)
				c.str(l.ID)
				c.str(l.Name)
				c.strs(l.Aliases)
				c.i32(l.Mentions)
				c.i32(l.Start)
				c.i32(l.End)
			}
		},
	},
	{
		name: "roles",
		fields: []column{
			req("doc_id", tString, key), req("person_id", tString, plain), req("person_name", tString, plain),
			req("title", tString, dict), opt("org_id", tString, plain), opt("org_name", tString, dict),
			req("start", tInt32, delta), req("end", tInt32, delta), req("evidence", tString, plain), req("method", tString, dict),
		},
		fill: func(c *cols, x *doc.Extraction) {
			for _, r := range x.Roles {
				c.row()
				c.str(x.Doc.ID)
				c.str(r.PersonID)
				c.str(r.PersonName)
				c.str(r.Title)
				c.optStr(r.OrgID)
				c.optStr(r.OrgName)
				c.i32(r.Start)
				c.i32(r.End)
				c.str(r.Evidence)
				c.str(r.Method)
			}
		},
	},
	{
		name: "dates",
		fields: []column{
			req("doc_id", tString, key), req("date_id", tString, plain), req("text", tString, dict), req("value", tString, dict),
			req("date", tDate32, delta), req("granularity", tString, dict), req("start", tInt32, delta), req("end", tInt32, delta),
		},
		fill: func(c *cols, x *doc.Extraction) {
			for _, d := range x.Dates {
				v, _ := dateOf(d) // validate has already rejected dates without a value
				c.row()
				c.str(x.Doc.ID)
				c.str(d.ID)
				c.str(d.Text)
				c.str(d.Value)
				c.date(v)
				c.str(d.Granularity)
				c.i32(d.Start)
				c.i32(d.End)
			}
		},
	},
	{
		name: "quotes",
		fields: []column{
			req("doc_id", tString, key), req("quote_id", tString, plain), req("kind", tString, dict), req("text", tString, plain),
			req("start", tInt32, delta), req("end", tInt32, delta), opt("speaker_id", tString, plain),
			opt("speaker_name", tString, dict), opt("speaker_mention", tString, dict), req("attribution", tString, dict),
			opt("cue", tString, dict), req("confidence", tFloat32, dict), req("sieve", tString, dict),
		},
		fill: func(c *cols, x *doc.Extraction) {
			for _, q := range x.Quotes {
				c.row()
				c.str(x.Doc.ID)
				c.str(q.ID)
				c.str(q.Kind)
				c.str(q.Text)
				c.i32(q.Start)
				c.i32(q.End)
				c.optStr(q.SpeakerID)
				c.optStr(q.SpeakerName)
				c.optStr(q.SpeakerMention)
				c.str(q.Attribution)
				c.optStr(q.Cue)
				c.f32(q.Confidence)
				c.str(q.Sieve)
			}
		},
	},
	{
		name: "mentions",
		fields: []column{
			req("doc_id", tString, key), req("entity_id", tString, dict), req("entity_type", tString, dict),
			req("text", tString, dict), req("start", tInt32, delta), req("end", tInt32, delta), req("sentence", tInt32, delta),
			req("method", tString, dict),
		},
		fill: func(c *cols, x *doc.Extraction) {
			for _, m := range x.Mentions {
				c.row()
				c.str(x.Doc.ID)
				c.str(m.EntityID)
				c.str(m.EntityType)
				c.str(m.Text)
				c.i32(m.Start)
				c.i32(m.End)
				c.i32(m.Sentence)
				c.str(m.Method)
			}
		},
	},
	{
		// trace: one row per decision of a named rule (pipeline/rules), in
		// the order the rules fired; out_start/out_end are null for a
		// rejection.
		name:     "trace",
		optional: true,
		fields: []column{
			req("doc_id", tString, key), req("seq", tInt32, delta), req("rule", tString, dict), req("stage", tString, dict),
			req("decision", tString, dict), req("start", tInt32, plain), req("end", tInt32, plain),
			opt("out_start", tInt32, plain), opt("out_end", tInt32, plain), opt("note", tString, dict),
		},
		fill: fillTrace,
	},
	{
		name: "errors",
		fields: []column{
			req("source", tString, plain), opt("doc_id", tString, plain), req("stage", tString, dict), req("message", tString, plain),
			req("severity", tString, dict),
		},
	},
	{
		// Written by AddPersons: one row per real person across the run.
		name: "persons",
		fields: []column{
			req("person_uid", tString, plain), req("name", tString, plain), req("variants", tStrings, plain),
			req("documents", tInt32, delta), req("mentions", tInt32, delta),
			opt("first_seen", tDate32, delta), opt("last_seen", tDate32, delta), req("merge_evidence", tStrings, plain),
		},
	},
	{
		// Written by AddTimeline: each position of each real person.
		name: "role_timeline",
		fields: []column{
			req("person_uid", tString, dict), req("title", tString, dict), opt("org", tString, dict),
			opt("first_seen", tDate32, delta), opt("last_seen", tDate32, delta), req("documents", tInt32, delta),
		},
	},
}

func fillPeople(c *cols, docID string, people []doc.Person, uids []string) {
	for i, p := range people {
		c.row()
		c.str(docID)
		c.str(p.ID)
		c.str(p.Name)
		c.strs(p.Aliases)
		c.i32(p.Mentions)
		c.i32(p.Start)
		c.i32(p.End)
		c.str(uids[i])
	}
}

func fillPerson(c *cols, p doc.RegistryPerson) {
	c.row()
	c.str(p.UID)
	c.str(p.Name)
	c.strs(p.Variants)
	c.i32(p.Documents)
	c.i32(p.Mentions)
	c.optDate(p.FirstSeen)
	c.optDate(p.LastSeen)
	c.strs(p.Evidence)
}

func fillRoleSpan(c *cols, r doc.RoleSpan) {
	c.row()
	c.str(r.UID)
	c.str(r.Title)
	c.optStr(r.Org)
	c.optDate(r.FirstSeen)
	c.optDate(r.LastSeen)
	c.i32(r.Documents)
}

func fillTrace(c *cols, x *doc.Extraction) {
	for i, t := range x.Trace {
		stage, decision := "", ""
		if r, ok := rules.Lookup(t.Rule); ok {
			stage, decision = r.Stage, string(r.Decision)
		}
		c.row()
		c.str(x.Doc.ID)
		c.i32(i)
		c.str(t.Rule)
		c.str(stage)
		c.str(decision)
		c.i32(t.Cand.Start)
		c.i32(t.Cand.End)
		if t.Out == (doc.Span{}) {
			c.null()
			c.null()
		} else {
			c.i32(t.Out.Start)
			c.i32(t.Out.End)
		}
		c.optStr(t.Note)
	}
}

func fillError(c *cols, e doc.DocError) {
	c.row()
	c.str(e.Source)
	c.optStr(e.DocID)
	c.str(e.Stage)
	c.str(e.Message)
	sev := e.Severity
	if sev == "" {
		sev = doc.SeverityError
	}
	c.str(sev)
}

// encodingOf names how a document's bytes were decoded; text handed over
// without a label (JSON Lines, tests) is UTF-8.
func encodingOf(d doc.Doc) string {
	if d.Encoding == "" {
		return "utf-8"
	}
	return d.Encoding
}

// Schema returns the Arrow schema of one table, with the schema metadata
// every file carries; version is plenary's version string. It returns nil
// for a name not in Tables.
func Schema(table, version string) *arrow.Schema {
	for _, d := range defs {
		if d.name == table {
			return schemaOf(d, version)
		}
	}
	return nil
}

func schemaOf(d def, version string) *arrow.Schema {
	md := arrow.NewMetadata(
		[]string{MetaSchemaVersion, MetaVersion},
		[]string{SchemaVersion, version},
	)
	fs := make([]arrow.Field, len(d.fields))
	for i, c := range d.fields {
		fs[i] = c.Field
	}
	return arrow.NewSchema(fs, &md)
}

// cols appends one row's values left to right into a RecordBuilder's
// column builders; row() rewinds to the first column.
type cols struct {
	fs []array.Builder
	i  int
}

func (c *cols) row() { c.i = 0 }

func (c *cols) next() array.Builder {
	b := c.fs[c.i]
	c.i++
	return b
}

func (c *cols) str(s string) { c.next().(*array.StringBuilder).Append(utf8Str(s)) }

// utf8Str is s with every byte that is not part of a valid UTF-8 character
// replaced by U+FFFD. Every string column goes through it: Arrow and
// Parquet strings are UTF-8 by contract, and one invalid value makes
// readers such as DuckDB refuse the whole column. Ingest hands over valid
// text and ids (file names are escaped there, reversibly); this is the
// guarantee for whatever else a stage might produce. The check is a scan
// of bytes the writer copies anyway, ASCII eight at a time.
func utf8Str(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// optStr writes "" as null: the Go records use "" for "unknown".
func (c *cols) optStr(s string) {
	b := c.next().(*array.StringBuilder)
	if s == "" {
		b.AppendNull()
		return
	}
	b.Append(utf8Str(s))
}

func (c *cols) null() { c.next().AppendNull() }

// optDate writes the zero time as null.
func (c *cols) optDate(t time.Time) {
	if t.IsZero() {
		c.null()
		return
	}
	c.date(date32(t))
}
func (c *cols) i32(n int)           { c.next().(*array.Int32Builder).Append(int32(n)) }
func (c *cols) f32(f float32)       { c.next().(*array.Float32Builder).Append(f) }
func (c *cols) date(d arrow.Date32) { c.next().(*array.Date32Builder).Append(d) }

func (c *cols) strs(ss []string) {
	b := c.next().(*array.ListBuilder)
	b.Append(true)
	vb := b.ValueBuilder().(*array.StringBuilder)
	for _, s := range ss {
		vb.Append(utf8Str(s))
	}
}
