import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/demoOrgs";
import { launchChromium, PHONE, shoot } from "../support/browser";
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

async function signIn(page: Page, mobile: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("手机号").fill(mobile);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await page.waitForURL(/\/login/);
}

describe("入会申请 in a real browser", () => {
  it("worker applies, approver approves, worker sees the membership number", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    page.on("pageerror", (e) => console.error("page error:", e));

    await page.goto(`${server.url}/login`);
    await shoot(page, "01-login");
    await signIn(page, "13900000003");
    await shoot(page, "02-portal");

    await page.locator(".ant-list-item", { hasText: "入会申请" }).getByRole("link", { name: /立即申请/ }).click();
    await page.waitForURL(/\/portal\/programs\//);
    // Submitting empty shows field errors beside the fields and changes nothing.
    await page.getByRole("button", { name: /提交申请/ }).click();
    await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
    await shoot(page, "03-form-errors");

    await fillMembershipForm(page);
    await shoot(page, "04-form-filled");
    await page.getByRole("button", { name: /提交申请/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    const casePath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByText("审批中").count()).toBeGreaterThan(0);
    await shoot(page, "05-case-running");
    await signOut(page);

    await signIn(page, "13800000002");
    await page.waitForURL(/\/inbox/);
    await shoot(page, "06-inbox");
    await page.getByRole("link", { name: /孙丽/ }).first().click();
    await page.waitForURL(/\/inbox\/tasks\//);
    await shoot(page, "07-task");
    await page.getByLabel("审批意见").fill("材料齐全，同意入会。");
    await page.getByRole("button", { name: /同\s*意/ }).click();
    await page.waitForURL((u) => u.pathname === "/inbox");
    await signOut(page);

    await signIn(page, "13900000003");
    await page.goto(`${server.url}${casePath}`);
    // The member number is issued by a background job; the page shows it once the job ran.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByText(/欢迎加入工会/).count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    const text = await page.textContent("body");
    expect(text).toMatch(/HULI\d{10}/);
    expect(text).toContain("材料齐全，同意入会。");
    await shoot(page, "08-case-approved");
    await page.close();
  });
});

describe("转办 and 抄送 in a real browser", () => {
  it("the unit approver hands the case to the street, who copies the district; each sees it where expected", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    page.on("pageerror", (e) => console.error("page error:", e));
    await signIn(page, "13900000003");
    await page.locator(".ant-list-item", { hasText: "入会申请" }).getByRole("link", { name: /立即申请/ }).click();
    await page.waitForURL(/\/portal\/programs\//);
    await fillMembershipForm(page);
    await page.getByRole("button", { name: /提交申请/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    await signOut(page);

    await signIn(page, "13800000002");
    await page.getByRole("link", { name: /孙丽/ }).last().click();
    await page.waitForURL(/\/inbox\/tasks\//);
    // Choosing nobody keeps the button disabled; choosing 林芳 enables it.
    await page.getByRole("radio", { name: "转办" }).check();
    await page.getByLabel("人员").click();
    await page.getByTitle(/林芳/).click();
    await shoot(page, "09-transfer");
    await page.getByLabel("附言").fill("请街道总工会审核");
    await page.getByRole("button", { name: /确\s*定/ }).click();
    await page.waitForURL((u) => u.pathname === "/inbox");
    await signOut(page);

    await signIn(page, "13800000011");
    await page.getByRole("link", { name: /孙丽/ }).last().click();
    await page.waitForURL(/\/inbox\/tasks\//);
    await expect.poll(() => page.getByText("请街道总工会审核").count()).toBeGreaterThan(0);
    await page.getByRole("radio", { name: "抄送" }).check();
    await page.getByLabel("人员").click();
    await page.getByTitle(/张伟/).click();
    // A multiple choice stays open after a pick; close it as a thumb tapping elsewhere would.
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /确\s*定/ }).click();
    await page.waitForURL(/sent=cc/);
    await shoot(page, "10-copied");
    await signOut(page);

    await signIn(page, "13800000021");
    await page.getByRole("tab", { name: /抄送我/ }).click();
    await expect.poll(() => page.getByRole("link", { name: /孙丽/ }).count()).toBeGreaterThan(0);
    await shoot(page, "11-copied-to-me");
    await page.close();
  });
});

/** Fill the 入会申请 form the way a worker would, by label. */
async function fillMembershipForm(page: Page) {
  await page.getByLabel("姓名").fill("孙丽");
  await page.getByLabel("身份证号").fill("11010519491231002X");
  await page.getByLabel("手机号").fill("13900000003");
  await page.getByLabel("工作单位").fill("厦门速达配送有限公司");
  await page.getByLabel("所属行业").click();
  await page.getByTitle("交通运输、仓储和邮政业").click();
  await page.getByRole("radio", { name: "外卖送餐员" }).check();
  // 平台企业 appears only once a platform job is chosen.
  await page.getByLabel("平台企业").fill("美团");
  await page.getByRole("checkbox", { name: /入会声明/ }).check();
}
