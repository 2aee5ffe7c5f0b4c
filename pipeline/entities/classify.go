package entities

import "plenary/pipeline/rules"

// Classifying a descriptor segment: the words of a run between titles and
// before its person. Each step below is one decision, tried in order; the
// first that settles the segment ends the classification. Rejections are
// in filters.go, the organization's boundaries in org.go, places in
// place.go.

var (
	ruleSegmentStart = rules.New(rules.StageEntities, rules.Start, "segment.start.connector",
		"leading connectors and an empty pair of quotes start no name in a segment",
		"Chairman [of the Union] Ann Lee spoke.")
	ruleSegmentEnd = rules.New(rules.StageEntities, rules.End, "segment.end.connector",
		"trailing connectors (a lower-case and, of, the) end no name in a segment",
		"The [Ministry of Health] and Ann Kowalski met.")
	rulePlaceGazetteer = rules.New(rules.StageEntities, rules.Detect, "place.detect.gazetteer",
		"a place of the gazetteer (the whole segment, or a place among several)",
		"President of [Kazakhstan]")
)

// segStep is one step of classifying segment [a, b): it appends the parts
// it finds to dst and may narrow the segment; done ends the classification.
type segStep func(st *state, dst []part, a, b int) (out []part, na, nb int, done bool)

// segSteps are the steps in the order they apply (set in init: the last
// step classifies the parts of a split segment again).
var segSteps []segStep

func init() {
	segSteps = []segStep{
		(*state).wholePlace,
		(*state).rejectAmount,
		(*state).geoTitlePlace,
		(*state).headlineOrgEnd,
		(*state).rejectAwardVenue,
		(*state).pluralTitleEnd,
		(*state).rejectGenericGroup,
		(*state).event,
		(*state).rejectDocument,
		(*state).org,
	}
}

// segment classifies a descriptor segment [a, b): organization, place(s) or
// demonym. Its parts are appended to dst (one buffer per run rather than a
// slice per segment); dst comes back unchanged when the segment names nothing.
func (st *state) segment(dst []part, a, b int) []part {
	a0 := a
	for a < b && (st.t[a].has(fConnector) && !st.particleStart(a, b) || st.t[a].quote && a+1 < b && st.t[a+1].quote) {
		a++
	}
	if a > a0 && a < b {
		st.fire(ruleSegmentStart, a0, b, a, b)
	}
	b0 := b
	for b > a && st.t[b-1].has(fConnector) && !st.t[b-1].cap {
		b--
	}
	if a >= b {
		return dst
	}
	st.segBy = nil
	if b < b0 {
		st.fire(ruleSegmentEnd, a, b0, a, b)
		st.segBy = ruleSegmentEnd
	}
	for _, step := range segSteps {
		out, na, nb, done := step(st, dst, a, b)
		if done {
			return out
		}
		a, b = na, nb
	}
	return st.places(dst, a, b)
}

// wholePlace: a segment that is one place of the gazetteer.
func (st *state) wholePlace(dst []part, a, b int) ([]part, int, int, bool) {
	if n, _ := st.match(pPlaces, a, b); n > 0 && a+n == b {
		m := ment{k: kPlace, a: a, b: b, name: st.placeName(a, b), det: rulePlaceGazetteer}
		st.ments = append(st.ments, m)
		st.fire(m.det, a, b, a, b)
		return append(dst, part{k: 'l', a: a, b: b, ment: len(st.ments) - 1}), a, b, true
	}
	return dst, a, b, false
}
