import { array, fail, optionsBag, show } from "../internal/validate.js";
import type { CohortTable } from "./cohortHeatmap.js";
import { MAX_DRAWN_CELLS, drawnCells, readCohortTable } from "./internal/cohortTable.js";
import { dateLabel, fixed, percent } from "./internal/svg.js";

/**
 * Options of {@link formatTable}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: FormatTableOptions = { columns: ["customerId", "clv"], decimals: 1, maxRows: 20 };
 * ```
 */
export interface FormatTableOptions {
  /** Columns to show, in this order. Default: every key, in order of first appearance. */
  columns?: readonly string[];
  /** Decimals of non-integer numbers. Default 2. */
  decimals?: number;
  /** Rows shown before a `… N more rows` line (0..1e6). Default 100. */
  maxRows?: number;
  /** Longest cell, in characters; longer text is cut with `…`. 4..1000, default 40. */
  maxColumnWidth?: number;
  /** Text for `null` values. Default `"n/a"`. (`undefined` and missing keys are left blank.) */
  nullText?: string;
  /** Cohort tables only: what the period cells show, `"rate"` (percent, default) or `"count"`. */
  cohortValue?: "rate" | "count";
  /** Cohort tables only: decimals of the percentages. Default 1. */
  percentDecimals?: number;
}

const FN = "formatTable";
/** The longest text returned (in UTF-16 units): 50 million characters, far below what a string can hold. */
const MAX_TEXT = 50_000_000;

/**
 * Renders rows of plain objects — or a cohort table from `cohortRetention` — as an aligned plain-text table
 * for consoles, REPLs and notebooks: a header, a rule, one line per row; numeric columns right-aligned,
 * text left-aligned; numbers written with fixed decimals and no locale (integers as they are), so the output
 * is the same on every machine. `Date`s print as ISO-8601, `null` as `n/a`, nested values as JSON. A cohort
 * table prints one line per cohort: its start, size and the rate (or count) of each period.
 *
 * Total over plain rows: any value prints as one line of text, never as `NaN`, `Infinity` or `undefined` —
 * `NaN` and invalid `Date`s print like `null` (`nullText`), ±Infinity as `∞` / `-∞`, functions as
 * `[function]`, symbols by their description, line breaks in keys and values as spaces. A cohort table is
 * checked as {@link cohortHeatmap} checks it (coded errors for a start a Date cannot hold, rates outside
 * [0, 1], …). Bounded: at most 250 000 cells (shown rows × columns) and 50 million characters, beyond
 * which `OUT_OF_RANGE` asks for a smaller `maxRows`, fewer `columns` or a smaller `maxColumnWidth`.
 *
 * @param rows - an array of plain objects, or a `{ cohorts }` cohort table
 * @param options - columns, decimals, row limit; see {@link FormatTableOptions}
 * @returns the table text, lines joined by `"\n"` (no trailing newline)
 * @throws RetentionKitError `INVALID_TYPE` when `rows` is neither an array nor a cohort table or a row is not
 *   an object; for a cohort table the codes of {@link cohortHeatmap} (`INVALID_NUMBER`, `OUT_OF_RANGE`,
 *   `NOT_INTEGER`, `NEGATIVE_VALUE`, `INVALID_INPUT`) at paths such as `"rows.cohorts[2].rates[3]"`;
 *   `OUT_OF_RANGE` for more than 250 000 cells (`options.maxRows`) or 50 million characters
 *   (`options.maxColumnWidth`); `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * formatTable([{ id: "a", clv: 12.5 }, { id: "bb", clv: 3 }]).split("\n");
 * // => ["id    clv", "--  -----", "a   12.50", "bb   3.00"]
 * ```
 */
export function formatTable(rows: readonly object[] | CohortTable, options?: FormatTableOptions): string {
  const o = optionsBag(FN, options, ["columns", "decimals", "maxRows", "maxColumnWidth", "nullText", "cohortValue", "percentDecimals"] as const satisfies readonly (keyof FormatTableOptions)[]);
  const int = (key: "decimals" | "maxRows" | "maxColumnWidth" | "percentDecimals", d: number, lo: number, hi: number): number => {
    const v = o[key] ?? d;
    if (typeof v !== "number" || !Number.isInteger(v) || !(v >= lo && v <= hi)) {
      fail(FN, "INVALID_OPTION", `options.${key} must be a whole number in [${lo}, ${hi}], got ${show(v)}`, `options.${key}`);
    }
    return v;
  };
  const decimals = int("decimals", 2, 0, 12);
  const maxRows = int("maxRows", 100, 0, 1_000_000);
  const maxWidth = int("maxColumnWidth", 40, 4, 1000);
  const pctDecimals = int("percentDecimals", 1, 0, 6);
  const nullText = o.nullText ?? "n/a";
  if (typeof nullText !== "string") fail(FN, "INVALID_TYPE", `options.nullText must be a string, got ${show(nullText)}`, "options.nullText");
  const cohortValue = o.cohortValue ?? "rate";
  if (cohortValue !== "rate" && cohortValue !== "count") {
    fail(FN, "INVALID_OPTION", `options.cohortValue must be "rate" or "count", got ${show(cohortValue)}`, "options.cohortValue");
  }

  let header: string[];
  let cells: string[][];
  let numeric: boolean[];
  let total: number;
  const fewer = "pass a smaller options.maxRows or fewer options.columns";
  if (!Array.isArray(rows) && typeof rows === "object" && rows !== null && Array.isArray((rows as CohortTable).cohorts)) {
    // cohort table: cohort | size | 0 | 1 | …
    const { cohorts, periods, monthly } = readCohortTable(FN, rows, "rows");
    total = cohorts.length;
    drawnCells(FN, Math.min(total, maxRows), periods + 2, "options.maxRows", "pass a smaller options.maxRows or fewer periods (options.periods of cohortRetention)");
    header = ["cohort", "size"];
    for (let k = 0; k < periods; k++) header.push(String(k));
    numeric = header.map((_, i) => i > 0);
    cells = cohorts.slice(0, maxRows).map((c) => {
      const line = [dateLabel(c.start, monthly), String(c.size)];
      for (let k = 0; k < periods; k++) {
        const r = c.rates[k];
        line.push(r === undefined ? "" : r === null ? nullText : cohortValue === "rate" ? percent(r, pctDecimals) : String(c.counts[k] ?? ""));
      }
      return line;
    });
  } else {
    const list = array<unknown>(FN, rows, "rows");
    total = list.length;
    const shown = list.slice(0, maxRows);
    for (let i = 0; i < shown.length; i++) {
      const r = shown[i];
      if (typeof r !== "object" || r === null || Array.isArray(r)) fail(FN, "INVALID_TYPE", `rows[${i}] must be an object, got ${show(r)}`, `rows[${i}]`);
    }
    if (o.columns !== undefined) {
      header = array<unknown>(FN, o.columns, "options.columns").map((c, i) => {
        if (typeof c !== "string") fail(FN, "INVALID_TYPE", `options.columns[${i}] must be a string, got ${show(c)}`, `options.columns[${i}]`);
        return c;
      });
    } else {
      const seen = new Set<string>();
      // each row's keys are cells of the table (rows × columns ≥ the keys read), so stop reading past the bound
      let read = 0;
      for (let i = 0; i < shown.length; i++) {
        const keys = Object.keys(shown[i] as object);
        read += keys.length;
        if (!(read <= MAX_DRAWN_CELLS)) {
          fail(FN, "OUT_OF_RANGE", `the first ${i + 1} rows already hold ${read} cells, more than the ${MAX_DRAWN_CELLS} drawn at most; ${fewer}`, "options.maxRows");
        }
        for (const k of keys) seen.add(k);
      }
      header = [...seen];
    }
    drawnCells(FN, shown.length, header.length, "options.maxRows", fewer);
    numeric = header.map(() => true);
    // a column with any fractional number writes all its numbers with the same decimals, so they line up
    const fractional = header.map((k) =>
      shown.some((r) => {
        const v = (r as Record<string, unknown>)[k];
        return typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v);
      }),
    );
    cells = shown.map((r) =>
      header.map((k, j) => {
        const v = (r as Record<string, unknown>)[k];
        if (v !== null && v !== undefined && typeof v !== "number" && typeof v !== "bigint") numeric[j] = false;
        return cellText(v, fractional[j]! ? decimals : null, nullText, maxWidth);
      }),
    );
    // a column is numeric only if it holds at least one number (all-null or blank columns are text)
    header.forEach((k, j) => {
      if (!shown.some((r) => typeof (r as Record<string, unknown>)[k] === "number" || typeof (r as Record<string, unknown>)[k] === "bigint")) numeric[j] = false;
    });
  }

  const cut = (s: string): string => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  header = header.map((h) => cut(oneLine(h)));
  cells = cells.map((line) => line.map(cut));
  const widths = header.map((h) => h.length);
  for (const line of cells) for (let j = 0; j < line.length; j++) if (line[j]!.length > widths[j]!) widths[j] = line[j]!.length;
  let lineLength = 0;
  for (const w of widths) lineLength += w + 2;
  const chars = lineLength * (cells.length + 3);
  if (!(chars <= MAX_TEXT)) {
    fail(FN, "OUT_OF_RANGE", `the table would be about ${chars} characters, more than ${MAX_TEXT}; pass a smaller options.maxColumnWidth, options.maxRows or fewer options.columns`, "options.maxColumnWidth");
  }
  const pad = (s: string, j: number): string => (numeric[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!));
  // trimEnd, not /\s+$/: that regex is quadratic in a long run of blank cells before a value
  const render = (line: readonly string[]): string => line.map(pad).join("  ").trimEnd();
  const out = [render(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(render)];
  if (total > cells.length) out.push(`… ${total - cells.length} more row${total - cells.length === 1 ? "" : "s"}`);
  return out.join("\n");
}

/** One cell's text: fixed decimals (`null`: a whole-number column), ISO dates, JSON for nested values. */
function cellText(v: unknown, decimals: number | null, nullText: string, budget: number): string {
  if (v === undefined) return "";
  if (v === null) return nullText;
  if (typeof v === "number") {
    if (Number.isNaN(v)) return nullText;
    if (!Number.isFinite(v)) return v > 0 ? "∞" : "-∞";
    return decimals === null ? (Object.is(v, -0) ? "0" : String(v)) : fixed(v, decimals);
  }
  if (typeof v === "string") return oneLine(v.length > budget ? v.slice(0, budget + 1) : v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (typeof v === "symbol") return oneLine(v.description ?? "symbol");
  if (typeof v === "function") return "[function]";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? nullText : v.toISOString();
  try {
    return oneLine(boundedJson(v, budget));
  } catch {
    return "[object]"; // a cycle, a BigInt inside, or a toJSON that throws
  }
}

/**
 * `JSON.stringify(v)` (NaN and ±Infinity as null, line breaks escaped), but stopping once `budget`
 * characters are written, so a huge nested value costs no more than the cell shows. Throws on a cycle.
 */
function boundedJson(value: unknown, budget: number): string {
  let out = "";
  const open: object[] = [];
  const write = (v: unknown, inArray: boolean): void => {
    if (out.length > budget) return;
    if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function") v = (v as { toJSON: () => unknown }).toJSON();
    if (v === undefined || typeof v === "function" || typeof v === "symbol") {
      out += inArray ? "null" : "";
      return;
    }
    if (typeof v !== "object" || v === null) {
      const text = JSON.stringify(v) as string; // a primitive: throws for a BigInt, as JSON does
      out += text.length > budget ? text.slice(0, budget + 1) : text;
      return;
    }
    if (open.includes(v)) throw new TypeError("cycle");
    open.push(v);
    if (Array.isArray(v)) {
      out += "[";
      for (let i = 0; i < v.length && out.length <= budget; i++) {
        if (i > 0) out += ",";
        write(v[i], true);
      }
      out += "]";
    } else {
      out += "{";
      let first = true;
      for (const k in v) {
        if (out.length > budget) break;
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
        out += `${first ? "" : ","}${JSON.stringify(k)}:`;
        first = false;
        write(x, false);
      }
      out += "}";
    }
    open.pop();
  };
  write(value, true);
  return out === "" ? "" : out;
}

/** Text on one line: line breaks and tabs as spaces, so the table stays aligned. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t\u2028\u2029\u0085]/g, " ");
}
