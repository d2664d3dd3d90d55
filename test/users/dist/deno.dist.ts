// The built package works under Deno, offline: an example runs and prints the paper's BG/NBD parameters,
// and the declaration files type-check (including a deliberate misuse that must fail).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deno, requireBuild, ROOT } from "./deno.js";

beforeAll(requireBuild);

describe("Deno", () => {
  it("runs examples/deno/cdnow.js against dist/ and reproduces the CDNOW numbers", () => {
    const r = deno("run", ["--allow-read=.", "--check", "examples/deno/cdnow.js"]);
    expect(r.stderr.replace(/Check .*\n?/g, "")).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("6919 transactions, 2357 customers");
    expect(r.stdout).toContain("BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426");
    expect(r.stdout).toMatch(/Champions\s+322/);
    expect(existsSync(join(ROOT, "deno.lock")), "no lockfile written to the repo").toBe(false);
  });

  it("type-checks dist/index.d.ts and dist/plot.d.ts", () => {
    const r = deno("check", ["dist/index.d.ts", "dist/plot.d.ts"]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
  });

  it("rejects a call that does not match the published types", () => {
    const dir = mkdtempSync(join(tmpdir(), "rk-deno-bad-"));
    try {
      const file = join(dir, "bad.ts");
      writeFileSync(
        file,
        `// @deno-types="${join(ROOT, "dist/index.d.ts")}"\nimport { fitBgNbd } from "${join(ROOT, "dist/index.js")}";\n` +
          `const r: string = fitBgNbd([{ frequency: 1, recency: 2, T: 3 }]).params.r;\nconsole.log(r);\n`,
      );
      const r = deno("check", [file]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/TS2322/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
