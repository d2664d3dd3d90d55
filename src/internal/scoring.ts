// Option resolution and row assembly shared by rfmScores, rfmFromTransactions and the quantile tiers.
import { qcutEdges, scoreByEdges, scoreByRank, scoreByThresholds, type ScoreSpec, type TieRule } from "./bins.js";
import { customerId as customerIdOf, fail, finiteNumber, integerAtLeast, oneOf, optionsBag, show } from "./validate.js";

export type Resolved = { kind: "quantile" } | { kind: "rank" } | { kind: "thresholds"; thresholds: number[] };

export const DIMS = ["recency", "frequency", "monetary"] as const;

/** Validates one dimension's method. Exported for rfmFromTransactions and tiers, not from the package. */
export function resolveMethod(fn: string, m: unknown, path: string, bins: number): Resolved {
  if (m === "quantile" || m === undefined) return { kind: "quantile" };
  if (m === "rank") return { kind: "rank" };
  if (typeof m === "object" && m !== null && !Array.isArray(m)) {
    const t = optionsBag(fn, m, ["thresholds"] as const, path).thresholds;
    return { kind: "thresholds", thresholds: thresholdList(fn, t, `${path}.thresholds`, bins - 1) };
  }
  return fail(fn, "INVALID_OPTION", `${path} must be "quantile", "rank" or { thresholds }, got ${show(m)}`, path);
}

/** Strictly ascending finite thresholds, exactly `count` of them. */
export function thresholdList(fn: string, t: unknown, path: string, count: number | null): number[] {
  if (!Array.isArray(t)) return fail(fn, "INVALID_THRESHOLDS", `${path} must be an array of numbers, got ${show(t)}`, path);
  if (count !== null && t.length !== count) {
    fail(fn, "INVALID_THRESHOLDS", `${path} must hold ${count} thresholds (one fewer than the classes), got ${t.length}`, path);
  }
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const x = t[i] as unknown;
    if (typeof x !== "number" || !Number.isFinite(x)) fail(fn, "INVALID_THRESHOLDS", `${path}[${i}] must be a finite number, got ${show(x)}`, `${path}[${i}]`);
    if (i > 0 && !(x > out[i - 1]!)) fail(fn, "INVALID_THRESHOLDS", `${path} must be strictly ascending, got ${show(out[i - 1])} then ${show(x)}`, `${path}[${i}]`);
    out.push(x);
  }
  return out;
}

/** Reads the shared binning options (`bins`, `ties`). */
export function binOptions(fn: string, o: Record<string, unknown>, fallbackBins: number): { bins: number; ties: TieRule; byId: boolean; numpy: boolean } {
  const bins = o.bins === undefined ? fallbackBins : integerAtLeast(fn, o.bins, "options.bins", 2);
  if (bins > 255) fail(fn, "OUT_OF_RANGE", `options.bins must be ≤ 255, got ${bins}`, "options.bins");
  const ties = o.ties === undefined ? "middle" : oneOf(fn, o.ties, "options.ties", ["middle", "low", "high"] as const);
  const byId = o.rankTies !== undefined && oneOf(fn, o.rankTies, "options.rankTies", ["input", "customerId"] as const) === "customerId";
  const numpy = o.levels !== undefined && oneOf(fn, o.levels, "options.levels", ["exact", "numpy"] as const) === "numpy";
  return { bins, ties, byId, numpy };
}

/** Scores one column in place into `out` by a resolved method. */
export function scoreColumn(values: Float64Array, method: Resolved, spec: ScoreSpec, out: Uint8Array | Int32Array): void {
  if (values.length === 0) return;
  if (method.kind === "thresholds") scoreByThresholds(values, method.thresholds, spec.invert, out);
  else if (method.kind === "rank") scoreByRank(values, spec, out);
  else scoreByEdges(values, qcutEdges(values, spec.bins, spec.numpy), spec, out);
}

let codeCache: { bins: number; codes: string[] } | null = null;

/** The code of a score triple: digits for bins ≤ 9 (`"545"`), joined by "-" above; cached per bins ≤ 20. */
export function codeOf(bins: number): (r: number, f: number, m: number) => string {
  const sep = bins > 9 ? "-" : "";
  if (bins > 20) return (r, f, m) => `${r}${sep}${f}${sep}${m}`;
  if (codeCache?.bins !== bins) {
    const out: string[] = [];
    for (let r = 1; r <= bins; r++) for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) out.push(`${r}${sep}${f}${sep}${m}`);
    codeCache = { bins, codes: out };
  }
  const table = codeCache.codes;
  return (r, f, m) => table[((r - 1) * bins + (f - 1)) * bins + (m - 1)]!;
}

function nonNegative(fn: string, value: unknown, path: string): never {
  const x = finiteNumber(fn, value, path);
  return fail(fn, "NEGATIVE_VALUE", `${path} must be ≥ 0, got ${show(x)}`, path);
}

/** The fast check of one customer's RFM values and id (recency, frequency ≥ 0 and finite; monetary finite). */
export function rfmValuesValid(recency: unknown, frequency: unknown, monetary: unknown, id: unknown): boolean {
  return (
    typeof recency === "number" && recency >= 0 && recency < Infinity &&
    typeof frequency === "number" && frequency >= 0 && frequency < Infinity &&
    typeof monetary === "number" && monetary - monetary === 0 &&
    (typeof id === "number" ? id - id === 0 : typeof id === "string" && id.length > 0)
  );
}

/** Throws the coded error for values that failed {@link rfmValuesValid}; `path` names a field of the row. */
export function rfmValuesFail(fn: string, recency: unknown, frequency: unknown, monetary: unknown, id: unknown, path: (field: string) => string): never {
  if (!(typeof recency === "number" && recency >= 0 && recency < Infinity)) nonNegative(fn, recency, path("recency"));
  if (!(typeof frequency === "number" && frequency >= 0 && frequency < Infinity)) nonNegative(fn, frequency, path("frequency"));
  finiteNumber(fn, monetary, path("monetary"));
  customerIdOf(fn, id, path("customerId"));
  return fail(fn, "INVALID_INPUT", `${path("")} is invalid`, path(""));
}

/** Resolves `method` into one method per dimension. */
export function resolveMethods(fn: string, m: unknown, bins: number): [Resolved, Resolved, Resolved] {
  if (typeof m === "object" && m !== null && !Array.isArray(m) && !("thresholds" in m)) {
    const per = optionsBag(fn, m, DIMS, "options.method");
    return [
      resolveMethod(fn, per.recency, "options.method.recency", bins),
      resolveMethod(fn, per.frequency, "options.method.frequency", bins),
      resolveMethod(fn, per.monetary, "options.method.monetary", bins),
    ];
  }
  const one = resolveMethod(fn, m, "options.method", bins);
  return [one, one, one];
}

/** Scores three validated columns (recency inverted): r, f and m per row. */
export function scoreRfmColumns(
  cols: readonly [Float64Array, Float64Array, Float64Array],
  methods: readonly [Resolved, Resolved, Resolved],
  bins: number,
  ties: TieRule,
  tieOrder: ((a: number, b: number) => number) | null = null,
  numpy = false,
): [Uint8Array, Uint8Array, Uint8Array] {
  const n = cols[0].length;
  const s = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)] as [Uint8Array, Uint8Array, Uint8Array];
  for (let d = 0; d < 3; d++) scoreColumn(cols[d]!, methods[d]!, { bins, invert: d === 0, ties, tieOrder, numpy }, s[d]!);
  return s;
}
