package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Usage errors say what is missing or wrong, with an example, in the
// words of the command; exit 2.
func TestUsageMessages(t *testing.T) {
	afile := filepath.Join(t.TempDir(), "afile")
	os.WriteFile(afile, []byte("x"), 0o644)
	corpus := t.TempDir()
	os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("Alpha."), 0o644)
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"run"}, []string{"run: no INPUT given", "plenary run corpus/", "plenary run --help"}},
		{[]string{"eval"}, []string{"eval: no CORPUS_DIR given", "plenary eval corpus/"}},
		{[]string{"eval", "a", "b"}, []string{"eval: one CORPUS_DIR, not 2 (a b)"}},
		{[]string{"report"}, []string{"report: no INPUT given", "plenary report outputs -o run.html"}},
		{[]string{"run", "-o", afile, corpus}, []string{"run: -o " + afile + " is a file, not a folder"}},
		{[]string{"run", "--workers", "x", corpus}, []string{`run: invalid argument "x" for "--workers"`, "plenary run --help"}},
		{[]string{"eval", "--no-such", corpus}, []string{"eval: unknown flag: --no-such", "plenary eval --help"}},
	}
	for _, c := range cases {
		var code int
		msg := captureStderr(t, func() { code = runCLI(t, c.args...) })
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", c.args, code)
		}
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q: message lacks %q:\n%s", c.args, w, msg)
			}
		}
		if strings.Contains(msg, "arg(s)") {
			t.Errorf("%q: cobra's wording: %s", c.args, msg)
		}
	}
	// -o afile left as it was.
	if b, _ := os.ReadFile(afile); string(b) != "x" {
		t.Error("-o afile was touched")
	}
}
