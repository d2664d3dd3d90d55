import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createSummaryAccumulator,
  scoreCustomers,
  summarizeColumns,
  summarizeTransactions,
  summaryTable,
  type DictionaryIds,
  type TransactionColumns,
} from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
const END = BASE + 60 * DAY;
const options = { observationEnd: END, unit: "day" } as const;

/** The same columns with the ids written out: row i's id is dictionary[codes[i]]. */
function decoded(c: { customerId: DictionaryIds; at: Float64Array; amount: Float64Array }): TransactionColumns {
  return { customerId: Array.from(c.customerId.codes, (k) => c.customerId.dictionary[k]!), at: c.at, amount: c.amount };
}

// Random distinct ids (strings, with prefixes of each other and non-ASCII, and a few numbers), codes into them
// (some entries unused), times on both sides of the observation end, whole-cent amounts.
const dictionaryArb = fc.uniqueArray(fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom("a", "b", "A", "é", "1", "😀") }), weight: 5 }, { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 1 }), {
  minLength: 1,
  maxLength: 12,
});
const encodedArb = dictionaryArb.chain((dictionary) =>
  fc
    .array(fc.tuple(fc.nat(dictionary.length - 1), fc.integer({ min: -5, max: 70 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 60 })
    .map((rows) => ({
      customerId: { codes: Int32Array.from(rows, (r) => r[0]), dictionary } as DictionaryIds,
      at: Float64Array.from(rows, (r) => BASE + r[1] * DAY + 3_600_000),
      amount: Float64Array.from(rows, (r) => r[2] / 100),
    })),
);

describe("dictionary-encoded ids", () => {
  it("summarises by dictionary string, in id order, without unused or late-only entries (hand-checked)", () => {
    const columns = {
      customerId: { codes: Int32Array.of(0, 1, 0, 2, 3, 1, 0), dictionary: ["bob", "ann", "zed", "carl", "unused"] },
      at: Float64Array.from([1, 5, 9, 3, 90, 20, 2], (d) => Date.UTC(2024, 0, d)),
      amount: Float64Array.of(1, 2, 3, 4, 5, 6, 7),
    };
    const rows = summarizeColumns(columns, { observationEnd: "2024-01-31", unit: "day" });
    // ann: days 5 and 20 → frequency 1, recency 15, T 26, repeat spend 6; bob: days 1, 2, 9 → 2, 8, 30, (7 + 3) / 2;
    // zed: day 3 only; carl bought after the end only; "unused" has no row.
    expect(rows.map((s) => [s.customerId, s.frequency, s.recency, s.T, s.monetaryValue, s.totalAmount])).toEqual([
      ["ann", 1, 15, 26, 6, 8],
      ["bob", 2, 8, 30, 5, 11],
      ["zed", 0, 0, 28, 0, 4],
    ]);
    expect(summaryTable(columns, { observationEnd: "2024-01-31", unit: "day" }).customerId).toEqual(["ann", "bob", "zed"]);
  });

  it("gives exactly what the ids themselves give: summarizeColumns, summaryTable, rows, Uint32Array codes", () => {
    fc.assert(
      fc.property(encodedArb, (c) => {
        const expected = summarizeColumns(decoded(c), options);
        expect(summarizeColumns(c, options)).toEqual(expected);
        expect(summarizeColumns({ ...c, customerId: { codes: Uint32Array.from(c.customerId.codes), dictionary: c.customerId.dictionary } }, options)).toEqual(expected);
        expect(summaryTable(c, options)).toEqual(summaryTable(decoded(c), options));
        const rows = Array.from(c.at, (at, i) => ({ customerId: c.customerId.dictionary[c.customerId.codes[i]!]!, at, amount: c.amount[i]! }));
        expect(JSON.stringify(summarizeTransactions(rows, options))).toBe(JSON.stringify(expected));
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same accumulator result in any mix of batches: coded, plain ids, merged, through JSON", () => {
    fc.assert(
      fc.property(encodedArb, encodedArb, (a, b) => {
        const expected = createSummaryAccumulator(options).add(decoded(a)).add(decoded(b)).finish();
        expect(createSummaryAccumulator(options).add(a).add(b).finish()).toEqual(expected);
        expect(createSummaryAccumulator(options).add(a).add(decoded(b)).finish()).toEqual(expected);
        expect(createSummaryAccumulator(options).add(decoded(a)).add(b).finish()).toEqual(expected);
        const other = JSON.parse(JSON.stringify(createSummaryAccumulator(options).add(b).toJSON()));
        expect(createSummaryAccumulator(options).add(a).merge(other).finish()).toEqual(expected);
        // A partial lists customers in the order they were created (first appearance for plain ids, id order for
        // coded ones): the same customers and numbers, and the same result once merged.
        const partial = JSON.parse(JSON.stringify(createSummaryAccumulator(options).add(a).toJSON()));
        expect(createSummaryAccumulator(options).merge(partial).finish()).toEqual(createSummaryAccumulator(options).add(decoded(a)).finish());
      }),
      { numRuns: 80 },
    );
  });

  it("gives the same result after a batch of small integer ids (a state in direct mode)", () => {
    const intsArb = fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 30 }).map((rows) => ({
      customerId: Int32Array.from(rows, (r) => r[0]),
      at: Float64Array.from(rows, (r) => BASE + r[1] * DAY),
      amount: Float64Array.from(rows, (r) => r[0] + r[1]),
    }));
    fc.assert(
      fc.property(intsArb, encodedArb, encodedArb, (ints, a, b) => {
        const expected = createSummaryAccumulator(options).add(ints).add(decoded(a)).add(decoded(b)).finish();
        expect(createSummaryAccumulator(options).add(ints).add(a).add(b).finish()).toEqual(expected);
        expect(createSummaryAccumulator(options).add(a).add(ints).add(b).finish()).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("mixes with integer-id batches in one accumulator (dense integer ids first, then coded, then integers)", () => {
    const ints = { customerId: Int32Array.of(0, 1, 2), at: Float64Array.of(BASE, BASE + DAY, BASE + 2 * DAY), amount: Float64Array.of(1, 2, 3) };
    const coded = { customerId: { codes: Int32Array.of(1, 0, 2), dictionary: [1, "k", 7] }, at: Float64Array.of(BASE + 9 * DAY, BASE + 9 * DAY, BASE + 9 * DAY), amount: Float64Array.of(4, 5, 6) };
    const more = { customerId: Int32Array.of(7, 2), at: Float64Array.of(BASE + 20 * DAY, BASE + 20 * DAY), amount: Float64Array.of(7, 8) };
    const out = createSummaryAccumulator(options).add(ints).add(coded).add(more).finish();
    expect(out.map((s) => [s.customerId, s.frequency, s.totalAmount])).toEqual([
      [0, 0, 1],
      [1, 1, 7],
      [2, 1, 11],
      [7, 1, 13],
      ["k", 0, 4],
    ]);
    expect(out).toEqual(createSummaryAccumulator(options).add(ints).add(decoded(coded)).add(more).finish());
    // Coded first (the state names its slots), then integer ids that are also valid slot numbers.
    const first = createSummaryAccumulator(options).add(coded).add(ints).add(more).finish();
    expect(first).toEqual(out);
  });

  it("gives identical results for any order of the rows and of the dictionary", () => {
    fc.assert(
      fc.property(encodedArb, fc.integer(), (c, seed) => {
        const n = c.at.length;
        const m = c.customerId.dictionary.length;
        let s = seed >>> 0 || 1;
        const next = (k: number): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % k);
        const rowOrder = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = next(i + 1);
          [rowOrder[i], rowOrder[j]] = [rowOrder[j]!, rowOrder[i]!];
        }
        const perm = Array.from({ length: m }, (_, i) => i); // old code → new code
        for (let i = m - 1; i > 0; i--) {
          const j = next(i + 1);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
        const dictionary = new Array<string | number>(m);
        for (let k = 0; k < m; k++) dictionary[perm[k]!] = c.customerId.dictionary[k]!;
        const moved = {
          customerId: { codes: Int32Array.from(rowOrder, (i) => perm[c.customerId.codes[i]!]!), dictionary },
          at: Float64Array.from(rowOrder, (i) => c.at[i]!),
          amount: Float64Array.from(rowOrder, (i) => c.amount[i]!),
        };
        expect(JSON.stringify(summarizeColumns(moved, options))).toBe(JSON.stringify(summarizeColumns(c, options)));
      }),
      { numRuns: 100 },
    );
  });

  it("scores the same customers in the same order as the ids themselves (scoreCustomers, columns input)", () => {
    const config = { rfm: { bins: 3 }, clv: false, lifecycle: { windowDays: 20, churnedDays: 45, newDays: 10, atRiskDays: 15 } } as const;
    fc.assert(
      fc.property(encodedArb, (c) => {
        const end = BASE + 70 * DAY;
        const coded = scoreCustomers({ transactions: c, observationEnd: end }, config);
        const plain = scoreCustomers({ transactions: decoded(c), observationEnd: end }, config);
        expect(JSON.stringify(coded)).toBe(JSON.stringify(plain));
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a dictionary that lists an id twice (DUPLICATE_ID naming the second entry)", () => {
    fc.assert(
      fc.property(dictionaryArb, fc.nat(), fc.nat(), (dictionary, from, to) => {
        const dup = [...dictionary];
        const j = to % (dup.length + 1);
        dup.splice(j, 0, dictionary[from % dictionary.length]!);
        const first = dup.indexOf(dup[j]!);
        const second = dup.indexOf(dup[j]!, first + 1);
        const columns = { customerId: { codes: Int32Array.of(0), dictionary: dup }, at: Float64Array.of(BASE), amount: Float64Array.of(1) };
        expect(codeAndPath(() => summarizeColumns(columns, options))).toEqual(["DUPLICATE_ID", `columns.customerId.dictionary[${second}]`]);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a code out of range or negative, naming the row (INVALID_CUSTOMER_ID)", () => {
    fc.assert(
      fc.property(encodedArb, fc.nat(), fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.integer({ min: 0, max: 1000 })), (c, r, bad) => {
        const n = c.customerId.codes.length;
        if (n === 0) return;
        const row = r % n;
        const codes = Int32Array.from(c.customerId.codes);
        codes[row] = bad < 0 ? bad : c.customerId.dictionary.length + bad;
        const columns = { ...c, customerId: { codes, dictionary: c.customerId.dictionary } };
        expect(codeAndPath(() => summarizeColumns(columns, options))).toEqual(["INVALID_CUSTOMER_ID", `columns.customerId.codes[${row}]`]);
        expect(codeAndPath(() => summaryTable(columns, options))).toEqual(["INVALID_CUSTOMER_ID", `columns.customerId.codes[${row}]`]);
      }),
      { numRuns: 100 },
    );
    const big = { customerId: { codes: Uint32Array.of(0, 4_000_000_000), dictionary: ["a"] }, at: Float64Array.of(BASE, BASE), amount: Float64Array.of(1, 1) };
    expect(codeAndPath(() => summarizeColumns(big, options))).toEqual(["INVALID_CUSTOMER_ID", "columns.customerId.codes[1]"]);
    const score = () => scoreCustomers({ transactions: { ...big, customerId: { codes: Int32Array.of(0, -1), dictionary: ["a"] } }, observationEnd: END }, { clv: false });
    expect(codeAndPath(score)).toEqual(["INVALID_CUSTOMER_ID", "input.transactions.customerId.codes[1]"]);
  });

  it("refuses bad codes and dictionaries with the argument named", () => {
    const at = Float64Array.of(BASE, BASE);
    const amount = Float64Array.of(1, 2);
    const cols = (customerId: unknown) => ({ customerId, at, amount }) as unknown as TransactionColumns;
    expect(codeAndPath(() => summarizeColumns(cols({ codes: [0, 1], dictionary: ["a", "b"] }), options))).toEqual(["INVALID_TYPE", "columns.customerId.codes"]);
    expect(codeAndPath(() => summarizeColumns(cols({ codes: Float64Array.of(0, 1), dictionary: ["a", "b"] }), options))).toEqual(["INVALID_TYPE", "columns.customerId.codes"]);
    expect(codeAndPath(() => summarizeColumns(cols({ codes: Int32Array.of(0, 1), dictionary: "ab" }), options))).toEqual(["INVALID_TYPE", "columns.customerId.dictionary"]);
    expect(codeAndPath(() => summarizeColumns(cols({ codes: Int32Array.of(0, 1), dictionary: ["a", ""] }), options))).toEqual(["INVALID_CUSTOMER_ID", "columns.customerId.dictionary[1]"]);
    expect(codeAndPath(() => summarizeColumns(cols({ codes: Int32Array.of(0, 1), dictionary: ["a", null] }), options))).toEqual(["INVALID_CUSTOMER_ID", "columns.customerId.dictionary[1]"]);
    expect(codeAndPath(() => summarizeColumns(cols({ codes: Int32Array.of(0), dictionary: ["a"] }), options))).toEqual(["INVALID_INPUT", "columns.at"]);
    // Row errors name the row as with plain ids.
    const late = { customerId: { codes: Int32Array.of(0, 0), dictionary: ["a"] }, at: Float64Array.of(BASE, NaN), amount };
    expect(codeAndPath(() => summarizeColumns(late, options))).toEqual(["INVALID_DATE", "columns.at[1]"]);
    const negative = { customerId: { codes: Int32Array.of(0, 0), dictionary: ["a"] }, at, amount: Float64Array.of(1, -2) };
    expect(codeAndPath(() => summarizeColumns(negative, options))).toEqual(["NEGATIVE_AMOUNT", "columns.amount[1]"]);
  });

  it("takes times as any TimeInput (ISO strings, Dates) with coded ids", () => {
    const c = { customerId: { codes: Int32Array.of(1, 0, 1), dictionary: ["x", "w"] }, at: ["2024-01-01", new Date(Date.UTC(2024, 0, 3)), "2024-01-08"], amount: [1, 2, 3] };
    const plain = { customerId: ["w", "x", "w"], at: c.at, amount: c.amount };
    expect(summarizeColumns(c, options)).toEqual(summarizeColumns(plain, options));
    expect(summarizeColumns(c, options).map((s) => [s.customerId, s.frequency, s.recency])).toEqual([
      ["w", 1, 7],
      ["x", 0, 0],
    ]);
  });

  it("reads an Arrow-like dictionary vector: indices as a view into a larger buffer, dictionary as strings", () => {
    // apache-arrow keeps a chunk's indices as a typed-array view (data.values) over a shared buffer.
    const buffer = new ArrayBuffer(64);
    const all = new Int32Array(buffer);
    all.set([9, 9, 2, 0, 2, 1, 9, 9]);
    const indices = new Int32Array(buffer, 8, 4); // 2, 0, 2, 1
    const arrowLike = { data: [{ values: indices, dictionary: { toArray: () => ["c-3", "c-1", "c-2"] } }] };
    const chunk = arrowLike.data[0]!;
    const columns = { customerId: { codes: chunk.values, dictionary: chunk.dictionary.toArray() }, at: Float64Array.of(BASE, BASE, BASE + 7 * DAY, BASE), amount: Float64Array.of(5, 1, 5, 2) };
    const out = summarizeColumns(columns, options);
    expect(out.map((s) => [s.customerId, s.frequency, s.totalAmount])).toEqual([
      ["c-1", 0, 2],
      ["c-2", 1, 10],
      ["c-3", 0, 1],
    ]);
  });

  it("names a customer -0 in a dictionary 0, as typed id columns do", () => {
    const c = { customerId: { codes: Int32Array.of(0, 1), dictionary: [-0, 5] }, at: Float64Array.of(BASE, BASE), amount: Float64Array.of(1, 2) };
    const out = summarizeColumns(c, options);
    expect(Object.is(out[0]!.customerId, 0)).toBe(true);
    expect(out).toEqual(summarizeColumns({ customerId: Float64Array.of(-0, 5), at: c.at, amount: c.amount }, options));
  });

  it("does not mutate the codes or the dictionary", () => {
    const codes = Int32Array.of(2, 0, 1);
    const dictionary = ["z", "y", "x"];
    summarizeColumns({ customerId: { codes, dictionary }, at: Float64Array.of(BASE, BASE, BASE), amount: Float64Array.of(1, 2, 3) }, options);
    expect(Array.from(codes)).toEqual([2, 0, 1]);
    expect(dictionary).toEqual(["z", "y", "x"]);
  });
});
