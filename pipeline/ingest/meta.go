package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"plenary/pipeline/doc"
)

// sidecar is the metadata one sidecar file gives; empty fields are unknown.
type sidecar struct {
	URL       string
	Title     string
	Published time.Time
}

// fillMeta sets d's URL, Title and Published, field by field, from
// <stem>.meta.json, then <stem>.gold.json (url and published only), then the
// HTML page's own head, then a date in the file name. It returns warnings
// about sidecars that exist but could not be used; the document is kept.
func fillMeta(d *doc.Doc, path string, sc sidecars, page pageMeta, max int64) (warns []string) {
	dir, base := filepath.Split(path)
	stem := stemOf(base)

	// A sidecar the folder listing does not hold is not looked for: two
	// file system lookups per document saved (most have none).
	var meta, gold sidecar
	var err error
	if sc.may(hasMeta) {
		if meta, err = readSidecar(filepath.Join(dir, stem+".meta.json"), max, true); err != nil {
			warns = append(warns, err.Error())
		}
	}
	if sc.may(hasGold) {
		if gold, err = readSidecar(filepath.Join(dir, stem+".gold.json"), max, false); err != nil {
			warns = append(warns, err.Error())
		}
	}

	d.URL = first(meta.URL, gold.URL, page.URL)
	d.Title = first(meta.Title, page.Title)
	for _, t := range []time.Time{meta.Published, gold.Published, page.Published, dateInName(stem)} {
		if !t.IsZero() {
			d.Published = t
			break
		}
	}
	return warns
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// readSidecar reads url, published and (when withTitle) title from a JSON
// object file. A missing file is no error; an unreadable or malformed one is,
// and yields no metadata at all. Keys holding null or a non-string are
// treated as absent.
func readSidecar(path string, max int64, withTitle bool) (sidecar, error) {
	var sc sidecar
	name, _ := escapeName(filepath.Base(path))
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return sc, nil
	}
	data, err := readLimited(path, max)
	if err != nil {
		return sc, fmt.Errorf("sidecar %s ignored: %v", name, err)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return sc, fmt.Errorf("sidecar %s ignored: not a JSON object: %v", name, err)
	}
	sc.URL = strings.TrimSpace(jsonString(obj["url"]))
	if withTitle {
		sc.Title = collapseSpace(jsonString(obj["title"]))
	}
	if p := strings.TrimSpace(jsonString(obj["published"])); p != "" {
		t, ok := parsePublished(p)
		if !ok {
			return sc, fmt.Errorf("sidecar %s: published %q is not a YYYY-MM-DD date; ignored", name, p)
		}
		sc.Published = t
	}
	return sc, nil
}

// jsonString returns raw's value when it is a JSON string, else "".
func jsonString(raw json.RawMessage) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// parsePublished accepts a calendar date YYYY-MM-DD, alone or as the date
// part of an RFC 3339 style timestamp (news feeds and HTML meta tags give
// those); the date is taken as written, without time zone conversion.
func parsePublished(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	if len(s) > 10 {
		ok := false
		for _, layout := range []string{time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
			if _, err := time.Parse(layout, s); err == nil {
				ok = true
				break
			}
		}
		if !ok {
			return time.Time{}, false
		}
	}
	// time.Parse rejects out-of-range months and days (2022-13-45, 2023-02-29).
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// dateInName finds the first valid calendar date written YYYY-MM-DD in a
// file name, not glued to other digits; zero when there is none.
func dateInName(name string) time.Time {
	isDigit := func(i int) bool { return i >= 0 && i < len(name) && name[i] >= '0' && name[i] <= '9' }
	for i := 0; i+10 <= len(name); i++ {
		if isDigit(i-1) || isDigit(i+10) {
			continue
		}
		shape := true
		for j := 0; j < 10 && shape; j++ {
			if j == 4 || j == 7 {
				shape = name[i+j] == '-'
			} else {
				shape = isDigit(i + j)
			}
		}
		if !shape {
			continue
		}
		if t, ok := parsePublished(name[i : i+10]); ok {
			return t
		}
	}
	return time.Time{}
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
