import { describe, expect, it } from "vitest";
import { discountedResidualLifetime, fitShiftedBetaGeometric, retentionCurve } from "../../src/index.js";
import { thrown } from "./moreFixtures.js";

const regular = [1000, 631, 468, 382, 326, 289, 262, 241];
const highEnd = [1000, 869, 743, 653, 593, 551, 517, 491];
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe("fitShiftedBetaGeometric on the cohorts of Fader & Hardie (2007)", () => {
  it("gives α = 0.704, β = 1.182 for the regular cohort", () => {
    const f = fitShiftedBetaGeometric(regular);
    expect(rel(f.params.alpha, 0.704)).toBeLessThan(0.005);
    expect(rel(f.params.beta, 1.182)).toBeLessThan(0.005);
    expect(f.params.alpha.toFixed(3)).toBe("0.704");
    expect(f.params.beta.toFixed(3)).toBe("1.182");
    expect(f.converged).toBe(true);
    expect(f.customers).toBe(1000);
    expect(f.model).toBe("sbg");
  });

  it("gives α = 0.668, β = 3.806 for the high-end cohort", () => {
    const f = fitShiftedBetaGeometric(highEnd);
    expect(f.params.alpha.toFixed(3)).toBe("0.668");
    expect(f.params.beta.toFixed(3)).toBe("3.806");
    expect(f.reason).toBeNull();
  });

  it("returns plain data that survives a JSON round trip, also when not converged", () => {
    for (const f of [fitShiftedBetaGeometric(regular), fitShiftedBetaGeometric([100, 100, 100])]) {
      expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    }
  });

  it("has the log-likelihood of eq. 8 at the estimate", () => {
    const f = fitShiftedBetaGeometric(regular);
    const S = retentionCurve({ model: "sbg", params: f.params }, 7);
    let ll = 0;
    for (let t = 1; t <= 7; t++) ll += (regular[t - 1]! - regular[t]!) * Math.log(S[t - 1]! - S[t]!);
    ll += regular[7]! * Math.log(S[7]!);
    expect(f.logLikelihood).toBeCloseTo(ll, 8);
  });

  it("reports a cohort in which nobody churns as not identified, without NaN", () => {
    const f = fitShiftedBetaGeometric([100, 100, 100]);
    expect(f.converged).toBe(false);
    expect(f.reason).not.toBeNull();
    expect(Number.isFinite(f.params.alpha) && Number.isFinite(f.params.beta)).toBe(true);
  });

  it("reports a cohort that all churns at once, or a single customer, as not identified", () => {
    expect(fitShiftedBetaGeometric([100, 0, 0]).converged).toBe(false);
    expect(fitShiftedBetaGeometric([1, 1]).converged).toBe(false);
  });

  it("scales to cohorts in the hundreds of millions", () => {
    const f = fitShiftedBetaGeometric(highEnd.map((n) => n * 300_000));
    expect(f.params.alpha).toBeCloseTo(0.668, 3);
    expect(f.customers).toBe(3e8);
  });

  it("does not mutate its input", () => {
    const input = Object.freeze([...regular]);
    fitShiftedBetaGeometric(input);
    expect(input).toEqual(regular);
  });

  it("fits several cohorts jointly: two copies of a cohort give that cohort's parameters", () => {
    const one = fitShiftedBetaGeometric(highEnd);
    const two = fitShiftedBetaGeometric([highEnd, highEnd]);
    expect(two.params.alpha).toBeCloseTo(one.params.alpha, 6);
    expect(two.params.beta).toBeCloseTo(one.params.beta, 5);
    expect(two.logLikelihood).toBeCloseTo(2 * one.logLikelihood, 6);
    expect(two.customers).toBe(2000);
  });

  it("lets a cohort observed for different lengths contribute what it has: a size-only cohort adds customers but no information", () => {
    const joint = fitShiftedBetaGeometric([regular, [500], regular.slice(0, 3)]);
    expect(joint.customers).toBe(2500);
    expect(joint.converged).toBe(true);
    const alone = fitShiftedBetaGeometric([regular, regular.slice(0, 3)]);
    expect(joint.params.alpha).toBeCloseTo(alone.params.alpha, 6);
  });

  it("throws coded errors with paths for several cohorts", () => {
    expect(thrown(() => fitShiftedBetaGeometric([[100, 90], [50, 60]]))).toMatchObject({ code: "INCONSISTENT_COUNTS", path: "survivors[1][1]" });
    expect(thrown(() => fitShiftedBetaGeometric([[100, 90], 5] as never))).toMatchObject({ code: "INVALID_TYPE", path: "survivors[1]" });
    expect(thrown(() => fitShiftedBetaGeometric([[100], [0, 0]]))).toMatchObject({ code: "INSUFFICIENT_DATA", path: "survivors" });
    expect(thrown(() => fitShiftedBetaGeometric([[100, 90], []]))).toMatchObject({ code: "INSUFFICIENT_DATA", path: "survivors[1]" });
  });

  it("throws coded errors with paths", () => {
    expect(thrown(() => fitShiftedBetaGeometric([1000]))).toMatchObject({ code: "INSUFFICIENT_DATA", path: "survivors" });
    expect(thrown(() => fitShiftedBetaGeometric([0, 0]))).toMatchObject({ code: "INSUFFICIENT_DATA", path: "survivors[0]" });
    expect(thrown(() => fitShiftedBetaGeometric([100, 90, 95]))).toMatchObject({ code: "INCONSISTENT_COUNTS", path: "survivors[2]" });
    expect(thrown(() => fitShiftedBetaGeometric([100, 90.5]))).toMatchObject({ code: "NOT_INTEGER", path: "survivors[1]" });
    expect(thrown(() => fitShiftedBetaGeometric([100, -1]))).toMatchObject({ code: "NEGATIVE_VALUE", path: "survivors[1]" });
    expect(thrown(() => fitShiftedBetaGeometric([100, Number.NaN]))).toMatchObject({ code: "INVALID_NUMBER", path: "survivors[1]" });
    expect(thrown(() => fitShiftedBetaGeometric("100,90" as never))).toMatchObject({ code: "INVALID_TYPE", path: "survivors" });
    expect(thrown(() => fitShiftedBetaGeometric([100, 90], { penalizer: Number.NaN }))).toMatchObject({ code: "INVALID_NUMBER", path: "options.penalizer" });
    expect(thrown(() => fitShiftedBetaGeometric([100, 95, 96])).message).toMatch(/^fitShiftedBetaGeometric: /);
  });
});

describe("retentionCurve", () => {
  it("projects the high-end cohort as the paper's Figure: 0.460, 0.436, 0.414, 0.395, 0.378 in years 8–12", () => {
    const S = retentionCurve({ model: "sbg", params: { alpha: 0.668, beta: 3.806 } }, 12);
    expect(S.slice(8).map((s) => s.toFixed(3))).toEqual(["0.460", "0.436", "0.414", "0.395", "0.378"]);
    expect(S[0]).toBe(1);
    expect(S).toHaveLength(13);
  });

  it("equals B(α, β+t)/B(α, β)", () => {
    // With α = 1, β = 2: S(t) = B(1, 2+t)/B(1, 2) = 2/(2+t).
    const S = retentionCurve({ model: "sbg", params: { alpha: 1, beta: 2 } }, 5);
    S.forEach((s, t) => expect(s).toBeCloseTo(2 / (2 + t), 14));
  });

  it("returns [1] for zero periods", () => {
    expect(retentionCurve({ model: "sbg", params: { alpha: 1, beta: 2 } }, 0)).toEqual([1]);
  });

  it("throws coded errors", () => {
    expect(thrown(() => retentionCurve({ model: "sbg", params: { alpha: 1, beta: 2 } }, -1))).toMatchObject({ code: "OUT_OF_RANGE", path: "periods" });
    expect(thrown(() => retentionCurve({ model: "sbg", params: { alpha: 1, beta: 2 } }, 1.5))).toMatchObject({ code: "NOT_INTEGER", path: "periods" });
    expect(thrown(() => retentionCurve({ model: "sbg", params: { alpha: 0, beta: 2 } }, 3))).toMatchObject({ code: "INVALID_PARAMETER", path: "model.params.alpha" });
    expect(thrown(() => retentionCurve({ model: "bg-bb", params: { alpha: 1, beta: 2 } } as never, 3))).toMatchObject({ code: "INVALID_MODEL", path: "model.model" });
  });
});

describe("discountedResidualLifetime", () => {
  const he = { model: "sbg" as const, params: { alpha: 0.668, beta: 3.806 } };

  it("gives 7.530 for the high-end cohort after 7 renewals at 10 % (the sBG reference implementation's worked example)", () => {
    expect(discountedResidualLifetime(he, { renewals: 7, discountRate: 0.1 })!.toFixed(3)).toBe("7.530");
  });

  it("equals the direct sum Σ_{t≥n} S(t)/S(n−1)/(1+d)^(t−n)", () => {
    const S = retentionCurve(he, 3000);
    for (const renewals of [0, 3, 10]) {
      const n = renewals + 1;
      let s = 0;
      for (let t = n; t <= 3000; t++) s += S[t]! / S[n - 1]! / 1.1 ** (t - n);
      expect(discountedResidualLifetime(he, { renewals, discountRate: 0.1 })).toBeCloseTo(s, 10);
    }
  });

  it("uses the closed form (β+n−1)/(α−1) without discounting, and null when that is infinite", () => {
    expect(discountedResidualLifetime({ model: "sbg", params: { alpha: 3, beta: 2 } }, { renewals: 4, discountRate: 0 })).toBeCloseTo(3, 14);
    expect(discountedResidualLifetime(he, { renewals: 4, discountRate: 0 })).toBeNull();
    // Continuity: a tiny discount rate approaches the undiscounted value.
    expect(discountedResidualLifetime({ model: "sbg", params: { alpha: 3, beta: 2 } }, { renewals: 4, discountRate: 1e-6 })).toBeCloseTo(3, 4);
  });

  it("is the hypergeometric closed form (β+n−1)/(α+β+n−1)·₂F₁(1, β+n; α+β+n; 1/(1+d))", () => {
    // ₂F₁(1, b; c; z) = Σ_k (b)_k/(c)_k z^k, summed independently here.
    const { alpha, beta } = he.params;
    const n = 5;
    const z = 1 / 1.25;
    let term = 1;
    let f = 1;
    for (let k = 0; k < 2000; k++) {
      term *= ((beta + n + k) / (alpha + beta + n + k)) * z;
      f += term;
    }
    const expected = ((beta + n - 1) / (alpha + beta + n - 1)) * f;
    expect(discountedResidualLifetime(he, { renewals: n - 1, discountRate: 0.25 })).toBeCloseTo(expected, 10);
  });

  it("throws coded errors", () => {
    expect(thrown(() => discountedResidualLifetime(he, { renewals: -1, discountRate: 0.1 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.renewals" });
    expect(thrown(() => discountedResidualLifetime(he, { renewals: 1, discountRate: -0.1 }))).toMatchObject({ code: "NEGATIVE_VALUE", path: "options.discountRate" });
    expect(thrown(() => discountedResidualLifetime(he, undefined as never))).toMatchObject({ code: "INVALID_OPTION", path: "options" });
    expect(thrown(() => discountedResidualLifetime(he, { renewals: 1 } as never))).toMatchObject({ code: "INVALID_TYPE", path: "options.discountRate" });
  });
});
