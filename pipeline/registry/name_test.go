package registry

import (
	"reflect"
	"strings"
	"testing"

	"plenary/pipeline/lexicon"
)

func testKnowledge(t testing.TB) *knowledge {
	t.Helper()
	k, err := newKnowledge(lexicon.MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// The NAME-* rules on invented names: each row is a written name and how it
// is taken apart (phonetic words in written order, folded initials, level).
func TestParse(t *testing.T) {
	k := testKnowledge(t)
	cases := []struct {
		rule, name string
		level      int
		full       string // phonetic words, space-separated
		inits      string // folded initials, space-separated
		suffix     string
	}{
		{"NAME-FOLD", "Serikbol Amanzholov", levelFull, "serikbol amanjolov", "", ""},
		{"NAME-FOLD", "SERIKBOL AMANZHOLOV", levelFull, "serikbol amanjolov", "", ""},
		{"NAME-FOLD", "Sérikbol Amanžolov", levelFull, "serikbol amanzolov", "", ""},
		{"NAME-FOLD", "Serikbol Аmanzholov", levelFull, "serikbol amanjolov", "", ""}, // Cyrillic А
		{"NAME-FOLD", "Серикбол Аманжолов", levelFull, "serikbol amanjolov", "", ""},
		{"NAME-FOLD", "Нұрлан Өтешов", levelFull, "nurlan oteshov", "", ""},
		{"NAME-TRANSLIT", "Serikbol Amanjolov", levelFull, "serikbol amanjolov", "", ""},
		{"NAME-TRANSLIT", "Serikbol Amandzholov", levelFull, "serikbol amanjolov", "", ""},
		{"NAME-TRANSLIT", "Aiym Kassymova", levelFull, "aim kasimova", "", ""},
		{"NAME-TRANSLIT", "Ayym Kasymova", levelFull, "aim kasimova", "", ""},
		{"NAME-TRANSLIT", "Mukhtar Sarsenbayev", levelFull, "muhtar sarsenbaev", "", ""},
		{"NAME-TRANSLIT", "Muhtar Sarsenbaev", levelFull, "muhtar sarsenbaev", "", ""},
		{"NAME-TRANSLIT", "Yerzhan Ualiyev", levelFull, "erjan ualiev", "", ""},
		{"NAME-TRANSLIT", "Erjan Ualiev", levelFull, "erjan ualiev", "", ""},
		{"NAME-TRANSLIT", "Qairat Nurtayev", levelFull, "kairat nurtaev", "", ""},
		{"NAME-TRANSLIT", "Kayrat Nurtaev", levelFull, "kairat nurtaev", "", ""},
		{"NAME-TRANSLIT", "Ghulam Rasool", levelFull, "gulam rasul", "", ""},
		{"NAME-TRANSLIT", "Gulam Rasul", levelFull, "gulam rasul", "", ""},
		{"NAME-VARIANT", "Mohammed Tariq", levelFull, "muhamad tarik", "", ""},
		{"NAME-VARIANT", "Muhammad Tariq", levelFull, "muhamad tarik", "", ""},
		{"NAME-VARIANT", "Oleksandr Petrenko", levelFull, "aleksandr petrenko", "", ""},
		{"NAME-HONORIFIC", "Mr. Tolegen Abenov", levelFull, "tolegen abenov", "", ""},
		{"NAME-HONORIFIC", "Tan Sri Dato' Ahmad Zaki", levelFull, "ahmad zaki", "", ""},
		{"NAME-HONORIFIC", "Dr Abenov", levelSurname, "abenov", "", ""},
		{"NAME-HONORIFIC", "Mr.", levelNone, "", "m r", ""}, // two letters and a dot are no name word
		{"NAME-INITIALS", "S. Amanzholov", levelInitials, "amanjolov", "s", ""},
		{"NAME-INITIALS", "Amanzholov S.K.", levelInitials, "amanjolov", "s k", ""},
		{"NAME-INITIALS", "Amanzholov S. K.", levelInitials, "amanjolov", "s k", ""},
		{"NAME-INITIALS", "S.K.Amanzholov", levelInitials, "amanjolov", "s k", ""},
		{"NAME-INITIALS", "Abenov B.Zh", levelInitials, "abenov", "b zh", ""},
		{"NAME-INITIALS", "Kh. Bozorov", levelInitials, "bozorov", "kh", ""},
		{"NAME-INITIALS", "JK Sharma", levelInitials, "sharma", "j k", ""},
		{"NAME-INITIALS", "R S Verma", levelInitials, "verma", "r s", ""},
		{"NAME-INITIALS", "Donald J. Trumpet", levelFull, "donald trumpet", "j", ""},
		{"NAME-PARTICLE", "Abdel Karim el-Masri", levelFull, "abdel karim masri", "", ""},
		{"NAME-PARTICLE", "Rashid bin Saeed", levelFull, "rashid said", "", ""},
		{"NAME-PARTICLE", "al-Masri", levelSurname, "masri", "", ""},
		{"NAME-PARTICLE", "Kassym-Jomart Tokov", levelFull, "kasimjomart tokov", "", ""},
		{"NAME-SUFFIX", "Ferdinand Mabini Jr.", levelFull, "ferdinand mabini", "", "jr"},
		{"NAME-SUFFIX", "Ferdinand Mabini III", levelFull, "ferdinand mabini", "", "iii"},
	}
	for _, c := range cases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			p := k.parse(c.name)
			if p.level != c.level || strings.Join(p.full, " ") != c.full || strings.Join(p.inits, " ") != c.inits || p.suffix != c.suffix {
				t.Errorf("parse(%q) = level %d, words %q, initials %q, suffix %q; want %d, %q, %q, %q",
					c.name, p.level, p.full, p.inits, p.suffix, c.level, c.full, c.inits, c.suffix)
			}
		})
	}
}

func TestParseFlags(t *testing.T) {
	k := testKnowledge(t)
	if p := k.parse("SERIKBOL AMANZHOLOV"); !p.shouting {
		t.Error("all capitals not marked")
	}
	if p := k.parse("JK Sharma"); p.shouting {
		t.Error("capital initials marked as shouting")
	}
	if p := k.parse("Serikbol Аmanzholov"); !p.mixed {
		t.Error("Cyrillic look-alike not marked")
	}
	if p := k.parse("Marat"); !p.givenOnly {
		t.Error("a known given name alone is not given-only")
	}
	if p := k.parse("Amanzholov"); p.givenOnly {
		t.Error("a surname alone taken as a given name")
	}
	for name, want := range map[string]byte{"Aigerim Seitkali": 'f', "Askar Seitkali": 'm', "Dana Abenova": 'f', "Abenov": 'm', "Seitkali": 0} {
		if g := k.parse(name).gender; g != want {
			t.Errorf("gender of %q = %q, want %q", name, g, want)
		}
	}
}

func TestPhonetic(t *testing.T) {
	k := testKnowledge(t)
	same := [][]string{
		{"Sagintayev", "Sagintaev", "Sagintaiev"},
		{"Zhumageldiyeva", "Zhumageldieva", "Jumageldieva"},
		{"Dmitriy", "Dmitry", "Dmitri"},
		{"Kassym", "Kasym", "Qasym"},
		{"Yerlan", "Erlan"},
		{"Dzhaksybekov", "Jaksybekov", "Djaksybekov", "Zhaksybekov"},
		{"Alexey", "Aleksey", "Aleksei"},
		{"Noor", "Nur"},
	}
	for _, group := range same {
		want := k.phonetic(k.fold(group[0]))
		for _, w := range group[1:] {
			if got := k.phonetic(k.fold(w)); got != want {
				t.Errorf("phonetic(%s) = %s, phonetic(%s) = %s; want equal", w, got, group[0], want)
			}
		}
	}
	apart := [][2]string{{"Bekov", "Bekova"}, {"Marat", "Murat"}, {"Ali", "Alia"}, {"Sasha", "Sacha"}}
	for _, p := range apart {
		if a, b := k.phonetic(k.fold(p[0])), k.phonetic(k.fold(p[1])); a == b {
			t.Errorf("%s and %s meet at %s", p[0], p[1], a)
		}
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"amanjolov", "amanzolov", true},  // substitution
		{"dauletalin", "daulealin", true}, // deletion
		{"satibaldi", "satilbaldi", true}, // insertion
		{"abenov", "aebnov", true},        // transposition
		{"abenov", "abenov", false},
		{"abenov", "abenova", true},
		{"abenov", "abinova", false},
		{"", "a", true},
	} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// A malformed lexicon entry, built in or added by --lexicon, is an error
// naming the file and entry.
func TestKnowledgeValidation(t *testing.T) {
	for file, line := range map[string]string{
		"translit.txt":        "# mine\nsubs\tx\ty\n",
		"translit.txt ":       "# mine\nsub\tX\ty\n",
		"translit.txt  ":      "# mine\nhomoglyph\tab\ta\n",
		"translit.txt   ":     "# mine\ncyrillic\tq\tk\n",
		"given_variants.txt":  "# mine\nvariant\tAli\n",
		"given_variants.txt ": "# mine\nalias\tAli\tAly\n",
		"name_parts.txt":      "# mine\nprefix\tvan\n",
	} {
		dir := t.TempDir()
		writeFile(t, dir, strings.TrimSpace(file), line)
		// the lexicon's own check (its # fields: declarations) or the
		// registry's, whichever sees the entry first
		lx, err := lexicon.Load(dir)
		if err == nil {
			_, err = New(lx)
		}
		if err == nil || !strings.Contains(err.Error(), strings.TrimSpace(file)) {
			t.Errorf("%q: err = %v, want an error naming the file", line, err)
		}
	}
	dir := t.TempDir()
	writeFile(t, dir, "given_variants.txt", "# mine\nvariant\tBakhyt\tBakyt\n")
	lx, _ := lexicon.Load(dir)
	rv, err := New(lx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := rv.k.parse("Bakhyt Abenov"), rv.k.parse("Bakyt Abenov"); !reflect.DeepEqual(a.full, b.full) {
		t.Errorf("a user's variant group not applied: %v vs %v", a.full, b.full)
	}
}
