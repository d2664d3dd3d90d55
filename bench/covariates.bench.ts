// Buy-till-you-die fits with covariates: Pareto/NBD and BG/NBD on the 2,000 customers of the CLVTools
// reference set (test/fixtures/covariates; R CLVTools 0.12.1 needs ~19 s for the Pareto/NBD fit here), and
// Pareto/NBD on 1 M simulated customers with 5 covariates on both processes (10 coefficients).
// COVARIATE_BENCH_CUSTOMERS overrides the size of the large case.
import { fitBgNbd, fitParetoNbd } from "../src/index.js";
import { covariateCustomers, normalVariate, simulateParetoHistory } from "../test/clv/covariateFixtures.js";
import { bench, rng } from "./lib.js";

const rows = covariateCustomers();
const both = { purchase: ["channel", "age"], attrition: ["channel", "age"] };
bench("fitParetoNbd, 2 covariates × 2 processes: 2,000 customers", () => fitParetoNbd(rows, { covariates: both }), 7);
bench("fitBgNbd, 2 covariates × 2 processes: 2,000 customers", () => fitBgNbd(rows, { covariates: both }), 7);

const FIELDS = ["z1", "z2", "z3", "z4", "z5"] as const;
const GP = [0.4, -0.3, 0.2, 0.1, -0.2];
const GA = [-0.3, 0.3, 0.1, -0.2, 0.2];

/** n Pareto/NBD customers (r = 0.7, α = 9, s = 0.8, β = 14) with five covariates (two 0/1, three normal). */
function simulate(n: number, seed: number): Record<string, number>[] {
  const u = rng(seed);
  const truth = { r: 0.7, alpha: 9, s: 0.8, beta: 14, purchase: GP, attrition: GA };
  const out: Record<string, number>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const z = [u() < 0.4 ? 1 : 0, u() < 0.2 ? 1 : 0, normalVariate(u), normalVariate(u), normalVariate(u)];
    const row: Record<string, number> = simulateParetoHistory(u, z, truth);
    FIELDS.forEach((f, k) => (row[f] = z[k]!));
    out[i] = row;
  }
  return out;
}

const n = Number(process.env["COVARIATE_BENCH_CUSTOMERS"] ?? 1_000_000);
const big = simulate(n, 7);
const five = { purchase: [...FIELDS], attrition: [...FIELDS] };
bench(`fitParetoNbd, 5 covariates × 2 processes: ${n.toLocaleString("en")} customers`, () => fitParetoNbd(big as never, { covariates: five }), 1);
