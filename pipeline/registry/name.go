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
	raw string
	dot bool // written with a trailing dot
}

// split cuts a name into words: at spaces and commas, and after every dot
// ("S.K." -> S., K.; "Kh.Bozorov" -> Kh., Bozorov).
func split(s string) []piece {
	var out []piece
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' }) {
		for f != "" {
			i := strings.IndexByte(f, '.')
			if i < 0 {
				out = append(out, piece{raw: f})
				break
			}
			if i > 0 {
				out = append(out, piece{raw: f[:i], dot: true})
			}
			f = f[i+1:]
		}
	}
	return out
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func isUpperWord(s string) bool {
	seen := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			seen = true
		}
	}
	return seen
}

// parse takes a written name apart (rules NAME-* in rules.go describe the
// choices: honorifics, initials, particles, suffixes, hyphens).
func (k *knowledge) parse(s string) parsed {
	var p parsed
	ps := split(s)
	words, upper := 0, 0
	for _, x := range ps {
		if letters(x.raw) > 1 {
			words++
			if isUpperWord(x.raw) {
				upper++
			}
		}
		var latin, cyr bool
		for _, r := range x.raw {
			latin = latin || unicode.Is(unicode.Latin, r)
			cyr = cyr || unicode.Is(unicode.Cyrillic, r)
		}
		p.mixed = p.mixed || (latin && cyr)
	}
	p.shouting = words > 0 && upper == words
	anyMixedCase := upper < words
	ps = k.dropHonorifics(ps)
	hasInitial := false
	for _, x := range ps {
		if n := letters(x.raw); n == 1 || (x.dot && n == 2) {
			hasInitial = true
		}
	}
	for i, x := range ps {
		f := k.fold(x.raw)
		if f == "" {
			continue
		}
		n := utf8.RuneCountInString(f)
		switch {
		case i > 0 && k.suffixes[f] && !(x.dot && n == 2 && !hasSuffixWord(x.raw)):
			p.suffix = f
		case n == 1 || (x.dot && n == 2 && digraphInitials[f]) ||
			(n == 2 && digraphInitials[f] && hasInitial && !isUpperWord(x.raw)):
			p.inits = append(p.inits, f)
		case x.dot && n == 2:
			// "Mr." left after a longer honorific, "Jr." missed above:
			// two letters and a dot are no name word.
			p.inits = append(p.inits, f[:1], f[1:])
		case anyMixedCase && isUpperWord(x.raw) && n <= 3 && !k.suffixes[f]:
			// "JP Nadda", "AL Hek", "R S Surjewala": capitals for initials
			for _, r := range f {
				p.inits = append(p.inits, string(r))
			}
		default:
			p.addWord(k, x.raw)
		}
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

func hasSuffixWord(raw string) bool {
	l := strings.ToLower(raw)
	return l == "jr" || l == "sr"
}

// addWord adds one name word; a hyphenated word is one word ("Kassym-Jomart"
// -> kassymjomart) unless its first part is a particle ("al-Sisi" -> sisi).
func (p *parsed) addWord(k *knowledge, raw string) {
	parts := strings.FieldsFunc(raw, func(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' || r == '\u2013' })
	var f strings.Builder
	for i, part := range parts {
		fp := k.fold(part)
		if i == 0 && len(parts) > 1 && k.particles[fp] {
			continue
		}
		f.WriteString(fp)
	}
	folded := f.String()
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
			var ws []string
			for _, x := range ps[:n] {
				ws = append(ws, k.fold(x.raw))
			}
			if k.honorifics[strings.Join(ws, " ")] {
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
