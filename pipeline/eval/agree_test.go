package eval

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The agreement tests compare Score and Render with score.py's own output,
// generated once by testdata/gen.py (see testdata/README.md).

var dumpShared = flag.String("dump-shared", "", "write the shared-corpus prediction sets to this folder (for testdata/gen.py)")

// sharedCorpus is ../shared/corpus beside the repository (from this
// package's folder), where CI and the developers' machines put it; the
// tests that read it skip when it is absent.
const sharedCorpus = "../../../shared/corpus"

type agreeCase struct {
	Name   string   `json:"name"`
	Corpus string   `json:"corpus"`
	Pred   string   `json:"pred"`
	Args   []string `json:"args"`
}

// optionsFromArgs reads the score.py flags used in cases.json.
func optionsFromArgs(t *testing.T, args []string) Options {
	var opt Options
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--per-doc":
			opt.PerDoc = true
		case "--errors":
			i++
			fmt.Sscan(args[i], &opt.Errors)
		case "--tables":
			i++
			ts, err := ParseTables(args[i])
			if err != nil {
				t.Fatal(err)
			}
			opt.Tables = ts
		default:
			t.Fatalf("unknown flag %s", args[i])
		}
	}
	return opt
}

func TestAgreementMini(t *testing.T) {
	data, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []agreeCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			c, err := LoadCorpus(filepath.Join("testdata", tc.Corpus))
			if err != nil {
				t.Fatal(err)
			}
			preds, _, err := ReadPredictions(filepath.Join("testdata", tc.Pred))
			if err != nil {
				t.Fatal(err)
			}
			res := Score(c, preds, optionsFromArgs(t, tc.Args))
			got, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", "expected", tc.Name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			compareResults(t, want, got)

			var buf bytes.Buffer
			if err := Render(&buf, res); err != nil {
				t.Fatal(err)
			}
			wantText, err := os.ReadFile(filepath.Join("testdata", "expected", tc.Name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if buf.String() != string(wantText) {
				t.Errorf("Render differs from score.py\n--- got\n%s\n--- want\n%s", buf.String(), wantText)
			}
		})
	}
}

// TestAgreementShared scores prediction sets made from the shared corpus's
// gold (perturbed by the functions below, at test time, so that no text of
// those reports is stored here) and compares with score.py's figures.
func TestAgreementShared(t *testing.T) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Skipf("%s not available", sharedCorpus)
	}
	c, err := LoadCorpus(sharedCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range perturbations {
		preds := map[string]Prediction{}
		var list []Prediction
		for i, d := range c.Docs {
			p, ok := set.fn(clonePrediction(d.Gold), i)
			if !ok {
				continue
			}
			p.ID = d.ID
			preds[d.ID] = p
			list = append(list, p)
		}
		if *dumpShared != "" {
			if err := WritePredictions(filepath.Join(*dumpShared, set.name), list); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Run(set.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "shared", set.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			// Score the predictions as score.py read them: through their JSON.
			var round map[string]Prediction
			b, _ := json.Marshal(preds)
			if err := json.Unmarshal(b, &round); err != nil {
				t.Fatal(err)
			}
			res := Score(c, round, Options{PerDoc: true, Errors: 100000})
			got, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			compareResults(t, want, got)
		})
	}
}

// compareResults requires got to have want's keys in want's order, equal
// strings, and numbers within 1e-9; "warnings" are not compared (their texts
// name files and Python exceptions). A string "sha256:HEX" in want stands for
// a list of strings joined by newlines.
func compareResults(t *testing.T, want, got []byte) {
	t.Helper()
	w, err := parseOrdered(want)
	if err != nil {
		t.Fatalf("want: %v", err)
	}
	g, err := parseOrdered(got)
	if err != nil {
		t.Fatalf("got: %v", err)
	}
	wo, go_ := w.(orderedObj), g.(orderedObj)
	wo = wo.without("warnings")
	go_ = go_.without("warnings")
	var diffs []string
	compareNode("$", wo, go_, &diffs)
	for i, d := range diffs {
		if i == 20 {
			t.Errorf("... %d more", len(diffs)-20)
			break
		}
		t.Error(d)
	}
}

type orderedObj []struct {
	key string
	val any
}

func (o orderedObj) without(key string) orderedObj {
	var out orderedObj
	for _, m := range o {
		if m.key != key {
			out = append(out, m)
		}
	}
	return out
}

func parseOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return parseNode(dec)
}

func parseNode(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			obj := orderedObj{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				val, err := parseNode(dec)
				if err != nil {
					return nil, err
				}
				obj = append(obj, struct {
					key string
					val any
				}{k.(string), val})
			}
			_, err := dec.Token()
			return obj, err
		case '[':
			arr := []any{}
			for dec.More() {
				val, err := parseNode(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, val)
			}
			_, err := dec.Token()
			return arr, err
		}
	}
	return tok, nil
}

func compareNode(path string, want, got any, diffs *[]string) {
	bad := func(format string, a ...any) { *diffs = append(*diffs, path+": "+fmt.Sprintf(format, a...)) }
	switch w := want.(type) {
	case orderedObj:
		g, ok := got.(orderedObj)
		if !ok {
			bad("want an object, got %v", got)
			return
		}
		var wk, gk []string
		for _, m := range w {
			wk = append(wk, m.key)
		}
		for _, m := range g {
			gk = append(gk, m.key)
		}
		if strings.Join(wk, ",") != strings.Join(gk, ",") {
			bad("keys %v, want %v", gk, wk)
			return
		}
		for i := range w {
			compareNode(path+"."+w[i].key, w[i].val, g[i].val, diffs)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			bad("got %v, want %v", got, want)
			return
		}
		for i := range w {
			compareNode(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], diffs)
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			bad("got %v, want %v", got, want)
			return
		}
		wf, _ := w.Float64()
		gf, _ := g.Float64()
		if math.Abs(wf-gf) > 1e-9 {
			bad("got %v, want %v", g, w)
		}
	case string:
		if h, ok := strings.CutPrefix(w, "sha256:"); ok {
			if g, isList := got.([]any); isList {
				var items []string
				for _, x := range g {
					s, _ := x.(string)
					items = append(items, s)
				}
				sum := sha256.Sum256([]byte(strings.Join(items, "\n")))
				if hex.EncodeToString(sum[:]) != h {
					bad("list differs from score.py's (by hash): %q", items)
				}
				return
			}
		}
		if got != want {
			bad("got %#v, want %#v", got, want)
		}
	default:
		if got != want {
			bad("got %#v, want %#v", got, want)
		}
	}
}
