// Valid-argument arbitraries for every public function of the package root. The contract test fails for
// any runtime export that has no entry here, so a new export is covered as soon as it is added.
import fc from "fast-check";
import { fitCoxPh, kaplanMeier } from "../../src/index.js";
import { SEGMENT_CASES } from "./cases.segments.js";

import { timeArb, idArb, transactionArb, transactionsArb, weighted, wideTimeArb } from "./arbitraries.js";
import { ENGINE_CASES } from "./cases.engine.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);
const unitArb = fc.constantFrom("day", "week");

export interface Case {
  /** Argument tuples that are valid input. */
  valid: fc.Arbitrary<unknown[]>;
  /** How to call the export with the arguments (default `fn(...args)`): for exports that return stateful objects. */
  /** Other prefixes an error message may start with (the methods of a returned object). */
  messagePrefixes?: readonly string[];
  invoke?: (fn: (...a: unknown[]) => unknown, args: unknown[]) => unknown;
}

const coxRowsArb = fc.array(
  fc.record({ duration: fc.integer({ min: 0, max: 30 }), event: fc.boolean(), a: fc.double({ min: -10, max: 10, noNaN: true }), b: fc.integer({ min: -5, max: 5 }), g: fc.constantFrom("x", "y") }),
  { maxLength: 60 },
);
const coxOptionsArb = fc.record(
  { covariates: fc.constantFrom(["a"], ["b"], ["a", "b"]), ties: fc.constantFrom("efron", "breslow"), strata: fc.constant("g"), maxIterations: fc.integer({ min: 1, max: 30 }), confidence: fc.double({ min: 0.5, max: 0.999, noNaN: true }), missing: fc.constantFrom("error", "drop") },
  { requiredKeys: ["covariates"] },
);
/** Counting-process rows (start, stop] with an id whose intervals follow one another. */
const coxIntervalRowsArb = fc
  .array(fc.record({ gap: fc.integer({ min: 0, max: 3 }), length: fc.integer({ min: 1, max: 12 }), event: fc.boolean(), a: fc.double({ min: -10, max: 10, noNaN: true }), b: fc.integer({ min: -5, max: 5 }), g: fc.constantFrom("x", "y"), next: fc.boolean() }), { maxLength: 60 })
  .map((specs) => {
    let id = 0;
    let at = 0;
    return specs.map(({ gap, length, next, ...rest }) => {
      if (next) {
        id++;
        at = 0;
      }
      const start = at + gap;
      at = start + length;
      return { start, stop: at, id: `c${id}`, ...rest };
    });
  });
const coxIntervalOptionsArb = fc.record(
  { covariates: fc.constantFrom(["a"], ["b"], ["a", "b"]), intervals: fc.constant(true), id: fc.constant("id"), ties: fc.constantFrom("efron", "breslow"), strata: fc.constant("g"), maxIterations: fc.integer({ min: 1, max: 30 }), missing: fc.constantFrom("error", "drop") },
  { requiredKeys: ["covariates", "intervals"] },
);

export const CASES: Record<string, Case> = {
  parseTime: { valid: timeArb.map((t) => [t]) },
  summarizeTransactions: {
    valid: fc.tuple(transactionsArb, fc.record({ observationEnd: timeArb, period: unitArb, unit: unitArb, monetary: fc.constantFrom("repeat", "all") }, { requiredKeys: ["observationEnd"] })),
  },
  splitCalibrationHoldout: {
    valid: fc.tuple(
      transactionsArb,
      fc.tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: 0, max: 200 }), unitArb, unitArb).map(([c, h, period, unit]) => ({
        calibrationEnd: BASE + c * DAY,
        observationEnd: BASE + (c + h) * DAY,
        period,
        unit,
      })),
    ),
  },
  retentionRate: { valid: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })).map(([s, k, n]) => [{ startCount: s, endCount: Math.min(k, s) + n, newCount: n }]) },
  churnRate: { valid: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })).map(([s, l]) => [{ startCount: s, lostCount: Math.min(s, l) }]) },
  retentionBetween: { valid: fc.tuple(fc.array(idArb, { maxLength: 30 }), fc.array(idArb, { maxLength: 30 })) },
  cohortRetention: {
    valid: fc.tuple(
      fc.array(fc.record({ customerId: idArb, at: wideTimeArb, value: fc.double({ min: -1e4, max: 1e4, noNaN: true }) }, { requiredKeys: ["customerId", "at"] }), { maxLength: 40 }),
      fc.oneof(
        fc.record({ cohort: fc.constantFrom("day", "week", "month"), interval: fc.constantFrom("day", "week", "month"), dayBoundary: fc.constantFrom("calendar", "rolling"), mode: fc.constantFrom("classic", "unbounded"), periods: fc.integer({ min: 1, max: 30 }), observationEnd: wideTimeArb }, { requiredKeys: [] }),
        fc.record({ mode: fc.constant("bracket"), brackets: fc.constant([[0, 0], [1, 3], [5, 9]]), cohort: fc.constantFrom("day", "week", "month"), observationEnd: wideTimeArb }, { requiredKeys: ["mode", "brackets"] }),
      ),
    ),
  },
  revenueRetention: { valid: fc.tuple(...[0, 1].map(() => fc.uniqueArray(fc.record({ customerId: idArb, revenue: fc.double({ min: 0, max: 1e6, noNaN: true }) }), { selector: (r) => r.customerId, maxLength: 30 }))) },
  repeatPurchaseRate: { valid: fc.tuple(transactionsArb, fc.record({ from: timeArb, to: timeArb, period: unitArb }, { requiredKeys: [] })) },
  kaplanMeier: { valid: fc.tuple(fc.array(fc.record({ duration: fc.double({ min: 0, max: 1e4, noNaN: true }), event: fc.boolean() }), { maxLength: 60 }), fc.record({ confidence: fc.oneof(fc.double({ min: 0.01, max: 0.999, noNaN: true }), fc.constantFrom(0.9999999999999999, 1e-300, Number.MIN_VALUE)), confType: fc.constantFrom("log", "log-log", "plain") }, { requiredKeys: [] })) },
  survivalAt: { valid: fc.tuple(fc.array(fc.record({ duration: fc.integer({ min: 0, max: 100 }), event: fc.boolean() }), { maxLength: 30 }), fc.double({ min: -10, max: 200, noNaN: true })).map(([rows, t]) => [kaplanMeier(rows), t]) },
  nelsonAalen: { valid: fc.tuple(fc.array(fc.record({ duration: fc.double({ min: 0, max: 1e4, noNaN: true }), event: fc.boolean() }), { maxLength: 60 }), fc.record({ confidence: fc.oneof(fc.double({ min: 0.01, max: 0.999, noNaN: true }), fc.constantFrom(0.9999999999999999, 1e-300, Number.MIN_VALUE)), confType: fc.constantFrom("log", "log-log", "plain") }, { requiredKeys: [] })) },
  logRankTest: {
    valid: fc.tuple(
      fc.array(fc.record({ duration: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1e300, noNaN: true })), event: fc.boolean(), group: fc.oneof(fc.constantFrom("a", "b", "c"), fc.integer({ min: 0, max: 3 })), site: fc.constantFrom("x", "y", 1) }), { maxLength: 60 }),
      fc.record({ rho: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1e3, noNaN: true })), strata: fc.constant("site") }, { requiredKeys: [] }),
    ),
  },
  restrictedMeanSurvival: {
    valid: fc
      .tuple(fc.array(fc.record({ duration: fc.double({ min: 0, max: 1e4, noNaN: true }), event: fc.boolean() }), { maxLength: 40 }), fc.oneof(fc.double({ min: 0, max: 2e4, noNaN: true }), fc.constantFrom(0, 1e300, Number.MAX_VALUE)))
      .map(([rows, horizon]) => [kaplanMeier(rows), horizon]),
  },
  timeToNthPurchase: { valid: fc.tuple(transactionsArb, fc.record({ n: fc.integer({ min: 2, max: 6 }), period: unitArb }, { requiredKeys: [] })) },
  fitCoxPh: { valid: fc.oneof(fc.tuple(coxRowsArb, coxOptionsArb), fc.tuple(coxIntervalRowsArb, coxIntervalOptionsArb)) },
  coxSurvival: {
    valid: fc.tuple(coxRowsArb, coxOptionsArb, fc.record({ a: fc.double({ min: -10, max: 10, noNaN: true }), b: fc.integer({ min: -5, max: 5 }), g: fc.constantFrom("x", "y", "z") }), fc.option(fc.array(fc.double({ min: -5, max: 40, noNaN: true }), { maxLength: 8 }), { nil: undefined }))
      .map(([rows, options, row, times]) => {
        let model: unknown;
        try {
          model = fitCoxPh(rows, options);
        } catch {
          // rows the model cannot be fitted on: a model of six fixed rows instead
          model = fitCoxPh([0, 2, 1, 0, 1, 0].map((a, i) => ({ duration: i + 1, event: i !== 2, a, b: [1, 0, 0, 1, 1, 0][i]!, g: "x" })), { covariates: ["a", "b"] });
        }
        return times === undefined ? [model, row] : [model, row, times];
      }),
  },
  survivalData: { valid: fc.tuple(fc.array(fc.record({ startAt: fc.integer({ min: -300, max: 0 }).map((d) => BASE + d * DAY), endAt: fc.option(fc.integer({ min: 0, max: 400 }).map((d) => BASE + (d - 300) * DAY)) }, { requiredKeys: ["startAt"] }), { maxLength: 30 }), fc.record({ asOf: fc.constant(BASE), unit: unitArb }, { requiredKeys: ["asOf"] })) },
};

// CLV
const pos = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
/** Model parameters: mostly ordinary ones, sometimes log-uniform over 1e-3..1e3 (where series once cancelled). */
const param = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof({ arbitrary: pos(min, max), weight: 3 }, { arbitrary: fc.double({ min: -3, max: 3, noNaN: true }).map((e) => 10 ** e), weight: 1 });
const bgParams = fc.record({ r: param(0.01, 20), alpha: param(0.01, 100), a: param(0.01, 20), b: param(0.01, 20) });
const paretoParams = fc.record({ r: param(0.01, 20), alpha: param(0.01, 100), s: param(0.01, 20), beta: param(0.01, 100) });
const bgbbParams = fc.record({ alpha: param(0.01, 20), beta: param(0.01, 20), gamma: param(0.01, 20), delta: param(0.01, 20) });
const ggSpec = fc.record({ p: pos(0.1, 20), q: pos(1.1, 20), v: pos(0.1, 100) }).map((params) => ({ model: "gamma-gamma", params }));
const sbgSpec = fc.record({ alpha: pos(0.01, 20), beta: pos(0.01, 20) }).map((params) => ({ model: "sbg", params }));
const rfRow = fc
  .tuple(fc.integer({ min: 0, max: 60 }), pos(0, 1), pos(0, 200))
  .map(([x, share, T]) => ({ frequency: x, recency: x === 0 ? 0 : share * T, T }));
const continuousModel = fc.oneof(
  bgParams.map((params) => ({ model: "bg-nbd", params })),
  bgParams.map((params) => ({ model: "mbg-nbd", params })),
  paretoParams.map((params) => ({ model: "pareto-nbd", params })),
);
const bgbbRow = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.integer({ min: 0, max: n }).chain((x) => fc.integer({ min: x === 0 ? 0 : x, max: x === 0 ? 0 : n }).map((tx) => ({ frequency: x, recency: tx, n }))),
);
const modelAndCustomer = fc.oneof(
  fc.tuple(continuousModel, rfRow),
  fc.tuple(bgbbParams.map((params) => ({ model: "bg-bb", params })), bgbbRow),
);
const survivorsArb = fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 10 }).map((drops) => {
  const out = [1000];
  for (const d of drops) out.push(Math.max(0, out[out.length - 1]! - d));
  return out;
});
const fitOptions = fc.record({ penalizer: pos(0, 0.1), maxIterations: fc.integer({ min: 1, max: 60 }) }, { requiredKeys: [] });
// Fits with covariates: rows with two numeric covariate fields, the option naming some of them.
const covariateRows = fc.array(fc.tuple(rfRow, pos(-3, 3), fc.integer({ min: 0, max: 1 })).map(([row, age, web]) => ({ ...row, age, web })), { maxLength: 25 });
const covariatesOption = fc.record(
  {
    covariates: fc.record(
      { purchase: fc.subarray(["age", "web"]), attrition: fc.subarray(["age", "web"]), penalty: fc.record({ purchase: pos(0, 1), attrition: pos(0, 1) }, { requiredKeys: [] }) },
      { requiredKeys: [] },
    ),
    maxIterations: fc.integer({ min: 1, max: 40 }),
  },
  { requiredKeys: ["covariates"] },
);
const fitArgs = fc.oneof(fc.tuple(weighted(fc.array(rfRow, { maxLength: 25 })), fitOptions), fc.tuple(covariateRows, covariatesOption));
const coefficients = fc.record({ age: pos(-2, 2), web: pos(-2, 2) }, { requiredKeys: [] });
const covariateModel = fc.tuple(continuousModel, coefficients, coefficients).map(([m, purchase, attrition]) => ({ ...m, covariates: { purchase, attrition } }));
const covariateCustomer = fc.tuple(rfRow, pos(-3, 3), fc.integer({ min: 0, max: 1 })).map(([row, age, web]) => ({ ...row, age, web }));

Object.assign(CASES, {
  fitBgNbd: { valid: fitArgs },
  fitModifiedBgNbd: { valid: fitArgs },
  fitParetoNbd: { valid: fitArgs },
  fitBgBb: { valid: fc.tuple(weighted(fc.array(bgbbRow, { maxLength: 25 })), fitOptions) },
  fitGammaGamma: { valid: fc.tuple(weighted(fc.array(fc.record({ frequency: fc.integer({ min: 0, max: 20 }), monetaryValue: pos(0.01, 1000) }), { maxLength: 25 })), fitOptions) },
  fitShiftedBetaGeometric: { valid: fc.tuple(survivorsArb) },
  expectedPurchases: { valid: fc.oneof(fc.tuple(continuousModel, pos(0, 500)), fc.tuple(covariateModel, pos(0, 500), fc.record({ age: pos(-3, 3), web: fc.integer({ min: 0, max: 1 }) }))) },
  indicatorColumns: {
    valid: fc.array(fc.record({ id: fc.integer(), plan: fc.constantFrom("basic", "pro", "enterprise") }), { minLength: 1, maxLength: 30 }).chain((rows) =>
      fc.tuple(fc.constant(rows), fc.constant("plan"), fc.constantFrom(...new Set(rows.map((r) => r.plan))).map((reference) => ({ reference }))),
    ),
  },
  conditionalExpectedPurchases: { valid: modelAndCustomer.chain(([m, c]) => fc.tuple(fc.constant(m), fc.constant(c), m.model === "bg-bb" ? fc.integer({ min: 0, max: 20 }) : pos(0, 500))) },
  probabilityAlive: { valid: fc.oneof(modelAndCustomer, fc.tuple(covariateModel, covariateCustomer)) },
  probabilityOfPurchases: { valid: fc.tuple(continuousModel, fc.integer({ min: 0, max: 20 }), pos(0, 200)) },
  expectedCumulativeTransactions: {
    valid: fc.oneof(
      fc.tuple(continuousModel, fc.array(pos(0, 100), { maxLength: 30 }), fc.array(pos(0, 300), { maxLength: 20 })),
      fc.tuple(bgbbParams.map((params) => ({ model: "bg-bb", params })), fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 20 })),
    ),
  },
  discountedExpectedTransactions: {
    valid: modelAndCustomer.chain(([m, c]) =>
      fc.tuple(
        fc.constant(m),
        fc.constant(c),
        m.model === "bg-bb"
          ? pos(1e-4, 1).map((discountRate) => ({ discountRate }))
          : fc.double({ min: -12, max: 6, noNaN: true }).map((e) => ({ continuousDiscountRate: 10 ** e })),
      ),
    ),
  },
  conditionalProbabilityOfPurchases: {
    valid: modelAndCustomer.chain(([m, c]) =>
      fc.tuple(fc.constant(m), fc.constant(c), fc.integer({ min: 0, max: 20 }), m.model === "bg-bb" ? fc.integer({ min: 0, max: 20 }) : pos(0, 200)),
    ),
  },
  trackingTable: {
    valid: fc.tuple(
      transactionsArb,
      continuousModel,
      fc.tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: 0, max: 200 }), unitArb).map(([c, h, period]) => ({
        calibrationEnd: BASE + c * DAY,
        observationEnd: BASE + (c + h) * DAY,
        period,
      })),
    ),
  },
  expectedAverageSpend: { valid: fc.tuple(ggSpec, fc.record({ frequency: fc.integer({ min: 0, max: 50 }), monetaryValue: pos(0, 1000) })) },
  customerLifetimeValue: {
    valid: fc.tuple(
      bgParams.map((params) => ({ model: "bg-nbd", params })),
      fc.oneof(ggSpec, pos(0, 100)),
      fc.array(rfRow.chain((r) => fc.record({ customerId: idArb, monetaryValue: pos(0, 500) }).map((extra) => ({ ...r, ...extra }))), { maxLength: 10 }),
      // Long horizons too (up to the maximum, 10 000 periods): their cost must not grow with the horizon.
      fc.record({ horizon: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 24 }), weight: 5 }, { arbitrary: fc.integer({ min: 201, max: 10_000 }), weight: 1 }), discountRate: pos(0, 0.2), unit: unitArb }),
    ),
  },
  calibrationHoldoutTable: {
    valid: fc.tuple(
      continuousModel,
      fc.array(rfRow.chain((r) => fc.record({ holdoutFrequency: fc.integer({ min: 0, max: 10 }), holdoutDuration: pos(0, 100) }).map((h) => ({ ...r, ...h }))), { maxLength: 20 }),
      fc.record({ maxFrequency: fc.integer({ min: 1, max: 10 }) }, { requiredKeys: [] }),
    ),
  },
  periodTransactionsHistogram: {
    valid: fc.oneof(
      fc.tuple(continuousModel, weighted(fc.array(rfRow, { maxLength: 20 })), fc.record({ maxFrequency: fc.integer({ min: 1, max: 100 }), fittedParameters: fc.integer({ min: 0, max: 100 }) }, { requiredKeys: [] })),
      fc.tuple(bgbbParams.map((params) => ({ model: "bg-bb", params })), weighted(fc.array(bgbbRow, { maxLength: 20 })), fc.record({ maxFrequency: fc.integer({ min: 1, max: 30 }) }, { requiredKeys: [] })),
    ),
  },
  frequencyRecencyMatrix: {
    valid: fc.oneof(
      fc.tuple(continuousModel, fc.record({ T: pos(0, 200), t: pos(0, 200), maxFrequency: fc.integer({ min: 0, max: 30 }), recencyStep: pos(0.5, 50) }, { requiredKeys: ["T", "t"] })),
      fc.tuple(bgbbParams.map((params) => ({ model: "bg-bb", params })), fc.record({ T: fc.integer({ min: 0, max: 40 }), t: fc.integer({ min: 0, max: 40 }), maxFrequency: fc.integer({ min: 0, max: 20 }), recencyStep: fc.integer({ min: 1, max: 10 }) }, { requiredKeys: ["T", "t"] })),
    ),
  },
  holdoutAccuracy: {
    valid: fc.oneof(
      fc.tuple(
        continuousModel,
        fc.array(rfRow.chain((r) => fc.record({ holdoutFrequency: fc.integer({ min: 0, max: 10 }), holdoutDuration: pos(0, 100) }).map((h) => ({ ...r, ...h }))), { maxLength: 20 }),
        fc.record({ confidence: pos(0.5, 0.99) }, { requiredKeys: [] }),
      ),
      fc.tuple(
        bgbbParams.map((params) => ({ model: "bg-bb", params })),
        fc.array(bgbbRow.chain((r) => fc.record({ holdoutFrequency: fc.integer({ min: 0, max: 10 }), holdoutDuration: fc.integer({ min: 0, max: 12 }) }).map((h) => ({ ...r, ...h }))), { maxLength: 20 }),
      ),
    ),
  },
  retentionCurve: { valid: fc.tuple(sbgSpec, fc.integer({ min: 0, max: 60 })) },
  discountedResidualLifetime: {
    valid: fc.tuple(
      sbgSpec,
      fc.record({
        renewals: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 30 }), weight: 4 }, { arbitrary: fc.constantFrom(1e6, 1e15, 1e308, Number.MAX_VALUE), weight: 1 }),
        discountRate: fc.oneof({ arbitrary: pos(0.001, 1), weight: 4 }, { arbitrary: fc.constantFrom(0, 1e-9, 5e-324), weight: 1 }),
      }),
    ),
  },
  simpleClv: { valid: fc.record({ margin: pos(0, 1000), retentionRate: pos(0, 0.99), discountRate: pos(0, 1), horizon: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: ["margin", "retentionRate", "discountRate"] }).map((x) => [x]) },
  historicalClv: { valid: fc.tuple(transactionsArb, fc.record({ margin: pos(0, 1) }, { requiredKeys: [] })) },
} satisfies Record<string, Case>);

Object.assign(CASES, SEGMENT_CASES);

/** Runtime exports that are not functions of data (classes, constants): checked separately. */
export const NOT_FUNCTIONS = new Set(["RetentionKitError", "ERROR_CODES"]);

// NPS, churn signals, renewal reminders and touchpoints.
import { ENGAGEMENT_CASES } from "./cases.engagement.js";
Object.assign(CASES, ENGAGEMENT_CASES);
Object.assign(CASES, ENGINE_CASES);

// Churn models: logistic regression and classifier evaluation.
import { MODEL_CASES } from "./cases.models.js";
Object.assign(CASES, MODEL_CASES);

// Loyalty: membership levels, account managers, follow-up agendas.
import { LEVEL_CASES } from "./cases.levels.js";
Object.assign(CASES, LEVEL_CASES);
// Loyalty: the points ledger.
import { LOYALTY_CASES } from "./cases.loyalty.js";
Object.assign(CASES, LOYALTY_CASES);
// Prediction intervals: a model with a positive definite covariance (equicorrelated, coefficients of
// variation 1 %–100 %), none, or a singular one. The BG family's kernels cost milliseconds per call for a
// customer with many purchases and T or recency near 0 (and a DERT, an integral of them, up to ~0.1 s), so
// the valid customers are ordinary ones (T ≥ 1, recency ≥ T/20), the continuous DERT is left to the unit
// tests and the CLV runs with the delta method only: every valid call stays fast.
const covarianceFor = (params: Record<string, number>): fc.Arbitrary<unknown> => {
  const names = Object.keys(params);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(pos(0.01, 1), { minLength: names.length, maxLength: names.length }), pos(-0.3, 0.9)).map(([cv, rho]) => ({
      names,
      matrix: names.map((k, i) => names.map((l, j) => (i === j ? 1 : rho) * cv[i]! * params[k]! * cv[j]! * params[l]!)),
    })) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant({ names, matrix: names.map(() => names.map(() => 1)) }) },
  );
};
const withCovariance = (m: { model: string; params: Record<string, number> }): fc.Arbitrary<unknown> => covarianceFor(m.params).map((covariance) => ({ ...m, covariance }));
const ordinaryRow = fc
  .tuple(fc.integer({ min: 0, max: 30 }), pos(0.05, 1), pos(1, 200), idArb, pos(0, 500))
  .map(([x, share, T, customerId, monetaryValue]) => ({ frequency: x, recency: x === 0 ? 0 : share * T, T, customerId, monetaryValue }));
const intervalCommon = { level: pos(0.01, 0.999), seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }), horizon: pos(0, 200) };
Object.assign(CASES, {
  predictionIntervals: {
    valid: fc.oneof(
      fc.tuple(
        continuousModel.chain(withCovariance),
        fc.array(ordinaryRow, { maxLength: 6 }),
        fc.record(
          { ...intervalCommon, method: fc.constant("sampling"), draws: fc.integer({ min: 10, max: 20 }), cumulative: fc.record({ births: fc.array(pos(0, 50), { maxLength: 10 }), times: fc.array(pos(0, 100), { maxLength: 5 }) }) },
          { requiredKeys: ["draws"] },
        ),
      ),
      fc.tuple(
        continuousModel.chain(withCovariance),
        fc.array(ordinaryRow, { maxLength: 6 }),
        fc.record(
          {
            ...intervalCommon,
            method: fc.constant("delta"),
            clv: fc.record({ spendModel: fc.oneof(ggSpec.chain(withCovariance), pos(0, 100)), horizon: fc.integer({ min: 0, max: 24 }), discountRate: pos(0, 0.2), unit: unitArb }, { requiredKeys: ["spendModel", "horizon", "unit"] }),
          },
          { requiredKeys: ["method"] },
        ),
      ),
      fc.tuple(
        bgbbParams.map((params) => ({ model: "bg-bb", params })).chain(withCovariance),
        fc.array(bgbbRow, { maxLength: 4 }),
        fc.record({ ...intervalCommon, method: fc.constantFrom("sampling", "delta"), draws: fc.integer({ min: 10, max: 20 }), horizon: fc.integer({ min: 0, max: 20 }), discountRate: pos(0.01, 1) }, { requiredKeys: ["draws"] }),
      ),
    ),
  },
});
