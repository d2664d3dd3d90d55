import type { AsOfTime, TimeUnit } from "../data/time.js";
import { DEFAULT_UNIT } from "../internal/defaults.js";
import { DIALECTS, clickhouseQuote, identifier } from "../internal/sql.js";
import { periodIndexOf, periodStart, requiredAsOf } from "../internal/time.js";
import { unitOption } from "../internal/transactions.js";
import { fail, oneOf, optionsBag, record, show } from "../internal/validate.js";
import { clickhouseSummarySql } from "./internal/clickhouseSummarySql.js";
import type { summarizeTransactions } from "./summarizeTransactions.js";

/**
 * A SQL dialect {@link summarySql} writes for.
 *
 * @category Summary
 * @example
 * ```ts
 * const dialect: SqlDialect = "clickhouse";
 * ```
 */
export type SqlDialect = "duckdb" | "postgres" | "bigquery" | "spark" | "clickhouse";

/**
 * Options of {@link summarySql}.
 *
 * `observationEnd`: the end of observation, as in {@link summarizeTransactions}. Required. `asOf` is accepted
 * as its exact synonym ({@link AsOfTime}).
 *
 * @category Summary
 * @example
 * ```ts
 * const options: SummarySqlOptions = {
 *   dialect: "postgres",
 *   table: "sales.orders",
 *   columns: { customerId: "customer_id", at: "date", amount: "order" },
 *   observationEnd: "1997-09-30",
 *   unit: "week",
 * };
 * ```
 */
export type SummarySqlOptions = AsOfTime & {
  /**
   * The SQL dialect: `"duckdb"`, `"postgres"`, `"bigquery"`, `"spark"` (Spark SQL / Databricks) or
   * `"clickhouse"` (ClickHouse 18.16 and later, plain or `Distributed` tables).
   */
  dialect: SqlDialect;
  /**
   * The transactions table: `"table"`, `"schema.table"` or `"project.dataset.table"` (split on dots), or
   * the parts as an array when a part itself contains a dot. Every part is quoted.
   */
  table: string | readonly string[];
  /** Column names (quoted as given, so `date` and `order` are fine). `amount` is optional: without it spend is 0. */
  columns: { customerId: string; at: string; amount?: string | undefined };
  /** Purchase period: `"day"` (UTC date, default) or `"week"` (ISO week, Monday start). */
  period?: TimeUnit;
  /** Unit of `recency` and `t`: `"week"` (default, as {@link summarizeTransactions}; 7 days, fractional) or `"day"`. */
  unit?: TimeUnit;
  /** `"repeat"` (default): mean spend of the repeat periods; `"all"`: of every period. */
  monetary?: "repeat" | "all";
  /**
   * What the `at` column holds: `"timestamp"` (default; a DATE, TIMESTAMP or DATETIME read as UTC) or
   * `"epoch_ms"` (an integer count of milliseconds since 1970-01-01 UTC).
   */
  atType?: "timestamp" | "epoch_ms";
};

/**
 * Writes the SQL that computes {@link summarizeTransactions}' summary inside a database, for logs too large
 * to move: one row per customer with the columns `customer_id, frequency, recency, t, monetary_value`,
 * ordered by `customer_id`. Same rules as {@link summarizeTransactions}: rows in the same UTC day (or ISO
 * week, starting Monday) merge into one purchase and their amounts add; `frequency` = purchase periods − 1;
 * `recency` and `t` run from the start of the first purchase period to the start of the last one and of
 * `observationEnd`'s period, in `unit`s; `monetary_value` is the mean spend of the repeat periods (0 without
 * one; their spend is summed as such, not as the total less the first period, so a large first purchase costs
 * no precision); rows in a period after `observationEnd`'s are left out.
 *
 * Differences from the JavaScript function, inherent to SQL: rows whose customer id or time is NULL are
 * left out (not refused), a NULL amount counts as 0, and negative amounts are not refused. Amounts are cast
 * to double before summing, as in JavaScript; sums may differ in the last bits because the order of
 * addition differs. Times are read as UTC: DATE and TIMESTAMP (without time zone) columns as they are; for
 * TIMESTAMPTZ columns set the session time zone to UTC first (Postgres `SET TIME ZONE 'UTC'`, DuckDB
 * `SET TimeZone = 'UTC'`, Spark `spark.sql.session.timeZone=UTC`). BigQuery TIMESTAMPs are UTC already.
 *
 * ClickHouse (`"clickhouse"`): `Date` and `DateTime` columns (whatever their time zone) are read as UTC with
 * `toDate(at, 'UTC')`, epoch-ms columns may be `Int64` or `UInt64`, and `Nullable` columns work. The text
 * runs on ClickHouse 18.16 and later: nested subqueries instead of `WITH … AS (SELECT …)`, no JOIN and no
 * window functions; periods are day numbers since 1970-01-01 UTC. Over a `Distributed` table the first
 * `GROUP BY` (customer, period) runs on the shards; with the table sharded by a hash of the customer id each
 * customer's rows live on one shard, so every customer comes out once and exactly, even with
 * `distributed_group_by_no_merge = 1`.
 *
 * @param options - see {@link SummarySqlOptions}; `observationEnd` is required (`asOf` is accepted as its synonym)
 * @returns one SQL SELECT statement (no trailing semicolon), ready to run or to wrap in `CREATE TABLE … AS`
 * @throws RetentionKitError `INVALID_OPTION` for an unknown dialect, an empty or NUL-containing identifier
 *   or an unknown `atType`; `INVALID_DATE` for `observationEnd`; `OUT_OF_RANGE` when it is outside years
 *   1–9999; `INVALID_UNIT` for `period` / `unit`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Summary
 * @example
 * ```ts
 * const sql = summarySql({
 *   dialect: "duckdb",
 *   table: "shop.orders",
 *   columns: { customerId: "customer", at: "date", amount: "order" },
 *   observationEnd: "1997-09-30",
 *   unit: "week",
 * });
 * sql.includes(`FROM "shop"."orders"`) && sql.includes(`DATE '1997-09-30'`);
 * // => true
 * const clickhouse = summarySql({
 *   dialect: "clickhouse",
 *   table: "shop.orders",
 *   columns: { customerId: "customer", at: "date", amount: "order" },
 *   observationEnd: "1997-09-30",
 * });
 * clickhouse.includes("FROM `shop`.`orders`") && clickhouse.includes("toDate(assumeNotNull(`date`), 'UTC')");
 * // => true
 * ```
 */
export function summarySql(options: SummarySqlOptions): string {
  const fn = "summarySql";
  const o = optionsBag(fn, options, ["dialect", "table", "columns", "observationEnd", "period", "unit", "monetary", "atType", "asOf"] as const satisfies readonly (keyof SummarySqlOptions)[]);
  const dialect = oneOf(fn, o.dialect, "options.dialect", ["duckdb", "postgres", "bigquery", "spark", "clickhouse"] as const);
  const quote = dialect === "clickhouse" ? clickhouseQuote : DIALECTS[dialect].quote;
  const parts = typeof o.table === "string" ? o.table.split(".") : o.table;
  if (!Array.isArray(parts) || parts.length === 0) {
    fail(fn, "INVALID_OPTION", `options.table must be a table name or an array of name parts, got ${show(o.table)}`, "options.table");
  }
  const table = (parts as unknown[]).map((p, i) => quote(identifier(fn, p, Array.isArray(o.table) ? `options.table[${i}]` : "options.table"))).join(".");
  const cols = optionsBag(fn, record(fn, o.columns, "options.columns"), ["customerId", "at", "amount"] as const satisfies readonly (keyof SummarySqlOptions["columns"])[], "options.columns");
  const id = quote(identifier(fn, cols.customerId, "options.columns.customerId"));
  const atColumn = quote(identifier(fn, cols.at, "options.columns.at"));
  const amount = cols.amount === undefined ? undefined : quote(identifier(fn, cols.amount, "options.columns.amount"));
  const endMs = requiredAsOf(fn, o, "observationEnd");
  const period = unitOption(fn, o.period, "options.period", "day");
  const unit = unitOption(fn, o.unit, "options.unit", DEFAULT_UNIT);
  const monetary = o.monetary === undefined ? "repeat" : oneOf(fn, o.monetary, "options.monetary", ["repeat", "all"] as const);
  const atType = o.atType === undefined ? "timestamp" : oneOf(fn, o.atType, "options.atType", ["timestamp", "epoch_ms"] as const);

  const endStart = new Date(periodStart(periodIndexOf(endMs, period), period));
  const year = endStart.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) {
    fail(fn, "OUT_OF_RANGE", `options.observationEnd must fall in years 1 to 9999, got ${show(o.observationEnd ?? o.asOf)}`, "options.observationEnd");
  }
  if (dialect === "clickhouse") {
    const endDay = Math.round(endStart.getTime() / 86_400_000);
    return clickhouseSummarySql({ table, id, at: atColumn, amount, atType, period, unit, monetary, endMs, endDay });
  }
  const d = DIALECTS[dialect];
  const endDate = `DATE '${endStart.toISOString().slice(0, 10)}'`;
  const at = atType === "epoch_ms" ? d.fromMs(atColumn) : atColumn;
  const periodOf = period === "week" ? d.week(at) : d.date(at);
  const spend = amount === undefined ? `CAST(0 AS ${d.double})` : `COALESCE(CAST(${amount} AS ${d.double}), 0)`;
  const inUnits = (days: string): string => (unit === "week" ? `CAST(${days} AS ${d.double}) / 7` : `CAST(${days} AS ${d.double})`);
  const mean =
    monetary === "all"
      ? `c.total_amount / (c.frequency + 1)`
      : `CASE WHEN c.frequency > 0 THEN GREATEST(c.repeat_amount, 0) / c.frequency ELSE 0 END`;

  return [
    `-- retention-kit summarySql: ${dialect}, ${period} periods, ${unit} units, observation end ${new Date(endMs).toISOString()}`,
    `WITH rk_rows AS (`,
    `  SELECT ${id} AS customer_id, ${periodOf} AS period_start, ${spend} AS amount`,
    `  FROM ${table}`,
    `  WHERE ${id} IS NOT NULL AND ${atColumn} IS NOT NULL`,
    `),`,
    `rk_periods AS (`,
    `  SELECT customer_id, period_start, SUM(amount) AS amount`,
    `  FROM rk_rows`,
    `  WHERE period_start <= ${endDate}`,
    `  GROUP BY customer_id, period_start`,
    `),`,
    `rk_customers AS (`,
    `  SELECT customer_id, COUNT(*) - 1 AS frequency, MIN(period_start) AS first_start,`,
    `    MAX(period_start) AS last_start, SUM(amount) AS total_amount,`,
    `    SUM(CASE WHEN period_start > customer_first THEN amount ELSE 0 END) AS repeat_amount`,
    `  FROM (`,
    `    SELECT customer_id, period_start, amount, MIN(period_start) OVER (PARTITION BY customer_id) AS customer_first`,
    `    FROM rk_periods`,
    `  ) AS rk_marked`,
    `  GROUP BY customer_id`,
    `)`,
    `SELECT`,
    `  c.customer_id AS customer_id,`,
    `  c.frequency AS frequency,`,
    `  ${inUnits(d.days("c.first_start", "c.last_start"))} AS recency,`,
    `  ${inUnits(d.days("c.first_start", endDate))} AS t,`,
    `  ${mean} AS monetary_value`,
    `FROM rk_customers AS c`,
    `ORDER BY c.customer_id`,
  ].join("\n");
}
