// What every demo section receives: the bundled sample, loaded once.
import type { CdnowRow } from "../lib/cdnow.js";

export interface DemoContext {
  /** CDNOW sample transactions. */
  transactions: CdnowRow[];
  /** End of the 39-week calibration period used in the literature. */
  calibrationEnd: string;
  /** End of the data (78 weeks). */
  observationEnd: string;
  /** Writes a line of the report. */
  print: (line?: string) => void;
}
