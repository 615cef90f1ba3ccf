import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { auditLog, tasks } from "../db/schema";
import { createUser } from "../db/users";
import { decideTask, getCaseView, submitApplication } from "../workflows/services/cases";
import { loadSessionUser } from "../workflows/services/identity";
import { CaseCommandError } from "../workflows/runtime/errors";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
const signers = ["cs-1", "cs-2", "cs-3", "cs-4", "cs-5"];

beforeAll(async () => {
  demo = await createDemoDb();
  for (const [i, id] of signers.entries()) {
    await createUser(demo.db, { id, name: `会签人${i + 1}`, mobile: `1370000000${i}`, password: "password-123", orgId: "huli", roles: [{ role: "approver" }] });
  }
});
afterAll(() => demo.close());

describe("会签 (all must approve) under concurrency", () => {
  it("50 concurrent decisions by 5 approvers count exactly 5 votes and pass the node once", async () => {
    const programId = await installTestProgram(
      demo.db,
      "countersign",
      singleApprovalBpmn('mode="all" actions="approve,reject,return"', `<niangjia:assignee kind="users" userIds="${signers.join(",")}"/>`),
    );
    const worker = await demo.userByMobile("13900000001");
    const started = await submitApplication(demo.db, worker, programId, { note: "会签测试" }, "countersign-key-1", "zh");
    const open = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, started.caseId), eq(tasks.status, "open")));
    expect(open.map((t) => t.assigneeId).sort()).toEqual(signers);

    const attempts = open.flatMap((task) => Array.from({ length: 10 }, () => task));
    const outcomes = await Promise.allSettled(
      attempts.map(async (task) => {
        const approver = (await loadSessionUser(demo.db, task.assigneeId))!;
        return decideTask(demo.db, approver, task.id, { action: "approve", comment: `同意 ${task.assigneeId}` });
      }),
    );
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(45);
    for (const r of refused) expect((r.reason as CaseCommandError).code).toBe("alreadyHandled");

    const votes = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, started.caseId), eq(auditLog.action, "approve")));
    expect(votes.map((v) => v.actorId).sort()).toEqual(signers);
    const view = await getCaseView(demo.db, worker, started.caseId);
    expect(view.status).toBe("approved");
    const done = await demo.db.select().from(tasks).where(eq(tasks.caseId, started.caseId));
    expect(done.filter((t) => t.status === "done")).toHaveLength(5);
    expect(done.filter((t) => t.status === "open")).toHaveLength(0);
  });

  it("one rejection in a 会签 ends the case as rejected (一票否决)", async () => {
    const programId = await installTestProgram(
      demo.db,
      "countersign2",
      singleApprovalBpmn('mode="all" actions="approve,reject,return"', `<niangjia:assignee kind="users" userIds="${signers.join(",")}"/>`),
    );
    const worker = await demo.userByMobile("13900000002");
    const started = await submitApplication(demo.db, worker, programId, { note: "x" }, "countersign-key-2", "zh");
    const open = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, started.caseId), eq(tasks.status, "open")));
    const first = open.find((t) => t.assigneeId === "cs-1")!;
    await decideTask(demo.db, (await loadSessionUser(demo.db, "cs-1"))!, first.id, { action: "approve", comment: "" });
    const second = open.find((t) => t.assigneeId === "cs-2")!;
    await decideTask(demo.db, (await loadSessionUser(demo.db, "cs-2"))!, second.id, { action: "reject", comment: "材料不全" });
    expect((await getCaseView(demo.db, worker, started.caseId)).status).toBe("rejected");
    const stillOpen = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, started.caseId), eq(tasks.status, "open")));
    expect(stillOpen).toEqual([]);
  });

  it("依次 (sequential) hands the task on in order; 票签 passes at the ratio", async () => {
    const seqId = await installTestProgram(demo.db, "sequential", singleApprovalBpmn('mode="sequential"', `<niangjia:assignee kind="users" userIds="cs-3,cs-1,cs-2"/>`));
    const worker = await demo.userByMobile("13900000003");
    const seq = await submitApplication(demo.db, worker, seqId, { note: "x" }, "sequential-key-1", "zh");
    for (const who of ["cs-3", "cs-1", "cs-2"]) {
      const open = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, seq.caseId), eq(tasks.status, "open")));
      expect(open.map((t) => t.assigneeId)).toEqual([who]);
      await decideTask(demo.db, (await loadSessionUser(demo.db, who))!, open[0].id, { action: "approve", comment: "" });
    }
    expect((await getCaseView(demo.db, worker, seq.caseId)).status).toBe("approved");

    const ratioId = await installTestProgram(demo.db, "ratio", singleApprovalBpmn('mode="ratio" ratio="0.6"', `<niangjia:assignee kind="users" userIds="${signers.join(",")}"/>`));
    const vote = await submitApplication(demo.db, worker, ratioId, { note: "x" }, "ratio-key-1", "zh");
    const open = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, vote.caseId), eq(tasks.status, "open")));
    const byId = (id: string) => open.find((t) => t.assigneeId === id)!;
    await decideTask(demo.db, (await loadSessionUser(demo.db, "cs-1"))!, byId("cs-1").id, { action: "reject", comment: "不同意" });
    await decideTask(demo.db, (await loadSessionUser(demo.db, "cs-2"))!, byId("cs-2").id, { action: "approve", comment: "" });
    await decideTask(demo.db, (await loadSessionUser(demo.db, "cs-3"))!, byId("cs-3").id, { action: "approve", comment: "" });
    expect((await getCaseView(demo.db, worker, vote.caseId)).status).toBe("running");
    await decideTask(demo.db, (await loadSessionUser(demo.db, "cs-4"))!, byId("cs-4").id, { action: "approve", comment: "" });
    // 3 of 5 = 60%: passed; the fifth voter's task is withdrawn.
    expect((await getCaseView(demo.db, worker, vote.caseId)).status).toBe("approved");
  });
});
