import { describe, expect, it } from "vitest";
import { thrown } from "./helpers.js";
import { countRfmSegments, DEFAULT_RFM_SEGMENTS, rfmScores, rfmSegment, type RfmSegmentMap } from "../../src/index.js";


const cells: [number, number, number][] = [];
for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) cells.push([r, f, m]);

describe("DEFAULT_RFM_SEGMENTS", () => {
  it("lists the eleven named segments", () => {
    expect(DEFAULT_RFM_SEGMENTS.segments.map((s) => s.name)).toEqual([
      "Champions",
      "Loyal Customers",
      "Potential Loyalist",
      "New Customers",
      "Promising",
      "Need Attention",
      "About To Sleep",
      "At Risk",
      "Can't Lose Them",
      "Hibernating",
      "Lost",
    ]);
  });

  it("puts each of the 125 cells in exactly one box of exactly one segment", () => {
    for (const [r, f, m] of cells) {
      const hits = DEFAULT_RFM_SEGMENTS.segments.flatMap((s) =>
        s.boxes.filter((b) => r >= b.r[0] && r <= b.r[1] && f >= b.f[0] && f <= b.f[1] && m >= b.m[0] && m <= b.m[1]).map(() => s.name),
      );
      expect(hits, `cell ${r}${f}${m}`).toHaveLength(1);
    }
  });

  it("uses every segment for at least one cell", () => {
    const used = new Set(cells.map(([r, f, m]) => rfmSegment({ r, f, m })));
    expect(used.size).toBe(11);
    expect(used.has("Other")).toBe(false);
  });
});

describe("rfmSegment", () => {
  it("names the corners and the middle of the grid", () => {
    expect(rfmSegment({ r: 5, f: 5, m: 5 })).toBe("Champions");
    expect(rfmSegment({ r: 5, f: 5, m: 2 })).toBe("Loyal Customers");
    expect(rfmSegment({ r: 5, f: 1, m: 1 })).toBe("New Customers");
    expect(rfmSegment({ r: 4, f: 1, m: 5 })).toBe("Promising");
    expect(rfmSegment({ r: 3, f: 3, m: 3 })).toBe("Need Attention");
    expect(rfmSegment({ r: 1, f: 5, m: 5 })).toBe("Can't Lose Them");
    expect(rfmSegment({ r: 2, f: 4, m: 2 })).toBe("At Risk");
    expect(rfmSegment({ r: 2, f: 1, m: 1 })).toBe("Hibernating");
    expect(rfmSegment({ r: 1, f: 1, m: 1 })).toBe("Lost");
  });

  it("accepts a code", () => {
    expect(rfmSegment("555")).toBe("Champions");
    expect(rfmSegment("10-1-1", DEFAULT_RFM_SEGMENTS, { bins: 10 })).toBe("New Customers");
    const e = thrown(() => rfmSegment("55"));
    expect([e.code, e.path]).toEqual(["INVALID_INPUT", "score"]);
    expect(thrown(() => rfmSegment("655")).path).toBe("score.r");
  });

  it("accepts a whole rfmScores row", () => {
    const [row] = rfmScores([{ customerId: 1, recency: 1, frequency: 1, monetary: 1 }], { ties: "high" });
    expect(rfmSegment(row!)).toBe("Champions");
  });

  it("rescales scores from another scale by the bin centre", () => {
    // 1..10 → 1..5: 10 → 5, 7 → 4, 2 → 1
    expect(rfmSegment({ r: 10, f: 7, m: 9 }, DEFAULT_RFM_SEGMENTS, { bins: 10 })).toBe("Champions");
    expect(rfmSegment({ r: 2, f: 2, m: 2 }, DEFAULT_RFM_SEGMENTS, { bins: 10 })).toBe("Lost");
    // 1..3 → 1..5: 1 → 1, 2 → 3, 3 → 5
    expect(rfmSegment({ r: 2, f: 2, m: 2 }, DEFAULT_RFM_SEGMENTS, { bins: 3 })).toBe("Need Attention");
  });

  it("uses a custom map in order, with a fallback for uncovered cells", () => {
    const map: RfmSegmentMap = { bins: 3, segments: [{ name: "Best", boxes: [{ r: [3, 3], f: [2, 3], m: [1, 3] }] }, { name: "Also best", boxes: [{ r: [3, 3], f: [1, 3], m: [1, 3] }] }] };
    expect(rfmSegment({ r: 3, f: 3, m: 1 }, map)).toBe("Best");
    expect(rfmSegment({ r: 3, f: 1, m: 1 }, map)).toBe("Also best");
    expect(rfmSegment({ r: 1, f: 1, m: 1 }, map)).toBe("Other");
    expect(rfmSegment({ r: 1, f: 1, m: 1 }, map, { fallback: "Unclassified" })).toBe("Unclassified");
  });

  it("refuses scores off the scale and malformed maps with a code and a path", () => {
    let e = thrown(() => rfmSegment({ r: 6, f: 1, m: 1 }));
    expect([e.code, e.path]).toEqual(["OUT_OF_RANGE", "score.r"]);
    expect(e.message).toMatch(/^rfmSegment: /);
    e = thrown(() => rfmSegment({ r: 1, f: 2.5, m: 1 }));
    expect([e.code, e.path]).toEqual(["NOT_INTEGER", "score.f"]);
    e = thrown(() => rfmSegment({ r: 1, f: 1, m: Number.NaN }));
    expect([e.code, e.path]).toEqual(["INVALID_NUMBER", "score.m"]);
    e = thrown(() => rfmSegment({ r: 1, f: 1, m: 1 }, { bins: 5, segments: [{ name: "X", boxes: [{ r: [3, 2], f: [1, 5], m: [1, 5] }] }] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "segments.segments[0].boxes[0].r"]);
    e = thrown(() => rfmSegment({ r: 1, f: 1, m: 1 }, { bins: 5, segments: [{ name: "", boxes: [] }] }));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "segments.segments[0].name"]);
  });
});

describe("countRfmSegments", () => {
  it("counts every default segment, empty ones too, with shares adding to 1", () => {
    const scores = cells.map(([r, f, m]) => ({ r, f, m }));
    const counts = countRfmSegments(scores);
    expect(counts).toHaveLength(11);
    expect(counts.reduce((a, c) => a + c.customers, 0)).toBe(125);
    expect(counts.reduce((a, c) => a + (c.share ?? 0), 0)).toBeCloseTo(1, 12);
    expect(counts.find((c) => c.segment === "Champions")!.customers).toBe(4);
  });

  it("gives null shares for no customers and names the failing row", () => {
    expect(countRfmSegments([]).every((c) => c.customers === 0 && c.share === null)).toBe(true);
    const e = thrown(() => countRfmSegments([{ r: 1, f: 1, m: 1 }, { r: 0, f: 1, m: 1 }]));
    expect([e.code, e.path]).toEqual(["OUT_OF_RANGE", "scores[1].r"]);
  });

  it("does not mutate its input", () => {
    const scores = Object.freeze([Object.freeze({ r: 1, f: 2, m: 3 })]);
    expect(() => countRfmSegments(scores)).not.toThrow();
  });
});
