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
	"plenary/pipeline/rules"
)

// --- organizations --------------------------------------------------------------

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
			w = strings.Trim(w, "“”\"«»'’.,/")
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
// one of "'.,/ (a source between slashes, "/MONTSAME/") or any byte of a multi-byte rune (the curly quotes and
// guillemets). A word whose first and last bytes are not is left as it is.
func keyTrimmed(c byte) bool {
	return c >= utf8.RuneSelf || c == '"' || c == '\'' || c == '.' || c == ',' || c == '/'
}

// orgKeyOf is the clustering key of an organization name: lowercased words,
// quotes and dots trimmed, translation variants folded, a leading "the"
// dropped.
func orgKeyOf(name string, synonyms map[string]string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		w = strings.Trim(w, "“”\"«»'’.,/")
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

// initialsFit reports whether acronym acr (lower-case) spells the
// initials of key, where a function word ("of", "and", "the") may give its
// letter or not: "DOLE" is the Department Of Labor and Employment, "ECOP"
// the Employers Confederation Of the Philippines. Every other word gives
// its initial, or those of all its hyphenated parts.
func initialsFit(acronym string, key []string) bool {
	acr := []rune(acronym)
	if len(key) > 16 || len(acr) < 2 {
		return false
	}
	var fit func(a, k int) bool
	fit = func(a, k int) bool {
		if k == len(key) {
			return a == len(acr)
		}
		w := key[k]
		if (orgStop[w] || connectors[w]) && fit(a, k+1) {
			return true // "of", "and", "dos": letter or not
		}
		// a short word may give all its letters: an acronym inside the
		// name ("SMABC": Sindicato dos Metalúrgicos do ABC)
		if wr := []rune(w); len(wr) >= 2 && len(wr) <= 4 && len(wr) < len(acr) && a+len(wr) <= len(acr) && string(acr[a:a+len(wr)]) == w && fit(a+len(wr), k+1) {
			return true
		}
		e := a
		for _, part := range strings.Split(w, "-") {
			r, _ := utf8.DecodeRuneInString(part)
			if r == utf8.RuneError || e >= len(acr) || unicode.ToLower(r) != acr[e] {
				return false
			}
			e++
		}
		return fit(e, k+1)
	}
	return fit(0, 0)
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

// Joining the mentions of one organization: the rules that decide a
// mention belongs to a body already seen (tried in order, the first that
// finds one wins), then the merges of whole clusters.

var (
	ruleOrgMergeExact = rules.New(rules.StageEntities, rules.Merge, "org.merge.exact",
		"mentions with the same key (lower-cased words, quotes and dots trimmed, translation variants folded, no leading \"the\") are one body",
		"The [Federation of Trade Unions] met. The Federation of Trade Unions said so.")
	ruleOrgMergeDemonym = rules.New(rules.StageEntities, rules.Merge, "org.merge.demonym-fold",
		"a demonym-led form folds onto the bare form the text also uses",
		"the [Kazakh Senate] ... the [Senate]")
	ruleOrgMergeAcronymDefined = rules.New(rules.StageEntities, rules.Merge, "org.merge.acronym-defined",
		"an acronym joins the body it was defined for in brackets",
		"the Federation of Trade Unions (FTU) ... the [FTU]")
	ruleOrgMergeAcronymInitials = rules.New(rules.StageEntities, rules.Merge, "org.merge.acronym-initials",
		"an acronym joins the earlier body of three or more words whose initials it is",
		"the Federation of Trade Unions ... the [FTU]")
	ruleOrgMergeHeadOnly = rules.New(rules.StageEntities, rules.Merge, "org.merge.head-only",
		"a bare head word refers to the latest body with that head",
		"the Zhetysu oblast maslikhat ... the [Maslikhat]")
	ruleOrgRejectHeadOnly = rules.New(rules.StageEntities, rules.Reject, "org.reject.head-only",
		"a bare head word that refers to no body named before and cannot name one alone is dropped",
		"the [Committee] met")
	ruleOrgMergePrefix = rules.New(rules.StageEntities, rules.Merge, "org.merge.prefix",
		"a short form that is the start of a longer name (or the longer form of the only short one) is the same body",
		"the Majilis of Parliament ... the [Majilis]")
	ruleOrgSubBody = rules.New(rules.StageEntities, rules.Split, "org.split.sub-body",
		"a body's name followed by more words with a head of their own names a body of that body, not the same one",
		"The Jogorku Kenesh met. The [Jogorku Kenesh Committee on Education] met.")
	ruleOrgMergeCountryFirst = rules.New(rules.StageEntities, rules.Merge, "org.merge.country-first",
		"a name led by a country's adjective and the same name led by the country are one body",
		"The China Federation of Mining Workers’ Unions met. The [Chinese Federation of Mining Workers] said so.")
	ruleOrgMergeOfCountry = rules.New(rules.StageEntities, rules.Merge, "org.merge.of-country",
		"\"Adjective X\" and \"X of (the Republic of) Country\" are one body",
		"Belarusian Federation of Trade Unions ... [Federation of Trade Unions of Belarus]")
	ruleOrgMergeInverted = rules.New(rules.StageEntities, rules.Merge, "org.merge.inverted-head",
		"\"Field Head\" is the one body named \"Head of/for/on (the) Field ...\" in the document",
		"The Ministry of Fisheries and Coastal Affairs met. The [Fisheries Ministry] said so.")
	ruleOrgMergeBracketed = rules.New(rules.StageEntities, rules.Merge, "org.merge.bracketed-name",
		"a name of two words or more in brackets right after a body's name is another name of that body (a translation, the original)",
		"the Metalworkers' Union of VLR ([Sindicato dos Metalúrgicos do VLR], SMV)")
	ruleOrgMergeBag = rules.New(rules.StageEntities, rules.Merge, "org.merge.word-bag",
		"a translation variant with the same content words in another order is one body",
		"International Trade Union Confederation ... [International Confederation of Trade Unions]")
)

var ruleOrgDocumentName = rules.New(rules.StageEntities, rules.Detect, "org.detect.document-name",
	"a lone name word with no evidence of a person, spelled (in any case) like a body's whole name found elsewhere in the document, or like its own first word before a head (no list knowing it), is that body",
	"SOFIA, May 2. /NORDPRESS/. Dock workers met on Friday. The talks go on, [Nordpress] reports.")

// documentOrgNames turns weak lone person words that spell a body's name
// found elsewhere in the document into mentions of that body: the whole
// document is the evidence ("/MONTSAME/" in the dateline, "Montsame
// reports" at the end).
func (st *state) documentOrgNames() {
	// the names can only turn a weak lone person word into a body: without
	// one (most documents), skip them
	lone := false
	for i := range st.ments {
		if m := &st.ments[i]; m.k == kPerson && m.weak && m.b-m.a == 1 {
			lone = true
			break
		}
	}
	var names map[string]bool
	var places map[string]bool // the one-word places of the document, lower-cased
	for i := range st.ments {
		m := &st.ments[i]
		if m.k == kPlace && m.cluster >= 0 && m.b-m.a == 1 {
			if places == nil {
				places = map[string]bool{}
			}
			places[st.low[m.a]] = true
		}
		if !lone || m.k != kOrg || m.cluster < 0 {
			continue
		}
		if names == nil {
			names = map[string]bool{}
		}
		names[strings.ToLower(m.name)] = true
		if w := st.leadWord(m); w != "" {
			names[w] = true
		}
	}
	st.documentPlaceNames(places)
	if names == nil {
		return
	}
	for w := range places {
		delete(names, w) // "Sumgayit" is the dateline's town, not "Sumgayit Technologies Park"
	}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k == kPerson && m.b-m.a > 1 {
			for k := m.a; k < m.b; k++ {
				delete(names, st.low[k]) // "Henry Ford" ... "Ford" is his
			}
		}
	}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPerson || !m.weak || m.b-m.a != 1 || !names[st.low[m.a]] {
			continue
		}
		m.k, m.det, m.by, m.weak = kOrg, ruleOrgDocumentName, nil, false
		m.name = st.slice(m.a, m.b)
		st.fire(ruleOrgDocumentName, m.a, m.b, m.a, m.b)
	}
}

// documentPlaceNames makes the weak lone person words spelled like a
// one-word place of the document (any case: the dateline's "SUMGAYIT")
// mentions of that place (place.detect.document-name).
func (st *state) documentPlaceNames(places map[string]bool) {
	if places == nil {
		return
	}
	for i := range st.ments {
		m := &st.ments[i]
		if m.k != kPerson || !m.weak || m.b-m.a != 1 {
			continue
		}
		if _, ok := places[st.low[m.a]]; !ok {
			continue
		}
		m.k, m.det, m.by, m.weak, m.name = kPlace, rulePlaceDocumentName, nil, false, st.slice(m.a, m.b)
		st.fire(rulePlaceDocumentName, m.a, m.b, m.a, m.b)
	}
}

var rulePlaceDocumentName = rules.New(rules.StageEntities, rules.Detect, "place.detect.document-name",
	"a lone name word with no evidence of a person, spelled (in any case) like a one-word place found elsewhere in the document, is that place",
	"VELMARSK, 5 June (Nordpress) - The council met. [Velmarsk] will host the next meeting.")

// leadWord returns the first word of org mention m, lower-cased, when it
// is the body's own name: a capitalized word that no list knows (no
// common word, head, title, name, place or demonym) before a head or a
// legal form ("Kumtor Gold Company", "Havbruk Holding ASA"); "" otherwise.
func (st *state) leadWord(m *ment) string {
	if m.b-m.a < 2 || !st.unknownName(m.a) || !st.nameComplete(m.a, m.b) {
		return ""
	}
	return st.low[m.a]
}

// orgJoin is one rule joining mention i (key, its string ks, lead is
// whether it is written as an acronym) to a cluster already made: the
// cluster's index or -1. A rule may instead drop the mention (drop).
type orgJoin struct {
	rule *rules.Rule
	join func(st *state, cs []*ocluster, exact map[string]int, i int, key []string, ks string) (ci int, r *rules.Rule, drop bool)
}

var orgJoins = [...]orgJoin{
	{ruleOrgMergeExact, func(_ *state, _ []*ocluster, exact map[string]int, _ int, _ []string, ks string) (int, *rules.Rule, bool) {
		return exact[ks] - 1, nil, false
	}},
	{ruleOrgMergeAcronymDefined, (*state).joinDefinedAcronym},
	{ruleOrgMergeBracketed, (*state).joinBracketed},
	{ruleOrgMergeAcronymInitials, (*state).joinInitials},
	{ruleOrgMergeHeadOnly, (*state).joinHeadOnly},
	{ruleOrgMergePrefix, (*state).joinForm},
	{ruleOrgMergeBag, (*state).joinBag},
	{ruleOrgMergeInverted, (*state).joinInverted},
}

// joinBracketed joins a name of two words or more that opens a bracket
// right after the one body's name ending there: "Metalworkers' Union of
// ABC (Sindicato dos Metalúrgicos do ABC, SMABC)". With two bodies ending
// there (a nested one) the bracket's name could be either's: none.
func (st *state) joinBracketed(cs []*ocluster, _ map[string]int, i int, key []string, _ string) (int, *rules.Rule, bool) {
	m := &st.ments[i]
	if len(key) < 2 || m.a < 2 || st.low[m.a-1] != "(" || m.b >= len(st.t) || !(st.low[m.b] == "," || st.low[m.b] == ")") {
		return -1, nil, false
	}
	found := -1
	for x := i - 1; x >= 0 && x >= i-8; x-- {
		p := &st.ments[x]
		if p.k != kOrg || p.b != m.a-1 || p.cluster < 0 {
			continue
		}
		if found >= 0 {
			return -1, nil, false
		}
		found = p.cluster
	}
	if found >= len(cs) {
		return -1, nil, false
	}
	if found >= 0 {
		m.second = true
	}
	return found, nil, false
}

// joinInverted joins "Labour Ministry" and the one body whose name is
// "Ministry of Labour ..." (its head first, then of/for/on, maybe "the",
// then the same words), whichever the document names first.
func (st *state) joinInverted(cs []*ocluster, _ map[string]int, i int, key []string, _ string) (int, *rules.Rule, bool) {
	if len(key) < 2 {
		return -1, nil, false
	}
	found := -1
	for ci, c := range cs {
		for _, ck := range c.keys {
			if !st.invertedForm(key, ck.words) && !st.invertedForm(ck.words, key) {
				continue
			}
			if found >= 0 && found != ci {
				return -1, nil, false // two bodies fit
			}
			found = ci
		}
	}
	return found, nil, false
}

// invertedForm reports whether short ("labour ministry") names long
// ("ministry of labour and social protection") with the field first.
func (st *state) invertedForm(short, long []string) bool {
	n := len(short)
	if n < 2 || n > 4 || len(long) < n+1 || !st.f.l.heads[short[n-1]] || long[0] != short[n-1] || !portfolioPreps[long[1]] {
		return false
	}
	for _, w := range short[:n-1] {
		if connectors[w] || st.f.l.heads[w] {
			return false
		}
	}
	rest := long[2:]
	if len(rest) > 0 && rest[0] == "the" {
		rest = rest[1:]
	}
	return len(rest) >= n-1 && slices.Equal(rest[:n-1], short[:n-1])
}

func (st *state) clusterOrgs() [][]int {
	oc := &orgClusters{st: st, exact: map[string]int{}, cache: map[string]*okey{}}
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
		if st.d.Budget.Step() {
			return nil
		}
		if st.ments[i].k == kOrg {
			oc.place(i, bare)
		}
	}
	cs := oc.cs
	st.mergeNamed(cs, oc.exact)
	st.mergeRegional(scanned(cs))
	st.mergeAcronyms(scanned(cs))
	st.mergeHeads(scanned(cs))
	st.mergeOuter(cs)
	out := make([][]int, 0, len(cs))
	for _, c := range cs {
		if len(c.ments) > 0 && st.thingAcronym(c) {
			for _, i := range c.ments {
				st.ments[i].cluster = -1
				st.fire(ruleRejectThingAcronym, st.ments[i].a, st.ments[i].b, 0, 0)
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

// orgScanMax bounds the organization clusters that the rules comparing a
// mention or a cluster with every other cluster look at: the document's
// first orgScanMax. A report names a few dozen bodies; a page of thousands
// of distinct names, each compared with all before it, was quadratic (1 MB:
// 21 s). Past the bound a mention still joins the cluster of its exact name.
const orgScanMax = 1024

// scanned returns the clusters the comparing rules look at (see orgScanMax).
func scanned(cs []*ocluster) []*ocluster { return cs[:min(len(cs), orgScanMax)] }

// orgClusters is the clustering of one document's organization mentions.
type orgClusters struct {
	st    *state
	cs    []*ocluster
	exact map[string]int // key -> 1 + its cluster
	cache map[string]*okey
}

// place puts organization mention i into the cluster the join rules find,
// or a new one; bare holds the keys of every mention.
func (oc *orgClusters) place(i int, bare map[string]bool) {
	st := oc.st
	m := &st.ments[i]
	key := st.mentKey(i)
	if len(key) == 0 {
		m.cluster = -1
		return
	}
	// m.keyStr[len(key[0])+1:] is strings.Join(key[1:], " ")
	if _, ok := st.f.l.demonyms[key[0]]; ok && len(key) > 1 && bare[m.keyStr[len(key[0])+1:]] {
		key = key[1:]
		st.fire(ruleOrgMergeDemonym, m.a, m.b, m.a+1, m.b)
	}
	k := m.keyStr
	if len(key) != len(m.key) {
		k = strings.Join(key, " ")
	}
	found := -1
	for x := range orgJoins {
		j := &orgJoins[x]
		ci, r, drop := j.join(st, scanned(oc.cs), oc.exact, i, key, k)
		if drop {
			st.fire(ruleOrgRejectHeadOnly, m.a, m.b, 0, 0)
			m.cluster = -1
			return
		}
		if ci >= 0 {
			if r == nil {
				r = j.rule
			}
			f := &st.ments[oc.cs[ci].ments[0]]
			st.fire(r, m.a, m.b, f.a, f.b)
			found = ci
			break
		}
	}
	if found < 0 {
		oc.cs = append(oc.cs, &ocluster{})
		found = len(oc.cs) - 1
	}
	oc.join(found, i, key, k)
}

// join adds mention i with key (ks is strings.Join(key, " ")) to cluster ci.
func (oc *orgClusters) join(ci, i int, key []string, ks string) {
	st := oc.st
	c := oc.cs[ci]
	if oc.exact[ks] == 0 {
		oc.exact[ks] = ci + 1
	}
	c.ments = append(c.ments, i)
	// the matching below depends on which keys a cluster has, not on
	// how often: repeats are counted, not kept
	c.nkeys++
	if ok := st.okeyOf(oc.cache, key, ks); !c.keySet[ok] {
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

// joinDefinedAcronym: an acronym (one word, found as one or written in
// capitals) joins the cluster it was defined for.
func (st *state) joinDefinedAcronym(cs []*ocluster, _ map[string]int, i int, key []string, k string) (int, *rules.Rule, bool) {
	m := &st.ments[i]
	if len(key) != 1 || !(m.det == ruleOrgAcronym || st.t[m.a].allCaps) {
		return -1, nil, false
	}
	for ci, c := range cs {
		if c.acronym == k {
			return ci, nil, false
		}
	}
	return -1, nil, false
}

// joinInitials: an acronym joins the first cluster with a name of three
// or more words whose initials it is.
func (st *state) joinInitials(cs []*ocluster, _ map[string]int, i int, key []string, k string) (int, *rules.Rule, bool) {
	m := &st.ments[i]
	if len(key) != 1 || !(m.det == ruleOrgAcronym || st.t[m.a].allCaps) {
		return -1, nil, false
	}
	found := -1
	for ci, c := range cs {
		for _, ck := range c.keys {
			if len(ck.words) > 2 && (ck.initials == k || initialsFit(k, ck.words)) {
				found = ci
			}
		}
		if found >= 0 {
			break
		}
	}
	return found, nil, false
}

// joinHeadOnly: the bare head refers to the latest body with that head; a
// head that names no body alone is dropped when there is none.
func (st *state) joinHeadOnly(cs []*ocluster, _ map[string]int, i int, _ []string, k string) (int, *rules.Rule, bool) {
	if !st.ments[i].headOnly {
		return -1, nil, false
	}
	for ci := len(cs) - 1; ci >= 0; ci-- {
		if cs[ci].head == k {
			return ci, nil, false
		}
	}
	return -1, nil, !st.f.l.alone[k]
}

// joinForm: a short form of a longer name, or a longer form of a short
// one ("Majilis" after "Majilis of Parliament of Kazakhstan"), a name led
// by the country's adjective instead of the country, or naming the
// country after "of". The first cluster any of them holds for is taken.
func (st *state) joinForm(cs []*ocluster, _ map[string]int, i int, key []string, _ string) (int, *rules.Rule, bool) {
	if !(len(key) >= 2 || st.f.l.alone[key[0]] || st.ments[i].det == ruleOrgDocumentName) {
		return -1, nil, false // a lone word is a short form only when the document made it one
	}
	kDem, kIsDem := st.f.l.demonyms[key[0]]
	var kCountry []string
	if kDem != "" {
		kCountry = strings.Fields(strings.ToLower(kDem))
	}
	found := -1
	var rule *rules.Rule
	for ci, c := range cs {
		for _, ck := range c.keys {
			r := (*rules.Rule)(nil)
			if (hasPrefix(ck.words, key) || hasPrefix(key, ck.words) && len(ck.words) >= 2 && len(c.keys) == 1) && !st.subBody(i, ck.words, key) {
				r = ruleOrgMergePrefix
			} else if len(key) >= 3 && countryFirst(ck.words, key, ck.dem, ck.isDem, kDem, kIsDem) {
				r = ruleOrgMergeCountryFirst
			} else if ofCountry(key, kCountry, ck.words) || ofCountry(ck.words, ck.country, key) {
				r = ruleOrgMergeOfCountry
			}
			if r != nil {
				found = ci
				if rule == nil {
					rule = r
				}
			}
		}
		if found >= 0 {
			break
		}
	}
	return found, rule, false
}

// subBody reports whether the longer of two names, one the start of the
// other, names a body of the shorter: the short one is a body that stands
// alone (a parliament, a government: org_heads.txt "alone") and the long one
// goes on with a word that is no connector and has a head of its own after
// it ("Jogorku Kenesh" and "Jogorku Kenesh Committee on Education", not
// "Majilis" and "Majilis of Parliament", nor a short form "Kestrel Trade
// Union" of "Kestrel Trade Union Council").
func (st *state) subBody(i int, x, y []string) bool {
	short, long := x, y
	if len(short) > len(long) {
		short, long = long, short
	}
	l := st.f.l
	if !l.alone[short[len(short)-1]] && !l.alone[strings.Join(short, " ")] || connectors[long[len(short)]] {
		return false
	}
	for _, w := range long[len(short):] {
		if l.heads[w] {
			m := &st.ments[i]
			st.fire(ruleOrgSubBody, m.a, m.b, m.a, m.b)
			return true
		}
	}
	return false
}

// joinBag: a translation variant with the words in another order
// ("International Confederation of Trade Unions").
func (st *state) joinBag(cs []*ocluster, _ map[string]int, _ int, key []string, _ string) (int, *rules.Rule, bool) {
	if len(key) < 3 {
		return -1, nil, false
	}
	bk := bagKey(key)
	found := -1
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
	return found, nil, false
}

// mergeNamed joins two forms of one body that the prefix rules miss: a
// form led by an acronym and the same name without it ("TUC Trade Union
// Center of Taraz", "Trade Union Center of Taraz"; "NPP Executive
// Committee"), and two forms that end in the same quoted name and whose
// words before it are the one a prefix of the other ("Branch Trade Union of
// Metal Workers “KORGAN”", "Branch Trade Union “KORGAN”"). exact maps a key
// to its cluster plus one.
func (st *state) mergeNamed(cs []*ocluster, exact map[string]int) {
	into := func(ci, ti int, r *rules.Rule) {
		if ci == ti || len(cs[ci].ments) == 0 || len(cs[ti].ments) == 0 {
			return
		}
		t, c := cs[ti], cs[ci]
		st.fireJoin(r, c, t)
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
					into(ti, ci, ruleOrgMergeAcronymLed)
				}
			}
		}
		for _, i := range c.ments {
			m := &st.ments[i]
			if m.det != ruleOrgQuoted || len(m.key) < 2 {
				continue
			}
			if quoted == nil {
				quoted = map[named][]int{}
			}
			k := named{m.key[0], m.key[len(m.key)-1]}
			quoted[k] = append(quoted[k], i)
		}
	}
	// In key order, not map order: a cluster one key merges away is left
	// alone by the next, so the order must not vary between runs.
	keys := make([]named, 0, len(quoted))
	for k := range quoted {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y named) int {
		return cmp.Or(strings.Compare(x.first, y.first), strings.Compare(x.last, y.last))
	})
	for _, k := range keys {
		ms := quoted[k]
		for x := 1; x < len(ms); x++ {
			a, b := &st.ments[ms[0]], &st.ments[ms[x]]
			ka, kb := a.key[:len(a.key)-1], b.key[:len(b.key)-1]
			if len(ka) < len(kb) {
				ka, kb = kb, ka
			}
			if !hasPrefix(ka, kb) && !slices.Equal(ka, kb) {
				continue
			}
			into(b.cluster, a.cluster, ruleOrgMergeQuotedName) // a cluster already moved is left alone
		}
	}
}

// mergeRegional joins "X of the region" to the one "X of the <Name> region"
// the text names: the bare region word refers back to it ("Trade Union
// Center of the region" after "Trade Union Center of the Aktobe region").
func (st *state) mergeRegional(cs []*ocluster) {
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
			st.fireJoin(ruleOrgMergeRegion, c, cs[target])
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
	if len(tail) > 3 && tail[0] == "the" && officialPrefixes[tail[1]] && tail[2] == "of" {
		tail = tail[3:]
	}
	return slices.Equal(tail, country)
}

// bagKey is a name's content words, singular and sorted.
func bagKey(key []string) string {
	ws := make([]string, 0, len(key))
	for _, w := range key {
		if !orgStop[w] && !officialPrefixes[w] {
			ws = append(ws, singular(w))
		}
	}
	sort.Strings(ws)
	return strings.Join(ws, " ")
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
				case len(k) >= 3 && initialsFit(acr, k):
					r = max(r, 2) // function words' letters in it ("DOLE")
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
		st.fireJoin(ruleOrgMergeAcronym, c, t)
		t.ments = append(t.ments, c.ments...)
		if t.acronym == "" {
			t.acronym = acr
		}
		c.ments = nil
	}
}

// countryInitials: the letters a country adds to an acronym ("RK" Republic
// of Kazakhstan, "K", "RF", "KR", "RT", "RU").
func countryInitials(s string) bool { return countryLetters[s] }

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
		if m.det == ruleOrgAcronym || m.headOnly && !st.f.l.alone[strings.ToLower(m.name)] {
			s -= 100
		}
		if demonymFirst(i) {
			s -= 6
		}
		if m.second {
			s -= 50
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
		if acr == "" && m.det == ruleOrgAcronym {
			acr = m.name
		}
	}
	first := &st.ments[ms[0]]
	return doc.Organization{ID: "o" + strconv.Itoa(n+1), Name: name, Aliases: aliases, Acronym: acr, Mentions: len(ms), Span: st.span(first)}
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
			st.fireJoin(ruleOrgMergeBareHead, c, cs[target])
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
				st.fireJoin(ruleOrgMergeOuter, c, cs[tj])
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

var ruleOrgMergeRole = rules.New(rules.StageEntities, rules.Merge, "org.merge.same-role",
	"an acronym-only body joins another when one person holds the same title in both",
	"Deputy Secretary General of the [IPC] Owen Tudor spoke. Deputy Secretary General of the Trade Union Confederation Owen Tudor said so.")

// roleMerge is mergeByRole's view of the clusters.
type roleMerge struct {
	st  *state
	ocl [][]int
	of  map[int]int // mention -> its cluster
}

// acrOnly reports whether every mention of cluster ci is one word in capitals.
func (rm *roleMerge) acrOnly(ci int) bool {
	for _, i := range rm.ocl[ci] {
		m := &rm.st.ments[i]
		if m.b-m.a != 1 || !rm.st.t[m.a].allCaps {
			return false
		}
	}
	return true
}

// titleGroup is what two titles of one merge share: the title under case
// folding and the person cluster holding it.
type titleGroup struct {
	fold   string
	person int
}

func (st *state) mergeByRole(ocl [][]int) [][]int {
	rm := &roleMerge{st: st, ocl: ocl, of: map[int]int{}}
	for ci, c := range ocl {
		for _, i := range c {
			rm.of[i] = ci
		}
	}
	found := false
	for ci := range ocl {
		if rm.acrOnly(ci) {
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
		for _, y := range group[keys[x]][at[x]+1:] {
			merged = rm.pair(t1, st.titles[y]) || merged
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

// pair joins the bodies of two titles of one person when one is an
// acronym only and the other is not; it reports whether it did.
func (rm *roleMerge) pair(t1, t2 titleRef) bool {
	st, ocl := rm.st, rm.ocl
	if t2.person < 0 || t2.org < 0 || !strings.EqualFold(t1.text, t2.text) {
		return false
	}
	p1, p2 := st.ments[t1.person].cluster, st.ments[t2.person].cluster
	c1, ok1 := rm.of[t1.org]
	c2, ok2 := rm.of[t2.org]
	if p1 < 0 || p1 != p2 || !ok1 || !ok2 || c1 == c2 || len(ocl[c1]) == 0 || len(ocl[c2]) == 0 {
		return false
	}
	from, to := c1, c2
	if !rm.acrOnly(from) {
		from, to = c2, c1
	}
	if !rm.acrOnly(from) || rm.acrOnly(to) {
		return false
	}
	if st.tr != nil {
		for _, i := range ocl[from] {
			m, f := &st.ments[i], &st.ments[ocl[to][0]]
			st.fire(ruleOrgMergeRole, m.a, m.b, f.a, f.b)
		}
	}
	ocl[to] = append(ocl[to], ocl[from]...)
	sort.Ints(ocl[to])
	for _, i := range ocl[from] {
		rm.of[i] = to
	}
	ocl[from] = nil
	return true
}

var (
	ruleOrgMergeAcronymLed = rules.New(rules.StageEntities, rules.Merge, "org.merge.acronym-led",
		"a name led by an acronym and the same name without it are one body",
		"TUC Trade Union Center of Taraz ... the [Trade Union Center of Taraz]")
	ruleOrgMergeQuotedName = rules.New(rules.StageEntities, rules.Merge, "org.merge.quoted-name",
		"two names ending in the same quoted name, the words before it the one a prefix of the other, are one body",
		"Branch Trade Union of Metal Workers “KORGAN” ... the [Branch Trade Union “KORGAN”]")
	ruleOrgMergeRegion = rules.New(rules.StageEntities, rules.Merge, "org.merge.region-word",
		"\"X of the region\" is the one \"X of the <Name> region\" the text names",
		"the Trade Union Center of the Aktobe region ... the [Trade Union Center of the region]")
	ruleOrgMergeAcronym = rules.New(rules.StageEntities, rules.Merge, "org.merge.acronym",
		"an acronym-only body joins the one body it stands for: by initials, initials plus a country's, or orgs.txt's full name",
		"The [FTURK] met. The Federation of Trade Unions of the Republic of Kazakhstan said so.")
	ruleOrgMergeBareHead = rules.New(rules.StageEntities, rules.Merge, "org.merge.bare-head",
		"a bare head word joins the one longer body with that head anywhere in the text",
		"the [Maslikhat] met ... the Zhetysu oblast maslikhat")
	ruleOrgMergeOuter = rules.New(rules.StageEntities, rules.Merge, "org.merge.outer-body",
		"two names that differ only in how they name the body they belong to, when those bodies are one, are one body",
		"Republican Headquarters of the FTURK ... [Republican Headquarters under the Federation of Trade Unions]")
)

// fireJoin records that rule r joined the mentions of cluster from to
// cluster to (its first mention is the span given).
func (st *state) fireJoin(r *rules.Rule, from, to *ocluster) {
	if st.tr == nil || len(to.ments) == 0 {
		return
	}
	f := &st.ments[to.ments[0]]
	for _, i := range from.ments {
		m := &st.ments[i]
		st.fire(r, m.a, m.b, f.a, f.b)
	}
}
