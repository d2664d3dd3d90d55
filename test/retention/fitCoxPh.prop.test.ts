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
});
