import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmScoreColumns, rfmScores } from "../../src/index.js";
import { thrown } from "./helpers.js";

describe("rfmScoreColumns", () => {
  it("gives the same scores as rfmScores, as columns, for every method", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ recency: fc.nat(40), frequency: fc.nat(12), monetary: fc.integer({ min: -20, max: 400 }) }), { maxLength: 60 }),
        fc.integer({ min: 2, max: 10 }),
        fc.constantFrom("quantile" as const, "rank" as const),
        (rs, bins, method) => {
          const rows = rs.map((r, i) => ({ customerId: i % 3 === 0 ? `c${i}` : i, ...r }));
          const cols = {
            customerId: rows.map((r) => r.customerId),
            recency: rows.map((r) => r.recency),
            frequency: Float64Array.from(rows.map((r) => r.frequency)),
            monetary: rows.map((r) => r.monetary),
          };
          for (const rankTies of ["input", "customerId"] as const) {
            const a = rfmScores(rows, { bins, method, rankTies });
            const b = rfmScoreColumns(cols, { bins, method, rankTies });
            expect(b).toEqual({
              customerId: a.map((x) => x.customerId),
              r: a.map((x) => x.r),
              f: a.map((x) => x.f),
              m: a.map((x) => x.m),
              code: a.map((x) => x.code),
              total: a.map((x) => x.total),
            });
          }
        },
      ),
    );
  });

  it("gives the same scores as typed arrays with typed: true", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ recency: fc.nat(40), frequency: fc.nat(12), monetary: fc.integer({ min: -20, max: 400 }) }), { maxLength: 60 }),
        fc.integer({ min: 2, max: 100 }),
        (rs, bins) => {
          const cols = { customerId: rs.map((_, i) => i), recency: rs.map((r) => r.recency), frequency: rs.map((r) => r.frequency), monetary: rs.map((r) => r.monetary) };
          const plain = rfmScoreColumns(cols, { bins });
          const typed = rfmScoreColumns(cols, { bins, typed: true });
          expect(typed.r).toBeInstanceOf(Uint8Array);
          expect(typed.total).toBeInstanceOf(Uint16Array);
          expect({ ...typed, r: Array.from(typed.r), f: Array.from(typed.f), m: Array.from(typed.m), total: Array.from(typed.total) }).toEqual(plain);
          expect(rfmScoreColumns(cols, { bins, typed: false })).toEqual(plain);
        },
      ),
    );
  });

  it("checks typed and lists it among the known options", () => {
    const cols = { customerId: [1], recency: [1], frequency: [1], monetary: [1] };
    expect(thrown(() => rfmScoreColumns(cols, { typed: "yes" } as never))).toMatchObject({ code: "INVALID_OPTION", path: "options.typed" });
    const e = thrown(() => rfmScoreColumns(cols, { typed: true, bin: 3 } as never));
    expect(e).toMatchObject({ code: "UNKNOWN_OPTION" });
    expect(e.message).toMatch(/typed/);
    expect(thrown(() => rfmScoreColumns(cols, 5 as never))).toMatchObject({ code: "INVALID_TYPE" });
  });

  it("returns empty columns for no customers and does not mutate or alias its input", () => {
    expect(rfmScoreColumns({ customerId: [], recency: [], frequency: [], monetary: [] })).toEqual({ customerId: [], r: [], f: [], m: [], code: [], total: [] });
    const cols = Object.freeze({ customerId: Object.freeze([1, 2]), recency: Object.freeze([5, 1]), frequency: Object.freeze([1, 2]), monetary: Object.freeze([3, 4]) });
    const out = rfmScoreColumns(cols);
    expect(out.customerId).not.toBe(cols.customerId);
    expect(cols.recency).toEqual([5, 1]);
  });

  it("reads typed columns in place without writing to them, on the large-column selection path too", () => {
    const n = 70_000; // above the size where quantiles come from a bracketing sample
    const cols = {
      customerId: Array.from({ length: n }, (_, i) => i),
      recency: Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 365) + 0.5),
      frequency: Float64Array.from({ length: n }, (_, i) => (i * 31) % 17),
      monetary: Float64Array.from({ length: n }, (_, i) => ((i * 104_729) % 10_007) / 7),
    };
    const before = [cols.recency.slice(), cols.frequency.slice(), cols.monetary.slice()];
    const typed = rfmScoreColumns(cols);
    expect([cols.recency, cols.frequency, cols.monetary]).toEqual(before);
    const plain = rfmScoreColumns({ customerId: cols.customerId, recency: Array.from(cols.recency), frequency: Array.from(cols.frequency), monetary: Array.from(cols.monetary) });
    expect(typed).toEqual(plain);
  });

  it("refuses columns of different lengths and bad values with a path", () => {
    let e = thrown(() => rfmScoreColumns({ customerId: [1, 2], recency: [1], frequency: [1, 1], monetary: [1, 1] }));
    expect([e.code, e.path]).toEqual(["INVALID_INPUT", "columns.recency"]);
    expect(e.message).toMatch(/^rfmScoreColumns: /);
    e = thrown(() => rfmScoreColumns({ customerId: [1, 2], recency: [1, 2], frequency: [1, -1], monetary: [1, 1] }));
    expect([e.code, e.path]).toEqual(["NEGATIVE_VALUE", "columns.frequency[1]"]);
    e = thrown(() => rfmScoreColumns({ customerId: [1, 2], recency: [1, 2], frequency: [1, 1], monetary: Float64Array.of(1, Number.NaN) }));
    expect([e.code, e.path]).toEqual(["INVALID_NUMBER", "columns.monetary[1]"]);
    e = thrown(() => rfmScoreColumns({ customerId: [1, ""], recency: [1, 2], frequency: [1, 1], monetary: [1, 1] }));
    expect([e.code, e.path]).toEqual(["INVALID_CUSTOMER_ID", "columns.customerId[1]"]);
    e = thrown(() => rfmScoreColumns({ customerId: [1], recency: 5 as never, frequency: [1], monetary: [1] }));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "columns.recency"]);
  });
});

describe("rfmScoreColumns' typed option, read from hostile options", () => {
  it("turns a throwing getter into a coded error", () => {
    const cols = { customerId: [1], recency: [1], frequency: [1], monetary: [1] };
    const options = Object.defineProperty({}, "typed", { enumerable: true, get: () => { throw new Error("boom"); } });
    expect(thrown(() => rfmScoreColumns(cols, options as never))).toMatchObject({ code: "INVALID_TYPE", path: "options" });
  });
});
