package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The identity agreement tests compare ScoreIdentity with
// score_identity.py's own output, generated once by
// testdata/identity/gen.py (see testdata/README.md).

var dumpIdentity = flag.String("dump-identity", "", "write the shared-corpus identity prediction sets to this folder (for testdata/identity/gen.py)")

func scoreIdentityFiles(t *testing.T, corpusDir, goldPath, predPath string) IdentityResult {
	t.Helper()
	c, err := LoadCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := ReadIdentity(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	pred, err := ReadIdentity(predPath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ScoreIdentity(gold, pred, IdentityAliases(c, gold))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sameFigures compares two score_identity.py --json objects: every key,
// numbers to 1e-12, nulls as nulls.
func sameFigures(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w map[string]any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, a, b any)
	walk = func(path string, a, b any) {
		switch b := b.(type) {
		case map[string]any:
			am, ok := a.(map[string]any)
			if !ok || len(am) != len(b) {
				t.Errorf("%s: got %v, want %v", path, a, b)
				return
			}
			for k := range b {
				walk(path+"."+k, am[k], b[k])
			}
		case float64:
			af, ok := a.(float64)
			if !ok || math.Abs(af-b) > 1e-12 {
				t.Errorf("%s: got %v, want %v", path, a, b)
			}
		default:
			if a != b {
				t.Errorf("%s: got %v, want %v", path, a, b)
			}
		}
	}
	walk("", g, w)
}

func TestIdentityAgreement(t *testing.T) {
	dir := filepath.Join("testdata", "identity")
	data, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			res := scoreIdentityFiles(t, filepath.Join(dir, "corpus"), filepath.Join(dir, "identity.json"), filepath.Join(dir, "preds", name+".json"))
			got, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, "expected", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			sameFigures(t, got, want)
			text, err := os.ReadFile(filepath.Join(dir, "expected", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if lines := identityLines(res); lines != string(text) {
				t.Errorf("text:\n%s\nscore_identity.py:\n%s", lines, text)
			}
		})
	}
}

// Wrong merges and splits are listed as score_identity.py --explain lists them.
func TestIdentityExplain(t *testing.T) {
	dir := filepath.Join("testdata", "identity")
	res := scoreIdentityFiles(t, filepath.Join(dir, "corpus"), filepath.Join(dir, "identity.json"), filepath.Join(dir, "preds", "messy.json"))
	var b bytes.Buffer
	if err := RenderIdentity(&b, res, 10); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"  - {alpha|Serikbol Amanzholov} + {beta|A. Seitkali}",
		"  - {beta|S. Amanzholov} + {gamma|Askar Seitkali}",
		"  - {alpha|Serikbol Amanzholov} / {beta|S. Amanzholov} / {gamma|SERIKBOL AMANJOLOV}",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}

// identitySets perturbs a gold identity file into prediction sets: the gold
// itself, neighbouring clusters merged, every cluster split, every third
// member dropped, members renamed to one of their gold aliases.
func identitySets(gold [][]Member, c *Corpus) map[string][][]Member {
	sets := map[string][][]Member{"gold": gold}
	var merged, split, dropped, aliased [][]Member
	for i := 0; i < len(gold); i += 2 {
		cl := slices.Clone(gold[i])
		if i+1 < len(gold) {
			cl = append(cl, gold[i+1]...)
		}
		merged = append(merged, cl)
	}
	n := 0
	aliases := map[memberKey][]string{}
	for _, d := range c.Docs {
		for _, p := range d.Gold.People {
			aliases[memberKey{d.ID, Normalize(p.Name, true)}] = p.Aliases
		}
	}
	for _, cl := range gold {
		var kept, renamed []Member
		for _, m := range cl {
			split = append(split, []Member{m})
			if n++; n%3 != 0 {
				kept = append(kept, m)
			}
			if as := aliases[keyOf(m)]; len(as) > 0 {
				m.Name = as[0]
			}
			renamed = append(renamed, m)
		}
		dropped = append(dropped, kept)
		aliased = append(aliased, renamed)
	}
	sets["merged"], sets["split"], sets["dropped"], sets["aliased"] = merged, split, dropped, aliased
	return sets
}

// TestIdentityAgreementShared scores perturbed versions of the shared
// corpora's identity gold and compares with score_identity.py's figures.
func TestIdentityAgreementShared(t *testing.T) {
	for _, corpus := range []string{"corpus", "corpus-2"} {
		cdir := filepath.Join(filepath.Dir(sharedCorpus), corpus)
		if _, err := os.Stat(filepath.Join(cdir, IdentityFile)); err != nil {
			t.Skipf("%s has no identity.json", cdir)
		}
		c, err := LoadCorpus(cdir)
		if err != nil {
			t.Fatal(err)
		}
		gold, err := ReadIdentity(filepath.Join(cdir, IdentityFile))
		if err != nil {
			t.Fatal(err)
		}
		for name, pred := range identitySets(gold, c) {
			if *dumpIdentity != "" {
				d := filepath.Join(*dumpIdentity, corpus)
				os.MkdirAll(d, 0o755)
				os.WriteFile(filepath.Join(d, "CORPUS"), []byte(cdir), 0o644)
				if err := WriteIdentity(filepath.Join(d, name+".json"), pred); err != nil {
					t.Fatal(err)
				}
				continue
			}
			t.Run(corpus+"/"+name, func(t *testing.T) {
				res, err := ScoreIdentity(gold, pred, IdentityAliases(c, gold))
				if err != nil {
					t.Fatal(err)
				}
				got, _ := json.Marshal(res)
				want, err := os.ReadFile(filepath.Join("testdata", "identity", "shared", corpus, name+".json"))
				if err != nil {
					t.Fatal(err)
				}
				sameFigures(t, got, want)
			})
		}
	}
}

// The gate: a baseline keeps the identity figures, merges and splits; a new
// wrong merge or split, or an F1 drop past the tolerance, is a regression.
func TestIdentityGate(t *testing.T) {
	dir := filepath.Join("testdata", "identity")
	score := func(pred string) *IdentityResult {
		r := scoreIdentityFiles(t, filepath.Join(dir, "corpus"), filepath.Join(dir, "identity.json"), filepath.Join(dir, "preds", pred+".json"))
		return &r
	}
	base := NewBaseline(Result{Identity: score("perfect")}, nil, "test")
	if base.Identity == nil || *base.Identity.PairwiseF1 != 1 || len(base.Identity.WrongMerges) != 0 {
		t.Fatalf("baseline identity = %+v", base.Identity)
	}
	if c := Compare(&base, Result{Identity: score("perfect")}, 0.005, false, nil); c.Regression {
		t.Errorf("the same identity regressed: %v", c.Reasons)
	}
	c := Compare(&base, Result{Identity: score("allinone")}, 0.005, false, nil)
	if !c.Regression || c.Identity == nil || len(c.Identity.NewMerges) != 1 {
		t.Fatalf("everyone merged: regression %v, changes %+v, reasons %v", c.Regression, c.Identity, c.Reasons)
	}
	var b bytes.Buffer
	if err := RenderComparison(&b, c); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"identity pairwise", "identity B-cubed", "new wrong merges", "new wrong merge(s) of persons"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("comparison lacks %q:\n%s", want, b.String())
		}
	}
	// Back from everyone merged: merges gone, no regression.
	worse := NewBaseline(Result{Identity: score("allinone")}, nil, "test")
	if c := Compare(&worse, Result{Identity: score("perfect")}, 0.005, false, nil); c.Regression || len(c.Identity.MergesGone) != 1 {
		t.Errorf("fixing the merges: regression %v (%v), changes %+v", c.Regression, c.Reasons, c.Identity)
	}
	// A baseline made without identity.json only warns.
	if c := Compare(&Baseline{}, Result{Identity: score("perfect")}, 0.005, false, nil); c.Regression || len(c.Warnings) == 0 {
		t.Errorf("no identity in the baseline: regression %v, warnings %v", c.Regression, c.Warnings)
	}
}
