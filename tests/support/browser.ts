import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "../../db/demoOrgs";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };
export const SCREENSHOT_DIR = path.resolve("tests/screenshots");

const pageErrors: string[] = [];

/**
 * Debian's chromium, headless, with the flags this machine's closed network needs.
 * Every page opened in it reports uncaught errors (hydration mismatches included) to
 * takePageErrors(); tests/support/pageErrorsSetup.ts fails the test that caused them.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
  // Browser.newPage opens its context through newContext, so this covers both.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>): Promise<BrowserContext> => {
    const context = await newContext(...args);
    context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
    return context;
  };
  return browser;
}

/** Uncaught errors of every page since the last call (and forget them). */
export function takePageErrors(): string[] {
  return pageErrors.splice(0);
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

/** Pick an option of an antd Select by its visible text (typed first when `search`: long lists are virtual and searchable). */
export async function chooseOption(page: Page, label: string, option: string, search = false): Promise<void> {
  const select = page.locator(".ant-select", { has: page.getByLabel(label, { exact: true }) }).first();
  // On a loaded machine a click can land while the drop-down is still opening; check it took, and try again.
  for (let attempt = 1; ; attempt++) {
    await page.getByLabel(label, { exact: true }).first().click();
    if (search) await page.keyboard.type(option);
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").getByTitle(option, { exact: true }).click();
    try {
      await select.locator(".ant-select-selection-item", { hasText: option }).first().waitFor({ timeout: 5000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press("Escape");
    }
  }
}

/** Sign the form's signature pad with a finger-like stroke and wait until it counts as signed. */
export async function signWithFinger(page: Page): Promise<void> {
  const pad = page.locator("canvas.nj-signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 120);
  await page.mouse.down();
  for (const [dx, dy] of [[60, 40], [100, 130], [150, 60], [200, 120], [260, 50], [300, 110]]) await page.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  await page.mouse.up();
  await page.getByText("已签名").first().waitFor();
}
