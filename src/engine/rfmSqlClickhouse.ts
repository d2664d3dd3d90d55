// rfmSql's ClickHouse text (18.16 and later: no window functions, no common table expressions of
// subqueries). Each dimension's distinct values and their counts are sorted into arrays in a scalar
// subquery; the quantile edges come from their cumulative counts (arrayCumSum / arrayFirstIndex), computed
// once on the node that receives the query; each customer's score counts the edges below its value.
import { doubleHex } from "../internal/sql.js";
import { innerEdges, quantileScoreText, segmentCases, thresholdLiteral, type RfmSqlPlan } from "./rfmSqlText.js";

/** A double as ClickHouse text that reads back exactly: 18.16 misreads some 17-digit decimals, so as its bytes. */
export function clickhouseDouble(x: number): string {
  return Number.isSafeInteger(x) ? `toFloat64(${x})` : `reinterpretAsFloat64(unhex('${doubleHex(x)}'))`;
}

/** A ClickHouse string literal (backslash escapes). */
const str = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/**
 * The text of {@link rfmSql} for ClickHouse. 18.16's lambdas cannot read a column of the row beside an array
 * column, so every comparison of an array with a value pairs the array with `replicate(value, array)`;
 * and each expression that is used twice is a column of an inner SELECT, not an alias (aliases are copied
 * into the syntax tree, which 18.16 caps at 50,000 nodes).
 */
export function clickhouseRfmSql(p: RfmSqlPlan): string {
  const { bins } = p;
  const v = p.values;
  const inner = innerEdges(bins);
  // The rows, their three values as Float64; a row rfmScores refuses stops the query (throwIf).
  const bad = [
    `isNull(${v.customerId})`,
    `ifNull(NOT (rk_recency >= 0 AND rk_recency < inf), 1)`,
    `ifNull(NOT (rk_frequency >= 0 AND rk_frequency < inf), 1)`,
    `ifNull(NOT (rk_monetary > -inf AND rk_monetary < inf), 1)`,
  ].join(" OR ");
  const rows = [
    `SELECT ${v.customerId} AS customer_id, toFloat64(${v.recency}) AS rk_recency, toFloat64(${v.frequency}) AS rk_frequency, toFloat64(${v.monetary}) AS rk_monetary,`,
    `    throwIf(${bad}) AS rk_refused`,
    `  FROM ${p.from} AS s`,
  ].join("\n");
  // Edge i's position (n − 1)·i/bins as whole part k and fraction g (bins.ts' edgePosition).
  const position = (i: number): string => {
    if (p.numpy) {
      const h = `(toFloat64(rk_n - 1) * (((toFloat64(${i}) * (1 / ${bins})) * 100) / 100))`;
      return `floor(${h}) AS rk_k${i}, ${h} - floor(${h}) AS rk_g${i}`;
    }
    return `intDiv((rk_n - 1) * ${i}, ${bins}) AS rk_k${i}, toFloat64((rk_n - 1) * ${i} - intDiv((rk_n - 1) * ${i}, ${bins}) * ${bins}) / ${bins} AS rk_g${i}`;
  };
  const big = clickhouseDouble(2 ** 1023);
  // x_(k), the smallest value whose cumulative count exceeds k.
  const at = (k: string): string => `arrayElement(rk_vs, arrayFirstIndex((x, k) -> x > k, rk_cum, replicate(${k}, rk_cum)))`;
  const lerp = (i: number): string => {
    const [a, b, g] = [`rk_a${i}`, `rk_b${i}`, `rk_g${i}`];
    return `multiIf(${g} = 0, ${a}, ${b} * 0.5 - ${a} * 0.5 >= ${big}, ${a} * (1 - ${g}) + ${b} * ${g}, ${g} >= 0.5, ${b} - (${b} - ${a}) * (1 - ${g}), ${a} + (${b} - ${a}) * ${g})`;
  };
  const edgesOf = (column: string): string =>
    [
      `(SELECT [arrayElement(rk_vs, 1), ${inner.map(lerp).join(", ")}, arrayElement(rk_vs, length(rk_vs))]`,
      `    FROM (SELECT rk_vs, ${inner.map((i) => `${at(`rk_k${i}`)} AS rk_a${i}, ${at(`rk_k${i} + 1`)} AS rk_b${i}, rk_g${i}`).join(", ")}`,
      `    FROM (SELECT rk_vs, rk_cum, ${inner.map(position).join(", ")}`,
      `    FROM (SELECT rk_vs, arrayCumSum(rk_cs) AS rk_cum, arraySum(rk_cs) AS rk_n`,
      `    FROM (SELECT groupArray(rk_v) AS rk_vs, groupArray(rk_c) AS rk_cs`,
      `    FROM (SELECT ${column} AS rk_v, count() AS rk_c FROM (${rows}) GROUP BY rk_v ORDER BY rk_v))))))`,
    ].join("\n");
  const withEdges: string[] = [];
  const counts: string[] = [];
  const scores: string[] = [];
  for (const x of p.dims) {
    const c = `rk_${x.value}`;
    if (x.method.kind === "quantile") {
      const e = `rk_e${x.score}`;
      withEdges.push(`${edgesOf(c)} AS ${e}`);
      counts.push(`arrayCount((e, x) -> e < x, ${e}, replicate(${c}, ${e})) AS rk_${x.score}_below`, `arrayCount((e, x) -> e <= x, ${e}, replicate(${c}, ${e})) AS rk_${x.score}_upto`);
      scores.push(`toInt64(${quantileScoreText(`rk_${x.score}_below`, `rk_${x.score}_upto`, bins, x.invert, p.ties, "greatest", (a, b) => `intDiv(${a}, ${b})`)}) AS ${x.score}`);
    } else {
      const above = x.method.thresholds.map((t) => `(${c} > ${thresholdLiteral(p.d, t, clickhouseDouble)})`).join(" + ");
      counts.push(`toInt64(${x.invert ? `${bins} - (${above})` : `1 + ${above}`}) AS rk_${x.score}`);
      scores.push(`rk_${x.score} AS ${x.score}`);
    }
  }
  const sep = bins > 9 ? [str("-")] : [];
  const code = `concat(${["toString(r)", ...sep, "toString(f)", ...sep, "toString(m)"].join(", ")})`;
  const select = [`customer_id`, `rk_recency AS recency`, `rk_frequency AS frequency`, `rk_monetary AS monetary`, `r`, `f`, `m`, `${code} AS code`, `r + f + m AS total`];
  if (p.segments !== null) {
    const cases = segmentCases(p).flatMap((s) => [s.when, str(s.name)]);
    select.push(cases.length === 0 ? `${str(p.fallback)} AS segment` : `multiIf(${[...cases, str(p.fallback)].join(", ")}) AS segment`);
  }
  const values = `customer_id, rk_recency, rk_frequency, rk_monetary`;
  return [
    p.header,
    `SELECT ${select.join(", ")}`,
    `FROM (SELECT ${values}, ${scores.join(", ")}`,
    `FROM (SELECT ${values}, ${counts.join(", ")}`,
    `FROM (SELECT ${[values, ...withEdges].join(",\n  ")}`,
    `FROM (${rows}))))`,
    `ORDER BY customer_id`,
  ].join("\n");
}
