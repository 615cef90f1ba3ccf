import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { auditLog, cases, notifications, tasks } from "../db/schema";
import { verifyAuditChain } from "../db/audit";
import { decideTask, getCaseView, listCopiedToMe, submitApplication, withdrawCase } from "../workflows/services/cases";
import { colleaguesFor, commandTask } from "../workflows/services/taskActions";
import { refusal } from "./support/refusal";
import { pngOf } from "./support/uploadProgram";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let programId: string;
let worker: SessionUser;
let unit: SessionUser; // 李建国, 基层工会 approver of the worker's union
let street: SessionUser; // 林芳
let district: SessionUser; // 张伟
let sibling: SessionUser; // 陈丽, approver of a sibling union: may not see the case

beforeAll(async () => {
  demo = await createDemoDb();
  programId = await installTestProgram(
    demo.db,
    "handoff",
    singleApprovalBpmn('mode="single" actions="approve,reject,return,transfer,addSigner,cc" commentRequiredOn="reject,return"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>'),
  );
  worker = await demo.userByMobile("13900000001");
  unit = await demo.userByMobile("13800000001");
  street = await demo.userByMobile("13800000011");
  district = await demo.userByMobile("13800000021");
  sibling = await demo.userByMobile("13800000002");
});
afterAll(() => demo.close());

let seq = 0;
async function newCase() {
  const started = await submitApplication(demo.db, worker, programId, { note: "转办加签测试" }, `handoff-key-${++seq}`, "zh");
  return started.caseId;
}

async function openTaskFor(caseId: string, user: SessionUser) {
  const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, user.id), eq(tasks.status, "open")));
  return task;
}

async function openAssignees(caseId: string) {
  const open = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")));
  return open.map((t) => t.assigneeId).sort();
}


describe("转办 / 加签 / 抄送", () => {
  it("offers only approvers over the case's org, nearest first, never the caller or the applicant", async () => {
    const caseId = await newCase();
    const task = await openTaskFor(caseId, unit);
    const names = (await colleaguesFor(demo.db, unit, task.id)).map((c) => c.name);
    expect(names).toEqual(["林芳", "何静", "张伟", "刘洋"]);
  });

  it("转办 hands the task over: the new holder decides, the timeline names them, 撤回 is no longer possible", async () => {
    const caseId = await newCase();
    const task = await openTaskFor(caseId, unit);
    await commandTask(demo.db, unit, task.id, { action: "transfer", to: street.id, comment: "请街道处理" });
    expect(await openAssignees(caseId)).toEqual([street.id]);
    expect((await refusal(decideTask(demo.db, unit, task.id, { action: "approve", comment: "" }))).code).toBe("alreadyHandled");
    expect((await refusal(withdrawCase(demo.db, worker, caseId))).code).toBe("rejectedByFlow");
    const [notice] = await demo.db.select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.userId, street.id)));
    expect(notice.templateKey).toBe("task.assigned");
    await decideTask(demo.db, street, (await openTaskFor(caseId, street)).id, { action: "approve", comment: "同意" });
    const view = await getCaseView(demo.db, worker, caseId);
    expect(view.status).toBe("approved");
    const transfer = view.timeline.find((e) => e.action === "transfer");
    expect(transfer).toMatchObject({ actorName: "李建国", targetNames: ["林芳"], comment: "请街道处理" });
  });

  it("refuses a transfer to someone who could not see the case, and changes nothing", async () => {
    const caseId = await newCase();
    const task = await openTaskFor(caseId, unit);
    const [before] = await demo.db.select().from(cases).where(eq(cases.id, caseId));
    const auditBefore = await demo.db.select().from(auditLog).where(eq(auditLog.caseId, caseId));
    const err = await refusal(commandTask(demo.db, unit, task.id, { action: "transfer", to: sibling.id, comment: "" }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors?.to).toContain("所选人员不能处理此申请");
    expect((await refusal(commandTask(demo.db, unit, task.id, { action: "transfer", to: worker.id, comment: "" }))).fieldErrors?.to).toBeTruthy();
    const [after] = await demo.db.select().from(cases).where(eq(cases.id, caseId));
    expect(after.version).toBe(before.version);
    expect(await demo.db.select().from(auditLog).where(eq(auditLog.caseId, caseId))).toHaveLength(auditBefore.length);
    expect(await openAssignees(caseId)).toEqual([unit.id]);
  });

  it("前加签: the signer gives an opinion first, then the task comes back to the approver", async () => {
    const caseId = await newCase();
    const task = await openTaskFor(caseId, unit);
    await commandTask(demo.db, unit, task.id, { action: "addSigner", userId: district.id, position: "before", comment: "请区总先提意见" });
    expect(await openAssignees(caseId)).toEqual([district.id]);
    const signerTask = await openTaskFor(caseId, district);
    // An opinion-giver may not send the case back or hand it on.
    expect((await refusal(decideTask(demo.db, district, signerTask.id, { action: "return", comment: "退回" }))).code).toBe("rejectedByFlow");
    await decideTask(demo.db, district, signerTask.id, { action: "approve", comment: "建议同意" });
    expect(await openAssignees(caseId)).toEqual([unit.id]);
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("running");
    await decideTask(demo.db, unit, (await openTaskFor(caseId, unit)).id, { action: "approve", comment: "同意" });
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("approved");
  });

  it("后加签: after the node's own approval the added signer must approve too; their rejection ends the case", async () => {
    const caseId = await newCase();
    const task = await openTaskFor(caseId, unit);
    await commandTask(demo.db, unit, task.id, { action: "addSigner", userId: street.id, position: "after", comment: "" });
    expect(await openAssignees(caseId)).toEqual([unit.id]);
    await decideTask(demo.db, unit, (await openTaskFor(caseId, unit)).id, { action: "approve", comment: "同意" });
    expect(await openAssignees(caseId)).toEqual([street.id]);
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("running");
    await decideTask(demo.db, street, (await openTaskFor(caseId, street)).id, { action: "reject", comment: "材料不全" });
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("rejected");
  });

  it("抄送 notifies the people chosen and lists the case under 抄送我, without giving them a task", async () => {
    const caseId = await newCase();
    const task = await openTaskFor(caseId, unit);
    await commandTask(demo.db, unit, task.id, { action: "cc", userIds: [street.id, district.id], comment: "请知悉" });
    expect(await openAssignees(caseId)).toEqual([unit.id]);
    const copied = await listCopiedToMe(demo.db, district);
    expect(copied.map((c) => c.caseId)).toContain(caseId);
    const view = await getCaseView(demo.db, worker, caseId);
    expect(view.timeline.find((e) => e.action === "cc")?.targetNames.sort()).toEqual(["张伟", "林芳"].sort());
    expect((await refusal(commandTask(demo.db, unit, task.id, { action: "cc", userIds: [], comment: "" }))).fieldErrors?.userIds).toBeTruthy();
    expect((await verifyAuditChain(demo.db)).problems).toEqual([]);
  });

  it("a node that does not allow 转办 refuses it with a reason", async () => {
    const membership = await installTestProgram(
      demo.db,
      "no-transfer",
      singleApprovalBpmn('mode="single" actions="approve,reject"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>'),
    );
    const { caseId } = await submitApplication(demo.db, worker, membership, { note: "x" }, "handoff-no-transfer", "zh");
    const task = await openTaskFor(caseId, unit);
    const err = await refusal(commandTask(demo.db, unit, task.id, { action: "transfer", to: street.id, comment: "" }));
    expect(err.messageZh).toBe("此环节不允许该操作");
  });
});

describe("handwritten signature on a decision", () => {
  it("a step that requires it refuses to approve without one, refuses a non-PNG, and keeps the signature in the timeline", async () => {
    const signed = await installTestProgram(
      demo.db,
      "signed",
      singleApprovalBpmn('mode="single" actions="approve,reject" signature="required"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>'),
    );
    const { caseId } = await submitApplication(demo.db, worker, signed, { note: "签名" }, "handoff-signed", "zh");
    const task = await openTaskFor(caseId, unit);
    expect((await refusal(decideTask(demo.db, unit, task.id, { action: "approve", comment: "" }))).messageZh).toBe("此环节需要手写签名");
    const fake = `data:image/png;base64,${Buffer.from("MZ not a png").toString("base64")}`;
    expect((await refusal(decideTask(demo.db, unit, task.id, { action: "approve", comment: "", signature: fake }))).fieldErrors?.signature).toBeTruthy();
    const png = `data:image/png;base64,${pngOf(60, 20).toString("base64")}`;
    await decideTask(demo.db, unit, task.id, { action: "approve", comment: "同意", signature: png });
    const view = await getCaseView(demo.db, worker, caseId);
    expect(view.status).toBe("approved");
    expect(view.timeline.find((e) => e.action === "approve")?.signature).toBe(png);
  });
});
