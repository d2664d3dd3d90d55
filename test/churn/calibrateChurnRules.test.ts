import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrateChurnRules, detectChurnSignals, scoreCustomers, type CustomerActivity } from "../../src/index.js";
import { CALIBRATION_END, cdnowHoldout, purchaseLogs } from "./cdnowHoldout.js";
import { thrown } from "./testkit.js";

const DAY = 86_400_000;
const day = (d: number): number => Date.UTC(2024, 0, 1) + d * DAY;
const buyer = (id: number, ...days: number[]): CustomerActivity => ({ customerId: id, events: days.map((d) => ({ type: "purchase", at: day(d) })) });

describe("calibrateChurnRules", () => {
  // Mean gaps 30, 30, 10, 20, 5, 80 days → base gap (20 + 30) / 2 = 25. At day 99 the three who churned
  // have been quiet 89, 79 and 84 days against thresholds (1 ×) 20, 23.3 and 13 days; the others 9, 9, 19
  // days against 28, 28, 43.3: gapMultiple 1 separates them (J = 1), up to 3 too (ties: the first); at 4
  // (thresholds 80, 93.3, 52) customer 4 is no longer flagged, at 6 (120, 140, 78) only customer 5.
  const customers = [buyer(1, 0, 10, 20, 90), buyer(2, 0, 30, 60, 90), buyer(3, 0, 10), buyer(4, 0, 20), buyer(5, 0, 5, 10, 15), buyer(6, 0, 80)];
  const labels = [false, false, true, true, true, false];

  it("picks the base gap, the threshold by Youden's J and the weight by causal power, by hand", () => {
    const c = calibrateChurnRules(customers, labels, { asOf: day(99) });
    expect(c.baseGapDays).toBe(25);
    expect(c.churnRate).toBe(0.5);
    const inactivity = c.candidates.filter((x) => x.rule === "inactivity");
    expect(inactivity.map((x) => [x.value, x.fired, x.youdenJ])).toEqual([[1, 3, 1], [1.5, 3, 1], [2, 3, 1], [3, 3, 1], [4, 2, 2 / 3], [6, 1, 1 / 3]]);
    expect(inactivity.filter((x) => x.chosen).map((x) => x.value)).toEqual([1]);
    // p₁ = 3/3 churned where it fires, p₀ = 0/3 where nothing fires → w = 1.
    // Customer 5 bought 4 times in the 70 days before the last 30 and not since: a 100% drop, a churner (J = 1/3, w = 1).
    expect(c.candidates.filter((x) => x.rule === "activityDecline").map((x) => [x.value, x.fired, x.chosen])).toEqual([[0.25, 1, true], [0.5, 1, false], [0.75, 1, false]]);
    expect(c.config.rules).toEqual({ inactivity: { relativeTo: "customer", gapMultiple: 1, baseGapDays: 25, priorGaps: 2, weight: 1 }, activityDecline: { minDrop: 0.25, weight: 1 }, negativeFeedback: false, featureDrop: false, renewalRisk: false });
    expect(c.evaluation.auc).toBe(1);
    expect(c.evaluation.levels.map((l) => [l.level, l.customers, l.churned])).toEqual([["high", 3, 3], ["medium", 0, 0], ["low", 3, 0]]);
  });

  it("weights a rule by (p₁ − p₀) / (1 − p₀) and splits medium from high by Youden's J", () => {
    // Four quiet one-timers (2 churn), and stayers/churners among regular buyers.
    const more = [...customers, buyer(7, 0, 10), buyer(8, 0, 20, 40, 60, 80, 90)];
    const ys = [...labels, false, false];
    const c = calibrateChurnRules(more, ys, { asOf: day(99), gapMultiples: [1] });
    const fired = c.candidates.find((x) => x.rule === "inactivity")!;
    // Fires for customers 3, 4, 5, 7 (3 churned); p₀ = 0 among the 4 without a signal → w = 0.75.
    expect([fired.fired, fired.churnRate]).toEqual([4, 0.75]);
    expect((c.config.rules.inactivity as { weight: number }).weight).toBe(0.75);
    const risks = detectChurnSignals(more, { asOf: day(99), ...c.config });
    expect(risks.filter((r) => r.riskLevel !== "low").map((r) => r.customerId).sort()).toEqual([3, 4, 5, 7]);
  });

  it("gives the same configuration for any order of the customers (with their labels)", () => {
    const base = calibrateChurnRules(customers, labels, { asOf: day(99) });
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }), (order) => {
        const c = calibrateChurnRules(order.map((i) => customers[i]!), order.map((i) => labels[i]!), { asOf: day(99) });
        expect(c.config).toEqual(base.config);
        expect(c.evaluation).toEqual(base.evaluation);
      }),
    );
  });

  it("refuses mismatched or one-class labels and bad candidates", () => {
    expect(thrown(() => calibrateChurnRules(customers, labels.slice(1), { asOf: day(99) }))).toMatchObject({ code: "INVALID_INPUT", path: "labels" });
    expect(thrown(() => calibrateChurnRules(customers, labels.map(() => true), { asOf: day(99) }))).toMatchObject({ code: "INSUFFICIENT_DATA", path: "labels" });
    expect(thrown(() => calibrateChurnRules(customers, [...labels.slice(0, 5), 1 as never], { asOf: day(99) }))).toMatchObject({ path: "labels[5]" });
    expect(thrown(() => calibrateChurnRules([buyer(1, 0), buyer(2, 3)], [true, false], { asOf: day(99) }))).toMatchObject({ code: "INSUFFICIENT_DATA", path: "customers" });
    expect(thrown(() => calibrateChurnRules(customers, labels, { asOf: day(99), gapMultiples: [0] }))).toMatchObject({ path: "options.gapMultiples[0]" });
    expect(thrown(() => calibrateChurnRules(customers, labels, { asOf: day(99), minDrops: [1.5] }))).toMatchObject({ path: "options.minDrops[0]" });
    expect(thrown(() => calibrateChurnRules(customers, labels, { asOf: day(99), gapMultipes: [1] } as never))).toMatchObject({ code: "UNKNOWN_OPTION" });
    expect(thrown(() => calibrateChurnRules(customers, labels, {} as never))).toMatchObject({ path: "options.asOf" });
  });

  it("does not mutate its inputs", () => {
    const copy = JSON.parse(JSON.stringify(customers)) as unknown;
    calibrateChurnRules(customers, labels, { asOf: day(99) });
    expect(customers).toEqual(copy);
  });
});

describe("calibrateChurnRules on the full CDNOW cohort (snapshot 1997-09-30, label: no purchase to 1998-06-30)", () => {
  const h = cdnowHoldout();
  const logs = purchaseLogs(h);
  const labels = logs.map((c) => !h.boughtAgain.has(c.customerId));
  const c = calibrateChurnRules(logs, labels, { asOf: CALIBRATION_END });

  it("finds the base gap, a threshold of 4 gaps, informative levels and an AUC of 0.71", () => {
    expect(c.customers).toBe(23_570);
    expect(c.churnRate).toBeCloseTo(0.7006, 4);
    expect(c.baseGapDays).toBeCloseTo(48.4, 9);
    expect(c.config.rules.inactivity).toMatchObject({ relativeTo: "customer", gapMultiple: 4, priorGaps: 2, weight: 0.699 });
    // Purchases alone: the decline rule fires for few customers and for fewer churners than stayers (J < 0): off.
    expect(c.config.rules.activityDecline).toBe(false);
    expect(c.evaluation.auc!).toBeCloseTo(0.7077, 3);
    expect(c.evaluation.levels.map((l) => [l.level, l.customers])).toEqual([["high", 12_581], ["medium", 3373], ["low", 7616]]);
    const rate = c.evaluation.levels.map((l) => l.churnRate!);
    expect(rate[0]!).toBeGreaterThan(rate[1]!);
    expect(rate[1]!).toBeGreaterThan(rate[2]! + 0.3);
  });

  it("is reproduced by detectChurnSignals and by the engine with the returned configuration", () => {
    const levels = (xs: readonly (string | null)[]) => ["high", "medium", "low"].map((l) => xs.filter((x) => x === l).length);
    expect(levels(detectChurnSignals(logs, { asOf: CALIBRATION_END, ...c.config }).map((r) => r.riskLevel))).toEqual([12_581, 3373, 7616]);
    const r = scoreCustomers({ transactions: h.transactions, observationEnd: CALIBRATION_END }, { churn: c.config, clv: false, rfm: false, tiers: false, abc: false, lifecycle: false });
    expect(levels(r.customers.map((x) => x.churnRiskLevel))).toEqual([12_581, 3373, 7616]);
  });
});
