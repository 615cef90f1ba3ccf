import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDemoDb } from "./support/demoDb";
import { pngOf } from "./support/uploadProgram";
import { cases, jobs, programs, tasks } from "../db/schema";
import { DatabaseFileStore, LocalFileStore, setFileStore, type FileStore } from "../db/fileStore";
import { decideTask, getCaseView, listMyTasks, submitApplication } from "../workflows/services/cases";
import { uploadFile } from "../workflows/services/files";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { taskActionsOf } from "../workflows/services/taskActions";
import { CaseCommandError } from "../workflows/runtime/errors";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let store: FileStore;
const people: Record<string, SessionUser> = {};

const MOBILES = { worker: "13900000001", worker2: "13900000002", unit: "13800000001", street: "13800000011", district: "13800000021", district2: "13800000022", city: "13800000031", admin: "13800000000" };

beforeAll(async () => {
  demo = await createDemoDb();
  store = process.env.DATABASE_URL ? new DatabaseFileStore(demo.db) : new LocalFileStore(mkdtempSync(path.join(tmpdir(), "nj-builtin-files-")));
  setFileStore(store);
  for (const [k, m] of Object.entries(MOBILES)) people[k] = await demo.userByMobile(m);
});
afterAll(() => demo.close());

async function programId(code: string): Promise<string> {
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, code), eq(programs.ownerOrgId, "huli")));
  return p.id;
}

let keys = 0;
const key = () => `builtin-${++keys}-${Date.now()}`;

/** The open task of `who` on the case, decided as they would from the inbox. */
async function decide(caseId: string, who: keyof typeof MOBILES, action: "approve" | "reject" | "return" = "approve", comment = "同意") {
  const task = (await listMyTasks(demo.db, people[who])).find((t) => t.caseId === caseId);
  expect(task, `${who} should have a task on the case`).toBeDefined();
  await decideTask(demo.db, people[who], task!.taskId, { action, comment });
}

async function openNodes(caseId: string): Promise<string[]> {
  const open = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")));
  return [...new Set(open.map((t) => t.nodeId))];
}

describe("金秋助学", () => {
  const application = (letter: string) => ({
    studentName: "赵小雨",
    studentId: "350206200801010029",
    relation: "child",
    university: "厦门大学",
    major: "计算机科学与技术",
    level: "bachelor",
    enrolDate: "2026-09-01",
    admissionLetter: [letter],
    members: [
      { memberName: "赵小明", memberRelation: "本人", monthlyIncome: 4200 },
      { memberName: "王芳", memberRelation: "配偶", monthlyIncome: 2600 },
      { memberName: "赵小雨", memberRelation: "女儿", monthlyIncome: 0 },
    ],
    hardship: "家中三口人，本人是快递员，配偶在超市做临时工，收入不稳定，女儿学费压力较大。",
    bankCard: "6222021234567890128",
    bankName: "中国工商银行厦门湖里支行",
    homeRegion: { codes: ["35", "3502", "350206", "350206003"] },
    homeAddress: "枋湖北二路88号3栋1201室",
    signature: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    consent: { accepted: true, version: "2026-1" },
  });

  it("computes the award by level, goes 基层 → 街道 → 区总 → 公示, and registers the payout", async () => {
    const id = await programId("tuition-aid");
    const letter = await uploadFile(demo.db, store, people.worker, { programId: id, fieldKey: "admissionLetter" }, async () => ({ ok: true, name: "录取通知书.png", bytes: pngOf(40, 30) }), "zh");
    const started = await submitApplication(demo.db, people.worker, id, application(letter.id), key(), "zh");
    expect(started.caseNo).toMatch(/^JQZX-\d{4}-\d{4}$/);
    const view = await getCaseView(demo.db, people.worker, started.caseId);
    expect(view.data).toMatchObject({ amount: 4000, familySize: 3, familyIncome: 6800 });
    expect(Number(view.data.perCapitaIncome)).toBeCloseTo(2266.67, 2);

    await decide(started.caseId, "unit");
    await decide(started.caseId, "street");
    await decide(started.caseId, "district");
    expect(await openNodes(started.caseId)).toEqual(["Publicity"]);
    // 公示 ends without objection when its 5 working days pass: the timeout approves it.
    const [due] = await demo.db.select().from(jobs).where(and(eq(jobs.caseId, started.caseId), like(jobs.key, "%sla:Publicity%")));
    expect(due).toBeDefined();
    await demo.db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.id, due.id));
    await drainJobs(demo.db);
    const [done] = await demo.db.select().from(cases).where(eq(cases.id, started.caseId));
    expect(done.status).toBe("approved");
    expect(done.variables).toMatchObject({ payout: { status: "pending", amount: 4000 } });
  });

  it("an objection during publicity (异议成立) rejects the award", async () => {
    const id = await programId("tuition-aid");
    const letter = await uploadFile(demo.db, store, people.worker, { programId: id, fieldKey: "admissionLetter" }, async () => ({ ok: true, name: "letter.png", bytes: pngOf(40, 30) }), "zh");
    // The first application holds this student's one award for the year; another student applies.
    const started = await submitApplication(demo.db, people.worker, id, { ...application(letter.id), studentId: "350206200802020026" }, key(), "zh");
    for (const who of ["unit", "street", "district"] as const) await decide(started.caseId, who);
    await decide(started.caseId, "admin", "reject", "群众反映家庭收入不实，经核查属实");
    expect((await getCaseView(demo.db, people.worker, started.caseId)).status).toBe("rejected");
  });

  it("refuses a household above the income line with the rule's own message", async () => {
    const id = await programId("tuition-aid");
    const letter = await uploadFile(demo.db, store, people.worker, { programId: id, fieldKey: "admissionLetter" }, async () => ({ ok: true, name: "l.png", bytes: pngOf(40, 30) }), "zh");
    const rich = { ...application(letter.id), studentId: "350206200803030023", members: [{ memberName: "赵小明", memberRelation: "本人", monthlyIncome: 20000 }] };
    const err = await submitApplication(demo.db, people.worker, id, rich, key(), "zh").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseCommandError);
    expect(Object.values((err as CaseCommandError).fieldErrors ?? {}).join()).toContain("不在金秋助学资助范围内");
  });
});

describe("困难职工帮扶", () => {
  const application = (amount: number) => ({
    name: "赵小明",
    idNumber: "350206198503030013",
    mobile: "13900000001",
    employer: "厦门速达配送有限公司",
    category: "illness",
    illnessDetail: "2026年9月确诊腰椎间盘突出，住院手术，术后需休养三个月。",
    proof: [],
    situation: "手术及康复费用自付部分约三万元，休养期间无收入，家庭生活困难。",
    householdSize: 3,
    householdIncome: 3000,
    amount,
    bankCard: "6222021234567890128",
    bankName: "中国工商银行厦门湖里支行",
    consent: { accepted: true, version: "2026-1" },
  });

  it("needs proof for an illness, as the form says", async () => {
    const err = await submitApplication(demo.db, people.worker, await programId("hardship"), application(1500), key(), "zh").catch((e: unknown) => e);
    expect((err as CaseCommandError).fieldErrors?.proof).toBeTruthy();
  });

  it("up to 2,000 yuan: decided at the district, where both approvers must agree (会签)", async () => {
    const id = await programId("hardship");
    const proof = await uploadFile(demo.db, store, people.worker, { programId: id, fieldKey: "proof" }, async () => ({ ok: true, name: "诊断证明.png", bytes: pngOf(40, 30) }), "zh");
    const started = await submitApplication(demo.db, people.worker, id, { ...application(1500), proof: [proof.id] }, key(), "zh");
    await decide(started.caseId, "unit");
    await decide(started.caseId, "street");
    await decide(started.caseId, "district");
    expect(await openNodes(started.caseId)).toEqual(["DistrictCountersign"]);
    await decide(started.caseId, "district2");
    expect((await getCaseView(demo.db, people.worker, started.caseId)).status).toBe("approved");
  });

  it("退回到 an earlier step: 街道 sends it back to 基层, who decides again; a step not yet reached is refused", async () => {
    const id = await programId("hardship");
    const proof = await uploadFile(demo.db, store, people.worker2, { programId: id, fieldKey: "proof" }, async () => ({ ok: true, name: "p.png", bytes: pngOf(40, 30) }), "zh");
    const started = await submitApplication(demo.db, people.worker2, id, { ...application(1500), proof: [proof.id] }, key(), "zh");
    const unitTask = (await listMyTasks(demo.db, people.unit)).find((t) => t.caseId === started.caseId)!;
    expect((await taskActionsOf(demo.db, unitTask.taskId)).returnTargets).toEqual([]);
    await decide(started.caseId, "unit");
    const streetTask = (await listMyTasks(demo.db, people.street)).find((t) => t.caseId === started.caseId)!;
    expect((await taskActionsOf(demo.db, streetTask.taskId)).returnTargets).toEqual([{ nodeId: "UnitReview", name: "基层工会审核" }]);
    const notReached = await decideTask(demo.db, people.street, streetTask.taskId, { action: "return", comment: "请区总先看", returnTo: "DistrictCountersign" }).catch((e: unknown) => e);
    expect((notReached as CaseCommandError).fieldErrors?.returnTo).toContain("已经过的审批环节");
    await decideTask(demo.db, people.street, streetTask.taskId, { action: "return", comment: "请基层补充走访记录", returnTo: "UnitReview" });
    expect(await openNodes(started.caseId)).toEqual(["UnitReview"]);
    const view = await getCaseView(demo.db, people.worker2, started.caseId);
    expect(view.status).toBe("running");
    expect(view.timeline.find((e) => e.action === "return")).toMatchObject({ actorName: "林芳", returnedTo: "基层工会审核", comment: "请基层补充走访记录" });
    await decide(started.caseId, "unit");
    expect(await openNodes(started.caseId)).toEqual(["StreetReview"]);
  });

  it("above 2,000 yuan: the city federation decides too", async () => {
    const id = await programId("hardship");
    const proof = await uploadFile(demo.db, store, people.worker, { programId: id, fieldKey: "proof" }, async () => ({ ok: true, name: "p.png", bytes: pngOf(40, 30) }), "zh");
    const started = await submitApplication(demo.db, people.worker, id, { ...application(5000), proof: [proof.id] }, key(), "zh");
    for (const who of ["unit", "street", "district", "district2"] as const) await decide(started.caseId, who);
    expect(await openNodes(started.caseId)).toEqual(["CityReview"]);
    await decide(started.caseId, "city");
    expect((await getCaseView(demo.db, people.worker, started.caseId)).status).toBe("approved");
  });
});

describe("暑托班报名", () => {
  const application = (childId: string, klass = "jul-huli") => ({
    childName: "赵小乐",
    childId,
    school: "湖里实验小学三年级",
    klass,
    health: "无",
    parentName: "赵小明",
    parentMobile: "13900000001",
    pickupName: "王芳（母亲）",
    consent: { accepted: true, version: "2026-summer" },
  });

  it("takes children aged 6 to 14 only, with the rule's message", async () => {
    const id = await programId("summer-camp");
    const tooYoung = await submitApplication(demo.db, people.worker, id, application("350206202301010013"), key(), "zh").catch((e: unknown) => e);
    expect(Object.values((tooYoung as CaseCommandError).fieldErrors ?? {}).join()).toContain("6至14周岁");
    const ok = await submitApplication(demo.db, people.worker, id, application("350206201601010010"), key(), "zh");
    expect(ok.caseNo).toMatch(/^STB-/);
    const again = await submitApplication(demo.db, people.worker, id, application("350206201601010010", "aug-huli"), key(), "zh").catch((e: unknown) => e);
    expect((again as CaseCommandError).code).toBe("limitReached");
  });
});

describe("事项请示", () => {
  it("goes to the approver the worker chose, who must write an opinion even to approve", async () => {
    const id = await programId("request");
    const request = (approver: SessionUser, extra: Record<string, unknown> = {}) => ({
      subject: "申请开展职工趣味运动会",
      category: "activity",
      amount: 3200,
      content: "拟于12月中旬组织快递员趣味运动会，约60人参加，请求工会给予经费支持。",
      approver: [{ id: approver.id }],
      ...extra,
    });
    // An activity names its amount; the approver must be on the worker's own chain.
    const noAmount = (await submitApplication(demo.db, people.worker, id, request(people.street, { amount: null }), key(), "zh").catch((e: unknown) => e)) as CaseCommandError;
    expect(noAmount.fieldErrors).toEqual({ amount: "请填写涉及金额" });
    const siming = await demo.userByMobile("13800000041");
    const stranger = (await submitApplication(demo.db, people.worker, id, request(siming), key(), "zh").catch((e: unknown) => e)) as CaseCommandError;
    expect(Object.keys(stranger.fieldErrors ?? {})).toEqual(["approver"]);

    const { caseId } = await submitApplication(demo.db, people.worker, id, request(people.street), key(), "zh");
    expect(await openNodes(caseId)).toEqual(["ChosenReview"]);
    expect((await listMyTasks(demo.db, people.unit)).some((t) => t.caseId === caseId)).toBe(false);
    const bare = (await decide(caseId, "street", "approve", "").catch((e: unknown) => e)) as CaseCommandError;
    expect(bare.messageZh).toBe("此环节同意时也须填写审批意见");
    await decide(caseId, "street", "approve", "同意，经费从街道工会活动经费列支");
    const view = await getCaseView(demo.db, people.worker, caseId);
    expect(view.status).toBe("approved");
    expect(view.data.approver).toEqual([{ id: people.street.id, name: "林芳" }]);
  });
});
