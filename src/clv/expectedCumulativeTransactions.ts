import { array, fail, show } from "../internal/validate.js";
import { expectedKernel } from "./transactionKernels.js";
import { readDuration, readOpportunities, readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * The expected number of repeat transactions of a whole cohort by each of `times`: the cumulative line of a
 * tracking plot. A cohort's customers make their first purchase at `births` (in the model's time unit, from
 * one common origin, e.g. the cohort's first day); by time t a customer born at b ≤ t has made E[X(t − b)]
 * repeat transactions in expectation, so
 *   ECT(t) = Σ_{i: bᵢ ≤ t} E[X(t − bᵢ)],
 * with E[X(·)] the new-customer expectation of {@link expectedPurchases} (BG/NBD, MBG/NBD, Pareto/NBD; BG/BB
 * counts opportunities, so its births and times are whole numbers). This is R BTYD's
 * `bgnbd.ExpectedCumulativeTransactions` (and `pnbd.`, `bgbb.`) with births `max(T.cal) − T.cal` and times
 * the ends of its periods, and lifetimes' `expected_cumulative_transactions`.
 *
 * Customers born at the same time share one E[X] per time: the work is (distinct births) × (times)
 * evaluations of E[X] plus a sort of the births, so a million customers born on a daily grid over 12 weeks
 * and 78 weekly times take a few hundred milliseconds. The sums run over the sorted distinct births
 * (Neumaier-compensated), so any order of `births` gives identical numbers.
 *
 * @param model - any transaction model `{ model, params }` (a fitted model works as is)
 * @param births - each customer's time of first purchase, ≥ 0, in the model's time unit (opportunities for
 *   BG/BB) from the common origin
 * @param times - the times at which to count, ≥ 0, in any order, on the same clock
 * @returns for each of `times`, the expected cumulative repeat transactions of the cohort (≥ 0; 0 before the
 *   first birth); non-decreasing in time
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; `INVALID_TYPE` when
 *   `births` or `times` is not an array; `INVALID_NUMBER`, `NEGATIVE_VALUE`, `OUT_OF_RANGE` (above 1e15) at
 *   `births[i]` / `times[j]`; `NOT_INTEGER` for fractional BG/BB births or times
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * expectedCumulativeTransactions(bgnbd, [0, 0, 2], [1, 2, 52]);
 * // => [0.10653578234331651, 0.20677947951250708, 4.302052330002972]
 * ```
 */
export function expectedCumulativeTransactions(model: TransactionModel, births: readonly number[], times: readonly number[]): number[] {
  const fn = "expectedCumulativeTransactions";
  const m = readTransactionModel(fn, model);
  const read = m.model === "bg-bb" ? readOpportunities : readDuration;
  const b = array<unknown>(fn, births, "births");
  const ts = array<unknown>(fn, times, "times");
  const born = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) born[i] = read(fn, b[i], `births[${i}]`);
  const at = new Float64Array(ts.length);
  for (let j = 0; j < ts.length; j++) at[j] = read(fn, ts[j], `times[${j}]`);
  return cumulativeExpected(fn, m, born, at, "times");
}

/**
 * {@link expectedCumulativeTransactions} on validated births and times (`born` is sorted in place); a
 * non-finite total (beyond any real cohort) is OUT_OF_RANGE at `timesPath[j]`. `expected(age)` is E[X(age)]
 * on the clock of `born` and `at` (a caller on a day grid passes days and caches by whole day).
 */
export function cumulativeExpected(
  fn: string,
  m: TransactionModel,
  born: Float64Array,
  at: Float64Array,
  timesPath: string,
  expected: (age: number) => number = (age) => expectedKernel(m, age),
): number[] {
  born.sort();
  // Distinct births and how many customers each has.
  const value: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < born.length; i++) {
    const v = born[i]!;
    if (value.length > 0 && value[value.length - 1] === v) size[size.length - 1]!++;
    else {
      value.push(v);
      size.push(1);
    }
  }
  const out: number[] = new Array<number>(at.length);
  for (let j = 0; j < at.length; j++) {
    const t = at[j]!;
    let sum = 0;
    let carry = 0;
    for (let g = 0; g < value.length && value[g]! < t; g++) {
      const term = size[g]! * expected(t - value[g]!);
      const next = sum + term;
      carry += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
      sum = next;
    }
    const total = sum + carry;
    if (!(total >= 0 && total < Number.POSITIVE_INFINITY)) {
      fail(fn, "OUT_OF_RANGE", `the expected transactions at ${timesPath}[${j}] = ${show(t)} are not finite for ${born.length} customers`, `${timesPath}[${j}]`);
    }
    out[j] = total;
  }
  // Each E[X(t − b)] rises with t; a running maximum over the times in increasing order keeps the rounding
  // of the sums from ever showing a fall.
  const order = Array.from(at.keys()).sort((i, j) => at[i]! - at[j]! || i - j);
  let top = 0;
  for (const j of order) top = out[j] = Math.max(top, out[j]!);
  return out;
}
