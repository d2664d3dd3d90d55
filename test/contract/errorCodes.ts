// The documented error codes: for every code in ERROR_CODES, what it means and one call that throws it.
// docs/errors.md is generated from this table (`npm run errors:doc`); test/contract/errors.test.ts checks
// that every code has an entry, that each trigger really throws its code, and that the document is current.
import * as root from "../../src/index.js";
import { ERROR_CODES, type ErrorCode } from "../../src/index.js";

export interface ErrorCodeEntry {
  /** What the code means, in one sentence. */
  meaning: string;
  /** A call (an expression over the package's exports) that throws the code; null for a reserved code. */
  trigger: string | null;
  /** The `path` the trigger's error carries. */
  path?: string | null;
}

export const ERROR_TABLE: Record<ErrorCode, ErrorCodeEntry> = {
  EMPTY_INPUT: {
    meaning: "A list that must hold at least one item is empty.",
    trigger: `renewalFrequencyClass([{ customerId: 1, renewals: [] }])`,
    path: "customers[0].renewals",
  },
  INVALID_INPUT: {
    meaning: "A value has the right type but a shape the function cannot read (e.g. an RFM code that is not three scores).",
    trigger: `rfmSegment("12")`,
    path: "score",
  },
  INVALID_TYPE: {
    meaning: "A value has the wrong type: a string where a number belongs, null where an object belongs, a hole in a sparse array.",
    trigger: `summarizeTransactions([{ customerId: 1, at: "2024-01-01", amount: "12" }], { observationEnd: "2024-02-01" })`,
    path: "transactions[0].amount",
  },
  INVALID_NUMBER: {
    meaning: "A number is NaN or ±Infinity.",
    trigger: `simpleClv({ margin: NaN, retentionRate: 0.8, discountRate: 0.1 })`,
    path: "input.margin",
  },
  NOT_INTEGER: {
    meaning: "A count (purchases, periods, opportunities) is not a whole number.",
    trigger: `probabilityOfPurchases({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }, 1.5, 10)`,
    path: "n",
  },
  OUT_OF_RANGE: {
    meaning: "A number lies outside its allowed range (a rate above 1, a horizon beyond 1e15, more than 1 000 000 periods).",
    trigger: `retentionCurve({ model: "sbg", params: { alpha: 0.7, beta: 1.2 } }, 2e6)`,
    path: "periods",
  },
  NEGATIVE_VALUE: {
    meaning: "A quantity that cannot be negative (a count, a duration, a value) is negative.",
    trigger: `probabilityOfPurchases({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }, -1, 10)`,
    path: "n",
  },
  INVALID_OPTION: {
    meaning: "An option has a value outside its documented choices.",
    trigger: `kaplanMeier([{ duration: 1, event: true }], { confType: "logit" })`,
    path: "options.confType",
  },
  UNKNOWN_OPTION: {
    meaning:
      "An option bag (or a nested one) names a key the function does not know: a misspelling, which would otherwise be silently ignored, or an Object.prototype name such as `toString` or `__proto__`. The message lists the known keys and the closest one.",
    trigger: `summarizeTransactions([], { observationEnd: "2024-01-01", units: "week" })`,
    path: "options.units",
  },
  DUPLICATE_ID: {
    meaning: "A customer id appears twice where each customer must appear once.",
    trigger: `revenueRetention([{ customerId: 1, revenue: 10 }, { customerId: 1, revenue: 20 }], [])`,
    path: "startRevenue[1].customerId",
  },
  INVALID_DATE: {
    meaning: "A time is not a valid Date, epoch-millisecond number or ISO-8601 string.",
    trigger: `summarizeTransactions([{ customerId: 1, at: "1997-13-01" }], { observationEnd: "1997-09-30" })`,
    path: "transactions[0].at",
  },
  INVALID_UNIT: {
    meaning: "A time unit is not one of the units the function supports.",
    trigger: `summarizeTransactions([], { observationEnd: "2024-01-01", unit: "month" })`,
    path: "options.unit",
  },
  UNIT_MISMATCH: {
    meaning: "Summaries or a model in one time unit are read in another (rows in days, `unit: \"week\"` stated, or a week-unit model): refused instead of mixed.",
    trigger: `customerLifetimeValue({ model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 } }, 10, [{ frequency: 0, recency: 0, T: 7, unit: "day" }], { horizon: 1, unit: "week" })`,
    path: "customers[0].unit",
  },
  INVALID_CUSTOMER_ID: {
    meaning: "A customer id is not a non-empty string or a finite number.",
    trigger: `summarizeTransactions([{ customerId: "", at: "2024-01-01" }], { observationEnd: "2024-02-01" })`,
    path: "transactions[0].customerId",
  },
  NEGATIVE_AMOUNT: {
    meaning: "A transaction amount or a revenue is negative.",
    trigger: `summarizeTransactions([{ customerId: 1, at: "2024-01-01", amount: -5 }], { observationEnd: "2024-02-01" })`,
    path: "transactions[0].amount",
  },
  INVALID_RANGE: {
    meaning: "A time range ends before it starts.",
    trigger: `repeatPurchaseRate([], { from: "2024-02-01", to: "2024-01-01" })`,
    path: "options.from",
  },
  INCONSISTENT_COUNTS: {
    meaning: "Numbers that must agree do not (more new customers than customers at the end; frequency above recency).",
    trigger: `retentionRate({ startCount: 10, endCount: 5, newCount: 8 })`,
    path: "counts.newCount",
  },
  NEGATIVE_DURATION: {
    meaning: "A survival duration is negative (an end before its start).",
    trigger: `kaplanMeier([{ duration: -1, event: true }])`,
    path: "observations[0].duration",
  },
  INVALID_MODEL: {
    meaning: "A model spec names a model the function does not take.",
    trigger: `expectedPurchases({ model: "poisson", params: {} }, 1)`,
    path: "model.model",
  },
  INVALID_PARAMETER: {
    meaning: "A model parameter is missing, not finite or not positive.",
    trigger: `expectedPurchases({ model: "bg-nbd", params: { r: -1, alpha: 1, a: 1, b: 1 } }, 1)`,
    path: "model.params.r",
  },
  INSUFFICIENT_DATA: {
    meaning: "There is not enough data to fit a model (no customers, or none with a repeat purchase).",
    trigger: `fitBgNbd([])`,
    path: "rows",
  },
  INVALID_THRESHOLDS: {
    meaning: "Thresholds, cutoffs or segment boxes are not strictly ascending or lie outside their scale.",
    trigger: `thresholdTiers([{ customerId: 1, value: 5 }], { thresholds: [10, 1] })`,
    path: "options.thresholds[1]",
  },
  UNKNOWN_LABEL: {
    meaning: "A tier is not among the tiers listed in the given order.",
    trigger: `tierTransitions([{ customerId: 1, tier: "platinum" }], [], { order: ["bronze", "gold"] })`,
    path: "before[0].tier",
  },
  INVALID_ANSWER: {
    meaning: "A survey answer is outside its scale (an NPS answer not a whole number 0..10).",
    trigger: `npsCategory(11)`,
    path: "answer",
  },
  INVALID_RULE: {
    meaning: "A churn rule is not an object with a name and an evaluate function.",
    trigger: `detectChurnSignals([], { asOf: "2024-01-01", rules: [{}] })`,
    path: "options.rules[0].name",
  },
  INVALID_CONFIG: {
    meaning: "A scorer configuration has an unknown key or a value the composed function refuses; the path names the key.",
    trigger: `createScorer({ rfm: { bins: 0 } })`,
    path: "config.rfm.bins",
  },
  INCOMPATIBLE_SUMMARIES: {
    meaning: "Summary partials built with different options (observation end, period, unit, monetary) are merged.",
    trigger: `createSummaryAccumulator({ observationEnd: "2024-01-01" }).merge(createSummaryAccumulator({ observationEnd: "2024-02-01" }))`,
    path: "other.options.observationEnd",
  },
  INSUFFICIENT_POINTS: {
    meaning: "A redemption (or a negative adjustment or expire event) asks for more points than the customer holds.",
    trigger: `pointsLedger([{ customerId: 1, at: "2024-01-02", type: "redeem", points: 5 }], { asOf: "2024-02-01" })`,
    path: "events[0].points",
  },
};

/** Runs a trigger expression with every export of the package root in scope; returns what it threw. */
export function runTrigger(trigger: string): unknown {
  const names = Object.keys(root);
  const fn = new Function(...names, `return (${trigger});`) as (...a: unknown[]) => unknown;
  try {
    fn(...names.map((n) => (root as Record<string, unknown>)[n]));
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The text of docs/errors.md. */
export function renderErrorsDoc(): string {
  const lines = [
    "# Error codes",
    "",
    "<!-- Generated by `npm run errors:doc` from ERROR_CODES and test/contract/errorCodes.ts; do not edit. -->",
    "",
    "Every failure on bad input throws `RetentionKitError` with one of these stable codes, a `path` to the",
    "offending value (such as `transactions[12].amount`) and a message that starts with the function's name.",
    "Anything else escaping a public function (a `TypeError`, a `NaN` result, a hang) is a bug: the reliability",
    "contract in `test/contract/` checks every export against that promise. Each trigger below is run by the tests.",
    "",
    "| Code | Meaning | A call that throws it | `path` |",
    "| --- | --- | --- | --- |",
  ];
  for (const code of ERROR_CODES) {
    const e = ERROR_TABLE[code];
    const trigger = e.trigger === null ? "(reserved: no function throws it yet)" : `\`${e.trigger.replaceAll("|", "\\|")}\``;
    const path = e.path === undefined || e.path === null ? "" : `\`${e.path}\``;
    lines.push(`| \`${code}\` | ${e.meaning} | ${trigger} | ${path} |`);
  }
  return `${lines.join("\n")}\n`;
}
