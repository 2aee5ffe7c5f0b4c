package registry

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSpillRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.spill")
	w, err := CreateSpill(path)
	if err != nil {
		t.Fatal(err)
	}
	in := build(scenarioDocs())
	in = append(in, DocPeople{DocID: "empty"}, DocPeople{DocID: "Қазақ/ü", People: []Person{{ID: "p1", Name: "", Start: 1 << 30, End: 1<<30 + 5}}})
	for i := range in {
		in[i].People = append([]Person(nil), in[i].People...)
		for k := range in[i].People {
			in[i].People[k].Start, in[i].People[k].End = 3*k, 3*k+2
		}
		if err := w.Add(in[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var out []DocPeople
	for d, err := range ReadSpill(path) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	if len(out) != len(in) {
		t.Fatalf("read %d documents, wrote %d", len(out), len(in))
	}
	for i := range in {
		if !reflect.DeepEqual(in[i], out[i]) {
			t.Errorf("document %d:\n wrote %+v\n read  %+v", i, in[i], out[i])
		}
	}
}

// A damaged spill file is an error, never a panic or a silent cut.
func TestSpillDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "people.spill")
	w, _ := CreateSpill(path)
	for _, d := range build(scenarioDocs()) {
		w.Add(d)
	}
	w.Close()
	full, _ := os.ReadFile(path)
	for _, cut := range []int{len(full) - 1, len(full) / 2, len(spillMagic) + 3, 5} {
		p := filepath.Join(dir, "cut.spill")
		os.WriteFile(p, full[:cut], 0o644)
		var err error
		for _, e := range ReadSpill(p) {
			if e != nil {
				err = e
			}
		}
		if err == nil {
			t.Errorf("cut at %d of %d: no error", cut, len(full))
		}
	}
	if _, err := rv(t).Resolve(ReadSpill(filepath.Join(dir, "missing"))); err == nil {
		t.Error("missing spill: no error")
	}
}

func rv(t testing.TB) *Resolver { return testResolver(t) }

func FuzzReadSpill(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.spill")
	w, _ := CreateSpill(path)
	for _, d := range build(scenarioDocs()[:3]) {
		w.Add(d)
	}
	w.Close()
	seed, _ := os.ReadFile(path)
	f.Add(seed)
	f.Add([]byte(spillMagic + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.spill")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range ReadSpill(p) {
			if err != nil {
				break
			}
			if n++; n > len(data) {
				t.Fatal("more documents than bytes")
			}
		}
	})
}

// FuzzResolve: any names, in any script, resolve without a panic, and every
// document person gets a uid.
func FuzzResolve(f *testing.F) {
	f.Add("Serikbol Amanzholov", "S. Amanzholov", "Amanzholov S.K.", "Chairman")
	f.Add("", ".", "-", "")
	f.Add("Mr. Mr. Mr.", "Jr. III", "al-", "\x00\xff")
	f.Add("Қасым-Жомарт Тоқаев", "Тоқаев", "K.-J.", "Президент")
	rv := testResolver(f)
	f.Fuzz(func(t *testing.T, a, b, c, title string) {
		g := rv.ResolveSlice([]DocPeople{
			{DocID: "1", People: []Person{{ID: "p1", Name: a, Aliases: []string{b, c}, Roles: []Role{{Title: title}}}, {ID: "p2", Name: b}}},
			{DocID: "2", People: []Person{{ID: "p1", Name: c, Roles: []Role{{Title: title, Org: a}}}, {ID: "p2", Name: a}}},
			{DocID: "3", People: []Person{{ID: "p1", Name: b}}},
		})
		n := 0
		g.Each(func(_, _, _, uid string) {
			if len(uid) != 17 {
				t.Errorf("uid %q", uid)
			}
			n++
		})
		if n != 5 {
			t.Errorf("%d document persons, want 5", n)
		}
	})
}
