import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { singleApprovalBpmn } from "../support/flowPrograms";
import { installProgramTemplate } from "../../workflows/services/installProgram";
import { DESKTOP, launchChromium, PHONE, shoot, signIn } from "../support/browser";
import { startPreparedServer } from "../support/preparedServer";

let server: Awaited<ReturnType<typeof startPreparedServer>>;
let browser: Browser;
let programId = "";

/** 申请人自选: the applicant picks who at the street or the district decides. */
const pickerForm = {
  schemaVersion: 1,
  id: "picker-demo",
  title: { zh: "工会活动经费申请", en: "Activity funds" },
  fields: [
    { key: "activity", type: "text", label: { zh: "活动名称", en: "Activity" }, required: true },
    { key: "amount", type: "money", label: { zh: "申请金额", en: "Amount" }, required: true, max: 5000 },
    { key: "approver", type: "approverPicker", label: { zh: "审批人", en: "Approver" }, required: true, levels: ["street", "district"], help: { zh: "选择街道或区总工会负责本项工作的同志", en: "" } },
  ],
};

beforeAll(async () => {
  server = await startPreparedServer("picker", async ({ db }) => {
    const bpmnXml = singleApprovalBpmn('mode="single" actions="approve,reject,return"', '<niangjia:assignee kind="initiatorChoice" field="approver"/>').replace('name="会签审批"', 'name="经费审批"');
    const template = { key: "activity-funds", name: "工会活动经费申请", nameEn: "Activity funds", description: "基层工会组织职工活动的经费申请，由申请人选择街道或区总工会的审批人。", category: "test", caseNoPattern: "HD-{yyyy}-{seq:4}", formSchema: pickerForm, bpmnXml };
    programId = (await installProgramTemplate(db, template, "huli")).programId;
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("审批人自选 in a real browser", () => {
  it("the worker picks the district approver from their own chain; the case lands in that person's 待办", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await signIn(page, server.url, "13900000001");
    await page.goto(`${server.url}/portal/programs/${programId}`);
    // Submitting without a choice says which field and why.
    await page.getByLabel("活动名称").fill("职工趣味运动会");
    await page.getByLabel("申请金额").fill("3200");
    await page.getByRole("button", { name: /提交申请/ }).click();
    await page.getByText("请选择审批人").first().waitFor();
    await page.getByLabel("审批人", { exact: true }).click();
    const options = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
    await expect.poll(() => options.allTextContents()).toEqual(["林芳（禾山街道总工会）", "何静（湖里区总工会）", "张伟（湖里区总工会）"]);
    await page.waitForTimeout(500); // the drop-down's opening animation
    await page.screenshot({ path: "tests/screenshots/approver-picker-open-phone.png" });
    await options.filter({ hasText: "张伟" }).click();
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").waitFor({ state: "hidden" });
    await page.getByText("请选择审批人").waitFor({ state: "hidden" });
    await shoot(page, "approver-picker-chosen");
    await page.getByRole("button", { name: /提交申请/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    await page.getByText("张伟").first().waitFor();
    await shoot(page, "approver-picker-case");

    const zhang = await browser.newPage({ viewport: DESKTOP });
    await signIn(zhang, server.url, "13800000021");
    await zhang.goto(`${server.url}/inbox`);
    await zhang.getByText("工会活动经费申请").first().waitFor();
    await shoot(zhang, "approver-picker-inbox");
    // 林芳, not chosen, has nothing to do.
    const lin = await browser.newPage({ viewport: DESKTOP });
    await signIn(lin, server.url, "13800000011");
    await lin.goto(`${server.url}/inbox`);
    await lin.getByRole("tab").first().waitFor();
    expect(await lin.getByText("工会活动经费申请").count()).toBe(0);
  });

  it("the designer offers 审批人自选 with its role, levels and number of people; the preview says who will be offered", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, "13800000000");
    await page.goto(`${server.url}/studio/programs/${programId}/form`);
    await page.locator('[data-field-type="approverPicker"]').waitFor();
    expect(await page.locator('[data-field-type="approverPicker"]').textContent()).toContain("审批人自选");
    await page.locator('.nj-canvas-item[data-field-key="approver"]').click();
    await page.getByText("可选的层级（不选为全部）").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "tests/screenshots/approver-picker-designer-desktop.png" });
    await page.getByText("预览", { exact: true }).click();
    await page.getByTestId("designer-preview").getByText("申请时从申请人所在工会及上级工会的审批人中选择").waitFor();
    await page.screenshot({ path: "tests/screenshots/approver-picker-designer-preview-desktop.png" });
  });
});
