import { RetentionKitError } from "../../src/index.js";

/** Runs `f`, which must throw a RetentionKitError, and returns its `[code, path]`. */
export function codeAndPath(f: () => unknown): [string, string | null] {
  try {
    f();
  } catch (e) {
    if (e instanceof RetentionKitError) return [e.code, e.path];
    throw e;
  }
  throw new Error("expected a RetentionKitError, but nothing was thrown");
}
