import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram } from "./support/flowPrograms";
import { parallelDepartmentsBpmn } from "./support/bpmnText";
import { auditLog, cases, tasks } from "../db/schema";
import { verifyAuditChain } from "../db/audit";
import { createUser } from "../db/users";
import { decideTask, getCaseView, resubmitCase, submitApplication } from "../workflows/services/cases";
import { loadSessionUser, type SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let programId: string;
let worker: SessionUser;
const people: Record<string, SessionUser> = {};

beforeAll(async () => {
  demo = await createDemoDb();
  for (const [i, id] of ["par-org", "par-fin", "par-district"].entries()) {
    await createUser(demo.db, { id, name: ["组织部", "财务部", "区总"][i], mobile: `1360000000${i}`, password: "password-123", orgId: "huli", roles: [{ role: "approver" }] });
    people[id] = (await loadSessionUser(demo.db, id))!;
  }
  programId = await installTestProgram(demo.db, "parallel-depts", parallelDepartmentsBpmn({ a: "par-org", b: "par-fin", d: "par-district" }, 'mode="any" actions="approve,reject,return" commentRequiredOn="reject,return"'));
  worker = await demo.userByMobile("13900000001");
});
afterAll(() => demo.close());

let seq = 0;
const openTasks = async (caseId: string) => (await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")))).map((t) => `${t.nodeId}:${t.assigneeId}`).sort();
const taskOf = async (caseId: string, who: string) => (await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, who), eq(tasks.status, "open"))))[0];
const decide = async (caseId: string, who: string, action: "approve" | "reject" | "return", comment = "") => decideTask(demo.db, people[who], (await taskOf(caseId, who)).id, { action, comment });

describe("parallel block on the database: two departments in parallel, then the district", () => {
  it("both departments get a task at once; the district only after both approved", async () => {
    const { caseId } = await submitApplication(demo.db, worker, programId, { note: "并行审批" }, `parallel-key-${++seq}`, "zh");
    expect(await openTasks(caseId)).toEqual(["deptA:par-org", "deptB:par-fin"]);
    await decide(caseId, "par-fin", "approve");
    expect(await openTasks(caseId)).toEqual(["deptA:par-org"]);
    await decide(caseId, "par-org", "approve");
    expect(await openTasks(caseId)).toEqual(["district:par-district"]);
    await decide(caseId, "par-district", "approve");
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("approved");
    const trail = await demo.db.select().from(auditLog).where(eq(auditLog.caseId, caseId));
    expect(trail.map((a) => a.action)).toEqual(["submit", "approve", "approve", "approve"]);
    const [row] = await demo.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row.snapshot).toMatchObject({ value: "e" });
  });

  it("concurrent decisions in the two branches both count; the join fires once", async () => {
    const { caseId } = await submitApplication(demo.db, worker, programId, { note: "并发" }, `parallel-key-${++seq}`, "zh");
    await Promise.all([decide(caseId, "par-org", "approve"), decide(caseId, "par-fin", "approve")]);
    expect(await openTasks(caseId)).toEqual(["district:par-district"]);
    const districtTasks = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.nodeId, "district")));
    expect(districtTasks).toHaveLength(1);
  });

  it("退回 from one branch cancels the other's task; 重新提交 opens both again", async () => {
    const { caseId } = await submitApplication(demo.db, worker, programId, { note: "退回" }, `parallel-key-${++seq}`, "zh");
    await decide(caseId, "par-org", "return", "请补充材料");
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("returned");
    expect(await openTasks(caseId)).toEqual([]);
    const fin = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, "par-fin")));
    expect(fin.map((t) => t.status)).toEqual(["cancelled"]);
    await resubmitCase(demo.db, worker, caseId, { note: "已补充" }, "zh");
    expect(await openTasks(caseId)).toEqual(["deptA:par-org", "deptB:par-fin"]);
  });

  it("a rejection in one branch ends the case and closes every open task", async () => {
    const { caseId } = await submitApplication(demo.db, worker, programId, { note: "拒绝" }, `parallel-key-${++seq}`, "zh");
    await decide(caseId, "par-fin", "reject", "预算不足");
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("rejected");
    expect(await openTasks(caseId)).toEqual([]);
    expect((await verifyAuditChain(demo.db)).problems).toEqual([]);
  });
});
