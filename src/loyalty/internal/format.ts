// Numbers in reason texts: grouped thousands, at most two decimals ("3,200", "1,234.5"), the same in every
// runtime (no locale).

/** `x` with thousands separated by commas and at most two decimals; exponent form beyond 1e21. */
export function formatAmount(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const sign = x < 0 ? "-" : "";
  const a = Math.abs(x);
  if (a >= 1e21) return sign + a.toPrecision(4);
  const [whole, frac] = (Math.round(a * 100) / 100).toFixed(2).split(".") as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const tail = frac.replace(/0+$/, "");
  return sign + grouped + (tail === "" ? "" : `.${tail}`);
}
