package dates

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"plenary/pipeline/doc"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func values(r Result) string {
	v := make([]string, len(r.Dates))
	for i, d := range r.Dates {
		v[i] = d.Value
	}
	return strings.Join(v, " ")
}

func TestFindValues(t *testing.T) {
	pub := "2022-05-23"
	cases := []struct {
		name, text, pub, want string
	}{
		// Month first.
		{"month-day this year", "According to him, on May 6 of this year, the committee met.", pub, "2022-05-06"},
		{"month-day-year", "It was founded on May 6, 2022 in Astana.", pub, "2022-05-06"},
		{"month-day-year no comma", "It met on June 5 2021 in Astana.", pub, "2021-06-05"},
		{"month abbr", "Bishkek, Sept. 20, 2017 / Kabar /.", pub, "2017-09-20"},
		{"month abbr no dot", "Signed Dec 3, 2013 in Almaty.", pub, "2013-12-03"},
		{"ordinal month first", "The vote is on June 5th, 2022.", pub, "2022-06-05"},
		{"weekday", "On Wednesday, July 26, the board met.", "2023-07-26", "2023-07-26"},
		{"month-day from publication", "The forum opens on August 10.", "2020-08-08", "2020-08-10"},
		{"month-day unknown publication", "The forum opens on August 10.", "", ""},
		{"month-day unknown publication with year", "The forum opened on August 10, 2019.", "", "2019-08-10"},
		{"month-day range", "The congress sits on August 23-24.", pub, "2022-08-23 2022-08-24"},
		{"month-day range en dash with year", "It sits on August 23–24, 2021.", pub, "2021-08-23 2021-08-24"},
		{"month-day and", "Voting is on May 5 and 6.", pub, "2022-05-05 2022-05-06"},
		{"month-day list", "Sessions on May 5, 6 and 8, 2021.", pub, "2021-05-05 2021-05-06 2021-05-08"},
		{"month-day comma count", "On May 6, 10 delegates arrived.", pub, "2022-05-06"},
		{"month-day units", "In June 15 people were hired.", pub, "2022-06"},
		{"cross-month range borrows year", "From May 30 to June 2, 2021 the mission worked.", pub, "2021-05-30 2021-06-02"},
		{"month-year", "Elections are due in March 2021.", pub, "2021-03"},
		{"month comma year", "It started in March, 2021.", pub, "2021-03"},
		{"month of year", "In March of 2021 it began.", pub, "2021-03"},
		{"month this year", "Elections in October this year.", "2017-09-20", "2017-10"},
		{"month of last year", "In March of last year it began.", pub, "2021-03"},
		{"month next year", "It ends in March next year.", pub, "2023-03"},
		{"bare month after in", "The plan was adopted in March.", pub, "2022-03"},
		{"bare month after in, later month", "The congress will be held in December.", pub, "2022-12"},
		{"bare month unknown publication", "The plan was adopted in March.", "", ""},
		{"bare month without preposition", "The January events shocked the country.", pub, ""},
		{"bare month last", "Prices rose last December.", pub, "2021-12"},
		{"bare month last earlier", "Prices rose last March.", pub, "2022-03"},
		{"bare month next", "It opens next April.", pub, "2023-04"},
		{"mid-month", "Talks resume in mid-June.", pub, "2022-06"},
		{"end of month", "By the end of June the law passes.", pub, "2022-06"},
		{"month range bare", "From March to May the union campaigned.", pub, "2022-03 2022-05"},
		{"month range borrow", "March-April 2021 saw strikes.", pub, "2021-03 2021-04"},
		{"may modal", "Members may vote. Members may 2 votes.", pub, ""},
		{"lowercase march", "Workers will march on the square.", pub, ""},
		{"month name as name", "April Smith spoke.", pub, ""},
		// Day first.
		{"day-month-year", "It happened on 6 May 2022.", pub, "2022-05-06"},
		{"day-month comma year", "It happened on 6 May, 2021.", pub, "2021-05-06"},
		{"day of month year", "Held on 5th of June 2022.", pub, "2022-06-05"},
		{"the day of month", "at a meeting held on the 24th of November and later", "2013-12-13", "2013-11-24"},
		{"day-month from publication", "the Congress on 12 October, and the Assembly on 5 December.", "2023-07-26", "2023-10-12 2023-12-05"},
		{"day-month range", "The forum runs 23-24 August 2022.", pub, "2022-08-23 2022-08-24"},
		{"day-month between", "between 5 and 7 May 2021", pub, "2021-05-05 2021-05-07"},
		{"day-month to other month", "from 30 May to 2 June 2021", pub, "2021-05-30 2021-06-02"},
		{"day weekday", "On Monday, 5 June 2023 the talks began.", pub, "2023-06-05"},
		{"decree of date", "Decree No. 704 of 3 December 2013 on approval", pub, "2013-12-03"},
		{"time after date", "21 December 2022, 19:10", pub, "2022-12-21"},
		{"invalid day", "It happened on 31 February 2022.", pub, ""},
		{"day count not date", "He spent 5 months abroad.", pub, ""},
		// Numeric.
		{"dd.mm.yyyy", "Registered 05.06.2022 by the court.", pub, "2022-06-05"},
		{"dd/mm/yyyy", "Registered 05/06/2022 by the court.", pub, "2022-06-05"},
		{"mm/dd/yyyy unambiguous", "Registered 06/25/2022 by the court.", pub, "2022-06-25"},
		{"iso", "Registered 2022-06-05 by the court.", pub, "2022-06-05"},
		{"iso invalid", "Code 2022-13-45 is not a date.", pub, ""},
		{"version number", "Version 1.05.2022.3 shipped.", pub, ""},
		// Years.
		{"bare year", "The plan runs until 2024.", pub, "2024"},
		{"year modifier", "Before the 2021 elections the party met.", pub, "2021"},
		{"sentence-initial year", "Cooperation grew. 2019 was a record year.", pub, "2019"},
		{"year after function word", "Plans For 2023 Approved", pub, "2023"},
		{"year range hyphen", "He was party president from 2003-2006, a term.", pub, "2003 2006"},
		{"year range en dash", "The 2021–2023 programme.", pub, "2021 2023"},
		{"year range short", "The 2019-20 season.", pub, "2019 2020"},
		{"year range words", "from 2021 to 2023", pub, "2021 2023"},
		{"year range slash", "the 2020/2021 academic year", pub, "2020 2021"},
		{"mid-year", "by mid-2023 the plant opens", pub, "2023"},
		{"year and month-year", "In 2019 and in November 2020 they met.", "", "2019 2020-11"},
		{"name with year", "the National Convention 2019 was held", pub, ""},
		{"expo", "Since Expo 2017 the city grew.", pub, ""},
		{"vision", "Vision 2030 is a plan.", pub, ""},
		{"bill comma year", "the Public Service Commission (Amendment) Bill, 2020 while", pub, ""},
		{"hyphenated name", "the Kazakhstan-2050 Strategy", pub, ""},
		{"hectares", "They planted 2024 hectares of wheat.", pub, ""},
		{"people", "Over 2000 people came.", pub, ""},
		{"approx round", "about 2000 came", pub, ""},
		{"thousands separator", "They paid 2,000 tenge and 12,2019.", pub, ""},
		{"decimal", "It grew by 2019.5 units, or 1.2019.", pub, ""},
		{"percent", "Turnout was 1999% wrong.", pub, ""},
		{"money", "It cost $2019 and ₸2000.", pub, ""},
		{"identifier", "Resolution No. 2019 and No 2020 and №2021.", pub, ""},
		{"phone", "Call 8 701 2019 555.", pub, ""},
		{"decade", "in the 1990s and the 1980's", pub, ""},
		{"out of range", "in 1850 and 2150", pub, ""},
		{"long number", "account 12019845", pub, ""},
		{"attached letters", "model A2019 and 2019th", pub, ""},
		{"duration", "He worked for 27 years, or 30 years.", pub, ""},
		{"relative words", "today, yesterday, this year, last year, next week, on Monday", pub, ""},
		{"time of day", "at 19:10 and 20:30", pub, ""},
		{"quarter", "In Q1 2022 output grew, and in H2 2021.", pub, "2022 2021"},
		{"fiscal year", "the FY 2020-21 budget", pub, "2020 2021"},
		{"olympics name", "Tokyo 2020 Olympics", pub, ""},
		{"possessive before year", "Kazakhstan's 2019 budget", pub, "2019"},
		{"points", "He scored 2019 points.", pub, ""},
		{"month-day and count", "On May 6 and 7 people came.", pub, "2022-05-06"},
		{"month-day range abbr", "The summit (Oct. 5–6) ended.", pub, "2022-10-05 2022-10-06"},
		{"cross-month abbr range", "Nov 30-Dec 2, 2021", pub, "2021-11-30 2021-12-02"},
		{"leap day", "Feb. 29, 2021 and Feb. 29, 2020; April 31", pub, "2020-02-29"},
		{"ordinal comma year", "Thursday, 12th March, 2020", pub, "2020-03-12"},
		{"in year units temporal", "In 2019 workers received raises.", pub, "2019"},
		{"same year", "In 2019 the union was founded, and on May 6 of the same year it met.", pub, "2019 2019-05-06"},
		// Dedup.
		{"dedup", "On May 6 the HQ opened. May 6, 2022 was busy. In 2022 and 2022.", pub, "2022-05-06 2022"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p time.Time
			if c.pub != "" {
				p = day(c.pub)
			}
			got := values(Find(c.text, p, nil))
			if got != c.want {
				t.Errorf("Find(%q, %s) = %q, want %q", c.text, c.pub, got, c.want)
			}
		})
	}
}

func TestFindRecords(t *testing.T) {
	text := "«Қазақстан» — On May 6 of this year, “Сәлем”. Later, on May 6, and 2021–2023."
	r := Find(text, day("2022-05-23"), nil)
	if len(r.Dates) != 3 {
		t.Fatalf("dates = %+v, want 3", r.Dates)
	}
	runes := []rune(text)
	sub := func(sp doc.Span) string { return string(runes[sp.Start:sp.End]) }
	d := r.Dates[0]
	if d.ID != "d1" || d.Value != "2022-05-06" || d.Text != "May 6 of this year" || d.Granularity != doc.Day ||
		!d.Date.Equal(day("2022-05-06")) || sub(d.Span) != "May 6 of this year" || d.Method != "date.month-day+relative" {
		t.Errorf("first date = %+v", d)
	}
	if r.Dates[1].ID != "d2" || r.Dates[1].Value != "2021" || r.Dates[1].Text != "2021–2023" || r.Dates[1].Granularity != doc.Year {
		t.Errorf("second date = %+v", r.Dates[1])
	}
	if r.Dates[2].ID != "d3" || r.Dates[2].Value != "2023" || !r.Dates[2].Date.Equal(day("2023-01-01")) {
		t.Errorf("third date = %+v", r.Dates[2])
	}
	if len(r.Mentions) != 4 {
		t.Fatalf("mentions = %+v, want 4", r.Mentions)
	}
	wantIDs := []string{"d1", "d1", "d2", "d3"}
	for i, m := range r.Mentions {
		if m.EntityID != wantIDs[i] || m.EntityType != doc.TypeDate || m.Sentence != 0 || sub(m.Span) != m.Text || m.Method == "" {
			t.Errorf("mention %d = %+v (span text %q)", i, m, sub(m.Span))
		}
	}
	if r.Mentions[1].Text != "May 6" {
		t.Errorf("second mention text = %q", r.Mentions[1].Text)
	}
}

func TestGranularity(t *testing.T) {
	r := Find("In March 2021, on 5 May 2021 and in 2020.", time.Time{}, nil)
	want := []struct{ v, g string }{{"2021-03", doc.Month}, {"2021-05-05", doc.Day}, {"2020", doc.Year}}
	if len(r.Dates) != len(want) {
		t.Fatalf("dates = %+v", r.Dates)
	}
	for i, w := range want {
		d := r.Dates[i]
		if d.Value != w.v || d.Granularity != w.g || d.Date.Format("2006-01-02")[:len(w.v)] != w.v {
			t.Errorf("date %d = %+v, want %s %s", i, d, w.v, w.g)
		}
	}
}

func TestNilLexiconAndEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "2019", "May", "5", "-", "…", "May 5", "5 May"} {
		_ = Find(s, time.Time{}, nil)
		_ = Find(s, day("2020-01-01"), nil)
	}
}

// checkResult asserts the invariants every result must keep.
func checkResult(t *testing.T, text string, r Result) {
	t.Helper()
	n := utf8.RuneCountInString(text)
	ids := map[string]bool{}
	for i, d := range r.Dates {
		if d.ID != "d"+itoa(i+1) {
			t.Fatalf("date %d has id %q", i, d.ID)
		}
		ids[d.ID] = true
		if d.Start < 0 || d.End > n || d.Start >= d.End {
			t.Fatalf("date span %+v outside text of %d runes", d.Span, n)
		}
		var layout string
		switch d.Granularity {
		case doc.Day:
			layout = "2006-01-02"
		case doc.Month:
			layout = "2006-01"
		case doc.Year:
			layout = "2006"
		default:
			t.Fatalf("granularity %q", d.Granularity)
		}
		tm, err := time.Parse(layout, d.Value)
		if err != nil || !tm.Equal(d.Date) {
			t.Fatalf("value %q (%s) does not parse to %v: %v", d.Value, d.Granularity, d.Date, err)
		}
	}
	runes := []rune(text)
	for _, m := range r.Mentions {
		if !ids[m.EntityID] || m.Start < 0 || m.End > n || m.Start >= m.End || string(runes[m.Start:m.End]) != m.Text {
			t.Fatalf("bad mention %+v", m)
		}
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"On May 6 of this year, the HQ met.", "6 May 2022", "05.06.2022", "2021-2023", "August 23-24",
		"«Ақорда» 2019 жылы May 5 and 6", "Sept. 20, 2017", "from 30 May to 2 June 2021", "in mid-March",
		"the 1990's", "Bill, 2020", "No. 2019", "2019-12", "31/12/2020", "May 5, 6, 7, 8, 9, 10, 11, 12, 13 and 14",
	} {
		f.Add(s, int64(1653264000))
	}
	f.Fuzz(func(t *testing.T, s string, pub int64) {
		var p time.Time
		if pub%3 != 0 {
			p = time.Unix(pub%(1<<33), 0).UTC()
		}
		r := Find(s, p, nil)
		if utf8.ValidString(s) {
			checkResult(t, s, r)
		}
	})
}

func TestInvariantsOnCases(t *testing.T) {
	for _, s := range []string{
		"«Қазақстан» — On Wednesday, July 26, 2023 and 5th of June and 2021–23.",
		"May 5, 6, 7, 8, 9, 10, 11, 12, 13 and 14, 2020",
		"from March to May and June to July 2021",
	} {
		checkResult(t, s, Find(s, day("2023-07-26"), nil))
	}
}
