// Every TypeScript block in docs/guide/*.md is real code: a page's blocks, in order, form one module that
// must type-check (strict, as users compile) and run against the library, and each `// => value` line
// under a statement must match what the statement evaluates to (numbers to the decimals shown).
// `"retention-kit"` and `"retention-kit/plot"` resolve to the sources; relative paths are from the repo root.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, againstSources, instrument, runChecked, tsBlocks, typeProblems } from "./snippets.js";

const GUIDE = join(ROOT, "docs/guide");
const TMP = mkdtempSync(join(tmpdir(), "rk-guide-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pages = readdirSync(GUIDE).filter((f) => f.endsWith(".md") && f !== "README.md").sort();

/** The page's ```ts blocks joined, with the package specifiers pointed at the sources. */
function pageProgram(markdown: string): string {
  return againstSources(tsBlocks(markdown).join("\n"));
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
    expect(typeProblems(files, TMP)).toEqual([]);
  }, 60_000);

  it.each(pages)("%s runs and shows its results", async (page) => {
    const failures = await runChecked(join(TMP, `run-${page.replace(/\.md$/, ".ts")}`), sources.get(page)!);
    expect(failures).toEqual([]);
  });
});
