import { describe, expect, it } from "vitest";
import { membershipLevels } from "../../src/index.js";
import { membershipLevelChart } from "../../src/plot/index.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const DATA = deepFreeze({
  levels: ["Silver", "Gold"],
  counts: [
    { periodStart: Date.UTC(2024, 1, 1), counts: [3, 2], none: 3 },
    { periodStart: Date.UTC(2024, 0, 1), counts: [4, 1], none: 2 },
    { periodStart: Date.UTC(2024, 2, 1), counts: [0, 0], none: 1 },
  ],
});

const heights = (svg: string, fill: string): number[] => [...svg.matchAll(new RegExp(`<rect x="[\\d.]+" y="[\\d.]+" width="[\\d.]+" height="([\\d.]+)" fill="${fill}">`, "g"))].map((m) => Number(m[1]));

describe("membershipLevelChart", () => {
  it("stacks one bar per period, by period, lowest level at the bottom", () => {
    const svg = membershipLevelChart(DATA, { colors: ["#aaaaaa", "#d4a017"] });
    expectValidSvg(svg);
    // Two non-empty bars with two segments each (the March bar is empty).
    expect(occurrences(svg, "<title>2024-")).toBe(4);
    expect(texts(svg)).toEqual(expect.arrayContaining(["2024-01", "2024-02", "2024-03", "Silver", "Gold", "Members"]));
    // Heights are proportional to the counts: Silver 4 (Jan), 3 (Feb); Gold 1, 2.
    const s = heights(svg, "#aaaaaa");
    const g = heights(svg, "#d4a017");
    expect(s[0]! / g[0]!).toBeCloseTo(4, 6);
    expect(s[1]! / g[1]!).toBeCloseTo(1.5, 6);
    expect(svg).toContain("In the last period: Silver 0, Gold 0.");
    expect(svg.indexOf("2024-01 Silver: 4")).toBeLessThan(svg.indexOf("2024-02 Silver: 3"));
  });

  it("stacks the customers without a level when asked", () => {
    const svg = membershipLevelChart(DATA, { showNone: true });
    expect(texts(svg)).toContain("No level");
    expect(svg).toContain("2024-03 No level: 1");
  });

  it("draws a membershipLevels result as it is", () => {
    const r = membershipLevels(
      [{ customerId: 1, at: "2024-01-10", amount: 3000 }, { customerId: 2, at: "2024-02-10", amount: 6000 }],
      [{ name: "Silver", minSpend: 1000, windowMonths: 12 }, { name: "Gold", minSpend: 5000, windowMonths: 12 }],
      { asOf: "2024-03-31" },
    );
    const svg = membershipLevelChart(r);
    expectValidSvg(svg);
    expect(svg).toContain("In the last period: Silver 1, Gold 1.");
  });

  it("refuses counts that do not match the levels, repeated periods and bad options", () => {
    expectCode(() => membershipLevelChart({ levels: ["A"], counts: [{ periodStart: 0, counts: [1, 2], none: 0 }] }), "INVALID_INPUT", "data.counts[0].counts");
    expectCode(() => membershipLevelChart({ levels: ["A"], counts: [{ periodStart: 0, counts: [-1], none: 0 }] }), "NEGATIVE_VALUE", "data.counts[0].counts[0]");
    expectCode(() => membershipLevelChart({ levels: ["A"], counts: [{ periodStart: 0, counts: [1], none: 0 }, { periodStart: 0, counts: [2], none: 0 }] }), "DUPLICATE_ID", "data.counts");
    expectCode(() => membershipLevelChart(DATA, { colors: ["#000000"] }), "INVALID_OPTION", "options.colors");
    expectCode(() => membershipLevelChart(DATA, { showNon: true } as never), "UNKNOWN_OPTION", "options.showNon");
  });
});
