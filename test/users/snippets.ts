// Running the TypeScript blocks of Markdown pages (the guides, the README) as real code: blocks become
// modules that must type-check (strict, as users compile) and run against the library, and each
// `// => value` line under a statement must match what the statement evaluates to (numbers to the
// decimals shown). `"retention-kit"` and `"retention-kit/plot"` resolve to the sources; relative paths are
// from the repo root.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The ```ts blocks of a Markdown page, in order. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

/** Code with the package specifiers pointed at the sources. */
export function againstSources(code: string): string {
  return code
    .replaceAll('"retention-kit/plot"', JSON.stringify(join(ROOT, "src/plot/index.ts")))
    .replaceAll('"retention-kit"', JSON.stringify(join(ROOT, "src/index.ts")));
}

/** `expr;` followed by `// => value` becomes a recorded comparison (declarations only show their value). */
export function instrument(code: string): string {
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

/** Type-checks the files under strict settings; the problems found in them (paths relative to `dir`). */
export function typeProblems(files: string[], dir: string): string[] {
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
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => `${d.file!.fileName.slice(dir.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

/**
 * Writes instrumented code to `file`, imports it and returns the `// =>` lines that did not match. The
 * module's console output is silenced.
 */
export async function runChecked(file: string, code: string): Promise<string[]> {
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
  writeFileSync(file, code);
  const log = console.log;
  console.log = () => {};
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    console.log = log;
  }
  return failures;
}
