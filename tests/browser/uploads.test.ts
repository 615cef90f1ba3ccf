import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, PHONE, shoot, signIn as signInAt } from "../support/browser";
import { startBuiltServer } from "../support/runServer";
import { exeBytes } from "../support/uploadProgram";

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

const signIn = (page: Page, mobile: string) => signInAt(page, server.url, mobile);

/** A portrait-like photo made in the browser itself (a real, decodable JPEG). */
async function portraitJpeg(): Promise<Buffer> {
  const maker = await browser.newPage({ viewport: { width: 300, height: 400 } });
  await maker.setContent(`<body style="margin:0;background:#3b7dd8;height:400px;position:relative;overflow:hidden">
    <div style="position:absolute;left:95px;top:70px;width:110px;height:130px;border-radius:50%;background:#f2c9a0"></div>
    <div style="position:absolute;left:40px;top:215px;width:220px;height:240px;border-radius:110px 110px 0 0;background:#222"></div></body>`);
  const bytes = await maker.screenshot({ type: "jpeg", quality: 85 });
  await maker.close();
  return bytes;
}

const fileInput = (page: Page) => page.locator('input[type="file"]').first();

describe("uploads and drafts in a real browser", () => {
  it("a worker's photo upload is sniffed, shown as a thumbnail, kept in the autosaved draft across a reload, and reaches the approver", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    page.on("pageerror", (e) => console.error("page error:", e));
    await signIn(page, "13900000002");
    await page.locator(".ant-list-item", { hasText: "入会申请" }).getByRole("link", { name: /立即申请/ }).click();
    await page.waitForURL(/\/portal\/programs\//);
    const applyUrl = page.url();

    // A program renamed .jpg is refused by the server, with the reason under the field.
    await fileInput(page).setInputFiles({ name: "证件照.jpg", mimeType: "image/jpeg", buffer: exeBytes() });
    await expect.poll(() => page.getByText("“证件照.jpg”的实际内容是EXE").count()).toBeGreaterThan(0);
    await page.getByText("“证件照.jpg”的实际内容是EXE").scrollIntoViewIfNeeded();
    await shoot(page, "20-upload-refused");

    await fileInput(page).setInputFiles({ name: "近照.jpg", mimeType: "image/jpeg", buffer: await portraitJpeg() });
    await expect.poll(() => page.locator(".ant-upload-list-item img").count()).toBe(1);
    await expect.poll(() => page.getByText("“证件照.jpg”的实际内容是EXE").count()).toBe(0);
    await page.getByLabel("姓名").fill("钱多多");
    await page.getByLabel("工作单位").fill("厦门顺达快递有限公司");
    await expect.poll(() => page.getByText(/草稿已自动保存/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shoot(page, "21-upload-thumbnail");

    // Another visit (a reload, another device) brings the draft back, photo included.
    await page.goto(applyUrl);
    await expect.poll(() => page.getByText(/已恢复您/).count()).toBeGreaterThan(0);
    await expect(page.getByLabel("姓名").inputValue()).resolves.toBe("钱多多");
    await expect.poll(() => page.locator(".ant-upload-list-item img").count()).toBe(1);
    await shoot(page, "22-draft-restored");

    await page.getByLabel("身份证号").fill("11010519491231002X");
    await page.getByLabel("手机号").fill("13900000002");
    await page.getByLabel("所属行业").click();
    await page.getByTitle("交通运输、仓储和邮政业").click();
    await page.getByRole("radio", { name: "快递员" }).check();
    await page.getByLabel("平台企业").fill("顺丰");
    await page.getByRole("checkbox", { name: /入会声明/ }).check();
    await page.getByRole("button", { name: /提交申请/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    await expect.poll(() => page.locator(".nj-thumb img").count()).toBe(1);
    await expect.poll(() => page.locator(".nj-thumb img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(300);
    await shoot(page, "23-case-thumbnail");

    // The draft went with the submission.
    await page.goto(applyUrl);
    await expect.poll(() => page.getByLabel("姓名").inputValue()).toBe("");
    expect(await page.getByText(/已恢复您/).count()).toBe(0);

    await page.getByRole("button", { name: "退出" }).click();
    await page.waitForURL(/\/login/);
    await signIn(page, "13800000001");
    await page.getByRole("link", { name: /钱多多/ }).first().click();
    await page.waitForURL(/\/inbox\/tasks\//);
    await expect.poll(() => page.locator(".nj-thumb img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(300);
    await shoot(page, "24-task-thumbnail");
    await page.close();
  });
});
