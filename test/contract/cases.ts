// Valid-argument arbitraries for every public function of the package root. The contract test fails for
// any runtime export that has no entry here, so a new export is covered as soon as it is added.
import fc from "fast-check";
import { kaplanMeier } from "../../src/index.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);

export const timeArb = fc.oneof(
  fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }),
  fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }).map((ms) => new Date(ms).toISOString()),
  fc.integer({ min: -400, max: 400 }).map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10)),
  fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }).map((ms) => new Date(ms)),
);
export const idArb = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom("a", "b", "c", "C-01"));
export const amountArb = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(0), fc.constant(undefined));
export const transactionArb = fc.record({ customerId: idArb, at: timeArb, amount: amountArb }, { requiredKeys: ["customerId", "at"] });
export const transactionsArb = fc.array(transactionArb, { maxLength: 40 });
const unitArb = fc.constantFrom("day", "week");

export interface Case {
  /** Argument tuples that are valid input. */
  valid: fc.Arbitrary<unknown[]>;
}

export const CASES: Record<string, Case> = {
  parseTime: { valid: timeArb.map((t) => [t]) },
  summarizeTransactions: {
    valid: fc.tuple(transactionsArb, fc.record({ observationEnd: timeArb, period: unitArb, unit: unitArb, monetary: fc.constantFrom("repeat", "all") }, { requiredKeys: ["observationEnd"] })),
  },
  splitCalibrationHoldout: {
    valid: fc.tuple(
      transactionsArb,
      fc.tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: 0, max: 200 }), unitArb, unitArb).map(([c, h, period, unit]) => ({
        calibrationEnd: BASE + c * DAY,
        observationEnd: BASE + (c + h) * DAY,
        period,
        unit,
      })),
    ),
  },
  retentionRate: { valid: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })).map(([s, k, n]) => [{ startCount: s, endCount: Math.min(k, s) + n, newCount: n }]) },
  churnRate: { valid: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })).map(([s, l]) => [{ startCount: s, lostCount: Math.min(s, l) }]) },
  retentionBetween: { valid: fc.tuple(fc.array(idArb, { maxLength: 30 }), fc.array(idArb, { maxLength: 30 })) },
  cohortRetention: {
    valid: fc.tuple(
      fc.array(fc.record({ customerId: idArb, at: timeArb, value: fc.double({ min: -1e4, max: 1e4, noNaN: true }) }, { requiredKeys: ["customerId", "at"] }), { maxLength: 40 }),
      fc.oneof(
        fc.record({ cohort: fc.constantFrom("day", "week", "month"), interval: fc.constantFrom("day", "week", "month"), dayBoundary: fc.constantFrom("calendar", "rolling"), mode: fc.constantFrom("classic", "unbounded"), periods: fc.integer({ min: 1, max: 30 }), observationEnd: timeArb }, { requiredKeys: [] }),
        fc.record({ mode: fc.constant("bracket"), brackets: fc.constant([[0, 0], [1, 3], [5, 9]]), cohort: fc.constantFrom("day", "week", "month"), observationEnd: timeArb }, { requiredKeys: ["mode", "brackets"] }),
      ),
    ),
  },
  revenueRetention: { valid: fc.tuple(...[0, 1].map(() => fc.uniqueArray(fc.record({ customerId: idArb, revenue: fc.double({ min: 0, max: 1e6, noNaN: true }) }), { selector: (r) => r.customerId, maxLength: 30 }))) },
  repeatPurchaseRate: { valid: fc.tuple(transactionsArb, fc.record({ from: timeArb, to: timeArb, period: unitArb }, { requiredKeys: [] })) },
  kaplanMeier: { valid: fc.tuple(fc.array(fc.record({ duration: fc.double({ min: 0, max: 1e4, noNaN: true }), event: fc.boolean() }), { maxLength: 60 }), fc.record({ confidence: fc.double({ min: 0.01, max: 0.999, noNaN: true }), confType: fc.constantFrom("log", "log-log", "plain") }, { requiredKeys: [] })) },
  survivalAt: { valid: fc.tuple(fc.array(fc.record({ duration: fc.integer({ min: 0, max: 100 }), event: fc.boolean() }), { maxLength: 30 }), fc.double({ min: -10, max: 200, noNaN: true })).map(([rows, t]) => [kaplanMeier(rows), t]) },
  survivalData: { valid: fc.tuple(fc.array(fc.record({ startAt: fc.integer({ min: -300, max: 0 }).map((d) => BASE + d * DAY), endAt: fc.option(fc.integer({ min: 0, max: 400 }).map((d) => BASE + (d - 300) * DAY)) }, { requiredKeys: ["startAt"] }), { maxLength: 30 }), fc.record({ asOf: fc.constant(BASE), unit: unitArb }, { requiredKeys: ["asOf"] })) },
};

/** Runtime exports that are not functions of data (classes, constants): checked separately. */
export const NOT_FUNCTIONS = new Set(["RetentionKitError", "ERROR_CODES"]);
