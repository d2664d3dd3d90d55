// Regressions found by the reliability contract (test/contract): each input once broke the contract.
import { describe, expect, it } from "vitest";
import { probabilityOfPurchases } from "../../src/index.js";

describe("CLV predictions at the edges of the parameter space", () => {
  it("gives finite Pareto/NBD purchase probabilities that sum to 1 when beta is the smallest double", () => {
    // A dropout-time CDF this steep maps the last quadrature nodes to τ = ∞; that once gave NaN.
    const model = { model: "pareto-nbd", params: { r: 1.22, alpha: 2.32, s: 0.01, beta: 5e-324 } } as const;
    const ps = [0, 1, 2, 3, 4, 5, 6].map((n) => probabilityOfPurchases(model, n, 200));
    for (const p of ps) expect(p >= 0 && p <= 1).toBe(true);
    expect(ps[1]).toBeGreaterThan(0);
    // Almost everyone drops out near τ = 0 (mass at n = 0); the (β/(β+t))^s ≈ 5e-4 who survive buy ~100 times.
    const head = ps.reduce((a, b) => a + b, 0);
    expect(head).toBeGreaterThan(0.999);
    expect(head).toBeLessThanOrEqual(1);
  });
});
