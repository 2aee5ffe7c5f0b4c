package entities

import (
	"plenary/pipeline/rules"
)

var ruleSecondBody = rules.New(rules.StageRoles, rules.Link, "role.title.second-body",
	"a title over two bodies joined by \"and\" is one role in each (FORMAT: one title in two bodies is two roles)",
	"Irakli Petrov (President of the Georgian Trade Unions Confederation and [Pan-European Regional Council]) spoke.")

// secondBody returns the second body of a title whose body is followed by
// "and" and another body's name ("President of the X Confederation and Y
// Council"), -1 when there is none. A few lower-case words and quotation
// marks may stand before the second name ("and the republican public
// association “Association of X”").
func (k *linker) secondBody(t Title) int {
	if k == nil || t.Org < 0 {
		return -1
	}
	_, b := k.tokenRange(t.Span)
	end := len(k.d.Tokens)
	if t.Sentence >= 0 && t.Sentence < len(k.d.SentTokens) {
		end = k.d.SentTokens[t.Sentence][1]
	}
	// the first body right after the title: "of [the] X"
	j := b
	for j < end && j < b+2 && (k.lower(j) == "of" || k.lower(j) == "the") {
		j++
	}
	if o, ok := k.orgAt[j]; !ok || o != t.Org {
		return -1
	}
	for j < end && k.tokKind[j] == kindOrg {
		j++
	}
	if j >= end || k.lower(j) != "and" {
		return -1
	}
	for n, i := 0, j+1; i < end && n < 5; n, i = n+1, i+1 {
		if o, ok := k.orgAt[i]; ok {
			if o == t.Org {
				return -1
			}
			return o
		}
		if tx := k.d.Tokens[i].Text; isCap(tx) || !isMark(tx) && k.lower(i) != tx {
			return -1
		}
	}
	return -1
}
