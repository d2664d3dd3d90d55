import { describe, expect, it } from "vitest";
import { summarizeTransactions, summaryTable } from "../../src/index.js";
import { encodeStrings } from "../../src/summary/internal/encodeStrings.js";

describe("encodeStrings", () => {
  it("codes strings by first appearance and lists each distinct string once", () => {
    const e = encodeStrings(["b", "a", "b", "c", "a"])!;
    expect(Array.from(e.codes)).toEqual([0, 1, 0, 2, 1]);
    expect(e.dictionary).toEqual(["b", "a", "c"]);
  });

  it("gives null for an id that is not a non-empty string", () => {
    expect(encodeStrings(["a", 1])).toBeNull();
    expect(encodeStrings(["a", ""])).toBeNull();
    expect(encodeStrings([null])).toBeNull();
  });

  it("keeps 20 000 distinct ids apart through the table's growth", () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => `id${(i * 7919) % 20_000}`);
    const e = encodeStrings(ids)!;
    expect(e.dictionary).toHaveLength(20_000);
    ids.forEach((id, i) => expect(e.dictionary[e.codes[i]!]).toBe(id));
  });
});

describe("summaryTable over a plain string-id array", () => {
  it("equals the summary of the same rows as objects", () => {
    const ids = ["x", "y", "x", "z", "y", "x"];
    const at = Float64Array.from([0, 1, 2, 9, 3, 30], (d) => Date.UTC(2024, 0, 1) + d * 86_400_000);
    const amount = Float64Array.of(1, 2, 3.5, 4, 0.1, 0.2);
    const options = { observationEnd: "2024-03-01", unit: "day" } as const;
    const t = summaryTable({ customerId: ids, at, amount }, options);
    const rows = summarizeTransactions(ids.map((customerId, i) => ({ customerId, at: at[i]!, amount: amount[i]! })), options);
    expect(t.customerId).toEqual(["x", "y", "z"]);
    expect(t.frequency).toEqual(rows.map((r) => r.frequency));
    expect(t.monetaryValue).toEqual(rows.map((r) => r.monetaryValue));
    expect(t.totalAmount).toEqual([4.7, 2.1, 4]);
  });
});
