import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { programs, tasks } from "../../db/schema";
import { decideTask, submitApplication } from "../../workflows/services/cases";
import { hardshipApplication, membershipApplication } from "../support/demoDb";
import { launchChromium, SCREENSHOT_DIR, signIn } from "../support/browser";
import { startPreparedServer, type Preparation } from "../support/preparedServer";

const ID = "350206198503030013";
const CARD = "6222021234567890128";
const MOBILE = "13900000001";
let server: Awaited<ReturnType<typeof startPreparedServer>>;
let browser: Browser;
let hardshipCaseId = "";

/** The sizes this feature was looked at: a phone, and a laptop screen. */
const SIZES = [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]] as const;

async function shootBoth(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [label, size] of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
}

/** Nothing wider than the window (a phone must not scroll sideways), except inside scrolling tables. */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((el) => !el.closest(".ant-table-content, .ant-table-body, .nj-table-view, .ant-select-dropdown, .ant-picker-dropdown"))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${(el.className || "").toString().slice(0, 60)} → ${Math.round(el.getBoundingClientRect().right)}px`);
  });
}

/** 困难帮扶 by 赵小明 past 基层 (so a step has a decision time), and a 入会 waiting past its due time. */
async function prepare({ db, person }: Preparation) {
  const [hardship] = await db.select().from(programs).where(and(eq(programs.code, "hardship"), eq(programs.ownerOrgId, "huli")));
  const started = await submitApplication(
    db,
    await person(MOBILE),
    hardship.id,
    hardshipApplication({ idNumber: ID, mobile: MOBILE, bankCard: CARD }),
    "privacy-hardship",
    "zh",
  );
  hardshipCaseId = started.caseId;
  const li = await person("13800000001");
  const [task] = await db.select().from(tasks).where(and(eq(tasks.caseId, started.caseId), eq(tasks.assigneeId, li.id), eq(tasks.status, "open")));
  await decideTask(db, li, task.id, { action: "approve", comment: "经走访核实，情况属实" });
  const [membership] = await db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
  const joined = await submitApplication(db, await person("13900000003"), membership.id, membershipApplication(), "privacy-membership", "zh");
  await db.update(tasks).set({ dueAt: new Date(Date.now() - 30 * 3_600_000) }).where(eq(tasks.caseId, joined.caseId));
}

beforeAll(async () => {
  server = await startPreparedServer("privacy", prepare);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("personal numbers and the admin dashboard in a real browser", () => {
  it("the 街道 approver sees 身份证号, 手机号 and 银行卡号 masked, reveals the card with 查看, and hides it again", async () => {
    const page = await browser.newPage({ viewport: SIZES[0][1] });
    await signIn(page, server.url, "13800000011");
    await page.goto(`${server.url}/inbox`);
    await page.locator(".ant-list-item", { hasText: "赵小明" }).getByRole("link").first().click();
    await page.waitForURL(/\/inbox\/tasks\//);
    await page.getByText("3502**********0013").waitFor();
    await page.getByText("622202*********0128").waitFor();
    await page.getByText("139****0001").waitFor();
    expect(await page.content()).not.toContain(CARD);
    expect(await horizontalOverflow(page)).toEqual([]);
    await shootBoth(page, "case-masked");

    await page.setViewportSize(SIZES[0][1]);
    await page.getByRole("button", { name: "查看 本人银行卡号" }).click();
    await page.getByText(CARD).waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await shootBoth(page, "case-revealed");
    await page.getByRole("button", { name: "隐藏 本人银行卡号" }).click();
    await page.getByText("622202*********0128").waitFor();
    await page.close();
  });

  it("the applicant sees their own numbers in full, with nothing to reveal", async () => {
    const page = await browser.newPage({ viewport: SIZES[0][1] });
    await signIn(page, server.url, MOBILE);
    await page.goto(`${server.url}/portal/cases/${hardshipCaseId}`);
    await page.getByText(CARD).waitFor();
    await page.getByText(ID).waitFor();
    expect(await page.getByRole("button", { name: /^查看/ }).count()).toBe(0);
    await page.close();
  });

  it("王敏's dashboard: counts, step times, overdue work; 导出 CSV downloads a masked file", async () => {
    const page = await browser.newPage({ viewport: SIZES[0][1], acceptDownloads: true });
    await signIn(page, server.url, "13800000000");
    await page.getByRole("link", { name: "看板" }).click();
    await page.waitForURL((u) => u.pathname === "/admin");
    await page.getByText("管理看板").waitFor();
    await page.getByText("禾山街道总工会").first().waitFor();
    await page.getByText("基层工会审核").first().waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await shootBoth(page, "admin-dashboard");

    await page.setViewportSize(SIZES[1][1]);
    // The chosen program's name covers the select's input: open it by its box.
    await page.locator(".ant-select", { has: page.locator("#export-program") }).click();
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").getByTitle("困难职工帮扶", { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出 CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^困难职工帮扶.*\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("622202*********0128");
    expect(text).not.toContain(CARD);
    expect(text).not.toContain(ID);
    await page.close();
  });
});
