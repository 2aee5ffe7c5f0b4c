package registry

// Rule is one named decision of the registry: how a written name is read,
// or when two document persons are one real person.
type Rule struct {
	ID      string
	Doc     string
	Example string
}

// Rule indices, in the order the merge rules apply (resolve.go).
const (
	ruleNameKey uint8 = iota
	ruleAliasKey
	ruleJoinKey
	ruleSubsetUnique
	ruleSubsetEvidence
	ruleFuzzy
	ruleInitialsUnique
	ruleInitialsEvidence
	ruleSurnameUnique
	ruleSurnameEvidence
	rulePartialEvidence
)

// Rules lists the registry's rules: first how names are read (applied to
// every written name once), then the merge rules in the order they apply.
// A persons row's evidence names the merge rules that built it.
var Rules = []Rule{
	{"NAME-FOLD", "case, accents, Cyrillic look-alike letters and punctuation do not count; an all-Cyrillic word is transliterated (lexicon translit.txt)", "SERIKBOL AMANZHOLOV = Serikbol Amanzholov; Аmanov (Cyrillic А) = Amanov; Тоқаев = Tokaev"},
	{"NAME-TRANSLIT", "romanizations of one sound meet at one phonetic key: zh/j/dzh, kh/h, q/k, y/i, -yev/-ev/-iyev, doubled letters, ye-/e- (translit.txt sub rules, in file order)", "Amanjolov = Amanzholov; Sagintaev = Sagintayev; Aiym = Ayym; Kasym = Kassym"},
	{"NAME-VARIANT", "national forms and romanizations of one given name listed in given_variants.txt are one name", "Mohammed = Muhammad; Oleksandr = Aleksandr"},
	{"NAME-HONORIFIC", "forms of address at the start are no part of the name (honorifics.txt)", "Mr. Trump -> Trump; Tan Sri Dato' Ahmad Zaki -> Ahmad Zaki"},
	{"NAME-INITIALS", "one letter, or two letters romanizing one Cyrillic letter, written with or without a dot, in any order and spacing, are initials; so are 2-3 capitals beside a mixed-case word", "Amanzholov S.K. -> S, K + Amanzholov; B.Zh; JP Nadda -> J, P + Nadda"},
	{"NAME-PARTICLE", "connecting particles (al-, bin, van) are no matching word; a hyphenated name is one word", "el-Sisi = Sisi; Kassym-Jomart = Kassymjomart"},
	{"NAME-SUFFIX", "a generational suffix is part of the key: the father and the son stay apart", "Ferdinand Marcos Jr != Ferdinand Marcos"},
	{"NAME-KEY", "two full names (two words or more) with equal keys are one person: the same words after folding, in any order (surname-first forms)", "Izmukhambetov Baktykozha = Baktykozha Izmukhambetov; Dmitriy Medvedev = Dmitry Medvedev"},
	{"ALIAS-KEY", "a full-name alias in one document links that document's person to the persons with that key", "Satybalda Dauletalin (alias Satybaldy Dauletalin) = Satybaldy Dauletalin"},
	{"JOIN-KEY", "a name of three words or more also matches with two neighbouring words written as one", "Kassym Jomart Tokayev = Kassym-Jomart Tokayev"},
	{"SUBSET-UNIQUE", "a full name whose words are all in one longer full name, and in no other, is that person (middle names, middle initials, patronymics)", "Donald Trump = Donald J. Trump; Yerbol Nurgaliev = Nurgaliev Yerbol Zholdaspekovich"},
	{"SUBSET-EVIDENCE", "as SUBSET-UNIQUE when several longer names fit and evidence points to one", "Maria Garcia -> Maria Jose Garcia (same organization), not Maria Luisa Garcia"},
	{"FUZZY-EVIDENCE", "two full names that differ in one word by one letter (inserted, dropped, changed or swapped; words of 4 letters or more), by vowels only, or by a nickname (given_variants.txt) are one person only with evidence: a shared title, organization or co-occurring person", "Serikbol Amanzolov = Serikbol Amanzholov (both chairman of the federation); William Clinton = Bill Clinton (both President)"},
	{"INITIALS-UNIQUE", "initials and a surname are the one full name with that surname whose other words begin with those initials (a surname of three letters or fewer needs evidence)", "S. Amanzholov = Serikbol Amanzholov; Nurymbetov B. B. = Birzhan Nurymbetov"},
	{"INITIALS-EVIDENCE", "as INITIALS-UNIQUE when several full names fit and evidence points to exactly one", "A. Seitkali (akim of Zhanaarka) -> Askar Seitkali (akim of Zhanaarka), not Aigerim Seitkali"},
	{"SURNAME-UNIQUE", "a surname alone is the one full name that has it (a known given name alone, or a word of three letters or fewer, needs evidence)", "Trump = Donald Trump when no other Trump is named; Kim alone is not Jong-un Kim"},
	{"SURNAME-EVIDENCE", "a surname (or given name) alone with several fitting full names, and evidence for exactly one", "Clinton (Secretary of State) -> Hillary Clinton (Secretary of State), not Bill Clinton"},
	{"PARTIAL-EVIDENCE", "initials-and-surname or surname-only names left over are one person only with evidence; without it two A. Seitkali stay apart", "A. Seitkali (chairman, Union X) = A. Seitkali (chairman, Union X)"},
	{"EVIDENCE", "what a loose match needs: a title or organization shared by both sides and held by at most 20 persons of the run, or an organization whose name holds all the (two or more) content words of the other's, or else a person named beside both who is named in few documents (at most 10, and at most 1 in 200 of the run's but 3 always), in documents naming at most 64 people (a list of hundreds says nothing of whom one meets)", "Chairman of the Federation of Trade Unions of Kazakhstan ~ head of the Federation of Trade Unions of the Republic of Kazakhstan"},
	{"EVIDENCE-AMONG-MANY", "a loose name that fits more than 64 persons (a surname thousands share) joins one only through a title or organization both hold, held by at most 20 persons: among so many, being the one left after the blocks, a similar organization name or a co-occurring person says too little", "Kim (Foreign Minister) -> the one Kim who is Foreign Minister among 300 Kims; Kim alone stays alone"},
	{"BLOCK-GENDER", "no merge but by equal full names joins persons the text marks as of different sexes (pronouns, honorifics, given names, -ova/-ov)", "Clinton (she) is not Bill Clinton"},
	{"BLOCK-SAME-DOC", "no merge but by equal names joins two persons one document keeps apart", "Rahul Gandhi and Priyanka Gandhi Vadra in one report stay two"},
}

// ruleIDs maps the merge rule indices to their IDs.
var ruleIDs = [...]string{
	ruleNameKey: "NAME-KEY", ruleAliasKey: "ALIAS-KEY", ruleJoinKey: "JOIN-KEY",
	ruleSubsetUnique: "SUBSET-UNIQUE", ruleSubsetEvidence: "SUBSET-EVIDENCE", ruleFuzzy: "FUZZY-EVIDENCE",
	ruleInitialsUnique: "INITIALS-UNIQUE", ruleInitialsEvidence: "INITIALS-EVIDENCE",
	ruleSurnameUnique: "SURNAME-UNIQUE", ruleSurnameEvidence: "SURNAME-EVIDENCE",
	rulePartialEvidence: "PARTIAL-EVIDENCE",
}
