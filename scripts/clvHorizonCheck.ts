// Accuracy of customerLifetimeValue past 200 periods (tabulated horizon sums) against the period-by-period
// sum of the same conditional expectations, over random models, customers, discount rates and horizons.
//   npx tsx scripts/clvHorizonCheck.ts [cases]
// Prints the worst relative error of the CLV and of the expected purchases per model.
import { customerLifetimeValue } from "../src/index.js";
import { conditionalExpectedKernel } from "../src/clv/transactionKernels.js";
import type { TransactionModel } from "../src/clv/types.js";
import { rng } from "../bench/lib.js";

const cases = Number(process.argv[2] ?? 300);
const r = rng(2026);
const logUniform = (lo: number, hi: number): number => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r());

function periodByPeriod(model: TransactionModel, x: number, tx: number, T: number, H: number, L: number, d: number): [number, number] {
  let prev = 0;
  let disc = 0;
  let f = 1;
  for (let k = 1; k <= H; k++) {
    f /= 1 + d;
    const e = Math.max(0, conditionalExpectedKernel(model, x, tx, T, k * L));
    disc += Math.max(0, e - prev) * f;
    prev = Math.max(prev, e);
  }
  return [disc, prev];
}

function randomModel(kind: "bg-nbd" | "mbg-nbd" | "pareto-nbd"): TransactionModel {
  if (kind === "pareto-nbd") return { model: kind, params: { r: logUniform(0.05, 5), alpha: logUniform(0.1, 100), s: logUniform(0.05, 5), beta: logUniform(0.1, 100) } };
  return { model: kind, params: { r: logUniform(0.05, 5), alpha: logUniform(0.1, 100), a: logUniform(0.1, 5), b: logUniform(0.1, 20) } };
}

for (const kind of ["bg-nbd", "mbg-nbd", "pareto-nbd"] as const) {
  let worstClv = 0;
  let worstE = 0;
  let where = "";
  const t0 = performance.now();
  for (let c = 0; c < cases; c++) {
    const model = randomModel(kind);
    const T = r() < 0.1 ? 0 : logUniform(0.01, 500);
    const x = T === 0 ? 0 : Math.floor(logUniform(1, 200)) - 1;
    const tx = x === 0 ? 0 : T * r();
    const d = [0, 1e-4, 0.01, 0.1][Math.floor(r() * 4)]!;
    const H = 201 + Math.floor(r() * 3000);
    const L = logUniform(0.5, 30);
    const [row] = customerLifetimeValue(model, 1, [{ frequency: x, recency: tx, T }], { horizon: H, discountRate: d, periodLength: L });
    const [disc, e] = periodByPeriod(model, x, tx, T, H, L, d);
    const relClv = disc === 0 ? Math.abs(row!.clv!) : Math.abs(row!.clv! - disc) / disc;
    const relE = e === 0 ? Math.abs(row!.expectedPurchases) : Math.abs(row!.expectedPurchases - e) / e;
    if (relClv > worstClv) {
      worstClv = relClv;
      where = JSON.stringify({ params: model.params, x, tx, T, H, L, d });
    }
    worstE = Math.max(worstE, relE);
  }
  console.log(`${kind}: ${cases} cases, worst relative error CLV ${worstClv.toExponential(2)}, expected purchases ${worstE.toExponential(2)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`  worst at ${where}`);
}
