import { array, fail, optionsBag, show } from "../internal/validate.js";
import type { CohortTable } from "./cohortHeatmap.js";
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

/**
 * Renders rows of plain objects — or a cohort table from `cohortRetention` — as an aligned plain-text table
 * for consoles, REPLs and notebooks: a header, a rule, one line per row; numeric columns right-aligned,
 * text left-aligned; numbers written with fixed decimals and no locale (integers as they are), so the output
 * is the same on every machine. `Date`s print as ISO-8601, `null` as `n/a`, nested values as JSON. A cohort
 * table prints one line per cohort: its start, size and the rate (or count) of each period.
 *
 * @param rows - an array of plain objects, or a `{ cohorts }` cohort table
 * @param options - columns, decimals, row limit; see {@link FormatTableOptions}
 * @returns the table text, lines joined by `"\n"` (no trailing newline)
 * @throws RetentionKitError `INVALID_TYPE` when `rows` is neither an array nor a cohort table or a row is not
 *   an object; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
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
  if (!Array.isArray(rows) && typeof rows === "object" && rows !== null && Array.isArray((rows as CohortTable).cohorts)) {
    // cohort table: cohort | size | 0 | 1 | …
    const cohorts = (rows as CohortTable).cohorts;
    total = cohorts.length;
    let periods = 0;
    let monthly = true;
    for (const c of cohorts) {
      periods = Math.max(periods, c.rates.length);
      if (new Date(c.start).getUTCDate() !== 1 || c.start % 86_400_000 !== 0) monthly = false;
    }
    header = ["cohort", "size"];
    for (let k = 0; k < periods; k++) header.push(String(k));
    numeric = header.map((_, i) => i > 0);
    cells = cohorts.slice(0, maxRows).map((c) => {
      const line = [Number.isFinite(c.start) ? dateLabel(c.start, monthly) : String(c.start), String(c.size)];
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
      for (const r of shown) for (const k of Object.keys(r as object)) seen.add(k);
      header = [...seen];
    }
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
        return cellText(v, fractional[j]! ? decimals : null, nullText);
      }),
    );
    // a column is numeric only if it holds at least one number (all-null or blank columns are text)
    header.forEach((k, j) => {
      if (!shown.some((r) => typeof (r as Record<string, unknown>)[k] === "number" || typeof (r as Record<string, unknown>)[k] === "bigint")) numeric[j] = false;
    });
  }

  const cut = (s: string): string => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  header = header.map(cut);
  cells = cells.map((line) => line.map(cut));
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((line) => line[j]!.length)));
  const pad = (s: string, j: number): string => (numeric[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!));
  const render = (line: readonly string[]): string => line.map(pad).join("  ").replace(/\s+$/, "");
  const out = [render(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(render)];
  if (total > cells.length) out.push(`… ${total - cells.length} more row${total - cells.length === 1 ? "" : "s"}`);
  return out.join("\n");
}

/** One cell's text: fixed decimals (`null`: a whole-number column), ISO dates, JSON for nested values. */
function cellText(v: unknown, decimals: number | null, nullText: string): string {
  if (v === undefined) return "";
  if (v === null) return nullText;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    return decimals === null ? (Object.is(v, -0) ? "0" : String(v)) : fixed(v, decimals);
  }
  if (typeof v === "string") return v.replace(/[\r\n\t]/g, " ");
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (typeof v === "object") {
    try {
      return JSON.stringify(v) ?? "";
    } catch {
      return "[object]";
    }
  }
  return String(v);
}
