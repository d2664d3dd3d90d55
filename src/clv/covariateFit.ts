// The fit driver for buy-till-you-die models with time-invariant covariates (CLVTools' parametrisation): each
// customer's gamma scales are the population's times exp(±γ·z_i), the likelihood is the model's own at those
// per-customer parameters, and the maximum-likelihood search runs over (ln θ, γ) with the analytic gradient
// (chain rule through the per-customer parameters). Not re-exported.
import { chiSquareUpperTail } from "../internal/chiSquare.js";
import { checkDesignRank, readCovariateNames, readCovariateValue } from "../internal/covariateDesign.js";
import { compressPatterns, type Patterns } from "../internal/patterns.js";
import { hessian, invertSymmetric, minimize } from "../internal/optimize.js";
import { fail, nonNegativeNumber, optionsBag, type OptionsSnapshot } from "../internal/validate.js";
import { UnitAgreement } from "../internal/units.js";
import { readMaxIterations } from "./readModel.js";
import { readRfCustomer } from "./transactionModels.js";
import { naturalCovariance, type MleResult } from "../internal/mle.js";
import type { FixedUnit } from "../internal/time.js";

/**
 * The `covariates` option of {@link fitParetoNbd}: which numeric row fields shift which process.
 *
 * @category CLV
 * @example
 * ```ts
 * const covariates: CovariatesOption = { purchase: ["channel", "age"], attrition: ["channel", "age"] };
 * ```
 */
export interface CovariatesOption {
  /** Fields shifting the purchase rate: λ_i ~ Gamma(r, α·e^(−γ_p·z_i)), so e^(γ) multiplies the mean rate. */
  purchase?: readonly string[];
  /** Fields shifting the dropout rate: μ_i ~ Gamma(s, β·e^(−γ_a·z_i)), so e^(γ) multiplies the mean dropout rate. */
  attrition?: readonly string[];
  /**
   * Fields entering both processes with one coefficient (an equality constraint, CLVTools' `names.cov.constr`):
   * reported under both `purchase` and `attrition`. Not also in `purchase` or `attrition`.
   */
  shared?: readonly string[];
  /**
   * L2 regularisation of the coefficients (CLVTools' `reg.lambdas`): the minimised objective is the mean
   * negative log-likelihood per customer plus `purchase`·Σγ_p² + `attrition`·Σγ_a² (shared coefficients are not
   * penalised). Both default 0.
   */
  penalty?: { purchase?: number; attrition?: number };
}

/**
 * The likelihood-ratio test of a fit with covariates against the same model without them (Wilks: the
 * statistic is asymptotically χ² with one degree of freedom per coefficient when the covariates have no effect).
 * With `covariates.penalty` the fit is penalised and the χ² reference only approximate.
 *
 * @category CLV
 * @example
 * ```ts
 * const test: LikelihoodRatioTest = { statistic: 253.86, degreesOfFreedom: 4, pValue: 9.6e-54, nullLogLikelihood: -17281.1 };
 * ```
 */
export interface LikelihoodRatioTest {
  /** 2·(ln L with covariates − ln L without), ≥ 0. */
  statistic: number;
  /** Number of coefficients. */
  degreesOfFreedom: number;
  /** P(χ²_df > statistic). */
  pValue: number;
  /** ln L of the fit without covariates. */
  nullLogLikelihood: number;
}

/**
 * What a fit with covariates adds to the fitted model (plain JSON).
 *
 * @category CLV
 * @example
 * ```ts
 * const added: CovariateFitFields = {
 *   covariates: { purchase: { channel: 0.594 }, attrition: { channel: -0.493 } },
 *   covariateStandardErrors: { purchase: { channel: 0.072 }, attrition: { channel: 0.133 } },
 *   likelihoodRatioTest: { statistic: 120.4, degreesOfFreedom: 2, pValue: 7.6e-27, nullLogLikelihood: -17281.1 },
 *   jointCovariance: null,
 * };
 * ```
 */
export interface CovariateFitFields {
  /** Coefficients by process and field (a shared field appears in both). */
  covariates: { purchase: Record<string, number>; attrition: Record<string, number> };
  /** Their standard errors (inverse observed information); `null` where the Hessian is not positive definite. */
  covariateStandardErrors: { purchase: Record<string, number | null>; attrition: Record<string, number | null> };
  /** The likelihood-ratio test against the model without covariates. */
  likelihoodRatioTest: LikelihoodRatioTest;
  /**
   * The joint asymptotic covariance of the parameters (natural units) and the coefficients, named
   * `"purchase.<field>"`, `"attrition.<field>"` or `"shared.<field>"`; `null` where the Hessian is not positive
   * definite or an estimate ran off. The model's `covariance` is its block of the parameters (their marginal
   * covariance).
   */
  jointCovariance: { names: string[]; matrix: number[][] } | null;
}

/** How a model parameter depends on the covariates: not, or times e^(sign·η) of a process. */
export type CovariateLink = { process: "purchase" | "attrition"; sign: 1 | -1 } | null;

/** What a model contributes to the covariate driver. */
export interface CovariateModelDef<K extends string> {
  names: readonly K[];
  links: readonly CovariateLink[];
  /** ln L of one customer at its own parameters `theta` and the gradient in them: `out` = [ln L, ∂/∂θ_1, …]. */
  kernel: () => (theta: Float64Array, x: number, tx: number, T: number, out: Float64Array) => void;
  /** The fit without covariates on (x, t_x, T) patterns, which starts the search and is the null model. */
  baseFit: (patterns: Patterns, opts: OptionsSnapshot<string>) => MleResult<K>;
}

/**
 * A coefficient whose multiplier spreads over more than this (ln 1e8, as for the parameters) across the customers
 * (|γ|·(max z − min z)) is reported as running off; three times it is the edge of the search space.
 */
const SPREAD_BOUND = Math.log(1e8);

/** Above this many distinct customers, a fit on a strided subsample of half as many starts the full fit. */
const WARM_START_PATTERNS = 40_000;

/**
 * Reads `opts.covariates`; null when no covariate is named (the caller then fits without covariates,
 * exactly as before).
 */
export function readCovariatesOption(fn: string, value: unknown): { purchase: string[]; attrition: string[]; shared: string[]; penalty: [number, number] } | null {
  const c = optionsBag(fn, value, ["purchase", "attrition", "shared", "penalty"] as const satisfies readonly (keyof CovariatesOption)[], "options.covariates");
  const purchase = readCovariateNames(fn, c["purchase"], "options.covariates.purchase");
  const attrition = readCovariateNames(fn, c["attrition"], "options.covariates.attrition");
  const shared = readCovariateNames(fn, c["shared"], "options.covariates.shared");
  for (let k = 0; k < shared.length; k++) {
    if (purchase.includes(shared[k]!) || attrition.includes(shared[k]!)) {
      fail(fn, "INVALID_OPTION", `options.covariates.shared[${k}] names ${JSON.stringify(shared[k])}, which is also in options.covariates.purchase or .attrition; a shared field has one coefficient for both processes`, `options.covariates.shared[${k}]`);
    }
  }
  const pen = optionsBag(fn, c["penalty"], ["purchase", "attrition"] as const, "options.covariates.penalty");
  const penalty: [number, number] = [
    pen["purchase"] === undefined ? 0 : nonNegativeNumber(fn, pen["purchase"], "options.covariates.penalty.purchase"),
    pen["attrition"] === undefined ? 0 : nonNegativeNumber(fn, pen["attrition"], "options.covariates.penalty.attrition"),
  ];
  if (purchase.length + attrition.length + shared.length === 0) return null;
  return { purchase, attrition, shared, penalty };
}

/** A coefficient slot: which field, which processes, which penalty. */
interface Slot {
  field: number;
  processes: ("purchase" | "attrition")[];
  penalty: number;
}

/**
 * Fits `def` with covariates: validates rows (x, t_x, T, weight, unit and each covariate field read once), refuses
 * an unidentifiable design, fits the model without covariates (the start and the null model), then the full
 * model by BFGS on (ln θ, γ) with standard errors from the Hessian (central differences of the analytic
 * gradient).
 */
export function fitWithCovariates<K extends string>(
  fn: string, rows: unknown, opts: OptionsSnapshot<string>, def: CovariateModelDef<K>,
  spec: NonNullable<ReturnType<typeof readCovariatesOption>>,
): MleResult<K> & CovariateFitFields & { unit?: FixedUnit } {
  const maxIterations = readMaxIterations(fn, opts["maxIterations"], 1);
  const penalizer = opts["penalizer"] === undefined ? 0 : nonNegativeNumber(fn, opts["penalizer"], "options.penalizer");
  const fields: string[] = [];
  for (const f of [...spec.purchase, ...spec.attrition, ...spec.shared]) if (!fields.includes(f)) fields.push(f);
  const q = fields.length;
  const units = new UnitAgreement(fn, undefined, "", "Fit on summaries made with one unit (summarizeTransactions' unit option)");
  const raw = compressPatterns(fn, rows, 3 + q, (row, path, out) => {
    readRfCustomer(fn, row, path, out);
    units.see(row["unit"], `${path}.unit`);
    for (let k = 0; k < q; k++) out[3 + k] = readCovariateValue(fn, row[fields[k]!], `${path}.${fields[k]!}`, fields[k]!);
    return true;
  });
  if (!(raw.totalWeight > 0)) fail(fn, "INSUFFICIENT_DATA", "rows must contain at least one customer with positive weight", "rows");
  const patterns = raw; // in lexicographic order (compressPatterns): the sums do not depend on the rows' order
  const n = patterns.count;
  const design = { count: n, values: new Float64Array(q * n), weights: patterns.weights };
  for (let k = 0; k < q; k++) design.values.set(patterns.columns[3 + k]!, k * n);

  // Slots: one coefficient per (process, field), one per shared field.
  const slots: Slot[] = [];
  for (const f of spec.purchase) slots.push({ field: fields.indexOf(f), processes: ["purchase"], penalty: spec.penalty[0] });
  for (const f of spec.attrition) slots.push({ field: fields.indexOf(f), processes: ["attrition"], penalty: spec.penalty[1] });
  for (const f of spec.shared) slots.push({ field: fields.indexOf(f), processes: ["purchase", "attrition"], penalty: 0 });
  for (const process of ["purchase", "attrition"] as const) {
    const used = slots.filter((s) => s.processes.includes(process));
    const sub = { count: n, weights: patterns.weights, values: new Float64Array(used.length * n) };
    used.forEach((s, j) => sub.values.set(patterns.columns[3 + s.field]!, j * n));
    const paths = used.map((s) => {
      const f = fields[s.field]!;
      const inShared = s.processes.length === 2;
      const list = inShared ? spec.shared : process === "purchase" ? spec.purchase : spec.attrition;
      return `options.covariates.${inShared ? "shared" : process}[${list.indexOf(f)}]`;
    });
    checkDesignRank(fn, sub, used.map((s) => fields[s.field]!), paths);
  }

  const base = def.baseFit({ ...patterns, width: 3, columns: patterns.columns.slice(0, 3) }, opts);
  const m = def.names.length;
  const dim = m + slots.length;
  const [xs, txs, Ts] = patterns.columns as [Float64Array, Float64Array, Float64Array];
  const w = patterns.weights;
  const kernel = def.kernel();
  const ind = new Float64Array(m);
  const out = new Float64Array(m + 1);
  const purchaseSlots = slots.map((s, j) => (s.processes.includes("purchase") ? j : -1)).filter((j) => j >= 0);
  const attritionSlots = slots.map((s, j) => (s.processes.includes("attrition") ? j : -1)).filter((j) => j >= 0);

  /**
   * Σ w ln L at φ = (ln θ, γ); its gradient in φ into `grad` when given, and the outer products of the
   * customers' gradients Σ w g gᵀ (the BHHH approximation of the information, row-major) into `outer`.
   */
  const gi = new Float64Array(dim);
  // (`stride` > 1 during the warm start: the pass then covers every stride-th pattern, of total weight `scope`.)
  let stride = 1;
  let scope = patterns.totalWeight;
  const pass = (phi: readonly number[], grad: number[] | null, outer: Float64Array | null = null): number => {
    const theta = phi.slice(0, m).map(Math.exp);
    if (grad) grad.fill(0, 0, dim);
    let total = 0;
    for (let i = 0; i < n; i += stride) {
      let etaP = 0;
      let etaA = 0;
      for (const j of purchaseSlots) etaP += phi[m + j]! * design.values[slots[j]!.field * n + i]!;
      for (const j of attritionSlots) etaA += phi[m + j]! * design.values[slots[j]!.field * n + i]!;
      for (let k = 0; k < m; k++) {
        const link = def.links[k];
        ind[k] = link === null || link === undefined ? theta[k]! : theta[k]! * Math.exp(link.sign * (link.process === "purchase" ? etaP : etaA));
      }
      kernel(ind, xs[i]!, txs[i]!, Ts[i]!, out);
      const wi = w[i]!;
      total += wi * out[0]!;
      if (grad) {
        let dP = 0;
        let dA = 0;
        for (let k = 0; k < m; k++) {
          const g = out[1 + k]! * ind[k]!;
          gi[k] = g;
          const link = def.links[k];
          if (link) {
            if (link.process === "purchase") dP += link.sign * g;
            else dA += link.sign * g;
          }
        }
        for (let j = 0; j < slots.length; j++) gi[m + j] = 0;
        for (const j of purchaseSlots) gi[m + j] = gi[m + j]! + dP * design.values[slots[j]!.field * n + i]!;
        for (const j of attritionSlots) gi[m + j] = gi[m + j]! + dA * design.values[slots[j]!.field * n + i]!;
        for (let k = 0; k < dim; k++) grad[k] = grad[k]! + wi * gi[k]!;
        if (outer) for (let k = 0; k < dim; k++) for (let l = 0; l < dim; l++) outer[k * dim + l] = outer[k * dim + l]! + wi * gi[k]! * gi[l]!;
      }
    }
    return total;
  };
  const hardBound = Math.log(1e10);
  // The range of each coefficient's covariate, max z − min z (> 0: constant covariates were refused).
  const spans = slots.map((s) => {
    const col = patterns.columns[3 + s.field]!;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, col[i]!);
      hi = Math.max(hi, col[i]!);
    }
    return hi - lo;
  });
  const feasible = (phi: readonly number[]): boolean => {
    for (let k = 0; k < dim; k++) if (!(Math.abs(phi[k]!) * (k < m ? 1 : spans[k - m]!) < (k < m ? hardBound : 3 * SPREAD_BOUND))) return false;
    return true;
  };
  const penaltyOf = (phi: readonly number[]): number => {
    let p = 0;
    for (let k = 0; k < m; k++) p += penalizer * Math.exp(2 * phi[k]!);
    for (let j = 0; j < slots.length; j++) p += slots[j]!.penalty * phi[m + j]! * phi[m + j]!;
    return p;
  };
  // The optimiser asks for the gradient right after the value at the same point: one pass serves both.
  let lastPhi: number[] = [];
  let lastValue = Number.NaN;
  let lastGrad: number[] = [];
  const evaluate = (phi: readonly number[]): void => {
    if (phi.length === lastPhi.length && phi.every((v, k) => v === lastPhi[k])) return;
    const g = new Array<number>(dim).fill(0);
    lastValue = feasible(phi) ? pass(phi, g) : Number.NaN;
    lastGrad = g;
    lastPhi = phi.slice();
  };
  const objective = (phi: readonly number[]): number => {
    evaluate(phi);
    return Number.isFinite(lastValue) ? -lastValue / scope + penaltyOf(phi) : Number.NaN;
  };
  const gradient = (phi: readonly number[]): number[] => {
    evaluate(phi);
    return lastGrad.map((g, k) => -g / scope + (k < m ? 2 * penalizer * Math.exp(2 * phi[k]!) : 2 * slots[k - m]!.penalty * phi[k]!));
  };

  // BFGS starts from the inverse of the BHHH information (mean objective), so that its first steps are
  // nearly Newton's; a second run from the first's answer, with fresh curvature, guards a premature stop.
  const curvature = (phi: readonly number[]): Float64Array | undefined => {
    if (!feasible(phi)) return undefined;
    const outer = new Float64Array(dim * dim);
    pass(phi, new Array<number>(dim).fill(0), outer);
    const rowsOf = Array.from({ length: dim }, (_, k) => Array.from(outer.subarray(k * dim, (k + 1) * dim), (v, l) => v / scope + (k === l ? 2 * (k < m ? 2 * penalizer * Math.exp(2 * phi[k]!) : slots[k - m]!.penalty) : 0)));
    const inv = invertSymmetric(rowsOf);
    return inv === null ? undefined : Float64Array.from(inv.flat());
  };
  let phi0 = [...def.names.map((k) => Math.log(base.params[k])), ...slots.map(() => 0)];
  const mopts = { gradient, maxIterations };
  let iterations = 0;
  if (n > WARM_START_PATTERNS) {
    // Many patterns: the fit on an evenly strided subsample gives the start, so the full data need few passes.
    stride = Math.ceil(n / (WARM_START_PATTERNS / 2));
    scope = 0;
    for (let i = 0; i < n; i += stride) scope += w[i]!;
    lastPhi = [];
    const warm = minimize(objective, phi0, { ...mopts, inverseHessian: curvature(phi0) });
    iterations += warm.iterations;
    if (warm.converged && warm.x.every((v, k) => Math.abs(v) * (k < m ? 1 : spans[k - m]!) < (k < m ? Math.log(1e6) : SPREAD_BOUND))) phi0 = warm.x;
    stride = 1;
    scope = patterns.totalWeight;
    lastPhi = [];
  }
  const W = patterns.totalWeight;
  let run = minimize(objective, phi0, { ...mopts, inverseHessian: curvature(phi0) });
  iterations += run.iterations;
  if (Number.isFinite(run.value) && !(run.converged && run.reason.startsWith("predicted decrease"))) {
    const again = minimize(objective, run.x, { ...mopts, inverseHessian: curvature(run.x) });
    iterations += again.iterations;
    if (again.value <= run.value) run = again;
  }
  const phi = run.x;
  const ll = pass(phi, null);
  const reasons: string[] = [];
  let converged = run.converged && Number.isFinite(ll);
  if (!run.converged) reasons.push(`optimiser did not converge: ${run.reason}`);
  const logBound = Math.log(1e8);
  const runaway = new Set<number>();
  for (let k = 0; k < dim; k++) {
    const v = phi[k]!;
    const label = k < m ? def.names[k]! : `the ${slots[k - m]!.processes.join("/")} coefficient of ${fields[slots[k - m]!.field]!}`;
    if (k < m ? Math.abs(v) > logBound : Math.abs(v) * spans[k - m]! > SPREAD_BOUND) {
      runaway.add(k);
      converged = false;
      reasons.push(`${label} ran off (${(k < m ? Math.exp(v) : v).toPrecision(3)}): the data do not identify the model`);
    }
  }
  // The Hessian by central differences of the analytic gradient (2·dim passes); above the warm-start size by
  // forward differences (dim passes, relative error ~1e-5 in the standard errors), as the passes dominate.
  const totalGradient = (p: readonly number[]): number[] => gradient(p).map((g) => W * g);
  const H = !Number.isFinite(run.value) ? null : n > WARM_START_PATTERNS ? forwardHessian(totalGradient, phi) : hessian((p) => W * objective(p), phi, totalGradient);
  const cov = H ? invertSymmetric(H) : null;
  const se = new Array<number | null>(dim).fill(null);
  if (cov) {
    for (let k = 0; k < dim; k++) {
      const v = cov[k]![k]!;
      if (runaway.has(k) || !(v >= 0) || !Number.isFinite(v)) continue;
      const sd = Math.sqrt(v);
      se[k] = k < m ? Math.exp(phi[k]!) * sd : sd;
      if (k < m ? sd > 4 : sd > 100) {
        converged = false;
        reasons.push(`${k < m ? def.names[k]! : fields[slots[k - m]!.field]!} is not identified by the data (standard error ${se[k]!.toPrecision(3)})`);
      }
    }
  } else if (Number.isFinite(run.value)) {
    converged = false;
    reasons.push("the Hessian is not positive definite at the estimate: standard errors are unavailable and the parameters may not be identified");
  }
  if (!base.converged && base.reason !== null) reasons.push(`the fit without covariates: ${base.reason}`);

  const params = {} as Record<K, number>;
  const standardErrors = {} as Record<K, number | null>;
  def.names.forEach((k, i) => {
    params[k] = Math.exp(phi[i]!);
    standardErrors[k] = se[i]!;
  });
  const covariates = { purchase: {} as Record<string, number>, attrition: {} as Record<string, number> };
  const covariateStandardErrors = { purchase: {} as Record<string, number | null>, attrition: {} as Record<string, number | null> };
  slots.forEach((s, j) => {
    for (const process of s.processes) {
      covariates[process][fields[s.field]!] = phi[m + j]!;
      covariateStandardErrors[process][fields[s.field]!] = se[m + j]!;
    }
  });
  const statistic = Math.max(0, 2 * (ll - base.logLikelihood));
  // Σ in natural units: a parameter θ = e^φ scales its rows and columns by θ; the coefficients are linear.
  let jointCovariance: CovariateFitFields["jointCovariance"] = null;
  if (cov && runaway.size === 0 && se.every((v) => v !== null)) {
    const matrix = naturalCovariance(cov, phi.map((v, k) => (k < m ? Math.exp(v) : 1)), se as number[]);
    const slotName = (s: (typeof slots)[number]): string => `${s.processes.length > 1 ? "shared" : s.processes[0]!}.${fields[s.field]!}`;
    if (matrix !== null) jointCovariance = { names: [...def.names, ...slots.map(slotName)], matrix };
  }
  const covariance = jointCovariance === null ? null : { names: def.names.slice(), matrix: jointCovariance.matrix.slice(0, m).map((row) => row.slice(0, m)) };
  const result = {
    params,
    logLikelihood: Number.isFinite(ll) ? ll : -Number.MAX_VALUE,
    customers: W,
    converged,
    iterations,
    standardErrors,
    covariance,
    reason: reasons.length > 0 ? reasons.join("; ") : null,
    covariates,
    covariateStandardErrors,
    likelihoodRatioTest: { statistic, degreesOfFreedom: slots.length, pValue: chiSquareUpperTail(statistic, slots.length), nullLogLikelihood: base.logLikelihood },
    jointCovariance,
  };
  return units.unit === undefined ? result : { ...result, unit: units.unit };
}

/** The Hessian by forward differences of `gradient` at `x` (symmetrised); null when an entry is not finite. */
function forwardHessian(gradient: (x: readonly number[]) => number[], x: readonly number[]): number[][] | null {
  const n = x.length;
  const g0 = gradient(x);
  const cols: number[][] = [];
  const xx = x.slice();
  for (let i = 0; i < n; i++) {
    const h = 1.4901161193847656e-8 * 16 * Math.max(1, Math.abs(x[i]!));
    xx[i] = x[i]! + h;
    const g = gradient(xx);
    xx[i] = x[i]!;
    cols.push(g.map((v, j) => (v - g0[j]!) / h));
  }
  const H = cols.map((_, i) => cols.map((__, j) => 0.5 * (cols[i]![j]! + cols[j]![i]!)));
  for (const row of H) for (const v of row) if (!Number.isFinite(v)) return null;
  return H;
}
