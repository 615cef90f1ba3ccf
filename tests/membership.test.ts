import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb, membershipApplication } from "./support/demoDb";
import { auditLog, cases, programs, tasks, users } from "../db/schema";
import { verifyAuditChain } from "../db/audit";
import { grantRole } from "../db/users";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { decideTask, getCaseView, listMyTasks, resubmitCase, submitApplication, withdrawCase } from "../workflows/services/cases";
import { loadSessionUser } from "../workflows/services/identity";
import { CaseCommandError } from "../workflows/runtime/errors";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;

let demo: Demo;
let programId: string;

beforeAll(async () => {
  demo = await createDemoDb();
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
  programId = p.id;
});
afterAll(() => demo.close());

let keyCounter = 0;
const submitKey = () => `test-key-${Date.now()}-${keyCounter++}`;

async function apply(mobile: string, overrides: Record<string, unknown> = {}) {
  const worker = await demo.userByMobile(mobile);
  const result = await submitApplication(demo.db, worker, programId, membershipApplication({ mobile, ...overrides }), submitKey(), "zh");
  return { worker, result };
}

async function openTaskOf(mobile: string, caseId: string) {
  const approver = await demo.userByMobile(mobile);
  const mine = await listMyTasks(demo.db, approver);
  const task = mine.find((t) => t.caseId === caseId);
  return { approver, task };
}

async function expectRefusal(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CaseCommandError);
  expect((err as CaseCommandError).code).toBe(code);
  return err as CaseCommandError;
}

describe("入会申请 end to end through the services", () => {
  it("a worker applies, the 基层工会 approver approves, the worker gets a membership number", async () => {
    const { worker, result } = await apply("13900000003");
    expect(result.created).toBe(true);
    expect(result.caseNo).toMatch(/^RH-\d{4}-\d{5}$/);
    expect(result.status).toBe("running");

    // The task lands with the approver of the worker's own 基层工会 (外卖), and no one else.
    const { approver, task } = await openTaskOf("13800000002", result.caseId);
    expect(task).toBeDefined();
    expect((await openTaskOf("13800000001", result.caseId)).task).toBeUndefined();

    await decideTask(demo.db, approver, task!.taskId, { action: "approve", comment: "同意入会" });
    expect(await drainJobs(demo.db)).toBeGreaterThan(0);

    const view = await getCaseView(demo.db, worker, result.caseId);
    expect(view.status).toBe("approved");
    const [member] = await demo.db.select().from(users).where(eq(users.id, worker.id));
    expect(member.memberNo).toMatch(/^HULI\d{4}\d{6}$/);
    expect(view.applicantMemberNo).toBe(member.memberNo);
    expect(view.timeline.map((e) => e.comment)).toContain("同意入会");
    expect(view.timeline.length).toBeGreaterThanOrEqual(3);
    expect(view.openTasks).toEqual([]);
  });

  it("return for correction keeps the case and its history; the resubmitted case is approved", async () => {
    const { worker, result } = await apply("13900000004", { name: "周杰", employer: "错误的单位" });
    const { approver, task } = await openTaskOf("13800000003", result.caseId);
    await expectRefusal(decideTask(demo.db, approver, task!.taskId, { action: "return", comment: "  " }), "invalidData");
    await decideTask(demo.db, approver, task!.taskId, { action: "return", comment: "工作单位请填写营业执照上的全称" });

    let view = await getCaseView(demo.db, worker, result.caseId);
    expect(view.status).toBe("returned");
    expect(view.canWithdraw).toBe(false);

    await resubmitCase(demo.db, worker, result.caseId, membershipApplication({ name: "周杰", mobile: "13900000004", employer: "厦门海湾科技有限公司" }), "zh");
    view = await getCaseView(demo.db, worker, result.caseId);
    expect(view.status).toBe("running");
    expect(view.data.employer).toBe("厦门海湾科技有限公司");

    const again = await openTaskOf("13800000003", result.caseId);
    await decideTask(demo.db, again.approver, again.task!.taskId, { action: "approve", comment: "" });
    await drainJobs(demo.db);
    view = await getCaseView(demo.db, worker, result.caseId);
    expect(view.status).toBe("approved");
    expect(view.timeline.map((e) => e.comment)).toContain("工作单位请填写营业执照上的全称");
  });

  it("reject ends the case and needs a comment", async () => {
    const { worker, result } = await apply("13900000002", { name: "钱多多" });
    const { approver, task } = await openTaskOf("13800000001", result.caseId);
    await decideTask(demo.db, approver, task!.taskId, { action: "reject", comment: "非本单位职工" });
    const view = await getCaseView(demo.db, worker, result.caseId);
    expect(view.status).toBe("rejected");
    const [mine] = await demo.db.select().from(users).where(eq(users.id, worker.id));
    expect(mine.memberNo).toBeNull();
  });

  it("the applicant can withdraw until the first approver acts, not after", async () => {
    const first = await apply("13900000001", { name: "赵小明" });
    expect((await getCaseView(demo.db, first.worker, first.result.caseId)).canWithdraw).toBe(true);
    await withdrawCase(demo.db, first.worker, first.result.caseId);
    expect((await getCaseView(demo.db, first.worker, first.result.caseId)).status).toBe("withdrawn");
    const stale = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, first.result.caseId), eq(tasks.status, "open")));
    expect(stale).toEqual([]);

    const second = await apply("13900000001", { name: "赵小明" });
    const { approver, task } = await openTaskOf("13800000001", second.result.caseId);
    await decideTask(demo.db, approver, task!.taskId, { action: "return", comment: "请补充平台名称" });
    await expectRefusal(withdrawCase(demo.db, second.worker, second.result.caseId), "rejectedByFlow");
  });

  it("a double-clicked submit makes one case", async () => {
    const worker = await demo.userByMobile("13900000001");
    const key = submitKey();
    const data = membershipApplication({ name: "赵小明", mobile: "13900000001" });
    const [a, b] = await Promise.all([
      submitApplication(demo.db, worker, programId, data, key, "zh"),
      submitApplication(demo.db, worker, programId, data, key, "zh"),
    ]);
    expect(a.caseId).toBe(b.caseId);
    const rows = await demo.db.select().from(cases).where(and(eq(cases.applicantId, worker.id), eq(cases.submitKey, key)));
    expect(rows).toHaveLength(1);
  });

  it("an invalid 身份证号 or a missing field is refused per field and stores nothing", async () => {
    const worker = await demo.userByMobile("13900000001");
    const before = await demo.db.select().from(cases);
    const bad = await expectRefusal(
      submitApplication(demo.db, worker, programId, membershipApplication({ idNumber: "110105194912310021" }), submitKey(), "zh"),
      "invalidData",
    );
    expect(bad.fieldErrors?.idNumber).toMatch(/身份证/);
    const missing = await expectRefusal(
      submitApplication(demo.db, worker, programId, membershipApplication({ name: "" }), submitKey(), "en"),
      "invalidData",
    );
    expect(Object.keys(missing.fieldErrors ?? {})).toContain("name");
    expect(await demo.db.select().from(cases)).toHaveLength(before.length);
  });

  it("two approvers deciding the same 或签 task at once: one succeeds, the other is told 已被处理", async () => {
    // A second approver at the 快递 union makes the node a choice between two people.
    const extra = await demo.userByMobile("13800000011");
    await grantRole(demo.db, extra.id, "approver", "hs-kuaidi");
    const { result } = await apply("13900000002", { name: "钱多多" });
    const a = await openTaskOf("13800000001", result.caseId);
    const b = await openTaskOf("13800000011", result.caseId);
    expect(a.task && b.task).toBeTruthy();
    const outcomes = await Promise.allSettled([
      decideTask(demo.db, a.approver, a.task!.taskId, { action: "approve", comment: "A" }),
      decideTask(demo.db, (await loadSessionUser(demo.db, b.approver.id))!, b.task!.taskId, { action: "approve", comment: "B" }),
    ]);
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0].reason as CaseCommandError).code).toBe("alreadyHandled");
    const decisions = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, result.caseId)));
    expect(decisions.filter((d) => d.actorId === a.approver.id || d.actorId === b.approver.id)).toHaveLength(1);
  });

  it("the same approver double-clicking approve decides once", async () => {
    const { result } = await apply("13900000003", { name: "孙丽" });
    const { approver, task } = await openTaskOf("13800000002", result.caseId);
    const outcomes = await Promise.allSettled([
      decideTask(demo.db, approver, task!.taskId, { action: "approve", comment: "" }),
      decideTask(demo.db, approver, task!.taskId, { action: "approve", comment: "" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const audit = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, result.caseId), eq(auditLog.actorId, approver.id)));
    expect(audit).toHaveLength(1);
  });

  it("a worker cannot open another worker's case; an approver cannot open a case outside their subtree", async () => {
    const { result } = await apply("13900000003", { name: "孙丽" });
    const otherWorker = await demo.userByMobile("13900000004");
    await expectRefusal(getCaseView(demo.db, otherWorker, result.caseId), "caseNotFound");
    const otherDistrict = await demo.userByMobile("13800000041");
    await expectRefusal(getCaseView(demo.db, otherDistrict, result.caseId), "caseNotFound");
    const siblingUnit = await demo.userByMobile("13800000003");
    await expectRefusal(getCaseView(demo.db, siblingUnit, result.caseId), "caseNotFound");
    const street = await demo.userByMobile("13800000011");
    expect((await getCaseView(demo.db, street, result.caseId)).caseNo).toBe(result.caseNo);
  });

  it("the audit hash chain verifies after all of the above", async () => {
    const verdict = await verifyAuditChain(demo.db);
    expect(verdict.checked).toBeGreaterThan(10);
    expect(verdict.problems).toEqual([]);
  });
});
