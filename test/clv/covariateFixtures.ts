// The covariates fixture (test/fixtures/covariates, see its README): 2,000 simulated customers with two
// covariates and R CLVTools 0.12.1's fits. Summaries as CLVTools builds them: calibration the 52 weeks from
// the first transaction in the data (end day included), weekly unit, one transaction per customer-day.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gammaVariate } from "../../bench/lib.js";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const DAY = 86_400_000;

/** One calibration summary per customer with its covariates, in customer-id order. */
export interface CovariateCustomer {
  id: number;
  frequency: number;
  recency: number;
  T: number;
  channel: number;
  age: number;
}

export function covariateCustomers(): CovariateCustomer[] {
  const days = new Map<number, number[]>();
  for (const line of readFileSync(here("../fixtures/covariates/transactions.csv"), "utf8").trim().split("\n").slice(1)) {
    const [id, date] = line.split(",");
    const at = Date.parse(`${date}T00:00:00Z`);
    const list = days.get(Number(id)) ?? [];
    list.push(at);
    days.set(Number(id), list);
  }
  let first = Infinity;
  for (const list of days.values()) for (const d of list) first = Math.min(first, d);
  const end = first + 52 * 7 * DAY;
  const cov = new Map<number, [number, number]>();
  for (const line of readFileSync(here("../fixtures/covariates/covariates.csv"), "utf8").trim().split("\n").slice(1)) {
    const [id, channel, age] = line.split(",").map(Number);
    cov.set(id!, [channel!, age!]);
  }
  const out: CovariateCustomer[] = [];
  for (const id of [...days.keys()].sort((a, b) => a - b)) {
    const list = [...new Set(days.get(id))].sort((a, b) => a - b).filter((d) => d <= end);
    if (list.length === 0) continue;
    const birth = list[0]!;
    const last = list[list.length - 1]!;
    const [channel, age] = cov.get(id)!;
    out.push({ id, frequency: list.length - 1, recency: (last - birth) / (7 * DAY), T: (end - birth) / (7 * DAY), channel, age });
  }
  return out;
}

/** CLVTools' fits (loosely typed, read by key). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function clvtoolsFits(): any {
  return JSON.parse(readFileSync(here("../fixtures/covariates/clvtools-fits.json"), "utf8"));
}

/** True Pareto/NBD parameters and coefficients (one per covariate, CLVTools' parametrisation) to simulate from. */
export interface ParetoTruth {
  r: number;
  alpha: number;
  s: number;
  beta: number;
  purchase: readonly number[];
  attrition: readonly number[];
}

/**
 * One customer's calibration history under the Pareto/NBD with covariates `z`: λ ~ Gamma(r, α·e^(−γ_p·z)),
 * μ ~ Gamma(s, β·e^(−γ_a·z)) (rates), age T uniform on [40, 52] weeks, Poisson purchases until death or T.
 */
export function simulateParetoHistory(u: () => number, z: readonly number[], truth: ParetoTruth): { frequency: number; recency: number; T: number } {
  let ep = 0;
  let ea = 0;
  for (let k = 0; k < z.length; k++) {
    ep += truth.purchase[k]! * z[k]!;
    ea += truth.attrition[k]! * z[k]!;
  }
  const exp1 = (): number => -Math.log(1 - u());
  const lambda = gammaVariate(u, truth.r) / (truth.alpha * Math.exp(-ep));
  const mu = gammaVariate(u, truth.s) / (truth.beta * Math.exp(-ea));
  const T = 40 + 12 * u();
  const end = Math.min(T, exp1() / mu);
  let t = 0;
  let frequency = 0;
  let recency = 0;
  for (;;) {
    t += exp1() / lambda;
    if (t > end) break;
    frequency++;
    recency = t;
  }
  return { frequency, recency, T };
}

/** A standard normal variate (Box–Muller). */
export function normalVariate(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
