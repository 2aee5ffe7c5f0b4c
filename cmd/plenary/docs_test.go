package main

import (
	"bytes"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

var update = flag.Bool("update", false, "rewrite the transcripts in docs/gold-format.md from what plenary prints now")

// repoRoot is the repository, seen from this package's folder.
const repoRoot = "../.."

// goldFormatDoc is the analysts' description of the gold format and scoring.
const goldFormatDoc = "docs/gold-format.md"

// outsidePath matches a path that leaves the repository: a parent folder, the
// machine's own folders, or the files of the corpus the project was built
// with, which users do not have.
var outsidePath = regexp.MustCompile(`\.\./|/work/|/home/|/root/|\bshared/|score\.py|score_identity\.py|FORMAT\.md`)

// userFacingFiles lists the files a user reads: README, Makefile, the
// scripts make runs, corpus/CASES and everything under docs/ and deploy/.
func userFacingFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md", "Makefile", ".ci/run", "scripts/setup.sh", "corpus/CASES"}
	for _, dir := range []string{"docs", "deploy"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && !strings.HasSuffix(p, "_test.go") {
				rel, _ := filepath.Rel(repoRoot, p)
				files = append(files, rel)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// captureOutput runs f with os.Stdout and os.Stderr both going to one pipe,
// so that the text reads as a terminal shows it.
func captureOutput(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stdout, os.Stderr = oldOut, oldErr }()
	f()
	w.Close()
	os.Stdout, os.Stderr = oldOut, oldErr
	return <-done
}

// commandPaths lists every command of the tree as its argument path.
func commandPaths(c *cobra.Command, prefix []string) [][]string {
	out := [][]string{prefix}
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
			continue
		}
		out = append(out, commandPaths(sub, append(append([]string{}, prefix...), sub.Name()))...)
	}
	return out
}

// TestNoOutsidePaths: no text a user reads names a path outside the
// repository; the gold format is documented inside it.
func TestNoOutsidePaths(t *testing.T) {
	for _, f := range userFacingFiles(t) {
		b, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := outsidePath.FindString(line); m != "" {
				t.Errorf("%s:%d names a path outside the repository (%q): %s", f, i+1, m, strings.TrimSpace(line))
			}
		}
	}
	paths := commandPaths(rootCmd(), nil)
	if len(paths) < 4 {
		t.Fatalf("found only commands %v", paths)
	}
	for _, p := range paths {
		var code int
		help := captureOutput(t, func() { code = execute(append(append([]string{}, p...), "--help")) })
		name := strings.Join(append([]string{"plenary"}, p...), " ")
		if code != 0 || !strings.Contains(help, "Usage:") {
			t.Fatalf("%s --help: exit %d\n%s", name, code, help)
		}
		for _, line := range strings.Split(help, "\n") {
			if m := outsidePath.FindString(line); m != "" {
				t.Errorf("%s --help names a path outside the repository (%q): %s", name, m, strings.TrimSpace(line))
			}
		}
	}
}

// TestOutsidePathPattern: the scan above catches what the help, the README
// and the Makefile used to say.
func TestOutsidePathPattern(t *testing.T) {
	for _, bad := range []string{"plenary eval ../shared/corpus", "CORPUS ?= ../shared/corpus",
		"same keys as shared/tools/score.py --json", "Gold follows /work/shared/FORMAT.md v1.1.", "(FORMAT.md rules)"} {
		if !outsidePath.MatchString(bad) {
			t.Errorf("%q is not caught", bad)
		}
	}
	for _, ok := range []string{"plenary eval corpus/", "see docs/gold-format.md", "/usr/bin/time", "docs/example-corpus"} {
		if outsidePath.MatchString(ok) {
			t.Errorf("%q is caught", ok)
		}
	}
}

// TestGoldFormatNamesEvalFlags: the gold-format document covers every flag
// of plenary eval.
func TestGoldFormatNamesEvalFlags(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, goldFormatDoc))
	if err != nil {
		t.Fatal(err)
	}
	help := captureOutput(t, func() { execute([]string{"eval", "--help"}) })
	_, flags, _ := strings.Cut(help, "\nFlags:\n")
	names := regexp.MustCompile(`(?m)^\s+(?:-\w, )?(--[a-z][a-z-]*)`).FindAllStringSubmatch(flags, -1)
	if len(names) < 5 {
		t.Fatalf("found only %d flags in plenary eval --help:\n%s", len(names), help)
	}
	for _, m := range names {
		if m[1] != "--help" && !bytes.Contains(b, []byte(m[1])) {
			t.Errorf("%s does not mention plenary eval %s", goldFormatDoc, m[1])
		}
	}
}

// fileBlock is "<!-- file: PATH -->" before a fenced block: the block shows
// that file of the repository, whole.
var fileBlock = regexp.MustCompile("(?m)^<!-- file: (\\S+) -->\n```[a-z]*\n((?s:.*?))```\n")

// TestGoldFormatShowsTheExampleFiles: the files the document shows are the
// files under docs/example-corpus, byte for byte.
func TestGoldFormatShowsTheExampleFiles(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, goldFormatDoc))
	if err != nil {
		t.Fatal(err)
	}
	ms := fileBlock.FindAllSubmatch(b, -1)
	if len(ms) < 2 {
		t.Fatalf("%s shows %d example files, want at least a text and its gold file", goldFormatDoc, len(ms))
	}
	for _, m := range ms {
		want, err := os.ReadFile(filepath.Join(repoRoot, string(m[1])))
		if err != nil {
			t.Errorf("%s shows %s: %v", goldFormatDoc, m[1], err)
			continue
		}
		if !bytes.Equal(m[2], want) {
			t.Errorf("%s shows %s differently from the file", goldFormatDoc, m[1])
		}
	}
}

// TestGoldFormatWalkthrough runs every ```console block of the gold-format
// document, in order, in a scratch folder holding a copy of docs/: lines
// starting "$ " are commands (./plenary, mkdir -p, cp, echo $?), the other
// lines are what they print. A block that no longer matches fails; -update
// rewrites the printed lines (then read the prose around them again).
func TestGoldFormatWalkthrough(t *testing.T) {
	sh := runWalkthrough(t, goldFormatDoc, []string{"docs"}, 4)
	for _, want := range []int{0, 1} {
		if !sh.exited[want] {
			t.Errorf("no command of the walkthrough exits %d; it should show a passing and a failing gate", want)
		}
	}
}

// TestREADMEWalkthrough: the README's regression loop (a baseline, a
// lexicon tried against it, the gate failing and passing, the error lists)
// shows what the commands print on the project's corpus.
func TestREADMEWalkthrough(t *testing.T) {
	sh := runWalkthrough(t, "README.md", []string{"docs", "corpus"}, 4)
	for _, want := range []int{0, 1} {
		if !sh.exited[want] {
			t.Errorf("no command of the README's walkthrough exits %d; it should show a passing and a failing gate", want)
		}
	}
}

// runWalkthrough runs the ```console blocks of a document, in a copy of the
// repository's folders dirs, and compares each with what its commands
// print now (-update rewrites them; then check the prose around them).
func runWalkthrough(t *testing.T, docFile string, dirs []string, minBlocks int) *docShell {
	t.Helper()
	path, err := filepath.Abs(filepath.Join(repoRoot, docFile))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	for _, d := range dirs {
		if err := os.CopyFS(filepath.Join(work, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(work)
	sh := &docShell{t: t}
	lines := strings.SplitAfter(string(src), "\n")
	var out strings.Builder
	blocks := 0
	for i := 0; i < len(lines); i++ {
		out.WriteString(lines[i])
		if lines[i] != "```console\n" {
			continue
		}
		blocks++
		start := i + 1
		end := start
		for end < len(lines) && lines[end] != "```\n" {
			end++
		}
		if end == len(lines) {
			t.Fatalf("%s:%d: console block not closed", docFile, i+1)
		}
		doc := strings.Join(lines[start:end], "")
		got := sh.transcript(doc)
		if got != doc && !*update {
			t.Errorf("%s:%d: the transcript differs from what plenary prints now (go test ./cmd/plenary -run Walkthrough -update rewrites it; then check the prose around it).\n--- document:\n%s--- now:\n%s",
				docFile, start, doc, got)
		}
		out.WriteString(got)
		i = end - 1
	}
	if blocks < minBlocks {
		t.Fatalf("%s has %d console blocks; the walkthrough needs at least %d", docFile, blocks, minBlocks)
	}
	if *update && out.String() != string(src) {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return sh
}

// docShell runs the few commands the walkthrough uses.
type docShell struct {
	t      *testing.T
	last   int
	exited map[int]bool
}

// transcript runs the commands of a console block and returns the block as
// it reads now: each command followed by what it printed.
func (s *docShell) transcript(block string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(block, "\n") {
		cmd, ok := strings.CutPrefix(line, "$ ")
		if !ok {
			continue
		}
		b.WriteString(line)
		b.WriteString(s.run(strings.Fields(cmd)))
	}
	return b.String()
}

func (s *docShell) run(args []string) string {
	t := s.t
	if s.exited == nil {
		s.exited = map[int]bool{}
	}
	switch {
	case len(args) > 0 && args[0] == "./plenary":
		out := captureOutput(t, func() { s.last = execute(args[1:]) })
		s.exited[s.last] = true
		return out
	case len(args) == 3 && args[0] == "mkdir" && args[1] == "-p":
		if err := os.MkdirAll(args[2], 0o755); err != nil {
			t.Fatal(err)
		}
	case len(args) == 3 && args[0] == "cp":
		files, err := filepath.Glob(args[1])
		if err != nil || len(files) == 0 {
			t.Fatalf("cp %s: no such files (%v)", args[1], err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(args[2], filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	case len(args) == 2 && args[0] == "cat":
		b, err := os.ReadFile(args[1])
		if err != nil {
			t.Fatal(err)
		}
		s.last = 0
		return string(b)
	case len(args) == 2 && args[0] == "echo" && args[1] == "$?":
		return strconv.Itoa(s.last) + "\n"
	default:
		t.Fatalf("the walkthrough runs %q, which this test cannot run", strings.Join(args, " "))
	}
	s.last = 0
	return ""
}

// TestREADMECLISummary: the README's CLI summary names every command and
// every flag of each (a user reads it instead of each --help).
func TestREADMECLISummary(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "## The CLI\n")
	if i < 0 {
		t.Fatal("README.md has no section \"The CLI\"")
	}
	start := strings.Index(s[i:], "```\n")
	end := strings.Index(s[i+start+4:], "```\n")
	block := s[i+start+4 : i+start+4+end]
	// The block's sections: each starts with a line "plenary <command> …".
	sections := map[string]string{}
	cur := ""
	for _, line := range strings.Split(block, "\n") {
		if rest, ok := strings.CutPrefix(line, "plenary "); ok {
			cur = strings.Fields(rest)[0]
		}
		sections[cur] += line + "\n"
	}
	root := rootCmd()
	for _, p := range commandPaths(root, nil) {
		if len(p) == 0 {
			continue
		}
		name := strings.Join(p, " ")
		sec, ok := sections[p[0]]
		if !ok {
			t.Errorf("README's CLI summary has no \"plenary %s\"", name)
			continue
		}
		c, _, err := root.Find(p)
		if err != nil {
			t.Fatal(err)
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden || f.Name == "help" {
				return
			}
			if !strings.Contains(sec, "--"+f.Name) {
				t.Errorf("README's CLI summary of plenary %s lacks --%s", name, f.Name)
			}
		})
	}
	if !strings.Contains(block, "plenary --version") {
		t.Error("README's CLI summary lacks plenary --version")
	}
}
