// Prediction intervals for a million customers: the CDNOW BG/NBD fit's parameters with its covariance;
// customers on a day grid (T over 12 weeks of births, recency and frequency as in a year's data), ~9 000
// distinct (frequency, recency, T) patterns, which every evaluation is shared by.
import { predictionIntervals } from "../src/index.js";
import { bench } from "./lib.js";

const bg = {
  model: "bg-nbd", params: { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, unit: "week",
  covariance: { names: ["r", "alpha", "a", "b"], matrix: [
    [0.000158, 0.00371, -0.0000878, 0.0000656], [0.00371, 0.143, -0.00287, 0.0105],
    [-0.0000878, -0.00287, 0.0345, 0.123], [0.0000656, 0.0105, 0.123, 0.498]] },
} as const;
const customers = Array.from({ length: 1_000_000 }, (_, i) => {
  const T = 39 + ((i * 7919) % 84) / 7;
  const frequency = (i * 31) % 10;
  const recency = frequency === 0 ? 0 : T * (((i * 17) % 12) + 1) / 13;
  return { frequency, recency, T, monetaryValue: 20 };
});

bench("predictionIntervals: delta, 1 M customers, P(alive) + expected purchases (39 weeks) + CLV (12 months)", () =>
  predictionIntervals(bg, customers, { method: "delta", horizon: 39, clv: { spendModel: 20, horizon: 12 } }), 2);
bench("predictionIntervals: sampling, 1000 draws, 1 M customers, P(alive) + expected purchases (39 weeks)", () =>
  predictionIntervals(bg, customers, { draws: 1000, seed: 1, horizon: 39 }), 1);
