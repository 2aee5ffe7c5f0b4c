package registry

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// tp is an invented document person: "Name|alias;alias|title@org;title|gender".
type tp string

func (p tp) person(i int) Person {
	f := strings.Split(string(p), "|")
	q := Person{ID: fmt.Sprintf("p%d", i+1), Name: f[0], Mentions: 1}
	if len(f) > 1 && f[1] != "" {
		q.Aliases = strings.Split(f[1], ";")
	}
	if len(f) > 2 && f[2] != "" {
		for _, r := range strings.Split(f[2], ";") {
			title, org, _ := strings.Cut(r, "@")
			q.Roles = append(q.Roles, Role{Title: title, Org: org})
		}
	}
	if len(f) > 3 {
		q.Gender = f[3]
	}
	return q
}

// td is an invented document: id, publication date ("" for none), people.
type td struct {
	id, date string
	people   []tp
}

func build(ds []td) []DocPeople {
	var out []DocPeople
	for _, d := range ds {
		dp := DocPeople{DocID: d.id}
		if d.date != "" {
			dp.Published, _ = time.Parse("2006-01-02", d.date)
		}
		for i, p := range d.people {
			dp.People = append(dp.People, p.person(i))
		}
		out = append(out, dp)
	}
	return out
}

func testResolver(t testing.TB) *Resolver {
	t.Helper()
	rv, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return rv
}

// partition gives each "doc:name" its person_uid.
func partition(g *Registry) map[string]string {
	out := map[string]string{}
	g.Each(func(docID, _, name, uid string) { out[docID+":"+name] = uid })
	return out
}

// checkGroups: the members of each group share a person_uid, and no two
// groups do. Members not listed are not checked.
func checkGroups(t *testing.T, got map[string]string, groups [][]string) {
	t.Helper()
	owner := map[string]int{}
	for gi, grp := range groups {
		for _, m := range grp {
			uid, ok := got[m]
			if !ok {
				t.Errorf("%s: not in the registry", m)
				continue
			}
			if uid != got[grp[0]] {
				t.Errorf("%s and %s are apart, want one person", grp[0], m)
			}
			if o, seen := owner[uid]; seen && o != gi {
				t.Errorf("%s (group %d) merged with group %d (%v)", m, gi, o, groups[o])
			}
			owner[uid] = gi
		}
	}
}

// Each merge rule and each block on invented people.
func TestResolveRules(t *testing.T) {
	cases := []struct {
		rule   string
		docs   []td
		groups [][]string
	}{
		{"NAME-KEY+TRANSLIT", []td{
			{"a", "2020-01-01", []tp{"Serikbol Amanzholov||Chairman@Federation of Trade Unions"}},
			{"b", "2021-01-01", []tp{"Serikbol Amanjolov"}},
			{"c", "", []tp{"SERIKBOL AMANZHOLOV"}},
			{"d", "", []tp{"Serikbol Аmanzholov"}}, // Cyrillic А
			{"e", "", []tp{"Amanzholov Serikbol"}},
		}, [][]string{{"a:Serikbol Amanzholov", "b:Serikbol Amanjolov", "c:SERIKBOL AMANZHOLOV", "d:Serikbol Аmanzholov", "e:Amanzholov Serikbol"}}},
		{"ALIAS-KEY", []td{
			{"a", "", []tp{"Satybalda Dauletov|Satybaldy Dauletov"}},
			{"b", "", []tp{"Satybaldy Dauletov"}},
		}, [][]string{{"a:Satybalda Dauletov", "b:Satybaldy Dauletov"}}},
		{"JOIN-KEY", []td{
			{"a", "", []tp{"Kassym Jomart Tokov"}},
			{"b", "", []tp{"Kassym-Jomart Tokov"}},
		}, [][]string{{"a:Kassym Jomart Tokov", "b:Kassym-Jomart Tokov"}}},
		{"SUBSET-UNIQUE", []td{
			{"a", "", []tp{"Donald J. Trumpet"}},
			{"b", "", []tp{"Donald Trumpet"}},
			{"c", "", []tp{"Nurgaliev Yerbol Zholdasovich"}},
			{"d", "", []tp{"Yerbol Nurgaliev"}},
		}, [][]string{{"a:Donald J. Trumpet", "b:Donald Trumpet"}, {"c:Nurgaliev Yerbol Zholdasovich", "d:Yerbol Nurgaliev"}}},
		{"SUBSET-EVIDENCE", []td{
			{"a", "", []tp{"Maria Jose Garcilaso||Mayor@Town Council of Alba"}},
			{"b", "", []tp{"Maria Luisa Garcilaso||Judge"}},
			{"c", "", []tp{"Maria Garcilaso||Mayor"}},
			{"d", "", []tp{"Maria Garcilaso||Senator"}},
		}, [][]string{{"a:Maria Jose Garcilaso", "c:Maria Garcilaso"}, {"b:Maria Luisa Garcilaso"}}},
		{"FUZZY-EVIDENCE", []td{
			{"a", "", []tp{"Serikbol Amanzholov||Chairman@Federation of Trade Unions"}},
			{"b", "", []tp{"Serikbol Amanzolov||chairman"}},
			{"c", "", []tp{"Timur Bekturov", "Dana Zhaksylykova"}},
			{"d", "", []tp{"Timur Bekturv", "Dana Zhaksylykova"}},
			{"e", "", []tp{"Marat Sultanbekov||akim"}},
			{"f", "", []tp{"Marat Sultanbekv||judge"}}, // no evidence: apart
			{"g", "", []tp{"William Hartley||Governor"}},
			{"h", "", []tp{"Bill Hartley||governor"}},
			{"i", "", []tp{"Bill Hartley||Senator"}},
		}, [][]string{{"a:Serikbol Amanzholov", "b:Serikbol Amanzolov"}, {"c:Timur Bekturov", "d:Timur Bekturv"},
			{"e:Marat Sultanbekov"}, {"f:Marat Sultanbekv"}, {"g:William Hartley", "h:Bill Hartley", "i:Bill Hartley"}}},
		{"FUZZY-EVIDENCE/organization within another", []td{
			{"a", "", []tp{"Serikbol Amanzholov||Chairman@Federation of Trade Unions of the Republic of Kazakhstan"}},
			{"b", "", []tp{"Serikbol Amanzolov||head@the Federation of Trade Unions of Kazakhstan"}},
			{"c", "", []tp{"Serikbol Amanzholv||head@Union of Kazakhstan"}}, // one content word in common is not enough
		}, [][]string{{"a:Serikbol Amanzholov", "b:Serikbol Amanzolov"}, {"c:Serikbol Amanzholv"}}},
		{"FUZZY-EVIDENCE/co-occurring in a report of 64 people", coListed(62), [][]string{{"a:Timur Bekturov", "b:Timur Bekturv"}}},
		{"FUZZY-EVIDENCE/co-occurring in a list of 65", coListed(63), [][]string{{"a:Timur Bekturov"}, {"b:Timur Bekturv"}}},
		{"EVIDENCE-AMONG-MANY", manyNamesakes(), [][]string{
			{"k00:Ardak Kimbaev", "t:Kimbaev"}, {"u:Kimbaev"}, {"v:B. Kimbaev"}, {"k05:Bolatmabobov Kimbaev"}}},
		{"FUZZY-EVIDENCE/a title many hold", commonTitle(), [][]string{{"m:Marat Sultanbekov"}, {"n:Marat Sultanbekv"}, {"o:Nurlan Abenov", "p:Nurlan Abenv"}}},
		{"INITIALS-UNIQUE", []td{
			{"a", "", []tp{"Serikbol Amanzholov"}},
			{"b", "", []tp{"S. Amanzholov"}},
			{"c", "", []tp{"Amanzholov S.K."}},
			{"d", "", []tp{"Birzhan Nurymov"}},
			{"e", "", []tp{"Nurymov B. B."}},
			{"f", "", []tp{"Y. Koshenov"}},
			{"g", "", []tp{"E. Koshenov"}},
			{"h", "", []tp{"Yerlan Koshenov"}},
			{"i", "", []tp{"T. Amanzholov"}}, // fits no full name
		}, [][]string{{"a:Serikbol Amanzholov", "b:S. Amanzholov", "c:Amanzholov S.K."}, {"d:Birzhan Nurymov", "e:Nurymov B. B."},
			{"f:Y. Koshenov", "g:E. Koshenov", "h:Yerlan Koshenov"}, {"i:T. Amanzholov"}}},
		{"INITIALS-EVIDENCE", []td{
			{"a", "", []tp{"Askar Seitkali||akim@Zhanaarka district"}},
			{"b", "", []tp{"Aigerim Seitkali||chairman@Union of Teachers|f"}},
			{"c", "", []tp{"A. Seitkali||akim"}},
			{"d", "", []tp{"A. Seitkali"}}, // two fit, no evidence: alone
		}, [][]string{{"a:Askar Seitkali", "c:A. Seitkali"}, {"b:Aigerim Seitkali"}, {"d:A. Seitkali"}}},
		{"SURNAME-UNIQUE", []td{
			{"a", "", []tp{"Donald Trumpet||President"}},
			{"b", "", []tp{"Trumpet", "Pete Hegsethson"}},
			{"c", "", []tp{"Mr. Trumpet"}},
		}, [][]string{{"a:Donald Trumpet", "b:Trumpet", "c:Mr. Trumpet"}, {"b:Pete Hegsethson"}}},
		{"SURNAME-UNIQUE/short surname", []td{
			{"a", "", []tp{"Minho Kim||Minister"}},
			{"b", "", []tp{"Kim"}},
			{"c", "", []tp{"M. Kim"}},
			{"d", "", []tp{"Kim||minister"}},
		}, [][]string{{"a:Minho Kim", "d:Kim"}, {"b:Kim"}, {"c:M. Kim"}}},
		{"SURNAME-EVIDENCE", []td{
			{"a", "", []tp{"Bill Clintock||President|m"}},
			{"b", "", []tp{"Hillary Clintock||Secretary of State|f"}},
			{"c", "", []tp{"Clintock||Secretary of State"}},
			{"d", "", []tp{"Clintock"}},
			{"e", "", []tp{"Clintock|||f"}}, // she: BLOCK-GENDER leaves Hillary the one fitting
		}, [][]string{{"a:Bill Clintock"}, {"b:Hillary Clintock", "c:Clintock", "e:Clintock"}, {"d:Clintock"}}},
		{"PARTIAL-EVIDENCE", []td{
			{"a", "", []tp{"A. Seitkaliev||akim@Zhanaarka district"}},
			{"b", "", []tp{"A. Seitkaliev||chairman@Union of Teachers"}},
			{"c", "", []tp{"A. Seitkaliev||akim@Zhanaarka district"}},
			{"d", "", []tp{"B. Seitkaliev||akim@Zhanaarka district"}},
			{"e", "", []tp{"Seitkaliev||chairman@Union of Teachers"}},
		}, [][]string{{"a:A. Seitkaliev", "c:A. Seitkaliev"}, {"b:A. Seitkaliev", "e:Seitkaliev"}, {"d:B. Seitkaliev"}}},
		{"different given names", []td{
			{"a", "", []tp{"Nurlan Abenov||minister"}},
			{"b", "", []tp{"Nurbol Abenov||minister"}},
			{"c", "", []tp{"Bill Clintock"}},
			{"d", "", []tp{"Hillary Clintock"}},
		}, [][]string{{"a:Nurlan Abenov"}, {"b:Nurbol Abenov"}, {"c:Bill Clintock"}, {"d:Hillary Clintock"}}},
		{"NAME-SUFFIX", []td{
			{"a", "", []tp{"Ferdinand Mabini Jr.||President"}},
			{"b", "", []tp{"Ferdinand Mabini||President"}},
		}, [][]string{{"a:Ferdinand Mabini Jr."}, {"b:Ferdinand Mabini"}}},
		{"BLOCK-SAME-DOC", []td{
			{"a", "", []tp{"Rahul Gandharva", "Priyanka Gandharva Vadra"}},
			{"b", "", []tp{"Gandharva"}},
			{"c", "", []tp{"R. Gandharva"}},
			{"d", "", []tp{"Ramazan Agarov", "Agarov"}}, // one report's two people stay two
		}, [][]string{{"a:Rahul Gandharva", "c:R. Gandharva"}, {"a:Priyanka Gandharva Vadra"}, {"b:Gandharva"}, {"d:Ramazan Agarov"}, {"d:Agarov"}}},
		{"BLOCK-GENDER", []td{
			{"a", "", []tp{"Sasha Orlenko||Minister|m"}},
			{"b", "", []tp{"Orlenko||Minister|f"}},
		}, [][]string{{"a:Sasha Orlenko"}, {"b:Orlenko"}}},
	}
	rv := testResolver(t)
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			checkGroups(t, partition(rv.ResolveSlice(build(c.docs))), c.groups)
		})
	}
}

// The evidence column names the rule of each merge.
func TestEvidenceNamesRules(t *testing.T) {
	g := testResolver(t).ResolveSlice(build([]td{
		{"a", "", []tp{"Serikbol Amanzholov||Chairman"}},
		{"b", "", []tp{"Serikbol Amanzolov||chairman"}},
		{"c", "", []tp{"S. Amanzholov"}},
		{"d", "", []tp{"Serikbol Amanjolov"}},
		{"e", "", []tp{"Serikbol Amanzholov"}},
	}))
	ps := slices.Collect(g.Persons())
	if len(ps) != 1 {
		t.Fatalf("%d persons, want 1", len(ps))
	}
	p := ps[0]
	want := []string{
		"NAME-KEY: Serikbol Amanjolov ~ Serikbol Amanzholov",
		"FUZZY-EVIDENCE: Serikbol Amanzholov ~ Serikbol Amanzolov (shared title: chairman)",
		"INITIALS-UNIQUE: S. Amanzholov ~ Serikbol Amanzholov",
	}
	if !slices.Equal(p.Evidence, want) {
		t.Errorf("evidence = %q, want %q", p.Evidence, want)
	}
	if p.Name != "Serikbol Amanzholov" || p.Documents != 5 || len(p.Variants) != 4 {
		t.Errorf("person = %+v", p)
	}
}

// The persons row: the fullest, most used, well written form; counts and
// dates; the role timeline per title and organization.
func TestPersonRow(t *testing.T) {
	g := testResolver(t).ResolveSlice(build([]td{
		{"a", "2021-03-01", []tp{"S. Amanzholov||Deputy Chairman@Federation of Trade Unions"}},
		{"b", "2022-05-01", []tp{"SERIKBOL AMANZHOLOV||Chairman@Federation of Trade Unions"}},
		{"c", "2023-01-10", []tp{"Serikbol Amanzholov|Amanzholov;Mr. Amanzholov|chairman@the Federation of Trade Unions"}},
		{"d", "", []tp{"Serikbol Amanzholov||Chairman@Federation of Trade Unions"}},
		{"e", "2024-02-02", []tp{"Serikbol Amanjolov||Chairman"}},
	}))
	ps := slices.Collect(g.Persons())
	if len(ps) != 1 {
		t.Fatalf("%d persons: %+v", len(ps), ps)
	}
	p := ps[0]
	if p.Name != "Serikbol Amanzholov" {
		t.Errorf("name %q", p.Name)
	}
	if p.Documents != 5 || p.Mentions != 5 {
		t.Errorf("documents %d, mentions %d", p.Documents, p.Mentions)
	}
	if d := p.FirstSeen.Format("2006-01-02") + " " + p.LastSeen.Format("2006-01-02"); d != "2021-03-01 2024-02-02" {
		t.Errorf("seen %s", d)
	}
	if want := []string{"Serikbol Amanzholov", "S. Amanzholov", "SERIKBOL AMANZHOLOV", "Serikbol Amanjolov", "Amanzholov", "Mr. Amanzholov"}; !slices.Equal(p.Variants, want) {
		t.Errorf("variants %q, want %q", p.Variants, want)
	}
	var tl []string
	for r := range g.Timeline() {
		tl = append(tl, fmt.Sprintf("%s|%s|%s|%s|%d", r.Title, r.Org, day(r.FirstSeen), day(r.LastSeen), r.Documents))
	}
	want := []string{
		"Deputy Chairman|Federation of Trade Unions|2021-03-01|2021-03-01|1",
		"Chairman|Federation of Trade Unions|2022-05-01|2023-01-10|3",
		"Chairman||2024-02-02|2024-02-02|1",
	}
	if !slices.Equal(tl, want) {
		t.Errorf("timeline\n%s\nwant\n%s", strings.Join(tl, "\n"), strings.Join(want, "\n"))
	}
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// The same documents in any order, split in any way, give the same persons
// and person_uids; a document added later leaves the others' uids alone
// unless it brings them a fuller name.
func TestDeterministic(t *testing.T) {
	ds := build(scenarioDocs())
	rv := testResolver(t)
	want := partition(rv.ResolveSlice(ds))
	rows := func(g *Registry) string { return fmt.Sprint(slices.Collect(g.Persons()), slices.Collect(g.Timeline())) }
	wantRows := rows(rv.ResolveSlice(ds))
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := slices.Clone(ds)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		g := rv.ResolveSlice(shuffled)
		got := partition(g)
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("%s: uid %s in one order, %s in another", k, v, got[k])
			}
		}
		if rows(g) != wantRows {
			t.Fatal("persons or timeline differ with the input order")
		}
	}
	g := rv.ResolveSlice(ds)
	for i, d := range ds {
		byID, ok := g.UIDsOf(d.DocID)
		if !ok || !slices.Equal(byID, g.UIDs(i)) {
			t.Errorf("UIDsOf(%s) = %v, %v; UIDs(%d) = %v", d.DocID, byID, ok, i, g.UIDs(i))
		}
	}
	if _, ok := g.UIDsOf("no such document"); ok {
		t.Error("UIDsOf found a document that was never read")
	}
	grown := append(slices.Clone(ds), build([]td{{"zz", "", []tp{"Gulnara Omarova"}}})...)
	got := partition(rv.ResolveSlice(grown))
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: uid changed from %s to %s when an unrelated document was added", k, v, got[k])
		}
	}
}

func scenarioDocs() []td {
	return []td{
		{"k1", "2019-03-26", []tp{"S. Dauletov||Deputy Chairman", "Rinat Saitov||Secretary General@JILAF"}},
		{"k2", "2020-06-09", []tp{"Satybaldy Dauleov||Chairman@Federation of Trade Unions"}},
		{"k3", "2021-11-19", []tp{"Satybaldy Dauletov||Chairman@Federation of Trade Unions", "Birzhan Nurymov"}},
		{"k4", "2022-09-10", []tp{"Satybalda Dauletov|Satybaldy Dauletov|Chairman", "Kassym-Jomart Tokov||President"}},
		{"k5", "2023-07-04", []tp{"Satylbaldy Dauletov||Chairman", "Nurymov B. B."}},
		{"i1", "", []tp{"Kassym Jomart Tokov||Head of State", "Tokov"}},
		{"i2", "2018-11-02", []tp{"A. Seitkali||akim", "Donald Trumpet"}},
		{"i3", "2018-12-02", []tp{"A. Seitkali||chairman", "Trumpet"}},
	}
}

// commonTitle: 30 persons are chairmen, so "chairman" is no evidence that
// Sultanbekov and Sultanbekv are one; a rarer title is.
func commonTitle() []td {
	var ds []td
	for i := range 30 {
		ds = append(ds, td{fmt.Sprintf("c%02d", i), "", []tp{tp(fmt.Sprintf("Person%c Chairmanov%c||chairman", 'A'+i%26, 'a'+i/3))}})
	}
	return append(ds,
		td{"m", "", []tp{"Marat Sultanbekov||chairman"}},
		td{"n", "", []tp{"Marat Sultanbekv||Chairman"}},
		td{"o", "", []tp{"Nurlan Abenov||chairman;ombudsman"}},
		td{"p", "", []tp{"Nurlan Abenv||Ombudsman"}})
}

// coListed: Timur Bekturov in report a beside Dana Zhaksylykova and
// fillers others, then misspelt in report b beside her again.
func coListed(fillers int) []td {
	a := td{"a", "", []tp{"Timur Bekturov", "Dana Zhaksylykova"}}
	for i := range fillers {
		a.people = append(a.people, tp(fmt.Sprintf("Filler %s", inventedName(i))))
	}
	return []td{a, {"b", "", []tp{"Timur Bekturv", "Dana Zhaksylykova"}}}
}

// inventedName is the i-th of distinct invented surnames, apart by two
// letters at least.
func inventedName(i int) string {
	const syl = "bdgklmnrstvz"
	return strings.ToUpper(syl[i%12:i%12+1]) + "a" + syl[i/12%12:i/12%12+1] + "o" + syl[i/144%12:i/144%12+1] + "ov"
}

// manyNamesakes: 70 persons surnamed Kimbaev, one of them akim of a
// district, another named beside Dana Zhaksylykova. Kimbaev the akim is
// the akim; Kimbaev beside her, or B. Kimbaev (69 fit), is nobody among so
// many.
func manyNamesakes() []td {
	var ds []td
	for i := range 70 {
		d := td{fmt.Sprintf("k%02d", i), "", []tp{tp("Bolat" + strings.ToLower(inventedName(i)) + " Kimbaev")}}
		switch i {
		case 0:
			d.people[0] = "Ardak Kimbaev||akim@Zhanaarka district"
		case 5:
			d.people = append(d.people, "Dana Zhaksylykova")
		}
		ds = append(ds, d)
	}
	return append(ds,
		td{"t", "", []tp{"Kimbaev||akim"}},
		td{"u", "", []tp{"Kimbaev", "Dana Zhaksylykova"}},
		td{"v", "", []tp{"B. Kimbaev"}})
}

// The display name: the form that extends the others (a middle name, a
// patronymic, an initial), not one with words only put in front; else the
// most used, well written form.
func TestDisplayName(t *testing.T) {
	rv := testResolver(t)
	for _, c := range []struct {
		docs []td
		want string
	}{
		{[]td{{"a", "", []tp{"Yerbol Nurgaliev"}}, {"b", "", []tp{"Yerbol Nurgaliev"}}, {"c", "", []tp{"Nurgaliev Yerbol Zholdasovich"}}}, "Nurgaliev Yerbol Zholdasovich"},
		{[]td{{"a", "", []tp{"Donald Trumpet"}}, {"b", "", []tp{"Donald J. Trumpet"}}, {"c", "", []tp{"Donald Trumpet"}}}, "Donald J. Trumpet"},
		{[]td{{"a", "", []tp{"Galym Kabaiov"}}, {"b", "", []tp{"Employers Galym Kabaiov"}}, {"c", "", []tp{"Galym Kabaiov"}}}, "Galym Kabaiov"},
		{[]td{{"a", "", []tp{"SERIKBOL AMANZHOLOV"}}, {"b", "", []tp{"Serikbol Amanzholov"}}}, "Serikbol Amanzholov"},
		{[]td{{"a", "", []tp{"S. Amanzholov"}}, {"b", "", []tp{"S. Amanzholov"}}, {"c", "", []tp{"Serikbol Amanzholov"}}}, "Serikbol Amanzholov"},
		{[]td{{"a", "", []tp{"Satybaldy Dauletov||Chairman"}}, {"b", "", []tp{"Satylbaldy Dauletov||Chairman"}}, {"c", "", []tp{"Satybaldy Dauletov"}}}, "Satybaldy Dauletov"},
	} {
		ps := slices.Collect(rv.ResolveSlice(build(c.docs)).Persons())
		if len(ps) != 1 || ps[0].Name != c.want {
			t.Errorf("%v: persons %+v, want one named %q", c.docs, ps, c.want)
		}
	}
}
