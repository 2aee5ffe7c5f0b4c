package roles

// A development harness, not a unit test: with PLENARY_DEV_CORPUS=DIR it runs
// segment, entities and roles over every DIR/<id>.txt and scores people,
// organizations, locations and roles against <id>.gold.json by FORMAT.md's
// rules, printing the figures and (with -v) the errors. Without the variable
// it is skipped.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"plenary/pipeline/eval"

	"plenary/pipeline/entities"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/segment"
)

type goldItem struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Roles   []struct {
		Title string  `json:"title"`
		Org   *string `json:"org"`
	} `json:"roles"`
}

type goldDoc struct {
	People        []goldItem `json:"people"`
	Organizations []goldItem `json:"organizations"`
	Locations     []goldItem `json:"locations"`
}

// devNorm is the scorer's name normalization (FORMAT.md).
func devNorm(s string) string { return eval.Normalize(s, true) }

// match is a maximum bipartite matching of preds onto golds.
func match(nPred, nGold int, ok func(p, g int) bool) []int {
	owner := make([]int, nGold)
	for i := range owner {
		owner[i] = -1
	}
	pg := make([]int, nPred)
	for i := range pg {
		pg[i] = -1
	}
	var try func(p int, seen []bool) bool
	try = func(p int, seen []bool) bool {
		for g := 0; g < nGold; g++ {
			if seen[g] || !ok(p, g) {
				continue
			}
			seen[g] = true
			if owner[g] < 0 || try(owner[g], seen) {
				owner[g] = p
				pg[p] = g
				return true
			}
		}
		return false
	}
	for p := 0; p < nPred; p++ {
		try(p, make([]bool, nGold))
	}
	return pg
}

type counts struct{ tp, pred, gold int }

func (c counts) String() string {
	p := float64(c.tp) / float64(max(c.pred, 1))
	r := float64(c.tp) / float64(max(c.gold, 1))
	f := 2 * float64(c.tp) / float64(max(c.pred+c.gold, 1))
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (tp %d pred %d gold %d)", p, r, f, c.tp, c.pred, c.gold)
}

func goldMatches(g goldItem, name string) bool {
	n := devNorm(name)
	if devNorm(g.Name) == n {
		return true
	}
	for _, a := range g.Aliases {
		if devNorm(a) == n {
			return true
		}
	}
	return false
}

func TestDevCorpus(t *testing.T) {
	dir := os.Getenv("PLENARY_DEV_CORPUS")
	if dir == "" {
		t.Skip("PLENARY_DEV_CORPUS not set")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	sort.Strings(files)
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	lx := lexicon.MustLoadEmbedded()
	f := entities.New(lx)
	tables := map[string]*counts{"people": {}, "organizations": {}, "locations": {}, "roles": {}}
	for _, gf := range files {
		id := strings.TrimSuffix(filepath.Base(gf), ".gold.json")
		txt, err := os.ReadFile(filepath.Join(dir, id+".txt"))
		if err != nil {
			continue
		}
		var g goldDoc
		b, _ := os.ReadFile(gf)
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", gf, err)
		}
		d := seg.Segment(string(txt))
		res := f.Find(d)
		rs := Find(d, res, lx)
		score := func(name string, preds []string, gold []goldItem) {
			pg := match(len(preds), len(gold), func(p, gi int) bool { return goldMatches(gold[gi], preds[p]) })
			c := tables[name]
			c.pred += len(preds)
			c.gold += len(gold)
			used := map[int]bool{}
			for p, gi := range pg {
				if gi >= 0 {
					c.tp++
					used[gi] = true
				} else {
					t.Logf("%s %s FP %q", id, name, preds[p])
				}
			}
			for gi, gd := range gold {
				if !used[gi] {
					t.Logf("%s %s FN %q", id, name, gd.Name)
				}
			}
		}
		var pp, oo, ll []string
		for _, p := range res.People {
			pp = append(pp, p.Name)
		}
		for _, o := range res.Organizations {
			oo = append(oo, o.Name)
		}
		for _, l := range res.Locations {
			ll = append(ll, l.Name)
		}
		score("people", pp, g.People)
		score("organizations", oo, g.Organizations)
		score("locations", ll, g.Locations)
		// roles
		type gr struct {
			person goldItem
			title  string
		}
		var grs []gr
		for _, p := range g.People {
			for _, r := range p.Roles {
				grs = append(grs, gr{p, r.Title})
			}
		}
		pg := match(len(rs), len(grs), func(p, gi int) bool {
			return goldMatches(grs[gi].person, rs[p].PersonName) && devNorm(rs[p].Title) == devNorm(grs[gi].title)
		})
		c := tables["roles"]
		c.pred += len(rs)
		c.gold += len(grs)
		used := map[int]bool{}
		for p, gi := range pg {
			if gi >= 0 {
				c.tp++
				used[gi] = true
			} else {
				t.Logf("%s roles FP %q %q (%s) [%s]", id, rs[p].PersonName, rs[p].Title, rs[p].OrgName, rs[p].Method)
			}
		}
		for gi, r := range grs {
			if !used[gi] {
				t.Logf("%s roles FN %q %q", id, r.person.Name, r.title)
			}
		}
	}
	for _, n := range []string{"people", "organizations", "locations", "roles"} {
		fmt.Printf("%-14s %s\n", n, tables[n])
	}
}
