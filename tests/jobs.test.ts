import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createDemoDb, membershipApplication } from "./support/demoDb";
import { installTestProgram } from "./support/flowPrograms";
import { auditLog, cases, counters, jobs, notifications, programs, users } from "../db/schema";
import { claimDueJobs, drainJobs } from "../workflows/runtime/jobWorker";
import { decideTask, listMyTasks, submitApplication } from "../workflows/services/cases";
import { registerServiceHandler } from "../workflows/serviceHandlers";
import { listCaseIncidents, retryCaseIncident } from "../workflows/services/caseIncidents";
import { assignMemberNo } from "../workflows/handlers/assignMemberNo";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;

beforeAll(async () => {
  demo = await createDemoDb();
});
afterAll(() => demo.close());

async function approvedMembershipCase(mobile: string, approverMobile: string, key: string) {
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
  const worker = await demo.userByMobile(mobile);
  const started = await submitApplication(demo.db, worker, p.id, membershipApplication({ mobile }), key, "zh");
  const approver = await demo.userByMobile(approverMobile);
  const task = (await listMyTasks(demo.db, approver)).find((t) => t.caseId === started.caseId)!;
  await decideTask(demo.db, approver, task.taskId, { action: "approve", comment: "" });
  return { worker, caseId: started.caseId };
}

const serviceDone = (caseId: string) =>
  demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "service_done")));

describe("durable jobs survive a crash and run exactly once", () => {
  it("a job committed with the decision runs once after a restart, and never again", async () => {
    const { worker, caseId } = await approvedMembershipCase("13900000003", "13800000002", "jobs-crash-1");
    // "Crash": nothing ran the job. It sits in the table, committed with the approval.
    const [pending] = await demo.db.select().from(jobs).where(eq(jobs.caseId, caseId));
    expect(pending.status).toBe("pending");
    // "Restart": a new worker drains the queue.
    expect(await drainJobs(demo.db)).toBe(1);
    expect(await drainJobs(demo.db)).toBe(0);
    const [c] = await demo.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c.status).toBe("approved");
    expect(await serviceDone(caseId)).toHaveLength(1);
    const [u] = await demo.db.select().from(users).where(eq(users.id, worker.id));
    expect(u.memberNo).toBeTruthy();
  });

  it("a worker that died mid-job: the lease expires, another worker finishes it, the handler's effect happens once", async () => {
    const { worker, caseId } = await approvedMembershipCase("13900000004", "13800000003", "jobs-crash-2");
    const [claimed] = await claimDueJobs(demo.db);
    expect(claimed.case_id).toBe(caseId);
    // The dying worker got as far as running the handler, but not as far as committing the step.
    const first = await assignMemberNo({ db: demo.db, tenantId: "huli", caseId, programCode: "membership", applicantId: worker.id, nodeId: "AssignMemberNo", jobKey: claimed.key, data: {}, variables: {}, payload: null });
    expect(await drainJobs(demo.db)).toBe(0); // still leased
    await demo.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, claimed.id));
    expect(await drainJobs(demo.db)).toBe(1);
    const [c] = await demo.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c.status).toBe("approved");
    expect((c.variables as { memberNo?: string }).memberNo).toBe(first.memberNo);
    expect(await serviceDone(caseId)).toHaveLength(1);
    const [job] = await demo.db.select().from(jobs).where(eq(jobs.id, claimed.id));
    expect(job.status).toBe("done");
    expect(job.attempts).toBe(2);
  });

  it("two workers draining at once run each job once", async () => {
    const a = await approvedMembershipCase("13900000001", "13800000001", "jobs-race-1");
    const b = await approvedMembershipCase("13900000002", "13800000001", "jobs-race-2");
    const counts = await Promise.all([drainJobs(demo.db), drainJobs(demo.db), drainJobs(demo.db)]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(2);
    expect(await serviceDone(a.caseId)).toHaveLength(1);
    expect(await serviceDone(b.caseId)).toHaveLength(1);
    const memberCounters = await demo.db.select().from(counters).where(sql`${counters.scope} like 'member:%'`);
    // Four workers became members in this file; the sequence handed out exactly four numbers.
    expect(memberCounters.reduce((n, r) => n + r.value, 0)).toBe(4);
  });

  it("a failing handler is retried with backoff and becomes an incident after its attempts, which the district's admin sees and retries", async () => {
    let calls = 0;
    let upstreamDown = true;
    registerServiceHandler("test.alwaysFails", async () => {
      calls++;
      if (upstreamDown) throw new Error("上游接口超时 / upstream timeout");
      return { ok: true };
    });
    const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:serviceTask id="call" name="调用接口" niangjia:handler="test.alwaysFails"/>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call"/>
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;
    const programId = await installTestProgram(demo.db, "failing", bpmn);
    const worker = await demo.userByMobile("13900000001");
    const started = await submitApplication(demo.db, worker, programId, { note: "x" }, "jobs-fail-1", "zh");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await demo.db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.caseId, started.caseId), eq(jobs.status, "pending")));
      await drainJobs(demo.db);
    }
    const [job] = await demo.db.select().from(jobs).where(eq(jobs.caseId, started.caseId));
    expect(calls).toBe(5);
    expect(job.status).toBe("failed");
    expect(job.attempts).toBe(5);
    expect(job.lastError).toContain("upstream timeout");
    const [c] = await demo.db.select().from(cases).where(eq(cases.id, started.caseId));
    expect(c.status).toBe("running");
    const told = await demo.db.select().from(notifications).where(and(eq(notifications.caseId, started.caseId), eq(notifications.templateKey, "case.failed")));
    expect(told.map((n) => n.userId)).toEqual([worker.id]);

    // The district's admin sees it on the dashboard; another district's does not.
    const admin = await demo.userByMobile("13800000000");
    const [incident] = await listCaseIncidents(demo.db, admin);
    expect(incident).toMatchObject({ caseId: started.caseId, caseNo: started.caseNo, nodeId: "call", attempts: 5, message: expect.stringContaining("upstream timeout") });
    const siming = await demo.userByMobile("13800000041");
    expect(await listCaseIncidents(demo.db, siming)).toEqual([]);
    await expect(retryCaseIncident(demo.db, siming, incident.id)).rejects.toMatchObject({ status: 404 });

    // The cause is fixed; 重试 runs the step again from its first attempt, and the case goes on.
    upstreamDown = false;
    await retryCaseIncident(demo.db, admin, incident.id);
    expect(await listCaseIncidents(demo.db, admin)).toEqual([]);
    await drainJobs(demo.db);
    expect(calls).toBe(6);
    expect((await demo.db.select().from(cases).where(eq(cases.id, started.caseId)))[0].status).toBe("approved");
    const [retried] = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, started.caseId), eq(auditLog.action, "incident.retried")));
    expect(retried).toMatchObject({ actorId: admin.id, stream: "incident:huli" });
    await expect(retryCaseIncident(demo.db, admin, incident.id)).rejects.toMatchObject({ status: 404 });
  });
});
