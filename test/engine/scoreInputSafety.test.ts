import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createScorer, scoreCustomers, type ScoreConfig, type ScoreResult } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";


/** What a streaming CSV reader does: one row object, refilled and yielded again for every line. */
function* refilled<T extends object>(rows: readonly T[]): Generator<T> {
  const row: Record<string, unknown> = {};
  for (const r of rows) {
    for (const k of Object.keys(row)) delete row[k];
    Object.assign(row, r);
    yield row as T;
  }
}

const log = [
  { customerId: "a", at: "2024-01-01", amount: 10 },
  { customerId: "b", at: "2024-02-01", amount: 20 },
  { customerId: "c", at: "2024-03-01", amount: 30 },
  { customerId: "a", at: "2024-03-05", amount: 5 },
];
const END = "2024-06-30";

describe("scoreCustomers over a reader that re-yields one row object", () => {
  it("scores 3 customers, as for the array, not 1", () => {
    const fromArray = scoreCustomers({ transactions: log, observationEnd: END }, { clv: false });
    const fromReader = scoreCustomers({ transactions: refilled(log), observationEnd: END }, { clv: false });
    expect(fromReader.customers.map((c) => [c.customerId, c.frequency, c.totalAmount])).toEqual([
      ["a", 1, 15],
      ["b", 0, 20],
      ["c", 0, 30],
    ]);
    expect(JSON.stringify(fromReader)).toBe(JSON.stringify(fromArray));
  });

  it("keeps each activity event as it was read, not the reader's last one", () => {
    const activity = [
      { customerId: "a", type: "login", at: "2024-01-02" },
      { customerId: "b", type: "login", at: "2024-06-02" },
      { customerId: "c", type: "feedback", at: "2024-06-03", score: 1 },
    ];
    const a = scoreCustomers({ transactions: log, activity, observationEnd: END }, { clv: false });
    const b = scoreCustomers({ transactions: log, activity: refilled(activity), observationEnd: END }, { clv: false });
    // Only customer c gave negative feedback: a keeps its inactivity signal alone.
    expect(b.customers[0]!.churnSignals!.map((s) => s.rule)).toEqual(["inactivity"]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("gives the array's result for any rows re-yielded through one mutated object", () => {
    const DAY = 86_400_000;
    const BASE = Date.UTC(2024, 0, 1);
    const rowArb = fc.record({ customerId: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom("x", "y")), at: fc.integer({ min: 0, max: 400 * DAY }).map((t) => BASE + t), amount: fc.integer({ min: 0, max: 300 }) });
    const config: ScoreConfig = { clv: { transactionModel: { model: "bg-nbd", params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } }, spendModel: 20 } };
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (rows) => {
        const end = BASE + 380 * DAY;
        const a = scoreCustomers({ transactions: rows, observationEnd: end }, config) as ScoreResult;
        const b = scoreCustomers({ transactions: refilled(rows), observationEnd: end }, config) as ScoreResult;
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 60 },
    );
  });

  it("still names a misnamed column of streamed rows (customer_id, value), as it does for an array", () => {
    const snake = [{ customer_id: "a", at: "2024-01-01", amount: 3 }];
    const valued = [{ customerId: "a", at: "2024-01-01", value: 3 }, { customerId: "a", at: "2024-01-05", value: 4 }];
    for (const rows of [snake, valued] as object[][]) {
      const fromArray = codeAndPath(() => scoreCustomers({ transactions: rows as never, observationEnd: END }, { clv: false }));
      expect(codeAndPath(() => scoreCustomers({ transactions: refilled(rows) as never, observationEnd: END }, { clv: false }))).toEqual(fromArray);
    }
    expect(codeAndPath(() => scoreCustomers({ transactions: refilled(snake) as never, observationEnd: END }, { clv: false }))).toEqual(["INVALID_CUSTOMER_ID", "input.transactions[0].customerId"]);
    expect(codeAndPath(() => scoreCustomers({ transactions: refilled(valued) as never, observationEnd: END }, { clv: false }))).toEqual(["INVALID_INPUT", "input.transactions[0].amount"]);
    expect(() => scoreCustomers({ transactions: refilled(snake) as never, observationEnd: END }, { clv: false })).toThrow(/"customer_id"/);
    expect(() => scoreCustomers({ transactions: refilled(valued) as never, observationEnd: END }, { clv: false })).toThrow(/"value"/);
  });

  it("reads a getter field once per row", () => {
    let reads = 0;
    const rows = [{ customerId: "a", get at() { reads++; return Date.UTC(2024, 0, 1); }, amount: 1 }];
    function* gen() { yield* rows; }
    scoreCustomers({ transactions: gen(), observationEnd: END }, { clv: false });
    expect(reads).toBe(1);
  });
});

describe("the config reader refuses what is not a config, with INVALID_CONFIG and the path", () => {
  it("refuses a cyclic config at the key that closes the cycle", () => {
    const c: Record<string, unknown> = { bins: 5 };
    c.segments = c;
    expect(codeAndPath(() => createScorer({ rfm: c } as ScoreConfig))).toEqual(["INVALID_CONFIG", "config.rfm.segments"]);
    const labels: unknown[] = [];
    labels.push(labels);
    expect(codeAndPath(() => createScorer({ tiers: { labels } } as unknown as ScoreConfig))).toEqual(["INVALID_CONFIG", "config.tiers.labels[0]"]);
  });

  it("refuses a 100,000-deep config where it passes the schema's deepest level (8), without a RangeError", () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 1e5; i++) deep = { x: deep };
    expect(codeAndPath(() => createScorer({ rfm: { segments: deep } } as unknown as ScoreConfig))).toEqual(["INVALID_CONFIG", "config.rfm.segments.x.x.x.x.x.x"]);
    expect(codeAndPath(() => scoreCustomers({ summaries: [], observationEnd: END }, { clv: { transactionModel: deep } } as unknown as ScoreConfig))).toEqual(["INVALID_CONFIG", "config.clv.transactionModel.x.x.x.x.x.x"]);
  });

  it("still takes the deepest config the schema has (a segment map's box bounds, 8 levels down)", () => {
    const segments = { bins: 5, segments: [{ name: "All", boxes: [{ r: [1, 5], f: [1, 5], m: [1, 5] }] }] };
    expect(createScorer({ rfm: { segments } } as unknown as ScoreConfig).config.rfm).toMatchObject({ segments });
  });

  it.each([
    ["{\"toString\": 1}", "config.toString"],
    ["{\"constructor\": {}}", "config.constructor"],
    ["{\"__proto__\": {\"rfm\": false}}", "config.__proto__"],
    ["{\"summary\": {\"valueOf\": \"week\"}}", "config.summary.valueOf"],
    ["{\"rfm\": {\"__proto__\": {\"bins\": 3}}}", "config.rfm.__proto__"],
    ["{\"churn\": {\"rules\": {\"__proto__\": {}}}}", "config.churn.rules.__proto__"],
    ["{\"churn\": {\"rules\": {\"hasOwnProperty\": {}}}}", "config.churn.rules.hasOwnProperty"],
    ["{\"churn\": {\"cutoffs\": {\"toString\": 1}}}", "config.churn.cutoffs.toString"],
    ["{\"rfm\": {\"segments\": {\"bins\": 5, \"segments\": [], \"__proto__\": 1}}}", "config.rfm.segments.__proto__"],
    ["{\"clv\": {\"transactionModel\": {\"model\": \"bg-nbd\", \"params\": {\"r\": 1, \"alpha\": 1, \"a\": 1, \"b\": 1, \"__proto__\": {}}}}}", "config.clv.transactionModel.params.__proto__"],
    ["{\"clv\": {\"transactionModel\": {\"model\": \"bg-nbd\", \"params\": {\"r\": 1, \"alpha\": 1, \"a\": 1, \"b\": 1}, \"constructor\": 5}}}", "config.clv.transactionModel.constructor"],
  ])("refuses the prototype-named key in %s", (json, path) => {
    expect(codeAndPath(() => createScorer(JSON.parse(json) as ScoreConfig))).toEqual(["INVALID_CONFIG", path]);
  });
});

describe("scoreCustomers names its own input when a customer's spend overflows", () => {
  it("reports OUT_OF_RANGE at input.transactions under its own name, for rows and for columns", () => {
    const rows = [{ customerId: 1, at: "2024-01-01", amount: 1e308 }, { customerId: 1, at: "2024-01-03", amount: 1e308 }];
    const columns = { customerId: Int32Array.of(1, 1), at: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)), amount: Float64Array.of(1e308, 1e308) };
    for (const transactions of [rows, columns]) {
      const run = (): unknown => scoreCustomers({ transactions, observationEnd: END }, { clv: false });
      expect(codeAndPath(run)).toEqual(["OUT_OF_RANGE", "input.transactions"]);
      expect(run).toThrow(/^scoreCustomers: /);
    }
  });
});
