package registry

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/lexicon"
)

// knowledge is what matching needs from the lexicon files, checked and
// prepared once: translit.txt (how spellings fold to one key),
// given_variants.txt, name_parts.txt, honorifics.txt, given_names.txt,
// surnames.txt, surname_suffixes.txt and stop_caps.txt (function words).
type knowledge struct {
	homoglyph map[rune]string // Cyrillic look-alike -> Latin, in mixed-script tokens
	cyrillic  map[rune]string // Cyrillic letter -> Latin, in all-Cyrillic tokens
	letter    map[rune]string // letters decomposition does not reduce (ə, ı, ß)
	subs      []subRule
	double    bool

	variant  map[string]string // phonetic key of a given name -> its group's key
	nickname map[string]string // phonetic key of a short form -> its group's key

	particles  map[string]bool // folded forms
	suffixes   map[string]bool // folded forms
	honorifics map[string]bool // folded, dot-free, space-joined forms
	maxHonor   int             // words in the longest honorific

	function   map[string]bool // folded function words (of, the, and), no content of an organization's name
	given      map[string]byte // phonetic key -> 'm', 'f' or 0
	surnames   map[string]bool // phonetic keys
	surnameEnd []suffixGender  // folded endings, longest first
}

// subRule rewrites one letter sequence of a folded token.
type subRule struct {
	from, to   string
	start, end bool // anchored at the token's start / end
	note       string
	firstByte  byte
}

type suffixGender struct {
	end    string
	gender byte
}

// newKnowledge reads and validates the lexicon files matching uses. A
// malformed entry (an unknown kind, a missing field, a rule that cannot
// apply) is an error naming the file and the entry, so a user's --lexicon
// addition fails loudly instead of silently matching nothing.
func newKnowledge(lx *lexicon.Lexicon) (*knowledge, error) {
	k := &knowledge{
		homoglyph: map[rune]string{}, cyrillic: map[rune]string{}, letter: map[rune]string{},
		variant: map[string]string{}, nickname: map[string]string{},
		particles: map[string]bool{}, suffixes: map[string]bool{}, honorifics: map[string]bool{},
		given: map[string]byte{}, surnames: map[string]bool{}, function: map[string]bool{},
	}
	if err := k.loadTranslit(lx.List("translit")); err != nil {
		return nil, err
	}
	// The rules above fold the remaining files' entries, so they come next.
	for _, e := range lx.List("name_parts") {
		form := k.fold(e.Field(1))
		switch {
		case form == "":
			return nil, entryErr("name_parts", e, "no form")
		case e.Key() == "particle":
			k.particles[form] = true
		case e.Key() == "suffix":
			k.suffixes[form] = true
		default:
			return nil, entryErr("name_parts", e, "unknown kind %q (want particle or suffix)", e.Key())
		}
	}
	for _, e := range lx.List("given_variants") {
		var m map[string]string
		switch e.Key() {
		case "variant":
			m = k.variant
		case "nickname":
			m = k.nickname
		default:
			return nil, entryErr("given_variants", e, "unknown kind %q (want variant or nickname)", e.Key())
		}
		if len(e) < 3 {
			return nil, entryErr("given_variants", e, "a group needs at least two names")
		}
		head := k.phonetic(k.fold(e[1]))
		for _, n := range e[1:] {
			p := k.phonetic(k.fold(n))
			if p == "" {
				return nil, entryErr("given_variants", e, "name %q has no letters", n)
			}
			if _, dup := m[p]; !dup { // the first group naming a form wins
				m[p] = head
			}
		}
	}
	for _, e := range lx.List("honorifics") {
		if strings.Contains(strings.TrimSuffix(e.Key(), "."), ".") {
			continue // "H.E." would fold to the name "He"
		}
		words := k.words(e.Key())
		if len(words) == 0 {
			continue
		}
		k.honorifics[strings.Join(words, " ")] = true
		k.maxHonor = max(k.maxHonor, len(words))
	}
	for _, e := range lx.List("given_names") {
		p := k.phonetic(k.fold(e.Key()))
		var g byte
		if s := e.Field(1); s == "m" || s == "f" {
			g = s[0]
		}
		if old, ok := k.given[p]; ok && old != g {
			g = 0 // a spelling both sexes use says nothing
		}
		k.given[p] = g
	}
	for _, e := range lx.List("stop_caps") {
		if w := k.words(e.Key()); len(w) == 1 {
			k.function[w[0]] = true
		}
	}
	for _, e := range lx.List("surnames") {
		k.surnames[k.phonetic(k.fold(e.Key()))] = true
	}
	for _, e := range lx.List("surname_suffixes") {
		var g byte
		if s := e.Field(1); s == "m" || s == "f" {
			g = s[0]
		}
		k.surnameEnd = append(k.surnameEnd, suffixGender{end: k.fold(e.Key()), gender: g})
	}
	sort.SliceStable(k.surnameEnd, func(i, j int) bool { return len(k.surnameEnd[i].end) > len(k.surnameEnd[j].end) })
	return k, nil
}

func (k *knowledge) loadTranslit(list []lexicon.Entry) error {
	for _, e := range list {
		from, to := e.Field(1), e.Field(2)
		if to == "-" {
			to = ""
		}
		if from == "" {
			return entryErr("translit", e, "no 'from' field")
		}
		switch e.Key() {
		case "homoglyph", "cyrillic", "letter":
			r, n := utf8.DecodeRuneInString(from)
			if n != len(from) || r == utf8.RuneError {
				return entryErr("translit", e, "%q is not one letter", from)
			}
			if e.Key() != "letter" && !unicode.Is(unicode.Cyrillic, r) {
				return entryErr("translit", e, "%q is not a Cyrillic letter", from)
			}
			if !isLowerASCII(to) {
				return entryErr("translit", e, "%q: 'to' must be lower-case a-z", to)
			}
			map[string]map[rune]string{"homoglyph": k.homoglyph, "cyrillic": k.cyrillic, "letter": k.letter}[e.Key()][r] = to
		case "sub":
			r := subRule{from: from, to: to, note: e.Field(3)}
			r.start = strings.HasPrefix(r.from, "^")
			r.end = strings.HasSuffix(r.from, "$")
			r.from = strings.TrimSuffix(strings.TrimPrefix(r.from, "^"), "$")
			if r.from == "" || !isLowerASCII(r.from) || !isLowerASCII(r.to) {
				return entryErr("translit", e, "sub rules rewrite lower-case a-z (with ^ or $ anchors)")
			}
			r.firstByte = r.from[0]
			k.subs = append(k.subs, r)
		case "double":
			k.double = true
		default:
			return entryErr("translit", e, "unknown kind %q (want homoglyph, cyrillic, letter, sub or double)", e.Key())
		}
	}
	return nil
}

func entryErr(file string, e lexicon.Entry, format string, args ...any) error {
	return fmt.Errorf("registry: lexicon %s.txt, entry %q: %s", file, strings.Join(e, "\t"), fmt.Sprintf(format, args...))
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// words splits a phrase into folded words, dots and other punctuation
// dropped ("Dato' Seri" -> dato seri, "H.E." -> he).
func (k *knowledge) words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if f := k.fold(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}
