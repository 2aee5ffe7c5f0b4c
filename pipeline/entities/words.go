package entities

import "plenary/pipeline/lexicon"

// The closed classes of words the entity rules read come from
// lexicon/data/entity_words.txt (word, class), loaded once with the
// embedded lexicon: each variable is one class.
//
// What stays in Go: a rule's own pattern over English function words used
// as grammar ("of", "the", "a", "an", "and", "or", "for", "on", "in",
// "near", "at", "to", "with", the possessive "'s"; the auxiliaries "has",
// "had", "have", "were", "are" and "also" of the title predicates in
// roles_predicate.go) and punctuation, as in "X of the Y", "CITY, ST. —"
// or "X and Y were elected": the words are the pattern, a list would
// not make the rule any more general, and a reader sees the rule at once.
// English morphology (ordinal suffixes in tokens.go, participles "-ed",
// "-ing", "born" in person.go) stays too. The values of a data file's
// fields ("event", "common", "region") and of placeMark are enums, not
// words. Every other word a rule compares with is a class here.
var (
	connectors        = wordSet("connector")    // may stand inside a name when a capitalized word follows
	pluralDeterminers = wordSet("plural-det")   // before a lower-case plural title naming the people after it: "his deputies X and Y"
	venueWords        = wordSet("venue")        // end a venue's name: "State Congress Hall"
	awardWords        = wordSet("award")        // before a quoted name make it an award's or slogan's
	asVerbs           = wordSet("as-verb")      // introduce a position after "as": "served as"
	asGap             = wordSet("as-gap")       // may stand between "as" and the title
	nameLeaders       = wordSet("leader")       // function words that begin a body's name: "All", "New"
	groupWords        = wordSet("group")        // name a political group: "the Green group"
	withNouns         = wordSet("with-noun")    // take "with" inside a body's name
	tlds              = wordList("tld")         // web domains' endings
	orgStop           = wordSet("key-stop")     // no part of an organization's initials or word bag
	nameParticles     = wordSet("particle")     // stand between parts of one person's name
	patronymics       = wordSet("patronymic")   // "son of"/"daughter of" after a father's name: "Vugar Aydin oglu"
	notPersonAfter    = wordSet("thing-after")  // lower-case nouns after which a name names a thing
	nounEndings       = wordList("noun-ending") // abstract and plural common nouns' endings
	settlementWords   = wordSet("settlement")   // before "of" introduce a place: "the village of"
	regionWords       = wordSet("region")       // follow a place ("Almaty region") or stand before a head
	regionMarks       = wordSet("region-mark")  // mark a place as a region, against the city of its name
	regionRefs        = wordSet("region-ref")   // "of the region": a body of the region the text is about
	compassWords      = wordSet("compass")      // a part of a place in a constituency: "Leeds North East"
	polityMods        = wordSet("polity-modifier")
	geoPreps          = wordSet("geo-prep")         // put a place of the generated gazetteer after them
	contrastPreps     = wordSet("contrast-prep")    // may be repeated after "and" in "X and X region"
	portfolioPreps    = wordSet("portfolio-prep")   // join a body's head to its portfolios: "Committee on"
	venueKinds        = wordSet("venue-kind")       // before Centre/Complex make a venue: "Convention Centre"
	venueHeads        = wordSet("venue-head")       // end a venue's name after a venue's kind: "Centre"
	legalForms        = wordSet("legal-form")       // a company's legal form: "Ltd", "ASA", "B.V" (no final period)
	placeSuffixes     = wordSet("place-suffix")     // after "Place-": "Lagos-based"
	geoFrom           = wordSet("geo-from")         // like geoPreps, for names spelled like no name: "from Wexford"
	enterprises       = wordSet("enterprise")       // after a name make an enterprise: "the Saran mine"
	memberNouns       = wordSet("member-noun")      // "workers" of a union's name, before "of" a field of work
	articles          = wordSet("article")          // "the", "a", "an": capitalized inside a run, a new sentence's first word
	eponymVerbs       = wordSet("eponym-verb")      // "named" (after a person) in a body's name
	eponymPreps       = wordSet("eponym-prep")      // "after" in "named after"
	unitHeads         = wordSet("unit-head")        // lower-case heads of a body or its unit: "trade union committee"
	unitMods          = wordSet("unit-mod")         // lower-case words before a unit head: "primary", "legal"
	sectorNouns       = wordSet("sector-noun")      // end a sector phrase: "of workers of the coal industry"
	orgDescriptors    = wordSet("org-descriptor")   // before a name make it a body's: "the bloc Mercosur"
	venueLeads        = wordSet("venue-lead")       // a square's or street's word put first: "Plaza Independencia"
	numberLeads       = wordSet("number-lead")      // before a branch's number: "Local 998"
	venuePreps        = wordSet("venue-prep")       // put a venue's name in a place's context: "at", "on"
	titleGap          = wordSet("title-gap")        // may stand after the comma between a name and its title: ", the", ", now"
	countryLetters    = wordSet("country-initial")  // letters a country adds to an acronym: "RK", "RF"
	seatHolders       = wordSet("seat-holder")      // before "for PLACE" make it an electoral seat: "MP for"
	seatWords         = wordSet("seat-word")        // after a place make it an electoral seat: "Leeds North MP"
	notPortfolio      = wordSet("not-portfolio")    // org words that name a scope, not a portfolio: "National"
	patronymWords     = wordSet("patronym")         // "son/daughter of" inside a Malay name: "bin", "binti"
	cueAux            = wordSet("cue-aux")          // may stand between a surname and its cue verb: "Lee also said"
	demonymPolities   = wordSet("demonym-polity")   // after a demonym name its country: "Russian Federation"
	partyWords        = wordSet("party")            // a lower-case party noun after a quoted name: "the «Nur Zholy» party"
	countyWords       = wordSet("county-word")      // FORMAT keeps it with the name: "Milwaukee County"
	cityMarks         = wordSet("city-mark")        // mark a place as a city: "Osh city", "the city of Osh"
	officialPrefixes  = wordSet("official-prefix")  // before "of" begin a country's official name: "Republic of"
	regionAdjective   = wordSet("region-adjective") // after a body and before a title describe the title: "ALU regional director"; no region word after a place
	clubPrefixes      = wordSet("club-prefix")      // a sports club's abbreviation before its name, as written: "FC"
	bodyRelatives     = wordSet("body-relative")    // after "NAME," a pronoun no person takes: "which"
	ministerOf        = wordSet("minister-of")      // posts whose portfolio follows: "Minister of Labor", "Commissioner for Trade"
	portfolioPosts    = wordSet("portfolio-post")   // posts after their portfolio: "Labour Minister", "Transport Secretary"
	particlePreps     = wordSet("particle-prep")    // name particles that are also prepositions: no run goes on over them alone
	personRelatives   = wordSet("person-relative")  // after "NAME," a pronoun only a person takes: "who"
	bodyPronouns      = wordSet("body-pronoun")     // after "NAME said" a pronoun for a body: "it", "its"
	staffNouns        = wordSet("staff-noun")       // before "at NAME" the people who work there: "analysts"
	// polityForms are a state's forms; only the bare ones stand without a
	// modifier, as "Republic of X" is the gazetteer's.
	polityForms = func() map[string]bool {
		m := map[string]bool{}
		for _, w := range wordList("polity-form") {
			m[w] = false
		}
		for _, w := range wordList("bare-polity-form") {
			m[w] = true
		}
		return m
	}()
)

// wordList returns the words of class c in file order.
func wordList(c string) []string { return lexicon.Class("entity_words", c) }

// A unit word's kinds (unitWords): a modifier, a head, or both.
const (
	unitMod uint8 = 1 << iota
	unitHead
)

// unitWords is unitMods and unitHeads in one map of kinds, so that
// lowerUnit, run at every lower-case word, looks a word up once.
var unitWords = func() map[string]uint8 {
	m := make(map[string]uint8, len(unitMods)+len(unitHeads))
	for w := range unitMods {
		m[w] |= unitMod
	}
	for w := range unitHeads {
		m[w] |= unitHead
	}
	return m
}()

func wordSet(c string) map[string]bool { return lexicon.ClassSet("entity_words", c) }
