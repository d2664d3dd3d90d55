import { DIALECTS, clickhouseQuote, identifier, type Dialect } from "../internal/sql.js";
import type { summarySql } from "../summary/summarySql.js";
import { fail, oneOf, optionsBag, record, show } from "../internal/validate.js";

/**
 * A SQL dialect the pattern queries ({@link patternsSql}, {@link predictionsSql}) write for.
 *
 * @category Engine
 * @example
 * ```ts
 * const dialect: PatternSqlDialect = "postgres";
 * ```
 */
export type PatternSqlDialect = "duckdb" | "postgres" | "bigquery" | "spark" | "clickhouse";

/**
 * Where a {@link summarySql} result is: a table (`"table"`, `"schema.table"`, split on dots, or the parts as
 * an array; every part quoted) or `{ query }`, the SELECT itself (for example summarySql's text), run as a
 * subquery.
 *
 * @category Engine
 * @example
 * ```ts
 * const inTable: SummarySource = "crm.customer_summary";
 * const inline: SummarySource = { query: "SELECT * FROM crm.customer_summary WHERE frequency >= 0" };
 * ```
 */
export type SummarySource = string | readonly string[] | { readonly query: string };

/**
 * Options of {@link patternsSql}.
 *
 * @category Engine
 * @example
 * ```ts
 * const options: PatternsSqlOptions = { dialect: "duckdb", summary: "customer_summary", kind: "spend" };
 * ```
 */
export interface PatternsSqlOptions {
  /** The SQL dialect: `"duckdb"`, `"postgres"`, `"bigquery"`, `"spark"` or `"clickhouse"` (18.16 and later). */
  dialect: PatternSqlDialect;
  /** The summary rows (columns `customer_id, frequency, recency, t, monetary_value`), see {@link SummarySource}. */
  summary: SummarySource;
  /**
   * `"histories"` (default): the distinct `(frequency, recency, t)` with their `customers`, what the
   * transaction model is fitted on and predicts from; `"spend"`: the distinct `(frequency, monetary_value)`
   * with their `customers`, what the Gamma-Gamma spend model is fitted on and predicts from.
   */
  kind?: "histories" | "spend";
}

/** The dialects the pattern queries are written for. */
export const PATTERN_DIALECTS = ["duckdb", "postgres", "bigquery", "spark", "clickhouse"] as const satisfies readonly PatternSqlDialect[];

/** ClickHouse's quoting and types for the pattern queries (summarySql has its own ClickHouse text). */
const CLICKHOUSE: Dialect = {
  quote: clickhouseQuote,
  double: "Float64",
  date: (x) => `toDate(${x}, 'UTC')`,
  week: (x) => `toMonday(toDate(${x}, 'UTC'))`,
  days: (a, b) => `(toInt64(${b}) - toInt64(${a}))`,
  fromMs: (x) => `toDateTime(intDiv(toInt64(${x}), 1000), 'UTC')`,
};

/** The quoting and types of a dialect, read from `options.dialect`. */
export function patternDialect(fn: string, value: unknown): { name: PatternSqlDialect; d: Dialect } {
  const name = oneOf(fn, value, "options.dialect", PATTERN_DIALECTS);
  return { name, d: name === "clickhouse" ? CLICKHOUSE : DIALECTS[name] };
}

/** The FROM item of a summary source, aliased `alias`. */
export function summaryFrom(fn: string, d: Dialect, value: unknown, alias: string, path = "options.summary"): string {
  return `${relation(fn, d, value, path)} AS ${alias}`;
}

/** A quoted table name (or parenthesised query) from a {@link SummarySource}-like value at `path`. */
export function relation(fn: string, d: Dialect, value: unknown, path: string): string {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const q = optionsBag(fn, record(fn, value, path), ["query"] as const, path);
    if (typeof q.query !== "string" || q.query.trim().length === 0 || q.query.includes("\0")) {
      fail(fn, "INVALID_OPTION", `${path}.query must be a non-empty SELECT without NUL characters, got ${show(q.query)}`, `${path}.query`);
    }
    // The query's own text ends at a new line, so a trailing `--` comment in it cannot swallow the parenthesis.
    return `(\n${q.query}\n)`;
  }
  const parts = typeof value === "string" ? value.split(".") : value;
  if (!Array.isArray(parts) || parts.length === 0) {
    fail(fn, "INVALID_OPTION", `${path} must be a table name, an array of name parts or { query }, got ${show(value)}`, path);
  }
  return (parts as unknown[]).map((p, i) => d.quote(identifier(fn, p, Array.isArray(value) ? `${path}[${i}]` : path))).join(".");
}

/**
 * Writes the SQL that groups a {@link summarySql} result into its distinct patterns inside the database, so
 * that only the patterns leave it: customers with the same `(frequency, recency, t)` get the same P(alive),
 * expected purchases and discounted purchases from every transaction model, and customers with the same
 * `(frequency, monetary_value)` the same expected spend; a few thousand histories stand for millions of
 * customers. Fitting on the patterns, each weighted by its `customers`, is fitting on the customers
 * (likelihoods are sums over customers), so {@link scorePatterns} gives the models and numbers of
 * {@link scoreCustomers}.
 *
 * - `kind: "histories"` (default): columns `frequency, recency, t, customers`, one row per distinct
 *   `(frequency, recency, t)`.
 * - `kind: "spend"`: columns `frequency, monetary_value, customers`, one row per distinct
 *   `(frequency, monetary_value)` (one-time buyers included: their expected spend is the population mean). Mean spends rarely repeat, so expect about one row per repeat buyer; the Gamma-Gamma
 *   likelihood is not a function of per-pattern sums, so no smaller table gives the same fit.
 *
 * Rows are ordered by their fields, a stable order for the reader; the fits do not depend on it (they sum over
 * the patterns in lexicographic order, whatever the order of the rows), so the transaction model is the one
 * {@link scoreCustomers} fits, to the last bit.
 * Values are grouped by exact equality, as the library's own pattern index does. Rows whose `frequency`,
 * `recency` or `t` is NULL form their own group, which {@link scorePatterns} refuses. The duckdb, postgres
 * and clickhouse texts are run in the tests (ClickHouse 18.16 on a two-shard cluster, the summary a plain or
 * `Distributed` table); the bigquery and spark texts are checked against golden files only. ClickHouse prints
 * every Float64 so that it reads back as the same double, so the values read from its result are the exact keys
 * {@link predictionsSql} joins on.
 *
 * @param options - see {@link PatternsSqlOptions}
 * @returns one SQL SELECT statement (no trailing semicolon)
 * @throws RetentionKitError `INVALID_OPTION` for an unknown dialect or kind, an empty or NUL-containing
 *   identifier, or an empty query; `UNKNOWN_OPTION` for an unknown key of `options` (or of `options.summary`)
 * @category Engine
 * @example
 * ```ts
 * const sql = patternsSql({ dialect: "duckdb", summary: "crm.customer_summary" });
 * sql.includes(`FROM "crm"."customer_summary" AS s`) && sql.includes("COUNT(*) AS customers");
 * // => true
 * ```
 */
export function patternsSql(options: PatternsSqlOptions): string {
  const fn = "patternsSql";
  const o = optionsBag(fn, options, ["dialect", "summary", "kind"] as const satisfies readonly (keyof PatternsSqlOptions)[]);
  const { name, d } = patternDialect(fn, o.dialect);
  const kind = o.kind === undefined ? "histories" : oneOf(fn, o.kind, "options.kind", ["histories", "spend"] as const);
  const from = summaryFrom(fn, d, o.summary, "s");
  const keys = kind === "histories" ? ["frequency", "recency", "t"] : ["frequency", "monetary_value"];
  return [
    `-- retention-kit patternsSql: ${name}, ${kind} patterns`,
    `SELECT ${keys.map((k) => `s.${k} AS ${k}`).join(", ")}, COUNT(*) AS customers`,
    `FROM ${from}`,
    `GROUP BY ${keys.map((k) => `s.${k}`).join(", ")}`,
    `ORDER BY ${keys.map((k) => `s.${k}`).join(", ")}`,
  ].join("\n");
}
