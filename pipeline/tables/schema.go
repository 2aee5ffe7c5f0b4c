package tables

import (
	"fmt"
	"math"
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
// version 5 documents.text and documents.extraction, and made
// quotes.confidence a float64.
const SchemaVersion = "5"

// Schema metadata keys carried by every file.
const (
	MetaSchemaVersion = "plenary.schema_version"
	MetaVersion       = "plenary.version"
	// MetaColumnPrefix + a column name is a file-level key holding that
	// column's description, for readers that show file key/values but not
	// Arrow field metadata (DuckDB's parquet_kv_metadata).
	MetaColumnPrefix = "plenary.column."
)

// MetaDescription is the field metadata key of a column's description
// (pyarrow's schema shows it, Arrow IPC readers keep it).
const MetaDescription = "description"

// Tables lists the output tables in the order they are documented and written.
var Tables = []string{
	"documents", "people", "organizations", "locations",
	"roles", "dates", "quotes", "mentions", "errors",
	"persons", "role_timeline",
}

// WholeRun lists the tables the whole-run step writes, after every
// document is extracted (the persons registry): the rest are made per
// document, by the run or by each shard of a sharded run.
var WholeRun = []string{"people", "persons", "role_timeline"}

// Optional lists the tables written only when asked for (Open's optional):
// trace, the rules' decisions (plenary run --trace).
var Optional = []string{"trace"}

// Column types, named once so the table definitions read like the contract.
var (
	tString  = arrow.BinaryTypes.String
	tInt32   = arrow.PrimitiveTypes.Int32
	tFloat64 = arrow.PrimitiveTypes.Float64
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
	// key: doc_id, PLAIN with statistics. Rows are in input order (doc_id
	// order within a folder), so min/max prune by document. Its rows come in runs, one per document,
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

// column is one field of a table, how Parquet stores it and what it means
// (the table contract's "meaning", written into every file).
type column struct {
	arrow.Field
	store storage
	doc   string
}

func req(name string, t arrow.DataType, s storage, doc string) column {
	return column{arrow.Field{Name: name, Type: t}, s, doc}
}
func opt(name string, t arrow.DataType, s storage, doc string) column {
	return column{arrow.Field{Name: name, Type: t, Nullable: true}, s, doc}
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
			req("doc_id", tString, key,
				"document id: the path relative to the INPUT folder without extension, or the JSON Lines `id`"),
			req("source", tString, plain,
				"path the document came from (`<stdin>:LINE`, `file.jsonl:LINE` for JSON Lines)"),
			opt("url", tString, plain,
				"from metadata (sidecar, JSON Lines record, the page's canonical link or front matter)"),
			opt("title", tString, plain,
				"from metadata, the HTML `<title>` or Markdown front matter"),
			opt("published", tDate32, delta,
				"publication date, used to resolve \"May 6 of this year\""),
			req("n_chars", tInt32, delta,
				"code points in the text"),
			req("n_sentences", tInt32, delta,
				"sentences found"),
			req("n_tokens", tInt32, delta,
				"tokens found"),
			req("sha256", tString, plain,
				"hex SHA-256 of the UTF-8 text"),
			req("encoding", tString, dict,
				"how the file's bytes were decoded: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1251`, `windows-1252`, or the charset an HTML page declares; a decoded (not UTF-8) text also has a warning row in errors"),
			opt("text", tString, plain,
				"the text every offset of every table points into: the file as read for .txt and JSON Lines, the reduced text of .md and .html; null with `run --no-text`"),
			opt("extraction", tString, dict,
				"how an HTML page's text was taken: `body` (its article body) or `page` (the whole visible page: no body found); null for other input"),
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
			if c.noText {
				c.null()
			} else {
				c.str(d.Text)
			}
			c.optStr(d.Extraction)
		},
	},
	{
		// Written by AddPeople at the end of a run, when the registry has
		// given every person its person_uid.
		name: "people",
		fields: []column{
			req("doc_id", tString, key,
				"the document"),
			req("person_id", tString, plain,
				"`p1`, `p2`, … in order of first mention"),
			req("name", tString, plain,
				"fullest form in the text, honorifics stripped, as written (surname-first stays so)"),
			req("aliases", tStrings, plain,
				"every other surface form: surname only, initials, honorific forms, spelling variants"),
			req("mentions", tInt32, delta,
				"number of mentions (see the mentions table)"),
			req("start", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
			req("end", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
			req("person_uid", tString, plain,
				"the real person across the run (persons table); roles and quotes reach it through (`doc_id`, `person_id`)"),
		},
	},
	{
		name: "organizations",
		fields: []column{
			req("doc_id", tString, key,
				"the document"),
			req("org_id", tString, plain,
				"`o1`, `o2`, … in order of first mention"),
			req("name", tString, dict,
				"fullest form in the text"),
			req("aliases", tStrings, dict,
				"acronyms, short forms, translation variants"),
			opt("acronym", tString, dict,
				"the acronym used for it, when there is one"),
			req("mentions", tInt32, delta,
				"number of mentions (see the mentions table)"),
			req("start", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
			req("end", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
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
			req("doc_id", tString, key,
				"the document"),
			req("location_id", tString, plain,
				"`l1`, `l2`, … in order of first mention"),
			req("name", tString, dict,
				"the bare place name (\"Almaty\" for \"Almaty region\")"),
			req("aliases", tStrings, dict,
				"other forms (\"Almaty region\", \"Almaty oblast\")"),
			req("mentions", tInt32, delta,
				"number of mentions (see the mentions table)"),
			req("start", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
			req("end", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
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
			req("doc_id", tString, key,
				"the document"),
			req("person_id", tString, plain,
				"the person holding the position (people.person_id)"),
			req("person_name", tString, plain,
				"that person's name"),
			req("title", tString, dict,
				"the position alone (\"Deputy Chairman\", \"akim\")"),
			opt("org_id", tString, plain,
				"the body the position belongs to, when it is in the organizations table"),
			opt("org_name", tString, dict,
				"the body the position belongs to; null for posts of a country or region"),
			req("start", tInt32, delta,
				"where the title is first stated (code point offsets, end exclusive)"),
			req("end", tInt32, delta,
				"where the title is first stated (code point offsets, end exclusive)"),
			req("evidence", tString, plain,
				"the sentence stating it; in a sentence over 1,000 code points (a page without full stops), the 1,000 around the title, cut at spaces and marked with …"),
			req("method", tString, dict,
				"the named rule that linked the title to its holder (`title.link.title-name`, `role.link.apposition`, `role.ref.refers`, …; `plenary explain --rules` lists them)"),
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
			req("doc_id", tString, key,
				"the document"),
			req("date_id", tString, plain,
				"`d1`, `d2`, … in order of first mention"),
			req("text", tString, dict,
				"the first mention as written (\"May 6 of this year\")"),
			req("value", tString, dict,
				"ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`"),
			req("date", tDate32, delta,
				"first day of that period"),
			req("granularity", tString, dict,
				"`day`, `month` or `year`"),
			req("start", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
			req("end", tInt32, delta,
				"first mention (code point offsets, end exclusive)"),
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
			req("doc_id", tString, key,
				"the document"),
			req("quote_id", tString, plain,
				"`q1`, `q2`, … in order of position"),
			req("kind", tString, dict,
				"`direct` (inside quotation marks) or `indirect` (\"According to him, …\")"),
			req("text", tString, plain,
				"the quoted words without the marks, whitespace collapsed"),
			req("start", tInt32, delta,
				"the quoted words, inside the marks (code point offsets, end exclusive)"),
			req("end", tInt32, delta,
				"the quoted words, inside the marks (code point offsets, end exclusive)"),
			opt("speaker_id", tString, plain,
				"the person who said it (people.person_id); null when unknown or not a person"),
			opt("speaker_name", tString, dict,
				"that person's name; null when unknown or not a person"),
			opt("speaker_mention", tString, dict,
				"the words that named the speaker (\"the head of the Republican Staff\", \"he\")"),
			req("attribution", tString, dict,
				"`explicit`, `pronoun`, `title`, `continuation` or `none`"),
			opt("cue", tString, dict,
				"the speech verb or phrase (\"said\", \"according to\")"),
			req("confidence", tFloat64, dict,
				"0–1, to two decimals; higher for explicit names than for pronoun chains"),
			req("sieve", tString, dict,
				"the attribution sieve that chose the speaker (`quote.sieve.cue-after`, `quote.sieve.pronoun`, …; `quote.sieve.none`)"),
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
				c.confidence(q.Confidence)
				c.str(q.Sieve)
			}
		},
	},
	{
		name: "mentions",
		fields: []column{
			req("doc_id", tString, key,
				"the document"),
			req("entity_id", tString, dict,
				"the entity named: `p…`, `o…`, `l…`, `d…` of the people, organizations, locations and dates tables"),
			req("entity_type", tString, dict,
				"`person`, `organization`, `location`, `date`"),
			req("text", tString, dict,
				"the mention as written"),
			req("start", tInt32, delta,
				"the mention (code point offsets, end exclusive)"),
			req("end", tInt32, delta,
				"the mention (code point offsets, end exclusive)"),
			req("sentence", tInt32, delta,
				"index of its sentence in the document (0-based)"),
			req("method", tString, dict,
				"the named rule that found it or last moved its boundary (`org.start.of-the-cut`, `person.detect.title-name`, `place.detect.gazetteer`, `date.month-day+published`, …)"),
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
			req("doc_id", tString, key,
				"the document"),
			req("seq", tInt32, delta,
				"order of the decision within the document"),
			req("rule", tString, dict,
				"the named rule (`plenary explain --rules` lists them)"),
			req("stage", tString, dict,
				"the stage the rule belongs to"),
			req("decision", tString, dict,
				"`detect`, `start`, `end`, `split`, `reject`, `accept`, `merge`, `link`, `speaker` or `policy`"),
			req("start", tInt32, plain,
				"the candidate the rule saw (code point offsets, end exclusive)"),
			req("end", tInt32, plain,
				"the candidate the rule saw (code point offsets, end exclusive)"),
			opt("out_start", tInt32, plain,
				"what the rule gave: a trimmed name, the speaker phrase, the mention a merge joined; null for a rejection"),
			opt("out_end", tInt32, plain,
				"what the rule gave: a trimmed name, the speaker phrase, the mention a merge joined; null for a rejection"),
			opt("note", tString, dict,
				"a short note from the rule"),
		},
		fill: fillTrace,
	},
	{
		name: "errors",
		fields: []column{
			req("source", tString, plain,
				"the file or line that failed"),
			opt("doc_id", tString, plain,
				"the document, when known"),
			req("stage", tString, dict,
				"`ingest`, `extract`, …"),
			req("message", tString, plain,
				"what went wrong, naming the file (a recovered crash carries its Go stack)"),
			req("severity", tString, dict,
				"`error`: the document is not in the other tables; `warning`: it is, with a caveat (decoded from a legacy encoding, empty text, a broken sidecar)"),
		},
	},
	{
		// Written by AddPersons: one row per real person across the run.
		name: "persons",
		fields: []column{
			req("person_uid", tString, plain,
				"`P` and 16 hex digits: one real person across every document of the run"),
			req("name", tString, plain,
				"the fullest, most often written, well written form (mixed case, one script)"),
			req("variants", tStrings, plain,
				"every form written for the person (document names and aliases), most frequent first"),
			req("documents", tInt32, delta,
				"documents naming the person"),
			req("mentions", tInt32, delta,
				"mentions over those documents"),
			opt("first_seen", tDate32, delta,
				"earliest and latest publication date of those documents (null when none has one)"),
			opt("last_seen", tDate32, delta,
				"earliest and latest publication date of those documents (null when none has one)"),
			req("merge_evidence", tStrings, plain,
				"how differently written forms were joined: `RULE: form ~ form (shared title: chairman)`, up to 20"),
		},
	},
	{
		// Written by AddTimeline: each position of each real person.
		name: "role_timeline",
		fields: []column{
			req("person_uid", tString, dict,
				"the person (persons.person_uid)"),
			req("title", tString, dict,
				"the position as most often written (\"Chairman\")"),
			opt("org", tString, dict,
				"the body, as most often written; null for posts of a country or region"),
			opt("first_seen", tDate32, delta,
				"earliest and latest publication date of the documents stating it (null when none has one)"),
			opt("last_seen", tDate32, delta,
				"earliest and latest publication date of the documents stating it (null when none has one)"),
			req("documents", tInt32, delta,
				"documents stating it"),
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
	keys := []string{MetaSchemaVersion, MetaVersion}
	vals := []string{SchemaVersion, version}
	fs := make([]arrow.Field, len(d.fields))
	for i, c := range d.fields {
		fs[i] = c.Field
		fs[i].Metadata = arrow.NewMetadata([]string{MetaDescription}, []string{c.doc})
		keys = append(keys, MetaColumnPrefix+c.Name)
		vals = append(vals, c.doc)
	}
	md := arrow.NewMetadata(keys, vals)
	return arrow.NewSchema(fs, &md)
}

// Contract is the table contract as a Markdown table (table, column, type,
// meaning), as README.md shows it and plenary schema prints it. Adjacent
// columns of a table with the same type, nullability and meaning share a
// row; "?" marks a nullable column.
func Contract() string {
	var b strings.Builder
	b.WriteString("| table | column | type | meaning |\n|---|---|---|---|\n")
	for _, d := range defs {
		first := true
		for i := 0; i < len(d.fields); {
			c := d.fields[i]
			names := []string{contractName(c)}
			j := i + 1
			for ; j < len(d.fields); j++ {
				n := d.fields[j]
				if n.doc != c.doc || n.Nullable != c.Nullable || !arrow.TypeEqual(n.Type, c.Type) {
					break
				}
				names = append(names, contractName(n))
			}
			table := ""
			if first {
				table, first = d.name, false
			}
			if table != "" {
				table = " " + table
			}
			fmt.Fprintf(&b, "|%s | %s | %s | %s |\n", table, strings.Join(names, ", "), contractType(c.Type), c.doc)
			i = j
		}
	}
	return b.String()
}

func contractName(c column) string {
	if c.Nullable {
		return c.Name + "?"
	}
	return c.Name
}

// contractType names a column type as the contract does.
func contractType(t arrow.DataType) string {
	if l, ok := t.(*arrow.ListType); ok {
		return "list\\<" + contractType(l.Elem()) + "\\>"
	}
	switch t.ID() {
	case arrow.STRING:
		return "string"
	case arrow.INT32:
		return "int32"
	case arrow.FLOAT64:
		return "float64"
	case arrow.DATE32:
		return "date32"
	}
	return t.String()
}

// cols appends one row's values left to right into a RecordBuilder's
// column builders; row() rewinds to the first column.
type cols struct {
	fs     []array.Builder
	i      int
	noText bool // documents.text is written as null (WithoutText)
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
func (c *cols) i32(n int) { c.next().(*array.Int32Builder).Append(int32(n)) }

// confidence writes a quote's float32 confidence as the float64 of its two
// decimals: widened as it is, 0.95 read back as 0.949999988079071.
func (c *cols) confidence(f float32) {
	c.next().(*array.Float64Builder).Append(math.Round(float64(f)*100) / 100)
}
func (c *cols) date(d arrow.Date32) { c.next().(*array.Date32Builder).Append(d) }

func (c *cols) strs(ss []string) {
	b := c.next().(*array.ListBuilder)
	b.Append(true)
	vb := b.ValueBuilder().(*array.StringBuilder)
	for _, s := range ss {
		vb.Append(utf8Str(s))
	}
}
