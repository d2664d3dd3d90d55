// Contract cases for the engagement functions (nps, churn, renewal reminders, touchpoints).
import fc from "fast-check";
import { featureDropRule, inactivityRule, negativeFeedbackRule } from "../../src/index.js";
import { idArb, timeArb, wideTimeArb } from "./arbitraries.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);
const answerArb = fc.integer({ min: 0, max: 10 });
const countsArb = fc.record({ promoters: fc.nat(500), passives: fc.nat(500), detractors: fc.nat(500) });
const npsInputArb = fc.oneof(fc.array(answerArb, { maxLength: 60 }), countsArb);
const npsOptionsArb = fc.record(
  { confidence: fc.double({ min: 0.01, max: 0.999, noNaN: true }), interval: fc.constantFrom("wald", "adjustedWald"), skipInvalid: fc.boolean() },
  { requiredKeys: [] },
);
const eventArb = fc.oneof(
  fc.record({ type: fc.constantFrom("login", "purchase"), at: timeArb }),
  fc.record({ type: fc.constant("feature"), at: timeArb, feature: fc.constantFrom("api", "reports", "export") }),
  fc.record({ type: fc.constantFrom("complaint", "ticket", "survey"), at: timeArb, score: answerArb, sentiment: fc.constantFrom("positive", "neutral", "negative", -0.5) }, { requiredKeys: ["type", "at"] }),
);
const customersArb = fc.uniqueArray(
  fc.record({ customerId: idArb, events: fc.array(eventArb, { maxLength: 12 }), renewalAt: fc.option(timeArb, { nil: null }) }, { requiredKeys: ["customerId", "events"] }),
  { selector: (c) => c.customerId, maxLength: 20 },
);
const subscriptionArb = fc.record(
  {
    customerId: idArb,
    startAt: wideTimeArb,
    cycle: fc.oneof(fc.constantFrom("monthly", "quarterly", "annual"), fc.record({ months: fc.integer({ min: 1, max: 24 }) }), fc.record({ days: fc.integer({ min: 1, max: 90 }) })),
    endAt: fc.option(wideTimeArb, { nil: null }),
  },
  { requiredKeys: ["customerId", "startAt", "cycle"] },
);

export const ENGAGEMENT_CASES = {
  nps: { valid: fc.tuple(npsInputArb, npsOptionsArb) },
  npsCategory: { valid: answerArb.map((a) => [a]) },
  npsDifference: { valid: fc.tuple(npsInputArb, npsInputArb, npsOptionsArb) },
  npsByPeriod: {
    valid: fc.tuple(
      fc.array(fc.record({ at: wideTimeArb, answer: answerArb }), { maxLength: 40 }),
      fc.record({ period: fc.constantFrom("day", "week", "month", "quarter", "year"), confidence: fc.double({ min: 0.5, max: 0.99, noNaN: true }), fillGaps: fc.boolean() }, { requiredKeys: ["period"] }),
    ),
  },
  csat: { valid: fc.tuple(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 60 }), fc.record({ scale: fc.constant(5), satisfiedFrom: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] })) },
  satisfactionClass: { valid: fc.tuple(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { maxLength: 10 }), fc.record({ statistic: fc.constantFrom("mean", "median", "last") }, { requiredKeys: [] })) },
  detectChurnSignals: {
    valid: fc.tuple(
      customersArb,
      fc.record(
        { asOf: timeArb, rules: fc.constantFrom(
          undefined,
          [inactivityRule({ days: 14 }), negativeFeedbackRule(), featureDropRule({ advancedFeatures: ["api"] })],
          [featureDropRule({ advancedFeatures: ["api", "reports"], advancedWeight: Number.MAX_VALUE }), featureDropRule({ advancedFeatures: ["api"], advancedWeight: 5e-324, name: "featureDropTiny" })],
          [inactivityRule({ relativeTo: "customer", baseGapDays: 20, gapMultiple: 1.5 })],
          { inactivity: { relativeTo: "base", baseGapDays: 1e300 }, activityDecline: false, renewalRisk: { weight: 0.2 } },
          { inactivity: { relativeTo: "customer", baseGapDays: 5e-324, priorGaps: 0 } },
        ), cutoffs: fc.constant({ medium: 0.2, high: 0.5 }) },
        { requiredKeys: ["asOf"] },
      ),
    ),
  },
  inactivityRule: {
    valid: fc.tuple(
      fc.oneof(
        fc.record({ days: fc.integer({ min: 1, max: 120 }), weight: fc.double({ min: 0, max: 1, noNaN: true }), activityTypes: fc.constant(["login"]) }, { requiredKeys: [] }),
        fc.record(
          { relativeTo: fc.constantFrom("customer", "base"), baseGapDays: fc.double({ min: 1e-3, max: 1e6, noNaN: true }), gapMultiple: fc.double({ min: 1e-3, max: 100, noNaN: true }), priorGaps: fc.double({ min: 0, max: 50, noNaN: true }), weight: fc.double({ min: 0, max: 1, noNaN: true }) },
          { requiredKeys: ["relativeTo", "baseGapDays"] },
        ),
      ),
    ),
  },
  calibrateChurnRules: {
    valid: customersArb.chain((customers) =>
      fc.tuple(
        fc.constant(customers),
        fc.array(fc.boolean(), { minLength: customers.length, maxLength: customers.length }),
        fc.record({ asOf: timeArb, gapMultiples: fc.constantFrom([1, 2], [0.5, 1e300], [3]), minDrops: fc.constantFrom([0.5], [5e-324, 1]), priorGaps: fc.constantFrom(0, 2, 1e9), confidence: fc.constant(0.9) }, { requiredKeys: ["asOf"] }),
      ),
    ),
  },
  activityDeclineRule: { valid: fc.tuple(fc.record({ recentDays: fc.integer({ min: 1, max: 60 }), baselineDays: fc.integer({ min: 1, max: 180 }), minDrop: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: [] })) },
  negativeFeedbackRule: { valid: fc.tuple(fc.record({ windowDays: fc.integer({ min: 1, max: 180 }), negativeScoreAtMost: fc.integer({ min: 0, max: 10 }), complaintTypes: fc.constant(["complaint", "bug"]) }, { requiredKeys: [] })) },
  featureDropRule: { valid: fc.tuple(fc.record({ advancedFeatures: fc.constant(["api"]), advancedWeight: fc.oneof(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.constantFrom(1e308, Number.MAX_VALUE, 5e-324)), onlyAdvanced: fc.boolean() }, { requiredKeys: [] })) },
  renewalRiskRule: { valid: fc.tuple(fc.record({ withinDays: fc.integer({ min: 1, max: 90 }), minEvents: fc.integer({ min: 1, max: 10 }) }, { requiredKeys: [] })) },
  renewalReminders: {
    valid: fc.tuple(
      fc.array(subscriptionArb, { maxLength: 15 }),
      fc.record({ asOf: wideTimeArb, offsetsDays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }), horizonDays: fc.integer({ min: 0, max: 365 }) }, { requiredKeys: ["asOf"] }),
    ),
  },
  nextRenewalAt: { valid: fc.tuple(subscriptionArb, wideTimeArb) },
  touchpoints: {
    valid: fc.tuple(
      fc.array(
        fc.record({ customerId: idArb, birthday: fc.integer({ min: -20_000, max: 0 }).map((d) => BASE + d * DAY), memberSince: wideTimeArb, firstPurchaseAt: wideTimeArb, events: fc.array(eventArb, { maxLength: 8 }) }, { requiredKeys: ["customerId"] }),
        { maxLength: 15 },
      ),
      fc.record({ asOf: wideTimeArb, horizonDays: fc.integer({ min: 0, max: 400 }), leapDay: fc.constantFrom("feb28", "mar1"), inactivity: fc.constant({ days: 21 }) }, { requiredKeys: ["asOf"] }),
    ),
  },
};
