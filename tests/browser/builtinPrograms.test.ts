import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { idNumberCheckChar } from "../../forms/idNumber";
import { chooseOption, launchChromium, PHONE, shoot, signIn, signWithFinger } from "../support/browser";
import { startBuiltServer } from "../support/runServer";
import { pngOf } from "../support/uploadProgram";

/**
 * The built-in programs end to end on a phone, each person in their own browser context that
 * signs in once: 金秋助学 through 基层 → 街道 → 区总 → 公示 → 登记发放, 困难职工帮扶 returned for a
 * correction and then through 区总会签, 暑托班 with its age rule, an enrolment and a withdrawal.
 */

const WORKER = "13900000001"; // 赵小明, 快递物流行业联合工会
const UNIT = "13800000001"; // 李建国, 基层工会
const STREET = "13800000011"; // 林芳, 禾山街道总工会
const DISTRICT = "13800000021"; // 张伟, 湖里区总工会
const DISTRICT_2 = "13800000022"; // 何静, 湖里区总工会 (会签)
const ADMIN = "13800000000"; // 王敏, 区总管理员: the 公示 step is hers

let server: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;
const contexts = new Map<string, BrowserContext>();
const pages = new Map<string, Page>();

beforeAll(async () => {
  server = await startBuiltServer();
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts.values()) await context.close();
  await browser?.close();
  await server?.stop();
});

/** The page of a demo person, signed in on first use and kept for the rest of the file. */
async function as(mobile: string): Promise<Page> {
  const known = pages.get(mobile);
  if (known) return known;
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept()); // 撤回 asks to confirm
  await signIn(page, server.url, mobile);
  contexts.set(mobile, context);
  pages.set(mobile, page);
  return page;
}

/** A valid 身份证号 (湖里区) for someone born on the given date. */
function idNumberBornOn(date: string, sequence = "123"): string {
  const first17 = `350206${date.replaceAll("-", "")}${sequence}`;
  return first17 + idNumberCheckChar(first17);
}

const thisYear = new Date().getFullYear();

async function openProgram(page: Page, name: string) {
  await page.goto(`${server.url}/portal`);
  await page.locator(".ant-list-item", { hasText: name }).getByRole("link", { name: /立即申请/ }).click();
  await page.waitForURL(/\/portal\/programs\//);
}

/** Submit the form and land on the new case; returns its number and path. */
async function submitForm(page: Page, pattern: RegExp): Promise<{ caseNo: string; path: string }> {
  await page.getByRole("button", { name: /提\s*交/ }).click();
  await page.waitForURL(/\/portal\/cases\//);
  const caseNo = (await page.getByText(pattern).first().textContent())?.match(pattern)?.[0] ?? "";
  expect(caseNo).toMatch(pattern);
  return { caseNo, path: new URL(page.url()).pathname };
}

const statusOf = (page: Page) => page.locator(".ant-card-extra .ant-tag").first().textContent();

/** An approver opens the case's task from 待办. */
async function openTask(mobile: string, caseNo: string): Promise<Page> {
  const page = await as(mobile);
  await page.goto(`${server.url}/inbox`);
  await page.getByRole("link", { name: new RegExp(caseNo) }).click();
  await page.waitForURL(/\/inbox\/tasks\//);
  return page;
}

/** An approver opens the case from 待办 and presses a decision button, with a comment. */
async function decide(mobile: string, caseNo: string, button: RegExp, comment = "", screenshot?: string) {
  const page = await openTask(mobile, caseNo);
  if (comment) await page.getByLabel("审批意见").fill(comment);
  if (screenshot) await shoot(page, screenshot);
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL((u) => u.pathname === "/inbox");
}

/** The applicant's case page, reloaded until it shows `status` (jobs run in the server's worker). */
async function waitForStatus(path: string, status: string) {
  const page = await as(WORKER);
  await page.goto(`${server.url}${path}`);
  await expect
    .poll(
      async () => {
        if ((await statusOf(page)) !== status) await page.reload();
        return statusOf(page);
      },
      { timeout: 60_000, interval: 1000 },
    )
    .toBe(status);
  return page;
}

describe("金秋助学", () => {
  it("a worker applies through three steps; 基层, 街道 and 区总 approve, 公示 passes without objection, the award is registered", async () => {
    const page = await as(WORKER);
    await openProgram(page, "金秋助学");

    // Step 1: the student, with a photo of the admission letter.
    await page.getByLabel("学生姓名").fill("赵小雨");
    await page.getByLabel("学生身份证号").fill(idNumberBornOn(`${thisYear - 18}-04-12`, "042"));
    await page.getByRole("radio", { name: "子女" }).check();
    await page.getByLabel("录取院校").fill("福州大学");
    await page.getByLabel("录取专业").fill("土木工程");
    await chooseOption(page, "学历层次", "本科");
    await page.getByLabel("入学报到日期").fill(`${thisYear}-09-01`);
    await page.locator('input[type="file"]').first().setInputFiles({ name: "录取通知书.png", mimeType: "image/png", buffer: pngOf(160, 120, [250, 240, 220]) });
    await expect.poll(() => page.locator(".ant-upload-list-item img").count()).toBe(1);
    await shoot(page, "40-tuition-student");
    await page.getByRole("button", { name: "下一步" }).click();

    // Step 2: home and household; 家庭人均月收入 is computed from the 明细表.
    await expect.poll(() => page.getByRole("navigation", { name: "第2步，共3步" }).count()).toBe(1);
    await chooseOption(page, "省", "福建省", true);
    await chooseOption(page, "市", "厦门市", true);
    await chooseOption(page, "区县", "湖里区", true);
    await chooseOption(page, "街道乡镇", "禾山街道", true);
    await page.getByLabel("详细地址").fill("金山路12号5栋302室");
    const cell = (label: string, row: number) => page.getByLabel(label, { exact: true }).nth(row);
    await cell("姓名", 0).fill("赵小明");
    await cell("关系", 0).fill("本人");
    await cell("月收入", 0).fill("4800");
    await page.getByRole("button", { name: /添加一行/ }).click();
    await cell("姓名", 1).fill("赵小雨");
    await cell("关系", 1).fill("女儿");
    await cell("月收入", 1).blur();
    await page.getByLabel("家庭困难情况说明").fill("本人是快递员，配偶去年病故，女儿今年考上大学，学费和生活费压力很大。");
    await expect.poll(() => page.getByLabel("家庭人均月收入").inputValue()).toBe("¥2,400.00");
    await shoot(page, "41-tuition-family");
    await page.getByRole("button", { name: "下一步" }).click();

    // Step 3: the award (by level) and where to pay it.
    await expect.poll(() => page.getByRole("navigation", { name: "第3步，共3步" }).count()).toBe(1);
    await expect.poll(() => page.getByLabel("资助金额").inputValue()).toBe("¥4,000.00");
    await page.getByLabel("收款银行卡号").fill("6222021234567890128");
    await page.getByLabel("开户银行").fill("中国工商银行厦门湖里支行");
    await signWithFinger(page);
    await page.getByRole("checkbox", { name: /承诺与公示同意/ }).check();
    await shoot(page, "42-tuition-payment");
    const { caseNo, path } = await submitForm(page, /JQZX-\d{4}-\d{4}/);
    expect(await statusOf(page)).toBe("审批中");

    await decide(UNIT, caseNo, /同\s*意/, "情况属实，同意上报。", "43-tuition-unit-task");
    await decide(STREET, caseNo, /同\s*意/, "同意。");
    await decide(DISTRICT, caseNo, /同\s*意/, "同意资助4000元，进入公示。");
    // 公示: the district admin closes it early when nobody objected.
    const admin = await as(ADMIN);
    await admin.goto(`${server.url}/inbox`);
    await shoot(admin, "44-tuition-publicity-inbox");
    await decide(ADMIN, caseNo, /公示无异议/, "公示期内无异议。");

    // 登记发放 is a service task run by the job worker; then the case is approved.
    const done = await waitForStatus(path, "已通过");
    const text = await done.textContent("body");
    expect(text).toContain("同意资助4000元，进入公示。");
    expect(text).toContain("公示期内无异议。");
    await shoot(done, "45-tuition-approved");
  });
});

describe("困难职工帮扶", () => {
  it("returned by 基层 for a correction, edited and resubmitted, then 基层 → 街道 → both 区总 approvers (会签) → approved", async () => {
    const page = await as(WORKER);
    await openProgram(page, "困难职工帮扶");
    await page.getByLabel("姓名", { exact: true }).fill("赵小明");
    await page.getByLabel("身份证号", { exact: true }).fill(idNumberBornOn("1986-07-21", "113"));
    await page.getByLabel("手机号", { exact: true }).fill(WORKER);
    await page.getByLabel("工作单位").fill("厦门顺达快递有限公司");
    await chooseOption(page, "困难类别", "因病致困");
    await page.getByLabel("患病或残疾情况").fill("腰椎间盘突出，厦门市第一医院住院手术。");
    await page.locator('input[type="file"]').first().setInputFiles({ name: "诊断证明.png", mimeType: "image/png", buffer: pngOf(120, 160, [235, 235, 250]) });
    await expect.poll(() => page.locator(".ant-upload-list-item img").count()).toBe(1);
    await page.getByLabel("困难情况说明").fill("手术后三个月不能送件，没有收入，还要支付康复费用和房租。");
    await page.getByLabel("家庭人口").fill("3");
    await page.getByLabel("家庭月总收入").fill("2700");
    await page.getByLabel("申请金额").fill("1800");
    await page.getByLabel("本人银行卡号").fill("6222021234567890128");
    await page.getByLabel("开户银行").fill("中国工商银行厦门湖里支行");
    await page.getByRole("checkbox", { name: /承诺/ }).check();
    await expect.poll(() => page.getByLabel("家庭人均月收入").inputValue()).toBe("¥900.00");
    await shoot(page, "50-hardship-form");
    const { caseNo, path } = await submitForm(page, /KNBF-\d{4}-\d{4}/);

    // 基层 returns it: a comment is required, and the worker sees it above the form.
    await decide(UNIT, caseNo, /退回补正/, "康复费用标准为1500元，请将申请金额改为1500元后重新提交。");
    const returned = await waitForStatus(path, "已退回待补正");
    await expect.poll(() => returned.getByText("请将申请金额改为1500元").count()).toBeGreaterThan(0);
    await returned.getByLabel("申请金额").fill("1500");
    await shoot(returned, "51-hardship-returned");
    await returned.getByRole("button", { name: /重新提交/ }).click();
    await expect.poll(() => statusOf(returned)).toBe("审批中");

    // 基层 verifies the household: its income is 可编辑 at this step; 人均 follows the correction.
    const unit = await openTask(UNIT, caseNo);
    await expect.poll(() => unit.getByLabel("家庭月总收入").isEditable()).toBe(true);
    expect(await unit.getByLabel("申请金额").isEditable()).toBe(false);
    await unit.getByLabel("家庭月总收入").fill("3000");
    await expect.poll(() => unit.getByLabel("家庭人均月收入").inputValue()).toBe("¥1,000.00");
    await unit.getByLabel("审批意见").fill("经走访核实，家庭月收入为3000元，同意。");
    await shoot(unit, "52-hardship-unit-edits");
    await unit.getByRole("button", { name: /同\s*意/ }).click();
    await unit.waitForURL((u) => u.pathname === "/inbox");
    await decide(STREET, caseNo, /同\s*意/, "同意。");
    // 会签: both district approvers must agree; after the first the case is still running.
    await decide(DISTRICT, caseNo, /同\s*意/, "同意帮扶1500元。");
    await waitForStatus(path, "审批中");
    // The second 区总 approver signs by hand (this step offers it); the signature stays with the decision.
    const district2 = await openTask(DISTRICT_2, caseNo);
    await district2.getByLabel("审批意见").fill("同意。");
    await signWithFinger(district2);
    await shoot(district2, "53-hardship-countersign");
    await district2.getByRole("button", { name: /同\s*意/ }).click();
    await district2.waitForURL((u) => u.pathname === "/inbox");
    const done = await waitForStatus(path, "已通过");
    const text = await done.textContent("body");
    expect(text).toContain("1,500");
    expect(text).toContain("同意帮扶1500元。");
    expect(text).toMatch(/修改了：家庭月总收入、家庭人均月收入\s*“/);
    expect(text).toContain("1,000");
    await expect.poll(() => done.getByRole("img", { name: /签名 · 何静/ }).count()).toBe(1);
    await shoot(done, "54-hardship-approved");
  });
});

describe("暑托班报名", () => {
  async function fillChild(page: Page, name: string, idNumber: string) {
    await page.getByLabel("孩子姓名").fill(name);
    await page.getByLabel("孩子身份证号").fill(idNumber);
    await page.getByLabel("就读学校及年级").fill("湖里实验小学四年级");
    await page.getByRole("radio", { name: /7月班 · 禾山街道职工之家/ }).check();
    await page.getByLabel("健康状况及过敏史").fill("无");
    await page.getByLabel("家长姓名").fill("赵小明");
    await page.getByLabel("家长手机号").fill(WORKER);
    await page.getByLabel("接送人及与孩子关系").fill("赵小明（父亲）");
    await page.getByRole("checkbox", { name: /安全须知与承诺/ }).check();
  }

  it("a child too young is refused beside the form; a child of 10 is enrolled, 基层 confirms", async () => {
    const page = await as(WORKER);
    await openProgram(page, "暑托班报名");
    await fillChild(page, "赵小宝", idNumberBornOn(`${thisYear - 3}-02-10`, "031"));
    await page.getByRole("button", { name: /提\s*交/ }).click();
    await expect.poll(() => page.getByText("托管班只接收6至14周岁的孩子").count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/\/portal\/programs\//);
    await shoot(page, "60-camp-too-young");

    await page.getByLabel("孩子姓名").fill("赵小乐");
    await page.getByLabel("孩子身份证号").fill(idNumberBornOn(`${thisYear - 10}-03-15`, "052"));
    await expect.poll(() => page.getByLabel("年龄").inputValue()).toMatch(/^(9|10)$/);
    await expect.poll(() => page.getByText("托管班只接收6至14周岁的孩子").count()).toBe(0);
    const { caseNo, path } = await submitForm(page, /STB-\d{4}-\d{4}/);
    expect(await page.textContent("body")).toContain("赵小乐");
    await shoot(page, "61-camp-enrolled");

    await decide(UNIT, caseNo, /同\s*意/, "报名成功，7月6日上午8点报到。");
    const done = await waitForStatus(path, "已通过");
    expect(await done.textContent("body")).toContain("7月6日上午8点报到");
  });

  it("a worker withdraws an enrolment before anyone acted on it", async () => {
    const page = await as(WORKER);
    await openProgram(page, "暑托班报名");
    await fillChild(page, "赵小欢", idNumberBornOn(`${thisYear - 8}-09-01`, "064"));
    const { caseNo, path } = await submitForm(page, /STB-\d{4}-\d{4}/);
    await page.getByRole("button", { name: /撤回申请/ }).click();
    await expect.poll(() => statusOf(page)).toBe("已撤回");
    expect(new URL(page.url()).pathname).toBe(path);
    expect(await page.getByRole("button", { name: /撤回申请/ }).count()).toBe(0);
    await shoot(page, "62-camp-withdrawn");

    // The task is gone from the approver's 待办.
    const unit = await as(UNIT);
    await unit.goto(`${server.url}/inbox`);
    expect(await unit.getByRole("link", { name: new RegExp(caseNo) }).count()).toBe(0);
  });
});
