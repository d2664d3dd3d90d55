import { describe, expect, it } from "vitest";
import { purchaseBehaviour, renewalFrequencyClass } from "../../src/index.js";
import { thrown } from "../rfm/helpers.js";

const monthly = ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"];

describe("renewalFrequencyClass", () => {
  it("recognises monthly, quarterly and annual cycles with their frequency classes", () => {
    const r = renewalFrequencyClass([
      { customerId: 1, renewals: monthly },
      { customerId: 2, renewals: ["2023-01-15", "2023-04-15", "2023-07-15", "2023-10-15"] },
      { customerId: 3, renewals: ["2021-06-01", "2022-06-01", "2023-06-01", "2024-06-01"] },
    ]);
    expect(r.map((x) => [x.cycle, x.frequency, x.history])).toEqual([
      ["monthly", "high", "long-term"],
      ["quarterly", "mid", "long-term"],
      ["annual", "low", "long-term"],
    ]);
    // gaps 29, 31, 30, 31 → median 30.5
    expect(r[0]).toMatchObject({ renewals: 4, medianIntervalDays: 30.5, renewalsPerYear: 365.25 / 30.5 });
    // gaps 90, 91, 92 → median 91; 365.25 / 91 = 4.01 → mid
    expect(r[1]!.medianIntervalDays).toBe(91);
  });

  it("calls a history irregular when too few intervals fall in the median's band", () => {
    // gaps 30, 30, 200, 60: median 45 → no band
    const a = renewalFrequencyClass([{ customerId: 1, renewals: ["2024-01-01", "2024-01-31", "2024-03-01", "2024-09-17", "2024-11-16"] }])[0]!;
    expect([a.medianIntervalDays, a.cycle]).toEqual([45, "irregular"]);
    // gaps 30, 30, 30, 120: median 30 in the monthly band but only 3 of 4 (75 %) → monthly; at 80 % → irregular
    const dates = ["2024-01-01", "2024-01-31", "2024-03-01", "2024-03-31", "2024-07-29"];
    expect(renewalFrequencyClass([{ customerId: 1, renewals: dates }])[0]!.cycle).toBe("monthly");
    expect(renewalFrequencyClass([{ customerId: 1, renewals: dates }], { consistency: 0.8 })[0]!.cycle).toBe("irregular");
  });

  it("classes renewal history as new, returning or long-term, with nulls before the first renewal", () => {
    const r = renewalFrequencyClass([
      { customerId: "a", renewals: ["2024-01-01", "2024-01-01T15:00:00Z"] },
      { customerId: "b", renewals: ["2024-02-01", "2024-01-01"] },
      { customerId: "c", renewals: monthly.slice(0, 3) },
    ]);
    expect(r[0]).toEqual({ customerId: "a", renewals: 0, medianIntervalDays: null, cycle: null, renewalsPerYear: null, frequency: null, history: "new" });
    expect(r.map((x) => x.history)).toEqual(["new", "returning", "returning"]);
    expect(renewalFrequencyClass([{ customerId: "c", renewals: monthly.slice(0, 3) }], { longTermRenewals: 2 })[0]!.history).toBe("long-term");
  });

  it("uses configured bands and frequency thresholds", () => {
    const r = renewalFrequencyClass([{ customerId: 1, renewals: ["2024-01-01", "2024-01-15", "2024-01-29"] }], {
      cycles: { monthly: [10, 35] },
      frequencyThresholds: [12, 30],
    })[0]!;
    expect([r.cycle, r.frequency]).toEqual(["monthly", "mid"]);
  });

  it("refuses empty histories, bad dates and bad options", () => {
    let e = thrown(() => renewalFrequencyClass([{ customerId: 1, renewals: [] }]));
    expect([e.code, e.path]).toEqual(["EMPTY_INPUT", "customers[0].renewals"]);
    expect(e.message).toMatch(/^renewalFrequencyClass: /);
    e = thrown(() => renewalFrequencyClass([{ customerId: 1, renewals: ["2024-01-01", "2024-13-01"] }]));
    expect([e.code, e.path]).toEqual(["INVALID_DATE", "customers[0].renewals[1]"]);
    e = thrown(() => renewalFrequencyClass([], { cycles: { weekly: [6, 8] } as never }));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.cycles.weekly"]);
    e = thrown(() => renewalFrequencyClass([], { cycles: { monthly: [35, 25] } }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.cycles.monthly[1]"]);
    e = thrown(() => renewalFrequencyClass([], { frequencyThresholds: [6, 2] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.frequencyThresholds[1]"]);
    e = thrown(() => renewalFrequencyClass([], { consistency: 0 }));
    expect([e.code, e.path]).toEqual(["OUT_OF_RANGE", "options.consistency"]);
  });

  it("does not mutate its input", () => {
    const input = Object.freeze([Object.freeze({ customerId: 1, renewals: Object.freeze(["2024-03-01", "2024-01-01"]) })]);
    expect(renewalFrequencyClass(input)[0]!.medianIntervalDays).toBe(60);
    expect(input[0]!.renewals).toEqual(["2024-03-01", "2024-01-01"]);
  });
});

describe("purchaseBehaviour", () => {
  it("puts promotion first, then outreach, then active, with shares", () => {
    const r = purchaseBehaviour([
      { customerId: 2, discounted: true, afterOutreach: true },
      { customerId: 2, discounted: true, afterOutreach: true },
      { customerId: 2, afterOutreach: true },
      { customerId: "x" },
      { customerId: 1, afterOutreach: true },
      { customerId: 1, afterOutreach: true },
      { customerId: 1, discounted: true },
    ]);
    expect(r).toEqual([
      { customerId: 1, purchases: 3, outreachShare: 2 / 3, discountShare: 1 / 3, behaviour: "passive" },
      { customerId: 2, purchases: 3, outreachShare: 1, discountShare: 2 / 3, behaviour: "promotion-driven" },
      { customerId: "x", purchases: 1, outreachShare: 0, discountShare: 0, behaviour: "active" },
    ]);
  });

  it("needs more than the share: exactly half is not most", () => {
    const r = purchaseBehaviour([{ customerId: 1, discounted: true }, { customerId: 1 }]);
    expect(r[0]!.behaviour).toBe("active");
    expect(purchaseBehaviour([{ customerId: 1, discounted: true }, { customerId: 1 }], { promotionShare: 0.4 })[0]!.behaviour).toBe("promotion-driven");
  });

  it("leaves customers below minPurchases unclassified", () => {
    expect(purchaseBehaviour([{ customerId: 1 }], { minPurchases: 2 })[0]!.behaviour).toBeNull();
  });

  it("refuses flags that are not booleans and shares out of range", () => {
    let e = thrown(() => purchaseBehaviour([{ customerId: 1 }, { customerId: 1, discounted: "yes" as never }]));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "purchases[1].discounted"]);
    e = thrown(() => purchaseBehaviour([], { outreachShare: 1 }));
    expect([e.code, e.path]).toEqual(["OUT_OF_RANGE", "options.outreachShare"]);
    e = thrown(() => purchaseBehaviour([{ customerId: null as never }]));
    expect([e.code, e.path]).toEqual(["INVALID_CUSTOMER_ID", "purchases[0].customerId"]);
  });
});
