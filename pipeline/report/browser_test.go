//go:build unix

package report

import (
	"bytes"
	"context"
	"encoding/json"
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

	"plenary/pipeline/eval"
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

// layoutProbe runs in the page after the report's own script and writes
// what a reader would see into <pre id="probe"> as JSON: elements shown in
// the missed red that are not missed items, F1 delta badges broken over
// two lines, and nested highlights (an organization inside another) whose
// underlines fall on the same line, so the two cannot be told apart.
const layoutProbe = `<script>
(function () {
  var red = getComputedStyle(document.documentElement).getPropertyValue("--x-fg").trim();
  var probe = document.createElement("span");
  probe.style.color = red;
  document.body.appendChild(probe);
  red = getComputedStyle(probe).color;
  probe.remove();
  var out = { redNotMissed: [], wrappedDeltas: [], nested: 0, nestedSameBottom: [] };
  document.querySelectorAll("main *").forEach(function (el) {
    var cs = getComputedStyle(el);
    var redText = cs.color === red && el.textContent.trim() !== "";
    var redBorder = cs.borderLeftColor === red && parseFloat(cs.borderLeftWidth) > 0;
    if ((redText || redBorder) && !el.closest("li.missed, mark.missed, .delta.down, .verdict, .tally")) {
      out.redNotMissed.push(el.tagName + "." + el.className + ": " + el.textContent.trim().slice(0, 60));
    }
  });
  document.querySelectorAll(".delta").forEach(function (el) {
    var head = el.closest(".f1") || el;
    if (el.getClientRects().length > 1 || head.getClientRects().length > 1) {
      out.wrappedDeltas.push(head.textContent.trim());
    }
  });
  document.querySelectorAll("mark.hl mark.hl").forEach(function (inner) {
    var outer = inner.parentElement.closest("mark.hl");
    out.nested++;
    if (outer.getBoundingClientRect().bottom - inner.getBoundingClientRect().bottom < 2) {
      out.nestedSameBottom.push(outer.textContent + " / " + inner.textContent);
    }
  });
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`

// overlapDoc is a document whose gold organization holds the predicted one
// ("Federation of Trade Unions of Kazakhstan" missed, "Federation of Trade
// Unions" spurious): two highlights, one inside the other.
func overlapDoc(t *testing.T) DocView {
	t.Helper()
	dir := t.TempDir()
	text := "The Federation of Trade Unions of Kazakhstan met in Almaty."
	gold := `{"id": "overlap", "url": null, "published": null, "people": [],
 "organizations": [{"name": "Federation of Trade Unions of Kazakhstan", "aliases": []}],
 "locations": [{"name": "Almaty", "aliases": []}], "dates": [], "quotes": []}`
	os.WriteFile(filepath.Join(dir, "overlap.txt"), []byte(text), 0o644)
	os.WriteFile(filepath.Join(dir, "overlap.gold.json"), []byte(gold), 0o644)
	c, err := eval.LoadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	pred := eval.Prediction{ID: "overlap", Organizations: []eval.Entity{{Name: "Federation of Trade Unions"}}, Locations: []eval.Entity{{Name: "Almaty"}}}
	res := eval.Score(c, map[string]eval.Prediction{"overlap": pred}, eval.Options{})
	return NewDocView(DocInput{ID: "overlap", Text: text, Gold: c.Docs[0].Gold, Pred: &pred, Detail: res.Details[0]})
}

// What the eval report looks like on a narrow window: red only for missed
// items, each F1 delta badge on one line with its figure, and overlapping
// highlights drawn so that both stay visible.
func TestBrowserEvalLayout(t *testing.T) {
	bin := chromiumPath(t)
	e, err := NewEval("eval.json", fixtureComparisonEval(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, docs, _ := fixtureEval(t, true)
	e.Docs = append(docs, overlapDoc(t))
	page := strings.Replace(render(t, Page{Eval: e, Version: "test"}), "</body>", layoutProbe+"</body>", 1)
	path := filepath.Join(t.TempDir(), "eval.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, width := range []string{"1280", "760"} {
		root := parseHTML(t, string(chromium(t, bin, path, "--window-size="+width+",2000", "--dump-dom")))
		pr := byID(root, "probe")
		if pr == nil {
			t.Fatal("the layout probe did not run")
		}
		var got struct {
			RedNotMissed     []string `json:"redNotMissed"`
			WrappedDeltas    []string `json:"wrappedDeltas"`
			Nested           int      `json:"nested"`
			NestedSameBottom []string `json:"nestedSameBottom"`
		}
		if err := json.Unmarshal([]byte(textOf(pr)), &got); err != nil {
			t.Fatalf("probe: %v: %s", err, textOf(pr))
		}
		if len(got.RedNotMissed) > 0 {
			t.Errorf("width %s: red on what is not missed: %q", width, got.RedNotMissed)
		}
		if len(got.WrappedDeltas) > 0 {
			t.Errorf("width %s: F1 delta badges broken over lines: %q", width, got.WrappedDeltas)
		}
		if got.Nested == 0 {
			t.Errorf("width %s: the overlapping organizations are not nested highlights", width)
		}
		if len(got.NestedSameBottom) > 0 {
			t.Errorf("width %s: nested highlights share their underline: %q", width, got.NestedSameBottom)
		}
	}
}
