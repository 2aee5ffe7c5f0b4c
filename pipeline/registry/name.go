package registry

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Levels of a written name: how much of a person it identifies.
const (
	levelNone     = iota // no letters, or initials alone
	levelSurname         // one word: "Amanzholov", "Mr. Trump"
	levelInitials        // initials and one word: "S. Amanzholov", "Amanzholov S.K."
	levelFull            // two words or more: "Serikbol Amanzholov", "Amanzholov Serikbol"
)

// parsed is one written name taken apart for matching.
type parsed struct {
	level int
	// full holds the phonetic keys of the name's words in written order
	// (honorifics, particles and generational suffixes removed; given-name
	// variants mapped to their group's key); folded their folded forms.
	full, folded []string
	// inits holds each initial's folded letters ("s", "zh"), in order.
	inits  []string
	suffix string // folded generational suffix ("jr"), "" when none
	gender byte   // 'm', 'f' or 0, from given-name and surname-ending lists
	// givenOnly: a one-word name that is a known given name, not a
	// surname ("Rahul"): it may belong to anyone with that given name.
	givenOnly bool
	// shouting: written all in capitals ("SERIKBOL AMANZHOLOV"); mixed:
	// a word mixes Latin and Cyrillic letters. Both make a form a worse
	// choice for the person's display name.
	shouting, mixed bool
}

// digraphInitials are the two-letter romanizations of one Cyrillic letter
// that stand as an initial ("B.Zh.", "Kh. Bozorov").
var digraphInitials = map[string]bool{"zh": true, "kh": true, "sh": true, "ch": true, "ts": true, "yu": true, "ya": true, "ye": true, "yo": true}

// piece is one word of a written name before classification.
type piece struct {
	raw     string
	dot     bool   // written with a trailing dot
	folded  string // k.fold(raw)
	letters int
	upper   bool // every letter a capital
	latin   bool
	cyr     bool
}

// split cuts a name into words: at spaces and commas, and after every dot
// ("S.K." -> S., K.; "Kh.Bozorov" -> Kh., Bozorov).
func split(s string) []piece {
	out := make([]piece, 0, 4)
	start := -1
	for i, r := range s {
		switch {
		case unicode.IsSpace(r) || r == ',' || r == ';':
			if start >= 0 {
				out = append(out, piece{raw: s[start:i]})
			}
			start = -1
		case r == '.':
			if start >= 0 {
				out = append(out, piece{raw: s[start:i], dot: true})
			}
			start = -1
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, piece{raw: s[start:]})
	}
	return out
}

// parse takes a written name apart (rules NAME-* in rules.go describe the
// choices: honorifics, initials, particles, suffixes, hyphens).
func (k *knowledge) parse(s string) parsed {
	var p parsed
	ps := split(s)
	anyMixedCase := p.look(k, ps)
	ps = k.dropHonorifics(ps)
	words := make([]string, 0, 2*len(ps)) // one backing array for full and folded
	p.full, p.folded = words[:0:len(ps)], words[len(ps):len(ps)]
	hasInitial := false
	for _, x := range ps {
		if n := x.letters; n == 1 || (x.dot && n == 2) {
			hasInitial = true
		}
	}
	for i, x := range ps {
		p.take(k, x, i > 0, hasInitial, anyMixedCase)
	}
	if len(p.full) > 1 {
		p.dropParticles(k)
	}
	switch {
	case len(p.full) >= 2:
		p.level = levelFull
	case len(p.full) == 1 && len(p.inits) > 0:
		p.level = levelInitials
	case len(p.full) == 1:
		p.level = levelSurname
		_, isGiven := k.given[p.full[0]]
		p.givenOnly = isGiven && !k.surnames[p.full[0]] && k.surnameGender(p.folded[0]) == 0
	}
	p.gender = k.nameGender(p)
	return p
}

// look folds every word and notes its letters and case, and how the whole
// name is written (all capitals, mixed scripts). It reports whether some
// word of two letters or more is in mixed case, against which short
// capital words read as initials.
func (p *parsed) look(k *knowledge, ps []piece) (anyMixedCase bool) {
	words, upper := 0, 0
	for i := range ps {
		x := &ps[i]
		x.folded = k.fold(x.raw)
		x.upper = true
		for _, r := range x.raw {
			if !unicode.IsLetter(r) {
				continue
			}
			x.letters++
			x.upper = x.upper && unicode.IsUpper(r)
			if r < 0x80 {
				x.latin = true
				continue
			}
			x.latin = x.latin || unicode.Is(unicode.Latin, r)
			x.cyr = x.cyr || unicode.Is(unicode.Cyrillic, r)
		}
		x.upper = x.upper && x.letters > 0
		if x.letters > 1 {
			words++
			if x.upper {
				upper++
			}
		}
		p.mixed = p.mixed || (x.latin && x.cyr)
	}
	p.shouting = words > 0 && upper == words
	return upper < words
}

// take classifies one word: a generational suffix (not first), an initial,
// or a name word.
func (p *parsed) take(k *knowledge, x piece, notFirst, hasInitial, anyMixedCase bool) {
	f := x.folded
	if f == "" {
		return
	}
	n := utf8.RuneCountInString(f)
	switch {
	case notFirst && k.suffixes[f] && !(x.dot && n == 2 && !hasSuffixWord(x.raw)):
		p.suffix = f
	case n == 1 || (x.dot && n == 2 && digraphInitials[f]) ||
		(n == 2 && digraphInitials[f] && hasInitial && !x.upper):
		p.inits = append(p.inits, f)
	case x.dot && n == 2:
		// "Mr." left after a longer honorific, "Jr." missed above:
		// two letters and a dot are no name word.
		p.inits = append(p.inits, f[:1], f[1:])
	case anyMixedCase && x.upper && n <= 3 && !k.suffixes[f]:
		// "JP Nadda", "AL Hek", "R S Surjewala": capitals for initials
		for _, r := range f {
			p.inits = append(p.inits, string(r))
		}
	default:
		p.addWord(k, x)
	}
}

func hasSuffixWord(raw string) bool {
	l := strings.ToLower(raw)
	return l == "jr" || l == "sr"
}

// addWord adds one name word; a hyphenated word is one word ("Kassym-Jomart"
// -> kassymjomart) unless its first part is a particle ("al-Sisi" -> sisi).
func (p *parsed) addWord(k *knowledge, x piece) {
	folded := x.folded
	if strings.ContainsAny(x.raw, "-\u2010\u2011\u2013") {
		parts := strings.FieldsFunc(x.raw, func(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' || r == '\u2013' })
		var f strings.Builder
		for i, part := range parts {
			fp := k.fold(part)
			if i == 0 && len(parts) > 1 && k.particles[fp] {
				continue
			}
			f.WriteString(fp)
		}
		folded = f.String()
	}
	if folded == "" {
		return
	}
	ph := k.phonetic(folded)
	if v, ok := k.variant[ph]; ok {
		ph = v
	}
	p.full = append(p.full, ph)
	p.folded = append(p.folded, folded)
}

// dropParticles removes connecting words (bin, van, al) from the key.
func (p *parsed) dropParticles(k *knowledge) {
	full, folded := p.full[:0], p.folded[:0]
	for i := range p.full {
		if k.particles[p.folded[i]] {
			continue
		}
		full = append(full, p.full[i])
		folded = append(folded, p.folded[i])
	}
	if len(full) > 0 {
		p.full, p.folded = full, folded
	}
}

// dropHonorifics removes forms of address at the start ("Mr.", "Tan Sri
// Dato'", "Sen."), keeping at least one word.
func (k *knowledge) dropHonorifics(ps []piece) []piece {
	for len(ps) > 1 {
		cut := 0
		for n := min(k.maxHonor, len(ps)-1); n >= 1; n-- {
			w := ps[0].folded
			if n > 1 {
				ws := make([]string, n)
				for i, x := range ps[:n] {
					ws[i] = x.folded
				}
				w = strings.Join(ws, " ")
			}
			if k.honorifics[w] {
				cut = n
				break
			}
		}
		if cut == 0 {
			return ps
		}
		ps = ps[cut:]
	}
	return ps
}

// surnameGender is the sex a family-name ending marks (-ova f, -ov m), or 0.
func (k *knowledge) surnameGender(folded string) byte {
	if len(folded) < 5 {
		return 0
	}
	for _, e := range k.surnameEnd {
		if len(e.end) >= 2 && strings.HasSuffix(folded, e.end) {
			return e.gender
		}
	}
	return 0
}

// nameGender is the sex the words of a name give (a known given name, a
// surname ending), 0 when they give none or disagree.
func (k *knowledge) nameGender(p parsed) byte {
	var g byte
	for i := range p.full {
		h, isGiven := k.given[p.full[i]]
		if !isGiven {
			h = k.surnameGender(p.folded[i])
		}
		switch {
		case h == 0:
		case g == 0:
			g = h
		case g != h:
			return 0
		}
	}
	return g
}
