import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fitParetoNbd, indicatorColumns } from "../../src/index.js";
import { thrown } from "./moreFixtures.js";

const plans = [
  { id: 1, plan: "pro" },
  { id: 2, plan: "basic" },
  { id: 3, plan: "enterprise" },
  { id: 4, plan: "pro" },
];

describe("indicatorColumns", () => {
  it("codes every level but the reference as a 0/1 field, levels sorted", () => {
    const coded = indicatorColumns(plans, "plan", { reference: "basic" });
    expect(coded.names).toEqual(["plan_enterprise", "plan_pro"]);
    expect(coded.levels).toEqual(["basic", "enterprise", "pro"]);
    expect(coded.reference).toBe("basic");
    expect(coded.fields.map((r) => [r["plan_enterprise"], r["plan_pro"]])).toEqual([[0, 1], [0, 0], [1, 0], [0, 1]]);
    expect(coded.fields[0]).toEqual({ plan_enterprise: 0, plan_pro: 1 });
  });

  it("follows the stated levels, and refuses a value outside them", () => {
    const coded = indicatorColumns(plans, "plan", { reference: "pro", levels: ["pro", "basic", "enterprise", "trial"] });
    expect(coded.names).toEqual(["plan_basic", "plan_enterprise", "plan_trial"]);
    expect(coded.fields.every((r) => r["plan_trial"] === 0)).toBe(true);
    const e = thrown(() => indicatorColumns(plans, "plan", { reference: "pro", levels: ["pro", "basic"] }));
    expect([e.code, e.path]).toEqual(["UNKNOWN_LABEL", "rows[2].plan"]);
    expect(e.message).toMatch(/^indicatorColumns: rows\[2\]\.plan is "enterprise", not one of options.levels/);
  });

  it("codes numeric levels in numeric order", () => {
    const coded = indicatorColumns([{ region: 10 }, { region: 2 }, { region: 1 }], "region", { reference: 1 });
    expect(coded.names).toEqual(["region_2", "region_10"]);
  });

  it("refuses a missing reference, a missing field, repeated levels and a name clash", () => {
    expect(thrown(() => indicatorColumns(plans, "plan", { reference: "gold" })).path).toBe("options.reference");
    expect(thrown(() => indicatorColumns(plans, "plan", {} as never)).path).toBe("options.reference");
    expect(thrown(() => indicatorColumns(plans, "plan", { reference: "pro", levels: ["basic"] })).path).toBe("options.reference");
    expect(thrown(() => indicatorColumns(plans, "plan", { reference: "pro", levels: ["pro", "pro"] })).path).toBe("options.levels[1]");
    const missing = thrown(() => indicatorColumns([{ plan: "pro" }, { id: 2 }], "plan", { reference: "pro" }));
    expect([missing.code, missing.path]).toEqual(["INVALID_TYPE", "rows[1].plan"]);
    expect(thrown(() => indicatorColumns([{ plan: "pro", plan_basic: 5 }, { plan: "basic" }], "plan", { reference: "pro" })).path).toBe("rows[0].plan_basic");
    expect(thrown(() => indicatorColumns(plans, "plan", { reference: "pro", level: [] } as never)).code).toBe("UNKNOWN_OPTION");
  });

  it("does not change its input", () => {
    const input = plans.map((r) => ({ ...r }));
    indicatorColumns(input, "plan", { reference: "basic" });
    expect(input).toEqual(plans);
  });

  it("gives columns that a fit accepts, while coding the reference too is refused as collinear", () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ frequency: i % 5, recency: i % 5 === 0 ? 0 : 10 + (i % 7), T: 30 + (i % 3), plan: ["basic", "pro", "enterprise"][i % 3]! }));
    const coded = indicatorColumns(rows, "plan", { reference: "basic" });
    const merged = rows.map((row, i) => ({ ...row, ...coded.fields[i] }));
    expect(() => fitParetoNbd(merged, { covariates: { purchase: coded.names } })).not.toThrow();
    const withReference = merged.map((r) => ({ ...r, plan_basic: r.plan === "basic" ? 1 : 0 }));
    expect(thrown(() => fitParetoNbd(withReference, { covariates: { purchase: [...coded.names, "plan_basic"] } })).path).toBe("options.covariates.purchase[2]");
  });

  it("gives the same columns for any order of the rows (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 30 }), (values) => {
        const rows = values.map((v) => ({ v }));
        const reference = values[0]!;
        const one = indicatorColumns(rows, "v", { reference });
        const two = indicatorColumns([...rows].reverse(), "v", { reference });
        expect(two.names).toEqual(one.names);
        expect(two.fields.reverse()).toEqual(one.fields);
        one.fields.forEach((r, i) => expect(one.names.reduce((s, n) => s + r[n]!, 0)).toBe(values[i] === reference ? 0 : 1));
      }),
    );
  });
});
