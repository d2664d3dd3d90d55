// Regressions found by the reliability contract: sparse arrays (holes) once slipped past validation, since
// forEach and map skip holes, giving results with holes or undefined tiers.
import { describe, expect, it } from "vitest";
import { abcClassify, lifecycleStage, purchaseBehaviour, quantileTiers, renewalFrequencyClass, thresholdTiers, tierTransitions } from "../../src/index.js";
import { codeOf } from "../contract/check.js";

// eslint-disable-next-line no-sparse-arrays
const holeyLabels = ["low", , "high"] as unknown as string[];
const rows = [1, 2, 3].map((value, i) => ({ customerId: i, value }));

describe("tiers refuse sparse arrays", () => {
  it("refuses a hole in the labels of quantileTiers, thresholdTiers and abcClassify", () => {
    expect(codeOf(() => quantileTiers(rows, { labels: holeyLabels }))).toBe("INVALID_OPTION options.labels[1]");
    expect(codeOf(() => thresholdTiers(rows, { thresholds: [1, 2], labels: holeyLabels }))).toBe("INVALID_OPTION options.labels[1]");
    expect(codeOf(() => abcClassify(rows, { labels: holeyLabels, cutoffs: [0.5, 0.9] }))).toBe("INVALID_OPTION options.labels[1]");
  });

  it("refuses a hole in the cutoffs of abcClassify", () => {
    expect(codeOf(() => abcClassify(rows, { cutoffs: [0.5, , 0.95] as unknown as number[], labels: ["A", "B", "C", "D"] }))).toBe("INVALID_THRESHOLDS options.cutoffs[1]");
  });

  it("refuses a hole among the customers instead of returning a result with a hole", () => {
    const asOf = Date.UTC(2024, 0, 1);
    const one = { customerId: 1, firstAt: asOf - 1e10, lastAt: asOf - 1e9, recentPurchases: 1, priorPurchases: 1 };
    expect(codeOf(() => lifecycleStage([one, , one] as never, { asOf }))).toBe("INVALID_TYPE customers[1]");
    expect(codeOf(() => renewalFrequencyClass([, { customerId: 1, renewals: [asOf] }] as never))).toBe("INVALID_TYPE customers[0]");
    expect(codeOf(() => renewalFrequencyClass([{ customerId: 1, renewals: [asOf, , asOf + 1e9] }] as never))).toBe("INVALID_TYPE customers[0].renewals[1]");
    expect(codeOf(() => purchaseBehaviour([{ customerId: 1 }, , { customerId: 2 }] as never))).toBe("INVALID_TYPE purchases[1]");
  });

  it("refuses a hole in a tier order or an assignment list", () => {
    const a = [{ customerId: 1, tier: "gold" }];
    expect(codeOf(() => tierTransitions(a, a, { order: ["gold", , "bronze"] as never }))).toBe("INVALID_OPTION options.order[1]");
    expect(codeOf(() => tierTransitions([, ...a] as never, a))).toBe("INVALID_TYPE before[0]");
  });
});
