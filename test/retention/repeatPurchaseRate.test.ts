import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCdnowSample } from "../../examples/lib/cdnow.js";
import { repeatPurchaseRate } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/cdnow/${name}`, import.meta.url));

describe("repeatPurchaseRate", () => {
  const rows = [
    { customerId: "a", at: "2024-01-01" },
    { customerId: "a", at: "2024-01-01T18:00:00Z" }, // same day: one purchase
    { customerId: "b", at: "2024-01-02" },
    { customerId: "b", at: "2024-02-10" },
    { customerId: "c", at: "2024-01-05" },
    { customerId: "c", at: "2024-01-06" },
  ];
  it("counts customers with more than one purchase day", () => {
    expect(repeatPurchaseRate(rows)).toBe(2 / 3);
  });
  it("restricts to a window", () => {
    expect(repeatPurchaseRate(rows, { to: "2024-01-31" })).toBe(1 / 3);
    expect(repeatPurchaseRate(rows, { from: "2024-01-02", to: "2024-02-10" })).toBe(1); // b and c; a is outside
    expect(repeatPurchaseRate(rows, { from: "2024-03-01" })).toBeNull();
  });
  it("merges purchases in one ISO week with period 'week'", () => {
    expect(repeatPurchaseRate(rows, { period: "week" })).toBe(1 / 3); // c's Fri and Sat are one week
  });
  it("gives null for no customers", () => {
    expect(repeatPurchaseRate([])).toBeNull();
  });
  it("matches the share of CDNOW customers with frequency > 0 in the published 39-week summary", () => {
    const summary = readFileSync(fixture("cdnow_customers_summary.csv"), "utf8").trim().split("\n").slice(1);
    const repeaters = summary.filter((l) => Number(l.split(",")[1]) > 0).length;
    const rate = repeatPurchaseRate(loadCdnowSample(fixture("CDNOW_sample.txt")), { to: "1997-09-30" });
    expect(summary.length).toBe(2357);
    expect(rate).toBe(repeaters / 2357);
  });
  it("names bad rows and options", () => {
    expect(codeAndPath(() => repeatPurchaseRate([{ customerId: 1, at: "x" }]))).toEqual(["INVALID_DATE", "transactions[0].at"]);
    expect(codeAndPath(() => repeatPurchaseRate(rows, { period: "month" as "day" }))).toEqual(["INVALID_UNIT", "options.period"]);
    expect(codeAndPath(() => repeatPurchaseRate(rows, { from: "2024-02-01", to: "2024-01-01" }))).toEqual(["INVALID_RANGE", "options.from"]);
  });
  it("is in [0, 1], ignores row order and does not mutate its input", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ customerId: fc.integer({ min: 0, max: 9 }), at: fc.integer({ min: 0, max: 60 }).map((d) => d * 86_400_000) })), (txs) => {
        const copy = structuredClone(txs);
        const r = repeatPurchaseRate(txs);
        expect(txs).toEqual(copy);
        expect(repeatPurchaseRate([...txs].reverse())).toBe(r);
        if (txs.length === 0) {
          expect(r).toBeNull();
          return;
        }
        expect(r!).toBeGreaterThanOrEqual(0);
        expect(r!).toBeLessThanOrEqual(1);
      }),
    );
  });
});
