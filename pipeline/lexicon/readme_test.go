package lexicon

import (
	"flag"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update", false, "rewrite README.md's table of lexicon files from the files (descriptions kept)")

const readmePath = "../../README.md"

// lexiconTableHead starts the README's table of the lexicon files.
const lexiconTableHead = "| file | what it holds | fields | first entry |\n|---|---|---|---|\n"

// TestREADMEListsLexiconFiles: README.md documents every lexicon file a
// user can add to with --lexicon: what it holds, its fields (the file's own
// "# fields:" line) and an entry as the file writes it, so that a user
// writing their own places.txt or titles.txt sees the format.
func TestREADMEListsLexiconFiles(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i := strings.Index(readme, lexiconTableHead)
	if i < 0 {
		t.Fatalf("README.md has no table of lexicon files (a line %q)", strings.SplitN(lexiconTableHead, "\n", 2)[0])
	}
	end := i + len(lexiconTableHead)
	desc := map[string]string{}
	for end < len(readme) && strings.HasPrefix(readme[end:], "|") {
		nl := strings.IndexByte(readme[end:], '\n')
		row := strings.Split(strings.Trim(readme[end:end+nl], "|"), " | ")
		if len(row) >= 2 {
			desc[strings.Trim(strings.TrimSpace(row[0]), "`")] = strings.TrimSpace(row[1])
		}
		end += nl + 1
	}
	want := lexiconTable(t, desc)
	if got := readme[i:end]; got != want {
		if *updateREADME {
			if err := os.WriteFile(readmePath, []byte(readme[:i]+want+readme[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's table of lexicon files is not the files' (go test ./pipeline/lexicon -run READMELists -update rewrites it):\n%s", want)
	}
	for name, d := range desc {
		if d == "" || d == "?" {
			t.Errorf("README.md: %s has no description", name)
		}
	}
}

// closedNote ends a closed file's description (see closed.go).
const closedNote = " (closed: `--lexicon` cannot extend it)"

// lexiconTable renders the table: per embedded file, its description (kept
// from the README, else the header's first line), fields and first entry.
func lexiconTable(t *testing.T, desc map[string]string) string {
	t.Helper()
	names, err := fs.Glob(embedded, "data/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(lexiconTableHead)
	for _, n := range names {
		content, err := embedded.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		file := path.Base(n)
		fields, first, summary := "", "", ""
		for _, line := range strings.Split(string(content), "\n") {
			line = strings.TrimRight(line, "\r")
			switch {
			case strings.HasPrefix(line, fieldsPrefix):
				fields = strings.TrimSpace(strings.TrimPrefix(line, fieldsPrefix))
			case strings.HasPrefix(line, "#"):
				if summary == "" {
					summary = strings.TrimSpace(strings.TrimPrefix(line, "#"))
					if _, after, ok := strings.Cut(summary, "— "); ok {
						summary = after
					}
				}
			case strings.TrimSpace(line) != "" && first == "":
				var cells []string
				for _, f := range strings.Split(line, "\t") {
					cells = append(cells, "`"+strings.TrimSpace(f)+"`")
				}
				first = strings.Join(cells, " ⇥ ")
			}
		}
		d := desc[file]
		if d == "" {
			d = strings.ReplaceAll(summary, "|", "/")
		}
		if closedReason(string(content)) != "" && !strings.Contains(d, closedNote) {
			d += closedNote
		}
		// A | inside a table cell, code span or not, needs its backslash.
		fields = strings.ReplaceAll(fields, "|", "\\|")
		b.WriteString("| `" + file + "` | " + d + " | `" + fields + "` | " + first + " |\n")
	}
	return b.String()
}
