import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RetentionKitError, summarizeTransactions, summarySql, type SummarizeOptions } from "../../src/index.js";
import { useDuckDb } from "./duckdb.js";
import { cdnowSample, checkSqlAgrees, sqlLogArb, type Row, type SqlRow } from "./helpers.js";

const duck = useDuckDb("sales data");

type AtKind = "timestamp" | "date" | "epoch_ms";

/** Loads rows into "sales data"."order" with columns "customer id", "date" and "order" (amount). */
async function load(rows: readonly Row[], atKind: AtKind, idType: "BIGINT" | "VARCHAR" | "DOUBLE"): Promise<void> {
  const atType = atKind === "epoch_ms" ? "BIGINT" : atKind === "date" ? "DATE" : "TIMESTAMP";
  await duck.conn.run(`CREATE OR REPLACE TABLE "sales data"."order" ("customer id" ${idType}, "date" ${atType}, "order" DOUBLE)`);
  for (let k = 0; k < rows.length; k += 2000) {
    const values = rows.slice(k, k + 2000).map((r) => {
      const id = typeof r.customerId === "string" ? `'${r.customerId.replace(/'/g, "''")}'` : String(r.customerId);
      const at = atKind === "epoch_ms" ? String(r.at) : atKind === "date" ? `CAST(epoch_ms(${r.at}) AS DATE)` : `epoch_ms(${r.at})`;
      return `(${id}, ${at}, ${r.amount})`;
    });
    await duck.conn.run(`INSERT INTO "sales data"."order" VALUES ${values.join(", ")}`);
  }
}

async function query(sql: string): Promise<SqlRow[]> {
  const reader = await duck.conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((r) => ({
    customer_id: typeof r.customer_id === "bigint" ? Number(r.customer_id) : (r.customer_id as number | string),
    frequency: Number(r.frequency),
    recency: Number(r.recency),
    t: Number(r.t),
    monetary_value: Number(r.monetary_value),
  }));
}


/** Runs summarySql in DuckDB and checks every row against summarizeTransactions on the same rows. */
async function agree(rows: readonly Row[], options: SummarizeOptions, atKind: AtKind = "timestamp"): Promise<number> {
  const ids = rows.map((r) => r.customerId);
  await load(rows, atKind, ids.every((id) => typeof id === "number") ? (ids.every(Number.isInteger) ? "BIGINT" : "DOUBLE") : "VARCHAR");
  const sql = summarySql({
    dialect: "duckdb",
    table: "sales data.order",
    columns: { customerId: "customer id", at: "date", amount: "order" },
    ...(atKind === "epoch_ms" ? { atType: "epoch_ms" as const } : {}),
    ...options,
  });
  return checkSqlAgrees(await query(sql), summarizeTransactions(rows, options));
}

describe("summarySql in DuckDB", () => {
  const cdnow = cdnowSample();

  it("equals summarizeTransactions on CDNOW for every period and unit, TIMESTAMP column", async () => {
    for (const period of ["day", "week"] as const) {
      for (const unit of ["day", "week"] as const) {
        expect(await agree(cdnow, { observationEnd: "1997-09-30", period, unit })).toBe(2357 - (period === "day" ? 0 : 0));
      }
    }
  });

  it("equals summarizeTransactions on CDNOW with a DATE column, an epoch-ms column and 'all' monetary", async () => {
    await agree(cdnow, { observationEnd: "1998-06-30T12:00:00Z", unit: "week", monetary: "all" }, "date");
    await agree(cdnow, { observationEnd: "1997-06-30", period: "week" }, "epoch_ms");
  });

  it("equals summarizeTransactions on random rows (times within days, out of order, string and number ids)", async () => {
    await fc.assert(
      fc.asyncProperty(sqlLogArb, fc.constantFrom<AtKind>("timestamp", "epoch_ms"), async ([rows, asStrings, period, unit, endHour], atKind) => {
        const typed = rows.map((r) => ({ ...r, customerId: asStrings ? `c-${String(r.customerId)}` : typeof r.customerId === "number" ? r.customerId : r.customerId.length }));
        const end = Date.UTC(2023, 11, 25) + endHour * 3_600_000;
        if (!typed.some((r) => r.at <= end)) return;
        await agree(typed, { observationEnd: end, period, unit }, atKind);
      }),
      { numRuns: 40 },
    );
  });

  it("keeps the repeat mean exact when the first period's spend dwarfs the repeats", async () => {
    // (1e7 + 0.01) − 1e7 = 0.009999999776482582, 2.2e-8 off: the repeat spend must be summed, not subtracted.
    await duck.conn.run(`CREATE OR REPLACE TABLE big_first (c INTEGER, "at" TIMESTAMP, amt DOUBLE)`);
    await duck.conn.run(`INSERT INTO big_first VALUES (1, TIMESTAMP '2024-01-01', 10000000), (1, TIMESTAMP '2024-01-02', 0.01), (2, TIMESTAMP '2024-01-03', 5)`);
    const sql = summarySql({ dialect: "duckdb", table: "big_first", columns: { customerId: "c", at: "at", amount: "amt" }, observationEnd: "2024-01-31", unit: "day" });
    expect(await query(sql)).toEqual([
      { customer_id: 1, frequency: 1, recency: 1, t: 30, monetary_value: 0.01 },
      { customer_id: 2, frequency: 0, recency: 0, t: 28, monetary_value: 0 },
    ]);
  });

  it("gives spend 0 without an amount column and leaves NULL ids and times out", async () => {
    await duck.conn.run(`CREATE OR REPLACE TABLE t2 (c INTEGER, "at" TIMESTAMP)`);
    await duck.conn.run(`INSERT INTO t2 VALUES (1, TIMESTAMP '2024-01-01 10:00'), (1, TIMESTAMP '2024-01-03 00:00'), (NULL, TIMESTAMP '2024-01-02'), (2, NULL), (2, TIMESTAMP '2024-02-01')`);
    const rows = await query(summarySql({ dialect: "duckdb", table: "t2", columns: { customerId: "c", at: "at" }, observationEnd: "2024-01-31", unit: "day" }));
    expect(rows).toEqual([{ customer_id: 1, frequency: 1, recency: 2, t: 30, monetary_value: 0 }]);
  });

  it("quotes identifiers that contain quotes, dots and spaces", async () => {
    await duck.conn.run(`CREATE OR REPLACE TABLE "we""ird.table" ("id ""x""" INTEGER, "select" DATE)`);
    await duck.conn.run(`INSERT INTO "we""ird.table" VALUES (7, DATE '2024-01-01')`);
    const sql = summarySql({ dialect: "duckdb", table: ['we"ird.table'], columns: { customerId: 'id "x"', at: "select" }, observationEnd: "2024-01-08", unit: "day" });
    expect(await query(sql)).toEqual([{ customer_id: 7, frequency: 0, recency: 0, t: 7, monetary_value: 0 }]);
  });
});

describe("summarySql text for other dialects", () => {
  const base = {
    table: "analytics.sales.orders",
    columns: { customerId: "customer", at: "date", amount: "order" },
    observationEnd: "1997-09-30",
    period: "week",
    unit: "week",
  } as const;

  for (const dialect of ["postgres", "bigquery", "spark", "duckdb", "clickhouse"] as const) {
    it(`matches the golden ${dialect} text`, () => {
      expect(summarySql({ ...base, dialect })).toMatchSnapshot();
    });
  }

  it("quotes per dialect: doubled double quotes, escaped or doubled backticks", () => {
    const weird = { ...base, table: ["a`b", 'c"d'], columns: { customerId: "x`y", at: 'p"q' } };
    expect(summarySql({ ...weird, dialect: "postgres" })).toContain(`FROM "a\`b"."c""d"`);
    expect(summarySql({ ...weird, dialect: "bigquery" })).toContain("FROM `a\\`b`.`c\"d`");
    expect(summarySql({ ...weird, dialect: "spark" })).toContain("FROM `a``b`.`c\"d`");
    expect(summarySql({ ...weird, dialect: "spark" })).toContain("`x``y` AS customer_id");
    expect(summarySql({ ...weird, dialect: "clickhouse", table: ["a`b\\c", 'c"d'] })).toContain("FROM `a\\`b\\\\c`.`c\"d`");
    expect(summarySql({ ...weird, dialect: "clickhouse" })).toContain("assumeNotNull(`x\\`y`) AS rk_customer");
  });

  it("writes ClickHouse periods as day numbers since 1970 in UTC, ISO weeks from Monday", () => {
    const sql = summarySql({ ...base, dialect: "clickhouse" });
    expect(sql).toContain("toDate(assumeNotNull(`date`), 'UTC')");
    expect(sql).toContain("rk_period <= 10133"); // Monday 1997-09-29 is day 10,133
    expect(sql).not.toMatch(/\bWITH\b|\bJOIN\b|\bOVER\b/); // 18.16 has no subquery WITH; joins and windows avoided
    const day = summarySql({ ...base, dialect: "clickhouse", period: "day", unit: "day", atType: "epoch_ms" });
    expect(day).toContain("rk_period <= 10134");
    expect(day).toContain("intDiv(toInt64(assumeNotNull(`date`)), 86400000) - if(modulo(toInt64(assumeNotNull(`date`)), 86400000) < 0, 1, 0)");
    expect(summarySql({ ...base, dialect: "clickhouse", observationEnd: "1969-12-31", period: "day" })).toContain("rk_period <= -1");
  });

  it("uses ISO weeks (Monday) and the period start of the observation end", () => {
    expect(summarySql({ ...base, dialect: "bigquery" })).toContain("DATE_TRUNC(DATE(`date`), ISOWEEK)");
    expect(summarySql({ ...base, dialect: "bigquery" })).toContain("DATE '1997-09-29'"); // Monday of that week
    expect(summarySql({ ...base, dialect: "postgres", period: "day" })).toContain("DATE '1997-09-30'");
  });

  it("refuses bad options with coded errors and paths", () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ dialect: "mysql" }, "INVALID_OPTION", "options.dialect"],
      [{ table: "" }, "INVALID_OPTION", "options.table"],
      [{ table: "a..b" }, "INVALID_OPTION", "options.table"],
      [{ table: ["ok", ""] }, "INVALID_OPTION", "options.table[1]"],
      [{ table: 3 }, "INVALID_OPTION", "options.table"],
      [{ columns: { customerId: "c" } }, "INVALID_OPTION", "options.columns.at"],
      [{ columns: { customerId: "c\0", at: "a" } }, "INVALID_OPTION", "options.columns.customerId"],
      [{ columns: null }, "INVALID_TYPE", "options.columns"],
      [{ observationEnd: "1997-02-30" }, "INVALID_DATE", "options.observationEnd"],
      [{ observationEnd: undefined }, "INVALID_OPTION", "options.observationEnd"],
      [{ observationEnd: Date.UTC(10_000, 0, 10) }, "OUT_OF_RANGE", "options.observationEnd"],
      [{ period: "month" }, "INVALID_UNIT", "options.period"],
      [{ unit: "hour" }, "INVALID_UNIT", "options.unit"],
      [{ monetary: "median" }, "INVALID_OPTION", "options.monetary"],
      [{ atType: "seconds" }, "INVALID_OPTION", "options.atType"],
    ];
    for (const [patch, code, path] of cases) {
      try {
        summarySql({ ...base, dialect: "duckdb", ...patch } as never);
        expect.unreachable(`no error for ${JSON.stringify(patch)}`);
      } catch (e) {
        expect(e).toBeInstanceOf(RetentionKitError);
        expect([(e as RetentionKitError).code, (e as RetentionKitError).path]).toEqual([code, path]);
        expect((e as Error).message.startsWith("summarySql:")).toBe(true);
      }
    }
  });

  it("does not mutate its options", () => {
    const options = Object.freeze({ ...base, dialect: "spark" as const, table: Object.freeze(["a", "b"]), columns: Object.freeze({ ...base.columns }) });
    expect(() => summarySql(options)).not.toThrow();
  });
});
