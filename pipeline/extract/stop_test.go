package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"plenary/pipeline/budget"
	"plenary/pipeline/doc"
	"plenary/pipeline/quotes"
	"plenary/pipeline/synth"
)

// TestStagesStopWhenTold: under a stopped budget every stage returns after
// at most a few thousand turns of its loops, where the same document costs
// it far more; so a timed-out document stops within a bounded time. Turns
// are counted, not timed.
func TestStagesStopWhenTold(t *testing.T) {
	e := newExtractor(t)
	text := synthText(1200 << 10)
	pub := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	// The stages in order, each given the full output of the earlier ones.
	var full budget.Budget
	sd := e.seg.SegmentBudget(text, &full)
	ents := e.ents.Find(sd)
	rl := e.roles.Find(sd, ents)
	in := quotes.Input{Seg: sd, People: ents.People, Mentions: ents.Mentions, Roles: rl, Orgs: ents.Organizations}
	stages := []struct {
		name string
		run  func(b *budget.Budget)
	}{
		{"segment", func(b *budget.Budget) { e.seg.SegmentBudget(text, b) }},
		{"entities", func(b *budget.Budget) { sd.Budget = b; e.ents.Find(sd) }},
		{"roles", func(b *budget.Budget) { sd.Budget = b; e.roles.Find(sd, ents) }},
		{"dates", func(b *budget.Budget) { e.dates.FindBudget(text, pub, nil, b) }},
		{"quotes", func(b *budget.Budget) { sd.Budget = b; e.quotes.Find(in) }},
	}
	const bound = 4 << 10 // four of budget's check intervals
	for _, s := range stages {
		var free, stopped budget.Budget
		s.run(&free)
		stopped.Stop()
		s.run(&stopped)
		if stopped.Steps() > bound {
			t.Errorf("%s: %d turns after being told to stop, want at most %d", s.name, stopped.Steps(), bound)
		}
		if free.Steps() < 4*stopped.Steps() {
			t.Errorf("%s: %d turns for the whole document against %d stopped: the test's document is too small to tell", s.name, free.Steps(), stopped.Steps())
		}
	}
	sd.Budget = nil

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	x, err := e.ExtractContext(ctx, docOf("big", text))
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped in segment") || len(x.People) > 0 {
		t.Errorf("cancelled extraction: %v, %d people", err, len(x.People))
	}
}

// synthText is about n bytes of synthetic reports, one after another.
func synthText(n int) string {
	g, err := synth.New(1)
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		_, text := g.Report(i)
		b.WriteString(text)
		b.WriteString("\n")
	}
	return b.String()
}

func docOf(id, text string) doc.Doc { return doc.Doc{ID: id, Text: text} }
