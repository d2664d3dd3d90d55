import { describe, expect, it } from "vitest";
import {
  cohortRetention,
  customerLifetimeValue,
  detectChurnSignals,
  fitBgNbd,
  kaplanMeier,
  lifecycleInputs,
  nps,
  renewalReminders,
  rfmFromTransactions,
  rfmScores,
  RetentionKitError,
  scoreCustomers,
  splitCalibrationHoldout,
  summarizeTransactions,
  summarySql,
  survivalData,
} from "../../src/index.js";
import { closestKey, optionsBag, show } from "../../src/internal/validate.js";
import { survivalCurve } from "../../src/plot/index.js";

const TX = [
  { customerId: "a", at: "2024-01-01", amount: 10 },
  { customerId: "a", at: "2024-01-15", amount: 20 },
  { customerId: "b", at: "2024-01-10", amount: 8 },
];

function errorOf(f: () => unknown): RetentionKitError {
  try {
    f();
  } catch (e) {
    if (e instanceof RetentionKitError) return e;
    throw new Error(`threw a ${e instanceof Error ? e.name : typeof e}, not a RetentionKitError: ${String(e)}`);
  }
  throw new Error("did not throw");
}

describe("unknown option keys", () => {
  it("refuses { units: 'week' } in summarizeTransactions, naming the keys it knows and suggesting unit", () => {
    const e = errorOf(() => summarizeTransactions(TX, { observationEnd: "2024-01-31", units: "week" } as never));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.units"]);
    expect(e.message).toMatch(/^summarizeTransactions: options\.units is not an option of summarizeTransactions; did you mean "unit"\?/);
    expect(e.message).toContain("known keys: observationEnd, asOf, period, unit, monetary");
  });

  it("refuses { penaliser: 1 } in fitBgNbd and suggests penalizer", () => {
    const e = errorOf(() => fitBgNbd([{ frequency: 1, recency: 2, T: 5 }], { penaliser: 1 } as never));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.penaliser"]);
    expect(e.message).toContain('did you mean "penalizer"?');
  });

  it("refuses { cohorts: 'month' } in cohortRetention and suggests cohort", () => {
    const e = errorOf(() => cohortRetention([{ customerId: 1, at: "2024-01-01" }], { cohorts: "month" } as never));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.cohorts"]);
    expect(e.message).toContain('did you mean "cohort"?');
  });

  it("refuses { confidense: 0.9 } in nps and suggests confidence", () => {
    const e = errorOf(() => nps([10, 9, 3], { confidense: 0.9 } as never));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.confidense"]);
    expect(e.message).toContain('did you mean "confidence"?');
    expect(e.message).toContain("known keys: confidence, skipInvalid, interval");
  });

  it("gives no suggestion when no known key is close", () => {
    const e = errorOf(() => kaplanMeier([{ duration: 1, event: true }], { bandwidth: 2 } as never));
    expect(e.path).toBe("options.bandwidth");
    expect(e.message).not.toContain("did you mean");
  });

  it("refuses prototype-named keys, a JSON-parsed __proto__ included, like any unknown key", () => {
    for (const extra of [{ toString: 1 }, { constructor: 1 }, { hasOwnProperty: 1 }, { valueOf: 1 }, JSON.parse('{"__proto__": 1}') as object]) {
      const key = Object.keys(extra)[0]!;
      const e = errorOf(() => kaplanMeier([{ duration: 1, event: true }], { confidence: 0.9, ...extra } as never));
      expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", `options.${key}`]);
    }
    // `{ ...JSON.parse(...) }` keeps __proto__ as an own key only through JSON.parse itself:
    const e = errorOf(() => nps([10], JSON.parse('{"__proto__": {"confidence": 0.5}}') as never));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.__proto__"]);
  });

  it("never reads an inherited key as an option", () => {
    const inherited = Object.create({ confidence: 0.5 }) as object;
    expect(nps([10, 9, 3, 0], inherited as never)).toEqual(nps([10, 9, 3, 0]));
  });

  it("reads a getter once", () => {
    let reads = 0;
    const options = {
      get confidence(): number {
        reads++;
        return reads === 1 ? 0.9 : Number.NaN;
      },
    };
    const curve = kaplanMeier([{ duration: 1, event: true }, { duration: 2, event: false }], options);
    expect(reads).toBe(1);
    expect(curve).toEqual(kaplanMeier([{ duration: 1, event: true }, { duration: 2, event: false }], { confidence: 0.9 }));
  });

  it("closes nested bags: rfmScores' method, the churn rules' cutoffs, summarySql's columns, a fit's initialParams", () => {
    const rows = [{ customerId: 1, recency: 1, frequency: 1, monetary: 1 }];
    expect(errorOf(() => rfmScores(rows, { method: { recency: "rank", monetry: "rank" } as never })).path).toBe("options.method.monetry");
    expect(errorOf(() => rfmScores(rows, { method: { thresholds: [1, 2, 3, 4], toString: 1 } as never })).path).toBe("options.method.toString");
    expect(errorOf(() => detectChurnSignals([], { asOf: "2024-01-01", cutoffs: { medium: 0.2, hihg: 0.5 } as never })).path).toBe("options.cutoffs.hihg");
    expect(errorOf(() => summarySql({ dialect: "duckdb", table: "t", columns: { customerId: "c", at: "d", amout: "x" } as never, observationEnd: "2024-01-01" })).path).toBe(
      "options.columns.amout",
    );
    expect(errorOf(() => fitBgNbd([{ frequency: 1, recency: 2, T: 5 }], { initialParams: { r: 1, alpha: 1, a: 1, b: 1, c: 1 } as never })).path).toBe(
      "options.initialParams.c",
    );
  });

  it("suggests a plot option too (the charts share the same check)", () => {
    const curve = kaplanMeier([{ duration: 1, event: true }, { duration: 2, event: false }]);
    const e = errorOf(() => survivalCurve(curve, { showBands: false } as never));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.showBands"]);
    expect(e.message).toContain('did you mean "showBand"?');
  });

  it("quotes a key that is not an identifier in the path", () => {
    expect(errorOf(() => nps([10], { "confidence level": 0.9 } as never)).path).toBe('options["confidence level"]');
  });
});

describe("BigInt, Symbol and other odd option values", () => {
  it("gives INVALID_UNIT, not a TypeError, for unit: 1n", () => {
    const e = errorOf(() => summarizeTransactions(TX, { observationEnd: "2024-01-31", unit: 1n } as never));
    expect([e.code, e.path]).toEqual(["INVALID_UNIT", "options.unit"]);
    expect(e.message).toContain("1n (a BigInt)");
  });

  it("gives INVALID_TYPE with the fix for a BigInt where a number is expected", () => {
    const e = errorOf(() => customerLifetimeValue({ model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 } }, 10, [], { horizon: 12n } as never));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "options.horizon"]);
    expect(e.message).toContain("convert it with Number(value)");
  });

  it("gives coded errors for a Symbol, a function, a hostile object and a revoked proxy", () => {
    const hostile = {
      toString(): string {
        throw new Error("no");
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const v of [Symbol("week"), () => "week", hostile, proxy, 10n ** 50n]) {
      const e = errorOf(() => summarizeTransactions(TX, { observationEnd: "2024-01-31", unit: v } as never));
      expect([e.code, e.path]).toEqual(["INVALID_UNIT", "options.unit"]);
    }
    expect(errorOf(() => nps([10], proxy as never)).code).toBe("INVALID_TYPE");
  });

  it("renders any value without throwing", () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    const throwing = new Proxy({}, { getPrototypeOf: () => { throw new Error("no"); } });
    expect(show(1n)).toBe("1n (a BigInt)");
    expect(show(Symbol("x"))).toBe('a Symbol("x")');
    expect(show(Symbol())).toBe("a Symbol");
    expect(show(() => 1)).toBe("a function");
    expect(show(proxy)).toBe("an unreadable value");
    expect(show(throwing)).toBe("an unreadable value");
    expect(show(new Date(Number.NaN))).toBe("Invalid Date");
    expect(show(-0)).toBe("-0");
  });
});

describe("asOf and observationEnd are synonyms", () => {
  it("gives the same summaries for asOf as for observationEnd", () => {
    expect(summarizeTransactions(TX, { asOf: "2024-01-31", unit: "week" })).toEqual(summarizeTransactions(TX, { observationEnd: "2024-01-31", unit: "week" }));
  });

  it("gives the same RFM rows, lifecycle inputs, survival data and reminders for observationEnd as for asOf", () => {
    expect(rfmFromTransactions(TX, { observationEnd: "2024-02-01" })).toEqual(rfmFromTransactions(TX, { asOf: "2024-02-01" }));
    expect(lifecycleInputs(TX, { observationEnd: "2024-02-01" })).toEqual(lifecycleInputs(TX, { asOf: "2024-02-01" }));
    const tenures = [{ startAt: "2023-01-01", endAt: "2023-06-01" }, { startAt: "2023-03-01", endAt: null }];
    expect(survivalData(tenures, { observationEnd: "2024-01-01" })).toEqual(survivalData(tenures, { asOf: "2024-01-01" }));
    const subs = [{ customerId: 1, startAt: "2023-01-15", cycle: "monthly" as const }];
    expect(renewalReminders(subs, { observationEnd: "2024-01-01" })).toEqual(renewalReminders(subs, { asOf: "2024-01-01" }));
  });

  it("takes asOf for the holdout end of splitCalibrationHoldout and for the end of cohortRetention", () => {
    const a = splitCalibrationHoldout(TX, { calibrationEnd: "2024-01-10", asOf: "2024-01-31" });
    expect(a).toEqual(splitCalibrationHoldout(TX, { calibrationEnd: "2024-01-10", observationEnd: "2024-01-31" }));
    expect(cohortRetention(TX, { asOf: "2024-01-31" })).toEqual(cohortRetention(TX, { observationEnd: "2024-01-31" }));
  });

  it("accepts both when they are the same instant, in different forms", () => {
    expect(summarizeTransactions(TX, { observationEnd: "2024-01-31", asOf: Date.UTC(2024, 0, 31) })).toEqual(summarizeTransactions(TX, { observationEnd: "2024-01-31" }));
  });

  it("refuses both with different instants (INVALID_OPTION at the other name)", () => {
    const e = errorOf(() => summarizeTransactions(TX, { observationEnd: "2024-01-31", asOf: "2024-02-01" }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.asOf"]);
    expect(e.message).toContain("synonyms");
    expect(errorOf(() => detectChurnSignals([], { asOf: "2024-01-31", observationEnd: "2024-02-01" })).path).toBe("options.observationEnd");
  });

  it("still requires one of them, under the documented name", () => {
    const e = errorOf(() => rfmFromTransactions(TX, {} as never));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.asOf"]);
    expect(e.message).toContain("options.observationEnd");
  });

  it("takes input.asOf in the engine", () => {
    const config = { clv: false, churn: false } as const;
    const a = scoreCustomers({ transactions: TX, asOf: "2024-02-01" } as never, config);
    expect(a).toEqual(scoreCustomers({ transactions: TX, observationEnd: "2024-02-01" }, config));
  });
});

describe("the engine config and prototype-named keys", () => {
  it("refuses toString, constructor, __proto__, hasOwnProperty and valueOf at every level with INVALID_CONFIG", () => {
    const tx = { transactions: TX, observationEnd: "2024-02-01" };
    const cases: [object, string][] = [
      [{ toString: 1 }, "config.toString"],
      [JSON.parse('{"__proto__": {}}') as object, "config.__proto__"],
      [{ rfm: { constructor: 1 } }, "config.rfm.constructor"],
      [{ churn: { rules: { hasOwnProperty: {} } } }, "config.churn.rules.hasOwnProperty"],
      [{ churn: { rules: { inactivity: { valueOf: 1 } } } }, "config.churn.rules.inactivity.valueOf"],
      [{ churn: { cutoffs: JSON.parse('{"__proto__": 1}') as object } }, "config.churn.cutoffs.__proto__"],
    ];
    for (const [config, path] of cases) {
      const e = errorOf(() => scoreCustomers(tx, config as never));
      expect([e.code, e.path]).toEqual(["INVALID_CONFIG", path]);
    }
  });
});

describe("optionsBag and closestKey", () => {
  it("returns a null-prototype snapshot of the known keys only", () => {
    const o = optionsBag("f", { a: 1 }, ["a", "b"] as const);
    expect(Object.getPrototypeOf(o)).toBe(null);
    expect(Object.keys(o)).toEqual(["a"]);
    expect(optionsBag("f", undefined, ["a"] as const).a).toBeUndefined();
  });

  it("suggests by case-insensitive edit distance, with swaps, and not beyond 1 edit for short keys or 2 for long ones", () => {
    expect(closestKey("units", ["unit", "period"])).toBe("unit");
    expect(closestKey("Unit", ["unit"])).toBe("unit");
    expect(closestKey("peroid", ["unit", "period"])).toBe("period");
    expect(closestKey("confidense", ["confidence"])).toBe("confidence");
    expect(closestKey("uni", ["unit"])).toBe("unit");
    expect(closestKey("un", ["unit"])).toBeNull();
    expect(closestKey("horizn", ["horizon", "margin"])).toBe("horizon");
    expect(closestKey("x".repeat(1000), ["unit"])).toBeNull();
  });
});
