package entities

// A minister's portfolio stays in the title while no ministry is named
// (FORMAT). Entities keeps the portfolio a run holds ("Minister of Labor
// and Social Protection"); the rules here complete it across what ends a
// run: a list over commas ("Minister of Labour, Immigration and Training"),
// a lower-case field ("Secretary of State for transport"), a portfolio
// after a title entities cut before "for" ("Minister of State for
// Business"), and a portfolio joined by "and" before the title ("Labor and
// Social Security Minister"). Which titles take a portfolio, and after
// which words, is portfolio_titles.txt.

import (
	"slices"
	"strings"

	"plenary/pipeline/doc"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/rules"
)

var (
	rulePortfolioList = rules.New(rules.StageRoles, rules.End, "role.title.portfolio-list",
		"a minister's portfolio goes on over commas when \"and\" closes the list",
		"[Minister of Labour, Immigration and Training] Dana Kowal spoke.")
	rulePortfolioAfter = rules.New(rules.StageRoles, rules.End, "role.title.portfolio-after",
		"a title that takes a portfolio (portfolio_titles.txt) takes the fields after its \"for\"/\"of\" when the first names a portfolio (org_words.txt), lower-case too",
		"Mick Cash met Chris Hale, [Secretary of State for transport], on Monday.")
	rulePortfolioAnd = rules.New(rules.StageRoles, rules.Start, "role.title.portfolio-and",
		"a portfolio before the title, joined to it by \"and\", belongs to it",
		"[Trade and Industry Minister] Dana Kowal spoke.")
	ruleTitleCommaName = rules.New(rules.StageRoles, rules.Link, "role.link.title-comma-name",
		"a title no rule linked, followed by \", NAME,\" or \", BODY, NAME;\", belongs to that person",
		"Director-General, Maritime Safety Agency, [Bashir Musa]; and others attended.")
	ruleRoleTitleBeforeName = rules.New(rules.StageRoles, rules.Link, "role.link.title-name",
		"a title no rule linked, right before a person's name, belongs to that person",
		"Minister of Labour, Immigration, Training and Skills Development [Dana Kowal] spoke.")
)

// portfolioHeads reads portfolio_titles.txt: a title (lower case) and the
// words that introduce its portfolio.
func portfolioHeads(lx *lexicon.Lexicon) map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, e := range lx.List("portfolio_titles") {
		preps := map[string]bool{}
		for i := 1; i < len(e); i++ {
			preps[e.Field(i)] = true
		}
		m[strings.ToLower(e.Key())] = preps
	}
	return m
}

// portfolio completes title t's portfolio; it returns t unchanged when no
// rule applies.
func (k *linker) portfolio(t Title, tr *rules.Trace) Title {
	a, b := k.tokenRange(t.Span)
	if a >= b || t.Sentence < 0 || t.Sentence >= len(k.d.SentTokens) {
		return t
	}
	first, end := k.d.SentTokens[t.Sentence][0], k.d.SentTokens[t.Sentence][1]
	words := strings.Fields(strings.ToLower(t.Text))
	hasPortfolio, head := k.portfolioShape(words)
	if !hasPortfolio && !head {
		return t
	}
	out := t
	if hasPortfolio {
		// "Minister of Labor" + ", Social Security and Migration"
		if e, closed := k.fieldList(b, end, false, false); closed && e > b {
			out = k.extend(out, a, e, rulePortfolioList, tr)
		}
	} else if b+1 < end && k.headPreps(words)[k.lower(b)] {
		// "Secretary of State" + "for transport"
		// its first field must name a portfolio (org_words.txt: Health,
		// Transport): "regional secretary for Gauteng" names a place
		if e, closed := k.fieldList(b+1, end, true, true); e > b+1 && k.is(b+1, lexicon.OrgWord) && (closed || k.singleField(b+1, e)) {
			out = k.extend(out, a, e, rulePortfolioAfter, tr)
		}
	}
	if a2 := k.portfolioBefore(a, first, words); a2 < a {
		_, e := k.tokenRange(out.Span)
		out = k.extend(out, a2, e, rulePortfolioAnd, tr)
	}
	return out
}

// portfolioShape reports whether title words already hold a portfolio ("a
// head, its preposition, a field") and whether they end with a head that
// takes one.
func (k *linker) portfolioShape(words []string) (hasPortfolio, head bool) {
	if k.headPreps(words) != nil {
		return false, true // "Minister of State" is a head, not "Minister" of "State"
	}
	for i := range words {
		for j := i + 1; j <= len(words); j++ {
			preps, ok := k.w.portfolio[strings.Join(words[i:j], " ")]
			if !ok {
				continue
			}
			if j < len(words)-1 && preps[words[j]] {
				hasPortfolio = true
			}
		}
	}
	return hasPortfolio, head
}

// headPreps returns the words that introduce the portfolio of the head
// title words end with (nil when they end with none).
func (k *linker) headPreps(words []string) map[string]bool {
	for i := range words {
		if p, ok := k.w.portfolio[strings.Join(words[i:], " ")]; ok {
			return p
		}
	}
	return nil
}

// fieldList reads a list of fields from token i: capitalized words (and,
// when lower is set, one lower-case field word first) separated by commas
// and "and". When first is false the list's first field is already read
// (the portfolio inside the title) and i is at a separator. It returns
// where the list ends and whether "and" closed it; a list over commas that
// "and" does not close ("Minister of Labor, Anna Berg") keeps only its
// first field.
func (k *linker) fieldList(i, end int, lower, first bool) (int, bool) {
	e, closed := i, false
	if first {
		f := k.field(i, end, lower)
		if f == i {
			return i, false
		}
		e, i = f, f
	}
	for i < end {
		j, and := i, false
		switch k.lower(j) {
		case ",":
			j++
			if j < end && k.lower(j) == "and" {
				j, and = j+1, true
			}
		case "and":
			j, and = j+1, true
		default:
			return e, closed
		}
		f := k.field(j, end, false)
		if f == j {
			return e, closed
		}
		if and {
			e, closed = f, true
		}
		i = f
	}
	return e, closed
}

// field returns where the field starting at i ends (i when none starts
// there): capitalized words outside any person's or place's name, or a
// lower-case field word.
func (k *linker) field(i, end int, lower bool) int {
	j := i
	for j < end && isCap(k.d.Tokens[j].Text) && !k.inPerson(j) && !k.inPlace(j) {
		j++
	}
	if j == i && lower && i < end && k.is(i, lexicon.OrgWord) && k.lower(i) == k.d.Tokens[i].Text {
		return i + 1
	}
	return j
}

// singleField reports whether [i, e) is one field ending the phrase: a
// comma, the sentence end or a name follows.
func (k *linker) singleField(i, e int) bool {
	if e >= len(k.d.Tokens) || k.d.Tokens[e].Sentence != k.d.Tokens[i].Sentence {
		return true
	}
	if _, ok := k.personAt[e]; ok {
		return true
	}
	switch k.d.Tokens[e].Text {
	case ",", ".", ";", ")", ":":
		return true
	}
	return false
}

// portfolioBefore returns where a portfolio joined by "and" before a
// portfolio-first title starts ("Labor and" before "Social Security
// Minister"): one or two capitalized org words outside any name, after
// which no capitalized word stands. a when there is none.
func (k *linker) portfolioBefore(a, first int, words []string) int {
	if len(words) < 2 || k.w.portfolio[words[len(words)-1]] == nil || k.w.portfolio[words[0]] != nil {
		return a
	}
	if a-2 < first || k.lower(a-1) != "and" {
		return a
	}
	s := a - 1
	for s > first && s > a-4 && isCap(k.d.Tokens[s-1].Text) && k.is(s-1, lexicon.OrgWord) && !k.inPerson(s-1) && !k.inName[s-1] {
		s--
	}
	if s == a-1 || s > first && isCap(k.d.Tokens[s-1].Text) {
		return a
	}
	return s
}

// extend gives t the span of tokens [a, e) and its text as written.
func (k *linker) extend(t Title, a, e int, r *rules.Rule, tr *rules.Trace) Title {
	sp := doc.Span{Start: k.d.Tokens[a].Start, End: k.d.Tokens[e-1].End}
	tr.Add(r, t.Span, sp)
	t.Span, t.Text = sp, k.d.Slice(sp)
	return t
}

// inPerson reports whether token i is inside a person's name.
func (k *linker) inPerson(i int) bool { return k.tokKind[i] == kindPerson }

// inPlace reports whether token i is inside a place's name.
func (k *linker) inPlace(i int) bool { return k.tokKind[i] == kindPlace }

// portfolioKey is a minister's post by its head word and portfolio,
// however written: "secretary|transport" for "Transport Secretary" and
// "Secretary of State for transport"; "" for a title without both.
func (w *lexWords) portfolioKey(title string) string {
	words := strings.Fields(strings.ToLower(title))
	head := ""
	var hw []string
	for i := range words {
		for j := len(words); j > i; j-- {
			if _, ok := w.portfolio[strings.Join(words[i:j], " ")]; ok && j-i > len(hw) {
				head, hw = words[i], words[i:j]
			}
		}
	}
	if head == "" {
		return ""
	}
	var fields []string
	for _, x := range words {
		x = strings.Trim(x, ",")
		if x == "" || x == "of" || x == "for" || x == "and" || x == "the" || slices.Contains(hw, x) {
			continue
		}
		fields = append(fields, x)
	}
	if len(fields) == 0 {
		return ""
	}
	slices.Sort(fields)
	return head + "|" + strings.Join(fields, " ")
}
