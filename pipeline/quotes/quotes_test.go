package quotes

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"plenary/pipeline/doc"
)

// want is one expected quote: its text, kind, speaker name ("" for none) and
// attribution method ("" to skip the check).
type want struct {
	text, kind, speaker, attr string
}

func person(id, name, gender string, aliases ...string) ent {
	return ent{id: id, typ: doc.TypePerson, name: name, gender: gender, aliases: aliases}
}

func org(id, name string, aliases ...string) ent {
	return ent{id: id, typ: doc.TypeOrganization, name: name, aliases: aliases}
}

func d(text, speaker, attr string) want { return want{text, doc.Direct, speaker, attr} }

var (
	ospanov = person("p1", "Marat Ospanov", "m", "Ospanov")
	nurova  = person("p2", "Asel Nurova", "f", "Nurova")
)

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		ents  []ent
		roles []role
		want  []want // every direct quote, in order; indirect ones listed are required
	}{
		{
			name: "straight quotes, said X",
			text: `"We will raise the minimum wage next year," said Marat Ospanov, head of the union.`,
			ents: []ent{ospanov},
			want: []want{d("We will raise the minimum wage next year,", "Marat Ospanov", doc.AttrExplicit)},
		},
		{
			name: "guillemets, X said",
			text: "«Our country remains open to foreign investors,» Ospanov said at the forum.",
			ents: []ent{ospanov},
			want: []want{d("Our country remains open to foreign investors,", "Marat Ospanov", doc.AttrExplicit)},
		},
		{
			name: "cue then colon",
			text: "Speaking to the delegates, Asel Nurova said: “The reform of the labour code is now complete.”",
			ents: []ent{nurova},
			want: []want{d("The reform of the labour code is now complete.", "Asel Nurova", doc.AttrExplicit)},
		},
		{
			name: "headline with all-caps name",
			text: "ASEL NUROVA: “WE ARE READY FOR AN HONEST DIALOGUE”\nThe union leader Asel Nurova met the workers of the plant on Friday.",
			ents: []ent{nurova},
			want: []want{d("WE ARE READY FOR AN HONEST DIALOGUE", "Asel Nurova", doc.AttrExplicit)},
		},
		{
			name: "pronoun after subject sentence",
			text: "Senator Jane Holloway spoke at the rally in Ohio on Monday. “This bill protects working families from rising costs,” she said.",
			ents: []ent{person("p1", "Jane Holloway", "f")},
			want: []want{d("This bill protects working families from rising costs,", "Jane Holloway", doc.AttrPronoun)},
		},
		{
			name: "pronoun by gender",
			text: "Tom Reed met Anna Price in Denver. “We agreed on the main points of the budget,” she said.",
			ents: []ent{person("p1", "Tom Reed", "m"), person("p2", "Anna Price", "f")},
			want: []want{d("We agreed on the main points of the budget,", "Anna Price", doc.AttrPronoun)},
		},
		{
			name:  "title reference through a synonym (akim/governor)",
			text:  "The session was chaired by the akim of the region Yerlan Dosayev.\n“All roads in the district must be repaired by the autumn,” the governor said.",
			ents:  []ent{person("p1", "Yerlan Dosayev", "m")},
			roles: []role{{"p1", "akim", ""}},
			want:  []want{d("All roads in the district must be repaired by the autumn,", "Yerlan Dosayev", doc.AttrTitle)},
		},
		{
			name: "title reference with an organization synonym (Staff/Headquarters)",
			text: "The head of the Regional Headquarters of the Teachers' Union Dina Ermekova and the Deputy Chairman of the union Ruslan Abenov visited the school.\n" +
				"Abenov thanked the teachers.\n“Every teacher must be able to live with dignity on a teacher's salary,” the head of the Regional Staff said.",
			ents:  []ent{person("p1", "Dina Ermekova", "f"), person("p2", "Ruslan Abenov", "m", "Abenov"), org("o1", "Regional Headquarters of the Teachers' Union")},
			roles: []role{{"p1", "head", "Regional Headquarters of the Teachers' Union"}, {"p2", "Deputy Chairman", "Teachers' Union"}},
			want:  []want{d("Every teacher must be able to live with dignity on a teacher's salary,", "Dina Ermekova", doc.AttrTitle)},
		},
		{
			name:  "Head of State is the President",
			text:  "President Kassym Tokayev met the ministers. Then the Prime Minister Alikhan Smailov reported on the harvest.\n«The harvest must reach every family at a fair price,» the Head of State said.",
			ents:  []ent{person("p1", "Kassym Tokayev", "m"), person("p2", "Alikhan Smailov", "m")},
			roles: []role{{"p1", "President", ""}, {"p2", "Prime Minister", ""}},
			want:  []want{d("The harvest must reach every family at a fair price,", "Kassym Tokayev", doc.AttrTitle)},
		},
		{
			name: "continuation in the next paragraph",
			text: "“The union will defend every worker who asks for help,” Ospanov said.\n“We have opened legal clinics in all fourteen regions of the country.”",
			ents: []ent{ospanov},
			want: []want{
				d("The union will defend every worker who asks for help,", "Marat Ospanov", doc.AttrExplicit),
				d("We have opened legal clinics in all fourteen regions of the country.", "Marat Ospanov", doc.AttrContinuation),
			},
		},
		{
			name: "multi-paragraph quote reopening the mark",
			text: "Nurova said:\n“The first task is to protect wages.\n“The second task is to make workplaces safe for everyone.”\nThe meeting ended at noon.",
			ents: []ent{nurova},
			want: []want{d("The first task is to protect wages. The second task is to make workplaces safe for everyone.", "Asel Nurova", doc.AttrExplicit)},
		},
		{
			name: "names, titles, programmes and scare quotes are not quotes",
			text: "Members of the «AMANAT» party and the “Organization of Veterans” joined the programme “Digital Skills for All”. " +
				"Twelve plants were categorized as “high risk” for accidents, and the chairman called the “Open Doors” project a success.",
			ents: []ent{org("o1", "AMANAT"), org("o2", "Organization of Veterans")},
			want: nil,
		},
		{
			name: "partial quote with a cue",
			text: "Ospanov called the agreement ‘a historic step for both countries’ and thanked the delegation.",
			ents: []ent{ospanov},
			want: []want{d("a historic step for both countries", "Marat Ospanov", doc.AttrExplicit)},
		},
		{
			name: "short partial quote inside a said-that clause",
			text: "Nurova said that the union welcomes “anyone willing to work”.",
			ents: []ent{nurova},
			want: []want{d("anyone willing to work", "Asel Nurova", doc.AttrExplicit)},
		},
		{
			name: "apostrophes are not quotes",
			text: "Kazakhstan’s exports grew faster than in the ‘90s, and the workers’ council doesn't expect a change, Ospanov's deputy said.",
			ents: []ent{ospanov},
			want: nil,
		},
		{
			name: "nested quotes stay in the text",
			text: "“My father told me ‘never give up’ and I have kept that promise all my life,” Ospanov said.",
			ents: []ent{ospanov},
			want: []want{d("My father told me ‘never give up’ and I have kept that promise all my life,", "Marat Ospanov", doc.AttrExplicit)},
		},
		{
			name: "mixed pair and a space before the closing mark",
			text: "“We are ready to sign the agreement today», Nurova said. «The talks took three long years ” , she added.",
			ents: []ent{nurova},
			want: []want{
				d("We are ready to sign the agreement today", "Asel Nurova", doc.AttrExplicit),
				d("The talks took three long years", "Asel Nurova", doc.AttrPronoun),
			},
		},
		{
			name: "unbalanced mark runs to the paragraph end",
			text: "Ospanov opened the meeting.\n“The union has grown by ten thousand members this year and keeps growing\nThe meeting then turned to wages.",
			ents: []ent{ospanov},
			want: []want{d("The union has grown by ten thousand members this year and keeps growing", "Marat Ospanov", doc.AttrContinuation)},
		},
		{
			name: "a statement as the source",
			text: "“All public events are cancelled until further notice,” the ministry said in a statement.",
			want: []want{d("All public events are cancelled until further notice,", "", doc.AttrNone)},
		},
		{
			name: "according to X before the quote",
			text: "According to Ospanov, “the new rules will take effect in January.”",
			ents: []ent{ospanov},
			want: []want{d("the new rules will take effect in January.", "Marat Ospanov", doc.AttrExplicit)},
		},
		{
			name: "the speaker is the person who just spoke",
			text: "Aliya Serikova, a nurse from Taraz, addressed the participants of the congress.\n“We need unity more than ever before in our history,” the speaker said.",
			ents: []ent{person("p1", "Aliya Serikova", "f")},
			want: []want{d("We need unity more than ever before in our history,", "Aliya Serikova", doc.AttrTitle)},
		},
		{
			name:  "US style: told reporters, former president",
			text:  "Former President Donald Trump held a rally in Iowa on Saturday.\n“It’s a disgrace and everybody knows it,” Trump told reporters after the rally.\n“We will win this state by a lot,” the former president said.",
			ents:  []ent{person("p1", "Donald Trump", "m", "Trump")},
			roles: []role{{"p1", "President", ""}},
			want: []want{
				d("It’s a disgrace and everybody knows it,", "Donald Trump", doc.AttrExplicit),
				d("We will win this state by a lot,", "Donald Trump", doc.AttrTitle),
			},
		},
		{
			name: "no speaker a reader could tell",
			text: "“Nobody knows what will happen to the factory next year.”\nThe factory employs two thousand people.",
			want: []want{d("Nobody knows what will happen to the factory next year.", "", "")},
		},
		{
			name: "cited words have no speaker",
			text: "Ospanov said removal of the words like “every citizen has the right to work” from the draft was a mistake.",
			ents: []ent{ospanov},
			want: []want{d("every citizen has the right to work", "", doc.AttrNone)},
		},
		{
			name: "indirect speech",
			text: "Ospanov opened the plenary session.\nAccording to him, the proposed amendments are aimed at protecting the rights of workers.\nNurova noted that the union had doubled its membership.",
			ents: []ent{ospanov, nurova},
			want: []want{
				{"the proposed amendments are aimed at protecting the rights of workers", doc.Indirect, "Marat Ospanov", doc.AttrPronoun},
				{"the union had doubled its membership", doc.Indirect, "Asel Nurova", doc.AttrExplicit},
			},
		},
		{
			// The clause after "that" opened with a comma: the quote's text
			// started ", by the federation's estimate".
			name: "indirect speech trimmed of leading punctuation",
			text: "Nurova said that, by the federation's estimate, 5,000 workers had joined the union.\nOspanov noted: – the plan is ready for the vote.",
			ents: []ent{ospanov, nurova},
			want: []want{
				{"by the federation's estimate, 5,000 workers had joined the union", doc.Indirect, "Asel Nurova", doc.AttrExplicit},
				{"the plan is ready for the vote", doc.Indirect, "Marat Ospanov", doc.AttrExplicit},
			},
		},
		{
			name: "US style: statement by an organization, apposition, split quote",
			text: "The White House said in a statement that the ruling was “deeply disappointing.”\n" +
				"Sen. Maria Lopez, D-Calif., who chairs the panel, said: “We will not let this stand.”\n" +
				"“We will fight,” Lopez said, “and we will win in the end.”\n" +
				"“The vote is next week.” The committee has twelve members.",
			ents: []ent{org("o1", "White House"), person("p1", "Maria Lopez", "f", "Lopez")},
			want: []want{
				d("deeply disappointing.", "", doc.AttrNone),
				d("We will not let this stand.", "Maria Lopez", doc.AttrExplicit),
				d("We will fight,", "Maria Lopez", doc.AttrExplicit),
				d("and we will win in the end.", "Maria Lopez", doc.AttrExplicit),
				d("The vote is next week.", "Maria Lopez", doc.AttrContinuation),
			},
		},
		{
			name: "partial quotes with critical verbs",
			text: "Governor Tim Walsh slammed the decision as “a betrayal of every farmer in this state” on Friday. Critics dismissed the plan.",
			ents: []ent{person("p1", "Tim Walsh", "m")},
			want: []want{d("a betrayal of every farmer in this state", "Tim Walsh", doc.AttrExplicit)},
		},
		{
			name: "plural pronoun gives no person",
			text: "Workers gathered outside the plant on Monday. “We have not been paid for three months,” they said.",
			want: []want{d("We have not been paid for three months,", "", "")},
		},
		{
			name: "name and colon in the body",
			text: "The congress closed with short speeches.\nNurova: “The union is stronger than it has ever been.”",
			ents: []ent{nurova},
			want: []want{d("The union is stronger than it has ever been.", "Asel Nurova", doc.AttrExplicit)},
		},
		{
			name: "same-paragraph continuation after the cue",
			text: "“Wages must rise faster than prices,” Ospanov said. “Otherwise families will fall into poverty.”",
			ents: []ent{ospanov},
			want: []want{
				d("Wages must rise faster than prices,", "Marat Ospanov", doc.AttrExplicit),
				d("Otherwise families will fall into poverty.", "Marat Ospanov", doc.AttrContinuation),
			},
		},
		{
			name: "open quote closed in a later paragraph",
			text: "Ospanov said: “The first goal is wages.\nThe second goal is safety at work for every miner.”\nThen the meeting voted.",
			ents: []ent{ospanov},
			want: []want{d("The first goal is wages. The second goal is safety at work for every miner.", "Marat Ospanov", doc.AttrExplicit)},
		},
		{
			name: "straight quotes pair by alternation",
			text: `The union ran the programs "Safe Work" and "Fair Pay" this year. "Both programs reached thousands of workers in the regions," Nurova said.`,
			ents: []ent{nurova},
			want: []want{d("Both programs reached thousands of workers in the regions,", "Asel Nurova", doc.AttrExplicit)},
		},
		{
			name:  "a parliament's speaker is its chairman when the body agrees",
			text:  "Yerzhan Bekov, the Chairman of the Majilis, met the delegation of Latvia.\n«Our parliaments share the same goals,» the Majilis speaker noted.",
			ents:  []ent{person("p1", "Yerzhan Bekov", "m"), org("o1", "Majilis")},
			roles: []role{{"p1", "Chairman", "Majilis"}},
			want:  []want{d("Our parliaments share the same goals,", "Yerzhan Bekov", doc.AttrTitle)},
		},
		{
			name: "headline excerpt of a body quote",
			text: "Minister promises ‘fair wages’\nLabour Minister Asel Nurova met trade unions on Monday.\n“Our goal is fair wages for every worker in every region,” Nurova said.",
			ents: []ent{nurova},
			want: []want{
				d("fair wages", "Asel Nurova", ""),
				d("Our goal is fair wages for every worker in every region,", "Asel Nurova", doc.AttrExplicit),
			},
		},
		{
			name: "an excerpt takes the speaker of the first quote holding its words",
			text: "Unions want ‘fair wages’\n“We also want fair wages in the mines this year,” Ospanov said.\n" +
				"“Our goal is fair wages for every worker in every region,” Nurova said.\nThe talks go on, with ‘fair wages’ first.",
			ents: []ent{nurova, ospanov},
			want: []want{
				d("fair wages", "Marat Ospanov", ""),
				d("We also want fair wages in the mines this year,", "Marat Ospanov", doc.AttrExplicit),
				d("Our goal is fair wages for every worker in every region,", "Asel Nurova", doc.AttrExplicit),
				d("fair wages", "Marat Ospanov", ""),
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := buildInput(t, tc.text, tc.ents, tc.roles)
			got := Find(in)
			checkQuotes(t, in, got, tc.want)
		})
	}
}

func checkQuotes(t *testing.T, in Input, got []doc.Quote, wants []want) {
	t.Helper()
	var direct []doc.Quote
	for i, q := range got {
		if q.ID != "q"+itoa(i+1) {
			t.Errorf("quote %d has ID %q", i, q.ID)
		}
		if i > 0 && q.Start < got[i-1].Start {
			t.Errorf("quotes not ordered by Start")
		}
		if q.Kind == doc.Direct {
			direct = append(direct, q)
			if s := in.Seg.Slice(q.Span); collapse(s) != q.Text && !strings.Contains(q.Text, " ") {
				t.Errorf("span %v = %q, text %q", q.Span, s, q.Text)
			}
		}
		if q.Kind == doc.Indirect {
			if r, _ := utf8.DecodeRuneInString(q.Text); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Errorf("indirect quote %q starts with %q", q.Text, r)
			}
			if s := in.Seg.Slice(q.Span); !strings.HasPrefix(s, strings.Fields(q.Text)[0]) {
				t.Errorf("indirect quote %q: span starts %q", q.Text, s)
			}
		}
		if q.Confidence <= 0 || q.Confidence > 1 {
			t.Errorf("quote %q: confidence %v", q.Text, q.Confidence)
		}
	}
	var wantDirect []want
	for _, w := range wants {
		if w.kind == doc.Direct {
			wantDirect = append(wantDirect, w)
			continue
		}
		found := false
		for _, q := range got {
			if q.Kind == w.kind && q.Text == w.text {
				found = true
				if q.SpeakerName != w.speaker || (w.attr != "" && q.Attribution != w.attr) {
					t.Errorf("indirect %q: speaker %q (%s), want %q (%s)", w.text, q.SpeakerName, q.Attribution, w.speaker, w.attr)
				}
			}
		}
		if !found {
			t.Errorf("missing indirect %q; got %s", w.text, dump(got))
		}
	}
	if len(direct) != len(wantDirect) {
		t.Fatalf("got %d direct quotes, want %d:\n%s", len(direct), len(wantDirect), dump(got))
	}
	for i, w := range wantDirect {
		q := direct[i]
		if q.Text != w.text {
			t.Errorf("quote %d text %q, want %q", i, q.Text, w.text)
		}
		if q.SpeakerName != w.speaker {
			t.Errorf("quote %d %q: speaker %q (%s via %q), want %q", i, w.text, q.SpeakerName, q.Attribution, q.SpeakerMention, w.speaker)
		}
		if w.attr != "" && q.Attribution != w.attr {
			t.Errorf("quote %d %q: attribution %s, want %s", i, w.text, q.Attribution, w.attr)
		}
		if w.speaker != "" && q.SpeakerID == "" {
			t.Errorf("quote %d %q: no SpeakerID", i, w.text)
		}
	}
}

func dump(qs []doc.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("  " + q.Kind + " " + `"` + q.Text + `"` + " speaker=" + q.SpeakerName + " attr=" + q.Attribution + " mention=" + q.SpeakerMention + " cue=" + q.Cue + "\n")
	}
	return b.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
