import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmScores, type RfmInput } from "../../src/index.js";
import { oracleScores, shuffle } from "./helpers.js";

// Small integer values make ties (and duplicated edges) common.
const rowsArb = fc.array(
  fc.record({ recency: fc.integer({ min: 0, max: 40 }), frequency: fc.integer({ min: 0, max: 12 }), monetary: fc.integer({ min: -50, max: 500 }) }),
  { maxLength: 70 },
).map((rs) => rs.map((r, i): RfmInput => ({ customerId: i, ...r })));
const binsArb = fc.integer({ min: 2, max: 12 });
const tiesArb = fc.constantFrom("middle" as const, "low" as const, "high" as const);

describe("rfmScores properties", () => {
  it("gives every customer exactly one score per dimension, within 1..bins, with a consistent code and total", () => {
    fc.assert(
      fc.property(rowsArb, binsArb, fc.constantFrom("quantile" as const, "rank" as const), tiesArb, (rows, bins, method, ties) => {
        const s = rfmScores(rows, { bins, method, ties });
        expect(s.map((x) => x.customerId)).toEqual(rows.map((r) => r.customerId));
        for (const x of s) {
          for (const v of [x.r, x.f, x.m]) expect(Number.isInteger(v) && v >= 1 && v <= bins).toBe(true);
          expect(x.total).toBe(x.r + x.f + x.m);
          expect(x.code).toBe(bins > 9 ? `${x.r}-${x.f}-${x.m}` : `${x.r}${x.f}${x.m}`);
        }
      }),
    );
  });

  it("gives each customer the same quantile scores whatever the input order", () => {
    fc.assert(
      fc.property(rowsArb, binsArb, tiesArb, fc.integer(), (rows, bins, ties, seed) => {
        const a = new Map(rfmScores(rows, { bins, ties }).map((x) => [x.customerId, x.code]));
        const b = new Map(rfmScores(shuffle(rows, seed), { bins, ties }).map((x) => [x.customerId, x.code]));
        expect(b).toEqual(a);
      }),
    );
  });

  it("gives each customer the same rank scores whatever the input order when ties break by id", () => {
    fc.assert(
      fc.property(rowsArb, binsArb, fc.integer(), (rows, bins, seed) => {
        const a = new Map(rfmScores(rows, { bins, method: "rank", rankTies: "customerId" }).map((x) => [x.customerId, x.code]));
        const b = new Map(rfmScores(shuffle(rows, seed), { bins, method: "rank", rankTies: "customerId" }).map((x) => [x.customerId, x.code]));
        expect(b).toEqual(a);
      }),
    );
  });

  it("leaves quantile scores unchanged under a strictly increasing change of the values (doubling spend, a cubic)", () => {
    fc.assert(
      fc.property(rowsArb, binsArb, tiesArb, (rows, bins, ties) => {
        const base = rfmScores(rows, { bins, ties });
        const doubled = rfmScores(rows.map((r) => ({ ...r, monetary: 2 * r.monetary, frequency: r.frequency ** 3 + 7 * r.frequency, recency: r.recency * 24 + 1 })), { bins, ties });
        expect(doubled).toEqual(base);
      }),
    );
  });

  it("gives tied values the same quantile score", () => {
    fc.assert(
      fc.property(rowsArb, binsArb, tiesArb, (rows, bins, ties) => {
        const s = rfmScores(rows, { bins, ties });
        const seen = new Map<number, number>();
        rows.forEach((r, i) => {
          const prev = seen.get(r.monetary);
          if (prev !== undefined) expect(s[i]!.m).toBe(prev);
          seen.set(r.monetary, s[i]!.m);
        });
      }),
    );
  });

  it("keeps scores monotone: more spend never scores lower, more days since purchase never score higher", () => {
    fc.assert(
      fc.property(rowsArb, binsArb, fc.constantFrom("quantile" as const, "rank" as const), tiesArb, (rows, bins, method, ties) => {
        const s = rfmScores(rows, { bins, method, ties });
        for (let i = 0; i < rows.length; i++) {
          for (let j = 0; j < rows.length; j++) {
            if (rows[i]!.monetary < rows[j]!.monetary) expect(s[i]!.m).toBeLessThanOrEqual(s[j]!.m);
            if (rows[i]!.recency < rows[j]!.recency) expect(s[i]!.r).toBeGreaterThanOrEqual(s[j]!.r);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("makes rank bins equal-sized: bin sizes differ by at most one", () => {
    fc.assert(
      fc.property(rowsArb, binsArb, (rows, bins) => {
        fc.pre(rows.length >= bins);
        const counts = new Array<number>(bins + 1).fill(0);
        for (const x of rfmScores(rows, { bins, method: "rank" })) counts[x.f]!++;
        const used = counts.slice(1);
        expect(Math.max(...used) - Math.min(...used)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("gives rank and quantile the same scores when all values are distinct", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 }), binsArb, (xs, bins) => {
        const rows = xs.map((x, i) => ({ customerId: i, recency: 0, frequency: 0, monetary: x }));
        expect(rfmScores(rows, { bins, method: { monetary: "rank" } }).map((s) => s.m)).toEqual(rfmScores(rows, { bins }).map((s) => s.m));
      }),
    );
  });

  it("scores through the selection path the same as through a full sort (larger inputs)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 100, maxLength: 300 }), binsArb, (xs, bins) => {
        const rows = xs.map((x, i) => ({ customerId: i, recency: 0, frequency: 0, monetary: x + 0.5 }));
        expect(rfmScores(rows, { bins }).map((s) => s.m)).toEqual(oracleScores(xs.map((x) => x + 0.5), bins));
      }),
      { numRuns: 50 },
    );
  });
});
