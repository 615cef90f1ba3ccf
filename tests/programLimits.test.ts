import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { applicationQuotas, auditLog, cases, notifications, seatPools, tasks, waitlistEntries } from "../db/schema";
import { createUser } from "../db/users";
import { decideTask, submitApplication, withdrawCase } from "../workflows/services/cases";
import { updateProgramSettings } from "../workflows/services/programSettingsAdmin";
import { loadSessionUser, type SessionUser } from "../workflows/services/identity";
import { refusal } from "./support/refusal";
import type { CaseCommandError } from "../workflows/runtime/errors";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser;
let worker: SessionUser;
let other: SessionUser;
let approver: SessionUser;

const FLOW = singleApprovalBpmn('mode="single" actions="approve,reject,return" commentRequiredOn="reject,return"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>');

/** 暑托班-like form: a child (by 身份证号) and a class with its own seats. */
const enrolForm = {
  schemaVersion: 1,
  id: "test-enrol",
  title: { zh: "报名", en: "Enrol" },
  fields: [
    { key: "childName", type: "text", label: { zh: "孩子姓名", en: "Child" }, required: true },
    { key: "childId", type: "idNumber", label: { zh: "孩子身份证号", en: "Child ID" }, required: true },
    {
      key: "klass",
      type: "select",
      label: { zh: "班级", en: "Class" },
      required: true,
      options: [
        { value: "a", label: { zh: "一班", en: "Class A" } },
        { value: "b", label: { zh: "二班", en: "Class B" } },
      ],
    },
  ],
};

// Valid GB 11643 numbers for children (check digits computed).
const CHILD_IDS = ["110105201501010017", "110105201501010025", "110105201501010033", "110105201501010041", "11010520150101005X", "110105201501010068"];

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000");
  worker = await demo.userByMobile("13900000001");
  other = await demo.userByMobile("13900000002");
  approver = await demo.userByMobile("13800000001");
});
afterAll(() => demo.close());


let keySeq = 0;
const key = () => `limits-key-${++keySeq}-${Date.now()}`;
const enrol = (user: SessionUser, programId: string, childId: string, klass = "a") =>
  submitApplication(demo.db, user, programId, { childName: "小明", childId, klass }, key(), "zh");

describe("per-person limits", () => {
  it("once a year: a second application is refused with the rule in words; withdrawing frees the slot", async () => {
    const programId = await installTestProgram(demo.db, "once-a-year", FLOW);
    await updateProgramSettings(demo.db, admin, programId, { limit: { per: "year", count: 1 } });
    const first = await submitApplication(demo.db, worker, programId, { note: "第一次" }, key(), "zh");
    const casesBefore = await demo.db.select().from(cases).where(eq(cases.programId, programId));
    const err = await refusal(submitApplication(demo.db, worker, programId, { note: "第二次" }, key(), "zh"));
    expect(err.code).toBe("limitReached");
    expect(err.status).toBe(409);
    expect(err.messageZh).toBe("本项目每人每年限申请 1 次，您已达到上限");
    expect(await demo.db.select().from(cases).where(eq(cases.programId, programId))).toHaveLength(casesBefore.length);
    // Another worker is not affected.
    await submitApplication(demo.db, other, programId, { note: "别人" }, key(), "zh");
    await withdrawCase(demo.db, worker, first.caseId);
    const again = await submitApplication(demo.db, worker, programId, { note: "撤回后再申请" }, key(), "zh");
    expect(again.status).toBe("running");
  });

  it("a rejected application gives its slot back too", async () => {
    const programId = await installTestProgram(demo.db, "once-rejected", FLOW);
    await updateProgramSettings(demo.db, admin, programId, { limit: { per: "ever" } });
    const first = await submitApplication(demo.db, worker, programId, { note: "x" }, key(), "zh");
    const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, first.caseId), eq(tasks.status, "open")));
    await decideTask(demo.db, approver, task.id, { action: "reject", comment: "材料不符" });
    expect((await submitApplication(demo.db, worker, programId, { note: "y" }, key(), "zh")).status).toBe("running");
  });

  it("keyed by a form field: the same child cannot be enrolled twice, by anyone", async () => {
    const programId = await installTestProgram(demo.db, "per-child", FLOW, "huli", enrolForm);
    await updateProgramSettings(demo.db, admin, programId, { limit: { per: "year", keyField: "childId" } });
    await enrol(worker, programId, CHILD_IDS[0]);
    const err = await refusal(enrol(other, programId, CHILD_IDS[0]));
    expect(err.code).toBe("limitReached");
    expect(err.messageZh).toContain("同一证件");
    expect((await enrol(worker, programId, CHILD_IDS[1])).status).toBe("running");
  });

  it("holds under concurrency: 20 simultaneous submissions by one person make exactly one case", async () => {
    const programId = await installTestProgram(demo.db, "burst-once", FLOW);
    await updateProgramSettings(demo.db, admin, programId, { limit: { per: "ever" } });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => submitApplication(demo.db, worker, programId, { note: `并发 ${i}` }, key(), "zh")));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as CaseCommandError).code).toBe("limitReached");
    expect(await demo.db.select().from(cases).where(eq(cases.programId, programId))).toHaveLength(1);
    expect(await demo.db.select().from(applicationQuotas).where(eq(applicationQuotas.programId, programId))).toHaveLength(1);
  });

  it("refuses invalid settings with the setting named, and changes nothing", async () => {
    const programId = await installTestProgram(demo.db, "bad-settings", FLOW);
    const err = await refusal(updateProgramSettings(demo.db, admin, programId, { limit: { per: "decade" } }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {})).toContain("limit.per");
    const otherDistrictAdmin = await createUser(demo.db, { name: "思明管理员", mobile: "13811112222", password: "password-123", orgId: "siming", roles: [{ role: "admin" }] });
    const stranger = (await loadSessionUser(demo.db, otherDistrictAdmin.id))!;
    expect((await refusal(updateProgramSettings(demo.db, stranger, programId, {}))).code).toBe("caseNotFound");
  });
});

describe("application window and audience", () => {
  it("refuses before the window opens and after it closes, and members-only programs to non-members", async () => {
    const programId = await installTestProgram(demo.db, "windowed", FLOW);
    await updateProgramSettings(demo.db, admin, programId, { window: { opensAt: "2099-01-01T00:00:00+08:00" } });
    expect((await refusal(submitApplication(demo.db, worker, programId, { note: "早" }, key(), "zh"))).messageZh).toContain("开始受理");
    await updateProgramSettings(demo.db, admin, programId, { window: { closesAt: "2020-01-01T00:00:00+08:00" } });
    expect((await refusal(submitApplication(demo.db, worker, programId, { note: "晚" }, key(), "zh"))).messageZh).toContain("截止受理");
    await updateProgramSettings(demo.db, admin, programId, { audience: "members" });
    expect((await refusal(submitApplication(demo.db, worker, programId, { note: "非会员" }, key(), "zh"))).messageZh).toContain("仅限工会会员");
    await updateProgramSettings(demo.db, admin, programId, { eligibility: 'orgLevel = "street"', eligibilityMessage: { zh: "仅限街道直属职工", en: "Street staff only" } });
    expect((await refusal(submitApplication(demo.db, worker, programId, { note: "条件" }, key(), "zh"))).messageZh).toBe("仅限街道直属职工");
    expect(await demo.db.select().from(cases).where(eq(cases.programId, programId))).toHaveLength(0);
  });
});

describe("seats and waitlist", () => {
  it("fills the seats, waitlists the rest in order, and promotes the first waiting child when a seat frees", async () => {
    const programId = await installTestProgram(demo.db, "seats-waitlist", FLOW, "huli", enrolForm);
    await updateProgramSettings(demo.db, admin, programId, { capacity: { field: "klass", seats: { a: 2, b: 1 }, waitlist: true } });
    const a1 = await enrol(worker, programId, CHILD_IDS[0]);
    await enrol(other, programId, CHILD_IDS[1]);
    const w1 = await enrol(worker, programId, CHILD_IDS[2]);
    const w2 = await enrol(other, programId, CHILD_IDS[3]);
    expect([a1.status, w1.status, w2.status]).toEqual(["running", "waitlisted", "waitlisted"]);
    expect([w1.waitlistPosition, w2.waitlistPosition]).toEqual([1, 2]);
    // Class B still has its own seat.
    expect((await enrol(worker, programId, CHILD_IDS[4], "b")).status).toBe("running");

    await withdrawCase(demo.db, worker, a1.caseId);
    const [promoted] = await demo.db.select().from(cases).where(eq(cases.id, w1.caseId));
    expect(promoted.status).toBe("running");
    expect(promoted.caseNo).toMatch(/^T-seats-waitlist-/);
    expect(await demo.db.select().from(tasks).where(and(eq(tasks.caseId, w1.caseId), eq(tasks.status, "open")))).toHaveLength(1);
    const [entry] = await demo.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, w1.caseId));
    expect(entry.status).toBe("promoted");
    const [notice] = await demo.db.select().from(notifications).where(and(eq(notifications.caseId, w1.caseId), eq(notifications.templateKey, "waitlist.promoted")));
    expect(notice.userId).toBe(worker.id);
    const [pool] = await demo.db.select().from(seatPools).where(and(eq(seatPools.programId, programId), eq(seatPools.poolKey, "a")));
    expect(pool.taken).toBe(2);
    // Promotion started the case once: one submit entry in its audit stream.
    expect(await demo.db.select().from(auditLog).where(eq(auditLog.caseId, w1.caseId))).toHaveLength(1);
  });

  it("without a waitlist, a full class is refused clearly and nothing is stored", async () => {
    const programId = await installTestProgram(demo.db, "seats-full", FLOW, "huli", enrolForm);
    await updateProgramSettings(demo.db, admin, programId, { capacity: { seats: 1, waitlist: false } });
    await enrol(worker, programId, CHILD_IDS[0]);
    const err = await refusal(enrol(other, programId, CHILD_IDS[1]));
    expect(err.code).toBe("full");
    expect(err.messageZh).toBe("名额已满，无法报名");
    expect(await demo.db.select().from(cases).where(eq(cases.programId, programId))).toHaveLength(1);
    expect(await demo.db.select().from(applicationQuotas).where(eq(applicationQuotas.programId, programId))).toHaveLength(0);
  });
});
