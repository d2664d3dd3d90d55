// SQL text shared by every SQL builder (summarySql, patternsSql, predictionsSql, rfmSql): each dialect's
// quoting, double type and date arithmetic, and the check on identifiers. Identifiers are always quoted.
import { fail, show } from "./validate.js";

/** The dialects that share one SQL template (ClickHouse 18.16 needs its own text). */
export type SharedDialect = "duckdb" | "postgres" | "bigquery" | "spark";

export interface Dialect {
  quote(name: string): string;
  double: string;
  /** The UTC date of a time value. */
  date(x: string): string;
  /** The Monday starting the ISO week of a time value, as a date. */
  week(x: string): string;
  /** Whole days from date `a` to date `b`. */
  days(a: string, b: string): string;
  /** A timestamp from epoch milliseconds. */
  fromMs(x: string): string;
}

const doubleQuote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The dialects that share one template; ClickHouse has its own text (src/summary/internal/clickhouseSummarySql.ts). */
export const DIALECTS: Record<SharedDialect, Dialect> = {
  duckdb: {
    quote: doubleQuote,
    double: "DOUBLE",
    date: (x) => `CAST(${x} AS DATE)`,
    week: (x) => `CAST(date_trunc('week', CAST(${x} AS TIMESTAMP)) AS DATE)`,
    days: (a, b) => `date_diff('day', ${a}, ${b})`,
    fromMs: (x) => `epoch_ms(CAST(${x} AS BIGINT))`,
  },
  postgres: {
    quote: doubleQuote,
    double: "DOUBLE PRECISION",
    date: (x) => `CAST(${x} AS DATE)`,
    week: (x) => `CAST(date_trunc('week', CAST(${x} AS TIMESTAMP)) AS DATE)`,
    days: (a, b) => `(${b} - ${a})`,
    fromMs: (x) => `(to_timestamp(${x} / 1000.0) AT TIME ZONE 'UTC')`,
  },
  bigquery: {
    quote: (s) => `\`${s.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``,
    double: "FLOAT64",
    date: (x) => `DATE(${x})`,
    week: (x) => `DATE_TRUNC(DATE(${x}), ISOWEEK)`,
    days: (a, b) => `DATE_DIFF(${b}, ${a}, DAY)`,
    fromMs: (x) => `TIMESTAMP_MILLIS(CAST(${x} AS INT64))`,
  },
  spark: {
    quote: (s) => `\`${s.replace(/`/g, "``")}\``,
    double: "DOUBLE",
    date: (x) => `CAST(${x} AS DATE)`,
    week: (x) => `CAST(date_trunc('WEEK', ${x}) AS DATE)`,
    days: (a, b) => `datediff(${b}, ${a})`,
    fromMs: (x) => `timestamp_millis(CAST(${x} AS BIGINT))`,
  },
};

/** A ClickHouse identifier in backquotes, with backslashes and backquotes escaped by a backslash. */
export const clickhouseQuote = (name: string): string => `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;

/** A non-empty identifier without NUL characters (quoting handles everything else). */
export function identifier(fn: string, value: unknown, path: string): string {
  if (typeof value !== "string" || value.length === 0 || value.includes("\0")) {
    fail(fn, "INVALID_OPTION", `${path} must be a non-empty name without NUL characters, got ${show(value)}`, path);
  }
  return value;
}

/**
 * A double's eight bytes, little-endian, as hex: how ClickHouse text carries a double exactly
 * (`reinterpretAsFloat64(unhex(…))`), since 18.16 misreads some 17-digit decimals. −0 is written as 0.
 */
export function doubleHex(x: number): string {
  const bytes = new DataView(new ArrayBuffer(8));
  bytes.setFloat64(0, x === 0 ? 0 : x, true);
  let hex = "";
  for (let b = 0; b < 8; b++) hex += bytes.getUint8(b).toString(16).padStart(2, "0");
  return hex;
}
