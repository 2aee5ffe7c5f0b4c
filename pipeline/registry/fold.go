package registry

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold reduces one written word to lower-case letters: Cyrillic look-alikes
// inside a Latin word become the Latin letters they imitate, an all-Cyrillic
// word is transliterated, accents are dropped (Ağar -> agar), and anything
// that is not a letter (apostrophes, dots, digits) goes. The result is what
// initials are compared on; phonetic folds it further for keys.
func (k *knowledge) fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'a' && c <= 'z':
				b.WriteByte(c)
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			}
		}
		return b.String()
	}
	latin, cyr := false, false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.Is(unicode.Latin, r):
			latin = true
		}
	}
	for _, r := range s {
		lr := unicode.ToLower(r)
		if cyr && unicode.Is(unicode.Cyrillic, lr) {
			if latin {
				if t, ok := k.homoglyph[lr]; ok {
					b.WriteString(t)
					continue
				}
			}
			if t, ok := k.cyrillic[lr]; ok {
				b.WriteString(t)
				continue
			}
		}
		if t, ok := k.letter[lr]; ok {
			b.WriteString(t)
			continue
		}
		switch {
		case lr >= 'a' && lr <= 'z':
			b.WriteRune(lr)
		case lr < 0x80 || !unicode.IsLetter(lr):
			// punctuation, digits, marks: not part of a name's spelling
		default:
			for _, d := range norm.NFD.String(string(lr)) {
				if unicode.IsLetter(d) {
					b.WriteRune(unicode.ToLower(d))
				}
			}
		}
	}
	return b.String()
}

// phonetic applies translit.txt's sub rules in order, then collapses doubled
// letters: the key under which the romanizations of one name meet
// (Amanzholov, Amanjolov -> amanjolov; Sagintayev, Sagintaev -> sagintaev).
func (k *knowledge) phonetic(f string) string {
	for i := range k.subs {
		r := &k.subs[i]
		if strings.IndexByte(f, r.firstByte) < 0 {
			continue
		}
		switch {
		case r.start && r.end:
			if f == r.from {
				f = r.to
			}
		case r.start:
			if strings.HasPrefix(f, r.from) {
				f = r.to + f[len(r.from):]
			}
		case r.end:
			if strings.HasSuffix(f, r.from) {
				f = f[:len(f)-len(r.from)] + r.to
			}
		default:
			f = strings.ReplaceAll(f, r.from, r.to)
		}
	}
	if !k.double {
		return f
	}
	for i := 1; i < len(f); i++ {
		if f[i] == f[i-1] && f[i] < 0x80 {
			b := []byte(f[:i])
			for j := i + 1; j < len(f); j++ {
				if f[j] != b[len(b)-1] || f[j] >= 0x80 {
					b = append(b, f[j])
				}
			}
			return string(b)
		}
	}
	return f
}

// skeleton drops the vowels after the first letter: Chaudhry, Chaudhary and
// Choudhury (phonetic chaudhri, chaudhari, chudhuri) meet at chdhr. A
// consonant written twice across a vowel stays twice (Kulalulov is klllv,
// not Kulev's klv). Only a matching key that needs evidence uses it.
func skeleton(p string) string {
	if len(p) < 2 {
		return p
	}
	b := make([]byte, 1, len(p))
	b[0] = p[0]
	for i := 1; i < len(p); i++ {
		switch p[i] {
		case 'a', 'e', 'i', 'o', 'u':
		default:
			b = append(b, p[i])
		}
	}
	return string(b)
}
