package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"plenary/pipeline/ingest"
)

// Corpus is a gold corpus folder (FORMAT.md).
type Corpus struct {
	Dir      string
	MaxBytes int64     // the largest corpus file read (see ReadFile)
	Docs     []GoldDoc // sorted by ID
	Scope    []string  // tables to score: the SCOPE file's, or all six
	HasScope bool      // a SCOPE file was present
	Warnings []string  // unreadable gold files, id mismatches, unknown SCOPE names
}

// GoldDoc is one annotated document.
type GoldDoc struct {
	ID       string
	TextPath string
	GoldPath string
	Gold     Prediction // read leniently; Gold.ID is the file stem
	GoldID   string     // the gold file's own "id" ("" when none)
}

// LoadCorpus reads every <id>.txt in dir that has an <id>.gold.json beside it;
// other files are ignored. Like score.py, a gold file that is not a readable
// JSON object is skipped with a warning, and a gold "id" that differs from the
// file name gives way to the file name. Files are read with plenary run's
// checks and default size limit (see ReadFile).
func LoadCorpus(dir string) (*Corpus, error) { return LoadCorpusMax(dir, ingest.DefaultMaxBytes) }

// LoadCorpusMax is LoadCorpus reading no file over maxBytes (plenary run's
// --max-doc-bytes).
func LoadCorpusMax(dir string, maxBytes int64) (*Corpus, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("eval: load corpus %s: %w", dir, err)
	}
	c := &Corpus{Dir: dir, MaxBytes: maxBytes}
	names := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			names[e.Name()] = true
		}
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".txt") {
			continue
		}
		id := strings.TrimSuffix(name, ".txt")
		goldName := id + ".gold.json"
		if !names[goldName] {
			continue
		}
		goldPath := filepath.Join(dir, goldName)
		data, err := c.ReadFile(goldPath)
		if err != nil {
			c.Warnings = append(c.Warnings, fmt.Sprintf("cannot read %s: %v", goldPath, err))
			continue
		}
		var g Prediction
		if err := json.Unmarshal(data, &g); err != nil {
			c.Warnings = append(c.Warnings, fmt.Sprintf("cannot read %s: %v", goldPath, err))
			continue
		}
		if g.ID != "" && g.ID != id {
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s: id %q differs from file name; using the file name", goldName, g.ID))
		}
		goldID := g.ID
		g.ID = id
		c.Docs = append(c.Docs, GoldDoc{ID: id, TextPath: filepath.Join(dir, name), GoldPath: goldPath, Gold: g, GoldID: goldID})
	}
	slices.SortFunc(c.Docs, func(a, b GoldDoc) int { return strings.Compare(a.ID, b.ID) })
	scope, ok, warns, err := readScope(filepath.Join(dir, "SCOPE"), maxBytes)
	if err != nil {
		return nil, fmt.Errorf("eval: load corpus %s: %w", dir, err)
	}
	c.Warnings = append(c.Warnings, warns...)
	c.HasScope = ok
	c.Scope = append([]string{}, Tables...)
	if ok {
		c.Scope = scope
	}
	return c, nil
}

// ReadFile reads one file of the corpus as plenary run reads a document: a
// regular file (never a FIFO or a device such as /dev/zero, which would
// block or never end, also through a symbolic link) of at most MaxBytes,
// refused from its size unread.
func (c *Corpus) ReadFile(path string) ([]byte, error) {
	max := c.MaxBytes
	if max <= 0 {
		max = ingest.DefaultMaxBytes
	}
	return ingest.ReadFile(path, max)
}

// ReadText reads a document's text (see ReadFile).
func (c *Corpus) ReadText(d GoldDoc) ([]byte, error) { return c.ReadFile(d.TextPath) }

func readScope(path string, max int64) (scope []string, ok bool, warnings []string, err error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil, nil
	}
	data, err := ingest.ReadFile(path, max)
	if err != nil {
		return nil, false, nil, err
	}
	scope = []string{}
	for _, n := range strings.Fields(string(data)) {
		switch {
		case slices.Contains(scope, n):
		case slices.Contains(Tables, n):
			scope = append(scope, n)
		default:
			warnings = append(warnings, fmt.Sprintf("SCOPE: unknown table %q ignored (known: %s)", n, strings.Join(Tables, " ")))
		}
	}
	return scope, true, warnings, nil
}

// ReadPredictions reads predictions the way score.py does: path is a folder of
// <id>.json files (a prediction's "id" wins over the file stem; a stem ending
// in ".gold" loses it) or a JSON Lines file of objects with a string "id". The
// first prediction for an id wins. Unreadable items become warnings; only a
// path that cannot be read at all is an error.
func ReadPredictions(path string) (map[string]Prediction, []string, error) {
	preds := map[string]Prediction{}
	var warnings []string
	put := func(p Prediction, where string) {
		if _, dup := preds[p.ID]; dup {
			warnings = append(warnings, fmt.Sprintf("%s: second prediction for id %q ignored", where, p.ID))
			return
		}
		preds[p.ID] = p
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("eval: read predictions: %w", err)
	}
	if info.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, nil, fmt.Errorf("eval: read predictions %s: %w", path, err)
		}
		for _, e := range entries { // ReadDir sorts by name, as score.py does
			name := e.Name()
			if !strings.HasSuffix(name, ".json") {
				continue
			}
			file := filepath.Join(path, name)
			data, err := ingest.ReadFile(file, ingest.DefaultMaxBytes)
			if err != nil {
				warnings = append(warnings, fmt.Sprintf("cannot read %s: %v", file, err))
				continue
			}
			var p Prediction
			if err := json.Unmarshal(data, &p); err != nil {
				warnings = append(warnings, fmt.Sprintf("cannot read %s: %v", file, err))
				continue
			}
			if p.ID == "" {
				p.ID = strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".gold")
			}
			put(p, name)
		}
		return preds, warnings, nil
	}
	if !info.Mode().IsRegular() {
		// A FIFO would block, a device never end.
		return nil, nil, fmt.Errorf("eval: read predictions %s: not a regular file (a FIFO or device)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("eval: read predictions: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<30)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		v, err := decodeAny(line)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s:%d: bad JSON: %v", path, n, err))
			continue
		}
		obj, ok := v.(map[string]any)
		if _, isStr := obj["id"].(string); !ok || !isStr {
			warnings = append(warnings, fmt.Sprintf("%s:%d: not an object with a string id", path, n))
			continue
		}
		put(predictionFrom(obj), fmt.Sprintf("%s:%d", path, n))
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("eval: read predictions %s: %w", path, err)
	}
	return preds, warnings, nil
}

// WritePredictions writes each prediction to dir/<id>.json (creating dir), in
// the gold file's shape, so that score.py can check plenary's figures by hand.
func WritePredictions(dir string, preds []Prediction) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("eval: write predictions: %w", err)
	}
	for _, p := range preds {
		if p.ID == "" || p.ID == "." || p.ID == ".." || strings.ContainsAny(p.ID, `/\`+"\x00") {
			return fmt.Errorf("eval: write predictions: id %q cannot be a file name", p.ID)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("eval: write prediction %s: %w", p.ID, err)
		}
		path := filepath.Join(dir, p.ID+".json")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("eval: write prediction %s: %w", p.ID, err)
		}
	}
	return nil
}

// CheckOutputs refuses to let any of paths (files eval is about to write:
// predictions, --json, a baseline) be a file of the corpus: a text, a gold
// file (readable or not), identity.json or SCOPE. Paths are compared after
// resolving symbolic links, so a predictions folder that is the corpus
// folder under another name is caught too. The prediction of document
// "X.gold" is X.gold.json, which is X's gold when X.txt is in the corpus
// too: without this check it was silently replaced.
func (c *Corpus) CheckOutputs(paths []string) error {
	entries, err := os.ReadDir(c.Dir)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	corpus := map[string]bool{}
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".gold.json") || n == IdentityFile || n == "SCOPE" {
			corpus[resolvePath(filepath.Join(c.Dir, n))] = true
		}
	}
	for _, p := range paths {
		if corpus[resolvePath(p)] {
			return fmt.Errorf("eval: %s is a file of the corpus %s; choose an output folder or file outside it (nothing was written)", p, c.Dir)
		}
	}
	return nil
}

// resolvePath is p absolute with symbolic links resolved, of its folder
// when p does not exist (yet).
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(d, filepath.Base(abs))
	}
	return abs
}
