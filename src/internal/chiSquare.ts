// The chi-square upper tail: P(χ²_df > x) = Q(df/2, x/2), the regularised upper incomplete gamma function
// (gammaQ in special.ts: its power series below x = a + 1, Legendre's continued fraction above).
import { gammaQ } from "./special.js";

/**
 * P(χ²_df > x), the upper tail of the chi-square distribution with `df` > 0 degrees of freedom; 1 for
 * x ≤ 0. Relative accuracy ~1e-14 where the result is not tiny; it underflows to 0 only past ~1e-308.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  return gammaQ(df / 2, x / 2);
}
