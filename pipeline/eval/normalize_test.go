package eval

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in      string
		dropThe bool
		want    string
	}{
		{"S.Mukashev", true, "smukashev"},
		{"N. Uteshev", true, "n uteshev"},
		{"Nurlan  Uteshev\t\n", true, "nurlan uteshev"},
		{"The Ministry of Labor", true, "ministry of labor"},
		{"the the Ministry", true, "the ministry"},                // one "the " only
		{"The Ministry of Labor", false, "the ministry of labor"}, // quotes keep it
		{"Theodore Roosevelt", true, "theodore roosevelt"},        // a word, not "the "
		{"“The” Party", true, "party"},                            // marks are deleted before "the " is looked for
		{"Kazakhstan’s «Amanat» — party", true, "kazakhstans amanat party"},
		{"Ak-Zhol", true, "akzhol"},
		{"e\u0301", true, "é"},            // NFKC composes
		{"ﬁnance Ⅻ", true, "finance xii"}, // compatibility forms fold
		{"Ｆｕｌｌｗｉｄｔｈ", true, "fullwidth"},
		{"Қазақстан Ұлттық", true, "қазақстан ұлттық"},
		{"ОДИССЕΥΣ ΟΔΥΣΣΕΥΣ", true, "одиссеυς οδυσσευς"}, // final sigma as in Python
		{"İstanbul", true, "i\u0307stanbul"},             // Python's full lowercase mapping
		{"कि", true, "कि"},                               // combining marks are kept
		{"soft\u00adhyphen", true, "softhyphen"},
		{"a\u00a0b\u2009c", true, "a b c"},
		{"x\x1cy", true, "x y"}, // Python counts U+001C as a space
		{"...", true, ""},
		{"", true, ""},
		{"№5 100%", true, "no5 100"},
	}
	for _, tc := range tests {
		if got := Normalize(tc.in, tc.dropThe); got != tc.want {
			t.Errorf("Normalize(%q, %v) = %q, want %q", tc.in, tc.dropThe, got, tc.want)
		}
	}
}

func TestTokenF1(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"one two three four five", "one two three four", 2 * 4.0 / 9},
		{"one two three four five", "one two three four six", 0.8}, // 4 of 5 tokens: exactly the threshold
		{"a b c", "a b", 0.8},           // also exactly 0.8
		{"a a b", "a b b", 2 * 2.0 / 6}, // multiset overlap
		{"The end.", "the END", 1},      // normalized, "the" kept
		{"", "x", 0},
		{"...", "...", 0}, // no tokens on either side
	}
	for _, tc := range tests {
		got := TokenF1(tc.a, tc.b)
		if got != tc.want {
			t.Errorf("TokenF1(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if f := TokenF1("one two three four five", "one two three four six"); !(f >= quoteF1Threshold) {
		t.Errorf("4 of 5 tokens: %v must reach the threshold", f)
	}
	if f := TokenF1("a b c d e f g h i j", "a b c d e f g h x y"); f >= quoteF1Threshold {
		// 8 of 10 is 0.8 too; 7 of 10 must not be
		t.Logf("8/10 = %v", f)
	}
	if f := TokenF1("a b c d e f g h i j", "a b c d e f g x y z"); f >= quoteF1Threshold {
		t.Errorf("7 of 10 tokens: %v must stay under the threshold", f)
	}
}

func TestPyRepr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "'plain'"},
		{"it's", `"it's"`},
		{`say "it's"`, `'say "it\'s"'`},
		{`back\slash`, `'back\\slash'`},
		{"tab\tnl\n", `'tab\tnl\n'`},
		{"nbsp\u00a0zw\u200bx\U000E0001", `'nbsp\xa0zw\u200bx\U000e0001'`},
		{"«Қазақ»", "'«Қазақ»'"},
	}
	for _, tc := range tests {
		if got := pyRepr(tc.in); got != tc.want {
			t.Errorf("pyRepr(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestPyShort(t *testing.T) {
	long := strings.Repeat("word ", 30)
	got := pyShort(long, 90)
	if utf8.RuneCountInString(got) != 90 || !strings.HasSuffix(got, "...") {
		t.Errorf("pyShort cut = %q", got)
	}
	if got := pyShort("  a \n b  ", 90); got != "a b" {
		t.Errorf("pyShort = %q", got)
	}
}

// FuzzNormalize checks the shape of every output: no panic, valid UTF-8, only
// letters, numbers, marks and single inner spaces, and token splitting that
// agrees with it.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"S.Mukashev", "The  Head", "ΟΔΥΣΣΕΥΣ", "İ", "a\u0301", "\xff\xfe", "“x” — y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, dropThe := range []bool{true, false} {
			n := Normalize(s, dropThe)
			if !utf8.ValidString(n) {
				t.Fatalf("invalid UTF-8 from %q", s)
			}
			if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
				t.Fatalf("bad spacing %q from %q", n, s)
			}
			for _, r := range n {
				if r != ' ' && !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) {
					t.Fatalf("rune %U kept in %q from %q", r, n, s)
				}
			}
		}
		if got := strings.Join(tokens(s), " "); got != Normalize(s, false) {
			t.Fatalf("tokens %q vs %q", got, Normalize(s, false))
		}
		if f := TokenF1(s, s); f != 0 && f != 1 {
			t.Fatalf("self F1 %v", f)
		}
	})
}
