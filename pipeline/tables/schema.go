package tables

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"plenary/pipeline/doc"
)

// SchemaVersion is written into every file's schema metadata as
// MetaSchemaVersion. Bump it when a column is added, removed, renamed or
// retyped, so readers can tell table layouts apart.
//
// Version 2 added documents.encoding, roles.method and errors.severity.
const SchemaVersion = "2"

// Schema metadata keys carried by every file.
const (
	MetaSchemaVersion = "plenary.schema_version"
	MetaVersion       = "plenary.version"
)

// Tables lists the output tables in the order they are documented and written.
var Tables = []string{
	"documents", "people", "organizations", "locations",
	"roles", "dates", "quotes", "mentions", "errors",
}

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

func req(name string, t arrow.DataType) arrow.Field { return arrow.Field{Name: name, Type: t} }
func opt(name string, t arrow.DataType) arrow.Field {
	return arrow.Field{Name: name, Type: t, Nullable: true}
}

// def is one table: its columns and how one Extraction becomes rows. The
// fill functions must append values in exactly the column order of fields;
// the round-trip tests check every column of every table.
type def struct {
	name   string
	fields []arrow.Field
	fill   func(c *cols, x *doc.Extraction) // nil for errors, which is fed by AddError
}

var defs = []def{
	{
		name: "documents",
		fields: []arrow.Field{
			req("doc_id", tString), req("source", tString), opt("url", tString), opt("title", tString),
			opt("published", tDate32), req("n_chars", tInt32), req("n_sentences", tInt32),
			req("n_tokens", tInt32), req("sha256", tString), req("encoding", tString),
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
		name: "people",
		fields: []arrow.Field{
			req("doc_id", tString), req("person_id", tString), req("name", tString),
			req("aliases", tStrings), req("mentions", tInt32), req("start", tInt32), req("end", tInt32),
		},
		fill: func(c *cols, x *doc.Extraction) {
			for _, p := range x.People {
				c.row()
				c.str(x.Doc.ID)
				c.str(p.ID)
				c.str(p.Name)
				c.strs(p.Aliases)
				c.i32(p.Mentions)
				c.i32(p.Start)
				c.i32(p.End)
			}
		},
	},
	{
		name: "organizations",
		fields: []arrow.Field{
			req("doc_id", tString), req("org_id", tString), req("name", tString),
			req("aliases", tStrings), opt("acronym", tString), req("mentions", tInt32),
			req("start", tInt32), req("end", tInt32),
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
		fields: []arrow.Field{
			req("doc_id", tString), req("location_id", tString), req("name", tString),
			req("aliases", tStrings), req("mentions", tInt32), req("start", tInt32), req("end", tInt32),
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
		fields: []arrow.Field{
			req("doc_id", tString), req("person_id", tString), req("person_name", tString),
			req("title", tString), opt("org_id", tString), opt("org_name", tString),
			req("start", tInt32), req("end", tInt32), req("evidence", tString), req("method", tString),
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
		fields: []arrow.Field{
			req("doc_id", tString), req("date_id", tString), req("text", tString), req("value", tString),
			req("date", tDate32), req("granularity", tString), req("start", tInt32), req("end", tInt32),
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
		fields: []arrow.Field{
			req("doc_id", tString), req("quote_id", tString), req("kind", tString), req("text", tString),
			req("start", tInt32), req("end", tInt32), opt("speaker_id", tString),
			opt("speaker_name", tString), opt("speaker_mention", tString), req("attribution", tString),
			opt("cue", tString), req("confidence", tFloat32),
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
			}
		},
	},
	{
		name: "mentions",
		fields: []arrow.Field{
			req("doc_id", tString), req("entity_id", tString), req("entity_type", tString),
			req("text", tString), req("start", tInt32), req("end", tInt32), req("sentence", tInt32),
			req("method", tString),
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
		name: "errors",
		fields: []arrow.Field{
			req("source", tString), opt("doc_id", tString), req("stage", tString), req("message", tString),
			req("severity", tString),
		},
	},
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
	return arrow.NewSchema(d.fields, &md)
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

func (c *cols) str(s string) { c.next().(*array.StringBuilder).Append(s) }

// optStr writes "" as null: the Go records use "" for "unknown".
func (c *cols) optStr(s string) {
	b := c.next().(*array.StringBuilder)
	if s == "" {
		b.AppendNull()
		return
	}
	b.Append(s)
}

func (c *cols) null()               { c.next().AppendNull() }
func (c *cols) i32(n int)           { c.next().(*array.Int32Builder).Append(int32(n)) }
func (c *cols) f32(f float32)       { c.next().(*array.Float32Builder).Append(f) }
func (c *cols) date(d arrow.Date32) { c.next().(*array.Date32Builder).Append(d) }

func (c *cols) strs(ss []string) {
	b := c.next().(*array.ListBuilder)
	b.Append(true)
	vb := b.ValueBuilder().(*array.StringBuilder)
	for _, s := range ss {
		vb.Append(s)
	}
}
