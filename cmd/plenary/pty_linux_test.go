//go:build linux

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the master to read what a terminal
// would show, the slave to hand the program as its stderr.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	master = os.NewFile(uintptr(fd), "ptmx")
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		t.Skipf("open pts: %v", err)
	}
	return master, slave
}

// plenary run on a terminal, as a person sees it: the bar, then the
// one-line summary on a line of its own, ending the output with a newline
// (before, the shell's next output was glued to the bar).
func TestRunOnTerminal(t *testing.T) {
	master, slave := openPTY(t)
	defer master.Close()
	const cols = 64 // the library narrows the bar to fit: a frame that wraps is not redrawn in place
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: cols}); err != nil {
		t.Fatal(err)
	}
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() { io.Copy(&screen, master); close(read) }() // ends with EIO once the slave closes

	in := t.TempDir()
	for i := range 40 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("r%02d.txt", i)), []byte(fmt.Sprintf("Chairman Nurlan Seitkali met workers in Aktobe on day %d.\n", i)), 0o644)
	}
	os.WriteFile(filepath.Join(in, "notes.pdf"), []byte("%PDF"), 0o644)
	out := t.TempDir()
	old := os.Stderr
	os.Stderr = slave
	code := runCLI(t, "run", "-o", out, in)
	os.Stderr = old
	slave.Close()
	<-read
	if code != 0 {
		t.Fatalf("exit %d:\n%q", code, screen.String())
	}
	s := strings.ReplaceAll(screen.String(), "\r\n", "\n") // the terminal's line ending
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if !strings.HasSuffix(s, "\n") || len(lines) != 2 {
		t.Fatalf("want the bar's line, then the summary's, each ended:\n%q", s)
	}
	for _, f := range strings.Split(lines[0], "\r") {
		if w := utf8.RuneCountInString(strings.TrimSuffix(f, "\x1b[0K")); w > cols {
			t.Errorf("frame of %d columns on a terminal of %d: %q", w, cols, f)
		}
	}
	bar := strings.TrimSuffix(lines[0][strings.LastIndex(lines[0], "\r")+1:], "\x1b[0K") // progressbar/v3's frame
	if m := regexp.MustCompile(`^ 100% \[=+\] \((\d+\.\d)/(\d+\.\d) kB, [^)]+/s\) documents 40 $`).FindStringSubmatch(bar); m == nil || m[1] != m[2] {
		t.Errorf("last frame of the bar: %q", bar)
	}
	if want := "plenary: 40 documents (40 ok, 0 failed, 1 skipped), "; !strings.HasPrefix(lines[1], want) || !strings.Contains(lines[1], "kB") {
		t.Errorf("summary line %q, want it to start %q and count kB", lines[1], want)
	}
}

// Ctrl-C during a run with a bar: the message starts a line of its own
// instead of being glued to the bar ("ETA 3s^Cplenary: interrupt: …").
func TestSignalMessageAfterBar(t *testing.T) {
	for _, bar := range []bool{true, false} {
		out := captureStderr(t, func() {
			stop, _, release := onSignals(bar)
			defer release()
			if err := unix.Kill(os.Getpid(), unix.SIGINT); err != nil { // caught: onSignals has it
				t.Fatal(err)
			}
			<-stop
		})
		if want := bar; strings.HasPrefix(out, "\nplenary: interrupt") != want || !strings.Contains(out, "plenary: interrupt: finishing") {
			t.Errorf("bar=%v: message %q", bar, out)
		}
	}
}
