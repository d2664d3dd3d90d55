// Reading a labelled snapshot (the argument of fitChurnModel and churnDrivers): every field once, into
// columns in customer-id order, so that any order of the rows gives identical numbers.
import type { CustomerId } from "../../data/time.js";
import { compareIds } from "../../internal/ids.js";
import { array, customerId, fail, finiteNumber, record, show } from "../../internal/validate.js";
import type { ChurnSnapshotDefinition } from "../labelledSnapshot.js";

/** A snapshot read into columns. */
export interface SnapshotColumns {
  featureNames: string[];
  definition: ChurnSnapshotDefinition;
  ids: CustomerId[];
  /** 1 = churned, in id order. */
  y: Uint8Array;
  /** One column per name of `features`, in id order. */
  x: Float64Array[];
  churners: number;
}

/** The definition's fields, checked for shape (strings and a finite number). */
function readDefinition(fn: string, value: unknown): ChurnSnapshotDefinition {
  const d = record(fn, value, "snapshot.definition");
  const text = (k: string, nullable: boolean): string | null => {
    const v = d[k];
    if (typeof v === "string" || (nullable && v === null)) return v;
    return fail(fn, "INVALID_INPUT", `snapshot.definition.${k} must be ${nullable ? "a string or null" : "a string"} (a snapshot from labelledSnapshot), got ${show(v)}`, `snapshot.definition.${k}`);
  };
  const snapshotAt = text("snapshotAt", false)!;
  const start = text("start", true);
  const windowEnd = text("windowEnd", false)!;
  const windowDays = finiteNumber(fn, d.windowDays, "snapshot.definition.windowDays");
  const label = text("label", false)!;
  return { snapshotAt, start, windowEnd, windowDays, label };
}

/**
 * Reads `snapshot` (a {@link LabelledSnapshot}) once, every feature of its `featureNames`. A row missing one
 * is refused, naming it.
 */
export function readSnapshot(fn: string, snapshot: unknown): SnapshotColumns {
  const s = record(fn, snapshot, "snapshot");
  const definition = readDefinition(fn, s.definition);
  const names = array<unknown>(fn, s.featureNames, "snapshot.featureNames").map((v, j) => {
    if (typeof v !== "string" || v.length === 0) fail(fn, "INVALID_INPUT", `snapshot.featureNames[${j}] must be a feature name, got ${show(v)}`, `snapshot.featureNames[${j}]`);
    return v;
  });
  const seenNames = new Set<string>();
  names.forEach((v, j) => {
    if (seenNames.has(v)) fail(fn, "INVALID_INPUT", `snapshot.featureNames[${j}] is ${JSON.stringify(v)}, already listed`, `snapshot.featureNames[${j}]`);
    if (v === "intercept" || v === "__proto__") fail(fn, "INVALID_INPUT", `snapshot.featureNames[${j}] may not be named ${JSON.stringify(v)} (a reserved name: the model's intercept, or an object's prototype): rename the feature`, `snapshot.featureNames[${j}]`);
    seenNames.add(v);
  });
  const features = names;
  const rows = array<unknown>(fn, s.rows, "snapshot.rows");
  const n = rows.length;
  const ids: CustomerId[] = new Array(n);
  const yRaw = new Uint8Array(n);
  const xRaw = features.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const raw = rows[i];
    const r = (typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : record(fn, raw, `snapshot.rows[${i}]`)) as Record<string, unknown>;
    const cid = r.customerId;
    ids[i] = typeof cid === "number" && Number.isFinite(cid) ? cid : typeof cid === "string" && cid.length > 0 ? cid : customerId(fn, cid, `snapshot.rows[${i}].customerId`);
    const fv = r.features;
    const f = (typeof fv === "object" && fv !== null && !Array.isArray(fv) ? fv : record(fn, fv, `snapshot.rows[${i}].features`)) as Record<string, unknown>;
    const churned = r.churned;
    if (typeof churned !== "boolean") fail(fn, "INVALID_TYPE", `snapshot.rows[${i}].churned must be true or false (the label), got ${show(churned)}`, `snapshot.rows[${i}].churned`);
    yRaw[i] = churned ? 1 : 0;
    for (let j = 0; j < features.length; j++) {
      const name = features[j]!;
      // Paths are built only for a refusal (millions of rows).
      const v = Object.prototype.hasOwnProperty.call(f, name) ? f[name] : undefined;
      if (typeof v === "number" && Number.isFinite(v)) {
        xRaw[j]![i] = v === 0 ? 0 : v;
        continue;
      }
      const fp = `snapshot.rows[${i}].features[${JSON.stringify(name)}]`;
      if (!Object.prototype.hasOwnProperty.call(f, name)) {
        fail(fn, "INVALID_TYPE", `${fp} is missing: feature ${JSON.stringify(name)} must be in every row (build the rows with churnFeatures or labelledSnapshot, or leave the feature out of options.features)`, fp);
      }
      finiteNumber(fn, v, fp); // throws
    }
  }
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => compareIds(ids[a]!, ids[b]!));
  for (let k = 1; k < n; k++) {
    if (compareIds(ids[order[k - 1]!]!, ids[order[k]!]!) === 0) {
      const i = Math.max(order[k - 1]!, order[k]!);
      fail(fn, "DUPLICATE_ID", `snapshot.rows[${i}].customerId ${show(ids[i])} appears twice: one row per customer`, `snapshot.rows[${i}].customerId`);
    }
  }
  const y = new Uint8Array(n);
  const x = features.map(() => new Float64Array(n));
  const sortedIds: CustomerId[] = new Array(n);
  let churners = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    sortedIds[k] = ids[i]!;
    y[k] = yRaw[i]!;
    churners += y[k]!;
    for (let j = 0; j < features.length; j++) x[j]![k] = xRaw[j]![i]!;
  }
  return { featureNames: names, definition, ids: sortedIds, y, x, churners };
}

/** Mean and population standard deviation of a column (summed in the column's canonical order). */
export function meanSd(col: Float64Array): { mean: number; sd: number } {
  const n = col.length;
  let big = 0;
  for (let k = 0; k < n; k++) big = Math.max(big, Math.abs(col[k]!));
  const pow = big === 0 ? 1 : 2 ** Math.floor(Math.log2(big));
  let m = 0;
  for (let k = 0; k < n; k++) m += col[k]! / pow;
  m /= n;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = col[k]! / pow - m;
    v += d * d;
  }
  return { mean: m * pow, sd: Math.sqrt(v / n) * pow };
}

/** Whether every value of the column is the same. */
export function isConstant(col: Float64Array): boolean {
  for (let k = 1; k < col.length; k++) if (col[k] !== col[0]) return false;
  return true;
}

/**
 * The indices (into `all.featureNames`) of the features named in `named` (an options array at
 * `options.features`), or of every non-constant feature when `named` is null.
 */
export function selectFeatures(fn: string, all: SnapshotColumns, named: readonly unknown[] | null): number[] {
  if (named === null) return all.featureNames.map((_, j) => j).filter((j) => !isConstant(all.x[j]!));
  const index = new Map(all.featureNames.map((f, j) => [f, j] as const));
  const seen = new Set<number>();
  return named.map((v, j) => {
    const path = `options.features[${j}]`;
    const k = typeof v === "string" ? index.get(v) : undefined;
    if (k === undefined) fail(fn, "INVALID_INPUT", `${path} must be a feature of the snapshot (${all.featureNames.join(", ")}), got ${show(v)}`, path);
    if (seen.has(k)) fail(fn, "INVALID_OPTION", `${path} is ${JSON.stringify(v)}, already listed`, path);
    seen.add(k);
    return k;
  });
}
