import { fail, numericStringHint, show } from "../internal/validate.js";
import { isNpsAnswer } from "../internal/nps.js";

/**
 * The NPS category of an answer: `"promoter"` (9–10), `"passive"` (7–8) or `"detractor"` (0–6).
 *
 * @category NPS
 * @example
 * ```ts
 * const c: NpsCategory = "promoter";
 * ```
 */
export type NpsCategory = "promoter" | "passive" | "detractor";

/**
 * Classifies one answer to the likelihood-to-recommend question (0..10) as Reichheld (2003) defines the
 * Net Promoter Score: 9–10 promoter, 7–8 passive, 0–6 detractor.
 *
 * @param answer - a whole number 0..10
 * @returns the answer's category
 * @throws RetentionKitError `INVALID_ANSWER` (path `answer`) for anything but a whole number 0..10
 * @category NPS
 * @example
 * ```ts
 * [npsCategory(10), npsCategory(7), npsCategory(6)];
 * // => ["promoter", "passive", "detractor"]
 * ```
 */
export function npsCategory(answer: number): NpsCategory {
  if (!isNpsAnswer(answer)) fail("npsCategory", "INVALID_ANSWER", `answer must be a whole number 0..10, got ${show(answer)}${numericStringHint(answer)}`, "answer");
  return answer >= 9 ? "promoter" : answer >= 7 ? "passive" : "detractor";
}
