package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"plenary/pipeline/ingest"
)

// Cross-document identity (FORMAT.md v1.2): a corpus folder may hold
// identity.json, the clusters of {doc_id, name} members that are one real
// person. ScoreIdentity gives the figures of the reference scorer
// shared/tools/score_identity.py exactly: members keyed by (doc_id,
// normalized name), a predicted name equal to a gold person's alias in its
// document counting as that person, gold members missing from the
// prediction scored as singletons, pairwise and B-cubed precision, recall
// and F1.

// IdentityFile is the name of the identity gold in a corpus folder.
const IdentityFile = "identity.json"

// Member is one person of one document in an identity cluster.
type Member struct {
	DocID string
	Name  string
}

// memberKey is a member as scored: its document and normalized name.
type memberKey struct{ doc, name string }

func keyOf(m Member) memberKey { return memberKey{m.DocID, Normalize(m.Name, true)} }

// ReadIdentity reads an identity file: {"clusters": [{"members": [...]}]}
// or a bare list of clusters, members as {"doc_id", "name"} objects or
// [doc_id, name] pairs, leniently as score_identity.py reads them.
func ReadIdentity(path string) ([][]Member, error) {
	data, err := ingest.ReadFile(path, identityMaxBytes)
	if err != nil {
		return nil, fmt.Errorf("eval: identity: %w", err)
	}
	v, err := decodeAny(data)
	if err != nil {
		return nil, fmt.Errorf("eval: identity %s: %w", path, err)
	}
	list, ok := v.([]any)
	if obj, isObj := v.(map[string]any); isObj {
		list, ok = obj["clusters"].([]any)
	}
	if !ok {
		return nil, fmt.Errorf("eval: identity %s: no 'clusters' list", path)
	}
	out := make([][]Member, 0, len(list))
	for _, c := range list {
		ms := c
		if obj, isObj := c.(map[string]any); isObj {
			ms = obj["members"]
		}
		items, _ := ms.([]any)
		if ms != nil && items == nil {
			return nil, fmt.Errorf("eval: identity %s: a cluster's members are not a list", path)
		}
		var cl []Member
		for _, m := range items {
			switch m := m.(type) {
			case map[string]any:
				cl = append(cl, Member{DocID: pyStr(m["doc_id"]), Name: memberName(m["name"])})
			case []any:
				if len(m) < 2 {
					return nil, fmt.Errorf("eval: identity %s: a member pair needs doc_id and name", path)
				}
				cl = append(cl, Member{DocID: pyStr(m[0]), Name: memberName(m[1])})
			default:
				return nil, fmt.Errorf("eval: identity %s: a member is neither an object nor a pair", path)
			}
		}
		out = append(out, cl)
	}
	return out, nil
}

// pyStr is Python's str() of a JSON value, as score_identity.py keys doc_ids.
func pyStr(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case string:
		return v
	case bool:
		if v {
			return "True"
		}
		return "False"
	case json.Number:
		return v.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// memberName is a member's name; a missing or null name normalizes to "".
func memberName(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if v == nil {
		return ""
	}
	return pyStr(v)
}

// identityMaxBytes bounds an identity file: one line per person of a
// corpus, far below this; a larger one is refused unread (and a FIFO or
// device, by ingest.ReadFile, never read).
const identityMaxBytes = 256 << 20

// LoadIdentity reads the corpus folder's identity.json; ok is false when
// the folder has none.
func LoadIdentity(c *Corpus) (clusters [][]Member, ok bool, err error) {
	path := filepath.Join(c.Dir, IdentityFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	clusters, err = ReadIdentity(path)
	return clusters, err == nil, err
}

// IdentityAliases maps (doc_id, normalized alias) of every gold person that
// is an identity member to that member, leaving out aliases of several
// people of one document and aliases that are gold members themselves
// (score_identity.py --gold-dir).
func IdentityAliases(c *Corpus, gold [][]Member) map[memberKey]memberKey {
	keys := map[memberKey]bool{}
	for _, cl := range gold {
		for _, m := range cl {
			keys[keyOf(m)] = true
		}
	}
	amap := map[memberKey]memberKey{}
	ambiguous := map[memberKey]bool{}
	for _, d := range c.Docs {
		id := d.ID
		if d.GoldID != "" {
			id = d.GoldID // score_identity.py keys a gold file's aliases by its own "id"
		}
		for _, p := range d.Gold.People {
			target := memberKey{id, Normalize(p.Name, true)}
			if !keys[target] {
				continue
			}
			for _, a := range p.Aliases {
				k := memberKey{id, Normalize(a, true)}
				if keys[k] {
					continue // a gold name wins over an alias
				}
				if t, ok := amap[k]; ok && t != target {
					ambiguous[k] = true
				}
				amap[k] = target
			}
		}
	}
	for k := range ambiguous {
		delete(amap, k)
	}
	return amap
}

// IdentityResult holds score_identity.py's figures (its --json keys) and
// the lists of its --explain.
type IdentityResult struct {
	GoldMembers          int          `json:"gold_members"`
	GoldClusters         int          `json:"gold_clusters"`
	PredMembersMatched   int          `json:"pred_members_matched"`
	PredMembersViaAlias  int          `json:"pred_members_via_alias"`
	PredMembersIgnored   int          `json:"pred_members_ignored"`
	PredMembersDuplicate int          `json:"pred_members_duplicate"`
	GoldMembersMissing   int          `json:"gold_members_missing"`
	PredClustersOverGold int          `json:"pred_clusters_over_gold"`
	Pairwise             PairFigures  `json:"pairwise"`
	BCubed               BCubeFigures `json:"bcubed"`

	// WrongMerges: predicted clusters holding members of several gold
	// clusters, each as its gold groups ("doc_id|name", sorted). Splits:
	// gold clusters spread over several predicted clusters, each as its
	// predicted groups.
	WrongMerges [][][]string `json:"-"`
	Splits      [][][]string `json:"-"`
	Ignored     []string     `json:"-"` // predicted members that are no gold member
	Duplicates  []string     `json:"-"`
}

// PairFigures are the pairwise figures; nil for 0/0.
type PairFigures struct {
	Precision   *float64 `json:"precision"`
	Recall      *float64 `json:"recall"`
	F1          *float64 `json:"f1"`
	GoldPairs   int      `json:"gold_pairs"`
	PredPairs   int      `json:"pred_pairs"`
	CommonPairs int      `json:"common_pairs"`
}

// BCubeFigures are the B-cubed figures; nil without gold members.
type BCubeFigures struct {
	Precision *float64 `json:"precision"`
	Recall    *float64 `json:"recall"`
	F1        *float64 `json:"f1"`
}

func pairs(n int) int { return n * (n - 1) / 2 }

// div is a/b, nil for 0/0 (score_identity.py's None).
func div(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	x := float64(a) / float64(b)
	return &x
}

// predCluster names a predicted cluster: its index, or for a gold member
// missing from the prediction, a singleton of its own (missing = true).
type predCluster struct {
	i       int
	missing bool
}

// ScoreIdentity scores predicted clusters against gold ones. amap (from
// IdentityAliases, may be nil) lets predicted alias names count. A gold
// member listed twice is an error, as in score_identity.py.
func ScoreIdentity(gold, pred [][]Member, amap map[memberKey]memberKey) (IdentityResult, error) {
	var res IdentityResult
	g, err := indexGold(gold)
	if err != nil {
		return res, err
	}
	predOf, predOrder := res.placePredicted(g, pred, amap)
	missing := 0
	for _, k := range g.order {
		if !hasKey(predOf, k) {
			predOf[k] = predCluster{i: missing, missing: true}
			predOrder = append(predOrder, k)
			missing++
		}
	}
	n := len(g.order)
	res.GoldMembers = n
	res.PredMembersMatched, res.GoldMembersMissing = n-missing, missing
	res.figures(g, predOf)
	res.WrongMerges, res.Splits = explainIdentity(g.order, predOrder, g.of, predOf, g.names)
	return res, nil
}

// goldIndex is the gold members: their clusters, file order and names.
type goldIndex struct {
	of    map[memberKey]int
	order []memberKey
	names map[memberKey]string // "doc_id|name" as written
}

func indexGold(gold [][]Member) (goldIndex, error) {
	g := goldIndex{of: map[memberKey]int{}, names: map[memberKey]string{}}
	for ci, cl := range gold {
		for _, m := range cl {
			k := keyOf(m)
			if _, dup := g.of[k]; dup {
				return g, fmt.Errorf("eval: identity: gold member (%s, %s) appears twice", k.doc, k.name)
			}
			g.of[k] = ci
			g.order = append(g.order, k)
			g.names[k] = m.DocID + "|" + m.Name
		}
	}
	return g, nil
}

// placePredicted puts each predicted member that is a gold member (directly
// or through an alias) in its predicted cluster; the first placement of a
// gold member wins, the rest are duplicates, non-gold members ignored.
func (res *IdentityResult) placePredicted(g goldIndex, pred [][]Member, amap map[memberKey]memberKey) (map[memberKey]predCluster, []memberKey) {
	predOf := map[memberKey]predCluster{}
	var order []memberKey
	for ci, cl := range pred {
		for _, m := range cl {
			k := keyOf(m)
			if _, isGold := g.of[k]; !isGold {
				if t, ok := amap[k]; ok {
					k = t
					res.PredMembersViaAlias++
				}
			}
			switch _, isGold := g.of[k]; {
			case !isGold:
				res.Ignored = append(res.Ignored, m.DocID+"|"+m.Name)
			case hasKey(predOf, k):
				res.Duplicates = append(res.Duplicates, m.DocID+"|"+m.Name)
			default:
				predOf[k] = predCluster{i: ci}
				order = append(order, k)
			}
		}
	}
	res.PredMembersIgnored, res.PredMembersDuplicate = len(res.Ignored), len(res.Duplicates)
	return predOf, order
}

// figures computes the cluster counts, pairwise and B-cubed figures,
// summing in gold file order as score_identity.py does.
func (res *IdentityResult) figures(g goldIndex, predOf map[memberKey]predCluster) {
	gsize := map[int]int{}
	psize := map[predCluster]int{}
	type cell struct {
		g int
		p predCluster
	}
	joint := map[cell]int{}
	for _, k := range g.order {
		gsize[g.of[k]]++
		psize[predOf[k]]++
		joint[cell{g.of[k], predOf[k]}]++
	}
	res.GoldClusters, res.PredClustersOverGold = len(gsize), len(psize)
	pw := &res.Pairwise
	for _, s := range gsize {
		pw.GoldPairs += pairs(s)
	}
	for _, s := range psize {
		pw.PredPairs += pairs(s)
	}
	for _, s := range joint {
		pw.CommonPairs += pairs(s)
	}
	pw.Precision = div(pw.CommonPairs, pw.PredPairs)
	pw.Recall = div(pw.CommonPairs, pw.GoldPairs)
	pw.F1 = div(2*pw.CommonPairs, pw.GoldPairs+pw.PredPairs)
	n := len(g.order)
	if n == 0 {
		return
	}
	var sp, sr float64
	for _, k := range g.order {
		sp += float64(joint[cell{g.of[k], predOf[k]}]) / float64(psize[predOf[k]])
	}
	for _, k := range g.order {
		sr += float64(joint[cell{g.of[k], predOf[k]}]) / float64(gsize[g.of[k]])
	}
	p, r := sp/float64(n), sr/float64(n)
	res.BCubed.Precision, res.BCubed.Recall = &p, &r
	if p+r != 0 {
		f := 2 * p * r / (p + r)
		res.BCubed.F1 = &f
	}
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// explainIdentity lists wrong merges and splits in score_identity.py
// --explain's order.
func explainIdentity(order, predOrder []memberKey, goldOf map[memberKey]int, predOf map[memberKey]predCluster, names map[memberKey]string) (merges, splits [][][]string) {
	groups := func(members []memberKey, by func(memberKey) string) [][]string {
		var keys []string
		at := map[string][]string{}
		for _, k := range members {
			g := by(k)
			if _, ok := at[g]; !ok {
				keys = append(keys, g)
			}
			at[g] = append(at[g], names[k])
		}
		out := make([][]string, len(keys))
		for i, g := range keys {
			out[i] = slices.Sorted(slices.Values(at[g]))
		}
		return out
	}
	var pOrder []predCluster
	byPred := map[predCluster][]memberKey{}
	for _, k := range predOrder {
		c := predOf[k]
		if _, ok := byPred[c]; !ok {
			pOrder = append(pOrder, c)
		}
		byPred[c] = append(byPred[c], k)
	}
	for _, c := range pOrder {
		if g := groups(byPred[c], func(k memberKey) string { return strconv.Itoa(goldOf[k]) }); len(g) > 1 {
			merges = append(merges, g)
		}
	}
	var gOrder []int
	byGold := map[int][]memberKey{}
	for _, k := range order {
		c := goldOf[k]
		if _, ok := byGold[c]; !ok {
			gOrder = append(gOrder, c)
		}
		byGold[c] = append(byGold[c], k)
	}
	for _, c := range gOrder {
		g := groups(byGold[c], func(k memberKey) string {
			p := predOf[k]
			return fmt.Sprintf("%v/%d", p.missing, p.i)
		})
		if len(g) > 1 {
			splits = append(splits, g)
		}
	}
	return merges, splits
}

func f3(x *float64) string {
	if x == nil {
		return "-"
	}
	return fmt.Sprintf("%.3f", *x)
}

// RenderIdentity prints the figures under a heading, in the three lines of
// score_identity.py, and with errors > 0 up to that many wrong merges and
// splits.
func RenderIdentity(w io.Writer, r IdentityResult, errors int) error {
	var b strings.Builder
	b.WriteString("\ncross-document identity (" + IdentityFile + "):\n")
	b.WriteString(identityLines(r))
	if errors > 0 {
		list := func(title string, items [][][]string, sep string) {
			fmt.Fprintf(&b, "\n%s: %d", title, len(items))
			if len(items) > errors {
				fmt.Fprintf(&b, " (%d shown)", errors)
			}
			b.WriteString("\n")
			for _, it := range items[:min(errors, len(items))] {
				parts := make([]string, len(it))
				for i, g := range it {
					parts[i] = "{" + strings.Join(g, ", ") + "}"
				}
				fmt.Fprintf(&b, "  - %s\n", strings.Join(parts, sep))
			}
		}
		list("identity wrong merges (one predicted person holding several gold persons)", r.WrongMerges, " + ")
		list("identity splits (one gold person spread over several predicted persons)", r.Splits, " / ")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// identityLines are score_identity.py's three lines of figures.
func identityLines(r IdentityResult) string {
	pw, b3 := r.Pairwise, r.BCubed
	return fmt.Sprintf("gold: %d members in %d clusters; prediction: %d matched (%d via alias), %d ignored, %d duplicate, %d gold members missing (scored as singletons)\n",
		r.GoldMembers, r.GoldClusters, r.PredMembersMatched, r.PredMembersViaAlias, r.PredMembersIgnored, r.PredMembersDuplicate, r.GoldMembersMissing) +
		fmt.Sprintf("pairwise  P %s  R %s  F1 %s   (gold pairs %d, predicted pairs %d, common %d)\n",
			f3(pw.Precision), f3(pw.Recall), f3(pw.F1), pw.GoldPairs, pw.PredPairs, pw.CommonPairs) +
		fmt.Sprintf("B-cubed   P %s  R %s  F1 %s\n", f3(b3.Precision), f3(b3.Recall), f3(b3.F1))
}

// WriteIdentity writes clusters as an identity file (the format of
// identity.json), so that score_identity.py can check the figures by hand.
func WriteIdentity(path string, clusters [][]Member) error {
	type member struct {
		DocID string `json:"doc_id"`
		Name  string `json:"name"`
	}
	type cluster struct {
		Members []member `json:"members"`
	}
	out := struct {
		Version  int       `json:"version"`
		Clusters []cluster `json:"clusters"`
	}{Version: 1, Clusters: make([]cluster, len(clusters))}
	for i, cl := range clusters {
		out.Clusters[i].Members = make([]member, len(cl))
		for j, m := range cl {
			out.Clusters[i].Members[j] = member{m.DocID, m.Name}
		}
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return fmt.Errorf("eval: write identity: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("eval: write identity: %w", err)
	}
	return nil
}
