import { describe, expect, it } from "vitest";
import { holdoutDiagnostic } from "../../src/plot/index.js";
import { HOLDOUT } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const pathOf = (svg: string, cls: string): string => new RegExp(`<path class="${cls}" d="([^"]*)"`).exec(svg)![1]!;

describe("holdoutDiagnostic", () => {
  it("draws actual and predicted lines, breaking the actual line at its unknown value", () => {
    const svg = holdoutDiagnostic(HOLDOUT);
    expect(occurrences(pathOf(svg, "actual"), "M")).toBe(2);
    expect(occurrences(pathOf(svg, "predicted"), "M")).toBe(1);
    expect(occurrences(pathOf(svg, "predicted"), "L")).toBe(HOLDOUT.length - 1);
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it("labels groups by frequency with their customers, the last one open-ended when asked", () => {
    const t = texts(holdoutDiagnostic(HOLDOUT, { lastBinOpen: true }));
    expect(t).toEqual(expect.arrayContaining(["0", "4", "5+", "n=1411", "n=131"]));
    expect(texts(holdoutDiagnostic(HOLDOUT, { showCustomers: false }))).not.toContain("n=1411");
  });

  it("names the model in the legend and reports the largest gap in the description", () => {
    const svg = holdoutDiagnostic(HOLDOUT, { modelLabel: "BG/NBD" });
    expect(texts(svg)).toEqual(expect.arrayContaining(["Actual", "Predicted (BG/NBD)"]));
    expect(svg).toMatch(/The largest gap is at 3 calibration purchases: actual 1\.56, predicted 2\.00\./);
    expect(svg).toMatch(/\(2357 customers in all\)/);
  });

  it("draws grouped bars with n/a where a value is unknown", () => {
    const svg = holdoutDiagnostic(HOLDOUT, { kind: "bars" });
    expect(occurrences(svg, '<rect class="actual"')).toBe(HOLDOUT.length - 1);
    expect(occurrences(svg, '<rect class="predicted"')).toBe(HOLDOUT.length);
    expect(texts(svg)).toContain("n/a");
  });

  it("scales the value axis to a round number above the largest mean", () => {
    const t = texts(holdoutDiagnostic(HOLDOUT));
    expect(t).toContain("4");
    expect(t).not.toContain("5.0");
  });

  it("draws no groups as a labelled empty chart", () => {
    const svg = holdoutDiagnostic([]);
    expectValidSvg(svg);
    expect(texts(svg)).toContain("No groups");
  });

  it("does not mutate its input", () => {
    const rows = deepFreeze(structuredClone(HOLDOUT));
    expectValidSvg(holdoutDiagnostic(rows, { kind: "bars" }));
    expect(rows).toEqual(HOLDOUT);
  });

  it("rejects bad rows and options with codes and paths", () => {
    const at = (i: number, patch: object) => HOLDOUT.map((r, j) => (j === i ? { ...r, ...patch } : r));
    expectCode(() => holdoutDiagnostic(at(1, { actual: -0.5 })), "NEGATIVE_VALUE", "rows[1].actual");
    expectCode(() => holdoutDiagnostic(at(2, { predicted: Number.NaN })), "INVALID_NUMBER", "rows[2].predicted");
    expectCode(() => holdoutDiagnostic(at(0, { customers: 1.5 })), "NOT_INTEGER", "rows[0].customers");
    expectCode(() => holdoutDiagnostic(at(3, { frequency: undefined })), "INVALID_TYPE", "rows[3].frequency");
    expectCode(() => holdoutDiagnostic(HOLDOUT, { kind: "pie" as never }), "INVALID_OPTION", "options.kind");
    expectCode(() => holdoutDiagnostic(HOLDOUT, { colors: { model: "#000" } as never }), "UNKNOWN_OPTION", "options.colors.model");
    expectCode(() => holdoutDiagnostic(HOLDOUT, { colors: { actual: "black" } }), "INVALID_OPTION", "options.colors.actual");
  });
});
