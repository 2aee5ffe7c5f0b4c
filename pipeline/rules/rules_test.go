package rules

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
)

var testRule = New(StageEntities, Reject, "test.reject.example", "a rule for the tests", "[x]")

// The trace that is off records nothing and costs no allocation: every
// stage calls it at every decision.
func TestNilTraceIsFree(t *testing.T) {
	var tr *Trace
	sp := doc.Span{Start: 1, End: 5}
	if n := testing.AllocsPerRun(1000, func() {
		tr.Add(testRule, sp, sp)
		tr.Note(testRule, sp, sp, "note")
		_ = tr.On()
		_ = tr.Len()
		tr.Truncate(0)
	}); n != 0 {
		t.Errorf("a nil trace allocates %v times per decision", n)
	}
	if tr.Events() != nil || tr.On() {
		t.Error("a nil trace has events or is on")
	}
}

func TestTraceRecordsInOrder(t *testing.T) {
	tr := &Trace{}
	tr.Add(testRule, doc.Span{Start: 1, End: 2}, doc.Span{})
	tr.Note(testRule, doc.Span{Start: 3, End: 4}, doc.Span{Start: 3, End: 3}, "n")
	ev := tr.Events()
	if len(ev) != 2 || ev[0].Cand.Start != 1 || ev[1].Note != "n" || ev[1].Rule != testRule.ID {
		t.Fatalf("events = %+v", ev)
	}
	tr.Truncate(1)
	if tr.Len() != 1 {
		t.Errorf("Len after Truncate(1) = %d", tr.Len())
	}
}

func TestRegistry(t *testing.T) {
	if r, ok := Lookup(testRule.ID); !ok || r != testRule {
		t.Fatal("Lookup does not find a registered rule")
	}
	if _, ok := Lookup("no.such.rule"); ok {
		t.Error("Lookup finds an unregistered rule")
	}
	found := false
	for _, r := range All() {
		found = found || r == testRule
	}
	if !found {
		t.Error("All misses a registered rule")
	}
	bad := []struct {
		name             string
		stage, id, d, ex string
	}{
		{"malformed id", StageEntities, "Org End", "doc", "ex"},
		{"no dot", StageEntities, "org", "doc", "ex"},
		{"unknown stage", "nowhere", "test.x", "doc", "ex"},
		{"no doc", StageEntities, "test.y", "", "ex"},
		{"no example", StageEntities, "test.z", "doc", ""},
		{"duplicate", StageEntities, testRule.ID, "doc", "ex"},
	}
	for _, c := range bad {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "rules:") {
					t.Errorf("%s: New did not panic with a rules error (%v)", c.name, r)
				}
			}()
			New(c.stage, Reject, c.id, c.d, c.ex)
		}()
	}
}
