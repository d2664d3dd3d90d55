import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSummaryAccumulator, RetentionKitError, summarizeTransactions, type SummaryPartial } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const DAY = 86_400_000;
const END = Date.UTC(2024, 2, 31);
const options = { observationEnd: END, unit: "day" } as const;
const log = [
  { customerId: "a", at: Date.UTC(2024, 0, 1), amount: 10 },
  { customerId: "a", at: Date.UTC(2024, 0, 15), amount: 20 },
  { customerId: "b", at: Date.UTC(2024, 1, 10), amount: 8 },
];

function partial(): SummaryPartial {
  return JSON.parse(JSON.stringify(createSummaryAccumulator(options).add(log))) as SummaryPartial;
}


function mergeOf(p: unknown): [string, string | null] {
  return codeAndPath(() => createSummaryAccumulator(options).merge(p as SummaryPartial));
}

describe("SummaryAccumulator.merge validates a partial as untrusted input", () => {
  it("merges a genuine partial into the summary of its data", () => {
    expect(createSummaryAccumulator(options).merge(partial()).finish()).toEqual(summarizeTransactions(log, options));
    // Each customer's periods ascending: a's two days, then b's.
    expect(partial().periods).toEqual([19723, 19737, 19763]);
  });

  it.each<[string, (p: SummaryPartial) => void, string, string]>([
    ["firstAt after lastAt", (p) => { p.firstAt[0] = p.lastAt[0]! + 1; }, "INVALID_RANGE", "other.lastAt[0]"],
    ["a negative total", (p) => { p.totalAmount[1] = -8; }, "NEGATIVE_AMOUNT", "other.totalAmount[1]"],
    ["a negative first-period spend", (p) => { p.firstPeriodAmount[0] = -1; }, "NEGATIVE_AMOUNT", "other.firstPeriodAmount[0]"],
    ["a first-period spend above the total", (p) => { p.firstPeriodAmount[0] = 31; }, "INCONSISTENT_COUNTS", "other.totalAmount[0]"],
    ["a one-period total that is not its first period's", (p) => { p.totalAmount[1] = 9; }, "INCONSISTENT_COUNTS", "other.totalAmount[1]"],
    ["fewer rows than periods", (p) => { p.transactionCount[0] = 1; }, "INCONSISTENT_COUNTS", "other.transactionCount[0]"],
    ["a string where a number belongs", (p) => { (p.totalAmount as unknown[])[0] = "30"; }, "INVALID_TYPE", "other.totalAmount[0]"],
    ["a non-finite time", (p) => { p.lastAt[1] = Number.POSITIVE_INFINITY; }, "INVALID_NUMBER", "other.lastAt[1]"],
    ["a time beyond Date's range", (p) => { p.firstAt[0] = -9e15; }, "INVALID_DATE", "other.firstAt[0]"],
    ["periods out of order", (p) => { p.periods = [19737, 19723, 19763]; }, "INVALID_INPUT", "other.periods[1]"],
    ["a period counted twice", (p) => { p.periods = [19723, 19723, 19763]; }, "INVALID_INPUT", "other.periods[1]"],
    ["a period after the observation end's", (p) => { p.periods[2] = 19814; }, "INVALID_INPUT", "other.periods[2]"],
    ["lastAt outside the last period", (p) => { p.lastAt[0] = p.lastAt[0]! + DAY; }, "INCONSISTENT_COUNTS", "other.lastAt[0]"],
    ["a duplicate customer", (p) => { p.customerId[1] = "a"; }, "DUPLICATE_ID", "other.customerId[1]"],
    ["another observation end", (p) => { p.options.observationEnd = END + DAY; }, "INCOMPATIBLE_SUMMARIES", "other.options.observationEnd"],
    ["another period", (p) => { p.options.period = "week"; }, "INCOMPATIBLE_SUMMARIES", "other.options.period"],
    ["an unknown field", (p) => { (p as unknown as Record<string, unknown>).totalAmounts = []; }, "INVALID_INPUT", "other.totalAmounts"],
    ["a __proto__ field from JSON", (p) => { Object.defineProperty(p, "__proto__", { value: {}, enumerable: true }); }, "INVALID_INPUT", "other.__proto__"],
    ["a fractional row count", (p) => { p.transactionCount[0] = 2.5; }, "NOT_INTEGER", "other.transactionCount[0]"],
  ])("refuses %s", (_name, mutate, code, path) => {
    const p = partial();
    mutate(p);
    expect(mergeOf(p)).toEqual([code, path]);
  });

  it("merges nothing from a part it refuses", () => {
    const acc = createSummaryAccumulator(options).add(log.slice(0, 1));
    const p = partial();
    p.transactionCount[1] = 0;
    expect(() => acc.merge(p)).toThrow(RetentionKitError);
    expect(acc.finish()).toEqual(summarizeTransactions(log.slice(0, 1), options));
  });
});

/** Transactions a valid partial stands for: its first and last instants, one row at each other period's start, zero-spend rows to make up the count. */
function transactionsOf(p: SummaryPartial): { customerId: string | number; at: number; amount: number }[] {
  const out: { customerId: string | number; at: number; amount: number }[] = [];
  for (let i = 0, k = 0; i < p.customerId.length; i++) {
    const id = p.customerId[i]!;
    const count = p.periodCount[i]!;
    const ps = p.periods.slice(k, k + count);
    k += count;
    out.push({ customerId: id, at: p.firstAt[i]!, amount: p.firstPeriodAmount[i]! });
    let made = 1;
    for (let q = 1; q < count - 1; q++, made++) out.push({ customerId: id, at: ps[q]! * DAY, amount: 0 });
    if (count > 1) out.push({ customerId: id, at: p.lastAt[i]!, amount: p.totalAmount[i]! - p.firstPeriodAmount[i]! });
    else if (p.lastAt[i] !== p.firstAt[i]) out.push({ customerId: id, at: p.lastAt[i]!, amount: 0 });
    if (count > 1 || p.lastAt[i] !== p.firstAt[i]) made++;
    for (; made < p.transactionCount[i]!; made++) out.push({ customerId: id, at: p.firstAt[i]!, amount: 0 });
  }
  return out;
}

describe("SummaryAccumulator.merge on mutated partials", () => {
  const BASE = Date.UTC(2024, 0, 1);
  const rowArb = fc.record({ customerId: fc.constantFrom("a", "b", "c", 1, 2), at: fc.integer({ min: 0, max: 95 * DAY }).map((t) => BASE + t), amount: fc.integer({ min: 0, max: 100 }) });
  const keys = ["firstAt", "lastAt", "firstPeriodAmount", "totalAmount", "transactionCount", "periodCount", "periods", "customerId"] as const;
  const valueArb = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.integer({ min: -2 * DAY, max: 2 * DAY }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1e308, -0, 2.5, "1", null, undefined, 19723, 19800, BASE, END + DAY, "a"),
  );
  const mutationArb = fc.record({ key: fc.constantFrom(...keys), index: fc.nat(20), value: valueArb, relative: fc.boolean() });

  it("gives a coded error, or exactly the summary of the transactions the partial stands for", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 25 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (rows, mutations) => {
        const p = JSON.parse(JSON.stringify(createSummaryAccumulator(options).add(rows))) as SummaryPartial;
        for (const { key, index, value, relative } of mutations) {
          const arr = p[key] as unknown[];
          const i = index % arr.length;
          arr[i] = relative && typeof value === "number" && typeof arr[i] === "number" ? (arr[i] as number) + value : value;
        }
        let merged;
        try {
          merged = createSummaryAccumulator(options).merge(p).finish();
        } catch (e) {
          expect(e).toBeInstanceOf(RetentionKitError);
          return;
        }
        // A row count mutated to billions is valid but not worth writing out: the rest must still agree.
        if (p.transactionCount.some((n) => n > 1000)) {
          const byId = new Map(merged.map((s) => [s.customerId, s.transactionCount]));
          expect(p.customerId.map((id) => byId.get(id))).toEqual(p.transactionCount);
          return;
        }
        expect(merged).toEqual(summarizeTransactions(transactionsOf(p), options));
      }),
      { numRuns: 400 },
    );
  });
});
