package entities

import "plenary/pipeline/lexicon"

// The closed classes of words the title linker of roles_*.go reads:
// lexicon/data/role_words.txt (word, class), besides regionWords and
// settlementWords (words.go). Function words that are a pattern's own
// ("of", "the", "to", "and", the possessive "'s") stay in the rules (see
// words.go for the line drawn).
var (
	// Classes unit and stop-before are token classes (lexicon.RoleUnit,
	// lexicon.RoleStopBefore), read from the tokens layer.
	postNouns  = lexicon.ClassSet("role_words", "post-noun")  // after a title name the post: "the Speaker election"
	fieldNouns = lexicon.ClassSet("role_words", "field-noun") // a post's bare field: "chief of staff"
)
