import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCoxPh, RetentionKitError, type CoxPhModel, type CoxPhOptions, type CoxRow } from "../../src/index.js";

interface Row { duration: number; event: boolean; a: number; b: number; g: string }
const row = fc.record({
  duration: fc.integer({ min: 0, max: 25 }),
  event: fc.boolean(),
  a: fc.integer({ min: -3, max: 3 }),
  b: fc.double({ min: -5, max: 5, noNaN: true, noDefaultInfinity: true }),
  g: fc.constantFrom("x", "y"),
});
const sample = fc.array(row, { minLength: 6, maxLength: 50 });
const optionsArb = fc.record({ ties: fc.constantFrom("efron" as const, "breslow" as const), strata: fc.constantFrom(undefined, "g") });

/** The fit, or the code of the RetentionKitError it refuses with. */
function outcome(rows: readonly CoxRow[], options: CoxPhOptions): CoxPhModel | string {
  try {
    return fitCoxPh(rows, options);
  } catch (e) {
    if (e instanceof RetentionKitError) return e.code;
    throw e;
  }
}

function opts(o: { ties: "efron" | "breslow"; strata: string | undefined }): CoxPhOptions {
  return o.strata === undefined ? { covariates: ["a", "b"], ties: o.ties } : { covariates: ["a", "b"], ties: o.ties, strata: o.strata };
}

const near = (x: number, y: number, rel: number): boolean => Math.abs(x - y) <= rel * Math.max(Math.abs(x), Math.abs(y)) + 1e-9;

describe("fitCoxPh properties", () => {
  it("gives identical numbers for any order of the rows", () => {
    fc.assert(
      fc.property(sample, optionsArb, fc.array(fc.nat(), { minLength: 50, maxLength: 50 }), (rows, o, keys) => {
        const shuffled = rows.map((r, i) => [keys[i]!, r] as const).sort((x, y) => x[0] - y[0]).map(([, r]) => r);
        expect(JSON.stringify(outcome(shuffled, opts(o)))).toBe(JSON.stringify(outcome(rows, opts(o))));
      }),
    );
  });

  it("depends on the durations only through their order: a common shift leaves the partial likelihood unchanged", () => {
    fc.assert(
      fc.property(sample, optionsArb, fc.integer({ min: 1, max: 1000 }), (rows, o, c) => {
        const base = outcome(rows, opts(o));
        const shifted = outcome(rows.map((r) => ({ ...r, duration: r.duration + c })), opts(o));
        if (typeof base === "string" || typeof shifted === "string") {
          expect(shifted).toBe(base);
          return;
        }
        expect(shifted.logLikelihood).toBe(base.logLikelihood);
        expect(shifted.coefficients).toEqual(base.coefficients);
        expect(shifted.standardErrors).toEqual(base.standardErrors);
        expect(shifted.concordance).toEqual(base.concordance);
        expect(shifted.baselineHazard.cumulativeHazard).toEqual(base.baselineHazard.cumulativeHazard);
        expect(shifted.baselineHazard.times).toEqual(base.baselineHazard.times.map((t) => t + c));
      }),
    );
  });

  it("keeps a coefficient when a constant is added to its covariate, and divides it by c when the covariate is scaled by c", () => {
    fc.assert(
      fc.property(sample, optionsArb, fc.integer({ min: -50, max: 50 }), fc.constantFrom(-4, 0.1, 0.5, 2, 10), (rows, o, shift, c) => {
        const base = outcome(rows, opts(o));
        fc.pre(typeof base !== "string" && base.converged);
        const fit = base as CoxPhModel;
        const moved = outcome(rows.map((r: Row) => ({ ...r, b: r.b + shift })), opts(o));
        const scaled = outcome(rows.map((r: Row) => ({ ...r, a: r.a * c })), opts(o));
        if (typeof moved === "string" || typeof scaled === "string") throw new Error(`a transformed fit refused with ${String(moved)} / ${String(scaled)}`);
        expect(near(moved.coefficients.b!, fit.coefficients.b!, 1e-6)).toBe(true);
        expect(near(moved.coefficients.a!, fit.coefficients.a!, 1e-6)).toBe(true);
        expect(near(moved.logLikelihood, fit.logLikelihood, 1e-9)).toBe(true);
        expect(near(scaled.coefficients.a! * c, fit.coefficients.a!, 1e-6)).toBe(true);
        expect(near(scaled.standardErrors.a! * Math.abs(c), fit.standardErrors.a!, 1e-6)).toBe(true);
        expect(near(scaled.coefficients.b!, fit.coefficients.b!, 1e-6)).toBe(true);
        expect(near(scaled.logLikelihood, fit.logLikelihood, 1e-9)).toBe(true);
      }),
    );
  });

  it("never gives a non-finite number: a fit or a coded refusal", () => {
    fc.assert(
      fc.property(sample, optionsArb, (rows, o) => {
        const r = outcome(rows, opts(o));
        if (typeof r === "string") return;
        const bad: string[] = [];
        JSON.stringify(r, (k, v: unknown) => {
          if (v === undefined || (typeof v === "number" && !Number.isFinite(v))) bad.push(k);
          return v;
        });
        expect(bad).toEqual([]);
        expect(r.concordance.estimate === null || (r.concordance.estimate >= 0 && r.concordance.estimate <= 1)).toBe(true);
        expect(r.logLikelihood).toBeGreaterThanOrEqual(r.nullLogLikelihood - 1e-9);
      }),
    );
  });

  it("counts concordance as the pairwise definition does, with the jackknife standard error Σ ((N_k − C·D_k)/D)²", () => {
    fc.assert(
      fc.property(sample, optionsArb, (rows, o) => {
        const fit = outcome(rows, opts(o));
        if (typeof fit === "string") return;
        const eta = rows.map((r) => fit.coefficients.a! * (r.a - fit.means.a!) + fit.coefficients.b! * (r.b - fit.means.b!));
        const dN = rows.map(() => 0);
        const dD = rows.map(() => 0);
        let conc = 0;
        let disc = 0;
        let tied = 0;
        rows.forEach((x, i) => {
          rows.forEach((y, k) => {
            if (!x.event || (o.strata !== undefined && x.g !== y.g)) return;
            if (!(y.duration > x.duration || (y.duration === x.duration && !y.event))) return;
            const score = eta[i]! > eta[k]! ? 1 : eta[i] === eta[k] ? 0.5 : 0;
            if (score === 1) conc++;
            else if (score === 0) disc++;
            else tied++;
            dN[i]! += score;
            dN[k]! += score;
            dD[i]!++;
            dD[k]!++;
          });
        });
        expect([fit.concordance.concordant, fit.concordance.discordant, fit.concordance.tiedRisk]).toEqual([conc, disc, tied]);
        const total = conc + disc + tied;
        if (total === 0) {
          expect(fit.concordance.standardError).toBeNull();
          return;
        }
        const c = (conc + tied / 2) / total;
        const se = Math.sqrt(dN.reduce((s, n, k) => s + ((n - c * dD[k]!) / total) ** 2, 0));
        expect(fit.concordance.estimate).toBeCloseTo(c, 12);
        expect(fit.concordance.standardError).toBeCloseTo(se, 12);
      }),
    );
  });
});
