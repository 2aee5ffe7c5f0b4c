// Package lexicon loads plenary's knowledge files: titles, organization head
// words, place gazetteer, name parts, cue verbs and the like. The files are
// embedded (data/*.txt) so the binary is self-contained; a user's directory
// (plenary run --lexicon DIR) adds entries to the file of the same name
// without rebuilding.
//
// In: embedded data files, optionally a directory. Out: a read-only *Lexicon,
// built once at start-up and shared by every worker.
//
// File format: UTF-8 text, one entry per line; fields separated by a TAB;
// lines starting with '#' are comments (each file starts with a header saying
// what it is and where its entries come from); blank lines are ignored.
package lexicon

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

//go:embed data/*.txt
var embedded embed.FS

// Entry is one line of a lexicon file, split on TABs and trimmed.
type Entry []string

// Key is the entry's first field.
func (e Entry) Key() string {
	if len(e) == 0 {
		return ""
	}
	return e[0]
}

// Field returns field i, or "" when the entry is shorter.
func (e Entry) Field(i int) string {
	if i < len(e) {
		return e[i]
	}
	return ""
}

// Lexicon holds every loaded file by name (file name without ".txt"). A
// file is parsed into its list and key set on first use, so files a stage
// never asks for (or reads with Each) cost no start-up time or memory beyond
// their text. Safe for concurrent use.
type Lexicon struct {
	files    map[string]*file
	warnings []Warning
}

// Warning is something a user's lexicon file should know about that does
// not stop the run: a file no stage reads.
type Warning struct {
	File    string // the file, as found in the --lexicon folder
	Message string
}

// Warnings lists what Load noticed about the user's files.
func (lx *Lexicon) Warnings() []Warning { return lx.warnings }

type file struct {
	chunks []string // contents, embedded first
	once   sync.Once
	list   []Entry
	set    map[string]Entry // lowercased key -> first entry
}

// Load reads the embedded files and, when userDir is not "", every *.txt file
// in userDir, whose entries are appended to the embedded file of the same name
// (or form a new list).
func Load(userDir string) (*Lexicon, error) {
	lx := &Lexicon{files: map[string]*file{}}
	names, err := fs.Glob(embedded, "data/*.txt")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	for _, n := range names {
		b, err := embedded.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", n, err)
		}
		lx.add(strings.TrimSuffix(filepath.Base(n), ".txt"), string(b))
	}
	if userDir != "" {
		files, err := UserFiles(userDir)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("lexicon %s: %w", f, err)
			}
			name := strings.TrimSuffix(filepath.Base(f), ".txt")
			if w, ok := lx.closedWarning(name, f); ok {
				lx.warnings = append(lx.warnings, w)
				continue
			}
			if err := lx.check(name, string(b), f); err != nil {
				return nil, err
			}
			if lx.files[name] == nil {
				// A list of its own is allowed, but nothing reads it: most
				// likely a typo of a built-in name.
				lx.warnings = append(lx.warnings, Warning{File: f,
					Message: fmt.Sprintf("no built-in lexicon is named %s, so no stage reads this file%s", name, lx.didYouMean(name))})
			}
			lx.add(name, string(b))
		}
	}
	return lx, nil
}

// UserFiles lists the lexicon files of a --lexicon folder: every regular
// file named *.txt in it (not in subfolders), sorted. The folder's name is
// taken as it is, never as a glob pattern (a folder named lex[1] is read).
// A name that is a FIFO or device (or a link to one) is an error, since
// reading it could block or never end.
func UserFiles(dir string) ([]string, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", dir, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("lexicon %s: not a directory", dir)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", dir, err)
	}
	var files []string
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", p, err)
		}
		if st.IsDir() {
			continue
		}
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("lexicon %s: not a regular file (a FIFO or device); not read", p)
		}
		files = append(files, p)
	}
	sort.Strings(files) // ReadDir's order already; kept explicit
	return files, nil
}

// Embedded is the lexicon of the embedded files alone, loaded once per
// process and shared (a Lexicon is read-only after Load): what a stage's
// New(nil) uses.
var Embedded = sync.OnceValues(func() (*Lexicon, error) { return Load("") })

// MustLoadEmbedded loads only the embedded files; for tests and benchmarks.
// The embedded files are part of the binary, so failure is a build bug.
func MustLoadEmbedded() *Lexicon {
	lx, err := Load("")
	if err != nil {
		panic(err)
	}
	return lx
}

// check validates a user file against its own fields declaration, else
// the built-in file's of the same name (see schema.go).
func (lx *Lexicon) check(name, content, origin string) error {
	s, line, err := findSchema(content)
	if err != nil {
		return fmt.Errorf("lexicon %s:%d: %v", origin, line, err)
	}
	if s == nil {
		if f := lx.files[name]; f != nil && len(f.chunks) > 0 {
			if s, _, err = findSchema(f.chunks[0]); err != nil {
				return fmt.Errorf("lexicon %s.txt (built in): %v", name, err)
			}
		}
	}
	if s == nil {
		return fmt.Errorf("lexicon %s: no %q line in its header, and no built-in %s.txt to take one from%s", origin, fieldsPrefix, name, lx.didYouMean(name))
	}
	return validate(s, content, origin)
}

func (lx *Lexicon) add(name, content string) {
	f := lx.files[name]
	if f == nil {
		f = &file{}
		lx.files[name] = f
	}
	f.chunks = append(f.chunks, content)
}

// each calls fn for every entry of f's contents in order; e is reused.
func (f *file) each(fn func(e Entry)) {
	var e Entry
	for _, content := range f.chunks {
		for len(content) > 0 {
			line, rest, _ := strings.Cut(content, "\n")
			content = rest
			if t := strings.TrimSpace(line); t == "" || t[0] == '#' {
				continue
			}
			e = e[:0]
			for {
				field, more, ok := strings.Cut(line, "\t")
				e = append(e, strings.TrimSpace(field))
				if !ok {
					break
				}
				line = more
			}
			if e.Key() != "" {
				fn(e)
			}
		}
	}
}

// parsed returns f with its list and set built.
func (lx *Lexicon) parsed(name string) *file {
	f := lx.files[name]
	if f == nil {
		return nil
	}
	f.once.Do(func() {
		f.set = map[string]Entry{}
		f.each(func(e Entry) {
			e = append(Entry(nil), e...)
			f.list = append(f.list, e)
			k := strings.ToLower(e.Key())
			if _, dup := f.set[k]; !dup {
				f.set[k] = e
			}
		})
	})
	return f
}

// Each calls fn for every entry of file name in file order (embedded first)
// without keeping the file's list in memory: for the large generated files
// a stage turns into its own tables. fn must not keep e (it is reused), but
// may keep its strings.
func (lx *Lexicon) Each(name string, fn func(e Entry)) {
	if f := lx.files[name]; f != nil {
		f.each(fn)
	}
}

// List returns the entries of file name in file order (embedded first).
func (lx *Lexicon) List(name string) []Entry {
	if f := lx.parsed(name); f != nil {
		return f.list
	}
	return nil
}

// Lookup finds an entry of file name by its key, case-insensitively.
func (lx *Lexicon) Lookup(name, key string) (Entry, bool) {
	f := lx.parsed(name)
	if f == nil {
		return nil, false
	}
	e, ok := f.set[strings.ToLower(key)]
	return e, ok
}

// Has reports whether file name has an entry with this key (case-insensitive).
func (lx *Lexicon) Has(name, key string) bool {
	_, ok := lx.Lookup(name, key)
	return ok
}

// Keys returns the keys of file name in file order.
func (lx *Lexicon) Keys(name string) []string {
	l := lx.List(name)
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Key()
	}
	return out
}

// Names lists the loaded files, sorted.
func (lx *Lexicon) Names() []string {
	out := make([]string, 0, len(lx.files))
	for n := range lx.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// didYouMean names the built-in list closest to name ("; did you mean
// places.txt?"), or "" when none is close: at most two edits apart, or one
// name inside the other.
func (lx *Lexicon) didYouMean(name string) string {
	best, bestD := "", 3
	for n := range lx.files {
		d := editDistance(strings.ToLower(name), n)
		if strings.Contains(n, strings.ToLower(name)) || strings.Contains(strings.ToLower(name), n) {
			d = min(d, 2)
		}
		if d < bestD || d == bestD && best != "" && n < best {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + best + ".txt?"
}

// editDistance is the Levenshtein distance of two short names.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
