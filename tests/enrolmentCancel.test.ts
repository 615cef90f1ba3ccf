import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { refusal } from "./support/refusal";
import { applicationQuotas, auditLog, cases, programs, seatPools, waitlistEntries } from "../db/schema";
import { idNumberCheckChar } from "../forms/idNumber";
import { decideTask, getCaseView, listMyTasks, submitApplication } from "../workflows/services/cases";
import { cancelEnrolment, leaveWaitlist, mayCancelEnrolment } from "../workflows/services/enrolment";
import { updateProgramSettings } from "../workflows/services/programSettingsAdmin";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let programId: string;
const people: Record<string, SessionUser> = {};

/** A child of 10, different for each parent. */
const childId = (n: number) => {
  const first17 = `350206${new Date().getFullYear() - 10}0301${String(100 + n)}`;
  return first17 + idNumberCheckChar(first17);
};

const application = (n: number, mobile: string) => ({
  childName: `孩子${n}`,
  childId: childId(n),
  school: "湖里实验小学四年级",
  klass: "jul-huli",
  health: "无",
  parentName: "家长",
  parentMobile: mobile,
  pickupName: "家长本人",
  consent: { accepted: true, version: "2026-summer" },
});

beforeAll(async () => {
  demo = await createDemoDb();
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "summer-camp"), eq(programs.ownerOrgId, "huli")));
  programId = p.id;
  const mobiles = { a: "13900000001", b: "13900000002", c: "13900000003", unit: "13800000001", admin: "13800000000" };
  for (const [k, m] of Object.entries(mobiles)) people[k] = await demo.userByMobile(m);
  // One place in the July class, so the second parent waits.
  await updateProgramSettings(demo.db, people.admin, programId, { audience: "subtree", limit: { per: "year", count: 1, keyField: "childId" }, capacity: { field: "klass", seats: { "jul-huli": 1 }, waitlist: true } });
});
afterAll(() => demo.close());

const taken = async () => (await demo.db.select().from(seatPools).where(eq(seatPools.programId, programId))).find((p) => p.poolKey === "jul-huli")?.taken;

describe("取消报名 and 退出候补", () => {
  it("a confirmed place given back goes to the first parent waiting, in the same step", async () => {
    const first = await submitApplication(demo.db, people.a, programId, application(1, "13900000001"), "cancel-test-a1", "zh");
    const second = await submitApplication(demo.db, people.b, programId, application(2, "13900000002"), "cancel-test-b1", "zh");
    expect(second.status).toBe("waitlisted");
    expect(await mayCancelEnrolment(demo.db, people.a, first.caseId)).toBe(false); // not confirmed yet

    const task = (await listMyTasks(demo.db, people.unit)).find((t) => t.caseId === first.caseId)!;
    await decideTask(demo.db, people.unit, task.taskId, { action: "approve", comment: "确认" });
    expect(await mayCancelEnrolment(demo.db, people.a, first.caseId)).toBe(true);
    expect(await mayCancelEnrolment(demo.db, people.b, first.caseId)).toBe(false);
    expect((await refusal(cancelEnrolment(demo.db, people.b, first.caseId, ""))).code).toBe("notApplicant");

    await cancelEnrolment(demo.db, people.a, first.caseId, "孩子7月回老家");
    const view = await getCaseView(demo.db, people.a, first.caseId);
    expect(view.status).toBe("withdrawn");
    expect(view.timeline.at(-1)).toMatchObject({ action: "cancel", comment: "孩子7月回老家" });
    const [promoted] = await demo.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, second.caseId));
    expect(promoted.status).toBe("promoted");
    const [secondCase] = await demo.db.select().from(cases).where(eq(cases.id, second.caseId));
    expect(secondCase.status).toBe("running");
    expect(await taken()).toBe(1);
    // The first child's quota slot is free again: the parent may apply once more this year.
    expect(await demo.db.select().from(applicationQuotas).where(eq(applicationQuotas.holderId, first.caseId))).toHaveLength(0);
    expect((await refusal(cancelEnrolment(demo.db, people.a, first.caseId, ""))).code).toBe("notCancellable");
  });

  it("a parent leaves the waitlist; the slot they held is free and nothing else moves", async () => {
    const waiting = await submitApplication(demo.db, people.c, programId, application(3, "13900000003"), "cancel-test-c1", "zh");
    expect(waiting.status).toBe("waitlisted");
    expect((await refusal(leaveWaitlist(demo.db, people.a, waiting.caseId))).code).toBe("caseNotFound");
    await leaveWaitlist(demo.db, people.c, waiting.caseId);
    const [entry] = await demo.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, waiting.caseId));
    expect(entry.status).toBe("cancelled");
    expect(await demo.db.select().from(applicationQuotas).where(eq(applicationQuotas.holderId, waiting.caseId))).toHaveLength(0);
    expect((await demo.db.select().from(auditLog).where(eq(auditLog.stream, `waitlist:${waiting.caseId}`))).map((a) => a.action)).toEqual(["waitlisted", "waitlist_left"]);
    expect((await refusal(leaveWaitlist(demo.db, people.c, waiting.caseId))).code).toBe("notWaiting");
    expect(await taken()).toBe(1);
  });
});
