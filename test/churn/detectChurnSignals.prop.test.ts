import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activityDeclineRule, detectChurnSignals, featureDropRule, renewalRiskRule, inactivityRule, negativeFeedbackRule, type ChurnEvent, type ChurnRule, type CustomerActivity } from "../../src/index.js";
import { assessChurn } from "../../src/churn/detectChurnSignals.js";

const DAY = 86_400_000;
const asOf = Date.UTC(2024, 5, 30);

const event: fc.Arbitrary<ChurnEvent> = fc
  .record({
    kind: fc.constantFrom("login", "purchase", "feature", "complaint", "survey", "ticket"),
    days: fc.integer({ min: -20, max: 200 }), // negative: after asOf
    feature: fc.constantFrom("api", "reports", "export"),
    score: fc.integer({ min: 0, max: 10 }),
    sentiment: fc.constantFrom("positive", "neutral", "negative", -0.5, 0.3),
  })
  .map(({ kind, days, feature, score, sentiment }): ChurnEvent => {
    const at = asOf - days * DAY;
    if (kind === "feature") return { type: kind, at, feature };
    if (kind === "survey") return { type: kind, at, score };
    if (kind === "ticket") return { type: kind, at, sentiment: sentiment as ChurnEvent["sentiment"] };
    return { type: kind, at };
  });

const customer = (id: number): fc.Arbitrary<CustomerActivity> =>
  fc.record({
    customerId: fc.constant(id),
    events: fc.array(event, { maxLength: 40 }),
    renewalAt: fc.option(fc.integer({ min: -10, max: 60 }).map((d) => asOf + d * DAY), { nil: null }),
  });

const customers = fc.array(fc.nat(), { maxLength: 15 }).chain((xs) => fc.tuple(...xs.map((_, i) => customer(i))));

describe("detectChurnSignals properties", () => {
  it("keeps risk and severities in [0, 1], bands by the cut-offs and sorts by risk", () => {
    fc.assert(
      fc.property(customers, (cs) => {
        const out = detectChurnSignals(cs, { asOf });
        expect(out).toHaveLength(cs.length);
        for (let i = 0; i < out.length; i++) {
          const r = out[i]!;
          expect(r.riskScore >= 0 && r.riskScore <= 1).toBe(true);
          for (const s of r.signals) expect(s.severity > 0 && s.severity <= 1).toBe(true);
          expect(r.riskLevel).toBe(r.riskScore >= 0.6 ? "high" : r.riskScore >= 0.3 ? "medium" : "low");
          expect(r.riskScore).toBeCloseTo(1 - r.signals.reduce((p, s) => p * (1 - s.weight * s.severity), 1), 12);
          if (i > 0) expect(out[i - 1]!.riskScore >= r.riskScore).toBe(true);
        }
      }),
    );
  });

  it("never lowers a customer's risk when a complaint is added", () => {
    fc.assert(
      fc.property(customer(1), fc.integer({ min: -5, max: 150 }), (c, days) => {
        const before = detectChurnSignals([c], { asOf })[0]!.riskScore;
        const after = detectChurnSignals([{ ...c, events: [...c.events, { type: "complaint", at: asOf - days * DAY }] }], { asOf })[0]!.riskScore;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it("never raises the inactivity signal when recent activity is added", () => {
    const severity = (c: CustomerActivity): number => detectChurnSignals([c], { asOf, rules: [inactivityRule()] })[0]!.signals[0]?.severity ?? 0;
    fc.assert(
      fc.property(customer(1), fc.integer({ min: 0, max: 60 }), fc.constantFrom("login", "purchase", "feature"), (c, days, type) => {
        const more = { ...c, events: [...c.events, { type, at: asOf - days * DAY, feature: "api" }] };
        expect(severity(more)).toBeLessThanOrEqual(severity(c));
      }),
    );
  });

  it("does not depend on the order of customers or of their events", () => {
    fc.assert(
      fc.property(customers, (cs) => {
        const shuffled = [...cs].reverse().map((c) => ({ ...c, events: [...c.events].reverse() }));
        // Same-time events may swap order; results depend on times and counts only, not on tie order.
        expect(detectChurnSignals(shuffled, { asOf })).toEqual(detectChurnSignals(cs, { asOf }));
      }),
    );
  });

  it("ignores events after asOf", () => {
    fc.assert(
      fc.property(customers, (cs) => {
        const cut = cs.map((c) => ({ ...c, events: c.events.filter((e) => (e.at as number) <= asOf) }));
        expect(detectChurnSignals(cs, { asOf })).toEqual(detectChurnSignals(cut, { asOf }));
      }),
    );
  });
});

describe("assessChurn's scores-only pass (the engine's columns)", () => {
  const rulesArb = fc.constantFrom<ChurnRule[]>(
    [inactivityRule(), activityDeclineRule(), negativeFeedbackRule(), featureDropRule(), renewalRiskRule()],
    [inactivityRule({ days: 10, fullSeverityDays: 40 }), negativeFeedbackRule()],
    [inactivityRule({ relativeTo: "customer", baseGapDays: 7, gapMultiple: 1.5 }), activityDeclineRule({ minBaselineEvents: 1 })],
    [inactivityRule({ relativeTo: "base", baseGapDays: 3, flagNoActivity: false }), inactivityRule({ days: 5, name: "short", activityTypes: ["login"] })],
  );
  const pass = (cs: CustomerActivity[], rules: ChurnRule[], scoresOnly: boolean) => {
    const out: [number, string, number, number][] = [];
    assessChurn("detectChurnSignals", cs, { asOf, rules }, (i, _id, score, level, signals, fired) => {
      out[i] = [score, level, fired, signals.length];
    }, null, scoresOnly);
    return out;
  };

  it("gives the full pass's scores, levels and fired rules, bit for bit, without making signals", () => {
    fc.assert(
      fc.property(customers, rulesArb, (cs, rules) => {
        const full = pass(cs, rules, false);
        const quick = pass(cs, rules, true);
        expect(quick.map(([s, l, f]) => [s, l, f])).toEqual(full.map(([s, l, f]) => [s, l, f]));
        for (const q of quick) expect(q[3]).toBe(0);
        // fired has bit k exactly where the full pass made a signal of rule k
        full.forEach((f, i) => expect(f[3]).toBe(popCount(quick[i]![2])));
      }),
      { numRuns: 150 },
    );
  });
});

function popCount(v: number): number {
  let c = 0;
  for (let x = v; x !== 0; x &= x - 1) c++;
  return c;
}
