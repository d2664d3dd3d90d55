// Loads the bundled CDNOW sample (Fader, Hardie & Lee 2005): 6,919 purchases of 2,357 customers, 1997-01-01 to
// 1998-06-30. Columns: master id, sample id (1..2357), date YYYYMMDD, CDs bought, dollar value.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface CdnowRow {
  customerId: number;
  at: number;
  amount: number;
  cds: number;
}

export const CDNOW_SAMPLE_PATH = fileURLToPath(new URL("../data/CDNOW_sample.txt", import.meta.url));

/** Parses the whitespace-separated CDNOW sample file into transaction rows (dates as UTC epoch ms). */
export function loadCdnowSample(path: string = CDNOW_SAMPLE_PATH): CdnowRow[] {
  const rows: CdnowRow[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = f[2]!;
    const at = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)));
    rows.push({ customerId: Number(f[1]), at, amount: Number(f[4]), cds: Number(f[3]) });
  }
  return rows;
}
