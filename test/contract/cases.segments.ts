// Valid-argument arbitraries for the rfm, tiers and engine exports (merged into CASES by cases.ts).
import fc from "fast-check";
import type { Case } from "./cases.js";
import { idArb, timeArb, transactionsArb, transactionArb } from "./arbitraries.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);
const num = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
/** Numbers as a CRM export has them: whole counts, money with cents, -0, heavy ties, huge and tiny. */
const metricArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 4 },
  { arbitrary: num(0, 1e4), weight: 4 },
  { arbitrary: fc.constantFrom(0, -0, 1, 1e-300, 1e12, 5e-324), weight: 2 },
  // values near the largest double: b − a, sums and means of them overflow
  { arbitrary: fc.constantFrom(1.7e308, Number.MAX_VALUE, 8.9e307, -1.7e308, -Number.MAX_VALUE), weight: 1 },
);
const binsArb = fc.integer({ min: 2, max: 9 });
const thresholdsArb = fc.uniqueArray(num(-10, 1e4), { minLength: 1, maxLength: 6 }).map((t) => [...t].sort((a, b) => a - b));
const methodArb = fc.oneof(fc.constantFrom("quantile", "rank"), thresholdsArb.map((thresholds) => ({ thresholds })));
const rfmOptions = fc.record(
  {
    bins: binsArb,
    method: fc.oneof(methodArb, fc.record({ recency: methodArb, frequency: methodArb, monetary: methodArb }, { requiredKeys: [] })),
    ties: fc.constantFrom("middle", "low", "high"),
    rankTies: fc.constantFrom("input", "customerId"),
    levels: fc.constantFrom("exact", "numpy"),
  },
  { requiredKeys: [] },
);
const rfmInput = fc.array(fc.record({ customerId: idArb, recency: metricArb, frequency: metricArb, monetary: metricArb }), { maxLength: 40 });
const score5 = fc.record({ r: fc.integer({ min: 1, max: 5 }), f: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 5 }) });
const valueRows = fc.oneof(
  fc.array(fc.record({ customerId: idArb, value: metricArb }), { maxLength: 40 }),
  // distinct ids, so that the values are not refused as duplicates before they are summed or ranked
  fc.uniqueArray(fc.record({ customerId: idArb, value: metricArb }), { maxLength: 30, selector: (r) => r.customerId }),
);
const labelsArb = (min: number, max: number): fc.Arbitrary<string[]> => fc.uniqueArray(fc.constantFrom("A", "B", "C", "D", "E", "gold", "silver"), { minLength: min, maxLength: max });
const tierLabel = fc.constantFrom("gold", "silver", "bronze", 1, 2);
const assignments = fc.array(fc.record({ customerId: idArb, tier: tierLabel }), { maxLength: 30 });
const columnsOf = (rows: { customerId: unknown; at: unknown; amount?: unknown }[], withAmount: boolean): Record<string, unknown[]> => {
  const out: Record<string, unknown[]> = { customerId: rows.map((r) => r.customerId), at: rows.map((r) => r.at) };
  if (withAmount) out["amount"] = rows.map((r) => r.amount ?? 0);
  return out;
};
/** Columns with the ids dictionary-encoded (Arrow's layout): distinct ids in first-appearance order, plus an unused entry. */
const encodedOf = (rows: { customerId: unknown; at: unknown; amount?: unknown }[], withAmount: boolean): Record<string, unknown> => {
  const cols = columnsOf(rows, withAmount);
  const dictionary = [...new Set(cols["customerId"])];
  if (!dictionary.includes("unused")) dictionary.push("unused");
  const codes = Int32Array.from(cols["customerId"]!, (id) => dictionary.indexOf(id));
  return { ...cols, customerId: { codes, dictionary } };
};
const summarizeOptions = fc.record(
  { observationEnd: timeArb, period: fc.constantFrom("day", "week"), unit: fc.constantFrom("day", "week"), monetary: fc.constantFrom("repeat", "all") },
  { requiredKeys: ["observationEnd"] },
);

export const SEGMENT_CASES: Record<string, Case> = {
  // rfm
  rfmScores: { valid: fc.tuple(rfmInput, rfmOptions) },
  rfmScoreColumns: {
    valid: fc.tuple(rfmInput, rfmOptions, fc.boolean(), fc.boolean()).map(([rows, o, typed, typedOut]) => {
      const col = (k: "recency" | "frequency" | "monetary"): ArrayLike<number> => (typed ? Float64Array.from(rows, (r) => r[k]) : rows.map((r) => r[k]));
      return [{ customerId: rows.map((r) => r.customerId), recency: col("recency"), frequency: col("frequency"), monetary: col("monetary") }, typedOut ? { ...o, typed: true } : o];
    }),
  },
  rfmFromTransactions: {
    valid: fc.tuple(transactionsArb, rfmOptions, timeArb, fc.constantFrom("days", "transactions"), fc.constantFrom("total", "mean")).map(([tx, o, asOf, frequency, monetary]) => [
      tx,
      { ...o, asOf, frequency, monetary },
    ]),
  },
  rfmSegment: {
    valid: fc.oneof(
      score5.map((s) => [s]),
      score5.map((s) => [`${s.r}${s.f}${s.m}`]),
      fc.tuple(fc.record({ r: fc.integer({ min: 1, max: 3 }), f: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 3 }) }), fc.constant(undefined), fc.record({ bins: fc.constant(3), fallback: fc.constantFrom("Other", "") }, { requiredKeys: [] })),
    ),
  },
  countRfmSegments: { valid: fc.tuple(fc.array(score5, { maxLength: 40 })) },
  // tiers
  quantileTiers: {
    valid: fc.tuple(
      valueRows,
      fc.record({ labels: labelsArb(1, 5), method: fc.constantFrom("quantile", "rank"), ties: fc.constantFrom("middle", "low", "high"), rankTies: fc.constantFrom("input", "customerId"), levels: fc.constantFrom("exact", "numpy") }, { requiredKeys: [] }),
    ),
  },
  thresholdTiers: {
    valid: thresholdsArb.chain((thresholds) =>
      fc.tuple(valueRows, fc.record({ thresholds: fc.constant(thresholds), labels: labelsArb(thresholds.length + 1, thresholds.length + 1), closed: fc.constantFrom("right", "left") }, { requiredKeys: ["thresholds"] })),
    ),
  },
  abcClassify: {
    valid: fc.tuple(
      valueRows,
      fc.oneof(fc.constant({}), fc.constant({ cutoffs: [0.5, 0.8, 0.95], labels: ["A", "B", "C", "D"] }), fc.constant({ cutoffs: [1], labels: ["all", "none"] })),
    ),
  },
  lifecycleStage: {
    valid: fc.tuple(
      fc.array(
        fc.tuple(idArb, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([customerId, a, b, recentPurchases, priorPurchases]) => ({
          customerId,
          firstAt: BASE - Math.max(a, b) * DAY,
          lastAt: new Date(BASE - Math.min(a, b) * DAY).toISOString(),
          recentPurchases,
          priorPurchases,
        })),
        { maxLength: 30 },
      ),
      fc.record({ asOf: fc.constant(BASE), churnedDays: fc.constant(365), newDays: fc.integer({ min: 1, max: 200 }), atRiskDays: fc.integer({ min: 1, max: 300 }), declineRatio: num(0, 1), growthRatio: num(1, 5) }, { requiredKeys: ["asOf"] }),
    ),
  },
  lifecycleInputs: { valid: fc.tuple(transactionsArb, fc.record({ asOf: timeArb, windowDays: fc.integer({ min: 1, max: 400 }) }, { requiredKeys: ["asOf"] })) },
  renewalFrequencyClass: {
    valid: fc.tuple(
      fc.array(fc.record({ customerId: idArb, renewals: fc.array(timeArb, { maxLength: 12 }) }), { maxLength: 20 }),
      fc.record({ consistency: num(0, 1), frequencyThresholds: fc.constant([2, 6]), longTermRenewals: fc.integer({ min: 1, max: 10 }) }, { requiredKeys: [] }),
    ),
  },
  purchaseBehaviour: {
    valid: fc.tuple(
      fc.array(fc.record({ customerId: idArb, afterOutreach: fc.boolean(), discounted: fc.boolean() }, { requiredKeys: ["customerId"] }), { maxLength: 40 }),
      fc.record({ promotionShare: num(0, 1), outreachShare: num(0, 1), minPurchases: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }),
    ),
  },
  tierTransitions: {
    valid: fc.tuple(
      fc.uniqueArray(fc.record({ customerId: idArb, tier: tierLabel }), { selector: (r) => r.customerId, maxLength: 30 }),
      fc.uniqueArray(fc.record({ customerId: idArb, tier: tierLabel }), { selector: (r) => r.customerId, maxLength: 30 }),
      fc.oneof(fc.constant({}), fc.constant({ order: ["bronze", "silver", "gold", 1, 2] })),
    ),
  },
  // engine
  summarizeColumns: {
    valid: fc
      .tuple(transactionsArb, fc.boolean(), fc.boolean(), summarizeOptions)
      .map(([rows, withAmount, encoded, o]) => [encoded ? encodedOf(rows, withAmount) : columnsOf(rows, withAmount), o]),
  },
  summaryTable: {
    valid: fc
      .tuple(transactionsArb, fc.constantFrom("rows", "columns", "encoded"), fc.boolean(), summarizeOptions, fc.boolean())
      .map(([rows, form, withAmount, o, typed]) => [form === "columns" ? columnsOf(rows, withAmount) : form === "encoded" ? encodedOf(rows, withAmount) : rows, typed ? { ...(o as object), typed: true } : o]),
  },
  createSummaryAccumulator: {
    valid: fc.tuple(summarizeOptions, fc.array(fc.array(transactionArb, { maxLength: 15 }), { maxLength: 4 }), fc.boolean()),
    messagePrefixes: ["SummaryAccumulator."],
    // The accumulator is a stateful object: drive it through add, merge, toJSON and finish.
    invoke: (fn, args) => {
      const [options, batches, viaJson] = args as [unknown, unknown[][], boolean];
      const create = fn as (o: unknown) => { add(b: unknown): unknown; merge(o: unknown): unknown; finish(): unknown; toJSON(): unknown };
      const a = create(options);
      const b = create(options);
      (Array.isArray(batches) ? batches : [batches]).forEach((batch, i) => (i % 2 === 0 ? a : b).add(batch));
      a.merge(viaJson ? JSON.parse(JSON.stringify(b.toJSON())) : b);
      return { summaries: a.finish(), partial: a.toJSON() };
    },
  },
  summarySql: {
    valid: fc.tuple(
      fc.constantFrom("duckdb", "postgres", "bigquery", "spark", "clickhouse"),
      fc.oneof(fc.constantFrom("sales", "tx"), fc.constant(["db", "public", "sales"])),
      fc.record({ customerId: fc.constantFrom("customer_id", "Customer Id"), at: fc.constant("at"), amount: fc.constantFrom("amount", "we\"ird") }, { requiredKeys: ["customerId", "at"] }),
      summarizeOptions,
      fc.constantFrom("timestamp", "epoch_ms"),
    ).map(([dialect, table, columns, o, atType]) => [{ dialect, table, columns, atType, ...o }]),
  },
};
