package registry

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"plenary/pipeline/doc"
)

// Registry is the outcome of Resolve: every document person's person_uid,
// the persons and the role timeline.
type Registry struct {
	s        *store
	cluster  []int32 // record (as fed) -> index into persons
	persons  []doc.RegistryPerson
	timeline []doc.RoleSpan
}

// maxEvidence bounds the evidence lines of one person.
const maxEvidence = 20

// Docs is the number of documents read.
func (g *Registry) Docs() int { return len(g.s.docs) }

// UIDs gives the person_uid of each person of the i-th document read, in the
// order its people were given.
func (g *Registry) UIDs(i int) []string {
	d := g.s.docs[i]
	out := make([]string, d.n)
	for k := range out {
		out[k] = g.persons[g.cluster[d.first+int32(k)]].UID
	}
	return out
}

// Persons are the persons table's rows, ordered by name, then person_uid.
func (g *Registry) Persons() []doc.RegistryPerson { return g.persons }

// Timeline is the role_timeline table: per person (in Persons order), each
// title and organization with the first and last publication date stating
// it, earliest first.
func (g *Registry) Timeline() []doc.RoleSpan { return g.timeline }

// Each calls f for every document person: its document, person_id, name and
// person_uid, documents in the order read.
func (g *Registry) Each(f func(docID, personID, name, uid string)) {
	for _, d := range g.s.docs {
		for r := d.first; r < d.first+d.n; r++ {
			rec := &g.s.recs[r]
			f(d.id, g.s.labels.strs[rec.pid], g.s.names.strs[rec.name], g.persons[g.cluster[r]].UID)
		}
	}
}

// result gathers the final clusters into rows.
func (rv *resolver) result() *Registry {
	n := len(rv.recs)
	idx := make([]int32, n) // root -> cluster index, for roots
	var roots []int32
	for _, r := range rv.order {
		if rv.find(r) == r {
			idx[r] = int32(len(roots))
			roots = append(roots, r)
		}
	}
	cluster := make([]int32, n)
	start := make([]int32, len(roots)+1)
	for r := range cluster {
		cluster[r] = idx[rv.find(int32(r))]
		start[cluster[r]+1]++
	}
	for i := range roots {
		start[i+1] += start[i]
	}
	members := make([]int32, n)
	fill := slices.Clone(start[:len(roots)])
	for _, r := range rv.order {
		c := cluster[r]
		members[fill[c]] = r
		fill[c]++
	}
	logs := make([][]mergeLog, len(roots))
	for _, l := range rv.logs {
		c := cluster[l.a]
		if len(logs[c]) < 4*maxEvidence {
			logs[c] = append(logs[c], l)
		}
	}
	persons := make([]doc.RegistryPerson, len(roots))
	keys := make([]string, len(roots))
	counts := &counter{}
	for c := range roots {
		ms := members[start[c]:start[c+1]]
		counts.reset()
		persons[c], keys[c] = rv.person(ms, counts)
		persons[c].Evidence = rv.renderEvidence(logs[c])
	}
	assignUIDs(persons, keys, func(c int) string {
		r := members[start[c]]
		return rv.docs[rv.recs[r].doc].id + "/" + rv.labels.strs[rv.recs[r].pid]
	})
	order := make([]int, len(persons))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(strings.Compare(persons[a].Name, persons[b].Name), strings.Compare(persons[a].UID, persons[b].UID))
	})
	g := &Registry{s: rv.store, cluster: cluster, persons: make([]doc.RegistryPerson, len(persons))}
	pos := make([]int32, len(persons))
	for i, c := range order {
		g.persons[i] = persons[c]
		pos[c] = int32(i)
		g.timeline = append(g.timeline, rv.timeline(persons[c].UID, members[start[c]:start[c+1]])...)
	}
	for r := range cluster {
		cluster[r] = pos[cluster[r]]
	}
	return g
}

// person builds one persons row from its members (processing order) and
// the key its person_uid derives from.
func (rv *resolver) person(ms []int32, counts *counter) (doc.RegistryPerson, string) {
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
		// Variants, most used first; the name is the best of the forms
		// used as a document's name (weight 1<<20 and up).
		slices.SortFunc(forms, func(a, b uint32) int {
			return cmp.Or(counts.get(b)-counts.get(a), strings.Compare(rv.names.strs[a], rv.names.strs[b]))
		})
	}
	best := forms[0]
	for _, id := range forms[1:] {
		if counts.get(id) >= 1<<20 && rv.better(id, best, counts) {
			best = id
		}
	}
	p.Name = rv.names.strs[best]
	p.Variants = make([]string, len(forms))
	for i, id := range forms {
		p.Variants[i] = rv.names.strs[id]
	}
	p.FirstSeen, p.LastSeen = dayTime(first), dayTime(last)
	return p, rv.canonicalKey(best)
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

// better: name a is a better display name than b: fuller (more words, then
// more initials), then used in more documents, then not all capitals and
// not mixing scripts, then first in code-point order.
func (rv *resolver) better(a, b uint32, counts *counter) bool {
	na, nb := &rv.parsedN[a], &rv.parsedN[b]
	if na.level != nb.level {
		return na.level > nb.level
	}
	if na.nFull != nb.nFull {
		return na.nFull > nb.nFull
	}
	if na.nInit != nb.nInit {
		return na.nInit > nb.nInit
	}
	if ca, cb := counts.get(a), counts.get(b); ca != cb {
		return ca > cb
	}
	if qa, qb := na.flags&(nameShouting|nameMixed), nb.flags&(nameShouting|nameMixed); qa != qb {
		return qa < qb
	}
	return rv.names.strs[a] < rv.names.strs[b]
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

// assignUIDs gives each person "P" and 16 hex digits of the SHA-256 of its
// key. Persons whose keys are equal (partial names kept apart, such as two
// "A. Seitkali") are told apart by their first document and person_id,
// except the one first in processing order, which keeps the bare key.
func assignUIDs(ps []doc.RegistryPerson, keys []string, firstMember func(int) string) {
	seen := make(map[string]bool, len(keys))
	for c := range ps { // clusters are in processing order
		k := keys[c]
		if seen[k] {
			k += "#" + firstMember(c)
		}
		seen[keys[c]] = true
		sum := sha256.Sum256([]byte(k))
		ps[c].UID = "P" + hex.EncodeToString(sum[:8])
	}
}

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
// the first and last publication date and the documents stating it.
func (rv *resolver) timeline(uid string, ms []int32) []doc.RoleSpan {
	type seen struct {
		title, org uint32 // normalized
		tText      uint32 // as written
		oText      uint32
		pub        int32
		doc        int32
	}
	var all []seen
	for _, r := range ms {
		rec := &rv.recs[r]
		for _, ro := range rv.roles(rec) {
			all = append(all, seen{rv.labelNorm[ro.title], rv.labelNorm[ro.org], ro.title, ro.org, rv.docs[rec.doc].pub, rec.doc})
		}
	}
	if len(all) == 0 {
		return nil
	}
	str := rv.toks.strs
	slices.SortFunc(all, func(a, b seen) int {
		return cmp.Or(strings.Compare(str[a.title], str[b.title]), strings.Compare(str[a.org], str[b.org]))
	})
	var out []doc.RoleSpan
	firsts := []int32{}
	written := map[[2]uint32]int{}
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].title == all[i].title && all[j].org == all[i].org {
			j++
		}
		first, last := int32(noDate), int32(noDate)
		docs := map[int32]bool{}
		clear(written)
		for _, x := range all[i:j] {
			docs[x.doc] = true
			written[[2]uint32{x.tText, x.oText}]++
			if x.pub != noDate {
				if first == noDate || x.pub < first {
					first = x.pub
				}
				last = max(last, x.pub)
			}
		}
		var best [2]uint32
		bestN := -1
		for w, c := range written {
			lw, lb := rv.labels.strs[w[0]]+"\x00"+rv.labels.strs[w[1]], rv.labels.strs[best[0]]+"\x00"+rv.labels.strs[best[1]]
			if c > bestN || (c == bestN && lw < lb) {
				best, bestN = w, c
			}
		}
		out = append(out, doc.RoleSpan{UID: uid, Title: rv.labels.strs[best[0]], Org: rv.labels.strs[best[1]],
			FirstSeen: dayTime(first), LastSeen: dayTime(last), Documents: len(docs)})
		firsts = append(firsts, first)
		i = j
	}
	// Earliest first; undated last; then by title.
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		fa, fb := firsts[a], firsts[b]
		if fa != fb {
			if fa == noDate {
				return 1
			}
			if fb == noDate {
				return -1
			}
			return cmp.Compare(fa, fb)
		}
		return 0
	})
	sorted := make([]doc.RoleSpan, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}
