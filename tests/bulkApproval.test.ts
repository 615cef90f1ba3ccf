import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { auditLog, cases, tasks } from "../db/schema";
import { compileBpmn } from "../workflows/compile";
import { decideTask, getCaseView, listMyTasks, submitApplication } from "../workflows/services/cases";
import { bulkApprove } from "../workflows/services/bulkApproval";
import { claimTask } from "../workflows/services/taskClaims";
import { refusal } from "./support/refusal";
import type { SessionUser } from "../workflows/services/identity";

/** The one-node test flow with `niangjia:allowBulk` on its userTask, as the modeler writes it. */
const bulkBpmn = (approvalAttrs: string, assignee: string) => singleApprovalBpmn(approvalAttrs, assignee).replace('<bpmn:userTask id="review"', '<bpmn:userTask id="review" niangjia:allowBulk="true"');
const districtPool = '<niangjia:assignee kind="rolePool" role="approver" level="district"/>';

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let bulkProgram: string;
let plainProgram: string;
let worker: SessionUser;
let zhang: SessionUser; // 张伟 and 何静: the district pool
let he: SessionUser;

beforeAll(async () => {
  demo = await createDemoDb();
  bulkProgram = await installTestProgram(demo.db, "bulk", bulkBpmn('mode="any"', districtPool));
  plainProgram = await installTestProgram(demo.db, "plain", singleApprovalBpmn('mode="any"', districtPool));
  worker = await demo.userByMobile("13900000001");
  zhang = await demo.userByMobile("13800000021");
  he = await demo.userByMobile("13800000022");
});
afterAll(() => demo.close());

let seq = 0;
async function newCase(programId: string) {
  return (await submitApplication(demo.db, worker, programId, { note: `批量 ${seq}` }, `bulk-key-${++seq}`, "zh")).caseId;
}
async function taskOf(caseId: string, user: SessionUser) {
  const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, user.id)));
  return task;
}
const statusOf = async (caseId: string) => (await demo.db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)))[0].status;

describe("compiler: niangjia:allowBulk", () => {
  it("is read into the flow definition", async () => {
    const r = await compileBpmn(bulkBpmn('mode="any"', districtPool));
    expect(r.ok && r.definition.nodes.review.kind === "userTask" && r.definition.nodes.review.approval.allowBulk).toBe(true);
    const plain = await compileBpmn(singleApprovalBpmn('mode="any"', districtPool));
    expect(plain.ok && plain.definition.nodes.review.kind === "userTask" && plain.definition.nodes.review.approval.allowBulk).toBeFalsy();
  });

  it("refuses it on a step that requires a signature, or a comment to approve, or offers no 同意", async () => {
    const codes = async (attrs: string) => {
      const r = await compileBpmn(bulkBpmn(attrs, districtPool));
      return r.ok ? [] : r.problems.map((p) => p.code);
    };
    expect(await codes('signature="required"')).toEqual(["approval.bulkSignature"]);
    expect(await codes('commentRequiredOn="approve,reject"')).toEqual(["approval.bulkComment"]);
    expect(await codes('actions="reject,return"')).toEqual(["approval.bulkWithoutApprove"]);
    expect(await codes('signature="optional"')).toEqual([]);
  });
});

describe("批量同意", () => {
  it("approves N tasks on their own: one already handled by a colleague is reported, the other N-1 approved", async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 6; i++) caseIds.push(await newCase(bulkProgram));
    const handled = caseIds[2];
    await decideTask(demo.db, he, (await taskOf(handled, he)).id, { action: "approve", comment: "我来办" });
    const listed = (await listMyTasks(demo.db, zhang)).filter((t) => caseIds.includes(t.caseId));
    expect(listed.every((t) => t.allowBulk)).toBe(true);
    const taskIds = await Promise.all(caseIds.map(async (c) => (await taskOf(c, zhang)).id));

    const result = await bulkApprove(demo.db, zhang, taskIds, "  同意，材料齐全 ");
    expect(result.approved.map((a) => a.caseId)).toEqual(caseIds.filter((c) => c !== handled));
    expect(result.failed).toEqual([{ taskId: taskIds[2], caseNo: expect.stringMatching(/^T-bulk-/), code: "alreadyHandled", message: "该事项已被处理", messageEn: "This task was already handled" }]);
    for (const c of caseIds) expect(await statusOf(c)).toBe("approved");
    // Each case has its own approval in its own audit stream, marked as given in bulk, with the shared comment.
    const view = await getCaseView(demo.db, worker, caseIds[0]);
    expect(view.timeline.at(-1)).toMatchObject({ action: "approve", actorName: "张伟", comment: "同意，材料齐全" });
    const [row] = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseIds[0]), eq(auditLog.action, "approve")));
    expect((row.detail as { detail?: { bulk?: boolean } }).detail?.bulk).toBe(true);
  });

  it("refuses a task whose node does not allow bulk approval and a pool task a colleague claimed, and approves the rest", async () => {
    const ok = await newCase(bulkProgram);
    const plain = await newCase(plainProgram);
    const claimed = await newCase(bulkProgram);
    await claimTask(demo.db, he, (await taskOf(claimed, he)).id);
    const ids = [ok, plain, claimed].map(async (c) => (await taskOf(c, zhang)).id);
    const [okId, plainId, claimedId] = await Promise.all(ids);
    const plainVersion = (await demo.db.select({ v: cases.version }).from(cases).where(eq(cases.id, plain)))[0].v;

    const result = await bulkApprove(demo.db, zhang, [okId, plainId, claimedId, "not-a-task-id"], "");
    expect(result.approved.map((a) => a.taskId)).toEqual([okId]);
    expect(result.failed.map((f) => [f.taskId, f.code, f.message])).toEqual([
      [plainId, "rejectedByFlow", "此环节不允许批量审批，请逐件办理"],
      [claimedId, "claimed", "该事项已被 何静 认领"],
      ["not-a-task-id", "caseNotFound", "申请不存在或无权查看"],
    ]);
    expect(await statusOf(plain)).toBe("running");
    expect((await demo.db.select({ v: cases.version }).from(cases).where(eq(cases.id, plain)))[0].v).toBe(plainVersion);
    expect(await statusOf(claimed)).toBe("running");
    expect((await listMyTasks(demo.db, zhang)).find((t) => t.caseId === plain)?.allowBulk).toBe(false);
  });

  it("someone else's task is reported as not found, and an empty or oversized selection is refused", async () => {
    const caseId = await newCase(bulkProgram);
    const street = await demo.userByMobile("13800000011");
    const result = await bulkApprove(demo.db, street, [(await taskOf(caseId, zhang)).id], "");
    expect(result).toMatchObject({ approved: [], failed: [{ code: "caseNotFound" }] });
    expect(await statusOf(caseId)).toBe("running");
    expect((await refusal(bulkApprove(demo.db, zhang, [], ""))).status).toBe(422);
    expect((await refusal(bulkApprove(demo.db, zhang, Array.from({ length: 201 }, (_, i) => `id-${i}`), ""))).fieldErrors?.taskIds).toBeTruthy();
  });
});
