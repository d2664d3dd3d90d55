import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortRetention, type CohortRetentionOptions } from "../../src/index.js";
import { oracle } from "./cohortOracle.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 29, 0, 0, 0); // spans a leap-day month end

const event = fc.record({
  customerId: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom("1", "2", "x"), fc.constant(2 ** 40)), // dense table and Map ids
  at: fc.integer({ min: 0, max: 120 * 24 }).map((h) => T0 + h * 3_600_000 + 17_000),
  value: fc.integer({ min: -5, max: 50 }),
});
const events = fc.array(event, { minLength: 1, maxLength: 50 });
const bracketsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 8 })
  .map((xs) => xs.sort((a, b) => a - b))
  .map((xs) => {
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < xs.length; i += 2) out.push([xs[i]!, xs[i + 1]!]);
    return out;
  })
  .filter((b) => b.length > 0);
const baseOptions = fc.record({
  cohort: fc.constantFrom("day" as const, "week" as const, "month" as const),
  interval: fc.constantFrom("day" as const, "week" as const, "month" as const),
  dayBoundary: fc.constantFrom("calendar" as const, "rolling" as const),
  observationEnd: fc.option(fc.integer({ min: 10, max: 130 }).map((d) => T0 + d * DAY + 5 * 3_600_000), { nil: undefined }),
});

describe("cohortRetention properties", () => {
  it("matches a naive scan of its definitions in every mode", () => {
    fc.assert(
      fc.property(events, baseOptions, fc.constantFrom("classic" as const, "unbounded" as const, "bracket" as const), bracketsArb, (evs, base, mode, brackets) => {
        const o = { ...base, mode, ...(mode === "bracket" ? { brackets } : {}) };
        const clean = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as typeof o;
        const got = cohortRetention(evs, clean as CohortRetentionOptions);
        const want = oracle(evs, clean);
        expect(got.cohorts.map(({ start, size, eligible, counts }) => ({ start, size, eligible, counts }))).toEqual(
          want.map(({ start, size, eligible, counts }) => ({ start, size, eligible, counts })),
        );
        got.cohorts.forEach((c, i) => c.values.forEach((v, k) => expect(v).toBeCloseTo(want[i]!.values[k]!, 9)));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps rates in [0, 1] (or null with nobody eligible) and counts ≤ eligible ≤ size", () => {
    fc.assert(
      fc.property(events, baseOptions, fc.constantFrom("classic" as const, "unbounded" as const), (evs, base, mode) => {
        const r = cohortRetention(evs, { ...base, mode });
        for (const c of [...r.cohorts, r.overall]) {
          c.rates.forEach((rate, k) => {
            if (c.eligible[k] === 0) expect(rate).toBeNull();
            else {
              expect(rate).toBeGreaterThanOrEqual(0);
              expect(rate).toBeLessThanOrEqual(1);
            }
            expect(c.counts[k]).toBeLessThanOrEqual(c.eligible[k]!);
            expect(c.eligible[k]).toBeLessThanOrEqual(c.size);
          });
        }
      }),
    );
  });

  it("has unbounded ≥ classic in every cell, and unbounded counts non-increasing in k", () => {
    fc.assert(
      fc.property(events, baseOptions, (evs, base) => {
        const classic = cohortRetention(evs, { ...base, mode: "classic" });
        const unbounded = cohortRetention(evs, { ...base, mode: "unbounded" });
        unbounded.cohorts.forEach((u, i) => {
          const c = classic.cohorts[i]!;
          u.counts.forEach((n, k) => {
            expect(n).toBeGreaterThanOrEqual(c.counts[k]!);
            if (u.rates[k] !== null) expect(u.rates[k]!).toBeGreaterThanOrEqual(c.rates[k]!);
            if (k > 0) expect(n).toBeLessThanOrEqual(u.counts[k - 1]!);
          });
        });
      }),
    );
  });

  it("has unbounded rates non-increasing in k when a cohort's customers share one eligibility (daily cohorts, calendar days)", () => {
    fc.assert(
      fc.property(events, fc.constantFrom("day" as const, "week" as const), (evs, interval) => {
        const r = cohortRetention(evs, { cohort: "day", interval, dayBoundary: "calendar", mode: "unbounded" });
        for (const c of r.cohorts) {
          const rates = c.rates.filter((x): x is number => x !== null);
          for (let k = 1; k < rates.length; k++) expect(rates[k]!).toBeLessThanOrEqual(rates[k - 1]! + 1e-12);
        }
      }),
    );
  });

  it("gives the same table when the births passed are the customers' first events", () => {
    fc.assert(
      fc.property(events, baseOptions, fc.constantFrom("classic" as const, "unbounded" as const), (evs, base, mode) => {
        const first = new Map<string | number, number>();
        for (const e of evs) first.set(e.customerId, Math.min(first.get(e.customerId) ?? Infinity, e.at));
        const births = [...first].map(([customerId, at]) => ({ customerId, at }));
        const a = cohortRetention(evs, { ...base, mode });
        const b = cohortRetention(evs, { ...base, mode, births });
        expect(b.cohorts.map((c) => [c.start, c.size, c.eligible, c.counts])).toEqual(a.cohorts.map((c) => [c.start, c.size, c.eligible, c.counts]));
        expect(b.periods).toBe(a.periods);
      }),
    );
  });

  it("does not depend on the order of the events", () => {
    fc.assert(
      fc.property(events, baseOptions, fc.constantFrom("classic" as const, "unbounded" as const), (evs, base, mode) => {
        const reversed = [...evs].reverse();
        const rotated = [...evs.slice(evs.length >> 1), ...evs.slice(0, evs.length >> 1)];
        const a = cohortRetention(evs, { ...base, mode });
        expect(cohortRetention(reversed, { ...base, mode }).cohorts.map((c) => c.counts)).toEqual(a.cohorts.map((c) => c.counts));
        const b = cohortRetention(rotated, { ...base, mode });
        expect(b.cohorts.map((c) => [c.start, c.size, c.eligible, c.counts])).toEqual(a.cohorts.map((c) => [c.start, c.size, c.eligible, c.counts]));
        b.cohorts.forEach((c, i) => c.values.forEach((v, k) => expect(v).toBeCloseTo(a.cohorts[i]!.values[k]!, 9)));
      }),
    );
  });
});
