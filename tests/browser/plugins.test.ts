import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DESKTOP, launchChromium, shoot, signIn } from "../support/browser";
import { startBuiltServer } from "../support/runServer";

let server: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;

beforeAll(async () => {
  // The example plugin is loaded only on request; it starts switched off everywhere.
  process.env.NIANGJIA_EXAMPLE_PLUGIN = "1";
  server = await startBuiltServer();
  delete process.env.NIANGJIA_EXAMPLE_PLUGIN;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What a worker's portal lists, fetched with their session (server-rendered HTML). */
async function portalOf(mobile: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.url, mobile);
  const html = await (await page.request.get(`${server.url}/portal`)).text();
  await context.close();
  return html;
}

describe("plugins page in a real browser", () => {
  it("an admin switches the example plugin on for 湖里区: 湖里 workers see its program, 思明 workers do not", async () => {
    expect(server.output()).toContain("example@1.0.0");
    expect(await portalOf("13900000001")).not.toContain("住院慰问登记");

    const page = await browser.newPage({ viewport: DESKTOP });
    page.on("pageerror", (e) => console.error("page error:", e));
    await signIn(page, server.url, "13800000000");
    await page.getByRole("link", { name: "插件" }).click();
    await page.waitForURL(/\/admin\/plugins/);
    const toggle = page.locator('[data-plugin="example"]').getByRole("switch", { name: /湖里区总工会/ });
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("false");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("true");
    await page.reload();
    await expect.poll(() => page.locator('[data-plugin="example"]').getByRole("switch").getAttribute("aria-checked")).toBe("true");
    await shoot(page, "plugins-admin");

    expect(await portalOf("13900000001")).toContain("住院慰问登记");
    expect(await portalOf("13900000009")).not.toContain("住院慰问登记");
  });
});
