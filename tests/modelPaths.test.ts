import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getSimplePaths } from "@xstate/graph";
import type { AnyMachineSnapshot } from "xstate";
import { createDemoDb, membershipApplication } from "./support/demoDb";
import { installTestProgram } from "./support/flowPrograms";
import { parallelDepartmentsBpmn } from "./support/bpmnText";
import { auditLog, cases, jobs, programs, programVersions, tasks } from "../db/schema";
import { verifyAuditChain } from "../db/audit";
import { buildMachine, type CaseContext, type MachineEvent } from "../workflows/buildMachine";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { activeNodeIds } from "../workflows/engine";
import { decideTask, getCaseView, resubmitCase, submitApplication, withdrawCase } from "../workflows/services/cases";
import type { SessionUser } from "../workflows/services/identity";
import type { CaseEvent, EngineEnv, FlowDefinition } from "../workflows/types";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;

beforeAll(async () => {
  demo = await createDemoDb();
});
afterAll(() => demo.close());

const FINAL_STATUS: Record<string, string> = { rejected: "rejected", withdrawn: "withdrawn", failed: "failed" };

/**
 * Every simple path of the flow's machine (a return/resubmit loop taken at most once), from the
 * events an applicant, the approvers and the system can send in each state.
 */
function machinePaths(def: FlowDefinition, env: EngineEnv, applicantId: string, data: Record<string, unknown>) {
  const machine = buildMachine(def);
  const eventsFor = (snapshot: AnyMachineSnapshot): MachineEvent[] => {
    const ctx = snapshot.context as CaseContext;
    const out: CaseEvent[] = [];
    if (snapshot.value === "returned") out.push({ type: "RESUBMIT", by: applicantId, data });
    // Every active node: several at once inside a parallel block.
    const active = activeNodeIds(def, snapshot.value);
    for (const id of active) {
      const node = def.nodes[id];
      if (node?.kind === "serviceTask") out.push({ type: "SERVICE_DONE", nodeId: id, result: {} });
      if (node?.kind !== "userTask") continue;
      const by = ctx.work[id]?.pending[0];
      if (by) {
        out.push({ type: "APPROVE", nodeId: id, by });
        out.push({ type: "REJECT", nodeId: id, by, comment: "不符合条件" });
        out.push({ type: "RETURN", nodeId: id, by, comment: "请补充材料", to: "applicant" });
      }
    }
    if (active.some((id) => def.nodes[id]?.kind === "userTask")) out.push({ type: "WITHDRAW", by: applicantId });
    return out.map((e) => ({ ...e, env }) as MachineEvent);
  };
  return getSimplePaths(machine, {
    input: { data, applicantId, env },
    events: eventsFor,
    serializeState: (s) => JSON.stringify({ v: s.value, c: s.context }),
    stopWhen: (s) => s.status === "done" || Object.values((s.context as CaseContext).visits).some((n) => n > 2),
  }).filter((p) => p.state.status === "done");
}

/** Send one path event through the real runtime, as the person (or system) it names. */
async function drive(caseId: string, event: CaseEvent, people: Map<string, SessionUser>, data: Record<string, unknown>) {
  const person = "by" in event ? people.get(event.by)! : null;
  // The task on the event's node: inside a parallel block one approver may hold several.
  const nodeId = "nodeId" in event ? event.nodeId : "";
  const task = async () => {
    const [row] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.nodeId, nodeId), eq(tasks.assigneeId, person!.id), eq(tasks.status, "open")));
    return { taskId: row.id };
  };
  const actions: Record<string, () => Promise<unknown>> = {
    APPROVE: async () => decideTask(demo.db, person!, (await task()).taskId, { action: "approve", comment: "" }),
    REJECT: async () => decideTask(demo.db, person!, (await task()).taskId, { action: "reject", comment: "不符合条件" }),
    RETURN: async () => decideTask(demo.db, person!, (await task()).taskId, { action: "return", comment: "请补充材料" }),
    WITHDRAW: () => withdrawCase(demo.db, person!, caseId),
    RESUBMIT: () => resubmitCase(demo.db, person!, caseId, data, "zh"),
    SERVICE_DONE: () => drainJobs(demo.db),
  };
  await actions[event.type]();
}

type MachinePath = ReturnType<typeof machinePaths>[number];

/**
 * Bounds a combinatorial path set: greedily keeps paths until every (state and visit counts, event) transition
 * any path takes is taken by a kept one, and every final state is reached. Interleavings of
 * parallel branches multiply paths without adding transitions.
 */
function coveringPaths(paths: MachinePath[]): MachinePath[] {
  const keysOf = (p: MachinePath) =>
    new Set([...p.steps.map((s) => `${JSON.stringify([s.state.value, (s.state.context as CaseContext).visits])}|${JSON.stringify({ ...(s.event as object), env: undefined })}`), `end:${JSON.stringify(p.state.value)}`]);
  const remaining = new Set(paths.flatMap((p) => [...keysOf(p)]));
  const kept: MachinePath[] = [];
  const pool = [...paths];
  while (remaining.size && pool.length) {
    pool.sort((a, b) => [...keysOf(b)].filter((k) => remaining.has(k)).length - [...keysOf(a)].filter((k) => remaining.has(k)).length);
    const best = pool.shift()!;
    const gain = [...keysOf(best)].filter((k) => remaining.has(k));
    if (gain.length === 0) break;
    for (const k of gain) remaining.delete(k);
    kept.push(best);
  }
  return kept;
}

async function checkAllPaths(programId: string, applicantMobile: string, approverMobile: string, data: Record<string, unknown>, select: (paths: MachinePath[]) => MachinePath[] = (p) => p) {
  const applicant = await demo.userByMobile(applicantMobile);
  const approver = await demo.userByMobile(approverMobile);
  const people = new Map([applicant, approver].map((u) => [u.id, u]));
  const [version] = await demo.db.select().from(programVersions).where(eq(programVersions.programId, programId));
  const def = version.flowDefinition as FlowDefinition;
  const env: EngineEnv = {
    now: new Date().toISOString(),
    directory: { applicantId: applicant.id, chain: [{ orgId: applicant.orgId, level: "grassroots", name: "", roles: { approver: [approver.id] } }], programAdmins: [] },
  };
  const generated = machinePaths(def, env, applicant.id, data);
  expect(generated.length).toBeGreaterThanOrEqual(4);
  const paths = select(generated);
  for (const [i, path] of paths.entries()) {
    const started = await submitApplication(demo.db, applicant, programId, data, `path-${programId.slice(0, 8)}-${i}-${Date.now()}`, "zh");
    const events = path.steps.map((s) => s.event as unknown as CaseEvent).filter((e) => e.type !== ("xstate.init" as string));
    for (const event of events) await drive(started.caseId, event, people, data);
    const finalValue = String(path.state.value);
    const expected = FINAL_STATUS[finalValue] ?? "approved";
    const view = await getCaseView(demo.db, applicant, started.caseId);
    expect({ path: events.map((e) => e.type).join(" → "), status: view.status }).toEqual({ path: events.map((e) => e.type).join(" → "), status: expected });
    // A consistent trail: the submission plus one entry per step, nothing open or pending afterwards.
    const audit = await demo.db.select().from(auditLog).where(eq(auditLog.caseId, started.caseId));
    expect(audit).toHaveLength(1 + events.length);
    expect(await demo.db.select().from(tasks).where(and(eq(tasks.caseId, started.caseId), eq(tasks.status, "open")))).toEqual([]);
    expect(await demo.db.select().from(jobs).where(and(eq(jobs.caseId, started.caseId), eq(jobs.status, "pending")))).toEqual([]);
  }
  return { generated: generated.length, driven: paths.length };
}

describe("model-based: every path of each built-in flow, driven through the runtime on a real database", () => {
  it("入会申请: all paths end in a final state with a consistent audit trail", async () => {
    const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
    const { generated: count } = await checkAllPaths(p.id, "13900000003", "13800000002", membershipApplication());
    // approve; reject; withdraw; return → resubmit → approve | reject (withdraw after a return is refused).
    expect(count).toBe(5);
  });

  it("a routed flow (exclusive gateway on amount): all paths end consistently", async () => {
    const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="first" name="基层审批"><bpmn:extensionElements><niangjia:approval mode="any"><niangjia:assignee kind="orgLevel" level="grassroots"/></niangjia:approval></bpmn:extensionElements></bpmn:userTask>
    <bpmn:exclusiveGateway id="g" default="small"/>
    <bpmn:userTask id="second" name="复核"><bpmn:extensionElements><niangjia:approval mode="any"><niangjia:assignee kind="orgLevel" level="grassroots"/></niangjia:approval></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first"/>
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="g"/>
    <bpmn:sequenceFlow id="big" sourceRef="g" targetRef="second"><bpmn:conditionExpression>note = "大额"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="small" sourceRef="g" targetRef="e"/>
    <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;
    const programId = await installTestProgram(demo.db, "routed", bpmn);
    const { generated: big } = await checkAllPaths(programId, "13900000001", "13800000001", { note: "大额" });
    const { generated: small } = await checkAllPaths(programId, "13900000001", "13800000001", { note: "小额" });
    expect(big).toBeGreaterThan(small);
    const all = await demo.db.select().from(cases);
    expect(all.every((c) => ["approved", "rejected", "withdrawn"].includes(c.status))).toBe(true);
    expect((await verifyAuditChain(demo.db)).problems).toEqual([]);
  });

  it("a parallel block (two departments, then the district): paths covering every transition end consistently", async () => {
    const grassroots = '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>';
    const programId = await installTestProgram(demo.db, "parallel-paths", parallelDepartmentsBpmn({ a: grassroots, b: grassroots, d: grassroots }));
    // 61 simple paths (the branches in either order, a reject/return/withdraw at each point, one
    // resubmit loop). Bounded: only a subset covering every transition and final state is driven (13).
    const { generated, driven } = await checkAllPaths(programId, "13900000001", "13800000001", { note: "并行" }, coveringPaths);
    expect(generated).toBe(61);
    expect(driven).toBeLessThan(30);
    expect((await verifyAuditChain(demo.db)).problems).toEqual([]);
  });
});
