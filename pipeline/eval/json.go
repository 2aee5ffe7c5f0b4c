package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// score.py's JSON keeps insertion order (tables in scope order, per-document
// keys interleaved), so Result writes its objects by hand rather than through
// Go maps, which would sort the keys.

// object builds a JSON object with keys in the order added.
type object struct {
	buf bytes.Buffer
	err error
}

func (o *object) add(key string, v any) {
	if o.err != nil {
		return
	}
	if o.buf.Len() == 0 {
		o.buf.WriteByte('{')
	} else {
		o.buf.WriteByte(',')
	}
	k, _ := marshal(key)
	o.buf.Write(k)
	o.buf.WriteByte(':')
	b, err := marshal(v)
	if err != nil {
		o.err = fmt.Errorf("json %s: %w", key, err)
		return
	}
	o.buf.Write(b)
}

func (o *object) bytes() ([]byte, error) {
	if o.err != nil {
		return nil, o.err
	}
	if o.buf.Len() == 0 {
		return []byte("{}"), nil
	}
	o.buf.WriteByte('}')
	return o.buf.Bytes(), nil
}

// member is one key and raw value of a JSON object, in document order.
type member struct {
	key string
	val json.RawMessage
}

func members(data []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("want a JSON object, got %v", tok)
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		out = append(out, member{k, v})
	}
	return out, nil
}

func tablesJSON(ts []TableFigures) json.RawMessage {
	var o object
	for _, t := range ts {
		o.add(t.Table, t.Figures)
	}
	b, _ := o.bytes() // Figures always marshal
	return b
}

func tablesFromJSON(data []byte) ([]TableFigures, error) {
	ms, err := members(data)
	if err != nil {
		return nil, err
	}
	out := []TableFigures{}
	for _, m := range ms {
		var f Figures
		if err := json.Unmarshal(m.val, &f); err != nil {
			return nil, fmt.Errorf("table %s: %w", m.key, err)
		}
		out = append(out, TableFigures{Table: m.key, Figures: f})
	}
	return out, nil
}

// MarshalJSON writes score.py's per-document object: id, predicted, then each
// table, with quotes_end_to_end and attribution right after quotes.
func (d DocFigures) MarshalJSON() ([]byte, error) {
	var o object
	o.add("id", d.ID)
	o.add("predicted", d.Predicted)
	for _, t := range d.Tables {
		o.add(t.Table, t.Figures)
		if t.Table == "quotes" {
			o.add("quotes_end_to_end", d.QuotesEndToEnd)
			o.add("attribution", d.Attribution)
		}
	}
	return o.bytes()
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *DocFigures) UnmarshalJSON(data []byte) error {
	ms, err := members(data)
	if err != nil {
		return err
	}
	*d = DocFigures{}
	for _, m := range ms {
		var err error
		switch m.key {
		case "id":
			err = json.Unmarshal(m.val, &d.ID)
		case "predicted":
			err = json.Unmarshal(m.val, &d.Predicted)
		case "quotes_end_to_end":
			err = json.Unmarshal(m.val, &d.QuotesEndToEnd)
		case "attribution":
			err = json.Unmarshal(m.val, &d.Attribution)
		default:
			var f Figures
			err = json.Unmarshal(m.val, &f)
			d.Tables = append(d.Tables, TableFigures{Table: m.key, Figures: f})
		}
		if err != nil {
			return fmt.Errorf("per_doc %s: %w", m.key, err)
		}
	}
	return nil
}

// MarshalJSON writes the keys of `score.py --json` in its order.
func (r Result) MarshalJSON() ([]byte, error) {
	var o object
	o.add("documents", r.Documents)
	o.add("documents_without_prediction", nonNil(r.DocumentsWithoutPrediction))
	o.add("extra_predictions", nonNil(r.ExtraPredictions))
	o.add("tables", tablesJSON(r.Tables))
	if r.QuoteAttribution != nil {
		o.add("quote_attribution", r.QuoteAttribution)
	}
	if r.QuotesEndToEnd != nil {
		o.add("quotes_end_to_end", r.QuotesEndToEnd)
	}
	if r.PerDoc != nil {
		o.add("per_doc", r.PerDoc)
	}
	if r.HasErrors {
		var errs, totals object
		for _, e := range r.Errors {
			var lists, counts object
			lists.add("missed", nonNil(e.Missed))
			lists.add("spurious", nonNil(e.Spurious))
			counts.add("missed", e.MissedTotal)
			counts.add("spurious", e.SpuriousTotal)
			if e.Table == "quotes" {
				lists.add("wrong_speaker", nonNil(e.WrongSpeaker))
				counts.add("wrong_speaker", e.WrongSpeakerTotal)
			}
			lb, err := lists.bytes()
			if err != nil {
				return nil, err
			}
			cb, err := counts.bytes()
			if err != nil {
				return nil, err
			}
			errs.add(e.Table, json.RawMessage(lb))
			totals.add(e.Table, json.RawMessage(cb))
		}
		eb, err := errs.bytes()
		if err != nil {
			return nil, err
		}
		tb, err := totals.bytes()
		if err != nil {
			return nil, err
		}
		o.add("errors", json.RawMessage(eb))
		o.add("error_totals", json.RawMessage(tb))
	}
	o.add("scope", nonNil(r.Scope))
	o.add("warnings", nonNil(r.Warnings))
	if r.Identity != nil {
		o.add("identity", r.Identity) // score_identity.py --json's object
	}
	if r.CorpusDir != "" {
		o.add("corpus_dir", r.CorpusDir)
	}
	return o.bytes()
}

// UnmarshalJSON reads score.py's --json output (or MarshalJSON's) back, so a
// saved result can serve as a baseline. Details are not part of the JSON.
func (r *Result) UnmarshalJSON(data []byte) error {
	var raw struct {
		Documents                  int                       `json:"documents"`
		DocumentsWithoutPrediction []string                  `json:"documents_without_prediction"`
		ExtraPredictions           []string                  `json:"extra_predictions"`
		Tables                     json.RawMessage           `json:"tables"`
		QuoteAttribution           *Attribution              `json:"quote_attribution"`
		QuotesEndToEnd             *Figures                  `json:"quotes_end_to_end"`
		PerDoc                     []DocFigures              `json:"per_doc"`
		Errors                     json.RawMessage           `json:"errors"`
		ErrorTotals                map[string]map[string]int `json:"error_totals"`
		Scope                      []string                  `json:"scope"`
		Warnings                   []string                  `json:"warnings"`
		CorpusDir                  string                    `json:"corpus_dir"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*r = Result{
		Documents:                  raw.Documents,
		DocumentsWithoutPrediction: raw.DocumentsWithoutPrediction,
		ExtraPredictions:           raw.ExtraPredictions,
		QuoteAttribution:           raw.QuoteAttribution,
		QuotesEndToEnd:             raw.QuotesEndToEnd,
		PerDoc:                     raw.PerDoc,
		Scope:                      raw.Scope,
		Warnings:                   raw.Warnings,
		CorpusDir:                  raw.CorpusDir,
	}
	if len(raw.Tables) > 0 {
		ts, err := tablesFromJSON(raw.Tables)
		if err != nil {
			return fmt.Errorf("tables: %w", err)
		}
		r.Tables = ts
	}
	if len(raw.Errors) > 0 && string(raw.Errors) != "null" {
		ms, err := members(raw.Errors)
		if err != nil {
			return fmt.Errorf("errors: %w", err)
		}
		r.HasErrors = true
		r.Errors = []TableErrors{}
		for _, m := range ms {
			var lists struct {
				Missed       []string `json:"missed"`
				Spurious     []string `json:"spurious"`
				WrongSpeaker []string `json:"wrong_speaker"`
			}
			if err := json.Unmarshal(m.val, &lists); err != nil {
				return fmt.Errorf("errors %s: %w", m.key, err)
			}
			tot := raw.ErrorTotals[m.key]
			r.Errors = append(r.Errors, TableErrors{
				Table: m.key, Missed: lists.Missed, Spurious: lists.Spurious, WrongSpeaker: lists.WrongSpeaker,
				MissedTotal: tot["missed"], SpuriousTotal: tot["spurious"], WrongSpeakerTotal: tot["wrong_speaker"],
			})
		}
	}
	return nil
}
