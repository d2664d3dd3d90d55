// Public exports of the rfm domain.
export { rfmScores, type RfmInput, type RfmMethod, type RfmScore, type RfmScoreOptions } from "./rfmScores.js";
export { rfmScoreColumns, type RfmInputColumns, type RfmColumnScores, type RfmScoreColumnsOptions, type RfmTypedColumnScores } from "./rfmScoreColumns.js";
export { rfmFromTransactions, type RfmFromTransactionsOptions, type RfmRow } from "./rfmFromTransactions.js";
export {
  countRfmSegments,
  DEFAULT_RFM_SEGMENTS,
  rfmSegment,
  type RfmBox,
  type RfmRange,
  type RfmSegmentCount,
  type RfmSegmentMap,
  type RfmSegmentOptions,
  type RfmSegmentRule,
} from "./rfmSegment.js";
