import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignAccountManagers, followUpAgenda, levelSnapshot, membershipLevels } from "../../src/index.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

function shuffled<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs.map((x, i) => [x, keys[i % Math.max(1, keys.length)]! + i / 1e6] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);
}

const LEVELS = [
  { name: "Silver", minSpend: 100, windowDays: 60 },
  { name: "Gold", minSpend: 300, windowDays: 60 },
  { name: "Club", minPurchases: 6, windowMonths: 3 },
];
const historyArb = fc.array(
  fc.record({ customerId: fc.integer({ min: 1, max: 6 }), at: fc.integer({ min: 0, max: 500 }).map((d) => BASE + d * DAY), amount: fc.constantFrom(0, 25, 50.5, 100, 0.1, 0.2) }),
  { maxLength: 60 },
);
const graceArb = fc.integer({ min: 0, max: 20 });

describe("membershipLevels properties", () => {
  it("gives the same result for any order of the rows", () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.integer(), { minLength: 1 }), graceArb, (h, keys, graceDays) => {
        const o = { asOf: BASE + 520 * DAY, reviewEvery: "month", graceDays } as const;
        expect(membershipLevels(shuffled(h, keys), LEVELS, o)).toEqual(membershipLevels(h, LEVELS, o));
      }),
    );
  });

  it("upgrades only at a purchase and downgrades only a grace period after a review date (the 1st of a month)", () => {
    fc.assert(
      fc.property(historyArb, graceArb, (h, graceDays) => {
        const r = membershipLevels(h, LEVELS, { asOf: BASE + 520 * DAY, reviewEvery: "month", graceDays });
        const rank = (l: string | null): number => (l === null ? -1 : r.levels.indexOf(l));
        for (const m of r.members) {
          const buys = new Set(h.filter((x) => x.customerId === m.customerId).map((x) => x.at));
          let held: string | null = null;
          for (const c of m.changes) {
            expect(c.from).toBe(held);
            if (rank(c.to) > rank(c.from)) expect(buys.has(c.at)).toBe(true);
            else expect(new Date(c.at - graceDays * DAY).getUTCDate()).toBe(1);
            held = c.to;
          }
          expect(m.level).toBe(held);
        }
      }),
    );
  });

  it("counts every customer who has bought by each period's end exactly once", () => {
    fc.assert(
      fc.property(historyArb, graceArb, (h, graceDays) => {
        const r = membershipLevels(h, LEVELS, { asOf: BASE + 520 * DAY, reviewEvery: "quarter", graceDays });
        for (const row of r.counts) {
          const bought = new Set(h.filter((x) => x.at <= row.at).map((x) => x.customerId)).size;
          expect(row.counts.reduce((a, b) => a + b, 0) + row.none).toBe(bought);
          expect(row.counts.reduce((a, b) => a + b, 0)).toBe(levelSnapshot(r, row.at).length);
        }
      }),
    );
  });
});

const managerIds = ["m1", "m2", "m3", "m4"];
const customersArb = fc.uniqueArray(
  fc.record({ customerId: fc.integer({ min: 1, max: 60 }), value: fc.integer({ min: 0, max: 1000 }), currentManager: fc.option(fc.constantFrom(...managerIds, "gone"), { nil: undefined }) }),
  { selector: (c) => c.customerId, maxLength: 50 },
);
const managersArb = fc.tuple(...managerIds.map((id) => fc.record({ managerId: fc.constant(id), capacity: fc.integer({ min: 0, max: 15 }), active: fc.boolean() })));
const rulesArb = fc.record({ keyAccount: fc.oneof(fc.record({ minValue: fc.integer({ min: 0, max: 800 }) }), fc.record({ topN: fc.integer({ min: 0, max: 60 }) })), balance: fc.constantFrom("value", "count") }) as fc.Arbitrary<{ keyAccount: { minValue: number } | { topN: number }; balance: "value" | "count" }>;

describe("assignAccountManagers properties", () => {
  it("never exceeds a capacity and lists every customer exactly once, assigned or unassigned", () => {
    fc.assert(
      fc.property(customersArb, managersArb, rulesArb, (cs, ms, rules) => {
        const r = assignAccountManagers(cs, ms, rules);
        for (const m of r.managers) {
          expect(m.customers).toBeLessThanOrEqual(m.capacity);
          expect(r.assignments.filter((a) => a.managerId === m.managerId).length).toBe(m.customers);
          if (!m.active) expect(m.customers).toBe(0);
        }
        const ids = [...r.assignments.map((a) => a.customerId), ...r.unassigned.map((u) => u.customerId)].sort((a, b) => Number(a) - Number(b));
        expect(ids).toEqual(cs.map((c) => c.customerId).sort((a, b) => a - b));
      }),
    );
  });

  it("gives the same result for any order of customers and managers", () => {
    fc.assert(
      fc.property(customersArb, managersArb, rulesArb, fc.array(fc.integer(), { minLength: 1 }), (cs, ms, rules, keys) => {
        expect(assignAccountManagers(shuffled(cs, keys), shuffled(ms, keys), rules)).toEqual(assignAccountManagers(cs, ms, rules));
      }),
    );
  });

  it("moves exactly max(0, load − capacity) key accounts off each active manager", () => {
    fc.assert(
      fc.property(customersArb, managersArb, rulesArb, (cs, ms, rules) => {
        const r = assignAccountManagers(cs, ms, rules);
        const key = new Set([...r.assignments.map((a) => a.customerId), ...r.unassigned.filter((u) => u.keyAccount).map((u) => u.customerId)]);
        for (const m of ms.filter((x) => x.active)) {
          const claims = cs.filter((c) => c.currentManager === m.managerId && key.has(c.customerId)).length;
          const movedAway = r.reassignments.filter((x) => x.from === m.managerId && key.has(x.customerId)).length;
          expect(movedAway).toBe(Math.max(0, claims - m.capacity));
        }
      }),
    );
  });

  it("after one manager leaves, only that manager's customers move (the others keep theirs)", () => {
    fc.assert(
      fc.property(customersArb, managersArb, rulesArb, fc.integer({ min: 0, max: 3 }), (cs, ms, rules, gone) => {
        const first = assignAccountManagers(cs, ms, rules);
        const mgr = new Map(first.assignments.map((a) => [a.customerId, a.managerId]));
        const settled = cs.map((c) => ({ customerId: c.customerId, value: c.value, ...(mgr.has(c.customerId) ? { currentManager: mgr.get(c.customerId)! } : {}) }));
        // Stable: a second run on its own result moves nobody.
        expect(assignAccountManagers(settled, ms, rules).reassignments).toEqual([]);
        const left = ms.map((m, i) => (i === gone ? { ...m, active: false } : m));
        const r = assignAccountManagers(settled, left, rules);
        for (const x of r.reassignments) expect(x.from).toBe(managerIds[gone]);
        expect(r.reassignments.length).toBe(first.assignments.filter((a) => a.managerId === managerIds[gone]).length);
      }),
    );
  });
});

describe("assignAccountManagers properties with skills", () => {
  const skills = ["german", "wholesale"];
  const skilledCustomersArb = fc.uniqueArray(
    fc.record({ customerId: fc.integer({ min: 1, max: 60 }), value: fc.integer({ min: 0, max: 1000 }), currentManager: fc.option(fc.constantFrom(...managerIds), { nil: undefined }), skill: fc.option(fc.constantFrom(...skills), { nil: undefined }) }),
    { selector: (c) => c.customerId, maxLength: 50 },
  );
  const skilledManagersArb = fc.tuple(...managerIds.map((id) => fc.record({ managerId: fc.constant(id), capacity: fc.integer({ min: 0, max: 15 }), active: fc.boolean(), skills: fc.subarray(skills) })));

  it("gives a customer who needs a skill only a manager who has it, and lists every customer once, within capacity", () => {
    fc.assert(
      fc.property(skilledCustomersArb, skilledManagersArb, rulesArb, (cs, ms, rules) => {
        const r = assignAccountManagers(cs, ms, rules);
        const need = new Map(cs.map((c) => [c.customerId, c.skill]));
        const has = new Map(ms.map((m) => [m.managerId, m.skills]));
        for (const a of r.assignments) {
          const skill = need.get(a.customerId as number);
          if (skill !== undefined) expect(has.get(a.managerId as string)).toContain(skill);
        }
        for (const m of r.managers) expect(m.customers).toBeLessThanOrEqual(m.capacity);
        const ids = [...r.assignments.map((a) => a.customerId), ...r.unassigned.map((u) => u.customerId)].sort((a, b) => Number(a) - Number(b));
        expect(ids).toEqual(cs.map((c) => c.customerId).sort((a, b) => a - b));
      }),
    );
  });

  it("gives the same result for any order of customers and managers", () => {
    fc.assert(
      fc.property(skilledCustomersArb, skilledManagersArb, rulesArb, fc.array(fc.integer(), { minLength: 1 }), (cs, ms, rules, keys) => {
        expect(assignAccountManagers(shuffled(cs, keys), shuffled(ms, keys), rules)).toEqual(assignAccountManagers(cs, ms, rules));
      }),
    );
  });
});

describe("followUpAgenda properties", () => {
  it("gives the same agenda for any order of customers and merged rows, with one item per customer and day", () => {
    const cust = fc.uniqueArray(
      fc.record({ customerId: fc.integer({ min: 1, max: 12 }), level: fc.constantFrom("Gold", "Silver"), lastContactAt: fc.integer({ min: -60, max: 0 }).map((d) => BASE + d * DAY), events: fc.array(fc.record({ type: fc.constantFrom("complaint", "visit"), at: fc.integer({ min: -20, max: 0 }).map((d) => BASE + d * DAY + 3_600_000) }), { maxLength: 3 }) }),
      { selector: (c) => c.customerId, maxLength: 12 },
    );
    const tps = fc.array(fc.record({ customerId: fc.integer({ min: 1, max: 14 }), kind: fc.constantFrom("birthday", "welcome"), at: fc.integer({ min: 0, max: 40 }).map((d) => BASE + d * DAY), offsetDays: fc.constant(null), years: fc.constant(null) }), { maxLength: 10 });
    fc.assert(
      fc.property(cust, tps, fc.array(fc.integer(), { minLength: 1 }), (cs, t, keys) => {
        const o = { asOf: BASE, horizonDays: 40, cadences: [{ level: "Gold", everyDays: 7 }, { everyDays: 20 }], assignment: { assignments: [{ customerId: 1, managerId: "m1" }, { customerId: 2, managerId: "m2" }] } };
        const a = followUpAgenda(cs, { ...o, touchpoints: t });
        expect(followUpAgenda(shuffled(cs, keys), { ...o, touchpoints: shuffled(t, keys) })).toEqual(a);
        for (const g of a) {
          const days = g.items.map((i) => `${i.customerId}@${Math.floor(i.at / DAY)}`);
          expect(new Set(days).size).toBe(days.length);
        }
      }),
    );
  });
});
