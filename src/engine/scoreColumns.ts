// The engine's result as columns, and its rows built from them. The engine computes every part into
// columns; `scoreCustomers` then builds one row per customer from them (scoreRows), so the rows and the columns
// of one input are the same numbers by construction. A million rows of ~40 fields cost about as much as all
// the scoring before them (their allocation and the garbage collections it triggers), so callers that
// write to a column store take the columns and skip the rows.
import type { ChurnSignal, RiskLevel } from "../churn/types.js";
import type { CustomerId, TimeUnit } from "../data/time.js";
import { small } from "../internal/boxing.js";
import type { LifecycleStageName } from "../tiers/lifecycleStage.js";
import type { ScoreResult, ScoreRow } from "./scoreTypes.js";

/**
 * The scores of {@link scoreCustomers} as one array per field: entry `i` of every column is customer `i`
 * (the order of `result.customers`). Each field is the {@link ScoreRow} field of the same name; numeric
 * fields that are never `null` are `Float64Array`s, RFM scores `Uint8Array`s, and a part that is switched
 * off has `null` for its columns. Columns a row derives from others are left out: `rfmTotal` (r + f + m).
 * Typed arrays hand over to Arrow or a column store as they are; for JSON, `Array.from` them first
 * (`JSON.stringify` writes a typed array as an object of indices). `churnSignals` and `churnReasons` are made
 * when either is first read (the risk scores and levels come first, from the rules' severities alone; the
 * signals are then made by the same rules on the same input, so they are the numbers an eager result would
 * hold): a store that keeps the numeric columns never pays for a million signal objects, and a read,
 * `JSON.stringify`, a spread or `structuredClone` sees plain data properties.
 *
 * @category Engine
 * @example
 * ```ts
 * const { columns } = scoreCustomerColumns({ transactions: [{ customerId: "a", at: "2024-05-01", amount: 20 }], observationEnd: "2024-06-30" }, { clv: false });
 * [columns.length, columns.customerId[0], columns.rfmSegment?.[0], columns.lifecycleStage?.[0]];
 * // => [1, "a", "Need Attention", "new"]
 * ```
 */
export interface ScoreColumns {
  /** Customers. */
  length: number;
  /** The time unit of `recency` and `T` (every row's `unit`). */
  unit: TimeUnit;
  customerId: CustomerId[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  transactionCount: Float64Array;
  totalAmount: Float64Array;
  firstAt: Float64Array;
  lastAt: Float64Array;
  recencyDays: Float64Array;
  rfmR: Uint8Array | null;
  rfmF: Uint8Array | null;
  rfmM: Uint8Array | null;
  rfmCode: string[] | null;
  rfmSegment: string[] | null;
  valueTier: string[] | null;
  abcClass: string[] | null;
  /** `null` also when the ABC values add up to 0 (then every row's share is `null`). */
  abcCumulativeShare: Float64Array | null;
  lifecycleStage: LifecycleStageName[] | null;
  tenureDays: Float64Array | null;
  daysSinceLast: Float64Array | null;
  churnRiskScore: Float64Array | null;
  churnRiskLevel: RiskLevel[] | null;
  /** Made on first read (with `churnSignals`): see above. */
  churnReasons: string[] | null;
  /** Made on first read (with `churnReasons`): see above. */
  churnSignals: ChurnSignal[][] | null;
  churnProbability: Float64Array | null;
  probabilityAlive: Float64Array | null;
  expectedPurchases: Float64Array | null;
  expectedSpend: (number | null)[] | null;
  clv: (number | null)[] | null;
  probabilityAliveNote: (string | null)[] | null;
  /** The interval columns, present only with `config.clv.intervals` (as the rows' fields). */
  probabilityAliveLower?: (number | null)[];
  probabilityAliveUpper?: (number | null)[];
  expectedPurchasesLower?: (number | null)[];
  expectedPurchasesUpper?: (number | null)[];
  clvLower?: (number | null)[];
  clvUpper?: (number | null)[];
  level: (string | null)[] | null;
  pointsBalance: number[] | null;
  pointsExpiringSoon: number[] | null;
  accountManager: (string | number | null)[] | null;
}

/**
 * What {@link scoreCustomerColumns} returns: {@link ScoreResult} with `columns` in place of `customers`.
 *
 * @category Engine
 * @example
 * ```ts
 * const r: ScoreColumnsResult = scoreCustomerColumns({ summaries: [], observationEnd: "2024-06-30" }, {});
 * [r.columns.length, r.models.transaction];
 * // => [0, null]
 * ```
 */
export type ScoreColumnsResult = Omit<ScoreResult, "customers"> & { columns: ScoreColumns };

/** Every customer's row, in order: `result.customers` of {@link scoreCustomers} (which builds its rows here). */
export function scoreRows(columns: ScoreColumns): ScoreRow[] {
  const n = columns.length;
  const out: ScoreRow[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = rowAt(columns, i);
  return out;
}

/** The row; whole numbers as small integers, stored unboxed (see boxing.ts). */
function rowAt(c: ScoreColumns, i: number): ScoreRow {
  const rfm = c.rfmR !== null;
  const row: ScoreRow = {
    customerId: c.customerId[i]!,
    frequency: small(c.frequency[i]!),
    recency: small(c.recency[i]!),
    T: small(c.T[i]!),
    monetaryValue: c.monetaryValue[i]!,
    transactionCount: small(c.transactionCount[i]!),
    totalAmount: c.totalAmount[i]!,
    firstAt: c.firstAt[i]!,
    lastAt: c.lastAt[i]!,
    unit: c.unit,
    recencyDays: small(c.recencyDays[i]!),
    rfmR: rfm ? c.rfmR![i]! : null,
    rfmF: rfm ? c.rfmF![i]! : null,
    rfmM: rfm ? c.rfmM![i]! : null,
    rfmCode: c.rfmCode === null ? null : c.rfmCode[i]!,
    rfmTotal: rfm ? c.rfmR![i]! + c.rfmF![i]! + c.rfmM![i]! : null,
    rfmSegment: c.rfmSegment === null ? null : c.rfmSegment[i]!,
    valueTier: c.valueTier === null ? null : c.valueTier[i]!,
    abcClass: c.abcClass === null ? null : c.abcClass[i]!,
    abcCumulativeShare: c.abcCumulativeShare === null ? null : c.abcCumulativeShare[i]!,
    lifecycleStage: c.lifecycleStage === null ? null : c.lifecycleStage[i]!,
    tenureDays: c.tenureDays === null ? null : c.tenureDays[i]!,
    daysSinceLast: c.daysSinceLast === null ? null : c.daysSinceLast[i]!,
    churnRiskScore: c.churnRiskScore === null ? null : small(c.churnRiskScore[i]!),
    churnRiskLevel: c.churnRiskLevel === null ? null : c.churnRiskLevel[i]!,
    churnReasons: c.churnReasons === null ? null : c.churnReasons[i]!,
    churnSignals: c.churnSignals === null ? null : c.churnSignals[i]!,
    churnProbability: c.churnProbability === null ? null : c.churnProbability[i]!,
    probabilityAlive: c.probabilityAlive === null ? null : c.probabilityAlive[i]!,
    expectedPurchases: c.expectedPurchases === null ? null : c.expectedPurchases[i]!,
    expectedSpend: c.expectedSpend === null ? null : c.expectedSpend[i]!,
    clv: c.clv === null ? null : c.clv[i]!,
    probabilityAliveNote: c.probabilityAliveNote === null ? null : c.probabilityAliveNote[i]!,
    level: c.level?.[i] ?? null,
    pointsBalance: c.pointsBalance?.[i] ?? null,
    pointsExpiringSoon: c.pointsExpiringSoon?.[i] ?? null,
    accountManager: c.accountManager?.[i] ?? null,
  };
  if (c.probabilityAliveLower !== undefined) {
    row.probabilityAliveLower = c.probabilityAliveLower[i]!;
    row.probabilityAliveUpper = c.probabilityAliveUpper![i]!;
    row.expectedPurchasesLower = c.expectedPurchasesLower![i]!;
    row.expectedPurchasesUpper = c.expectedPurchasesUpper![i]!;
    row.clvLower = c.clvLower![i]!;
    row.clvUpper = c.clvUpper![i]!;
  }
  return row;
}
