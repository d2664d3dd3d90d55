// rfmSql: the RFM scores of rfmScores computed inside a database, with the quantile edges found there, so
// that only the scores (or nothing) leave it. The checks and the plan are here; the text is rfmSqlText.ts's
// shared pieces, the common-table-expression template below, and rfmSqlClickhouse.ts for ClickHouse.
import type { summarySql } from "../summary/summarySql.js";
import { identifier } from "../internal/sql.js";
import { patternDialect, relation, type PatternSqlDialect, type SummarySource } from "./patternsSql.js";
import { doubleLiteral } from "./predictionsSql.js";
import { clickhouseRfmSql } from "./rfmSqlClickhouse.js";
import { innerEdges, quantileScoreText, segmentCases, thresholdLiteral, type RfmSqlPlan, type SqlDimension, type SqlRange } from "./rfmSqlText.js";
import type { rfmScores, RfmScoreOptions } from "../rfm/rfmScores.js";
import { checkSegmentMap, DEFAULT_RFM_SEGMENTS, rescaleScore, type rfmSegment, type RfmSegmentMap } from "../rfm/rfmSegment.js";
import { binOptions, DIMS, resolveMethods } from "../internal/scoring.js";
import { unitOption } from "../internal/transactions.js";
import { fail, optionsBag, record, show } from "../internal/validate.js";

/**
 * Options of {@link rfmSql}: where the rows are, how to read them, and the scoring options of
 * {@link rfmScores} (`bins`, `method`, `ties`, `levels`; `"rank"` is refused, see {@link rfmSql}), plus the
 * segment map of {@link rfmSegment}. `rankTies` is accepted, so that one option bag serves both, and has no
 * effect.
 *
 * @category Engine
 * @example
 * ```ts
 * const options: RfmSqlOptions = { dialect: "postgres", summary: "crm.customer_summary", unit: "week", bins: 5 };
 * const ownColumns: RfmSqlOptions = {
 *   dialect: "duckdb",
 *   summary: "crm.rfm_values",
 *   columns: { customerId: "id", recency: "days_since_last", frequency: "orders", monetary: "revenue" },
 *   method: { recency: { thresholds: [30, 90, 180, 365] } },
 * };
 * ```
 */
export interface RfmSqlOptions extends RfmScoreOptions {
  /** The SQL dialect: `"duckdb"`, `"postgres"`, `"bigquery"`, `"spark"` or `"clickhouse"` (18.16 and later). */
  dialect: PatternSqlDialect;
  /**
   * The rows to score ({@link SummarySource}): a {@link summarySql} result (columns `customer_id, frequency,
   * recency, t, monetary_value`), or, with `columns`, any table or query holding RFM values.
   */
  summary: SummarySource;
  /**
   * The columns of `summary` that hold {@link rfmScores}' input as it is: the customer id, recency (days since
   * the last purchase), frequency and monetary value. Without it, `summary` is a {@link summarySql} result and
   * the values are derived from it (see {@link rfmSql}).
   */
  columns?: { readonly customerId: string; readonly recency: string; readonly frequency: string; readonly monetary: string };
  /** The time unit of the summary's `recency` and `t`: `"week"` (default, as {@link summarySql}) or `"day"`. Not with `columns`. */
  unit?: "day" | "week";
  /** The segment map of {@link rfmSegment} (default {@link DEFAULT_RFM_SEGMENTS}), or `false` for no `segment` column. */
  segments?: RfmSegmentMap | false;
  /** The segment of a cell no segment covers (custom maps only), as in {@link rfmSegment}. Default `"Other"`. */
  fallback?: string;
}

/** 2^1023: b − a overflows exactly when b/2 − a/2 ≥ 2^1023 (halving is exact at that size). */
const HALF_OVERFLOW = 2 ** 1023;

/**
 * Writes the SQL that scores every customer of a table on recency, frequency and monetary value inside the
 * database, with {@link rfmScores}' rule: the quantile edges are computed in SQL over all rows, each
 * customer gets its R, F and M scores, the code (`"545"`, or `"10-3-7"` above 9 bins), the total and the
 * segment of {@link rfmSegment}. For every customer the result equals `rfmScores` (and `rfmSegment`) on the
 * same values, to the last bit of every edge: the values at the quantile positions are found by exact
 * cumulative counts, and the interpolation is numpy's, written out operation by operation in doubles.
 *
 * Result columns: `customer_id, recency, frequency, monetary, r, f, m, code, total, segment` (no `segment`
 * with `segments: false`), one row per row of the source, ordered by `customer_id`.
 *
 * **Input.** By default `summary` is a {@link summarySql} result, read as follows:
 * - recency = whole days from the last purchase period's start to the observation end's period start,
 *   `floor(u · (t − recency) + 0.5)` with u = 7 for `unit: "week"` (default) or 1 for `"day"` (with day
 *   periods: days since the last purchase, as {@link rfmFromTransactions} counts them);
 * - frequency = `frequency + 1`, the purchase periods;
 * - monetary = `monetary_value`, the mean spend of the repeat purchases (0 for one-time buyers): a
 *   summarySql result has no total. {@link scoreCustomers}' RFM scores the total spend; for that (or any
 *   other spend), pass `columns` naming a table's own RFM columns, read as they are.
 *
 * **Method.** `"quantile"` (default) and `{ thresholds }`, per dimension or for all, with `ties` and
 * `levels` exactly as in {@link rfmScores}. `"rank"` is refused (`INVALID_OPTION`): its scores depend on the
 * order of tied rows, which a SQL result does not have, and breaking ties by id would need JavaScript's
 * UTF-16 order of string ids, which the databases' code-point (or collation) orders do not share.
 *
 * **Invalid rows.** A row that {@link rfmScores} refuses — a NULL id; a recency or frequency that is NULL,
 * negative, NaN or infinite; a monetary value that is NULL, NaN or infinite — makes the query fail with an
 * error that starts `rfmSql:` and names the customer, instead of being scored or left out.
 *
 * **Dialects.** DuckDB, PostgreSQL, BigQuery and Spark: common table expressions and one window function
 * (cumulative counts over the distinct values, so only distinct values are sorted). ClickHouse (18.16 and
 * later, no window functions): each dimension's distinct values and counts sorted in an array, the edges
 * found with `arrayCumSum` / `arrayFirstIndex` in scalar subqueries, on the node that receives the query
 * (over a `Distributed` summary the shards read their rows, the edges are computed once over all of them).
 * The DuckDB, PostgreSQL and ClickHouse texts are run in the tests; the BigQuery and Spark texts are checked
 * against golden files only. Spark needs 3.1 or later (`raise_error`).
 *
 * @param options - see {@link RfmSqlOptions}
 * @returns one SQL SELECT statement (no trailing semicolon)
 * @throws RetentionKitError `INVALID_OPTION` for an unknown dialect, an empty or NUL-containing identifier or
 *   query, `method: "rank"`, `unit` beside `columns`, or a segment name or fallback with a control character;
 *   `INVALID_UNIT` for `unit`; the option errors of {@link rfmScores} (`OUT_OF_RANGE` / `NOT_INTEGER` for
 *   `bins`, `INVALID_THRESHOLDS`) and of {@link rfmSegment} for the map; `UNKNOWN_OPTION` for an unknown key
 *   of `options` (or of `options.columns`, `options.summary`)
 * @category Engine
 * @example
 * ```ts
 * const sql = rfmSql({ dialect: "duckdb", summary: "crm.customer_summary", bins: 5 });
 * sql.includes(`FROM "crm"."customer_summary" AS s`) && sql.includes("AS segment");
 * // => true
 * ```
 */
export function rfmSql(options: RfmSqlOptions): string {
  const plan = rfmSqlPlan("rfmSql", options);
  return plan.dialect === "clickhouse" ? clickhouseRfmSql(plan) : genericRfmSql(plan, FLAVOURS[plan.dialect]);
}

/** Checks the options and resolves them into a {@link RfmSqlPlan}. */
function rfmSqlPlan(fn: string, options: unknown): RfmSqlPlan {
  const o = optionsBag(fn, options, ["dialect", "summary", "columns", "unit", "bins", "method", "ties", "rankTies", "levels", "segments", "fallback"] as const satisfies readonly (keyof RfmSqlOptions)[]);
  const { name, d } = patternDialect(fn, o.dialect);
  const from = relation(fn, d, o.summary, "options.summary");
  const { bins, ties, numpy } = binOptions(fn, { bins: o.bins, ties: o.ties, levels: o.levels, rankTies: o.rankTies }, 5);
  const methods = resolveMethods(fn, o.method, bins);
  methods.forEach((m, i) => {
    if (m.kind !== "rank") return;
    const perDimension = typeof o.method === "object" && o.method !== null && !("thresholds" in o.method);
    const path = perDimension ? `options.method.${DIMS[i]!}` : "options.method";
    fail(fn, "INVALID_OPTION", `${path} "rank" cannot be computed in SQL as rfmScores computes it (its ties follow the order of the rows, or JavaScript's order of string ids); use "quantile" or thresholds, or rfmScores`, path);
  });
  const dims = DIMS.map((value, i): SqlDimension => ({ value, score: (["r", "f", "m"] as const)[i]!, invert: i === 0, method: methods[i] as SqlDimension["method"] })) as unknown as RfmSqlPlan["dims"];

  let values: RfmSqlPlan["values"];
  let input: string;
  if (o.columns !== undefined) {
    if (o.unit !== undefined) fail(fn, "INVALID_OPTION", `options.unit applies to summary rows only; with options.columns the recency column is read as days, as it is`, "options.unit");
    const c = optionsBag(fn, record(fn, o.columns, "options.columns"), ["customerId", "recency", "frequency", "monetary"] as const, "options.columns");
    const col = (k: "customerId" | "recency" | "frequency" | "monetary"): string => `s.${d.quote(identifier(fn, c[k], `options.columns.${k}`))}`;
    values = { customerId: col("customerId"), recency: col("recency"), frequency: col("frequency"), monetary: col("monetary") };
    input = "columns as given";
  } else {
    const unit = unitOption(fn, o.unit, "options.unit", "week");
    values = {
      customerId: "s.customer_id",
      recency: unit === "week" ? "FLOOR((s.t - s.recency) * 7 + 0.5)" : "FLOOR((s.t - s.recency) + 0.5)",
      frequency: "s.frequency + 1",
      monetary: "s.monetary_value",
    };
    input = `summary rows in ${unit}s`;
  }

  let segments: RfmSqlPlan["segments"] = null;
  let fallback = "Other";
  if (o.segments !== false) {
    const map = o.segments === undefined ? DEFAULT_RFM_SEGMENTS : checkSegmentMap(fn, o.segments, "options.segments");
    if (o.fallback !== undefined && typeof o.fallback !== "string") fail(fn, "INVALID_TYPE", `options.fallback must be a string, got ${show(o.fallback)}`, "options.fallback");
    fallback = (o.fallback as string | undefined) ?? "Other";
    literalText(fn, fallback, "options.fallback");
    segments = map.segments.map((s, i) => ({
      name: literalText(fn, s.name, `options.segments.segments[${i}].name`),
      boxes: s.boxes.flatMap((b) => {
        const r = onScale(b.r, bins, map.bins);
        const f = onScale(b.f, bins, map.bins);
        const m = onScale(b.m, bins, map.bins);
        return r && f && m ? [{ r, f, m }] : [];
      }),
    }));
  } else if (o.fallback !== undefined) {
    fail(fn, "INVALID_OPTION", `options.fallback names the segment of uncovered cells; with segments: false there is no segment column`, "options.fallback");
  }
  const how = dims.map((x) => `${x.value} ${x.method.kind}`).join(", ");
  const header = `-- retention-kit rfmSql: ${name}, ${bins} bins (${how}), ${numpy ? "numpy" : "exact"} levels, ${ties} ties, ${input}`;
  return { dialect: name, d, from, values, bins, ties, numpy, dims, segments, fallback, header };
}

/** The scores s in 1..bins whose rescaled score (rfmSegment's) lies in the map's range; null if none. */
function onScale(range: readonly [number, number], bins: number, mapBins: number): SqlRange | null {
  let lo = 0;
  let hi = 0;
  for (let s = 1; s <= bins; s++) {
    const t = rescaleScore(s, bins, mapBins);
    if (t >= range[0] && t <= range[1]) {
      if (lo === 0) lo = s;
      hi = s;
    }
  }
  return lo === 0 ? null : [lo, hi];
}

/** A segment name written as a SQL string literal: no control characters (they would need each dialect's escapes). */
function literalText(fn: string, s: string, path: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) fail(fn, "INVALID_OPTION", `${path} is written into the SQL as a string literal and must not contain control characters, got ${show(s)}`, path);
  return s;
}

/** The dialect-specific pieces of the common-table-expression text (DuckDB, PostgreSQL, BigQuery, Spark). */
interface Flavour {
  int: string;
  text: string;
  idiv(a: string, b: string): string;
  concat(parts: readonly string[]): string;
  str(s: string): string;
  inf: string;
  raise(message: string): string;
}

const doubled = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const backslashed = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

const FLAVOURS: Record<Exclude<PatternSqlDialect, "clickhouse">, Flavour> = {
  duckdb: {
    int: "INTEGER",
    text: "VARCHAR",
    idiv: (a, b) => `(${a}) // ${b}`,
    concat: (p) => p.join(" || "),
    str: doubled,
    inf: `CAST('Infinity' AS DOUBLE)`,
    raise: (m) => `error(${m})`,
  },
  postgres: {
    int: "INTEGER",
    text: "TEXT",
    idiv: (a, b) => `(${a}) / ${b}`,
    concat: (p) => p.join(" || "),
    str: doubled,
    inf: `CAST('Infinity' AS DOUBLE PRECISION)`,
    // No RAISE in a SELECT: a cast of the (row-dependent, so never constant-folded) message fails with it.
    raise: (m) => `CAST(${m} AS DOUBLE PRECISION)`,
  },
  bigquery: {
    int: "INT64",
    text: "STRING",
    idiv: (a, b) => `DIV(${a}, ${b})`,
    concat: (p) => `CONCAT(${p.join(", ")})`,
    str: backslashed,
    inf: `CAST('inf' AS FLOAT64)`,
    raise: (m) => `ERROR(${m})`,
  },
  spark: {
    int: "INT",
    text: "STRING",
    idiv: (a, b) => `(${a}) div ${b}`,
    concat: (p) => `concat(${p.join(", ")})`,
    str: backslashed,
    inf: `CAST('Infinity' AS DOUBLE)`,
    raise: (m) => `raise_error(${m})`,
  },
};

/** The common-table-expression text of {@link rfmSql} for DuckDB, PostgreSQL, BigQuery and Spark. */
function genericRfmSql(p: RfmSqlPlan, fl: Flavour): string {
  const dbl = p.d.double;
  const { bins } = p;
  const inner = innerEdges(bins);
  const ctes: string[] = [];
  const v = p.values;
  const nonNegative = (x: string): string => `rk_raw.${x} IS NULL OR NOT (rk_raw.${x} >= 0 AND rk_raw.${x} < ${fl.inf})`;
  const bad = [`rk_raw.customer_id IS NULL`, nonNegative("recency"), nonNegative("frequency"), `rk_raw.monetary IS NULL OR NOT (rk_raw.monetary > -${fl.inf} AND rk_raw.monetary < ${fl.inf})`].join("\n      OR ");
  const message = fl.concat([
    fl.str("rfmSql: customer "),
    `COALESCE(CAST(rk_raw.customer_id AS ${fl.text}), 'NULL')`,
    fl.str(" has a value rfmScores refuses (a NULL id, a recency or frequency that is NULL, negative, NaN or infinite, or a monetary value that is NULL, NaN or infinite)"),
  ]);
  ctes.push(
    [
      `rk_values AS (`,
      `  SELECT rk_raw.customer_id AS customer_id,`,
      `    CASE WHEN ${bad}`,
      `    THEN ${fl.raise(message)} ELSE rk_raw.recency END AS recency,`,
      `    rk_raw.frequency AS frequency, rk_raw.monetary AS monetary`,
      `  FROM (`,
      `    SELECT ${v.customerId} AS customer_id, CAST(${v.recency} AS ${dbl}) AS recency, CAST(${v.frequency} AS ${dbl}) AS frequency, CAST(${v.monetary} AS ${dbl}) AS monetary`,
      `    FROM ${p.from} AS s`,
      `  ) AS rk_raw`,
      `)`,
    ].join("\n"),
  );
  const quantile = p.dims.filter((x) => x.method.kind === "quantile");
  if (quantile.length > 0) {
    ctes.push(`rk_n AS (\n  SELECT COUNT(*) AS n FROM rk_values\n)`);
    // The position (n − 1)·i/bins of each inner edge as whole part k_i and fraction g_i (bins.ts' edgePosition).
    if (p.numpy) {
      const q = (i: number): string => `(((CAST(${i} AS ${dbl}) * (CAST(1 AS ${dbl}) / ${bins})) * 100) / 100)`;
      ctes.push(
        [
          `rk_levels AS (`,
          `  SELECT ${inner.map((i) => `FLOOR(h${i}) AS k${i}, h${i} - FLOOR(h${i}) AS g${i}`).join(", ")}`,
          `  FROM (SELECT ${inner.map((i) => `CAST(n - 1 AS ${dbl}) * ${q(i)} AS h${i}`).join(", ")} FROM rk_n) AS rk_h`,
          `)`,
        ].join("\n"),
      );
    } else {
      ctes.push(
        [
          `rk_levels AS (`,
          `  SELECT ${inner.map((i) => `k${i}, CAST((n - 1) * ${i} - k${i} * ${bins} AS ${dbl}) / ${bins} AS g${i}`).join(", ")}`,
          `  FROM (SELECT n, ${inner.map((i) => `${fl.idiv(`(n - 1) * ${i}`, String(bins))} AS k${i}`).join(", ")} FROM rk_n) AS rk_k`,
          `)`,
        ].join("\n"),
      );
    }
    const big = doubleLiteral(p.d, HALF_OVERFLOW);
    for (const x of quantile) {
      const c = x.value;
      ctes.push(
        [
          `rk_${c}_cum AS (`,
          `  SELECT v, SUM(c) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum`,
          `  FROM (SELECT ${c} AS v, COUNT(*) AS c FROM rk_values GROUP BY ${c}) AS rk_g`,
          `)`,
        ].join("\n"),
      );
      // x_(k) is the smallest value whose cumulative count exceeds k; an edge is numpy's lerp between
      // x_(k) and x_(k+1) (bins.ts' lerp, with its overflow branch).
      const edge = (i: number): string =>
        `CASE WHEN g${i} = 0 THEN a${i} WHEN b${i} * 0.5 - a${i} * 0.5 >= ${big} THEN a${i} * (1 - g${i}) + b${i} * g${i} ` +
        `WHEN g${i} >= 0.5 THEN b${i} - (b${i} - a${i}) * (1 - g${i}) ELSE a${i} + (b${i} - a${i}) * g${i} END AS e${i}`;
      ctes.push(
        [
          `rk_${c}_edges AS (`,
          `  SELECT e0,`,
          ...inner.map((i) => `    ${edge(i)},`),
          `    e${bins}`,
          `  FROM (`,
          `    SELECT MIN(c.v) AS e0, MAX(c.v) AS e${bins},`,
          `      ${inner.map((i) => `MIN(CASE WHEN c.cum > l.k${i} THEN c.v END) AS a${i}, MIN(CASE WHEN c.cum > l.k${i} + 1 THEN c.v END) AS b${i}, MIN(l.g${i}) AS g${i}`).join(",\n      ")}`,
          `    FROM rk_${c}_cum AS c CROSS JOIN rk_levels AS l`,
          `  ) AS rk_at`,
          `)`,
        ].join("\n"),
      );
    }
  }
  const all = Array.from({ length: bins + 1 }, (_, i) => i);
  const count = (terms: string[]): string => terms.map((t) => `CAST(${t} AS ${fl.int})`).join(" + ");
  const firstColumns: string[] = [];
  const scores: string[] = [];
  for (const x of p.dims) {
    const c = x.value;
    if (x.method.kind === "quantile") {
      firstColumns.push(`${count(all.map((i) => `rk_${c}_edges.e${i} < v.${c}`))} AS rk_${x.score}_below`);
      firstColumns.push(`${count(all.map((i) => `rk_${c}_edges.e${i} <= v.${c}`))} AS rk_${x.score}_upto`);
      scores.push(`${quantileScoreText(`rk_${x.score}_below`, `rk_${x.score}_upto`, bins, x.invert, p.ties, "GREATEST", fl.idiv)} AS ${x.score}`);
    } else {
      const above = count(x.method.thresholds.map((t) => `v.${c} > ${thresholdLiteral(p.d, t)}`));
      firstColumns.push(`${x.invert ? `${bins} - (${above})` : `1 + ${above}`} AS rk_${x.score}`);
      scores.push(`rk_${x.score} AS ${x.score}`);
    }
  }
  const joins = quantile.map((x) => ` CROSS JOIN rk_${x.value}_edges`).join("");
  ctes.push(
    [
      `rk_counts AS (`,
      `  SELECT v.customer_id AS customer_id, v.recency AS recency, v.frequency AS frequency, v.monetary AS monetary,`,
      `    ${firstColumns.join(",\n    ")}`,
      `  FROM rk_values AS v${joins}`,
      `)`,
    ].join("\n"),
  );
  ctes.push(
    [
      `rk_scored AS (`,
      `  SELECT customer_id, recency, frequency, monetary,`,
      `    ${scores.join(",\n    ")}`,
      `  FROM rk_counts`,
      `)`,
    ].join("\n"),
  );
  const sep = bins > 9 ? [fl.str("-")] : [];
  const code = fl.concat([`CAST(r AS ${fl.text})`, ...sep, `CAST(f AS ${fl.text})`, ...sep, `CAST(m AS ${fl.text})`]);
  const select = [`customer_id`, `recency`, `frequency`, `monetary`, `r`, `f`, `m`, `${code} AS code`, `r + f + m AS total`];
  if (p.segments !== null) {
    const cases = segmentCases(p).map((s) => `    WHEN ${s.when} THEN ${fl.str(s.name)}`);
    select.push(`CASE\n${cases.join("\n")}\n    ELSE ${fl.str(p.fallback)}\n  END AS segment`);
  }
  return [p.header, `WITH ${ctes.join(",\n")}`, `SELECT`, `  ${select.join(",\n  ")}`, `FROM rk_scored`, `ORDER BY customer_id`].join("\n");
}
