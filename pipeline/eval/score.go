package eval

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Tables lists every scorable table in score.py's order.
var Tables = []string{"people", "roles", "organizations", "locations", "dates", "quotes"}

// Options choose what Score reports.
type Options struct {
	Tables []string // tables to score; empty: the corpus SCOPE, or all six
	Errors int      // list up to this many missed/spurious items per table (0: none)
	PerDoc bool     // add per-document figures
}

// Figures are the counts of one table and the figures derived from them; a
// figure whose denominator is 0 is nil (null in JSON, "-" in tables).
type Figures struct {
	Gold      int      `json:"gold"`
	Pred      int      `json:"pred"`
	Matched   int      `json:"matched"`
	Precision *float64 `json:"precision"`
	Recall    *float64 `json:"recall"`
	F1        *float64 `json:"f1"`
}

// Attribution is quote attribution accuracy: among matched gold quotes with
// a speaker, how many got the right predicted speaker.
type Attribution struct {
	Total    int      `json:"total"`
	Correct  int      `json:"correct"`
	Accuracy *float64 `json:"accuracy"`
}

// TableFigures are the figures of one named table.
type TableFigures struct {
	Table string
	Figures
}

// DocFigures are one document's figures (Result.PerDoc).
type DocFigures struct {
	ID             string
	Predicted      bool
	Tables         []TableFigures
	QuotesEndToEnd *Figures     // set when quotes are scored
	Attribution    *Attribution // set when quotes are scored
}

// TableErrors are score.py's error lists for one table: each item is
// "DOC_ID: item", at most Options.Errors of them, with the full counts.
// WrongSpeaker is used for quotes only.
type TableErrors struct {
	Table             string
	Missed            []string
	Spurious          []string
	WrongSpeaker      []string
	MissedTotal       int
	SpuriousTotal     int
	WrongSpeakerTotal int
}

// Item is one gold or predicted item, as kept in the details.
type Item struct {
	Label   string   // the item as score.py lists it, without the document id
	Name    string   // people, organizations, locations: name; roles: the person's name
	Aliases []string // people, organizations, locations: aliases; roles: the person's (to find it in the text)
	Title   string   // roles
	Org     string   // roles: "" when none
	Value   string   // dates: trimmed value ("" when none)
	Text    string   // dates: text as written; quotes: the full quote text
	Speaker *string  // quotes: nil when none
}

// Match is a gold item paired with the prediction that matched it.
type Match struct {
	Gold Item
	Pred Item
	F1   float64 // quotes: token F1 of the pair; 1 elsewhere
}

// TableDetail is what happened to every item of one table in one document.
// Matched is in gold order, Missed in gold order, Spurious in prediction order.
type TableDetail struct {
	Table        string
	Matched      []Match
	Missed       []Item
	Spurious     []Item
	WrongSpeaker []Match // quotes: matched pairs whose gold speaker was not predicted
	EndToEnd     int     // quotes: pairs matched on text and speaker
}

// DocDetail holds the per-table details of one gold document.
type DocDetail struct {
	ID        string
	Predicted bool
	Tables    []TableDetail
}

// Result is everything Score computes. It marshals to the JSON of
// `score.py --json` (same keys, nesting and key order); Details are extra and
// not marshalled.
type Result struct {
	Documents                  int
	DocumentsWithoutPrediction []string
	ExtraPredictions           []string
	Tables                     []TableFigures
	QuoteAttribution           *Attribution // set when quotes are scored
	QuotesEndToEnd             *Figures     // set when quotes are scored
	PerDoc                     []DocFigures // non-nil when Options.PerDoc
	Errors                     []TableErrors
	HasErrors                  bool // Options.Errors > 0: errors and error_totals are written
	Scope                      []string
	Warnings                   []string
	Details                    []DocDetail
	// Identity is set by the caller when the corpus has an identity.json
	// (ScoreIdentity); marshalled as "identity", after score.py's keys.
	Identity *IdentityResult
	// CorpusDir is the corpus folder as given to plenary eval, marshalled
	// as "corpus_dir" after score.py's keys, so that plenary report finds
	// the documents without --corpus. Empty: not written.
	CorpusDir string
}

// Table returns the figures of one table.
func (r Result) Table(name string) (Figures, bool) {
	for _, t := range r.Tables {
		if t.Table == name {
			return t.Figures, true
		}
	}
	return Figures{}, false
}

// ParseTables reads a comma-separated table list ("people,quotes"), rejecting
// unknown names. Empty entries are skipped.
func ParseTables(s string) ([]string, error) {
	var out, bad []string
	for _, t := range strings.Split(s, ",") {
		t = strings.TrimSpace(t)
		switch {
		case t == "":
		case slices.Contains(Tables, t):
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		default:
			bad = append(bad, t)
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("unknown table(s): %s (known: %s)", strings.Join(bad, ", "), strings.Join(Tables, ", "))
	}
	return out, nil
}

func prf(gold, pred, tp int) Figures {
	f := Figures{Gold: gold, Pred: pred, Matched: tp}
	if pred > 0 {
		f.Precision = ratio(tp, pred)
	}
	if gold > 0 {
		f.Recall = ratio(tp, gold)
	}
	if gold+pred > 0 {
		f.F1 = ratio(2*tp, gold+pred)
	}
	return f
}

func ratio(a, b int) *float64 {
	x := float64(a) / float64(b)
	return &x
}

// Score compares predictions (by document id) with the gold corpus exactly as
// score.py does, micro-averaging counts over the corpus documents. A document
// without a prediction counts as all missed; predictions for ids not in the
// corpus are listed and ignored.
func Score(c *Corpus, preds map[string]Prediction, opt Options) Result {
	if c == nil {
		c = &Corpus{Scope: Tables}
	}
	res := Result{
		Documents:                  len(c.Docs),
		DocumentsWithoutPrediction: []string{},
		ExtraPredictions:           []string{},
		Warnings:                   append([]string{}, c.Warnings...),
	}
	tables := c.Scope
	if c.Scope == nil && !c.HasScope {
		tables = Tables
	}
	if len(opt.Tables) > 0 {
		tables = nil
		for _, t := range opt.Tables {
			switch {
			case !slices.Contains(Tables, t):
				res.Warnings = append(res.Warnings, fmt.Sprintf("unknown table %q ignored", t))
			case !slices.Contains(tables, t):
				tables = append(tables, t)
			}
		}
	}
	tables = append([]string{}, tables...)
	res.Scope = tables
	quotes := slices.Contains(tables, "quotes")

	totals := make(map[string]*Figures, len(tables))
	errs := make(map[string]*TableErrors, len(tables))
	for _, t := range tables {
		totals[t] = &Figures{}
		errs[t] = &TableErrors{Table: t}
	}
	var attr Attribution
	var e2e Figures
	if opt.PerDoc {
		res.PerDoc = []DocFigures{}
	}
	gold := make(map[string]bool, len(c.Docs))
	for _, d := range c.Docs {
		gold[d.ID] = true
	}
	for _, d := range c.Docs {
		p, ok := preds[d.ID]
		if !ok {
			res.DocumentsWithoutPrediction = append(res.DocumentsWithoutPrediction, d.ID)
		}
		g := prepare(d.Gold)
		var pd prepDoc
		if ok {
			pd = prepare(p)
		}
		det := DocDetail{ID: d.ID, Predicted: ok}
		fig := DocFigures{ID: d.ID, Predicted: ok}
		for _, t := range tables {
			td := scoreTable(t, g, pd)
			det.Tables = append(det.Tables, td)
			ng, np, tp := td.counts()
			tot := totals[t]
			tot.Gold += ng
			tot.Pred += np
			tot.Matched += tp
			fig.Tables = append(fig.Tables, TableFigures{Table: t, Figures: prf(ng, np, tp)})
			te := errs[t]
			for _, it := range td.Missed {
				te.Missed = append(te.Missed, d.ID+": "+it.Label)
			}
			for _, it := range td.Spurious {
				te.Spurious = append(te.Spurious, d.ID+": "+it.Label)
			}
			if t == "quotes" {
				a := Attribution{}
				for _, m := range td.Matched {
					if m.Gold.Speaker != nil {
						a.Total++
					}
				}
				a.Correct = a.Total - len(td.WrongSpeaker)
				if a.Total > 0 {
					a.Accuracy = ratio(a.Correct, a.Total)
				}
				attr.Total += a.Total
				attr.Correct += a.Correct
				e2e.Gold += ng
				e2e.Pred += np
				e2e.Matched += td.EndToEnd
				de := prf(ng, np, td.EndToEnd)
				fig.QuotesEndToEnd = &de
				fig.Attribution = &a
				for _, m := range td.WrongSpeaker {
					te.WrongSpeaker = append(te.WrongSpeaker, fmt.Sprintf("%s: %s: gold %s, predicted %s",
						d.ID, pyRepr(pyShort(m.Gold.Text, 90)), spk(m.Gold.Speaker), spk(m.Pred.Speaker)))
				}
			}
		}
		res.Details = append(res.Details, det)
		if opt.PerDoc {
			res.PerDoc = append(res.PerDoc, fig)
		}
	}
	for id := range preds {
		if !gold[id] {
			res.ExtraPredictions = append(res.ExtraPredictions, id)
		}
	}
	slices.Sort(res.ExtraPredictions)
	for _, t := range tables {
		tot := totals[t]
		res.Tables = append(res.Tables, TableFigures{Table: t, Figures: prf(tot.Gold, tot.Pred, tot.Matched)})
	}
	if quotes {
		if attr.Total > 0 {
			attr.Accuracy = ratio(attr.Correct, attr.Total)
		}
		res.QuoteAttribution = &attr
		f := prf(e2e.Gold, e2e.Pred, e2e.Matched)
		res.QuotesEndToEnd = &f
	}
	if opt.Errors > 0 {
		res.HasErrors = true
		res.Errors = []TableErrors{}
		for _, t := range tables {
			te := *errs[t]
			te.MissedTotal, te.SpuriousTotal, te.WrongSpeakerTotal = len(te.Missed), len(te.Spurious), len(te.WrongSpeaker)
			te.Missed = nonNil(head(te.Missed, opt.Errors))
			te.Spurious = nonNil(head(te.Spurious, opt.Errors))
			te.WrongSpeaker = nonNil(head(te.WrongSpeaker, opt.Errors))
			res.Errors = append(res.Errors, te)
		}
	}
	if n := len(res.ExtraPredictions); n > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d prediction(s) for ids not in gold ignored", n))
	}
	if len(c.Docs) == 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("no *.gold.json files in %s", c.Dir))
	}
	return res
}

func head(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func (td TableDetail) counts() (gold, pred, matched int) {
	m := len(td.Matched)
	return m + len(td.Missed), m + len(td.Spurious), m
}

// ---------------------------------------------------------------- one document

// entity is a name with its normalized keys (name and aliases, "" dropped).
type entity struct {
	name    string
	aliases []string // as written; kept to find the item in the text
	key     string   // normalized name
	keys    []string
}

func newEntity(name string, aliases []string) entity {
	e := entity{name: name, aliases: aliases, key: Normalize(name, true)}
	add := func(k string) {
		if k != "" && !slices.Contains(e.keys, k) {
			e.keys = append(e.keys, k)
		}
	}
	add(e.key)
	for _, a := range aliases {
		add(Normalize(a, true))
	}
	return e
}

func (e entity) has(k string) bool { return slices.Contains(e.keys, k) }

type prole struct {
	person int // index into prepDoc.people
	title  string
	raw    string
	org    string
}

type pdate struct {
	value *string
	text  string
}

type pquote struct {
	text    string
	bag     bag
	speaker *string
}

type prepDoc struct {
	people, orgs, locs []entity
	roles              []prole
	dates              []pdate
	quotes             []pquote
	speakerKeys        map[string][]string // cache for speakerKeysOf
}

func prepare(p Prediction) prepDoc {
	var d prepDoc
	for _, per := range p.People {
		d.people = append(d.people, newEntity(per.Name, per.Aliases))
		for _, r := range per.Roles {
			org := ""
			if r.Org != nil {
				org = *r.Org
			}
			d.roles = append(d.roles, prole{person: len(d.people) - 1, title: Normalize(r.Title, true), raw: r.Title, org: org})
		}
	}
	for _, o := range p.Organizations {
		d.orgs = append(d.orgs, newEntity(o.Name, o.Aliases))
	}
	for _, l := range p.Locations {
		d.locs = append(d.locs, newEntity(l.Name, l.Aliases))
	}
	for _, dt := range p.Dates {
		pd := pdate{text: dt.Text}
		if v := strings.TrimFunc(dt.Value, pySpace); v != "" {
			pd.value = &v
		}
		d.dates = append(d.dates, pd)
	}
	for _, q := range p.Quotes {
		if q.Kind != "" && pyLower(strings.TrimFunc(q.Kind, pySpace)) != "direct" {
			continue // only direct speech is scored
		}
		pq := pquote{text: q.Text, bag: counted(tokens(q.Text))}
		if q.Speaker != nil && strings.TrimFunc(*q.Speaker, pySpace) != "" {
			s := *q.Speaker
			pq.speaker = &s
		}
		d.quotes = append(d.quotes, pq)
	}
	return d
}

// speakerKeysOf is score.py's Doc.speaker_keys: the normalized forms that
// identify a gold speaker: the keys of the first person whose name is the
// speaker, else of the first person having the speaker as an alias.
func (d *prepDoc) speakerKeysOf(speaker string) []string {
	if k, ok := d.speakerKeys[speaker]; ok {
		return k
	}
	ns := Normalize(speaker, true)
	var keys []string
	found := false
	for _, p := range d.people {
		if p.key == ns {
			keys, found = p.keys, true
			break
		}
	}
	if !found {
		for _, p := range d.people {
			if p.has(ns) {
				keys, found = p.keys, true
				break
			}
		}
	}
	if found {
		keys = append(append([]string{}, keys...), ns)
	} else if ns != "" {
		keys = []string{ns}
	}
	if d.speakerKeys == nil {
		d.speakerKeys = map[string][]string{}
	}
	d.speakerKeys[speaker] = keys
	return keys
}

func (d *prepDoc) speakerOK(gold, pred *string) bool {
	if gold == nil {
		return pred == nil
	}
	if pred == nil {
		return false
	}
	return slices.Contains(d.speakerKeysOf(*gold), Normalize(*pred, true))
}

func scoreTable(t string, g, p prepDoc) TableDetail {
	switch t {
	case "people":
		return scoreEntities(t, g.people, p.people)
	case "organizations":
		return scoreEntities(t, g.orgs, p.orgs)
	case "locations":
		return scoreEntities(t, g.locs, p.locs)
	case "roles":
		return scoreRoles(g, p)
	case "dates":
		return scoreDates(g.dates, p.dates)
	case "quotes":
		return scoreQuotes(&g, p)
	}
	return TableDetail{Table: t}
}

// collect builds the details from a matching; items are made by the two
// functions, matched pairs listed in gold order.
func collect(t string, nGold int, match []int, goldItem, predItem func(int) Item) TableDetail {
	td := TableDetail{Table: t}
	predOf := make([]int, nGold)
	for i := range predOf {
		predOf[i] = -1
	}
	for i, g := range match {
		if g >= 0 {
			predOf[g] = i
		} else {
			td.Spurious = append(td.Spurious, predItem(i))
		}
	}
	for g, i := range predOf {
		if i >= 0 {
			td.Matched = append(td.Matched, Match{Gold: goldItem(g), Pred: predItem(i), F1: 1})
		} else {
			td.Missed = append(td.Missed, goldItem(g))
		}
	}
	return td
}

func scoreEntities(t string, gold, pred []entity) TableDetail {
	index := map[string][]int{}
	for g, e := range gold {
		for _, k := range e.keys {
			index[k] = append(index[k], g)
		}
	}
	compat := make([][]int, len(pred))
	for i, p := range pred {
		if p.key != "" {
			compat[i] = index[p.key]
		}
	}
	match := maxMatching(len(pred), len(gold), compat, nil)
	item := func(es []entity) func(int) Item {
		return func(i int) Item { return Item{Label: es[i].name, Name: es[i].name, Aliases: es[i].aliases} }
	}
	return collect(t, len(gold), match, item(gold), item(pred))
}

func scoreRoles(g, p prepDoc) TableDetail {
	byTitle := map[string][]int{}
	for i, r := range g.roles {
		byTitle[r.title] = append(byTitle[r.title], i)
	}
	compat := make([][]int, len(p.roles))
	for i, r := range p.roles {
		key := p.people[r.person].key
		if key == "" || r.title == "" {
			continue
		}
		for _, gi := range byTitle[r.title] {
			if g.people[g.roles[gi].person].has(key) {
				compat[i] = append(compat[i], gi)
			}
		}
	}
	match := maxMatching(len(p.roles), len(g.roles), compat, nil)
	item := func(d prepDoc) func(int) Item {
		return func(i int) Item {
			r := d.roles[i]
			name := d.people[r.person].name
			label := name + ": " + r.raw
			if r.org != "" {
				label += " (" + r.org + ")"
			}
			return Item{Label: label, Name: name, Aliases: d.people[r.person].aliases, Title: r.raw, Org: r.org}
		}
	}
	return collect("roles", len(g.roles), match, item(g), item(p))
}

func scoreDates(gold, pred []pdate) TableDetail {
	byValue := map[string][]int{}
	for i, d := range gold {
		if d.value != nil {
			byValue[*d.value] = append(byValue[*d.value], i)
		}
	}
	compat := make([][]int, len(pred))
	for i, d := range pred {
		if d.value != nil {
			compat[i] = byValue[*d.value]
		}
	}
	match := maxMatching(len(pred), len(gold), compat, nil)
	item := func(ds []pdate) func(int) Item {
		return func(i int) Item {
			d := ds[i]
			v := "None" // score.py prints a missing value as Python's None
			it := Item{Text: d.text}
			if d.value != nil {
				v = *d.value
				it.Value = v
			}
			it.Label = v
			if d.text != "" {
				it.Label = v + " (" + d.text + ")"
			}
			return it
		}
	}
	return collect("dates", len(gold), match, item(gold), item(pred))
}

type cand struct {
	g  int
	f1 float64
}

// quoteMatching is score.py's _quote_matching: candidates (F1 >= 0.8 and ok)
// best first, predictions tried in order of their best F1.
func quoteMatching(cands [][]cand, nGold int, ok func(i, g int) bool) []int {
	compat := make([][]int, len(cands))
	best := make([]float64, len(cands))
	for i, cs := range cands {
		for _, c := range cs {
			if ok == nil || ok(i, c.g) {
				if len(compat[i]) == 0 {
					best[i] = c.f1
				}
				compat[i] = append(compat[i], c.g)
			}
		}
	}
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(best[b], best[a]) })
	return maxMatching(len(cands), nGold, compat, order)
}

func scoreQuotes(g *prepDoc, p prepDoc) TableDetail {
	gq, pq := g.quotes, p.quotes
	cands := make([][]cand, len(pq))
	for i, q := range pq {
		for gi, gg := range gq {
			if f := tokenF1(q.bag, gg.bag); f >= quoteF1Threshold {
				cands[i] = append(cands[i], cand{gi, f})
			}
		}
		slices.SortStableFunc(cands[i], func(a, b cand) int { return cmp.Compare(b.f1, a.f1) })
	}
	match := quoteMatching(cands, len(gq), nil)
	item := func(qs []pquote) func(int) Item {
		return func(i int) Item {
			q := qs[i]
			return Item{Label: fmt.Sprintf("%s (speaker %s)", pyRepr(pyShort(q.text, 90)), spk(q.speaker)), Text: q.text, Speaker: q.speaker}
		}
	}
	td := collect("quotes", len(gq), match, item(gq), item(pq))
	// Fill in pair F1 and judge attribution, in gold order like score.py.
	k := 0
	predOf := make([]int, len(gq))
	for i := range predOf {
		predOf[i] = -1
	}
	for i, gi := range match {
		if gi >= 0 {
			predOf[gi] = i
		}
	}
	for gi, i := range predOf {
		if i < 0 {
			continue
		}
		m := &td.Matched[k]
		k++
		m.F1 = tokenF1(pq[i].bag, gq[gi].bag)
		if gq[gi].speaker != nil && !g.speakerOK(gq[gi].speaker, pq[i].speaker) {
			td.WrongSpeaker = append(td.WrongSpeaker, *m)
		}
	}
	e2e := quoteMatching(cands, len(gq), func(i, gi int) bool { return g.speakerOK(gq[gi].speaker, pq[i].speaker) })
	for _, gi := range e2e {
		if gi >= 0 {
			td.EndToEnd++
		}
	}
	return td
}

func spk(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}
