import { describe, expect, it } from "vitest";
import { evaluateClassifier, scoreCustomers, type ScoreResult } from "../../src/index.js";
import { CALIBRATION_END, cdnowHoldout } from "../churn/cdnowHoldout.js";

describe("the engine's default churn part on transactions only (full CDNOW cohort)", () => {
  const h = cdnowHoldout();
  const r = scoreCustomers({ transactions: h.transactions, observationEnd: CALIBRATION_END }, { clv: false, rfm: false, tiers: false, abc: false, lifecycle: false }) as ScoreResult;
  const n = r.customers.length;
  const churned = (id: number): boolean => !h.boughtAgain.has(id);

  it("gives informative levels: 68% high, 12% medium, 21% low, with falling holdout churn", () => {
    expect(n).toBe(23_570);
    const count = (l: string) => r.customers.filter((c) => c.churnRiskLevel === l);
    const share = (l: string) => count(l).length / n;
    const rate = (l: string) => count(l).filter((c) => churned(c.customerId as number)).length / count(l).length;
    // The fixed 30-day rule put 88% of them at high risk at this snapshot (and 89% at 1998-06-30).
    expect(share("high")).toBeCloseTo(0.677, 2);
    expect(share("medium")).toBeCloseTo(0.116, 2);
    expect(share("low")).toBeCloseTo(0.206, 2);
    expect(rate("high")).toBeCloseTo(0.829, 2);
    expect(rate("medium")).toBeCloseTo(0.598, 2);
    expect(rate("low")).toBeCloseTo(0.337, 2);
  });

  it("ranks holdout churn with an AUC of 0.725", () => {
    const e = evaluateClassifier(r.customers.map((c) => ({ score: c.churnRiskScore!, outcome: churned(c.customerId as number) })));
    expect(e.auc!).toBeCloseTo(0.7247, 3);
    expect(e.aucLower!).toBeGreaterThan(0.7);
  });

  it("measures each customer against their own purchase gaps, shrunk towards the base's median gap", () => {
    const c = r.customers.find((x) => x.customerId === 47)!;
    // 15 purchases on 14 days from 1997-01-01 to 1997-08-09 (220 days, 13 gaps); base gap 48.4 days:
    // (220 + 2 · 48.4) / (13 + 2) = 21.12 days, threshold 42.24 days; 52 days quiet → severity 52 / 84.48.
    const e = c.churnSignals![0]!.evidence;
    expect(e).toMatchObject({ activityDays: 14, daysInactive: 52, gapMultiple: 2 });
    expect(e.baseGapDays).toBeCloseTo(48.4, 9);
    expect(e.typicalGapDays).toBeCloseTo(21.12, 9);
    expect(e.thresholdDays).toBeCloseTo(42.24, 9);
    expect(c.churnSignals![0]!.severity).toBeCloseTo(52 / 84.48, 12);
    expect(r.warnings.map((w) => w.code)).not.toContain("INACTIVITY_BELOW_PURCHASE_GAP");
  });
});
