// summarySql's PostgreSQL text runs on a real server and must equal summarizeTransactions row by row. The
// server is reached with the psql CLI over TCP, by default 127.0.0.1:5432 as role retention_kit (password
// retention_kit) in database retention_kit_test, which .ci/run creates; the usual PGHOST, PGPORT, PGUSER,
// PGPASSWORD and PGDATABASE variables point it elsewhere. Each run works in a fresh schema that it drops.
// Without a reachable server the file is skipped with a notice, unless CI=true, where that is a failure.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeTransactions, summarySql, type SummarizeOptions } from "../../src/index.js";
import { cdnowSample, checkSqlAgrees, sqlLogArb, type Row, type SqlRow } from "./helpers.js";
import { SEP, postgres } from "./postgres.js";

const { server: SERVER, reason, psql } = postgres("retention-kit summarySql test", "summarySql's Postgres test");

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** A fresh schema per run, its name with a space so the quoting of the table's schema part is exercised too. */
const schemaName = `rk test ${process.pid} ${randomBytes(4).toString("hex")}`;
const schema = quote(schemaName);

type AtKind = "timestamp" | "timestamptz" | "date" | "epoch_ms";
type IdType = "BIGINT" | "DOUBLE PRECISION" | "TEXT";

const isoUtc = (ms: number): string => new Date(ms).toISOString();
/** A COPY csv field: strings always quoted, so ids like "30" or ones with commas stay text. */
const csvText = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The COPY value of a row's time for the column kind (UTC wall clock, UTC date, or epoch ms). */
function atValue(ms: number, atKind: AtKind): string {
  if (atKind === "epoch_ms") return String(ms);
  if (atKind === "date") return isoUtc(ms).slice(0, 10);
  if (atKind === "timestamptz") return isoUtc(ms); // the trailing Z makes it an instant
  return isoUtc(ms).replace("T", " ").replace("Z", "");
}

/** A script that (re)creates <schema>."order" with "customer id", "date" and "order" (amount) and COPYs the rows in. */
function loadScript(rows: readonly Row[], atKind: AtKind, idType: IdType): string {
  const atType = { timestamp: "TIMESTAMP", timestamptz: "TIMESTAMPTZ", date: "DATE", epoch_ms: "BIGINT" }[atKind];
  const lines = rows.map((r) => `${typeof r.customerId === "string" ? csvText(r.customerId) : String(r.customerId)},${atValue(r.at, atKind)},${r.amount}`);
  return [
    `DROP TABLE IF EXISTS ${schema}."order";`,
    `CREATE TABLE ${schema}."order" ("customer id" ${idType}, "date" ${atType}, "order" DOUBLE PRECISION);`,
    `COPY ${schema}."order" FROM STDIN WITH (FORMAT csv);`,
    ...lines,
    `\\.`,
    "",
  ].join("\n");
}

/** Runs `setup` then the query in one UTC session; parses the five summary columns. */
function query(setup: string, sql: string, idIsText: boolean, timeZone = "UTC"): SqlRow[] {
  const out = psql(`SET TIME ZONE '${timeZone}';\n${setup}${sql};\n`);
  return out
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const f = line.split(SEP);
      if (f.length !== 5) throw new Error(`unexpected psql line ${JSON.stringify(line)}`);
      return { customer_id: idIsText ? f[0]! : Number(f[0]), frequency: Number(f[1]), recency: Number(f[2]), t: Number(f[3]), monetary_value: Number(f[4]) };
    });
}


/** Runs summarySql in PostgreSQL and checks every row against summarizeTransactions on the same rows. */
function agree(rows: readonly Row[], options: SummarizeOptions, atKind: AtKind = "timestamp", timeZone = "UTC"): number {
  const ids = rows.map((r) => r.customerId);
  const idType: IdType = ids.every((id) => typeof id === "number") ? (ids.every(Number.isInteger) ? "BIGINT" : "DOUBLE PRECISION") : "TEXT";
  const sql = summarySql({
    dialect: "postgres",
    table: [schemaName, "order"],
    columns: { customerId: "customer id", at: "date", amount: "order" },
    ...(atKind === "epoch_ms" ? { atType: "epoch_ms" as const } : {}),
    ...options,
  });
  const result = query(loadScript(rows, atKind, idType), sql, idType === "TEXT", timeZone);
  return checkSqlAgrees(result, summarizeTransactions(rows, options));
}

describe.skipIf(reason !== null)(`summarySql in PostgreSQL (${SERVER})`, () => {
  const cdnow = cdnowSample();

  beforeAll(() => {
    psql(`CREATE SCHEMA ${schema};`);
  });

  afterAll(() => {
    psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE;`);
  });

  it("equals summarizeTransactions on CDNOW for every period and unit, TIMESTAMP column", () => {
    for (const period of ["day", "week"] as const) {
      for (const unit of ["day", "week"] as const) {
        expect(agree(cdnow, { observationEnd: "1997-09-30", period, unit })).toBe(2357);
      }
    }
  });

  it("equals summarizeTransactions on CDNOW with a DATE column, an epoch-ms column and 'all' monetary", () => {
    expect(agree(cdnow, { observationEnd: "1998-06-30T12:00:00Z", unit: "week", monetary: "all" }, "date")).toBe(2357);
    // Customers whose first purchase is after the end drop out, as in JavaScript.
    expect(agree(cdnow, { observationEnd: "1997-01-20", period: "week" }, "epoch_ms")).toBeLessThan(2357);
    expect(agree(cdnow, { observationEnd: "1997-06-30", period: "week", unit: "week" }, "epoch_ms")).toBe(2357);
  });

  it("reads epoch-ms columns as UTC whatever the session time zone is", () => {
    for (const timeZone of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
      expect(agree(cdnow, { observationEnd: "1997-09-30", period: "week" }, "epoch_ms", timeZone)).toBe(2357);
    }
  });

  it("equals summarizeTransactions on random rows (times within days, out of order, string and number ids, four column types)", () => {
    fc.assert(
      fc.property(
        sqlLogArb,
        fc.constantFrom<AtKind>("timestamp", "timestamptz", "date", "epoch_ms"),
        fc.constantFrom("repeat", "all"),
        ([rows, asStrings, period, unit, endHour], atKind, monetary) => {
          // A DATE column keeps only the day, so feed it rows at midnight (the summary is the same then).
          const typed = rows.map((r) => ({
            customerId: asStrings ? `c-${String(r.customerId)}` : typeof r.customerId === "number" ? r.customerId : r.customerId.length,
            at: atKind === "date" ? r.at - (r.at % 86_400_000) : r.at,
            amount: r.amount,
          }));
          const end = Date.UTC(2023, 11, 25) + endHour * 3_600_000;
          if (!typed.some((r) => r.at <= end)) return;
          agree(typed, { observationEnd: end, period, unit, monetary }, atKind);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("keeps the repeat mean exact when the first period's spend dwarfs the repeats", () => {
    // (1e7 + 0.01) − 1e7 = 0.009999999776482582, 2.2e-8 off: the repeat spend must be summed, not subtracted.
    const t = `${schema}.big_first`;
    const setup = `CREATE TABLE ${t} (c INTEGER, "at" TIMESTAMP, amt DOUBLE PRECISION);\nINSERT INTO ${t} VALUES (1, TIMESTAMP '2024-01-01', 10000000), (1, TIMESTAMP '2024-01-02', 0.01), (2, TIMESTAMP '2024-01-03', 5);\n`;
    const sql = summarySql({ dialect: "postgres", table: [schemaName, "big_first"], columns: { customerId: "c", at: "at", amount: "amt" }, observationEnd: "2024-01-31", unit: "day" });
    expect(query(setup, sql, false)).toEqual([
      { customer_id: 1, frequency: 1, recency: 1, t: 30, monetary_value: 0.01 },
      { customer_id: 2, frequency: 0, recency: 0, t: 28, monetary_value: 0 },
    ]);
  });

  it("gives spend 0 without an amount column and leaves NULL ids and times out", () => {
    const t2 = `${schema}.t2`;
    const setup = [
      `CREATE TABLE ${t2} (c INTEGER, "at" TIMESTAMP);`,
      `INSERT INTO ${t2} VALUES (1, TIMESTAMP '2024-01-01 10:00'), (1, TIMESTAMP '2024-01-03 00:00'), (NULL, TIMESTAMP '2024-01-02'), (2, NULL), (2, TIMESTAMP '2024-02-01');`,
      "",
    ].join("\n");
    const sql = summarySql({ dialect: "postgres", table: [schemaName, "t2"], columns: { customerId: "c", at: "at" }, observationEnd: "2024-01-31", unit: "day" });
    expect(query(setup, sql, false)).toEqual([{ customer_id: 1, frequency: 1, recency: 2, t: 30, monetary_value: 0 }]);
  });

  it("quotes identifiers that contain quotes, dots and spaces", () => {
    const table = `${schema}."we""ird.table"`;
    const setup = `CREATE TABLE ${table} ("id ""x""" INTEGER, "select" DATE);\nINSERT INTO ${table} VALUES (7, DATE '2024-01-01');\n`;
    const sql = summarySql({ dialect: "postgres", table: [schemaName, 'we"ird.table'], columns: { customerId: 'id "x"', at: "select" }, observationEnd: "2024-01-08", unit: "day" });
    expect(query(setup, sql, false)).toEqual([{ customer_id: 7, frequency: 0, recency: 0, t: 7, monetary_value: 0 }]);
  });
});
