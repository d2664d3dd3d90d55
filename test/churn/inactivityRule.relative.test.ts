import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectChurnSignals, inactivityRule, type CustomerActivity } from "../../src/index.js";
import { thrown } from "./testkit.js";

const DAY = 86_400_000;
const day = (d: number): number => Date.UTC(2024, 0, 1) + d * DAY;
const buyer = (id: number, days: number[]): CustomerActivity => ({ customerId: id, events: days.map((d) => ({ type: "purchase", at: day(d) })) });

describe("inactivityRule relative to the customer's purchase gaps", () => {
  it("shrinks the customer's mean gap towards the base's: (S + m·G) / (g + m)", () => {
    // Purchases on days 0, 20, 40, 60: S = 60 over g = 3 gaps; G = 40, m = 2 → (60 + 80) / 5 = 28 days.
    // Threshold 2 × 28 = 56 days; at day 121 the last purchase is 61 days old → severity 61 / 112.
    const rule = inactivityRule({ relativeTo: "customer", baseGapDays: 40 });
    const [r] = detectChurnSignals([buyer(1, [60, 0, 40, 20])], { asOf: day(121), rules: [rule] });
    expect(r!.signals[0]!.evidence).toEqual({ daysInactive: 61, thresholdDays: 56, lastActivityAt: day(60), typicalGapDays: 28, gapMultiple: 2, baseGapDays: 40, activityDays: 4 });
    expect(r!.signals[0]!.severity).toBeCloseTo(61 / 112, 15);
    expect(r!.signals[0]!.reason).toBe("No activity for 61 days (last on 2024-03-01); the threshold is 56 days, 2 × their typical gap of 28 days.");
    // One day earlier (55 days) it does not fire.
    expect(detectChurnSignals([buyer(1, [0, 20, 40, 60])], { asOf: day(115), rules: [rule] })[0]!.signals).toEqual([]);
  });

  it("gives a one-time buyer the base's gap, and the customer's own mean without shrinkage", () => {
    const one = detectChurnSignals([buyer(1, [0])], { asOf: day(100), rules: [inactivityRule({ relativeTo: "customer", baseGapDays: 40 })] })[0]!;
    expect(one.signals[0]!.evidence).toMatchObject({ typicalGapDays: 40, thresholdDays: 80, daysInactive: 100 });
    const own = detectChurnSignals([buyer(1, [0, 10, 30])], { asOf: day(60), rules: [inactivityRule({ relativeTo: "customer", baseGapDays: 40, priorGaps: 0, gapMultiple: 1.5 })] })[0]!;
    // Mean gap 30 / 2 = 15; threshold 22.5; 30 days inactive → severity 30 / 45.
    expect(own.signals[0]!.evidence).toMatchObject({ typicalGapDays: 15, thresholdDays: 22.5, daysInactive: 30 });
    expect(own.signals[0]!.severity).toBeCloseTo(2 / 3, 15);
  });

  it("counts distinct activity days: two purchases on one day are one day", () => {
    const twice: CustomerActivity = { customerId: 1, events: [{ type: "purchase", at: day(0) }, { type: "purchase", at: day(0) + 3_600_000 }, { type: "purchase", at: day(30) }] };
    const [r] = detectChurnSignals([twice], { asOf: day(200), rules: [inactivityRule({ relativeTo: "customer", baseGapDays: 30, priorGaps: 0 })] });
    expect(r!.signals[0]!.evidence).toMatchObject({ typicalGapDays: 30, activityDays: 2 });
  });

  it("uses the base's gap for everyone with relativeTo: \"base\"", () => {
    const rule = inactivityRule({ relativeTo: "base", baseGapDays: 25, gapMultiple: 2 });
    // Threshold 50 days for both: the one-time buyer (52 days quiet) fires, the daily buyer (49 days) does not.
    const out = detectChurnSignals([buyer(1, [0, 1, 2, 3]), buyer(2, [0])], { asOf: day(52), rules: [rule] });
    expect(out.map((r) => [r.customerId, r.signals[0]?.evidence.thresholdDays])).toEqual([[2, 50], [1, undefined]]);
  });

  it("refuses options that do not go together, with the fix", () => {
    expect(thrown(() => inactivityRule({ relativeTo: "customer" }))).toMatchObject({ code: "INVALID_OPTION", path: "options.baseGapDays" });
    expect(thrown(() => inactivityRule({ relativeTo: "customer", baseGapDays: 30, days: 10 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.days" });
    expect(thrown(() => inactivityRule({ gapMultiple: 2 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.gapMultiple" });
    expect(thrown(() => inactivityRule({ relativeTo: "week" as never, baseGapDays: 3 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.relativeTo" });
    expect(thrown(() => inactivityRule({ relativeTo: "base", baseGapDays: 0 }))).toMatchObject({ path: "options.baseGapDays" });
    expect(thrown(() => inactivityRule({ relativeTo: "base", baseGapDays: 5, priorGaps: -1 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.priorGaps" });
    expect(thrown(() => inactivityRule({ relativeTo: "customer" })).message).toMatch(/^inactivityRule: .*calibrateChurnRules/);
  });

  it("gives the same signal for any order of the events", () => {
    const rule = inactivityRule({ relativeTo: "customer", baseGapDays: 33, gapMultiple: 1.5 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 1000 }), (days, seed) => {
        const shuffled = [...days].sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        const a = detectChurnSignals([buyer(1, days)], { asOf: day(400), rules: [rule] });
        const b = detectChurnSignals([buyer(1, shuffled)], { asOf: day(400), rules: [rule] });
        expect(b).toEqual(a);
      }),
    );
  });

  it("runs from the plain-JSON form of the rules", () => {
    const viaJson = detectChurnSignals([buyer(1, [0, 20, 40, 60])], { asOf: day(121), rules: { inactivity: { relativeTo: "customer", baseGapDays: 40 }, activityDecline: false, negativeFeedback: false, featureDrop: false, renewalRisk: false } });
    const viaRule = detectChurnSignals([buyer(1, [0, 20, 40, 60])], { asOf: day(121), rules: [inactivityRule({ relativeTo: "customer", baseGapDays: 40 })] });
    expect(viaJson).toEqual(viaRule);
    expect(thrown(() => detectChurnSignals([], { asOf: day(1), rules: { inactivity: { relativeTo: "customer" } } }))).toMatchObject({ code: "INVALID_OPTION", path: "options.rules.inactivity.baseGapDays" });
    expect(thrown(() => detectChurnSignals([], { asOf: day(1), rules: { inactivty: {} } as never }))).toMatchObject({ code: "UNKNOWN_OPTION", path: "options.rules.inactivty" });
    // Only an object literal is the plain-JSON form: a generator of rules is refused, not read as "all defaults".
    const generated = (function* () {
      yield inactivityRule({ days: 400 });
    })();
    expect(thrown(() => detectChurnSignals([{ customerId: 1, events: [] }], { asOf: day(1), rules: generated as never }))).toMatchObject({ code: "INVALID_TYPE", path: "options.rules" });
  });
});

describe("inactivityRule relative at extreme options", () => {
  it("gives full severity, not NaN, when the threshold underflows to 0", () => {
    const rule = inactivityRule({ relativeTo: "base", baseGapDays: 5e-324, gapMultiple: 1e-3 });
    const [r] = detectChurnSignals([buyer(1, [5])], { asOf: day(5), rules: [rule] });
    expect(r!.signals[0]).toMatchObject({ severity: 1, evidence: { daysInactive: 0, thresholdDays: 0 } });
    expect(r!.riskScore).toBe(0.6);
  });
});
