package eval

import (
	"bytes"
	"encoding/json"
	"errors"

	"plenary/pipeline/doc"
)

// Prediction is one document's extraction in the gold file's JSON shape
// (FORMAT.md). Gold files are read into it as well. Reading is lenient the way
// score.py reads: list items may be plain strings instead of objects, missing
// or mistyped keys count as empty, and keys are case-sensitive.
type Prediction struct {
	ID            string   `json:"id"`
	URL           *string  `json:"url"`
	Published     *string  `json:"published"`
	People        []Person `json:"people"`
	Organizations []Entity `json:"organizations"`
	Locations     []Entity `json:"locations"`
	Dates         []Date   `json:"dates"`
	Quotes        []Quote  `json:"quotes"`
}

// Person is a people entry with its roles.
type Person struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Roles   []Role   `json:"roles"`
}

// Role is one position of a person; Org is not scored.
type Role struct {
	Title string  `json:"title"`
	Org   *string `json:"org"`
}

// Entity is an organizations or locations entry.
type Entity struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// Date is a dates entry; Value is compared after trimming, "" never matches.
type Date struct {
	Text  string `json:"text"`
	Value string `json:"value"`
}

// Quote is a quotes entry. Speaker nil (or blank) means no speaker. Kind ""
// means not given, which scores as direct speech; any other kind but "direct"
// (case and surrounding spaces ignored) is not scored. A gold or prediction file
// that says "kind": "" is read as Kind " ", so that it stays unscored as in
// score.py and writes back the same way.
type Quote struct {
	Text    string  `json:"text"`
	Speaker *string `json:"speaker"`
	Kind    string  `json:"kind,omitempty"`
}

// MarshalJSON writes [] rather than null for empty lists, as gold files do.
func (p Prediction) MarshalJSON() ([]byte, error) {
	type plain Prediction
	q := plain(p)
	q.People = nonNil(q.People)
	q.Organizations = nonNil(q.Organizations)
	q.Locations = nonNil(q.Locations)
	q.Dates = nonNil(q.Dates)
	q.Quotes = nonNil(q.Quotes)
	return marshal(q)
}

// MarshalJSON writes [] rather than null for empty lists.
func (p Person) MarshalJSON() ([]byte, error) {
	type plain Person
	q := plain(p)
	q.Aliases = nonNil(q.Aliases)
	q.Roles = nonNil(q.Roles)
	return marshal(q)
}

// MarshalJSON writes [] rather than null for empty lists.
func (e Entity) MarshalJSON() ([]byte, error) {
	type plain Entity
	q := plain(e)
	q.Aliases = nonNil(q.Aliases)
	return marshal(q)
}

// marshal is json.Marshal without HTML escaping, so names like "A & B" stay
// readable in written files (Go's encoder keeps a Marshaler's escapes).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// UnmarshalJSON reads a gold or prediction object leniently (see Prediction).
func (p *Prediction) UnmarshalJSON(data []byte) error {
	v, err := decodeAny(data)
	if err != nil {
		return err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return errors.New("not a JSON object")
	}
	*p = predictionFrom(obj)
	return nil
}

func decodeAny(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("extra data after the JSON value")
	}
	return v, nil
}

// predictionFrom mirrors score.py's Doc constructor: which items count and
// what each keeps.
func predictionFrom(obj map[string]any) Prediction {
	p := Prediction{
		ID:        str(obj["id"]),
		URL:       strPtr(obj["url"]),
		Published: strPtr(obj["published"]),
	}
	for _, item := range list(obj["people"]) {
		// Every entry counts, even one with no usable name: it can only be missed.
		per := Person{Name: nameOf(item), Aliases: aliasesOf(item)}
		if m, ok := item.(map[string]any); ok {
			for _, r := range list(m["roles"]) {
				switch r := r.(type) {
				case map[string]any:
					per.Roles = append(per.Roles, Role{Title: str(r["title"]), Org: strPtr(r["org"])})
				case string:
					per.Roles = append(per.Roles, Role{Title: r})
				}
			}
		}
		p.People = append(p.People, per)
	}
	for _, item := range list(obj["organizations"]) {
		p.Organizations = append(p.Organizations, Entity{Name: nameOf(item), Aliases: aliasesOf(item)})
	}
	for _, item := range list(obj["locations"]) {
		p.Locations = append(p.Locations, Entity{Name: nameOf(item), Aliases: aliasesOf(item)})
	}
	for _, item := range list(obj["dates"]) {
		switch d := item.(type) {
		case map[string]any:
			p.Dates = append(p.Dates, Date{Text: str(d["text"]), Value: str(d["value"])})
		case string:
			p.Dates = append(p.Dates, Date{Value: d})
		}
	}
	for _, item := range list(obj["quotes"]) {
		switch q := item.(type) {
		case map[string]any:
			kind := ""
			if k, ok := q["kind"].(string); ok {
				kind = k
				if k == "" {
					kind = " "
				}
			}
			p.Quotes = append(p.Quotes, Quote{Text: str(q["text"]), Speaker: strPtr(q["speaker"]), Kind: kind})
		case string:
			p.Quotes = append(p.Quotes, Quote{Text: q})
		}
	}
	return p
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strPtr(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}

func nameOf(item any) string {
	switch it := item.(type) {
	case string:
		return it
	case map[string]any:
		return str(it["name"])
	}
	return ""
}

func aliasesOf(item any) []string {
	m, ok := item.(map[string]any)
	if !ok {
		return nil
	}
	var out []string
	for _, a := range list(m["aliases"]) {
		if s, ok := a.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// FromExtraction converts plenary's records for one document into the gold
// shape. Roles attach to people by PersonID (by name when a role has no
// PersonID); a role whose person is not in People cannot be expressed in the
// gold shape and is dropped. Quotes keep their Kind; an empty SpeakerName
// becomes null.
func FromExtraction(x doc.Extraction) Prediction {
	p := Prediction{ID: x.Doc.ID}
	if x.Doc.URL != "" {
		u := x.Doc.URL
		p.URL = &u
	}
	if x.Doc.HasPublished() {
		d := x.Doc.Published.Format("2006-01-02")
		p.Published = &d
	}
	byID := make(map[string]int, len(x.People))
	byName := make(map[string]int, len(x.People))
	for _, per := range x.People {
		if _, dup := byID[per.ID]; !dup {
			byID[per.ID] = len(p.People)
		}
		if _, dup := byName[per.Name]; !dup {
			byName[per.Name] = len(p.People)
		}
		p.People = append(p.People, Person{Name: per.Name, Aliases: append([]string(nil), per.Aliases...)})
	}
	for _, r := range x.Roles {
		i, ok := byID[r.PersonID]
		if r.PersonID == "" {
			i, ok = byName[r.PersonName]
		}
		if !ok {
			continue
		}
		role := Role{Title: r.Title}
		if r.OrgName != "" {
			o := r.OrgName
			role.Org = &o
		}
		p.People[i].Roles = append(p.People[i].Roles, role)
	}
	for _, o := range x.Organizations {
		p.Organizations = append(p.Organizations, Entity{Name: o.Name, Aliases: append([]string(nil), o.Aliases...)})
	}
	for _, l := range x.Locations {
		p.Locations = append(p.Locations, Entity{Name: l.Name, Aliases: append([]string(nil), l.Aliases...)})
	}
	for _, d := range x.Dates {
		p.Dates = append(p.Dates, Date{Text: d.Text, Value: d.Value})
	}
	for _, q := range x.Quotes {
		pq := Quote{Text: q.Text, Kind: q.Kind}
		if q.SpeakerName != "" {
			s := q.SpeakerName
			pq.Speaker = &s
		}
		p.Quotes = append(p.Quotes, pq)
	}
	return p
}
