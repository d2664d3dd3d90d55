// Valid-argument arbitraries for every public function of the package root. The contract test fails for
// any runtime export that has no entry here, so a new export is covered as soon as it is added.
import fc from "fast-check";

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
};

/** Runtime exports that are not functions of data (classes, constants): checked separately. */
export const NOT_FUNCTIONS = new Set(["RetentionKitError", "ERROR_CODES"]);
