import { gammaQ } from "../internal/special.js";
import { fail, iterable, numberInRange, optionsBag, show } from "../internal/validate.js";
import { readDurationEvent } from "./internal/survivalInput.js";

/**
 * One row of {@link logRankTest}: a survival observation and the group it belongs to.
 *
 * @category Retention
 * @example
 * ```ts
 * const row: GroupedSurvivalObservation = { duration: 120, event: false, group: "trial" };
 * ```
 */
export interface GroupedSurvivalObservation {
  /** Time from the start to the event or to censoring, ≥ 0, in any one unit. */
  readonly duration: number;
  /** `true` when the event happened at `duration`; `false` when right-censored. */
  readonly event: boolean;
  /** The group label: a string or a finite number (`1` and `"1"` are different groups). */
  readonly group: string | number;
}

/**
 * Options of {@link logRankTest}.
 *
 * @category Retention
 * @example
 * ```ts
 * const options: LogRankOptions = { rho: 1, strata: "region" };
 * ```
 */
export interface LogRankOptions {
  /**
   * The Harrington–Fleming G-rho weight S(t−)^rho, S the Kaplan–Meier curve of the pooled sample (of the
   * stratum): 0 (default) is the log-rank (Mantel–Haenszel) test, 1 the Peto & Peto modification of the
   * Gehan–Wilcoxon test. A finite number ≥ 0.
   */
  rho?: number;
  /**
   * The name of a field of each row holding its stratum (a string or a finite number): the test then
   * compares the groups within each stratum and sums observed, expected and variance over strata, as R's
   * `survdiff(Surv(time, status) ~ group + strata(field))`. Default: one stratum.
   */
  strata?: string;
}

/**
 * One group's line of {@link LogRankResult}.
 *
 * @category Retention
 * @example
 * ```ts
 * const g: LogRankGroup = { group: "a", n: 10, observed: 6, expected: 4.2, variance: 2.1 };
 * ```
 */
export interface LogRankGroup {
  /** The label, as given. */
  group: string | number;
  /** Rows in the group. */
  n: number;
  /** Weighted events observed: Σ w(t)·d_g(t) (the event count when `rho` is 0). */
  observed: number;
  /** Weighted events expected under equal hazards: Σ w(t)·d(t)·n_g(t)/n(t). */
  expected: number;
  /** The diagonal entry of the variance matrix of observed − expected. */
  variance: number;
}

/**
 * The result of {@link logRankTest}.
 *
 * @category Retention
 * @example
 * ```ts
 * const r: LogRankResult = logRankTest([{ duration: 1, event: true, group: "a" }, { duration: 2, event: true, group: "b" }]);
 * [r.chiSquare, r.df, r.pValue];
 * // => [1, 1, 0.3173]
 * ```
 */
export interface LogRankResult {
  /** The chi-square statistic (O − E)ᵀ V⁻ (O − E), ≥ 0. */
  chiSquare: number;
  /** Degrees of freedom: the rank of V (groups with expected > 0, minus one, when V is regular as in R). */
  df: number;
  /** Upper chi-square tail probability at `df`; `null` when `df` is 0 (no comparison possible). */
  pValue: number | null;
  /** The weight exponent used. */
  rho: number;
  /** Number of strata. */
  strata: number;
  /** One entry per group, numbers ascending first, then strings in code-unit order. */
  groups: LogRankGroup[];
}

/** Most groups accepted: each change in a group's risk set costs one step per group (1M rows × 200 groups: ~2 s). */
const MAX_GROUPS = 200;

type Label = string | number;

function label(fn: string, value: unknown, path: string): Label {
  if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) return value === 0 ? 0 : value;
  return fail(fn, typeof value === "number" ? "INVALID_NUMBER" : "INVALID_TYPE", `${path} must be a string or a finite number, got ${show(value)}`, path);
}

/** Numbers ascending, then strings by code units: one order for any input order. */
function compareLabels(a: Label, b: Label): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of each label in sorted order. */
function sortedIndex(labels: Map<Label, number>): { sorted: Label[]; rank: Int32Array } {
  const sorted = [...labels.keys()].sort(compareLabels);
  const rank = new Int32Array(sorted.length);
  sorted.forEach((l, i) => {
    rank[labels.get(l)!] = i;
  });
  return { sorted, rank };
}

/**
 * bᵀ M⁻ b for a symmetric positive semi-definite M (m × m, row-major) and its rank, by an LDLᵀ
 * factorisation that sets aside pivots below 1e-10 of the largest diagonal (a generalized inverse, as R's
 * `coxph` does with `cholesky2`; R's `survdiff` stops with "singular" there instead).
 */
function quadraticForm(m: number, M: Float64Array, b: Float64Array): { value: number; rank: number } {
  let maxDiag = 0;
  for (let i = 0; i < m; i++) maxDiag = Math.max(maxDiag, M[i * m + i]!);
  const tol = maxDiag * 1e-10;
  const L = new Float64Array(m * m);
  const D = new Float64Array(m);
  let rank = 0;
  for (let i = 0; i < m; i++) {
    let di = M[i * m + i]!;
    for (let p = 0; p < i; p++) di -= L[i * m + p]! * L[i * m + p]! * D[p]!;
    if (!(di > tol)) continue; // D[i] = 0, column i of L stays 0
    D[i] = di;
    rank++;
    L[i * m + i] = 1;
    for (let j = i + 1; j < m; j++) {
      let s = M[j * m + i]!;
      for (let p = 0; p < i; p++) s -= L[j * m + p]! * L[i * m + p]! * D[p]!;
      L[j * m + i] = s / di;
    }
  }
  // L y = b, then Σ y² / D over the kept pivots.
  const y = new Float64Array(m);
  let value = 0;
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let p = 0; p < i; p++) s -= L[i * m + p]! * y[p]!;
    y[i] = D[i]! > 0 ? s : 0;
    if (D[i]! > 0) value += (s * s) / D[i]!;
  }
  return { value: Math.max(0, value), rank };
}

/**
 * The log-rank test and its Harrington–Fleming G-rho family for k ≥ 2 groups of right-censored durations,
 * optionally stratified — the numbers of R's `survival::survdiff(Surv(duration, event) ~ group, rho)`.
 *
 * At each distinct event time t, with d events among n at risk (d_g and n_g in group g) and the weight
 * w = S(t−)^rho (S the pooled Kaplan–Meier curve of the stratum, just before t):
 * - O_g = Σ w·d_g, E_g = Σ w·d·n_g/n (Mantel 1966; Peto & Peto 1972);
 * - V_gh = Σ w²·d(n − d)/(n − 1) · (n_g/n)(δ_gh − n_h/n) (hypergeometric; Harrington & Fleming 1982);
 * - strata: O, E and V summed over strata; χ² = (O − E)ᵀ V⁻ (O − E) over the groups with E > 0 less the
 *   first (R's rule), df its rank, p = Q(df/2, χ²/2) (regularized upper incomplete gamma).
 * Ties as in R: events at one time count together; rows censored at an event time are at risk at it.
 *
 * Runs in O(n log n + n·k + k³) for n rows and k groups (at most 200). Times are compared exactly.
 *
 * @param observations - `{ duration, event, group }` rows (and the `strata` field when that option is set)
 * @param options - see {@link LogRankOptions}
 * @returns χ², df, p-value and per-group observed / expected; for fewer than two groups with E > 0,
 *   χ² 0, df 0 and `pValue` `null`
 * @throws RetentionKitError `NEGATIVE_DURATION` (`observations[3].duration`), `INVALID_NUMBER`, `INVALID_TYPE`
 *   (an `event` that is not a boolean, a `group` or stratum that is neither a string nor a finite number)
 * @throws RetentionKitError `OUT_OF_RANGE` for `rho`, `INVALID_OPTION` for a `strata` that is not a field
 *   name, `INVALID_INPUT` for more than 200 groups, `UNKNOWN_OPTION` for an unknown key of `options`
 * @category Retention
 * @example
 * ```ts
 * // R's aml data: Maintained vs Nonmaintained chemotherapy (weeks to relapse; a + marks censoring)
 * const maintained = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161];
 * const mEvent = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
 * const other = [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45];
 * const oEvent = [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1];
 * const rows = [
 *   ...maintained.map((duration, i) => ({ duration, event: mEvent[i] === 1, group: "Maintained" })),
 *   ...other.map((duration, i) => ({ duration, event: oEvent[i] === 1, group: "Nonmaintained" })),
 * ];
 * const test = logRankTest(rows);
 * [+test.chiSquare.toFixed(4), test.df, +test.pValue!.toFixed(4)];
 * // => [3.3964, 1, 0.0653]
 * test.groups.map((g) => [g.group, g.observed, +g.expected.toFixed(2)]);
 * // => [["Maintained", 7, 10.69], ["Nonmaintained", 11, 7.31]]
 * ```
 */
export function logRankTest(observations: Iterable<GroupedSurvivalObservation>, options?: LogRankOptions): LogRankResult {
  const fn = "logRankTest";
  const o = optionsBag(fn, options, ["rho", "strata"] as const satisfies readonly (keyof LogRankOptions)[]);
  const rho = o.rho === undefined ? 0 : numberInRange(fn, o.rho, "options.rho", 0, Number.POSITIVE_INFINITY, { hiOpen: true });
  let strataField: string | null = null;
  if (o.strata !== undefined) {
    if (typeof o.strata !== "string" || o.strata === "" || o.strata === "duration" || o.strata === "event" || o.strata === "group") {
      fail(fn, "INVALID_OPTION", `options.strata must name a field of the rows other than duration, event and group, got ${show(o.strata)}`, "options.strata");
    }
    strataField = o.strata;
  }

  // Read every row once into columns.
  let durations = new Float64Array(1024);
  let flags = new Uint8Array(1024);
  let groupOf = new Int32Array(1024);
  let stratumOf = new Int32Array(1024);
  const groupIds = new Map<Label, number>();
  const strataIds = new Map<Label, number>();
  let n = 0;
  for (const row of iterable<unknown>(fn, observations, "observations")) {
    const path = `observations[${n}]`;
    const { duration, event } = readDurationEvent(fn, row, path);
    const r = row as Record<string, unknown>;
    const g = label(fn, r.group, `${path}.group`);
    const s = strataField === null ? 0 : label(fn, r[strataField], `${path}.${strataField}`);
    if (n === durations.length) {
      const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, next: T): T => {
        next.set(a);
        return next;
      };
      durations = grow(durations, new Float64Array(2 * n));
      flags = grow(flags, new Uint8Array(2 * n));
      groupOf = grow(groupOf, new Int32Array(2 * n));
      stratumOf = grow(stratumOf, new Int32Array(2 * n));
    }
    let gi = groupIds.get(g);
    if (gi === undefined) {
      if (groupIds.size === MAX_GROUPS) {
        fail(fn, "INVALID_INPUT", `observations has more than ${MAX_GROUPS} distinct groups (${path}.group = ${show(g)}); compare fewer groups, or group the labels first`, `${path}.group`);
      }
      gi = groupIds.size;
      groupIds.set(g, gi);
    }
    let si = strataIds.get(s);
    if (si === undefined) {
      si = strataIds.size;
      strataIds.set(s, si);
    }
    durations[n] = duration;
    flags[n] = event ? 1 : 0;
    groupOf[n] = gi;
    stratumOf[n] = si;
    n++;
  }
  const { sorted: groupLabels, rank: groupRank } = sortedIndex(groupIds);
  const { rank: strataRank } = sortedIndex(strataIds);
  const k = groupLabels.length;
  for (let i = 0; i < n; i++) {
    groupOf[i] = groupRank[groupOf[i]!]!;
    stratumOf[i] = strataRank[stratumOf[i]!]!;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => stratumOf[a]! - stratumOf[b]! || durations[a]! - durations[b]!);

  const counts = new Float64Array(k); // rows per group
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const V = new Float64Array(k * k);
  // Per stratum, the sums over event times are kept as running prefixes A = Σ w·d/n, B = Σ w²·d(n−d)/((n−1)n),
  // C = Σ w²·d(n−d)/((n−1)n²); a group's (or pair's) share is added when its at-risk count changes, as
  // n_g·ΔA, n_g·ΔB and n_g·n_h·ΔC: O(k) work per changed group per time instead of O(k²) per event time.
  const atRisk = new Float64Array(k);
  const lastA = new Float64Array(k);
  const lastB = new Float64Array(k);
  const lastC = new Float64Array(k * k);
  const deaths = new Float64Array(k);
  const leaving = new Float64Array(k);
  const touched: number[] = [];
  const present: number[] = [];
  const flush = (g: number, A: number, B: number, C: number): void => {
    const ng = atRisk[g]!;
    expected[g]! += ng * (A - lastA[g]!);
    V[g * k + g]! += ng * (B - lastB[g]!);
    lastA[g] = A;
    lastB[g] = B;
    for (const h of present) {
      const pair = ng * atRisk[h]! * (C - lastC[g * k + h]!);
      V[g * k + h]! -= pair;
      if (h !== g) V[h * k + g]! -= pair;
      lastC[g * k + h] = C;
      lastC[h * k + g] = C;
    }
  };
  let start = 0;
  while (start < n) {
    const stratum = stratumOf[order[start]!]!;
    let end = start;
    present.length = 0;
    while (end < n && stratumOf[order[end]!] === stratum) {
      const g = groupOf[order[end]!]!;
      if (atRisk[g] === 0) present.push(g);
      atRisk[g]!++;
      counts[g]!++;
      end++;
    }
    for (const g of present) {
      lastA[g] = 0;
      lastB[g] = 0;
      for (const h of present) lastC[g * k + h] = 0;
    }
    let A = 0;
    let B = 0;
    let C = 0;
    let risk = end - start;
    let km = 1;
    let i = start;
    while (i < end) {
      const t = durations[order[i]!]!;
      let d = 0;
      let leave = 0;
      touched.length = 0;
      while (i < end && durations[order[i]!] === t) {
        const row = order[i]!;
        const g = groupOf[row]!;
        if (leaving[g] === 0) touched.push(g);
        leaving[g]!++;
        if (flags[row] === 1) {
          deaths[g]!++;
          d++;
        }
        leave++;
        i++;
      }
      if (d > 0) {
        const w = rho === 0 ? 1 : km ** rho;
        A += (w * d) / risk;
        if (risk > 1) {
          const c = (w * w * d * (risk - d)) / ((risk - 1) * risk);
          B += c;
          C += c / risk;
        }
        for (const g of touched) observed[g]! += w * deaths[g]!;
        km *= (risk - d) / risk;
      }
      for (const g of touched) {
        flush(g, A, B, C);
        atRisk[g]! -= leaving[g]!;
        leaving[g] = 0;
        deaths[g] = 0;
      }
      risk -= leave;
    }
    start = end;
  }

  // Groups with E > 0, less the first (R's survdiff).
  const used: number[] = [];
  for (let g = 0; g < k; g++) if (expected[g]! > 0) used.push(g);
  let chiSquare = 0;
  let df = 0;
  if (used.length >= 2) {
    const m = used.length - 1;
    const M = new Float64Array(m * m);
    const b = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const gi = used[i + 1]!;
      b[i] = observed[gi]! - expected[gi]!;
      for (let j = 0; j < m; j++) M[i * m + j] = V[gi * k + used[j + 1]!]!;
    }
    const q = quadraticForm(m, M, b);
    chiSquare = q.rank === 0 ? 0 : q.value;
    df = q.rank;
  }
  return {
    chiSquare,
    df,
    pValue: df === 0 ? null : gammaQ(df / 2, chiSquare / 2),
    rho,
    strata: strataIds.size,
    groups: groupLabels.map((group, g) => ({
      group,
      n: counts[g]!,
      observed: observed[g]!,
      expected: expected[g]!,
      variance: Math.max(0, V[g * k + g]!),
    })),
  };
}
