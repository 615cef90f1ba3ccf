/**
 * The 200-field form (bench/bigForm.ts) in Debian's chromium at phone size: the page is built by
 * Vite for production (as the app ships), opened at 390×844 with touch, and measured without and
 * with the CPU slowed 4× (Chrome's own "mid-tier phone" setting). Prints when the form first shows
 * and when every field is, and the time from a key press until the next frame, typing into a text
 * field, a number field and a 明细表 cell that computed fields read. Needs /usr/bin/chromium (apt-get install -y chromium).
 *   npm run bench:forms-phone
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "vite";
import type { Browser, Locator } from "playwright-core";
import { launchChromium, PHONE } from "../tests/support/browser";

const root = path.resolve("bench/formsPhone");
const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };

async function buildPage(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), "niangjia-forms-phone-"));
  await build({ root, configFile: false, logLevel: "error", esbuild: { jsx: "automatic" }, build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 10_000 } });
  return outDir;
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = path.join(dir, req.url === "/" ? "index.html" : path.normalize(req.url ?? "").replace(/^(\.\.[/\\])+/, ""));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end(); // the region picker's /regions requests: not part of what is measured
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, p95 ${s[Math.min(s.length - 1, Math.floor(s.length * 0.95))].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms (${s.length} keys)`;
};

async function measure(browser: Browser, url: string, cpuSlowdown: number): Promise<void> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: "zh-CN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { figures: { allMs?: number } }).figures?.allMs !== undefined, undefined, { timeout: 120_000 });
  const { mountMs, allMs } = await page.evaluate(() => (window as unknown as { figures: { mountMs: number; allMs: number } }).figures);
  const typeInto = async (input: Locator, text: string) => {
    await page.evaluate(() => ((window as unknown as { figures: { keyMs: number[] } }).figures.keyMs = []));
    await input.scrollIntoViewIfNeeded();
    await input.click();
    await input.press("End");
    await page.keyboard.type(text, { delay: 120 }); // a quick thumb: about 8 keys a second
    await page.waitForTimeout(300);
    return page.evaluate(() => (window as unknown as { figures: { keyMs: number[] } }).figures.keyMs);
  };
  const textKeys = await typeInto(page.getByLabel("字段1-1", { exact: true }), "abcdefghijklmnopqrst");
  const numberKeys = await typeInto(page.getByLabel("字段5-3", { exact: true }), "1234567890");
  const tableKeys = await typeInto(page.locator('[id$="members-0-income"]'), "0123456789"); // feeds 家庭总收入 and 人均, and the rule on it
  console.log(`CPU ${cpuSlowdown}× slower:`);
  console.log(`  form shows (render start → painted): ${mountMs.toFixed(0)} ms; every field shown: ${allMs.toFixed(0)} ms`);
  console.log(`  typing in a text field:  ${stats(textKeys)}`);
  console.log(`  typing in a number field: ${stats(numberKeys)}`);
  console.log(`  typing in a 明细表 cell that computed fields read: ${stats(tableKeys)}`);
  await context.close();
}

const dir = await buildPage();
const { server, url } = await serve(dir);
const browser = await launchChromium();
try {
  console.log("200-field form (bench/bigForm.ts), one page, in chromium at 390×844, production build");
  for (const slowdown of [1, 4]) await measure(browser, url, slowdown);
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
