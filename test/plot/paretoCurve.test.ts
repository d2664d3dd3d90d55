import { describe, expect, it } from "vitest";
import { paretoCurve } from "../../src/plot/index.js";
import { VALUES } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const curve = (svg: string): string => /<path class="curve" d="([^"]*)"/.exec(svg)![1]!;

describe("paretoCurve", () => {
  it("finds the share of customers holding 80% and 95% of value", () => {
    // sorted: 400 400 50 50 25 25 20 15 10 5 (total 1000): the top 2 hold 800, the top 6 hold 950
    const t = texts(paretoCurve(VALUES));
    expect(t).toContain("20.0% of customers → 80% of value");
    expect(t).toContain("60.0% of customers → 95% of value");
    expect(t).toEqual(expect.arrayContaining(["A", "B", "C"]));
  });

  it("puts a cut inside a customer where the drawn curve crosses it", () => {
    // the first customer holds 40%, so 50% is reached a quarter of the way through the second (12.5%)
    expect(texts(paretoCurve(VALUES, { cuts: [0.5] }))).toContain("12.5% of customers → 50% of value");
  });

  it("states the Gini coefficient: 0 for equal values, (n − 1)/n when one customer holds everything", () => {
    expect(paretoCurve([3, 3, 3, 3])).toContain("Gini coefficient 0.000");
    expect(paretoCurve([0, 0, 10, 0])).toContain("Gini coefficient 0.750");
  });

  it("does not depend on the order of the values", () => {
    const shuffled = [...VALUES].reverse();
    expect(paretoCurve(shuffled)).toBe(paretoCurve(VALUES));
  });

  it("resamples long inputs to at most maxPoints plus the cut points", () => {
    const many = Array.from({ length: 50_000 }, (_, i) => (i % 97) + 1);
    const d = curve(paretoCurve(many, { maxPoints: 100 }));
    expect(occurrences(d, "L") + 1).toBeLessThanOrEqual(100 + 2 + 2);
    expect(d.startsWith("M")).toBe(true);
  });

  it("names the value and the classes it is given", () => {
    const t = texts(paretoCurve(VALUES, { valueLabel: "revenue", cuts: [0.8], classLabels: ["Top", "Rest"] }));
    expect(t).toContain("20.0% of customers → 80% of revenue");
    expect(t).toContain("Top");
    expect(t).toContain("Rest");
  });

  it("draws empty input and zero total value as labelled charts", () => {
    expect(texts(paretoCurve([]))).toContain("No customers");
    const zero = paretoCurve([0, 0]);
    expectValidSvg(zero);
    expect(texts(zero)).toContain("Total value is 0");
  });

  it("does not mutate its input", () => {
    const v = deepFreeze([...VALUES]);
    expectValidSvg(paretoCurve(v));
    expect(v).toEqual(VALUES);
  });

  it("rejects negative or non-finite values and bad cuts with codes and paths", () => {
    expectCode(() => paretoCurve([1, 2, -3]), "NEGATIVE_VALUE", "values[2]");
    expectCode(() => paretoCurve([1, Number.NaN]), "INVALID_NUMBER", "values[1]");
    expectCode(() => paretoCurve([1, "2" as never]), "INVALID_TYPE", "values[1]");
    expectCode(() => paretoCurve(VALUES, { cuts: [0.9, 0.8] }), "INVALID_OPTION", "options.cuts[1]");
    expectCode(() => paretoCurve(VALUES, { cuts: [1] }), "INVALID_OPTION", "options.cuts[0]");
    expectCode(() => paretoCurve(VALUES, { classLabels: ["A", "B"] }), "INVALID_OPTION", "options.classLabels");
    expectCode(() => paretoCurve(VALUES, { maxPoints: 2 }), "OUT_OF_RANGE", "options.maxPoints");
  });
});
