// The library's shared defaults, in one place so that every function agrees on them.
import type { FixedUnit } from "./time.js";

/**
 * The time unit of summaries and of the models fitted on them when none is given: weeks, the unit of the
 * buy-till-you-die literature (Fader, Hardie & Lee's CDNOW estimates r = 0.243, α = 4.414 are per week),
 * of R's BTYD and CLVTools, and of the engine; a model written down from a paper then fits the default
 * summaries as they are.
 */
export const DEFAULT_UNIT: FixedUnit = "week";

/**
 * The discount rate per month of CLV sums when none is given: 1 %, lifetimes' `discount_rate` default
 * (about 12.7 % a year).
 */
export const DEFAULT_DISCOUNT_RATE = 0.01;
