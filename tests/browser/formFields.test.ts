import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { chooseOption as choose, launchChromium, PHONE, shoot, signIn, signWithFinger } from "../support/browser";
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

/** A photo of an admission letter, made in the browser (a real PNG). */
async function letterPng(): Promise<Buffer> {
  const maker = await browser.newPage({ viewport: { width: 320, height: 220 } });
  await maker.setContent('<body style="margin:0;background:#fff8e1;font:28px serif;padding:40px">录取通知书</body>');
  const bytes = await maker.screenshot({ type: "png" });
  await maker.close();
  return bytes;
}

describe("金秋助学 on a phone: steps, region cascade, 明细表, signature", () => {
  it("fills the three pages and shows the submitted case with its table, address and signature", async () => {
    const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2, hasTouch: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await signIn(page, server.url, "13900000001");
    await page.locator(".ant-list-item", { hasText: "金秋助学" }).getByRole("link", { name: /立即申请/ }).click();
    await page.waitForURL(/\/portal\/programs\//);
    await expect.poll(() => page.getByRole("navigation", { name: "第1步，共3步" }).count(), { timeout: 15_000 }).toBe(1);

    // Page 1: 下一步 with nothing filled stays and names what is missing.
    await page.getByRole("button", { name: "下一步" }).click();
    await expect.poll(() => page.getByText("请填写学生姓名").count()).toBe(1);
    await page.getByLabel("学生姓名").fill("赵小雨");
    await page.getByLabel("学生身份证号").fill("350206200801010029");
    await page.getByRole("radio", { name: "子女" }).check();
    await page.getByLabel("录取院校").fill("厦门大学");
    await page.getByLabel("录取专业").fill("计算机科学与技术");
    await choose(page, "学历层次", "本科");
    await page.getByLabel("入学报到日期").fill("2026-09-01");
    await page.locator('input[type="file"]').first().setInputFiles({ name: "录取通知书.png", mimeType: "image/png", buffer: await letterPng() });
    await expect.poll(() => page.locator(".ant-upload-list-item img").count()).toBe(1);
    await page.getByRole("button", { name: "下一步" }).click();

    // Page 2: region cascade one level at a time, the address, the household table.
    await expect.poll(() => page.getByRole("navigation", { name: "第2步，共3步" }).count()).toBe(1);
    await choose(page, "省", "福建省", true);
    await choose(page, "市", "厦门市", true);
    await choose(page, "区县", "湖里区", true);
    await choose(page, "街道乡镇", "禾山街道", true);
    await page.getByLabel("详细地址").fill("枋湖北二路88号3栋1201室");
    await page.getByLabel("姓名", { exact: true }).fill("赵小明");
    await page.getByLabel("关系", { exact: true }).fill("本人");
    await page.getByLabel("月收入", { exact: true }).fill("4200");
    await page.getByRole("button", { name: /添加一行/ }).click();
    await page.getByLabel("姓名", { exact: true }).nth(1).fill("王芳");
    await page.getByLabel("关系", { exact: true }).nth(1).fill("配偶");
    await page.getByLabel("月收入", { exact: true }).nth(1).fill("2600");
    await page.getByRole("button", { name: /添加一行/ }).click();
    await page.getByLabel("姓名", { exact: true }).nth(2).fill("赵小雨");
    await page.getByLabel("关系", { exact: true }).nth(2).fill("女儿");
    await page.getByLabel("家庭困难情况说明").fill("家中三口人，本人是快递员，配偶在超市做临时工，收入不稳定。");
    await page.getByLabel("姓名", { exact: true }).nth(2).blur();
    await expect.poll(() => page.getByLabel("家庭人均月收入").inputValue()).toBe("¥2,266.67");
    await shoot(page, "30-form-steps-region-table");

    await page.getByRole("button", { name: "下一步" }).click();
    await expect.poll(() => page.getByRole("navigation", { name: "第3步，共3步" }).count()).toBe(1);
    await page.getByLabel("收款银行卡号").fill("6222021234567890128");
    await page.getByLabel("开户银行").fill("中国工商银行厦门湖里支行");
    await signWithFinger(page);
    await page.getByRole("checkbox", { name: /承诺与公示同意/ }).check();
    await shoot(page, "31-form-signature");

    await page.getByRole("button", { name: /提交/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    await expect.poll(() => page.locator(".nj-table-view td", { hasText: "王芳" }).count()).toBe(1);
    expect(await page.getByText("福建省厦门市湖里区禾山街道").count()).toBe(1);
    await expect.poll(() => page.locator("img.nj-signature-image").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    await shoot(page, "32-case-table-signature");
    expect(errors).toEqual([]);
  });
});
