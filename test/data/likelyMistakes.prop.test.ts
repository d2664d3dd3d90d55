// Properties of the likely-mistake rules: epoch seconds are always refused and the same times in
// milliseconds always accepted; a percentage typed as a rate is always refused with its fraction.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RetentionKitError, simpleClv, summarizeTransactions } from "../../src/index.js";

const DAY = 86_400_000;
/** Epoch seconds from 1973-03-03 to 2100, never a multiple of a day in ms. */
const seconds = fc.integer({ min: 100_000_000, max: 4_102_444_800 }).filter((s) => s % DAY !== 0);

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof RetentionKitError) return e.code;
    throw e;
  }
}

describe("likely mistakes", () => {
  it("refuses any input whose times are all epoch seconds, and accepts them times 1000", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ customerId: fc.integer({ min: 0, max: 5 }), at: seconds }), { minLength: 1, maxLength: 20 }), (rows) => {
        expect(codeOf(() => summarizeTransactions(rows, { observationEnd: "2101-01-01" }))).toBe("INVALID_DATE");
        const ms = rows.map((r) => ({ ...r, at: r.at * 1000 }));
        expect(summarizeTransactions(ms, { observationEnd: "2101-01-01" }).length).toBeGreaterThan(0);
      }),
    );
  });

  it("accepts numeric times as soon as one of them is outside the seconds window", () => {
    fc.assert(
      fc.property(fc.array(seconds, { minLength: 1, maxLength: 10 }), fc.integer({ min: 10_000_000_001, max: 4_102_444_800_000 }), fc.nat(10), (ats, outside, k) => {
        const all = [...ats];
        all.splice(k % (all.length + 1), 0, outside);
        const rows = all.map((at, i) => ({ customerId: i % 3, at }));
        expect(summarizeTransactions(rows, { observationEnd: "2101-01-01" }).length).toBeGreaterThan(0);
      }),
    );
  });

  it("refuses a rate typed as a percentage, 2 to 100, with the fraction it means", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100 }), (pct) => {
        try {
          simpleClv({ margin: 100, retentionRate: 0.8, discountRate: pct });
          expect.unreachable();
        } catch (e) {
          expect((e as RetentionKitError).code).toBe("OUT_OF_RANGE");
          expect((e as RetentionKitError).message).toContain(`did you mean ${pct / 100}`);
        }
        expect(Number.isFinite(simpleClv({ margin: 100, retentionRate: 0.8, discountRate: pct / 100 }))).toBe(true);
      }),
    );
  });
});
