package dates

import (
	"strconv"
	"strings"

	"plenary/pipeline/lexicon"
)

// Word kinds from lexicon file dates.txt (see its header).
const (
	kMonth uint16 = 1 << iota
	kMonthAbbr
	kWeekday
	kPrep
	kConn
	kRel
	kNameOK
	kNumPrefix
	kApprox
	kUnit
	kPeriodPart
)

var kindNames = map[string]uint16{
	"month":      kMonth,
	"monthabbr":  kMonthAbbr,
	"weekday":    kWeekday,
	"prep":       kPrep,
	"conn":       kConn,
	"rel":        kRel,
	"nameok":     kNameOK,
	"numprefix":  kNumPrefix,
	"approx":     kApprox,
	"unit":       kUnit,
	"periodpart": kPeriodPart,
}

// wordInfo is what the lexicon says about one lowercased word.
type wordInfo struct {
	flags  uint16
	month  int8 // 1-12 for kMonth/kMonthAbbr
	rel    int8 // year offset for kRel
	relRef bool // kRel relative to the last stated year, not the publication year
}

func (w wordInfo) has(k uint16) bool { return w.flags&k != 0 }

// Finder holds the word tables built from a lexicon. It is read-only after
// New, so one Finder serves every worker.
type Finder struct {
	words  map[string]wordInfo
	maxLen int
}

// New builds a Finder from the "dates" list of lx (nil means the embedded
// lexicon). Entries with an unknown kind or a bad value are ignored.
func New(lx *lexicon.Lexicon) *Finder {
	if lx == nil {
		lx = defaultLexicon()
	}
	f := &Finder{words: map[string]wordInfo{}}
	if lx == nil {
		return f
	}
	for _, e := range lx.List("dates") {
		w := strings.ToLower(e.Key())
		k, ok := kindNames[strings.ToLower(e.Field(1))]
		if !ok || w == "" {
			continue
		}
		info := f.words[w]
		val := e.Field(2)
		switch k {
		case kMonth, kMonthAbbr:
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 || n > 12 {
				continue
			}
			info.month = int8(n)
		case kRel:
			ref := strings.HasPrefix(val, "ref")
			v := strings.TrimPrefix(val, "ref")
			n := 0
			if v != "" {
				var err error
				if n, err = strconv.Atoi(v); err != nil || n < -50 || n > 50 {
					continue
				}
			}
			info.rel, info.relRef = int8(n), ref
		}
		info.flags |= k
		f.words[w] = info
		if len(w) > f.maxLen {
			f.maxLen = len(w)
		}
	}
	return f
}

func defaultLexicon() *lexicon.Lexicon {
	// The embedded files are part of the binary; on a (build) error we
	// fall back to an empty table rather than panic on a document.
	lx, _ := lexicon.Embedded()
	return lx
}

// lookup returns the lexicon's information on word (ASCII, case-insensitive)
// without allocating.
func (f *Finder) lookup(word string) wordInfo {
	if len(word) == 0 || len(word) > f.maxLen || len(word) > 32 {
		return wordInfo{}
	}
	var buf [32]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 {
			return wordInfo{}
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return f.words[string(buf[:len(word)])]
}
