// Package rules is plenary's registry of decision rules and the trace of
// their decisions.
//
// Every decision a stage makes about a candidate — start or end a name,
// reject a candidate, merge two mentions, link a title to its holder, pick a
// quote's speaker — is made by a rule registered here with an ID, its stage,
// the kind of decision, a one-line doc and an example. The ID is what the
// tables name as provenance (mentions.method, quotes.sieve), what a trace
// records, and the one string to search for to find the rule's code: each
// rule is registered next to the function that applies it, and rules that
// make the same decision live in one file in the order they apply.
//
// IDs are lower-case, dot-separated: stage or object first, then the
// decision, then the rule's name ("org.start.descriptor-of",
// "quote.sieve.cue-after").
//
// A Trace collects, for one document, the events of the rules that fired.
// A nil *Trace is the trace that is off: its methods return at once, so the
// hot path pays one nil check per decision and allocates nothing.
package rules

import (
	"fmt"
	"regexp"
	"sort"
	"sync"

	"plenary/pipeline/doc"
)

// Decision is the kind of decision a rule makes.
type Decision string

// Decisions, in the words of DESIGN.md.
const (
	Detect  Decision = "detect"  // find a candidate: a name, a date, a quote
	Start   Decision = "start"   // where a name starts
	End     Decision = "end"     // where a name ends
	Split   Decision = "split"   // cut one candidate into two
	Reject  Decision = "reject"  // drop a candidate
	Accept  Decision = "accept"  // keep a candidate another rule would doubt
	Merge   Decision = "merge"   // join two mentions or clusters into one item
	Link    Decision = "link"    // attach a title to its holder or body, an acronym to its name
	Speaker Decision = "speaker" // pick a quote's speaker
	Policy  Decision = "policy"  // a choice the gold format makes, applied after detection
)

// Stages, in the order they run.
const (
	StageEntities = "entities"
	StageRoles    = "roles"
	StageDates    = "dates"
	StageQuotes   = "quotes"
	StagePolicy   = "policy"
)

var stageOrder = map[string]int{StageEntities: 0, StageRoles: 1, StageDates: 2, StageQuotes: 3, StagePolicy: 4}

// Rule is one registered decision rule.
type Rule struct {
	ID       string
	Stage    string
	Decision Decision
	Doc      string // one line: what the rule decides and why
	Example  string // an invented text it fires on, with the part it decides in [brackets]
}

var (
	mu       sync.Mutex
	registry = map[string]*Rule{}
	order    []*Rule
	idForm   = regexp.MustCompile(`^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$`)
)

// New registers a rule and returns it; stages keep the pointer in a
// package-level variable next to the code that applies the rule. A
// malformed or duplicate ID, an unknown stage or an empty doc is a
// programming error found at start-up, so New panics.
func New(stage string, d Decision, id, docLine, example string) *Rule {
	if !idForm.MatchString(id) {
		panic(fmt.Sprintf("rules: malformed rule ID %q", id))
	}
	if _, ok := stageOrder[stage]; !ok {
		panic(fmt.Sprintf("rules: rule %s: unknown stage %q", id, stage))
	}
	if docLine == "" || example == "" {
		panic(fmt.Sprintf("rules: rule %s needs a doc line and an example", id))
	}
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[id]; dup {
		panic(fmt.Sprintf("rules: rule %s registered twice", id))
	}
	r := &Rule{ID: id, Stage: stage, Decision: d, Doc: docLine, Example: example}
	registry[id] = r
	order = append(order, r)
	return r
}

// Lookup returns the rule with this ID.
func Lookup(id string) (*Rule, bool) {
	mu.Lock()
	defer mu.Unlock()
	r, ok := registry[id]
	return r, ok
}

// All returns every registered rule, by stage in pipeline order and, within
// a stage, in the order the rules were registered (the order they apply,
// file by file).
func All() []*Rule {
	mu.Lock()
	out := append([]*Rule(nil), order...)
	mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool { return stageOrder[out[i].Stage] < stageOrder[out[j].Stage] })
	return out
}

// Trace records the decisions of the rules for one document. The zero value
// is ready; a nil *Trace records nothing.
type Trace struct {
	events []doc.TraceEvent
}

// On reports whether t records: callers that must build a note (a string)
// ask first, so the trace that is off costs nothing.
func (t *Trace) On() bool { return t != nil }

// Add records that rule r decided about the candidate at cand, giving out
// (zero for a rejection).
func (t *Trace) Add(r *Rule, cand, out doc.Span) {
	if t == nil {
		return
	}
	t.events = append(t.events, doc.TraceEvent{Rule: r.ID, Cand: cand, Out: out})
}

// Note is Add with a note: the text decided on, a value, a reason.
func (t *Trace) Note(r *Rule, cand, out doc.Span, note string) {
	if t == nil {
		return
	}
	t.events = append(t.events, doc.TraceEvent{Rule: r.ID, Cand: cand, Out: out, Note: note})
}

// Events returns the recorded events in order (nil for a nil Trace).
func (t *Trace) Events() []doc.TraceEvent {
	if t == nil {
		return nil
	}
	return t.events
}

// Len is the number of recorded events (0 for a nil Trace): a stage that
// tries a rule tentatively notes Len and Truncates back when it undoes it.
func (t *Trace) Len() int {
	if t == nil {
		return 0
	}
	return len(t.events)
}

// Truncate drops the events recorded after the first n.
func (t *Trace) Truncate(n int) {
	if t == nil || n >= len(t.events) {
		return
	}
	t.events = t.events[:n]
}
