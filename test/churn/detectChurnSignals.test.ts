import { describe, expect, it } from "vitest";
import {
  activityDeclineRule,
  detectChurnSignals,
  featureDropRule,
  inactivityRule,
  negativeFeedbackRule,
  renewalRiskRule,
  type ChurnEvent,
  type ChurnRule,
  type CustomerActivity,
} from "../../src/index.js";
import { thrown } from "./testkit.js";

const DAY = 86_400_000;
const asOf = Date.UTC(2024, 5, 30);
const daysAgo = (d: number): number => asOf - d * DAY;
const ev = (type: string, d: number, extra: Partial<ChurnEvent> = {}): ChurnEvent => ({ type, at: daysAgo(d), ...extra });


function run(customers: CustomerActivity[], rules?: ChurnRule[]) {
  return detectChurnSignals(customers, rules === undefined ? { asOf } : { asOf, rules });
}

describe("inactivityRule", () => {
  it("fires at exactly 30 whole days without activity, not at 29", () => {
    const out = run([{ customerId: 1, events: [ev("login", 30)] }, { customerId: 2, events: [ev("login", 29)] }], [inactivityRule()]);
    expect(out.find((r) => r.customerId === 1)!.signals[0]).toMatchObject({ rule: "inactivity", severity: 0.5, evidence: { daysInactive: 30, thresholdDays: 30 } });
    expect(out.find((r) => r.customerId === 2)!.signals).toEqual([]);
  });

  it("reaches full severity at twice the threshold and flags customers without activity", () => {
    const out = run([{ customerId: 1, events: [ev("login", 90)] }, { customerId: 2, events: [] }], [inactivityRule()]);
    expect(out.map((r) => r.signals[0]!.severity)).toEqual([1, 1]);
    expect(out.find((r) => r.customerId === 2)!.signals[0]!.reason).toBe("No activity on record up to 2024-06-30.");
    expect(run([{ customerId: 2, events: [] }], [inactivityRule({ flagNoActivity: false })])[0]!.signals).toEqual([]);
  });

  it("does not count feedback as activity, and can count chosen types only", () => {
    const events = [ev("login", 40), ev("complaint", 1), ev("purchase", 2)];
    expect(run([{ customerId: 1, events }], [inactivityRule()])[0]!.signals).toEqual([]);
    expect(run([{ customerId: 1, events }], [inactivityRule({ activityTypes: ["login"] })])[0]!.signals[0]!.evidence.daysInactive).toBe(40);
    expect(run([{ customerId: 1, events: [ev("login", 40), ev("complaint", 1)] }], [inactivityRule()])[0]!.signals[0]!.evidence.daysInactive).toBe(40);
  });

  it("uses its options", () => {
    const s = run([{ customerId: 1, events: [ev("login", 10)] }], [inactivityRule({ days: 7, fullSeverityDays: 20, weight: 1, name: "quiet" })])[0]!;
    expect(s.signals[0]).toMatchObject({ rule: "quiet", severity: 0.5, weight: 1 });
    expect(s.riskScore).toBe(0.5);
    expect(thrown(() => inactivityRule({ days: 10, fullSeverityDays: 5 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.fullSeverityDays" });
    expect(thrown(() => inactivityRule({ days: 0 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.days" });
    expect(thrown(() => inactivityRule({ weight: 2 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.weight" });
  });
});

describe("activityDeclineRule", () => {
  const weekly = (fromDay: number, toDay: number): ChurnEvent[] => {
    const out: ChurnEvent[] = [];
    for (let d = fromDay; d >= toDay; d -= 7) out.push(ev("login", d));
    return out;
  };

  it("compares the last 30 days with the 90 before", () => {
    // 13 weekly logins from 119 to 35 days ago, all in the baseline (30, 120], then 1 in the last 30 days
    const events = [...weekly(119, 35), ev("login", 3)];
    const s = run([{ customerId: 1, events }], [activityDeclineRule()])[0]!.signals[0]!;
    expect(s.evidence).toMatchObject({ recentEvents: 1, baselineEvents: 13, baselineDays: 90 });
    expect(s.severity).toBeCloseTo(1 - (1 / 30) / (13 / 90), 12);
  });

  it("does not fire on a steady customer, a tiny baseline, or a customer newer than the recent window", () => {
    const steady = weekly(119, 0);
    expect(run([{ customerId: 1, events: steady }], [activityDeclineRule()])[0]!.signals).toEqual([]);
    expect(run([{ customerId: 2, events: [ev("login", 60), ev("login", 50), ev("login", 45)] }], [activityDeclineRule()])[0]!.signals).toEqual([]);
    // joined 40 days ago: only 10 baseline days, fewer than the 30-day recent window
    expect(run([{ customerId: 3, events: [ev("login", 40), ev("login", 39), ev("login", 38), ev("login", 35), ev("login", 33)] }], [activityDeclineRule()])[0]!.signals).toEqual([]);
  });

  it("measures a newer customer's baseline from their first activity", () => {
    // first activity 60 days ago: 31 baseline days (the first day counts), 8 events; none recently
    const events = [60, 56, 52, 48, 44, 40, 36, 32].map((d) => ev("login", d));
    const s = run([{ customerId: 1, events }], [activityDeclineRule()])[0]!.signals[0]!;
    expect(s.evidence).toMatchObject({ baselineDays: 31, baselineEvents: 8, recentEvents: 0, drop: 1 });
  });
});

describe("negativeFeedbackRule", () => {
  it("counts complaints, detractor scores and negative sentiment once each within 90 days", () => {
    const events = [
      ev("complaint", 5, { sentiment: "negative" }),
      ev("survey", 10, { score: 6 }),
      ev("survey", 11, { score: 7 }),
      ev("ticket", 20, { sentiment: -0.4 }),
      ev("ticket", 21, { sentiment: 0.5 }),
      ev("complaint", 95),
    ];
    const s = run([{ customerId: 1, events }], [negativeFeedbackRule()])[0]!.signals[0]!;
    expect(s.evidence).toMatchObject({ negativeEvents: 3, complaints: 1, lowScores: 1, negativeSentiment: 2, windowDays: 90, lastNegativeAt: daysAgo(5) });
    expect(s.severity).toBe(1);
  });

  it("follows its options", () => {
    const events = [ev("survey", 3, { score: 2 }), ev("bug", 4)];
    const s = run([{ customerId: 1, events }], [negativeFeedbackRule({ negativeScoreAtMost: 2, complaintTypes: ["bug"], saturation: 4 })])[0]!.signals[0]!;
    expect(s.severity).toBe(0.5);
    expect(run([{ customerId: 1, events }], [negativeFeedbackRule({ windowDays: 3 })])[0]!.signals).toEqual([]);
  });
});

describe("featureDropRule", () => {
  it("weights the advanced features it lists", () => {
    const events = [ev("feature", 60, { feature: "api" }), ev("feature", 50, { feature: "export" }), ev("feature", 10, { feature: "export" })];
    const s = run([{ customerId: 1, events }], [featureDropRule({ advancedFeatures: ["api"], advancedWeight: 3 })])[0]!.signals[0]!;
    expect(s.severity).toBe(0.75);
    expect(s.evidence).toEqual({ dropped: ["api"], droppedAdvanced: ["api"], baselineFeatures: 2, recentFeatures: 1 });
  });

  it("can watch advanced features only and ignores features outside its windows", () => {
    const events = [ev("feature", 60, { feature: "export" }), ev("feature", 120, { feature: "api" })];
    expect(run([{ customerId: 1, events }], [featureDropRule({ advancedFeatures: ["api"], onlyAdvanced: true })])[0]!.signals).toEqual([]);
    expect(run([{ customerId: 1, events }], [featureDropRule()])[0]!.signals[0]!.evidence.dropped).toEqual(["export"]);
  });
});

describe("renewalRiskRule", () => {
  it("fires only for renewals in the next 30 days with low engagement", () => {
    const quiet = [ev("login", 3)];
    const busy = [ev("login", 1), ev("login", 2), ev("login", 3), ev("login", 4)];
    const out = run(
      [
        { customerId: "soon-quiet", events: quiet, renewalAt: asOf + 10 * DAY },
        { customerId: "soon-busy", events: busy, renewalAt: asOf + 10 * DAY },
        { customerId: "far", events: quiet, renewalAt: asOf + 31 * DAY },
        { customerId: "past", events: quiet, renewalAt: asOf - DAY },
        { customerId: "none", events: quiet, renewalAt: null },
      ],
      [renewalRiskRule()],
    );
    expect(out.filter((r) => r.signals.length > 0).map((r) => r.customerId)).toEqual(["soon-quiet"]);
    expect(out[0]!.signals[0]).toMatchObject({ severity: 0.75, evidence: { daysToRenewal: 10, recentEvents: 1, minEvents: 4 } });
    const [silent] = run([{ customerId: 1, events: [ev("login", 45)], renewalAt: asOf }], [renewalRiskRule()]);
    expect(silent!.signals[0]!.reason).toBe("Renews on 2024-06-30 (today) with no activity in the last 30 days (expected at least 4).");
  });
});

describe("detectChurnSignals", () => {
  it("combines signals as 1 − Π(1 − weight·severity) and bands them", () => {
    const events = [ev("login", 60), ev("complaint", 2)];
    const [r] = run([{ customerId: 1, events }], [inactivityRule({ weight: 0.6 }), negativeFeedbackRule({ weight: 0.5 })]);
    // inactivity: severity 1 (60 days) → 0.6; one complaint: severity 1/3 → 1/6
    expect(r!.riskScore).toBeCloseTo(1 - 0.4 * (1 - 0.5 / 3), 12);
    expect(r!.riskLevel).toBe("high");
    expect(r!.signals.map((s) => [s.rule, s.contribution])).toEqual([["inactivity", 0.6], ["negativeFeedback", 0.5 / 3]]);
    const low = detectChurnSignals([{ customerId: 1, events }], { asOf, cutoffs: { medium: 0.8, high: 0.9 } });
    expect(low[0]!.riskLevel).toBe("low");
  });

  it("runs all five built-in rules by default", () => {
    const events: ChurnEvent[] = [];
    for (let d = 119; d >= 35; d -= 3) events.push(ev("feature", d, { feature: d % 2 ? "api" : "reports" }));
    events.push(ev("complaint", 3));
    const [r] = run([{ customerId: 1, events, renewalAt: asOf + 5 * DAY }]);
    expect(r!.signals.map((s) => s.rule).sort()).toEqual(["activityDecline", "featureDrop", "inactivity", "negativeFeedback", "renewalRisk"]);
    for (const s of r!.signals) expect(s.reason.length).toBeGreaterThan(20);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("sorts by risk, then by id with numbers before strings", () => {
    const quiet = [ev("login", 45)];
    const out = run([
      { customerId: "b", events: quiet },
      { customerId: 10, events: quiet },
      { customerId: "a", events: [ev("login", 1)] },
      { customerId: 2, events: quiet },
      { customerId: "a2", events: [ev("login", 90)] },
    ]);
    expect(out.map((r) => r.customerId)).toEqual(["a2", 2, 10, "b", "a"]);
  });

  it("ignores events after asOf, so a back-test equals cutting the log", () => {
    const events = [ev("login", 40), ev("login", -5), ev("complaint", -1), ev("feature", -3, { feature: "x" })];
    expect(run([{ customerId: 1, events }])).toEqual(run([{ customerId: 1, events: [ev("login", 40)] }]));
  });

  it("reads repeated ISO date strings the same as epoch milliseconds", () => {
    const days = [40, 40, 3, 100, 3, 65];
    const asText = days.map((d) => ({ type: "login", at: new Date(daysAgo(d)).toISOString().slice(0, 10) }));
    const asMs = days.map((d) => ev("login", d));
    const cs = (events: ChurnEvent[]) => [1, 2, 3].map((customerId) => ({ customerId, events }));
    expect(run(cs(asText))).toEqual(run(cs(asMs)));
    const bad = [{ type: "login", at: "2024-02-30" }];
    expect(thrown(() => run([{ customerId: 1, events: [] }, { customerId: 2, events: bad }, { customerId: 3, events: bad }]))).toMatchObject({ path: "customers[1].events[0].at" });
  });

  it("gives the same result for unsorted and sorted events", () => {
    const events = [ev("login", 5), ev("feature", 70, { feature: "api" }), ev("login", 50), ev("complaint", 8), ev("login", 100)];
    const sorted = [...events].sort((a, b) => (a.at as number) - (b.at as number));
    expect(run([{ customerId: 1, events }])).toEqual(run([{ customerId: 1, events: sorted }]));
  });

  it("sorts long logs too, keeping same-time events in input order", () => {
    const events: ChurnEvent[] = [];
    for (let i = 0; i < 300; i++) events.push(ev(i % 2 ? "login" : "feature", (i * 37) % 150, { feature: `f${i % 7}` }));
    events.push(ev("tie-b", 10), ev("tie-a", 10));
    const order: string[][] = [];
    const times: number[][] = [];
    const probe: ChurnRule = {
      name: "probe",
      weight: 0,
      evaluate(c) {
        order.push(c.events.map((e) => e.type));
        times.push([...c.activityTimes]);
        return null;
      },
    };
    const sorted = [...events].sort((a, b) => (a.at as number) - (b.at as number));
    expect(run([{ customerId: 1, events }])).toEqual(run([{ customerId: 1, events: sorted }]));
    run([{ customerId: 1, events }, { customerId: 2, events: [ev("x", 1)] }], [probe]);
    const types = order[0]!;
    expect(types.indexOf("tie-b")).toBeLessThan(types.indexOf("tie-a"));
    expect(order[1]).toEqual(["x"]);
    expect(times[0]).toEqual([...times[0]!].sort((a, b) => a - b));
    expect(times[0]).toHaveLength(302);
  });

  it("runs custom rules and hands them prepared, sorted events", () => {
    const seen: unknown[] = [];
    const rule: ChurnRule = {
      name: "downgrade",
      weight: 0.8,
      evaluate(c, ctx) {
        seen.push(c.events.map((e) => [e.type, e.at, e.feedback, e.sentiment, e.score, e.feature]), ctx.countBetween(c.activityTimes, ctx.asOf - 10 * ctx.dayMs, ctx.asOf));
        const d = c.events.find((e) => e.type === "downgrade");
        return d ? { severity: 1, reason: "Downgraded the plan.", evidence: { at: d.at } } : null;
      },
    };
    const events = [ev("downgrade", 2), ev("ticket", 9, { sentiment: "neutral" }), ev("login", 20, { feature: "x" }), ev("survey", 1, { score: 9 })];
    const [r] = run([{ customerId: 1, events }], [rule]);
    expect(r).toEqual({ customerId: 1, riskScore: 0.8, riskLevel: "high", signals: [{ rule: "downgrade", severity: 1, weight: 0.8, contribution: 0.8, reason: "Downgraded the plan.", evidence: { at: daysAgo(2) } }] });
    expect(seen).toEqual([
      [
        ["login", daysAgo(20), false, null, null, "x"],
        ["ticket", daysAgo(9), true, 0, null, null],
        ["downgrade", daysAgo(2), false, null, null, null],
        ["survey", daysAgo(1), true, null, 9, null],
      ],
      1,
    ]);
  });

  it("drops findings of severity 0", () => {
    const rule: ChurnRule = { name: "zero", weight: 1, evaluate: () => ({ severity: 0, reason: "", evidence: {} }) };
    expect(run([{ customerId: 1, events: [] }], [rule])[0]).toMatchObject({ riskScore: 0, signals: [] });
  });

  it("refuses malformed rules and findings with INVALID_RULE", () => {
    const ok: ChurnRule = { name: "x", weight: 0.5, evaluate: () => null };
    expect(thrown(() => run([], [{ ...ok, weight: 1.5 }]))).toMatchObject({ code: "INVALID_RULE", path: "options.rules[0].weight" });
    expect(thrown(() => run([], [ok, ok]))).toMatchObject({ code: "INVALID_RULE", path: "options.rules[1].name" });
    expect(thrown(() => run([], [{ name: "y", weight: 0.1 } as never]))).toMatchObject({ code: "INVALID_RULE", path: "options.rules[0].evaluate" });
    const bad: ChurnRule = { name: "bad", weight: 0.5, evaluate: () => ({ severity: 2, reason: "", evidence: {} }) };
    const e = thrown(() => run([{ customerId: "c9", events: [] }], [ok, bad]));
    expect(e).toMatchObject({ code: "INVALID_RULE", path: "options.rules[1]" });
    expect(e.message).toContain('"c9"');
  });

  it("throws with the path of a bad customer or event", () => {
    const good = { customerId: 1, events: [ev("login", 1)] };
    expect(thrown(() => run([good, { customerId: 2, events: [ev("login", 1), { type: "login", at: "2024-02-30" }] }]))).toMatchObject({ code: "INVALID_DATE", path: "customers[1].events[1].at" });
    expect(thrown(() => run([good, { customerId: 1, events: [] }]))).toMatchObject({ code: "DUPLICATE_ID", path: "customers[1].customerId" });
    expect(thrown(() => run([{ customerId: 1, events: [{ type: "", at: asOf }] }]))).toMatchObject({ code: "INVALID_TYPE", path: "customers[0].events[0].type" });
    expect(thrown(() => run([{ customerId: 1, events: [{ type: "t", at: asOf, sentiment: "angry" as never }] }]))).toMatchObject({ path: "customers[0].events[0].sentiment" });
    expect(thrown(() => run([{ customerId: 1, events: [{ type: "t", at: asOf, sentiment: 2 }] }]))).toMatchObject({ code: "OUT_OF_RANGE", path: "customers[0].events[0].sentiment" });
    expect(thrown(() => run([{ customerId: 1, events: [{ type: "t", at: asOf, score: Number.NaN }] }]))).toMatchObject({ code: "INVALID_NUMBER", path: "customers[0].events[0].score" });
    expect(thrown(() => run([{ customerId: 1, events: [{ type: "t", at: asOf, feature: 3 as never }] }]))).toMatchObject({ code: "INVALID_TYPE", path: "customers[0].events[0].feature" });
    expect(thrown(() => run([{ customerId: 1, events: [null as never] }]))).toMatchObject({ code: "INVALID_TYPE", path: "customers[0].events[0]" });
    expect(thrown(() => run([{ customerId: 1, events: [], renewalAt: "soon" }]))).toMatchObject({ code: "INVALID_DATE", path: "customers[0].renewalAt" });
    expect(thrown(() => run([{ customerId: null as never, events: [] }]))).toMatchObject({ code: "INVALID_CUSTOMER_ID", path: "customers[0].customerId" });
    expect(thrown(() => detectChurnSignals([], {} as never))).toMatchObject({ code: "INVALID_OPTION", path: "options.asOf" });
    expect(thrown(() => detectChurnSignals([], { asOf, cutoffs: { medium: 0.7, high: 0.5 } }))).toMatchObject({ code: "INVALID_THRESHOLDS" });
    expect(thrown(() => detectChurnSignals([], { asOf: "x" })).message).toMatch(/^detectChurnSignals: /);
  });

  it("returns [] for no customers and does not mutate its input", () => {
    expect(run([])).toEqual([]);
    const input = [{ customerId: 1, events: [ev("login", 70), ev("login", 5)], renewalAt: asOf + DAY }, { customerId: 2, events: [ev("complaint", 3)] }];
    const copy = structuredClone(input);
    const frozen = Object.freeze(input.map((c) => Object.freeze({ ...c, events: Object.freeze(c.events.map((e) => Object.freeze(e))) })));
    run(frozen as CustomerActivity[]);
    expect(input).toEqual(copy);
  });
});
