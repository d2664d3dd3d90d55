// Runs every `@example` of the retention domain's TSDoc and checks each `// => value` line against the
// value of the statement just before it, so the documented results cannot drift from the code.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";

const dir = fileURLToPath(new URL("../../src/retention/", import.meta.url));

function examples(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
    out.push(m[1]!.split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join("\n"));
  }
  return out;
}

/** Rewrites `stmt;\n// => value` into a recorded comparison. */
function instrument(code: string): { js: string; checks: number } {
  const lines = code.split("\n");
  const out: string[] = [];
  let stmtStart = 0;
  let depth = 0;
  let last: { from: number; to: number } | null = null;
  let checks = 0;
  for (const line of lines) {
    const expectMatch = /^\s*\/\/ => (.*)$/.exec(line);
    if (expectMatch) {
      if (last === null) throw new Error(`no statement before ${line}`);
      const stmt = out.slice(last.from, last.to + 1).join("\n").replace(/;\s*$/, "");
      out.splice(last.from, last.to - last.from + 1, `__check(${stmt.replace(/^\s*(const|let) \w+(: [^=]+)? = /, "")}, ${expectMatch[1]});`);
      checks++;
      stmtStart = out.length;
      last = null;
      continue;
    }
    out.push(line);
    const code = line.replace(/\/\/.*$/, "").replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const ch of code) {
      if ("([{".includes(ch)) depth++;
      else if (")]}".includes(ch)) depth--;
    }
    if (depth === 0 && /;\s*(\/\/.*)?$/.test(line)) {
      last = { from: stmtStart, to: out.length - 1 };
      stmtStart = out.length;
    }
  }
  return { js: ts.transpileModule(out.join("\n"), { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText, checks };
}

describe("retention TSDoc examples", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
    const blocks = examples(readFileSync(dir + file, "utf8"));
    blocks.forEach((block, i) => {
      it(`${file} example ${i + 1} runs and shows its real result`, () => {
        const { js } = instrument(block);
        const seen: [unknown, unknown][] = [];
        const names = Object.keys(lib);
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        new Function("__check", ...names, js)((a: unknown, b: unknown) => seen.push([a, b]), ...names.map((n) => (lib as Record<string, unknown>)[n]));
        for (const [actual, expected] of seen) expect(actual).toEqual(expected);
      });
    });
  }
  it("covers every exported retention function with at least one checked result", () => {
    let checks = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
      for (const block of examples(readFileSync(dir + file, "utf8"))) checks += instrument(block).checks;
    }
    expect(checks).toBeGreaterThanOrEqual(15);
  });
});
