// Every TypeScript block of README.md (and of docs/sql.md, the other page a newcomer copies from outside the
// guides) is a self-contained program: each block on its own (no names from an earlier block) must
// type-check under strict settings and run against the library, and each `// => value` line must match what
// the statement above it evaluates to.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, againstSources, instrument, runChecked, tsBlocks, typeProblems } from "./snippets.js";

const TMP = mkdtempSync(join(tmpdir(), "rk-readme-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const SQL_PAGE = readFileSync(join(ROOT, "docs/sql.md"), "utf8");
const blocks = [
  ...tsBlocks(README).map((code, i) => ({ name: `README block ${i + 1}`, code: instrument(againstSources(code)), raw: code })),
  ...tsBlocks(SQL_PAGE).map((code, i) => ({ name: `sql.md block ${i + 1}`, code: instrument(againstSources(code)), raw: code })),
];
const fileOf = (name: string): string => name.replace(/[^\w]+/g, "-");

describe("README.md", () => {
  it("has its examples as ```ts blocks, each showing a checked result", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const b of blocks) expect(b.raw, b.name).toMatch(/^\s*\/\/ => /m);
  });

  it("every block type-checks on its own under strict settings", () => {
    const files = blocks.map((b) => {
      const file = join(TMP, `${fileOf(b.name)}.ts`);
      writeFileSync(file, `export {};\n${b.code}`);
      return file;
    });
    expect(typeProblems(files, TMP)).toEqual([]);
  }, 60_000);

  it.each(blocks.map((b) => [b.name, b] as const))("%s runs on its own and shows its results", async (name, b) => {
    expect(await runChecked(join(TMP, `run-${fileOf(name)}.ts`), b.code)).toEqual([]);
  });

  it("says how to install before the package is published and runs Deno through npx", () => {
    expect(README).toContain("npm pack");
    expect(README).toContain("npm install ./retention-kit-0.0.0.tgz");
    expect(README).toMatch(/npx deno run/);
    expect(README).not.toMatch(/(^|[^x] )deno run/m);
  });
});
