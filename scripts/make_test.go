package scripts

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// makeDryRun prints the commands make would run for target in the repository.
func makeDryRun(t *testing.T, target string) string {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	cmd := exec.Command("make", "-n", "--no-print-directory", target)
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make -n %s: %v\n%s", target, err, out)
	}
	return string(out)
}

// TestMakeTestSetsUp: the README's test command does its own set-up, before
// any test runs.
func TestMakeTestSetsUp(t *testing.T) {
	out := makeDryRun(t, "test")
	setup := strings.Index(out, "scripts/setup.sh")
	if setup < 0 {
		t.Fatalf("make test does not run scripts/setup.sh:\n%s", out)
	}
	if gotest := strings.Index(out, " test "); gotest >= 0 && gotest < setup {
		t.Errorf("make test runs go test before scripts/setup.sh:\n%s", out)
	}
	for _, want := range []string{"-race", "check.mjs", "PLENARY_REQUIRE_BROWSER=1", "-fuzz="} {
		if !strings.Contains(out, want) {
			t.Errorf("make test lost %q:\n%s", want, out)
		}
	}
}

// TestMakeTestShort: the edit-test loop needs only Go and leaves out the slow
// parts make test has.
func TestMakeTestShort(t *testing.T) {
	out := makeDryRun(t, "test-short")
	if !strings.Contains(out, "test -short -count=1 ./...") {
		t.Errorf("make test-short does not run go test -short over the tree:\n%s", out)
	}
	if !strings.Contains(out, "--baseline corpus/baseline.json") {
		t.Errorf("make test-short does not run the corpus gate:\n%s", out)
	}
	for _, bad := range []string{"-race", "-fuzz", "check.mjs", "PLENARY_REQUIRE_BROWSER", "setup.sh", "npm"} {
		if strings.Contains(out, bad) {
			t.Errorf("make test-short runs %q:\n%s", bad, out)
		}
	}
}

// TestMakeEvalDefault: make eval scores the project's own corpus, not a
// folder outside the repository.
func TestMakeEvalDefault(t *testing.T) {
	out := makeDryRun(t, "eval")
	if !regexp.MustCompile(`(?m)plenary eval corpus$`).MatchString(out) {
		t.Errorf("make eval does not default to corpus/:\n%s", out)
	}
}

// TestReadmeCommands: the README opens with the two commands a newcomer
// types, both make targets, and says what make test costs and what to run
// instead while editing.
func TestReadmeCommands(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, rest, _ := strings.Cut(readme, "```sh\n")
	block, _, _ := strings.Cut(rest, "```")
	lines := strings.Split(strings.TrimSpace(block), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "make run ") || !strings.HasPrefix(lines[1], "make test ") {
		t.Fatalf("the README's first block should be make run and make test, got:\n%s", block)
	}
	for _, want := range []string{"make test-short", "minutes on a quiet 2-core machine", "scripts/setup.sh"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README does not say %q", want)
		}
	}
	for _, target := range []string{"run", "test", "test-short"} {
		makeDryRun(t, target)
	}
}
