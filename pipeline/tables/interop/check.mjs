// check.mjs reads plenary's Parquet tables with DuckDB, an engine that
// shares no code with the arrow-go writer, and checks each table against the
// contract: column names, DuckDB types, nullability (REQUIRED vs OPTIONAL),
// the plenary schema metadata of every part file, the row count recorded in
// run.json, and that the table's folder holds exactly the parts run.json
// lists. Each table is read as README says, with one call: a glob of its
// folder, OUTDIR/<table>/*.parquet. Then polars (nodejs-polars: the Rust
// engine Python's polars wraps; its scanParquet is what pl.read_parquet of
// a glob runs) reads each table the same way, with one call, and must see
// the contract's columns and types and run.json's row count: parts whose
// schemas differ, or a glob polars cannot read, fail here.
//
// A run with --format arrow (run.json's format) is read by polars alone,
// scanIPC over OUTDIR/<table>/*.arrow (DuckDB reads Arrow IPC files only
// through an extension it would download).
//
// Usage: node check.mjs OUTDIR [SAME]
// With SAME (another output folder, e.g. the same input run without
// shards), every table of OUTDIR must also hold exactly SAME's rows, in any
// order. Prints one line per table; exits 1 on any mismatch, 2 on bad usage.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import pl from "nodejs-polars";

// Must match tables.SchemaVersion in ../schema.go.
const SCHEMA_VERSION = "5";

// The table contract as DuckDB sees it; a trailing "?" marks a nullable column.
const TABLES = {
  documents: ["doc_id VARCHAR", "source VARCHAR", "url? VARCHAR", "title? VARCHAR", "published? DATE",
    "n_chars INTEGER", "n_sentences INTEGER", "n_tokens INTEGER", "sha256 VARCHAR", "encoding VARCHAR",
    "text? VARCHAR", "extraction? VARCHAR"],
  people: ["doc_id VARCHAR", "person_id VARCHAR", "name VARCHAR", "aliases VARCHAR[]",
    "mentions INTEGER", "start INTEGER", "end INTEGER", "person_uid VARCHAR"],
  organizations: ["doc_id VARCHAR", "org_id VARCHAR", "name VARCHAR", "aliases VARCHAR[]",
    "acronym? VARCHAR", "mentions INTEGER", "start INTEGER", "end INTEGER"],
  locations: ["doc_id VARCHAR", "location_id VARCHAR", "name VARCHAR", "aliases VARCHAR[]",
    "mentions INTEGER", "start INTEGER", "end INTEGER"],
  roles: ["doc_id VARCHAR", "person_id VARCHAR", "person_name VARCHAR", "title VARCHAR",
    "org_id? VARCHAR", "org_name? VARCHAR", "start INTEGER", "end INTEGER", "evidence VARCHAR",
    "method VARCHAR"],
  dates: ["doc_id VARCHAR", "date_id VARCHAR", "text VARCHAR", "value VARCHAR", "date DATE",
    "granularity VARCHAR", "start INTEGER", "end INTEGER"],
  quotes: ["doc_id VARCHAR", "quote_id VARCHAR", "kind VARCHAR", "text VARCHAR", "start INTEGER",
    "end INTEGER", "speaker_id? VARCHAR", "speaker_name? VARCHAR", "speaker_mention? VARCHAR",
    "attribution VARCHAR", "cue? VARCHAR", "confidence DOUBLE", "sieve VARCHAR"],
  mentions: ["doc_id VARCHAR", "entity_id VARCHAR", "entity_type VARCHAR", "text VARCHAR",
    "start INTEGER", "end INTEGER", "sentence INTEGER", "method VARCHAR"],
  errors: ["source VARCHAR", "doc_id? VARCHAR", "stage VARCHAR", "message VARCHAR", "severity VARCHAR"],
  persons: ["person_uid VARCHAR", "name VARCHAR", "variants VARCHAR[]", "documents INTEGER",
    "mentions INTEGER", "first_seen? DATE", "last_seen? DATE", "merge_evidence VARCHAR[]"],
  role_timeline: ["person_uid VARCHAR", "title VARCHAR", "org? VARCHAR", "first_seen? DATE",
    "last_seen? DATE", "documents INTEGER"],
};

function parseColumn(spec) {
  const [head, type] = spec.split(" ");
  const nullable = head.endsWith("?");
  return { name: nullable ? head.slice(0, -1) : head, type, nullable };
}

const sqlString = (s) => "'" + s.replaceAll("'", "''") + "'";

async function rows(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS();
}

// checkTable returns a list of problems with one table file.
async function checkTable(conn, path, table, want, run) {
  const problems = [];
  const src = sqlString(path);
  const nfiles = readdirSync(join(run.dir, table)).filter((n) => n.endsWith(".parquet")).length;
  const cols = TABLES[table].map(parseColumn);

  const got = await rows(conn, `DESCRIBE SELECT * FROM read_parquet(${src})`);
  const gotNames = got.map((r) => r.column_name).join(",");
  const wantNames = cols.map((c) => c.name).join(",");
  if (gotNames !== wantNames) {
    problems.push(`columns [${gotNames}], want [${wantNames}]`);
  }
  const gotType = Object.fromEntries(got.map((r) => [r.column_name, r.column_type]));
  // One row per part file and column: every part must agree.
  const repetition = {};
  for (const r of await rows(conn, `SELECT DISTINCT name, repetition_type FROM parquet_schema(${src})`)) {
    repetition[r.name] = r.name in repetition ? "MIXED" : r.repetition_type;
  }
  for (const c of cols) {
    if (!(c.name in gotType)) continue; // reported above
    if (gotType[c.name] !== c.type) {
      problems.push(`${c.name} is ${gotType[c.name]}, want ${c.type}`);
    }
    const wantRep = c.nullable ? "OPTIONAL" : "REQUIRED";
    if (repetition[c.name] !== wantRep) {
      problems.push(`${c.name} is ${repetition[c.name]}, want ${wantRep}`);
    }
  }

  // Every part carries the metadata: checked on the keys all parts share.
  const kv = await rows(conn, `SELECT decode(key) AS k, decode(value) AS v, count(DISTINCT file_name) AS n FROM parquet_kv_metadata(${src}) GROUP BY ALL`);
  const meta = Object.fromEntries(kv.filter((r) => Number(r.n) === nfiles).map((r) => [r.k, r.v]));
  if (meta["plenary.schema_version"] !== SCHEMA_VERSION) {
    problems.push(`plenary.schema_version is ${meta["plenary.schema_version"]}, want ${SCHEMA_VERSION}`);
  }
  // Every column's description is a file key/value (what DuckDB shows).
  for (const c of cols) {
    if (!(meta[`plenary.column.${c.name}`] ?? "").trim()) {
      problems.push(`no description for ${c.name} (key plenary.column.${c.name})`);
    }
  }
  if (run.version !== undefined && meta["plenary.version"] !== String(run.version)) {
    problems.push(`plenary.version is ${meta["plenary.version"]}, run.json says ${run.version}`);
  }

  // Closed vocabularies the contract names.
  // (documents.encoding is open: an HTML page may declare any charset.)
  const vocab = { errors: ["severity", ["error", "warning"]] };
  if (vocab[table]) {
    const [col, allowed] = vocab[table];
    const bad = await rows(conn, `SELECT DISTINCT "${col}" AS v FROM read_parquet(${src}) WHERE "${col}" NOT IN (${allowed.map(sqlString).join(", ")})`);
    if (bad.length > 0) problems.push(`${col} has values outside the contract: ${bad.map((r) => r.v).join(", ")}`);
  }

  const [{ n }] = await rows(conn, `SELECT count(*) AS n FROM read_parquet(${src})`);
  const count = Number(n);
  if (count !== want) {
    problems.push(`${count} rows, run.json counts ${want}`);
  }
  return { problems, count, ncols: got.length };
}

// The contract's DuckDB types as polars names them.
const POLARS_TYPE = {
  VARCHAR: "String", INTEGER: "Int32", DOUBLE: "Float64", DATE: "Date",
  "VARCHAR[]": "List(DataType(String))",
};

// checkPolars reads one table with polars, one call over the glob, and
// returns its problems.
function checkPolars(glob, table, want, format = "parquet") {
  let df;
  try {
    df = (format === "arrow" ? pl.scanIPC(glob) : pl.scanParquet(glob)).collectSync();
  } catch (err) {
    return [`polars: ${err.message}`];
  }
  const problems = [];
  const cols = TABLES[table].map(parseColumn);
  const got = df.columns.map((name, i) => `${name} ${String(df.dtypes[i])}`).join(", ");
  const wanted = cols.map((c) => `${c.name} DataType(${POLARS_TYPE[c.type]})`).join(", ");
  if (got !== wanted) problems.push(`polars sees [${got}], want [${wanted}]`);
  if (df.height !== want) problems.push(`polars reads ${df.height} rows, run.json counts ${want}`);
  return problems;
}

async function main() {
  const [dir, same] = process.argv.slice(2);
  if (!dir || process.argv.length > 4) {
    console.error("usage: node check.mjs OUTDIR [SAME]");
    process.exit(2);
  }
  let run;
  try {
    run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
  } catch (err) {
    console.error(`check: read ${join(dir, "run.json")}: ${err.message}`);
    process.exit(1);
  }
  const counts = run.counts ?? {};

  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  let failed = false;
  run.dir = dir;
  const listed = new Set((run.files ?? []).map((f) => f.path));
  const ext = run.format === "arrow" ? ".arrow" : ".parquet";
  for (const table of Object.keys(TABLES)) {
    const path = join(dir, table, "*" + ext);
    const problems = [];
    let detail = "";
    const parts = existsSync(join(dir, table)) ? readdirSync(join(dir, table)).filter((n) => n.endsWith(ext)) : [];
    for (const p of parts) {
      if (!listed.has(`${table}/${p}`)) problems.push(`${table}/${p} is not in run.json's files`);
    }
    for (const f of listed) {
      if (f.startsWith(`${table}/`) && !parts.includes(f.slice(table.length + 1))) problems.push(`${f} (in run.json) missing`);
    }
    if (parts.length === 0) {
      problems.push(`${join(dir, table)} holds no part`);
    } else if (typeof counts[table] !== "number") {
      problems.push(`run.json has no counts.${table}`);
    } else if (ext === ".arrow") {
      problems.push(...checkPolars(path, table, counts[table], "arrow"));
      detail = `${counts[table]} rows, ${parts.length} Arrow IPC part(s), polars`;
    } else {
      try {
        const r = await checkTable(conn, path, table, counts[table], run);
        problems.push(...r.problems, ...checkPolars(path, table, counts[table]));
        detail = `${r.count} rows, ${r.ncols} columns, ${parts.length} part(s), DuckDB and polars`;
      } catch (err) {
        problems.push(`duckdb: ${err.message}`);
      }
    }
    if (problems.length > 0) {
      failed = true;
      console.log(`FAIL ${table.padEnd(13)} ${problems.join("; ")}`);
    } else {
      console.log(`ok   ${table.padEnd(13)} ${detail}`);
    }
  }
  if (ext === ".arrow") {
    // DuckDB's checks below read Parquet.
    conn.closeSync?.();
    process.exit(failed ? 1 : 0);
  }
  // The registry's keys join: every document person has its person, every
  // person and timeline row is some document person's, and a person's
  // documents count is that of its document persons' documents.
  const t = (name) => sqlString(join(dir, name, "*.parquet"));
  const joins = [
    ["people without a persons row", `SELECT count(*) AS n FROM read_parquet(${t("people")}) p ANTI JOIN read_parquet(${t("persons")}) USING (person_uid)`],
    ["persons without people", `SELECT count(*) AS n FROM read_parquet(${t("persons")}) s ANTI JOIN read_parquet(${t("people")}) USING (person_uid)`],
    ["role_timeline rows without a person", `SELECT count(*) AS n FROM read_parquet(${t("role_timeline")}) r ANTI JOIN read_parquet(${t("persons")}) USING (person_uid)`],
    // Offsets are code points into documents.text: DuckDB's substring,
    // which counts characters, finds every mention, quote and date there.
    ["documents without text (make interop runs without --no-text)", `SELECT count(*) AS n FROM read_parquet(${t("documents")}) WHERE text IS NULL`],
    ["mentions whose offsets do not give their text in documents.text", `SELECT count(*) AS n FROM read_parquet(${t("mentions")}) m JOIN read_parquet(${t("documents")}) d USING (doc_id) WHERE substring(d.text, m.start + 1, m."end" - m.start) <> m.text`],
    ["dates whose offsets do not give their text", `SELECT count(*) AS n FROM read_parquet(${t("dates")}) m JOIN read_parquet(${t("documents")}) d USING (doc_id) WHERE substring(d.text, m.start + 1, m."end" - m.start) <> m.text`],
    ["persons whose documents count differs", `SELECT count(*) AS n FROM read_parquet(${t("persons")}) s JOIN (SELECT person_uid, count(DISTINCT doc_id) AS d FROM read_parquet(${t("people")}) GROUP BY person_uid) USING (person_uid) WHERE s.documents <> d`],
  ];
  for (const [what, sql] of joins) {
    try {
      const [{ n }] = await rows(conn, sql);
      if (Number(n) !== 0) {
        failed = true;
        console.log(`FAIL joins         ${Number(n)} ${what}`);
      }
    } catch (err) {
      failed = true;
      console.log(`FAIL joins         duckdb: ${err.message}`);
    }
  }
  if (same) {
    const u = (name) => sqlString(join(same, name, "*.parquet"));
    for (const table of Object.keys(TABLES)) {
      try {
        const diff = async (a, b) => Number((await rows(conn, `SELECT count(*) AS n FROM (SELECT * FROM read_parquet(${a}) EXCEPT ALL SELECT * FROM read_parquet(${b}))`))[0].n);
        const [extra, lacking] = [await diff(t(table), u(table)), await diff(u(table), t(table))];
        if (extra !== 0 || lacking !== 0) {
          failed = true;
          console.log(`FAIL same ${table.padEnd(13)} ${extra} row(s) not in ${same}, ${lacking} row(s) of ${same} missing`);
        }
      } catch (err) {
        failed = true;
        console.log(`FAIL same ${table.padEnd(13)} duckdb: ${err.message}`);
      }
    }
    if (!failed) console.log(`ok   every table holds the rows of ${same}`);
  }
  for (const table of Object.keys(counts)) {
    if (!(table in TABLES)) {
      failed = true;
      console.log(`FAIL ${table.padEnd(13)} in run.json counts but not a known table`);
    }
  }
  conn.closeSync?.();
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(`check: ${err.stack ?? err}`);
  process.exit(1);
});
