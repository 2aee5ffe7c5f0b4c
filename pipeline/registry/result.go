package registry

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"plenary/pipeline/doc"
)

// Registry is the outcome of Resolve: every document person's person_uid,
// the persons and the role timeline. Rows are made as they are read, from
// the compact records, so a run's million document persons never exist as
// a million rows in memory at once.
type Registry struct {
	rv       *resolver
	cluster  []int32 // record (as fed) -> person index (Persons order)
	persons  []personInfo
	start    []int32 // person index -> its members: members[start[i]:start[i+1]]
	members  []int32 // records, grouped by person, each group in processing order
	logStart []int32 // person index -> its merge logs: logs[logStart[i]:logStart[i+1]]
	logs     []mergeLog
	byID     []int32 // documents (as fed) in doc_id order
}

// personInfo is what is kept per person between resolving and writing.
type personInfo struct {
	uid  [8]byte
	name uint32 // the display name's id
}

func (p personInfo) uidString() string { return "P" + hex.EncodeToString(p.uid[:]) }

// maxEvidence bounds the evidence lines of one person.
const maxEvidence = 20

// Docs is the number of documents read.
func (g *Registry) Docs() int { return len(g.rv.docs) }

// NumPersons is the number of persons.
func (g *Registry) NumPersons() int { return len(g.persons) }

// UIDs gives the person_uid of each person of the i-th document read, in the
// order its people were given.
func (g *Registry) UIDs(i int) []string {
	d := g.rv.docs[i]
	out := make([]string, d.n)
	for k := range out {
		out[k] = g.persons[g.cluster[d.first+int32(k)]].uidString()
	}
	return out
}

// UIDsOf gives the person_uids of the document with this doc_id, as UIDs
// does; ok is false when no document has it. For a step that writes the
// people table in another order than the documents were read (a finalize
// over shards).
func (g *Registry) UIDsOf(docID string) (uids []string, ok bool) {
	i, ok := slices.BinarySearchFunc(g.byID, docID, func(d int32, id string) int { return strings.Compare(g.rv.docs[d].id, id) })
	if !ok {
		return nil, false
	}
	return g.UIDs(int(g.byID[i])), true
}

// Persons yields the persons table's rows, ordered by name, then person_uid.
func (g *Registry) Persons() iter.Seq[doc.RegistryPerson] {
	return func(yield func(doc.RegistryPerson) bool) {
		counts := &counter{}
		for i, pi := range g.persons {
			counts.reset()
			p := g.rv.person(g.members[g.start[i]:g.start[i+1]], counts, pi.name)
			p.UID = pi.uidString()
			p.Evidence = g.rv.renderEvidence(g.logs[g.logStart[i]:g.logStart[i+1]])
			if !yield(p) {
				return
			}
		}
	}
}

// Timeline yields the role_timeline table: per person (in Persons order),
// each title and organization with the first and last publication date
// stating it, earliest first.
func (g *Registry) Timeline() iter.Seq[doc.RoleSpan] {
	return func(yield func(doc.RoleSpan) bool) {
		for i, pi := range g.persons {
			for _, r := range g.rv.timeline(pi.uidString(), g.members[g.start[i]:g.start[i+1]]) {
				if !yield(r) {
					return
				}
			}
		}
	}
}

// Each calls f for every document person: its document, person_id, name and
// person_uid, documents in the order read.
func (g *Registry) Each(f func(docID, personID, name, uid string)) {
	s := g.rv.store
	for _, d := range s.docs {
		for r := d.first; r < d.first+d.n; r++ {
			rec := &s.recs[r]
			f(d.id, s.labels.strs[rec.pid], s.names.strs[rec.name], g.persons[g.cluster[r]].uidString())
		}
	}
}

// result gathers the final clusters: each person's display name and
// person_uid, the persons' order, their members and merge logs.
func (rv *resolver) result() *Registry {
	n := len(rv.recs)
	// Clusters in processing order of their roots.
	idx := make([]int32, n)
	var roots []int32
	for _, r := range rv.order {
		if rv.find(r) == r {
			idx[r] = int32(len(roots))
			roots = append(roots, r)
		}
	}
	cluster := make([]int32, n)
	for r := range cluster {
		cluster[r] = idx[rv.find(int32(r))]
	}
	idx = nil
	members, start := group(rv.order, cluster, len(roots))
	// Display names and keys, then ids in processing order (the first of
	// two persons with one key keeps the bare key).
	ps := make([]personInfo, len(roots))
	keys := make([]string, len(roots))
	counts := &counter{}
	for c := range roots {
		counts.reset()
		ps[c].name = rv.displayName(members[start[c]:start[c+1]], counts)
		keys[c] = rv.canonicalKey(ps[c].name)
	}
	seen := make(map[string]bool, len(keys))
	for c, k := range keys {
		if seen[k] {
			r := members[start[c]]
			k += "#" + rv.docs[rv.recs[r].doc].id + "/" + rv.labels.strs[rv.recs[r].pid]
		}
		seen[keys[c]] = true
		sum := sha256.Sum256([]byte(k))
		copy(ps[c].uid[:], sum[:8])
	}
	keys, seen = nil, nil
	// Persons order: by name, then person_uid.
	order := make([]int32, len(roots))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(strings.Compare(rv.names.strs[ps[a].name], rv.names.strs[ps[b].name]), bytes.Compare(ps[a].uid[:], ps[b].uid[:]))
	})
	pos := make([]int32, len(roots))
	g := &Registry{rv: rv, persons: make([]personInfo, len(roots))}
	for i, c := range order {
		pos[c] = int32(i)
		g.persons[i] = ps[c]
	}
	for r := range cluster {
		cluster[r] = pos[cluster[r]]
	}
	g.cluster = cluster
	g.members, g.start = group(rv.order, cluster, len(roots))
	// Merge logs grouped by person, in the order they were made.
	logOf := make([]int32, len(rv.logs))
	for i, l := range rv.logs {
		logOf[i] = cluster[l.a]
	}
	g.logStart = make([]int32, len(roots)+1)
	for _, c := range logOf {
		g.logStart[c+1]++
	}
	for i := range roots {
		g.logStart[i+1] += g.logStart[i]
	}
	g.logs = make([]mergeLog, len(rv.logs))
	fill := slices.Clone(g.logStart[:len(roots)])
	for i, l := range rv.logs {
		g.logs[fill[logOf[i]]] = l
		fill[logOf[i]]++
	}
	g.byID = make([]int32, len(rv.docs))
	for d := range rv.docs {
		g.byID[rv.docs[d].sortedIndex] = int32(d)
	}
	rv.logs, rv.parent, rv.rank = nil, nil, nil
	return g
}

// group lists records by cluster (counting sort), each group in the order
// given.
func group(order, cluster []int32, clusters int) (members, start []int32) {
	start = make([]int32, clusters+1)
	for _, c := range cluster {
		start[c+1]++
	}
	for i := range clusters {
		start[i+1] += start[i]
	}
	members = make([]int32, len(order))
	fill := slices.Clone(start[:clusters])
	for _, r := range order {
		c := cluster[r]
		members[fill[c]] = r
		fill[c]++
	}
	return members, start
}

// displayName is the best of the forms a person's documents use as its
// name: fuller, then more used, then better written.
func (rv *resolver) displayName(ms []int32, counts *counter) uint32 {
	for _, r := range ms {
		counts.add(rv.recs[r].name, 1)
	}
	best := counts.ids[0]
	for _, id := range counts.ids[1:] {
		if rv.better(id, best, counts) {
			best = id
		}
	}
	return best
}

// person builds one persons row (without its uid and evidence) from its
// members (processing order) and its display name.
func (rv *resolver) person(ms []int32, counts *counter, name uint32) doc.RegistryPerson {
	var p doc.RegistryPerson
	first, last := int32(noDate), int32(noDate)
	lastDoc := int32(-1)
	for _, r := range ms {
		rec := &rv.recs[r]
		counts.add(rec.name, 1<<20) // a person's name outweighs any number of aliases
		for _, a := range rv.aliases(rec) {
			counts.add(a, 1)
		}
		p.Mentions += int(rec.mentions)
		if rec.doc != lastDoc {
			lastDoc = rec.doc
			p.Documents++
			if pub := rv.docs[rec.doc].pub; pub != noDate {
				if first == noDate || pub < first {
					first = pub
				}
				last = max(last, pub)
			}
		}
	}
	forms := slices.Clone(counts.ids) // sorted below; counts keeps its own order
	if len(forms) > 1 {
		// Variants, most used first (as a document's name, then as an alias).
		slices.SortFunc(forms, func(a, b uint32) int {
			return cmp.Or(counts.get(b)-counts.get(a), strings.Compare(rv.names.strs[a], rv.names.strs[b]))
		})
	}
	p.Name = rv.names.strs[name]
	p.Variants = make([]string, len(forms))
	for i, id := range forms {
		p.Variants[i] = rv.names.strs[id]
	}
	p.FirstSeen, p.LastSeen = dayTime(first), dayTime(last)
	return p
}

// counter counts forms of one person: a list while they are few (most
// persons have one or two), a map beyond.
type counter struct {
	ids []uint32
	ns  []int
	m   map[uint32]int // index into ids, when many
}

func (c *counter) reset() {
	c.ids, c.ns = c.ids[:0], c.ns[:0]
	if c.m != nil {
		clear(c.m)
	}
}

func (c *counter) index(id uint32) int {
	if c.m != nil && len(c.ids) > 16 {
		if i, ok := c.m[id]; ok {
			return i
		}
		return -1
	}
	for i, x := range c.ids {
		if x == id {
			return i
		}
	}
	return -1
}

func (c *counter) add(id uint32, n int) {
	if i := c.index(id); i >= 0 {
		c.ns[i] += n
		return
	}
	c.ids = append(c.ids, id)
	c.ns = append(c.ns, n)
	if len(c.ids) > 16 {
		if c.m == nil {
			c.m = map[uint32]int{}
		}
		if len(c.m) == 0 {
			for i, x := range c.ids {
				c.m[x] = i
			}
		} else {
			c.m[id] = len(c.ids) - 1
		}
	}
}

func (c *counter) get(id uint32) int {
	if i := c.index(id); i >= 0 {
		return c.ns[i]
	}
	return 0
}

// better: name a is a better display name than b. A name that extends the
// other (a middle name, a patronymic, an initial more: Donald J. Trump over
// Donald Trump) wins; one that only puts words before it does not (an
// extractor's "Employers Galym Kabaiov" for Galym Kabaiov). Else a full name
// beats initials and a surname alone, then the form used in more
// documents, then one not all in capitals and in one script, then the
// fuller, then the first in code-point order.
func (rv *resolver) better(a, b uint32, counts *counter) bool {
	na, nb := &rv.parsedN[a], &rv.parsedN[b]
	if rv.extends(na, nb) {
		return true
	}
	if rv.extends(nb, na) {
		return false
	}
	if na.level != nb.level {
		return na.level > nb.level
	}
	if ca, cb := counts.get(a), counts.get(b); ca != cb {
		return ca > cb
	}
	if qa, qb := na.flags&(nameShouting|nameMixed), nb.flags&(nameShouting|nameMixed); qa != qb {
		return qa < qb
	}
	if na.nFull != nb.nFull {
		return na.nFull > nb.nFull
	}
	if na.nInit != nb.nInit {
		return na.nInit > nb.nInit
	}
	return rv.names.strs[a] < rv.names.strs[b]
}

// extends: name a has every word and initial of b and more, and not only
// in front of them.
func (rv *resolver) extends(a, b *nameRec) bool {
	if a.nFull < b.nFull || a.nFull+a.nInit <= b.nFull+b.nInit || b.level != levelFull {
		return false
	}
	ka, kb := rv.key(a), rv.key(b)
	for _, w := range kb {
		if !slices.Contains(ka, w) {
			return false
		}
	}
	if a.nInit > b.nInit {
		return true // an initial more (Donald J. Trump)
	}
	// The extra words must not all come before b's words.
	fb := rv.key(b)[:b.nFull]
	for i, w := range rv.fullWords(a) {
		if slices.Contains(fb, w) {
			return int(a.nFull) > int(b.nFull)+i // i extra words lead
		}
	}
	return false
}

// canonicalKey is the person's identity key: the phonetic words of its
// display name, sorted as strings, then its initials and suffix.
func (rv *resolver) canonicalKey(name uint32) string {
	nr := &rv.parsedN[name]
	var ws, in []string
	for _, w := range rv.fullWords(nr) {
		ws = append(ws, rv.toks.strs[w])
	}
	for _, w := range rv.initials(nr) {
		in = append(in, rv.k.phonetic(rv.toks.strs[w])+".")
	}
	slices.Sort(ws)
	slices.Sort(in)
	ws = append(ws, in...)
	if nr.suffix != 0 {
		ws = append(ws, rv.toks.strs[nr.suffix])
	}
	if len(ws) == 0 {
		return strings.ToLower(rv.names.strs[name])
	}
	return strings.Join(ws, " ")
}

// A person_uid is "P" and 16 hex digits of the SHA-256 of the person's
// canonical key. Persons whose keys are equal (partial names kept apart,
// such as two "A. Seitkali") are told apart by their first document and
// person_id, except the one first in processing order, which keeps the
// bare key (result).

func dayTime(d int32) time.Time {
	if d == noDate {
		return time.Time{}
	}
	return time.Unix(int64(d)*86400, 0).UTC()
}

// renderEvidence turns merge logs into lines, one per rule and pair of
// differently written names.
func (rv *resolver) renderEvidence(logs []mergeLog) []string {
	var out []string
	for _, l := range logs {
		a, b := rv.names.strs[rv.recs[l.a].name], rv.names.strs[rv.recs[l.b].name]
		if a > b {
			a, b = b, a
		}
		line := ruleIDs[l.rule] + ": " + a + " ~ " + b
		if l.detail != 0 {
			line += " (" + rv.describe(l.detail) + ")"
		}
		if !slices.Contains(out, line) {
			out = append(out, line)
			if len(out) == maxEvidence {
				break
			}
		}
	}
	return out
}

func (rv *resolver) describe(f uint64) string {
	id := uint32(f)
	switch f >> 32 {
	case featTitle:
		return "shared title: " + rv.toks.strs[id]
	case featOrg:
		return "shared organization: " + rv.toks.strs[id]
	case featCoPerson:
		return "named beside: " + rv.names.strs[rv.recs[id].name]
	}
	return fmt.Sprintf("feature %x", f)
}

// timeline lists one person's roles: per normalized title and organization,
// the first and last publication date and the documents stating it,
// earliest first (undated last), then by title.
func (rv *resolver) timeline(uid string, ms []int32) []doc.RoleSpan {
	all := rv.seenBuf[:0]
	for _, r := range ms {
		rec := &rv.recs[r]
		for _, ro := range rv.roles(rec) {
			all = append(all, roleSeen{rv.labelNorm[ro.title], rv.labelNorm[ro.org], ro.title, ro.org, rv.docs[rec.doc].pub, rec.doc})
		}
	}
	rv.seenBuf = all
	if len(all) == 0 {
		return nil
	}
	str := rv.toks.strs
	// Stable: within one title and organization, members stay in
	// processing order, so one document's mentions are neighbours.
	slices.SortStableFunc(all, func(a, b roleSeen) int {
		return cmp.Or(strings.Compare(str[a.title], str[b.title]), strings.Compare(str[a.org], str[b.org]))
	})
	var out []doc.RoleSpan
	var firsts []int32
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].title == all[i].title && all[j].org == all[i].org {
			j++
		}
		first, last := int32(noDate), int32(noDate)
		docs, lastDoc := 0, int32(-1)
		for _, x := range all[i:j] {
			if x.doc != lastDoc {
				docs++
				lastDoc = x.doc
			}
			if x.pub != noDate {
				if first == noDate || x.pub < first {
					first = x.pub
				}
				last = max(last, x.pub)
			}
		}
		best := rv.mostWritten(all[i:j])
		out = append(out, doc.RoleSpan{UID: uid, Title: rv.labels.strs[best.tText], Org: rv.labels.strs[best.oText],
			FirstSeen: dayTime(first), LastSeen: dayTime(last), Documents: docs})
		firsts = append(firsts, first)
		i = j
	}
	if len(out) == 1 {
		return out
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		fa, fb := firsts[a], firsts[b]
		switch {
		case fa == fb:
			return 0
		case fa == noDate:
			return 1
		case fb == noDate:
			return -1
		}
		return cmp.Compare(fa, fb)
	})
	sorted := make([]doc.RoleSpan, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}

// roleSeen is one role of one document person, for the timeline.
type roleSeen struct {
	title, org   uint32 // normalized
	tText, oText uint32 // as written
	pub          int32
	doc          int32
}

// mostWritten is the most frequent written form of one title and
// organization (first in code-point order on a tie).
func (rv *resolver) mostWritten(xs []roleSeen) roleSeen {
	count := func(x roleSeen) int {
		n := 0
		for _, y := range xs {
			if y.tText == x.tText && y.oText == x.oText {
				n++
			}
		}
		return n
	}
	if len(xs) > 16 { // a person named in many documents: count once each
		m := map[[2]uint32]int{}
		for _, y := range xs {
			m[[2]uint32{y.tText, y.oText}]++
		}
		count = func(x roleSeen) int { return m[[2]uint32{x.tText, x.oText}] }
	}
	best, bestN := xs[0], count(xs[0])
	for _, x := range xs[1:] {
		if n := count(x); n > bestN || (n == bestN && rv.writtenLess(x, best)) {
			best, bestN = x, n
		}
	}
	return best
}

func (rv *resolver) writtenLess(a, b roleSeen) bool {
	l := rv.labels.strs
	return cmp.Or(strings.Compare(l[a.tText], l[b.tText]), strings.Compare(l[a.oText], l[b.oText])) < 0
}
