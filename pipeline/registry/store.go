package registry

import (
	"math"
	"strings"
	"time"
)

// noDate marks a document without a publication date.
const noDate = math.MinInt32

// interner numbers distinct strings; the registry keeps numbers, not copies.
type interner struct {
	ids  map[string]uint32
	strs []string
}

func newInterner() *interner { return &interner{ids: map[string]uint32{}} }

func (in *interner) id(s string) uint32 {
	if i, ok := in.ids[s]; ok {
		return i
	}
	i := uint32(len(in.strs))
	in.ids[s] = i
	in.strs = append(in.strs, s)
	return i
}

// docRec is one document as fed.
type docRec struct {
	id          string
	pub         int32 // days since 1970-01-01, or noDate
	first, n    int32 // its records: recs[first : first+n]
	sortedIndex int32 // rank by id
}

// rec is one document's person.
type rec struct {
	doc      int32
	pid      uint32 // label id of person_id
	name     uint32 // name id (names interner)
	aliasOff uint32 // aliases: aliasArena[aliasOff : aliasOff+aliasN]
	roleOff  uint32 // roles: roleArena[roleOff : roleOff+roleN]
	mentions int32
	aliasN   uint16
	roleN    uint16
	gender   byte
}

type roleRef struct{ title, org uint32 } // label ids; org 0 is "" (none)

// nameRec is a distinct written name taken apart, in interned form.
type nameRec struct {
	level  uint8
	gender byte
	flags  uint8  // nameShouting, nameMixed, nameGivenOnly
	nFull  uint8  // full words: tokArena[off : off+nFull] (phonetic), then nFull folded ones
	nInit  uint8  // initials after them (folded)
	off    uint32 // into tokArena
	suffix uint32 // token id of the suffix, 0 when none
	keyOff uint32 // sorted key words (phonetic full words, then "initial." forms, suffix) in keyArena
	keyN   uint8
}

const (
	nameShouting = 1 << iota
	nameMixed
	nameGivenOnly
)

// store holds everything read, compactly, until resolve.
type store struct {
	k       *knowledge
	docs    []docRec
	recs    []rec
	names   *interner // written names and aliases
	labels  *interner // titles, organizations, person ids
	toks    *interner // folded and phonetic words, initials
	parsedN []nameRec // by name id; level 255 until parsed

	aliasArena []uint32
	roleArena  []roleRef
	tokArena   []uint32
	keyArena   []uint32

	labelNorm []uint32 // label id -> id of its normalized form (lower case, folded words)
}

func newStore(k *knowledge) *store {
	s := &store{k: k, names: newInterner(), labels: newInterner(), toks: newInterner()}
	s.labelID("") // label 0: none
	s.toks.id("") // token 0: none
	return s
}

func days(t time.Time) int32 {
	if t.IsZero() {
		return noDate
	}
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (s *store) add(d DocPeople) {
	dr := docRec{id: d.DocID, pub: days(d.Published), first: int32(len(s.recs)), n: int32(len(d.People))}
	di := int32(len(s.docs))
	s.docs = append(s.docs, dr)
	for _, p := range d.People {
		r := rec{doc: di, pid: s.labelID(p.ID), name: s.nameID(p.Name), mentions: int32(p.Mentions)}
		if p.Gender == "m" || p.Gender == "f" {
			r.gender = p.Gender[0]
		}
		r.aliasOff = uint32(len(s.aliasArena))
		for _, a := range p.Aliases {
			if a != p.Name && r.aliasN < math.MaxUint16 {
				s.aliasArena = append(s.aliasArena, s.nameID(a))
				r.aliasN++
			}
		}
		r.roleOff = uint32(len(s.roleArena))
		for _, ro := range p.Roles {
			if r.roleN < math.MaxUint16 {
				s.roleArena = append(s.roleArena, roleRef{title: s.labelID(ro.Title), org: s.labelID(ro.Org)})
				r.roleN++
			}
		}
		s.recs = append(s.recs, r)
	}
}

func (s *store) nameID(n string) uint32 {
	id := s.names.id(n)
	if int(id) == len(s.parsedN) {
		s.parsedN = append(s.parsedN, s.intern(s.k.parse(n)))
	}
	return id
}

func (s *store) labelID(l string) uint32 {
	id := s.labels.id(l)
	if int(id) == len(s.labelNorm) {
		// "the Federation of Trade Unions" and "Federation of trade unions"
		// are one organization; "Chairman" and "chairman" one title.
		ws := s.k.words(l)
		if len(ws) > 0 && ws[0] == "the" {
			ws = ws[1:]
		}
		s.labelNorm = append(s.labelNorm, s.toks.id(strings.Join(ws, " ")))
	}
	return id
}

// intern stores a parsed name's words as token ids.
func (s *store) intern(p parsed) nameRec {
	nr := nameRec{level: uint8(p.level), gender: p.gender, off: uint32(len(s.tokArena))}
	if p.shouting {
		nr.flags |= nameShouting
	}
	if p.mixed {
		nr.flags |= nameMixed
	}
	if p.givenOnly {
		nr.flags |= nameGivenOnly
	}
	nf := min(len(p.full), 32)
	ni := min(len(p.inits), 32)
	nr.nFull, nr.nInit = uint8(nf), uint8(ni)
	for _, w := range p.full[:nf] {
		s.tokArena = append(s.tokArena, s.toks.id(w))
	}
	for _, w := range p.folded[:nf] {
		s.tokArena = append(s.tokArena, s.toks.id(w))
	}
	for _, w := range p.inits[:ni] {
		s.tokArena = append(s.tokArena, s.toks.id(w))
	}
	if p.suffix != "" {
		nr.suffix = s.toks.id(p.suffix)
	}
	// The key: sorted full words, then initials (marked with a dot so "a"
	// the initial and "a" the word differ), then the suffix.
	nr.keyOff = uint32(len(s.keyArena))
	key := make([]uint32, 0, nf+ni+1)
	for _, w := range p.full[:nf] {
		key = append(key, s.toks.id(w))
	}
	sortU32(key)
	inits := make([]uint32, 0, ni)
	for _, w := range p.inits[:ni] {
		inits = append(inits, s.toks.id(s.k.phonetic(w)+"."))
	}
	sortU32(inits)
	key = append(key, inits...)
	if nr.suffix != 0 {
		key = append(key, s.toks.id(p.suffix+"#"))
	}
	nr.keyN = uint8(min(len(key), 255))
	s.keyArena = append(s.keyArena, key[:nr.keyN]...)
	return nr
}

func sortU32(a []uint32) {
	for i := 1; i < len(a); i++ { // names have a handful of words
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// Accessors over a nameRec.
func (s *store) fullWords(n *nameRec) []uint32 { return s.tokArena[n.off : n.off+uint32(n.nFull)] }
func (s *store) foldedWords(n *nameRec) []uint32 {
	return s.tokArena[n.off+uint32(n.nFull) : n.off+2*uint32(n.nFull)]
}
func (s *store) initials(n *nameRec) []uint32 {
	o := n.off + 2*uint32(n.nFull)
	return s.tokArena[o : o+uint32(n.nInit)]
}
func (s *store) key(n *nameRec) []uint32 { return s.keyArena[n.keyOff : n.keyOff+uint32(n.keyN)] }
func (s *store) aliases(r *rec) []uint32 {
	return s.aliasArena[r.aliasOff : r.aliasOff+uint32(r.aliasN)]
}
func (s *store) roles(r *rec) []roleRef { return s.roleArena[r.roleOff : r.roleOff+uint32(r.roleN)] }
