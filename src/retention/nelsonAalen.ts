import { twoSidedZ } from "../internal/normal.js";
import { optionsBag } from "../internal/validate.js";
import { bandOptions, readSurvival, riskTable } from "./internal/survivalInput.js";
import type { ConfType, SurvivalObservation, SurvivalTable } from "./kaplanMeier.js";

/**
 * Options of {@link nelsonAalen}.
 *
 * @category Retention
 * @example
 * ```ts
 * const options: NelsonAalenOptions = { confidence: 0.9, confType: "log-log" };
 * ```
 */
export interface NelsonAalenOptions {
  /** Level of the pointwise bands, in (0, 1). Default 0.95. */
  confidence?: number;
  /**
   * Band construction, named as R's `conf.type` for the survival curve exp(−H) (see {@link nelsonAalen}).
   * Default `"log"`.
   */
  confType?: ConfType;
}

/**
 * A Nelson–Aalen cumulative hazard with one entry per distinct observed time (event or censoring), as R's
 * `survfit(..., stype = 2, ctype = 1)` lists it.
 *
 * @category Retention
 * @example
 * ```ts
 * const na: NelsonAalenCurve = nelsonAalen([{ duration: 3, event: true }, { duration: 5, event: false }]);
 * na.cumulativeHazard;
 * // => [0.5, 0.5]
 * ```
 */
export interface NelsonAalenCurve extends SurvivalTable {
  /** H(t) = Σ_{tᵢ ≤ t} dᵢ/nᵢ just after each time, ≥ 0, non-decreasing; in events per customer. */
  cumulativeHazard: number[];
  /** Aalen's variance estimate of H(t): Σ_{tᵢ ≤ t} dᵢ/nᵢ² (R's `std.chaz`², `ctype = 1`). */
  variance: number[];
  /** √variance (R's `std.chaz`). */
  stdErr: number[];
  /** Lower band of H, ≥ 0; `null` where R's band of exp(−H) is NA. */
  lower: (number | null)[];
  /** Upper band of H; `null` where R's band of exp(−H) is NA or reaches 0 (H unbounded). */
  upper: (number | null)[];
  /** The Fleming–Harrington (Breslow) survival estimate exp(−H(t)), in (0, 1]. */
  survival: number[];
}

/**
 * The Nelson–Aalen estimate of the cumulative hazard from right-censored durations, with Aalen's variance
 * and pointwise confidence bands — the numbers of R's `survival::survfit(Surv(duration, event) ~ 1,
 * stype = 2, ctype = 1)` (`cumhaz`, `std.chaz`, and `lower`/`upper` read back as hazards).
 *
 * - H(t) = Σ_{tᵢ ≤ t} dᵢ / nᵢ, with dᵢ events at tᵢ and nᵢ at risk just before (Nelson 1972, Aalen 1978).
 *   Ties as in R and {@link kaplanMeier}: all events at a time count together; observations censored at
 *   an event time are still at risk at it.
 * - Variance: Aalen's estimator Var H(t) = Σ dᵢ / nᵢ² (the one R's `survfit` uses with `ctype = 1`; the
 *   alternative Σ dᵢ(nᵢ − dᵢ)/nᵢ³ of Klein 1991 is not used), σ = √Var.
 * - Bands, z the normal quantile of `confidence`, named after R's `conf.type` for S = exp(−H) and mapped
 *   back by H = −log S: `"log"` (default) H ± zσ (lower clipped at 0); `"log-log"` H·exp(±zσ/H) (`null`
 *   while H = 0); `"plain"` −log(S·(1 ∓ zσ)) (upper `null` once 1 − zσ ≤ 0).
 * - `survival` = exp(−H), which is never below the Kaplan–Meier S(t) (since 1 − x ≤ e^(−x)).
 *
 * Runs in O(n log n); one entry per distinct time. Times are compared exactly.
 *
 * @param observations - `{ duration, event }` rows, durations in any one unit (the hazard is per customer
 *   over that unit's time scale)
 * @param options - see {@link NelsonAalenOptions}
 * @returns the cumulative hazard at every distinct time; for no rows, empty arrays
 * @throws RetentionKitError `NEGATIVE_DURATION` (`observations[3].duration`), `INVALID_NUMBER`, `INVALID_TYPE`
 *   (an `event` that is not a boolean); `OUT_OF_RANGE` for `confidence`, `INVALID_OPTION` for `confType`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Retention
 * @example
 * ```ts
 * // R's aml data, "Maintained" group: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+
 * const t = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161];
 * const e = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
 * const na = nelsonAalen(t.map((d, i) => ({ duration: d, event: e[i] === 1 })));
 * na.cumulativeHazard.map((h) => +h.toFixed(4));
 * // => [0.0909, 0.1909, 0.3159, 0.4588, 0.4588, 0.6588, 0.9088, 0.9088, 1.4088, 1.4088]
 * na.stdErr.map((s) => +s.toFixed(4)).slice(0, 3);
 * // => [0.0909, 0.1351, 0.1841]
 * ```
 */
export function nelsonAalen(observations: Iterable<SurvivalObservation>, options?: NelsonAalenOptions): NelsonAalenCurve {
  const fn = "nelsonAalen";
  const o = optionsBag(fn, options, ["confidence", "confType"] as const satisfies readonly (keyof NelsonAalenOptions)[]);
  const { confidence, confType } = bandOptions(fn, o);

  const { eventTimes, censorTimes } = readSurvival(fn, observations);
  const { times, atRisk, events, censored } = riskTable(eventTimes, censorTimes);
  const z = twoSidedZ(confidence);
  const cumulativeHazard: number[] = [];
  const variance: number[] = [];
  const stdErr: number[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  const survival: number[] = [];
  let h = 0;
  let v = 0;
  for (let k = 0; k < times.length; k++) {
    const d = events[k]!;
    const risk = atRisk[k]!;
    if (d > 0) {
      h += d / risk;
      v += d / risk / risk;
    }
    const sigma = Math.sqrt(v);
    cumulativeHazard.push(h);
    variance.push(v);
    stdErr.push(sigma);
    survival.push(Math.exp(-h));
    if (confType === "log") {
      lower.push(Math.max(0, h - z * sigma));
      upper.push(h + z * sigma);
    } else if (confType === "log-log") {
      if (h === 0) {
        lower.push(null);
        upper.push(null);
      } else {
        const w = Math.exp((z * sigma) / h);
        lower.push(h / w);
        upper.push(h * w);
      }
    } else {
      // R: S·(1 ± zσ) clipped to [0, 1]; as hazards, −log of those.
      lower.push(Math.max(0, h - Math.log1p(z * sigma)));
      upper.push(z * sigma < 1 ? h - Math.log1p(-z * sigma) : null);
    }
  }
  return {
    n: eventTimes.length + censorTimes.length,
    totalEvents: eventTimes.length,
    confidence,
    confType,
    times,
    atRisk,
    events,
    censored,
    cumulativeHazard,
    variance,
    stdErr,
    lower,
    upper,
    survival,
  };
}
