package quotes

import (
	"sort"
	"strings"

	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
)

// unit is a word or a synonym group after canonicalization.
type unit struct {
	canon string
	kind  int
	raw   string
}

// canonUnits maps lowercase words to units, longest synonym first; a
// modifier reading wins only before a post ("deputy chairman").
func (lx *lex) canonUnits(words []string) []unit {
	var out []unit
	for i := 0; i < len(words); {
		var best *synonym
		var mod *synonym
		for k := range lx.syn[words[i]] {
			s := &lx.syn[words[i]][k]
			if i+len(s.words) > len(words) || !wordsAt(words, i, s.words) {
				continue
			}
			if s.kind == unitModifier {
				if mod == nil {
					mod = s
				}
				continue
			}
			if best == nil || len(s.words) > len(best.words) {
				best = s
			}
		}
		if mod != nil && (best == nil || len(mod.words) >= len(best.words)) {
			j := i + len(mod.words)
			if best == nil || (j < len(words) && lx.startsPost(words, j)) {
				best = mod
			}
		}
		if best == nil {
			out = append(out, unit{canon: words[i], kind: unitPlain, raw: words[i]})
			i++
			continue
		}
		out = append(out, unit{canon: best.canon, kind: best.kind, raw: strings.Join(words[i:i+len(best.words)], " ")})
		i += len(best.words)
	}
	return out
}

func wordsAt(words []string, i int, w []string) bool {
	for k, x := range w {
		if words[i+k] != x {
			return false
		}
	}
	return true
}

func (lx *lex) startsPost(words []string, j int) bool {
	for _, s := range lx.syn[words[j]] {
		if s.kind == unitPost && j+len(s.words) <= len(words) && wordsAt(words, j, s.words) {
			return true
		}
	}
	return false
}

// titleKey is a title phrase or a role, reduced for comparison.
type titleKey struct {
	posts    map[string]bool
	rawPosts string
	mods     map[string]bool
	quals    map[string]bool
}

func (lx *lex) key(titleWords []string, orgs []string) titleKey {
	k := titleKey{posts: map[string]bool{}, mods: map[string]bool{}, quals: map[string]bool{}}
	var raw []string
	for _, u := range lx.canonUnits(titleWords) {
		switch u.kind {
		case unitPost:
			k.posts[u.canon] = true
			raw = append(raw, u.raw)
		case unitModifier:
			k.mods[u.canon] = true
		default:
			if !qualStop[u.canon] && isWord(u.canon) {
				k.quals[qualForm(u.canon)] = true
			}
		}
	}
	k.rawPosts = strings.Join(raw, " ")
	for _, o := range orgs {
		for _, u := range lx.canonUnits(wordsOf(o)) {
			if !qualStop[u.canon] && isWord(u.canon) {
				k.quals[qualForm(u.canon)] = true
			}
		}
	}
	return k
}

// wordsOf splits a name into lowercase words, dropping punctuation.
func wordsOf(s string) []string {
	var out []string
	for _, f := range strings.Fields(strings.ToLower(s)) {
		f = strings.Trim(f, ",.;:()[]\"“”«»‘’'")
		f = strings.TrimSuffix(strings.TrimSuffix(f, "’s"), "'s")
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

type roleKey struct {
	personID string
	key      titleKey
}

// roleKeys prepares the document's roles once.
func (st *state) roleKeys() []roleKey {
	if st.roles != nil {
		return st.roles
	}
	st.roles = []roleKey{}
	for _, r := range st.in.Roles {
		var orgs []string
		if r.OrgName != "" {
			orgs = append(orgs, r.OrgName)
		}
		var o *doc.Organization
		if r.OrgID != "" {
			o = st.orgs[r.OrgID]
		}
		if o == nil && r.OrgName != "" {
			for i := range st.in.Orgs {
				if strings.EqualFold(st.in.Orgs[i].Name, r.OrgName) {
					o = &st.in.Orgs[i]
					break
				}
			}
		}
		if o != nil {
			orgs = append(orgs, o.Name, o.Acronym)
			orgs = append(orgs, o.Aliases...)
		}
		st.roles = append(st.roles, roleKey{personID: r.PersonID, key: st.lx.key(wordsOf(r.Title), orgs)})
	}
	return st.roles
}

// resolveTitle resolves a title reference in tokens [s, e) ("the head of the
// Republican Staff") to the person holding that role.
func (st *state) resolveTitle(s, e, pos int) *who {
	np := st.lx.key(st.titleWords(s, e), nil)
	if len(np.posts) == 0 {
		return nil
	}
	if np.posts["speaker"] && len(np.posts) == 1 && len(np.quals) == 0 && !st.hasSpeakerRole() {
		return st.speakerRef(pos)
	}
	best, weak := st.matchRoles(np, pos)
	if best.id != "" {
		conf := float32(confTitle)
		if best.score < 2.5 {
			conf -= 0.1
		}
		return st.roleWho(best.id, conf, s, sieveTitleRole)
	}
	if w := st.titleNearMention(np, pos, s); w != nil {
		return w
	}
	if weak.id != "" {
		return st.roleWho(weak.id, confTitle-0.25, s, sieveTitleWeak)
	}
	if st.genericOnly(np) {
		return st.genericRef(np, s, pos)
	}
	return nil
}

// titleWords are the words of a title phrase [s, e) without possessive
// endings and forms of address; an honorific stays when it names a post
// itself ("the youth chief").
func (st *state) titleWords(s, e int) []string {
	var words []string
	for t := s; t < e; t++ {
		w := strings.TrimSuffix(strings.TrimSuffix(st.low[t], "’s"), "'s")
		if isWord(w) && (!st.lx.honorifics[strings.TrimSuffix(w, ".")] || st.lx.postWords[w]) {
			words = append(words, w)
		}
	}
	return words
}

// roleMatch is a person whose role matched a title phrase, with the
// score and the offset of the person's last mention before the phrase.
type roleMatch struct {
	id    string
	score float64
	at    int
}

// matchRoles is the best role holder for np (score at least 1.5; ties go
// to the one mentioned last) and the weak one: same post, another body as
// far as the words tell, used only when no person in the text is
// introduced with the post.
func (st *state) matchRoles(np titleKey, pos int) (best, weak roleMatch) {
	best = roleMatch{score: 1.5, at: -2}
	weak = roleMatch{score: 0.5, at: -2}
	for _, rk := range st.roleKeys() {
		sc, ok := matchTitle(np, rk.key)
		if !ok {
			continue
		}
		at := st.lastMentionBefore(rk.personID, pos)
		if sc < best.score {
			if sc > weak.score || sc == weak.score && (weak.id == "" || at > weak.at) {
				weak = roleMatch{rk.personID, sc, at}
			}
			continue
		}
		if sc > best.score || (sc == best.score && best.id != "" && at > best.at) || (sc == best.score && best.id == "") {
			best = roleMatch{rk.personID, sc, at}
		}
	}
	return best, weak
}

// roleWho is the speaker for a role holder found by a title phrase at s.
func (st *state) roleWho(id string, conf float32, s int, r *rules.Rule) *who {
	w := &who{id: id, name: id, attr: doc.AttrTitle, conf: conf, at: st.toks[s].Start, rule: r}
	if p, ok := st.people[id]; ok {
		w.name = p.Name
	}
	return w
}

// genericRef resolves a generic person noun no role or apposition gave a
// holder: nobody after an indefinite one ("A city official who was not
// authorized to speak said … “…,” the official said"), else the person
// just speaking or spoken of.
func (st *state) genericRef(np titleKey, s, pos int) *who {
	if at := st.indefiniteBefore(np, pos); at >= 0 && (st.last == nil || at > st.lastAt) {
		return &who{attr: doc.AttrNone, conf: confUnknown, at: st.toks[s].Start, rule: sieveIndefinite}
	}
	if w := st.speakerRef(pos); w != nil && w.id != "" {
		w.rule, w.attr, w.conf = sieveGeneric, doc.AttrTitle, confTitle-0.25
		return w
	}
	return nil
}

// indefiniteBefore is the offset of the latest indefinite phrase of one of
// np's generic posts ("a senior Pentagon official") in the three
// paragraphs before pos, outside quotes; -1 when there is none.
func (st *state) indefiniteBefore(np titleKey, pos int) int {
	end := st.tokAt(pos)
	p := st.seg.ParagraphOf(pos)
	from := 0
	if p-3 >= 0 && p-3 < len(st.seg.Paragraphs) {
		from = st.tokAt(st.seg.Paragraphs[p-3].Start)
	}
	for t := end - 1; t >= from; t-- {
		if st.inQ[t] || !np.posts[st.lx.canonWord(st.low[t])] {
			continue
		}
		for k := t - 1; k >= from && k >= t-6; k-- {
			w := st.low[k]
			if w == "a" || w == "an" {
				return st.toks[k].Start
			}
			if !st.wordAt(k) || w == "the" || st.inQ[k] {
				break
			}
		}
	}
	return -1
}

// canonWord is the canonical post a single word names ("organiser" ->
// "organizer"), "" when none.
func (lx *lex) canonWord(w string) string {
	for _, s := range lx.syn[w] {
		if len(s.words) == 1 && s.kind == unitPost {
			return s.canon
		}
	}
	return ""
}

// genericOnly reports a title phrase whose posts are all generic person
// nouns ("the official") and that names no body.
func (st *state) genericOnly(np titleKey) bool {
	if len(np.quals) > 0 || len(np.posts) == 0 {
		return false
	}
	for p := range np.posts {
		if !st.lx.generic[p] {
			return false
		}
	}
	return true
}

func (st *state) hasSpeakerRole() bool {
	for _, rk := range st.roleKeys() {
		if rk.key.posts["speaker"] {
			return true
		}
	}
	return false
}

// matchTitle scores a title phrase against a role: the posts must agree
// (through synonyms), modifiers ("deputy") must agree, and qualifier words
// (the organization) should overlap.
func matchTitle(np, r titleKey) (float64, bool) {
	shared, related := false, false
	for p := range np.posts {
		if r.posts[p] {
			shared = true
		}
		if q, ok := relatedPosts[p]; ok && r.posts[q] {
			related = true
		}
	}
	sc := 2.0
	switch {
	case shared:
	case related && len(np.quals) > 0:
		// "the Majilis speaker" for the Chairman of the Majilis: only when
		// the body agrees.
		sc = 0.5
	default:
		return 0, false
	}
	if np.rawPosts == r.rawPosts {
		sc++
	}
	if len(np.mods) != len(r.mods) {
		sc -= 2
	} else {
		for m := range np.mods {
			if !r.mods[m] {
				sc -= 2
				break
			}
		}
	}
	if len(np.quals) > 0 {
		n := 0
		for q := range np.quals {
			if r.quals[q] {
				n++
			}
		}
		ov := float64(n) / float64(len(np.quals))
		sc += 2 * ov
		if n == 0 && len(r.quals) > 0 {
			// Both name a body and the bodies differ: "the head of the
			// delegation" is not the Head of the Department.
			sc -= 2
		}
	}
	return sc, true
}

// titleNearMention is the fallback when no role matches: the most recent
// person mention before pos introduced with the post — right before it
// ("Prime Minister Askar Mamin"), in apposition after it, or earlier in its
// sentence together with the reference's qualifiers ("the head of the
// Republican Headquarters … Nurlan Uteshev" for "the head of the Republican
// Staff").
func (st *state) titleNearMention(np titleKey, pos, s int) *who {
	if w := st.titleNear(np, pos, true); w != nil {
		return w
	}
	// A headline or lead names the post before the person ("Minister
	// promises …" and the minister's name in the next paragraph).
	if st.seg.ParagraphOf(pos) <= 1 {
		return st.titleNear(np, pos, false)
	}
	return nil
}

func (st *state) titleNear(np titleKey, pos int, backward bool) *who {
	n := len(st.in.Mentions)
	limit := len(st.seg.Runes)
	if !backward && st.seg.ParagraphOf(pos)+2 < len(st.seg.Paragraphs) {
		limit = st.seg.Paragraphs[st.seg.ParagraphOf(pos)+2].End
	}
	first := sort.Search(n, func(i int) bool { return st.in.Mentions[i].Start >= pos })
	for j := 0; j < n; j++ {
		i := first - 1 - j
		if !backward {
			i = first + j
		}
		if i < 0 || i >= n {
			break
		}
		m := st.in.Mentions[i]
		if m.EntityType != doc.TypePerson || backward && m.Start >= pos || !backward && (m.Start <= pos || m.Start > limit) {
			continue
		}
		b, me := int(st.mtok[i].First), int(st.mtok[i].End)
		if b < len(st.inQ) && st.inQ[b] {
			continue
		}
		near, wide := st.wordsAround(b, me)
		if k := st.lx.key(near, nil); st.postsMatch(np, near) && (len(np.quals) == 0 || overlap(np.quals, k.quals) > 0) {
			return st.personWho(m, doc.AttrTitle, confTitle-0.15, sieveTitleNear)
		}
		if st.genericOnly(np) && st.postsMatch(np, wide) {
			// "The bill's sponsor, Rep. Ann Lee, …" for "the sponsor"
			return st.personWho(m, doc.AttrTitle, confTitle-0.2, sieveTitleNear)
		}
		if len(np.quals) > 0 {
			if k := st.lx.key(wide, nil); st.postsMatch(np, wide) && overlap(np.quals, k.quals) >= 0.5 {
				return st.personWho(m, doc.AttrTitle, confTitle-0.2, sieveTitleNear)
			}
		}
	}
	return nil
}

// wordsAround returns the words that may state the post of the person
// mention at tokens [b, e): near, right before it (up to a comma, a dash or
// a sentence end, six words at most) and in apposition after it; wide, the
// sentence before it up to 30 words or an earlier person.
func (st *state) wordsAround(b, e int) (near, wide []string) {
	ss := st.sentStart(b)
	adjacent := true
	for t := b - 1; t >= ss && t >= b-30; t-- {
		if _, ok := st.personAt(t); ok {
			break // an earlier title belongs to that person
		}
		w := st.low[t]
		if t+1 < b && st.low[t+1] == "by" && byHead[w] != "" {
			// "a delegation … headed by its Deputy Chairman X": X is the
			// head of the delegation.
			w = byHead[w]
		}
		if w == "," || (isEndPunct(w) && !st.honorDot(t)) || isDashTok(w) || b-t > 6 {
			adjacent = false
		}
		if adjacent {
			near = append([]string{w}, near...)
		}
		wide = append([]string{w}, wide...)
	}
	if e < len(st.low) && st.low[e] == "," {
		for t := e + 1; t < len(st.low) && t <= e+8; t++ {
			if st.low[t] == "," || isEndPunct(st.low[t]) {
				break
			}
			near = append(near, st.low[t])
		}
	}
	return near, wide
}

// postsMatch reports whether words hold one of the reference's posts with
// the same modifier ("head" matches "the head of …", not "Deputy Chairman").
func (st *state) postsMatch(np titleKey, words []string) bool {
	prevMod := ""
	for _, u := range st.lx.canonUnits(words) {
		if u.kind == unitPost && np.posts[u.canon] {
			if prevMod == "" && len(np.mods) == 0 || prevMod != "" && np.mods[prevMod] {
				return true
			}
		}
		if u.kind == unitModifier {
			prevMod = u.canon
		} else {
			prevMod = ""
		}
	}
	return false
}

func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// speakerRef resolves "the speaker": the person most recently speaking or
// introduced as speaking — the latest of the last quote's speaker, the
// subject of a recent sentence and a person introduced as taking the floor
// since that quote, else the nearest person mention.
func (st *state) speakerRef(pos int) *who {
	sent := st.seg.SentenceOf(pos)
	var subj *who
	for k := sent - 1; k >= 0 && k >= sent-3; k-- {
		if st.sentInQuote(k) {
			continue
		}
		if w := st.subject(k, 0); w != nil && w.id != "" {
			subj = w
			break
		}
	}
	pick := subj
	if in := st.introduced(pos, ""); in != nil && (pick == nil || in.at >= pick.at) {
		pick = in
	}
	if st.last != nil && st.last.id != "" && (pick == nil || st.lastAt > pick.at) && st.paraDist(st.lastAt, pos) <= 3 {
		pick = st.last
	}
	if pick == nil {
		m, ok := st.recentPerson(pos, "")
		if !ok {
			return nil
		}
		return st.personWho(m, doc.AttrTitle, confTitle-0.2, sieveSpeakerRef)
	}
	return &who{id: pick.id, name: pick.name, attr: doc.AttrTitle, conf: confTitle - 0.1, at: pos, rule: sieveSpeakerRef, src: pick.src}
}

// introAt reports a phrase at token t that introduces someone as taking the
// floor: a quotes_intro.txt phrase or a reporting verb.
func (st *state) introAt(t int) bool {
	if st.inQ[t] {
		return false
	}
	for _, w := range st.lx.intro[st.low[t]] {
		if t+len(w) <= len(st.low) && wordsAt(st.low, t, w) {
			return true
		}
	}
	if c, ok := st.cueAt(t); ok && !c.prep {
		_, inMention := st.mention(t)
		return !inMention
	}
	return false
}

// introduced finds the person that a sentence written since the previous
// quote introduces as taking the floor ("The chairman of … shared his
// opinion … Toleubek Mukashev."), looking back at most three sentences
// before offset pos: the sentence's subject, else the person mention
// nearest the introducing phrase. Such a person, not the previous quote's
// speaker, is who "the speaker" or "he" points to.
func (st *state) introduced(pos int, gender string) *who {
	sent := st.seg.SentenceOf(pos)
	stop := 0
	if st.last != nil {
		stop = st.tokAt(st.lastEnd)
	}
	for k := sent - 1; k >= 0 && k >= sent-3 && k < len(st.seg.SentTokens); k-- {
		a, b := st.seg.SentTokens[k][0], st.seg.SentTokens[k][1]
		if a < stop || st.sentHasQuote(a, b) {
			break
		}
		intro := -1
		for t := a; t < b; t++ {
			if st.introAt(t) {
				intro = t
				break
			}
		}
		if intro < 0 {
			continue
		}
		if w := st.subject(k, 0); w != nil && w.id != "" && st.compatible(w.id, gender) {
			return w
		}
		var best *doc.Mention
		bestD := 0
		for t := a; t < b; t++ {
			m, ok := st.personAt(t)
			if !ok {
				continue
			}
			ma, me := st.mentToks(t)
			t = me - 1
			if !st.eligibleToks(ma, me) || !st.compatible(m.EntityID, gender) {
				continue
			}
			d := t - intro
			if d < 0 {
				d = -d
			}
			if best == nil || d < bestD {
				mm := m
				best, bestD = &mm, d
			}
		}
		if best != nil {
			return st.personWho(*best, doc.AttrExplicit, confExplicitBefore, sieveIntroduced)
		}
	}
	return nil
}

// qualForm folds adjective forms of a qualifier onto the noun ("regional"
// matches "region", "national" matches "nation").
func qualForm(w string) string {
	if len(w) > 6 && strings.HasSuffix(w, "al") {
		return strings.TrimSuffix(w, "al")
	}
	return w
}
