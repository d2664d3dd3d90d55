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
