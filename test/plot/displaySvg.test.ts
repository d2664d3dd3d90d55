import { describe, expect, it } from "vitest";
import { displaySvg, JUPYTER_DISPLAY, paretoCurve } from "../../src/plot/index.js";
import { expectCode } from "./helpers.js";

describe("displaySvg", () => {
  it("gives Deno's Jupyter kernel an image/svg+xml bundle under Symbol.for(\"Jupyter.display\")", () => {
    const svg = paretoCurve([5, 3, 1]);
    const shown = displaySvg(svg) as unknown as Record<symbol, () => unknown>;
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
    expect(shown[Symbol.for("Jupyter.display")]!()).toEqual({ "image/svg+xml": svg });
  });

  it("keeps the SVG text reachable as .svg and through string conversion", () => {
    const shown = displaySvg("<svg/>");
    expect(shown.svg).toBe("<svg/>");
    expect(`${shown}`).toBe("<svg/>");
  });

  it("refuses anything but a string", () => {
    expectCode(() => displaySvg(42 as never), "INVALID_TYPE", "svg");
  });
});
