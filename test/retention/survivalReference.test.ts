import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kaplanMeier, logRankTest, nelsonAalen, restrictedMeanSurvival } from "../../src/index.js";

// Reference values from R survival 3.5 (scripts/reference/survival.R) on copies of R's lung, aml and
// veteran data (test/fixtures/survival/).
const dir = new URL("../fixtures/survival/", import.meta.url);
type Row = Record<string, string | number | null>;
function csv(name: string): Row[] {
  const [head, ...lines] = readFileSync(new URL(`${name}.csv`, dir), "utf8").trim().split("\n");
  const names = head!.split(",").map((s) => s.replace(/"/g, ""));
  return lines.map((line) =>
    Object.fromEntries(line.split(",").map((v, i) => [names[i]!, v === "" ? null : v.startsWith('"') ? v.replace(/"/g, "") : Number(v)])),
  );
}
const data: Record<string, Row[]> = { lung: csv("lung"), aml: csv("aml"), veteran: csv("veteran") };
/** lung codes status 1 censored / 2 dead; aml and veteran 0 / 1. */
const died = (set: string, r: Row): boolean => r.status === (set === "lung" ? 2 : 1);

interface LogRankRef { name: string; group: string; rho: number; chiSquare: number; df: number; pValue: number; groups: string[]; n: number[]; observed: number[]; expected: number[]; variance: number[] }
interface NelsonAalenRef { name: string; confType: "log" | "log-log" | "plain"; times: number[]; atRisk: number[]; events: number[]; censored: number[]; cumulativeHazard: number[]; stdErr: number[]; survival: number[]; lowerSurvival: (number | null)[]; upperSurvival: (number | null)[] }
interface RmeanRef { name: string; horizon: number; estimate: number; standardError: number }
const ref = JSON.parse(readFileSync(new URL("reference.json", dir), "utf8")) as { logRank: LogRankRef[]; nelsonAalen: NelsonAalenRef[]; rmean: RmeanRef[] };

const TOL = 1e-6;
function close(actual: number | null | undefined, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(TOL * Math.max(Math.abs(expected), 1e-12));
}

describe("logRankTest against R's survdiff", () => {
  it("gives χ² = 10.32674 for lung ~ sex", () => {
    const rows = data.lung!.map((r) => ({ duration: r.time as number, event: r.status === 2, group: r.sex as number }));
    const t = logRankTest(rows);
    expect(Math.abs(t.chiSquare - 10.32674)).toBeLessThan(5e-6);
    expect(t.groups.map((g) => [g.group, g.n, g.observed])).toEqual([[1, 138, 112], [2, 90, 53]]);
  });

  for (const c of ref.logRank) {
    it(`reproduces ${c.name} at rho = ${c.rho}`, () => {
      const set = c.name.split(" ")[0]!;
      const strata = /strata\(([^)]+)\)/.exec(c.name)?.[1];
      const rows = data[set]!
        .filter((r) => r[c.group] !== null)
        .map((r) => ({ duration: r.time as number, event: died(set, r), group: r[c.group] as string | number, ...(strata === undefined ? {} : { [strata]: r[strata] }) }));
      const t = logRankTest(rows, strata === undefined ? { rho: c.rho } : { rho: c.rho, strata });
      close(t.chiSquare, c.chiSquare);
      close(t.pValue, c.pValue);
      expect(t.df).toBe(c.df);
      expect(t.groups.map((g) => String(g.group))).toEqual(c.groups);
      t.groups.forEach((g, i) => {
        expect(g.n).toBe(c.n[i]);
        close(g.observed, c.observed[i]!);
        close(g.expected, c.expected[i]!);
        close(g.variance, c.variance[i]!);
      });
    });
  }
});

describe("nelsonAalen against R's survfit(stype = 2, ctype = 1)", () => {
  for (const c of ref.nelsonAalen) {
    it(`reproduces ${c.name} with ${c.confType} bands`, () => {
      const na = nelsonAalen(data[c.name]!.map((r) => ({ duration: r.time as number, event: died(c.name, r) })), { confType: c.confType });
      expect(na.times).toEqual(c.times);
      expect(na.atRisk).toEqual(c.atRisk);
      expect(na.events).toEqual(c.events);
      expect(na.censored).toEqual(c.censored);
      na.times.forEach((_, i) => {
        close(na.cumulativeHazard[i], c.cumulativeHazard[i]!);
        close(na.stdErr[i], c.stdErr[i]!);
        close(na.variance[i], c.stdErr[i]! ** 2);
        close(na.survival[i], c.survival[i]!);
        // R bands exp(−H); as hazards, the upper survival bound gives the lower hazard bound.
        const up = c.upperSurvival[i]!;
        const lo = c.lowerSurvival[i]!;
        close(na.lower[i], up === null ? null : -Math.log(up));
        close(na.upper[i], lo === null || lo === 0 ? null : -Math.log(lo));
      });
    });
  }
});

describe("restrictedMeanSurvival against R's print(survfit, rmean)", () => {
  for (const c of ref.rmean) {
    it(`reproduces ${c.name} up to ${c.horizon}`, () => {
      const km = kaplanMeier(data[c.name]!.map((r) => ({ duration: r.time as number, event: died(c.name, r) })));
      const r = restrictedMeanSurvival(km, c.horizon);
      close(r.estimate, c.estimate);
      close(r.standardError, c.standardError);
      expect(r.horizon).toBe(c.horizon);
    });
  }
});
