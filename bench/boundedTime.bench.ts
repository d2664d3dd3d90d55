// Inputs that once took seconds per call (and stalled the contract test while fast-check shrank them): the
// hypergeometric series near z = 1 now hand over to quadrature after a few thousand terms.
// Before (same machine): Pareto/NBD 40 customers × 7300 days 2.1 s; the contract counterexample 2.2 s;
// BG/NBD CLV over 240 periods with α = 0.01 4.1 s; DERL at d = 1e-9 null after 1e8 terms (~2 s).
import { customerLifetimeValue, discountedResidualLifetime, fitParetoNbd } from "../src/index.js";
import { bench, rng } from "./lib.js";

const rand = rng(1);
const twentyYears = Array.from({ length: 40 }, () => {
  const x = Math.floor(rand() * 12) * (rand() < 0.4 ? 0 : 1);
  return { frequency: x, recency: x === 0 ? 0 : Math.round(rand() * 7300), T: 7300 };
});
bench("fitParetoNbd: 40 customers, T = 7300 days (s, β run off)", () => fitParetoNbd(twentyYears), 5);

const contract = [
  { frequency: 2, recency: 0, T: 1.3570665889149238e-274 }, { frequency: 24, recency: 0, T: 8.747346638007103e-293 },
  { frequency: 41, recency: 2.7368467473728717e-307, T: 0.40262903498032415 }, { frequency: 49, recency: 5.19354807578586e-181, T: 2.278687716233229e-46 },
  { frequency: 18, recency: 2.0847439979375156e-297, T: 3.284086681095586e-150 }, { frequency: 2, recency: 0, T: 4.3590074671396253e-75 },
  { frequency: 1, recency: 0, T: 4.4e-323 }, { frequency: 60, recency: 199.99999999999937, T: 199.99999999999952 },
  { frequency: 60, recency: 1.6226349884862195e-281, T: 2.189252924330802e-42 }, { frequency: 15, recency: 0, T: 2.5e-323 },
];
bench("fitParetoNbd: contract counterexample (α runs off to 0)", () => fitParetoNbd(contract), 5);

const bg = { model: "bg-nbd", params: { r: 0.24, alpha: 0.01, a: 20, b: 0.3 } } as const;
bench("customerLifetimeValue: BG/NBD α = 0.01, 240 monthly periods", () => customerLifetimeValue(bg, 10, [{ frequency: 20, recency: 1e-300, T: 1e-200 }], { horizon: 240, unit: "day" }), 5);

bench("discountedResidualLifetime: d = 1e-9, α = 1.01", () => discountedResidualLifetime({ model: "sbg", params: { alpha: 1.01, beta: 2 } }, { renewals: 3, discountRate: 1e-9 }), 5);
