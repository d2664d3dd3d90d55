import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { revenueRetention } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";


describe("revenueRetention", () => {
  it("breaks out expansion, contraction, churn and new revenue", () => {
    const r = revenueRetention(
      [{ customerId: "a", revenue: 100 }, { customerId: "b", revenue: 100 }, { customerId: "c", revenue: 50 }],
      [{ customerId: "a", revenue: 150 }, { customerId: "b", revenue: 80 }, { customerId: "d", revenue: 40 }],
    );
    // start 250; a +50 expansion; b −20 contraction; c churned 50; d new 40.
    expect(r).toEqual({
      nrr: 230 / 250,
      grr: 180 / 250,
      startRevenue: 250,
      endRevenue: 270,
      expansion: 50,
      contraction: 20,
      churned: 50,
      gained: 40,
      startCustomers: 3,
      retainedCustomers: 2,
      churnedCustomers: 1,
      newCustomers: 1,
    });
  });
  it("lets NRR exceed 1 while GRR stays at most 1", () => {
    const r = revenueRetention([{ customerId: 1, revenue: 100 }], [{ customerId: 1, revenue: 300 }]);
    expect([r.nrr, r.grr]).toEqual([3, 1]);
  });
  it("treats revenue 0 as not paying: a 0 at the end is churn, a 0 at the start makes the customer new", () => {
    const r = revenueRetention([{ customerId: 1, revenue: 10 }, { customerId: 2, revenue: 0 }], [{ customerId: 1, revenue: 0 }, { customerId: 2, revenue: 7 }]);
    expect(r).toMatchObject({ nrr: 0, grr: 0, churned: 10, gained: 7, startCustomers: 1, newCustomers: 1 });
  });
  it("gives null ratios when there was no revenue at the start", () => {
    expect(revenueRetention([], [{ customerId: 1, revenue: 5 }])).toMatchObject({ nrr: null, grr: null, gained: 5 });
  });
  it("refuses totals that overflow, and gives a null NRR when a tiny start makes the ratio overflow", () => {
    expect(codeAndPath(() => revenueRetention([{ customerId: 1, revenue: 1e308 }, { customerId: 2, revenue: 1e308 }], []))).toEqual(["OUT_OF_RANGE", null]);
    expect(revenueRetention([{ customerId: 1, revenue: 5e-324 }], [{ customerId: 1, revenue: 1e6 }])).toMatchObject({ nrr: null, grr: 1 });
  });
  it("refuses negative revenue, duplicates and bad ids, naming the row", () => {
    expect(codeAndPath(() => revenueRetention([{ customerId: 1, revenue: -1 }], []))).toEqual(["NEGATIVE_AMOUNT", "startRevenue[0].revenue"]);
    expect(codeAndPath(() => revenueRetention([], [{ customerId: 1, revenue: 1 }, { customerId: 1, revenue: 2 }]))).toEqual(["DUPLICATE_ID", "endRevenue[1].customerId"]);
    expect(codeAndPath(() => revenueRetention([{ customerId: {} as never, revenue: 1 }], []))).toEqual(["INVALID_CUSTOMER_ID", "startRevenue[0].customerId"]);
    expect(codeAndPath(() => revenueRetention([{ customerId: 1, revenue: Infinity }], []))).toEqual(["INVALID_NUMBER", "startRevenue[0].revenue"]);
  });

  const snapshot = fc.uniqueArray(fc.record({ customerId: fc.integer({ min: 0, max: 40 }), revenue: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })) }), {
    selector: (r) => r.customerId,
    maxLength: 30,
  });
  it("keeps GRR in [0, 1], NRR ≥ GRR, and the revenue bridge balanced", () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const r = revenueRetention(a, b);
        expect(r.startRevenue + r.expansion - r.contraction - r.churned + r.gained).toBeCloseTo(r.endRevenue, 6);
        if (r.grr === null) {
          expect(r.nrr).toBeNull();
          return;
        }
        expect(r.grr).toBeGreaterThanOrEqual(0);
        expect(r.grr).toBeLessThanOrEqual(1);
        // NRR is null only where the ratio overflows a double (a start revenue near 5e-324).
        if (r.nrr === null) expect(r.startRevenue).toBeLessThan(1e-290);
        else expect(r.nrr).toBeGreaterThanOrEqual(r.grr - 1e-12);
      }),
    );
  });
  it("does not depend on row order and does not mutate its inputs", () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const ca = structuredClone(a);
        const r = revenueRetention(a, b);
        expect(a).toEqual(ca);
        const s = revenueRetention([...a].reverse(), [...b].reverse());
        for (const k of Object.keys(r) as (keyof typeof r)[]) {
          if (r[k] === null) expect(s[k]).toBeNull();
          else expect(s[k]).toBeCloseTo(r[k] as number, 6);
        }
      }),
    );
  });
});
