// Inputs that are almost surely a mistake are refused with the fix in the message, and the rare real case
// has an explicit way through. Each block failed (the input was accepted, or refused without the fix) before.
import { describe, expect, it } from "vitest";
import {
  RetentionKitError,
  cohortRetention,
  customerLifetimeValue,
  discountedResidualLifetime,
  fitBgNbd,
  historicalClv,
  kaplanMeier,
  nps,
  parseTime,
  rfmFromTransactions,
  scoreCustomers,
  simpleClv,
  splitCalibrationHoldout,
  summarizeColumns,
  summarizeTransactions,
  summaryTable,
} from "../../src/index.js";

const DAY = 86_400_000;
const END = { observationEnd: "2024-02-01" };

/** The error's code, path and message, or "accepted". */
function refusal(f: () => unknown): { code: string; path: string | null; message: string } | "accepted" {
  try {
    f();
  } catch (e) {
    if (e instanceof RetentionKitError) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
  return "accepted";
}

describe("epoch seconds given as milliseconds", () => {
  // 2023-11-14T22:13:20Z and a day later, in seconds: read as ms they are 1970-01-20.
  const seconds = [
    { customerId: 1, at: 1_700_000_000, amount: 5 },
    { customerId: 1, at: 1_700_086_400, amount: 7 },
    { customerId: 2, at: 1_700_050_000, amount: 3 },
  ];

  it("refuses rows whose numeric times are all epoch seconds, naming the first and the fix", () => {
    const r = refusal(() => summarizeTransactions(seconds, END));
    expect(r).toMatchObject({ code: "INVALID_DATE", path: "transactions[0].at" });
    expect(r !== "accepted" && r.message).toMatch(/^summarizeTransactions: .*epoch seconds \(2023-11-14\), not milliseconds \(1970-01-20\)\. Multiply seconds by 1000/);
  });

  it("refuses them in every transaction reader: generators, typed columns, plain columns, per-row readers", () => {
    function* rows(): Generator<(typeof seconds)[number]> {
      yield* seconds;
    }
    expect(refusal(() => summarizeTransactions(rows(), END))).toMatchObject({ code: "INVALID_DATE", path: "transactions[0].at" });
    const typed = { customerId: Int32Array.from([1, 1, 2]), at: Float64Array.from(seconds, (r) => r.at), amount: Float64Array.from([5, 7, 3]) };
    expect(refusal(() => summarizeColumns(typed, END))).toMatchObject({ code: "INVALID_DATE", path: "columns.at[0]" });
    const plain = { customerId: [1, 1, 2], at: seconds.map((r) => r.at) };
    expect(refusal(() => summaryTable(plain, END))).toMatchObject({ code: "INVALID_DATE", path: "columns.at[0]" });
    expect(refusal(() => splitCalibrationHoldout(seconds, { calibrationEnd: "2024-01-01", observationEnd: "2024-02-01" }))).toMatchObject({ code: "INVALID_DATE" });
    expect(refusal(() => rfmFromTransactions(seconds, { asOf: "2024-02-01" }))).toMatchObject({ code: "INVALID_DATE", path: "transactions[0].at" });
    expect(refusal(() => historicalClv(seconds))).toMatchObject({ code: "INVALID_DATE", path: "transactions[0].at" });
  });

  it("refuses a single epoch-seconds number in parseTime and accepts it times 1000", () => {
    expect(refusal(() => parseTime(1_700_000_000))).toMatchObject({ code: "INVALID_DATE", path: "value" });
    expect(parseTime(1_700_000_000 * 1000)).toBe(Date.UTC(2023, 10, 14, 22, 13, 20));
  });

  it("refuses an as-of option in epoch seconds, where every transaction would silently be left out", () => {
    const rows = [{ customerId: 1, at: Date.UTC(2024, 0, 1), amount: 3 }];
    const nowInSeconds = 1_706_745_600; // 2024-02-01
    expect(refusal(() => summarizeTransactions(rows, { observationEnd: nowInSeconds }))).toMatchObject({ code: "INVALID_DATE", path: "options.observationEnd" });
    expect(refusal(() => rfmFromTransactions(rows, { asOf: nowInSeconds }))).toMatchObject({ code: "INVALID_DATE", path: "options.asOf" });
    expect(refusal(() => cohortRetention(rows, { observationEnd: nowInSeconds }))).toMatchObject({ code: "INVALID_DATE", path: "options.observationEnd" });
    expect(refusal(() => scoreCustomers({ transactions: rows, observationEnd: nowInSeconds }, { clv: false }))).toMatchObject({ code: "INVALID_DATE", path: "input.observationEnd" });
    expect(summarizeTransactions(rows, { observationEnd: nowInSeconds * 1000 })).toHaveLength(1);
  });

  it("refuses cohort events whose numeric times are all epoch seconds", () => {
    const events = [{ customerId: 1, at: 1_700_000_000 }, { customerId: 2, at: 1_700_090_000 }];
    expect(refusal(() => cohortRetention(events, {}))).toMatchObject({ code: "INVALID_DATE", path: "events[0].at" });
    expect(cohortRetention(events.map((e) => ({ ...e, at: e.at * 1000 })), {}).cohorts).toHaveLength(1);
  });

  it("accepts early-1970 milliseconds given as Dates or ISO strings, whole-day offsets and data reaching outside the window", () => {
    expect(parseTime(new Date(1_700_000_000))).toBe(1_700_000_000);
    expect(parseTime(5 * DAY)).toBe(5 * DAY);
    const asDates = seconds.map((r) => ({ ...r, at: new Date(r.at) }));
    expect(summarizeTransactions(asDates, { observationEnd: 30 * DAY })).toHaveLength(2);
    // Synthetic day offsets are whole UTC days: 2, 5 and 40 days after the epoch.
    const days = [2, 5, 40].map((d) => ({ customerId: 1, at: d * DAY, amount: 1 }));
    expect(summarizeTransactions(days, { observationEnd: 50 * DAY })[0]!.frequency).toBe(2);
    // Real 1970s data in milliseconds: one time past 1970-04-26 (1e10 ms) shows the unit.
    const seventies = [...seconds, { customerId: 3, at: Date.UTC(1975, 5, 1, 12), amount: 1 }];
    expect(summarizeTransactions(seventies, { observationEnd: "1976-01-01" })).toHaveLength(3);
  });
});

describe("misnamed fields", () => {
  it("refuses rows with a spend under another name instead of counting every amount as 0", () => {
    for (const name of ["value", "price", "total", "revenue", "order_total", "Amount"]) {
      const rows = [
        { customerId: 1, at: "2024-01-01", [name]: 10 },
        { customerId: 1, at: "2024-01-09", [name]: 30 },
      ];
      const r = refusal(() => summarizeTransactions(rows as never, END));
      expect(r).toMatchObject({ code: "INVALID_INPUT", path: "transactions[0].amount" });
      expect(r !== "accepted" && r.message).toContain(`has the number ${JSON.stringify(name)}`);
    }
    const csv = [{ customerId: "a", at: "2024-01-01", value: "12.50" }];
    const r = refusal(() => summarizeTransactions(csv as never, END));
    expect(r !== "accepted" && r.message).toContain("rows.map((r) => ({ ...r, amount: Number(r.value) }))");
    expect(refusal(() => rfmFromTransactions(csv as never, { asOf: "2024-02-01" }))).toMatchObject({ code: "INVALID_INPUT", path: "transactions[0].amount" });
  });

  it("accepts the rows once any row has an amount, or the rows say amount: 0, or the field is not money", () => {
    const mixed = [
      { customerId: 1, at: "2024-01-01", value: 10 },
      { customerId: 1, at: "2024-01-09", value: 30, amount: 30 },
    ];
    expect(summarizeTransactions(mixed as never, END)[0]!.totalAmount).toBe(30);
    const noSpend = [{ customerId: 1, at: "2024-01-01", price: 10, amount: 0 }];
    expect(summarizeTransactions(noSpend, END)[0]!.totalAmount).toBe(0);
    const orders = [{ customerId: 1, at: "2024-01-01", orderId: 77, quantity: 2 }];
    expect(summarizeTransactions(orders as never, END)[0]!.totalAmount).toBe(0);
  });

  it("refuses columns with a spend column under another name, and accepts an explicit amount: undefined", () => {
    const at = Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 9));
    const cols = { customerId: Int32Array.of(1, 1), at, value: Float64Array.of(10, 30) };
    expect(refusal(() => summarizeColumns(cols as never, END))).toMatchObject({ code: "INVALID_INPUT", path: "columns.amount" });
    expect(refusal(() => summaryTable({ customerId: [1, 1], at: [...at], price: [10, 30] } as never, END))).toMatchObject({ code: "INVALID_INPUT", path: "columns.amount" });
    expect(summarizeColumns({ ...cols, amount: undefined }, END)[0]!.totalAmount).toBe(0);
    expect(summarizeColumns({ ...cols, amount: cols.value }, END)[0]!.totalAmount).toBe(40);
    const input = { transactions: [{ customerId: 1, at: "2024-01-01", value: 3 }], observationEnd: "2024-02-01" };
    expect(refusal(() => scoreCustomers(input as never, { clv: false }))).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("names customer_id, date and timestamp columns as the likely customerId and at", () => {
    const r = refusal(() => summarizeTransactions([{ customer_id: 7, at: "2024-01-01", amount: 1 }] as never, END));
    expect(r).toMatchObject({ code: "INVALID_CUSTOMER_ID", path: "transactions[0].customerId" });
    expect(r !== "accepted" && r.message).toContain(`the row has "customer_id"`);
    expect(r !== "accepted" && r.message).toContain("customerId: r.customer_id");
    const events = refusal(() => cohortRetention([{ user_id: 7, at: "2024-01-01" }] as never, {}));
    expect(events).toMatchObject({ code: "INVALID_CUSTOMER_ID", path: "events[0].customerId" });
    expect(events !== "accepted" && events.message).toContain("customerId: r.user_id");
    for (const name of ["date", "timestamp", "order_date"]) {
      const t = refusal(() => summarizeTransactions([{ customerId: 7, [name]: "2024-01-01", amount: 1 }] as never, END));
      expect(t).toMatchObject({ code: "INVALID_DATE", path: "transactions[0].at" });
      expect(t !== "accepted" && t.message).toContain(`the row has ${JSON.stringify(name)}`);
    }
  });
});

describe("rates given as percentages", () => {
  const bg = { model: "bg-nbd", params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } } as const;
  const row = [{ frequency: 2, recency: 30, T: 38, monetaryValue: 20 }];

  it("refuses a discount rate, retention rate or margin above 1 with the fraction it likely means", () => {
    const cases: [() => unknown, string, string][] = [
      [() => customerLifetimeValue(bg, 10, row, { horizon: 12, discountRate: 10, unit: "week" }), "options.discountRate", "0.1"],
      [() => customerLifetimeValue(bg, 10, row, { horizon: 12, margin: 30, unit: "week" }), "options.margin", "0.3"],
      [() => simpleClv({ margin: 100, retentionRate: 0.8, discountRate: 10 }), "input.discountRate", "0.1"],
      [() => simpleClv({ margin: 100, retentionRate: 80, discountRate: 0.1 }), "input.retentionRate", "0.8"],
      [() => historicalClv([{ customerId: 1, at: "2024-01-01", amount: 5 }], { asOf: "2024-02-01", discountRate: 10 }), "options.discountRate", "0.1"],
      [() => historicalClv([{ customerId: 1, at: "2024-01-01", amount: 5 }], { margin: 30 }), "options.margin", "0.3"],
      [() => discountedResidualLifetime({ model: "sbg", params: { alpha: 1, beta: 2 } }, { renewals: 1, discountRate: 10 }), "options.discountRate", "0.1"],
    ];
    for (const [f, path, meant] of cases) {
      const r = refusal(f);
      expect(r).toMatchObject({ code: "OUT_OF_RANGE", path });
      expect(r !== "accepted" && r.message).toContain(`did you mean ${meant}`);
    }
  });

  it("refuses it in the engine config too", () => {
    const input = { transactions: [{ customerId: 1, at: "2024-01-01", amount: 5 }], observationEnd: "2024-02-01" };
    const r = refusal(() => scoreCustomers(input, { clv: { discountRate: 10 } }));
    expect(r).toMatchObject({ code: "INVALID_CONFIG", path: "config.clv.discountRate" });
    expect(r !== "accepted" && r.message).toContain("did you mean 0.1");
  });

  it("keeps rates in [0, 1] working", () => {
    expect(simpleClv({ margin: 100, retentionRate: 0.8, discountRate: 1 })).toBeCloseTo(66.667, 3);
    expect(customerLifetimeValue(bg, 10, row, { horizon: 12, discountRate: 0.01, margin: 0.3, unit: "week" })[0]!.clv).toBeGreaterThan(0);
  });
});

describe("numbers written as text, as CSV readers give them", () => {
  it("refuses them in every domain with the advice to convert with Number(…)", () => {
    const cases: (() => unknown)[] = [
      () => summarizeTransactions([{ customerId: 1, at: "2024-01-01", amount: "12.50" }] as never, END),
      () => summarizeTransactions([{ customerId: 1, at: "1700000000000", amount: 1 }] as never, END),
      () => summarizeColumns({ customerId: [1], at: [Date.UTC(2024, 0, 1)], amount: ["12.50"] } as never, END),
      () => cohortRetention([{ customerId: 1, at: "2024-01-01", value: "3" }] as never, {}),
      () => nps(["9", "10"] as never),
      () => kaplanMeier([{ duration: "3", event: true }] as never),
      () => fitBgNbd([{ frequency: "2", recency: 3, T: 5 }] as never),
      () => parseTime("1700000000000"),
    ];
    for (const f of cases) {
      const r = refusal(f);
      expect(r).not.toBe("accepted");
      expect(r !== "accepted" && r.message).toContain("convert the field with Number(…)");
    }
  });
});
