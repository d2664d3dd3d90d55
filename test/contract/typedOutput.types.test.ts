// The result types of the functions with a `typed` option follow the option (checked by `npm run typecheck`):
// typed arrays for `typed: true`, plain arrays without it or for `false`, either for a `boolean` not known
// until run time.
import { describe, expect, it } from "vitest";
import { rfmScoreColumns, summaryTable, type RfmScoreColumnsOptions, type SummaryTable, type SummaryTableOptions, type TypedSummaryTable } from "../../src/index.js";

const log = { customerId: Int32Array.of(1, 1), at: Float64Array.of(0, 86_400_000), amount: Float64Array.of(1, 2) };
const cols = { customerId: [1], recency: [1], frequency: [1], monetary: [1] };

describe("typed results", () => {
  it("are typed by the option", () => {
    const a: SummaryTable = summaryTable(log, { observationEnd: 2 * 86_400_000, unit: "day" } as const);
    const b: SummaryTable = summaryTable(log, { observationEnd: 2 * 86_400_000, unit: "day", typed: false });
    const c: TypedSummaryTable = summaryTable(log, { observationEnd: 2 * 86_400_000, typed: true });
    const known = Math.random() < 2;
    const o: SummaryTableOptions = { observationEnd: 2 * 86_400_000, typed: known };
    // @ts-expect-error a boolean known at run time gives either
    const d: SummaryTable = summaryTable(log, o);
    const r1: number[] = rfmScoreColumns(cols).r;
    const r2: number[] = rfmScoreColumns(cols, { bins: 3 }).r;
    const r3: Uint8Array = rfmScoreColumns(cols, { typed: true }).r;
    const ro: RfmScoreColumnsOptions = { typed: known };
    // @ts-expect-error either
    const r4: number[] = rfmScoreColumns(cols, ro).r;
    expect([a.T, b.T, c.T instanceof Float64Array, d.T instanceof Float64Array, r1, r2, r3 instanceof Uint8Array, r4 instanceof Uint8Array]).toEqual([[2], [2], true, true, [3], [2], true, true]);
  });
});
