// Regressions found by the reliability contract: sparse arrays (holes) once slipped past validation.
import { describe, expect, it } from "vitest";
import { countRfmSegments, rfmSegment } from "../../src/index.js";
import { codeOf } from "../contract/check.js";

describe("rfm segments refuse sparse arrays", () => {
  it("refuses a hole among the scores instead of counting one customer fewer than the shares assume", () => {
    expect(codeOf(() => countRfmSegments([{ r: 5, f: 5, m: 5 }, , { r: 1, f: 1, m: 1 }] as never))).toBe("INVALID_TYPE scores[1]");
  });

  it("refuses a hole among the segments or boxes of a custom map instead of throwing a TypeError", () => {
    const box = { r: [1, 3], f: [1, 3], m: [1, 3] } as const;
    expect(codeOf(() => rfmSegment("111", { bins: 3, segments: [, { name: "All", boxes: [box] }] } as never))).toBe("INVALID_TYPE segments.segments[0]");
    expect(codeOf(() => rfmSegment("111", { bins: 3, segments: [{ name: "All", boxes: [, box] }] } as never))).toBe("INVALID_TYPE segments.segments[0].boxes[0]");
  });
});
