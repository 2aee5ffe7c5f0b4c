package entities

import (
	"plenary/pipeline/rules"
	"strings"
)

// Places: where a place's name starts and ends, and the places a
// gazetteer cannot know.

var (
	rulePlaceDateline = rules.New(rules.StageEntities, rules.Detect, "place.detect.dateline-state",
		"a US state abbreviation after the dateline's city, before the dash, is that state",
		"TUCSON, [Ariz.] —")
	rulePlaceOfficialCountry = rules.New(rules.StageEntities, rules.Detect, "place.detect.official-country",
		"a country's official form the gazetteer lacks (United Republic of X, Kingdom of X) is that country, named as written",
		"the [United Republic of Tanzania]")
	rulePlaceGazetteerRegion = rules.New(rules.StageEntities, rules.Detect, "place.detect.gazetteer-region",
		"a gazetteer place with its region word after it (the name is the place's)",
		"the [Almaty region]")
	rulePlaceConstituency = rules.New(rules.StageEntities, rules.End, "place.end.constituency",
		"capitalized compass words after a place before or after MP/constituency make an electoral seat",
		"the MP for [Leeds North East]")
	rulePlaceWord = rules.New(rules.StageEntities, rules.Detect, "place.detect.region-word",
		"a capitalized unknown word before a region word (county, district, region) is a place the gazetteer lacks",
		"Workers of [Borlytobe district] met.")
	rulePlaceVenue = rules.New(rules.StageEntities, rules.Detect, "place.detect.venue",
		"a name ending in a venue word (Hall, Park, Street, Museum; Centre or Complex after a venue's kind) after \"the\" or a preposition of place names a place",
		"Delegates met at the [Harbour Concert Hall] on Monday.")
	rulePlaceAfterIn = rules.New(rules.StageEntities, rules.Detect, "place.detect.after-in",
		"one or two unknown capitalized words after in/near or \"the village of\" name a place the gazetteer lacks",
		"The meeting was held in [Borlytobe] and ended.")
)

// runPlace reads run [a, b) (first token ra before its leading words were
// dropped) as one place by a rule of its own: a dateline's state or an
// unknown place after "in".
func (st *state) runPlace(ra, a, b int) (part, bool) {
	l := st.f.l
	if n := st.datelineState(ra, b); n > 0 {
		m := ment{k: kPlace, a: a, b: a + n, name: l.stateAbbr[st.low[a]], det: rulePlaceDateline}
		st.ments = append(st.ments, m)
		st.fire(m.det, a, a+n, a, a+n)
		return part{k: 'l', a: a, b: a + n, ment: len(st.ments) - 1}, true
	}
	// a name the generated gazetteer knows, in a place's context
	if r := st.geoRun(a, b); r != nil {
		m := ment{k: kPlace, a: a, b: b, name: st.geoPlaceName(a, b), det: r}
		st.ments = append(st.ments, m)
		st.fire(r, a, b, a, b)
		return part{k: 'l', a: a, b: b, ment: len(st.ments) - 1}, true
	}
	// "Austin, Texas-based Crestline": the town before its state's
	// "-based" is a place of the gazetteer too
	if b+1 < len(st.t) && st.low[b] == "," && st.basedAt(b+1) {
		if _, ok := st.geoName(a, b, true); ok || st.curatedPlace(a, b) {
			m := ment{k: kPlace, a: a, b: b, name: st.geoPlaceName(a, b), det: rulePlaceBased}
			st.ments = append(st.ments, m)
			st.fire(m.det, a, b, a, b)
			return part{k: 'l', a: a, b: b, ment: len(st.ments) - 1}, true
		}
	}
	// "the village of Baitik", "the town of Kentau": so do one or two after
	// a settlement word and "of"
	afterSettlement := ra > 1 && st.low[ra-1] == "of" && settlementWords[st.low[ra-2]]
	if ra > 0 && (st.low[ra-1] == "in" || st.low[ra-1] == "near" || afterSettlement) && b-a <= 2 && st.unknownPlace(a, b) {
		m := ment{k: kPlace, a: a, b: b, name: st.slice(a, b), det: rulePlaceAfterIn}
		st.ments = append(st.ments, m)
		st.fire(m.det, a, b, a, b)
		return part{k: 'l', a: a, b: b, ment: len(st.ments) - 1}, true
	}
	return part{}, false
}

// venueContext reports whether the word before a venue's name at a puts it
// in a place's context: "at the Royal Hall", "on Harbour Street", not
// "Stuart Hall said".
func (st *state) venueContext(a int) bool {
	return a > 0 && venuePreps[st.low[a-1]] && !st.t[a-1].cap
}

// datelineState returns the length (with its period) of a state
// abbreviation run [a, b) that follows "CITY," at the start of a sentence
// and precedes a dash, or 0.
func (st *state) datelineState(a, b int) int {
	if b != a+1 || a < 2 || a+2 >= len(st.low) || st.low[a-1] != "," || st.low[a+1] != "." {
		return 0
	}
	if _, ok := st.f.l.stateAbbr[st.low[a]]; !ok {
		return 0
	}
	if s := st.d.Tokens[a].Sentence; s >= len(st.d.SentTokens) || st.d.SentTokens[s][0] > a-2 {
		return 0
	}
	city := a - 2
	for city > 0 && st.t[city-1].cap && st.low[city-1] != "," {
		city--
	}
	if s := st.d.Tokens[a].Sentence; st.d.SentTokens[s][0] != city || !st.t[city].cap {
		return 0
	}
	switch st.d.Tokens[a+2].Text {
	case "—", "–", "-", "--":
		return 2
	}
	return 0
}

// constituency returns how many capitalized compass words follow the place
// [a, e) when they make an electoral seat: "Kisumu Central MP", "the MP for
// Leeds North East". Elsewhere ("Almaty East district") it returns 0.
func (st *state) constituency(a, e, b int) int {
	k := e
	for k < b && k < e+2 && st.t[k].cap && compassWords[st.low[k]] {
		k++
	}
	if k == e {
		return 0
	}
	before := a >= 2 && st.low[a-1] == "for" && seatHolders[st.low[a-2]]
	after := k < len(st.low) && seatWords[st.low[k]]
	if !before && !after {
		return 0
	}
	return k - e
}

// stopPlace returns the length of a gazetteer place of two or more tokens
// that starts at i with a capitalized function word, or 0.
func (st *state) stopPlace(i, end int) int {
	if !st.t[i].cap {
		return 0
	}
	if n, _ := st.match(pPlaces, i, end); n >= 2 {
		return n
	}
	return 0
}

// unknownPlace reports whether [a, b) holds only capitalized words that no
// list knows and that do not look like a person's name.
func (st *state) unknownPlace(a, b int) bool {
	l := st.f.l
	for i := a; i < b; i++ {
		t := st.t[i]
		w := t.low
		if !t.cap || t.allCaps || t.quote || l.stop[w] || l.orgWords[w] || l.heads[w] || l.titleWords[w] || l.docWords[w] || t.has(fSurname) {
			return false
		}
		if strings.ContainsAny(w, "0123456789") {
			return false // "in Q3", "in F1": codes, not places
		}
		if t.has(fGiven) {
			return false
		}
		if _, ok := l.surnameGender(w); ok {
			return false
		}
		if _, ok := l.demonyms[w]; ok {
			return false
		}
		if st.knownOrg(i, b) > 0 || l.domain(w) {
			return false
		}
		if n, _ := st.match(pPlaces, i, b); n > 0 {
			return false // the gazetteer path handles it
		}
	}
	return b < len(st.t) && !st.t[b].cap
}

// officialCountry returns the length of a country's official name at i
// that the gazetteer lacks: "United Republic of Tanzania", "Federal
// Republic of Germany", "Kingdom of Saudi Arabia" — a place, named as
// written (like "Russian Federation"); 0 when there is none.
func (st *state) officialCountry(i, b int) int {
	j := i
	for j < b && j < i+3 && st.t[j].cap && polityMods[st.low[j]] {
		j++
	}
	if j+2 >= b || !st.t[j].cap || st.low[j+1] != "of" {
		return 0
	}
	if bare, ok := polityForms[st.low[j]]; !ok || j == i && !bare {
		return 0
	}
	k := j + 2
	if k < b && st.low[k] == "the" {
		k++
	}
	n, e := st.match(pPlaces, k, b)
	if n == 0 || e.Field(1) != "country" || !st.t[k].cap {
		return 0
	}
	return k + n - i
}

// places reads segment [a, b), which names no body, as places: several
// joined by "and", official country names, gazetteer places with their
// region word, unknown places before a region word. Demonyms become parts
// of their own.
func (st *state) places(dst []part, a, b int) []part {
	l := st.f.l
	out := dst
	i := a
	other := false // a capitalized word that is no place: "People of Kazakhstan"
	for i < b {
		if !other {
			if m, ok := st.placeRuleAt(i, b); ok {
				st.ments = append(st.ments, m)
				st.fire(m.det, m.a, m.b, m.a, m.b)
				out = append(out, part{k: 'l', a: m.a, b: m.b, ment: len(st.ments) - 1})
				i = m.b
				continue
			}
		}
		if _, ok := l.demonyms[st.low[i]]; ok {
			out = append(out, part{k: 'd', a: i, b: i + 1, ment: -1})
		} else if st.t[i].cap && !l.stop[st.low[i]] && !officialPrefixes[st.low[i]] {
			other = true
		} else if st.low[i] == "and" || st.t[i].quote {
			other = false
		}
		i++
	}
	return out
}

// Places of the generated gazetteer (gen_places.txt: GeoNames towns,
// countries, regions): a name it knows is a place only in a place's
// context, since many are also people's names ("Agar", "Mitchell"). The
// hand-kept gazetteer's places are left to its own rules.

var (
	ruleGeoDateline = rules.New(rules.StageEntities, rules.Detect, "place.detect.geo-dateline",
		"a town of the generated gazetteer in capitals opening a sentence, before a comma, a parenthesis or a dash, is a dateline's place",
		"[TAMPERE], Finland (Reuters) - Dock workers struck on Monday.")
	ruleGeoAfterIn = rules.New(rules.StageEntities, rules.Detect, "place.detect.geo-after-in",
		"a name of the generated gazetteer after in, near, outside or across is a place, even one spelled like a given name (after from: spelled like no name), unless a possessive follows",
		"In [Charlotte], the union met on Monday.")
	ruleGeoCountry = rules.New(rules.StageEntities, rules.Detect, "place.detect.geo-country",
		"a town of the generated gazetteer before a comma and a country or region it lies in is a place",
		"[Lahti], Finland, hosted the congress.")
	ruleGeoTitle = rules.New(rules.StageEntities, rules.Detect, "place.detect.geo-title",
		"a segment that is a name of the generated gazetteer right after a title and \"of\", or right before a title and no given name or surname, is the post's place",
		"The Mayor of [Tampere] opened the forum.")
	ruleGeoList = rules.New(rules.StageEntities, rules.Detect, "place.detect.geo-list",
		"a name of the generated gazetteer, no given name or surname, joined by a comma, and or or to a place of the same country is a place",
		"Delegates of [Oulu], Tampere and Helsinki met.")
	ruleGeoPrepList = rules.New(rules.StageEntities, rules.Detect, "place.detect.prep-list",
		"names joined by and/or right after in, near or from (at least one known to a gazetteer), or before a plural region word, each a place of a gazetteer or one unknown capitalized word, are places",
		"Workers in [Germiston] and [Benoni] were sent home.")
	rulePlaceBased = rules.New(rules.StageEntities, rules.Detect, "place.detect.place-based",
		"a place of a gazetteer glued by a hyphen to based, born or headquartered is a place, not part of the name after it; so is the town before it and a comma",
		"Analysts at [Lagos-based] Sahel Advisory said so.")
	rulePrepListMember = rules.New(rules.StageEntities, rules.Detect, "place.detect.prep-list-member",
		"a capitalized word no list knows (or a name of the generated gazetteer) in a closed list of places that began after in, near or from is a place too",
		"Libraries in Armley, [Hedgely] and Seacroft will stay open.")
	rulePlacePartyState = rules.New(rules.StageEntities, rules.Detect, "place.detect.party-place",
		"a party letter and a hyphen before a capitalized name between commas or brackets (R-Okla., D-Denver) give a legislator's state or town",
		"Sen. Ann Lee, [D-Ore]., spoke.")
	ruleRegionList = rules.New(rules.StageEntities, rules.Detect, "place.detect.region-list",
		"a capitalized word no list knows, in a list that ends in a place with a plural region word, is a place too",
		"He was khokim of the [Uchkurgan], Chust and Mingbulak districts.")
)

// geoRun returns the rule that reads the whole of run [a, b) as one name of
// the generated gazetteer in a place's context (nil when none does).
func (st *state) geoRun(a, b int) *rules.Rule {
	if b-a > st.f.l.geoMax || st.curatedPlace(a, b) || st.possAfter(b) {
		return nil
	}
	if st.geoDateline(a, b) {
		return ruleGeoDateline
	}
	if a > 0 && (geoPreps[st.low[a-1]] || geoFrom[st.low[a-1]]) {
		if _, ok := st.geoName(a, b, geoPreps[st.low[a-1]]); ok && (b >= len(st.t) || !st.t[b].cap) {
			return ruleGeoAfterIn
		}
	}
	if g, ok := st.geoName(a, b, false); ok && b+1 < len(st.t) && st.low[b] == "," {
		if c, ok := st.geoCountry(b + 1); ok && c.cc == g.cc && !g.region {
			return ruleGeoCountry
		}
	}
	return nil
}

// prepList reads run [a, b), right after a preposition of place (in, near,
// from...), as a list of places joined by "and"/"or" ("in Kvemo Kartli and
// Samtskhe-Javakheti", "in Germiston and Benoni"): every member a place of
// a gazetteer or one capitalized word no list knows, at least one known.
// It returns the members' parts; ok is false when the run is no such list.
func (st *state) prepList(dst []part, a, b int) ([]part, bool) {
	if a == 0 || b-a < 3 || st.possAfter(b) {
		return dst, false
	}
	prep := !st.t[a-1].cap && (geoPreps[st.low[a-1]] || geoFrom[st.low[a-1]])
	// "the Urgut and Pastdargom districts": a plural region word names the list
	regional := !st.t[b-1].cap && pluralRegion(st.low[b-1])
	if !prep && !regional {
		return dst, false
	}
	end := b
	if regional {
		end = b - 1
	}
	person := prep && geoPreps[st.low[a-1]]
	var spans [][2]int
	known := regional
	for x := a; x < end; {
		y := x
		for y < end && st.low[y] != "and" && st.low[y] != "or" {
			y++
		}
		k, ok := st.listMember(x, y, person)
		if !ok {
			return dst, false
		}
		known = known || k
		spans = append(spans, [2]int{x, y})
		x = y + 1
		if y+1 == end {
			return dst, false // a trailing "and"
		}
	}
	if !known || len(spans) < 2 {
		return dst, false
	}
	if regional {
		spans[len(spans)-1][1] = b // the region word stays with the last, as in "Mingbulak districts"
	}
	for _, sp := range spans {
		e := min(sp[1], end)
		m := ment{k: kPlace, a: sp[0], b: sp[1], name: st.geoPlaceName(sp[0], e), det: ruleGeoPrepList}
		if st.curatedPlace(sp[0], e) {
			m.name = st.placeName(sp[0], e)
		}
		if e < sp[1] {
			st.fire(rulePolicyRegionFold, sp[0], sp[1], sp[0], e)
		}
		st.ments = append(st.ments, m)
		st.fire(m.det, a, b, sp[0], sp[1])
		dst = append(dst, part{k: 'l', a: sp[0], b: sp[1], ment: len(st.ments) - 1})
	}
	return dst, true
}

// listMember reports whether [x, y) may be a member of a list of places
// after a preposition, and whether a gazetteer knows it.
func (st *state) listMember(x, y int, person bool) (known, ok bool) {
	if y <= x {
		return false, false
	}
	if n, _ := st.match(pPlaces, x, y); n == y-x {
		return true, true
	}
	if _, ok := st.geoName(x, y, person); ok {
		return true, true
	}
	if y-x != 1 {
		return false, false
	}
	return false, st.unknownPlace(x, y)
}

// partyPlace reads run [a, b) as the place of a legislator's party and
// place, "(R-Okla.)", ", D-Denver,": a party letter, a hyphen, capitalized
// words, after a comma or an opening bracket and before a comma, a closing
// bracket or a period. The place is named as written after the hyphen.
func (st *state) partyPlace(a, b int) (part, bool) {
	tx := st.t[a].text
	if a == 0 || len(tx) < 4 || tx[1] != '-' || !strings.ContainsRune("RDI", rune(tx[0])) || st.low[a-1] != "," && st.low[a-1] != "(" {
		return part{}, false
	}
	if r := tx[2]; r < 'A' || r > 'Z' {
		return part{}, false
	}
	for k := a + 1; k < b; k++ {
		if !st.t[k].cap || !st.t[k].word {
			return part{}, false
		}
	}
	if b < len(st.low) && st.low[b] != "," && st.low[b] != ")" && st.low[b] != "." {
		return part{}, false
	}
	name := st.d.Text[st.t[a].bs+2 : st.t[b-1].beTrim]
	m := ment{k: kPlace, a: a, b: b, name: name, det: rulePlacePartyState}
	st.ments = append(st.ments, m)
	st.fire(m.det, a, b, a, b)
	return part{k: 'l', a: a, b: b, ment: len(st.ments) - 1}, true
}

// basedPlace reads a place glued to a suffix by a hyphen at the start of
// run [a, b): "Lagos-based Sahel Advisory", "North Carolina-based Bancorp".
// It returns the place's part and where the rest of the run starts.
// basedAt reports whether token i is a place glued to a place suffix
// ("Texas-based").
func (st *state) basedAt(i int) bool {
	tx := st.t[i].text
	h := strings.LastIndexByte(tx, '-')
	if h <= 0 || !placeSuffixes[strings.ToLower(tx[h+1:])] {
		return false
	}
	w := strings.ToLower(tx[:h])
	n, _ := st.f.l.ph[pPlaces].match([]string{w}, 0, 1)
	_, geo := st.f.l.geo[w]
	return n == 1 || geo
}

func (st *state) basedPlace(a, b int) (part, int, bool) {
	for i := a; i < b && i < a+st.f.l.geoMax; i++ {
		tx := st.t[i].text
		h := strings.LastIndexByte(tx, '-')
		if h <= 0 || !placeSuffixes[strings.ToLower(tx[h+1:])] {
			continue
		}
		words := make([]string, 0, i-a+1)
		for k := a; k < i; k++ {
			words = append(words, st.low[k])
		}
		words = append(words, strings.ToLower(tx[:h]))
		key := strings.Join(words, " ")
		n, _ := st.f.l.ph[pPlaces].match(words, 0, len(words))
		if _, geo := st.f.l.geo[key]; n != len(words) && !geo {
			return part{}, a, false
		}
		name := st.d.Text[st.t[a].bs : st.t[i].bs+h]
		m := ment{k: kPlace, a: a, b: i + 1, name: name, det: rulePlaceBased}
		st.ments = append(st.ments, m)
		st.fire(m.det, a, b, a, i+1)
		return part{k: 'l', a: a, b: i + 1, ment: len(st.ments) - 1}, i + 1, true
	}
	return part{}, a, false
}

// geoDateline reports whether [a, b) is an all-caps gazetteer name opening
// a sentence, followed by a comma, a parenthesis or a dash.
func (st *state) geoDateline(a, b int) bool {
	s := st.d.Tokens[a].Sentence
	if s >= len(st.d.SentTokens) || st.d.SentTokens[s][0] != a || b >= len(st.t) {
		return false
	}
	for i := a; i < b; i++ {
		if !st.t[i].allCaps {
			return false
		}
	}
	switch st.d.Tokens[b].Text {
	case ",", "(", "—", "–", "-", "--":
	default:
		return false
	}
	_, ok := st.geoNameAnyCase(a, b, true)
	return ok
}

// geoTitlePlace: a segment that is one name of the generated gazetteer
// right after "<title> of" or right before a title ("Mayor of Tampere",
// "the Tampere mayor").
func (st *state) geoTitlePlace(dst []part, a, b int) ([]part, int, int, bool) {
	if st.curatedPlace(a, b) {
		return dst, a, b, false
	}
	// after "<title> of" a name spelled like a given name is still the
	// place ("Mayor of Charlotte"); before a title it is the holder's name
	// ("David King")
	afterOf := a > 1 && (st.low[a-1] == "of" || st.low[a-1] == "for") && st.titleEndsAt(0, a-1)
	if _, ok := st.geoName(a, b, afterOf); !ok {
		return dst, a, b, false
	}
	if !afterOf && !(b < len(st.t) && st.isTitleStart(b)) {
		return dst, a, b, false
	}
	m := ment{k: kPlace, a: a, b: b, name: st.geoPlaceName(a, b), det: ruleGeoTitle}
	st.ments = append(st.ments, m)
	st.fire(m.det, a, b, a, b)
	return append(dst, part{k: 'l', a: a, b: b, ment: len(st.ments) - 1}), a, b, true
}

// placeLists is a sentence's last pass, over [a, b) with the mentions from
// m0 on: a list member next to a place is a place too, one member after
// another ("in Oulu, Tampere and Helsinki"; rules place.detect.geo-list and
// place.detect.region-list). A lone unknown word that was only a person's
// candidate (weak) gives way.
func (st *state) placeLists(m0, a, b int) {
	anyPlace := false
	for x := m0; x < len(st.ments) && !anyPlace; x++ {
		anyPlace = st.ments[x].k == kPlace
	}
	if !anyPlace {
		return // every rule here needs a place to join
	}
	for changed := true; changed; {
		changed = false
		for i := a; i < b; i++ {
			if n, r, weak := st.listPlace(m0, a, i, b); r != nil {
				m := ment{k: kPlace, a: i, b: i + n, name: st.geoPlaceName(i, i+n), det: r}
				if weak >= 0 {
					st.ments[weak] = m
				} else {
					st.ments = append(st.ments, m)
				}
				st.fire(r, i, i+n, i, i+n)
				changed = true
				i += n - 1
			}
		}
	}
}

// listPlace returns the length and rule of a list member starting at i
// that is a place, and the weak person mention it replaces (-1: none).
func (st *state) listPlace(m0, a, i, b int) (int, *rules.Rule, int) {
	t := &st.t[i]
	if !t.cap || !t.word || t.quote {
		return 0, nil, -1
	}
	weak := st.weakAt(m0, i)
	if weak < 0 && st.covered(m0, i) {
		return 0, nil, -1
	}
	n, g := st.geoMatch(i, b)
	r := ruleGeoList
	if _, ok := st.geoName(i, i+n, false); n == 0 || !ok {
		n, r = 1, ruleRegionList
	}
	if r == ruleRegionList || !st.sameCountry(g.cc, st.placeAfter(m0, i+n, b)) && !st.sameCountry(g.cc, st.placeBefore(m0, a, i)) {
		switch {
		case n == 1 && (st.unknownWord(i) || st.geoWord(i)) && st.regionListAfter(m0, i+1, b):
			r = ruleRegionList
		case (n == 1 && st.unknownWord(i) || r == ruleGeoList) && st.prepListBefore(m0, a, i) && st.listClosed(m0, i, i+n, b):
			r = rulePrepListMember
		default:
			return 0, nil, -1
		}
	}
	if weak >= 0 && (st.ments[weak].a != i || st.ments[weak].b != i+n) || weak < 0 && st.covered(m0, i+n-1) ||
		i+n < b && st.t[i+n].cap && st.t[i+n].word || st.possAfter(i+n) {
		return 0, nil, -1
	}
	return n, r, weak
}

// prepListBefore reports whether the list that member i goes on began
// with a place right after a preposition of place: "in Armley, ...".
func (st *state) prepListBefore(m0, a, i int) bool {
	x := st.placeBefore(m0, a, i)
	for steps := 0; x >= 0 && steps < 8; steps++ {
		m := &st.ments[x]
		if m.a > 0 && !st.t[m.a-1].cap && (geoPreps[st.low[m.a-1]] || geoFrom[st.low[m.a-1]]) {
			return true
		}
		x = st.placeBefore(m0, a, m.a)
	}
	return false
}

// listClosed reports whether the list member [i, e) is its list's last,
// after "and"/"or", or is followed by members (places or unknown words)
// up to one after "and"/"or": a closed list of places, not a comma before
// something else.
func (st *state) listClosed(m0, i, e, b int) bool {
	if i > 0 && (st.low[i-1] == "and" || st.low[i-1] == "or") {
		return true
	}
	j := e
	for steps := 0; steps < 8; steps++ {
		k := st.listSep(j, b)
		if k < 0 || k >= b {
			return false
		}
		closing := st.low[k-1] == "and" || st.low[k-1] == "or"
		if x := st.placeAt(m0, k); x >= 0 {
			j = st.ments[x].b
		} else if st.t[k].cap && (st.unknownWord(k) || st.geoWord(k)) {
			j = k + 1
		} else {
			return false
		}
		if closing {
			return j >= b || !st.t[j].cap
		}
	}
	return false
}

// placeRuleAt tries the place rules, in order, at token i of a segment
// ending at b.
func (st *state) placeRuleAt(i, b int) (ment, bool) {
	if m, ok := st.officialCountryAt(i, b); ok {
		return m, true
	}
	if m, ok := st.gazetteerAt(i, b); ok {
		return m, true
	}
	if m, ok := st.placeWordAt(i, b); ok {
		return m, true
	}
	return ment{}, false
}

// officialCountryAt: "United Republic of Tanzania", named as written, the
// country's gazetteer name an alias.
func (st *state) officialCountryAt(i, b int) (ment, bool) {
	n := st.officialCountry(i, b)
	if n == 0 {
		return ment{}, false
	}
	_, e := st.match(pPlaces, i+n-1, b) // the country ends the form
	for k := i + n - 1; k > i && e == nil; k-- {
		_, e = st.match(pPlaces, k, i+n)
	}
	return ment{k: kPlace, a: i, b: i + n, name: st.slice(i, i+n), alias: e.Key(), det: rulePlaceOfficialCountry}, true
}

// gazetteerAt: a gazetteer place, with an electoral seat's compass words
// and the region words after it.
func (st *state) gazetteerAt(i, b int) (ment, bool) {
	n, _ := st.match(pPlaces, i, b)
	if n == 0 || !st.t[i].cap {
		return ment{}, false
	}
	if c := st.constituency(i, i+n, b); c > 0 {
		st.fire(rulePlaceConstituency, i, i+n, i, i+n+c)
		n += c
	}
	j := i + n
	for j < b && regionWords[st.low[j]] && !regionAdjective[st.low[j]] {
		j++
	}
	m := ment{k: kPlace, a: i, b: j, name: st.regionName(i, i+n, j), det: rulePlaceGazetteer}
	if j > i+n {
		m.det = rulePlaceGazetteerRegion
	}
	return m, true
}

// placeWordAt: "Bungoma County", "Auliekol district", a place the
// gazetteer lacks; the region word may be the token after the segment.
func (st *state) placeWordAt(i, b int) (ment, bool) {
	l := st.f.l
	if !(st.t[i].cap && i+1 < b+1 && i+1 < len(st.low) && regionWords[st.low[i+1]] && !regionAdjective[st.low[i+1]] &&
		!l.stop[st.low[i]] && !l.orgWords[st.low[i]] && !l.heads[st.low[i]] && (i+1 < b || !st.t[i+1].cap)) {
		return ment{}, false
	}
	j := i + 2
	return ment{k: kPlace, a: i, b: min(j, len(st.low)), name: st.placeWordName(i), det: rulePlaceWord}, true
}
