package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"plenary/pipeline/tables"
)

// buildHookBinary compiles plenary with the plenaryhook build tag, whose
// PLENARY_PUBLISH_HOOK=kill@N kills the process before publish step N.
func buildHookBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "plenary-hook")
	cmd := exec.Command("go", "build", "-tags", "plenaryhook", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// publishedTables is every table file in out (parts in the tables'
// folders, and one-file tables) by name, with its bytes: what a reader of
// the folders reads.
func publishedTables(t *testing.T, out string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	for _, name := range allTables {
		for _, f := range []string{tables.Parquet, tables.Arrow} {
			paths, _ := tables.Parts(out, name, f)
			for _, p := range paths {
				if b, err := os.ReadFile(p); err == nil {
					rel, _ := filepath.Rel(out, p)
					m[rel] = b
				}
			}
		}
	}
	return m
}

func runJSONArgs(t *testing.T, out string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		return ""
	}
	var rj struct{ Args []string }
	if err := json.Unmarshal(b, &rj); err != nil {
		return "unreadable"
	}
	return strings.Join(rj.Args, " ")
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(b[k], v) {
			return false
		}
	}
	return true
}

// TestKillDuringPublish kills `plenary run` (SIGKILL) before every step of
// its publish, over the tables of a previous run of other input: each time,
// OUT must hold all of the old run (tables and run.json) or all of the new
// one, or a reader must be able to tell: `plenary report` refuses an OUT
// whose tables are not the ones its run.json lists. A rerun then publishes
// a whole run and leaves no temporary folder. The old run's tables have
// several parts each (smallParts over a larger input), the new run's one:
// the parts the new run does not replace must go, or be detected.
func TestKillDuringPublish(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it many times")
	}
	bin := buildHookBinary(t)
	inOld := bigCorpus(t, 8)
	oldRun := filepath.Join(t.TempDir(), "old")
	if code, stderr := runBin(t, bin, runArgs("-o", oldRun, inOld)...); code != 0 {
		t.Fatalf("old run: exit %d\n%s", code, stderr)
	}
	requireParts(t, oldRun)
	inNew := t.TempDir()
	writeCorpusFile(t, inNew, "a-2022-05-23.txt", "Chairman of the Federation of Trade Unions Nurlan Seitkali met workers in Aktobe on May 6 of this year.\n“We will defend wages,” Seitkali said.\n")
	writeCorpusFile(t, inNew, "b.txt", "Akim Serik Nurov visited Taraz on 3 March 2021.\n")
	writeCorpusFile(t, inNew, "c.txt", "bad\x00bytes")

	ref := filepath.Join(t.TempDir(), "ref")
	if code, stderr := runBin(t, bin, "run", "--quiet", "-o", ref, inNew); code != 1 {
		t.Fatalf("reference run: exit %d\n%s", code, stderr)
	}
	newTables := publishedTables(t, ref)
	args := func(in, out string) []string { return []string{"run", "--quiet", "-o", out, in} }
	oldArgs, newArgs := "", ""

	killed := 0
	for step := 0; step < 40; step++ {
		out := filepath.Join(t.TempDir(), "out")
		copyRun(t, oldRun, out)
		oldTables := publishedTables(t, out)
		oldArgs = runJSONArgs(t, out)
		newArgs = strings.Join(args(inNew, out), " ")

		cmd := exec.Command(bin, args(inNew, out)...)
		cmd.Env = append(os.Environ(), "PLENARY_PUBLISH_HOOK=kill@"+strconv.Itoa(step))
		err := cmd.Run()
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if err == nil || !ws.Signaled() {
			break // past the last step: the run finished
		}
		killed++
		got := publishedTables(t, out)
		rj := runJSONArgs(t, out)
		consistent := sameFiles(got, oldTables) && rj == oldArgs || sameFiles(got, newTables) && rj == newArgs
		code, stderr := runBin(t, bin, "report", out, "-o", filepath.Join(t.TempDir(), "r.html"))
		switch {
		case consistent && code != 0:
			t.Errorf("killed before step %d: OUT holds one whole run, yet report exits %d: %s", step, code, stderr)
		case !consistent && code == 0:
			t.Errorf("killed before step %d: OUT mixes runs (run.json of %q) and report cannot tell", step, rj)
		}
		if code, stderr := runBin(t, bin, args(inNew, out)...); code != 1 {
			t.Fatalf("rerun after kill at %d: exit %d\n%s", step, code, stderr)
		}
		if !sameFiles(publishedTables(t, out), newTables) || runJSONArgs(t, out) != newArgs {
			t.Errorf("rerun after kill at %d: OUT does not hold the new run", step)
		}
		if left, _ := filepath.Glob(filepath.Join(out, ".plenary-tmp-*")); len(left) != 0 {
			t.Errorf("rerun after kill at %d: temporary folders left: %v", step, left)
		}
	}
	if killed < len(allTables)+1 {
		t.Errorf("only %d publish steps were killed, want one per table and run.json at least", killed)
	}
}

// Two runs never share an OUT: while one holds it (here, this test holds
// its lock as a run would), another exits 2 at once, saying so, and
// touches nothing; afterwards it runs.
func TestRunLockedOut(t *testing.T) {
	out := t.TempDir()
	if code := runCLI(t, "run", "--quiet", "-o", out, "../../corpus"); code != 0 {
		t.Fatalf("first run: exit %d", code)
	}
	before := snapshot(t, out)
	f, err := os.OpenFile(filepath.Join(out, ".plenary-lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	var code int
	stderr := captureStderr(t, func() { code = runCLI(t, "run", "--quiet", "-o", out, "../../corpus") })
	if code != 2 || !strings.Contains(stderr, "in use by another plenary run") {
		t.Errorf("run on a locked OUT: exit %d, stderr %q; want 2 and a message saying so", code, stderr)
	}
	sameSnapshot(t, "locked", snapshot(t, out), before)
	f.Close() // releases the lock
	if code := runCLI(t, "run", "--quiet", "-o", out, "../../corpus"); code != 0 {
		t.Errorf("after the lock is released: exit %d", code)
	}
}
