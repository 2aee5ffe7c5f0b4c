package quotes

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"plenary/pipeline/doc"
)

// TestCorpus measures Find on a gold corpus (FORMAT.md), with entities and
// roles taken from the gold files, so the figures are an upper bound of what
// the full pipeline reaches. Run with
//
//	QUOTES_CORPUS=/work/shared/corpus go test ./pipeline/quotes -run Corpus -v
func TestCorpus(t *testing.T) {
	dir := os.Getenv("QUOTES_CORPUS")
	if dir == "" {
		t.Skip("QUOTES_CORPUS not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil || len(files) == 0 {
		t.Skipf("no gold files in %s", dir)
	}
	sort.Strings(files)
	var nGold, nPred, tp, attrN, attrOK, e2e int
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".gold.json")
		txt, err := os.ReadFile(filepath.Join(dir, id+".txt"))
		if err != nil {
			t.Fatalf("read %s: %v", id, err)
		}
		var g struct {
			People []struct {
				Name    string   `json:"name"`
				Aliases []string `json:"aliases"`
				Roles   []struct {
					Title string  `json:"title"`
					Org   *string `json:"org"`
				} `json:"roles"`
			} `json:"people"`
			Organizations []struct {
				Name    string   `json:"name"`
				Aliases []string `json:"aliases"`
			} `json:"organizations"`
			Locations []struct {
				Name    string   `json:"name"`
				Aliases []string `json:"aliases"`
			} `json:"locations"`
			Quotes []struct {
				Text    string  `json:"text"`
				Speaker *string `json:"speaker"`
			} `json:"quotes"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var ents []ent
		var roles []role
		keys := map[string]map[string]bool{} // person name -> normalized names
		for i, p := range g.People {
			pid := fmt.Sprintf("p%d", i+1)
			al := p.Aliases
			if strings.Contains(os.Getenv("QUOTES_NOISE"), "noaliases") {
				al = nil
			}
			ents = append(ents, ent{id: pid, typ: doc.TypePerson, name: p.Name, aliases: al})
			k := map[string]bool{normName(p.Name): true}
			for _, a := range p.Aliases {
				k[normName(a)] = true
			}
			keys[p.Name] = k
			for _, r := range p.Roles {
				org := ""
				if r.Org != nil {
					org = *r.Org
				}
				if !strings.Contains(os.Getenv("QUOTES_NOISE"), "noroles") {
					roles = append(roles, role{person: pid, title: r.Title, org: org})
				}
			}
		}
		for i, o := range g.Organizations {
			ents = append(ents, ent{id: fmt.Sprintf("o%d", i+1), typ: doc.TypeOrganization, name: o.Name, aliases: o.Aliases})
		}
		for i, o := range g.Locations {
			ents = append(ents, ent{id: fmt.Sprintf("l%d", i+1), typ: doc.TypeLocation, name: o.Name, aliases: o.Aliases})
		}
		in := buildInput(t, string(txt), ents, roles)
		var pred []doc.Quote
		for _, q := range Find(in) {
			if q.Kind == doc.Direct {
				pred = append(pred, q)
			}
		}
		nGold += len(g.Quotes)
		nPred += len(pred)
		used := make([]bool, len(pred))
		speakerOK := func(gs *string, q doc.Quote) bool {
			if gs == nil {
				return q.SpeakerName == ""
			}
			k := keys[*gs]
			if k == nil {
				k = map[string]bool{normName(*gs): true}
			}
			return k[normName(q.SpeakerName)]
		}
		for _, gq := range g.Quotes {
			gw := normWords(gq.Text)
			best, bestF := -1, 0.0
			for i, q := range pred {
				if used[i] {
					continue
				}
				if f := tokenF1(gw, normWords(q.Text)); f >= 0.8 && f > bestF {
					best, bestF = i, f
				}
			}
			if best < 0 {
				t.Logf("%s MISSED %q (%v)", id, clip(gq.Text), deref(gq.Speaker))
				continue
			}
			used[best] = true
			tp++
			ok := speakerOK(gq.Speaker, pred[best])
			if gq.Speaker != nil {
				attrN++
				if ok {
					attrOK++
				}
			}
			if ok {
				e2e++
			} else {
				q := pred[best]
				t.Logf("%s SPEAKER %q gold=%v got=%q via %s %q cue=%q", id, clip(gq.Text), deref(gq.Speaker), q.SpeakerName, q.Attribution, q.SpeakerMention, q.Cue)
			}
		}
		for i, q := range pred {
			if !used[i] {
				t.Logf("%s EXTRA %q speaker=%q", id, clip(q.Text), q.SpeakerName)
			}
		}
	}
	f1 := func(tp, a, b int) float64 {
		if a+b == 0 {
			return 0
		}
		return 2 * float64(tp) / float64(a+b)
	}
	t.Logf("quotes: gold %d pred %d tp %d  P %.3f R %.3f F1 %.3f", nGold, nPred, tp,
		float64(tp)/float64(max(nPred, 1)), float64(tp)/float64(max(nGold, 1)), f1(tp, nGold, nPred))
	t.Logf("attribution accuracy %d/%d = %.3f", attrOK, attrN, float64(attrOK)/float64(max(attrN, 1)))
	t.Logf("end-to-end F1 %.3f (%d)", f1(e2e, nGold, nPred), e2e)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}
