import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { auditLog, notifications, tasks } from "../db/schema";
import { verifyAuditChain } from "../db/audit";
import { decideTask, getCaseView, listMyTasks, submitApplication, withdrawCase } from "../workflows/services/cases";
import { claimTask, releaseTask, taskClaimState } from "../workflows/services/taskClaims";
import { commandTask } from "../workflows/services/taskActions";
import { refusal } from "./support/refusal";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let poolProgram: string;
let worker: SessionUser;
let zhang: SessionUser; // 张伟, 区总 approver
let he: SessionUser; // 何静, 区总 approver: the district pool is the two of them
let street: SessionUser; // 林芳

beforeAll(async () => {
  demo = await createDemoDb();
  poolProgram = await installTestProgram(
    demo.db,
    "pool",
    singleApprovalBpmn('mode="any" actions="approve,reject,return,transfer"', '<niangjia:assignee kind="rolePool" role="approver" level="district"/>'),
  );
  worker = await demo.userByMobile("13900000001");
  zhang = await demo.userByMobile("13800000021");
  he = await demo.userByMobile("13800000022");
  street = await demo.userByMobile("13800000011");
});
afterAll(() => demo.close());

let seq = 0;
async function newCase(programId = poolProgram) {
  return (await submitApplication(demo.db, worker, programId, { note: "认领测试" }, `claim-key-${++seq}`, "zh")).caseId;
}

async function taskOf(caseId: string, user: SessionUser) {
  const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, user.id), eq(tasks.status, "open")));
  return task;
}

const pendingCaseIds = async (user: SessionUser) => (await listMyTasks(demo.db, user)).map((t) => t.caseId);

describe("认领 / 释放 of a pool task", () => {
  it("a claim takes the task out of the colleague's 待办 and only the claimer may decide; a release gives it back", async () => {
    const caseId = await newCase();
    const mine = await taskOf(caseId, zhang);
    const hers = await taskOf(caseId, he);
    expect((await listMyTasks(demo.db, zhang)).find((t) => t.caseId === caseId)).toMatchObject({ claimable: true, claimedByMe: false, poolSize: 2 });

    await claimTask(demo.db, zhang, mine.id);
    expect(await pendingCaseIds(he)).not.toContain(caseId);
    // The applicant's 当前环节 names the claimer alone.
    expect((await getCaseView(demo.db, worker, caseId)).openTasks.map((t) => [t.assigneeName, t.claimed])).toEqual([["张伟", true]]);
    expect((await listMyTasks(demo.db, zhang)).find((t) => t.caseId === caseId)).toMatchObject({ claimable: false, claimedByMe: true });
    expect(await taskClaimState(demo.db, he, hers.id)).toEqual({ claimedBy: { id: zhang.id, name: "张伟" }, claimable: false, poolSize: 2 });
    const refused = await refusal(decideTask(demo.db, he, hers.id, { action: "approve", comment: "" }));
    expect(refused.code).toBe("claimed");
    expect(refused.messageZh).toBe("该事项已被 张伟 认领");
    expect(refused.status).toBe(409);
    // Not the claimer: may not release it either.
    expect((await refusal(releaseTask(demo.db, he, hers.id))).code).toBe("claimed");

    await releaseTask(demo.db, zhang, mine.id, "出差，交回");
    // The same rows come back: links to the task stay valid; the colleague is told, the releaser is not.
    expect(await pendingCaseIds(he)).toContain(caseId);
    const released = await demo.db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.templateKey, "task.released")));
    expect(released).toEqual([{ userId: he.id }]);
    expect((await taskOf(caseId, he)).id).toBe(hers.id);
    await decideTask(demo.db, he, hers.id, { action: "approve", comment: "同意" });
    const view = await getCaseView(demo.db, worker, caseId);
    expect(view.status).toBe("approved");
    expect(view.timeline.map((e) => [e.action, e.actorName, e.comment])).toEqual([
      ["submit", "赵小明", null],
      ["claim", "张伟", null],
      ["release", "张伟", "出差，交回"],
      ["approve", "何静", "同意"],
    ]);
    expect((await verifyAuditChain(demo.db)).problems).toEqual([]);
  });

  it("two candidates claiming at once: one wins, the other is told 已被认领", async () => {
    for (let round = 0; round < 5; round++) {
      const caseId = await newCase();
      const [a, b] = [await taskOf(caseId, zhang), await taskOf(caseId, he)];
      const outcomes = await Promise.allSettled([claimTask(demo.db, zhang, a.id), claimTask(demo.db, he, b.id)]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
      expect(lost.reason.code).toBe("claimed");
      expect(lost.reason.messageZh).toMatch(/^该事项已被 (张伟|何静) 认领$/);
      const rows = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")));
      expect(new Set(rows.map((r) => r.claimedBy)).size).toBe(1);
      expect(await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "claim")))).toHaveLength(1);
    }
  });

  it("the claimer's decision closes the pool; the applicant cannot 撤回 once an approver has claimed", async () => {
    const caseId = await newCase();
    await claimTask(demo.db, he, (await taskOf(caseId, he)).id);
    expect((await refusal(withdrawCase(demo.db, worker, caseId))).code).toBe("rejectedByFlow");
    expect((await getCaseView(demo.db, worker, caseId)).canWithdraw).toBe(false);
    await decideTask(demo.db, he, (await taskOf(caseId, he)).id, { action: "reject", comment: "材料不全" });
    const rows = await demo.db.select().from(tasks).where(eq(tasks.caseId, caseId));
    expect(rows.map((r) => [r.assigneeId === he.id ? "he" : "zhang", r.status]).sort()).toEqual([
      ["he", "done"],
      ["zhang", "cancelled"],
    ]);
  });

  it("转办 by the claimer hands the claim on", async () => {
    const caseId = await newCase();
    const mine = await taskOf(caseId, zhang);
    await claimTask(demo.db, zhang, mine.id);
    await commandTask(demo.db, zhang, mine.id, { action: "transfer", to: street.id, comment: "" });
    expect((await taskOf(caseId, street)).claimedBy).toBe(street.id);
    expect((await taskOf(caseId, he)).claimedBy).toBe(street.id);
    expect(await pendingCaseIds(he)).not.toContain(caseId);
    await decideTask(demo.db, street, (await taskOf(caseId, street)).id, { action: "approve", comment: "" });
    expect((await getCaseView(demo.db, worker, caseId)).status).toBe("approved");
  });

  it("a task for one person, or a 会签 where everyone must act, cannot be claimed", async () => {
    const single = await installTestProgram(demo.db, "claim-single", singleApprovalBpmn('mode="single"', '<niangjia:assignee kind="orgLevel" level="street" role="approver"/>'));
    const caseId = await newCase(single);
    const task = await taskOf(caseId, street);
    expect((await listMyTasks(demo.db, street)).find((t) => t.caseId === caseId)?.claimable).toBe(false);
    const err = await refusal(claimTask(demo.db, street, task.id));
    expect(err.messageZh).toBe("只有交给多人、由其中一人办理的事项可以认领");
    expect(err.status).toBe(422);

    const all = await installTestProgram(demo.db, "claim-all", singleApprovalBpmn('mode="all"', '<niangjia:assignee kind="rolePool" role="approver" level="district"/>'));
    const both = await newCase(all);
    expect((await refusal(claimTask(demo.db, zhang, (await taskOf(both, zhang)).id))).code).toBe("rejectedByFlow");
    expect(await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, both), eq(auditLog.action, "claim")))).toHaveLength(0);
  });

  it("claiming twice or releasing an unclaimed task is refused with a reason", async () => {
    const caseId = await newCase();
    const mine = await taskOf(caseId, zhang);
    expect((await refusal(releaseTask(demo.db, zhang, mine.id))).messageZh).toBe("只有认领人可以释放此事项");
    await claimTask(demo.db, zhang, mine.id);
    expect((await refusal(claimTask(demo.db, zhang, mine.id))).messageZh).toBe("您已认领此事项");
  });
});
