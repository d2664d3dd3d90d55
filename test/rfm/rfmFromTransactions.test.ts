import { describe, expect, it } from "vitest";
import { thrown } from "./helpers.js";
import { rfmFromTransactions, rfmScores } from "../../src/index.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadCdnowSample } from "../../examples/lib/cdnow.js";


const log = [
  { customerId: "a", at: "2024-06-01", amount: 20 },
  { customerId: "a", at: "2024-06-01T18:00:00Z", amount: 5 },
  { customerId: "a", at: "2024-06-28", amount: 30 },
  { customerId: "b", at: "2024-03-10", amount: 15 },
  { customerId: 7, at: "2024-06-30T23:00:00Z", amount: 100 },
  { customerId: "c", at: "2024-07-01", amount: 99 },
];

describe("rfmFromTransactions", () => {
  it("measures recency in whole days to asOf, frequency in purchase days and monetary as total spend", () => {
    const rows = rfmFromTransactions(log, { asOf: "2024-06-30", bins: 3 });
    expect(rows.map((x) => [x.customerId, x.recency, x.frequency, x.monetary])).toEqual([
      [7, 0, 1, 100],
      ["a", 2, 2, 55],
      ["b", 112, 1, 15],
    ]);
  });

  it("counts rows and means spend when asked", () => {
    const rows = rfmFromTransactions(log, { asOf: "2024-06-30", frequency: "transactions", monetary: "mean" });
    expect(rows.find((x) => x.customerId === "a")).toMatchObject({ frequency: 3, monetary: 55 / 3 });
  });

  it("scores the values exactly as rfmScores does", () => {
    const tx = loadCdnowSample(fileURLToPath(new URL("../fixtures/cdnow/CDNOW_sample.txt", import.meta.url)));
    const rows = rfmFromTransactions(tx, { asOf: "1997-09-30" });
    const again = rfmScores(rows.map((r) => ({ customerId: r.customerId, recency: r.recency, frequency: r.frequency, monetary: r.monetary })));
    expect(rows.map((r) => r.code)).toEqual(again.map((r) => r.code));
    expect(rows.length).toBe(2357);
  });

  it("reproduces the pandas RFM idiom on the CDNOW sample (qcut R and M, qcut of first-ranks for F)", () => {
    const ref = JSON.parse(readFileSync(new URL("./fixtures/cdnow-rfm-reference.json", import.meta.url), "utf8")) as { customerId: number[]; code: string[]; frequencyQcutRaises: boolean };
    const tx = loadCdnowSample(fileURLToPath(new URL("../fixtures/cdnow/CDNOW_sample.txt", import.meta.url)));
    const method = { recency: "quantile", frequency: "rank", monetary: "quantile" } as const;
    const numpy = rfmFromTransactions(tx, { asOf: "1997-09-30", method, levels: "numpy" });
    expect(numpy.map((r) => r.customerId)).toEqual(ref.customerId);
    expect(numpy.map((r) => r.code)).toEqual(ref.code);
    expect(ref.frequencyQcutRaises).toBe(true);
    // exact levels: the same for all 2357 customers here
    expect(rfmFromTransactions(tx, { asOf: "1997-09-30", method }).map((r) => r.code)).toEqual(ref.code);
  });

  it("returns [] for an empty log", () => {
    expect(rfmFromTransactions([], { asOf: "2024-01-01" })).toEqual([]);
  });

  it("does not mutate its input", () => {
    const frozen = Object.freeze(log.map((r) => Object.freeze({ ...r })));
    const copy = structuredClone(frozen);
    rfmFromTransactions(frozen, { asOf: "2024-06-30" });
    expect(frozen).toEqual(copy);
  });

  it("names bad rows and options with its own function name", () => {
    let e = thrown(() => rfmFromTransactions([{ customerId: 1, at: "2024-02-30" }], { asOf: "2024-06-30" }));
    expect([e.code, e.path]).toEqual(["INVALID_DATE", "transactions[0].at"]);
    expect(e.message).toMatch(/^rfmFromTransactions: /);
    e = thrown(() => rfmFromTransactions(log, {} as never));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.asOf"]);
    e = thrown(() => rfmFromTransactions(log, { asOf: "2024-06-30", monetary: "median" as never }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.monetary"]);
    e = thrown(() => rfmFromTransactions([{ customerId: 1, at: "2024-01-01", amount: -3 }], { asOf: "2024-06-30" }));
    expect([e.code, e.path]).toEqual(["NEGATIVE_AMOUNT", "transactions[0].amount"]);
  });
});
