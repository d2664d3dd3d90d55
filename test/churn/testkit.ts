// Test helpers of the engagement domains: running the @example blocks of source files (each
// `expr; // => value` pair must hold) and catching coded errors.
import { readFileSync } from "node:fs";
import ts from "typescript";
import * as api from "../../src/index.js";

export interface ExampleCase {
  name: string;
  run: () => void;
}

/** The example blocks of a source file, as runnable cases. */
export function exampleCases(file: string): ExampleCase[] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
  const cases: ExampleCase[] = [];
  const blocks = text.matchAll(/@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```ts\n((?:\s*\*.*\n)*?)\s*\*\s*```/g);
  let n = 0;
  for (const m of blocks) {
    const lines = m[2]!.split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    const out: string[] = [];
    let checks = 0;
    for (const line of lines) {
      const expect = /^\s*\/\/ => (.*)$/.exec(line);
      if (!expect) {
        out.push(line);
        continue;
      }
      let k = out.length - 1;
      while (k >= 0 && out[k]!.trim() === "") k--;
      const prev = out[k]!.replace(/\s*\/\/.*$/, "").trim();
      if (!prev.endsWith(";")) throw new Error(`${file}: example line before "// =>" must be one statement: ${prev}`);
      out[k] = `__check(${prev.slice(0, -1)}, ${JSON.stringify(expect[1]!.trim())});`;
      checks++;
    }
    const js = ts.transpileModule(out.join("\n"), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
    const names = Object.keys(api);
    const check = (actual: unknown, expected: string): void => {
      const want: unknown = Function(`return (${expected});`)();
      const got = JSON.stringify(actual);
      if (got !== JSON.stringify(want)) throw new Error(`expected ${JSON.stringify(want)}, got ${got}`);
    };
    n++;
    cases.push({
      name: `${file} example ${n} (${checks} checks)`,
      run: () => {
        const logs: unknown[] = [];
        Function("__check", "console", ...names, js)(check, { log: (...a: unknown[]) => logs.push(a) }, ...names.map((k) => (api as Record<string, unknown>)[k]));
      },
    });
  }
  const declared = text.split("@example").length - 1;
  if (cases.length !== declared) throw new Error(`${file}: ${declared} @example tags but ${cases.length} runnable blocks`);
  return cases;
}

/** Runs `f` and returns the RetentionKitError it throws (fails when it throws nothing or something else). */
export function thrown(f: () => unknown): { code: string; path: string | null; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof api.RetentionKitError) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
  throw new Error("did not throw");
}
