package lexicon

import (
	"fmt"
	"strings"
)

// A built-in file whose header holds a line
//
//	# closed: why
//
// is a closed class of grammar words (connectors, auxiliaries, the
// abbreviations the sentence splitter knows): the rules read it from the
// embedded file alone, once per process, so that the word classes every
// worker shares cost nothing per run. A --lexicon file of the same name
// cannot extend it: Load reads no such file and records a warning saying
// so, rather than reading it for nothing. Knowledge that a user may need to
// extend (titles, places, bodies, names, cue verbs) stays in open files.
const closedPrefix = "# closed:"

// closedReason returns the "# closed:" line's reason in content's header,
// "" when the file is open.
func closedReason(content string) string {
	for _, line := range strings.Split(content, "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, "#") {
			if strings.TrimSpace(line) != "" {
				return ""
			}
			continue
		}
		if why, ok := strings.CutPrefix(line, closedPrefix); ok {
			if why = strings.TrimSpace(why); why != "" {
				return why
			}
			return "a closed class"
		}
	}
	return ""
}

// Closed reports whether the built-in file name is closed (see closedPrefix).
func (lx *Lexicon) Closed(name string) bool {
	f := lx.files[name]
	return f != nil && len(f.chunks) > 0 && closedReason(f.chunks[0]) != ""
}

// closedWarning is the warning for a user file that names a closed file.
func (lx *Lexicon) closedWarning(name, origin string) (Warning, bool) {
	f := lx.files[name]
	if f == nil || len(f.chunks) == 0 {
		return Warning{}, false
	}
	why := closedReason(f.chunks[0])
	if why == "" {
		return Warning{}, false
	}
	return Warning{File: origin, Message: fmt.Sprintf("%s.txt is closed (%s): a --lexicon file cannot extend it, so this file is not read", name, why)}, true
}

// Class returns the words of class c (the second field) of the embedded
// file name, in file order: the closed word classes a stage reads once per
// process. It panics when the class has no word, as the embedded files are
// part of the binary and a rule reading an empty class is a build bug.
func Class(name, c string) []string {
	lx, err := Embedded()
	if err != nil {
		panic(err)
	}
	var out []string
	for _, e := range lx.List(name) {
		if e.Field(1) == c {
			out = append(out, e.Key())
		}
	}
	if len(out) == 0 {
		panic(fmt.Sprintf("lexicon: %s.txt has no word of class %s", name, c))
	}
	return out
}

// ClassSet is Class as a set.
func ClassSet(name, c string) map[string]bool {
	m := map[string]bool{}
	for _, w := range Class(name, c) {
		m[w] = true
	}
	return m
}

// ClosedKeys returns every key of the embedded file name in file order: a
// closed file without classes (panics when it has none, see Class).
func ClosedKeys(name string) []string {
	lx, err := Embedded()
	if err != nil {
		panic(err)
	}
	k := lx.Keys(name)
	if len(k) == 0 {
		panic(fmt.Sprintf("lexicon: %s.txt has no entry", name))
	}
	return k
}
