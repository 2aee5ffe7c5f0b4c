package entities

// A title as the predicate of a name: "Hek was party president", "Humza
// Yousaf became First Minister", "Ahmad was elected president of the
// party", "Lim, who is also the assemblyman", and the other way round, "the
// head of the employer delegation was Akansel Koc". The verbs are
// title_predicates.txt.

import (
	"strings"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
)

var (
	rulePredicate = rules.New(rules.StageRoles, rules.Link, "role.link.predicate",
		"a title no rule linked, after \"NAME was/became [elected|appointed] [as] [the]\", belongs to NAME",
		"Mawrie recalled how Ann Hek was party [president] from 2003 to 2006.")
	rulePredicateObject = rules.New(rules.StageRoles, rules.Link, "role.link.predicate-object",
		"a title no rule linked, right after \"elected/appointed/named NAME [as] [the]\", belongs to NAME",
		"The board appointed Tom Hale [acting director].")
	rulePredicateInverse = rules.New(rules.StageRoles, rules.Link, "role.link.predicate-inverse",
		"a title no rule linked, followed by its \"of\" phrase and \"was\"/\"is\" and a name, belongs to that name",
		"The head of the employer delegation was [Akansel Koc], the union said.")
)

// predicate finds NAME in "NAME [, who] [also] COPULA [also] [CHOICE] [as]
// [the|its|the party's|PLACE] TITLE" for the title at tokens [a, b) of the
// sentence starting at first; -1 when there is none.
func (k *linker) predicate(a, b, first int) int {
	if b < len(k.d.Tokens) && (k.d.Tokens[b].Text == "'s" || k.d.Tokens[b].Text == "’s") {
		return -1 // "was the president's guest"
	}
	j := k.beforeTitle(a-1, first)
	if j > first && k.lower(j) == "as" {
		j--
	}
	verb := false
	for j > first && k.is(j, lexicon.Predicate) {
		verb = true
		j--
		if j > first && k.lower(j) == "also" {
			j--
		}
	}
	if !verb {
		return -1
	}
	if p, ok := k.personTo[k.subjectEnd(j, first)+1]; ok {
		return p
	}
	return -1
}

// predicateObject finds NAME in "CHOICE NAME [as] [the] TITLE" ("the
// plenum elected Anna Berg deputy chairman") for the title starting at
// token a of the sentence starting at first; -1 when there is none.
func (k *linker) predicateObject(a, first int) int {
	j := a - 1
	if j > first && (k.lower(j) == "the" || k.lower(j) == "its" || k.lower(j) == "their") {
		j--
	}
	if j > first && k.lower(j) == "as" {
		j--
	}
	p, ok := k.personTo[j+1]
	if !ok {
		return -1
	}
	// the name's first token, then the verb right before it
	for s := j; s > first && s > j-8; s-- {
		if q, ok := k.personAt[s]; ok && q == p {
			if k.is(s-1, lexicon.PredicateChoice) {
				return p
			}
			return -1
		}
	}
	return -1
}

// beforeTitle walks left from j over what may stand between a verb and its
// title: articles, possessives, body words, up to three capitalized words
// of a place or body ("the Ayer Hitam assemblyman", "the BJP president").
func (k *linker) beforeTitle(j, first int) int {
	caps := 0
	for j > first {
		if n := k.possessive(j, first); n > 0 {
			j -= n
			continue
		}
		w := k.lower(j)
		switch {
		case k.is(j, lexicon.RoleStopBefore) || k.is(j, unitClasses) && w == k.d.Tokens[j].Text:
		case isCap(k.d.Tokens[j].Text) && !k.inPerson(j) && caps < 3:
			caps++
		default:
			return j
		}
		j--
	}
	return j
}

// subjectEnd walks left from j, the token before the verb, over "has"
// ("has been"), ", who", an age between commas ("Mohd Rashid, 71, was
// appointed") and an apposition between commas to the last token of the
// subject.
func (k *linker) subjectEnd(j, first int) int {
	if j > first && (k.lower(j) == "has" || k.lower(j) == "had" || k.lower(j) == "have") {
		j--
	}
	if j > first && k.lower(j) == "who" && k.d.Tokens[j-1].Text == "," {
		j -= 2
	}
	if j-2 > first && k.d.Tokens[j].Text == "," && isNumber(k.d.Tokens[j-1].Text) && k.d.Tokens[j-2].Text == "," {
		j -= 3
	}
	// an apposition between commas: "Nino Beridze, a nurse from Zestaponi,
	// was elected chairwoman"
	if j > first && k.d.Tokens[j].Text == "," {
		for s := j - 1; s > first && s > j-14; s-- {
			if _, ok := k.personAt[s]; ok {
				break
			}
			if k.d.Tokens[s].Text == "," {
				if _, ok := k.personTo[s]; ok {
					return s - 1
				}
				break
			}
		}
	}
	return j
}

// predicateInverse finds NAME in "TITLE [of PHRASE] was [TITLE ...] NAME"
// for the title ending before token b; -1 when there is none.
func (k *linker) predicateInverse(b, end int) int {
	j := b
	if j < end && k.lower(j) == "of" {
		for j < end && j < b+10 && !k.is(j, lexicon.PredicateCopula) {
			switch tx := k.d.Tokens[j].Text; {
			case tx == "," || k.titleAt[j]:
				return -1
			case k.d.Tokens[j].Sentence != k.d.Tokens[b].Sentence:
				return -1
			}
			if _, ok := k.personAt[j]; ok {
				return -1
			}
			j++
		}
	}
	if j >= end || !k.is(j, lexicon.PredicateCopula) {
		return -1
	}
	// the name, perhaps after its own title: "was TURK-IS Deputy Chairman X"
	for n, i := 0, j+1; i < end && n < 6; n, i = n+1, i+1 {
		if p, ok := k.personAt[i]; ok {
			return p
		}
		if !isCap(k.d.Tokens[i].Text) {
			return -1
		}
	}
	return -1
}

var rulePluralPredicate = rules.New(rules.StageRoles, rules.Link, "role.link.plural-predicate",
	"a plural title after \"were elected\" or \"were appointed\" gives each person of the subject the title in the singular",
	"Musa Mirza and Gazan Abdul, chairman of the Council, were elected [deputy chairmen] of the Confederation.")

// pluralPredicates finds "NAME [, ...], and NAME [, ...] were elected
// deputy chairmen [of BODY]" in every sentence and returns one title for
// each person of the subject, in the singular.
func (k *linker) pluralPredicates(lx *lexicon.Lexicon) []Title {
	var out []Title
	for s, st := range k.d.SentTokens {
		for i := st[0] + 1; i+2 < st[1]; i++ {
			if w := k.lower(i); (w != "were" && w != "are") || !k.is(i+1, lexicon.PredicateChoice) {
				continue
			}
			a := i + 2
			if k.lower(a) == "as" {
				a++
			}
			text, b := k.pluralTitle(a, st[1], lx)
			if b == a {
				continue
			}
			org := -1
			if j := b; j+1 < st[1] && k.lower(j) == "of" {
				if k.lower(j+1) == "the" {
					j++
				}
				if o, ok := k.orgAt[j+1]; ok {
					org = o
				}
			}
			people := k.subjects(st[0], i)
			if len(people) < 2 {
				continue
			}
			sp := doc.Span{Start: k.d.Tokens[a].Start, End: k.d.Tokens[b-1].End}
			for _, p := range people {
				out = append(out, Title{Span: sp, Text: text, Person: p, Org: org, Sentence: s, Method: rulePluralPredicate.ID})
			}
		}
	}
	return out
}

// pluralTitle reads a plural title at a ("deputy chairmen") and returns it
// in the singular with where it ends (b == a when there is none): title
// modifiers, then a plural whose singular, with them, is in titles.txt.
func (k *linker) pluralTitle(a, end int, lx *lexicon.Lexicon) (string, int) {
	i := a
	for i < end && i < a+3 && lx.Has("title_modifiers", k.lower(i)) {
		i++
	}
	if i >= end {
		return "", a
	}
	w := k.d.Tokens[i].Text
	sg := Singular(w)
	if sg == w {
		return "", a
	}
	words := make([]string, 0, i-a+1)
	for j := a; j < i; j++ {
		words = append(words, k.d.Tokens[j].Text)
	}
	text := strings.Join(append(words, sg), " ")
	if !lx.Has("titles", text) {
		return "", a
	}
	return text, i + 1
}

// subjects returns the people a coordinated subject names before the verb
// at token v: the one opening the sentence and those after "and", each
// perhaps followed by its apposition.
func (k *linker) subjects(first, v int) []int {
	var out []int
	for j := first; j < v; j++ {
		p, ok := k.personAt[j]
		if !ok || j != first && k.lower(j-1) != "and" {
			continue
		}
		out = append(out, p)
	}
	return out
}
