// Package doc holds the records that flow through plenary: a Doc comes in
// (from ingest), an Extraction goes out (from extract), and the tables and
// eval packages consume Extractions. It has no behaviour beyond small helpers,
// so every stage can depend on it without depending on each other.
//
// Offsets (Span) are Unicode code point offsets into Doc.Text, end exclusive,
// the same numbers Python's str indexing uses.
package doc

import "time"

// Doc is one report to extract from.
type Doc struct {
	ID        string    // doc_id: relative path without extension, or the JSON Lines id
	Source    string    // where it came from: a path, or "<stdin>:LINE"
	Text      string    // UTF-8 text; offsets point into it
	URL       string    // "" when unknown
	Title     string    // "" when unknown
	Published time.Time // zero when unknown; used to resolve "May 6 of this year"
	Encoding  string    // how the file's bytes were decoded: "utf-8" (or ""), "utf-8-bom", "utf-16le", "utf-16be", "windows-1251", "windows-1252", …
	// Extraction is how an HTML page's text was taken: "body" (its article
	// body) or "page" (the whole visible page; no body found); "" for
	// other input.
	Extraction string
}

// HasPublished reports whether the publication date is known.
func (d Doc) HasPublished() bool { return !d.Published.IsZero() }

// Span is a half-open range of code point offsets into Doc.Text.
type Span struct {
	Start int
	End   int
}

// Entity types used in Mention.EntityType.
const (
	TypePerson       = "person"
	TypeOrganization = "organization"
	TypeLocation     = "location"
	TypeDate         = "date"
	TypeRole         = "role"
)

// Mention is one place in the text where an entity is named.
type Mention struct {
	EntityID   string // person_id / org_id / location_id / date id ("p1", "o2", "l1", "d3")
	EntityType string // one of the Type* constants
	Text       string
	Span
	Sentence int    // index of the sentence holding Start
	Method   string // which rule, lexicon or model found it, e.g. "rule:initials", "gazetteer"
}

// Person is one distinct human being in a document.
type Person struct {
	ID       string
	Name     string   // fullest form, honorifics stripped
	Aliases  []string // other surface forms, honorifics included
	Gender   string   // "m", "f" or "" when the text gives no cue; used by quotes
	Mentions int
	Span     // first mention
}

// Organization is one distinct named body in a document.
type Organization struct {
	ID       string
	Name     string
	Aliases  []string
	Acronym  string // "" when none
	Mentions int
	Span
}

// Location is one distinct named place in a document.
type Location struct {
	ID       string
	Name     string
	Aliases  []string
	Mentions int
	Span
}

// Role is one (person, title, organization) in a document.
type Role struct {
	PersonID   string
	PersonName string
	Title      string // the position alone: "Deputy Chairman", "akim"
	OrgID      string // "" when the org is not in the organizations table
	OrgName    string // "" when the text names none
	Span              // where the title is stated (first time)
	Evidence   string // the sentence
	Method     string
}

// Date granularities.
const (
	Day   = "day"
	Month = "month"
	Year  = "year"
)

// Date is one distinct calendar value in a document.
type Date struct {
	ID          string
	Text        string // first mention as written
	Value       string // YYYY-MM-DD, YYYY-MM or YYYY
	Date        time.Time
	Granularity string // Day, Month or Year
	Span
	Method string
}

// Quote kinds and attribution methods.
const (
	Direct   = "direct"
	Indirect = "indirect"

	AttrExplicit     = "explicit"
	AttrPronoun      = "pronoun"
	AttrTitle        = "title"
	AttrContinuation = "continuation"
	AttrNone         = "none"
)

// Quote is one piece of reported speech.
type Quote struct {
	ID             string
	Kind           string // Direct or Indirect
	Text           string // without the marks, whitespace collapsed
	Span                  // of the quoted words (inside the marks)
	SpeakerID      string // person_id, "" when unknown or not a person
	SpeakerName    string
	SpeakerMention string // the words that named the speaker ("the head of the Republican Staff")
	Attribution    string // Attr*
	Cue            string // "said", "noted", "according to"; "" when none
	Confidence     float32
	Sieve          string // ID of the attribution sieve (pipeline/rules) that chose the speaker
}

// Stats are document-level counts for the documents table.
type Stats struct {
	NChars     int
	NSentences int
	NTokens    int
	SHA256     string
}

// Extraction is everything plenary extracts from one Doc. Every slice is
// ordered by Start (then by ID), so output is deterministic.
type Extraction struct {
	Doc           Doc
	Stats         Stats
	People        []Person
	Organizations []Organization
	Locations     []Location
	Roles         []Role
	Dates         []Date
	Quotes        []Quote
	Mentions      []Mention
	// Trace is the rules' decisions, in order; nil unless the extraction
	// was asked for one.
	Trace []TraceEvent
}

// DocError is a document that could not be processed, carried as data.
type DocError struct {
	Source  string
	DocID   string // "" when the document never got an id
	Stage   string // "ingest", "extract", ...
	Message string
	// Severity is SeverityError ("" means the same) for a document that was
	// not processed, SeverityWarning for one that was, with a caveat (a
	// legacy encoding, a broken sidecar, an empty text).
	Severity string
}

// DocError severities.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// IsWarning reports whether e leaves its document processed.
func (e DocError) IsWarning() bool { return e.Severity == SeverityWarning }

func (e DocError) Error() string {
	if e.DocID != "" {
		return e.Stage + " " + e.Source + " (" + e.DocID + "): " + e.Message
	}
	return e.Stage + " " + e.Source + ": " + e.Message
}

// TraceEvent is one decision a named rule made about a candidate: which
// rule (its ID in pipeline/rules), the candidate's span when the rule saw
// it, the span it gave (a trimmed name, the speaker phrase of a quote, the
// mention a merge joined it to; zero for a rejection) and a short note.
// Events are kept only when a run asks for a trace (plenary explain, run
// --trace), in the order the rules fired.
type TraceEvent struct {
	Rule string
	Cand Span
	Out  Span
	Note string
}

// Layer names a layer of the annotated document that a stage reads or
// writes. Each stage package declares the layers it Requires and Provides
// (as go/analysis passes declare Requires and ResultOf); pipeline/annot's
// Doc holds the layers, and the extractor checks at start-up that every
// layer a stage reads is written before it.
type Layer string

// The layers, in the order the stages write them.
const (
	LayerText     Layer = "text"     // Doc.Text and its metadata (ingest)
	LayerTokens   Layer = "tokens"   // paragraphs, sentences, tokens with lower-cased forms (segment)
	LayerMentions Layer = "mentions" // people, organizations, places and their mentions (entities)
	LayerTitles   Layer = "titles"   // title phrases linked to holders and bodies (entities)
	LayerRoles    Layer = "roles"    // (person, title, organization) rows (roles)
	LayerDates    Layer = "dates"    // dates and their mentions (dates)
	LayerQuotes   Layer = "quotes"   // quotes and their speakers (quotes)
)
