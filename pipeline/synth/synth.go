// Package synth writes a deterministic synthetic corpus of meeting reports
// for benchmarks (`plenary synth`, `make bench`). It is a developer tool: the
// reports are not realistic enough to score extraction on, only to measure
// throughput and memory on text of the right genre and shape.
//
// In: a size in bytes and a seed. Out: a folder of .txt reports of about 4 KB
// each, dated in their file names (rNNNNN-YYYY-MM-DD.txt, grouped by
// thousands in subfolders). Names, titles, organizations, places, dates and
// numbers are drawn from the embedded data/*.txt files by a PRNG seeded per
// report, so the same (seed, size) always gives the same bytes and no cache
// can serve a repeated document.
package synth

import (
	"bufio"
	"embed"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.txt
var files embed.FS

// data is the parsed content of data/*.txt.
type data struct {
	given     [][2]string // name, sex
	stems     []string
	endings   map[string][]string // sex -> endings
	titles    []string
	orgs      [][2]string // pattern, acronym pattern
	sectors   []string
	places    [][2]string // place, country
	quotes    []string
	templates map[string][]string // kind -> texts
	variants  [][2]string         // from, to
}

func load() (*data, error) {
	d := &data{endings: map[string][]string{}, templates: map[string][]string{}}
	read := func(name string, min int, each func([]string)) error {
		b, err := files.ReadFile("data/" + name)
		if err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) < min {
				return fmt.Errorf("synth: data/%s:%d: want %d fields", name, n, min)
			}
			each(f)
		}
		return nil
	}
	steps := []error{
		read("given.txt", 2, func(f []string) { d.given = append(d.given, [2]string{f[0], f[1]}) }),
		read("syllables.txt", 2, func(f []string) {
			if f[1] == "stem" {
				d.stems = append(d.stems, f[0])
			} else {
				d.endings[f[1]] = append(d.endings[f[1]], f[0])
			}
		}),
		read("titles.txt", 1, func(f []string) { d.titles = append(d.titles, f[0]) }),
		read("orgs.txt", 2, func(f []string) { d.orgs = append(d.orgs, [2]string{f[0], f[1]}) }),
		read("sectors.txt", 1, func(f []string) { d.sectors = append(d.sectors, f[0]) }),
		read("places.txt", 2, func(f []string) { d.places = append(d.places, [2]string{f[0], f[1]}) }),
		read("quotes.txt", 1, func(f []string) { d.quotes = append(d.quotes, f[0]) }),
		read("templates.txt", 2, func(f []string) { d.templates[f[0]] = append(d.templates[f[0]], f[1]) }),
		read("variants.txt", 2, func(f []string) { d.variants = append(d.variants, [2]string{f[0], f[1]}) }),
	}
	for _, err := range steps {
		if err != nil {
			return nil, err
		}
	}
	for _, k := range []string{"head", "lead", "body"} {
		if len(d.templates[k]) == 0 {
			return nil, fmt.Errorf("synth: data/templates.txt has no %q template", k)
		}
	}
	if len(d.endings["m"]) == 0 || len(d.endings["f"]) == 0 || len(d.given) == 0 || len(d.stems) == 0 {
		return nil, fmt.Errorf("synth: data files incomplete")
	}
	return d, nil
}

// castSize is the number of recurring persons.
const castSize = 400

// Generator produces reports; build it once with New.
type Generator struct {
	d    *data
	seed uint64
	cast []person
	// DocBytes is the target size of one report (default 4000).
	DocBytes int
}

// New parses the embedded data.
func New(seed uint64) (*Generator, error) {
	d, err := load()
	if err != nil {
		return nil, err
	}
	g := &Generator{d: d, seed: seed, DocBytes: 4000}
	for i := range castSize {
		rp := &report{r: rand.New(rand.NewPCG(seed, 1<<40+uint64(i))), d: d}
		g.cast = append(g.cast, rp.newPerson())
	}
	return g, nil
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

type person struct {
	given, surname, title string
	female                bool
	full                  string // the name as this report writes it ("" : given + " " + surname)
}

// report holds one report's cast and settings.
type report struct {
	r         *rand.Rand
	d         *data
	people    [4]person
	org, acr  string
	org2      string
	place     string
	place2    string
	country   string
	year      int
	open, end string // quotation marks chosen for the report
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (rp *report) newPerson() person {
	r, d := rp.r, rp.d
	g := pick(r, d.given)
	female := g[1] == "f"
	sur := pick(r, d.stems)
	if r.IntN(2) == 0 {
		sur += strings.ToLower(pick(r, d.stems))
	}
	sex := "m"
	if female {
		sex = "f"
	}
	sur += pick(r, d.endings[sex])
	sur = strings.ToUpper(sur[:1]) + sur[1:]
	return person{given: g[0], surname: sur, title: pick(r, d.titles), female: female}
}

// respell writes a recurring person as one report does: mostly as always,
// else re-romanized, as initial and surname, surname first, or with one
// letter of the surname dropped (the title stays, as evidence).
func (rp *report) respell(p person) person {
	r := rp.r
	switch r.IntN(12) {
	case 0, 1:
		v := rp.d.variants[r.IntN(len(rp.d.variants))]
		if strings.Contains(p.surname, v[0]) {
			p.surname = strings.Replace(p.surname, v[0], v[1], 1)
		} else if strings.Contains(p.given, v[0]) {
			p.given = strings.Replace(p.given, v[0], v[1], 1)
		}
	case 2:
		p.full = p.given[:1] + ". " + p.surname
	case 3:
		p.full = p.surname + " " + p.given
	case 4:
		if n := len(p.surname); n > 5 {
			i := 2 + r.IntN(n-4)
			p.surname = p.surname[:i] + p.surname[i+1:]
		}
	}
	return p
}

func (rp *report) newOrg(place string) (name, acr string) {
	r, d := rp.r, rp.d
	o := pick(r, d.orgs)
	sector := pick(r, d.sectors)
	name = strings.NewReplacer("{place}", place, "{sector}", sector).Replace(o[0])
	if o[1] == "-" {
		return name, ""
	}
	acr = strings.NewReplacer("{p}", place[:1], "{s}", sector[:1]).Replace(o[1])
	return name, acr
}

// Report returns the i-th report's file name (relative, "/"-separated) and
// text. It depends only on the seed and i.
func (g *Generator) Report(i int) (name, text string) {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	rp := &report{r: r, d: g.d}
	pl := pick(r, g.d.places)
	rp.place, rp.country = pl[0], pl[1]
	rp.place2 = pick(r, g.d.places)[0]
	rp.org, rp.acr = rp.newOrg(rp.place)
	if rp.acr == "" {
		rp.acr = rp.org
	}
	rp.org2, _ = rp.newOrg(rp.place2)
	used := map[int]bool{}
	for k := range rp.people {
		if c := r.IntN(3 * len(g.cast)); c < len(g.cast) && !used[c] {
			used[c] = true
			rp.people[k] = rp.respell(g.cast[c])
			continue
		}
		rp.people[k] = rp.newPerson()
	}
	rp.year = 2015 + r.IntN(10)
	if r.IntN(3) == 0 {
		rp.open, rp.end = "«", "»"
	} else {
		rp.open, rp.end = "\u201c", "\u201d"
	}
	month := 1 + r.IntN(12)
	day := 1 + r.IntN(28)
	name = fmt.Sprintf("%03d/r%05d-%04d-%02d-%02d.txt", i/1000, i, rp.year, month, day)

	var b strings.Builder
	b.Grow(g.DocBytes + 512)
	b.WriteString(rp.fill(pick(r, g.d.templates["head"])))
	b.WriteString("\n\n")
	b.WriteString(rp.fill(pick(r, g.d.templates["lead"])))
	target := g.DocBytes*3/4 + r.IntN(g.DocBytes/2+1)
	prev := -1
	for b.Len() < target {
		k := r.IntN(len(g.d.templates["body"]))
		if k == prev {
			continue // no paragraph twice in a row
		}
		prev = k
		b.WriteString("\n\n")
		b.WriteString(rp.fill(g.d.templates["body"][k]))
	}
	b.WriteString("\n")
	return name, b.String()
}

// fill replaces the {SLOT}s of a template; a paragraph starts with a capital
// even when a lowercase title fills its first slot.
func (rp *report) fill(t string) string {
	s := rp.fillSlots(t)
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}

func (rp *report) fillSlots(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		slot := t[i+1 : i+j]
		t = t[i+j+1:]
		if slot == "Q" && strings.HasPrefix(t, ",") {
			// “…,” he said: the comma goes inside the marks.
			q := rp.quoteText()
			b.WriteString(rp.open + strings.TrimSuffix(q, ".") + "," + rp.end)
			t = t[1:]
			continue
		}
		v := rp.slot(slot)
		if strings.HasSuffix(b.String(), ". ") {
			c, n := utf8.DecodeRuneInString(v)
			v = string(unicode.ToUpper(c)) + v[n:]
		}
		b.WriteString(v)
	}
}

func (rp *report) quoteText() string {
	n := 1 + rp.r.IntN(3)
	parts := make([]string, n)
	first := rp.r.IntN(len(rp.d.quotes))
	for k := range parts {
		// Consecutive lines from a random start: no sentence twice.
		parts[k] = rp.fillSlots(rp.d.quotes[(first+k)%len(rp.d.quotes)])
	}
	return strings.Join(parts, " ")
}

func (rp *report) slot(s string) string {
	r := rp.r
	switch s {
	case "ORG", "org":
		return rp.org
	case "ACR":
		return rp.acr
	case "ORG2":
		return rp.org2
	case "PLACE", "place":
		return rp.place
	case "PLACE2":
		return rp.place2
	case "COUNTRY":
		return rp.country
	case "YEAR":
		return fmt.Sprint(rp.year)
	case "MONTH":
		return pick(r, months)
	case "DATE":
		return fmt.Sprintf("%s %d", pick(r, months), 1+r.IntN(28))
	case "NUM", "num":
		if r.IntN(4) == 0 {
			return fmt.Sprintf("%d,%03d", 1+r.IntN(20), r.IntN(1000))
		}
		return fmt.Sprint(2 + r.IntN(400))
	case "Q":
		return rp.open + rp.quoteText() + rp.end
	case "QT":
		return strings.TrimSuffix(rp.quoteText(), ".")
	case "IQ":
		q := rp.fillSlots(pick(r, rp.d.quotes))
		c, n := utf8.DecodeRuneInString(q)
		return string(unicode.ToLower(c)) + q[n:]
	}
	if len(s) >= 2 {
		k := int(s[len(s)-1] - '0')
		if k >= 0 && k < len(rp.people) {
			p := rp.people[k]
			switch s[:len(s)-1] {
			case "P":
				if p.full != "" {
					return p.full
				}
				return p.given + " " + p.surname
			case "S":
				return p.surname
			case "T":
				return p.title
			case "He", "he", "him":
				w := map[string][2]string{"He": {"He", "She"}, "he": {"he", "she"}, "him": {"him", "her"}}[s[:len(s)-1]]
				if p.female {
					return w[1]
				}
				return w[0]
			}
		}
	}
	return "{" + s + "}"
}

// Stats says what Generate wrote.
type Stats struct {
	Files int
	Bytes int64
}

// Generate writes reports into dir until at least size bytes are written.
func (g *Generator) Generate(dir string, size int64) (Stats, error) {
	var st Stats
	for i := 0; st.Bytes < size; i++ {
		name, text := g.Report(i)
		path := filepath.Join(dir, filepath.FromSlash(name))
		if i%1000 == 0 {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return st, fmt.Errorf("synth: %w", err)
			}
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return st, fmt.Errorf("synth: %w", err)
		}
		st.Files++
		st.Bytes += int64(len(text))
	}
	return st, nil
}
