import { doubleHex, type Dialect } from "../internal/sql.js";
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
  /** The SQL dialect: `"duckdb"`, `"postgres"`, `"bigquery"`, `"spark"` or `"clickhouse"` (18.16 and later). */
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
 * (LEFT JOIN), never a missing row. The duckdb, postgres and clickhouse texts are run in the tests; the bigquery and
 * spark texts are checked against golden files only.
 *
 * ClickHouse (`"clickhouse"`, 18.16 and later): one JOIN per SELECT (the histories join nested inside the spend
 * join), `ANY LEFT JOIN … USING` on keys cast to `Int64`/`Float64` on both sides (18.16 joins identically typed
 * columns only; each key matches at most one prediction, so ANY and ALL agree and ANY cannot duplicate a
 * customer), and a match flag instead of `join_use_nulls`, so a customer without a prediction gets NULLs
 * whatever that setting is (18.16's default fills unmatched columns with 0). Both joins run on the node that
 * receives the query, after the summary's rows are read (from every shard when the summary is a
 * `Distributed` table), so an uploaded prediction table need only exist on that node. Inline rows are written
 * as the doubles' bytes in hex, one string per column decoded by row number (so the statement's syntax tree
 * stays small: 18.16 refuses more than 50,000 elements); the text passes ClickHouse's default
 * `max_query_size` (256 KiB) at about 2,500 history rows, so raise that setting for larger inline sets or upload
 * them (with a binary format such as RowBinary: ClickHouse 18.16 reads decimal text, in SQL or TabSeparated,
 * without correct rounding, about 4% of doubles one unit in the last place off). A CLV beyond the double range, `null` in JavaScript,
 * is the database's overflow (an error in PostgreSQL).
 *
 * @param options - see {@link PredictionsSqlOptions}
 * @returns one SQL SELECT statement (no trailing semicolon)
 * @throws RetentionKitError `INVALID_OPTION` for an unknown dialect, an empty or NUL-containing identifier,
 *   or inline rows that are not {@link scorePatterns}' (a field missing or not a finite number, at
 *   `options.histories[i].<field>`; for clickhouse also a frequency that is not a whole number); `OUT_OF_RANGE` for more than 10,000 inline rows (upload them to a table instead);
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
  if (name === "clickhouse") return clickhousePredictions(fn, d, o.summary, o.histories, o.spend);
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

/** The inline rows of a prediction source, checked (shared by every dialect): per row, the columns' values. */
function inlineValues(fn: string, value: unknown, path: string, columns: readonly string[], integerFrequency: boolean): (number | null)[][] {
  const out: (number | null)[][] = [];
  let i = 0;
  for (const raw of iterable<unknown>(fn, value, path)) {
    if (!(i < MAX_INLINE_PREDICTIONS)) {
      fail(fn, "OUT_OF_RANGE", `${path} has more than the ${MAX_INLINE_PREDICTIONS} rows written inline; upload them to a table and pass its name`, path);
    }
    const row = record(fn, raw, `${path}[${i}]`);
    out.push(
      columns.map((k) => {
        const x = row[k];
        const nullable = k === "expected_spend" || k === "value_per_purchase";
        if (x === null && nullable) return null;
        if (typeof x !== "number" || !Number.isFinite(x)) {
          fail(fn, "INVALID_OPTION", `${path}[${i}].${k} must be a finite number${nullable ? " or null" : ""} (a row of scorePatterns' result), got ${show(x)}`, `${path}[${i}].${k}`);
        }
        if (integerFrequency && k === "frequency" && !Number.isSafeInteger(x)) {
          fail(fn, "INVALID_OPTION", `${path}[${i}].frequency must be a whole number of repeat purchases (a row of scorePatterns' result), got ${show(x)}`, `${path}[${i}].frequency`);
        }
        return x;
      }),
    );
    i++;
  }
  return out;
}

/** The inline rows of a prediction source as SQL tuples of literals. */
function inlineTuples(fn: string, d: Dialect, value: unknown, path: string, columns: readonly string[]): string[][] {
  return inlineValues(fn, value, path, columns, false).map((row) =>
    row.map((x, j) => (x !== null && columns[j] === "frequency" && Number.isInteger(x) ? String(x) : doubleLiteral(d, x))),
  );
}

/** Whether a prediction source names a table (a string or an array of name parts). */
const isTableName = (value: unknown): boolean => typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((r) => typeof r === "string"));

/** The ClickHouse text of {@link predictionsSql}: two nested `ANY LEFT JOIN … USING`, with match flags. */
function clickhousePredictions(fn: string, d: Dialect, summary: unknown, histories: unknown, spend: unknown): string {
  const from = summaryFrom(fn, d, summary, "s");
  const h = clickhouseSource(fn, d, histories, "options.histories", HISTORY_COLUMNS, "rk_h");
  const p = clickhouseSource(fn, d, spend, "options.spend", SPEND_COLUMNS, "rk_p");
  return [
    `-- retention-kit predictionsSql: clickhouse`,
    `SELECT`,
    `  rk_id AS customer_id, rk_f AS frequency, rk_r AS recency, rk_t AS t, rk_m AS monetary_value,`,
    `  if(rk_h = 1, rk_probability_alive, NULL) AS probability_alive, if(rk_h = 1, rk_expected_purchases, NULL) AS expected_purchases,`,
    `  if(rk_p = 1, rk_expected_spend, NULL) AS expected_spend, if(rk_h = 1 AND rk_p = 1, rk_value_per_purchase * rk_value_per_spend, NULL) AS clv`,
    `FROM (`,
    `  SELECT rk_id, rk_f, rk_r, rk_t, rk_m, rk_h, rk_probability_alive, rk_expected_purchases, rk_value_per_spend`,
    `  FROM (`,
    `    SELECT s.customer_id AS rk_id, toInt64(s.frequency) AS rk_f, toFloat64(s.recency) AS rk_r, toFloat64(s.t) AS rk_t, toFloat64(s.monetary_value) AS rk_m`,
    `    FROM ${from}`,
    `  )`,
    `  ANY LEFT JOIN ${h}`,
    `  USING (rk_f, rk_r, rk_t)`,
    `)`,
    `ANY LEFT JOIN ${p}`,
    `USING (rk_f, rk_m)`,
    `ORDER BY customer_id`,
  ].join("\n");
}

/** A ClickHouse prediction source as a subquery with keys `rk_f, rk_r, rk_t` or `rk_f, rk_m`, the flag and `rk_<column>`s. */
function clickhouseSource(fn: string, d: Dialect, value: unknown, path: string, columns: readonly string[], flag: string): string {
  const key: Record<string, string> = { frequency: "rk_f", recency: "rk_r", t: "rk_t", monetary_value: "rk_m" };
  const isKey = (k: string): boolean => k in key;
  const nullable = (k: string): boolean => k === "expected_spend" || k === "value_per_purchase";
  const cast = (k: string, x: string): string => (k === "frequency" ? `toInt64(${x})` : isKey(k) ? `toFloat64(${x})` : nullable(k) ? `toNullable(toFloat64(${x}))` : `toFloat64(${x})`);
  const names = (k: string): string => (isKey(k) ? key[k]! : `rk_${k}`);
  if (isTableName(value)) {
    const table = relation(fn, d, value, path);
    return `(\n    SELECT ${columns.map((k) => `${cast(k, d.quote(k))} AS ${names(k)}`).join(", ")}, toUInt8(1) AS ${flag}\n    FROM ${table}\n  )`;
  }
  if (typeof value !== "object" || value === null || !(Symbol.iterator in value)) {
    fail(fn, "INVALID_OPTION", `${path} must be a table name, an array of name parts, or the prediction rows, got ${show(value)}`, path);
  }
  // One hex string per column, eight bytes (little-endian) a row, decoded by row number: the statement's
  // syntax tree stays a few dozen nodes whatever the number of rows (18.16's max_ast_elements is 50,000).
  const values = inlineValues(fn, value, path, columns, true);
  const bytes = new DataView(new ArrayBuffer(8));
  const hex = (x: number, asInteger: boolean): string => {
    if (!asInteger) return doubleHex(x);
    bytes.setBigInt64(0, BigInt(x), true);
    let h = "";
    for (let b = 0; b < 8; b++) h += bytes.getUint8(b).toString(16).padStart(2, "0");
    return h;
  };
  const at = (text: string): string => `unhex(substring('${text}', rk_i * 16 + 1, 16))`;
  const fields = columns.map((k, j) => {
    if (k === "frequency") return `reinterpretAsInt64(${at(values.map((r) => hex(r[j]!, true)).join(""))}) AS ${names(k)}`;
    const read = `reinterpretAsFloat64(${at(values.map((r) => hex(r[j] ?? 0, false)).join(""))})`;
    if (!nullable(k)) return `${read} AS ${names(k)}`;
    const nulls = values.map((r) => (r[j] === null ? "1" : "0")).join("");
    return `if(substring('${nulls}', rk_i + 1, 1) = '1', NULL, toNullable(${read})) AS ${names(k)}`;
  });
  return `(\n    SELECT ${fields.join(",\n      ")},\n      toUInt8(1) AS ${flag}\n    FROM (SELECT arrayJoin(range(${values.length})) AS rk_i)\n  )`;
}

/** The relation of a prediction source: a quoted table, or a CTE of inline rows appended to `ctes`. */
function source(fn: string, dialect: PatternSqlDialect, d: Dialect, value: unknown, path: string, cte: string, columns: readonly string[], ctes: string[]): string {
  if (isTableName(value)) return relation(fn, d, value, path);
  if (typeof value !== "object" || value === null || !(Symbol.iterator in value)) {
    fail(fn, "INVALID_OPTION", `${path} must be a table name, an array of name parts, or the prediction rows, got ${show(value)}`, path);
  }
  const tuples = inlineTuples(fn, d, value, path, columns);
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
