// Same rows, any order: bit-identical results. Sums of amounts are exact and rounded once, so neither the
// order of the rows nor how they are split into parts and merged changes a digit; customers with the same
// purchases get the same numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  RetentionKitError,
  abcClassify,
  createSummaryAccumulator,
  historicalClv,
  quantileTiers,
  revenueRetention,
  rfmFromTransactions,
  scoreCustomers,
  summarizeColumns,
  summarizeTransactions,
  summaryTable,
  type ScoreResult,
  type SummaryPartial,
} from "../../src/index.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const END = "2024-03-31";

/** Amounts with cents, arbitrary doubles, and the edges: subnormal, near the largest double. */
const amountArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100), weight: 5 },
  { arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }), weight: 2 },
  { arbitrary: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.constantFrom(5e-324, 1e-310, 0.01, 0.1, 1e16, 1e17, 8.9e307, 1.7e308), weight: 1 },
);
const rowArb = fc.record({
  customerId: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom("a", "b")),
  at: fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: DAY - 1 })).map(([d, ms]) => T0 + d * DAY + ms),
  amount: amountArb,
});
type Row = { customerId: number | string; at: number; amount: number };
/** Rows and a permutation of them. */
const rowsAndShuffle = fc.array(rowArb, { maxLength: 40 }).chain((rows) => fc.tuple(fc.constant(rows as Row[]), fc.shuffledSubarray(rows as Row[], { minLength: rows.length, maxLength: rows.length })));

/** A result as a string (numbers in their shortest exact form), or the error's code and message. */
function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run(), (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));
  } catch (e) {
    if (e instanceof RetentionKitError) return `error ${e.code}: ${e.message}`;
    throw e;
  }
}

const o = { observationEnd: END, unit: "week" } as const;

describe("the order of rows changes nothing", () => {
  it("in summarizeTransactions, summaryTable and summarizeColumns", () => {
    fc.assert(
      fc.property(rowsAndShuffle, ([rows, shuffled]) => {
        expect(outcome(() => summarizeTransactions(shuffled, o))).toBe(outcome(() => summarizeTransactions(rows, o)));
        expect(outcome(() => summaryTable(shuffled, o))).toBe(outcome(() => summaryTable(rows, o)));
        const cols = (rs: Row[]) => ({ customerId: rs.map((r) => r.customerId), at: Float64Array.from(rs, (r) => r.at), amount: Float64Array.from(rs, (r) => r.amount) });
        expect(outcome(() => summarizeColumns(cols(shuffled), o))).toBe(outcome(() => summarizeColumns(cols(rows), o)));
        expect(outcome(() => summaryTable(cols(shuffled), o))).toBe(outcome(() => summaryTable(rows, o)).replace("transactions", "columns.amount"));
      }),
      { numRuns: 200 },
    );
  });

  it("in an accumulator fed any split of the rows, merged in any order through JSON", () => {
    fc.assert(
      fc.property(rowsAndShuffle, fc.array(fc.nat(), { maxLength: 4 }), fc.integer(), ([rows, shuffled], cuts, seed) => {
        const whole = outcome(() => summarizeTransactions(rows, o));
        const at = [...new Set(cuts.map((c) => (shuffled.length === 0 ? 0 : c % shuffled.length)))].sort((a, b) => a - b);
        const bounds = [0, ...at, shuffled.length];
        const chunks = bounds.slice(1).map((end, k) => shuffled.slice(bounds[k]!, end));
        let got: string;
        try {
          const parts: SummaryPartial[] = chunks.map((c) => JSON.parse(JSON.stringify(createSummaryAccumulator(o).add(c))));
          const acc = createSummaryAccumulator(o);
          const order = parts.map((_, k) => k).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
          for (const k of order) acc.merge(parts[k]!);
          got = outcome(() => acc.finish());
        } catch (e) {
          if (!(e instanceof RetentionKitError)) throw e;
          got = `error ${e.code}`;
        }
        // an overflow is refused wherever it shows (a part, or the merge); other results are bit-identical
        if (got.startsWith("error")) expect(whole.slice(0, got.length)).toBe(got);
        else expect(got).toBe(whole);
      }),
      { numRuns: 150 },
    );
  });

  it("in rfmFromTransactions and historicalClv", () => {
    fc.assert(
      fc.property(rowsAndShuffle, ([rows, shuffled]) => {
        expect(outcome(() => rfmFromTransactions(shuffled, { asOf: END, rankTies: "customerId" }))).toBe(outcome(() => rfmFromTransactions(rows, { asOf: END, rankTies: "customerId" })));
        const byId = (rs: ReturnType<typeof historicalClv>) => [...rs].sort((a, b) => String(a.customerId).localeCompare(String(b.customerId)));
        expect(outcome(() => byId(historicalClv(shuffled, { margin: 0.3 })))).toBe(outcome(() => byId(historicalClv(rows, { margin: 0.3 }))));
      }),
      { numRuns: 150 },
    );
  });

  it("in abcClassify, quantileTiers and revenueRetention (per customer)", () => {
    const valuesAndShuffle = fc
      .uniqueArray(fc.record({ customerId: fc.integer({ min: 0, max: 60 }), value: amountArb }), { maxLength: 30, selector: (r) => r.customerId })
      .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })));
    const sorted = <T extends { customerId: number | string }>(xs: T[]): T[] => [...xs].sort((a, b) => Number(a.customerId) - Number(b.customerId));
    fc.assert(
      fc.property(valuesAndShuffle, valuesAndShuffle, ([rows, shuffled], [later, laterShuffled]) => {
        expect(outcome(() => sorted(abcClassify(shuffled).customers))).toBe(outcome(() => sorted(abcClassify(rows).customers)));
        expect(outcome(() => abcClassify(shuffled).classes)).toBe(outcome(() => abcClassify(rows).classes));
        expect(outcome(() => sorted(quantileTiers(shuffled)))).toBe(outcome(() => sorted(quantileTiers(rows))));
        const revenue = (rs: typeof rows) => rs.map((r) => ({ customerId: r.customerId, revenue: r.value }));
        expect(outcome(() => revenueRetention(revenue(shuffled), revenue(laterShuffled)))).toBe(outcome(() => revenueRetention(revenue(rows), revenue(later))));
      }),
      { numRuns: 200 },
    );
  });

  it("in scoreCustomers", () => {
    fc.assert(
      fc.property(rowsAndShuffle, ([rows, shuffled]) => {
        expect(outcome(() => scoreCustomers({ transactions: shuffled, observationEnd: END }, {}))).toBe(outcome(() => scoreCustomers({ transactions: rows, observationEnd: END }, {})));
      }),
      { numRuns: 25 },
    );
  });
});

describe("customers with the same purchases get the same numbers", () => {
  const purchases = fc.array(fc.tuple(fc.integer({ min: 0, max: 80 }), amountArb), { minLength: 1, maxLength: 8 });

  it("in summaries, ABC shares and classes, and the engine's rows", () => {
    fc.assert(
      fc.property(purchases, fc.array(rowArb, { maxLength: 20 }), ([...ps], others) => {
        const rowsOf = (id: string, list: typeof ps) => list.map(([d, amount]) => ({ customerId: id, at: T0 + d * DAY, amount }));
        const rows: Row[] = [...rowsOf("x", ps), ...others, ...rowsOf("y", [...ps].reverse()), ...rowsOf("z", [...ps.slice(1), ...ps.slice(0, 1)])];
        let summaries;
        try {
          summaries = summarizeTransactions(rows, o);
        } catch (e) {
          if (e instanceof RetentionKitError && e.code === "OUT_OF_RANGE") return; // an overflowing total: refused
          throw e;
        }
        const same = (r: object) => JSON.stringify({ ...r, customerId: null });
        const [x, y, z] = ["x", "y", "z"].map((id) => summaries.find((s) => s.customerId === id)!);
        expect(same(y!)).toBe(same(x!));
        expect(same(z!)).toBe(same(x!));
        const values = summaries.map((s) => ({ customerId: s.customerId, value: s.totalAmount }));
        let abc;
        try {
          abc = abcClassify(values).customers;
        } catch (e) {
          if (e instanceof RetentionKitError && e.code === "OUT_OF_RANGE") return; // the grand total overflows
          throw e;
        }
        const [ax, ay, az] = ["x", "y", "z"].map((id) => abc.find((a) => a.customerId === id)!);
        expect([ay!.class, ay!.cumulativeShare]).toEqual([ax!.class, ax!.cumulativeShare]);
        expect([az!.class, az!.cumulativeShare]).toEqual([ax!.class, ax!.cumulativeShare]);
        let scored: ScoreResult["customers"];
        try {
          scored = (scoreCustomers({ transactions: rows, observationEnd: END }, {}) as ScoreResult).customers;
        } catch (e) {
          if (e instanceof RetentionKitError) return; // e.g. too little data for the engine's fits
          throw e;
        }
        const fields = (id: string) => {
          const r = scored.find((c) => c.customerId === id)! as unknown as Record<string, unknown>;
          return JSON.stringify(["totalAmount", "monetaryValue", "frequency", "recency", "T", "abcClass", "abcCumulativeShare", "valueTier"].map((k) => r[k]));
        };
        expect(fields("y")).toBe(fields("x"));
        expect(fields("z")).toBe(fields("x"));
      }),
      { numRuns: 25 },
    );
  });
});
