// A minimal CSV reader for the reference fixtures (no quoting needed in them).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));
}

/** Rows of a headed CSV as records of numbers (every fixture column is numeric). */
export function readNumericCsv(rel: string): Record<string, number>[] {
  const [head, ...lines] = readFileSync(fixturePath(rel), "utf8").trim().split(/\r?\n/);
  const cols = head!.split(",");
  return lines.map((line) => {
    const f = line.split(",");
    const row: Record<string, number> = {};
    cols.forEach((c, i) => (row[c] = Number(f[i])));
    return row;
  });
}

/** Relative difference, safe at zero. */
export function relDiff(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
