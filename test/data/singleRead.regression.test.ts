// Regressions for "read each field of each row once": a function that validated one read of a field and
// then stored or used another trusted a value nobody checked. A getter that answers NaN and then a number
// (or counts its reads) makes the difference visible: kaplanMeier looped forever on a NaN it had never
// validated, npsByPeriod could count an answer it had not checked.
import { describe, expect, it } from "vitest";
import {
  cohortRetention, conditionalExpectedPurchases, customerLifetimeValue, detectChurnSignals, fitGammaGamma, kaplanMeier, npsByPeriod,
  createSummaryAccumulator, purchaseBehaviour, rfmScores, scoreCustomers, summarizeTransactions, summaryTable, survivalData, touchpoints,
} from "../../src/index.js";
import { codeOf } from "../contract/check.js";

/** A row whose fields are getters counting their reads into `reads` (key → count). */
function counted<T extends Record<string, unknown>>(fields: T, reads: Map<string, number>, tag = ""): T {
  const row = {} as T;
  for (const [k, v] of Object.entries(fields)) {
    Object.defineProperty(row, k, {
      enumerable: true,
      get: () => {
        reads.set(tag + k, (reads.get(tag + k) ?? 0) + 1);
        return v;
      },
    });
  }
  return row;
}

/** A row whose field `key` answers `first` on the first read and `later` afterwards. */
function flaky(fields: Record<string, unknown>, key: string, first: unknown, later: unknown): Record<string, unknown> {
  let n = 0;
  return Object.defineProperty({ ...fields }, key, { enumerable: true, get: () => (n++ === 0 ? first : later) });
}

const most = (reads: Map<string, number>): number => Math.max(0, ...reads.values());

describe("kaplanMeier reads each field once", () => {
  it("refuses a duration that reads NaN and then 5 (it validated the second read, kept NaN, and never ended)", () => {
    const rows = [{ duration: 1, event: true }, flaky({ event: true }, "duration", Number.NaN, 5)];
    expect(codeOf(() => kaplanMeier(rows as never))).toBe("INVALID_NUMBER observations[1].duration");
  });

  it("refuses an event that reads 1 and then true", () => {
    expect(codeOf(() => kaplanMeier([flaky({ duration: 3 }, "event", 1, true)] as never))).toBe("INVALID_TYPE observations[0].event");
  });

  it("reads each field of a row once, valid or not", () => {
    const reads = new Map<string, number>();
    kaplanMeier([counted({ duration: 3, event: true }, reads, "0."), counted({ duration: 5, event: false }, reads, "1.")]);
    expect(most(reads)).toBe(1);
    reads.clear();
    codeOf(() => kaplanMeier([counted({ duration: -1, event: true }, reads)]));
    expect(most(reads)).toBe(1);
  });
});

describe("every row reader keeps the values it validated", () => {
  it("cohortRetention: one read of customerId, at and value (value was read twice)", () => {
    const reads = new Map<string, number>();
    cohortRetention([counted({ customerId: 1, at: "2024-01-01", value: 2 }, reads), counted({ customerId: 1, at: "2024-02-01", amount: 3 }, reads, "b.")], { cohort: "month", interval: "month", observationEnd: "2024-03-01" });
    expect(most(reads)).toBe(1);
    expect(codeOf(() => cohortRetention([flaky({ customerId: 1, at: "2024-01-01" }, "value", Number.NaN, 1)] as never, { cohort: "month" }))).toBe("INVALID_NUMBER events[0].value");
    expect(codeOf(() => cohortRetention([flaky({ customerId: 1, value: 1 }, "at", "not a date", "2024-01-01")] as never, { cohort: "month" }))).toBe("INVALID_DATE events[0].at");
  });

  it("survivalData: one read of endAt (it was read three times)", () => {
    const reads = new Map<string, number>();
    survivalData([counted({ startAt: "2024-01-01", endAt: "2024-01-15" }, reads)], { asOf: "2024-02-01" });
    expect(most(reads)).toBe(1);
  });

  it("npsByPeriod: counts the answer it checked (an answer reading 9 then 99 was checked as 9, counted as 99)", () => {
    const reads = new Map<string, number>();
    const [row] = npsByPeriod([counted({ at: "2024-01-02", answer: 9 }, reads)], { period: "month" });
    expect(most(reads)).toBe(1);
    expect(row!.promoters).toBe(1);
    expect(codeOf(() => npsByPeriod([flaky({ at: "2024-01-02" }, "answer", 99, 9)] as never, { period: "month" }))).toBe("INVALID_ANSWER responses[0].answer");
  });

  it("purchaseBehaviour: one read of afterOutreach and discounted", () => {
    const reads = new Map<string, number>();
    purchaseBehaviour([counted({ customerId: "a", afterOutreach: true, discounted: false }, reads)]);
    expect(most(reads)).toBe(1);
  });

  it("touchpoints: one read of birthday, memberSince, firstPurchaseAt and of each event's fields", () => {
    const reads = new Map<string, number>();
    const events = [counted({ type: "purchase", at: "2024-03-02" }, reads, "e.")];
    touchpoints([counted({ customerId: 7, birthday: "1990-03-05", memberSince: "2021-03-04", firstPurchaseAt: "2024-03-02", events }, reads)], { asOf: "2024-03-01", horizonDays: 10 });
    expect(most(reads)).toBe(1);
  });

  it("detectChurnSignals: one read of events and of each event's at (at was read twice)", () => {
    const reads = new Map<string, number>();
    const events = [counted({ type: "login", at: "2024-01-20" }, reads, "e."), counted({ type: "complaint", at: "2024-03-02" }, reads, "f.")];
    detectChurnSignals([counted({ customerId: "b", events }, reads)], { asOf: "2024-03-31" });
    expect(most(reads)).toBe(1);
    const bad = [{ customerId: "b", events: [flaky({ type: "login" }, "at", "never", "2024-01-20")] }];
    expect(codeOf(() => detectChurnSignals(bad as never, { asOf: "2024-03-31" }))).toBe("INVALID_DATE customers[0].events[0].at");
  });

  it("rfmScores: returns the ids it validated (it read each id again for the output)", () => {
    const reads = new Map<string, number>();
    const rows = ["a", "b", "c"].map((customerId, i) => counted({ customerId, recency: i, frequency: 3 - i, monetary: 10 * i }, reads, `${i}.`));
    const out = rfmScores(rows, { rankTies: "customerId" });
    expect(most(reads)).toBe(1);
    expect(out.map((r) => r.customerId)).toEqual(["a", "b", "c"]);
    const flip = flaky({ recency: 1, frequency: 1, monetary: 1 }, "customerId", "x", Number.NaN);
    expect(rfmScores([flip] as never)[0]!.customerId).toBe("x");
  });

  it("customerLifetimeValue and the BTYD readers: one read of each field, valid or refused", () => {
    const model = { model: "bg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } } as const;
    const reads = new Map<string, number>();
    customerLifetimeValue(model, 10, [counted({ customerId: 1, frequency: 2, recency: 30, T: 39, monetaryValue: 20 }, reads)], { unit: "week", horizon: 52 });
    expect(most(reads)).toBe(1);
    reads.clear();
    // A refused row went through the checks again with fresh reads of every field.
    codeOf(() => conditionalExpectedPurchases(model, counted({ frequency: 1.5, recency: 30, T: 39 }, reads), 10));
    expect(most(reads)).toBe(1);
    expect(codeOf(() => conditionalExpectedPurchases(model, flaky({ recency: 3, T: 5 }, "frequency", Number.NaN, 1) as never, 10))).toBe("INVALID_NUMBER customer.frequency");
  });

  it("fitGammaGamma: one read of weight for a customer without repeat purchases", () => {
    const reads = new Map<string, number>();
    const rows = [{ frequency: 2, monetaryValue: 22.35 }, { frequency: 1, monetaryValue: 11.77 }, { frequency: 7, monetaryValue: 73.74 }, counted({ frequency: 0, monetaryValue: 0, weight: 3 }, reads)];
    fitGammaGamma(rows);
    expect(most(reads)).toBe(1);
  });

  it("scoreCustomers with lifecycle stages: one read of each transaction field (the window counts read every row again)", () => {
    const reads = new Map<string, number>();
    const transactions = [
      counted({ customerId: 1, at: "2024-01-01", amount: 10 }, reads, "0."), counted({ customerId: 1, at: "2024-02-01", amount: 12 }, reads, "1."),
      counted({ customerId: 2, at: "2024-01-15", amount: 5 }, reads, "2."),
    ];
    scoreCustomers({ transactions, observationEnd: "2024-03-01" }, { clv: false, churn: false, rfm: false, tiers: false, lifecycle: { windowDays: 30 } } as never);
    expect(reads.get("0.at")).toBe(1);
    expect(reads.get("0.amount")).toBe(1);
  });

  it("scoreCustomers over ready summaries: one read of each field, and a field that turns NaN is never used", () => {
    const reads = new Map<string, number>();
    const base = { frequency: 2, recency: 30, T: 39, monetaryValue: 20, totalAmount: 60, firstAt: Date.UTC(2024, 0, 1), lastAt: Date.UTC(2024, 1, 1), transactionCount: 3 };
    const summaries = [counted({ customerId: "a", ...base }, reads, "a."), counted({ customerId: "b", ...base, frequency: 0, recency: 0, transactionCount: 1 }, reads, "b.")];
    const config = { clv: false, churn: false, rfm: false, tiers: false, lifecycle: { windowDays: 30 } };
    scoreCustomers({ summaries, observationEnd: "2024-03-01" } as never, config as never);
    expect(most(reads)).toBe(1);
    const flip = flaky({ customerId: "a", ...base }, "lastAt", base.lastAt, Number.NaN);
    const out = scoreCustomers({ summaries: [flip], observationEnd: "2024-03-01" } as never, config as never) as unknown as { customers: { lastAt: number }[] };
    expect(out.customers[0]!.lastAt).toBe(base.lastAt);
  });

  it("summarizeTransactions, summaryTable and the accumulator: one read of customerId (the direct-mode scan read it first)", () => {
    const make = (reads: Map<string, number>) => [1, 2, 1].map((customerId, i) => counted({ customerId, at: Date.UTC(2024, 0, 1 + 10 * i), amount: 5 }, reads, `${i}.`));
    const runs: ((rows: never) => unknown)[] = [
      (rows) => summarizeTransactions(rows, { observationEnd: "2024-03-01" }),
      (rows) => summaryTable(rows, { observationEnd: "2024-03-01" }),
      (rows) => createSummaryAccumulator({ observationEnd: "2024-03-01" }).add(rows).finish(),
    ];
    for (const run of runs) {
      const reads = new Map<string, number>();
      run(make(reads) as never);
      expect(most(reads)).toBe(1);
    }
    // An id that reads 1 for the scan and "x" afterwards is summarised under the id that was checked.
    const flip = flaky({ at: Date.UTC(2024, 0, 1), amount: 5 }, "customerId", 1, "x");
    expect(summarizeTransactions([flip] as never, { observationEnd: "2024-03-01" }).map((r) => r.customerId)).toEqual([1]);
    // Where the scan stops (an id that is not a small whole number), the id it read is the one used.
    const stray = flaky({ at: Date.UTC(2024, 0, 2), amount: 5 }, "customerId", "s", 2);
    const mixed = [{ customerId: 1, at: Date.UTC(2024, 0, 1), amount: 5 }, stray, counted({ customerId: 3, at: Date.UTC(2024, 0, 3) }, new Map())];
    expect(summarizeTransactions(mixed as never, { observationEnd: "2024-03-01" }).map((r) => r.customerId)).toEqual([1, 3, "s"]);
  });
});
