import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { tasks } from "../db/schema";
import { decideTask, submitApplication } from "../workflows/services/cases";
import { AppClient } from "./support/appClient";
import { useDemoApp } from "./support/demoApp";
import { membershipApplication } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { pngOf } from "./support/uploadProgram";

const ctx = useDemoApp();

async function signedIn(mobile: string) {
  const client = new AppClient(ctx.app);
  expect((await client.signIn(mobile, DEMO_PASSWORD)).status).toBe(302);
  return client;
}

const aidForm = {
  schemaVersion: 1,
  id: "test-aid",
  title: { zh: "补助", en: "Aid" },
  fields: [
    { key: "reason", type: "text", label: { zh: "申请事由", en: "Reason" }, required: true },
    { key: "amount", type: "money", label: { zh: "申请金额", en: "Amount" }, required: true },
  ],
};

/** A case of a one-step program with a money field, decided by the 基层工会 approver with a signature. */
async function decidedCase(key: string) {
  const programId = await installTestProgram(ctx.demo.db, `sheet-${key}`, singleApprovalBpmn('mode="single" signature="optional"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>'), "huli", aidForm);
  const worker = await ctx.demo.userByMobile("13900000001");
  const approver = await ctx.demo.userByMobile("13800000001");
  const { caseId, caseNo } = await submitApplication(ctx.demo.db, worker, programId, { reason: "子女上学", amount: 1234.5 }, `sheet-${key}`, "zh");
  const [task] = await ctx.demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, approver.id)));
  const signature = `data:image/png;base64,${pngOf(60, 20).toString("base64")}`;
  await decideTask(ctx.demo.db, approver, task.id, { action: "approve", comment: "情况属实，同意补助", signature });
  return { caseId, caseNo, taskId: task.id, signature };
}

describe("审批单 (print view)", () => {
  it("shows the issuer, number, program, applicant, the answers with 金额大写 and each decision with its step and signature", async () => {
    const { caseId, caseNo, signature } = await decidedCase("full");
    const res = await (await signedIn("13900000001")).get(`/cases/${caseId}/print`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of ["湖里区总工会", "测试 sheet-full审批单", caseNo, "赵小明", "快递物流行业联合工会", "子女上学", "¥1,234.50（壹仟贰佰叁拾肆元伍角整）", "会签审批", "李建国", "情况属实，同意补助", "打印"]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`src="${signature}"`);
    expect(html).toMatch(/<link rel="stylesheet" href="[^"]*approvalSheet[^"]*\.css/);
  });

  it("is visible exactly where the case page is: the approver over the case, not another district's, not the signed-out", async () => {
    const { caseId } = await decidedCase("vis");
    expect((await (await signedIn("13800000021")).get(`/cases/${caseId}/print`)).status).toBe(200);
    expect((await (await signedIn("13800000041")).get(`/portal/cases/${caseId}`)).status).toBe(404);
    expect((await (await signedIn("13800000041")).get(`/cases/${caseId}/print`)).status).toBe(404);
    const anonymous = await new AppClient(ctx.app).get(`/cases/${caseId}/print`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("shows personal numbers as the case page does: in full to the applicant, masked to an approver", async () => {
    const worker = await ctx.demo.userByMobile("13900000003");
    const { caseId } = await submitApplication(ctx.demo.db, worker, ctx.programId, membershipApplication(), "sheet-masking", "zh");
    const own = await (await (await signedIn("13900000003")).get(`/cases/${caseId}/print`)).text();
    expect(own).toContain("11010519491231002X");
    const approver = await signedIn("13800000002");
    const casePage = await approver.page(`/portal/cases/${caseId}`);
    expect(casePage.path).toMatch(/^\/inbox\/tasks\//);
    const sheet = await (await approver.get(`/cases/${caseId}/print`)).text();
    for (const page of [casePage.html, sheet]) {
      expect(page).not.toContain("11010519491231002X");
      expect(page).not.toContain("13900000003");
      expect(page).toMatch(/139\*{4}0003/);
    }
  });

  it("is linked from the case page and from the task page", async () => {
    const { caseId, taskId } = await decidedCase("links");
    expect(await (await (await signedIn("13900000001")).get(`/portal/cases/${caseId}`)).text()).toContain(`href="/cases/${caseId}/print"`);
    expect(await (await (await signedIn("13800000001")).get(`/inbox/tasks/${taskId}`)).text()).toContain(`href="/cases/${caseId}/print"`);
  });
});

describe("inbox over HTTP: 批量同意 and 认领", () => {
  it("posts ticked tasks to the inbox and answers how many were approved and which failed", async () => {
    const programId = await installTestProgram(
      ctx.demo.db,
      "http-bulk",
      singleApprovalBpmn('mode="any"', '<niangjia:assignee kind="rolePool" role="approver" level="district"/>').replace('<bpmn:userTask id="review"', '<bpmn:userTask id="review" niangjia:allowBulk="true"'),
    );
    const worker = await ctx.demo.userByMobile("13900000002");
    const zhang = await ctx.demo.userByMobile("13800000021");
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const { caseId } = await submitApplication(ctx.demo.db, worker, programId, { note: `批量 ${n}` }, `http-bulk-${n}`, "zh");
      const [task] = await ctx.demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, zhang.id)));
      ids.push(task.id);
    }
    const client = await signedIn("13800000021");
    const page = await (await client.get("/inbox")).text();
    expect(page).toContain("批量同意");
    expect(page).toContain("待认领 · 2人");
    // A plain form post (the page's fetcher posts the same fields): each task approved once, a duplicate id ignored.
    const post = (fields: string[][]) => client.request("/inbox?index", { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const res = await post([["_csrf", await client.csrf()], ["comment", "同意"], ...ids.map((id) => ["taskIds", id]), ["taskIds", ids[0]]]);
    expect(res.status).toBe(200);
    const decided = await ctx.demo.db.select().from(tasks).where(inArray(tasks.id, ids));
    expect(decided.map((t) => [t.status, t.outcome, t.comment])).toEqual([
      ["done", "approve", "同意"],
      ["done", "approve", "同意"],
    ]);
    expect((await post([["_csrf", await client.csrf()]])).status).toBe(422);
    expect((await post([["taskIds", ids[0]]])).status).toBe(403);
  });

  it("claims and releases from the task page; a colleague sees who holds it and no decision panel", async () => {
    const programId = await installTestProgram(ctx.demo.db, "http-claim", singleApprovalBpmn('mode="any"', '<niangjia:assignee kind="rolePool" role="approver" level="district"/>'));
    const worker = await ctx.demo.userByMobile("13900000002");
    const [zhang, he] = [await ctx.demo.userByMobile("13800000021"), await ctx.demo.userByMobile("13800000022")];
    const { caseId } = await submitApplication(ctx.demo.db, worker, programId, { note: "认领" }, "http-claim-1", "zh");
    const taskOf = async (id: string) => (await ctx.demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, id))))[0].id;
    const [mine, hers] = [await taskOf(zhang.id), await taskOf(he.id)];
    const zhangClient = await signedIn("13800000021");
    const claimed = await zhangClient.post(`/inbox/tasks/${mine}`, { intent: "claim" });
    expect(claimed.status).toBe(302);
    expect(await (await zhangClient.get(`/inbox/tasks/${mine}`)).text()).toContain("释放（交回）");
    const heClient = await signedIn("13800000022");
    const herPage = await (await heClient.get(`/inbox/tasks/${hers}`)).text();
    expect(herPage).toContain("该事项已被 张伟 认领，由其办理");
    expect(herPage).not.toContain('value="approve"');
    expect(await (await heClient.get("/inbox")).text()).not.toContain(`/inbox/tasks/${hers}`);
    const refused = await heClient.post(`/inbox/tasks/${hers}`, { decision: "approve", comment: "" });
    expect(refused.status).toBe(409);
    expect((await zhangClient.post(`/inbox/tasks/${mine}`, { intent: "release" })).status).toBe(302);
    expect(await (await heClient.get(`/inbox/tasks/${hers}`)).text()).toContain('value="approve"');
  });
});
