// Shared arbitraries of the contract cases: times, ids, amounts, transactions.
import fc from "fast-check";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);

/** The largest |epoch ms| a Date holds. */
export const MAX_TIME = 8.64e15;
/**
 * Instants at and near the ends of the Date range (±8.64e15 ms, years −271821 and +275760) and the
 * placeholder years 0001 and 9999: where period starts and ends leave the range, and where period ranges
 * between two dates run to millions of days.
 */
export const extremeTimeArb = fc.oneof(
  fc.constantFrom(-MAX_TIME, MAX_TIME, MAX_TIME - 1, -MAX_TIME + 1, "+275760-09-13T00:00:00Z", "-271821-04-20", "0001-01-01", "9999-12-31T23:59:59Z", new Date(MAX_TIME)),
  fc.integer({ min: 0, max: 40 * DAY }).map((d) => MAX_TIME - d),
  fc.integer({ min: 0, max: 40 * DAY }).map((d) => -MAX_TIME + d),
  fc.integer({ min: -MAX_TIME, max: MAX_TIME }),
);
/**
 * Far-away but valid times (years 1900 and 2200, the epoch, a leap day, the ends of the Date range): rare
 * among the generated times.
 */
export const farTimeArb = fc.oneof(
  fc.constantFrom(Date.UTC(1900, 0, 1), "2200-12-31", new Date(Date.UTC(2200, 0, 1)), 0, "2024-02-29T23:59:59.999Z"),
  extremeTimeArb,
);

export const timeArb = fc.oneof(
  { arbitrary: farTimeArb, weight: 1 },
  { arbitrary: fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }), weight: 6 },
  { arbitrary: fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }).map((ms) => new Date(ms).toISOString()), weight: 6 },
  { arbitrary: fc.integer({ min: -400, max: 400 }).map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10)), weight: 6 },
  { arbitrary: fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }).map((ms) => new Date(ms)), weight: 6 },
);
/** Times over the whole Date range: mostly ordinary ones, often the extremes. */
export const wideTimeArb = fc.oneof({ arbitrary: timeArb, weight: 3 }, { arbitrary: extremeTimeArb, weight: 2 });
export const idArb = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom("a", "b", "c", "C-01"));
/**
 * Amounts as exports have them: cents, zero, -0, tiny and huge magnitudes (near the largest double, where
 * two of them overflow a total), any finite double, missing.
 */
export const amountArb = fc.oneof(
  { arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }), weight: 6 },
  { arbitrary: fc.constantFrom(0, -0, 5e-324, 1e-300, 1e15, 0.01), weight: 3 },
  { arbitrary: fc.constantFrom(8.9e307, 1.7e308, Number.MAX_VALUE, 2.2250738585072014e-308, 1e-310), weight: 1 },
  { arbitrary: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);
/** Row weights (identical customers): counts, fractions, subnormal, beyond the accepted total, near the largest double. */
export const weightArb = fc.option(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.5, 5e-324, 4e15, 1e308, Number.MAX_VALUE)), { nil: undefined });
/** `rows` with an optional `weight` added to each. */
export const weighted = <T extends object>(rows: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> =>
  rows.chain((rs) => fc.array(weightArb, { minLength: rs.length, maxLength: rs.length }).map((ws) => rs.map((r, i) => (ws[i] === undefined ? r : { ...r, weight: ws[i] }))));
export const transactionArb = fc.record({ customerId: idArb, at: timeArb, amount: amountArb }, { requiredKeys: ["customerId", "at"] });
/** Two rows of one customer whose amounts add up past the largest double, at a common time. */
const overflowingRows = fc.tuple(idArb, timeArb).map(([customerId, at]) => [
  { customerId, at, amount: 1.7e308 },
  { customerId, at, amount: Number.MAX_VALUE },
]);
export const transactionsArb = fc.oneof(
  { arbitrary: fc.array(transactionArb, { maxLength: 40 }), weight: 5 },
  { arbitrary: fc.tuple(fc.array(transactionArb, { maxLength: 20 }), overflowingRows).map(([rows, huge]) => [...rows, ...huge]), weight: 1 },
);
