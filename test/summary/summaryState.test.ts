import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RetentionKitError, summarizeColumns, summarizeTransactions } from "../../src/index.js";
import { SummaryState } from "../../src/summary/internal/summaryState.js";
import { cdnowSample, naiveSummary, sameSummaries } from "../engine/helpers.js";

function reference(name: string): string[][] {
  const path = fileURLToPath(new URL(`../fixtures/cdnow/${name}`, import.meta.url));
  return readFileSync(path, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
}

describe("the summary state behind summarizeTransactions", () => {
  const rows = cdnowSample();

  it("reproduces lifetimes' CDNOW summary (day periods, week units) for every customer", () => {
    const ours = summarizeTransactions(rows, { observationEnd: "1997-09-30", unit: "week" });
    const ref = reference("reference-summary-day-periods-week-units.csv");
    expect(ours.length).toBe(ref.length);
    ours.forEach((s, i) => {
      const [id, f, r, t, m] = ref[i]!.map(Number);
      expect(s.customerId).toBe(id);
      expect(s.frequency).toBe(f);
      expect(Math.abs(s.recency - r!)).toBeLessThan(1e-9);
      expect(Math.abs(s.T - t!)).toBeLessThan(1e-9);
      expect(Math.abs(s.monetaryValue - m!)).toBeLessThan(1e-9 * Math.max(1, m!));
    });
  });

  it("gives the same CDNOW summary whatever the row order (reversed, interleaved)", () => {
    const options = { observationEnd: "1998-06-30", unit: "day" } as const;
    const sorted = summarizeTransactions(rows, options);
    const odd = rows.filter((_, i) => i % 2 === 1);
    const even = rows.filter((_, i) => i % 2 === 0);
    sameSummaries(summarizeTransactions([...rows].reverse(), options), sorted);
    sameSummaries(summarizeTransactions([...odd, ...even.reverse()], options), sorted);
  });

  it("agrees with a naive Map-of-Sets summary on CDNOW with week periods", () => {
    const end = Date.UTC(1998, 5, 30);
    sameSummaries(summarizeTransactions(rows, { observationEnd: end, period: "week", unit: "week" }), naiveSummary(rows, end, "week", "week"));
  });

  it("counts a customer's many out-of-order periods once each, past the list-to-set switch", () => {
    // 200 distinct days, each bought twice, in a shuffled order; and a second customer with 3 days.
    const days = Array.from({ length: 200 }, (_, i) => i);
    const order = [...days, ...days].map((d, i) => ({ d, k: (i * 7919) % 400 })).sort((a, b) => a.k - b.k);
    const txs = order.map(({ d }) => ({ customerId: 5, at: Date.UTC(2020, 0, 1 + d), amount: 1 }));
    txs.push({ customerId: 6, at: Date.UTC(2020, 0, 3), amount: 2 }, { customerId: 6, at: Date.UTC(2020, 0, 1), amount: 2 }, { customerId: 6, at: Date.UTC(2020, 0, 2), amount: 2 });
    const [a, b] = summarizeTransactions(txs, { observationEnd: Date.UTC(2021, 0, 1), unit: "day" });
    expect(a).toMatchObject({ customerId: 5, frequency: 199, recency: 199, monetaryValue: 2, transactionCount: 400 });
    expect(b).toMatchObject({ customerId: 6, frequency: 2, recency: 2, monetaryValue: 2 });
  });

  it("sorts ids numbers first (negative, fractional, large, dense) then strings, keeping 1 and '1' apart", () => {
    const at = Date.UTC(2024, 0, 1);
    const ids = [5_000_000_000, "b", 3, -2, 1.5, "1", 1, 0, 2 ** 31, "a", 70_000_000];
    const out = summarizeTransactions(ids.map((customerId) => ({ customerId, at })), { observationEnd: at });
    expect(out.map((s) => s.customerId)).toEqual([-2, 0, 1, 1.5, 3, 70_000_000, 2 ** 31, 5_000_000_000, "1", "a", "b"]);
  });

  it("keeps ids that moved from the hash map into the dense table (a small id seen after a large one)", () => {
    const at = Date.UTC(2024, 0, 1);
    const txs = [
      { customerId: 5_000_000, at, amount: 1 },
      ...Array.from({ length: 700_000 }, (_, i) => ({ customerId: i * 8, at, amount: 1 })),
      { customerId: 5_000_000, at: at + 86_400_000, amount: 2 },
    ];
    const out = summarizeTransactions(txs, { observationEnd: at + 86_400_000 });
    expect(out.length).toBe(700_000);
    expect(out[625_000]).toMatchObject({ customerId: 5_000_000, frequency: 1, monetaryValue: 2, transactionCount: 3 });
  });

  it("reads columns exactly as rows", () => {
    const options = { observationEnd: "1997-09-30", unit: "week" } as const;
    const columns = {
      customerId: Int32Array.from(rows, (r) => r.customerId as number),
      at: Float64Array.from(rows, (r) => r.at),
      amount: Float64Array.from(rows, (r) => r.amount),
    };
    sameSummaries(summarizeColumns(columns, options), summarizeTransactions(rows, options), 0);
    const strings = { customerId: rows.map((r) => `c${r.customerId}`), at: rows.map((r) => new Date(r.at).toISOString()) };
    expect(summarizeColumns(strings, options).map((s) => s.frequency).sort()).toEqual(
      summarizeTransactions(rows, options).map((s) => s.frequency).sort(),
    );
  });

  it("folds large shuffled inputs in record blocks exactly as the naive summary (many blocks, chunks, a mode switch)", () => {
    // 9 000 customers (five blocks of records), 60 000 rows in random order with repeated days, as columns
    // and as rows; then the same rows with a string id in the middle, which ends direct mode mid-buffer.
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 48271) + 11) % 2147483647) & 0x7fffffff) / 2147483647;
    const day = 86_400_000;
    const rows = Array.from({ length: 60_000 }, () => ({
      customerId: Math.floor(rand() * 9_000),
      at: Date.UTC(2023, 0, 1) + Math.floor(rand() * 120) * day + Math.floor(rand() * day),
      amount: Math.round(rand() * 1000) / 100,
    }));
    const end = Date.UTC(2023, 3, 20);
    const expected = naiveSummary(rows, end, "day", "week");
    const options = { observationEnd: end, unit: "week" } as const;
    const ours = summarizeTransactions(rows, options);
    sameSummaries(ours, expected);
    // A customer's rows keep their order through the blocks, so every path sums in the same order: bit for bit.
    const columns = { customerId: Int32Array.from(rows, (r) => r.customerId), at: Float64Array.from(rows, (r) => r.at), amount: Float64Array.from(rows, (r) => r.amount) };
    sameSummaries(summarizeColumns(columns, options), ours, 0);
    sameSummaries(summarizeTransactions(rows.values(), options), ours, 0);
    const oneByOne = new SummaryState("day", end);
    for (const r of rows) oneByOne.add(r.customerId, r.at, r.amount);
    sameSummaries(oneByOne.summaries("week", "repeat"), ours, 0);
    const mixed = [...rows.slice(0, 30_000), { customerId: "x", at: Date.UTC(2023, 0, 5), amount: 1 }, ...rows.slice(30_000)];
    const withX = summarizeTransactions(mixed, options);
    sameSummaries(withX, naiveSummary(mixed, end, "day", "week"));
    sameSummaries(withX.slice(0, -1), ours, 0);
  });

  it("names the bad value in a column with its index", () => {
    const bad = { customerId: [1, 2, 3], at: [0, "1997-13-01", 0] };
    try {
      summarizeColumns(bad, { observationEnd: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RetentionKitError);
      expect((e as RetentionKitError).code).toBe("INVALID_DATE");
      expect((e as RetentionKitError).path).toBe("columns.at[1]");
    }
    expect(() => summarizeColumns({ customerId: [1, 2], at: [0] }, { observationEnd: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", path: "columns.at" }),
    );
    expect(() => summarizeColumns({ customerId: [1], at: [0], amount: Float64Array.of(-1) }, { observationEnd: 0 })).toThrow(
      expect.objectContaining({ code: "NEGATIVE_AMOUNT", path: "columns.amount[0]" }),
    );
    expect(() => summarizeColumns({ customerId: Float64Array.of(Number.NaN), at: [0] }, { observationEnd: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_CUSTOMER_ID", path: "columns.customerId[0]" }),
    );
    expect(() => summarizeColumns({ customerId: "abc", at: [0] } as never, { observationEnd: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_TYPE", path: "columns.customerId" }),
    );
  });

  it("still names bad rows of the object path after the fast path", () => {
    const good = { customerId: 1, at: 0, amount: 1 };
    const cases: [unknown, string, string][] = [
      [null, "INVALID_TYPE", "transactions[1]"],
      [[1, 2], "INVALID_TYPE", "transactions[1]"],
      [{ customerId: "", at: 0 }, "INVALID_CUSTOMER_ID", "transactions[1].customerId"],
      [{ customerId: 1, at: Number.NaN }, "INVALID_DATE", "transactions[1].at"],
      [{ customerId: 1, at: 9e15 }, "INVALID_DATE", "transactions[1].at"],
      [{ customerId: 1, at: 0, amount: -0.01 }, "NEGATIVE_AMOUNT", "transactions[1].amount"],
      [{ customerId: 1, at: 0, amount: Number.POSITIVE_INFINITY }, "INVALID_NUMBER", "transactions[1].amount"],
      [{ customerId: 1, at: 0, amount: "3" }, "INVALID_TYPE", "transactions[1].amount"],
    ];
    for (const [row, code, path] of cases) {
      expect(() => summarizeTransactions([good, row] as never, { observationEnd: 0 })).toThrow(expect.objectContaining({ code, path }));
      expect(() => summarizeTransactions(new Set([good, row]) as never, { observationEnd: 0 })).toThrow(expect.objectContaining({ code, path }));
    }
  });

  it("turns -0 times and amounts into 0 and does not mutate its input", () => {
    const input = Object.freeze([Object.freeze({ customerId: 1, at: -0, amount: -0 })]);
    const [s] = summarizeTransactions(input, { observationEnd: 0 });
    expect(Object.is(s!.firstAt, 0)).toBe(true);
    expect(Object.is(s!.totalAmount, 0)).toBe(true);
    const cols = { customerId: Int32Array.of(1), at: Float64Array.of(5), amount: Float64Array.of(2) };
    summarizeColumns(cols, { observationEnd: 5 });
    expect([...cols.customerId, ...cols.at, ...cols.amount]).toEqual([1, 5, 2]);
  });
});
