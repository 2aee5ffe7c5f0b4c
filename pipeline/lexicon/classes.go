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
)

// ClassIndex maps a word to its classes; built once per lexicon.
type ClassIndex struct {
	words map[string]WordClass
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
	}{{"org_words", OrgWord}, {"org_heads", OrgHead}, {"title_modifiers", TitleModifier}, {"person_cues", PersonCue}} {
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
		{"entity_words", "cue-aux", EntityCueAux},
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
	return x
}

// Of returns word w's classes.
func (x *ClassIndex) Of(w string) WordClass { return x.words[w] }

// Tag returns the classes of each word of low (a document's lower-cased
// tokens), in order.
func (x *ClassIndex) Tag(low []string) []WordClass {
	out := make([]WordClass, len(low))
	for i, w := range low {
		out[i] = x.words[w]
	}
	return out
}
