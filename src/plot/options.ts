/**
 * The built-in colour ramps: sequential, with lightness changing monotonically from one end to the other,
 * so charts stay readable in greyscale print and for colour-blind readers. `blues` runs from near-white to
 * dark blue (more = darker); `viridis` from dark purple to yellow (more = lighter) — the perceptually uniform
 * ramp of van der Walt & Smith (matplotlib), sampled at ten points. Colours between the stops are
 * interpolated linearly in RGB.
 *
 * @category Plot
 * @example
 * ```ts
 * RAMPS.blues.length;
 * // => 7
 * ```
 */
export const RAMPS: {
  /** Near-white to dark blue. */
  readonly blues: readonly string[];
  /** Dark purple through teal and green to yellow. */
  readonly viridis: readonly string[];
} = Object.freeze({
  blues: Object.freeze(["#f4f8fc", "#cfe1f2", "#9ac5e3", "#5c9fd1", "#2f78b7", "#15508f", "#08306b"]),
  viridis: Object.freeze(["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"]),
});

/**
 * A colour ramp option: the name of a built-in ramp in {@link RAMPS}, or two or more hex colours
 * (`"#rgb"` or `"#rrggbb"`) from the low end to the high end.
 *
 * @category Plot
 * @example
 * ```ts
 * const ramp: RampOption = ["#ffffff", "#7a0177"];
 * ```
 */
export type RampOption = "blues" | "viridis" | readonly string[];

/**
 * Options every chart of `retention-kit/plot` accepts; each chart's own options interface extends it.
 * Sizes are in px and become the SVG's `width`, `height` and `viewBox`, so the chart scales cleanly when
 * its container sets another size.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: BasePlotOptions = { width: 800, height: 450, title: "Retention by signup month", fontSize: 13 };
 * ```
 */
export interface BasePlotOptions {
  /** Width of the drawing in px (also the `viewBox` width), 50..20000. Default depends on the chart. */
  width?: number;
  /** Height of the drawing in px (also the `viewBox` height), 50..20000. Default depends on the chart. */
  height?: number;
  /** Title drawn at the top and used as the accessible name (`<title>`); `""` draws none (the `<title>` then keeps the default). Default depends on the chart. */
  title?: string;
  /** Accessible description (`<desc>`). Default: a one- or two-sentence summary generated from the data. */
  description?: string;
  /** CSS font-family list for all text. Default `"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"`. */
  fontFamily?: string;
  /** Base font size in px (tick labels; the title is 1.35× larger), 6..72. Default 12. */
  fontSize?: number;
  /** Background fill: a hex colour, or `"none"` for transparent. Default `"#ffffff"`. */
  background?: string;
  /**
   * Prefix of the element ids inside the SVG (title, description, patterns, gradients), so several charts
   * can be inlined in one HTML page without clashing. Letters, digits, `-` and `_`, starting with a letter.
   * Default: the chart's name, e.g. `"rk-cohort-heatmap"`.
   */
  idPrefix?: string;
}
