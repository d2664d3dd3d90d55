import { describe, expect, it } from "vitest";
import { scoreCustomers, SCORE_WARNING_CODES, summarizeTransactions, type ScoreResult, type ScoreRow } from "../../src/index.js";
import { cdnowSample } from "./helpers.js";

const END = "2024-06-30";
const codes = (r: ScoreResult): string[] => r.warnings.map((w) => w.code);

describe("scoreCustomers warnings", () => {
  it("says when the fit did not converge and the CLV rests on it (every row had a CLV and nothing said so)", () => {
    // Two customers: 2 distinct histories for BG/NBD's 4 parameters, so the fit is not identified.
    const tx = [
      { customerId: "a", at: "2024-01-01", amount: 10 },
      { customerId: "a", at: "2024-02-01", amount: 12 },
      { customerId: "b", at: "2024-03-01", amount: 20 },
    ];
    const r = scoreCustomers({ transactions: tx, observationEnd: END }, { clv: { model: "bg-nbd" } }) as ScoreResult;
    expect((r.models.transaction as { converged: boolean }).converged).toBe(false);
    expect(codes(r)).toEqual(expect.arrayContaining(["FIT_NOT_CONVERGED", "CLV_FROM_FAILED_FIT"]));
    const w = r.warnings.find((x) => x.code === "FIT_NOT_CONVERGED")!;
    expect(w).toMatchObject({ path: "models.transaction", customers: 2 });
    expect(w.message).toMatch(/not identified/);
    expect(r.warnings.find((x) => x.code === "CLV_FROM_FAILED_FIT")).toMatchObject({ customers: 2, path: "customers[].clv" });
  });

  it("counts transaction rows left out after the observation end", () => {
    const tx = [
      { customerId: 1, at: "2024-01-01", amount: 10 },
      { customerId: 1, at: "2024-07-02", amount: 10 },
      { customerId: 2, at: "2024-08-02", amount: 10 },
    ];
    const r = scoreCustomers({ transactions: tx, observationEnd: END }, { clv: false });
    expect(r.warnings).toEqual([
      { code: "ROWS_AFTER_END", message: "2 transaction rows were after the observation end's period and left out: is input.observationEnd the date you meant?", path: "input.transactions", customers: null, value: 2 },
    ]);
  });

  it("counts activity of customers without transactions", () => {
    const tx = [{ customerId: "a", at: "2024-06-01", amount: 10 }];
    const activity = [{ customerId: "a", type: "login", at: "2024-06-20" }, { customerId: "A", type: "login", at: "2024-06-21" }, { customerId: "A", type: "login", at: "2024-06-22" }];
    const r = scoreCustomers({ transactions: tx, activity, renewals: [{ customerId: "z", renewalAt: "2024-07-01" }], observationEnd: END }, { clv: false });
    expect(r.warnings.find((w) => w.code === "ACTIVITY_WITHOUT_PURCHASES")).toMatchObject({ value: 3, path: "input.activity" });
  });

  it("says when a 30-day inactivity threshold flags most customers of a shop whose customers buy every 12 weeks", () => {
    const rows = cdnowSample();
    // The fixed 30-day rule, given explicitly: with transactions only, the default is now data-relative (no warning).
    const r = scoreCustomers({ transactions: rows, observationEnd: "1998-06-30" }, { clv: false, churn: { rules: { inactivity: { days: 30 } } } }) as ScoreResult;
    expect(codes(scoreCustomers({ transactions: rows, observationEnd: "1998-06-30" }, { clv: false }) as ScoreResult)).not.toContain("INACTIVITY_BELOW_PURCHASE_GAP");
    const w = r.warnings.find((x) => x.code === "INACTIVITY_BELOW_PURCHASE_GAP")!;
    // The median of recency / frequency over repeat customers, in days, computed the plain way.
    const gaps = summarizeTransactions(rows, { observationEnd: "1998-06-30", unit: "day" }).filter((s) => s.frequency > 0).map((s) => s.recency / s.frequency).sort((a, b) => a - b);
    const median = gaps.length % 2 === 1 ? gaps[(gaps.length - 1) / 2]! : (gaps[gaps.length / 2 - 1]! + gaps[gaps.length / 2]!) / 2;
    expect(w.value).toBeCloseTo(median, 9);
    expect(median).toBeGreaterThan(30);
    const flagged = r.customers.filter((c) => c.churnSignals!.some((s) => s.rule === "inactivity")).length;
    expect(w.customers).toBe(flagged);
    expect(flagged * 2).toBeGreaterThan(r.customers.length);
    expect(w.path).toBe("config.churn.rules.inactivity.days");
    // With a threshold above the gap, no warning.
    const tuned = scoreCustomers({ transactions: rows, observationEnd: "1998-06-30" }, { clv: false, churn: { rules: { inactivity: { days: 400 } } } }) as ScoreResult;
    expect(codes(tuned)).not.toContain("INACTIVITY_BELOW_PURCHASE_GAP");
  });

  it("says when the horizon looks like days typed as months", () => {
    const tx = [
      { customerId: "a", at: "2024-01-01", amount: 10 },
      { customerId: "a", at: "2024-02-01", amount: 12 },
    ];
    const model = { transactionModel: { model: "mbg-nbd", params: { r: 0.7, alpha: 10, a: 0.5, b: 0.9 } }, spendModel: 20 } as const;
    const r = scoreCustomers({ transactions: tx, observationEnd: END }, { churn: false, clv: { ...model, horizon: 365 } });
    expect(r.warnings).toEqual([expect.objectContaining({ code: "HORIZON_BEYOND_DATA", value: 365, path: "config.clv.horizon" })]);
    expect(scoreCustomers({ transactions: tx, observationEnd: END }, { churn: false, clv: { ...model, horizon: 12 } }).warnings).toEqual([]);
  });

  it("gives plain JSON with documented codes only", () => {
    const r = scoreCustomers({ transactions: cdnowSample().slice(0, 300), observationEnd: "1997-06-30" }, {}) as ScoreResult;
    expect(JSON.parse(JSON.stringify(r.warnings))).toEqual(r.warnings);
    for (const w of r.warnings) expect(SCORE_WARNING_CODES).toContain(w.code);
  });
});

describe("a row's P(alive) never contradicts the row without saying why", () => {
  const rows = cdnowSample();
  const lost = (c: ScoreRow): boolean => c.rfmSegment === "Lost" || c.lifecycleStage === "churned" || c.churnRiskLevel === "high";

  it("has no P(alive) of 1.00 beside Lost / churned / high risk with the default MBG/NBD, and notes every P(alive) ≥ 0.5 there", () => {
    // The fixed 30-day inactivity rule: with the data-relative default no P(alive) ≥ 0.5 stands beside Lost / churned / high here.
    const byDefault = scoreCustomers({ transactions: rows, observationEnd: "1998-06-30" }, {}) as ScoreResult;
    expect(byDefault.customers.filter((c) => c.probabilityAlive! >= 0.5 && lost(c))).toEqual([]);
    const r = scoreCustomers({ transactions: rows, observationEnd: "1998-06-30" }, { churn: { rules: { inactivity: { days: 30 } } } }) as ScoreResult;
    expect(r.models.transaction!.model).toBe("mbg-nbd");
    expect(r.customers.filter((c) => c.probabilityAlive! >= 0.995 && lost(c))).toEqual([]);
    const highAndLost = r.customers.filter((c) => c.probabilityAlive! >= 0.5 && lost(c));
    expect(highAndLost.length).toBeGreaterThan(0);
    expect(highAndLost.every((c) => c.probabilityAliveNote !== null && c.probabilityAliveNote.startsWith("P(alive) is the model's estimate"))).toBe(true);
    // One-time buyers' P(alive) falls below 1 with MBG/NBD.
    expect(Math.max(...r.customers.filter((c) => c.frequency === 0).map((c) => c.probabilityAlive!))).toBeLessThan(0.5);
  });

  it("explains BG/NBD's P(alive) = 1 of one-time buyers on every such row", () => {
    const r = scoreCustomers({ transactions: rows, observationEnd: "1998-06-30" }, { clv: { model: "bg-nbd" } }) as ScoreResult;
    const oneTime = r.customers.filter((c) => c.frequency === 0);
    expect(oneTime.every((c) => c.probabilityAlive === 1 && c.probabilityAliveNote!.startsWith("BG/NBD counts a customer without a repeat purchase as alive"))).toBe(true);
    expect(r.customers.filter((c) => c.probabilityAlive! >= 0.5 && lost(c) && c.probabilityAliveNote === null)).toEqual([]);
  });

  it("leaves the note null where nothing needs explaining, and when the clv part is off", () => {
    const r = scoreCustomers({ transactions: rows, observationEnd: "1998-06-30" }, {}) as ScoreResult;
    expect(r.customers.some((c) => c.probabilityAliveNote === null)).toBe(true);
    expect(scoreCustomers({ transactions: rows.slice(0, 50), observationEnd: "1998-06-30" }, { clv: false }).customers.every((c) => c.probabilityAliveNote === null)).toBe(true);
  });
});

