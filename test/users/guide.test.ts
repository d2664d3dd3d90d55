// Every TypeScript block in docs/guide/*.md is real code: a page's blocks, in order, form one module that
// must type-check (strict, as users compile) and run against the library, and each `// => value` line
// under a statement must match what the statement evaluates to (numbers to the decimals shown).
// `"retention-kit"` and `"retention-kit/plot"` resolve to the sources; relative paths are from the repo root.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GUIDE = join(ROOT, "docs/guide");
const TMP = mkdtempSync(join(tmpdir(), "rk-guide-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pages = readdirSync(GUIDE).filter((f) => f.endsWith(".md") && f !== "README.md").sort();

/** The page's ```ts blocks joined, with the package specifiers pointed at the sources. */
function pageProgram(markdown: string): string {
  const blocks = [...markdown.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  return blocks
    .join("\n")
    .replaceAll('"retention-kit/plot"', JSON.stringify(join(ROOT, "src/plot/index.ts")))
    .replaceAll('"retention-kit"', JSON.stringify(join(ROOT, "src/index.ts")));
}

/** `expr;` followed by `// => value` becomes a recorded comparison (declarations only show their value). */
function instrument(code: string): string {
  const lines = code.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    const m = next === undefined ? null : /^(\s*)\/\/ => (.*)$/.exec(next);
    const line = lines[i]!;
    if (m && /;\s*$/.test(line) && !/^\s*(const|let|var|import|export)\s/.test(line)) {
      const expr = line.replace(/;\s*$/, "");
      out.push(`(globalThis as any).__check(${expr}, ${JSON.stringify(m[2]!.trim())});`, next!);
      i++;
    } else out.push(line);
  }
  return out.join("\n");
}

function decimals(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/\d\.(\d+)/g)) best = Math.max(best, m[1]!.length);
  return best;
}

function loosely(actual: unknown, expected: unknown, places: number): boolean {
  if (typeof expected === "number" && typeof actual === "number") return Math.abs(actual - expected) <= 0.5 * 10 ** -places + 1e-12;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => loosely(actual[i], e, places));
  if (expected && typeof expected === "object") {
    return !!actual && typeof actual === "object" && Object.entries(expected).every(([k, v]) => loosely((actual as Record<string, unknown>)[k], v, places));
  }
  return Object.is(actual, expected);
}

const sources = new Map(pages.map((p) => [p, instrument(pageProgram(readFileSync(join(GUIDE, p), "utf8")))]));

describe("docs/guide", () => {
  it("has the task pages", () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });

  it("every page's code type-checks under strict settings", () => {
    const files = pages.map((p) => {
      const file = join(TMP, p.replace(/\.md$/, ".ts"));
      writeFileSync(file, `export {};\n${sources.get(p)!}`);
      return file;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      noEmit: true,
      lib: ["lib.es2023.d.ts"],
      types: ["node"],
      typeRoots: [join(ROOT, "node_modules/@types")],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map((d) => `${d.file!.fileName.slice(TMP.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(pages)("%s runs and shows its results", async (page) => {
    const failures: string[] = [];
    (globalThis as Record<string, unknown>)["__check"] = (actual: unknown, text: string) => {
      let expected: unknown;
      try {
        expected = new Function(`return (${text});`)();
      } catch {
        expected = text; // a bare word or phrase: compare as a string
      }
      if (!loosely(actual, expected, decimals(text))) failures.push(`expected ${text}, got ${JSON.stringify(actual)}`);
    };
    const file = join(TMP, `run-${page.replace(/\.md$/, ".ts")}`);
    writeFileSync(file, sources.get(page)!);
    const log = console.log;
    console.log = () => {};
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      console.log = log;
    }
    expect(failures).toEqual([]);
  });
});
