import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/demoOrgs";
import { launchChromium, PHONE, SCREENSHOT_DIR } from "../support/browser";
import { startBuiltServer } from "../support/runServer";

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

const DESIGNER_DESKTOP = { width: 1440, height: 900 };

async function signIn(page: Page, mobile: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("手机号").fill(mobile);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** Drag with the mouse in small steps, as a person would (dnd-kit starts after 5px of movement). */
async function dragTo(page: Page, source: Locator, target: Locator, offsetY: (height: number) => number) {
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + offsetY(to.height), { steps: 20 });
  await page.waitForTimeout(200);
  await page.mouse.up();
}

async function screenshot(page: Page, name: string, size: { width: number; height: number }) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(size);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

describe("form designer in a real browser", () => {
  it("adds a field from the palette, labels it, sees it in the preview, saves a draft and finds it after a reload", async () => {
    const page = await browser.newPage({ viewport: DESIGNER_DESKTOP });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await signIn(page, "13800000000");
    await page.getByRole("link", { name: "工作台" }).click();
    await page.waitForURL(/\/studio$/);
    await page.getByRole("link", { name: "表单" }).first().click();
    await page.waitForURL(/\/studio\/programs\/[^/]+\/form$/);
    await expect.poll(() => page.getByText("保存时会创建新的草稿版本").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const cards = page.locator(".nj-canvas-item");
    const before = await cards.count();

    // Drag 多行文本 from the palette onto the lower half of the last card: it lands at the end.
    await dragTo(page, page.locator('[data-field-type="textarea"]'), cards.last(), (h) => h * 0.9);
    await expect.poll(() => cards.count()).toBe(before + 1);
    await expect.poll(() => page.locator("#prop-key").inputValue()).toBe("textarea1");
    expect(await cards.last().getAttribute("data-field-key")).toBe("textarea1");

    // Undo and redo from the keyboard.
    await page.locator(".nj-canvas-title").click();
    await page.keyboard.press("Control+z");
    await expect.poll(() => cards.count()).toBe(before);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => cards.count()).toBe(before + 1);

    await cards.last().click();
    await page.locator("#prop-label").fill("家庭情况说明");
    await page.locator("#prop-label-en").fill("Family situation");
    await expect.poll(() => cards.last().textContent()).toContain("家庭情况说明");
    // A condition that reads a field which does not exist is flagged at once.
    await page.locator('[data-testid="feel-prop-hiddenIf"] .cm-content').click();
    await page.keyboard.type("nosuchField = 1");
    await expect.poll(() => page.getByText("引用了不存在的字段：nosuchField").count()).toBeGreaterThan(0);
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Backspace");
    await expect.poll(() => page.getByText("引用了不存在的字段").count()).toBe(0);
    await screenshot(page, "designer-desktop", DESIGNER_DESKTOP);

    // The live preview renders the real form; what is typed shows as the data that would be stored.
    await page.getByText("预览", { exact: true }).click();
    const preview = page.getByTestId("designer-preview");
    await expect.poll(() => preview.getByText("家庭情况说明").count()).toBe(1);
    await preview.getByLabel("家庭情况说明").fill("四口之家");
    await expect.poll(() => page.getByTestId("preview-data").textContent()).toContain('"textarea1": "四口之家"');
    await screenshot(page, "designer-preview-phone-frame", DESIGNER_DESKTOP);
    await page.getByText("设计", { exact: true }).click();

    await page.getByRole("button", { name: /保存草稿/ }).click();
    await expect.poll(() => page.getByText("已创建草稿 v2 并保存").count(), { timeout: 20_000 }).toBeGreaterThan(0);

    await page.reload();
    await expect.poll(() => page.getByText("正在编辑草稿 v2").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.nj-canvas-item[data-field-key="textarea1"]').textContent()).toContain("家庭情况说明");
    await screenshot(page, "designer-phone", PHONE);
    expect(errors).toEqual([]);
    await page.close();
  });
});
