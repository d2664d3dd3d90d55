import { twoSidedZ } from "../internal/normal.js";
import { array, boolean, fail, finiteNumber, integerAtLeast, iterable, numberInRange, optionsBag, record, show } from "../internal/validate.js";

/**
 * One scored customer: a risk score (higher = more likely the outcome) and what happened.
 *
 * @category Churn
 * @example
 * ```ts
 * const s: ScoredOutcome = { score: 0.8, outcome: true };
 * ```
 */
export interface ScoredOutcome {
  /** The score, any finite number (a probability in [0, 1] for the Brier score and calibration to mean anything). */
  readonly score: number;
  /** Whether the outcome (e.g. churn) happened. */
  readonly outcome: boolean;
}

/**
 * Options of {@link evaluateClassifier}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: EvaluateClassifierOptions = { confidence: 0.9, k: [100, 500] };
 * ```
 */
export interface EvaluateClassifierOptions {
  /** Level of the DeLong interval of the AUC, in (0, 1). Default 0.95. */
  confidence?: number;
  /** The list sizes for {@link ClassifierEvaluation.precisionAtK}: whole numbers ≥ 1 (at most 100 of them). Default `[10, 100]`. */
  k?: readonly number[];
}

/**
 * One decile of a gains table (decile 1 holds the highest scores).
 *
 * @category Churn
 * @example
 * ```ts
 * const g: GainsRow = { decile: 1, customers: 10, positives: 6, rate: 0.6, lift: 3, cumulativeShare: 0.3 };
 * ```
 */
export interface GainsRow {
  /** 1 to 10, highest scores first. */
  decile: number;
  /** Customers in the decile (ties kept together: see {@link evaluateClassifier}). */
  customers: number;
  /** Positives (outcome true) in the decile. */
  positives: number;
  /** positives / customers; `null` for an empty decile. */
  rate: number | null;
  /** rate / overall positive rate; `null` for an empty decile or when there are no positives. */
  lift: number | null;
  /** Share of all positives in deciles 1..this one; ends at 1; `null` when there are no positives. */
  cumulativeShare: number | null;
}

/**
 * One decile of a calibration table.
 *
 * @category Churn
 * @example
 * ```ts
 * const c: CalibrationRow = { decile: 1, customers: 10, meanScore: 0.7, observedRate: 0.6 };
 * ```
 */
export interface CalibrationRow {
  /** 1 to 10, highest scores first (the same deciles as the gains table). */
  decile: number;
  /** Customers in the decile. */
  customers: number;
  /** Mean score in the decile; `null` when empty. */
  meanScore: number | null;
  /** Observed share of positives; `null` when empty. */
  observedRate: number | null;
}

/**
 * Precision and recall among the k highest scores.
 *
 * @category Churn
 * @example
 * ```ts
 * const p: PrecisionAtK = { k: 10, customers: 10, positives: 7, precision: 0.7, recall: 0.35 };
 * ```
 */
export interface PrecisionAtK {
  /** The k asked for. */
  k: number;
  /** min(k, n): the customers in the list. */
  customers: number;
  /** Expected positives in the list, ties at the cut broken at random (may be fractional; see {@link evaluateClassifier}). */
  positives: number;
  /** positives / customers; `null` when there are no customers. */
  precision: number | null;
  /** positives / all positives; `null` when there are no positives. */
  recall: number | null;
}

/**
 * What {@link evaluateClassifier} finds.
 *
 * @category Churn
 * @example
 * ```ts
 * const e: ClassifierEvaluation = evaluateClassifier([{ score: 0.9, outcome: true }, { score: 0.2, outcome: false }]);
 * e.auc;
 * // => 1
 * ```
 */
export interface ClassifierEvaluation {
  /** Customers scored. */
  n: number;
  /** Customers with the outcome. */
  positives: number;
  /** ROC AUC (the Mann–Whitney statistic); `null` without both classes. */
  auc: number | null;
  /** Lower end of the DeLong interval, clipped to [0, 1]; `null` with fewer than 2 of either class. */
  aucLower: number | null;
  /** Upper end of the DeLong interval, clipped to [0, 1]; `null` with fewer than 2 of either class. */
  aucUpper: number | null;
  /** DeLong standard error of the AUC; `null` with fewer than 2 of either class. */
  aucStdErr: number | null;
  /** Why `auc` (or its interval) is `null`; `null` when both are given. */
  aucReason: string | null;
  /** The interval level used. */
  confidence: number;
  /** Brier score Σ(score − outcome)²/n; `null` when empty or when a score lies outside [0, 1] (not a probability). */
  brier: number | null;
  /** Gains and lift by score decile, 10 rows. */
  gains: GainsRow[];
  /** Mean score against the observed rate by decile, 10 rows. */
  calibration: CalibrationRow[];
  /** Precision and recall at each requested k, in the order given. */
  precisionAtK: PrecisionAtK[];
}

const FN = "evaluateClassifier";
const KEYS = ["confidence", "k"] as const satisfies readonly (keyof EvaluateClassifierOptions)[];

/**
 * Evaluates risk scores against outcomes: ROC AUC with its DeLong interval, the Brier score, gains / lift and
 * calibration by decile, and precision at k.
 *
 * - AUC = (1/(m·n)) Σᵢ Σⱼ ψ(Xᵢ, Yⱼ) over the m positives' scores Xᵢ and n negatives' scores Yⱼ, ψ = 1 when
 *   Xᵢ > Yⱼ, ½ when tied, 0 otherwise: the Mann–Whitney U / (m·n), the probability that a random positive
 *   outscores a random negative (Hanley & McNeil 1982).
 * - Its variance is DeLong, DeLong & Clarke-Pearson (1988): S₁₀/m + S₀₁/n, with S₁₀ the sample variance
 *   (denominator m − 1) of the positives' components V₁₀(Xᵢ) = (1/n) Σⱼ ψ(Xᵢ, Yⱼ) and S₀₁ that of the
 *   negatives' V₀₁(Yⱼ) = (1/m) Σᵢ ψ(Xᵢ, Yⱼ); the interval AUC ± z·√var is clipped to [0, 1] (as R's pROC
 *   `ci.auc(method = "delong")`).
 * - Brier = (1/N) Σ (scoreᵢ − outcomeᵢ)² (Brier 1950), for scores that are probabilities.
 * - Deciles: customers sorted by score, highest first; customer at position i (0-based) of N belongs to decile
 *   ⌊10·i/N⌋ + 1, except that a group of tied scores is never split: the whole group goes to the decile of its
 *   middle position. Deciles may so hold unequal counts, or none. Lift = the decile's rate / the overall rate.
 * - Precision at k: the k highest scores; where the cut falls inside a group of tied scores, that group counts
 *   with its share of the remaining places (the expected positives when ties are broken at random).
 *
 * Rows are sorted by (score, outcome) first, so any order of the rows gives identical numbers.
 *
 * @param scored - one `{ score, outcome }` per customer (an array or another iterable)
 * @param options - `confidence`, `k`; see {@link EvaluateClassifierOptions}
 * @returns a {@link ClassifierEvaluation}; empty input or one class only is a defined case (`auc: null` with `aucReason`)
 * @throws RetentionKitError INVALID_TYPE for a row that is not an object, a score that is not a number or an
 *   outcome that is not a boolean (a 0/1 outcome is refused with the fix); INVALID_NUMBER for a NaN or
 *   infinite score; OUT_OF_RANGE / NOT_INTEGER / UNKNOWN_OPTION for bad options.
 * @category Churn
 * @example
 * ```ts
 * const e = evaluateClassifier([
 *   { score: 0.9, outcome: true }, { score: 0.8, outcome: true }, { score: 0.7, outcome: false },
 *   { score: 0.6, outcome: true }, { score: 0.3, outcome: false }, { score: 0.1, outcome: false },
 * ]);
 * [e.auc!, e.brier!, e.gains[0]!.lift!].map((v) => v.toFixed(4));
 * // => ["0.8889", "0.1333", "2.0000"]
 * ```
 */
export function evaluateClassifier(scored: Iterable<ScoredOutcome>, options?: EvaluateClassifierOptions): ClassifierEvaluation {
  const o = optionsBag(FN, options, KEYS);
  const confidence = o.confidence === undefined ? 0.95 : numberInRange(FN, o.confidence, "options.confidence", 0, 1, { loOpen: true, hiOpen: true });
  const ks = o.k === undefined ? [10, 100] : array<unknown>(FN, o.k, "options.k").map((k, j) => integerAtLeast(FN, k, `options.k[${j}]`, 1));
  if (ks.length > 100) fail(FN, "OUT_OF_RANGE", `options.k may list at most 100 sizes, got ${ks.length}`, "options.k");

  const scoresPos: number[] = [];
  const scoresNeg: number[] = [];
  let i = 0;
  for (const raw of iterable<unknown>(FN, scored, "scored")) {
    const path = `scored[${i}]`;
    const row = record(FN, raw, path);
    const s = row.score;
    const y = row.outcome;
    const score = finiteNumber(FN, s, `${path}.score`);
    if (y === 0 || y === 1) fail(FN, "INVALID_TYPE", `${path}.outcome must be true or false, got ${show(y)}: convert a 0/1 column with outcome === 1`, `${path}.outcome`);
    const outcome = boolean(FN, y, `${path}.outcome`);
    (outcome ? scoresPos : scoresNeg).push(score === 0 ? 0 : score);
    i++;
  }
  const m = scoresPos.length;
  const nn = scoresNeg.length;
  const total = m + nn;
  const pos = Float64Array.from(scoresPos).sort();
  const neg = Float64Array.from(scoresNeg).sort();

  // Merged groups of tied scores, highest first: [score, positives, negatives].
  const groups: { score: number; pos: number; neg: number }[] = [];
  {
    let a = m - 1;
    let b = nn - 1;
    while (a >= 0 || b >= 0) {
      const s = Math.max(a >= 0 ? pos[a]! : Number.NEGATIVE_INFINITY, b >= 0 ? neg[b]! : Number.NEGATIVE_INFINITY);
      let gp = 0;
      let gn = 0;
      while (a >= 0 && pos[a] === s) {
        a--;
        gp++;
      }
      while (b >= 0 && neg[b] === s) {
        b--;
        gn++;
      }
      groups.push({ score: s, pos: gp, neg: gn });
    }
  }

  // AUC and DeLong components. Walking from the lowest score up: negatives below each group are known.
  let auc: number | null = null;
  let aucStdErr: number | null = null;
  let aucLower: number | null = null;
  let aucUpper: number | null = null;
  let aucReason: string | null = null;
  if (total === 0) aucReason = "no scored customers";
  else if (m === 0) aucReason = "no positives (every outcome is false): the AUC needs both classes";
  else if (nn === 0) aucReason = "no negatives (every outcome is true): the AUC needs both classes";
  else {
    // V₁₀ for a positive in a group = (negatives below + ½ tied negatives)/n; V₀₁ for a negative = (positives above + ½ tied)/m.
    let negBelow = 0;
    for (const g of groups) negBelow += g.neg;
    let posAbove = 0;
    let sum10 = 0;
    const v10: [number, number][] = [];
    const v01: [number, number][] = [];
    for (const g of groups) {
      negBelow -= g.neg;
      if (g.pos > 0) {
        const v = (negBelow + g.neg / 2) / nn;
        v10.push([v, g.pos]);
        sum10 += (negBelow + g.neg / 2) * g.pos;
      }
      if (g.neg > 0) v01.push([(posAbove + g.pos / 2) / m, g.neg]);
      posAbove += g.pos;
    }
    auc = sum10 / m / nn;
    if (m < 2 || nn < 2) aucReason = "the DeLong interval needs at least 2 positives and 2 negatives";
    else {
      const a = auc;
      const s10 = v10.reduce((s, [v, c]) => s + c * (v - a) * (v - a), 0) / (m - 1);
      const s01 = v01.reduce((s, [v, c]) => s + c * (v - a) * (v - a), 0) / (nn - 1);
      const se = Math.sqrt(s10 / m + s01 / nn);
      const z = twoSidedZ(confidence);
      aucStdErr = se;
      aucLower = Math.max(0, a - z * se);
      aucUpper = Math.min(1, a + z * se);
    }
  }

  // Deciles: tied groups whole, in the decile of their middle position.
  const dec = Array.from({ length: 10 }, () => ({ customers: 0, positives: 0, scoreSum: 0, lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY }));
  let start = 0;
  let brierSum = 0;
  let probabilities = true;
  for (const g of groups) {
    const size = g.pos + g.neg;
    const mid = start + (size - 1) / 2;
    const d = dec[Math.min(9, Math.floor((10 * mid) / total))]!;
    d.customers += size;
    d.positives += g.pos;
    d.scoreSum += (g.score / 2) * size; // halved: a sum of scores near the largest double stays finite
    d.lo = Math.min(d.lo, g.score);
    d.hi = Math.max(d.hi, g.score);
    if (g.score >= 0 && g.score <= 1) brierSum += g.pos * (1 - g.score) * (1 - g.score) + g.neg * g.score * g.score;
    else probabilities = false;
    start += size;
  }
  const rate = total === 0 ? 0 : m / total;
  let cum = 0;
  const gains: GainsRow[] = dec.map((d, j) => {
    cum += d.positives;
    const r = d.customers === 0 ? null : d.positives / d.customers;
    return {
      decile: j + 1,
      customers: d.customers,
      positives: d.positives,
      rate: r,
      lift: r === null || m === 0 ? null : r / rate,
      cumulativeShare: m === 0 ? null : cum / m,
    };
  });
  const calibration: CalibrationRow[] = dec.map((d, j) => ({
    decile: j + 1,
    customers: d.customers,
    meanScore: d.customers === 0 ? null : Math.min(d.hi, Math.max(d.lo, (d.scoreSum / d.customers) * 2)),
    observedRate: d.customers === 0 ? null : d.positives / d.customers,
  }));

  const precisionAtK: PrecisionAtK[] = ks.map((k) => {
    const customers = Math.min(k, total);
    let taken = 0;
    let positives = 0;
    for (const g of groups) {
      if (taken >= customers) break;
      const size = g.pos + g.neg;
      const room = customers - taken;
      if (size <= room) {
        positives += g.pos;
        taken += size;
      } else {
        positives += (g.pos * room) / size;
        taken = customers;
      }
    }
    return { k, customers, positives, precision: customers === 0 ? null : positives / customers, recall: m === 0 ? null : positives / m };
  });

  return {
    n: total,
    positives: m,
    auc,
    aucLower,
    aucUpper,
    aucStdErr,
    aucReason,
    confidence,
    brier: total > 0 && probabilities ? brierSum / total : null,
    gains,
    calibration,
    precisionAtK,
  };
}
