/**
 * retention-kit/plot: dependency-free SVG charts of retention results, and plain-text tables for consoles
 * and notebooks. Every chart is `(data, options?) → string`, a standalone, deterministic SVG document.
 *
 * @packageDocumentation
 * @module retention-kit/plot
 */
import type { BasePlotOptions, RampOption } from "./options.js";
export { cohortHeatmap, type CohortHeatmapOptions, type CohortRow, type CohortTable } from "./cohortHeatmap.js";
export { survivalCurve, type SurvivalCurveInput, type SurvivalCurveOptions, type SurvivalGroup } from "./survivalCurve.js";
export { rfmSegmentMap, type RfmScoreInput, type RfmSegmentMapOptions } from "./rfmSegmentMap.js";
export { paretoCurve, type ParetoCurveOptions } from "./paretoCurve.js";
export { holdoutDiagnostic, type HoldoutDiagnosticOptions, type HoldoutDiagnosticRow } from "./holdoutDiagnostic.js";
export { rocCurve, type RocCurveOptions, type RocInputRow } from "./rocCurve.js";
export { gainsChart, type GainsChartInput, type GainsChartOptions } from "./gainsChart.js";
export { calibrationPlot, type CalibrationPlotInput, type CalibrationPlotOptions } from "./calibrationPlot.js";
export { hazardRatioPlot, type HazardRatioInput, type HazardRatioPlotOptions } from "./hazardRatioPlot.js";
export { cumulativeHazardCurve, type CumulativeHazardCurveOptions, type CumulativeHazardInput } from "./cumulativeHazardCurve.js";
export { trackingChart, type TrackingChartOptions, type TrackingChartRow } from "./trackingChart.js";
export {
  periodTransactionsChart,
  type PeriodTransactionsChartBin,
  type PeriodTransactionsChartInput,
  type PeriodTransactionsChartOptions,
} from "./periodTransactionsChart.js";
export { frequencyRecencyHeatmap, type FrequencyRecencyHeatmapInput, type FrequencyRecencyHeatmapOptions } from "./frequencyRecencyHeatmap.js";
export { membershipLevelChart, type MembershipLevelChartInput, type MembershipLevelChartOptions } from "./membershipLevelChart.js";
export { holdoutAccuracyChart, type HoldoutAccuracyChartInput, type HoldoutAccuracyChartOptions } from "./holdoutAccuracyChart.js";
export { formatTable, type FormatTableOptions } from "./formatTable.js";
export { displaySvg, JUPYTER_DISPLAY, type SvgDisplay } from "./displaySvg.js";
export { RAMPS, type BasePlotOptions, type RampOption } from "./options.js";
