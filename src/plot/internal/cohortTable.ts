// Reading a cohort table (`{ cohorts: { start, size, eligible, counts, rates }[] }`) for the plots and the
// text table: one validation, so a table one renderer accepts the other accepts too.
import { MAX_PERIODS, inDateRange } from "../../internal/time.js";
import { array, count, fail, finiteNumber, record, show } from "../../internal/validate.js";
import type { CohortRow } from "../cohortHeatmap.js";

/**
 * The most cells (rows × periods) a cohort chart or text table draws: a 250 000-cell heatmap is a 50 MB SVG
 * built in about a second; a larger one would be unreadable, and several times larger it no longer fits in a
 * JavaScript string.
 */
export const MAX_DRAWN_CELLS = 250_000;

/** A validated cohort table: its rows, the widest row's period count, and the facts the renderers need. */
export interface ReadCohorts {
  cohorts: readonly CohortRow[];
  /** The most periods of any row. */
  periods: number;
  /** Every start is the first instant of a UTC month (rows are labelled `YYYY-MM`). */
  monthly: boolean;
  /** The largest rate after period 0, or 0. */
  maxLater: number;
}

/**
 * Validates a cohort table at `path`: each row an object with a `start` time a Date can hold, a whole-number
 * `size`, whole-number `eligible` and `counts`, `rates` in [0, 1] or `null`, `counts` as long as `rates`;
 * at most {@link MAX_PERIODS} periods in a row. Throws the coded error naming the first bad field.
 */
export function readCohortTable(fn: string, table: unknown, path: string): ReadCohorts {
  const t = record(fn, table, path);
  const cohorts = array<CohortRow>(fn, t.cohorts, `${path}.cohorts`);
  let periods = 0;
  let maxLater = 0;
  let monthly = true;
  for (let i = 0; i < cohorts.length; i++) {
    const p = `${path}.cohorts[${i}]`;
    const c = record(fn, cohorts[i], p);
    const start = finiteNumber(fn, c.start, `${p}.start`);
    if (!inDateRange(start)) fail(fn, "OUT_OF_RANGE", `${p}.start must be a time a Date can hold (|ms| ≤ 8.64e15), got ${show(start)}`, `${p}.start`);
    if (new Date(start).getUTCDate() !== 1 || start % 86_400_000 !== 0) monthly = false;
    count(fn, c.size, `${p}.size`);
    const rates = array<unknown>(fn, c.rates, `${p}.rates`);
    const counts = array<unknown>(fn, c.counts, `${p}.counts`);
    const eligible = array<unknown>(fn, c.eligible, `${p}.eligible`);
    if (!(rates.length <= MAX_PERIODS)) {
      fail(fn, "OUT_OF_RANGE", `${p}.rates has ${rates.length} periods, more than the ${MAX_PERIODS} a cohort table may hold`, `${p}.rates`);
    }
    for (let k = 0; k < eligible.length; k++) count(fn, eligible[k], `${p}.eligible[${k}]`);
    if (counts.length !== rates.length) {
      fail(fn, "INVALID_INPUT", `${p}.counts has ${counts.length} entries but ${p}.rates has ${rates.length}`, `${p}.counts`);
    }
    for (let k = 0; k < rates.length; k++) {
      const r = rates[k];
      if (r !== null) {
        const x = finiteNumber(fn, r, `${p}.rates[${k}]`);
        if (!(x >= 0 && x <= 1)) fail(fn, "OUT_OF_RANGE", `${p}.rates[${k}] must be in [0, 1] or null, got ${show(x)}`, `${p}.rates[${k}]`);
        if (k > 0 && x > maxLater) maxLater = x;
      }
      count(fn, counts[k], `${p}.counts[${k}]`);
    }
    if (rates.length > periods) periods = rates.length;
  }
  return { cohorts, periods, monthly, maxLater };
}

/** Refuses (`OUT_OF_RANGE` at `path`) drawing more than {@link MAX_DRAWN_CELLS} cells; `fix` says how to draw fewer. */
export function drawnCells(fn: string, rows: number, periods: number, path: string, fix: string): void {
  const cells = rows * periods;
  if (!(cells <= MAX_DRAWN_CELLS)) {
    fail(fn, "OUT_OF_RANGE", `${rows} rows × ${periods} periods are ${cells} cells, more than the ${MAX_DRAWN_CELLS} drawn at most; ${fix}`, path);
  }
}
