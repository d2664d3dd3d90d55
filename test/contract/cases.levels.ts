// Membership levels, account managers and follow-up agendas.
import fc from "fast-check";
import { membershipLevels } from "../../src/index.js";
import { amountArb, idArb, timeArb, wideTimeArb } from "./arbitraries.js";
import type { Case } from "./cases.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);

const levelsArb = fc.constantFrom(
  [{ name: "Silver", minSpend: 100, windowMonths: 12 }, { name: "Gold", minSpend: 1000, windowMonths: 12 }],
  [{ name: "Member", minPurchases: 1, windowDays: 90 }, { name: "Regular", minPurchases: 3, windowDays: 90 }, { name: "VIP", minSpend: 500, windowMonths: 6 }],
  [{ name: "P", minPoints: 10, windowDays: 30 }],
);
const historyArb = fc.array(
  fc.record({ customerId: idArb, at: fc.oneof({ arbitrary: timeArb, weight: 5 }, { arbitrary: wideTimeArb, weight: 1 }), amount: amountArb, points: fc.integer({ min: 0, max: 50 }) }, { requiredKeys: ["customerId", "at"] }),
  { maxLength: 40 },
);
const levelOptionsArb = fc.record(
  {
    asOf: fc.integer({ min: -30, max: 800 }).map((d) => BASE + d * DAY),
    reviewEvery: fc.constantFrom("month", "quarter", "year", { months: 2 }),
    reviewAnchor: timeArb,
    graceDays: fc.integer({ min: 0, max: 60 }),
    countsEvery: fc.constantFrom("month", "quarter", "year"),
  },
  { requiredKeys: ["asOf"] },
);
const levelResultArb = fc.tuple(historyArb, levelsArb, levelOptionsArb).map(([h, l, o]) => {
  try {
    return membershipLevels(h, l, o as never);
  } catch {
    return membershipLevels([], l, o as never);
  }
});

const managerIdArb = fc.constantFrom("m1", "m2", "m3", 4);
const customersArb = fc.uniqueArray(
  fc.record(
    { customerId: idArb, value: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1e308)), tier: fc.constantFrom("A", "B", "C"), currentManager: fc.option(fc.oneof(managerIdArb, fc.constant("gone")), { nil: undefined }), region: fc.constantFrom("north", "south"), skill: fc.constantFrom("german", "wholesale") },
    { requiredKeys: ["customerId", "value"] },
  ),
  { selector: (c) => c.customerId, maxLength: 40 },
);
const managersArb = fc.uniqueArray(
  fc.record({ managerId: managerIdArb, capacity: fc.integer({ min: 0, max: 10 }), active: fc.boolean(), regions: fc.constantFrom(["north"], ["south"], ["north", "south"]), skills: fc.constantFrom([], ["german"], ["german", "wholesale"]) }, { requiredKeys: ["managerId", "capacity"] }),
  { selector: (m) => m.managerId, maxLength: 4 },
);
const assignOptionsArb = fc.record(
  { keyAccount: fc.oneof(fc.record({ minValue: fc.integer({ min: 0, max: 1e6 }) }), fc.constant({ tiers: ["A", "B"] }), fc.record({ topN: fc.integer({ min: 0, max: 50 }) })), keepExisting: fc.boolean(), balance: fc.constantFrom("value", "count") },
  { requiredKeys: ["keyAccount"] },
);

const agendaCustomersArb = fc.uniqueArray(
  fc.record(
    {
      customerId: idArb,
      level: fc.constantFrom("Gold", "Silver"),
      segment: fc.constantFrom("new", "loyal"),
      lastContactAt: timeArb,
      events: fc.array(fc.record({ type: fc.constantFrom("complaint", "purchase"), at: timeArb }), { maxLength: 4 }),
    },
    { requiredKeys: ["customerId"] },
  ),
  { selector: (c) => c.customerId, maxLength: 20 },
);
const agendaOptionsArb = fc.record(
  {
    asOf: fc.oneof(fc.integer({ min: -30, max: 400 }).map((d) => BASE + d * DAY), wideTimeArb),
    horizonDays: fc.integer({ min: 0, max: 400 }),
    cadences: fc.constantFrom([{ level: "Gold", everyDays: 30 }], [{ segment: "new", everyDays: 7, kind: "welcome call" }, { everyDays: 90 }], []),
    complaint: fc.record({ type: fc.constant("complaint"), withinDays: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: [] }),
    assignment: fc.array(fc.record({ customerId: idArb, managerId: managerIdArb }), { maxLength: 10 }).map((rows) => ({ assignments: [...new Map(rows.map((r) => [r.customerId, r])).values()] })),
    touchpoints: fc.array(fc.record({ customerId: idArb, kind: fc.constantFrom("birthday", "welcome"), at: timeArb, offsetDays: fc.constant(null), years: fc.constant(null) }), { maxLength: 8 }),
    renewalReminders: fc.array(fc.record({ customerId: idArb, renewalAt: timeArb, remindAt: timeArb, offsetDays: fc.integer({ min: 0, max: 30 }) }), { maxLength: 8 }),
  },
  { requiredKeys: ["asOf"] },
);

export const LEVEL_CASES: Record<string, Case> = {
  membershipLevels: { valid: fc.tuple(historyArb, levelsArb, levelOptionsArb) },
  levelAt: { valid: fc.tuple(levelResultArb, idArb, fc.integer({ min: -400, max: 800 })).map(([r, id, d]) => [r, id, Math.min(BASE + d * DAY, r.asOf)]) },
  levelSnapshot: { valid: fc.tuple(levelResultArb, fc.integer({ min: -400, max: 800 })).map(([r, d]) => [r, Math.min(BASE + d * DAY, r.asOf)]) },
  assignAccountManagers: { valid: fc.tuple(customersArb, managersArb, assignOptionsArb) },
  followUpAgenda: { valid: fc.tuple(agendaCustomersArb, agendaOptionsArb) },
};
