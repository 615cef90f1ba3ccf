import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram } from "./support/flowPrograms";
import { approval, bpmnDoc, chain } from "./support/bpmnText";
import { auditLog, cases, jobs, tasks } from "../db/schema";
import { claimDueJobs, drainJobs } from "../workflows/runtime/jobWorker";
import { decideTask, submitApplication } from "../workflows/services/cases";
import { registerServiceHandler } from "../workflows/serviceHandlers";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let worker: SessionUser;
let approver: SessionUser; // 李建国, the grassroots approver of the worker's union
const grassroots = '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>';

beforeAll(async () => {
  demo = await createDemoDb();
  worker = await demo.userByMobile("13900000001");
  approver = await demo.userByMobile("13800000001");
});
afterAll(() => demo.close());

let seq = 0;
const submit = async (programId: string) => (await submitApplication(demo.db, worker, programId, { note: "定时与错误" }, `timers-errors-${++seq}`, "zh")).caseId;
const caseRow = async (id: string) => (await demo.db.select().from(cases).where(eq(cases.id, id)))[0];
const jobRows = (caseId: string) => demo.db.select().from(jobs).where(eq(jobs.caseId, caseId));
const openTasks = async (caseId: string) => (await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")))).map((t) => t.nodeId);
const makeDue = (caseId: string) => demo.db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.caseId, caseId), eq(jobs.status, "pending")));

describe("intermediate timer as a durable job", () => {
  const coolingOff = bpmnDoc(
    `<bpmn:startEvent id="s"/>${approval("first", "初审", grassroots)}<bpmn:intermediateCatchEvent id="cool" name="公示期"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${approval("second", "复审", grassroots)}<bpmn:endEvent id="e"/>` +
      chain("s", "first", "cool", "second", "e"),
  );

  it("is queued with the decision, fires exactly once after a crash, and the flow goes on", async () => {
    const programId = await installTestProgram(demo.db, "cooling-off", coolingOff);
    const caseId = await submit(programId);
    const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")));
    const before = Date.now();
    await decideTask(demo.db, approver, task.id, { action: "approve", comment: "" });
    const [timer] = await jobRows(caseId);
    expect(timer.key).toBe(`${caseId}:timer:cool:1`);
    expect(timer.status).toBe("pending");
    expect(Math.abs(timer.runAt.getTime() - (before + 3 * 86_400_000))).toBeLessThan(60_000);
    expect(await drainJobs(demo.db)).toBe(0); // not due yet

    // Due now; a worker claims it and dies before committing the step.
    await makeDue(caseId);
    const claimed = await claimDueJobs(demo.db);
    expect(claimed.map((j) => j.id)).toEqual([timer.id]);
    expect(await drainJobs(demo.db)).toBe(0); // still leased by the dead worker
    // The lease runs out; after the "restart" the timer runs once, and never again.
    await demo.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, timer.id));
    const counts = await Promise.all([drainJobs(demo.db), drainJobs(demo.db)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await drainJobs(demo.db)).toBe(0);
    expect(await openTasks(caseId)).toEqual(["second"]);
    const [done] = await jobRows(caseId);
    expect(done.status).toBe("done");
    expect(done.attempts).toBe(2);
    const fired = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "timer")));
    expect(fired).toHaveLength(1);
  });

  it("a rejection before the timer node queues no timer at all", async () => {
    const programId = await installTestProgram(demo.db, "cooling-off-2", coolingOff);
    const caseId = await submit(programId);
    const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")));
    await decideTask(demo.db, approver, task.id, { action: "reject", comment: "不符合" });
    expect((await caseRow(caseId)).status).toBe("rejected");
    expect(await jobRows(caseId)).toEqual([]);
  });
});

describe("error boundary: a handler's failure takes the boundary's path instead of an incident", () => {
  let calls = 0;
  beforeAll(() => {
    registerServiceHandler("test.memberLookup", async ({ data }) => {
      calls++;
      if (data.note === "查无此人") throw Object.assign(new Error("会员不存在 / no such member"), { code: "NOT_FOUND" });
      throw new Error("接口超时 / upstream timeout");
    });
  });
  const lookupFlow = (boundaries: string, after: string) =>
    bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:serviceTask id="lookup" name="查询会员" niangjia:handler="test.memberLookup"/>${boundaries}${approval("manual", "人工核对", grassroots)}<bpmn:endEvent id="e"/>` + chain("s", "lookup", "e") + after,
    ).replace("</bpmn:definitions>", '<bpmn:error id="errNotFound" errorCode="NOT_FOUND"/></bpmn:definitions>');

  it("an error code the boundary names routes at once, without retries", async () => {
    const programId = await installTestProgram(demo.db, "lookup-coded", lookupFlow('<bpmn:boundaryEvent id="notFound" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="errNotFound"/></bpmn:boundaryEvent>', chain("notFound", "manual", "e")));
    const { caseId } = await submitApplication(demo.db, worker, programId, { note: "查无此人" }, `timers-errors-${++seq}`, "zh");
    calls = 0;
    expect(await drainJobs(demo.db)).toBe(1);
    expect(calls).toBe(1);
    expect(await openTasks(caseId)).toEqual(["manual"]);
    const [job] = await jobRows(caseId);
    expect(job.status).toBe("done");
    expect((await caseRow(caseId)).variables).toMatchObject({ lookup_error: { code: "NOT_FOUND" } });
  });

  it("a catch-all boundary takes over after the last retry; without one the job stays an incident", async () => {
    const programId = await installTestProgram(demo.db, "lookup-any", lookupFlow('<bpmn:boundaryEvent id="anyError" attachedToRef="lookup"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>', chain("anyError", "manual", "e")));
    const caseId = await submit(programId);
    calls = 0;
    for (let attempt = 1; attempt <= 5; attempt++) {
      await makeDue(caseId);
      await drainJobs(demo.db);
      if (attempt < 5) expect(await openTasks(caseId)).toEqual([]);
    }
    expect(calls).toBe(5);
    expect(await openTasks(caseId)).toEqual(["manual"]);
    expect((await caseRow(caseId)).status).toBe("running");
    const failed = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "service_failed")));
    expect(failed).toHaveLength(1);

    // A boundary for another code does not catch a timeout: retries, then an incident as before.
    const codedOnly = await installTestProgram(demo.db, "lookup-coded-only", lookupFlow('<bpmn:boundaryEvent id="notFound" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="errNotFound"/></bpmn:boundaryEvent>', chain("notFound", "manual", "e")));
    const other = await submit(codedOnly);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await makeDue(other);
      await drainJobs(demo.db);
    }
    const [job] = await jobRows(other);
    expect(job.status).toBe("failed");
    expect((await caseRow(other)).status).toBe("running");
    expect(await openTasks(other)).toEqual([]);
  });
});
