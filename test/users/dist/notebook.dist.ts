// examples/notebook.ipynb cannot rot: its code cells, in order, run under Deno against the built package
// (as the Deno Jupyter kernel would, from examples/), type-checked, and every chart cell yields an SVG.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deno, requireBuild, ROOT } from "./deno.js";

interface Cell {
  cell_type: string;
  source: string[] | string;
}
const nb = JSON.parse(readFileSync(join(ROOT, "examples/notebook.ipynb"), "utf8")) as {
  cells: Cell[];
  metadata: { kernelspec: Record<string, string> };
};
const text = (c: Cell): string => (Array.isArray(c.source) ? c.source.join("") : c.source);
const code = nb.cells.filter((c) => c.cell_type === "code").map(text);

beforeAll(requireBuild);

describe("examples/notebook.ipynb", () => {
  it("declares the Deno kernel", () => {
    expect(nb.metadata.kernelspec).toEqual({ name: "deno", language: "typescript", display_name: "Deno" });
  });

  it("says in its first markdown cell how to run it from a checkout", () => {
    const first = nb.cells.find((c) => c.cell_type === "markdown")!;
    expect(text(first)).toContain("npm run build");
    expect(text(first)).toContain("../dist/index.js");
  });

  it("runs every code cell under Deno and draws each chart", () => {
    // A cell's last line `displaySvg(...)` is what the kernel draws; collect those values to check them.
    const cells = code.map((c) => {
      const lines = c.trimEnd().split("\n");
      const last = lines.length - 1;
      if (lines[last]!.startsWith("displaySvg(")) lines[last] = `__shown.push(${lines[last]!.replace(/;$/, "")});`;
      return lines.join("\n");
    });
    const program = [
      ...cells.slice(0, 1),
      "const __shown: { svg: string }[] = [];",
      ...cells.slice(1),
      'console.log("__charts", JSON.stringify(__shown.map((s) => [s.svg.slice(0, 4), s.svg.trimEnd().slice(-6), s.svg.length])));',
    ].join("\n\n");
    const r = deno("run", ["--allow-read=.", "--check", "--ext=ts", "-"], join(ROOT, "examples"), program);
    expect(r.stderr.replace(/Check .*\n?/g, "")).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("6919 transactions");
    expect(r.stdout).toContain("2357 customers, 1218 bought on one day only");
    expect(r.stdout).toContain("r: 0.24259");
    expect(r.stdout).toContain("12-month CLV of all 2357 customers: $71508");
    const charts = JSON.parse(r.stdout.split("__charts ")[1]!) as [string, string, number][];
    expect(charts).toHaveLength(5);
    for (const [head, tail, size] of charts) {
      expect(head).toBe("<svg");
      expect(tail).toBe("</svg>");
      expect(size).toBeGreaterThan(2000);
    }
  });
});
