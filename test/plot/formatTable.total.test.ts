// formatTable is total over plain rows (no NaN, Infinity or undefined printed, one line per row, bounded
// work) and checks cohort tables as cohortHeatmap does, with coded errors instead of RangeError / TypeError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RetentionKitError } from "../../src/index.js";
import { cohortHeatmap, formatTable, type CohortRow } from "../../src/plot/index.js";
import { expectCode } from "./helpers.js";

const row = (extra: object): CohortRow => ({ start: Date.UTC(2024, 0, 1), size: 2, eligible: [2], counts: [1], rates: [0.5], ...extra });

/** True when some string or key inside `v` spells one of the words the table must never print on its own. */
function mentions(v: unknown, seen = new Set<unknown>()): boolean {
  if (typeof v === "string") return /NaN|Infinity|undefined/.test(v);
  if (typeof v !== "object" || v === null || seen.has(v)) return false;
  seen.add(v);
  return Object.keys(v).some((k) => mentions(k) || mentions((v as Record<string, unknown>)[k], seen));
}

describe("formatTable on odd cohort tables", () => {
  it("answers a start beyond the Date range with OUT_OF_RANGE (a RangeError before)", () => {
    expectCode(() => formatTable({ cohorts: [row({ start: 1e16 })] }), "OUT_OF_RANGE", "rows.cohorts[0].start");
    expectCode(() => formatTable({ cohorts: [row({ start: Number.NaN })] }), "INVALID_NUMBER", "rows.cohorts[0].start");
  });

  it("answers a missing row or field with INVALID_TYPE (a TypeError before)", () => {
    expectCode(() => formatTable({ cohorts: [null] } as never), "INVALID_TYPE", "rows.cohorts[0]");
    expectCode(() => formatTable({ cohorts: [{ start: 0, size: 1 }] } as never), "INVALID_TYPE", "rows.cohorts[0].rates");
    expectCode(() => formatTable({ cohorts: [row({ size: undefined })] } as never), "INVALID_TYPE", "rows.cohorts[0].size");
  });

  it("refuses a NaN or out-of-range rate instead of printing NaN%", () => {
    expectCode(() => formatTable({ cohorts: [row({ rates: [Number.NaN] })] }), "INVALID_NUMBER", "rows.cohorts[0].rates[0]");
    expectCode(() => formatTable({ cohorts: [row({ rates: [2] })] }), "OUT_OF_RANGE", "rows.cohorts[0].rates[0]");
    expectCode(() => formatTable({ cohorts: [row({ counts: [1, 2] })] }), "INVALID_INPUT", "rows.cohorts[0].counts");
  });

  it("prints the first and last instants of the Date range as dates", () => {
    const out = formatTable({ cohorts: [row({ start: -8.64e15 }), row({ start: 8.64e15 })] }).split("\n");
    expect(out[2]).toBe("-271821-04-20     2  50.0%");
    expect(out[3]).toBe("+275760-09-13     2  50.0%");
  });

  it("refuses rows of more than 100 000 periods and more than 250 000 cells", () => {
    const long = Array.from({ length: 100_001 }, () => null);
    expectCode(() => formatTable({ cohorts: [row({ rates: long, counts: long.map(() => 0), eligible: [] })] }), "OUT_OF_RANGE", "rows.cohorts[0].rates");
    const p = Array.from({ length: 1000 }, () => 0.5);
    const wide = { cohorts: Array.from({ length: 300 }, () => row({ rates: p, counts: p.map(() => 1), eligible: [] })) };
    expectCode(() => formatTable(wide, { maxRows: 300 }), "OUT_OF_RANGE", "options.maxRows");
    expect(formatTable(wide, { maxRows: 200 }).split("\n")).toHaveLength(203);
    expectCode(() => cohortHeatmap(wide), "OUT_OF_RANGE", "table.cohorts");
  });
});

describe("formatTable on odd plain rows", () => {
  it("prints NaN and invalid dates as n/a, infinities as ∞, functions and symbols by name", () => {
    const out = formatTable([{ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: new Date(Number.NaN), f: () => 1, s: Symbol("tag") }]);
    expect(out.split("\n")[2]).toBe("n/a  ∞  -∞  n/a  [function]  tag");
    expect(out).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("keeps every row on one line, line breaks in keys included", () => {
    expect(formatTable([{ "a\nb": 1, c: "x\u2028y" }]).split("\n")).toEqual(["a b  c", "---  ---", "  1  x y"]);
  });

  it("writes nested values as JSON, cut to the column width however large they are", () => {
    const big = { a: Array.from({ length: 100_000 }, (_, i) => i) };
    const rows = Array.from({ length: 200_000 }, () => ({ v: big }));
    const t0 = performance.now();
    const out = formatTable(rows, { maxRows: 100_000, maxColumnWidth: 12 });
    expect(performance.now() - t0).toBeLessThan(10_000); // the whole value was serialised before: 4 GB, then abort
    expect(out.split("\n")[2]).toBe('{"a":[0,1,2…');
    expect(formatTable([{ v: { x: [1, Number.NaN, undefined], y: undefined, z: new Date(0) } }], { maxColumnWidth: 100 }).split("\n")[2]).toBe(
      JSON.stringify({ x: [1, Number.NaN, undefined], y: undefined, z: new Date(0) }),
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatTable([{ v: cyclic, w: { n: 1n } }]).split("\n")[2]).toBe("[object]  [object]");
  });

  it("prints a row of many blank cells before a value in linear time", () => {
    // two rows with disjoint keys: the second line starts with 60 000 blank cells
    const a = Object.fromEntries(Array.from({ length: 60_000 }, (_, k) => [`a${k}`, 1]));
    const b = Object.fromEntries(Array.from({ length: 60_000 }, (_, k) => [`b${k}`, 2]));
    const t0 = performance.now();
    const lines = formatTable([a, b]).split("\n");
    expect(performance.now() - t0).toBeLessThan(10_000); // over a minute before
    expect(lines[3]!.trimStart().startsWith("2")).toBe(true);
    expect(lines[2]!.endsWith("1")).toBe(true);
  });

  it("refuses tables beyond 250 000 cells or 50 million characters", () => {
    const wide = Array.from({ length: 3 }, (_, i) => Object.fromEntries(Array.from({ length: 100_000 }, (_, k) => [`k${i}_${k}`, k])));
    expectCode(() => formatTable(wide), "OUT_OF_RANGE", "options.maxRows");
    const text = "x".repeat(1000);
    const long = Array.from({ length: 26_000 }, () => ({ a: text, b: text })); // 26 003 lines of 2 004 characters
    expectCode(() => formatTable(long, { maxRows: 26_000, maxColumnWidth: 1000 }), "OUT_OF_RANGE", "options.maxColumnWidth");
    expect(formatTable(long, { maxRows: 26_000, maxColumnWidth: 100 }).length).toBeLessThan(6_000_000);
  });

  it("prints any plain values on one line per row without NaN, Infinity or undefined", () => {
    const value = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, undefined, () => 0, Symbol("s"), new Date(Number.NaN), [Number.NaN, undefined]),
    );
    const rowArb = fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 5 }).filter((r) => !mentions(r));
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), fc.integer({ min: 4, max: 60 }), (rows, maxColumnWidth) => {
        const out = formatTable(rows, { maxColumnWidth });
        expect(formatTable(rows, { maxColumnWidth })).toBe(out);
        expect(out.split("\n")).toHaveLength(rows.length + 2);
        expect(out).not.toMatch(/NaN|Infinity|undefined/);
      }),
      { numRuns: 300 },
    );
  });

  it("answers any corrupted cohort table with text or a RetentionKitError, never another exception", () => {
    const cohort = fc
      .record({ start: fc.integer({ min: -8.64e12, max: 8.64e12 }).map((d) => d * 1000), size: fc.nat(1000), rates: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { maxLength: 8 }) })
      .map(({ start, size, rates }) => ({ start, size, rates, counts: rates.map(() => 1), eligible: rates.map(() => 2) }));
    const bad = fc.oneof(fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 1e16, -8.64e15, 8.64e15, 0.5, "1", null, undefined, [], {}), fc.anything());
    fc.assert(
      fc.property(fc.array(cohort, { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom("start", "size", "rates", "counts", "eligible", "row"), bad, (cohorts, pick, field, value) => {
        const i = pick % cohorts.length;
        const broken = cohorts.map((c, j) => (j !== i ? c : field === "row" ? value : { ...c, [field]: value }));
        try {
          const out = formatTable({ cohorts: broken } as never);
          expect(out).not.toMatch(/NaN|Infinity|undefined/);
        } catch (e) {
          expect(e).toBeInstanceOf(RetentionKitError);
          expect((e as Error).message.startsWith("formatTable: ")).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
