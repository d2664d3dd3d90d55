// Public exports of the nps domain.
export { nps, type NpsCounts, type NpsOptions, type NpsResult } from "./nps.js";
export { npsCategory, type NpsCategory } from "./npsCategory.js";
export { npsDifference, type NpsDifferenceOptions, type NpsDifferenceResult } from "./npsDifference.js";
export { npsByPeriod, type DatedNpsResponse, type NpsByPeriodOptions, type NpsPeriod, type NpsPeriodRow } from "./npsByPeriod.js";
export { csat, type CsatOptions, type CsatResult } from "./csat.js";
export { satisfactionClass, type SatisfactionClassOptions, type SatisfactionLevel } from "./satisfactionClass.js";
