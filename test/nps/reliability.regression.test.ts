// Regressions found by the reliability contract (test/contract).
import { describe, expect, it } from "vitest";
import { nps, npsDifference } from "../../src/index.js";
import { codeOf } from "../contract/check.js";

describe("NPS from counts", () => {
  it("refuses counts beyond 2^53 − 1 instead of a score of −Infinity", () => {
    expect(codeOf(() => nps({ promoters: 5, passives: 2, detractors: 1e308 }))).toBe("OUT_OF_RANGE responses.detractors");
    expect(codeOf(() => npsDifference({ promoters: 1e308, detractors: 1 }, { promoters: 1, detractors: 1 }))).toBe("OUT_OF_RANGE a.promoters");
  });

  it("keeps every quantity finite at 2^53 − 1 answers", () => {
    const r = nps({ promoters: Number.MAX_SAFE_INTEGER, passives: 0, detractors: Number.MAX_SAFE_INTEGER });
    for (const v of Object.values(r)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    expect(r.score).toBe(0);
  });
});
