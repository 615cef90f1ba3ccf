import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { auditLog, drafts } from "../db/schema";
import { rowsOf } from "../db/rows";
import { lookupHash } from "../db/sealedValue";
import { verifyAuditChain } from "../db/audit";
import { decideTask, getCaseView, submitApplication, listMyTasks } from "../workflows/services/cases";
import { caseViewFor } from "../workflows/services/caseViewFor";
import { revealValue, REVEALS_PER_HOUR } from "../workflows/services/revealValue";
import { getApplyPage, saveDraft } from "../workflows/services/applicationDrafts";
import { matchesSearch } from "../workflows/services/inboxQueries";
import { taskCaseView } from "../workflows/services/taskCaseView";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { AppClient } from "./support/appClient";
import { membershipApplication } from "./support/demoDb";
import { useDemoApp } from "./support/demoApp";

const ctx = useDemoApp();
const ID = "11010519491231002X";
const MOBILE = "13900000003";

async function applyAsSunLi(key: string) {
  const worker = await ctx.demo.userByMobile("13900000003");
  const step = await submitApplication(ctx.demo.db, worker, ctx.programId, membershipApplication({ idNumber: ID.toLowerCase(), mobile: MOBILE }), key, "zh");
  return { worker, caseId: step.caseId };
}

describe("personal numbers at rest", () => {
  it("the cases row keeps 身份证号 and 手机号 sealed — in data and in the engine snapshot — with the keyed hash beside them", async () => {
    const { caseId } = await applyAsSunLi("sensitive-rest-01");
    const res = await ctx.demo.db.execute(sql`select data::text as data, snapshot::text as snapshot, data->'idNumber' as id from cases where id = ${caseId}`);
    const [row] = rowsOf<{ data: string; snapshot: string; id: { $sealed: string; $hash: string } }>(res);
    for (const text of [row.data, row.snapshot]) {
      expect(text).not.toContain(ID);
      expect(text).not.toContain(ID.slice(0, 17));
      expect(text).not.toContain(MOBILE);
      expect(text).toContain("孙丽"); // the rest of the form stays readable
    }
    expect(row.id.$sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(row.id.$hash).toBe(lookupHash(ID));
    // Exact-match lookup in SQL through the hash, without opening anything.
    const found = await ctx.demo.db.execute(sql`select id from cases where data->'idNumber'->>'$hash' = ${lookupHash(ID)}`);
    expect(rowsOf<{ id: string }>(found).map((r) => r.id)).toContain(caseId);
  });

  it("a draft's half-typed numbers are sealed too, and come back plain to its owner", async () => {
    const worker = await ctx.demo.userByMobile("13900000003");
    await saveDraft(ctx.demo.db, worker, ctx.programId, { name: "孙丽", idNumber: ID, mobile: "1390000" }, "");
    const [row] = await ctx.demo.db.select({ data: drafts.data }).from(drafts).where(and(eq(drafts.userId, worker.id), eq(drafts.programId, ctx.programId)));
    expect(JSON.stringify(row.data)).not.toMatch(new RegExp(`${ID}|1390000`));
    const page = await getApplyPage(ctx.demo.db, worker, ctx.programId);
    expect(page?.draft?.data).toMatchObject({ name: "孙丽", idNumber: ID, mobile: "1390000" });
  });
});

describe("masked views and 查看", () => {
  it("the applicant sees their own numbers; the approver sees them masked and may reveal one, which is audited", async () => {
    const { worker, caseId } = await applyAsSunLi("sensitive-view-01");
    const own = await caseViewFor(ctx.demo.db, worker, caseId);
    expect(own.data).toMatchObject({ idNumber: ID, mobile: MOBILE });
    expect(own.masked).toEqual([]);

    const approver = await ctx.demo.userByMobile("13800000002");
    const seen = await caseViewFor(ctx.demo.db, approver, caseId);
    expect(seen.data).toMatchObject({ idNumber: "1101**********002X", mobile: "139****0003", name: "孙丽" });
    expect(seen.masked).toEqual(["idNumber", "mobile"]);
    expect(seen.canReveal).toBe(true);

    const before = await ctx.demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "reveal")));
    expect(before).toHaveLength(0);
    expect(await revealValue(ctx.demo.db, approver, caseId, "idNumber")).toEqual({ value: ID });
    const audits = await ctx.demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "reveal")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: approver.id, stream: "privacy:huli", detail: { field: "idNumber", label: "身份证号", caseNo: seen.caseNo } });
    // The case's own timeline is not where reveals go.
    expect(seen.timeline.some((e) => e.action === "reveal")).toBe(false);
    expect((await verifyAuditChain(ctx.demo.db)).problems).toEqual([]);
  });

  it("refuses a reveal to the applicant, of a field that is not masked, and to an approver of another district — and audits none of them", async () => {
    const { worker, caseId } = await applyAsSunLi("sensitive-view-02");
    const approver = await ctx.demo.userByMobile("13800000002");
    const stranger = await ctx.demo.userByMobile("13800000041");
    await expect(revealValue(ctx.demo.db, worker, caseId, "idNumber")).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(revealValue(ctx.demo.db, approver, caseId, "name")).rejects.toMatchObject({ code: "notRevealable", status: 404 });
    await expect(revealValue(ctx.demo.db, approver, caseId, "../idNumber")).rejects.toMatchObject({ status: 404 });
    await expect(revealValue(ctx.demo.db, stranger, caseId, "idNumber")).rejects.toMatchObject({ code: "caseNotFound" });
    const audits = await ctx.demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "reveal")));
    expect(audits).toHaveLength(0);
  });

  it("stops one person revealing more than REVEALS_PER_HOUR values within an hour (429, nothing shown, not audited past the limit)", async () => {
    const { caseId } = await applyAsSunLi("sensitive-view-limit");
    const street = await ctx.demo.userByMobile("13800000011");
    for (let i = 0; i < REVEALS_PER_HOUR; i++) await revealValue(ctx.demo.db, street, caseId, i % 2 ? "mobile" : "idNumber");
    await expect(revealValue(ctx.demo.db, street, caseId, "idNumber")).rejects.toMatchObject({ code: "tooManyReveals", status: 429, messageZh: expect.stringContaining("一小时内查看完整信息已达 60 次") });
    const audits = await ctx.demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "reveal"), eq(auditLog.actorId, street.id)));
    expect(audits).toHaveLength(REVEALS_PER_HOUR);
    // Someone else is not held back by it.
    expect(await revealValue(ctx.demo.db, await ctx.demo.userByMobile("13800000002"), caseId, "mobile")).toEqual({ value: MOBILE });
  });

  it("inbox search finds a whole 身份证号 or 手机号 through the hash, not a fragment of one", async () => {
    const { caseId } = await applyAsSunLi("sensitive-search-01");
    const approver = await ctx.demo.userByMobile("13800000002");
    const rows = await listMyTasks(ctx.demo.db, approver);
    const row = rows.find((r) => r.caseId === caseId)!;
    expect(matchesSearch(row, ID.toLowerCase())).toBe(true);
    expect(matchesSearch(row, `+86${MOBILE}`)).toBe(true);
    expect(matchesSearch(row, `孙丽 ${MOBILE}`)).toBe(true);
    expect(matchesSearch(row, "13900000009")).toBe(false);
    expect(matchesSearch(row, ID.slice(0, 10))).toBe(false);
    expect(matchesSearch(row, "v1.")).toBe(false); // nothing of the sealed form is searchable
  });
});

describe("at a node that hides one number and lets the approver edit another", () => {
  const form = {
    schemaVersion: 1,
    id: "test-sensitive-node",
    title: { zh: "测试", en: "Test" },
    fields: [
      { key: "name", type: "text", label: { zh: "姓名", en: "Name" }, required: true },
      { key: "idNumber", type: "idNumber", label: { zh: "身份证号", en: "ID number" }, required: true },
      { key: "mobile", type: "mobile", label: { zh: "手机号", en: "Mobile" }, required: true },
    ],
  };
  const permissions = '<niangjia:fieldPermission field="idNumber" access="editable"/><niangjia:fieldPermission field="mobile" access="hidden"/>';

  it("the task view leaves the hidden number out, masks the other; an untouched mask sent back keeps the stored number", async () => {
    const programId = await installTestProgram(
      ctx.demo.db,
      "sensitive-node",
      singleApprovalBpmn('mode="single" actions="approve,reject,return"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>', permissions),
      "huli",
      form,
    );
    const worker = await ctx.demo.userByMobile("13900000001");
    const unit = await ctx.demo.userByMobile("13800000001");
    const { caseId } = await submitApplication(ctx.demo.db, worker, programId, { name: "赵小明", idNumber: ID, mobile: "13900000001" }, "sensitive-node-01", "zh");
    const task = (await listMyTasks(ctx.demo.db, unit)).find((t) => t.caseId === caseId)!;
    const { view, access } = await taskCaseView(ctx.demo.db, unit, task.taskId);
    expect(access.mobile).toBe("hidden");
    expect(view.data).toEqual({ name: "赵小明", idNumber: "1101**********002X" });
    expect(view.masked).toEqual(["idNumber"]);
    await expect(revealValue(ctx.demo.db, unit, caseId, "mobile", task.taskId)).rejects.toMatchObject({ code: "notRevealable" });

    // The task page sends the editable fields back as shown: the mask stands for the stored number.
    await decideTask(ctx.demo.db, unit, task.taskId, { action: "approve", comment: "", edits: { idNumber: view.data.idNumber } });
    const after = await getCaseView(ctx.demo.db, worker, caseId);
    expect(after.status).toBe("approved");
    expect(after.data).toMatchObject({ idNumber: ID, mobile: "13900000001" });
    expect(after.timeline.find((e) => e.action === "approve")?.changedFields).toEqual([]);
  });
});

describe("over HTTP and the JSON API", () => {
  it("the approver's case page shows masks and no number; 查看 answers the value and writes the audit row", async () => {
    const { caseId } = await applyAsSunLi("sensitive-http-01");
    const approver = new AppClient(ctx.app);
    await approver.signIn("13800000002", DEMO_PASSWORD);
    // Holding the case's open task, the approver lands on the task page.
    const { html: page } = await approver.page(`/portal/cases/${caseId}`);
    expect(page).toContain("1101**********002X");
    expect(page).not.toContain(ID);
    expect(page).not.toContain(MOBILE);

    const noToken = await approver.post(`/portal/cases/${caseId}/reveal`, { field: "mobile" }, { csrf: null });
    expect(noToken.status).toBe(403);
    const res = await approver.post(`/portal/cases/${caseId}/reveal`, { field: "mobile" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ value: MOBILE });
    const audits = await ctx.demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "reveal")));
    expect(audits.map((a) => (a.detail as { field: string }).field)).toEqual(["mobile"]);

    const applicant = new AppClient(ctx.app);
    await applicant.signIn("13900000003", DEMO_PASSWORD);
    expect(await (await applicant.get(`/portal/cases/${caseId}`)).text()).toContain(ID);
  });

  it("GET /api/v1/cases/{id} masks for the approver and POST …/reveal reveals, audited", async () => {
    const { caseId } = await applyAsSunLi("sensitive-api-01");
    const approver = new AppClient(ctx.app);
    await approver.signIn("13800000002", DEMO_PASSWORD);
    const detail = (await (await approver.get(`/api/v1/cases/${caseId}`)).json()) as { data: Record<string, unknown>; masked: string[]; canReveal: boolean };
    expect(detail.data.idNumber).toBe("1101**********002X");
    expect(detail.masked).toEqual(["idNumber", "mobile"]);
    expect(detail.canReveal).toBe(true);
    const csrf = await approver.csrf();
    const reveal = (field: string) =>
      approver.request(`/api/v1/cases/${caseId}/reveal`, { method: "POST", body: JSON.stringify({ field }), headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf } });
    const res = await reveal("idNumber");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ field: "idNumber", value: ID });
    const refused = await reveal("employer");
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("notRevealable");
    const audits = await ctx.demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "reveal")));
    expect(audits).toHaveLength(1);
  });
});
