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
	"bufio"
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

// Lexicon holds every loaded file by name (file name without ".txt").
type Lexicon struct {
	lists map[string][]Entry
	sets  map[string]map[string]Entry // lowercased key -> entry
}

// Load reads the embedded files and, when userDir is not "", every *.txt file
// in userDir, whose entries are appended to the embedded file of the same name
// (or form a new list).
func Load(userDir string) (*Lexicon, error) {
	lx := &Lexicon{lists: map[string][]Entry{}, sets: map[string]map[string]Entry{}}
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
		files, err := filepath.Glob(filepath.Join(userDir, "*.txt"))
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", userDir, err)
		}
		if st, err := os.Stat(userDir); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", userDir, err)
		} else if !st.IsDir() {
			return nil, fmt.Errorf("lexicon %s: not a directory", userDir)
		}
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("lexicon %s: %w", f, err)
			}
			lx.add(strings.TrimSuffix(filepath.Base(f), ".txt"), string(b))
		}
	}
	return lx, nil
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

func (lx *Lexicon) add(name, content string) {
	set := lx.sets[name]
	if set == nil {
		set = map[string]Entry{}
		lx.sets[name] = set
	}
	sc := bufio.NewScanner(strings.NewReader(content))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		e := make(Entry, 0, len(parts))
		for _, p := range parts {
			e = append(e, strings.TrimSpace(p))
		}
		if e.Key() == "" {
			continue
		}
		lx.lists[name] = append(lx.lists[name], e)
		k := strings.ToLower(e.Key())
		if _, dup := set[k]; !dup {
			set[k] = e
		}
	}
}

// List returns the entries of file name in file order (embedded first).
func (lx *Lexicon) List(name string) []Entry { return lx.lists[name] }

// Lookup finds an entry of file name by its key, case-insensitively.
func (lx *Lexicon) Lookup(name, key string) (Entry, bool) {
	e, ok := lx.sets[name][strings.ToLower(key)]
	return e, ok
}

// Has reports whether file name has an entry with this key (case-insensitive).
func (lx *Lexicon) Has(name, key string) bool {
	_, ok := lx.sets[name][strings.ToLower(key)]
	return ok
}

// Keys returns the keys of file name in file order.
func (lx *Lexicon) Keys(name string) []string {
	l := lx.lists[name]
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Key()
	}
	return out
}

// Names lists the loaded files, sorted.
func (lx *Lexicon) Names() []string {
	out := make([]string, 0, len(lx.lists))
	for n := range lx.lists {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
