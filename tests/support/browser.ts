import { chromium, type Browser, type Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "../../db/demoOrgs";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };
export const SCREENSHOT_DIR = path.resolve("tests/screenshots");

/** Debian's chromium, headless, with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

/** Full-page screenshots at phone and desktop size, for people to look at (tests/screenshots/). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [label, size] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await page.setViewportSize(size);
    // A sticky header would otherwise be painted mid-page in a full-page capture.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Sign in through the login page as a demo person (every demo account shares one password). */
export async function signIn(page: Page, baseUrl: string, mobile: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/手机号|Mobile/i).fill(mobile);
  await page.getByLabel(/密码|Password/i).fill(password);
  await page.getByLabel(/密码|Password/i).press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
