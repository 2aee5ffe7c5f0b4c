package quotes

import (
	"strings"
	"testing"

	"plenary/pipeline/doc"
	"plenary/pipeline/rules"
)

// sw is one expected direct quote of the accuracy tests: a prefix of its
// text, its speaker's name ("" for none) and the sieve that must pick the
// speaker (quotes.sieve).
type sw struct{ text, speaker, sieve string }

// TestAccuracyRules runs invented texts, one per rule of issue 14, and
// checks every direct quote, its speaker and the sieve that chose it.
func TestAccuracyRules(t *testing.T) {
	tests := []struct {
		name  string
		rule  string // the rule the case is about
		text  string
		ents  []ent
		roles []role
		want  []sw // every direct quote, in order
	}{
		{
			name: "archive double apostrophes",
			rule: ruleMarkApos2.ID,
			text: "''We have waited for the board since May,'' Mr. Ospanov told reporters. ''If they want to talk, they can call us.''\n\n" +
				"Asel Nurova read from a letter:\n\n''For ten years the plant has been late with wages.\n\n''I am asking the board to pay them now.''\n\n" +
				"A 12'' pipe and the workers' hall are no quotes.",
			ents: []ent{ospanov, nurova},
			want: []sw{
				{"We have waited for the board since May,", "Marat Ospanov", sieveCueAfter.ID},
				{"If they want to talk, they can call us.", "Marat Ospanov", sieveContinuation.ID},
				{"For ten years the plant has been late with wages. I am asking the board to pay them now.", "Asel Nurova", sieveColon.ID},
			},
		},
		{
			name: "the subject of the verb, not the name in its clause",
			rule: sieveCueBefore.ID,
			text: "Ann Lee told reporters that Bob Hale's plan was “a waste of public money”.",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{{"a waste of public money", "Ann Lee", sieveCueBefore.ID}},
		},
		{
			name: "who said: the person the relative clause follows",
			rule: sieveRelative.ID,
			text: "Bob Hale chaired the session.\n\nAnn Lee, a nurse from the city who said “we have not been paid since March”, asked the council for help.",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{{"we have not been paid since March", "Ann Lee", sieveRelative.ID}},
		},
		{
			name: "who has said, after a name and its party in brackets",
			rule: sieveRelative.ID,
			text: "Reporters asked about the offer from Sen. Bob Hale (R-N.D.), who has said the figure was “padded with items that have nothing to do with roads.”",
			ents: []ent{person("p2", "Bob Hale", "m")},
			want: []sw{{"padded with items", "Bob Hale", sieveRelative.ID}},
		},
		{
			name: "a verb after and shares the subject of the verb of the same tense",
			rule: sieveCoordinated.ID,
			text: "Mark Olsen, who endorsed Ruth Baker last month, introduced her and told the crowd that the senator had “never missed a vote in ten years”.\n\n" +
				"Ruth Baker said she would answer questions and called the report “vague and late”.",
			ents: []ent{person("p1", "Mark Olsen", "m"), person("p2", "Ruth Baker", "f")},
			want: []sw{
				{"never missed a vote", "Mark Olsen", sieveCoordinated.ID},
				{"vague and late", "Ruth Baker", sieveCoordinated.ID},
			},
		},
		{
			name: "a participle shares the subject of the clause",
			rule: sieveParticiple.ID,
			text: "Ruth Baker spoke for an hour, adding that the plan was “a step toward fair pay for all”.",
			ents: []ent{person("p2", "Ruth Baker", "f")},
			want: []sw{{"a step toward fair pay", "Ruth Baker", sieveParticiple.ID}},
		},
		{
			name: "an apposition holding another name in a prepositional phrase",
			rule: sieveApposition.ID,
			text: "Victor Hale spoke first. Ellen Stone, a spokeswoman for Mr. Hale, said afterwards that the hall had been “packed by his rivals”.\n\n" +
				"In a statement, Hale campaign spokesman Tom Reed said: “Voters care about wages, not rallies.”",
			ents: []ent{person("p1", "Victor Hale", "m", "Hale"), person("p2", "Ellen Stone", "f"), person("p3", "Tom Reed", "m")},
			want: []sw{
				{"packed by his rivals", "Ellen Stone", sieveApposition.ID},
				{"Voters care about wages", "Tom Reed", sieveApposition.ID},
			},
		},
		{
			name: "a verb whose subject is a group leaves the quote to the reporting verb before",
			rule: sieveOuterCue.ID,
			text: "“The raise is too small,” Ann Lee said, adding that the employers had asked Bob Hale's team for a counter-proposal “in writing.”\n\n" +
				"Two of his rivals said the vote was “rigged from the start.”",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"The raise is too small,", "Ann Lee", sieveCueAfter.ID},
				{"in writing.", "Ann Lee", sieveOuterCue.ID},
				{"rigged from the start.", "", sieveGroup.ID},
			},
		},
		{
			name:  "a title with a prepositional phrase is the title's holder",
			rule:  sieveTitleRole.ID,
			text:  "The union elected Ann Lee its General Secretary in May.\n\nA delegate said the General Secretary in charge of the northern region said, “All those responsible are sitting in this room”.",
			ents:  []ent{person("p1", "Ann Lee", "f")},
			roles: []role{{"p1", "General Secretary", ""}},
			want:  []sw{{"All those responsible", "Ann Lee", sieveTitleRole.ID}},
		},
		{
			name: "a headline phrase whose cue names no one takes the speaker of the body quote holding it",
			rule: sieveExcerpt.ID,
			text: "Trailing candidate calls polls 'rigged'\n\nAt a news conference, Ann Lee called the polls \"rigged\" and said they had \"told my voters to stay home.\"",
			ents: []ent{person("p1", "Ann Lee", "f")},
			want: []sw{
				{"rigged", "Ann Lee", sieveExcerpt.ID},
				{"rigged", "Ann Lee", sieveApposition.ID},
				{"told my voters to stay home.", "Ann Lee", sieveSharedVerb.ID},
			},
		},
		{
			name: "a cue in the next sentence that reports something new is not the quote's",
			rule: ruleCueAfterNextSentence.ID,
			text: "“We are winning,” Bob Hale said.\n\nThe county's election officer, Ann Lee, described the count as “on schedule and completely transparent.” He said ballots would be added on Friday.\n\n" +
				"“The offer is on his desk.” Bob Hale said in a statement.\n\n“How long will it take?” Ann Lee asked him.",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"We are winning,", "Bob Hale", sieveCueAfter.ID},
				{"on schedule and completely transparent.", "Ann Lee", sieveApposition.ID},
				{"The offer is on his desk.", "Bob Hale", sieveCueAfter.ID},
				{"How long will it take?", "Ann Lee", sieveCueAfter.ID},
			},
		},
		{
			name: "a speaker phrase after the quote with brackets and a relative clause",
			rule: sieveCueAfter.ID,
			text: "“Anyone with a laptop can make a candidate say anything,” Sen. Ann Lee (D-Calif.), who chairs the subcommittee on privacy and technology, said in her opening statement.",
			ents: []ent{person("p1", "Ann Lee", "f")},
			want: []sw{{"Anyone with a laptop", "Ann Lee", sieveCueAfter.ID}},
		},
		{
			name: "reporting verbs of debate and testimony",
			rule: sieveCueAfter.ID,
			text: "“The money was a separate amendment, Bob,” Ann Lee shot back.\n\nBob Hale testified that the detectors catch “most, but not all” of the fakes.",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"The money was a separate amendment, Bob,", "Ann Lee", sieveCueAfter.ID},
				{"most, but not all", "Bob Hale", sieveCueBefore.ID},
			},
		},
		{
			name: "a pronoun after the main verb stands for its subject; a title subject gives its holder",
			rule: sievePronounSentence.ID,
			text: "Bob Hale opened the hearing.\n\nAt the hearing, its chairwoman, Ann Lee, read from a letter she said she had sent:\n\n“We are asking for the money now.”\n\n" +
				"Tom Reed is the union's general secretary. The general secretary of the union met the minister yesterday for what he described as ‘a full and frank exchange’.",
			ents:  []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m"), person("p3", "Tom Reed", "m")},
			roles: []role{{"p3", "general secretary", "union"}},
			want: []sw{
				{"We are asking for the money now.", "Ann Lee", sievePronounSentence.ID},
				{"a full and frank exchange", "Tom Reed", sievePronounSentence.ID},
			},
		},
		{
			name: "a pronoun whose sentence before has no subject of its gender: the one person of that gender it names",
			rule: sievePronounPrevMention.ID,
			text: "“The platforms are safe,” Bob Hale said.\n\nThe ministry was represented by Deputy Minister Ann Lee. She described the proposals as “generally acceptable”, but said the overtime needed talks.",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"The platforms are safe,", "Bob Hale", sieveCueAfter.ID},
				{"generally acceptable", "Ann Lee", sievePronounPrevMention.ID},
			},
		},
		{
			name: "According to X opens a sentence about X",
			rule: ruleSubject.ID,
			text: "“Wages must rise,” Bob Hale said.\n\nAccording to Tom Reed, the union has received 96 complaints since January. He called the proposal “a step backwards”.",
			ents: []ent{person("p2", "Bob Hale", "m"), person("p3", "Tom Reed", "m")},
			want: []sw{
				{"Wages must rise,", "Bob Hale", sieveCueAfter.ID},
				{"a step backwards", "Tom Reed", sievePronoun.ID},
			},
		},
		{
			name: "Mr before a surname two people share",
			rule: sieveHonorific.ID,
			text: "Ann Hale, the union's secretary, and Tom Hale, the managing director, signed the deal. Ms Hale said she was pleased.\n\n‘Nobody loses a job,’ Mr Hale said.",
			ents: []ent{person("p1", "Ann Hale", "f", "Hale"), person("p2", "Tom Hale", "m")},
			want: []sw{{"Nobody loses a job,", "Tom Hale", sieveHonorific.ID}},
		},
		{
			name: "a subject naming no person gives no speaker, not the previous one",
			rule: sieveNonPerson.ID,
			text: "“We will not stop now,” Ann Lee said.\n\nThe group warned that the law would “hurt every small farm in the state”.\n\n" +
				"“It is slow because people moved,” the worker said.\n\n“The committee will meet every fortnight,” according to a party statement issued in the evening.",
			ents: []ent{person("p1", "Ann Lee", "f")},
			want: []sw{
				{"We will not stop now,", "Ann Lee", sieveCueAfter.ID},
				{"hurt every small farm", "", sieveNonPerson.ID},
				{"It is slow because people moved,", "", sieveNonPerson.ID},
				{"The committee will meet every fortnight,", "", sieveSource.ID},
			},
		},
		{
			name: "generic person nouns: the apposition that used them, the last speaker, or nobody after an indefinite one",
			rule: sieveGeneric.ID,
			text: "The bill's sponsor, Rep. Ann Lee, opened the debate.\n\n“Five days will stop some of them,” Bob Hale said. Lee answered him. “The bill has an exemption,” the sponsor said.\n\n" +
				"“Trade unions will keep their place,” Bob Hale said.\n\nThe session then turned to migration.\n\n“We are confident the dialogue will go on,” the official noted.\n\n" +
				"A city official who was not authorized to speak said the repair cost more. “And that is the cheap part,” the official said.",
			ents: []ent{person("p1", "Ann Lee", "f", "Lee"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"Five days will stop", "Bob Hale", sieveCueAfter.ID},
				{"The bill has an exemption,", "Ann Lee", sieveTitleNear.ID},
				{"Trade unions will keep", "Bob Hale", sieveCueAfter.ID},
				{"We are confident", "Bob Hale", sieveGeneric.ID},
				{"And that is the cheap part,", "", sieveIndefinite.ID},
			},
		},
		{
			name: "a post word that is also an honorific (chief), and a headline's person noun",
			rule: sieveTitleWeak.ID,
			text: "Trailing candidate calls polls 'rigged'\n\nAnn Lee called the polls \"rigged\" on Tuesday.\n\n" +
				"The assembly elected Bob Hale as the new chief of the League of Young Builders, the party's youth wing.\n\n‘Young people want houses,’ the youth chief said.",
			ents:  []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			roles: []role{{"p2", "chief", "League of Young Builders"}},
			want: []sw{
				{"rigged", "Ann Lee", sieveExcerpt.ID},
				{"rigged", "Ann Lee", sieveCueBefore.ID},
				{"Young people want houses,", "Bob Hale", sieveTitleWeak.ID},
			},
		},
		{
			name: "a second quote later in the clause the first quote's cue reports",
			rule: ruleCueSameClause.ID,
			text: "Ann Lee, the mayor, said after the vote that the talks had been “useful” but that the two sides remained “a few points apart”.\n\n" +
				"Bob Hale called the plan “bold”. The council was “a few votes short”.\n\n" +
				"Jane Doe said workers were “tired,” “angry” and “ready to strike.”",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m"), person("p3", "Jane Doe", "f")},
			want: []sw{
				{"useful", "Ann Lee", sieveApposition.ID},
				{"a few points apart", "Ann Lee", sieveSharedVerb.ID},
				{"bold", "Bob Hale", sieveCueBefore.ID},
				{"tired,", "Jane Doe", sieveCueBefore.ID},
				{"angry", "Jane Doe", sieveSharedVerb.ID},
				{"ready to strike.", "Jane Doe", sieveSharedVerb.ID},
			},
		},
		{
			name: "a lower-case description after a name marker is no name",
			rule: ruleQuoteCue.ID,
			text: "Ann Lee called the current Labour Code “a relic of the old regime” that protects no one.\n\n" +
				"The union runs a programme called “A Fair Deal” and a campaign named “fair pay now”.",
			ents: []ent{person("p1", "Ann Lee", "f")},
			want: []sw{{"a relic of the old regime", "Ann Lee", sieveCueBefore.ID}},
		},
		{
			name: "quoted words modifying a noun are a term, even in a reported sentence",
			rule: ruleQuoteModifier.ID,
			text: "Ann Lee said the city needs more “missing middle” housing and a faster “curing” process for ballots.\n\n" +
				"Bob Hale said the plan was “dead on arrival” today and called it “a disgrace”.\n\nAnn Lee called it a “very bad” deal for workers.",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"dead on arrival", "Bob Hale", sieveCueBefore.ID},
				{"a disgrace", "Bob Hale", sieveSharedVerb.ID},
				{"very bad", "Ann Lee", sieveCueBefore.ID},
			},
		},
		{
			name: "a British single quote over paragraphs that reopen it",
			rule: ruleMarkSingleReopen.ID,
			text: "Ann Lee spoke first.\n\n‘We have waited since May. Nurses don’t wait.\n\n‘They can call us,’ she said.\n\n" +
				"Bob Hale called the offer ‘an insult to every nurse’\n\n‘We will not sign,’ he said.",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"We have waited since May. Nurses don’t wait. They can call us,", "Ann Lee", sievePronoun.ID},
				{"an insult to every nurse", "Bob Hale", sieveCueBefore.ID},
				{"We will not sign,", "Bob Hale", sievePronoun.ID},
			},
		},
		{
			name: "a name in apposition with a body's descriptor is a company's",
			rule: sieveBodyApposition.ID,
			text: "Zentrova, the video platform whose chief declined to testify, said it “removes false media at once”.\n\n" +
				"Orvalt, a former miner from the valley, said the mine was “a death trap”.",
			want: []sw{
				{"removes false media at once", "", sieveBodyApposition.ID},
				{"a death trap", "Orvalt", sieveNameUnknown.ID},
			},
		},
		{
			name: "a verbless capitalized title with no cue is no quote",
			rule: ruleQuoteVerblessTitle.ID,
			text: "The agenda of the plenum included “Regional Program on Decent Work and the role of trade unions”, as well as current issues.\n\n" +
				"“New Rules for night shifts will hurt the depot”\n\n“We Will Not Pay for the crisis of the banks”",
			want: []sw{
				{"New Rules for night shifts will hurt the depot", "", sieveNone.ID},
				{"We Will Not Pay for the crisis of the banks", "", sieveNone.ID},
			},
		},
		{
			name: "a person in the phrase opening the sentence is no subject in apposition",
			rule: sieveIntroPhrase.ID,
			text: "Asked about Tom Hale, Jane Doe said: “He is a good man.”\n\n" +
				"The spokeswoman for Tom Hale, Ann Lee, said: “He is busy.”\n\n" +
				"Among the speakers was Tom Hale, who said the port was “dying”.",
			ents: []ent{person("p1", "Tom Hale", "m"), person("p2", "Jane Doe", "f"), person("p3", "Ann Lee", "f")},
			want: []sw{
				{"He is a good man.", "Jane Doe", sieveIntroPhrase.ID},
				{"He is busy.", "Ann Lee", sieveApposition.ID},
				{"dying", "Tom Hale", sieveRelative.ID},
			},
		},
		{
			name: "a quote with no comma before the speaker and cue that end its sentence",
			rule: ruleCueAfterBare.ID,
			text: "Tom Hale spoke first.\n\n“We cannot go on like this” Jane Doe said.\n\n" +
				"“High risk” categories, officials said, are growing.",
			ents: []ent{person("p1", "Tom Hale", "m"), person("p2", "Jane Doe", "f")},
			want: []sw{{"We cannot go on like this", "Jane Doe", sieveCueAfter.ID}},
		},
		{
			name: "a question mark inside the quote does not end its sentence",
			rule: ruleCueAfterQuestion.ID,
			text: "Tom Hale presented the budget.\n\n“Why should workers pay for the crisis?” Jane Doe asked the minister, Tom Hale.\n\n" +
				"“Is this fair?” The question hung over the hall.",
			ents: []ent{person("p1", "Tom Hale", "m"), person("p2", "Jane Doe", "f")},
			want: []sw{
				{"Why should workers pay for the crisis?", "Jane Doe", sieveCueAfter.ID},
				{"Is this fair?", "Jane Doe", sieveContinuation.ID},
			},
		},
		{
			name: "the latter and the former",
			rule: sieveBackReference.ID,
			text: "Tom Hale met Jane Doe and Ann Lee. The latter said the talks were “useful”.\n\n" +
				"Ann Lee then met Tom Hale. “We agreed on nothing,” the former said.\n\n" +
				"The session closed. The latter said it was “too short”.",
			ents: []ent{person("p1", "Tom Hale", "m"), person("p2", "Jane Doe", "f"), person("p3", "Ann Lee", "f")},
			want: []sw{
				{"useful", "Ann Lee", sieveBackReference.ID},
				{"We agreed on nothing,", "Ann Lee", sieveBackReference.ID},
				{"too short", "", sieveBackReference.ID},
			},
		},
		{
			name: "a prepositional phrase between the subject and the verb",
			rule: sieveAdverbial.ID,
			text: "Jane Doe, deputy head of the federation, in her speech noted: «We must protect young workers».\n\n" +
				"Tom Hale at the meeting said: «Wages come first».\n\nThe head of the union in the capital said: «We are ready».",
			ents: []ent{person("p1", "Tom Hale", "m"), person("p2", "Jane Doe", "f")},
			want: []sw{
				{"We must protect young workers", "Jane Doe", sieveAdverbial.ID},
				{"Wages come first", "Tom Hale", sieveCueBefore.ID},
				{"We are ready", "", sieveTitleUnresolved.ID},
			},
		},
		{
			name: "a cue's own pronoun and cues of conviction",
			rule: ruleCueOwnPronoun.ID,
			text: "Tom Hale spoke about the results. In his opinion, «the reform is working».\n\n" +
				"Jane Doe expressed confidence that «the dialogue will continue».\n\nTom Hale is sure that «the workers will support the plan».",
			ents: []ent{person("p1", "Tom Hale", "m"), person("p2", "Jane Doe", "f")},
			want: []sw{
				{"the reform is working", "Tom Hale", sievePronoun.ID},
				{"the dialogue will continue", "Jane Doe", sieveCueBefore.ID},
				{"the workers will support the plan", "Tom Hale", sieveCueBefore.ID},
			},
		},
		{
			name: "a verbless exclamation with no cue is a slogan",
			rule: ruleQuoteSlogan.ID,
			text: "“Fair pay – strong families!”: dockers of the port held a rally\n\n" +
				"“Down with the reform!” was heard everywhere.\n\n“We want our money!”\n\nThe crowd shouted “Shame on you!” at the minister.",
			want: []sw{
				{"We want our money!", "", sieveNone.ID},
				{"Shame on you!", "", sieveNonPerson.ID},
			},
		},
		{
			name: "no speaker after a joint subject",
			rule: sieveJointSubject.ID,
			text: "Ann Lee and Bob Hale both spoke about the contractors.\n\n“A welder of a contractor has the same risks as a welder of the operator.”\n\n" +
				"Bob Hale then spoke about the camps.\n\n“The camps are cold in winter.”",
			ents: []ent{person("p1", "Ann Lee", "f"), person("p2", "Bob Hale", "m")},
			want: []sw{
				{"A welder of a contractor", "", sieveJointSubject.ID},
				{"The camps are cold in winter.", "Bob Hale", sieveContextSubject.ID},
			},
		},
		{
			name: "a plural possessive inside a single quote; a cue opening the next quote",
			rule: ruleMarkPossessive.ID,
			text: "‘We’re not going anywhere, and the workers’ voices will be heard,’ Jane Doe said.\n\n" +
				"Jane Doe said: ‘The miners’ union won’t back down.\n\n‘We’ve waited since the ’90s for this.’\n\n" +
				"Jane Doe said: \"We will win.\" Tom Hale said: \"We will see.\"",
			ents: []ent{person("p1", "Tom Hale", "m"), person("p2", "Jane Doe", "f")},
			want: []sw{
				{"We’re not going anywhere, and the workers’ voices will be heard,", "Jane Doe", sieveCueAfter.ID},
				{"The miners’ union won’t back down. We’ve waited since the ’90s for this.", "Jane Doe", sieveCueBefore.ID},
				{"We will win.", "Jane Doe", sieveCueBefore.ID},
				{"We will see.", "Tom Hale", sieveCueBefore.ID},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := buildInput(t, tc.text, tc.ents, tc.roles)
			in.Trace = &rules.Trace{}
			var got []doc.Quote
			fired := false
			for _, q := range Find(in) {
				if q.Kind == doc.Direct {
					got = append(got, q)
				}
				fired = fired || q.Sieve == tc.rule
			}
			for _, e := range in.Trace.Events() {
				fired = fired || e.Rule == tc.rule
			}
			if !fired {
				t.Errorf("rule %s did not fire", tc.rule)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("[%s] got %d direct quotes, want %d:\n%s", tc.rule, len(got), len(tc.want), dump(got))
			}
			for i, w := range tc.want {
				q := got[i]
				if !strings.HasPrefix(q.Text, w.text) {
					t.Errorf("[%s] quote %d text %q, want %q…", tc.rule, i, q.Text, w.text)
				}
				if q.SpeakerName != w.speaker || q.Sieve != w.sieve {
					t.Errorf("[%s] quote %d %q: speaker %q by %s, want %q by %s", tc.rule, i, w.text, q.SpeakerName, q.Sieve, w.speaker, w.sieve)
				}
			}
		})
	}
}
