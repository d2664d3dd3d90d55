// Shared benchmark helpers: wall time (best of N) and memory, printed as one table row per case.
// Each bench file runs in its own process (see run.ts), so `maxRSS` is that file's peak resident memory.
import { performance } from "node:perf_hooks";

export interface BenchResult {
  name: string;
  ms: number;
  heapMB: number;
  rssMB: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs `fn` `repeats` times and prints the best wall time, heap growth across the run and peak RSS. */
export function bench(name: string, fn: () => unknown, repeats = 3): BenchResult {
  let best = Number.POSITIVE_INFINITY;
  let heapPeak = 0;
  let keep: unknown;
  for (let r = 0; r < repeats; r++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    keep = fn();
    const ms = performance.now() - t0;
    const after = process.memoryUsage().heapUsed;
    heapPeak = Math.max(heapPeak, after - before);
    best = Math.min(best, ms);
  }
  void keep;
  const rssMB = process.resourceUsage().maxRSS / 1024;
  const result = { name, ms: best, heapMB: heapPeak / 2 ** 20, rssMB };
  console.log(`| ${name.padEnd(58)} | ${best.toFixed(1).padStart(9)} ms | heap +${result.heapMB.toFixed(0).padStart(5)} MB | peak RSS ${rssMB.toFixed(0).padStart(5)} MB |`);
  return result;
}

/** Async variant of {@link bench}. */
export async function benchAsync(name: string, fn: () => Promise<unknown>, repeats = 3): Promise<BenchResult> {
  let best = Number.POSITIVE_INFINITY;
  let heapPeak = 0;
  for (let r = 0; r < repeats; r++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - before);
  }
  const rssMB = process.resourceUsage().maxRSS / 1024;
  console.log(`| ${name.padEnd(58)} | ${best.toFixed(1).padStart(9)} ms | heap +${(heapPeak / 2 ** 20).toFixed(0).padStart(5)} MB | peak RSS ${rssMB.toFixed(0).padStart(5)} MB |`);
  return { name, ms: best, heapMB: heapPeak / 2 ** 20, rssMB };
}

/** A small, fast, seeded PRNG (mulberry32), so benchmark data is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Gamma(shape k, scale 1) variate from a uniform source (Marsaglia–Tsang; boosted for k < 1). */
export function gammaVariate(u: () => number, k: number): number {
  if (k < 1) return gammaVariate(u, k + 1) * u() ** (1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box–Muller normal.
      x = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
