// Inputs that once took seconds per call (and stalled the contract test while fast-check shrank them): the
// hypergeometric series near z = 1 now hand over to quadrature after a few thousand terms.
// Before (same machine): Pareto/NBD 40 customers × 7300 days 2.1 s; the contract counterexample 2.2 s;
// BG/NBD CLV over 240 periods with α = 0.01 4.1 s; DERL at d = 1e-9 null after 1e8 terms (~2 s).
import { customerLifetimeValue, discountedResidualLifetime, fitBgBb, fitParetoNbd } from "../src/index.js";
import { AT_THE_MAXIMA, bgBbHistories, PARETO_CONTRACT_ROWS, twentyYearsInDays } from "../test/clv/boundedTimeCases.js";
import * as lib from "../src/index.js";
import { bench } from "./lib.js";

const twentyYears = twentyYearsInDays(1);
bench("fitParetoNbd: 40 customers, T = 7300 days (s, β run off)", () => fitParetoNbd(twentyYears), 5);

bench("fitParetoNbd: contract counterexample (α runs off to 0)", () => fitParetoNbd(PARETO_CONTRACT_ROWS), 5);

const bg = { model: "bg-nbd", params: { r: 0.24, alpha: 0.01, a: 20, b: 0.3 } } as const;
bench("customerLifetimeValue: BG/NBD α = 0.01, 240 monthly periods", () => customerLifetimeValue(bg, 10, [{ frequency: 20, recency: 1e-300, T: 1e-200 }], { horizon: 240, unit: "day" }), 5);

bench("discountedResidualLifetime: d = 1e-9, α = 1.01", () => discountedResidualLifetime({ model: "sbg", params: { alpha: 1.01, beta: 2 } }, { renewals: 3, discountRate: 1e-9 }), 5);

// The likelihood's sum over the opportunities after the last transaction: 62 s before (four ln Γ per term).
const histories = bgBbHistories(100, 100_000, 1);
bench("fitBgBb: 100 customers, n = 100 000 opportunities (MAX_OPPORTUNITIES)", () => fitBgBb(histories), 3);

// The CLV horizon sum: one prediction per period and customer before (30 s for 100 customers at 10 000).
const cdnowLike = twentyYearsInDays(3).map((c) => ({ frequency: c.frequency, recency: c.recency / 7, T: c.T / 7, monetaryValue: 20 }));
bench("customerLifetimeValue: BG/NBD, 40 customers, horizon 10 000 months", () => customerLifetimeValue({ model: "bg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } }, 10, cdnowLike, { horizon: 10_000, unit: "week", discountRate: 0.01 }), 3);

for (const c of AT_THE_MAXIMA) bench(`at the maximum: ${c.name}`, () => c.run(lib), 1);
