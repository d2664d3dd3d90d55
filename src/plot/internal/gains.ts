// Reading an evaluateClassifier gains table for the charts that draw one (gainsChart, holdoutAccuracyChart).
import { array, count, fraction, integerAtLeast, nonNegativeNumber, record } from "../../internal/validate.js";
import { sortUniqueBy } from "./svg.js";

/** One validated decile of a gains table; `at` is its place in the input. */
export interface GainsDecile {
  decile: number;
  customers: number;
  lift: number | null;
  share: number | null;
  at: number;
}

/**
 * The `gains` of an evaluation at `path` (`{ decile, customers, lift, cumulativeShare }` rows, other fields
 * not read), each field read once and checked, sorted by decile; a decile listed twice is DUPLICATE_ID.
 */
export function readGains(fn: string, evaluation: unknown, path: string): GainsDecile[] {
  const ev = record(fn, evaluation, path);
  const rows = array<unknown>(fn, ev.gains, `${path}.gains`);
  const ds: GainsDecile[] = [];
  for (let i = 0; i < rows.length; i++) {
    const at = `${path}.gains[${i}]`;
    const row = record(fn, rows[i], at);
    const decile = integerAtLeast(fn, row.decile, `${at}.decile`, 1);
    const customers = count(fn, row.customers, `${at}.customers`);
    const l = row.lift;
    const lift = l === null ? null : nonNegativeNumber(fn, l, `${at}.lift`);
    const c = row.cumulativeShare;
    const share = c === null ? null : fraction(fn, c, `${at}.cumulativeShare`);
    ds.push({ decile, customers, lift, share, at: i });
  }
  sortUniqueBy(fn, ds, "decile", `${path}.gains`, "one row per decile, as evaluateClassifier gives");
  return ds;
}
