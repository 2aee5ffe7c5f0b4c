package entities

import "plenary/pipeline/rules"

// The rules by which this stage links a title pipeline/entities left
// without a holder (link.go). A role's method is the ID of the rule that
// linked its title: one of these, entities' title.link.* (the title was
// linked there), role.ref.* (holders.go) or role.link.predicate*
// (predicate.go).
var (
	ruleUnitPhrase = rules.New(rules.StageRoles, rules.Link, "role.link.unit-phrase",
		"a title followed by an \"of\" phrase of names and lower-case unit words, then a person's name, belongs to that person",
		"Head of the legal department of the Federation of Unions [Ion Rusu] spoke.")
	ruleUnitPhraseComma = rules.New(rules.StageRoles, rules.Link, "role.link.unit-phrase-comma",
		"as role.link.unit-phrase, with the name after a comma and closed by a comma or the sentence's end",
		"the head of the international department of KSPU, [Aliya Nurova], said.")
	ruleAppositionAnd = rules.New(rules.StageRoles, rules.Link, "role.link.apposition-and",
		"a title after \"NAME, DESCRIPTION and [the]\" is the second apposition of that name",
		"Senator Dan Ross, an Ohio Democrat and [chairman] of the subcommittee, opened the hearing.")
	ruleCoordinated = rules.New(rules.StageRoles, rules.Link, "role.link.coordinated",
		"two titles joined by \"and\" right after two names joined by \"and\" and a comma go one to each name, in order",
		"Ana Cruz and [Rosa Villanueva], chairperson and secretary of the coalition, signed it.")
	ruleApposition = rules.New(rules.StageRoles, rules.Link, "role.link.apposition",
		"a title after \"NAME,\" with articles, adverbs or lower-case unit words between belongs to that person",
		"[K. Abenova], legal inspector of the Center, spoke.")
)
