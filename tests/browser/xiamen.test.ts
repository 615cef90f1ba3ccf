import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { LocalFileStore } from "../../db/fileStore";
import { migrateDb } from "../../db/migrate";
import { seedDemoOrgs } from "../../db/demoOrgs";
import { programs, users } from "../../db/schema";
import { loadPlugins } from "../../cli/loadPlugins";
import { startPlugins } from "../../cli/startPlugins";
import { seedBuiltinPrograms } from "../../cli/seedPrograms";
import { drainJobs } from "../../workflows/runtime/jobWorker";
import { decideTask, listMyTasks, submitApplication } from "../../workflows/services/cases";
import { uploadFile } from "../../workflows/services/files";
import { loadSessionUser } from "../../workflows/services/identity";
import { runPluginPageAction } from "../../workflows/services/pluginPages";
import { PHONE, SCREENSHOT_DIR, launchChromium, shoot as shootStandard, signIn } from "../support/browser";
import { startBuiltServer } from "../support/runServer";
import { pngOf } from "../support/uploadProgram";
import { transportApplication } from "../support/xiamenDb";

/** The project's phone and desktop shots, and one at 1280×800 (a small laptop). */
async function shoot(page: Page, name: string): Promise<void> {
  await shootStandard(page, name);
  const original = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-1280.png`), fullPage: true });
  if (original) await page.setViewportSize(original);
}

/** A page that waits longer than playwright's 30 s: five engineers share this machine's two cores. */
async function newPage(options: Parameters<Browser["newPage"]>[0]): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(90_000);
  return page;
}

let server: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;
const ids: Record<string, string> = {};

const wish = (name: string, title: string, story: string, amount: number, category = "daily") => ({ name, category, title, story, amount, consent: { accepted: true, version: "2026-1" } });

/**
 * The demo database the server opens, with a wish in every state on 湖里's wall and one
 * approved 平安返厦 claim waiting to be paid, made through the same services the pages use.
 */
async function prepare(dataDir: string): Promise<void> {
  process.env.DATA_DIR = dataDir;
  const handle = await createDb({ dataDir });
  try {
    await migrateDb(handle);
    await startPlugins(handle, loadPlugins());
    await seedDemoOrgs(handle.db);
    await seedBuiltinPrograms(handle.db);
    const db = handle.db;
    const person = async (mobile: string) => (await loadSessionUser(db, (await db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile)))[0].id))!;
    // 湖里's copy of each program.
    for (const code of ["xiamen-transport", "xiamen-medical-aid", "xiamen-wish"]) {
      ids[code] = (await db.select({ id: programs.id, tenantId: programs.tenantId }).from(programs).where(eq(programs.code, code))).find((p) => p.tenantId === "huli")!.id;
    }

    const approve = async (approverMobile: string, caseId: string) => {
      const approver = await person(approverMobile);
      const task = (await listMyTasks(db, approver)).find((t) => t.caseId === caseId)!;
      await decideTask(db, approver, task.taskId, { action: "approve", comment: "" });
      await drainJobs(db);
    };
    const post = async (mobile: string, form: Record<string, unknown>, approver?: string) => {
      const { caseId } = await submitApplication(db, await person(mobile), ids["xiamen-wish"], form, `wish-${mobile}-${form.title}`.replace(/[^A-Za-z0-9_-]/g, "").padEnd(12, "x") + Date.now(), "zh");
      if (approver) await approve(approver, caseId);
      return caseId;
    };
    await post("13900000004", wish("周杰", "给女儿买一套课外书", "女儿喜欢看书，想给她买一套适合三年级的课外读物。", 120, "books"));
    const claimed = await post("13900000001", wish("赵小明", "一双冬天穿的棉鞋", "每天骑车送快递，脚冻得厉害，想要一双保暖的棉鞋。", 160, "clothes"), "13800000001");
    const fulfilled = await post("13900000002", wish("钱多多", "孩子的新书包", "孩子的书包用了四年已经破了，想在开学前换一个。", 150, "study"), "13800000001");
    await post("13900000003", wish("孙丽", "一个电动车头盔", "送外卖的头盔裂了，想换一个符合标准的新头盔，路上更安全。", 130), "13800000002");
    const donor = await person("13800000011");
    await runPluginPageAction(db, donor, "xiamen", "wishes", "claim", { caseId: claimed });
    await runPluginPageAction(db, donor, "xiamen", "wishes", "claim", { caseId: fulfilled });
    await runPluginPageAction(db, donor, "xiamen", "wishes", "fulfil", { caseId: fulfilled });

    // One 平安返厦 claim approved by the street office, ready for the district's payout batch.
    await db.update(programs).set({ settings: { audience: "members" } }).where(eq(programs.code, "xiamen-transport"));
    const { caseId } = await submitApplication(db, await person("13900000005"), ids["xiamen-transport"], transportApplication({ idNumber: "511322198507200039", hukou: { codes: ["51", "5113"] }, fare: 612 }), `transport-demo-${Date.now()}`, "zh");
    await drainJobs(db);
    await approve("13800000011", caseId);

    // A 医疗互助 claim by someone on the roll, waiting for 湖里区总 to confirm the computed amounts.
    const zhao = await person("13900000001");
    // Where the server keeps PGlite's uploads: beside its data folder.
    const proof = await uploadFile(db, new LocalFileStore(`${dataDir}-files`), zhao, { programId: ids["xiamen-medical-aid"], fieldKey: "proof" }, async () => ({ ok: true, name: "诊断证明.png", bytes: pngOf(60, 40) }), "zh");
    const medical = {
      name: "赵小明", idNumber: "360102199003150022", mobile: "13900000001", employer: "厦门速达快递有限公司", diagnosis: "cancer", diagnosisDate: "2026-10-08",
      hospital: "厦门大学附属第一医院", hospitalDays: 42, totalCost: 310_000, selfPaid: 250_000, proof: [proof.id], bankCard: "6222021234567890128", bankName: "中国工商银行厦门湖里支行",
      consent: { accepted: true, version: "2026-1" },
    };
    ids.medicalCase = (await submitApplication(db, zhao, ids["xiamen-medical-aid"], medical, `medical-demo-${Date.now()}`, "zh")).caseId;
    await drainJobs(db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "niangjia-xiamen-"));
  await prepare(dataDir);
  server = await startBuiltServer({ dataDir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("Xiamen programs in a real browser", () => {
  it("a worker sees the three Xiamen programs and opens each form; the 医疗互助 form estimates the aid as it is filled", async () => {
    const page = await newPage({ viewport: PHONE });
    await signIn(page, server.url, "13900000005");
    await page.goto(`${server.url}/portal`);
    for (const name of ["平安返厦交通补贴", "职工医疗互助金", "微心愿"]) await page.getByText(name, { exact: true }).first().waitFor();
    await shoot(page, "xiamen-portal");
    for (const [code, shot] of [["xiamen-transport", "xiamen-transport-apply"], ["xiamen-medical-aid", "xiamen-medical-apply"], ["xiamen-wish", "xiamen-wish-apply"]]) {
      await page.goto(`${server.url}/portal/programs/${ids[code]}`);
      await page.getByRole("button", { name: /提\s*交/ }).waitFor();
      if (code === "xiamen-medical-aid") {
        // 预计互助金 is worked out in the browser by the plugin's FEEL function: 10 days × 50 + 20% of 6,000.
        await page.getByLabel("住院天数").fill("10");
        await page.getByLabel("个人自付费用").fill("6000");
        await expect.poll(() => page.getByLabel("预计互助金").inputValue()).toBe("¥1,700.00");
      }
      await shoot(page, shot);
    }
  });

  it("the wish wall shows each state, and a donor claims an open wish on a phone", async () => {
    const page = await newPage({ viewport: PHONE });
    await signIn(page, server.url, "13900000002");
    await page.goto(`${server.url}/p/xiamen/wishes`);
    const tiles = page.getByTestId("wish");
    await expect.poll(() => tiles.count()).toBe(4);
    for (const state of ["待审核", "待认领", "已认领", "已实现"]) await tiles.filter({ hasText: state }).first().waitFor();
    await shoot(page, "xiamen-wish-wall");
    const open = tiles.filter({ hasText: "电动车头盔" });
    await open.getByRole("button", { name: /认\s*领/ }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /认\s*领/ }).click();
    await page.getByRole("alert").filter({ hasText: "认领成功" }).waitFor();
    await open.filter({ hasText: "我认领的" }).waitFor();
    await shoot(page, "xiamen-wish-claimed");
  });

  it("the district approver sees the computed 医疗互助 amounts, in 金额大写, on the task", async () => {
    const page = await newPage({ viewport: PHONE });
    await signIn(page, server.url, "13800000021");
    await page.goto(`${server.url}/inbox`);
    await page.getByText("职工医疗互助金").first().click();
    await page.waitForURL(/\/inbox\/tasks\//);
    await page.getByText("¥41,500.00（肆万壹仟伍佰元整）").waitFor();
    await page.getByText("已核实参加医疗互助").waitFor();
    await page.getByRole("button", { name: "确认金额并核准" }).waitFor();
    await shoot(page, "xiamen-medical-task");
  });

  it("a district admin makes the payout batch and gets the bank file", async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await signIn(page, server.url, "13800000000");
    await page.goto(`${server.url}/p/xiamen/payouts`);
    await page.getByText("待发放 1 人，合计 ¥400.00").waitFor();
    await page.getByRole("button", { name: /生成批次并下载/ }).click();
    const download = page.waitForEvent("download");
    await page.locator(".ant-popconfirm").getByRole("button", { name: /生\s*成/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^XMPA-HULI-\d{8}-[0-9A-F]{6}\.csv$/);
    const bytes = readFileSync(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("林小红,6222021234567890128,中国工商银行厦门湖里支行,400.00,PAFX-");
    await page.getByRole("alert").filter({ hasText: "已生成批次" }).waitFor();
    await shoot(page, "xiamen-payouts");
  });
});
