// The browser example works in a real browser: headless Chromium loads examples/browser/ from a loopback
// HTTP server over the repository, a CSV of the CDNOW sample goes in through the file input, and the page
// shows the right numbers and five SVG charts. Without Chromium the test is skipped with a notice, unless
// CI=true, where a missing browser is a failure.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBuild, ROOT } from "./deno.js";

// Debian's package; CHROMIUM_PATH points elsewhere (or at nothing, to see the skip).
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env["CI"] === "true") throw new Error(`${CHROMIUM} is missing (CI=true): install Debian's chromium`);
if (!available) console.warn(`notice: ${CHROMIUM} not found, skipping the browser example test (apt-get install chromium)`);

/** The CDNOW sample (master id, customer id, YYYYMMDD, CDs, dollars) as the CSV a user would upload. */
function cdnowCsv(): string {
  const rows = readFileSync(join(ROOT, "examples/data/CDNOW_sample.txt"), "utf8").trim().split("\n");
  return ["Customer_ID,Date,Amount", ...rows.map((l) => {
    const [, id, d, , dollars] = l.trim().split(/\s+/) as [string, string, string, string, string];
    return `"${id}",${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)},${dollars}`;
  })].join("\r\n");
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".map": "application/json", ".txt": "text/plain", ".css": "text/css" };

/** Serves the repository's files read-only on 127.0.0.1 (random port). */
function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(ROOT, path, path.endsWith("/") ? "index.html" : "");
    if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe.skipIf(!available)("examples/browser in headless Chromium", () => {
  let server: Server;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    requireBuild();
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("computes summaries, cohorts, RFM and Kaplan–Meier from an uploaded CSV and draws the charts", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${base}/examples/browser/`);
    const csv = cdnowCsv();
    await page.setInputFiles("#file", { name: "cdnow.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.waitForSelector("#status:has-text('Done')", { timeout: 30_000 });
    expect(errors).toEqual([]);
    expect(await page.textContent("#customers")).toBe("2357");
    expect(await page.textContent("#transactions")).toBe("6919");
    expect(await page.textContent("#revenue")).toBe("244,092") // awk: sum of column 5 = 244091.94;
    expect(await page.textContent("#repeat")).toBe("48.3%");
    expect(await page.textContent("#median")).toBe("not reached"); // 51 % have not bought again by week 78
    expect(await page.locator("#survival-chart svg").textContent()).toContain("2357"); // at risk at week 0
    for (const id of ["cohort-chart", "survival-chart", "rfm-chart", "pareto-chart"]) {
      expect(await page.locator(`#${id} > svg`).count(), id).toBe(1);
      expect(await page.locator(`#${id} svg *`).count(), id).toBeGreaterThan(20);
    }
    expect(await page.textContent("#cohort-table")).toMatch(/^cohort\s+size/);
    expect(await page.textContent("#cohort-table")).toContain("1997-01   781");
    expect(await page.textContent("#rfm-table")).toMatch(/Champions\s+\d+/);
    // Switching to weekly cohorts redraws from the same data.
    await page.selectOption("#cohort", "week");
    expect(await page.textContent("#cohort-table")).toContain("1997-01-06   168");
    // The sample button fetches and converts the same data in the page.
    await page.click("#sample");
    await page.waitForSelector("#status:has-text('Done: CDNOW sample')");
    expect(await page.textContent("#customers")).toBe("2357");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("explains a CSV without the expected columns instead of failing silently", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/examples/browser/`);
    await page.setInputFiles("#file", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("who,when\na,2024-01-01\n") });
    await page.waitForSelector("#error:has-text('column')");
    expect(await page.textContent("#error")).toMatch(/No customer id column|No date column|No amount column/);
    expect(await page.locator("#results").isHidden()).toBe(true);
    await page.close();
  });
});
