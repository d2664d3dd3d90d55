// The shape of the source tree: no import cycles, and the summary in one folder that the rest composes.
// Imports are read from the text (`import … from "./x.js"`, `export … from`), type-only imports included
// where a rule says so: a cycle of types still ties files together for a reader.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

interface Edge {
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Each file's relative imports, as paths relative to src/ (`summary/types.ts`). */
function importGraph(): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const edges: Edge[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?\sfrom\s+"(\.[^"]+)"/gms)) {
      const target = resolve(dirname(file), m[2]!.replace(/\.js$/, ".ts"));
      edges.push({ to: relative(SRC, target), typeOnly: m[1] !== undefined });
    }
    graph.set(relative(SRC, file), edges);
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan), over the edges `keep` accepts. */
export function cycles(graph: Map<string, Edge[]>, keep: (e: Edge) => boolean): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const e of graph.get(v) ?? []) {
      if (!keep(e) || !graph.has(e.to)) continue;
      if (!index.has(e.to)) {
        visit(e.to);
        low.set(v, Math.min(low.get(v)!, low.get(e.to)!));
      } else if (onStack.has(e.to)) low.set(v, Math.min(low.get(v)!, index.get(e.to)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

const graph = importGraph();
const runtime = (e: Edge): boolean => !e.typeOnly;

describe("the import graph of src/", () => {
  it("finds a cycle when there is one (the check itself)", () => {
    const g = new Map<string, Edge[]>([
      ["a.ts", [{ to: "b.ts", typeOnly: true }]],
      ["b.ts", [{ to: "c.ts", typeOnly: false }]],
      ["c.ts", [{ to: "a.ts", typeOnly: false }]],
      ["d.ts", [{ to: "a.ts", typeOnly: false }]],
    ]);
    expect(cycles(g, () => true)).toEqual([["a.ts", "b.ts", "c.ts"]]);
    expect(cycles(g, runtime)).toEqual([]);
    expect(graph.size).toBeGreaterThan(100);
  });

  it("has no cycle of runtime imports", () => {
    expect(cycles(graph, runtime)).toEqual([]);
  });

  it("has no cycle, not even of types, through the summary", () => {
    expect(cycles(graph, () => true).filter((c) => c.some((f) => f.startsWith("summary/")))).toEqual([]);
  });

  it("keeps the summary's code in src/summary: the shared helpers never import it or the engine", () => {
    const wrong: string[] = [];
    for (const [file, edges] of graph) {
      if (!file.startsWith("internal/") && !file.startsWith("data/")) continue;
      for (const e of edges) if (e.to.startsWith("summary/") || e.to.startsWith("engine/")) wrong.push(`${file} → ${e.to}`);
    }
    expect(wrong).toEqual([]);
  });

  it("lets the engine reach the summary only through its public files", () => {
    const wrong: string[] = [];
    for (const [file, edges] of graph) {
      if (!file.startsWith("engine/")) continue;
      for (const e of edges) if (e.to.startsWith("summary/internal/")) wrong.push(`${file} → ${e.to}`);
    }
    expect(wrong).toEqual([]);
  });

  it("lets other domains share only the summary's state, no other summary internal", () => {
    const used = new Set<string>();
    for (const [file, edges] of graph) {
      if (file.startsWith("summary/")) continue;
      for (const e of edges) if (e.to.startsWith("summary/internal/")) used.add(e.to);
    }
    expect([...used].sort()).toEqual(["summary/internal/summaryState.ts"]);
  });
});
