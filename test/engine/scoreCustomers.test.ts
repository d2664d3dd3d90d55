import { describe, expect, it } from "vitest";
import {
  abcClassify,
  conditionalExpectedPurchases,
  createScorer,
  detectChurnSignals,
  customerLifetimeValue,
  DEFAULT_RFM_SEGMENTS,
  fitBgNbd,
  fitModifiedBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  lifecycleInputs,
  lifecycleStage,
  probabilityAlive,
  quantileTiers,
  RetentionKitError,
  rfmFromTransactions,
  rfmSegment,
  scoreCustomers,
  summarizeTransactions,
  type ScoreResult,
} from "../../src/index.js";
import { cdnowSample } from "./helpers.js";
import { codeAndPath } from "../helpers/errors.js";

const rows = cdnowSample();
const END = "1998-06-30";
const result = scoreCustomers({ transactions: rows, observationEnd: END }, {}) as ScoreResult;


describe("scoreCustomers on the CDNOW sample agrees column by column with the public functions", () => {
  const summaries = summarizeTransactions(rows, { observationEnd: END, unit: "week" });
  const c = result.customers;

  it("has one row per customer with the summary of summarizeTransactions", () => {
    expect(c).toHaveLength(2357);
    expect(c.map((r) => ({ customerId: r.customerId, frequency: r.frequency, recency: r.recency, T: r.T, monetaryValue: r.monetaryValue, transactionCount: r.transactionCount, totalAmount: r.totalAmount, firstAt: r.firstAt, lastAt: r.lastAt, unit: r.unit }))).toEqual(summaries);
  });

  it("has the RFM scores of rfmFromTransactions and the segments of rfmSegment", () => {
    const rfm = rfmFromTransactions(rows, { asOf: END, rankTies: "customerId" });
    expect(c.map((r) => [r.customerId, r.recencyDays, r.rfmR, r.rfmF, r.rfmM, r.rfmCode, r.rfmTotal])).toEqual(rfm.map((r) => [r.customerId, r.recency, r.r, r.f, r.m, r.code, r.total]));
    expect(c.map((r) => r.rfmSegment)).toEqual(rfm.map((r) => rfmSegment(r, DEFAULT_RFM_SEGMENTS)));
  });

  it("has the value tiers of quantileTiers and the classes of abcClassify over total spend", () => {
    const values = summaries.map((s) => ({ customerId: s.customerId, value: s.totalAmount }));
    expect(c.map((r) => r.valueTier)).toEqual(quantileTiers(values).map((t) => t.tier));
    const abc = abcClassify(values).customers;
    expect(c.map((r) => [r.abcClass, r.abcCumulativeShare])).toEqual(abc.map((a) => [a.class, a.cumulativeShare]));
  });

  it("has the stages of lifecycleStage over lifecycleInputs", () => {
    const life = lifecycleStage(lifecycleInputs(rows, { asOf: END }), { asOf: END });
    expect(c.map((r) => [r.customerId, r.lifecycleStage, r.tenureDays, r.daysSinceLast])).toEqual(life.map((l) => [l.customerId, l.stage, l.tenureDays, l.daysSinceLast]));
  });

  // The default transaction model is MBG/NBD (it was BG/NBD, whose P(alive) of one-time buyers is 1).
  it("fits BG/NBD as fitBgNbd does when the config asks for it", () => {
    const r = scoreCustomers({ transactions: rows, observationEnd: END }, { clv: { model: "bg-nbd" } }) as ScoreResult;
    expect(r.models.transaction).toEqual(fitBgNbd(summaries));
  });

  it("fits MBG/NBD and Gamma-Gamma as fitModifiedBgNbd and fitGammaGamma do, and records the fits", () => {
    expect(result.models.transaction).toEqual(fitModifiedBgNbd(summaries));
    expect(result.models.spend).toEqual(fitGammaGamma(summaries, { zeroSpend: "ignore" }));
  });

  it("has the P(alive), 12-month expected purchases and CLV of the scalar functions", () => {
    const bg = fitModifiedBgNbd(summaries);
    const gg = fitGammaGamma(summaries, { zeroSpend: "ignore" });
    expect(c.map((r) => r.probabilityAlive)).toEqual(summaries.map((s) => probabilityAlive(bg, s)));
    expect(c.map((r) => r.expectedPurchases)).toEqual(summaries.map((s) => conditionalExpectedPurchases(bg, s, 12 * 4.345)));
    const clv = customerLifetimeValue(bg, gg, summaries, { horizon: 12, discountRate: 0.01, unit: "week" });
    expect(c.map((r) => [r.customerId, r.expectedSpend, r.clv])).toEqual(clv.map((v) => [v.customerId, v.expectedSpend, v.clv]));
  });

  it("records the config with every default filled in", () => {
    expect(result.config).toEqual(createScorer().config);
    expect(result.config.clv).toEqual({ model: "mbg-nbd", horizon: 12, discountRate: 0.01, margin: 1, penalizer: 0, maxIterations: 200, transactionModel: null, spendModel: null, method: "horizon", intervals: false, covariates: false });
    expect(result.config.summary).toEqual({ period: "day", unit: "week" });
    expect(result.observationEnd).toBe(Date.UTC(1998, 5, 30));
  });

  it("has the churn assessments of detectChurnSignals over the activity and the last purchase", () => {
    // Synthetic app activity for every 7th customer: logins, a complaint for some, renewals for a few.
    const activity: { customerId: number; type: string; at: number; score?: number }[] = [];
    const renewals: { customerId: number; renewalAt: string }[] = [];
    for (const s of summaries) {
      const id = s.customerId as number;
      if (id % 7 !== 0) continue;
      for (let k = 1; k <= (id % 5) + 1; k++) activity.push({ customerId: id, type: "login", at: Date.UTC(1998, 5, 30) - k * (id % 40) * 86_400_000 });
      if (id % 3 === 0) activity.push({ customerId: id, type: "survey", at: Date.UTC(1998, 5, 20), score: id % 11 });
      if (id % 11 === 0) renewals.push({ customerId: id, renewalAt: "1998-07-15" });
    }
    const r = scoreCustomers({ transactions: rows, activity, renewals, observationEnd: END }, { clv: false });
    const input = summaries.map((s) => {
      const events: { type: string; at: number; score?: number }[] = activity.filter((a) => a.customerId === s.customerId).map(({ customerId: _id, ...e }) => e);
      events.push({ type: "purchase", at: s.lastAt });
      const renewal = renewals.find((x) => x.customerId === s.customerId);
      return renewal === undefined ? { customerId: s.customerId, events } : { customerId: s.customerId, events, renewalAt: renewal.renewalAt };
    });
    const byId = new Map(detectChurnSignals(input, { asOf: END }).map((a) => [a.customerId, a]));
    expect(r.customers.map((x) => [x.churnRiskScore, x.churnRiskLevel, x.churnSignals])).toEqual(summaries.map((s) => {
      const a = byId.get(s.customerId)!;
      return [a.riskScore, a.riskLevel, a.signals];
    }));
    expect(r.customers.map((x) => x.churnReasons)).toEqual(summaries.map((s) => byId.get(s.customerId)!.signals.map((g) => g.reason).join("; ")));
    expect(new Set(r.customers.map((x) => x.churnRiskLevel))).toEqual(new Set(["low", "medium", "high"]));
  });

  it("fits Pareto/NBD when the config asks for it", () => {
    const r = scoreCustomers({ summaries, observationEnd: END }, { clv: { model: "pareto-nbd" }, rfm: false, tiers: false, abc: false, lifecycle: false });
    const pnbd = fitParetoNbd(summaries);
    expect(r.models.transaction).toEqual(pnbd);
    expect(r.customers.slice(0, 50).map((x) => x.probabilityAlive)).toEqual(summaries.slice(0, 50).map((s) => probabilityAlive(pnbd, s)));
  });

  it("scores with the models of an earlier run without fitting again", () => {
    const again = scoreCustomers({ transactions: rows, observationEnd: END }, { clv: { transactionModel: result.models.transaction as never, spendModel: result.models.spend as never } });
    expect(again.customers).toEqual(result.customers);
    expect(again.models.transaction).toEqual({ ...result.models.transaction });
  });
});

describe("scoreCustomers on many distinct histories (the fits' warm-started path) agrees with the public functions", () => {
  // 30 000 customers with continuous ages and spends: more than 20 000 distinct (x, t_x, T) and (x, z̄)
  // patterns, so fitBgNbd and fitGammaGamma start from a subsample fit; a few repeat buyers spent nothing.
  let seed = 12_345;
  const u = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
  const DAY = 86_400_000;
  const end = Date.UTC(2024, 0, 1);
  const many = Array.from({ length: 30_000 }, (_, i) => {
    // BG/NBD-like: purchases at rate λ while alive, dropout with probability p after each purchase.
    const T = 1 + u() * 100;
    const rate = -Math.log(1 - u()) * 0.5;
    const p = 0.05 + 0.4 * u();
    let t = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      t += -Math.log(1 - u()) / rate;
      if (t > T) break;
      frequency++;
      recency = t;
      if (u() < p) break;
    }
    const monetaryValue = frequency === 0 || i % 997 === 0 ? 0 : 5 + u() * 50;
    const firstAt = end - T * 7 * DAY;
    const lastAt = firstAt + recency * 7 * DAY;
    return { customerId: i, frequency, recency, T, monetaryValue, transactionCount: frequency + 1, totalAmount: monetaryValue * (frequency + 1), firstAt, lastAt };
  });
  const r = scoreCustomers({ summaries: many, observationEnd: end }, { churn: false });

  it("records the fits of fitModifiedBgNbd and fitGammaGamma, bit for bit", () => {
    // The engine records the unit it scored in (the config's, as these rows carry none).
    expect(r.models.transaction).toEqual({ ...fitModifiedBgNbd(many), unit: "week" });
    const gg = fitGammaGamma(many, { zeroSpend: "ignore" });
    expect(gg.zeroSpendCustomers).toBeGreaterThan(0);
    expect(r.models.spend).toEqual(gg);
  });

  it("has the CLV columns of customerLifetimeValue, bit for bit", () => {
    const clv = customerLifetimeValue(fitModifiedBgNbd(many), fitGammaGamma(many, { zeroSpend: "ignore" }), many, { horizon: 12, discountRate: 0.01, unit: "week" });
    expect(r.customers.map((x) => [x.probabilityAlive, x.expectedPurchases, x.expectedSpend, x.clv])).toEqual(clv.map((v) => [v.probabilityAlive, v.expectedPurchases, v.expectedSpend, v.clv]));
  });
});

describe("scoreCustomers input forms", () => {
  const small = rows.slice(0, 600);
  const base = scoreCustomers({ transactions: small, observationEnd: END });

  it("gives byte-identical JSON for the same input and config", () => {
    expect(JSON.stringify(scoreCustomers({ transactions: small, observationEnd: END }))).toBe(JSON.stringify(base));
    expect(JSON.stringify(createScorer(JSON.parse(JSON.stringify(base.config))).score({ transactions: structuredClone(small), observationEnd: END }))).toBe(JSON.stringify(base));
  });

  it("gives the same result for columns, a one-shot generator and async batches", async () => {
    const columns = { customerId: Int32Array.from(small, (r) => r.customerId as number), at: Float64Array.from(small, (r) => r.at), amount: Float64Array.from(small, (r) => r.amount) };
    expect(scoreCustomers({ transactions: columns, observationEnd: END })).toEqual(base);
    function* gen(): Generator<(typeof small)[number]> {
      yield* small;
    }
    expect(scoreCustomers({ transactions: gen(), observationEnd: END })).toEqual(base);
    async function* batches(): AsyncGenerator<typeof small | typeof columns> {
      yield small.slice(0, 100);
      yield { customerId: columns.customerId.subarray(100, 350), at: columns.at.subarray(100, 350), amount: columns.amount.subarray(100, 350) };
      yield small.slice(350);
    }
    const pending = scoreCustomers({ transactions: batches(), observationEnd: END });
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(base);
  });

  it("gives the same result for ready summaries carrying the lifecycle window counts", () => {
    const summaries = summarizeTransactions(small, { observationEnd: END, unit: "week" });
    const counts = new Map(lifecycleInputs(small, { asOf: END }).map((l) => [l.customerId, l]));
    const withCounts = summaries.map((s) => ({ ...s, recentPurchases: counts.get(s.customerId)!.recentPurchases, priorPurchases: counts.get(s.customerId)!.priorPurchases }));
    expect(scoreCustomers({ summaries: withCounts, observationEnd: END }).customers).toEqual(base.customers);
  });

  it("leaves the input unchanged", () => {
    const copy = structuredClone(small);
    const frozen = Object.freeze(small.map((r) => Object.freeze({ ...r })));
    scoreCustomers({ transactions: frozen, observationEnd: END });
    expect(small).toEqual(copy);
  });

  it("fills a switched-off part's columns with null", () => {
    const r = scoreCustomers({ transactions: small, observationEnd: END }, { rfm: false, tiers: false, abc: false, lifecycle: false, churn: false, clv: false });
    const row = r.customers[0]!;
    for (const k of ["churnRiskScore", "churnRiskLevel", "churnReasons", "churnSignals", "rfmR", "rfmF", "rfmM", "rfmCode", "rfmTotal", "rfmSegment", "valueTier", "abcClass", "abcCumulativeShare", "lifecycleStage", "tenureDays", "daysSinceLast", "probabilityAlive", "expectedPurchases", "expectedSpend", "clv"] as const) {
      expect(row[k], k).toBeNull();
    }
    expect(r.models).toEqual({ transaction: null, spend: null });
    expect(Object.keys(row)).toEqual(Object.keys(base.customers[0]!));
  });

  it("tiers by CLV when asked, from the clv column", () => {
    const r = scoreCustomers({ transactions: small, observationEnd: END }, { tiers: { value: "clv", labels: ["bronze", "silver", "gold"] } });
    expect(r.customers.map((x) => x.valueTier)).toEqual(quantileTiers(r.customers.map((x) => ({ customerId: x.customerId, value: x.clv ?? 0 })), { labels: ["bronze", "silver", "gold"] }).map((t) => t.tier));
  });

  it("scores no customers as an empty result", () => {
    expect(scoreCustomers({ transactions: [], observationEnd: END }).customers).toEqual([]);
    expect(scoreCustomers({ summaries: [], observationEnd: END }).models).toEqual({ transaction: null, spend: null });
  });

  it("names the bad row, also inside an async batch", async () => {
    const bad = [{ customerId: 1, at: "1997-01-01", amount: 3 }, { customerId: 2, at: "1997-13-01", amount: 3 }];
    expect(codeAndPath(() => scoreCustomers({ transactions: bad, observationEnd: END }))).toEqual(["INVALID_DATE", "input.transactions[1].at"]);
    function* gen(): Generator<unknown> {
      yield* bad;
    }
    expect(codeAndPath(() => scoreCustomers({ transactions: gen() as never, observationEnd: END }))).toEqual(["INVALID_DATE", "input.transactions[1].at"]);
    async function* batches(): AsyncGenerator<typeof bad> {
      yield [bad[0]!];
      yield [bad[0]!, bad[1]!];
    }
    const e = await (scoreCustomers({ transactions: batches(), observationEnd: END }) as Promise<unknown>).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RetentionKitError);
    expect([(e as RetentionKitError).code, (e as RetentionKitError).path]).toEqual(["INVALID_DATE", "input.transactions[1][1].at"]);
    expect((e as RetentionKitError).message.startsWith("scoreCustomers")).toBe(true);
  });

  it("refuses ready summaries that repeat a customer id, dense or sparse, number or string", () => {
    const one = result.customers[0]!;
    const row = { customerId: 0, frequency: one.frequency, recency: one.recency, T: one.T, monetaryValue: one.monetaryValue, transactionCount: one.transactionCount, totalAmount: one.totalAmount, firstAt: one.firstAt, lastAt: one.lastAt };
    for (const ids of [[1, 2, 3, 2], [1e12, 5, 1e12], [0.5, 0.25, 0.5], ["a", "b", "a"]]) {
      const summaries = ids.map((customerId) => ({ ...row, customerId }));
      expect(codeAndPath(() => scoreCustomers({ summaries, observationEnd: END }, { clv: false }))).toEqual(["DUPLICATE_ID", `customers[${ids.length - 1}].customerId`]);
    }
    const distinct = [7, 3, 1e12, 0.5].map((customerId) => ({ ...row, customerId }));
    expect(scoreCustomers({ summaries: distinct, observationEnd: END }, { clv: false }).customers.map((c) => c.customerId)).toEqual([7, 3, 1e12, 0.5]);
  });

  it("names the bad activity event by its index in input.activity", () => {
    const activity = [{ customerId: 1, type: "login", at: "1998-01-01" }, { customerId: 2, type: "login", at: "1998-02-30" }];
    expect(codeAndPath(() => scoreCustomers({ transactions: small, activity, observationEnd: END }, { clv: false }))).toEqual(["INVALID_DATE", "input.activity[1].at"]);
    expect(codeAndPath(() => scoreCustomers({ transactions: small, activity: [{ type: "login", at: 0 }] as never, observationEnd: END }, { clv: false }))).toEqual(["INVALID_CUSTOMER_ID", "input.activity[0].customerId"]);
  });

  it("refuses an input without an observation end, or with both or neither of transactions and summaries", () => {
    expect(codeAndPath(() => scoreCustomers({ transactions: [] } as never))).toEqual(["INVALID_INPUT", "input.observationEnd"]);
    expect(codeAndPath(() => scoreCustomers({ observationEnd: END }))).toEqual(["INVALID_INPUT", "input"]);
    expect(codeAndPath(() => scoreCustomers({ transactions: [], summaries: [], observationEnd: END }))).toEqual(["INVALID_INPUT", "input"]);
    expect(codeAndPath(() => scoreCustomers({ summaries: [{ customerId: 1 }] as never, observationEnd: END }))).toEqual(["INVALID_TYPE", "input.summaries[0].frequency"]);
  });

  it("names the first bad ready summary row, a hole included, whatever the parts switched on", () => {
    const one = result.customers[0]!;
    const ok = { customerId: 1, frequency: one.frequency, recency: one.recency, T: one.T, monetaryValue: one.monetaryValue, transactionCount: one.transactionCount, totalAmount: one.totalAmount, firstAt: one.firstAt, lastAt: one.lastAt };
    const bad = [ok, { ...ok, customerId: 2 }, { ...ok, customerId: 3, recency: Number.NaN }, { ...ok, customerId: 4, lastAt: "x" }];
    for (const config of [{}, { clv: false as const, rfm: false as const, churn: false as const }]) {
      expect(codeAndPath(() => scoreCustomers({ summaries: bad as never, observationEnd: END }, config))).toEqual(["INVALID_NUMBER", "input.summaries[2].recency"]);
      const holey = [ok, , { ...ok, customerId: 3 }];
      expect(codeAndPath(() => scoreCustomers({ summaries: holey as never, observationEnd: END }, config))).toEqual(["INVALID_TYPE", "input.summaries[1]"]);
    }
  });
});

describe("createScorer config validation", () => {
  const cases: [string, unknown, string][] = [
    ["an unknown part", { rfmm: {} }, "config.rfmm"],
    ["an unknown key", { rfm: { bin: 4 } }, "config.rfm.bin"],
    ["a bad bin count", { rfm: { bins: 1 } }, "config.rfm.bins"],
    ["a bad tie rule", { rfm: { ties: "up" } }, "config.rfm.ties"],
    ["a bad segment map", { rfm: { segments: { bins: 0, segments: [] } } }, "config.rfm.segments.bins"],
    ["a bad tier value", { tiers: { value: "profit" } }, "config.tiers.value"],
    ["empty tier labels", { tiers: { labels: [] } }, "config.tiers.labels"],
    ["descending ABC cutoffs", { abc: { cutoffs: [0.9, 0.5] } }, "config.abc.cutoffs[1]"],
    ["at-risk after churned", { lifecycle: { atRiskDays: 400 } }, "config.lifecycle.atRiskDays"],
    ["a zero window", { lifecycle: { windowDays: 0 } }, "config.lifecycle.windowDays"],
    ["a fractional horizon", { clv: { horizon: 1.5 } }, "config.clv.horizon"],
    ["a negative discount rate", { clv: { discountRate: -0.1 } }, "config.clv.discountRate"],
    ["an unknown model", { clv: { model: "bg-bb" } }, "config.clv.model"],
    ["a bad fitted model", { clv: { transactionModel: { model: "bg-nbd", params: { r: -1, alpha: 1, a: 1, b: 1 } } } }, "config.clv.transactionModel.params.r"],
    // A fitted model with covariates is scored with each customer's covariate fields (scoreCovariates.test.ts); a bad coefficient is refused.
    ["a fitted model with a coefficient that is not a number", { clv: { transactionModel: { model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 }, covariates: { purchase: { web: "0.5" } } } } }, "config.clv.transactionModel.covariates.purchase.web"],
    ["config.clv.covariates with an unknown key", { clv: { covariates: { trans: ["web"] } } }, "config.clv.covariates.trans"],
    ["a negative constant spend", { clv: { spendModel: -3 } }, "config.clv.spendModel"],
    ["tiers by CLV with CLV off", { tiers: { value: "clv" }, clv: false }, "config.tiers.value"],
    ["a part that is not an object", { abc: true }, "config.abc"],
    ["the summary switched off", { summary: false }, "config.summary"],
    ["a bad unit", { summary: { unit: "month" } }, "config.summary.unit"],
    ["an unknown churn rule", { churn: { rules: { inactive: {} } } }, "config.churn.rules.inactive"],
    ["an unknown churn rule option", { churn: { rules: { inactivity: { dayz: 3 } } } }, "config.churn.rules.inactivity.dayz"],
    ["a bad churn rule option", { churn: { rules: { inactivity: { days: -3 } } } }, "config.churn.rules.inactivity.days"],
    ["churn cut-offs out of order", { churn: { cutoffs: { medium: 0.8, high: 0.2 } } }, "config.churn.cutoffs"],
    ["a function in the config", { rfm: { fallback: () => "x" } }, "config.rfm.fallback"],
    ["a config that is not an object", [1], "config"],
  ];
  for (const [what, config, path] of cases) {
    it(`refuses ${what} with INVALID_CONFIG at ${path}`, () => {
      expect(codeAndPath(() => createScorer(config as never))).toEqual(["INVALID_CONFIG", path]);
      expect(codeAndPath(() => scoreCustomers({ summaries: [], observationEnd: END }, config as never))).toEqual(["INVALID_CONFIG", path]);
    });
  }

  it("names the function and the key in the message", () => {
    try {
      createScorer({ rfm: { bins: 1 } });
    } catch (e) {
      expect((e as Error).message).toMatch(/^createScorer: config\.rfm\.bins/);
    }
  });

  it("does not share its resolved config with the caller's object or with results", () => {
    const config = { tiers: { labels: ["a", "b"] } };
    const scorer = createScorer(config);
    config.tiers.labels.push("c");
    expect(scorer.config.tiers).toMatchObject({ labels: ["a", "b"] });
    const r = scorer.score({ summaries: [], observationEnd: END });
    (r.config.tiers as { labels: string[] }).labels.push("z");
    expect(scorer.score({ summaries: [], observationEnd: END }).config.tiers).toMatchObject({ labels: ["a", "b"] });
  });

  it("accepts its own resolved config and the JSON round trip of it", () => {
    const resolved = createScorer({ rfm: { bins: 3 }, abc: false }).config;
    expect(createScorer(JSON.parse(JSON.stringify(resolved))).config).toEqual(resolved);
  });
});
