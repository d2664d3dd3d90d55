// Shared arbitraries of the contract cases: times, ids, amounts, transactions.
import fc from "fast-check";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);

/** Far-away but valid times (years 1900 and 2200, the epoch, a leap day): rare among the generated times. */
export const farTimeArb = fc.constantFrom(Date.UTC(1900, 0, 1), "2200-12-31", new Date(Date.UTC(2200, 0, 1)), 0, "2024-02-29T23:59:59.999Z");

export const timeArb = fc.oneof(
  { arbitrary: farTimeArb, weight: 1 },
  { arbitrary: fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }), weight: 6 },
  { arbitrary: fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }).map((ms) => new Date(ms).toISOString()), weight: 6 },
  { arbitrary: fc.integer({ min: -400, max: 400 }).map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10)), weight: 6 },
  { arbitrary: fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }).map((ms) => new Date(ms)), weight: 6 },
);
/**
 * Times that include the ends of the Date range (±8.64e15 ms) and instants a few days inside them, where
 * calendar arithmetic leaves the range (renewals and yearly dates once looped forever on the NaN there).
 */
export const extremeTimeArb = fc.oneof(
  { arbitrary: timeArb, weight: 3 },
  { arbitrary: fc.constantFrom(8.64e15, -8.64e15, "+275760-09-13T00:00:00Z", "-271821-04-20"), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 400 }).map((d) => 8.64e15 - d * DAY), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 400 }).map((d) => -8.64e15 + d * DAY), weight: 1 },
);
export const idArb = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom("a", "b", "c", "C-01"));
/** Amounts as exports have them: cents, zero, -0, tiny and huge magnitudes, missing. */
export const amountArb = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 5e-324, 1e-300, 1e15, 0.01), fc.constant(undefined));
export const transactionArb = fc.record({ customerId: idArb, at: timeArb, amount: amountArb }, { requiredKeys: ["customerId", "at"] });
export const transactionsArb = fc.array(transactionArb, { maxLength: 40 });
