package lexicon

import "strings"

// WordClass is a set of word classes: one bit per (lexicon file, class).
// A token's classes are looked up once, right after segmentation, on its
// lower-cased form (segment.Doc.Low), so the stages test a bit instead of
// each looking the word up in its own maps.
type WordClass uint64

// The word classes of a token. A closed file's classes (role_words,
// entity_words) hold their words as written; the others their one-word keys
// lower-cased (a token has no space).
const (
	OrgWord             WordClass = 1 << iota // org_words.txt key
	OrgHead                                   // org_heads.txt key
	TitleModifier                             // title_modifiers.txt key
	TitleSecond                               // title_modifiers.txt class second
	HonorificWord                             // a word of an honorifics.txt key
	PersonCue                                 // person_cues.txt key
	Predicate                                 // title_predicates.txt key, any class
	PredicateCopula                           // title_predicates.txt class copula
	PredicateChoice                           // title_predicates.txt class choice
	RoleUnit                                  // role_words.txt class unit
	RoleStopBefore                            // role_words.txt class stop-before
	EntityRegion                              // entity_words.txt class region
	EntitySettlement                          // entity_words.txt class settlement
	EntityCueAux                              // entity_words.txt class cue-aux
	QuoteFunc                                 // quote_words.txt class func
	QuoteDeterminer                           // quote_words.txt class determiner
	QuotePrep                                 // quote_words.txt class prep
	QuoteIntro                                // quote_words.txt class intro
	QuoteVerbGroup                            // quote_words.txt class verb-group
	QuoteModal                                // quote_words.txt class modal
	QuoteTimeAdverb                           // quote_words.txt class time-adverb
	QuoteSpeechPronoun                        // quote_words.txt class speech-pronoun
	QuoteInLink                               // quote_words.txt class in-link
	QuoteClauseVerb                           // quote_words.txt class clause-verb
	QuoteNotClauseStart                       // quote_words.txt class not-clause-start
	QuoteCommonStart                          // quote_words.txt class common-start
	StopCap                                   // stop_caps.txt key
	DocWord                                   // doc_words.txt key
	Surname                                   // surnames.txt key
	GivenName                                 // given_names.txt key
	Demonym                                   // demonyms.txt key
	TitleWord                                 // titles.txt key of one word
	EntityConnector                           // entity_words.txt class connector
	TitleStart                                // first word of a titles.txt phrase (PhraseWords)
	HonorificStart                            // first word of an honorifics.txt phrase
	PlaceStart                                // first word of a places.txt phrase
	OrgStart                                  // first word of an orgs.txt phrase
)

// ClassIndex maps a word to its classes; built once per lexicon.
type ClassIndex struct {
	words map[string]WordClass
	start [256]bool // first bytes of the words: most other tokens skip the map
}

// NewClassIndex builds lx's class index (nil lx: the closed classes only).
func NewClassIndex(lx *Lexicon) *ClassIndex {
	if lx == nil {
		lx = &Lexicon{}
	}
	x := &ClassIndex{words: map[string]WordClass{}}
	for _, f := range []struct {
		name string
		c    WordClass
	}{{"org_words", OrgWord}, {"org_heads", OrgHead}, {"title_modifiers", TitleModifier}, {"person_cues", PersonCue},
		{"stop_caps", StopCap}, {"doc_words", DocWord}, {"surnames", Surname}, {"given_names", GivenName},
		{"demonyms", Demonym}} {
		for _, e := range lx.List(f.name) {
			if k := e.Key(); !strings.Contains(k, " ") { // a token has no space
				x.words[strings.ToLower(k)] |= f.c
			}
		}
	}
	for _, e := range lx.List("title_modifiers") {
		if k := e.Key(); e.Field(1) == "second" && !strings.Contains(k, " ") {
			x.words[strings.ToLower(k)] |= TitleSecond
		}
	}
	for _, e := range lx.List("titles") {
		if ws := strings.Fields(strings.ToLower(e.Key())); len(ws) == 1 {
			x.words[ws[0]] |= TitleWord
		}
	}
	x.phraseStarts(lx)
	for _, e := range lx.List("honorifics") {
		for _, w := range strings.Fields(e.Key()) {
			x.words[strings.ToLower(w)] |= HonorificWord
		}
	}
	// A predicate word repeated in the file has its last entry's class.
	pred := map[string]string{}
	for _, e := range lx.List("title_predicates") {
		pred[strings.ToLower(e.Key())] = e.Field(1)
	}
	for w, c := range pred {
		if c == "" {
			continue // no class: not a predicate word
		}
		x.words[w] |= Predicate
		switch c {
		case "copula":
			x.words[w] |= PredicateCopula
		case "choice":
			x.words[w] |= PredicateChoice
		}
	}
	for _, c := range []struct {
		file, class string
		c           WordClass
	}{{"role_words", "unit", RoleUnit}, {"role_words", "stop-before", RoleStopBefore},
		{"entity_words", "region", EntityRegion}, {"entity_words", "settlement", EntitySettlement},
		{"entity_words", "cue-aux", EntityCueAux}, {"entity_words", "connector", EntityConnector},
		{"quote_words", "func", QuoteFunc}, {"quote_words", "determiner", QuoteDeterminer},
		{"quote_words", "prep", QuotePrep}, {"quote_words", "intro", QuoteIntro},
		{"quote_words", "verb-group", QuoteVerbGroup}, {"quote_words", "modal", QuoteModal},
		{"quote_words", "time-adverb", QuoteTimeAdverb}, {"quote_words", "speech-pronoun", QuoteSpeechPronoun},
		{"quote_words", "in-link", QuoteInLink}, {"quote_words", "clause-verb", QuoteClauseVerb},
		{"quote_words", "not-clause-start", QuoteNotClauseStart}, {"quote_words", "common-start", QuoteCommonStart}} {
		for _, w := range Class(c.file, c.class) {
			x.words[w] |= c.c
		}
	}
	return x.index()
}

// phraseStarts marks the first word of every phrase of the phrase lists,
// as written and as tokenized (PhraseWords).
func (x *ClassIndex) phraseStarts(lx *Lexicon) {
	for _, f := range []struct {
		name string
		c    WordClass
	}{{"titles", TitleStart}, {"honorifics", HonorificStart}, {"places", PlaceStart}, {"orgs", OrgStart}} {
		for _, e := range lx.List(f.name) {
			ws, split := PhraseWords(e.Key())
			if len(ws) > 0 {
				x.words[ws[0]] |= f.c
			}
			if len(split) > 0 {
				x.words[split[0]] |= f.c
			}
		}
	}
}

// index notes the words' first bytes (after the words are all in).
func (x *ClassIndex) index() *ClassIndex {
	for w := range x.words {
		if w != "" {
			x.start[w[0]] = true
		}
	}
	return x
}

// Each calls f with every word of the index and its classes.
func (x *ClassIndex) Each(f func(w string, c WordClass)) {
	for w, c := range x.words {
		f(w, c)
	}
}

// Of returns word w's classes.
func (x *ClassIndex) Of(w string) WordClass { return x.words[w] }

// Tag returns the classes of each word of low (a document's lower-cased
// tokens), in order.
func (x *ClassIndex) Tag(low []string) []WordClass { return x.AppendTag(nil, low) }

// AppendTag appends the classes of each word of low to dst.
func (x *ClassIndex) AppendTag(dst []WordClass, low []string) []WordClass {
	_, empty := x.words[""]
	for _, w := range low {
		var c WordClass
		if w == "" && empty || w != "" && x.start[w[0]] {
			c = x.words[w]
		}
		dst = append(dst, c)
	}
	return dst
}

// PhraseWords returns the lower-cased words of a phrase key (ws) and, when
// the tokenizer splits some of them, the words as tokenized (split; nil
// when the same): "Gov." is written as one word but tokenized as "Gov" ".",
// and "Maj.-Gen." as "Maj.-Gen" "." (the form as written is kept too:
// "H.E." stays one token), and a possessive as "People" "'s" ("People's
// Deputy").
func PhraseWords(key string) (ws, split []string) {
	ws = strings.Fields(strings.ToLower(key))
	for _, w := range ws {
		switch {
		case len(w) > 2 && strings.HasSuffix(w, "'s"):
			split = append(split, w[:len(w)-2], "'s")
		case len(w) > 1 && strings.HasSuffix(w, ".") && (!strings.Contains(w[:len(w)-1], ".") || strings.Contains(w, "-")):
			split = append(split, w[:len(w)-1], ".")
		default:
			split = append(split, w)
		}
	}
	if len(split) == len(ws) {
		split = nil
	}
	return ws, split
}
