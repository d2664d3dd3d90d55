import { describe, expect, it } from "vitest";
import { createSummaryAccumulator, summarizeTransactions, type SummaryPartial } from "../../src/index.js";
import { cdnowSample, sameSummaries } from "../engine/helpers.js";
import { codeAndPath } from "../helpers/errors.js";

const options = { observationEnd: "1997-09-30", unit: "week" } as const;


describe("createSummaryAccumulator", () => {
  const rows = cdnowSample();
  const whole = summarizeTransactions(rows, options);

  it("finishes CDNOW in four workers' JSON parts equal to summarizeTransactions on the whole", () => {
    const parts = [0, 1, 2, 3].map((w) => createSummaryAccumulator(options).add(rows.filter((_, i) => i % 4 === w)));
    const wire = parts.map((p) => JSON.parse(JSON.stringify(p)) as SummaryPartial);
    const merged = createSummaryAccumulator(options);
    for (const p of wire.reverse()) merged.merge(p);
    sameSummaries(merged.finish(), whole, 1e-12);
  });

  it("accepts columns and rows in the same accumulator, and merges live accumulators", () => {
    const half = rows.length >> 1;
    const a = createSummaryAccumulator(options).add(rows.slice(0, half));
    const rest = rows.slice(half);
    const b = createSummaryAccumulator(options).add({
      customerId: rest.map((r) => r.customerId),
      at: Float64Array.from(rest, (r) => r.at),
      amount: Float64Array.from(rest, (r) => r.amount),
    });
    sameSummaries(b.merge(a).finish(), whole, 1e-12);
  });

  it("restores from its own JSON and keeps adding", () => {
    const a = createSummaryAccumulator(options).add(rows.slice(0, 1000));
    const partial = a.toJSON();
    const restored = createSummaryAccumulator(partial.options).merge(partial).add(rows.slice(1000));
    sameSummaries(restored.finish(), whole, 1e-12);
  });

  it("is empty before anything is added, and finishing twice gives the same result", () => {
    const acc = createSummaryAccumulator(options);
    expect(acc.finish()).toEqual([]);
    expect(acc.toJSON()).toMatchObject({ customerId: [], periods: [], skippedAfterEnd: 0 });
    acc.add(rows.slice(0, 10));
    expect(acc.finish()).toEqual(acc.finish());
  });

  it("counts rows after the observation end as skipped, across merges", () => {
    const a = createSummaryAccumulator({ observationEnd: "2024-01-01" }).add([{ customerId: 1, at: "2024-01-02" }]);
    const b = createSummaryAccumulator({ observationEnd: "2024-01-01" }).add([{ customerId: 1, at: "2024-01-01T23:00:00Z" }]);
    expect(b.merge(a).toJSON().skippedAfterEnd).toBe(1);
  });

  it("refuses parts with other options with INCOMPATIBLE_SUMMARIES", () => {
    const a = createSummaryAccumulator(options);
    expect(codeAndPath(() => a.merge(createSummaryAccumulator({ ...options, period: "week" })))).toEqual(["INCOMPATIBLE_SUMMARIES", "other.options.period"]);
    expect(codeAndPath(() => a.merge(createSummaryAccumulator({ ...options, observationEnd: "1997-10-01" })))).toEqual([
      "INCOMPATIBLE_SUMMARIES",
      "other.options.observationEnd",
    ]);
    const p = createSummaryAccumulator({ ...options, unit: "day" }).toJSON();
    expect(codeAndPath(() => a.merge(p))).toEqual(["INCOMPATIBLE_SUMMARIES", "other.options.unit"]);
    expect(codeAndPath(() => a.merge({ ...a.toJSON(), options: { ...a.toJSON().options, monetary: "all" } }))).toEqual([
      "INCOMPATIBLE_SUMMARIES",
      "other.options.monetary",
    ]);
  });

  it("refuses malformed parts and itself with INVALID_INPUT naming the field", () => {
    const a = createSummaryAccumulator(options).add(rows.slice(0, 20));
    const good = a.toJSON();
    expect(codeAndPath(() => a.merge(a))).toEqual(["INVALID_INPUT", "other"]);
    expect(codeAndPath(() => a.merge({ ...good, format: "x" } as never))).toEqual(["INVALID_INPUT", "other.format"]);
    expect(codeAndPath(() => a.merge({ ...good, periods: good.periods.slice(1) }))).toEqual(["INVALID_INPUT", "other.periods"]);
    expect(codeAndPath(() => a.merge({ ...good, periodCount: good.periodCount.map(() => 0) }))).toEqual(["OUT_OF_RANGE", "other.periodCount[0]"]);
    expect(codeAndPath(() => a.merge({ ...good, periods: good.periods.map(() => 99_999) }))).toEqual(["INVALID_INPUT", "other.periods[0]"]);
    expect(codeAndPath(() => a.merge({ ...good, totalAmount: good.totalAmount.map(() => Number.NaN) }))).toEqual(["INVALID_NUMBER", "other.totalAmount[0]"]);
    expect(codeAndPath(() => a.merge({ ...good, customerId: good.customerId.map(() => "") }))).toEqual(["INVALID_CUSTOMER_ID", "other.customerId[0]"]);
    expect(codeAndPath(() => a.merge(null as never))).toEqual(["INVALID_TYPE", "other"]);
  });

  it("validates batches with paths inside the batch and options up front", () => {
    const acc = createSummaryAccumulator(options);
    expect(codeAndPath(() => acc.add([{ customerId: 1, at: "nope" }]))).toEqual(["INVALID_DATE", "transactions[0].at"]);
    expect(codeAndPath(() => acc.add({ customerId: [1], at: [0], amount: [-1] }))).toEqual(["NEGATIVE_AMOUNT", "columns.amount[0]"]);
    expect(codeAndPath(() => createSummaryAccumulator({ observationEnd: "x" }))).toEqual(["INVALID_DATE", "options.observationEnd"]);
    expect(codeAndPath(() => createSummaryAccumulator({ observationEnd: 0, period: "month" as never }))).toEqual(["INVALID_UNIT", "options.period"]);
  });

  it("does not mutate batches it reads", () => {
    const batch = Object.freeze(rows.slice(0, 50).map((r) => Object.freeze({ ...r })));
    const copy = structuredClone(batch);
    createSummaryAccumulator(options).add(batch).finish();
    expect(batch).toEqual(copy);
  });
});
