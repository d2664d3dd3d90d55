import { describe, expect, it } from "vitest";
import { pointsLedger, type PointsAccount, type PointsEvent, type PointsPurchase, type PointsRules } from "../../src/index.js";
import { thrown } from "../churn/testkit.js";

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 0, 1);
const d = (n: number): number => D0 + n * DAY;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
type Row = PointsEvent | PointsPurchase;
const account = (rows: readonly Row[], rules: PointsRules, id: string | number = 1): PointsAccount => {
  const a = pointsLedger(rows, rules).customers.find((c) => c.customerId === id);
  if (a === undefined) throw new Error(`no account ${id}`);
  return a;
};
const sums = (a: PointsAccount): number[] => [a.balance, a.earned, a.redeemed, a.expired, a.adjusted, a.reversed];

describe("pointsLedger: a worked month of a small shop", () => {
  // January 2024. 1 point per dollar, coffee 2 per dollar, gold members ×1.5 (bea is gold from Jan 15),
  // no points below $5, at most 200 points a purchase, points live 30 days, a point is worth $0.01.
  const rules: PointsRules = {
    asOf: "2024-01-31",
    pointsPerAmount: 1,
    categoryRates: { coffee: 2 },
    levelMultipliers: { gold: 1.5 },
    levelOf: [{ customerId: "bea", level: "gold", from: "2024-01-15" }],
    minimumSpend: 5,
    capPerPurchase: 200,
    expiryDays: 30,
    expiringWithinDays: 7,
    pointValue: 0.01,
    statement: true,
  };
  const rows: Row[] = [
    // T1, two lines: 12.40 × 2 + 30.99 × 1 = 55.79 → floor 55.
    { customerId: "ann", at: "2024-01-02", amount: 12.4, category: "coffee", transactionId: "T1" },
    { customerId: "ann", at: "2024-01-02", amount: 30.99, category: "books", transactionId: "T1" },
    { customerId: "bea", at: "2024-01-03", amount: 4.99, transactionId: "T2" }, // below $5: 0
    { customerId: "ann", at: "2024-01-05", type: "earn", points: 50 }, // sign-up bonus
    { customerId: "bea", at: "2024-01-10", amount: 100, category: "books", transactionId: "T3" }, // 100
    // ann holds 55 (T1) + 50 (bonus): FIFO takes T1's 55, then 25 of the bonus.
    { customerId: "ann", at: "2024-01-12", type: "redeem", points: 80 },
    { customerId: "ann", at: "2024-01-20", amount: 20, category: "books", transactionId: "T5" }, // 20
    { customerId: "bea", at: "2024-01-20", amount: 100, category: "coffee", transactionId: "T4" }, // 100 × 2 × 1.5 = 300 → cap 200
    { customerId: "ann", at: "2024-01-25", refundOf: "T5" }, // T5's 20, still unspent
    // bea holds 100 (T3) + 200 (T4): FIFO takes T3's 100 and 150 of T4.
    { customerId: "bea", at: "2024-01-25", type: "redeem", points: 250 },
    // T3's 100 were spent: the 50 left (of T4) are taken back, 50 cannot be.
    { customerId: "bea", at: "2024-01-28", refundOf: "T3", amount: 100 },
  ];
  const ledger = pointsLedger(rows, rules);

  it("gives each customer's balance, earned, redeemed, expired, adjusted and reversed points", () => {
    const [ann, bea] = ledger.customers;
    expect(ann!.customerId).toBe("ann");
    // ann: earned 55 + 50 + 20 = 125, redeemed 80, reversed 20: 125 − 80 − 20 = 25.
    expect(sums(ann!)).toEqual([25, 125, 80, 0, 0, 20]);
    expect(ann!.clawbackShortfall).toBe(0);
    // bea: earned 0 + 100 + 200 = 300, redeemed 250, reversed 50, shortfall 50: 300 − 250 − 50 = 0.
    expect(sums(bea!)).toEqual([0, 300, 250, 0, 0, 50]);
    expect(bea!.clawbackShortfall).toBe(50);
  });

  it("lists the points expiring in the reminder window and the unspent lots", () => {
    const ann = ledger.customers[0]!;
    // The bonus's 25 points left, earned Jan 5, expire 30 days later, Feb 4: within 7 days of Jan 31.
    expect(ann.lots.map((l) => [iso(l.earnedAt), iso(l.expiresAt!), l.points])).toEqual([["2024-01-05", "2024-02-04", 25]]);
    expect(ann.expiring.map((e) => [iso(e.at), e.points])).toEqual([["2024-02-04", 25]]);
    expect(ann.expiringPoints).toBe(25);
  });

  it("gives the programme's outstanding points and liability", () => {
    expect(ledger.totals).toMatchObject({ customers: 2, balance: 25, outstanding: 25, earned: 425, redeemed: 330, reversed: 70, clawbackShortfall: 50, expiringPoints: 25, pointValue: 0.01, rowsAfterAsOf: 0 });
    expect(ledger.totals.liability).toBeCloseTo(0.25, 12); // 25 points × $0.01
  });

  it("writes a statement with the running balance", () => {
    const ann = ledger.customers[0]!;
    expect(ann.statement!.map((e) => [iso(e.at), e.type, e.points, e.balance, e.ref])).toEqual([
      ["2024-01-02", "purchase", 55, 55, "T1"],
      ["2024-01-05", "earn", 50, 105, null],
      ["2024-01-12", "redeem", -80, 25, null],
      ["2024-01-20", "purchase", 20, 45, "T5"],
      ["2024-01-25", "refund", -20, 25, "T5"],
    ]);
    const bea = ledger.customers[1]!;
    expect(bea.statement!.map((e) => [e.type, e.points, e.balance, e.shortfall])).toEqual([
      ["purchase", 0, 0, 0],
      ["purchase", 100, 100, 0],
      ["purchase", 200, 300, 0],
      ["redeem", -250, 50, 0],
      ["refund", -50, 0, 50],
    ]);
    expect(pointsLedger(rows, { ...rules, statement: false }).customers[0]!.statement).toBeNull();
  });

  it("does not mutate its input", () => {
    const copy = structuredClone(rows);
    const rulesCopy = structuredClone(rules);
    pointsLedger(rows, rules);
    expect(rows).toEqual(copy);
    expect(rules).toEqual(rulesCopy);
  });
});

describe("pointsLedger: earning rules", () => {
  const one = (amount: number, rules: Partial<PointsRules>): number => account([{ customerId: 1, at: d(1), amount }], { asOf: d(2), ...rules }).earned;

  it("floors per purchase by default, and rounds or ceils when asked", () => {
    expect([one(10.5, {}), one(10.5, { rounding: "round" }), one(10.2, { rounding: "ceil" }), one(10.7, { rounding: "floor" })]).toEqual([10, 11, 11, 10]);
  });

  it("counts a product within 1e-9 of a whole number as that number (0.29 × 100 earns 29)", () => {
    expect(0.29 * 100).toBeLessThan(29);
    expect(one(0.29, { pointsPerAmount: 100 })).toBe(29);
  });

  it("rounds the sum of a purchase's lines, or each line", () => {
    const rows: Row[] = [
      { customerId: 1, at: d(1), amount: 1.5, transactionId: "A" },
      { customerId: 1, at: d(1), amount: 1.5, transactionId: "A" },
    ];
    expect(account(rows, { asOf: d(2) }).earned).toBe(3); // floor(1.5 + 1.5)
    expect(account(rows, { asOf: d(2), roundingScope: "line" }).earned).toBe(2); // floor(1.5) + floor(1.5)
    // Without a transactionId each row is a purchase of its own.
    expect(account((rows as PointsPurchase[]).map(({ customerId, at, amount }) => ({ customerId, at, amount })), { asOf: d(2) }).earned).toBe(2);
  });

  it("applies the minimum spend to a whole purchase", () => {
    const rows: Row[] = [
      { customerId: 1, at: d(1), amount: 3, transactionId: "A" },
      { customerId: 1, at: d(1), amount: 3, transactionId: "A" },
      { customerId: 1, at: d(2), amount: 4, transactionId: "B" },
    ];
    expect(account(rows, { asOf: d(3), minimumSpend: 5 }).earned).toBe(6); // A spends 6 ≥ 5: 6; B spends 4 < 5: 0
  });

  it("caps the points of a purchase and of a calendar month", () => {
    expect(one(500, { capPerPurchase: 120 })).toBe(120);
    const rows: Row[] = [
      { customerId: 1, at: "2024-01-10", amount: 80 },
      { customerId: 1, at: "2024-01-20", amount: 50 }, // 100 − 80 left: 20
      { customerId: 1, at: "2024-01-25", amount: 10 }, // cap reached: 0
      { customerId: 1, at: "2024-02-01", amount: 40 }, // a new month: 40
    ];
    const a = account(rows, { asOf: "2024-03-01", capPerPeriod: { points: 100, period: "month" }, statement: true });
    expect(a.statement!.map((e) => e.points)).toEqual([80, 20, 0, 40]);
    expect(a.earned).toBe(140);
  });

  it("multiplies by the level held at the purchase, from a dated history", () => {
    const rows: Row[] = [
      { customerId: 1, at: "2024-05-31T23:59:59Z", amount: 10 }, // silver: 10 × 1
      { customerId: 1, at: "2024-06-01", amount: 10 }, // gold from Jun 1: 10 × 2
      { customerId: 2, at: "2024-06-01", amount: 10 }, // no level: 10 × 1
    ];
    const rules: PointsRules = {
      asOf: "2024-07-01",
      levelMultipliers: { silver: 1, gold: 2 },
      levelOf: [{ customerId: 1, level: "gold", from: "2024-06-01" }, { customerId: 1, level: "silver" }],
      statement: true,
    };
    expect(account(rows, rules).statement!.map((e) => e.points)).toEqual([10, 20]);
    expect(account(rows, rules, 2).earned).toBe(10);
  });

  it("uses the base rate for a category without a rate of its own", () => {
    expect(account([{ customerId: 1, at: d(1), amount: 10, category: "toys" }], { asOf: d(2), pointsPerAmount: 3, categoryRates: { books: 5 } }).earned).toBe(30);
  });
});

describe("pointsLedger: expiry", () => {
  it("expires lots first-in-first-out, each expiryDays after it was earned", () => {
    const rows: Row[] = [
      { customerId: 1, at: d(0), type: "earn", points: 100 },
      { customerId: 1, at: d(5), type: "earn", points: 50 },
      { customerId: 1, at: d(6), type: "redeem", points: 120 }, // all of lot 1 and 20 of lot 2
    ];
    // Lot 2's 30 points left expire on day 15.
    expect(sums(account(rows, { asOf: d(14), expiryDays: 10 }))).toEqual([30, 150, 120, 0, 0, 0]);
    expect(sums(account(rows, { asOf: d(15), expiryDays: 10 }))).toEqual([0, 150, 120, 30, 0, 0]);
    // Without the redemption the older lot expires first (day 10), the newer stays.
    const a = account(rows.slice(0, 2), { asOf: d(12), expiryDays: 10 });
    expect([a.balance, a.expired, a.lots.map((l) => l.points)]).toEqual([50, 100, [50]]);
  });

  it("treats a lot as expired at its expiry instant: a redemption then finds it gone", () => {
    const rows: Row[] = [
      { customerId: 1, at: d(0), type: "earn", points: 100 },
      { customerId: 1, at: d(10), type: "redeem", points: 100 },
    ];
    expect(thrown(() => pointsLedger(rows, { asOf: d(20), expiryDays: 10 }))).toMatchObject({ code: "INSUFFICIENT_POINTS", path: "events[1].points" });
    expect(account(rows, { asOf: d(20), expiryDays: 11 }).redeemed).toBe(100);
  });

  it("expires points at the end of the calendar year they were earned in, or of a later year", () => {
    const rows: Row[] = [
      { customerId: 1, at: "2023-12-31T23:00:00Z", type: "earn", points: 100 },
      { customerId: 1, at: "2024-01-01", type: "earn", points: 50 },
    ];
    const a = account(rows, { asOf: "2024-01-01", expiry: { kind: "calendarYearEnd" } });
    expect([a.balance, a.expired]).toEqual([50, 100]);
    expect(a.lots.map((l) => iso(l.expiresAt!))).toEqual(["2025-01-01"]);
    const b = account(rows, { asOf: "2024-06-01", expiry: { kind: "calendarYearEnd", years: 2 }, expiringWithinDays: 366 });
    expect([b.balance, b.expired]).toEqual([150, 0]);
    expect(b.expiring.map((e) => [iso(e.at), e.points])).toEqual([["2025-01-01", 100]]);
  });

  it("applies expire events to the oldest points, and keeps points without an expiry rule", () => {
    const rows: Row[] = [
      { customerId: 1, at: d(0), type: "earn", points: 100 },
      { customerId: 1, at: d(5), type: "earn", points: 50 },
      { customerId: 1, at: d(9), type: "expire", points: 120 },
    ];
    const a = account(rows, { asOf: d(1000) });
    expect([a.balance, a.expired, a.lots.map((l) => [l.earnedAt, l.expiresAt, l.points])]).toEqual([30, 120, [[d(5), null, 30]]]);
  });
});

describe("pointsLedger: redemptions and refunds", () => {
  const base: Row[] = [
    { customerId: 1, at: d(0), amount: 100, transactionId: "T1" },
    { customerId: 1, at: d(1), type: "earn", points: 50 },
    { customerId: 1, at: d(2), type: "redeem", points: 60 }, // 60 of T1's 100
  ];

  it("refuses a redemption above the balance, naming the row and the fix", () => {
    const e = thrown(() => pointsLedger([...base, { customerId: 1, at: d(3), type: "redeem", points: 91 }], { asOf: d(9) }));
    expect(e).toMatchObject({ code: "INSUFFICIENT_POINTS", path: "events[3].points" });
    expect(e.message).toMatch(/^pointsLedger: .*asks for 91 points.*holds 90.*overdraw: "partial"/);
  });

  it("redeems what there is with overdraw: partial and reports the shortfall", () => {
    const a = account([...base, { customerId: 1, at: d(3), type: "redeem", points: 91 }], { asOf: d(9), overdraw: "partial", statement: true });
    expect([a.balance, a.redeemed, a.shortfall]).toEqual([0, 150, 1]);
    expect(a.statement!.at(-1)).toMatchObject({ type: "redeem", points: -90, balance: 0, shortfall: 1 });
  });

  it("takes back a refunded purchase's points: its own unspent ones, then others, then reports the rest", () => {
    // T1 earned 100; 60 were redeemed, 40 left. The refund takes the 40, then the 50 of the bonus;
    // 10 remain that the balance cannot give back.
    const a = account([...base, { customerId: 1, at: d(4), refundOf: "T1" }], { asOf: d(9) });
    expect([...sums(a), a.clawbackShortfall]).toEqual([0, 150, 60, 0, 0, 90, 10]);
  });

  it("lets the balance go negative with clawback: negative, and repays it from later points", () => {
    const rows: Row[] = [...base, { customerId: 1, at: d(4), refundOf: "T1" }];
    const a = account(rows, { asOf: d(9), clawback: "negative" });
    expect([a.balance, a.reversed, a.clawbackShortfall]).toEqual([-10, 100, 0]);
    // Another member's 40 points are owed; the 10 this one owes do not lower the liability.
    const l = pointsLedger([...rows, { customerId: 2, at: d(3), type: "earn", points: 40 }], { asOf: d(9), clawback: "negative", pointValue: 0.5 });
    expect([l.totals.balance, l.totals.outstanding, l.totals.liability]).toEqual([30, 40, 20]);
    const b = account([...rows, { customerId: 1, at: d(5), type: "earn", points: 30 }], { asOf: d(9), clawback: "negative" });
    expect([b.balance, b.lots.map((l) => l.points)]).toEqual([20, [20]]);
    expect(() => pointsLedger([...rows, { customerId: 1, at: d(5), type: "redeem", points: 1 }], { asOf: d(9), clawback: "negative" })).toThrow(/holds 0/);
  });

  it("does not take back points of a refunded purchase that already expired", () => {
    const rows: Row[] = [
      { customerId: 1, at: d(0), amount: 100, transactionId: "T1" },
      { customerId: 1, at: d(20), type: "earn", points: 70 },
      { customerId: 1, at: d(25), refundOf: "T1" },
    ];
    const a = account(rows, { asOf: d(29), expiryDays: 10 });
    expect([a.balance, a.expired, a.reversed, a.clawbackShortfall]).toEqual([70, 100, 0, 0]);
    // The same when an expire event took them: 60 of T1's 100 expired, 40 were redeemed, so 40 are taken back.
    const b = account(
      [rows[0]!, { customerId: 1, at: d(2), type: "expire", points: 60 }, { customerId: 1, at: d(3), type: "redeem", points: 40 }, ...rows.slice(1)],
      { asOf: d(29) },
    );
    expect([b.balance, b.expired, b.redeemed, b.reversed, b.clawbackShortfall]).toEqual([30, 60, 40, 40, 0]);
  });

  it("applies rows at one instant as earn before redeem, whatever their input order", () => {
    const rows: Row[] = [
      { customerId: 1, at: d(1), type: "redeem", points: 30 },
      { customerId: 1, at: d(1), type: "expire", points: 20 },
      { customerId: 1, at: d(1), type: "earn", points: 50 },
    ];
    const a = account(rows, { asOf: d(2), statement: true });
    expect(a.statement!.map((e) => e.type)).toEqual(["earn", "redeem", "expire"]);
    expect(a.balance).toBe(0);
  });

  it("does not apply rows after asOf, and counts them", () => {
    const l = pointsLedger([...base, { customerId: 2, at: d(20), type: "earn", points: 5 }, { customerId: 1, at: d(21), type: "redeem", points: 1000 }], { asOf: d(9) });
    expect([l.customers.length, l.totals.balance, l.totals.rowsAfterAsOf]).toEqual([1, 90, 2]);
  });

  it("nets adjustments both ways", () => {
    const a = account([...base, { customerId: 1, at: d(3), type: "adjust", points: -15 }, { customerId: 1, at: d(4), type: "adjust", points: 5 }], { asOf: d(9) });
    expect(sums(a)).toEqual([80, 150, 60, 0, -10, 0]);
  });
});

describe("pointsLedger: bad input", () => {
  const asOf = d(9);
  const code = (rows: unknown[], rules: unknown = { asOf }): [string, string | null] => {
    const e = thrown(() => pointsLedger(rows as Row[], rules as PointsRules));
    return [e.code, e.path];
  };

  it("refuses an unknown type with the closest one", () => {
    const e = thrown(() => pointsLedger([{ customerId: 1, at: d(1), type: "reedem", points: 1 }] as unknown as Row[], { asOf }));
    expect([e.code, e.path]).toEqual(["INVALID_INPUT", "events[0].type"]);
    expect(e.message).toContain('did you mean "redeem"?');
  });

  it("refuses bad points, amounts and mixed rows", () => {
    expect(code([{ customerId: 1, at: d(1), type: "redeem", points: -5 }])).toEqual(["NEGATIVE_VALUE", "events[0].points"]);
    expect(code([{ customerId: 1, at: d(1), type: "earn", points: 1.5 }])).toEqual(["NOT_INTEGER", "events[0].points"]);
    expect(code([{ customerId: 1, at: d(1), type: "earn", points: "5" }])).toEqual(["INVALID_TYPE", "events[0].points"]);
    expect(code([{ customerId: 1, at: d(1), type: "earn", points: 1e13 }])).toEqual(["OUT_OF_RANGE", "events[0].points"]);
    expect(code([{ customerId: 1, at: d(1), amount: -5 }])).toEqual(["NEGATIVE_AMOUNT", "events[0].amount"]);
    expect(code([{ customerId: 1, at: d(1), amount: 5, points: 5 }])).toEqual(["INVALID_INPUT", "events[0].points"]);
    expect(code([{ customerId: 1, at: d(1), type: "earn", points: 5, amount: 5 }])).toEqual(["INVALID_INPUT", "events[0].amount"]);
    expect(code([{ customerId: 1, at: d(1) }])).toEqual(["INVALID_INPUT", "events[0].amount"]);
    expect(code([{ customerId: 1, at: d(1), amount: 1e300 }])).toEqual(["OUT_OF_RANGE", "events[0].amount"]);
  });

  it("refuses bad dates and epoch seconds", () => {
    expect(code([{ customerId: 1, at: "2024-02-30", amount: 5 }])).toEqual(["INVALID_DATE", "events[0].at"]);
    expect(code([{ customerId: 1, at: 1_704_153_600 + 3600, amount: 5 }], { asOf: 1_800_000_000_000 })).toEqual(["INVALID_DATE", "events[0].at"]);
    expect(code([], { asOf: 1_704_153_601 })).toEqual(["INVALID_DATE", "rules.asOf"]);
    expect(code([{ customerId: null, at: d(1), amount: 5 }])).toEqual(["INVALID_CUSTOMER_ID", "events[0].customerId"]);
  });

  it("refuses bad refunds and a transactionId on two purchases", () => {
    const t1 = { customerId: 1, at: d(1), amount: 10, transactionId: "T1" };
    expect(code([{ customerId: 1, at: d(2), refundOf: "T9" }, t1])).toEqual(["INVALID_INPUT", "events[0].refundOf"]);
    expect(code([{ customerId: 1, at: d(0), refundOf: "T1" }, t1])).toEqual(["INVALID_INPUT", "events[0].refundOf"]);
    expect(code([t1, { customerId: 2, at: d(2), refundOf: "T1" }])).toEqual(["INVALID_INPUT", "events[1].refundOf"]);
    expect(code([t1, { customerId: 1, at: d(2), refundOf: "T1" }, { customerId: 1, at: d(3), refundOf: "T1" }])).toEqual(["INVALID_INPUT", "events[2].refundOf"]);
    expect(code([t1, { customerId: 1, at: d(2), refundOf: "T1", amount: 4 }])).toEqual(["INVALID_INPUT", "events[1].amount"]);
    expect(code([t1, { ...t1, customerId: 2 }])).toEqual(["DUPLICATE_ID", "events[1].transactionId"]);
    expect(code([t1, { ...t1, at: d(2) }])).toEqual(["DUPLICATE_ID", "events[1].transactionId"]);
  });

  it("refuses bad rules", () => {
    expect(code([], { asOf, expiryDay: 30 })).toEqual(["UNKNOWN_OPTION", "rules.expiryDay"]);
    expect(code([], {})).toEqual(["INVALID_OPTION", "rules.asOf"]);
    expect(thrown(() => pointsLedger([], undefined as unknown as PointsRules))).toMatchObject({ code: "INVALID_OPTION", path: "rules" });
    expect(code([], { asOf, expiryDays: 30, expiry: { kind: "calendarYearEnd" } })).toEqual(["INVALID_OPTION", "rules.expiry"]);
    expect(code([], { asOf, expiry: { kind: "yearEnd" } })).toEqual(["INVALID_OPTION", "rules.expiry.kind"]);
    expect(code([], { asOf, expiryDays: 0 })).toEqual(["OUT_OF_RANGE", "rules.expiryDays"]);
    expect(code([], { asOf, levelOf: [{ customerId: 1, level: "gold" }] })).toEqual(["INVALID_OPTION", "rules.levelOf"]);
    expect(code([], { asOf, levelMultipliers: { gold: 2 }, levelOf: [{ customerId: 1, level: "Gold" }] })).toEqual(["UNKNOWN_LABEL", "rules.levelOf[0].level"]);
    expect(code([], { asOf, levelMultipliers: { gold: 2 }, levelOf: [{ customerId: 1, level: "gold" }, { customerId: 1, level: "gold" }] })).toEqual(["DUPLICATE_ID", "rules.levelOf[1].from"]);
    expect(code([], { asOf, capPerPeriod: { points: 10 } })).toEqual(["INVALID_OPTION", "rules.capPerPeriod.period"]);
    expect(code([], { asOf, rounding: "up" })).toEqual(["INVALID_OPTION", "rules.rounding"]);
    expect(code([], { asOf, overdraw: "allow" })).toEqual(["INVALID_OPTION", "rules.overdraw"]);
  });
});
