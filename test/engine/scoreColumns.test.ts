// scoreCustomerColumns: the engine's columns are the rows of scoreCustomers, field for field, for every part
// (intervals and loyalty included) and any config the contract's arbitraries produce.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreCustomerColumns, scoreCustomers, type ScoreColumns, type ScoreConfig, type ScoreRow } from "../../src/index.js";
import { scoreConfigArb } from "../contract/cases.engine.js";
import { rowsArb, BASE, cdnowSample } from "./helpers.js";

const DAY = 86_400_000;

/** Every row field read back from the columns (rfmTotal is derived: r + f + m). */
function expectSame(columns: ScoreColumns, rows: readonly ScoreRow[]): void {
  expect(columns.length).toBe(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (const [key, value] of Object.entries(row)) {
      if (key === "unit") expect(columns.unit).toBe(value);
      else if (key === "rfmTotal") expect(value).toBe(columns.rfmR === null ? null : columns.rfmR[i]! + columns.rfmF![i]! + columns.rfmM![i]!);
      else {
        const column = (columns as unknown as Record<string, ArrayLike<unknown> | null>)[key];
        expect(column === null ? null : column![i], `${key}[${i}]`).toStrictEqual(value);
      }
    }
  }
}

describe("scoreCustomerColumns", () => {
  it("holds the rows of scoreCustomers on CDNOW, every default part on, with typed numeric columns", () => {
    const transactions = cdnowSample();
    const input = { transactions, observationEnd: "1998-06-30" };
    const columns = scoreCustomerColumns(input, {}).columns;
    expectSame(columns, scoreCustomers(input, {}).customers);
    expect(columns.length).toBe(2357);
    expect(columns.probabilityAlive).toBeInstanceOf(Float64Array);
    expect(columns.rfmR).toBeInstanceOf(Uint8Array);
  });

  it("carries the interval and loyalty columns where the rows have them", () => {
    const transactions = cdnowSample().slice(0, 3000);
    const input = { transactions, observationEnd: "1998-06-30" };
    const config: ScoreConfig = {
      clv: { model: "bg-nbd", intervals: { method: "delta" } },
      loyalty: {
        levels: { levels: [{ name: "Silver", minSpend: 50, windowMonths: 12 }, { name: "Gold", minSpend: 200, windowMonths: 12 }], reviewEvery: "quarter", graceDays: 30 },
        points: { pointsPerAmount: 2, expiryDays: 365, expiringWithinDays: 60 },
        managers: { managers: [{ managerId: "m1", capacity: 40 }, { managerId: "m2", capacity: 40 }], keyAccount: { tiers: ["Gold"] }, tier: "level", value: "totalAmount" },
      },
    };
    const columns = scoreCustomerColumns(input, config).columns;
    const rows = scoreCustomers(input, config).customers;
    expect(columns.level?.filter((l) => l === "Gold").length).toBeGreaterThan(0);
    expect(columns.accountManager?.filter((m) => m !== null).length).toBeGreaterThan(0);
    expect(columns.clvLower).toBeDefined();
    expectSame(columns, rows);
  });

  it("holds the rows for random logs and configs (property)", () => {
    fc.assert(
      fc.property(rowsArb, scoreConfigArb, (transactions, arbConfig) => {
        const config = arbConfig as ScoreConfig;
        const input = { transactions, observationEnd: BASE + 30 * DAY };
        let rows: ScoreRow[];
        try {
          rows = scoreCustomers(input, config).customers;
        } catch (e) {
          expect(() => scoreCustomerColumns(input, config)).toThrow((e as Error).message.replace(/^scoreCustomers/, "scoreCustomerColumns"));
          return;
        }
        expectSame(scoreCustomerColumns(input, config).columns, rows);
      }),
      { numRuns: 60 },
    );
  });

  it("makes the churn signals and reasons on first read, as the rows have them (with activity too)", () => {
    const transactions = cdnowSample().slice(0, 2000);
    const ids = [...new Set(transactions.map((t) => t.customerId))].slice(0, 40);
    const activity = ids.flatMap((customerId, k) => [
      { customerId, type: "login", at: Date.UTC(1998, 3, 1 + (k % 20)) },
      ...(k % 3 === 0 ? [{ customerId, type: "complaint", at: Date.UTC(1998, 5, 1), sentiment: "negative" as const }] : []),
    ]);
    const input = { transactions, observationEnd: "1998-06-30", activity };
    for (const config of [{}, { churn: { rules: { inactivity: { days: 60 } } } }] as ScoreConfig[]) {
      const columns = scoreCustomerColumns(input, config).columns;
      const keys = Object.keys(columns);
      expect(Object.getOwnPropertyDescriptor(columns, "churnSignals")!.get).toBeTypeOf("function");
      expect(Object.getOwnPropertyDescriptor(columns, "churnReasons")!.get).toBeTypeOf("function");
      const rows = scoreCustomers(input, config).customers;
      expect(columns.churnReasons!.filter((r) => r !== "").length).toBeGreaterThan(0);
      expect(Object.getOwnPropertyDescriptor(columns, "churnReasons")!.value).toBe(columns.churnReasons);
      expect(Object.keys(columns)).toEqual(keys); // the same places among the keys
      expectSame(columns, rows);
      expect(rows.some((r) => r.churnSignals!.some((g) => g.rule === "negativeFeedback"))).toBe(true);
    }
  });

  it("keeps a churn column assigned before the other is read", () => {
    const input = { transactions: cdnowSample().slice(0, 500), observationEnd: "1998-06-30" };
    const columns = scoreCustomerColumns(input, {}).columns;
    columns.churnReasons = ["mine"];
    expect(columns.churnSignals!.length).toBe(columns.length);
    expect(columns.churnReasons).toEqual(["mine"]);
    const again = scoreCustomerColumns(input, {}).columns;
    expect(JSON.parse(JSON.stringify(again)).churnReasons).toEqual(again.churnReasons);
    expect(structuredClone(scoreCustomerColumns(input, {}).columns).churnSignals).toEqual(again.churnSignals);
  });

  it("names itself in its errors", () => {
    expect(() => scoreCustomerColumns({ summaries: [] } as never, {})).toThrow(/^scoreCustomerColumns: /);
  });
});

describe("scoreCustomerColumns' churn columns made on read", () => {
  it("answer from a result frozen before the read, the same as from an unfrozen one", () => {
    const input = { transactions: cdnowSample().slice(0, 500), observationEnd: "1998-06-30" };
    const frozen = Object.freeze(scoreCustomerColumns(input, {}).columns);
    const plain = scoreCustomerColumns(input, {}).columns;
    expect(frozen.churnReasons).toEqual(plain.churnReasons);
    expect(frozen.churnSignals).toEqual(plain.churnSignals);
    expect(frozen.churnSignals).toBe(frozen.churnSignals);
  });
});
