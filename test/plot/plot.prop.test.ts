// Properties of every chart: any valid input gives a well-formed, deterministic SVG with no NaN, and any
// corrupted input gives that or a RetentionKitError — never another exception.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateClassifier, frequencyRecencyMatrix, nelsonAalen, RetentionKitError } from "../../src/index.js";
import {
  calibrationPlot,
  cohortHeatmap,
  cumulativeHazardCurve,
  formatTable,
  frequencyRecencyHeatmap,
  gainsChart,
  hazardRatioPlot,
  holdoutAccuracyChart,
  holdoutDiagnostic,
  membershipLevelChart,
  paretoCurve,
  periodTransactionsChart,
  RAMPS,
  rfmSegmentMap,
  rocCurve,
  survivalCurve,
  trackingChart,
  type BasePlotOptions,
  type CohortTable,
  type HoldoutDiagnosticRow,
  type RfmScoreInput,
  type SurvivalCurveInput,
  type TrackingChartRow,
} from "../../src/plot/index.js";
import { luminance, rampColor } from "../../src/plot/internal/svg.js";
import { occurrences } from "./helpers.js";
import { xmlProblems } from "./svgCheck.js";

const RUNS = Number(process.env.PLOT_RUNS ?? 60);
const frac = fc.double({ min: 0, max: 1, noNaN: true });
const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);
/** Any string, including control characters, markup and lone surrogates. */
const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("<b>&amp;</b>", "\u0000\u0007\uD800", "\"'<>&"));

const base: fc.Arbitrary<BasePlotOptions> = fc.record(
  {
    width: fc.double({ min: 50, max: 3000, noNaN: true }),
    height: fc.double({ min: 50, max: 3000, noNaN: true }),
    title: anyText,
    description: anyText,
    fontFamily: anyText,
    fontSize: fc.double({ min: 6, max: 72, noNaN: true }),
    background: fc.oneof(hex, fc.constant("none")),
    idPrefix: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/),
  },
  { requiredKeys: [] },
);

const cohortTable: fc.Arbitrary<CohortTable> = fc.record({
  cohorts: fc.array(
    fc.record({
      start: fc.integer({ min: -8.64e12, max: 8.64e12 }).map((d) => d * 1000),
      size: fc.nat(100_000_000),
      rates: fc.array(fc.option(frac, { nil: null }), { maxLength: 14 }),
    }).chain(({ start, size, rates }) =>
      fc.array(fc.nat(100_000_000), { minLength: rates.length, maxLength: rates.length }).map((counts) => ({ start, size, eligible: counts, counts, rates })),
    ),
    { maxLength: 10 },
  ),
});

const km: fc.Arbitrary<SurvivalCurveInput> = fc
  .uniqueArray(fc.double({ min: -10, max: 1e7, noNaN: true }), { maxLength: 30, comparator: "SameValueZero" })
  .chain((ts) => {
    const times = [...ts].sort((a, b) => a - b);
    const n = times.length;
    const arr = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(a, { minLength: n, maxLength: n });
    return fc.record({
      times: fc.constant(times),
      survival: arr(frac).map((xs) => {
        let s = 1;
        return xs.map((x) => (s *= x ** 0.1)); // non-increasing, as a survival curve is
      }),
      lower: arr(fc.option(frac, { nil: null })),
      upper: arr(fc.option(frac, { nil: null })),
      censored: arr(fc.nat(1000)),
      atRisk: arr(fc.nat(1_000_000)),
      median: fc.option(fc.double({ min: -10, max: 2e7, noNaN: true }), { nil: null }),
    });
  });

const rfm: fc.Arbitrary<RfmScoreInput[]> = fc.array(
  fc.record(
    { r: fc.integer({ min: 1, max: 7 }), f: fc.integer({ min: 1, max: 7 }), m: fc.integer({ min: 1, max: 7 }), segment: fc.option(anyText, { nil: null }) },
    { requiredKeys: ["r", "f", "m"] },
  ),
  { maxLength: 60 },
);

const values = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e15, noNaN: true })), { maxLength: 200 });

const holdout: fc.Arbitrary<HoldoutDiagnosticRow[]> = fc.array(
  fc.record({
    frequency: fc.double({ min: 0, max: 1e6, noNaN: true }),
    customers: fc.nat(10_000_000),
    actual: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null }),
    predicted: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null }),
  }),
  { maxLength: 25 },
);

const count = fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e12, noNaN: true }));
const tracking: fc.Arbitrary<TrackingChartRow[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 40 })
  .chain((periods) =>
    fc.tuple(...periods.map((period) => fc.record({ period: fc.constant(period), calibration: fc.boolean(), actual: count, expected: count, cumulativeActual: count, cumulativeExpected: count }))),
  );

const scored = fc.array(fc.record({ score: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 5 })), outcome: fc.boolean() }), { maxLength: 80 });
const probabilityScored = fc.array(fc.record({ score: fc.oneof(frac, fc.constantFrom(0, 0.5, 1)), outcome: fc.boolean() }), { maxLength: 80 });

const positive = fc.double({ min: 1e-6, max: 1e6, noNaN: true });
const coxModel = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== "__proto__"), { maxLength: 8 }).chain((covariates) =>
  fc.tuple(...covariates.map(() => fc.tuple(positive, positive, positive).map((v) => [...v].sort((a, b) => a - b)))).chain((triples) =>
    fc.record({
      covariates: fc.constant(covariates),
      confidence: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
      lower: fc.constant(Object.fromEntries(covariates.map((k, i) => [k, triples[i]![0]!]))),
      hazardRatios: fc.constant(Object.fromEntries(covariates.map((k, i) => [k, triples[i]![1]!]))),
      upper: fc.constant(Object.fromEntries(covariates.map((k, i) => [k, triples[i]![2]!]))),
    }),
  ),
);
const survivalRows = fc.array(fc.record({ duration: fc.double({ min: 0, max: 1e6, noNaN: true }), event: fc.boolean() }), { maxLength: 60 });

const histogram = fc
  .tuple(fc.array(fc.tuple(count, count), { maxLength: 30 }), fc.option(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: -10, max: 30 }), fc.option(frac, { nil: null })), { nil: undefined }))
  .map(([bins, test]) => ({
    bins: bins.map(([actual, expected], i) => ({ frequency: i, andAbove: i === bins.length - 1, actual, expected })),
    ...(test === undefined ? {} : { chiSquare: test[0], df: test[1], pValue: test[2] }),
  }));
const grid = fc
  .tuple(
    fc.record({ r: fc.double({ min: 0.05, max: 10, noNaN: true }), alpha: fc.double({ min: 0.1, max: 100, noNaN: true }), a: fc.double({ min: 0.05, max: 10, noNaN: true }), b: fc.double({ min: 0.05, max: 10, noNaN: true }) }),
    fc.double({ min: 0, max: 100, noNaN: true }),
    fc.double({ min: 0, max: 100, noNaN: true }),
    fc.integer({ min: 0, max: 25 }),
    fc.double({ min: 0.5, max: 30, noNaN: true }),
    fc.option(fc.constantFrom("day", "week") as fc.Arbitrary<"day" | "week">, { nil: undefined }),
  )
  .map(([params, T, t, maxFrequency, recencyStep, unit]) => frequencyRecencyMatrix(unit === undefined ? { model: "bg-nbd", params } : { model: "bg-nbd", params, unit }, { T, t, maxFrequency, recencyStep }));
const levelCounts = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 }))
  .chain(([k, months]) =>
    fc.record({
      levels: fc.constant(["Bronze", "Silver", "Gold", "<Platinum & co>"].slice(0, k)),
      counts: fc.tuple(...months.map((m) => fc.record({ periodStart: fc.constant(Date.UTC(2020, m, 1)), counts: fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: k, maxLength: k }), none: fc.integer({ min: 0, max: 1e6 }) }))),
    }),
  );

const CHARTS = [
  ["cohortHeatmap", cohortTable, fc.record({ colors: fc.oneof(fc.constantFrom("blues", "viridis"), fc.array(hex, { minLength: 2, maxLength: 5 })), decimals: fc.integer({ min: 0, max: 4 }), cellText: fc.constantFrom("rate", "count", "none") }, { requiredKeys: [] }), cohortHeatmap],
  ["survivalCurve", km, fc.record({ showAtRisk: fc.boolean(), showBand: fc.boolean(), yMin: fc.double({ min: 0, max: 0.99, noNaN: true }), timeLabel: anyText, color: hex }, { requiredKeys: [] }), survivalCurve],
  ["survivalCurve", fc.array(fc.record({ label: anyText, curve: km }), { maxLength: 4 }), fc.record({ showAtRisk: fc.boolean(), showMedian: fc.boolean(), colors: fc.array(hex, { minLength: 1, maxLength: 3 }) }, { requiredKeys: [] }), survivalCurve],
  ["rfmSegmentMap", rfm, fc.record({ colorBy: fc.constantFrom("count", "monetary"), maxSegments: fc.integer({ min: 1, max: 50 }), unsegmentedLabel: anyText }, { requiredKeys: [] }), rfmSegmentMap],
  ["paretoCurve", values, fc.record({ cuts: fc.uniqueArray(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { maxLength: 4 }).map((c) => c.sort((a, b) => a - b)), valueLabel: anyText, maxPoints: fc.integer({ min: 10, max: 1000 }) }, { requiredKeys: [] }), paretoCurve],
  ["holdoutDiagnostic", holdout, fc.record({ kind: fc.constantFrom("lines", "bars"), lastBinOpen: fc.boolean(), modelLabel: anyText }, { requiredKeys: [] }), holdoutDiagnostic],
  ["rocCurve", scored, fc.record({ color: hex, modelLabel: anyText, maxPoints: fc.integer({ min: 10, max: 100 }) }, { requiredKeys: [] }), rocCurve],
  ["gainsChart", scored.map((s) => evaluateClassifier(s)), fc.record({ color: hex, modelLabel: anyText }, { requiredKeys: [] }), gainsChart],
  [
    "holdoutAccuracyChart",
    fc.tuple(scored, scored, scored, scored).map(([a, b, c, d]) => ({ ranking: { expectedPurchases: evaluateClassifier(a), probabilityAlive: evaluateClassifier(b), rate: evaluateClassifier(c), recency: evaluateClassifier(d) } })),
    fc.record({ modelLabel: anyText }, { requiredKeys: [] }),
    holdoutAccuracyChart,
  ],
  ["calibrationPlot", probabilityScored.map((s) => evaluateClassifier(s)), fc.record({ color: hex, modelLabel: anyText }, { requiredKeys: [] }), calibrationPlot],
  ["hazardRatioPlot", coxModel, fc.record({ color: hex }, { requiredKeys: [] }), hazardRatioPlot],
  ["cumulativeHazardCurve", survivalRows.map((r) => nelsonAalen(r)), fc.record({ color: hex, showBand: fc.boolean(), timeLabel: anyText, hazardLabel: anyText }, { requiredKeys: [] }), cumulativeHazardCurve],
  ["membershipLevelChart", levelCounts, fc.record({ showNone: fc.boolean(), valueLabel: anyText }, { requiredKeys: [] }), membershipLevelChart],
  ["trackingChart", tracking, fc.record({ cumulative: fc.boolean(), modelLabel: anyText, periodLabel: anyText, valueLabel: anyText, colors: fc.record({ actual: hex, expected: hex }, { requiredKeys: [] }) }, { requiredKeys: [] }), trackingChart],
  ["periodTransactionsChart", histogram, fc.record({ modelLabel: anyText, frequencyLabel: anyText, valueLabel: anyText, colors: fc.record({ actual: hex, expected: hex }, { requiredKeys: [] }) }, { requiredKeys: [] }), periodTransactionsChart],
  ["frequencyRecencyHeatmap", grid, fc.record({ value: fc.constantFrom("probabilityAlive", "expectedPurchases"), colors: fc.oneof(fc.constantFrom("blues", "viridis"), fc.array(hex, { minLength: 2, maxLength: 5 })), decimals: fc.integer({ min: 0, max: 6 }), showValues: fc.boolean(), recencyLabel: anyText }, { requiredKeys: [] }), frequencyRecencyHeatmap],
] as const;

function checkSvg(svg: unknown): void {
  expect(typeof svg).toBe("string");
  const s = svg as string;
  expect(xmlProblems(s)).toEqual([]);
  expect(s).not.toMatch(/NaN|Infinity|undefined/);
  expect(s).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 [\d.]+ [\d.]+"[^>]* role="img"/);
}

/** Every path into a nested value (object keys and array indices). */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return [prefix];
  const out: (string | number)[][] = [prefix];
  for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return out;
}

/** A deep copy of `v` with the value at `path` replaced. */
function replaceAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = Array.isArray(v) ? [...v] : { ...(v as object) };
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head!] = replaceAt((v as Record<string | number, unknown>)[head!], rest, value);
  return copy;
}

const hostileValue = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, -0, 0.5, 1e308, -1e308, Number.MAX_VALUE, 5e-324, "1", "", null, undefined, true, [], {}, [Number.NaN]),
  fc.anything(),
);

describe.each(CHARTS)("%s properties", (_name, data, opts, render) => {
  const draw = render as (d: unknown, o?: unknown) => string;

  it("turns any valid input and options into a well-formed SVG without NaN, the same on every call", () => {
    fc.assert(
      fc.property(data, base, opts, (d, b, o) => {
        const options = { ...b, ...o };
        const svg = draw(d, options);
        checkSvg(svg);
        expect(draw(structuredClone(d), { ...options })).toBe(svg);
      }),
      { numRuns: RUNS },
    );
  });

  it("answers corrupted input with an SVG or a RetentionKitError, nothing else", () => {
    fc.assert(
      fc.property(data, fc.nat(), hostileValue, fc.boolean(), (d, pick, bad, inOptions) => {
        const target = inOptions ? { width: 400, title: "t" } : d;
        const all = paths(target);
        const broken = replaceAt(target, all[pick % all.length]!, bad);
        try {
          checkSvg(inOptions ? draw(d, broken) : draw(broken));
        } catch (e) {
          if (!(e instanceof RetentionKitError)) throw e;
          expect(e.message.startsWith(`${_name}: `)).toBe(true);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe("chart invariants", () => {
  it("draws one cell per (cohort, period) in the cohort heatmap", () => {
    fc.assert(
      fc.property(cohortTable, (t) => {
        const cells = t.cohorts.reduce((a, c) => a + c.rates.length, 0);
        expect(occurrences(cohortHeatmap(t), ", period ")).toBe(cells);
      }),
      { numRuns: RUNS },
    );
  });

  it("gives the same Pareto chart for any order of the values", () => {
    fc.assert(
      fc.property(values, fc.nat(), (v, seed) => {
        const shuffled = [...v].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
        expect(paretoCurve(shuffled)).toBe(paretoCurve(v));
      }),
      { numRuns: RUNS },
    );
  });

  it("gives the same tracking chart for any order of the rows, and marks calibration's end at most once", () => {
    fc.assert(
      fc.property(tracking, fc.boolean(), fc.nat(), (rows, cumulative, seed) => {
        const shuffled = rows.map((r, i) => ({ r, k: (i * 7919 + seed) % 101 })).sort((p, q) => p.k - q.k || p.r.period - q.r.period).map((p) => p.r);
        const svg = trackingChart(rows, { cumulative });
        expect(trackingChart(shuffled, { cumulative })).toBe(svg);
        expect(occurrences(svg, "End of calibration")).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  it("draws a ROC curve whose AUC is evaluateClassifier's, for any order of the rows", () => {
    fc.assert(
      fc.property(scored, fc.nat(), (rows, seed) => {
        const svg = rocCurve(rows);
        const shuffled = rows.map((r, i) => ({ r, k: (i * 7919 + seed) % 101 })).sort((p, q) => p.k - q.k).map((p) => p.r);
        expect(rocCurve(shuffled)).toBe(svg);
        const auc = evaluateClassifier(rows).auc;
        const m = /ROC \(AUC ([\d.]+)\)/.exec(svg);
        expect(m === null ? null : m[1]).toBe(auc === null ? null : auc.toFixed(3));
        // the curve never turns back: both rates only grow along it
        const d = /<path class="roc" d="([^"]*)"/.exec(svg)?.[1] ?? "";
        const pts = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((p) => [Number(p[1]), Number(p[2])] as const);
        for (let i = 1; i < pts.length; i++) expect(pts[i]![0] >= pts[i - 1]![0] && pts[i]![1] <= pts[i - 1]![1]).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps every RFM customer in exactly one cell", () => {
    fc.assert(
      fc.property(rfm, (rows) => {
        const svg = rfmSegmentMap(rows, { bins: 7 });
        const total = [...svg.matchAll(/<title>R \d+, F \d+: (\d+) customer/g)].reduce((a, m) => a + Number(m[1]), 0);
        expect(total).toBe(rows.length);
      }),
      { numRuns: RUNS },
    );
  });

  it("formats any rows of plain values into lines of equal structure", () => {
    const cell = fc.oneof(fc.double(), fc.integer(), anyText, fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: false }));
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.constantFrom("a", "b", "c"), cell), { maxLength: 20 }), (rows) => {
        const out = formatTable(rows);
        expect(formatTable(rows)).toBe(out);
        expect(out.split("\n").length).toBe(rows.length + 2);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps the lightness of every built-in ramp monotone, so charts read in greyscale", () => {
    for (const [name, stops] of Object.entries(RAMPS)) {
      const l = Array.from({ length: 101 }, (_, i) => luminance(rampColor(stops, i / 100)));
      const rising = l[100]! > l[0]!;
      for (let i = 1; i <= 100; i++) expect(rising ? l[i]! >= l[i - 1]! : l[i]! <= l[i - 1]!, `${name} at ${i}%`).toBe(true);
    }
  });
});
