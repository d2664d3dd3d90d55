// Seeded simulators of customer bases from known BG/NBD and Pareto/NBD parameters, for the coverage tests.
// Built on the library's seeded generator (src/internal/random.ts): gamma deviates by Marsaglia & Tsang
// (2000), with the U^(1/shape) boost below shape 1; beta as a ratio of gammas.
import { createRandom, type Random } from "../../src/internal/random.js";
import type { BgNbdParams, ParetoNbdParams } from "../../src/index.js";

/** A Gamma(shape, rate) deviate. */
export function gammaDeviate(rng: Random, shape: number, rate: number): number {
  if (shape < 1) return gammaDeviate(rng, shape + 1, rate) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    if (Math.log(rng.uniform()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** A Beta(a, b) deviate. */
export function betaDeviate(rng: Random, a: number, b: number): number {
  const x = gammaDeviate(rng, a, 1);
  return x / (x + gammaDeviate(rng, b, 1));
}

/** An Exponential(rate) deviate. */
function exponential(rng: Random, rate: number): number {
  return -Math.log(rng.uniform()) / rate;
}

export interface SimulatedCustomer {
  frequency: number;
  recency: number;
  T: number;
}

/**
 * `customers` BG/NBD customers (Fader, Hardie & Lee 2005): λ ~ Gamma(r, α) (α a rate), p ~ Beta(a, b);
 * purchases at rate λ from time 0, and after each repeat purchase the customer drops out with chance p;
 * observed for T = `Ts[i % Ts.length]`.
 */
export function simulateBgNbd(params: BgNbdParams, customers: number, Ts: readonly number[], seed: number): SimulatedCustomer[] {
  const rng = createRandom(seed);
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < customers; i++) {
    const T = Ts[i % Ts.length]!;
    const lambda = gammaDeviate(rng, params.r, params.alpha);
    const p = betaDeviate(rng, params.a, params.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(rng, lambda);
      if (t > T) break;
      x++;
      tx = t;
      if (rng.uniform() < p) break;
    }
    out.push({ frequency: x, recency: tx, T });
  }
  return out;
}

/**
 * `customers` Pareto/NBD customers (Schmittlein, Morrison & Colombo 1987): λ ~ Gamma(r, α), μ ~ Gamma(s, β);
 * purchases at rate λ until an exponential lifetime of rate μ ends, observed for T = `Ts[i % Ts.length]`.
 */
export function simulateParetoNbd(params: ParetoNbdParams, customers: number, Ts: readonly number[], seed: number): SimulatedCustomer[] {
  const rng = createRandom(seed);
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < customers; i++) {
    const T = Ts[i % Ts.length]!;
    const lambda = gammaDeviate(rng, params.r, params.alpha);
    const end = Math.min(T, exponential(rng, gammaDeviate(rng, params.s, params.beta)));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(rng, lambda);
      if (t > end) break;
      x++;
      tx = t;
    }
    out.push({ frequency: x, recency: tx, T });
  }
  return out;
}
