// Contract cases for the loyalty functions (points ledger).
import fc from "fast-check";
import { amountArb, idArb, timeArb, wideTimeArb } from "./arbitraries.js";
import type { Case } from "./cases.js";

const pointsArb = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 500 }), weight: 5 }, { arbitrary: fc.constantFrom(0, 1e12), weight: 1 });
const pointsEventArb = fc.oneof(
  fc.record({ customerId: idArb, at: timeArb, type: fc.constantFrom("earn", "redeem", "expire"), points: pointsArb }),
  fc.record({ customerId: idArb, at: timeArb, type: fc.constant("adjust"), points: fc.integer({ min: -300, max: 300 }) }),
  fc.record({ customerId: idArb, at: timeArb, amount: amountArb, category: fc.constantFrom("books", "coffee", null) }, { requiredKeys: ["customerId", "at", "amount"] }),
  fc.record({ customerId: idArb, at: timeArb, amount: amountArb, transactionId: fc.constantFrom("T1", "T2", 3) }, { requiredKeys: ["customerId", "at", "amount", "transactionId"] }),
  fc.record({ customerId: idArb, at: timeArb, refundOf: fc.constantFrom("T1", "T2", 3) }),
);
const rulesArb = fc.record(
  {
    asOf: wideTimeArb,
    pointsPerAmount: fc.constantFrom(0, 0.5, 1, 10),
    categoryRates: fc.constant({ coffee: 2 }),
    rounding: fc.constantFrom("floor", "round", "ceil"),
    roundingScope: fc.constantFrom("purchase", "line"),
    minimumSpend: fc.constantFrom(0, 5),
    capPerPurchase: fc.integer({ min: 0, max: 1000 }),
    capPerPeriod: fc.record({ points: fc.integer({ min: 0, max: 5000 }), period: fc.constantFrom("day", "week", "month", "year") }),
    expiryDays: fc.integer({ min: 1, max: 36_600 }),
    overdraw: fc.constantFrom("error", "partial", "partial"),
    clawback: fc.constantFrom("balance", "negative"),
    expiringWithinDays: fc.integer({ min: 0, max: 400 }),
    pointValue: fc.constantFrom(0.01, 1, 1e6),
    statement: fc.boolean(),
  },
  { requiredKeys: ["asOf"] },
);
const yearEndRulesArb = fc.record({ asOf: wideTimeArb, expiry: fc.record({ kind: fc.constant("calendarYearEnd"), years: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: ["kind"] }), overdraw: fc.constant("partial"), levelMultipliers: fc.constant({ gold: 2 }), levelOf: fc.constant([{ customerId: 1, level: "gold", from: "2023-01-01" }]) }, { requiredKeys: ["asOf"] });

export const LOYALTY_CASES: Record<string, Case> = {
  pointsLedger: { valid: fc.tuple(fc.array(pointsEventArb, { maxLength: 40 }), fc.oneof(rulesArb, yearEndRulesArb)) },
};
