import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { auditLog, cases, jobs, notifications, tasks } from "../db/schema";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { decideTask, submitApplication } from "../workflows/services/cases";
import { addWorkingDays } from "../workflows/workingDays";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let keys = 0;

beforeAll(async () => {
  demo = await createDemoDb();
});
afterAll(() => demo.close());

const grassroots = '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>';

async function startWithSla(code: string, onTimeout: string) {
  const programId = await installTestProgram(
    demo.db,
    code,
    singleApprovalBpmn('mode="any" actions="approve,reject,return"', grassroots, `<niangjia:sla workingDays="2" remindBeforeHours="4" onTimeout="${onTimeout}"/>`),
  );
  const worker = await demo.userByMobile("13900000001");
  const started = await submitApplication(demo.db, worker, programId, { note: "时限测试" }, `sla-key-${keys++}`, "zh");
  return { worker, caseId: started.caseId };
}

/** Let time pass for the named timer: make its job due now and run the queue. */
async function fire(caseId: string, keyPart: string) {
  await demo.db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.caseId, caseId), sql`${jobs.key} like ${`%${keyPart}%`}`));
  return drainJobs(demo.db);
}

const caseRow = async (id: string) => (await demo.db.select().from(cases).where(eq(cases.id, id)))[0];

describe("SLA in working days: reminder (催办) and automatic action on timeout", () => {
  it("sets the due time in working days, reminds before it, and approves on timeout", async () => {
    const before = new Date().toISOString();
    const { caseId } = await startWithSla("sla-approve", "approve");
    const [task] = await demo.db.select().from(tasks).where(eq(tasks.caseId, caseId));
    const expectedDue = Date.parse(addWorkingDays(before, 2));
    expect(Math.abs(task.dueAt!.getTime() - expectedDue)).toBeLessThan(60_000);
    const timers = await demo.db.select().from(jobs).where(eq(jobs.caseId, caseId));
    expect(timers.map((j) => j.key.split(":").slice(1).join(":")).sort()).toEqual(["remind:review:1", "sla:review:1"]);

    expect(await fire(caseId, "remind:")).toBe(1);
    const reminded = await demo.db.select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.templateKey, "task.reminder")));
    expect(reminded.map((n) => n.userId)).toEqual([task.assigneeId]);
    expect((await caseRow(caseId)).status).toBe("running");

    expect(await fire(caseId, "sla:")).toBe(1);
    const after = await caseRow(caseId);
    expect(after.status).toBe("approved");
    expect((after.variables as Record<string, unknown>).review_timedOut).toBe(true);
    const timerAudit = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "timer")));
    expect(timerAudit).toHaveLength(2);
    expect(timerAudit.every((a) => a.actorId === null)).toBe(true);
    const [closed] = await demo.db.select().from(tasks).where(eq(tasks.caseId, caseId));
    expect(closed.status).toBe("cancelled");
  });

  it("rejects on timeout when the node says so", async () => {
    const { caseId } = await startWithSla("sla-reject", "reject");
    await fire(caseId, "sla:");
    expect((await caseRow(caseId)).status).toBe("rejected");
  });

  it("a decision before the due time cancels the timers; a stale timer changes nothing", async () => {
    const { caseId } = await startWithSla("sla-decided", "reject");
    const [task] = await demo.db.select().from(tasks).where(eq(tasks.caseId, caseId));
    const approver = await demo.userByMobile("13800000001");
    expect(task.assigneeId).toBe(approver.id);
    await decideTask(demo.db, approver, task.id, { action: "approve", comment: "按时办理" });
    const timers = await demo.db.select().from(jobs).where(eq(jobs.caseId, caseId));
    expect(timers.map((j) => j.status)).toEqual(["cancelled", "cancelled"]);

    // Even if a timer slipped through (e.g. cancelled after a worker claimed it), it is obsolete.
    await demo.db.update(jobs).set({ status: "pending", runAt: sql`now()` }).where(and(eq(jobs.caseId, caseId), sql`${jobs.key} like '%sla:%'`));
    await drainJobs(demo.db);
    const [stale] = await demo.db.select().from(jobs).where(and(eq(jobs.caseId, caseId), sql`${jobs.key} like '%sla:%'`));
    expect(stale.status).toBe("cancelled");
    expect((await caseRow(caseId)).status).toBe("approved");
  });
});
