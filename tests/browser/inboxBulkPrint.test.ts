import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { programs, tasks } from "../../db/schema";
import { decideTask, submitApplication } from "../../workflows/services/cases";
import { installProgramTemplate } from "../../workflows/services/installProgram";
import { singleApprovalBpmn } from "../support/flowPrograms";
import { hardshipApplication } from "../support/demoDb";
import { DESKTOP, launchChromium, PHONE, SCREENSHOT_DIR, shoot, signIn, signWithFinger } from "../support/browser";
import { startPreparedServer, type Preparation } from "../support/preparedServer";

let server: Awaited<ReturnType<typeof startPreparedServer>>;
let browser: Browser;
const caseNos: string[] = [];
let hardshipCaseId = "";

/** A district pool (张伟, 何静) deciding 或签, with niangjia:allowBulk as the modeler writes it. */
const bulkTemplate = {
  key: "bulk-demo",
  name: "返厦交通补贴（批量审批演示）",
  nameEn: "Travel subsidy (bulk approval demo)",
  description: "",
  category: "test",
  caseNoPattern: "FX-{yyyy}-{seq:4}",
  formSchema: {
    schemaVersion: 1,
    id: "bulk-demo",
    title: { zh: "返厦交通补贴", en: "Travel subsidy" },
    fields: [
      { key: "note", type: "text", label: { zh: "行程", en: "Trip" }, required: true },
      { key: "amount", type: "money", label: { zh: "补贴金额", en: "Amount" }, required: true },
    ],
  },
  bpmnXml: singleApprovalBpmn('mode="any" actions="approve,reject,return"', '<niangjia:assignee kind="rolePool" role="approver" level="district"/>')
    .replace('<bpmn:userTask id="review" name="会签审批"', '<bpmn:userTask id="review" name="区总工会审核" niangjia:allowBulk="true"'),
};

/** The pool program and five cases, made before the server starts. */
async function prepare({ db, person }: Preparation) {
  const { programId } = await installProgramTemplate(db, bulkTemplate, "huli");
  const trips = [["13900000001", "成都 → 厦门", 480], ["13900000002", "贵阳 → 厦门", 560], ["13900000003", "赣州 → 厦门", 230.5], ["13900000004", "南昌 → 厦门", 310]] as const;
  for (const [i, [mobile, note, amount]] of trips.entries()) {
    const started = await submitApplication(db, await person(mobile), programId, { note, amount }, `bulk-demo-${i}`, "zh");
    caseNos.push(started.caseNo);
  }
  // 困难职工帮扶 up to 基层 and 街道; the 区总会签 is signed in the browser.
  const [hardship] = await db.select().from(programs).where(and(eq(programs.code, "hardship"), eq(programs.ownerOrgId, "huli")));
  const worker = await person("13900000001");
  const started = await submitApplication(db, worker, hardship.id, hardshipApplication(), "bulk-demo-hardship", "zh");
  hardshipCaseId = started.caseId;
  for (const [mobile, comment] of [["13800000001", "经走访核实，情况属实"], ["13800000011", "同意，报区总会签"]] as const) {
    const approver = await person(mobile);
    const [task] = await db.select().from(tasks).where(and(eq(tasks.caseId, started.caseId), eq(tasks.assigneeId, approver.id), eq(tasks.status, "open")));
    await decideTask(db, approver, task.id, { action: "approve", comment });
  }
}

beforeAll(async () => {
  server = await startPreparedServer("bulk", prepare);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const row = (page: Page, caseNo: string) => page.locator(".ant-list-item", { hasText: caseNo });

async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await page.waitForURL(/\/login/);
}

describe("approver inbox in a real browser", () => {
  it("认领 takes a pool task from the colleague's 待办; 批量同意 approves the ticked ones and names the one handled meanwhile", async () => {
    const zhang = await browser.newPage({ viewport: PHONE });
    await signIn(zhang, server.url, "13800000021");
    await zhang.goto(`${server.url}/inbox`);
    await expect.poll(() => zhang.getByText("待认领 · 2人").count()).toBe(4);
    // Claim the first trip from its task page.
    await row(zhang, caseNos[0]).getByRole("link").click();
    await zhang.waitForURL(/\/inbox\/tasks\//);
    await zhang.getByRole("button", { name: /^认\s*领$/ }).click();
    await zhang.getByText("您已认领此事项").waitFor();
    await shoot(zhang, "inbox-task-claimed");
    await zhang.getByRole("link", { name: /返回待办/ }).click();
    await zhang.waitForURL((u) => u.pathname === "/inbox");
    await expect.poll(() => row(zhang, caseNos[0]).getByText("已认领").count()).toBe(1);
    await shoot(zhang, "inbox-bulk");

    // 何静 no longer sees the claimed trip, and approves the second one herself.
    const he = await browser.newPage({ viewport: DESKTOP });
    await signIn(he, server.url, "13800000022");
    await he.goto(`${server.url}/inbox`);
    await row(he, caseNos[1]).waitFor();
    expect(await row(he, caseNos[0]).count()).toBe(0);
    await row(he, caseNos[1]).getByRole("link").click();
    await he.getByRole("button", { name: /^同\s*意$/ }).click();
    await he.waitForURL((u) => u.pathname === "/inbox");

    // 张伟's list is from before that: all four ticked, three approved, the second reported.
    await zhang.getByText(/全选可批量审批的事项/).click();
    await zhang.getByPlaceholder("统一审批意见（选填）").fill("材料齐全，同意补贴");
    await zhang.getByRole("button", { name: /批量同意 · 已选 4 件/ }).click();
    await zhang.locator(".ant-popconfirm").getByRole("button", { name: "批量同意" }).click();
    const result = zhang.getByRole("status");
    await result.getByText("已同意 3 件").waitFor();
    await expect.poll(() => result.textContent()).toContain(`${caseNos[1]}：该事项已被处理`);
    await expect.poll(() => zhang.locator(".nj-bulk-tick").count()).toBe(0);
    await shoot(zhang, "inbox-bulk-result");
    await zhang.close();
    await he.close();
  });

  it("the modeler writes 允许批量审批 on the approval step, and the problems panel refuses it with a required signature", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, server.url, "13800000000");
    await page.goto(`${server.url}/studio`);
    const programHref = await page.locator('a[href^="/studio/programs/"]', { hasText: "入会申请" }).first().getAttribute("href");
    await page.goto(`${server.url}${programHref!.replace(/\/$/, "")}/flow`);
    await page.locator('.djs-element[data-element-id="GrassrootsReview"]').click();
    const panel = page.getByTestId("properties-panel");
    await panel.getByText("审批操作", { exact: true }).click();
    await panel.getByLabel("允许批量审批").check();
    await panel.getByLabel("手写签名").selectOption("required");
    const refused = page.locator('.nj-problem[data-code="approval.bulkSignature"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain("同意时必须手写签名的节点不能批量审批");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "modeler-allow-bulk-desktop.png") });
    await panel.getByLabel("手写签名").selectOption("none");
    await expect.poll(() => refused.count()).toBe(0);
    await page.close();
  });

  it("the 审批单 of a decided case: signatures drawn at the 会签, 金额大写, A4 print layout and a PDF", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    for (const mobile of ["13800000021", "13800000022"]) {
      await signIn(page, server.url, mobile);
      await page.goto(`${server.url}/inbox`);
      await page.locator(".ant-list-item", { hasText: "困难职工帮扶" }).getByRole("link").click();
      await page.waitForURL(/\/inbox\/tasks\//);
      await page.getByLabel(/审批意见/).fill(mobile.endsWith("21") ? "同意帮扶1500元" : "同意");
      await signWithFinger(page);
      await page.getByRole("button", { name: /^同\s*意$/ }).click();
      await page.waitForURL((u) => u.pathname === "/inbox");
      await signOut(page);
    }
    await signIn(page, server.url, "13900000001");
    await page.goto(`${server.url}/portal/cases/${hardshipCaseId}`);
    await page.getByRole("link", { name: /审批单/ }).click();
    await page.waitForURL(/\/print$/);
    const sheet = page.locator(".nj-sheet");
    for (const text of ["湖里区总工会", "困难职工帮扶审批单", "壹仟伍佰元整", "基层工会审核", "经走访核实，情况属实", "区总工会会签", "同意帮扶1500元"]) await sheet.getByText(text).first().waitFor();
    expect(await sheet.locator("img.nj-sheet-signature").count()).toBe(2);
    await shoot(page, "approval-sheet");

    // What paper gets: print media at A4 width, and Chromium's own PDF of the page.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".nj-sheet-toolbar").isVisible()).toBe(false);
    expect(await page.locator(".nj-header").isVisible()).toBe(false);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "approval-sheet-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    const pdfPath = path.join(SCREENSHOT_DIR, "approval-sheet.pdf");
    writeFileSync(pdfPath, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    // Where poppler is installed, the PDF's first page as an image to look at.
    try {
      execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "2", pdfPath, path.join(SCREENSHOT_DIR, "approval-sheet-pdf")]);
    } catch {
      // No poppler-utils here: the PDF itself is kept beside the screenshots.
    }
    await page.close();
  });
});
