package lexicon

import (
	"fmt"
	"sort"
	"strings"
)

// Every lexicon file declares its fields in its header, in one line:
//
//	# fields: word, kind=month|weekday|prep, value?
//
// Fields are separated by commas; a name alone is a required field, a
// trailing "?" makes it optional (it may be missing or empty), "=a|b|c"
// lists the values it may take, and a trailing "..." on the last field lets
// it repeat ("names..."). Load checks a --lexicon file against its own
// declaration, or the built-in file's of the same name, and names the file
// and line of the first entry that does not fit; the built-in files are
// checked by the package's tests.

// fieldSpec is one declared field.
type fieldSpec struct {
	name     string
	optional bool
	repeat   bool
	values   map[string]bool // nil: any value
}

// schema is a file's declared fields.
type schema struct {
	fields []fieldSpec
}

const fieldsPrefix = "# fields:"

// findSchema returns the declaration in content's header, nil when there
// is none, or an error naming the line of a malformed one.
func findSchema(content string) (*schema, int, error) {
	for n, line := range strings.Split(content, "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, "#") {
			if strings.TrimSpace(line) != "" {
				return nil, 0, nil // the header is over
			}
			continue
		}
		if spec, ok := strings.CutPrefix(line, fieldsPrefix); ok {
			s, err := parseSchema(spec)
			return s, n + 1, err
		}
	}
	return nil, 0, nil
}

func parseSchema(spec string) (*schema, error) {
	s := &schema{}
	parts := strings.Split(spec, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		var f fieldSpec
		if rest, ok := strings.CutSuffix(p, "?"); ok {
			f.optional, p = true, rest
		}
		if rest, ok := strings.CutSuffix(p, "..."); ok {
			if i != len(parts)-1 {
				return nil, fmt.Errorf("field %q: only the last field may repeat", p)
			}
			f.repeat, f.optional, p = true, true, rest
		}
		name, values, enum := strings.Cut(p, "=")
		if name == "" || strings.ContainsAny(name, " \t|") {
			return nil, fmt.Errorf("malformed field %q (want name, name?, name=a|b or name...)", strings.TrimSpace(parts[i]))
		}
		f.name = name
		if enum {
			f.values = map[string]bool{}
			for _, v := range strings.Split(values, "|") {
				if v = strings.TrimSpace(v); v != "" {
					f.values[v] = true
				}
			}
			if len(f.values) == 0 {
				return nil, fmt.Errorf("field %q lists no value", name)
			}
		}
		s.fields = append(s.fields, f)
	}
	if len(s.fields) == 0 || s.fields[0].optional {
		return nil, fmt.Errorf("the first field (the key) must be required")
	}
	return s, nil
}

// check reports why entry e does not fit the declaration ("" when it does).
func (s *schema) check(e Entry) string {
	last := s.fields[len(s.fields)-1]
	if len(e) > len(s.fields) && !last.repeat {
		return fmt.Sprintf("%d fields, the header declares %d (%s)", len(e), len(s.fields), s.names())
	}
	for i, f := range s.fields {
		if i >= len(e) || e[i] == "" {
			if !f.optional {
				return fmt.Sprintf("field %d (%s) is missing", i+1, f.name)
			}
			continue
		}
		vals := e[i : i+1]
		if f.repeat {
			vals = e[i:]
		}
		for _, v := range vals {
			if f.values != nil && !f.values[v] {
				return fmt.Sprintf("field %d (%s) is %q, not one of %s", i+1, f.name, v, s.allowed(f))
			}
		}
	}
	return ""
}

func (s *schema) names() string {
	var n []string
	for _, f := range s.fields {
		n = append(n, f.name)
	}
	return strings.Join(n, ", ")
}

func (s *schema) allowed(f fieldSpec) string {
	var v []string
	for k := range f.values {
		v = append(v, k)
	}
	sortStrings(v)
	return strings.Join(v, "|")
}

// validate checks every entry of content (from the file named origin)
// against s and returns an error naming origin and the line of the first
// that does not fit.
func validate(s *schema, content, origin string) error {
	for n, line := range strings.Split(content, "\n") {
		if t := strings.TrimSpace(line); t == "" || t[0] == '#' {
			continue
		}
		var e Entry
		for _, f := range strings.Split(line, "\t") {
			e = append(e, strings.TrimSpace(f))
		}
		if e.Key() == "" {
			continue
		}
		if why := s.check(e); why != "" {
			return fmt.Errorf("lexicon %s:%d: %s", origin, n+1, why)
		}
	}
	return nil
}

func sortStrings(v []string) { sort.Strings(v) }
