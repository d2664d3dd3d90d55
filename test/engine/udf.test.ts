import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { build } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as root from "../../src/index.js";
import { udfBuild } from "../../tsup.config.js";

// Builds dist/udf/retention-kit.js with the package's own UDF options (into a temporary folder, so the test
// does not depend on `npm run build` having run) and loads it into a bare V8 context: no require, no
// process, no module system, no DOM — what a warehouse JavaScript UDF sandbox offers.
let dir: string;
let code: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rk-udf-"));
  await build({ ...udfBuild, outDir: dir, silent: true, config: false });
  code = readFileSync(join(dir, "retention-kit.js"), "utf8");
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sandbox(): Record<string, unknown> {
  const context = createContext({});
  runInContext(code, context, { filename: "retention-kit.js" });
  return context;
}

describe("the UDF build", () => {
  it("is one classic script: no import, export or require", () => {
    const source = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect(source).not.toMatch(/\brequire\s*\(/);
    expect(source).not.toMatch(/\b(process|window|document|globalThis\.process)\.|\bBuffer\b/);
    expect(source.trimStart().startsWith("var retentionKit = ")).toBe(true);
  });

  it("defines a global retentionKit with the same exports as the package root", () => {
    const context = sandbox();
    expect(runInContext("typeof require + typeof process + typeof module", context)).toBe("undefinedundefinedundefined");
    const kit = context.retentionKit as Record<string, unknown>;
    expect(Object.keys(kit).sort()).toEqual(Object.keys(root).sort());
  });

  it("summarises transactions inside the sandbox exactly as the package does", () => {
    const context = sandbox();
    const rows = [
      { customerId: "a", at: "2024-01-01", amount: 10 },
      { customerId: "a", at: "2024-01-15", amount: 20 },
      { customerId: "b", at: "2024-01-10", amount: 8 },
    ];
    const options = { observationEnd: "2024-01-31", unit: "week" };
    context.input = JSON.stringify({ rows, options });
    const out = runInContext(
      `(() => { const { rows, options } = JSON.parse(input);
        return JSON.stringify(retentionKit.summarizeTransactions(rows, options)); })()`,
      context,
    ) as string;
    expect(JSON.parse(out)).toEqual(root.summarizeTransactions(rows, { observationEnd: "2024-01-31", unit: "week" }));
  });

  it("throws the library's coded errors inside the sandbox", () => {
    const context = sandbox();
    const result = runInContext(
      `(() => { try { retentionKit.summarizeTransactions([{ customerId: 1, at: "1997-13-01" }], { observationEnd: 0 }); }
        catch (e) { return [e instanceof retentionKit.RetentionKitError, e.code, e.path].join(" "); } })()`,
      context,
    );
    expect(result).toBe("true INVALID_DATE transactions[0].at");
  });

  it("scores customers inside the sandbox exactly as the package does", () => {
    const context = sandbox();
    const rows = [
      { customerId: "a", at: "2024-01-01", amount: 10 },
      { customerId: "a", at: "2024-03-15", amount: 20 },
      { customerId: "a", at: "2024-06-01", amount: 25 },
      { customerId: "b", at: "2024-01-10", amount: 8 },
      { customerId: "b", at: "2024-02-10", amount: 12 },
      { customerId: "c", at: "2024-06-20", amount: 40 },
    ];
    const config = { rfm: { bins: 3 } };
    context.input = JSON.stringify({ rows, config });
    const out = runInContext(
      `(() => { const { rows, config } = JSON.parse(input);
        return JSON.stringify(retentionKit.scoreCustomers({ transactions: rows, observationEnd: "2024-06-30" }, config)); })()`,
      context,
    ) as string;
    expect(out).toBe(JSON.stringify(root.scoreCustomers({ transactions: rows, observationEnd: "2024-06-30" }, config)));
    expect((JSON.parse(out) as { customers: unknown[] }).customers).toHaveLength(3);
  });
});
