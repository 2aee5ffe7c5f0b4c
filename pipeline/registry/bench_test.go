package registry

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// synthDocs streams n invented documents of five people each, like make
// bench's reports: most people are new (surnames from syllables, tens of
// thousands of them), a third come from a recurring cast of 2,000 written
// with the variants outlets make (re-romanized, initials, surname first, a
// letter dropped), each with a title and an organization.
func synthDocs(n int) iter.Seq2[DocPeople, error] {
	given := []string{"Nurlan", "Askar", "Serik", "Aigerim", "Dana", "Marat", "Yerlan", "Gulnara", "Bakhyt", "Zhanna", "Timur", "Aliya", "Kairat", "Saule", "Dmitry", "Olga", "Rustam", "Madina", "Arman", "Asel"}
	stems := []string{"Ab", "Ak", "Al", "Bai", "Bek", "Dzhu", "Er", "Ibra", "Ka", "Kasym", "Kul", "Mu", "Nur", "Ora", "Sar", "Sei", "Tok", "Tur", "Us", "Zhu", "ma", "ra", "bek", "gal", "zhan", "tay", "khan", "sul", "dyk", "gali"}
	titles := []string{"Chairman", "Deputy Chairman", "Secretary", "akim", "Minister", "Head", "Director", "President"}
	orgs := []string{"Federation of Trade Unions", "Union of Teachers", "Ministry of Labor", "Regional Maslikhat", "Council of Veterans"}
	name := func(r *rand.Rand) (string, string) {
		s := stems[r.IntN(10)] + stems[10+r.IntN(20)]
		if r.IntN(2) == 0 {
			s += stems[10+r.IntN(20)]
		}
		return given[r.IntN(len(given))], s + []string{"ov", "ev", "in", "ova", "uly"}[r.IntN(5)]
	}
	type member struct{ given, surname, title, org string }
	cast := make([]member, 2000)
	cr := rand.New(rand.NewPCG(7, 7))
	for i := range cast {
		g, s := name(cr)
		cast[i] = member{g, s, titles[cr.IntN(len(titles))], orgs[cr.IntN(len(orgs))]}
	}
	return func(yield func(DocPeople, error) bool) {
		for i := range n {
			r := rand.New(rand.NewPCG(1, uint64(i)))
			d := DocPeople{DocID: fmt.Sprintf("%03d/r%06d", i/1000, i), Published: time.Date(2015+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)}
			for k := range 5 {
				var m member
				if r.IntN(3) == 0 {
					m = cast[r.IntN(len(cast))]
				} else {
					g, s := name(r)
					m = member{g, s, titles[r.IntN(len(titles))], orgs[r.IntN(len(orgs))]}
				}
				full := m.given + " " + m.surname
				switch r.IntN(12) {
				case 0:
					full = m.given + " " + m.surname[:len(m.surname)-1] + "y" + m.surname[len(m.surname)-1:]
				case 1:
					full = m.given[:1] + ". " + m.surname
				case 2:
					full = m.surname + " " + m.given
				case 3:
					full = m.given + " " + m.surname[:3] + m.surname[4:]
				}
				d.People = append(d.People, Person{ID: "p" + strconv.Itoa(k+1), Name: full, Aliases: []string{m.surname},
					Mentions: 1 + r.IntN(4), Roles: []Role{{Title: m.title, Org: m.org}}})
			}
			if !yield(d, nil) {
				return
			}
		}
	}
}

// BenchmarkResolve: 50,000 documents, 250,000 document persons, about what
// 200 MB of make bench's reports hold.
func BenchmarkResolve(b *testing.B) {
	rv := testResolver(b)
	for b.Loop() {
		if _, err := rv.Resolve(synthDocs(50_000)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMillionPersons resolves a million document persons and reports the
// time and the peak RSS (set PLENARY_REGISTRY_SCALE=1; about a minute).
func TestMillionPersons(t *testing.T) {
	if os.Getenv("PLENARY_REGISTRY_SCALE") == "" {
		t.Skip("set PLENARY_REGISTRY_SCALE=1 to resolve a million document persons")
	}
	// As plenary run with two workers sets the collector: a soft limit of
	// 96 MiB, GOGC 400.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(96 << 20))
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	rv := testResolver(t)
	start := time.Now()
	g, err := rv.Resolve(synthDocs(200_000))
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rows := 0
	for range g.Persons() {
		rows++
	}
	spans := 0
	for range g.Timeline() {
		spans++
	}
	t.Logf("1,000,000 document persons -> %d persons, %d timeline rows in %v; peak RSS %d MB, heap in use %d MB",
		rows, spans, elapsed.Round(time.Millisecond), ru.Maxrss/1024, ms.HeapInuse>>20)
	if ru.Maxrss/1024 > 300 {
		t.Errorf("peak RSS %d MB over the 300 MB budget", ru.Maxrss/1024)
	}
}
