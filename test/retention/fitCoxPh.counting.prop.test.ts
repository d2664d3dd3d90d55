import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCoxPh, RetentionKitError, type CoxIntervalRow, type CoxPhModel, type CoxPhOptions, type CoxRow } from "../../src/index.js";

type Row = { start: number; stop: number; event: boolean; a: number; b: number; g: string };
const row = fc
  .record({
    start: fc.integer({ min: 0, max: 12 }),
    length: fc.integer({ min: 1, max: 15 }),
    event: fc.boolean(),
    a: fc.integer({ min: -3, max: 3 }),
    b: fc.double({ min: -5, max: 5, noNaN: true, noDefaultInfinity: true }),
    g: fc.constantFrom("x", "y"),
  })
  .map(({ start, length, ...rest }): Row => ({ start, stop: start + length, ...rest }));
const sample = fc.array(row, { minLength: 6, maxLength: 40 });
const optionsArb = fc.record({ ties: fc.constantFrom("efron" as const, "breslow" as const), strata: fc.constantFrom(undefined, "g") });

function opts(o: { ties: "efron" | "breslow"; strata: string | undefined }): CoxPhOptions {
  const base = { covariates: ["a", "b"], ties: o.ties, intervals: true };
  return o.strata === undefined ? base : { ...base, strata: o.strata };
}

/** The fit, or the code of the RetentionKitError it refuses with. */
function outcome(rows: readonly (CoxIntervalRow | CoxRow)[], options: CoxPhOptions): CoxPhModel | string {
  try {
    return fitCoxPh(rows, options);
  } catch (e) {
    if (e instanceof RetentionKitError) return e.code;
    throw e;
  }
}

const near = (x: number, y: number, rel: number): boolean => Math.abs(x - y) <= rel * Math.max(Math.abs(x), Math.abs(y)) + 1e-12;

/** H₀(t) at covariates 0 of stratum `s`, the step function of the model's baseline. */
function hazardAtZero(fit: CoxPhModel, t: number, s: string | number | null): number {
  const { times, cumulativeHazard, stratum } = fit.baselineHazard;
  let h = 0;
  for (let i = 0; i < times.length; i++) if (stratum[i] === s && times[i]! <= t) h = cumulativeHazard[i]!;
  return h * Math.exp(-fit.covariates.reduce((sum, c) => sum + fit.coefficients[c]! * fit.means[c]!, 0));
}

describe("fitCoxPh properties on counting-process rows", () => {
  it("gives the same fit (to 1e-10) when rows are split at interior times into (start, t] and (t, stop] with the same covariates", () => {
    fc.assert(
      fc.property(sample, optionsArb, fc.array(fc.option(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { nil: undefined }), { minLength: 40, maxLength: 40 }), (rows, o, cuts) => {
        const split: Row[] = [];
        rows.forEach((r, i) => {
          const u = cuts[i];
          if (u === undefined) {
            split.push(r);
            return;
          }
          const t = r.start + u * (r.stop - r.start);
          split.push({ ...r, stop: t, event: false }, { ...r, start: t });
        });
        const base = outcome(rows, opts(o));
        const cut = outcome(split, opts(o));
        fc.pre(typeof base !== "string" && typeof cut !== "string" && base.converged && cut.converged && base.iterations === cut.iterations);
        const b = base as CoxPhModel;
        const c = cut as CoxPhModel;
        for (const k of ["a", "b"]) {
          expect(near(c.coefficients[k]!, b.coefficients[k]!, 1e-10)).toBe(true);
          expect(near(c.standardErrors[k]!, b.standardErrors[k]!, 1e-10)).toBe(true);
        }
        expect(near(c.logLikelihood, b.logLikelihood, 1e-10)).toBe(true);
        expect(near(c.nullLogLikelihood, b.nullLogLikelihood, 1e-10)).toBe(true);
        expect(near(c.scoreTest.chiSquare, b.scoreTest.chiSquare, 1e-10)).toBe(true);
        expect(c.events).toBe(b.events);
        expect(c.n).toBe(b.n + cuts.slice(0, rows.length).filter((u) => u !== undefined).length);
        // The same pairs are compared (the standard error counts rows, so it may change)
        expect([c.concordance.concordant, c.concordance.discordant, c.concordance.tiedRisk]).toEqual([b.concordance.concordant, b.concordance.discordant, b.concordance.tiedRisk]);
        // The baseline hazard at covariates 0 is unchanged at the original times
        b.baselineHazard.times.forEach((t, i) => {
          const s = b.baselineHazard.stratum[i]!;
          expect(near(hazardAtZero(c, t, s), hazardAtZero(b, t, s), 1e-9)).toBe(true);
        });
      }),
    );
  });

  it("leaves the partial likelihood, the fit and the concordance unchanged when every time is shifted by a constant", () => {
    fc.assert(
      fc.property(sample, optionsArb, fc.integer({ min: 1, max: 1000 }), (rows, o, shift) => {
        const base = outcome(rows, opts(o));
        const moved = outcome(rows.map((r) => ({ ...r, start: r.start + shift, stop: r.stop + shift })), opts(o));
        if (typeof base === "string" || typeof moved === "string") {
          expect(moved).toBe(base);
          return;
        }
        expect(moved.logLikelihood).toBe(base.logLikelihood);
        expect(moved.nullLogLikelihood).toBe(base.nullLogLikelihood);
        expect(moved.coefficients).toEqual(base.coefficients);
        expect(moved.standardErrors).toEqual(base.standardErrors);
        expect(moved.concordance).toEqual(base.concordance);
        expect(moved.baselineHazard.cumulativeHazard).toEqual(base.baselineHazard.cumulativeHazard);
        expect(moved.baselineHazard.times).toEqual(base.baselineHazard.times.map((t) => t + shift));
      }),
    );
  });

  it("gives identical numbers for any order of the rows", () => {
    fc.assert(
      fc.property(sample, optionsArb, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (rows, o, keys) => {
        const shuffled = rows.map((r, i) => [keys[i]!, r] as const).sort((x, y) => x[0] - y[0]).map(([, r]) => r);
        expect(JSON.stringify(outcome(shuffled, opts(o)))).toBe(JSON.stringify(outcome(rows, opts(o))));
      }),
    );
  });

  it("gives exactly the right-censored fit for rows (0, duration]", () => {
    fc.assert(
      fc.property(sample, optionsArb, (rows, o) => {
        const intervals = rows.map((r) => ({ ...r, start: 0 }));
        const durations = rows.map(({ stop, event, a, b, g }) => ({ duration: stop, event, a, b, g }));
        const { intervals: _, ...plain } = opts(o);
        expect(JSON.stringify(outcome(intervals, opts(o)))).toBe(JSON.stringify(outcome(durations, plain)));
      }),
    );
  });

  it("counts concordance as the pairwise definition on risk sets start < t ≤ stop does", () => {
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
            if (i === k || !x.event || (o.strata !== undefined && x.g !== y.g)) return;
            const t = x.stop;
            if (!(y.start < t && (y.stop > t || (y.stop === t && !y.event)))) return;
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
        expect(fit.concordance.estimate).toBeCloseTo(c, 12);
        expect(fit.concordance.standardError).toBeCloseTo(Math.sqrt(dN.reduce((s, n, k) => s + ((n - c * dD[k]!) / total) ** 2, 0)), 12);
      }),
    );
  });
});
