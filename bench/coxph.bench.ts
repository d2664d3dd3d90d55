// fitCoxPh on synthetic data: 100 k customers × 5 covariates with proportional hazards
// (exponential times with rate exp(β·x)/100, exponential censoring); whole-day durations give many ties.
import { fitCoxPh, type CoxRow } from "../src/index.js";
import { bench, rng } from "./lib.js";
import { coxRows } from "./peers/data.js";

const BETA = [0.5, -0.3, 0.2, 0.1, -0.05];

function rows(n: number, seed: number, whole: boolean): CoxRow[] {
  const r = rng(seed);
  const out: CoxRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = [r() < 0.5 ? 1 : 0, r() * 4 - 2, Math.floor(r() * 5), r() * 10, r() * 100];
    let eta = 0;
    for (let j = 0; j < 5; j++) eta += BETA[j]! * x[j]!;
    const t = (-Math.log(1 - r()) / Math.exp(eta)) * 100;
    const c = -Math.log(1 - r()) * 200;
    const d = Math.min(t, c);
    out[i] = { duration: whole ? Math.floor(d) : d, event: t <= c, x1: x[0]!, x2: x[1]!, x3: x[2]!, x4: x[3]!, x5: x[4]! };
  }
  return out;
}

const covariates = ["x1", "x2", "x3", "x4", "x5"];
const cont = rows(100_000, 21, false);
const days = rows(100_000, 22, true);
const fit = fitCoxPh(cont, { covariates });
console.log(`| coefficients ${covariates.map((c) => fit.coefficients[c]!.toFixed(3)).join(", ")} (true ${BETA.join(", ")}), ${fit.iterations} iterations |`);
bench("fitCoxPh: 100 k rows × 5 covariates, continuous times, Efron", () => fitCoxPh(cont, { covariates }));
bench("fitCoxPh: 100 k rows × 5 covariates, whole days, Efron", () => fitCoxPh(days, { covariates }));
bench("fitCoxPh: 100 k rows × 5 covariates, whole days, Breslow", () => fitCoxPh(days, { covariates, ties: "breslow" }));

// 1 M customers × 10 covariates (COX_ROWS to change), whole days; R's coxph on the same data: bench/peers/regression-vs-r.ts
const big = coxRows(Number(process.env.COX_ROWS ?? 1_000_000), 10);
const bigLabel = `${big.rows.length >= 1e6 ? `${big.rows.length / 1e6} M` : `${big.rows.length / 1e3} k`} rows × 10 covariates`;
bench(`fitCoxPh: ${bigLabel}, whole days, Efron`, () => fitCoxPh(big.rows, { covariates: big.covariates }), 2);
