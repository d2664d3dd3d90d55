import { fail, show } from "../internal/validate.js";

/**
 * The symbol Deno's Jupyter kernel looks up on a cell's value to render it with a rich MIME type
 * (`Symbol.for("Jupyter.display")`).
 *
 * @category Plot
 * @example
 * ```ts
 * JUPYTER_DISPLAY === Symbol.for("Jupyter.display");
 * // => true
 * ```
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/**
 * An SVG chart wrapped for notebooks: Deno's Jupyter kernel renders it as an image; anywhere else it is a
 * plain object whose `svg` (and `toString()`) is the SVG text.
 *
 * @category Plot
 * @example
 * ```ts
 * const shown: SvgDisplay = displaySvg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
 * shown.svg.length;
 * // => 41
 * ```
 */
export interface SvgDisplay {
  /** The SVG document text, unchanged. */
  readonly svg: string;
  /** The MIME bundle the Jupyter kernel displays: `{ "image/svg+xml": svg }`. */
  [JUPYTER_DISPLAY](): { "image/svg+xml": string };
  /** The SVG text, so the wrapper can still be written to a file or concatenated. */
  toString(): string;
}

/**
 * Wraps an SVG string so that Deno's Jupyter kernel shows it as a picture when it is the value of a cell
 * (the kernel calls the object's `Symbol.for("Jupyter.display")` method and renders the returned
 * `image/svg+xml` bundle). Outside a notebook nothing happens: the object just carries the string. In
 * Node-based notebooks, pass `.svg` to the kernel's own display function instead.
 *
 * @param svg - an SVG document, e.g. from {@link cohortHeatmap}
 * @returns an object with `svg`, `toString()` and the Jupyter display method
 * @throws RetentionKitError `INVALID_TYPE` when `svg` is not a string
 * @category Plot
 * @example
 * ```ts
 * // in a Deno Jupyter notebook cell, the last expression is drawn:
 * displaySvg(paretoCurve([120, 80, 40, 10, 5]));
 * displaySvg("<svg/>")[JUPYTER_DISPLAY]();
 * // => { "image/svg+xml": "<svg/>" }
 * ```
 */
export function displaySvg(svg: string): SvgDisplay {
  if (typeof svg !== "string") {
    fail("displaySvg", "INVALID_TYPE", `svg must be a string, got ${show(svg)}`, "svg");
  }
  return {
    svg,
    [JUPYTER_DISPLAY]: () => ({ "image/svg+xml": svg }),
    toString: () => svg,
  };
}
