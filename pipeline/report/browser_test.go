//go:build unix

package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The browser test renders both reports in headless Chromium (Debian package
// chromium), checks the DOM after the page's script ran, and takes
// screenshots. It skips when chromium is missing, unless
// PLENARY_REQUIRE_BROWSER=1 (make browser-test), which makes that a failure.
// go test -short (make test-short) skips it unless it is required.
// PLENARY_SCREENSHOT_DIR keeps the screenshots for a person to look at.

func chromiumPath(t *testing.T) string {
	t.Helper()
	required := os.Getenv("PLENARY_REQUIRE_BROWSER") == "1"
	if testing.Short() && !required {
		t.Skip("-short: no browser")
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		if required {
			t.Fatal("chromium is not installed and PLENARY_REQUIRE_BROWSER=1 (scripts/setup.sh installs it)")
		}
		t.Skip("chromium is not installed")
	}
	return p
}

// chromium runs headless Chromium on a file with a fresh profile and returns
// its standard output.
func chromium(t *testing.T, bin, page string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	all := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
		"--user-data-dir=" + t.TempDir(), "--window-size=1280,2000", "--hide-scrollbars",
	}, args...)
	all = append(all, "file://"+page)
	cmd := exec.CommandContext(ctx, bin, all...)
	// Chromium starts helper processes: kill the whole group on timeout.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	return stdout.Bytes()
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// screenshot takes a 1280x2000 screenshot and checks it: a PNG of that size
// holding at least minPixels pixels near each of the given colors.
func screenshot(t *testing.T, bin, page, name string, colors map[string][3]uint8, minPixels int) {
	t.Helper()
	dir := os.Getenv("PLENARY_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	_ = os.Remove(out)
	chromium(t, bin, page, "--screenshot="+out)
	f, err := os.Open(out)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", out, err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot is %dx%d", b.Dx(), b.Dy())
	}
	for what, c := range colors {
		if n := countNear(img, c); n < minPixels {
			t.Errorf("screenshot %s: %d pixels of %s (%v), want at least %d", name, n, what, c, minPixels)
		}
	}
	t.Logf("screenshot: %s", out)
}

func countNear(img image.Image, c [3]uint8) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c[0]) && near(g>>8, c[1]) && near(bl>>8, c[2]) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, c uint8) bool { d := int(v) - int(c); return d > -8 && d < 8 }

func writePage(t *testing.T, dir, name string, p Page) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(render(t, p)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBrowserEvalReport(t *testing.T) {
	bin := chromiumPath(t)
	data, docs, _ := fixtureEval(t, true)
	e, err := NewEval("eval.json", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.Docs = docs
	page := writePage(t, t.TempDir(), "eval.html", Page{Eval: e, Version: "test"})

	root := parseHTML(t, string(chromium(t, bin, page, "--dump-dom")))
	checkScriptRan(t, root)
	checkEvalDOM(t, root, true)
	if f := byID(root, "hlfilters"); f == nil || hasAttr(f, "hidden") {
		t.Error("the highlight filters are not shown although the script ran")
	}
	screenshot(t, bin, page, "eval-report.png", map[string][3]uint8{
		"bars (now)":          {0x2f, 0x5f, 0xd0},
		"bars (baseline)":     {0xb6, 0xc0, 0xd2},
		"matched highlights":  {0xd5, 0xf2, 0xdc},
		"missed highlights":   {0xfb, 0xd9, 0xd9},
		"spurious highlights": {0xff, 0xe6, 0xbf},
	}, 150)
}

func TestBrowserRunReport(t *testing.T) {
	bin := chromiumPath(t)
	dir, counts := writeRun(t, "parquet")
	r, err := ReadRun(dir, 10)
	if err != nil {
		t.Fatal(err)
	}
	page := writePage(t, t.TempDir(), "run.html", Page{Run: r, Version: "test"})

	root := parseHTML(t, string(chromium(t, bin, page, "--dump-dom")))
	checkScriptRan(t, root)
	checkHostile(t, root, hostileScript, hostileImg)
	// The quote browser's script ran: filters shown, every row visible.
	if f := byID(root, "qfilters"); f == nil || hasAttr(f, "hidden") {
		t.Error("the quote filters are not shown although the script ran")
	}
	want := fmt.Sprintf("%d of %d quotes shown", counts["quotes"], counts["quotes"])
	if c := byID(root, "qcount"); c == nil || textOf(c) != want {
		t.Errorf("quote count %q, want %q", textOf(c), want)
	}
	for _, table := range []string{"documents", "people", "quotes"} {
		cards := findAll(root, func(x *html.Node) bool { v, _ := attr(x, "data-table"); return hasClass(x, "stat") && v == table })
		if len(cards) != 1 || !strings.HasPrefix(textOf(cards[0]), fmt.Sprint(counts[table])) {
			t.Errorf("%s count card missing or wrong", table)
		}
	}
	screenshot(t, bin, page, "run-report.png", map[string][3]uint8{
		"header": {0x1f, 0x2a, 0x44},
		"bars":   {0xc7, 0xd7, 0xfb},
	}, 150)
}

func checkScriptRan(t *testing.T, root *html.Node) {
	t.Helper()
	h := elements(root, "html")
	if len(h) != 1 {
		t.Fatal("no <html> in the dumped DOM")
	}
	if v, _ := attr(h[0], "data-js"); v != "on" {
		t.Error("the report's script did not run")
	}
}

func hasAttr(n *html.Node, key string) bool { _, ok := attr(n, key); return ok }
