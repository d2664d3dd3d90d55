// fitCoxPh and fitLogisticRegression against R's coxph and glm on the same data, run by hand (not in CI):
//   npx tsx bench/peers/regression-vs-r.ts            (1 M rows: Cox × 10 covariates, logistic × 20 features)
//   PEER_ROWS=200000 npx tsx bench/peers/regression-vs-r.ts
// The data are written to a temporary file of doubles that R reads with readBin (reading is not timed on either
// side); R times the fit alone with system.time. Prints both wall and CPU times, the ratios, and how far the coefficients
// agree. Without Rscript on the PATH, only this library's times are printed, with a notice.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fitCoxPh, fitLogisticRegression } from "../../src/index.js";
import { coxRows, logisticRows } from "./data.js";

const n = Number(process.env.PEER_ROWS ?? 1_000_000);
const repeats = Number(process.env.PEER_REPEATS ?? 2);
const dir = mkdtempSync(join(tmpdir(), "retention-kit-peers-"));

/** Best wall and CPU times of `repeats` runs after a first one, in ms, and the last result. */
function timed<T>(fn: () => T): { ms: number; cpu: number; result: T } {
  let best = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  let result = fn();
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    result = fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, performance.now() - t0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { ms: best, cpu, result };
}

/** Writes the columns as little-endian doubles, one column after another. */
function writeColumns(file: string, rows: readonly Readonly<Record<string, unknown>>[], names: readonly string[]): void {
  const buf = new Float64Array(rows.length * names.length);
  names.forEach((name, j) => rows.forEach((row, i) => (buf[j * rows.length + i] = Number(row[name]))));
  writeFileSync(file, new Uint8Array(buf.buffer));
}

const hasR = spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
if (!hasR) console.log("Rscript is not on the PATH: R's times are skipped (Debian: apt-get install r-base-core r-cran-survival).");

/** Runs an R script; returns its printed `name value` pairs. */
function runR(script: string): Record<string, number> {
  const file = join(dir, "fit.R");
  writeFileSync(file, script);
  const r = spawnSync("Rscript", [file], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
  const out: Record<string, number> = {};
  for (const line of r.stdout.split("\n")) {
    const [k, v] = line.trim().split(/\s+/);
    if (k !== undefined && v !== undefined) out[k] = Number(v);
  }
  return out;
}

const rows: string[] = [];
function report(name: string, ours: { ms: number; cpu: number }, r: { ms: number; cpu: number } | null, agree: number | null): void {
  const cell = (v: number | undefined): string => (v === undefined ? "–".padStart(8) : `${v.toFixed(0).padStart(6)} ms`);
  const ratio = (a: number, b: number | undefined): string => (b === undefined ? "–" : `${(a / b).toFixed(2)}×`).padStart(6);
  rows.push(`| ${name.padEnd(40)} | ${cell(ours.ms)} | ${cell(r?.ms)} | ${ratio(ours.ms, r?.ms)} | ${cell(ours.cpu)} | ${cell(r?.cpu)} | ${ratio(ours.cpu, r?.cpu)} | ${agree === null ? "–" : agree.toExponential(1)} |`);
}

try {
  {
    const p = 10;
    const { rows: data, covariates } = coxRows(n, p);
    const { ms, cpu, result } = timed(() => fitCoxPh(data, { covariates }));
    let rMs: { ms: number; cpu: number } | null = null;
    let agree: number | null = null;
    if (hasR) {
      const names = ["duration", "event", ...covariates];
      writeColumns(join(dir, "cox.bin"), data, names);
      const out = runR(`suppressMessages(library(survival))
n <- ${n}; v <- readBin("${join(dir, "cox.bin")}", "double", n * ${names.length}, endian = "little")
d <- as.data.frame(matrix(v, n)); names(d) <- c(${names.map((s) => `"${s}"`).join(", ")})
t <- system.time(fit <- coxph(Surv(duration, event) ~ ., data = d))
cat("ms", 1000 * t[["elapsed"]], "\\n"); cat("cpu", 1000 * (t[["user.self"]] + t[["sys.self"]]), "\\n"); for (k in names(coef(fit))) cat(k, sprintf("%.17g", coef(fit)[[k]]), "\\n")
`);
      rMs = { ms: out.ms!, cpu: out.cpu! };
      agree = Math.max(...covariates.map((c) => Math.abs(result.coefficients[c]! / out[c]! - 1)));
    }
    report(`fitCoxPh ${n / 1e6} M × ${p} (Efron, whole days)`, { ms, cpu }, rMs, agree);
  }
  {
    const q = 20;
    const { rows: data, features } = logisticRows(n, q);
    const { ms, cpu, result } = timed(() => fitLogisticRegression(data, { outcome: "churned", features }));
    let rMs: { ms: number; cpu: number } | null = null;
    let agree: number | null = null;
    if (hasR) {
      const names = ["churned", ...features];
      writeColumns(join(dir, "logistic.bin"), data, names);
      const out = runR(`n <- ${n}; v <- readBin("${join(dir, "logistic.bin")}", "double", n * ${names.length}, endian = "little")
d <- as.data.frame(matrix(v, n)); names(d) <- c(${names.map((s) => `"${s}"`).join(", ")})
t <- system.time(fit <- glm(churned ~ ., family = binomial, data = d))
cat("ms", 1000 * t[["elapsed"]], "\\n"); cat("cpu", 1000 * (t[["user.self"]] + t[["sys.self"]]), "\\n"); for (k in names(coef(fit))) cat(k, sprintf("%.17g", coef(fit)[[k]]), "\\n")
`);
      rMs = { ms: out.ms!, cpu: out.cpu! };
      agree = Math.max(...features.map((f) => Math.abs(result.coefficients[f]! / out[f]! - 1)), Math.abs(result.coefficients.intercept! / out["(Intercept)"]! - 1));
    }
    report(`fitLogisticRegression ${n / 1e6} M × ${q}`, { ms, cpu }, rMs, agree);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`node ${process.version}, best of ${repeats} after a first run; R: one run of system.time. CPU = user + system (a loaded machine slows wall times).`);
console.log(`| ${"fit".padEnd(40)} |     wall |   R wall |  ratio |      CPU |    R CPU |  ratio | coefficients vs R (max rel.) |`);
console.log(`| ${"-".repeat(40)} | -------: | -------: | -----: | -------: | -------: | -----: | ---: |`);
for (const r of rows) console.log(r);
