// The [0, 1] × [0, 1] plot area shared by the classifier charts (ROC curve, gains chart, calibration plot):
// percentage axes on both sides and the dotted diagonal that a random (or perfectly calibrated) score follows.
import { linear, niceTicks, num, percent, text, type Area, type Frame, titleSpace, xAxis, yAxis } from "./svg.js";

/** Axes, grid and diagonal of a unit-square chart; `x` and `y` map [0, 1] to the plot area. */
export function unitSquare(
  frame: Frame,
  xCaption: string,
  yCaption: string,
  diagonalLabel: string,
): { body: string; area: Area; x: (v: number) => number; y: (v: number) => number } {
  const fs = frame.fontSize;
  const area = { left: fs * 5.2, top: titleSpace(frame) + fs * 1.8 + 6, right: frame.width - 18, bottom: frame.height - fs * 3.8 };
  const x = linear(0, 1, area.left, area.right);
  const y = linear(0, 1, area.bottom, area.top);
  const { ticks } = niceTicks(0, 1, 5);
  let body = yAxis(area, ticks, y, (v) => percent(v, 0), fs, yCaption);
  body += xAxis(area, ticks, x, (v) => percent(v, 0), fs, xCaption);
  body += `<path class="diagonal" d="M${num(x(0))} ${num(y(0))}L${num(x(1))} ${num(y(1))}" fill="none" stroke="#999999" stroke-width="1" stroke-dasharray="2 3"><title>${diagonalLabel}</title></path>\n`;
  return { body, area, x, y };
}

/** A one-entry legend above the plot, right-aligned: a solid line with a circle, then `label`. */
export function lineLegend(frame: Frame, area: Area, color: string, label: string): string {
  const fs = frame.fontSize;
  const ly = titleSpace(frame) + fs * 0.6;
  const lx = area.right - (30 + label.length * fs * 0.6);
  return (
    `<g class="legend" font-size="${num(fs)}" fill="#1a1a1a">\n` +
    `<path d="M${num(lx)} ${num(ly)}h22" stroke="${color}" stroke-width="2"/><circle cx="${num(lx + 11)}" cy="${num(ly)}" r="3" fill="${color}"/>` +
    text(lx + 28, ly + fs * 0.35, label) +
    "\n</g>\n"
  );
}
