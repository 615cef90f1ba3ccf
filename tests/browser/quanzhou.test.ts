import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, PHONE, SCREENSHOT_DIR, signIn } from "../support/browser";
import { startBuiltServer } from "../support/runServer";

/** The machine is shared: give a page up to 15 s to show what it should (vitest polls for one second by default). */
const WAIT = { timeout: 15_000, interval: 250 };

let server: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startBuiltServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Full-page screenshots at a phone's 390×844 and a laptop's 1280×800, and no sideways scrolling at either. */
async function shootBoth(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [label, size] of [["phone", PHONE], ["desktop", { width: 1280, height: 800 }]] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${label} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await page.waitForURL(/\/login/);
}

describe("泉州 on a phone", () => {
  it("a 鲤城 worker books a free slot from the venue page, sees it as theirs, and redeems volunteer points for a gift", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await signIn(page, server.url, "13900000050");
    await page.goto(`${server.url}/portal`);
    await page.getByRole("link", { name: /共享职工之家/ }).click();
    await page.waitForURL(/\/p\/quanzhou\/venues/);
    // Tomorrow: every slot is still ahead.
    await page.getByRole("navigation", { name: "选择日期" }).getByRole("link").nth(1).click();
    await page.waitForURL(/date=/);
    await expect.poll(() => page.getByRole("link", { name: /多功能厅 .* 空闲/ }).count(), WAIT).toBeGreaterThan(0);
    await shootBoth(page, "quanzhou-venues");

    await page.getByRole("link", { name: /多功能厅 .*19:00–21:00 空闲/ }).click();
    await page.waitForURL(/\/portal\/programs\/.*room=kaiyuan-hall/);
    await expect.poll(() => page.getByText("开元街道职工之家 · 多功能厅").count(), WAIT).toBeGreaterThan(0);
    await page.getByLabel("活动内容").fill("班组读书分享会");
    await page.getByLabel("参加人数").fill("12");
    await page.getByLabel("联系电话").fill("13900000050");
    await page.getByRole("checkbox", { name: /场馆使用须知/ }).check();
    await shootBoth(page, "quanzhou-booking-form");
    await page.getByRole("button", { name: /提交/ }).click();
    await page.waitForURL(/\/portal\/cases\//);

    await page.goto(`${server.url}/p/quanzhou/venues`);
    await page.getByRole("navigation", { name: "选择日期" }).getByRole("link").nth(1).click();
    await page.waitForURL(/date=/);
    await expect.poll(async () => {
      await page.reload();
      return page.getByRole("button", { name: /取消预约/ }).count();
    }, { timeout: 20_000, interval: 1000 }).toBeGreaterThan(0);
    expect(await page.getByText("我的", { exact: true }).count()).toBeGreaterThan(0);
    await shootBoth(page, "quanzhou-venues-booked");

    // 志愿服务: claimed by the worker, confirmed by 庄雅婷, awarded by the flow's service task.
    await page.goto(`${server.url}/portal`);
    await page.locator(".ant-list-item", { hasText: "志愿服务积分申报" }).getByRole("link", { name: /立即申请/ }).click();
    await page.getByLabel("活动名称").fill("开元寺周边文明劝导");
    await page.getByLabel("活动日期").fill(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    await page.getByLabel("服务时长").fill("4");
    await page.getByLabel("组织单位").fill("开元街道总工会");
    await page.getByRole("button", { name: /提交/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    await signOut(page);
    await signIn(page, server.url, "13800000051");
    await page.goto(`${server.url}/inbox`);
    await page.getByRole("link", { name: /洪晓东/ }).first().click();
    await page.waitForURL(/\/inbox\/tasks\//);
    await page.getByRole("button", { name: /同\s*意/ }).click();
    await page.waitForURL((u) => u.pathname === "/inbox");
    await signOut(page);

    await signIn(page, server.url, "13900000050");
    await page.goto(`${server.url}/p/quanzhou/points`);
    await expect.poll(async () => {
      await page.reload();
      return page.getByTestId("points-balance").textContent();
    }, { timeout: 20_000, interval: 1000 }).toMatch(/^40/);
    await page.locator("div", { hasText: /^工会环保购物袋/ }).first().waitFor();
    await page.getByRole("button", { name: /兑\s*换/ }).first().click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /兑\s*换/ }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), WAIT).toMatch(/兑换成功：工会环保购物袋，领取码 \d{6}/);
    await expect.poll(() => page.getByTestId("points-balance").textContent(), WAIT).toMatch(/^10/);
    await shootBoth(page, "quanzhou-points");

    // The English switch: longer words must wrap, not push the page sideways.
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForLoadState("load");
    await page.goto(`${server.url}/p/quanzhou/venues?venue=licheng-center`);
    await expect.poll(() => page.getByRole("heading", { name: "Workers' homes" }).count(), WAIT).toBeGreaterThan(0);
    await shootBoth(page, "quanzhou-venues-en");
    await page.close();
  });
});
