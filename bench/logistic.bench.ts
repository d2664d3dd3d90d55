// fitLogisticRegression on synthetic rows (LOGISTIC_ROWS, default 1 M, × 20 features) and evaluateClassifier
// on the fitted probabilities. The same data in R: `glm(y ~ ., family = binomial)` on a data frame of
// LOGISTIC_ROWS × 20 uniform(−1, 1) features with the same coefficients (see the note printed at the end).
import { evaluateClassifier, fitLogisticRegression, predictLogistic } from "../src/index.js";
import { bench, rng } from "./lib.js";

const n = Number(process.env.LOGISTIC_ROWS ?? 1_000_000);
const q = 20;
const features = Array.from({ length: q }, (_, j) => `f${j}`);
const r = rng(11);
const rows = Array.from({ length: n }, () => {
  const row: Record<string, number | boolean> = {};
  let eta = -0.5;
  for (let j = 0; j < q; j++) {
    const x = 2 * r() - 1;
    row[features[j]!] = x;
    eta += ((j % 3) - 1) * 0.4 * x;
  }
  row.churned = r() < 1 / (1 + Math.exp(-eta));
  return row;
});
const label = `${n >= 1e6 ? `${n / 1e6} M` : `${n / 1e3} k`} × ${q}`;
let model = fitLogisticRegression(rows.slice(0, 1000), { outcome: "churned", features });
bench(`fitLogisticRegression: ${label}`, () => (model = fitLogisticRegression(rows, { outcome: "churned", features })), 1);
console.log(`|   ${model.iterations} Newton iterations, converged: ${model.converged}`);
const scored = rows.map((row) => ({ score: predictLogistic(model, row), outcome: row.churned as boolean }));
bench(`evaluateClassifier: ${n >= 1e6 ? `${n / 1e6} M` : `${n / 1e3} k`} scores`, () => evaluateClassifier(scored), 1);
console.log("|   R's glm on the same data: npx tsx bench/peers/regression-vs-r.ts");
console.log(`|   R: n <- ${n}; X <- matrix(runif(n * 20, -1, 1), n); y <- runif(n) < plogis(-0.5 + X %*% rep(c(-0.4, 0, 0.4), length.out = 20)); system.time(glm(y ~ X, family = binomial))`);
