package eval

import (
	"fmt"
	"slices"
	"strings"
)

// The regression gate over identity.json: a baseline keeps the identity
// figures and every wrong merge and split, and a later run regresses when
// either F1 drops by more than the tolerance, or a wrong merge or a split
// appears that the baseline did not have.

// IdentityBaseline is what a baseline keeps of the identity scores.
type IdentityBaseline struct {
	PairwiseF1  *float64 `json:"pairwise_f1"`
	BCubedF1    *float64 `json:"bcubed_f1"`
	WrongMerges []string `json:"wrong_merges"`
	Splits      []string `json:"splits"`
}

// IdentityChanges are the identity news of a comparison.
type IdentityChanges struct {
	NewMerges  []string `json:"new_wrong_merges"`
	NewSplits  []string `json:"new_splits"`
	MergesGone []string `json:"wrong_merges_gone"`
	SplitsGone []string `json:"splits_gone"`
}

// Identity figures' names among a comparison's table deltas.
const (
	IdentityPairwiseTable = "identity pairwise"
	IdentityBCubedTable   = "identity B-cubed"
)

func groupsText(items [][][]string, sep string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		parts := make([]string, len(it))
		for i, g := range it {
			parts[i] = "{" + strings.Join(g, ", ") + "}"
		}
		out = append(out, strings.Join(parts, sep))
	}
	slices.Sort(out)
	return out
}

func newIdentityBaseline(r *IdentityResult) *IdentityBaseline {
	if r == nil {
		return nil
	}
	return &IdentityBaseline{PairwiseF1: r.Pairwise.F1, BCubedF1: r.BCubed.F1,
		WrongMerges: groupsText(r.WrongMerges, " + "), Splits: groupsText(r.Splits, " / ")}
}

// compareIdentity adds the identity figures to c's table deltas and its
// news and reasons.
func compareIdentity(c *Comparison, base *IdentityBaseline, r *IdentityResult, tolerance float64) {
	if r == nil {
		if base != nil {
			c.Warnings = append(c.Warnings, "the baseline scored identity.json, which is not scored now")
		}
		return
	}
	if base == nil {
		c.Warnings = append(c.Warnings, "identity.json is not in the baseline: its figures are not compared")
		return
	}
	for _, td := range []TableDelta{
		delta(IdentityPairwiseTable, base.PairwiseF1, r.Pairwise.F1, tolerance),
		delta(IdentityBCubedTable, base.BCubedF1, r.BCubed.F1, tolerance),
	} {
		c.Tables = append(c.Tables, td)
		if td.Regressed {
			c.Reasons = append(c.Reasons, fmt.Sprintf("%s F1 dropped by %.4f (tolerance %g)", td.Table, -*td.Delta, tolerance))
		}
	}
	merges, splits := groupsText(r.WrongMerges, " + "), groupsText(r.Splits, " / ")
	ch := &IdentityChanges{
		NewMerges: minus(merges, base.WrongMerges), NewSplits: minus(splits, base.Splits),
		MergesGone: minus(base.WrongMerges, merges), SplitsGone: minus(base.Splits, splits),
	}
	c.Identity = ch
	if n := len(ch.NewMerges); n > 0 {
		c.Reasons = append(c.Reasons, fmt.Sprintf("%d new wrong merge(s) of persons", n))
	}
	if n := len(ch.NewSplits); n > 0 {
		c.Reasons = append(c.Reasons, fmt.Sprintf("%d new split(s) of persons", n))
	}
}

// minus lists the items of a not in b.
func minus(a, b []string) []string {
	out := []string{}
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// renderIdentityChanges prints a comparison's identity news.
func renderIdentityChanges(p func(string, ...any), ch *IdentityChanges) {
	if ch == nil {
		return
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		p("\n%s:\n", title)
		for _, it := range items {
			p("    %s\n", it)
		}
	}
	list("identity: wrong merges gone", ch.MergesGone)
	list("identity: splits gone", ch.SplitsGone)
	list("identity: new wrong merges (one predicted person holding several gold persons)", ch.NewMerges)
	list("identity: new splits (one gold person spread over several predicted persons)", ch.NewSplits)
}
