package quotes

import "plenary/pipeline/lexicon"

// The closed classes of words the attribution rules read:
// lexicon/data/quote_words.txt (word, class, value), and entities' region
// words, defined once in entity_words.txt. A single function word that is
// a pattern's own ("the", "of", "by", "who" in "X, who ...") stays in the
// rule (see entities/words.go for the line drawn).
//
// Classes func, determiner, prep, intro, verb-group, modal, time-adverb,
// speech-pronoun, in-link, clause-verb, not-clause-start and common-start
// are also token classes (lexicon.Quote*), read from the tokens layer where
// the word is a token's (prep only there).
var (
	auxWords        = lexicon.ClassSet("quote_words", "aux")             // skipped between a speaker and the cue: "also", "has"
	npGlue          = lexicon.ClassSet("quote_words", "np-glue")         // stay inside a speaker's noun phrase: "of", "’s", "("
	npQualifiers    = lexicon.ClassSet("quote_words", "np-qualifier")    // lower-case words before a post: "deputy", "former"
	notVerbs        = lexicon.ClassSet("quote_words", "not-verb")        // lower-case words after a name that are no verb: "who", "deputy"
	subjectPronouns = lexicon.ClassSet("quote_words", "subject-pronoun") // "he", "they"
	funcWords       = lexicon.ClassSet("quote_words", "func")            // no part of a name or a post's words
	speechPronouns  = lexicon.ClassSet("quote_words", "speech-pronoun")  // first and second person: quoted speech, not narration
	qualStop        = lexicon.ClassSet("quote_words", "qual-stop")       // do not tell one post holder from another: "former"
	relatedPosts    = wordValues("related-post")                         // posts one body calls by either name: speaker, chairman
	byHead          = wordValues("by-head")
	backReferences  = wordValues("back-reference")                       // "the latter" -> last, "the former" -> first                               // "a delegation headed by X": X is its head
	bodyNouns       = lexicon.ClassSet("entity_words", "org-descriptor") // head a body's description: "the video platform", "a Lagos firm"
	regionWords     = lexicon.ClassSet("entity_words", "region")         // "the regional chairman"
)

// wordValues maps the words of class c to their value field.
func wordValues(c string) map[string]string {
	lx, err := lexicon.Embedded()
	if err != nil {
		panic(err) // the embedded files are part of the binary: a build bug
	}
	m := map[string]string{}
	for _, e := range lx.List("quote_words") {
		if e.Field(1) == c {
			m[e.Key()] = e.Field(2)
		}
	}
	if len(m) == 0 {
		panic("quotes: quote_words.txt has no word of class " + c)
	}
	return m
}
