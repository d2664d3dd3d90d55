import { describe, expect, it } from "vitest";
import { rfmSegmentMap, type RfmScoreInput } from "../../src/plot/index.js";
import { RFM } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

describe("rfmSegmentMap", () => {
  it("counts customers per recency × frequency cell with their mean monetary score", () => {
    const svg = rfmSegmentMap(RFM);
    expect(svg).toContain("<title>R 1, F 1: 3 customers, mean M 1.33</title>");
    expect(svg).toContain("<title>R 3, F 3: 2 customers, mean M 2.50</title>");
    expect(svg).toContain("<title>R 3, F 2: 1 customer, mean M 3.00</title>");
    expect(svg).toContain("<title>R 2, F 1: 0 customers</title>");
    expect(occurrences(svg, "<title>R ")).toBe(9);
  });

  it("lists segments by size, ties by name, unsegmented rows under their own label", () => {
    const t = texts(rfmSegmentMap(RFM));
    const names = ["At risk", "Champions", "Lost", "Loyal", "Need attention", "(no segment)", "New"];
    const at = names.map((n) => t.indexOf(n));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(t).toContain("2 (16.7%)");
  });

  it("folds the smallest segments into Other beyond maxSegments", () => {
    const t = texts(rfmSegmentMap(RFM, { maxSegments: 3 }));
    expect(t).toContain("Other");
    expect(t).toContain("8 (66.7%)");
    expect(t).not.toContain("Loyal");
  });

  it("draws no segment panel when no row has a segment", () => {
    const plain = RFM.map(({ r, f, m }) => ({ r, f, m }));
    expect(texts(rfmSegmentMap(plain))).not.toContain("Customers by segment");
  });

  it("hatches empty cells as n/a when colouring by mean monetary score", () => {
    const svg = rfmSegmentMap(RFM, { colorBy: "monetary" });
    // the fixture fills 8 of the 9 cells; R 2, F 1 is empty
    const empty = 9 - new Set(RFM.map((x) => `${x.r},${x.f}`)).size;
    expect(occurrences(svg, 'fill="url(#rk-rfm-map-na)" stroke="#ffffff"')).toBe(empty);
    expect(texts(svg)).toContain("Mean M");
  });

  it("infers the number of bins from the scores and accepts more", () => {
    expect(occurrences(rfmSegmentMap(RFM), "<title>R ")).toBe(9);
    expect(occurrences(rfmSegmentMap(RFM, { bins: 5 }), "<title>R ")).toBe(25);
  });

  it("accepts rfmScores rows with their other fields and does not mutate them", () => {
    const rows = deepFreeze(RFM.map((x, i) => ({ ...x, customerId: i, code: `${x.r}${x.f}${x.m}`, total: x.r + x.f + x.m })));
    const before = structuredClone(rows);
    expectValidSvg(rfmSegmentMap(rows));
    expect(rows).toEqual(before);
  });

  it("escapes segment names", () => {
    const svg = rfmSegmentMap([{ r: 1, f: 1, m: 1, segment: "<script>&" }]);
    expectValidSvg(svg);
    expect(texts(svg)).toContain("<script>&");
  });

  it("draws no customers as a labelled empty chart", () => {
    const svg = rfmSegmentMap([]);
    expectValidSvg(svg);
    expect(texts(svg)).toContain("No customers");
  });

  it("rejects scores that are not whole numbers from 1 to bins", () => {
    const with_ = (i: number, patch: Partial<Record<keyof RfmScoreInput, unknown>>): RfmScoreInput[] =>
      RFM.map((x, j) => (j === i ? ({ ...x, ...patch } as RfmScoreInput) : x));
    expectCode(() => rfmSegmentMap(with_(2, { r: 0 })), "OUT_OF_RANGE", "scores[2].r");
    expectCode(() => rfmSegmentMap(with_(3, { f: 2.5 })), "NOT_INTEGER", "scores[3].f");
    expectCode(() => rfmSegmentMap(with_(4, { m: "5" })), "INVALID_TYPE", "scores[4].m");
    expectCode(() => rfmSegmentMap(with_(5, { segment: 7 })), "INVALID_TYPE", "scores[5].segment");
    expectCode(() => rfmSegmentMap(RFM, { bins: 2 }), "OUT_OF_RANGE", "scores[0].r");
    expectCode(() => rfmSegmentMap(RFM, { colorBy: "total" as never }), "INVALID_OPTION", "options.colorBy");
    expectCode(() => rfmSegmentMap({} as never), "INVALID_TYPE", "scores");
  });
});
