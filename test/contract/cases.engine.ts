// Valid-argument arbitraries for the engine's exports: the summary paths for larger data and the scorer.
import fc from "fast-check";
import type { Case } from "./cases.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);
// Own arbitraries (not imported from cases.ts: it imports this file, and the cycle would leave them undefined).
const timeArb = fc.oneof(
  fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }),
  fc.integer({ min: -400, max: 400 }).map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10)),
  fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }).map((ms) => new Date(ms)),
);
const idArb = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom("a", "b", "c", "C-01"));
const transactionsArb = fc.array(
  fc.record({ customerId: idArb, at: timeArb, amount: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(undefined)) }, { requiredKeys: ["customerId", "at"] }),
  { maxLength: 40 },
);
const unitArb = fc.constantFrom("day", "week");
const summaryOptions = fc.record({ observationEnd: timeArb, period: unitArb, unit: unitArb, monetary: fc.constantFrom("repeat", "all") }, { requiredKeys: ["observationEnd"] });
const columnsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -300, max: 300 }), fc.double({ min: 0, max: 1e5, noNaN: true })), { maxLength: 40 }).map((rows) => ({
  customerId: Int32Array.from(rows, (r) => r[0]),
  at: Float64Array.from(rows, (r) => BASE + r[1] * DAY),
  amount: Float64Array.from(rows, (r) => r[2]),
}));
const sqlName = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);

/** A churn model as a CRM stores it (plain JSON), on purchase features the engine computes. */
const CHURN_MODEL = {
  model: "churn-logistic", features: ["recencyDays", "frequency", "rfmM"], dropped: [], unit: "day",
  definition: { snapshotAt: "2023-01-01T00:00:00.000Z", start: null, windowEnd: "2023-04-01T00:00:00.000Z", windowDays: 90, label: "churned" },
  coefficients: { intercept: 0.4, recencyDays: 0.01, frequency: -0.3, rfmM: -0.1 },
  standardErrors: { intercept: 0.1, recencyDays: 0.001, frequency: 0.05, rfmM: 0.02 },
  pValues: { intercept: 0.01, recencyDays: 0.01, frequency: 0.01, rfmM: 0.01 },
  standardisedCoefficients: { recencyDays: 0.8, frequency: -0.4, rfmM: -0.14 },
  means: { recencyDays: 120, frequency: 1.2, rfmM: 3 }, scales: { recencyDays: 80, frequency: 1.5, rfmM: 1.4 },
  penalty: 0, converged: true, reason: null, iterations: 6, deviance: 100, nullDeviance: 120, aic: 108, customers: 100, churners: 60,
};

/** Every id idArb can give (for a covariate side table that covers any transactions). */
const ALL_IDS: (string | number)[] = [...Array.from({ length: 31 }, (_, i) => i), "a", "b", "c", "C-01"];
/** Models fitted with covariates (age, channel), as a CRM stores them. */
const COVARIATE_MODELS = {
  "pareto-nbd": { model: "pareto-nbd", params: { r: 0.6, alpha: 9, s: 0.7, beta: 11 }, covariates: { purchase: { age: 0.2, channel: 0.5 }, attrition: { age: -0.1, channel: -0.4 } } },
  "bg-nbd": { model: "bg-nbd", params: { r: 0.3, alpha: 5, a: 0.8, b: 2.5 }, covariates: { purchase: { channel: 0.5 }, attrition: { age: 0.3 } } },
  "mbg-nbd": { model: "mbg-nbd", params: { r: 0.3, alpha: 5, a: 0.8, b: 2.5 }, covariates: { attrition: { channel: -0.2 } } },
} as const;

/** A plain-JSON scoring config: parts on (with some options), off, or left to their defaults. */
export const scoreConfigArb = fc.record(
  {
    summary: fc.record({ period: unitArb, unit: unitArb }, { requiredKeys: [] }),
    rfm: fc.oneof(fc.constant(false), fc.record({ bins: fc.integer({ min: 2, max: 7 }), method: fc.constantFrom("quantile", "rank"), ties: fc.constantFrom("middle", "low", "high") }, { requiredKeys: [] })),
    tiers: fc.oneof(fc.constant(false), fc.record({ value: fc.constantFrom("totalAmount", "monetaryValue"), labels: fc.constantFrom(["low", "high"], ["c", "b", "a"]) }, { requiredKeys: [] })),
    abc: fc.oneof(fc.constant(false), fc.record({ cutoffs: fc.constantFrom([0.5], [0.8, 0.95]) }, { requiredKeys: [] }).map((o) => (o.cutoffs ? { ...o, labels: o.cutoffs.length === 1 ? ["A", "B"] : ["A", "B", "C"] } : o))),
    lifecycle: fc.oneof(fc.constant(false), fc.record({ windowDays: fc.integer({ min: 1, max: 200 }), churnedDays: fc.integer({ min: 200, max: 500 }) }, { requiredKeys: [] })),
    churn: fc.oneof(
      fc.constant(false),
      fc.record(
        {
          rules: fc.record({ inactivity: fc.oneof(fc.constant(false), fc.record({ days: fc.integer({ min: 1, max: 120 }) })), featureDrop: fc.constant(false) }, { requiredKeys: [] }),
          cutoffs: fc.record({ medium: fc.constant(0.2), high: fc.constant(0.7) }),
        },
        { requiredKeys: [] },
      ),
    ),
    churnModel: fc.oneof(fc.constant(false), fc.constant({ model: CHURN_MODEL })),
    clv: fc.oneof(
      fc.constant(false),
      // Models given, as a CRM stores them: fitting on a few random rows is covered by the fit functions' own cases.
      fc.record(
        {
          horizon: fc.integer({ min: 0, max: 24 }),
          discountRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
          transactionModel: fc.record({ r: fc.double({ min: 0.1, max: 2, noNaN: true }), alpha: fc.double({ min: 1, max: 20, noNaN: true }), a: fc.double({ min: 0.1, max: 2, noNaN: true }), b: fc.double({ min: 0.5, max: 5, noNaN: true }) }).map((params) => ({ model: "bg-nbd", params })),
          spendModel: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant({ model: "gamma-gamma", params: { p: 6.25, q: 3.74, v: 15.44 } })),
          method: fc.constantFrom("horizon", "dert"),
        },
        { requiredKeys: ["transactionModel", "spendModel"] },
      ),
    ),
    loyalty: fc.oneof(
      fc.constant(false),
      fc.record(
        {
          levels: fc.oneof(
            fc.constant(false),
            fc.record(
              {
                levels: fc.constantFrom([{ name: "Silver", minSpend: 100, windowMonths: 12 }, { name: "Gold", minSpend: 1e5, windowMonths: 12 }], [{ name: "Regular", minPurchases: 2, windowDays: 90 }]),
                reviewEvery: fc.constantFrom("month", "quarter", "year"),
                graceDays: fc.integer({ min: 0, max: 60 }),
              },
              { requiredKeys: ["levels"] },
            ),
          ),
          points: fc.oneof(
            fc.constant(false),
            fc.record({ pointsPerAmount: fc.constantFrom(0.5, 1, 2), expiryDays: fc.integer({ min: 1, max: 400 }), capPerPurchase: fc.constantFrom(null, 1000), pointValue: fc.constantFrom(null, 0.01) }, { requiredKeys: [] }),
          ),
          managers: fc.oneof(
            fc.constant(false),
            fc.record(
              {
                managers: fc.constantFrom([{ managerId: "m1", capacity: 3 }, { managerId: "m2", capacity: 2, active: false }], []),
                keyAccount: fc.constantFrom({ topN: 4 }, { minValue: 100 }),
                balance: fc.constantFrom("value", "count"),
              },
              { requiredKeys: ["managers", "keyAccount"] },
            ),
          ),
        },
        { requiredKeys: [] },
      )
        .chain((o) => fc.boolean().map((multiply) => {
          // Level multipliers need the levels part: the lowest level's, when both parts are on.
          if (!multiply || o.levels === false || o.levels === undefined || o.points === false || o.points === undefined) return o;
          return { ...o, points: { ...o.points, levelMultipliers: { [o.levels.levels[0]!.name]: 1.5 } } };
        })),
    ),
  },
  { requiredKeys: ["clv"] },
);

const activityArb = fc.array(
  fc.record({ customerId: idArb, type: fc.constantFrom("login", "feature", "survey", "complaint"), at: timeArb, feature: fc.constantFrom("export", "api"), score: fc.integer({ min: 0, max: 10 }) }, { requiredKeys: ["customerId", "type", "at"] }),
  { maxLength: 20 },
);
// Earn events only: a redemption above the balance is refused (INSUFFICIENT_POINTS), as it should be.
const pointsEventsArb = fc.array(fc.record({ customerId: idArb, at: timeArb, type: fc.constant("earn"), points: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 10 });
const currentManagersArb = fc.uniqueArray(fc.record({ customerId: idArb, managerId: fc.constantFrom("m1", "m2", "m9") }), { maxLength: 8, selector: (r) => r.customerId });
/** {@link columnsArb} with the ids dictionary-encoded: the dictionary lists ids in a shuffled order, some unused. */
const encodedColumnsArb = fc.tuple(columnsArb, fc.integer()).map(([c, seed]) => {
  const dictionary = Array.from({ length: 31 }, (_, k) => `id-${(k * 17 + (seed >>> 0)) % 31}`);
  const codes = Int32Array.from(c.customerId, (id) => dictionary.indexOf(`id-${id}`));
  return { ...c, customerId: { codes, dictionary } };
});
const scoreInputArb = fc.oneof(
  fc.record({ transactions: transactionsArb, activity: activityArb, pointsEvents: pointsEventsArb, currentManagers: currentManagersArb, observationEnd: timeArb }, { requiredKeys: ["transactions", "observationEnd"] }),
  fc.record({ transactions: columnsArb, observationEnd: fc.constant(BASE + 400 * DAY) }),
  fc.record({ transactions: encodedColumnsArb, observationEnd: fc.constant(BASE + 400 * DAY) }),
);

const dialectArb = fc.constantFrom("duckdb", "postgres", "bigquery", "spark", "clickhouse");
const summarySourceArb = fc.oneof(sqlName, fc.array(sqlName, { minLength: 1, maxLength: 3 }), fc.constant({ query: "SELECT * FROM customer_summary" }));
/** Distinct histories (frequency, recency, t) with counts, as patternsSql's query gives them. */
const historiesArb = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), { maxLength: 12, selector: (h) => `${h[0]} ${h[0] === 0 ? 0 : h[1]} ${h[1] + h[2]}` })
  .chain((hs) => fc.tuple(...hs.map(() => fc.integer({ min: 1, max: 1000 }))).map((ws) => hs.map(([x, r, gap], i) => ({ frequency: x, recency: x === 0 ? 0 : r / 7, t: (r + gap) / 7, customers: ws[i]! }))));
const spendArb = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0.5, max: 500, noNaN: true })), { maxLength: 12, selector: (s) => `${s[0]} ${s[0] === 0 ? 0 : s[1]}` })
  .chain((ss) => fc.tuple(...ss.map(() => fc.integer({ min: 1, max: 1000 }))).map((ws) => ss.map(([x, m], i) => ({ frequency: x, monetary_value: x === 0 ? 0 : m, customers: ws[i]! }))));
const patternConfigArb = fc.record(
  {
    summary: fc.record({ unit: unitArb }),
    clv: fc.record(
      {
        model: fc.constantFrom("bg-nbd", "mbg-nbd", "pareto-nbd"),
        horizon: fc.integer({ min: 1, max: 24 }),
        margin: fc.double({ min: 0, max: 1, noNaN: true }),
        method: fc.constantFrom("horizon", "dert"),
        discountRate: fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        transactionModel: fc.constant({ model: "mbg-nbd", params: { r: 0.5, alpha: 3, a: 0.8, b: 2.5 } }),
        spendModel: fc.oneof(fc.constant({ model: "gamma-gamma", params: { p: 6, q: 4, v: 15 } }), fc.double({ min: 0, max: 100, noNaN: true })),
        maxIterations: fc.integer({ min: 1, max: 50 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
/** scorePatterns' result rows: predictions with finite numbers (expected spend possibly null). */
const historyPredictionsArb = historiesArb.map((hs) => hs.map((h) => ({ ...h, probability_alive: 0.5, expected_purchases: h.frequency / 3, value_per_spend: h.t / 11 })));
const spendPredictionsArb = spendArb.map((ss) => ss.map((s) => ({ ...s, expected_spend: s.frequency === 5 ? null : s.monetary_value + 1, value_per_purchase: s.frequency === 5 ? null : (s.monetary_value + 1) / 3 })));

/** The engine's argument tuples, shared by its two forms (rows and columns). */
const scoreArgsArb = fc.oneof(
      fc.tuple(scoreInputArb, scoreConfigArb),
      // With a calibration end (the holdout check): transactions, the clv part on.
      fc.tuple(
        fc.tuple(transactionsArb, fc.integer({ min: -400, max: 400 })).map(([transactions, c]) => ({ transactions, observationEnd: BASE + 400 * DAY, calibrationEnd: BASE + c * DAY })),
        scoreConfigArb.filter((c) => c.clv !== false),
      ),
      // With covariates: a side table of every id the transactions can carry, and a model fitted with them.
      fc.tuple(
        fc.record({ transactions: transactionsArb, observationEnd: timeArb }),
        fc.array(fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(0, 1)), { minLength: ALL_IDS.length, maxLength: ALL_IDS.length }),
        scoreConfigArb,
        fc.constantFrom("pareto-nbd", "bg-nbd", "mbg-nbd"),
        fc.constantFrom("horizon", "dert"),
      ).map(([input, values, config, model, method]) => [
        { ...input, covariates: ALL_IDS.map((customerId, i) => ({ customerId, age: values[i]![0], channel: values[i]![1] })) },
        { ...config, clv: { transactionModel: COVARIATE_MODELS[model], spendModel: 20, method, discountRate: 0.01 } },
      ]),
    );

export const ENGINE_CASES: Record<string, Case> = {
  // summarizeColumns, createSummaryAccumulator and summarySql: see cases.segments.ts.
  createScorer: { valid: fc.tuple(scoreConfigArb) },
  rfmSql: {
    valid: fc.tuple(
      fc.record(
        {
          dialect: dialectArb,
          summary: summarySourceArb,
          bins: fc.integer({ min: 2, max: 12 }),
          ties: fc.constantFrom("middle", "low", "high"),
          levels: fc.constantFrom("exact", "numpy"),
          method: fc.constantFrom("quantile", { thresholds: [30, 90.5, 365] }, { recency: { thresholds: [7, 30] }, frequency: "quantile", monetary: "quantile" }),
          segments: fc.constantFrom(false, undefined),
          unit: fc.constantFrom("day", "week"),
        },
        { requiredKeys: ["dialect", "summary"] },
      ),
    ),
  },
  patternsSql: { valid: fc.tuple(fc.record({ dialect: dialectArb, summary: summarySourceArb, kind: fc.constantFrom("histories", "spend") }, { requiredKeys: ["dialect", "summary"] })) },
  scorePatterns: {
    // The two sets of one summary: the spend patterns count the histories' customers.
    valid: fc.tuple(
      patternConfigArb,
      fc.tuple(historiesArb, fc.double({ min: 0.5, max: 500, noNaN: true })).map(([histories, m]) => ({
        histories,
        spend: histories.map((h, i) => ({ frequency: h.frequency, monetary_value: h.frequency === 0 ? 0 : m + i, customers: h.customers })).filter((s, i, all) => s.frequency > 0 || all.findIndex((o) => o.frequency === 0) === i)
          .map((s, _, all) => (s.frequency === 0 ? { ...s, customers: histories.filter((h) => h.frequency === 0).reduce((a, h) => a + h.customers, 0) } : s)),
      })),
    ),
  },
  predictionsSql: {
    valid: fc.tuple(
      fc.record({
        dialect: dialectArb,
        summary: summarySourceArb,
        histories: fc.oneof(sqlName, historyPredictionsArb),
        spend: fc.oneof(sqlName, spendPredictionsArb),
      }),
    ),
  },
  scoreCustomers: { valid: scoreArgsArb },
  scoreCustomerColumns: { valid: scoreArgsArb },
};

