// Columns large enough for the one-pass bracketed selection (≥ 65 536 values), including orders that
// defeat its strided sample, so both it and its fallback are checked against a full sort.
import { describe, expect, it } from "vitest";
import { rfmScores } from "../../src/index.js";
import { oracleScores } from "./helpers.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const N = 70_001;

function adversarial(): number[] {
  const xs = Array.from({ length: N }, (_, i) => ((i * 7919) % 1000) + 0.25);
  for (let j = 0; j < 8192; j++) xs[Math.floor((j * N) / 8192)] = 500.5;
  return xs;
}
const r = lcg(11);
const columns: [string, number[]][] = [
  ["long-tailed spend", Array.from({ length: N }, () => Math.round(-Math.log(1 - r()) * 4000) / 100)],
  ["sorted ascending", Array.from({ length: N }, (_, i) => i / 7)],
  ["sorted descending", Array.from({ length: N }, (_, i) => (N - i) / 3)],
  // one value on the rows an 8192-point strided sample reads, spread values elsewhere: the brackets miss
  ["adversarial to a strided sample", adversarial()],
  ["many ties", Array.from({ length: N }, () => [0.5, 0.5, 0.5, 1.5, 2.5][Math.floor(r() * 5)]!)],
  ["whole numbers (counting path)", Array.from({ length: N }, () => Math.floor(r() * 400))],
];

describe("rfmScores on large columns", () => {
  it.each(columns)("scores a %s column as a full sort would, for 5 and 7 bins, and in equal-sized rank bins", (_name, xs) => {
    const rows = xs.map((x, i) => ({ customerId: i, recency: 0, frequency: 0, monetary: x }));
    for (const bins of [5, 7]) expect(rfmScores(rows, { bins }).map((s) => s.m)).toEqual(oracleScores(xs, bins));
    for (const rankTies of ["input", "customerId"] as const) {
      const rank = rfmScores(rows, { method: "rank", rankTies }).map((s) => s.m);
      const counts = [1, 2, 3, 4, 5].map((k) => rank.filter((s) => s === k).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });
});
