package entities

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/doc"
)

// --- people ------------------------------------------------------------------

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
	for i := m.a; i < m.b; i++ {
		t := st.t[i]
		switch {
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
		_, gf := st.f.l.given[first]
		_, gl := st.f.l.given[last]
		if sf && !gf && (!sl || gl) {
			p.surname, p.given = first, last
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
	if a == "" || b == "" || a[0] != b[0] {
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

// surnameBucket groups clusters by what similar needs equal: the first byte
// of the surname (256 for none). Only clusters in p's bucket can match p.
func surnameBucket(s string) int {
	if s == "" {
		return 256
	}
	return int(s[0])
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

func (st *state) clusterPeople() [][]int {
	var cs []*pcluster
	if cap(st.pn) < len(st.ments) {
		st.pn = make([]pname, len(st.ments))
	}
	st.pn = st.pn[:len(st.ments)]
	names := st.pn
	var singles []int
	// per surname bucket, the clusters in it in order: scanning only those
	// finds the same first match as scanning all
	var byFirst [257][]int
	for i := range st.ments {
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
		found := -1
		for _, ci := range byFirst[surnameBucket(p.surname)] {
			if cs[ci].compatible(p) {
				found = ci
				break
			}
		}
		if found < 0 {
			c := &pcluster{surname: p.surname, given: p.given}
			if p.nInit > 0 {
				c.initial = p.initials[0]
			}
			cs = append(cs, c)
			found = len(cs) - 1
			b := surnameBucket(p.surname)
			byFirst[b] = append(byFirst[b], found)
		}
		c := cs[found]
		if c.given == "" && p.given != "" {
			c.given = p.given
		}
		c.ments = append(c.ments, i)
		st.ments[i].cluster = found
	}
	cs = mergeShortForms(cs, names)
	for b := range byFirst {
		byFirst[b] = byFirst[b][:0]
	}
	// the first cluster with each given name; givens do not change below
	givenAt := map[string]int{}
	for ci, c := range cs {
		b := surnameBucket(c.surname)
		byFirst[b] = append(byFirst[b], ci)
		if _, ok := givenAt[c.given]; !ok {
			givenAt[c.given] = ci
		}
	}
	for _, i := range singles {
		m := &st.ments[i]
		p := names[i]
		found := -1
		for _, ci := range byFirst[surnameBucket(p.surname)] {
			if similar(cs[ci].surname, p.surname) {
				found = ci
				break
			}
		}
		if found < 0 {
			if ci, ok := givenAt[p.surname]; ok {
				found = ci
			}
		}
		if found < 0 {
			if m.weak && !m.cued && !st.t[m.b-1].poss {
				m.cluster = -1
				continue
			}
			cs = append(cs, &pcluster{surname: p.surname})
			found = len(cs) - 1
			b := surnameBucket(p.surname)
			byFirst[b] = append(byFirst[b], found)
			if _, ok := givenAt[""]; !ok {
				givenAt[""] = found
			}
		}
		cs[found].ments = append(cs[found].ments, i)
		m.cluster = found
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

// mergeShortForms folds a cluster whose names are all the first words of a
// longer name in one other cluster into that cluster: Malay, Arabic and South
// Asian names are shortened to their first two words ("Mohd Rashid" for
// "Mohd Rashid Abdullah"), which the surname key cannot join.
func mergeShortForms(cs []*pcluster, names []pname) []*pcluster {
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

// --- organizations --------------------------------------------------------------

var orgStop = map[string]bool{"of": true, "the": true, "for": true, "and": true, "on": true, "in": true, "under": true, "to": true, "&": true}

// mentKey is orgKey of mention i's name, computed once.
func (st *state) mentKey(i int) []string {
	m := &st.ments[i]
	if m.key == nil {
		m.key = st.tokenKey(m)
		m.keyStr = strings.Join(m.key, " ")
	}
	return m.key
}

// tokenKey is orgKeyOf(m.name) built from the mention's lower-cased tokens
// (no new strings).
func (st *state) tokenKey(m *ment) []string {
	out := make([]string, 0, m.b-m.a)
	for i := m.a; i < m.b; i++ {
		w := st.low[i]
		if w == "" || keyTrimmed(w[0]) || keyTrimmed(w[len(w)-1]) {
			w = strings.Trim(w, "“”\"«»'’.,")
		}
		if w == "" || st.t[i].quote {
			continue
		}
		if s, ok := st.f.l.synonyms[w]; ok {
			w = s
		}
		out = append(out, w)
	}
	if len(out) > 1 && out[0] == "the" {
		out = out[1:]
	}
	return out
}

// keyTrimmed reports whether byte c may belong to a rune tokenKey trims:
// one of "'., or any byte of a multi-byte rune (the curly quotes and
// guillemets). A word whose first and last bytes are not is left as it is.
func keyTrimmed(c byte) bool {
	return c >= utf8.RuneSelf || c == '"' || c == '\'' || c == '.' || c == ','
}

func (st *state) orgKey(name string) []string { return orgKeyOf(name, st.f.l.synonyms) }

// orgKeyOf is the clustering key of an organization name: lowercased words,
// quotes and dots trimmed, translation variants folded, a leading "the"
// dropped.
func orgKeyOf(name string, synonyms map[string]string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		w = strings.Trim(w, "“”\"«»'’.,")
		if w == "" {
			continue
		}
		if s, ok := synonyms[w]; ok {
			w = s
		}
		out = append(out, w)
	}
	if len(out) > 1 && out[0] == "the" {
		out = out[1:]
	}
	return out
}

func initialsOf(key []string) string {
	var b strings.Builder
	for _, w := range key {
		if orgStop[w] {
			continue
		}
		for _, part := range strings.Split(w, "-") {
			for _, r := range part {
				b.WriteRune(unicode.ToLower(r))
				break
			}
		}
	}
	return b.String()
}

func hasPrefix(long, short []string) bool {
	if len(short) >= len(long) {
		return false
	}
	for i := range short {
		if long[i] != short[i] {
			return false
		}
	}
	return true
}

type ocluster struct {
	keys    []*okey // distinct keys of the mentions, first seen first
	nkeys   int     // keys of the mentions, repeats counted
	keySet  map[*okey]bool
	acronym string
	ments   []int
	head    string // last head word of the longest name
}

// okey is an organization key with what the clustering compares of it,
// computed once per distinct key rather than once per pair of mentions.
type okey struct {
	words    []string
	initials string // initialsOf(words)
	bag      string // bagKey(words), when len(words) >= 3
	dem      string // demonyms[words[0]]
	isDem    bool
	country  []string // dem's words, lowercased
}

// okeyOf returns the shared okey of key (ks is strings.Join(key, " ")).
func (st *state) okeyOf(cache map[string]*okey, key []string, ks string) *okey {
	if k, ok := cache[ks]; ok && slices.Equal(k.words, key) {
		return k
	}
	k := &okey{words: key, initials: initialsOf(key)}
	if len(key) >= 3 {
		k.bag = bagKey(key)
	}
	if len(key) > 0 {
		k.dem, k.isDem = st.f.l.demonyms[key[0]]
		if k.dem != "" {
			k.country = strings.Fields(strings.ToLower(k.dem))
		}
	}
	cache[ks] = k
	return k
}

func (st *state) lastHead(key []string) string {
	for i := len(key) - 1; i >= 0; i-- {
		if st.f.l.heads[key[i]] {
			return key[i]
		}
	}
	return ""
}

func (st *state) clusterOrgs() [][]int {
	var cs []*ocluster
	exact := map[string]int{}
	cache := map[string]*okey{}
	// ks is strings.Join(key, " "), which the caller has at hand
	join := func(ci, i int, key []string, ks string) {
		c := cs[ci]
		if exact[ks] == 0 {
			exact[ks] = ci + 1
		}
		c.ments = append(c.ments, i)
		// the matching below depends on which keys a cluster has, not on
		// how often: repeats are counted, not kept
		c.nkeys++
		if ok := st.okeyOf(cache, key, ks); !c.keySet[ok] {
			if c.keySet == nil {
				c.keySet = map[*okey]bool{}
			}
			c.keySet[ok] = true
			c.keys = append(c.keys, ok)
		}
		if h := st.lastHead(key); h != "" && len(key) > 1 {
			c.head = h
		}
		st.ments[i].cluster = ci
		if a := st.ments[i].acronym; a != "" && c.acronym == "" {
			c.acronym = strings.ToLower(a)
		}
	}
	add := func(i int, key []string, ks string) {
		cs = append(cs, &ocluster{})
		join(len(cs)-1, i, key, ks)
	}
	// demonym-prefixed forms ("Kazakh Senate") fold onto the bare form when
	// the text uses it too.
	bare := map[string]bool{}
	for i := range st.ments {
		if st.ments[i].k == kOrg {
			st.mentKey(i)
			bare[st.ments[i].keyStr] = true
		}
	}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kOrg {
			continue
		}
		key := st.mentKey(i)
		if len(key) == 0 {
			m.cluster = -1
			continue
		}
		// m.keyStr[len(key[0])+1:] is strings.Join(key[1:], " ")
		if _, ok := st.f.l.demonyms[key[0]]; ok && len(key) > 1 && bare[m.keyStr[len(key[0])+1:]] {
			key = key[1:]
		}
		k := m.keyStr
		if len(key) != len(m.key) {
			k = strings.Join(key, " ")
		}
		found := exact[k] - 1
		if found < 0 && len(key) == 1 && (m.method == "rule:acronym" || st.t[m.a].allCaps) {
			for ci, c := range cs {
				if c.acronym == k {
					found = ci
					break
				}
			}
			if found < 0 {
				for ci, c := range cs {
					for _, ck := range c.keys {
						if len(ck.words) > 2 && ck.initials == k {
							found = ci
						}
					}
					if found >= 0 {
						break
					}
				}
			}
		}
		if found < 0 && m.headOnly {
			// the bare head refers to the latest body with that head
			for ci := len(cs) - 1; ci >= 0; ci-- {
				if cs[ci].head == k {
					found = ci
					break
				}
			}
			if found < 0 && !st.f.l.alone[k] {
				m.cluster = -1
				continue
			}
		}
		if found < 0 && (len(key) >= 2 || st.f.l.alone[key[0]]) {
			// short form of a longer name, or a longer form of a short one
			// ("Majilis" after "Majilis of Parliament of Kazakhstan")
			kDem, kIsDem := st.f.l.demonyms[key[0]]
			var kCountry []string
			if kDem != "" {
				kCountry = strings.Fields(strings.ToLower(kDem))
			}
			for ci, c := range cs {
				for _, ck := range c.keys {
					if hasPrefix(ck.words, key) || hasPrefix(key, ck.words) && len(ck.words) >= 2 && len(c.keys) == 1 {
						found = ci
					} else if len(key) >= 3 && countryFirst(ck.words, key, ck.dem, ck.isDem, kDem, kIsDem) {
						found = ci
					} else if ofCountry(key, kCountry, ck.words) || ofCountry(ck.words, ck.country, key) {
						found = ci
					}
				}
				if found >= 0 {
					break
				}
			}
		}
		if found < 0 && len(key) >= 3 {
			// a translation variant with the words in another order:
			// "International Confederation of Trade Unions"
			bk := bagKey(key)
			for ci, c := range cs {
				for _, ck := range c.keys {
					if len(ck.words) >= 3 && ck.bag == bk {
						found = ci
					}
				}
				if found >= 0 {
					break
				}
			}
		}
		if found >= 0 {
			join(found, i, key, k)
		} else {
			add(i, key, k)
		}
	}
	st.mergeNamed(cs, exact)
	mergeRegional(cs)
	st.mergeAcronyms(cs)
	st.mergeHeads(cs)
	st.mergeOuter(cs)
	out := make([][]int, 0, len(cs))
	for _, c := range cs {
		if len(c.ments) > 0 && st.thingAcronym(c) {
			for _, i := range c.ments {
				st.ments[i].cluster = -1
			}
			continue
		}
		if len(c.ments) > 0 {
			sort.Ints(c.ments)
			out = append(out, c.ments)
		}
	}
	return out
}

// mergeNamed joins two forms of one body that the prefix rules miss: a
// form led by an acronym and the same name without it ("TUC Trade Union
// Center of Taraz", "Trade Union Center of Taraz"; "NPP Executive
// Committee"), and two forms that end in the same quoted name and whose
// words before it are the one a prefix of the other ("Branch Trade Union of
// Metal Workers “KORGAN”", "Branch Trade Union “KORGAN”"). exact maps a key
// to its cluster plus one.
func (st *state) mergeNamed(cs []*ocluster, exact map[string]int) {
	into := func(ci, ti int) {
		if ci == ti || len(cs[ci].ments) == 0 || len(cs[ti].ments) == 0 {
			return
		}
		t, c := cs[ti], cs[ci]
		t.ments = append(t.ments, c.ments...)
		t.keys = append(t.keys, c.keys...)
		if t.acronym == "" {
			t.acronym = c.acronym
		}
		c.ments = nil
	}
	type named struct{ first, last string }
	var quoted map[named][]int // mentions ending in a quoted name
	for ci, c := range cs {
		for _, i := range c.ments {
			m := &st.ments[i]
			key := m.key
			if len(key) < 3 || len(key) != m.b-m.a && !(len(key) == m.b-m.a-1 && st.low[m.a] == "the") {
				continue // quotes or a folded demonym: the tokens no longer line up
			}
			if a := m.b - len(key); st.t[a].allCaps && !st.t[a].initial && !st.allCapsSentence(a) && utf8.RuneCountInString(st.t[a].text) >= 2 {
				if ti := exact[strings.Join(key[1:], " ")] - 1; ti >= 0 {
					into(ti, ci)
				}
			}
		}
		for _, i := range c.ments {
			m := &st.ments[i]
			if m.method != "rule:quoted-org" || len(m.key) < 2 {
				continue
			}
			if quoted == nil {
				quoted = map[named][]int{}
			}
			k := named{m.key[0], m.key[len(m.key)-1]}
			quoted[k] = append(quoted[k], i)
		}
	}
	for _, ms := range quoted {
		for x := 1; x < len(ms); x++ {
			a, b := &st.ments[ms[0]], &st.ments[ms[x]]
			ka, kb := a.key[:len(a.key)-1], b.key[:len(b.key)-1]
			if len(ka) < len(kb) {
				ka, kb = kb, ka
			}
			if !hasPrefix(ka, kb) && !slices.Equal(ka, kb) {
				continue
			}
			into(b.cluster, a.cluster) // a cluster already moved is left alone
		}
	}
}

// mergeRegional joins "X of the region" to the one "X of the <Name> region"
// the text names: the bare region word refers back to it ("Trade Union
// Center of the region" after "Trade Union Center of the Aktobe region").
func mergeRegional(cs []*ocluster) {
	for ci, c := range cs {
		var k []string
		for _, ck := range c.keys {
			w := ck.words
			if n := len(w); n >= 4 && regionWords[w[n-1]] && w[n-2] == "the" && w[n-3] == "of" {
				k = w
				break
			}
		}
		if k == nil || len(c.ments) == 0 {
			continue
		}
		prefix, region := k[:len(k)-2], k[len(k)-1]
		target := -1
		for ti, t := range cs {
			if ti == ci || len(t.ments) == 0 {
				continue
			}
			for _, tk := range t.keys {
				w := tk.words
				if len(w) > len(k) && w[len(w)-1] == region && slices.Equal(w[:len(prefix)], prefix) {
					if target >= 0 && target != ti {
						target = -2 // two named regions: leave it
					} else if target == -1 {
						target = ti
					}
				}
			}
			if target == -2 {
				break
			}
		}
		if target >= 0 {
			cs[target].ments = append(cs[target].ments, c.ments...)
			cs[target].keys = append(cs[target].keys, c.keys...)
			c.ments = nil
		}
	}
}

// countryFirst reports whether short is a shorter form of long that names
// the country by its adjective where long names it by itself, or the other
// way round: "Chinese Federation of Mining Workers" and "China Federation of
// Mining Workers' Unions".
// c1, ok1 and c2, ok2 are the demonym lookups of long[0] and short[0],
// which the caller keeps per key.
func countryFirst(long, short []string, c1 string, ok1 bool, c2 string, ok2 bool) bool {
	if len(short) >= len(long) || long[0] == short[0] {
		return false
	}
	if !(ok2 && strings.EqualFold(c2, long[0]) || ok1 && strings.EqualFold(c1, short[0])) {
		return false
	}
	for i := 1; i < len(short); i++ {
		if long[i] != short[i] {
			return false
		}
	}
	return true
}

// ofCountry reports whether adj names a body by its country's adjective
// and of by "of" and the country: "Belarusian Federation of Trade Unions"
// and "Federation of Trade Unions of (the Republic of) Belarus". country is
// the country of adj's first word, lowercased (nil when it is no demonym).
func ofCountry(adj, country, of []string) bool {
	if len(country) == 0 || len(adj) < 2 {
		return false
	}
	rest := adj[1:]
	if len(of) <= len(rest)+1 || !slices.Equal(of[:len(rest)], rest) || of[len(rest)] != "of" {
		return false
	}
	tail := of[len(rest)+1:]
	if len(tail) > 3 && tail[0] == "the" && tail[1] == "republic" && tail[2] == "of" {
		tail = tail[3:]
	}
	return slices.Equal(tail, country)
}

// bagKey is a name's content words, singular and sorted.
func bagKey(key []string) string {
	ws := make([]string, 0, len(key))
	for _, w := range key {
		if !orgStop[w] && w != "republic" {
			ws = append(ws, singular(w))
		}
	}
	sort.Strings(ws)
	return strings.Join(ws, " ")
}

// thingAcronym reports whether cluster c is an acronym that no list knows
// and that the text uses only before a thing's noun ("the LRT project",
// "the VAT rate"): it names a thing, not a body.
func (st *state) thingAcronym(c *ocluster) bool {
	if st.acronymOnly(c) == "" {
		return false
	}
	for _, i := range c.ments {
		m := &st.ments[i]
		if m.method != "rule:acronym" || m.b >= len(st.t) || st.t[m.b].cap || !st.f.l.things[st.low[m.b]] {
			return false
		}
	}
	return true
}

// acronymOnly reports whether every mention of cluster c is one acronym.
func (st *state) acronymOnly(c *ocluster) string {
	acr := ""
	for _, i := range c.ments {
		m := &st.ments[i]
		if m.b-m.a != 1 || !st.t[m.a].allCaps {
			return ""
		}
		k := strings.ToLower(m.name)
		if acr != "" && k != acr {
			return ""
		}
		acr = k
	}
	return acr
}

// mergeAcronyms joins a cluster holding only an acronym to the one body it
// stands for, whichever comes first in the text: by the initials of the
// name ("FTURK" — Federation of Trade Unions of the Republic of Kazakhstan),
// by the initials plus a country's ("FTURK" — Federation of Trade Unions),
// or by the full name orgs.txt gives for it ("FPRK").
func (st *state) mergeAcronyms(cs []*ocluster) {
	for ci, c := range cs {
		acr := st.acronymOnly(c)
		if acr == "" || len(c.ments) == 0 {
			continue
		}
		exp := st.f.l.expansions[acr]
		target, rank := -1, 0
		for ti, t := range cs {
			if ti == ci || len(t.ments) == 0 || st.acronymOnly(t) != "" {
				continue
			}
			r := 0
			for _, ck := range t.keys {
				k, in := ck.words, ck.initials
				switch {
				case t.acronym == acr:
					r = max(r, 3) // spelled out in brackets
				case len(k) >= 2 && in == acr:
					r = max(r, 3)
				case exp != nil && (slices.Equal(k, exp) || hasPrefix(exp, k) && len(k) >= 2):
					r = max(r, 3)
				case len(in) >= 3 && len(acr) <= len(in)+2 && strings.HasPrefix(acr, in) && countryInitials(acr[len(in):]):
					r = max(r, 2)
				}
			}
			if r > rank {
				target, rank = ti, r
			} else if r == rank && r > 0 {
				target = -2 // two bodies fit: leave it alone
			}
		}
		if target < 0 {
			continue
		}
		t := cs[target]
		t.ments = append(t.ments, c.ments...)
		if t.acronym == "" {
			t.acronym = acr
		}
		c.ments = nil
	}
}

// countryInitials: the letters a country adds to an acronym ("RK" Republic
// of Kazakhstan, "K", "RF", "KR", "RT", "RU").
func countryInitials(s string) bool {
	switch s {
	case "k", "rk", "r", "rf", "kr", "rt", "ru", "t", "u", "ruz":
		return true
	}
	return false
}

// --- places ---------------------------------------------------------------------

func (st *state) clusterPlaces() [][]int {
	// A text that names both the city ("Omsk city", "the city of Omsk",
	// "Davao City") and the region ("Omsk region", "Davao Region") contrasts
	// them: FORMAT.md keeps them apart then, and folds "X region" onto X
	// otherwise.
	cityOf, regionOf := map[string]bool{}, map[string]bool{}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace {
			continue
		}
		k := strings.ToLower(m.name)
		switch st.placeMark(m) {
		case "city":
			// "the Osh city Kenesh" names a body, not a contrast
			if m.b >= len(st.t) || !st.t[m.b].cap {
				cityOf[k] = true
			}
		case "region":
			regionOf[k] = true
		}
	}
	// a country named in its official form ("Russian Federation", "United
	// Republic of Tanzania") and by its short name ("Russia") is one place
	var official map[string]string
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace {
			continue
		}
		short := ""
		if m.method == "rule:official-country" {
			short = m.alias
		} else if m.b-m.a == 2 && st.t[m.a].cap && (st.low[m.a+1] == "federation" || st.low[m.a+1] == "republic") {
			short = st.f.l.demonyms[st.low[m.a]]
		}
		if short != "" {
			if official == nil {
				official = map[string]string{}
			}
			official[strings.ToLower(short)] = strings.ToLower(m.name)
		}
	}
	idx := map[string]int{}
	var out [][]int
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace {
			continue
		}
		k := strings.ToLower(m.name)
		if cityOf[k] && regionOf[k] {
			switch st.placeMark(m) {
			case "region":
				m.name = st.slice(m.a, m.b)
				k = strings.ToLower(m.name)
			default:
				// A capitalized "City" is part of the name ("Davao City",
				// "Quezon City"): every city mention takes it. Otherwise
				// the city keeps the bare name when the text uses it, else
				// the form written.
				if n := st.properCity(k); n != "" {
					m.name = n
				} else if st.placeMark(m) == "city" && st.low[m.b-1] == "city" && !st.bareNamed(k) {
					m.name = st.slice(m.a, m.b)
				}
			}
		}
		if m.method == "gazetteer:region" && st.contrasted(i) {
			// "Almaty and Almaty region": the city and the region differ
			m.name = st.slice(m.a, m.b)
			k = strings.ToLower(m.name)
		}
		if o, ok := official[k]; ok {
			k = o
		}
		ci, ok := idx[k]
		if !ok {
			ci = len(out)
			idx[k] = ci
			out = append(out, nil)
		}
		out[ci] = append(out[ci], i)
		m.cluster = ci
	}
	return out
}

// placeMark tells how a place mention marks what it is: "city" for
// "X city/City" and "the city of X", "region" for "X region/oblast/state/
// province", "" for a bare name or other words.
func (st *state) placeMark(m *ment) string {
	if m.a >= 2 && st.low[m.a-2] == "city" && st.low[m.a-1] == "of" {
		return "city"
	}
	if m.b-1 <= m.a || m.b > len(st.low) {
		return ""
	}
	switch st.low[m.b-1] {
	case "city":
		return "city"
	case "region", "oblast", "state", "province":
		return "region"
	}
	return ""
}

// properCity returns the first "X City" mention of place k written with a
// capital "City" (mixed case preferred over an all-caps dateline), or "".
func (st *state) properCity(k string) string {
	found := ""
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPlace || strings.ToLower(m.name) != k || m.b-1 <= m.a || st.low[m.b-1] != "city" || !st.t[m.b-1].cap {
			continue
		}
		s := st.slice(m.a, m.b)
		if mixedCase(s) {
			return s
		}
		if found == "" {
			found = s
		}
	}
	return found
}

// bareNamed reports whether some place mention is the bare name k, with no
// city or region word.
func (st *state) bareNamed(k string) bool {
	for i := range st.ments {
		m := &st.ments[i]
		if m.k == kPlace && strings.ToLower(m.name) == k && m.b-m.a >= 1 && st.placeMark(m) == "" && !regionWords[st.low[m.b-1]] {
			return true
		}
	}
	return false
}

// contrastPreps may be repeated after "and" when a city and its region are
// contrasted.
var contrastPreps = map[string]bool{"in": true, "of": true, "to": true, "from": true, "for": true, "across": true, "at": true}

// contrasted reports whether the sentence of place mention i also names the
// same place bare, joined by "and" ("Almaty and Almaty region"), possibly
// with a repeated preposition and "the" ("in Minsk and in the Minsk region").
func (st *state) contrasted(i int) bool {
	m := st.ments[i]
	k := m.a - 1
	if k >= 0 && st.low[k] == "the" {
		k--
	}
	if k >= 0 && contrastPreps[st.low[k]] {
		k--
	}
	if k < 1 || st.low[k] != "and" {
		return false
	}
	for j := range st.ments {
		o := st.ments[j]
		if j != i && o.k == kPlace && o.b == k && o.name == m.name && o.method == "gazetteer" {
			return true
		}
	}
	return false
}

// --- result ---------------------------------------------------------------------

func mixedCase(s string) bool {
	hasLower := false
	for _, r := range s {
		if unicode.IsLower(r) {
			hasLower = true
		}
	}
	return hasLower
}

func (st *state) span(m *ment) doc.Span {
	return doc.Span{Start: st.d.Tokens[m.a].Start, End: st.d.Tokens[m.b-1].End}
}

func (st *state) result() Result {
	var res Result
	pcl := st.clusterPeople()
	ocl := st.clusterOrgs()
	lcl := st.clusterPlaces()
	ocl = st.mergeByRole(ocl)
	// order clusters by first mention; map cluster -> output index
	type cl struct {
		k     kind
		ments []int
	}
	all := make([]cl, 0, len(pcl)+len(ocl)+len(lcl))
	if len(pcl) > 0 {
		res.People = make([]doc.Person, 0, len(pcl))
	}
	if len(ocl) > 0 {
		res.Organizations = make([]doc.Organization, 0, len(ocl))
	}
	if len(lcl) > 0 {
		res.Locations = make([]doc.Location, 0, len(lcl))
	}
	for _, c := range pcl {
		all = append(all, cl{kPerson, c})
	}
	for _, c := range ocl {
		all = append(all, cl{kOrg, c})
	}
	for _, c := range lcl {
		all = append(all, cl{kPlace, c})
	}
	slices.SortStableFunc(all, func(x, y cl) int { return cmp.Compare(st.ments[x.ments[0]].a, st.ments[y.ments[0]].a) })
	outIdx := make([]int, len(st.ments)) // ment -> 1 + index in its table
	res.Mentions = make([]doc.Mention, 0, len(st.ments))
	for _, c := range all {
		switch c.k {
		case kPerson:
			p := st.makePerson(c.ments, len(res.People))
			for _, i := range c.ments {
				outIdx[i] = len(res.People) + 1
			}
			res.People = append(res.People, p)
		case kOrg:
			o := st.makeOrg(c.ments, len(res.Organizations))
			for _, i := range c.ments {
				outIdx[i] = len(res.Organizations) + 1
			}
			res.Organizations = append(res.Organizations, o)
		case kPlace:
			l := st.makePlace(c.ments, len(res.Locations))
			for _, i := range c.ments {
				outIdx[i] = len(res.Locations) + 1
			}
			res.Locations = append(res.Locations, l)
		}
	}
	for i := range st.ments {
		m := &st.ments[i]
		o := outIdx[i] - 1
		if o < 0 {
			continue
		}
		var id, typ string
		switch m.k {
		case kPerson:
			id, typ = res.People[o].ID, doc.TypePerson
		case kOrg:
			id, typ = res.Organizations[o].ID, doc.TypeOrganization
		case kPlace:
			id, typ = res.Locations[o].ID, doc.TypeLocation
		}
		sp := st.span(m)
		res.Mentions = append(res.Mentions, doc.Mention{EntityID: id, EntityType: typ, Text: st.slice(m.a, m.b), Span: sp, Sentence: st.d.SentenceOf(sp.Start), Method: m.method})
	}
	slices.SortStableFunc(res.Mentions, func(x, y doc.Mention) int { return cmp.Compare(x.Start, y.Start) })
	if len(st.titles) > 0 {
		res.Titles = make([]Title, 0, len(st.titles))
	}
	for _, t := range st.titles {
		sp := doc.Span{Start: st.d.Tokens[t.a].Start, End: st.d.Tokens[t.b-1].End}
		out := Title{Span: sp, Text: t.text, Country: t.entry.Field(1) == "country", Refers: t.entry.Field(2),
			Person: -1, Org: -1, OrgText: t.orgText, Place: t.place, Sentence: st.d.SentenceOf(sp.Start), Method: t.method}
		if t.person >= 0 {
			out.Person = outIdx[t.person] - 1
		}
		if t.org >= 0 {
			out.Org = outIdx[t.org] - 1
		}
		if out.Method == "" {
			out.Method = "rule:title-only"
		}
		res.Titles = append(res.Titles, out)
	}
	return res
}

func addAlias(aliases []string, name, a string) []string {
	if a == "" || a == name {
		return aliases
	}
	for _, x := range aliases {
		if x == a {
			return aliases
		}
	}
	return append(aliases, a)
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
		_, bg := st.f.l.given[bp.given]
		_, ig := st.f.l.given[p.given]
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
		if g, ok := st.f.l.given[bp.given]; ok {
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

func (st *state) makeOrg(ms []int, n int) doc.Organization {
	best := ms[0]
	demonymFirst := func(i int) bool {
		f := st.mentKey(i)
		if len(f) < 2 {
			return false
		}
		_, ok := st.f.l.demonyms[f[0]]
		return ok
	}
	score := func(i int) int {
		m := st.ments[i]
		s := len(st.mentKey(i)) * 4
		if m.method == "rule:acronym" || m.headOnly && !st.f.l.alone[strings.ToLower(m.name)] {
			s -= 100
		}
		if demonymFirst(i) {
			s -= 6
		}
		if mixedCase(m.name) {
			s += 2
		}
		return s
	}
	bs := score(best)
	for _, i := range ms[1:] {
		if sc := score(i); sc > bs {
			best, bs = i, sc
		}
	}
	name := st.ments[best].name
	var aliases []string
	acr := ""
	for _, i := range ms {
		m := st.ments[i]
		if !strings.EqualFold(m.name, name) {
			aliases = addAlias(aliases, name, m.name)
		}
		aliases = addAlias(aliases, name, m.alias)
		if m.acronym != "" {
			acr = m.acronym
			aliases = addAlias(aliases, name, m.acronym)
		}
		if acr == "" && m.method == "rule:acronym" {
			acr = m.name
		}
	}
	first := &st.ments[ms[0]]
	return doc.Organization{ID: "o" + strconv.Itoa(n+1), Name: name, Aliases: aliases, Acronym: acr, Mentions: len(ms), Span: st.span(first)}
}

func (st *state) makePlace(ms []int, n int) doc.Location {
	name := st.ments[ms[0]].name
	var aliases []string
	for _, i := range ms {
		m := st.ments[i]
		s := st.slice(m.a, m.b)
		if s != name {
			aliases = addAlias(aliases, name, s)
		}
	}
	first := &st.ments[ms[0]]
	return doc.Location{ID: "l" + strconv.Itoa(n+1), Name: name, Aliases: aliases, Mentions: len(ms), Span: st.span(first)}
}

// mergeHeads joins a cluster holding only a bare head word ("the
// Maslikhat") to the one longer body with that head named anywhere in the
// text ("Zhetysu oblast maslikhat").
func (st *state) mergeHeads(cs []*ocluster) {
	for ci, c := range cs {
		if len(c.ments) == 0 {
			continue
		}
		head := ""
		for _, i := range c.ments {
			m := &st.ments[i]
			if !m.headOnly || head != "" && st.low[m.a] != head {
				head = ""
				break
			}
			head = st.low[m.a]
		}
		if head == "" {
			continue
		}
		if s, ok := st.f.l.synonyms[head]; ok {
			head = s
		}
		target := -1
		for ti, t := range cs {
			if ti == ci || len(t.ments) == 0 || t.head != head {
				continue
			}
			if target >= 0 {
				target = -2
				break
			}
			target = ti
		}
		if target >= 0 {
			cs[target].ments = append(cs[target].ments, c.ments...)
			c.ments = nil
		}
	}
}

// mergeOuter joins two names that differ only in how they name the body
// they belong to, when those bodies are one: "Republican Headquarters of
// the FTURK" and "Republican Headquarters under the Federation of Trade
// Unions".
func (st *state) mergeOuter(cs []*ocluster) {
	// most documents name no body inside another: nothing to join
	n, nested := 0, false
	for _, c := range cs {
		n += len(c.ments)
		for _, i := range c.ments {
			nested = nested || st.ments[i].inner > 0
		}
	}
	if !nested {
		return
	}
	clusterOf := make(map[int]int, n)
	for ci, c := range cs {
		for _, i := range c.ments {
			clusterOf[i] = ci
		}
	}
	type outer struct {
		prefix string
		inner  int // cluster of the inner body
	}
	seen := map[outer]int{}
	for ci, c := range cs {
		for _, i := range c.ments {
			m := &st.ments[i]
			if m.inner <= 0 {
				continue
			}
			ic, ok := clusterOf[m.inner-1]
			if !ok {
				continue
			}
			k := outer{strings.ToLower(st.slice(m.a, m.a+m.prefix)), ic}
			if tj, ok := seen[k]; ok && tj != ci && len(cs[tj].ments) > 0 && len(c.ments) > 0 {
				cs[tj].ments = append(cs[tj].ments, c.ments...)
				for _, x := range c.ments {
					clusterOf[x] = tj
				}
				c.ments = nil
				break
			}
			seen[k] = ci
		}
	}
}

// mergeByRole joins an acronym-only organization to another body when one
// person holds the same title in both: "Deputy Secretary General of the IPC
// Owen Tudor" and "the Deputy Secretary General of the ITUC, Owen Tudor"
// (a transliterated acronym of the same body).
// foldKey maps s to the least rune of each rune's case-folding orbit, so
// that strings.EqualFold(a, b) implies foldKey(a) == foldKey(b).
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

func (st *state) mergeByRole(ocl [][]int) [][]int {
	of := map[int]int{}
	for ci, c := range ocl {
		for _, i := range c {
			of[i] = ci
		}
	}
	acrOnly := func(ci int) bool {
		for _, i := range ocl[ci] {
			m := &st.ments[i]
			if m.b-m.a != 1 || !st.t[m.a].allCaps {
				return false
			}
		}
		return true
	}
	found := false
	for ci := range ocl {
		if acrOnly(ci) {
			found = true
			break
		}
	}
	if !found {
		return ocl
	}
	// A pair joins only if its titles are equal under case folding (so
	// share a foldKey) and name one person cluster: comparing within those
	// groups visits the same matching pairs in the same order as comparing
	// all pairs.
	type titleGroup struct {
		fold   string
		person int
	}
	group := map[titleGroup][]int{}
	keys := make([]titleGroup, len(st.titles))
	at := make([]int, len(st.titles)) // title -> its place in its group
	for x, t := range st.titles {
		if t.person < 0 || t.org < 0 || st.ments[t.person].cluster < 0 {
			continue
		}
		k := titleGroup{foldKey(t.text), st.ments[t.person].cluster}
		keys[x], at[x] = k, len(group[k])
		group[k] = append(group[k], x)
	}
	merged := false
	for x, t1 := range st.titles {
		if t1.person < 0 || t1.org < 0 || st.ments[t1.person].cluster < 0 {
			continue
		}
		g := group[keys[x]]
		for _, y := range g[at[x]+1:] {
			t2 := st.titles[y]
			if t2.person < 0 || t2.org < 0 || !strings.EqualFold(t1.text, t2.text) {
				continue
			}
			p1, p2 := st.ments[t1.person].cluster, st.ments[t2.person].cluster
			c1, ok1 := of[t1.org]
			c2, ok2 := of[t2.org]
			if p1 < 0 || p1 != p2 || !ok1 || !ok2 || c1 == c2 || len(ocl[c1]) == 0 || len(ocl[c2]) == 0 {
				continue
			}
			from, to := c1, c2
			if !acrOnly(from) {
				from, to = c2, c1
			}
			if !acrOnly(from) || acrOnly(to) {
				continue
			}
			ocl[to] = append(ocl[to], ocl[from]...)
			sort.Ints(ocl[to])
			for _, i := range ocl[from] {
				of[i] = to
			}
			ocl[from] = nil
			merged = true
		}
	}
	if !merged {
		return ocl
	}
	out := ocl[:0]
	for _, c := range ocl {
		if len(c) > 0 {
			out = append(out, c)
		}
	}
	return out
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
		if w == "bin" || w == "binti" {
			if strings.Contains(words[len(words)-1], "-") {
				return -1
			}
			return k
		}
	}
	return -1
}
