// labelledSnapshot, fitChurnModel and churnDrivers against R (scripts/reference/churnDrivers.R writes the
// fixture): the CDNOW sample, snapshot 1997-10-01, churned = no purchase in [1997-10-01, 1998-07-01).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { churnDrivers, labelledSnapshot } from "../../src/index.js";
import { fixturePath, relDiff } from "../helpers/csv.js";

interface Crude { threshold: number; withCustomers: number; withChurners: number; withoutCustomers: number; withoutChurners: number; lift: number; liftLower: number; liftUpper: number }
interface Adjusted { coefficient: number; standardError: number; oddsRatio: number; oddsRatioLower: number; oddsRatioUpper: number; pValue: number }
const ref = JSON.parse(readFileSync(fixturePath("churn/drivers-reference.json"), "utf8")) as {
  customers: number;
  churners: number;
  featureSums: Record<string, number>;
  intercept: number;
  deviance: number;
  crude: Record<string, Crude>;
  adjusted: Record<string, Adjusted>;
};
const FEATURES = ["recencyDays", "frequency", "tenureDays", "totalSpend"];

const transactions = readFileSync(new URL("../../examples/data/CDNOW_sample.txt", import.meta.url), "utf8").trim().split("\n").map((line) => {
  const [, id, d, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
  return { customerId: Number(id), at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(dollars) };
});
const snapshot = labelledSnapshot(transactions, { snapshotAt: "1997-10-01", windowEnd: "1998-07-01" });

describe("churn drivers on the CDNOW sample, against R", () => {
  it("builds the same customers, labels and features as R from the raw transactions", () => {
    expect([snapshot.customers, snapshot.churners]).toEqual([ref.customers, ref.churners]);
    for (const f of FEATURES) {
      const sum = snapshot.rows.reduce((s, r) => s + r.features[f]!, 0);
      expect(relDiff(sum, ref.featureSums[f]!), f).toBeLessThan(1e-12);
    }
  });

  it("gives R's crude lifts with their log-method intervals and glm's adjusted odds ratios", () => {
    const t = churnDrivers(snapshot, { features: FEATURES });
    expect(relDiff(t.model!.coefficients.intercept!, ref.intercept)).toBeLessThan(1e-6);
    expect(relDiff(t.model!.deviance, ref.deviance)).toBeLessThan(1e-9);
    for (const f of FEATURES) {
      const d = t.drivers.find((x) => x.feature === f)!;
      const c = ref.crude[f]!;
      expect([d.threshold, d.withCustomers, d.withChurners, d.withoutCustomers, d.withoutChurners], f).toEqual([c.threshold, c.withCustomers, c.withChurners, c.withoutCustomers, c.withoutChurners]);
      expect(relDiff(d.lift!, c.lift), `${f} lift`).toBeLessThan(1e-12);
      expect(relDiff(d.liftLower!, c.liftLower), `${f} lift lower`).toBeLessThan(1e-9);
      expect(relDiff(d.liftUpper!, c.liftUpper), `${f} lift upper`).toBeLessThan(1e-9);
      const a = ref.adjusted[f]!;
      expect(relDiff(t.model!.coefficients[f]!, a.coefficient), `${f} coefficient`).toBeLessThan(1e-6);
      expect(relDiff(t.model!.standardErrors[f]!, a.standardError), `${f} se`).toBeLessThan(1e-6);
      expect(relDiff(d.oddsRatio!, a.oddsRatio), `${f} OR`).toBeLessThan(1e-6);
      expect(relDiff(d.oddsRatioLower!, a.oddsRatioLower), `${f} OR lower`).toBeLessThan(1e-6);
      expect(relDiff(d.oddsRatioUpper!, a.oddsRatioUpper), `${f} OR upper`).toBeLessThan(1e-6);
      expect(relDiff(d.pValue!, a.pValue), `${f} p`).toBeLessThan(1e-5);
    }
  });
});
