// Every export is documented with a category and an @example, and every @example runs: lines followed by
// `// => value` are evaluated and compared with the value (numbers to the decimals shown).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = `${dir}${f}`;
    if (statSync(p).isDirectory()) return f === "internal" ? [] : files(`${p}/`);
    return f.endsWith(".ts") && f !== "index.ts" ? [p] : [];
  });
}

interface Doc {
  file: string;
  name: string;
  kind: string;
  comment: string | null;
}

function exportedDocs(file: string): Doc[] {
  const text = readFileSync(file, "utf8");
  const out: Doc[] = [];
  const re = /^export (?:declare )?(?:async )?(function|const|interface|type|class|enum) (\w+)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index).trimEnd();
    const comment = before.endsWith("*/") ? before.slice(before.lastIndexOf("/**")) : null;
    out.push({ file: file.slice(SRC.length), name: m[2]!, kind: m[1]!, comment });
  }
  return out;
}

/** Names a domain's index.ts re-exports: only those are public, so only those must be documented here. */
function publicNames(): Set<string> {
  const names = new Set<string>();
  for (const d of readdirSync(SRC)) {
    const index = `${SRC}${d}/index.ts`;
    if (d === "internal" || !statSync(`${SRC}${d}`).isDirectory()) continue;
    let text: string;
    try {
      text = readFileSync(index, "utf8");
    } catch {
      continue;
    }
    for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
      for (const part of m[1]!.split(",")) {
        const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!.trim();
        if (name) names.add(name);
      }
    }
  }
  return names;
}

const PUBLIC = publicNames();
const docs = files(SRC).flatMap(exportedDocs).filter((d) => PUBLIC.has(d.name));

function examples(comment: string): string[] {
  const body = comment
    .split("\n")
    .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, ""))
    .join("\n");
  const blocks: string[] = [];
  const re = /@example\s*```(?:ts|typescript|js)?\n([\s\S]*?)```/g;
  for (let m = re.exec(body); m; m = re.exec(body)) blocks.push(m[1]!);
  return blocks;
}

/** Rewrites `expr;\n// => value` into a check of expr against value. */
function instrument(code: string): string {
  const lines = code.split("\n");
  const out: string[] = [];
  let stmt: string[] = [];
  const isExpectation = (l: string | undefined): boolean => l !== undefined && /^\s*\/\/ => /.test(l);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isExpectation(line)) {
      let expectedText = line.replace(/^\s*\/\/ => /, "").trim();
      // An expectation may continue on comment lines indented under it.
      while (i + 1 < lines.length && /^\s*\/\/\s{2,}\S/.test(lines[i + 1]!)) expectedText += ` ${lines[++i]!.replace(/^\s*\/\//, "").trim()}`;
      const exprText = stmt.join("\n").trim().replace(/;\s*(\/\/.*)?$/, "");
      // A declaration or assignment shows its value in prose only; anything else is checked.
      if (exprText === "" || /^(const|let|var)\s/.test(exprText) || /^[\w$.]+\s*=[^=]/.test(exprText) || exprText.endsWith("}")) out.push(...stmt);
      else out.push(`__check(${exprText}, ${JSON.stringify(expectedText)});`);
      stmt = [];
      continue;
    }
    stmt.push(line);
    const t = line.trim();
    const ends = t === "" || t.endsWith(";") || t.endsWith("}") || t.startsWith("//");
    if (ends && !isExpectation(lines[i + 1])) {
      out.push(...stmt);
      stmt = [];
    }
  }
  out.push(...stmt);
  return out.join("\n");
}

function decimals(text: string): number {
  const m = /\.(\d+)(?:e|$)/i.exec(text);
  return m ? m[1]!.length : 0;
}

function looselyEqual(actual: unknown, expected: unknown, expectedText: string): boolean {
  if (typeof expected === "number" && typeof actual === "number") {
    const tol = 0.5 * 10 ** -decimals(expectedText) + 1e-12 * Math.abs(expected);
    return Math.abs(actual - expected) <= tol * 1.000001;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === actual.length && expected.every((e, i) => looselyEqual(actual[i], e, numberTexts(expectedText, i)));
  }
  if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    return Object.entries(expected).every(([k, v]) => looselyEqual((actual as Record<string, unknown>)[k], v, keyText(expectedText, k)));
  }
  return Object.is(actual, expected) || JSON.stringify(actual) === JSON.stringify(expected);
}
// For nested values we only need each number's own text to count decimals; a coarse approach: use the
// finest precision present anywhere in the expectation.
function numberTexts(text: string, _i: number): string {
  return finest(text);
}
function keyText(text: string, _k: string): string {
  return finest(text);
}
function finest(text: string): string {
  let best = 0;
  for (const m of text.matchAll(/\d+\.(\d+)/g)) best = Math.max(best, m[1]!.length);
  return best > 0 ? `0.${"0".repeat(best)}` : "0";
}

/** Parses an expectation, dropping trailing commentary such as `0.85 (the paper's 85 %)`. */
function parseExpected(text: string): { value: unknown; text: string } {
  const candidates = [text];
  for (let k = text.length; k > 0; k--) if (text[k] === " " && /^\s+[(—/]/.test(text.slice(k))) candidates.push(text.slice(0, k).trim());
  for (const c of candidates) {
    try {
      // eslint-disable-next-line no-new-func
      return { value: new Function(`return (${c});`)() as unknown, text: c };
    } catch {
      // try a shorter reading
    }
  }
  throw new Error(`cannot read the expectation ${text}`);
}

async function run(code: string, scope: Record<string, unknown>): Promise<void> {
  const js = ts.transpileModule(instrument(code), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const failures: string[] = [];
  const __check = (actual: unknown, expectedText: string): void => {
    const expected = parseExpected(expectedText);
    if (!looselyEqual(actual, expected.value, expected.text)) failures.push(`expected ${expectedText}, got ${JSON.stringify(actual)}`);
  };
  const names = Object.keys(scope);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...a: string[]) => (...v: unknown[]) => Promise<void>;
  const quiet = { ...console, log: () => {}, table: () => {} };
  await new AsyncFunction(...names, "__check", "console", js)(...names.map((n) => scope[n]), __check, quiet);
  if (failures.length) throw new Error(failures.join("\n"));
}

describe("documentation", () => {
  it("finds the exports it checks", () => {
    expect(docs.length).toBeGreaterThan(10);
  });

  it.each(docs.map((d) => [`${d.file} ${d.name}`, d] as const))("%s has TSDoc with @category and @example", (_n, d) => {
    expect(d.comment, "TSDoc comment").not.toBeNull();
    expect(d.comment).toMatch(/@example/);
    expect(d.comment).toMatch(/@category \w+/);
  });

  const runnable = docs.flatMap((d) => (d.comment ? examples(d.comment).map((code, i) => [`${d.file} ${d.name} #${i + 1}`, code] as const) : []));
  it.each(runnable)("%s: the @example runs and shows its result", async (_n, code) => {
    let plot: Record<string, unknown> = {};
    try {
      const plotEntry = "../src/plot/index.js"; // the plot subpath, once it exists
      plot = (await import(/* @vite-ignore */ plotEntry)) as Record<string, unknown>;
    } catch {
      plot = {};
    }
    await run(code, { ...plot, ...(root as Record<string, unknown>) });
  });
});
