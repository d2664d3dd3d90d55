import fc from "fast-check";
import { describe, it } from "vitest";
import { createSummaryAccumulator, summarizeTransactions, type SummaryAccumulator } from "../../src/index.js";
import { rowsArb, sameSummaries } from "../engine/helpers.js";

const DAY = 86_400_000;
const END = Date.UTC(2023, 11, 25) + 90 * DAY;

describe("createSummaryAccumulator over any split", () => {
  // Amounts are whole cents / 100, so sums are not exact in binary; compare to 1e-12 relative.
  it("finishes equal to summarizeTransactions for any split of the rows merged in any order", () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("day", "week"),
        fc.boolean(),
        fc.func(fc.integer()),
        (rows, cuts, period, viaJson, rank) => {
          const options = { observationEnd: END, period, unit: "week" } as const;
          // Assign each row to one of k parts (arbitrary, not contiguous), then merge the parts in a shuffled order.
          const k = cuts.length;
          const parts: SummaryAccumulator[] = Array.from({ length: k }, () => createSummaryAccumulator(options));
          rows.forEach((r, i) => parts[(cuts[i % k]! + i * 31) % k]!.add([r]));
          const order = parts.map((p, i) => ({ p, key: rank(i) })).sort((a, b) => a.key - b.key).map((x) => x.p);
          const total = createSummaryAccumulator(options);
          for (const p of order) total.merge(viaJson ? JSON.parse(JSON.stringify(p)) : p);
          sameSummaries(total.finish(), summarizeTransactions(rows, options), 1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("gives exactly equal sums for integer amounts whatever the merge tree", () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(300), (rows, cut) => {
        const ints = rows.map((r) => ({ ...r, amount: Math.round(r.amount * 100) }));
        const options = { observationEnd: END };
        const left = createSummaryAccumulator(options).add(ints.slice(0, cut));
        const right = createSummaryAccumulator(options).add(ints.slice(cut));
        sameSummaries(right.merge(left).finish(), summarizeTransactions(ints, options), 0);
      }),
      { numRuns: 100 },
    );
  });
});
