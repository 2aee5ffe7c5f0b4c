package ingest

import (
	"strings"
	"testing"
)

// Plain text piped to stdin: one error row that says stdin is JSON Lines
// and how to give a text (it was "invalid JSON: invalid character 'P'" for
// every line); --stdin-format text reads it as one document.
func TestStdinText(t *testing.T) {
	text := "Plenary session of the union.\nChairman Nurlan Seitkali spoke.\n"
	items := collect([]string{"-"}, Options{}, text)
	if len(items) != 1 || itemKind(items[0]) != "err" {
		t.Fatalf("items %+v, want one error row", items)
	}
	msg := items[0].Err.Message
	for _, want := range []string{"not JSON Lines", "--stdin-format text", "plenary run report.txt"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}

	items = collect([]string{"-"}, Options{StdinFormat: "text", IDPrefix: "p/"}, text)
	if len(items) != 1 || itemKind(items[0]) != "doc" {
		t.Fatalf("--stdin-format text: items %+v", items)
	}
	if d := items[0].Doc; d.Text != text || d.ID != "p/stdin" || d.Source != "<stdin>" {
		t.Errorf("doc %+v", d)
	}
	// Still JSON Lines by default when it is.
	items = collect([]string{"-"}, Options{}, `{"id":"a","text":"A."}`+"\n"+`oops`+"\n")
	if len(items) != 2 || itemKind(items[0]) != "doc" || !strings.Contains(items[1].Err.Message, "invalid JSON") {
		t.Errorf("JSON Lines with a bad line: %+v", items)
	}
	// Empty text on stdin is a document with a warning, as an empty file.
	items = collect([]string{"-"}, Options{StdinFormat: "text"}, "")
	if len(items) != 2 || itemKind(items[0]) != "warn" || itemKind(items[1]) != "doc" {
		t.Errorf("empty stdin text: %+v", items)
	}
}
