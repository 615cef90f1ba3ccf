import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, PHONE, SCREENSHOT_DIR, signIn } from "../support/browser";
import { startBuiltServer } from "../support/runServer";

let server: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;

const DESKTOP = { width: 1440, height: 900 };
/** Saves and test runs go to the server; give them time on a busy machine. */
const WAIT = { timeout: 20_000 };

beforeAll(async () => {
  server = await startBuiltServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A viewport-sized screenshot (the modeler fills the screen; a full-page capture adds nothing). */
async function snap(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

const problem = (page: Page, code: string) => page.locator(`.nj-problem[data-code="${code}"]`).first();

describe("the flow modeler in a real browser", () => {
  it("admin draws, sees and follows a problem, saves, and test-runs the flow to its end", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, server.url, "13800000000");

    await page.goto(`${server.url}/studio`);
    const programHref = await page.locator('a[href^="/studio/programs/"]').first().getAttribute("href");
    await page.goto(`${server.url}${programHref!.replace(/\/$/, "")}/flow`);

    // The diagram: the membership flow, no problems.
    await page.locator('.djs-element[data-element-id="GrassrootsReview"]').waitFor();
    await expect.poll(() => page.getByTestId("problems-panel").innerText(), WAIT).toContain("没有发现问题");
    await page.locator('.djs-element[data-element-id="GrassrootsReview"]').click();
    await expect.poll(() => page.getByTestId("properties-panel").innerText(), WAIT).toContain("审批人规则");
    await snap(page, "modeler-desktop");

    // A user task from the palette, dropped unconnected: the problems panel says so.
    await page.locator(".djs-palette .entry.bpmn-icon-user-task").click();
    await page.mouse.move(720, 640);
    await page.mouse.click(720, 640);
    await problem(page, "node.unreachable").waitFor();
    const newId = await problem(page, "node.unreachable").getAttribute("data-element-id");
    expect(newId).toBeTruthy();
    expect(await problem(page, "node.unreachable").innerText()).toContain("从开始事件到不了这个节点");
    await snap(page, "modeler-problems-desktop");

    // Clicking the problem selects the element (and opens its properties).
    await page.locator('.djs-element[data-element-id="GrassrootsReview"]').click();
    await problem(page, "node.unreachable").click();
    await expect.poll(() => page.locator(".djs-element.selected").getAttribute("data-element-id"), WAIT).toBe(newId);

    // Saved with problems: reported, not refused.
    await page.getByTestId("save-flow").click();
    await expect.poll(() => page.getByTestId("save-status").innerText(), WAIT).toMatch(/已保存到草稿 v2；还有 \d+ 个错误/);

    // Delete the stray task (the canvas has focus after the problem click), save clean.
    await problem(page, "node.unreachable").click();
    await page.keyboard.press("Delete");
    await expect.poll(() => page.getByTestId("problems-panel").innerText(), WAIT).toContain("没有发现问题");
    await page.getByTestId("save-flow").click();
    await expect.poll(() => page.getByTestId("save-status").innerText(), WAIT).toBe("已保存到草稿 v2");

    // Test run: act as the grassroots approver, simulate the service, reach the end.
    await page.getByTestId("mode-testrun").click();
    await page.getByTestId("testrun-start").click();
    await expect.poll(() => page.getByTestId("testrun-status").getAttribute("data-status"), WAIT).toBe("running");
    await page.getByRole("button", { name: "基层审批人甲：同意" }).click();
    await page.getByRole("button", { name: "模拟「发放会员编号」处理成功" }).click();
    await page.getByTestId("testrun-finished").waitFor();
    expect(await page.getByTestId("testrun-status").getAttribute("data-status")).toBe("approved");
    expect(await page.getByTestId("testrun-log").locator("li").count()).toBe(3);
    for (const id of ["Flow_1", "GrassrootsReview", "Flow_2", "AssignMemberNo", "Flow_3"]) {
      await expect.poll(() => page.locator(`.djs-element.nj-run-done[data-element-id="${id}"]`).count(), WAIT).toBe(1);
    }
    expect(await page.locator('.djs-element.nj-run-current[data-element-id="End"]').count()).toBe(1);
    await snap(page, "modeler-testrun-desktop");

    // On a phone the page stacks: canvas, then the side panel.
    await page.setViewportSize(PHONE);
    await page.getByTestId("zoom-fit").click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "modeler-testrun-phone.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
