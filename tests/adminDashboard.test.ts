import { beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { auditLog, tasks } from "../db/schema";
import { createUser } from "../db/users";
import { verifyAuditChain } from "../db/audit";
import { decideTask, listMyTasks, submitApplication } from "../workflows/services/cases";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { adminDashboard } from "../workflows/services/adminDashboard";
import { dashboardWidgetRegistry } from "../workflows/dashboardWidgets";
import { exportCases } from "../workflows/services/exportCases";
import { loadSessionUser, type SessionUser } from "../workflows/services/identity";
import { AppClient } from "./support/appClient";
import { membershipApplication } from "./support/demoDb";
import { useDemoApp } from "./support/demoApp";

const ctx = useDemoApp();
const LABELS = { running: "审批中", returned: "已退回待补正", approved: "已通过", rejected: "未通过", withdrawn: "已撤回", failed: "处理异常" };
const SUNLI_ID = "11010519491231002X";
const ZHAO_ID = "350203198805123419";

let admin: SessionUser;
let caseIds: string[] = [];

/** Read a CSV back as a spreadsheet program would (exceljs' own reader), every cell as text. */
async function parseCsv(text: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  const sheet = await book.csv.read(Readable.from([text]), { map: (value: unknown) => value });
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)))));
  return rows;
}

const exportsOf = () => ctx.demo.db.select().from(auditLog).where(eq(auditLog.action, "export"));

beforeAll(async () => {
  admin = await ctx.demo.userByMobile("13800000000");
  const sunli = await ctx.demo.userByMobile("13900000003");
  const zhao = await ctx.demo.userByMobile("13900000001");
  const a = await submitApplication(ctx.demo.db, sunli, ctx.programId, membershipApplication({ idNumber: SUNLI_ID }), "dash-sunli-0001", "zh");
  const b = await submitApplication(ctx.demo.db, zhao, ctx.programId, membershipApplication({ name: "赵小明", mobile: "13900000001", idNumber: ZHAO_ID, employer: "厦门\"快递\",有限公司" }), "dash-zhao-0001", "zh");
  caseIds = [a.caseId, b.caseId];
  // 陈丽 decides 孙丽's application; 赵小明's task (李建国's) is made overdue.
  const chen = await ctx.demo.userByMobile("13800000002");
  const task = (await listMyTasks(ctx.demo.db, chen)).find((t) => t.caseId === a.caseId)!;
  await decideTask(ctx.demo.db, chen, task.taskId, { action: "approve", comment: "同意" });
  await drainJobs(ctx.demo.db); // the membership number's service task ends the case
  await ctx.demo.db.update(tasks).set({ dueAt: new Date(Date.now() - 50 * 3_600_000) }).where(and(eq(tasks.caseId, b.caseId), eq(tasks.status, "open")));
});

describe("admin dashboard", () => {
  it("counts by program, status, street and union; median time per node; overdue work — within the admin's subtree", async () => {
    const d = await adminDashboard(ctx.demo.db, admin);
    const membership = d.byProgram.find((p) => p.id === ctx.programId)!;
    expect(membership.total).toBeGreaterThanOrEqual(2);
    expect(membership.byStatus.approved).toBeGreaterThanOrEqual(1);
    expect(d.total).toBe(Object.values(d.byStatus).reduce((x, y) => x + y, 0));
    expect(d.byStreet.map((s) => s.name)).toContain("禾山街道总工会");
    expect(d.byUnit.map((u) => u.name)).toEqual(expect.arrayContaining(["禾山街道外卖配送行业联合工会", "禾山街道快递物流行业联合工会"]));
    const node = d.nodeTimes.find((n) => n.programId === ctx.programId)!;
    expect(node.decided).toBeGreaterThanOrEqual(1);
    expect(node.medianHours).toBeGreaterThanOrEqual(0);
    expect(d.overdue.count).toBeGreaterThanOrEqual(1);
    const late = d.overdue.tasks.find((t) => t.caseId === caseIds[1])!;
    expect(late).toMatchObject({ assigneeName: "李建国" });
    expect(late.overdueHours).toBeGreaterThanOrEqual(49);

    const approvedOnly = await adminDashboard(ctx.demo.db, admin, { status: "approved", orgId: "hs-waimai" });
    expect(approvedOnly.byStatus).toEqual({ approved: approvedOnly.total });
    expect(approvedOnly.byUnit.map((u) => u.id)).toEqual(["hs-waimai"]);
  });

  it("shows the registry's tiles: the core's, a failing one as its error, none of a plugin not switched on here", async () => {
    dashboardWidgetRegistry.register("test-count", { id: "test-count", title: { zh: "测试", en: "Test" }, loader: async ({ user }) => ({ value: user.name.length, suffix: "人" }) });
    dashboardWidgetRegistry.register("test-broken", { id: "test-broken", title: { zh: "坏", en: "Broken" }, loader: async () => { throw new Error("数据源不可用"); } });
    dashboardWidgetRegistry.register("test-plugin", { id: "test-plugin", title: { zh: "插件", en: "Plugin" }, loader: async () => 1 }, "not-installed-plugin");
    try {
      const d = await adminDashboard(ctx.demo.db, admin);
      expect(d.widgets.find((w) => w.id === "test-count")).toEqual({ id: "test-count", title: { zh: "测试", en: "Test" }, data: { value: 2, suffix: "人" } });
      expect(d.widgets.find((w) => w.id === "test-broken")?.error).toBe("数据源不可用");
      expect(d.widgets.find((w) => w.id === "test-plugin")).toBeUndefined();
    } finally {
      // The core registers no tiles of its own, so taking back the core's takes back just these.
      dashboardWidgetRegistry.removeOwner("core");
      dashboardWidgetRegistry.removeOwner("not-installed-plugin");
    }
  });

  it("another district's admin sees none of it, and may not filter by an org outside their subtree; approvers get 403", async () => {
    await createUser(ctx.demo.db, { name: "思明管理员", mobile: "13800000049", password: DEMO_PASSWORD, orgId: "siming", roles: [{ role: "admin" }] });
    const other = (await loadSessionUser(ctx.demo.db, (await ctx.demo.userByMobile("13800000049")).id))!;
    const d = await adminDashboard(ctx.demo.db, other);
    expect(d.byProgram.find((p) => p.id === ctx.programId)).toBeUndefined();
    expect(d.overdue.tasks.some((t) => caseIds.includes(t.caseId))).toBe(false);
    await expect(adminDashboard(ctx.demo.db, other, { orgId: "hs-waimai" })).rejects.toMatchObject({ status: 422 });
    await expect(adminDashboard(ctx.demo.db, admin, { from: "2026-13-45" })).rejects.toMatchObject({ status: 422 });
    const file = await exportCases(ctx.demo.db, other, { programId: ctx.programId, format: "csv" }, LABELS);
    expect(file.rows).toBe(0);
    await expect(adminDashboard(ctx.demo.db, await ctx.demo.userByMobile("13800000002"))).rejects.toMatchObject({ status: 403 });
  });
});

describe("exports", () => {
  it("CSV: UTF-8 with BOM, masked numbers, Excel-safe cells, and an audit row (who, program, filters, rows, masked)", async () => {
    const before = (await exportsOf()).length;
    const file = await exportCases(ctx.demo.db, admin, { programId: ctx.programId, format: "csv", orgId: "heshan" }, LABELS);
    expect(file.contentType).toMatch(/^text\/csv/);
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.body.toString("utf8").slice(1);
    expect(text).not.toContain(SUNLI_ID);
    expect(text).not.toContain(ZHAO_ID);
    expect(text).not.toContain("13900000003");
    const rows = await parseCsv(text);
    const header = rows[0];
    expect(header.slice(0, 5)).toEqual(["申请编号", "状态", "申请人", "所在工会", "街道"]);
    const idCol = header.indexOf("身份证号");
    const mobileCol = header.indexOf("手机号");
    expect(idCol).toBeGreaterThan(0);
    const sunli = rows.find((r) => r[2] === "孙丽")!;
    expect(sunli[idCol]).toBe("1101**********002X");
    expect(sunli[mobileCol]).toBe("139****0003");
    expect(sunli[1]).toBe("已通过");
    expect(sunli[4]).toBe("禾山街道总工会");
    const zhao = rows.find((r) => r[2] === "赵小明")!;
    expect(zhao).toContain('厦门"快递",有限公司');
    expect(rows).toHaveLength(file.rows + 1);

    const audits = await exportsOf();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({
      actorId: admin.id,
      stream: "privacy:huli",
      detail: { programId: ctx.programId, format: "csv", rows: file.rows, masked: true, filters: { orgId: "heshan", status: null, from: null, to: null } },
    });
  });

  it("Excel with full numbers only with a purpose, which the audit row keeps; without one, refused and not audited", async () => {
    const before = (await exportsOf()).length;
    await expect(exportCases(ctx.demo.db, admin, { programId: ctx.programId, format: "xlsx", unmasked: "1", reason: " " }, LABELS)).rejects.toMatchObject({ status: 422, fieldErrors: { reason: expect.any(String) } });
    expect(await exportsOf()).toHaveLength(before);

    const file = await exportCases(ctx.demo.db, admin, { programId: ctx.programId, format: "xlsx", unmasked: "1", reason: "报送会员名册" }, LABELS);
    expect(file.filename).toMatch(/^入会申请-\d{12}-完整\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const idCol = header.indexOf("身份证号") + 1;
    const ids: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && ids.push(row.getCell(idCol).value));
    expect(ids).toEqual(expect.arrayContaining([SUNLI_ID, ZHAO_ID]));
    expect(sheet.rowCount - 1).toBe(file.rows);
    const audit = (await exportsOf()).at(-1)!;
    expect(audit.detail).toMatchObject({ format: "xlsx", masked: false, reason: "报送会员名册", rows: file.rows });
    expect((await verifyAuditChain(ctx.demo.db)).problems).toEqual([]);
  });

  it("over HTTP: the dashboard page for admins only; the export form downloads a file, a bad request shows the refusal", async () => {
    const client = new AppClient(ctx.app);
    await client.signIn("13800000000", DEMO_PASSWORD);
    const page = await client.get("/admin");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("管理看板");
    expect(html).toContain("禾山街道总工会");

    const res = await client.post("/admin/export", { programId: ctx.programId, format: "csv", status: "", orgId: "", from: "", to: "", reason: "" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type"), (await res.clone().text()).slice(0, 300)).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("入会申请-")}`);
    const body = new Uint8Array(await res.arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(body)).not.toContain(SUNLI_ID);

    // Refused: back to the dashboard with the reason beside the field, nothing exported.
    const before = (await exportsOf()).length;
    const bad = await client.post("/admin/export", { programId: ctx.programId, format: "xlsx", unmasked: "1", reason: "", orgId: "hs-waimai" });
    expect(bad.status).toBe(302);
    const back = new URL(bad.headers.get("Location")!, "http://localhost");
    expect(back.pathname).toBe("/admin");
    expect(back.searchParams.get("orgId")).toBe("hs-waimai");
    expect(JSON.parse(back.searchParams.get("exportError")!)).toMatchObject({ code: "invalidData", fieldErrors: { reason: expect.any(String) } });
    expect(await (await client.get(`${back.pathname}${back.search}`)).text()).toContain("请写明用途");
    expect(await exportsOf()).toHaveLength(before);

    const approver = new AppClient(ctx.app);
    await approver.signIn("13800000002", DEMO_PASSWORD);
    expect((await approver.get("/admin")).status).toBe(403);
    expect((await approver.post("/admin/export", { programId: ctx.programId, format: "csv" })).status).toBe(403);
  });

  it("over HTTP: 节假日与调休 is linked from the dashboard, saves a year, and shows a bad day's reason beside it", async () => {
    const client = new AppClient(ctx.app);
    await client.signIn("13800000000", DEMO_PASSWORD);
    expect(await (await client.get("/admin")).text()).toContain('href="/admin/calendar"');
    expect(await (await client.get("/admin/calendar?year=2028")).text()).toContain("2028年节假日与调休");
    const saved = await client.post("/admin/calendar?year=2028", { calendar: JSON.stringify({ year: 2028, holidays: [{ date: "2028-10-02", name: "国庆节" }], workdays: [] }) });
    expect(saved.status).toBe(200);
    expect(await (await client.get("/admin/calendar?year=2028")).text()).toContain("2028-10-02");
    const bad = await client.post("/admin/calendar?year=2028", { calendar: JSON.stringify({ year: 2028, holidays: [], workdays: [{ date: "2028-10-09", name: "" }] }) });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("调休上班日应为周六或周日");
    expect((await client.post("/admin/calendar", { calendar: "{" })).status).toBe(400);
    const approver = new AppClient(ctx.app);
    await approver.signIn("13800000002", DEMO_PASSWORD);
    expect((await approver.get("/admin/calendar")).status).toBe(403);
  });
});
