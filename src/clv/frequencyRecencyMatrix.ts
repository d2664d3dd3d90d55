import type { TimeUnit } from "../data/time.js";
import { fail, finiteNumber, integerAtLeast, optionsBag, show } from "../internal/validate.js";
import { bgExpectedBracket, bgProbabilityAlive } from "./bgNbdMath.js";
import { conditionalExpectedKernel, probabilityAliveKernel } from "./transactionKernels.js";
import { MAX_FREQUENCY, readDuration, readOpportunities, readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * Options of {@link frequencyRecencyMatrix}.
 *
 * @category CLV
 * @example
 * ```ts
 * const o: FrequencyRecencyMatrixOptions = { T: 38.86, t: 39, maxFrequency: 20, recencyStep: 1 };
 * ```
 */
export interface FrequencyRecencyMatrixOptions {
  /** Age of the customers: time from their first purchase to now, in the model's unit (opportunities `n` for BG/BB, whole). Required. */
  T: number;
  /** Horizon of the expected purchases, in the model's unit (whole opportunities for BG/BB). Required. */
  t: number;
  /** Rows are frequencies 0..maxFrequency (a whole number ≥ 0). Default 20 (for BG/BB at most `T`). */
  maxFrequency?: number;
  /** Columns are recencies 0, step, 2·step, … up to `T`, and `T` itself. A number > 0 (whole for BG/BB). Default 1. */
  recencyStep?: number;
}

/**
 * Expected purchases and P(alive) over a (frequency, recency) grid: the result of
 * {@link frequencyRecencyMatrix}. Cell `[i][j]` is the customer with `frequencies[i]` repeat purchases, the
 * last at `recencies[j]`, and age `T`; `null` marks a history that cannot happen.
 *
 * @category CLV
 * @example
 * ```ts
 * const m: FrequencyRecencyMatrix = {
 *   model: "bg-nbd", T: 2, t: 1, frequencies: [0, 1], recencies: [0, 1, 2],
 *   expectedPurchases: [[0.05, null, null], [0.03, 0.07, 0.1]],
 *   probabilityAlive: [[1, null, null], [0.6, 0.8, 1]],
 * };
 * ```
 */
export interface FrequencyRecencyMatrix {
  /** The model's name. */
  model: TransactionModel["model"];
  /** The model's time unit, when it states one. */
  unit?: TimeUnit;
  /** Age of every customer of the grid. */
  T: number;
  /** Horizon of `expectedPurchases`. */
  t: number;
  /** Row values: repeat purchases 0, 1, …, maxFrequency. */
  frequencies: number[];
  /** Column values: recency (age at the last repeat purchase), ascending, from 0 to `T`. */
  recencies: number[];
  /**
   * E[Y(t) | frequency, recency, T] per cell, rows by frequency; `null` where the history is impossible
   * (frequency 0 with recency > 0; for BG/BB also frequency > recency, or recency 0 with frequency > 0).
   */
  expectedPurchases: (number | null)[][];
  /** P(alive | frequency, recency, T) per cell (BG/BB: at the next opportunity); `null` as in `expectedPurchases`. */
  probabilityAlive: (number | null)[][];
}

const KNOWN_KEYS = ["T", "t", "maxFrequency", "recencyStep"] as const satisfies readonly (keyof FrequencyRecencyMatrixOptions)[];

/** The most cells of a grid (as for the heatmaps of the plot module). */
const MAX_CELLS = 250_000;

/**
 * Expected purchases in the next `t` time units and the probability of being alive over the grid of
 * customer histories (frequency x, recency t_x) at one age T — the data of lifetimes'
 * `plot_frequency_recency_matrix` and `plot_probability_alive_matrix` (Fader, Hardie & Lee 2005, Figs. 5-6).
 * Each cell is {@link conditionalExpectedPurchases} and {@link probabilityAlive} for the customer
 * `{ frequency: x, recency: t_x, T }` (`{ frequency, recency, n: T }` for BG/BB): the best customers sit at
 * high frequency and recency near T; a frequent buyer who has not bought for long is likely gone.
 *
 * Rows are frequencies 0..maxFrequency; columns are recencies k·recencyStep ≤ T and T itself. Impossible
 * histories are `null`, never a number: frequency 0 with recency > 0 (recency is 0 without repeat
 * purchases), and for BG/BB frequency > recency or recency 0 with frequency > 0.
 *
 * @param model - a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB model `{ model, params, unit? }` (a fitted model works as is)
 * @param options - `T` and `t` (required), grid size; see {@link FrequencyRecencyMatrixOptions}
 * @returns the grid's values, rows by frequency and columns by recency
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; `INVALID_OPTION` for a
 *   missing `options`, `options.T` or `options.t`; `INVALID_NUMBER` / `NEGATIVE_VALUE` / `OUT_OF_RANGE` at
 *   `options.T` and `options.t` (above 1e15 time units, or 100 000 opportunities for BG/BB, `NOT_INTEGER`
 *   when not whole there); `NOT_INTEGER` / `OUT_OF_RANGE` at `options.maxFrequency` (at most 1e9) and
 *   `options.recencyStep` (> 0); `OUT_OF_RANGE` when the grid would have more than 250 000 cells (at
 *   `options.recencyStep` when the recencies alone are too many, else `options.maxFrequency`);
 *   `UNKNOWN_OPTION` for an unknown key of `options`
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const m = frequencyRecencyMatrix(bgnbd, { T: 38.86, t: 39, maxFrequency: 2, recencyStep: 20 });
 * m.recencies;
 * // => [0, 20, 38.86]
 * m.probabilityAlive.map((row) => row.map((p) => (p === null ? null : Number(p.toFixed(3)))));
 * // => [[1, null, null], [0.152, 0.6, 0.754], [0.025, 0.545, 0.812]]
 * ```
 */
export function frequencyRecencyMatrix(model: TransactionModel, options: FrequencyRecencyMatrixOptions): FrequencyRecencyMatrix {
  const fn = "frequencyRecencyMatrix";
  const m = readTransactionModel(fn, model);
  if (options === undefined) fail(fn, "INVALID_OPTION", "options { T, t } are required: the customers' age and the horizon of the expected purchases, in the model's unit", "options");
  const o = optionsBag(fn, options, KNOWN_KEYS);
  const bb = m.model === "bg-bb";
  const time = (value: unknown, key: "T" | "t"): number => {
    if (value === undefined) fail(fn, "INVALID_OPTION", `options.${key} is required (${key === "T" ? "the customers' age" : "the horizon of the expected purchases"}, in the model's ${bb ? "opportunities" : "time unit"})`, `options.${key}`);
    return bb ? readOpportunities(fn, value, `options.${key}`) : readDuration(fn, value, `options.${key}`);
  };
  const T = time(o.T, "T");
  const t = time(o.t, "t");
  const maxFDefault = bb ? Math.min(20, T) : 20;
  const maxF = o.maxFrequency === undefined ? maxFDefault : integerAtLeast(fn, o.maxFrequency, "options.maxFrequency", 0);
  if (!(maxF <= MAX_FREQUENCY)) fail(fn, "OUT_OF_RANGE", `options.maxFrequency must be at most ${MAX_FREQUENCY}, got ${show(maxF)}`, "options.maxFrequency");
  let step = 1;
  if (o.recencyStep !== undefined) {
    step = finiteNumber(fn, o.recencyStep, "options.recencyStep");
    if (!(step > 0)) fail(fn, "OUT_OF_RANGE", `options.recencyStep must be > 0, got ${show(step)}`, "options.recencyStep");
    if (bb && !Number.isInteger(step)) fail(fn, "NOT_INTEGER", `options.recencyStep must be a whole number of opportunities for a BG/BB model, got ${show(step)}`, "options.recencyStep");
  }
  const steps = Math.floor(T / step);
  if (!(steps + 2 <= MAX_CELLS)) {
    fail(fn, "OUT_OF_RANGE", `the grid would have more than ${MAX_CELLS} recencies (T ${show(T)} in steps of ${show(step)}); use a larger options.recencyStep`, "options.recencyStep");
  }
  const recencies: number[] = [];
  for (let k = 0; k <= steps; k++) recencies.push(Math.min(T, k * step));
  if (recencies[recencies.length - 1]! < T) recencies.push(T);
  const cells = (maxF + 1) * recencies.length;
  if (!(cells <= MAX_CELLS)) {
    fail(fn, "OUT_OF_RANGE", `the grid would have ${show(cells)} cells (${show(maxF + 1)} frequencies × ${recencies.length} recencies), at most ${MAX_CELLS}; use a smaller options.maxFrequency or a larger options.recencyStep`, "options.maxFrequency");
  }
  const frequencies = Array.from({ length: maxF + 1 }, (_, x) => x);
  const expectedPurchases: (number | null)[][] = [];
  const probabilityAlive: (number | null)[][] = [];
  for (const x of frequencies) {
    const e: (number | null)[] = [];
    const a: (number | null)[] = [];
    if (m.model === "bg-nbd" || m.model === "mbg-nbd") {
      // E[Y(t)] of the BG/NBD family is a factor of (x, T, t) times P(alive) (bgConditionalExpected): the
      // factor once per row, whatever its cost at extreme parameters.
      const k = m.model === "bg-nbd" ? 0 : 1;
      const bracket = t === 0 ? 0 : bgExpectedBracket(m.params, k, x, T, t);
      for (const tx of recencies) {
        if (x === 0 && tx !== 0) {
          e.push(null);
          a.push(null);
          continue;
        }
        const alive = bgProbabilityAlive(m.params, k, x, tx, T);
        const value = bracket * alive;
        e.push(value > 0 ? value : 0);
        a.push(alive);
      }
      expectedPurchases.push(e);
      probabilityAlive.push(a);
      continue;
    }
    for (const tx of recencies) {
      const possible = bb ? x <= tx && (x === 0) === (tx === 0) : x > 0 || tx === 0;
      e.push(possible ? conditionalExpectedKernel(m, x, tx, T, t) : null);
      a.push(possible ? probabilityAliveKernel(m, x, tx, T) : null);
    }
    expectedPurchases.push(e);
    probabilityAlive.push(a);
  }
  const out: FrequencyRecencyMatrix = { model: m.model, T, t, frequencies, recencies, expectedPurchases, probabilityAlive };
  if (!bb && m.unit !== undefined) out.unit = m.unit;
  return out;
}
