package quotes_test

// End-to-end checks of the "Must handle" list: each text runs
// through the real pipeline (segment, entities, roles, quotes) via
// extract, so the quotes stage is tested on what the entity and role
// stages actually hand over, not on hand-built inputs. The texts are
// written for these tests.

import (
	"strings"
	"sync"
	"testing"

	"plenary/pipeline/doc"
	"plenary/pipeline/extract"
	"plenary/pipeline/lexicon"
)

var (
	exOnce sync.Once
	ex     *extract.Extractor
	exErr  error
)

func run(t *testing.T, text string) doc.Extraction {
	t.Helper()
	exOnce.Do(func() { ex, exErr = extract.New(lexicon.MustLoadEmbedded()) })
	if exErr != nil {
		t.Fatalf("extract.New: %v", exErr)
	}
	x, err := ex.Extract(doc.Doc{ID: "t", Text: text})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return x
}

// wq is an expected quote. text is matched as a prefix of the quote text;
// speaker "" means a null speaker. mention, when set, must be contained in
// speaker_mention; attr, when set, must equal the attribution.
type wq struct {
	kind, text, speaker, mention, attr string
}

func direct(text, speaker string) wq { return wq{kind: doc.Direct, text: text, speaker: speaker} }

func (w wq) by(attr, mention string) wq { w.attr, w.mention = attr, mention; return w }

func TestEndToEnd(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []wq // every direct quote, in order; indirect ones listed are required
		// exact: the document's direct quotes are exactly want's direct ones.
		noIndirect bool // no indirect quote may be emitted
	}{
		{
			name: "explicit name after and before",
			text: "Almaty. The regional trade union held its annual conference on Friday.\n\n" +
				"“We will raise wages for every worker in the mining sector next year,” said Bolat Zhumabekov, chairman of the regional trade union.\n\n" +
				"Aigerim Nurlanova, a teacher from Taraz, said: “Our school has not seen a pay rise for three years.”\n\n" +
				"“The union will defend every teacher who asks for help,” Zhumabekov added.",
			want: []wq{
				direct("We will raise wages", "Bolat Zhumabekov").by(doc.AttrExplicit, "Bolat Zhumabekov"),
				direct("Our school has not seen", "Aigerim Nurlanova").by(doc.AttrExplicit, "Aigerim Nurlanova"),
				direct("The union will defend", "Bolat Zhumabekov").by(doc.AttrExplicit, "Zhumabekov"),
			},
		},
		{
			name: "according to X with a direct quote",
			text: "The ministry presented the new safety rules on Monday.\n\n" +
				"According to Yerlan Sadykov, “the new rules will protect miners in every region of the country.”",
			want: []wq{direct("the new rules will protect", "Yerlan Sadykov").by(doc.AttrExplicit, "Yerlan Sadykov")},
		},
		{
			name: "headline name colon quote",
			text: "Kairat Abenov: “Every worker deserves a fair wage”\n\n" +
				"Shymkent. Kairat Abenov, chairman of the city trade union council, opened the meeting of union activists on Tuesday.",
			want: []wq{direct("Every worker deserves a fair wage", "Kairat Abenov")},
		},
		{
			name: "all-caps headline name colon quote",
			text: "KAIRAT ABENOV: “EVERY WORKER DESERVES A FAIR WAGE”\n\n" +
				"Shymkent. Kairat Abenov, chairman of the city trade union council, opened the meeting of union activists on Tuesday.",
			want: []wq{direct("EVERY WORKER DESERVES A FAIR WAGE", "Kairat Abenov")},
		},
		{
			name: "pronoun picks the woman after two men",
			text: "Marat Iskakov and Daniyar Serikbayev opened the session of the council in Aktobe.\n\n" +
				"Then Gulnara Omarova, head of the women's council, took the floor.\n\n" +
				"“We have opened ten new kindergartens for the children of railway workers this year,” she said.\n\n" +
				"Daniyar Serikbayev thanked the council for its work. “Our unions will support every one of these projects,” he added.",
			want: []wq{
				direct("We have opened ten new kindergartens", "Gulnara Omarova").by(doc.AttrPronoun, "she"),
				direct("Our unions will support", "Daniyar Serikbayev").by(doc.AttrPronoun, "he"),
			},
		},
		{
			name: "title reference with a translation variant",
			text: "The republican headquarters for public support of the reform met in Astana.\n\n" +
				"The meeting was chaired by the head of the Republican Headquarters Nurlan Sadykov.\n\n" +
				"Deputy Marat Iskakov spoke about the schedule of the campaign in the regions.\n\n" +
				"“On May 6, the headquarters started working in all regions of the country,” the head of the Republican Staff said.",
			want: []wq{direct("On May 6, the headquarters", "Nurlan Sadykov").by(doc.AttrTitle, "head of the Republican Staff")},
		},
		{
			name: "akim referred to as the governor",
			text: "Akim of Karaganda region Yerbol Tasmagambetov met the miners of the Saran coal plant.\n\n" +
				"Representatives of the trade union asked about the new housing programme.\n\n" +
				"“The region will build two hundred flats for miners' families by the end of the year,” the governor said.",
			want: []wq{direct("The region will build", "Yerbol Tasmagambetov").by(doc.AttrTitle, "governor")},
		},
		{
			name: "mayor referred to as the akim",
			text: "Mayor of Almaty Berik Sultanov visited the new bus depot on Monday.\n\n" +
				"The depot employs three hundred drivers and mechanics.\n\n" +
				"“We will replace every old bus in the city within three years,” the akim said.",
			want: []wq{direct("We will replace every old bus", "Berik Sultanov").by(doc.AttrTitle, "akim")},
		},
		{
			name: "the Head of State",
			text: "President Arman Zhaksybekov received the members of the National Council of Employers.\n\n" +
				"The meeting discussed the minimum wage and the pension reform.\n\n" +
				"“Wages must grow faster than prices, and this is the task of every employer,” the Head of State stressed.",
			want: []wq{direct("Wages must grow faster", "Arman Zhaksybekov").by(doc.AttrTitle, "Head of State")},
		},
		{
			name: "the FTURK Chairman",
			text: "The Federation of Trade Unions of the Republic of Kazakhstan (FTURK) held a plenary session in Astana.\n\n" +
				"Chairman of the Federation of Trade Unions of the Republic of Kazakhstan Bakhyt Temirbolatov presented the report.\n\n" +
				"Deputy Chairman of the Federation Aliya Seitkali spoke about collective agreements.\n\n" +
				"“Every collective agreement must include a clause on wage indexation,” the FTURK Chairman emphasized.",
			want: []wq{direct("Every collective agreement", "Bakhyt Temirbolatov").by(doc.AttrTitle, "FTURK Chairman")},
		},
		{
			name: "the speaker is the person just introduced as speaking",
			text: "The regional council of veterans met in Turkestan on Monday.\n\n" +
				"“The referendum gives every citizen a voice in the future of the country,” said Nurlan Uteshov, head of the regional headquarters.\n\n" +
				"The chairman of the regional council of veterans shared his opinion on the reform Temirlan Mukanov.\n\n" +
				"“Our veterans will take part in the vote and will call on their grandchildren to vote too,” the speaker said.",
			want: []wq{
				direct("The referendum gives every citizen", "Nurlan Uteshov"),
				direct("Our veterans will take part", "Temirlan Mukanov").by(doc.AttrTitle, "speaker"),
			},
		},
		{
			name: "continuation paragraph without a cue",
			text: "“The plant will hire five hundred new workers this year,” said Timur Bekov, director of the plant.\n\n" +
				"“We are also going to open a training centre for young specialists from the villages.”",
			want: []wq{
				direct("The plant will hire", "Timur Bekov").by(doc.AttrExplicit, "Timur Bekov"),
				direct("We are also going to open", "Timur Bekov").by(doc.AttrContinuation, ""),
			},
		},
		{
			name: "multi-paragraph quote reopened in each paragraph",
			text: "Yerzhan Ospanov, chairman of the union of metallurgists, addressed the conference.\n\n" +
				"“First, we must agree on a new collective agreement with the company.\n\n" +
				"“Second, wages must be indexed every year.\n\n" +
				"“Third, every worker must have a safe workplace,” he said.",
			want: []wq{direct("First, we must agree on a new collective agreement with the company. Second, wages must be indexed every year. Third,", "Yerzhan Ospanov")},
		},
		{
			name: "press service and statement give a null speaker with a mention",
			text: "Kazakhmys Corporation said on Monday that the smelter in Balkhash would stop for repairs.\n\n" +
				"“The smelter will reopen after the repairs are completed in the spring,” the press service of the corporation said.\n\n" +
				"The ministry of labour issued a statement on the same day. “Every worker of the smelter will keep the full salary during the repairs,” the statement said.",
			want: []wq{
				direct("The smelter will reopen", "").by(doc.AttrNone, "press service"),
				direct("Every worker of the smelter", "").by(doc.AttrNone, "statement"),
			},
		},
		{
			name: "names and scare quotes in marks are not quotes",
			text: "Members of the «AMANAT» party and the “Organization of Veterans” met in Pavlodar.\n\n" +
				"They discussed the state programme “Enbek” and the “high risk” categories of enterprises.\n\n" +
				"“Young people must be able to find work in their own villages,” said Askar Nurpeisov, a deputy of the regional maslikhat.",
			want: []wq{direct("Young people must be able", "Askar Nurpeisov")},
		},
		{
			name: "nested quotes are one quote",
			text: "Serik Zhakupov, a miner from Ekibastuz, spoke at the meeting.\n\n" +
				"“The director told us, ‘Your wages will be paid in full,’ and we believed him,” Zhakupov said.",
			want: []wq{direct("The director told us, ‘Your wages will be paid in full,’ and we believed him,", "Serik Zhakupov")},
		},
		{
			name: "apostrophes are not quote marks",
			text: "The workers’ council met in Temirtau. Its chairman, Ruslan Akhmetov, recalled the strikes of the ’90s.\n\n" +
				"“We didn’t give up then, and we won’t give up now,” Akhmetov said. The council's members agreed.",
			want: []wq{direct("We didn’t give up then, and we won’t give up now,", "Ruslan Akhmetov")},
		},
		{
			name: "mixed pairs of marks",
			text: "Dina Kassymova, head of the teachers' union, spoke first.\n\n" +
				"“Teachers must not be asked to do the work of clerks», Kassymova said.\n\n" +
				"Nurzhan Baimukhanov, the deputy minister, answered her. »The ministry will cut the paperwork by half this year”, Baimukhanov said.",
			want: []wq{
				direct("Teachers must not be asked to do the work of clerks", "Dina Kassymova"),
				direct("The ministry will cut the paperwork", "Nurzhan Baimukhanov"),
			},
		},
		{
			name: "space before the closing mark",
			text: "Ainur Bekova, a nurse from Semey, took part in the meeting.\n\n" +
				"« Nurses in the villages earn half of what nurses in the cities earn » , Bekova said.\n\n" +
				"“We need a single wage scale for the whole country ” , she added.",
			want: []wq{
				direct("Nurses in the villages earn half", "Ainur Bekova"),
				direct("We need a single wage scale", "Ainur Bekova"),
			},
		},
		{
			name: "indirect speech",
			text: "Zhanna Akhmetova, chairwoman of the committee, presented the draft law on trade unions.\n\n" +
				"According to her, the proposed amendments are aimed at protecting the rights of workers in small enterprises.\n\n" +
				"Askar Nurpeisov noted that the union had signed forty new collective agreements this year.",
			want: []wq{
				{kind: doc.Indirect, text: "the proposed amendments are aimed", speaker: "Zhanna Akhmetova", attr: doc.AttrPronoun, mention: "her"},
				{kind: doc.Indirect, text: "the union had signed forty", speaker: "Askar Nurpeisov", attr: doc.AttrExplicit},
			},
		},
		{
			name: "gender inferred from he near a name the lexicon does not know",
			text: "Akim of Pavlodar region Nurlan Abenov received a delegation of Latvian trade unions led by Ugis Kalnins.\n\n" +
				"Ugis Kalnins thanked the akim for the meeting. In Riga and Daugavpils, he said, unions sit on the boards of every college.\n\n" +
				"Then the floor was given to the head of the regional trade union centre, Aigul Temirova.\n\n" +
				"Abenov and Kalnins asked her about the situation at small enterprises.\n\n" +
				"“Small businesses are the hardest, and the workers there rarely know their rights,” she said.",
			want: []wq{direct("Small businesses are the hardest", "Aigul Temirova").by(doc.AttrPronoun, "she")},
		},
		{
			name: "abbreviated honorific and post in the speaker phrase",
			text: "TUCSON — Gov. Laura Mendes spent Sunday afternoon at a senior centre, urging retirees to vote early.\n\n" +
				"“Nobody will touch the pensions you earned,” the governor told about 200 people.\n\n" +
				"Rustam Nazarov and Pavel Orlov also took part. “Every migrant worker should know where to go for help,” Mr. Nazarov said.",
			want: []wq{
				direct("Nobody will touch the pensions", "Laura Mendes").by(doc.AttrTitle, "governor"),
				direct("Every migrant worker should know", "Rustam Nazarov").by(doc.AttrExplicit, "Nazarov"),
			},
		},
		{
			name: "possessive before the apposition is not the subject",
			text: "Tom Barlow held no public events on Sunday. In a statement, his campaign manager, Diana Price, said Barlow “has never proposed cutting a single benefit.”\n\n" +
				"“Voters are tired of scare tactics,” she added.",
			want: []wq{
				direct("has never proposed cutting", "Diana Price"),
				direct("Voters are tired of scare tactics", "Diana Price").by(doc.AttrPronoun, "she"),
			},
		},
		{
			name: "head of the delegation is the person it was headed by",
			text: "A delegation of the Federation of Trade Unions of Belarus headed by its Deputy Chairman Anton Zhdanko arrived in Astana.\n\n" +
				"The guests were received by Marat Seitov, Head of the Department of Social Partnership of the Federation of Trade Unions of Kazakhstan.\n\n" +
				"“We do not wait for an accident to happen; our inspectors come before it,” the head of the delegation noted.",
			want: []wq{direct("We do not wait for an accident", "Anton Zhdanko").by(doc.AttrTitle, "head of the delegation")},
		},
		{
			name: "partial quotes: a group, a shared subject, a lowercase fragment after a name marker",
			text: "The party picked Ibrahim Lawal as its candidate after a primary that two of his rivals said was \"rigged from the start.\"\n\n" +
				"In a statement, the national committee of the party said it had received \"no formal petition\" and described the vote as \"transparent and peaceful.\"\n\n" +
				"The party's secretary-general Aliyu Bako told the convention that the running mate would be named \"within the next two weeks, after consultations with all regions\".",
			want: []wq{
				direct("rigged from the start", "").by(doc.AttrNone, "rivals"),
				direct("no formal petition", "").by(doc.AttrNone, "committee"),
				direct("transparent and peaceful", "").by(doc.AttrNone, "committee"),
				direct("within the next two weeks", "Aliyu Bako"),
			},
		},
		{
			name: "a sentence split after Co. keeps its subject",
			text: "Howard Lindgren, president of Atlantic Rail Co., said his railroad had posted record earnings but was now “investing every spare dollar in safety.”",
			want: []wq{direct("investing every spare dollar", "Howard Lindgren").by(doc.AttrExplicit, "Howard Lindgren")},
		},
		{
			name: "US political news: participle cue, relative clause, indefinite source",
			text: "WASHINGTON — Senate Majority Leader Charles Whitmore on Tuesday rejected a House plan to cut spending, warning that it would \"gut programs that working families depend on.\"\n\n" +
				"He was joined by Governor Robert Kane and City Council President Angela Ruiz, who introduced him as \"the senator who actually shows up.\"\n\n" +
				"According to a spokesperson for the Office of Management and Budget, \"agencies have begun preparing contingency plans.\"",
			want: []wq{
				direct("gut programs", "Charles Whitmore").by(doc.AttrExplicit, "Whitmore"),
				direct("the senator who actually shows up", "Angela Ruiz").by(doc.AttrExplicit, "Angela Ruiz"),
				direct("agencies have begun", "").by(doc.AttrNone, "a spokesperson"),
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := run(t, tc.text)
			checkE2E(t, x, tc.want)
		})
	}
}

func checkE2E(t *testing.T, x doc.Extraction, want []wq) {
	t.Helper()
	names := map[string]string{}
	for _, p := range x.People {
		names[p.ID] = p.Name
	}
	var gotDirect []doc.Quote
	for _, q := range x.Quotes {
		if q.Kind == doc.Direct {
			gotDirect = append(gotDirect, q)
		}
	}
	var wantDirect []wq
	for _, w := range want {
		if w.kind == doc.Direct {
			wantDirect = append(wantDirect, w)
		}
	}
	if len(gotDirect) != len(wantDirect) {
		t.Errorf("direct quotes: got %d, want %d\n%s", len(gotDirect), len(wantDirect), dumpQ(x.Quotes))
	}
	used := map[int]bool{}
	for _, w := range want {
		found := false
		for i, q := range x.Quotes {
			if used[i] || q.Kind != w.kind || !strings.HasPrefix(q.Text, w.text) {
				continue
			}
			used[i], found = true, true
			if q.SpeakerName != w.speaker {
				t.Errorf("%q: speaker %q, want %q\n%s", w.text, q.SpeakerName, w.speaker, dumpQ(x.Quotes))
			}
			if w.speaker != "" && names[q.SpeakerID] != w.speaker {
				t.Errorf("%q: speaker_id %q names %q, want %q", w.text, q.SpeakerID, names[q.SpeakerID], w.speaker)
			}
			if w.speaker == "" && q.SpeakerID != "" {
				t.Errorf("%q: speaker_id %q, want none", w.text, q.SpeakerID)
			}
			if w.attr != "" && q.Attribution != w.attr {
				t.Errorf("%q: attribution %q, want %q", w.text, q.Attribution, w.attr)
			}
			if w.mention != "" && !strings.Contains(q.SpeakerMention, w.mention) {
				t.Errorf("%q: speaker_mention %q, want it to contain %q", w.text, q.SpeakerMention, w.mention)
			}
			break
		}
		if !found {
			t.Errorf("no %s quote starting %q\n%s", w.kind, w.text, dumpQ(x.Quotes))
		}
	}
}

func dumpQ(qs []doc.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("  [" + q.Kind + "] " + q.Text + " | speaker=" + q.SpeakerName + " mention=" + q.SpeakerMention +
			" attr=" + q.Attribution + " cue=" + q.Cue + "\n")
	}
	return b.String()
}

// TestEndToEndConfidence checks that confidence ranks how the speaker was
// found: an explicit name above a pronoun, a pronoun above a continuation.
func TestEndToEndConfidence(t *testing.T) {
	x := run(t, "Timur Bekov, director of the plant, met the workers on Monday.\n\n"+
		"“The plant will hire five hundred new workers this year,” said Timur Bekov.\n\n"+
		"He then visited the new workshop. “The workshop will open in April,” he said.\n\n"+
		"“We are also going to open a training centre for young specialists from the villages.”")
	var conf []float32
	var attrs []string
	for _, q := range x.Quotes {
		if q.Kind == doc.Direct {
			conf = append(conf, q.Confidence)
			attrs = append(attrs, q.Attribution)
		}
	}
	wantAttrs := []string{doc.AttrExplicit, doc.AttrPronoun, doc.AttrContinuation}
	if strings.Join(attrs, ",") != strings.Join(wantAttrs, ",") {
		t.Fatalf("attributions %v, want %v\n%s", attrs, wantAttrs, dumpQ(x.Quotes))
	}
	if !(conf[0] > conf[1] && conf[1] > conf[2]) {
		t.Errorf("confidence %v: want explicit > pronoun > continuation", conf)
	}
}
