import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignAccountManagers, createScorer, levelAt, membershipLevels, pointsLedger, scoreCustomers, type ScoreConfig, type ScoreResult } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";
import { cdnowSample } from "./helpers.js";

const LEVELS = [
  { name: "Silver", minSpend: 50, windowMonths: 12 },
  { name: "Gold", minSpend: 200, windowMonths: 12 },
];
const MANAGERS = [
  { managerId: "m1", capacity: 40 },
  { managerId: "m2", capacity: 40 },
  { managerId: "m3", capacity: 30, active: false },
];

describe("scoreCustomers' loyalty columns agree customer by customer with the public functions", () => {
  const rows = cdnowSample();
  const END = "1998-06-30";
  const config: ScoreConfig = {
    clv: false,
    loyalty: {
      levels: { levels: LEVELS, reviewEvery: "quarter", graceDays: 30 },
      points: { pointsPerAmount: 2, capPerPurchase: 500, expiryDays: 365, expiringWithinDays: 60 },
      managers: { managers: MANAGERS, keyAccount: { tiers: ["Gold"] }, tier: "level", value: "totalAmount" },
    },
  };
  const events = [
    { customerId: 1, at: "1997-06-01", type: "earn" as const, points: 50 },
    { customerId: 4, at: "1998-01-15", type: "adjust" as const, points: 30 },
  ];
  const current = [
    { customerId: 1, managerId: "m3" },
    { customerId: 2, managerId: "m1" },
  ];
  const r = scoreCustomers({ transactions: rows, observationEnd: END, pointsEvents: events, currentManagers: current }, config) as ScoreResult;

  it("has the level of membershipLevels at the observation end", () => {
    const levels = membershipLevels(rows, LEVELS, { asOf: END, reviewEvery: "quarter", graceDays: 30 });
    const byId = new Map(levels.members.map((m) => [m.customerId, m.level]));
    expect(r.customers.map((c) => c.level)).toEqual(r.customers.map((c) => byId.get(c.customerId) ?? null));
    // Not all alike: the part really discriminates.
    expect(new Set(r.customers.map((c) => c.level))).toEqual(new Set([null, "Silver", "Gold"]));
  });

  it("has the balance and the points expiring soon of pointsLedger over the transactions and the points events", () => {
    const ledger = pointsLedger([...rows, ...events], { asOf: END, pointsPerAmount: 2, capPerPurchase: 500, expiryDays: 365, expiringWithinDays: 60 });
    const byId = new Map(ledger.customers.map((a) => [a.customerId, a]));
    expect(r.customers.map((c) => [c.pointsBalance, c.pointsExpiringSoon])).toEqual(r.customers.map((c) => [byId.get(c.customerId)?.balance ?? 0, byId.get(c.customerId)?.expiringPoints ?? 0]));
    expect(r.customers.some((c) => c.pointsExpiringSoon! > 0)).toBe(true);
  });

  it("has the manager of assignAccountManagers, the value a column the engine computed and the tier the level", () => {
    const customers = r.customers.map((c) => ({ customerId: c.customerId, value: c.totalAmount, tier: c.level, currentManager: current.find((m) => m.customerId === c.customerId)?.managerId ?? null }));
    const a = assignAccountManagers(customers, MANAGERS, { keyAccount: { tiers: ["Gold"] } });
    const byId = new Map(a.assignments.map((x) => [x.customerId, x.managerId]));
    expect(r.customers.map((c) => c.accountManager)).toEqual(r.customers.map((c) => byId.get(c.customerId) ?? null));
    // 80 places for more Gold members than that: both active managers are full, the inactive one holds none.
    expect(r.customers.filter((c) => c.accountManager === "m1")).toHaveLength(40);
    expect(r.customers.filter((c) => c.accountManager === "m3")).toHaveLength(0);
  });

  it("earns at the multiplier of the level held at each purchase (levelAt), the upgrading purchase included", () => {
    const lm = { Silver: 1.5, Gold: 2 };
    const withLevels = scoreCustomers({ transactions: rows, observationEnd: END }, { clv: false, loyalty: { levels: { levels: LEVELS, reviewEvery: "quarter", graceDays: 30 }, points: { pointsPerAmount: 2, levelMultipliers: lm } } });
    const levels = membershipLevels(rows, LEVELS, { asOf: END, reviewEvery: "quarter", graceDays: 30 });
    // Each row is one purchase: floor(amount × 2 × multiplier), no expiry, no caps.
    const expected = new Map<string | number, number>();
    for (const t of rows) {
      const level = levelAt(levels, t.customerId, t.at);
      const mult = level === null ? 1 : lm[level as keyof typeof lm];
      const raw = t.amount * 2 * mult;
      const near = Math.round(raw);
      const points = Math.abs(raw - near) <= 1e-9 * Math.max(1, Math.abs(raw)) ? near : Math.floor(raw);
      expected.set(t.customerId, (expected.get(t.customerId) ?? 0) + points);
    }
    expect(withLevels.customers.map((c) => c.pointsBalance)).toEqual(withLevels.customers.map((c) => expected.get(c.customerId) ?? 0));
    // The multipliers change balances: more than without them.
    const plain = scoreCustomers({ transactions: rows, observationEnd: END }, { clv: false, loyalty: { points: { pointsPerAmount: 2 } } });
    expect(withLevels.customers.reduce((a, c) => a + c.pointsBalance!, 0)).toBeGreaterThan(plain.customers.reduce((a, c) => a + c.pointsBalance!, 0));
  });

  it("leaves the other columns as they are without the loyalty part", () => {
    const plain = scoreCustomers({ transactions: rows, observationEnd: END }, { clv: false }) as ScoreResult;
    const strip = (x: ScoreResult) => x.customers.map(({ level: _l, pointsBalance: _p, pointsExpiringSoon: _e, accountManager: _a, ...rest }) => rest);
    expect(strip(r)).toEqual(strip(plain));
    expect(plain.customers.every((c) => c.level === null && c.pointsBalance === null && c.pointsExpiringSoon === null && c.accountManager === null)).toBe(true);
  });
});

describe("scoreCustomers' loyalty columns on a hand-checked shop", () => {
  const tx = [
    { customerId: "a", at: "2024-01-10", amount: 600 },
    { customerId: "a", at: "2024-05-10", amount: 1600 },
    { customerId: "b", at: "2024-03-01", amount: 120 },
    { customerId: "c", at: "2023-02-01", amount: 900 },
  ];
  const config: ScoreConfig = {
    clv: false,
    loyalty: {
      levels: { levels: [{ name: "Silver", minSpend: 500, windowMonths: 12 }, { name: "Gold", minSpend: 2000, windowMonths: 12 }], reviewEvery: "quarter" },
      points: { expiryDays: 365, expiringWithinDays: 30 },
      managers: { managers: [{ managerId: "m1", capacity: 1 }, { managerId: "m2", capacity: 1 }], keyAccount: { minValue: 500 } },
    },
  };
  it("gives the level, balance and manager worked out by hand", () => {
    const r = scoreCustomers({ transactions: tx, observationEnd: "2024-06-30", pointsEvents: [{ customerId: "a", at: "2024-06-01", type: "redeem", points: 100 }], currentManagers: [{ customerId: "c", managerId: "m1" }] }, config);
    // a: 600 + 1,600 = 2,200 spent in 12 months ≥ 2,000 → Gold; 2,200 points − 100 redeemed = 2,100, none expiring before 2024-07-30.
    // b: 120 < 500 → no level; 120 points. c: Silver from 2023-02-01 until the spend left the window on
    // 2024-02-01, down at the review of 2024-04-01; the 900 points expired on 2024-02-01 (365 days).
    // Key accounts (total ≥ 500): a (2,200) and c (900); c keeps m1, a goes to m2; b is not one.
    expect(r.customers.map((c) => [c.customerId, c.level, c.pointsBalance, c.pointsExpiringSoon, c.accountManager])).toEqual([
      ["a", "Gold", 2100, 0, "m2"],
      ["b", null, 120, 0, null],
      ["c", null, 0, 0, "m1"],
    ]);
  });

  it("earns at the level multipliers, the upgrading purchase at the new level's", () => {
    const levels = { levels: [{ name: "Silver", minSpend: 500, windowMonths: 12 }, { name: "Gold", minSpend: 2000, windowMonths: 12 }], reviewEvery: "quarter" as const };
    const r = scoreCustomers({ transactions: tx, observationEnd: "2024-06-30" }, { clv: false, loyalty: { levels, points: { levelMultipliers: { Silver: 1.5, Gold: 2 } } } });
    // a: 600 takes a to Silver → 600 × 1.5 = 900; 1,600 takes a to Gold → 1,600 × 2 = 3,200; 4,100 in all.
    // b: 120 < 500, no level → 120. c: 900 takes c to Silver → 1,350 (points never expire here).
    expect(r.customers.map((c) => [c.customerId, c.pointsBalance])).toEqual([["a", 4100], ["b", 120], ["c", 1350]]);
    expect(codeAndPath(() => createScorer({ loyalty: { levels, points: { levelMultipliers: { Gold: 2, Platinum: 3 } } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.points.levelMultipliers.Platinum"]);
    expect(codeAndPath(() => createScorer({ loyalty: { points: { levelMultipliers: { Gold: 2 } } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.points.levelMultipliers"]);
    expect(codeAndPath(() => createScorer({ loyalty: { levels, points: { levelMultipliers: { Gold: -1 } } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.points.levelMultipliers.Gold"]);
  });

  it("lists the points expiring in the reminder window", () => {
    const r = scoreCustomers({ transactions: tx, observationEnd: "2025-01-01" }, { clv: false, loyalty: { points: { expiryDays: 365, expiringWithinDays: 30 } } });
    // a's 600 points of 2024-01-10 expire on 2025-01-09, inside (2025-01-01, 2025-01-31]; the 1,600 of May later.
    expect(r.customers.map((c) => [c.pointsBalance, c.pointsExpiringSoon])).toEqual([[2200, 600], [120, 0], [0, 0]]);
  });

  it("gives the same columns for any order of the rows and events", () => {
    const events = [
      { customerId: "a", at: "2024-06-01", type: "redeem" as const, points: 100 },
      { customerId: "b", at: "2024-03-01", type: "earn" as const, points: 5 },
      { customerId: "b", at: "2024-03-01", type: "redeem" as const, points: 125 },
    ];
    const cols = (t: typeof tx, e: typeof events) => scoreCustomers({ transactions: t, observationEnd: "2024-06-30", pointsEvents: e }, config).customers.map((c) => [c.level, c.pointsBalance, c.accountManager]);
    const base = cols(tx, events);
    fc.assert(
      fc.property(fc.shuffledSubarray(tx, { minLength: tx.length }), fc.shuffledSubarray(events, { minLength: events.length }), (t, e) => {
        expect(cols(t, e)).toEqual(base);
      }),
      { numRuns: 30 },
    );
  });

  it("gives the same columns from typed columns, a one-shot iterable and async batches as from rows", async () => {
    const input = { observationEnd: "2024-06-30", pointsEvents: [{ customerId: "a", at: "2024-06-01", type: "redeem" as const, points: 100 }] };
    const cols = (r: ScoreResult) => r.customers.map((c) => [c.customerId, c.level, c.pointsBalance, c.pointsExpiringSoon, c.accountManager]);
    const base = cols(scoreCustomers({ transactions: tx, ...input }, config));
    const columns = { customerId: tx.map((t) => t.customerId), at: tx.map((t) => Date.parse(t.at)), amount: Float64Array.from(tx, (t) => t.amount) };
    expect(cols(scoreCustomers({ transactions: columns, ...input }, config))).toEqual(base);
    // Dictionary-encoded ids (an unused entry first): the kept purchases carry the ids the codes stand for.
    const dictionary = ["unused", ...new Set(tx.map((t) => t.customerId))];
    const coded = { ...columns, customerId: { codes: Int32Array.from(tx, (t) => dictionary.indexOf(t.customerId)), dictionary } };
    expect(cols(scoreCustomers({ transactions: coded, ...input }, config))).toEqual(base);
    expect(cols(scoreCustomers({ transactions: (function* () { yield* tx; })(), ...input }, config))).toEqual(base);
    async function* batches() {
      yield tx.slice(0, 2);
      yield tx.slice(2);
    }
    expect(cols(await scoreCustomers({ transactions: batches(), ...input }, config))).toEqual(base);
  });

  it("reads points events from a reader that refills and re-yields one row object", () => {
    const events = [
      { customerId: "a", at: "2024-06-01", type: "redeem" as const, points: 100 },
      { customerId: "b", at: "2024-04-01", type: "earn" as const, points: 7 },
    ];
    function* refilled() {
      const row = { customerId: "", at: "", type: "earn" as "earn" | "redeem", points: 0 };
      for (const e of events) {
        Object.assign(row, e);
        yield row;
      }
    }
    const balances = (e: Iterable<(typeof events)[number]>) => scoreCustomers({ transactions: tx, observationEnd: "2024-06-30", pointsEvents: e }, { clv: false, loyalty: { points: {} } }).customers.map((c) => c.pointsBalance);
    // a: 2,200 − 100; b: 120 + 7; c: 900 (no expiry).
    expect(balances(events)).toEqual([2100, 127, 900]);
    expect(balances(refilled())).toEqual([2100, 127, 900]);
  });

  it("resolves the loyalty part with its defaults, and accepts the JSON round trip of it", () => {
    const resolved = createScorer(config).config;
    expect(resolved.loyalty).toEqual({
      levels: { levels: [{ name: "Silver", minSpend: 500, windowMonths: 12 }, { name: "Gold", minSpend: 2000, windowMonths: 12 }], reviewEvery: "quarter", reviewAnchor: null, graceDays: 0 },
      points: { pointsPerAmount: 1, rounding: "floor", minimumSpend: 0, capPerPurchase: null, capPerPeriod: null, expiryDays: 365, expiry: null, overdraw: "error", expiringWithinDays: 30, pointValue: null, levelMultipliers: null },
      managers: { managers: [{ managerId: "m1", capacity: 1 }, { managerId: "m2", capacity: 1 }], keyAccount: { minValue: 500 }, keepExisting: true, balance: "value", value: "totalAmount", tier: null },
    });
    expect(createScorer(JSON.parse(JSON.stringify(resolved)) as ScoreConfig).config).toEqual(resolved);
    expect(createScorer({}).config.loyalty).toEqual({ levels: false, points: false, managers: false });
    expect(createScorer({ loyalty: false }).config.loyalty).toBe(false);
  });

  it("gives managers on ready summaries, and refuses levels or points there", () => {
    const summaries = scoreCustomers({ transactions: tx, observationEnd: "2024-06-30" }, { clv: false }).customers;
    const r = scoreCustomers({ summaries, observationEnd: "2024-06-30" }, { clv: false, loyalty: { managers: { managers: [{ managerId: "m1", capacity: 5 }], keyAccount: { topN: 1 } } } });
    expect(r.customers.map((c) => c.accountManager)).toEqual(["m1", null, null]);
    expect(codeAndPath(() => scoreCustomers({ summaries, observationEnd: "2024-06-30" }, { clv: false, loyalty: { points: {} } }))).toEqual(["INVALID_INPUT", "input.summaries"]);
  });
});

describe("scoreCustomers' loyalty config and input errors", () => {
  const tx = [{ customerId: "a", at: "2024-01-10", amount: 60 }];
  const levels = { levels: [{ name: "Silver", minSpend: 50, windowDays: 365 }] };
  it("refuses unknown and misplaced keys, with the key's path", () => {
    expect(codeAndPath(() => createScorer({ loyalty: { level: levels } } as never))).toEqual(["INVALID_CONFIG", "config.loyalty.level"]);
    expect(codeAndPath(() => createScorer({ loyalty: { levels: { ...levels, asOf: "2024-01-01" } } } as never))).toEqual(["INVALID_CONFIG", "config.loyalty.levels.asOf"]);
    expect(codeAndPath(() => createScorer({ loyalty: { points: { levelOf: [] } } } as never))).toEqual(["INVALID_CONFIG", "config.loyalty.points.levelOf"]);
    expect(codeAndPath(() => createScorer({ loyalty: { levels: {} } } as never))).toEqual(["INVALID_CONFIG", "config.loyalty.levels.levels"]);
    expect(codeAndPath(() => createScorer({ loyalty: { points: 1 } } as never))).toEqual(["INVALID_CONFIG", "config.loyalty.points"]);
  });
  it("refuses levels or points beside a calibration end (they would be read past it), and keeps managers", () => {
    const input = { transactions: tx, calibrationEnd: "2024-02-01", observationEnd: "2024-03-01" };
    expect(codeAndPath(() => scoreCustomers(input, { clv: { spendModel: 1 }, loyalty: { levels } }))).toEqual(["INVALID_INPUT", "input.calibrationEnd"]);
    expect(codeAndPath(() => scoreCustomers(input, { clv: { spendModel: 1 }, loyalty: { points: {} } }))).toEqual(["INVALID_INPUT", "input.calibrationEnd"]);
  });
  it("re-throws the composed functions' refusals as INVALID_CONFIG at the config key", () => {
    expect(codeAndPath(() => createScorer({ loyalty: { levels: { levels: [{ name: "S", minSpend: -1, windowDays: 5 }] } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.levels.levels[0].minSpend"]);
    expect(codeAndPath(() => createScorer({ loyalty: { levels: { ...levels, graceDays: 0.5 } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.levels.graceDays"]);
    expect(codeAndPath(() => createScorer({ loyalty: { points: { expiryDays: 0 } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.points.expiryDays"]);
    expect(codeAndPath(() => createScorer({ loyalty: { managers: { managers: [{ managerId: "m", capacity: -1 }], keyAccount: { topN: 1 } } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.managers.managers[0].capacity"]);
    expect(codeAndPath(() => createScorer({ loyalty: { managers: { managers: [], keyAccount: { topN: 1, minValue: 3 } } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.managers.keyAccount"]);
  });
  it("refuses a level on points, which the transactions do not carry", () => {
    expect(codeAndPath(() => createScorer({ loyalty: { levels: { levels: [{ name: "S", minPoints: 10, windowDays: 30 }] } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.levels.levels[0].minPoints"]);
  });
  it("refuses a value or tier whose part is off", () => {
    expect(codeAndPath(() => createScorer({ clv: false, loyalty: { managers: { managers: [], keyAccount: { topN: 1 }, value: "clv" } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.managers.value"]);
    expect(codeAndPath(() => createScorer({ loyalty: { managers: { managers: [], keyAccount: { topN: 1 }, tier: "level" } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.managers.tier"]);
    expect(codeAndPath(() => createScorer({ tiers: false, loyalty: { managers: { managers: [], keyAccount: { topN: 1 }, tier: "valueTier" } } }))).toEqual(["INVALID_CONFIG", "config.loyalty.managers.tier"]);
  });
  it("names the input row of a bad points event or current manager", () => {
    const points = { clv: false as const, loyalty: { points: {} } };
    expect(codeAndPath(() => scoreCustomers({ transactions: tx, observationEnd: "2024-06-30", pointsEvents: [{ customerId: "a", at: "2024-02-01", type: "redeem", points: 61 }] }, points))).toEqual(["INSUFFICIENT_POINTS", "input.pointsEvents[0].points"]);
    expect(codeAndPath(() => scoreCustomers({ transactions: tx, observationEnd: "2024-06-30", pointsEvents: [{ customerId: "a", at: "2024-02-01", type: "gift" as never, points: 1 }] }, points))).toEqual(["INVALID_INPUT", "input.pointsEvents[0].type"]);
    const managers = { clv: false as const, loyalty: { managers: { managers: [{ managerId: "m1", capacity: 1 }], keyAccount: { topN: 1 } } } };
    const dup = [{ customerId: "a", managerId: "m1" }, { customerId: "a", managerId: "m1" }];
    expect(codeAndPath(() => scoreCustomers({ transactions: tx, observationEnd: "2024-06-30", currentManagers: dup }, managers))).toEqual(["DUPLICATE_ID", "input.currentManagers[1].customerId"]);
    expect(codeAndPath(() => scoreCustomers({ transactions: tx, observationEnd: "2024-06-30", currentManagers: [{ customerId: "a", managerId: "" }] }, managers))).toEqual(["INVALID_TYPE", "input.currentManagers[0].managerId"]);
  });
});
