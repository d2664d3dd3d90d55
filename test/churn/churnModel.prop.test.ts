// Properties of the churn snapshot and model: no look-ahead, any order of the rows gives identical numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { churnDrivers, churnFeatures, fitChurnModel, inactivityRule, labelledSnapshot, scoreChurn } from "../../src/index.js";

const DAY = 86_400_000;
const SNAP = Date.UTC(2024, 5, 1);
/** Transactions over 200 days around the snapshot (times in ms, some on the snapshot instant itself). */
const txArb = fc.array(
  fc.record({
    customerId: fc.integer({ min: 1, max: 12 }),
    at: fc.oneof(fc.integer({ min: -120 * DAY, max: 80 * DAY }).map((d) => SNAP + d), fc.constant(SNAP)),
    amount: fc.integer({ min: 0, max: 500 }).map((c) => c / 4),
  }),
  { maxLength: 60 },
);
const futureArb = fc.integer({ min: 0, max: 400 * DAY });

/** A permutation of an array, from random keys. */
function permuted<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs.map((x, i) => [keys[i % Math.max(1, keys.length)]! + i * 1e-9, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

describe("churn snapshot properties", () => {
  it("never lets a transaction at or after the snapshot change a feature (no look-ahead)", () => {
    fc.assert(
      fc.property(txArb, fc.array(futureArb, { minLength: 1 }), (rows, moves) => {
        const options = { snapshotAt: SNAP, rules: [inactivityRule({ days: 20 })] };
        const base = churnFeatures(rows, options);
        // Move every future transaction elsewhere in the future, and add one more future purchase.
        let k = 0;
        const moved = rows.map((r) => (r.at >= SNAP ? { ...r, at: SNAP + moves[k++ % moves.length]! } : r));
        moved.push({ customerId: 1, at: SNAP + moves[0]!, amount: 99 });
        expect(churnFeatures(moved, options)).toEqual(base);
        // The labelled snapshot's features are those of churnFeatures, whatever the window.
        const labelled = labelledSnapshot(moved, { ...options, windowDays: 1 + (moves[0]! % (90 * DAY)) / DAY | 0 });
        expect(labelled.rows.map((r) => r.features)).toEqual(base.rows.map((r) => r.features));
      }),
    );
  });

  it("gives identical snapshots, models, scores and drivers for any order of the rows", () => {
    fc.assert(
      fc.property(txArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true })), (rows, keys) => {
        const options = { snapshotAt: SNAP, windowDays: 45 };
        const a = labelledSnapshot(rows, options);
        expect(labelledSnapshot(permuted(rows, keys), options)).toEqual(a);
        const shuffled = { ...a, rows: permuted(a.rows, keys) };
        const fit = (s: typeof a): unknown => {
          try {
            return fitChurnModel(s, { minClassSize: 1, penalty: 0.5, features: ["recencyDays", "frequency"] });
          } catch (e) {
            return (e as { code?: string }).code;
          }
        };
        const m = fit(a);
        expect(fit(shuffled)).toEqual(m);
        if (typeof m === "object") {
          const model = m as ReturnType<typeof fitChurnModel>;
          const byId = (s: ReturnType<typeof scoreChurn>): string => JSON.stringify([...s].sort((x, y) => Number(x.customerId) - Number(y.customerId)));
          expect(byId(scoreChurn(model, shuffled.rows))).toBe(byId(scoreChurn(model, a.rows)));
          expect(churnDrivers(shuffled, { model })).toEqual(churnDrivers(a, { model }));
        }
      }),
    );
  });

  it("keeps probabilities in [0, 1] and reasons positive", () => {
    fc.assert(
      fc.property(txArb, (rows) => {
        const a = labelledSnapshot(rows, { snapshotAt: SNAP, windowDays: 30 });
        let m;
        try {
          m = fitChurnModel(a, { minClassSize: 1, penalty: 0.1, features: ["recencyDays", "tenureDays", "totalSpend"] });
        } catch {
          return;
        }
        for (const s of scoreChurn(m, a.rows)) {
          expect(s.churnProbability >= 0 && s.churnProbability <= 1).toBe(true);
          for (const r of s.reasons) expect(r.contribution).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe("churn features from activity", () => {
  const eventArb = fc.record({
    type: fc.constantFrom("login", "feature", "survey", "complaint"),
    at: fc.integer({ min: -90, max: 30 }).map((d) => SNAP + d * DAY),
    score: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  });
  const activityArb = fc.uniqueArray(
    fc.record({ customerId: fc.integer({ min: 1, max: 12 }), events: fc.array(eventArb, { maxLength: 8 }) }),
    { selector: (c) => c.customerId, maxLength: 12 },
  );
  it("gives identical features for any order of the logs and of their events", () => {
    fc.assert(
      fc.property(txArb, activityArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true })), (rows, activity, keys) => {
        const options = { snapshotAt: SNAP, rules: [inactivityRule({ days: 20 })] };
        const a = churnFeatures(rows, { ...options, activity });
        const shuffled = permuted(activity, keys).map((c) => ({ ...c, events: permuted(c.events, [...keys].reverse()) }));
        expect(churnFeatures(permuted(rows, keys), { ...options, activity: shuffled })).toEqual(a);
      }),
    );
  });
});
