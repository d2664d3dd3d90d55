import type { Dialect } from "./summarySql.js";
import { patternDialect, relation, summaryFrom, type PatternSqlDialect, type SummarySource } from "./patternsSql.js";
import type { patternsSql } from "./patternsSql.js";
import type { HistoryPrediction, SpendPrediction, scorePatterns } from "./scorePatterns.js";
import type { scoreCustomers } from "./scoreCustomers.js";
import { fail, iterable, optionsBag, record, show } from "../internal/validate.js";

/**
 * Where {@link scorePatterns}' predictions are: a table uploaded with them (a name as in
 * {@link SummarySource}, with the columns of the rows), or the rows themselves, written into the SQL as
 * inline values (at most 10,000 rows).
 *
 * @category Engine
 * @example
 * ```ts
 * const uploaded: PredictionSource<HistoryPrediction> = "crm.history_predictions";
 * ```
 */
export type PredictionSource<R> = string | readonly string[] | readonly R[];

/**
 * Options of {@link predictionsSql}.
 *
 * @category Engine
 * @example
 * ```ts
 * const options: PredictionsSqlOptions = { dialect: "duckdb", summary: "customer_summary", histories: "history_predictions", spend: "spend_predictions" };
 * ```
 */
export interface PredictionsSqlOptions {
  /** The SQL dialect: `"duckdb"`, `"postgres"`, `"bigquery"` or `"spark"`. */
  dialect: PatternSqlDialect;
  /** The summary rows the patterns were taken from ({@link SummarySource}). */
  summary: SummarySource;
  /** The history predictions (`scorePatterns(…).histories`): a table or the rows. */
  histories: PredictionSource<HistoryPrediction>;
  /** The spend predictions (`scorePatterns(…).spend`): a table or the rows. */
  spend: PredictionSource<SpendPrediction>;
}

/**
 * The most rows of each prediction set {@link predictionsSql} writes inline (10,000: a statement of about
 * 2 MB); larger sets are uploaded to a table (COPY, INSERT or the driver's appender) and named instead.
 */
export const MAX_INLINE_PREDICTIONS = 10_000;

/**
 * A double as SQL text that reads back as the same double: 17 significant digits (enough for every
 * binary64 value under correct rounding, which DuckDB, PostgreSQL, BigQuery and Spark parse with), in a
 * string cast so no dialect reads it as an exact decimal first.
 */
export function doubleLiteral(d: Dialect, x: number | null): string {
  if (x === null) return `CAST(NULL AS ${d.double})`;
  return `CAST('${x === 0 ? "0" : x.toPrecision(17)}' AS ${d.double})`;
}

const HISTORY_COLUMNS = ["frequency", "recency", "t", "probability_alive", "expected_purchases", "value_per_spend"] as const;
const SPEND_COLUMNS = ["frequency", "monetary_value", "expected_spend", "value_per_purchase"] as const;

/**
 * Writes the SQL that joins {@link scorePatterns}' predictions back to every customer of the summary inside
 * the database: one row per customer with `customer_id, frequency, recency, t, monetary_value,
 * probability_alive, expected_purchases, expected_spend, clv`, ordered by `customer_id`, where
 * `clv = value_per_purchase × value_per_spend` — for every customer the numbers {@link scoreCustomers} gives
 * (P(alive), expected purchases, expected spend and CLV, bit for bit when the summary is the same).
 *
 * Histories are matched on `(frequency, recency, t)`, spend on `(frequency, monetary_value)`, by exact
 * equality: the values must be the ones read from {@link patternsSql}'s result (inline values are written
 * with 17 significant digits, which read back exactly). Inline rows: at most 10,000 per set, which keeps
 * the statement near 2 MB; above that, upload the rows to a table and pass its name. A customer without a matching prediction gets NULLs
 * (LEFT JOIN), never a missing row. The duckdb and postgres texts are run in the tests; the bigquery and
 * spark texts are checked against golden files only. A CLV beyond the double range, `null` in JavaScript,
 * is the database's overflow (an error in PostgreSQL).
 *
 * @param options - see {@link PredictionsSqlOptions}
 * @returns one SQL SELECT statement (no trailing semicolon)
 * @throws RetentionKitError `INVALID_OPTION` for an unknown dialect, an empty or NUL-containing identifier,
 *   or inline rows that are not {@link scorePatterns}' (a field missing or not a finite number, at
 *   `options.histories[i].<field>`); `OUT_OF_RANGE` for more than 10,000 inline rows (upload them to a table instead);
 *   `UNKNOWN_OPTION` for an unknown key of `options`
 * @category Engine
 * @example
 * ```ts
 * const sql = predictionsSql({ dialect: "postgres", summary: "crm.summary", histories: "crm.history_predictions", spend: "crm.spend_predictions" });
 * sql.includes(`LEFT JOIN "crm"."history_predictions" AS h`) && sql.includes("p.value_per_purchase * h.value_per_spend AS clv");
 * // => true
 * ```
 */
export function predictionsSql(options: PredictionsSqlOptions): string {
  const fn = "predictionsSql";
  const o = optionsBag(fn, options, ["dialect", "summary", "histories", "spend"] as const satisfies readonly (keyof PredictionsSqlOptions)[]);
  const { name, d } = patternDialect(fn, o.dialect);
  const from = summaryFrom(fn, d, o.summary, "s");
  const ctes: string[] = [];
  const histories = source(fn, name, d, o.histories, "options.histories", "rk_histories", HISTORY_COLUMNS, ctes);
  const spend = source(fn, name, d, o.spend, "options.spend", "rk_spend", SPEND_COLUMNS, ctes);
  return [
    `-- retention-kit predictionsSql: ${name}`,
    ...(ctes.length > 0 ? [`WITH ${ctes.join(",\n")}`] : []),
    `SELECT`,
    `  s.customer_id AS customer_id, s.frequency AS frequency, s.recency AS recency, s.t AS t, s.monetary_value AS monetary_value,`,
    `  h.probability_alive AS probability_alive, h.expected_purchases AS expected_purchases,`,
    `  p.expected_spend AS expected_spend, p.value_per_purchase * h.value_per_spend AS clv`,
    `FROM ${from}`,
    `LEFT JOIN ${histories} AS h ON h.frequency = s.frequency AND h.recency = s.recency AND h.t = s.t`,
    `LEFT JOIN ${spend} AS p ON p.frequency = s.frequency AND p.monetary_value = s.monetary_value`,
    `ORDER BY s.customer_id`,
  ].join("\n");
}

/** The relation of a prediction source: a quoted table, or a CTE of inline rows appended to `ctes`. */
function source(fn: string, dialect: PatternSqlDialect, d: Dialect, value: unknown, path: string, cte: string, columns: readonly string[], ctes: string[]): string {
  if (typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((r) => typeof r === "string"))) return relation(fn, d, value, path);
  if (typeof value !== "object" || value === null || !(Symbol.iterator in value)) {
    fail(fn, "INVALID_OPTION", `${path} must be a table name, an array of name parts, or the prediction rows, got ${show(value)}`, path);
  }
  const tuples: string[][] = [];
  let i = 0;
  for (const raw of iterable<unknown>(fn, value, path)) {
    if (!(i < MAX_INLINE_PREDICTIONS)) {
      fail(fn, "OUT_OF_RANGE", `${path} has more than the ${MAX_INLINE_PREDICTIONS} rows written inline; upload them to a table and pass its name`, path);
    }
    const row = record(fn, raw, `${path}[${i}]`);
    tuples.push(
      columns.map((k) => {
        const x = row[k];
        const nullable = k === "expected_spend" || k === "value_per_purchase";
        if (x === null && nullable) return doubleLiteral(d, null);
        if (typeof x !== "number" || !Number.isFinite(x)) {
          fail(fn, "INVALID_OPTION", `${path}[${i}].${k} must be a finite number${nullable ? " or null" : ""} (a row of scorePatterns' result), got ${show(x)}`, `${path}[${i}].${k}`);
        }
        return k === "frequency" && Number.isInteger(x) ? String(x) : doubleLiteral(d, x);
      }),
    );
    i++;
  }
  // An empty set still needs its columns: one row of NULLs that matches nothing.
  const body = tuples.length > 0 ? tuples : [columns.map(() => doubleLiteral(d, null))];
  let select: string;
  if (dialect === "bigquery") {
    const type = `STRUCT<${columns.map((k) => `${k} ${d.double}`).join(", ")}>`;
    select = `SELECT * FROM UNNEST(ARRAY<${type}>[\n    ${body.map((t) => `(${t.join(", ")})`).join(",\n    ")}\n  ])`;
  } else {
    const values = `VALUES\n    ${body.map((t) => `(${t.join(", ")})`).join(",\n    ")}`;
    const alias = `AS v(${columns.join(", ")})`;
    select = dialect === "spark" ? `SELECT * FROM ${values}\n  ${alias}` : `SELECT * FROM (${values}\n  ) ${alias}`;
  }
  ctes.push(`${cte} AS (\n  ${select}\n)`);
  return cte;
}
