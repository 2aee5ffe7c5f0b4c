package entities

import (
	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

type pname struct {
	words    []string // lowercased name words, no initials
	initials []rune   // initial letters, lowercased
	surname  string
	given    string
	nWords   int
	nInit    int
}

func (st *state) parsePerson(m *ment) pname {
	var p pname
	// words and initials live in per-document arenas: one growing slice
	// each instead of two per name
	w0, i0 := len(st.wordArena), len(st.initArena)
	p.words = st.wordArena[w0:w0]
	p.initials = st.initArena[i0:i0]
	inQuote := false
	for i := m.a; i < m.b; i++ {
		t := st.t[i]
		switch {
		case t.quote:
			inQuote = !inQuote // a nickname: “Bongbong”
		case inQuote || !t.word:
		case i > m.a && (st.f.l.nameSuffix[t.low] || patronymics[t.low] && !t.cap):
			// "Jr", "III", "oglu": no family name
		case t.initial:
			for _, r := range t.low {
				if unicode.IsLetter(r) {
					p.initials = append(p.initials, r)
				}
			}
		case strings.Contains(t.text, ".") && !strings.HasSuffix(t.text, "."):
			// "S.Mukashev"
			k := strings.LastIndex(t.low, ".")
			for _, r := range t.low[:k] {
				if unicode.IsLetter(r) {
					p.initials = append(p.initials, r)
				}
			}
			p.words = append(p.words, t.low[k+1:])
		case t.allCaps && len([]rune(t.text)) <= 2 && i+1 < m.b:
			for _, r := range t.low {
				p.initials = append(p.initials, r)
			}
		default:
			p.words = append(p.words, t.low)
		}
	}
	p.nWords, p.nInit = len(p.words), len(p.initials)
	switch len(p.words) {
	case 0:
	case 1:
		p.surname = p.words[0]
	default:
		first, last := p.words[0], p.words[len(p.words)-1]
		_, sf := st.f.l.surnameGender(first)
		_, sl := st.f.l.surnameGender(last)
		_, gf := st.f.l.givenName(first)
		_, gl := st.f.l.givenName(last)
		if sf && !gf && (!sl || gl) || patronymics[st.low[m.b-1]] && len(p.words) >= 3 {
			// surname first; "Mammadov Vugar Aydin oglu" ends in the
			// father's name, after the given name
			p.surname, p.given = first, p.words[1]
			if len(p.words) == 2 {
				p.given = last
			}
		} else if k := malayPatronym(p.words); k > 1 {
			// "Siti Hajar binti Rahmat" is referred to as "Siti Hajar"
			p.surname, p.given = p.words[k-1], first
		} else {
			p.surname, p.given = last, first
		}
	}
	st.wordArena = append(st.wordArena[:w0], p.words...)
	st.initArena = append(st.initArena[:i0], p.initials...)
	p.words = st.wordArena[w0:len(st.wordArena):len(st.wordArena)]
	p.initials = st.initArena[i0:len(st.initArena):len(st.initArena)]
	return p
}

// withinEdits reports whether the Levenshtein distance of a and b (in
// runes) is at most max. It is called for many pairs of names, so short
// names are compared without allocating, and it stops once a whole row of
// the table exceeds max (later rows can only be larger).
func withinEdits(a, b string, max int) bool {
	var abuf, bbuf [32]rune
	var pbuf, cbuf [33]int
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	prev, cur := pbuf[:0], cbuf[:0]
	if len(rb) >= len(pbuf) {
		prev, cur = make([]int, 0, len(rb)+1), make([]int, 0, len(rb)+1)
	}
	prev, cur = prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			low = min(low, c)
		}
		if low > max {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)] <= max
}

func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}

// similar: the same word, or a spelling variant (same first letter, one
// edit; two for long words).
func similar(a, b string) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" {
		return false
	}
	if (!ascii(a) || !ascii(b)) && foldMarks(a) == foldMarks(b) {
		return true // "Ağar", "Agar": one name with and without its diacritics
	}
	if a[0] != b[0] {
		return false
	}
	la, lb := len([]rune(a)), len([]rune(b))
	if la < 5 || lb < 5 {
		return false
	}
	max := 1
	if la >= 8 && lb >= 8 {
		max = 2
	}
	// the distance is at least the difference in length
	if la-lb > max || lb-la > max {
		return false
	}
	return withinEdits(a, b, max)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldMarks is s without its diacritics (combining marks after NFD).
func foldMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

type pcluster struct {
	surname, given string
	initial        rune
	ments          []int
}

func (c *pcluster) compatible(p pname) bool {
	if !similar(c.surname, p.surname) {
		return false
	}
	if c.surname == p.surname {
		return true
	}
	if c.given != "" && p.given != "" {
		return similar(c.given, p.given) || c.given == p.given
	}
	if c.initial != 0 && p.given != "" {
		return []rune(p.given)[0] == c.initial
	}
	if p.nInit > 0 && c.given != "" {
		return []rune(c.given)[0] == p.initials[0]
	}
	return true
}

var rulePersonOtherGiven = rules.New(rules.StageEntities, rules.Split, "person.split.other-given",
	"a full name of another's surname with another given name, that neither name holds, is another person",
	"The secretary, Siobhan Keane, and the director, [Declan Keane], signed.")

// otherGiven reports whether full name p, of c's surname, has another
// given name than every name in c, one that no name of c holds and that
// holds none of theirs: "Declan McAllister" is not "Siobhán McAllister",
// while "Zulkifli Hashim" is "Ahmad Zulkifli Hashim".
func otherGiven(c *pcluster, p pname, names []pname) bool {
	if c.given == "" || p.given == "" || c.surname != p.surname || similar(c.given, p.given) {
		return false
	}
	for _, j := range c.ments {
		q := names[j]
		if q.given == "" || slices.Contains(q.words, p.given) || slices.Contains(p.words, q.given) {
			return false
		}
	}
	return true
}

// Joining the mentions of one person: full names by surname, short forms
// into the longer name they start, then single words by surname or given
// name.
var (
	rulePersonMergeName = rules.New(rules.StageEntities, rules.Merge, "person.merge.name",
		"names with a similar surname (one edit, two for long ones) and compatible given names or initials are one person",
		"Askar Bekov ... [A. Bekov]")
	rulePersonMergeShortForm = rules.New(rules.StageEntities, rules.Merge, "person.merge.short-form",
		"a name whose every form starts the one longer name of another person is that person",
		"Mohd Rashid Abdullah ... [Mohd Rashid] said")
	rulePersonMergeSurname = rules.New(rules.StageEntities, rules.Merge, "person.merge.surname",
		"a lone name word with a similar surname joins that person",
		"Askar Bekov spoke. [Bekov] said the union agreed.")
	rulePersonMergeGiven = rules.New(rules.StageEntities, rules.Merge, "person.merge.given-name",
		"a lone name word that is a person's given name joins that person",
		"Askar Bekov spoke. [Askar] said the union agreed.")
	rulePersonMergeInner = rules.New(rules.StageEntities, rules.Merge, "person.merge.inner-name",
		"a lone name word that is a word inside one person's full name (a first family name, a middle name) joins that person",
		"Héctor Manuel Araya Castillo spoke. [Araya] said the strike would go ahead.")
	rulePersonRejectWeak = rules.New(rules.StageEntities, rules.Reject, "person.reject.weak-single",
		"a lone name word with no title, form of address, cue verb or possessive, joining no one, is no person",
		"The [Zorro] spoke.")
)

func (st *state) clusterPeople() [][]int {
	if cap(st.pn) < len(st.ments) {
		st.pn = make([]pname, len(st.ments))
	}
	st.pn = st.pn[:len(st.ments)]
	cs, singles, ok := st.clusterFullNames()
	if !ok {
		return nil
	}
	cs = st.mergeShortForms(cs, st.pn)
	if cs, ok = st.clusterSingles(cs, singles); !ok {
		return nil
	}
	out := make([][]int, len(cs))
	for ci, c := range cs {
		sort.Ints(c.ments)
		out[ci] = c.ments
		for _, i := range c.ments {
			st.ments[i].cluster = ci // renumbered after mergeShortForms
		}
	}
	return out
}

// clusterFullNames parses every person mention and clusters those of two
// or more name words by surname; it returns the clusters and the one-word
// mentions, ok false when the document's budget ran out.
func (st *state) clusterFullNames() (cs []*pcluster, singles []int, ok bool) {
	names := st.pn
	idx := newSurnameIndex()
	for i := range st.ments {
		if st.d.Budget.Step() {
			return nil, nil, false
		}
		m := &st.ments[i]
		if m.k != kPerson {
			continue
		}
		p := st.parsePerson(m)
		if p.nWords == 0 {
			m.cluster = -1
			continue
		}
		names[i] = p
		if p.nWords == 1 && p.nInit == 0 {
			singles = append(singles, i)
			continue
		}
		found := idx.first(p.surname, func(ci int) bool { return cs[ci].compatible(p) })
		if found >= 0 && otherGiven(cs[found], p, names) {
			// another person of the surname: a later cluster of it that
			// fits, else a new one
			st.fire(rulePersonOtherGiven, m.a, m.b, m.a, m.b)
			found = -1
			for _, ci := range idx.withSurname(p.surname) {
				if !otherGiven(cs[ci], p, names) {
					found = ci
					break
				}
			}
		}
		if found < 0 {
			c := &pcluster{surname: p.surname, given: p.given}
			if p.nInit > 0 {
				c.initial = p.initials[0]
			}
			cs = append(cs, c)
			found = len(cs) - 1
			idx.add(found, p.surname)
		} else {
			st.firePersonMerge(rulePersonMergeName, i, cs[found])
		}
		c := cs[found]
		if c.given == "" && p.given != "" {
			c.given = p.given
		}
		c.ments = append(c.ments, i)
		st.ments[i].cluster = found
	}
	return cs, singles, true
}

// clusterSingles joins the one-word mentions to the clusters by surname or
// given name, else makes them clusters of their own (or drops a weak one).
func (st *state) clusterSingles(cs []*pcluster, singles []int) ([]*pcluster, bool) {
	names := st.pn
	idx := newSurnameIndex()
	// the first cluster with each given name; givens do not change below
	givenAt := map[string]int{}
	var inner map[string]int // built when a single needs it
	for ci, c := range cs {
		idx.add(ci, c.surname)
		if _, ok := givenAt[c.given]; !ok {
			givenAt[c.given] = ci
		}
	}
	for _, i := range singles {
		if st.d.Budget.Step() {
			return nil, false
		}
		m := &st.ments[i]
		p := names[i]
		found := idx.first(p.surname, func(ci int) bool { return similar(cs[ci].surname, p.surname) })
		rule := rulePersonMergeSurname
		if found < 0 {
			if ci, ok := givenAt[p.surname]; ok {
				found, rule = ci, rulePersonMergeGiven
			}
		}
		if found < 0 {
			if inner == nil {
				inner = innerNames(cs, names)
			}
			if ci, ok := inner[p.surname]; ok && ci >= 0 {
				found, rule = ci, rulePersonMergeInner
			}
		}
		if found >= 0 {
			st.firePersonMerge(rule, i, cs[found])
		} else {
			if m.weak && !m.cued && !st.t[m.b-1].poss {
				st.fire(rulePersonRejectWeak, m.a, m.b, 0, 0)
				m.cluster = -1
				continue
			}
			cs = append(cs, &pcluster{surname: p.surname})
			found = len(cs) - 1
			idx.add(found, p.surname)
			if _, ok := givenAt[""]; !ok {
				givenAt[""] = found
			}
		}
		cs[found].ments = append(cs[found].ments, i)
		m.cluster = found
	}
	return cs, true
}

// innerNames maps each word inside the full names of the clusters (not
// the first, not the last) to its cluster, -1 when several clusters hold
// it: "Araya" of "Héctor Manuel Araya Castillo", whose first family name a
// Spanish report uses alone.
func innerNames(cs []*pcluster, names []pname) map[string]int {
	inner := map[string]int{}
	for ci, c := range cs {
		for _, j := range c.ments {
			w := names[j].words
			for k := 1; k+1 < len(w); k++ {
				if prev, ok := inner[w[k]]; ok && prev != ci {
					inner[w[k]] = -1
				} else if !ok {
					inner[w[k]] = ci
				}
			}
		}
	}
	return inner
}

// firePersonMerge records that rule r joined mention i to cluster c (its
// first mention is the span given).
func (st *state) firePersonMerge(r *rules.Rule, i int, c *pcluster) {
	if st.tr == nil || len(c.ments) == 0 {
		return
	}
	m, f := &st.ments[i], &st.ments[c.ments[0]]
	st.fire(r, m.a, m.b, f.a, f.b)
}

// mergeShortForms folds a cluster whose names are all the first words of a
// longer name in one other cluster into that cluster: Malay, Arabic and South
// Asian names are shortened to their first two words ("Mohd Rashid" for
// "Mohd Rashid Abdullah"), which the surname key cannot join.
func (st *state) mergeShortForms(cs []*pcluster, names []pname) []*pcluster {
	prefixOf := func(short, long []string) bool {
		if len(short) < 2 || len(long) <= len(short) {
			return false
		}
		for k := range short {
			if short[k] != long[k] {
				return false
			}
		}
		return true
	}
	// b can cover a only if b has a name of three or more words beginning
	// with the first word of a's first name: clusters indexed by those
	// first words (ascending, kept up to date as they grow) are the only
	// ones worth checking, in the order a scan of all would meet them.
	longBy := map[string][]int{}
	note := func(bi int, ments []int) {
		for _, j := range ments {
			w := names[j].words
			if len(w) < 3 {
				continue
			}
			l := longBy[w[0]]
			if k, found := slices.BinarySearch(l, bi); !found {
				longBy[w[0]] = slices.Insert(l, k, bi)
			}
		}
	}
	for bi, b := range cs {
		note(bi, b.ments)
	}
	var out []*pcluster
	merged := make([]bool, len(cs))
	for ai, a := range cs {
		if len(a.ments) == 0 || len(names[a.ments[0]].words) < 2 {
			continue // nothing covers it
		}
		into := -1
		for _, bi := range longBy[names[a.ments[0]].words[0]] {
			b := cs[bi]
			if bi == ai || merged[bi] || !coversAll(a, b, names, prefixOf) {
				continue
			}
			if into >= 0 {
				into = -2 // two longer names fit: leave it
				break
			}
			into = bi
		}
		if into >= 0 {
			for _, i := range a.ments {
				st.firePersonMerge(rulePersonMergeShortForm, i, cs[into])
			}
			cs[into].ments = append(cs[into].ments, a.ments...)
			merged[ai] = true
			note(into, a.ments)
		}
	}
	for ci, c := range cs {
		if !merged[ci] {
			out = append(out, c)
		}
	}
	return out
}

// coversAll reports whether every name in a is a prefix of some name in b.
func coversAll(a, b *pcluster, names []pname, prefixOf func(short, long []string) bool) bool {
	for _, i := range a.ments {
		ok := false
		for _, j := range b.ments {
			if prefixOf(names[i].words, names[j].words) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return len(a.ments) > 0
}

func (st *state) makePerson(ms []int, n int) doc.Person {
	best := -1
	var bp pname
	better := func(i int, p pname) bool {
		if best < 0 {
			return true
		}
		if p.nWords != bp.nWords {
			return p.nWords > bp.nWords
		}
		if p.nInit != bp.nInit {
			return p.nInit > bp.nInit
		}
		bm, im := mixedCase(st.ments[best].name), mixedCase(st.ments[i].name)
		if bm != im {
			return im
		}
		_, bg := st.f.l.givenName(bp.given)
		_, ig := st.f.l.givenName(p.given)
		return ig && !bg
	}
	for _, i := range ms {
		p := st.pn[i]
		if better(i, p) {
			best, bp = i, p
		}
	}
	name := st.ments[best].name
	if !mixedCase(name) {
		// an all-caps headline: take the mixed-case form if the text has one
		for _, i := range ms {
			if strings.EqualFold(st.ments[i].name, name) && mixedCase(st.ments[i].name) {
				name = st.ments[i].name
				break
			}
		}
		if !mixedCase(name) {
			name = recase(name)
		}
	}
	var aliases []string
	gender := ""
	for _, i := range ms {
		m := st.ments[i]
		if !strings.EqualFold(m.name, name) {
			aliases = addAlias(aliases, name, m.name)
		}
		aliases = addAlias(aliases, name, m.alias)
		if m.alias != "" && gender == "" {
			gender = st.honorificGender(m.alias)
		}
	}
	if gender == "" {
		if g := st.f.l.givenGender(bp.given); g != "" {
			gender = g
		} else if g, ok := st.f.l.surnameGender(bp.surname); ok {
			gender = g
		}
	}
	first := &st.ments[ms[0]]
	return doc.Person{ID: "p" + strconv.Itoa(n+1), Name: name, Aliases: aliases, Gender: gender, Mentions: len(ms), Span: st.span(first)}
}

// recase turns "SATYBALDY DAULETALIN" into "Satybaldy Dauletalin".
func recase(s string) string {
	rs := []rune(strings.ToLower(s))
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
		}
		up = !unicode.IsLetter(r)
	}
	return string(rs)
}

// honorificGender is the gender the honorifics.txt entry gives for the form
// of address that starts alias ("Datin Paduka Siti Hajar"), or "".
func (st *state) honorificGender(alias string) string {
	ws := strings.Fields(strings.ToLower(alias))
	if n, e := st.f.l.ph[pHonorifics].match(ws, 0, len(ws)); n > 0 {
		return e.Field(1)
	}
	return ""
}

// malayPatronym returns the index of "bin"/"binti" in words when the name
// after it is a father's name (no Arabic article surname follows), else -1.
func malayPatronym(words []string) int {
	for k, w := range words {
		if patronymWords[w] {
			if strings.Contains(words[len(words)-1], "-") {
				return -1
			}
			return k
		}
	}
	return -1
}
