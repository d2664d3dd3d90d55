// Shared arbitraries of the contract cases: times, ids, amounts, transactions.
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
