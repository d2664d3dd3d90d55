import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, fitParetoNbd, probabilityAlive, type ParetoNbdFit } from "../../src/index.js";
import { paretoLogLikelihood } from "../../src/clv/paretoNbdMath.js";
import { cdnowSummary, expectReferencePredictions, reference, rel } from "./cdnowFixtures.js";
import { thrown } from "./moreFixtures.js";

const ref = reference();
const pn = ref.cdnow_summary.pareto_nbd;
const rows = cdnowSummary();
const fit: ParetoNbdFit = fitParetoNbd(rows);
const inputs = ref.cdnow_summary.inputs_rows_0_9;
const NAMES = ["r", "alpha", "s", "beta"] as const;

describe("fitParetoNbd on the CDNOW sample", () => {
  it("reaches the refined optimum: every parameter within 1e-5 relative, LL within 1e-12", () => {
    const refined = pn.refined_mle_original_units;
    for (const k of NAMES) expect(rel(fit.params[k], refined.params[k])).toBeLessThan(1e-5);
    expect(rel(fit.logLikelihood, refined.total_log_likelihood)).toBeLessThan(1e-12);
    expect(fit.converged).toBe(true);
  });

  it("has a likelihood at least as high as lifetimes' Nelder–Mead stops, for every seed", () => {
    for (const run of pn.seed_runs) expect(fit.logLikelihood).toBeGreaterThanOrEqual(run.total_log_likelihood);
  });

  it("agrees with lifetimes' parameters to 1e-3 and the paper's to 0.5 %", () => {
    for (const k of NAMES) expect(rel(fit.params[k], pn.params[k])).toBeLessThan(1e-3);
    const paper = ref.meta.published_values.pareto_nbd;
    for (const k of NAMES) expect(rel(fit.params[k], paper[k])).toBeLessThan(0.005);
    expect(fit.logLikelihood.toFixed(1)).toBe("-9595.0");
  });

  it("round-trips through JSON", () => {
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });
});

describe("Pareto/NBD predictions against lifetimes", () => {
  const cases = [
    ["lifetimes-fitted", pn.params, pn.predictions_rows_0_9_fitted_params],
    ["published", { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, pn.predictions_rows_0_9_published_params],
    ["refined", pn.refined_mle_original_units.params, pn.predictions_rows_0_9_refined_mle],
  ] as const;
  for (const [label, params, pred] of cases) {
    it(`agree to 1e-12 at the ${label} parameters`, () => {
      expectReferencePredictions({ model: "pareto-nbd", params }, pred, inputs, 1e-12);
    });
  }

  it("gives lifetimes' total log-likelihood at its own and the published parameters", () => {
    const total = (p: typeof pn.params) => rows.reduce((a, r) => a + paretoLogLikelihood(p, r.frequency, r.recency, r.T), 0);
    expect(rel(total(pn.params), pn.total_log_likelihood)).toBeLessThan(1e-12);
    expect(rel(total({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }), pn.total_log_likelihood_at_published_params)).toBeLessThan(1e-12);
  });

  it("passes lifetimes' stress checks (x = 132 and 133 at T = 200, P(alive) overflow cases, the BTYD walkthrough)", () => {
    const st = pn.stress_checks_lifetimes_tests;
    const m = { model: "pareto-nbd", params: st.params } as const;
    expect(rel(conditionalExpectedPurchases(m, { frequency: 132, recency: 200, T: 200 }, 10), st.cond_exp_t10_x132_tx200_T200)).toBeLessThan(1e-10);
    expect(rel(conditionalExpectedPurchases(m, { frequency: 133, recency: 200, T: 200 }, 10), st.cond_exp_t10_x133_tx200_T200)).toBeLessThan(1e-10);
    const o = st.p_alive_overflow_case;
    for (let i = 0; i < 3; i++) {
      const v = probabilityAlive({ model: "pareto-nbd", params: o.params }, { frequency: o.frequency[i], recency: o.recency[i], T: o.T[i] });
      expect(rel(v, o.p_alive[i])).toBeLessThan(1e-10);
    }
    const w = st.btyd_walkthrough_p_alive;
    expect(probabilityAlive({ model: "pareto-nbd", params: w.params }, { frequency: w.x, recency: w.t_x, T: w.T }).toFixed(4)).toBe("0.9979");
  });
});

describe("Pareto/NBD at large frequencies, against high-precision arithmetic", () => {
  const hp = ref.high_precision_checks;
  const m = { model: "pareto-nbd", params: hp.pareto_nbd_params } as const;
  it("matches the fixture's 60-digit values to 1e-12 for x ≤ 132", () => {
    for (const c of hp.cases.filter((c: { x: number }) => c.x <= 132)) {
      const cu = { frequency: c.x, recency: c.t_x, T: c.T };
      expect(rel(paretoLogLikelihood(hp.pareto_nbd_params, c.x, c.t_x, c.T), c.ll_mpmath)).toBeLessThan(1e-12);
      expect(rel(probabilityAlive(m, cu), c.palive_mpmath)).toBeLessThan(1e-12);
      expect(rel(conditionalExpectedPurchases(m, cu, 39), c.condexp39_mpmath)).toBeLessThan(1e-12);
    }
  });

  // For x ≥ 300 the fixture's mpmath values came from one adaptive quadrature over [t_x, T] of an integrand
  // that falls by e^−100 across the interval, and are off by up to 3.5e-4 (x = 5000). Recomputed with mpmath
  // at 50 digits with the interval split into 400 panels (and confirmed by the ₂F₁ closed form in mpmath):
  const recomputed = [
    { x: 300, ll: 239.68633073028592, pAlive: 0.52251737679367204, condExp39: 102.60858091411741 },
    { x: 500, ll: 658.02282866726769, pAlive: 0.029950827438096339, condExp39: 9.7954073634372153 },
    { x: 700, ll: 1159.4840065176867, pAlive: 0.00073337787022078386, condExp39: 0.33568593844999571 },
    { x: 1000, ll: 2016.1804006963677, pAlive: 2.3207825582373259e-6, condExp39: 0.0015171882105364577 },
    { x: 5000, ll: 18160.015347655892, pAlive: 4.6576528057959017e-41, condExp39: 1.5217772845648939e-37 },
  ];
  it("matches recomputed 50-digit values to 1e-10 for x from 300 to 5000 (t_x = 38, T = 39)", () => {
    for (const c of recomputed) {
      const cu = { frequency: c.x, recency: 38, T: 39 };
      expect(rel(paretoLogLikelihood(hp.pareto_nbd_params, c.x, 38, 39), c.ll)).toBeLessThan(1e-12);
      expect(rel(probabilityAlive(m, cu), c.pAlive)).toBeLessThan(1e-10);
      expect(rel(conditionalExpectedPurchases(m, cu, 39), c.condExp39)).toBeLessThan(1e-10);
    }
  });

  it("stays finite for x = 100 000 and ages of ten years in days", () => {
    const big = { model: "pareto-nbd", params: { r: 0.55, alpha: 74, s: 0.61, beta: 82 } } as const;
    for (const cu of [{ frequency: 100_000, recency: 3000, T: 3650 }, { frequency: 5000, recency: 3649, T: 3650 }, { frequency: 0, recency: 0, T: 3650 }]) {
      const pa = probabilityAlive(big, cu);
      expect(pa).toBeGreaterThanOrEqual(0);
      expect(pa).toBeLessThanOrEqual(1);
      expect(Number.isFinite(conditionalExpectedPurchases(big, cu, 365))).toBe(true);
      expect(Number.isFinite(paretoLogLikelihood(big.params, cu.frequency, cu.recency, cu.T))).toBe(true);
    }
  });
});

describe("fitParetoNbd input errors", () => {
  it("names the offending row and field", () => {
    const e = thrown(() => fitParetoNbd([{ frequency: 1, recency: 1, T: Number.POSITIVE_INFINITY }]));
    expect([e.code, e.path]).toEqual(["INVALID_NUMBER", "rows[0].T"]);
    expect(thrown(() => fitParetoNbd([{ frequency: 1, recency: 1, T: 2 }], { initialParams: { r: 1, alpha: 1, s: -1, beta: 1 } })).path).toBe("options.initialParams.s");
  });
});
