// Package dates finds calendar dates in a report and normalizes them.
//
// In: the document text, its publication date (zero when unknown) and the
// lexicon (file dates.txt: month and weekday names, prepositions, units...).
// Out: a Result with one doc.Date per distinct value, in order of first
// mention (IDs d1, d2, ...), and one doc.Mention per occurrence, with rune
// offsets into the text (Sentence is left 0 for the caller to fill).
//
// Values follow FORMAT.md: YYYY-MM-DD, YYYY-MM or YYYY, granularity day,
// month or year, Date = first day of the period. The rules (pipeline/rules
// IDs date.<form>, named in the mention's Method):
//
//   - month-day[-year]  "May 6, 2022", "Sept. 20, 2017", "Wednesday, July 26",
//     "May 6 of this year", "August 23-24", "May 5 and 6"
//   - day-month[-year]  "6 May 2022", "on 5th of June 2022", "23-24 August 2022"
//   - numeric-dmy       "05.06.2022", "05/06/2022": day first; month first only
//     when the second number cannot be a month ("06/25/2022")
//   - iso               "2022-06-05"
//   - month-year        "March 2021", "October this year", "March of last year"
//   - month             a bare month name is a date only after a preposition or
//     relative word ("in March", "since June", "last December", "mid-March",
//     "the end of March") or as the second end of a range ("from May to June")
//   - year, year-range  "in 2019", "the 2021 elections", "2021-2023", "2019-20"
//
// Year resolution: a date without a year takes the publication year ("12
// October" in a report of 2023-07-26 is 2023-10-12), whether before or after
// the publication day: tense is not analysed, and the gold annotation resolves
// both ways to the publication year. "this/last/next year" shift it;
// "last March" is the latest March before the publication month, "next March"
// the first after it; "the same year" / "that year" take the last year the
// text stated. A range end without a year borrows the other end's ("May 30 -
// June 2, 2022"). Without a publication date such dates are skipped.
//
// Not dates: durations ("27 years"), times of day, relative words alone
// ("today", "this year", "on Monday"), decades ("the 1990s"), numbers with
// units ("2024 hectares", "2,000", "15%"), identifiers ("No. 2019"), phone
// numbers, and years that are part of a name: a year right after a
// capitalized word that is not a function word ("Expo 2017", "Vision 2030",
// "National Convention 2019", "Bill, 2020", "Kazakhstan-2050"). Bare years
// must lie in 1900-2100; years inside a full date in 1600-2199.
package dates

import (
	"strconv"
	"time"
	"unicode/utf8"

	"plenary/pipeline/budget"
	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
)

// Result is what Find returns.
type Result struct {
	Dates    []doc.Date
	Mentions []doc.Mention
}

// Find finds the dates in text, resolved against published (zero = unknown).
// lx may be nil (the embedded lexicon is used). It is New(lx).Find: to find
// dates in many documents, build the Finder once.
func Find(text string, published time.Time, lx *lexicon.Lexicon) Result {
	return New(lx).Find(text, published)
}

// Year bounds.
const (
	bareMin, bareMax = 1900, 2100 // a number alone
	fullMin, fullMax = 1600, 2199 // a number inside a month/day expression
	maxItems         = 8          // days in one list ("5, 6, 7 and 8 May")
)

// ysrc says where a hit's year comes from.
type ysrc uint8

const (
	yExplicit  ysrc = iota // written
	yNone                  // not given: the publication year
	yRel                   // "this/last/next year": publication year + off
	yRef                   // "the same year": last stated year + off
	yLastMonth             // "last March"
	yNextMonth             // "next March"
	nSrc
)

// form is the surface pattern of a hit; with ysrc it names the Method.
type form uint8

const (
	fMonthDay form = iota
	fDayMonth
	fNumeric
	fISO
	fMonthYear
	fMonth
	fYear
	fYearRange
	nForm
)

// The rules of the date finder: one per form, the year written or not
// (the forms with a year of their own), and one per source of a year the
// text does not write. A mention's Method is its form's rule ID, with the
// year's source after a "+" ("date.month-day+published").
var (
	formRules = [nForm][2]*rules.Rule{
		fMonthDay: {rules.New(rules.StageDates, rules.Detect, "date.month-day", "a month name and a day, the year not written", "on [May 6]"),
			rules.New(rules.StageDates, rules.Detect, "date.month-day-year", "a month name, a day and a year", "[May 6, 2022]")},
		fDayMonth: {rules.New(rules.StageDates, rules.Detect, "date.day-month", "a day and a month name, the year not written", "on [6 May]"),
			rules.New(rules.StageDates, rules.Detect, "date.day-month-year", "a day, a month name and a year", "[6 May 2022]")},
		fNumeric:   {rules.New(rules.StageDates, rules.Detect, "date.numeric-dmy", "a numeric date, day first unless the second number cannot be a month", "[05.06.2022]")},
		fISO:       {rules.New(rules.StageDates, rules.Detect, "date.iso", "an ISO date", "[2022-06-05]")},
		fMonthYear: {rules.New(rules.StageDates, rules.Detect, "date.month-year", "a month name and a year (or a year word)", "in [March 2021]")},
		fMonth:     {rules.New(rules.StageDates, rules.Detect, "date.month", "a bare month name after a preposition or a relative word, or ending a range", "in [March]")},
		fYear:      {rules.New(rules.StageDates, rules.Detect, "date.year", "a year in 1900-2100 that is no quantity, identifier or part of a name", "in [2019]")},
		fYearRange: {rules.New(rules.StageDates, rules.Detect, "date.year-range", "two years joined by a dash", "[2021-2023]")},
	}
	yearRules = [nSrc]*rules.Rule{
		yNone:      rules.New(rules.StageDates, rules.Policy, "date.year-from.published", "FORMAT: a date without a year takes the publication year, before or after the publication day", "on [12 October] (published 2023-07-26: 2023-10-12)"),
		yRel:       rules.New(rules.StageDates, rules.Detect, "date.year-from.relative", "this/last/next year, last/next March shift the publication year", "[March of last year]"),
		yRef:       rules.New(rules.StageDates, rules.Detect, "date.year-from.same-year", "the same year / that year take the last year the text stated", "The plant opened in 2019. In [May of the same year] it closed."),
		yLastMonth: nil,
		yNextMonth: nil,
	}
)

var methods [nForm][nSrc]string

func init() {
	yearRules[yLastMonth], yearRules[yNextMonth] = yearRules[yRel], yearRules[yRel]
	suffix := [nSrc]string{"", "+published", "+relative", "+same-year", "+relative", "+relative"}
	for f := form(0); f < nForm; f++ {
		for y := ysrc(0); y < nSrc; y++ {
			methods[f][y] = formRule(f, y).ID + suffix[y]
		}
	}
}

// formRule is the rule of form f with its year from y.
func formRule(f form, y ysrc) *rules.Rule {
	if y == yExplicit && formRules[f][1] != nil {
		return formRules[f][1]
	}
	return formRules[f][0]
}

// item is one date of a hit: m == 0 for a year, d == 0 for a month.
type item struct{ y, m, d int }

// hit is one matched expression (byte span) and the dates it states.
type hit struct {
	start, end int
	items      [maxItems]item
	n          int
	src        ysrc
	off        int
	form       form
}

// scan holds the state of one Find call.
type scan struct {
	f       *Finder
	s       string
	pub     time.Time
	hasPub  bool
	refYear int // the last year the text stated (for "the same year")
	lastEnd int // end of the previous hit, -1 before the first
	res     Result
	conv    runeConv
	tr      *rules.Trace
}

// Find is Find with this Finder's tables.
func (f *Finder) Find(text string, published time.Time) Result {
	return f.FindTrace(text, published, nil)
}

// FindTrace is Find recording each date's rules in tr (nil: none).
func (f *Finder) FindTrace(text string, published time.Time, tr *rules.Trace) Result {
	return f.FindBudget(text, published, tr, nil)
}

// FindBudget is FindTrace under budget b: once b is stopped it returns
// early, with the dates found so far.
func (f *Finder) FindBudget(text string, published time.Time, tr *rules.Trace, b *budget.Budget) Result {
	st := scan{f: f, s: text, pub: published, hasPub: !published.IsZero(), lastEnd: -1, conv: runeConv{s: text}, tr: tr}
	s := text
	for i := 0; i < len(s) && !b.Step(); {
		c := s[i]
		switch {
		case isDigit(c):
			j, v := i, 0
			for j < len(s) && isDigit(s[j]) {
				if j-i < 9 {
					v = v*10 + int(s[j]-'0')
				}
				j++
			}
			if i > 0 {
				if ok, _ := letterBefore(s, i); ok { // "A320", "COP29"
					i = j
					continue
				}
			}
			t := token{kind: tNum, start: i, end: j, val: v}
			var h hit
			ok := false
			switch t.ndig() {
			case 1, 2:
				h, ok = st.dayFirst(t, true)
			case 4:
				h, ok = st.yearFirst(t)
			}
			if ok {
				st.emit(&h)
				i = h.end
				continue
			}
			i = j
		case isASCIILetter(c):
			j := i + 1
			for j < len(s) && isASCIILetter(s[j]) {
				j++
			}
			if c <= 'Z' && j-i >= 3 && j-i <= 9 && monthInitial(c) && (i == 0 || !isLetterBefore(s, i)) && (j == len(s) || !isLetterAt(s, j)) {
				w := token{kind: tWord, start: i, end: j}
				if info := st.f.lookup(s[i:j]); info.has(kMonth | kMonthAbbr) {
					if h, ok := st.monthFirst(w, info, true); ok {
						st.emit(&h)
						i = h.end
						continue
					}
				}
			}
			i = j
		default:
			i++
		}
	}
	return st.res
}

func monthInitial(c byte) bool {
	switch c {
	case 'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D':
		return true
	}
	return false
}

func isLetterBefore(s string, i int) bool { ok, _ := letterBefore(s, i); return ok }
func isLetterAt(s string, i int) bool     { ok, _ := letterAt(s, i); return ok }

func (st *scan) word(t token) wordInfo {
	if t.kind != tWord {
		return wordInfo{}
	}
	return st.f.lookup(st.s[t.start:t.end])
}

func (st *scan) wordIs(t token, w string) bool {
	return t.kind == tWord && eqFold(st.s[t.start:t.end], w)
}

// numberBefore reports whether the number starting at i continues one on its
// left ("1.5", "2,019", "12:30", "8-701", "COVID-19").
func (st *scan) numberBefore(i int) bool {
	r, n := runeBefore(st.s, i)
	switch r {
	case '.', ',', ':', '/', '-', '\u2013':
		r2, _ := runeBefore(st.s, i-n)
		if r2 >= '0' && r2 <= '9' {
			return true
		}
		if r == '-' || r == '\u2013' {
			ok, _ := letterBefore2(st.s, i-n)
			return ok
		}
	case '$', '€', '£', '¥', '₸', '₽', '₹', '#', '№', '+', '\u2212':
		return true
	}
	return false
}

func letterBefore2(s string, i int) (bool, int) {
	if i <= 0 {
		return false, 0
	}
	return letterBefore(s, i)
}

// dayOK checks a 1-2 digit number t as a day: an ordinal suffix may follow
// ("5th"); a decimal, time or percent may not. It returns the end of the day.
func (st *scan) dayOK(t token) (int, bool) {
	if t.kind != tNum || t.ndig() > 2 || t.val < 1 || t.val > 31 {
		return 0, false
	}
	s := st.s
	end := t.end
	if end < len(s) {
		if ok, _ := letterAt(s, end); ok {
			w := next(s, end)
			sw := s[w.start:w.end]
			if !(eqFold(sw, "st") || eqFold(sw, "nd") || eqFold(sw, "rd") || eqFold(sw, "th")) {
				return 0, false
			}
			return w.end, true
		}
		switch s[end] {
		case '.', ',', ':':
			if end+1 < len(s) && isDigit(s[end+1]) {
				return 0, false
			}
		case '%':
			return 0, false
		}
	}
	return end, true
}

// parseDays reads a day or a list/range of days starting at t: "23", "23-24",
// "5 and 6", "5, 6 and 7", "5th to 7th". Days must increase. Commas need a
// final "and" ("May 6, 10 delegates" is one day).
func (st *scan) parseDays(t token) (days, ends [maxItems]int, n, end int, ok bool) {
	end, ok = st.dayOK(t)
	if !ok {
		return days, ends, 0, 0, false
	}
	days[0], ends[0], n = t.val, end, 1
	cutN, cutEnd, lastComma := 0, 0, false
	for n < maxItems {
		c := next(st.s, end)
		comma := c.is(',')
		if !(comma || c.isDash() || c.is('&') || st.word(c).has(kConn)) {
			break
		}
		d := next(st.s, c.end)
		if d.kind != tNum || d.val <= days[n-1] {
			break
		}
		e2, ok2 := st.dayOK(d)
		if !ok2 {
			break
		}
		if comma && cutN == 0 {
			cutN, cutEnd = n, end
		}
		lastComma = comma
		days[n], ends[n] = d.val, e2
		n++
		end = e2
	}
	if cutN > 0 && lastComma {
		n, end = cutN, cutEnd
	}
	return days, ends, n, end, true
}

// fullYear checks a number written inside a month/day expression as a year.
func (st *scan) fullYear(t token) bool {
	if t.kind != tNum || t.ndig() != 4 || t.val < fullMin || t.val > fullMax {
		return false
	}
	if !st.tailOK(t) {
		return false
	}
	// "in March 1500 people": a round or unusual number before a unit is a count.
	if t.val%100 == 0 || t.val < bareMin || t.val > bareMax {
		if st.word(next(st.s, t.end)).has(kUnit) {
			return false
		}
	}
	return true
}

// tailOK reports whether nothing glued to the right of number t makes it part
// of something else ("2019s", "2,000.5", "15%", "20:30").
func (st *scan) tailOK(t token) bool {
	s := st.s
	if t.end >= len(s) {
		return true
	}
	if ok, _ := letterAt(s, t.end); ok {
		return false
	}
	switch s[t.end] {
	case '.', ',', ':', '/':
		if t.end+1 < len(s) && isDigit(s[t.end+1]) {
			return false
		}
	case '%':
		return false
	}
	return true
}

// yearAfter reads what may follow a month or day: ", 2022", "of 2022",
// "2022", "(of) this year", "of the same year".
func (st *scan) yearAfter(pos int) (src ysrc, year, off, end int, ok bool) {
	t := next(st.s, pos)
	if t.is(',') || st.wordIs(t, "of") {
		if src, year, off, end, ok = st.yearAt(next(st.s, t.end)); ok {
			return
		}
	}
	return st.yearAt(t)
}

func (st *scan) yearAt(t token) (src ysrc, year, off, end int, ok bool) {
	if t.kind == tNum {
		if st.fullYear(t) {
			return yExplicit, t.val, 0, t.end, true
		}
		return
	}
	if st.wordIs(t, "the") {
		t = next(st.s, t.end)
	}
	info := st.word(t)
	if !info.has(kRel) {
		return
	}
	y := next(st.s, t.end)
	if !st.wordIs(y, "year") {
		return
	}
	if info.relRef {
		return yRef, 0, int(info.rel), y.end, true
	}
	return yRel, 0, int(info.rel), y.end, true
}

// weekdayStart extends a date's start over a weekday before it
// ("Wednesday, July 26").
func (st *scan) weekdayStart(start int) int {
	p := prev(st.s, start)
	if p.is(',') {
		p = prev(st.s, p.start)
	}
	if isUpperStart(st.s, p) && st.word(p).has(kWeekday) {
		return p.start
	}
	return start
}

// unitFollows reports a unit word right after pos ("June 15 people").
func (st *scan) unitFollows(pos int) bool {
	return st.word(next(st.s, pos)).has(kUnit)
}

// monthFirst matches at a month word: "May 6, 2022", "May 6", "March 2021",
// "October this year", "in March".
func (st *scan) monthFirst(w token, info wordInfo, borrow bool) (hit, bool) {
	s := st.s
	m := int(info.month)
	abbr := !info.has(kMonth)
	end := w.end
	if abbr && end < len(s) && s[end] == '.' {
		end++
	}
	h := hit{start: w.start, end: end}
	t := next(s, end)
	if t.kind == tNum && t.ndig() <= 2 && t.start > w.end {
		days, ends, n, dend, ok := st.parseDays(t)
		if ok && n > 1 && st.unitFollows(dend) { // "May 6 and 7 people": one day
			n, dend = 1, ends[0]
		}
		if ok && !st.unitFollows(dend) {
			h.start = st.weekdayStart(w.start)
			h.form = fMonthDay
			for k := 0; k < n; k++ {
				h.items[k] = item{m: m, d: days[k]}
			}
			h.n = n
			h.end = dend
			st.yearOrBorrow(&h, dend, borrow)
			return h, true
		}
	}
	h.form = fMonthYear
	h.items[0], h.n = item{m: m}, 1
	if src, y, off, e, ok := st.yearAfter(end); ok {
		h.src, h.off, h.end = src, off, e
		h.setYear(y)
		return h, true
	}
	if abbr || !borrow {
		return hit{}, false
	}
	return st.bareMonth(w, h)
}

// bareMonth: month name w alone is a date only after a preposition or a
// relative word ("in March", "last December", "mid-March", "the end of
// March") or as the second end of a range ("from May to June").
func (st *scan) bareMonth(w token, h hit) (hit, bool) {
	s := st.s
	h.form, h.src = fMonth, yNone
	if st.borrow(&h) {
		return h, true
	}
	p := prev(s, w.start)
	pi := st.word(p)
	switch {
	case pi.has(kPrep):
		switch {
		case st.wordIs(p, "last") || st.wordIs(p, "past"):
			h.src, h.start = yLastMonth, p.start
		case st.wordIs(p, "next") || st.wordIs(p, "coming"):
			h.src, h.start = yNextMonth, p.start
		case st.wordIs(p, "this"):
			h.start = p.start
		}
		return h, true
	case p.is('-') && p.end == w.start && st.wordIs(prev(s, p.start), "mid"):
		return h, true
	case st.wordIs(p, "of") && st.word(prev(s, p.start)).has(kPeriodPart):
		return h, true
	case (p.isDash() || pi.has(kConn)) && st.lastEnd >= 0 && prev(s, p.start).end == st.lastEnd:
		return h, true // second end of a range: "from May to June"
	}
	return hit{}, false
}

func (h *hit) setYear(y int) {
	for k := 0; k < h.n; k++ {
		h.items[k].y = y
	}
}

// borrow gives a hit without a year the year of a range's other end:
// "May 30 - June 2, 2022", "March and April 2022", "5 May and 6 June 2022".
func (st *scan) borrow(h *hit) bool {
	c := next(st.s, h.end)
	if !(c.isDash() || st.word(c).has(kConn)) {
		return false
	}
	t := next(st.s, c.end)
	var o hit
	ok := false
	switch t.kind {
	case tNum:
		o, ok = st.dayFirst(t, false)
	case tWord:
		if info := st.word(t); info.has(kMonth|kMonthAbbr) && isUpperStart(st.s, t) {
			o, ok = st.monthFirst(t, info, false)
		}
	}
	if !ok || o.src == yNone {
		return false
	}
	h.src, h.off = o.src, o.off
	h.setYear(o.items[0].y)
	return true
}

// dayFirst matches at a 1-2 digit number: "05.06.2022", "6 May 2022",
// "5th of June", "23-24 August 2022".
func (st *scan) dayFirst(t token, borrow bool) (hit, bool) {
	s := st.s
	if st.numberBefore(t.start) {
		return hit{}, false
	}
	if h, ok := st.numericDate(t); ok {
		return h, true
	}
	days, _, n, end, ok := st.parseDays(t)
	if !ok {
		return hit{}, false
	}
	w := next(s, end)
	if st.wordIs(w, "of") {
		w = next(s, w.end)
	}
	info := st.word(w)
	if !info.has(kMonth|kMonthAbbr) || !isUpperStart(s, w) {
		return hit{}, false
	}
	end = w.end
	if !info.has(kMonth) && end < len(s) && s[end] == '.' {
		end++
	}
	h := hit{start: st.weekdayStart(t.start), end: end, n: n, form: fDayMonth}
	for k := 0; k < n; k++ {
		h.items[k] = item{m: int(info.month), d: days[k]}
	}
	st.yearOrBorrow(&h, end, borrow)
	return h, true
}

// yearOrBorrow gives h the year written after end ("May 6, 2022"), or else
// none — borrowed from the other end of a range when borrow is set.
func (st *scan) yearOrBorrow(h *hit, end int, borrow bool) {
	if src, y, off, e, ok := st.yearAfter(end); ok {
		h.src, h.off, h.end = src, off, e
		h.setYear(y)
		return
	}
	h.src = yNone
	if borrow {
		st.borrow(h)
	}
}

// numericDate matches dd.mm.yyyy, dd/mm/yyyy and dd-mm-yyyy at t.
func (st *scan) numericDate(t token) (hit, bool) {
	s := st.s
	if t.end >= len(s) {
		return hit{}, false
	}
	sep := s[t.end]
	if sep != '.' && sep != '/' && sep != '-' {
		return hit{}, false
	}
	t2 := next(s, t.end+1)
	if t2.kind != tNum || t2.start != t.end+1 || t2.ndig() > 2 || t2.end >= len(s) || s[t2.end] != sep {
		return hit{}, false
	}
	t3 := next(s, t2.end+1)
	if t3.kind != tNum || t3.start != t2.end+1 || t3.ndig() != 4 || !st.tailOK(t3) {
		return hit{}, false
	}
	d, m, y := t.val, t2.val, t3.val
	if m > 12 && d <= 12 { // "06/25/2022" can only be month first
		d, m = m, d
	}
	if y < fullMin || y > fullMax || !validDay(y, m, d) {
		return hit{}, false
	}
	h := hit{start: t.start, end: t3.end, n: 1, form: fNumeric, src: yExplicit}
	h.items[0] = item{y, m, d}
	return h, true
}

// yearFirst matches at a 4-digit number: "2022-06-05", "2021-2023",
// "2019-20", "2019".
func (st *scan) yearFirst(t token) (hit, bool) {
	if t.val < fullMin || t.val > fullMax {
		return hit{}, false
	}
	if h, ok, done := st.isoDate(t); done {
		return h, ok
	}
	if t.val < bareMin || t.val > bareMax {
		return hit{}, false
	}
	if h, ok, done := st.yearRange(t); done {
		return h, ok
	}
	if !st.yearContext(t, t) {
		return hit{}, false
	}
	h := hit{start: t.start, end: t.end, n: 1, form: fYear, src: yExplicit}
	h.items[0] = item{y: t.val}
	return h, true
}

// isoDate reads yyyy-mm-dd (also with / or .) from year t; done is true
// when the text decides (a date, or a number that is none).
func (st *scan) isoDate(t token) (h hit, ok, done bool) {
	s := st.s
	if !(t.end < len(s) && (s[t.end] == '-' || s[t.end] == '/' || s[t.end] == '.') && !st.numberBefore(t.start)) {
		return hit{}, false, false
	}
	sep := s[t.end]
	t2 := next(s, t.end+1)
	if !(t2.kind == tNum && t2.start == t.end+1 && t2.ndig() <= 2 && t2.end < len(s) && s[t2.end] == sep) {
		return hit{}, false, false
	}
	t3 := next(s, t2.end+1)
	if t3.kind == tNum && t3.start == t2.end+1 && t3.ndig() <= 2 && st.tailOK(t3) && validDay(t.val, t2.val, t3.val) {
		h = hit{start: t.start, end: t3.end, n: 1, form: fISO, src: yExplicit}
		h.items[0] = item{t.val, t2.val, t3.val}
		return h, true, true
	}
	return hit{}, false, true
}

// yearRange reads a range from year t ("2021-2023", "2021 – 2023",
// "2020/2021", "2019-20") or an ISO month ("2019-12"); done is true when
// the text decides.
func (st *scan) yearRange(t token) (h hit, ok, done bool) {
	s := st.s
	c := next(s, t.end)
	slash := c.is('/') && c.start == t.end
	if !c.isDash() && !slash {
		return hit{}, false, false
	}
	t2 := next(s, c.end)
	y2 := 0
	switch {
	case t2.kind == tNum && t2.ndig() == 4:
		y2 = t2.val
	case t2.kind == tNum && t2.ndig() == 2 && c.start == t.end && t2.start == c.end:
		y2 = t.val/100*100 + t2.val
	}
	if slash && t2.start != c.end {
		y2 = 0
	}
	if y2 > t.val && y2-t.val <= 100 && y2 <= bareMax && st.tailOK(t2) {
		if st.yearContext(t, t2) {
			h = hit{start: t.start, end: t2.end, n: 2, form: fYearRange, src: yExplicit}
			h.items[0], h.items[1] = item{y: t.val}, item{y: y2}
			return h, true, true
		}
		return hit{}, false, true
	}
	if t2.kind == tNum && t2.start == c.end && c.start == t.end {
		// "2019-12" (ISO month) or a number like "2019-123": not a bare year.
		if c.is('-') && t2.ndig() == 2 && t2.val >= 1 && t2.val <= 12 && st.tailOK(t2) && !st.numberBefore(t.start) {
			h = hit{start: t.start, end: t2.end, n: 1, form: fISO, src: yExplicit}
			h.items[0] = item{y: t.val, m: t2.val}
			return h, true, true
		}
		return hit{}, false, true
	}
	return hit{}, false, false
}

// yearContext decides whether the years first..last (one token or a range)
// stand alone as years, looking at their neighbours.
func (st *scan) yearContext(first, last token) bool {
	pi, ok := st.leftContext(first)
	return ok && st.rightContext(last, pi)
}

// leftContext reports whether what precedes year first lets it be a
// date: no glued sign or separator, no number group, identifier word,
// approximation or name before it. pi is the word before it.
func (st *scan) leftContext(first token) (pi wordInfo, ok bool) {
	s := st.s
	r, n := runeBefore(s, first.start)
	switch r {
	case '$', '€', '£', '¥', '₸', '₽', '₹', '#', '№', '+', '\u2212':
		return pi, false
	case '.', ',', ':', '/':
		if r2, _ := runeBefore(s, first.start-n); r2 >= '0' && r2 <= '9' {
			return pi, false
		}
	case '-', '\u2013':
		if r2, _ := runeBefore(s, first.start-n); r2 >= '0' && r2 <= '9' {
			return pi, false
		}
		if ok, _ := letterBefore2(s, first.start-n); ok {
			// "mid-2020" is a year; "Kazakhstan-2050" is a name.
			return pi, st.wordIs(prev(s, first.start-n), "mid")
		}
	}
	p := prev(s, first.start)
	if p.is('.') { // "No. 2019"
		if st.word(prev(s, p.start)).has(kNumPrefix) {
			return pi, false
		}
	}
	pi = st.word(p)
	switch p.kind {
	case tNum:
		// "8 701 2019 ...": a number group; but "Q1 2022", "H2 2021" are periods.
		if !(p.ndig() == 1 && p.val >= 1 && p.val <= 4 && p.start > 0 && (s[p.start-1] == 'Q' || s[p.start-1] == 'H') &&
			(p.start == 1 || !isLetterBefore(s, p.start-1))) {
			return pi, false
		}
	case tWord:
		if pi.has(kNumPrefix) || pi.has(kApprox) && first.val%50 == 0 || st.nameWord(p, pi) {
			return pi, false
		}
	case tPunct:
		if p.is(',') {
			if pp := prev(s, p.start); st.nameWord(pp, st.word(pp)) {
				// "Bill, 2020": a name followed by its year.
				return pi, false
			}
		}
	}
	return pi, true
}

// rightContext reports whether what follows year last lets it be a date
// (pi is the word before the year): no decade ("the 1990's"), number or
// unit after it.
func (st *scan) rightContext(last token, pi wordInfo) bool {
	s := st.s
	if !st.tailOK(last) {
		return false
	}
	if r := runeAt(s, last.end); (r == '\'' || r == '\u2019') && last.val%10 == 0 {
		k := last.end + utf8.RuneLen(r)
		if k < len(s) && s[k] == 's' && (k+1 == len(s) || !isLetterAt(s, k+1)) {
			return false // "the 1990's"
		}
	}
	nt := next(s, last.end)
	switch nt.kind {
	case tNum:
		return false
	case tWord:
		if st.word(nt).has(kUnit) {
			temporal := pi.has(kPrep) && !pi.has(kApprox)
			if last.val%100 == 0 || !temporal {
				return false
			}
		}
	}
	return true
}

// nameWord reports a capitalized word that makes a following year part of a
// name: not a function word, month, weekday or preposition.
func (st *scan) nameWord(p token, pi wordInfo) bool {
	if p.kind != tWord || !isUpperStart(st.s, p) {
		return false
	}
	return !pi.has(kNameOK | kMonth | kMonthAbbr | kWeekday | kPrep | kConn | kRel)
}

// validDay reports whether y-m-d is a calendar day.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// resolveYear turns a hit's year source into a year (0 = cannot).
func (st *scan) resolveYear(h *hit, it item) int {
	switch h.src {
	case yExplicit:
		return it.y
	case yRef:
		if st.refYear == 0 {
			return 0
		}
		return st.refYear + h.off
	}
	if !st.hasPub {
		return 0
	}
	py, pm := st.pub.Year(), int(st.pub.Month())
	switch h.src {
	case yRel:
		return py + h.off
	case yLastMonth:
		if it.m < pm {
			return py
		}
		return py - 1
	case yNextMonth:
		if it.m > pm {
			return py
		}
		return py + 1
	}
	return py
}

// emit turns a hit into dates and mentions.
func (st *scan) emit(h *hit) {
	st.lastEnd = h.end
	text := st.s[h.start:h.end]
	var rs, re int
	converted := false
	for k := 0; k < h.n; k++ {
		it := h.items[k]
		y := st.resolveYear(h, it)
		if y < fullMin || y > fullMax {
			continue
		}
		gran := doc.Year
		var tm time.Time
		switch {
		case it.m == 0:
			tm = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		case it.d == 0:
			if it.m < 1 || it.m > 12 {
				continue
			}
			gran = doc.Month
			tm = time.Date(y, time.Month(it.m), 1, 0, 0, 0, 0, time.UTC)
		default:
			if !validDay(y, it.m, it.d) {
				continue
			}
			gran = doc.Day
			tm = time.Date(y, time.Month(it.m), it.d, 0, 0, 0, 0, time.UTC)
		}
		if h.src == yExplicit {
			st.refYear = y
		}
		value := formatValue(y, it.m, it.d)
		if !converted {
			rs, re = st.conv.runes(h.start), st.conv.runes(h.end)
			converted = true
		}
		id := ""
		for i := range st.res.Dates {
			if st.res.Dates[i].Value == value {
				id = st.res.Dates[i].ID
				break
			}
		}
		method := methods[h.form][h.src]
		if id == "" {
			id = "d" + strconv.Itoa(len(st.res.Dates)+1)
			st.res.Dates = append(st.res.Dates, doc.Date{
				ID: id, Text: text, Value: value, Date: tm, Granularity: gran,
				Span: doc.Span{Start: rs, End: re}, Method: method,
			})
		}
		st.res.Mentions = append(st.res.Mentions, doc.Mention{
			EntityID: id, EntityType: doc.TypeDate, Text: text,
			Span: doc.Span{Start: rs, End: re}, Method: method,
		})
		if st.tr.On() {
			sp := doc.Span{Start: rs, End: re}
			st.tr.Note(formRule(h.form, h.src), sp, sp, value)
			if r := yearRules[h.src]; r != nil {
				st.tr.Note(r, sp, sp, value)
			}
		}
	}
}

// formatValue writes YYYY, YYYY-MM or YYYY-MM-DD.
func formatValue(y, m, d int) string {
	var b [10]byte
	b[0], b[1], b[2], b[3] = byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	n := 4
	if m > 0 {
		b[4], b[5], b[6] = '-', byte('0'+m/10), byte('0'+m%10)
		n = 7
		if d > 0 {
			b[7], b[8], b[9] = '-', byte('0'+d/10), byte('0'+d%10)
			n = 10
		}
	}
	return string(b[:n])
}

// runeConv converts byte offsets to rune offsets, walking forward from the
// last position asked (hits come in text order).
type runeConv struct {
	s     string
	b, r  int
	saveB int
	saveR int
}

func (c *runeConv) runes(b int) int {
	if b < c.b { // a span end before the last one asked: restart from the checkpoint
		c.b, c.r = c.saveB, c.saveR
		if b < c.b {
			c.b, c.r = 0, 0
		}
	}
	c.saveB, c.saveR = c.b, c.r
	if e := min(b, len(c.s)); e > c.b && (e == len(c.s) || utf8.RuneStart(c.s[e])) {
		// No rune spans e (a continuation byte would follow), so the walk
		// below would stop exactly at e, one rune per decoded rune or
		// invalid byte: RuneCountInString counts the same, faster.
		c.r += utf8.RuneCountInString(c.s[c.b:e])
		c.b = e
		return c.r
	}
	for c.b < b && c.b < len(c.s) {
		if c.s[c.b] < 0x80 {
			c.b++
		} else {
			_, n := utf8.DecodeRuneInString(c.s[c.b:])
			c.b += n
		}
		c.r++
	}
	return c.r
}

// Requires and Provides are the layers of the annotated document this stage
// reads and writes (see doc.Layer); extract checks their order at start-up.
var (
	Requires = []doc.Layer{doc.LayerText}
	Provides = []doc.Layer{doc.LayerDates}
)
