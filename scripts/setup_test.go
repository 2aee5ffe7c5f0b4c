// Package scripts holds the tests of the repository's shell scripts.
package scripts

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sandbox is a copy of setup.sh in a repository-shaped folder, run with a
// PATH holding only stubs, so that each case decides what is "installed".
type sandbox struct {
	t       *testing.T
	root    string // the fake repository
	bin     string // the only folder on PATH
	timeBin string // what the script takes for /usr/bin/time
	log     string // every stub call, one line each
}

// realTools are the programs setup.sh uses that are not under test.
var realTools = []string{"bash", "dirname", "mktemp", "tail", "rm", "cat", "mkdir", "cp", "chmod", "true"}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	dir := t.TempDir()
	s := &sandbox{t: t, root: filepath.Join(dir, "repo"), bin: filepath.Join(dir, "bin"),
		timeBin: filepath.Join(dir, "usr-bin-time"), log: filepath.Join(dir, "calls.log")}
	for _, d := range []string{filepath.Join(s.root, "scripts"), filepath.Join(s.root, "pipeline/tables/interop"), s.bin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile("setup.sh")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.root, "scripts/setup.sh"), src, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range realTools {
		p, err := exec.LookPath(name)
		if err != nil {
			t.Skipf("%s not found: %v", name, err)
		}
		if err := os.Symlink(p, filepath.Join(s.bin, name)); err != nil {
			t.Fatal(err)
		}
	}
	s.stub("id", `echo "${STUB_UID:-0}"`)
	s.stub("go", `:`)
	return s
}

// stub writes an executable that logs its name and arguments, then runs body.
func (s *sandbox) stub(name, body string) {
	s.t.Helper()
	script := "#!" + filepath.Join(s.bin, "bash") + "\necho \"" + name + " $*\" >> " + s.log + "\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(s.bin, name), []byte(script), 0o755); err != nil {
		s.t.Fatal(err)
	}
}

// stubBodies are what the stubs do beyond logging (nothing when absent).
var stubBodies = map[string]string{
	"npm":  `[ "$1" = ci ] && mkdir -p node_modules/@duckdb/node-api node_modules/nodejs-polars; exit 0`,
	"sudo": `[ "$1" = -n ] && shift; exec "$@"`,
}

// present installs stubs for everything setup.sh looks for.
func (s *sandbox) present(names ...string) {
	s.t.Helper()
	for _, n := range names {
		switch n {
		case "time":
			if err := os.WriteFile(s.timeBin, []byte("#!/bin/sh\n"), 0o755); err != nil {
				s.t.Fatal(err)
			}
		case "node_modules", "duckdb_only":
			mods := []string{"@duckdb/node-api", "nodejs-polars"}
			if n == "duckdb_only" {
				mods = mods[:1]
			}
			for _, m := range mods {
				if err := os.MkdirAll(filepath.Join(s.root, "pipeline/tables/interop/node_modules", m), 0o755); err != nil {
					s.t.Fatal(err)
				}
			}
		default:
			s.stub(n, stubBodies[n])
		}
	}
}

// aptGet installs a stub apt-get that "installs" each package it is asked
// for by creating its stub; with fail set, install fails.
func (s *sandbox) aptGet(fail bool) {
	body := `[ "$1" = update ] && exit 0
[ "$1" = install ] || exit 100
` + func() string {
		if fail {
			return `echo "E: Unable to locate package chromium"; exit 100`
		}
		return ""
	}() + `
for p in "$@"; do
  case "$p" in
    -*|install) ;;
    nodejs) cp "` + s.bin + `/.pkg-bare" "` + s.bin + `/node" ;;
    time) cp "` + s.bin + `/.pkg-bare" "` + s.timeBin + `" ;;
    npm) cp "` + s.bin + `/.pkg-npm" "` + s.bin + `/npm" ;;
    *) cp "` + s.bin + `/.pkg-bare" "` + s.bin + `/$p" ;;
  esac
done`
	s.stub("apt-get", body)
	// What apt-get "installs": the same stubs present() makes.
	s.stub(".pkg-bare", "")
	s.stub(".pkg-npm", stubBodies["npm"])
}

func (s *sandbox) run(env ...string) (code int, out string) {
	s.t.Helper()
	cmd := exec.Command(filepath.Join(s.bin, "bash"), filepath.Join(s.root, "scripts/setup.sh"))
	cmd.Env = append([]string{"PATH=" + s.bin, "TIME_BIN=" + s.timeBin, "HOME=" + s.root}, env...)
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), b.String()
	}
	if err != nil {
		s.t.Fatal(err)
	}
	return 0, b.String()
}

func (s *sandbox) calls() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

func TestSetup(t *testing.T) {
	all := []string{"node", "npm", "chromium", "time", "make", "node_modules"}
	tests := []struct {
		name     string
		present  []string
		apt      string // "", "ok", "fail"
		env      []string
		wantCode int
		wantOut  []string // each must appear in the output
		wantCall []string // each must appear in the stub call log
		noCall   []string // none may appear in it
		quiet    bool     // no output at all
	}{
		{name: "everything present: silent, installs nothing",
			present: all, apt: "ok", quiet: true,
			wantCall: []string{"go mod download"}, noCall: []string{"apt-get", "npm ci"}},
		{name: "fresh machine as root: installs the missing packages",
			present: []string{"make"}, apt: "ok",
			wantOut:  []string{"installing nodejs npm chromium time with apt-get", "installing the DuckDB and polars modules"},
			wantCall: []string{"apt-get update", "apt-get install -y -q nodejs npm chromium time", "npm ci", "go mod download"}},
		{name: "only chromium missing",
			present: []string{"node", "npm", "time", "make", "node_modules"}, apt: "ok",
			wantOut:  []string{"installing chromium with apt-get"},
			wantCall: []string{"apt-get install -y -q chromium"}, noCall: []string{"npm ci"}},
		{name: "only the polars module missing: npm ci",
			present: []string{"node", "npm", "chromium", "time", "make", "duckdb_only"}, apt: "ok",
			wantOut:  []string{"installing the DuckDB and polars modules"},
			wantCall: []string{"npm ci"}, noCall: []string{"apt-get"}},
		{name: "not root and no sudo: says what to run, installs nothing",
			present: []string{"node", "npm", "time", "make", "node_modules"}, apt: "ok", env: []string{"STUB_UID=1000"},
			wantCode: 2, wantOut: []string{"missing: chromium", "sudo apt-get install chromium", "make test-short"},
			noCall: []string{"apt-get", "go mod download"}},
		{name: "not root with password-less sudo: installs through sudo",
			present: []string{"node", "npm", "time", "make", "node_modules", "sudo"}, apt: "ok", env: []string{"STUB_UID=1000"},
			wantCall: []string{"sudo -n true", "sudo -n apt-get install -y -q chromium"}},
		{name: "no apt-get: names the packages",
			present:  []string{"node", "npm", "make", "node_modules"},
			wantCode: 2, wantOut: []string{"missing: chromium time", "no apt-get", "make test-short"}},
		{name: "apt-get fails: its last lines and a clear error",
			present: []string{"node", "npm", "time", "make", "node_modules"}, apt: "fail",
			wantCode: 2, wantOut: []string{"Unable to locate package chromium", "apt-get could not install chromium"}},
		{name: "no Go: says where to get it",
			present: all, env: []string{"GO=go-missing"},
			wantCode: 2, wantOut: []string{"Go (1.26 or later) is not on PATH"}, noCall: []string{"apt-get"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSandbox(t)
			s.present(tc.present...)
			if tc.apt != "" {
				s.aptGet(tc.apt == "fail")
			}
			code, out := s.run(tc.env...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d; output:\n%s", code, tc.wantCode, out)
			}
			if tc.quiet && out != "" {
				t.Errorf("want no output, got:\n%s", out)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			calls := s.calls()
			for _, w := range tc.wantCall {
				if !strings.Contains(calls, w) {
					t.Errorf("no call %q; calls:\n%s", w, calls)
				}
			}
			for _, w := range tc.noCall {
				if strings.Contains(calls, w) {
					t.Errorf("unexpected call %q; calls:\n%s", w, calls)
				}
			}
			if code == 0 {
				// Idempotent: a second run finds everything and says nothing.
				os.Remove(s.log)
				if code, out := s.run(tc.env...); code != 0 || out != "" {
					t.Errorf("second run: exit %d, output %q; want 0 and nothing", code, out)
				}
				if calls := s.calls(); strings.Contains(calls, "apt-get") || strings.Contains(calls, "npm ci") {
					t.Errorf("second run installed again:\n%s", calls)
				}
			}
		})
	}
}
