// summarySql's ClickHouse text runs on a real two-shard cluster and must equal summarizeTransactions for every
// customer. The cluster (./clickhouse.ts) is started when it is not already running and stopped at the end if
// this file started it. Rows go through
// a Distributed table sharded by cityHash64(customer id) into MergeTree tables on both shards. Without
// clickhouse-server / clickhouse-client the file is skipped with a notice, unless CI=true, where that is a failure.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeTransactions, summarySql, type SummarizeOptions } from "../../src/index.js";
import { cdnowMaster, ch, cluster, literal, PORT1, PORT2, quote, useCluster } from "./clickhouse.js";
import { sqlLogArb, type Row, type SqlRow } from "./helpers.js";

const DAY = 86_400_000;

const { reason, started } = useCluster("summarySql's ClickHouse test");

/** A fresh database per run, its name with a space so quoting of the table's database part is exercised. */
const dbName = `rk test ${process.pid} ${randomBytes(4).toString("hex")}`;
const db = quote(dbName);

type AtType = "Date" | "DateTime" | "DateTime('Asia/Tokyo')" | "Int64" | "UInt64";
type IdType = "Int64" | "Float64" | "String";

/** The TabSeparated text of a row's time for the column type: a UTC date, Unix seconds, or epoch ms. */
function atValue(ms: number, atType: AtType): string {
  if (atType === "Date") return new Date(ms).toISOString().slice(0, 10);
  if (atType === "Int64" || atType === "UInt64") return String(ms);
  return String(Math.floor(ms / 1000)); // DateTime holds whole seconds; the UTC day stays the same
}

/** (Re)creates MergeTree tables `order local` on both shards and the Distributed `order` over them, and loads the rows through it. */
function load(rows: readonly Row[], atType: AtType, idType: IdType): void {
  const columns = `(\`customer id\` ${idType}, \`date\` ${atType}, \`order\` Float64)`;
  const ddl = [
    `DROP TABLE IF EXISTS ${db}.\`order\``,
    `DROP TABLE IF EXISTS ${db}.\`order local\``,
    `CREATE TABLE ${db}.\`order local\` ${columns} ENGINE = MergeTree() ORDER BY tuple()`,
    `CREATE TABLE ${db}.\`order\` ${columns} ENGINE = Distributed(rk_two_shards, ${literal(dbName)}, 'order local', cityHash64(\`customer id\`))`,
  ];
  for (const port of [PORT1, PORT2]) ch(port, ddl.join(";\n"), "", ["--multiquery"]);
  const tsv = rows.map((r) => `${String(r.customerId)}\t${atValue(r.at, atType)}\t${r.amount}\n`).join("");
  ch(PORT1, `INSERT INTO ${db}.\`order\` FORMAT TabSeparated`, tsv, ["--insert_distributed_sync=1"]);
}

/** Runs the query (on shard 1 unless told) and parses the five summary columns. */
function query(sql: string, idIsText: boolean, port = PORT1, settings: readonly string[] = []): SqlRow[] {
  return ch(port, sql, "", settings)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const f = line.split("\t");
      if (f.length !== 5) throw new Error(`unexpected clickhouse line ${JSON.stringify(line)}`);
      return { customer_id: idIsText ? f[0]! : Number(f[0]), frequency: Number(f[1]), recency: Number(f[2]), t: Number(f[3]), monetary_value: Number(f[4]) };
    });
}

/** Throws unless every customer is there once with equal integers and floats within 1e-12 relative; returns the count. */
function checkExact(result: readonly SqlRow[], want: ReturnType<typeof summarizeTransactions>): number {
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.abs(b);
  const got = new Map(result.map((r) => [r.customer_id, r]));
  if (result.length !== want.length || got.size !== want.length) throw new Error(`${result.length} SQL rows (${got.size} ids) for ${want.length} customers`);
  for (const s of want) {
    const r = got.get(s.customerId);
    const ok = r !== undefined && r.frequency === s.frequency && close(r.recency, s.recency) && close(r.t, s.T) && close(r.monetary_value, s.monetaryValue);
    if (!ok) throw new Error(`customer ${String(s.customerId)}: SQL ${JSON.stringify(r)} vs ${JSON.stringify(s)}`);
  }
  return want.length;
}

const idTypeOf = (rows: readonly Row[]): IdType =>
  rows.every((r) => typeof r.customerId === "number") ? (rows.every((r) => Number.isInteger(r.customerId)) ? "Int64" : "Float64") : "String";

const sqlFor = (atType: AtType, options: SummarizeOptions): string =>
  summarySql({
    dialect: "clickhouse",
    table: [dbName, "order"],
    columns: { customerId: "customer id", at: "date", amount: "order" },
    ...(atType === "Int64" || atType === "UInt64" ? { atType: "epoch_ms" as const } : {}),
    ...options,
  });

/** Loads the rows, runs summarySql over the Distributed table and checks every customer against summarizeTransactions. */
function agree(rows: readonly Row[], options: SummarizeOptions, atType: AtType = "DateTime"): number {
  const idType = idTypeOf(rows);
  load(rows, atType, idType);
  return checkExact(query(sqlFor(atType, options), idType === "String"), summarizeTransactions(rows, options));
}

describe.skipIf(reason !== null)(`summarySql on a two-shard ClickHouse cluster (127.0.0.1:${PORT1}, ${PORT2})`, () => {
  const cdnow = reason === null ? cdnowMaster() : [];

  afterAll(() => {
    try {
      for (const port of [PORT1, PORT2]) ch(port, `DROP DATABASE IF EXISTS ${db}`);
    } finally {
      if (started) cluster("stop");
    }
  }, 60_000);

  beforeAll(() => {
    for (const port of [PORT1, PORT2]) ch(port, `CREATE DATABASE ${db}`);
  });

  it("runs on a cluster of two shards", () => {
    expect(ch(PORT1, "SELECT count() FROM system.clusters WHERE cluster = 'rk_two_shards'").trim()).toBe("2");
  });

  it("gives the library's 23,570 customers and 44,021 repeat purchases on CDNOW, every customer equal, DateTime column", () => {
    expect(cdnow.length).toBe(69_659);
    const options = { observationEnd: "1998-06-30", period: "day", unit: "week" } as const;
    const want = summarizeTransactions(cdnow, options);
    expect([want.length, want.reduce((a, s) => a + s.frequency, 0)]).toEqual([23_570, 44_021]);
    load(cdnow, "DateTime", "Int64");
    // Each customer's rows live on one shard, and both shards hold some.
    const ids = [PORT1, PORT2].map((port) => new Set(ch(port, `SELECT DISTINCT \`customer id\` FROM ${db}.\`order local\``).trim().split("\n")));
    expect(ids[0]!.size + ids[1]!.size).toBe(23_570);
    expect(Math.min(ids[0]!.size, ids[1]!.size)).toBeGreaterThan(10_000);
    expect([...ids[0]!].some((id) => ids[1]!.has(id))).toBe(false);
    const sql = sqlFor("DateTime", options);
    const merged = query(sql, false);
    expect(checkExact(merged, want)).toBe(23_570);
    expect(merged.reduce((a, r) => a + r.frequency, 0)).toBe(44_021);
    // Shards' groups unmerged (exact because a customer never spans shards), and shard 2 as the initiator.
    expect(query(sql, false, PORT1, ["--distributed_group_by_no_merge=1"])).toEqual(merged);
    expect(query(sql, false, PORT2)).toEqual(merged);
  });

  it("equals summarizeTransactions on CDNOW for every period and unit", () => {
    load(cdnow, "DateTime", "Int64");
    for (const period of ["day", "week"] as const) {
      for (const unit of ["day", "week"] as const) {
        const options = { observationEnd: "1997-09-30", period, unit };
        expect(checkExact(query(sqlFor("DateTime", options), false), summarizeTransactions(cdnow, options))).toBe(23_570);
      }
    }
  });

  it("equals summarizeTransactions on CDNOW as Date, DateTime('Asia/Tokyo'), Int64 and UInt64 epoch-ms columns", () => {
    expect(agree(cdnow, { observationEnd: "1998-06-30T12:00:00Z", unit: "week", monetary: "all" }, "Date")).toBe(23_570);
    expect(agree(cdnow, { observationEnd: "1997-09-30", period: "week", unit: "day" }, "DateTime('Asia/Tokyo')")).toBe(23_570);
    expect(agree(cdnow, { observationEnd: "1997-06-30", period: "week", unit: "week" }, "Int64")).toBe(23_570);
    // Customers whose first purchase is after the end drop out, as in JavaScript.
    expect(agree(cdnow, { observationEnd: "1997-01-20", period: "day" }, "UInt64")).toBeLessThan(23_570);
  });

  it("equals summarizeTransactions on random logs (times within days, out of order, string and number ids, several seeds)", () => {
    for (const seed of [1, 2, 3]) {
      fc.assert(
        fc.property(
          sqlLogArb,
          fc.constantFrom<AtType>("DateTime", "DateTime('Asia/Tokyo')", "Date", "Int64"),
          fc.constantFrom("repeat", "all"),
          ([rows, asStrings, period, unit, endHour], atType, monetary) => {
            // A Date column keeps only the day, so feed it rows at midnight (the summary is the same then).
            const typed = rows.map((r) => ({
              customerId: asStrings ? `c-${String(r.customerId)}` : typeof r.customerId === "number" ? r.customerId : r.customerId.length,
              at: atType === "Date" ? r.at - (r.at % DAY) : r.at,
              amount: r.amount,
            }));
            const end = Date.UTC(2023, 11, 25) + endHour * 3_600_000;
            if (!typed.some((r) => r.at <= end)) return;
            agree(typed, { observationEnd: end, period, unit, monetary }, atType);
          },
        ),
        { seed, numRuns: 6 },
      );
    }
  });

  it("leaves out NULL ids and times, counts NULL amounts as 0, keeps negative amounts and drops later periods (Nullable columns)", () => {
    const t = `${db}.\`nullable\``;
    ch(PORT1, `CREATE TABLE ${t} (c Nullable(Int64), at Nullable(DateTime), amt Nullable(Float64)) ENGINE = MergeTree() ORDER BY tuple()`);
    const rows = [
      "1\t2024-01-01 10:00:00\t5",
      "1\t2024-01-03 00:00:00\t2.5",
      "1\t2024-01-10 23:59:59\t\\N",
      "\\N\t2024-01-02 00:00:00\t1",
      "2\t\\N\t3",
      "2\t2024-01-05 00:00:00\t4",
      "2\t2024-01-06 00:00:00\t-1",
      "2\t2024-02-01 00:00:00\t9",
    ];
    ch(PORT1, `INSERT INTO ${t} FORMAT TabSeparated`, rows.join("\n") + "\n");
    const sql = summarySql({ dialect: "clickhouse", table: [dbName, "nullable"], columns: { customerId: "c", at: "at", amount: "amt" }, observationEnd: "2024-01-31", unit: "day" });
    // 1: days Jan 1, 3, 10 → frequency 2, recency 9, t 30, repeat mean (2.5 + 0) / 2. 2: Jan 5, 6 (Feb 1 is later) → repeat −1, floored at 0 as the other dialects do.
    expect(query(sql, false)).toEqual([
      { customer_id: 1, frequency: 2, recency: 9, t: 30, monetary_value: 1.25 },
      { customer_id: 2, frequency: 1, recency: 1, t: 26, monetary_value: 0 },
    ]);
    const noAmount = summarySql({ dialect: "clickhouse", table: [dbName, "nullable"], columns: { customerId: "c", at: "at" }, observationEnd: "2024-01-31", period: "week", unit: "week" });
    // Weeks of Monday Jan 1 and Jan 8 for 1; of Jan 1 and of the end (Monday Jan 29, holding Feb 1) for 2.
    expect(query(noAmount, false)).toEqual([
      { customer_id: 1, frequency: 1, recency: 1, t: 4, monetary_value: 0 },
      { customer_id: 2, frequency: 1, recency: 4, t: 4, monetary_value: 0 },
    ]);
  });

  it("keeps the repeat mean exact when the first period's spend dwarfs the repeats (no total − first cancellation)", () => {
    const rows: Row[] = [
      { customerId: 1, at: Date.UTC(2024, 0, 1), amount: 1_000_000 },
      { customerId: 1, at: Date.UTC(2024, 0, 2), amount: 0.01 },
    ];
    // (1,000,000 + 0.01) − 1,000,000 would give 0.010000000009313226, 9.3e-10 off.
    const options = { observationEnd: "2024-01-31", unit: "day" } as const;
    load(rows, "DateTime", "Int64");
    expect(query(sqlFor("DateTime", options), false)).toEqual([{ customer_id: 1, frequency: 1, recency: 1, t: 30, monetary_value: 0.01 }]);
    expect(summarizeTransactions(rows, options)[0]!.monetaryValue).toBe(0.01);
  });

  it("reads epoch-ms columns before 1970 and UInt64 ids", () => {
    const t = `${db}.\`old\``;
    ch(PORT1, `CREATE TABLE ${t} (id UInt64, ms Int64, v Float64) ENGINE = MergeTree() ORDER BY tuple()`);
    const rows: Row[] = [
      { customerId: 18_446_744_073_709, at: Date.UTC(1969, 11, 31, 23, 59, 59, 999), amount: 1 },
      { customerId: 18_446_744_073_709, at: Date.UTC(1970, 0, 1), amount: 2 },
      { customerId: 18_446_744_073_709, at: Date.UTC(1969, 11, 29, 12), amount: 4 },
      { customerId: 3, at: -DAY, amount: 8 },
      { customerId: 3, at: -DAY - 1, amount: 16 },
    ];
    ch(PORT1, `INSERT INTO ${t} FORMAT TabSeparated`, rows.map((r) => `${r.customerId}\t${r.at}\t${r.amount}\n`).join(""));
    for (const period of ["day", "week"] as const) {
      const options = { observationEnd: "1970-01-12", period, unit: "day" } as const;
      const sql = summarySql({ dialect: "clickhouse", table: [dbName, "old"], columns: { customerId: "id", at: "ms", amount: "v" }, atType: "epoch_ms", ...options });
      expect(checkExact(query(sql, false), summarizeTransactions(rows, options))).toBe(2);
    }
  });

  it("quotes identifiers that contain backquotes, backslashes, quotes, dots and spaces", () => {
    const tableName = 'we`ir\\d".table';
    const table = `${db}.${quote(tableName)}`;
    ch(PORT1, `CREATE TABLE ${table} (${quote('id `x`')} Int32, ${quote("select")} Date) ENGINE = MergeTree() ORDER BY tuple()`);
    ch(PORT1, `INSERT INTO ${table} FORMAT TabSeparated`, "7\t2024-01-01\n");
    const sql = summarySql({ dialect: "clickhouse", table: [dbName, tableName], columns: { customerId: "id `x`", at: "select" }, observationEnd: "2024-01-08", unit: "day" });
    expect(query(sql, false)).toEqual([{ customer_id: 7, frequency: 0, recency: 0, t: 7, monetary_value: 0 }]);
  });
});
