import { RetentionKitError } from "../../src/index.js";

/** The RetentionKitError `f` throws (fails the test if it throws nothing or something else). */
export function thrown(f: () => unknown): RetentionKitError {
  try {
    f();
  } catch (e) {
    if (e instanceof RetentionKitError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

/** A deterministic shuffle. */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Quantile scores straight from the definition: type-7 edges (exact positions) from a full sort, then the "middle" tie rule. */
export function oracleScores(xs: readonly number[], bins: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = xs.length;
  const edges = Array.from({ length: bins + 1 }, (_, i) => {
    const k = Math.floor(((n - 1) * i) / bins);
    const g = ((n - 1) * i - k * bins) / bins;
    const a = sorted[k]!;
    if (g === 0) return a;
    const b = sorted[k + 1]!;
    return g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g;
  });
  return xs.map((x) => {
    const L = edges.filter((e) => e < x).length;
    const R = edges.filter((e) => e <= x).length;
    const lo = Math.max(L, 1);
    const hi = Math.max(R - 1, lo);
    return Math.floor((lo + hi) / 2);
  });
}
