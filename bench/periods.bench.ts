// Period ranges at their bounds: the largest accepted inputs and the refusals of the old pathological ones.
// Before the bounds (same machine): npsByPeriod over years 0001–9999 by day built 3.65 M rows in 6–14 s, and
// over the whole Date range aborted the process; cohortRetention with two events 41 000 years apart took
// 7.6–8.5 s; a 5 M-cell cohortHeatmap threw RangeError (string too long).
import { cohortRetention, npsByPeriod } from "../src/index.js";
import { cohortHeatmap, formatTable } from "../src/plot/index.js";
import { bench } from "./lib.js";

const DAY = 86_400_000;
const refuse = (f: () => unknown): string => {
  try {
    f();
    return "accepted";
  } catch (e) {
    return (e as { code?: string }).code ?? "other";
  }
};

bench("npsByPeriod: 100 000 days filled (the bound)", () => npsByPeriod([{ at: 0, answer: 9 }, { at: 99_999 * DAY, answer: 3 }], { period: "day" }));
bench("npsByPeriod: years 0001–9999 by day, refused", () => refuse(() => npsByPeriod([{ at: "0001-01-01", answer: 9 }, { at: "9999-12-31", answer: 3 }], { period: "day" })));
bench("npsByPeriod: ±8.64e15 by day, refused", () => refuse(() => npsByPeriod([{ at: -8.64e15, answer: 9 }, { at: 8.64e15 - 1, answer: 3 }], { period: "day" })));

const twoEvents = (days: number): { customerId: number; at: number }[] => [{ customerId: 1, at: 0 }, { customerId: 1, at: days * DAY }];
bench("cohortRetention: 1 cohort × 100 000 default columns", () => cohortRetention(twoEvents(99_999), { cohort: "day", observationEnd: 100_000 * DAY }));
const wide = Array.from({ length: 49 }, (_, i) => ({ customerId: i, at: i * DAY }));
bench("cohortRetention: 49 cohorts × 100 000 columns (4.9 M cells)", () => cohortRetention(wide, { cohort: "day", periods: 100_000 }));
bench("cohortRetention: events 41 000 years apart, refused", () =>
  refuse(() => cohortRetention([{ customerId: 1, at: -8.64e15 }, { customerId: 1, at: -8.64e15 + 41_000 * 365.25 * DAY }], { cohort: "day" })),
);

const rates = Array.from({ length: 500 }, (_, k) => (k === 0 ? 1 : 0.3));
const table = { cohorts: Array.from({ length: 500 }, (_, i) => ({ start: i * DAY, size: 10, eligible: rates.map(() => 10), counts: rates.map((r) => r * 10), rates })) };
bench("cohortHeatmap: 500 × 500 cells (the 250 000 bound)", () => cohortHeatmap(table), 1);
bench("formatTable: cohort table 498 × 502 cells", () => formatTable({ cohorts: table.cohorts.slice(0, 498) }, { maxRows: 1000 }), 1);
const rows = Array.from({ length: 62_500 }, (_, i) => ({ id: i, clv: i / 7, segment: "Champions", at: new Date(i * DAY) }));
bench("formatTable: 62 500 rows × 4 columns (250 000 cells)", () => formatTable(rows, { maxRows: 100_000 }), 1);
