import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, programs } from "../db/schema";
import { DatabaseFileStore, LocalFileStore, setFileStore, type FileStore } from "../db/fileStore";
import { displayValue } from "../forms/displayValue";
import { wishes } from "../plugins/xiamen/schema";
import type { WishCard } from "../plugins/xiamen/wishes";
import { PluginRefusal } from "../workflows/pluginRefusal";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { caseViewFor } from "../workflows/services/caseViewFor";
import { decideTask, listMyTasks, submitApplication } from "../workflows/services/cases";
import { uploadFile } from "../workflows/services/files";
import { loadPluginPage, runPluginPageAction } from "../workflows/services/pluginPages";
import { listOpenPrograms, getProgramForApply } from "../workflows/services/programs";
import { resolveDistricts, setPluginEnabled } from "../workflows/services/pluginSettings";
import { taskActionsOf } from "../workflows/services/taskActions";
import type { SessionUser } from "../workflows/services/identity";
import { pngOf } from "./support/uploadProgram";
import { createXiamenDb, type XiamenDb } from "./support/xiamenDb";

let x: XiamenDb;
let store: FileStore;
let keySeq = 0;
const key = () => `xm-programs-${++keySeq}-${Date.now()}`;

beforeAll(async () => {
  x = await createXiamenDb();
  store = process.env.DATABASE_URL ? new DatabaseFileStore(x.db) : new LocalFileStore(mkdtempSync(path.join(tmpdir(), "nj-xiamen-files-")));
  setFileStore(store);
});
afterAll(() => x?.close());

async function taskFor(approverMobile: string, caseId: string) {
  const approver = await x.userByMobile(approverMobile);
  const task = (await listMyTasks(x.db, approver)).find((t) => t.caseId === caseId);
  return { approver, task: task! };
}

describe("职工医疗互助: amounts computed by a service task, shown to the approver to confirm", () => {
  async function claim(worker: SessionUser, data: Record<string, unknown>) {
    const programId = await x.programId("xiamen-medical-aid", "huli");
    const proof = await uploadFile(x.db, store, worker, { programId, fieldKey: "proof" }, async () => ({ ok: true, name: "诊断证明.png", bytes: pngOf(40, 30) }), "zh");
    const form = {
      name: "赵小明",
      idNumber: "360102199003150022",
      mobile: "13900000001",
      employer: "厦门速达快递有限公司",
      diagnosis: "cancer",
      diagnosisDate: "2026-10-08",
      hospital: "厦门大学附属第一医院",
      hospitalDays: 42,
      totalCost: 310_000,
      selfPaid: 250_000,
      proof: [proof.id],
      bankCard: "6222021234567890128",
      bankName: "中国工商银行厦门湖里支行",
      consent: { accepted: true, version: "2026-1" },
      ...data,
    };
    const submitted = await submitApplication(x.db, worker, programId, form, key(), "zh");
    await drainJobs(x.db);
    return submitted.caseId;
  }

  it("an enrolled worker: 30 of 42 days and 20% of 200,000 of the 250,000 self-paid, confirmed by the district", async () => {
    const worker = await x.userByMobile("13900000001"); // 赵小明, on the demo roll for 2026
    const caseId = await claim(worker, {});
    const { approver, task } = await taskFor("13800000021", caseId); // 张伟, 湖里区总
    expect(task.taskName).toBe("区总工会核定互助金");
    const view = await caseViewFor(x.db, approver, caseId);
    expect(view.data).toMatchObject({ enrollment: "enrolled", hospitalAid: 1500, copayAid: 40_000, totalAid: 41_500, estimatedAid: 41_500 });
    const field = (key: string) => view.formSchema.fields.find((f) => f.key === key)!;
    expect(displayValue(field("totalAid"), view.data.totalAid, "zh")).toBe("¥41,500.00（肆万壹仟伍佰元整）");
    expect(displayValue(field("hospitalAid"), view.data.hospitalAid, "zh")).toBe("¥1,500.00（壹仟伍佰元整）");
    expect(displayValue(field("enrollment"), view.data.enrollment, "zh")).toBe("已核实参加医疗互助");
    // The applicant sees the amounts too, and never filled them.
    expect((await caseViewFor(x.db, worker, caseId)).data.totalAid).toBe(41_500);
    const allowed = await taskActionsOf(x.db, task.taskId);
    expect(allowed.labels.approve?.zh).toBe("确认金额并核准");
    await decideTask(x.db, approver, task.taskId, { action: "approve", comment: "金额无误" });
    expect((await caseViewFor(x.db, worker, caseId)).status).toBe("approved");
  });

  it("zero days in hospital pays only the 20%", async () => {
    const worker = await x.userByMobile("13900000001");
    const caseId = await claim(worker, { hospitalDays: 0, totalCost: 20_000, selfPaid: 12_345.67 });
    const { approver } = await taskFor("13800000021", caseId);
    expect((await caseViewFor(x.db, approver, caseId)).data).toMatchObject({ hospitalAid: 0, copayAid: 2469.13, totalAid: 2469.13 });
  });

  it("someone not on the roll goes to a step that can only reject or return", async () => {
    const worker = await x.userByMobile("13900000004"); // 周杰
    const caseId = await claim(worker, { name: "周杰", idNumber: "430524198709090053", mobile: "13900000004" });
    const { approver, task } = await taskFor("13800000021", caseId);
    expect(task.taskName).toBe("未查到参保记录（核实后拒绝或退回）");
    expect((await caseViewFor(x.db, approver, caseId)).data.enrollment).toBe("notFound");
    expect((await taskActionsOf(x.db, task.taskId)).actions).not.toContain("approve");
    await expect(decideTask(x.db, approver, task.taskId, { action: "approve", comment: "" })).rejects.toMatchObject({ code: "rejectedByFlow" });
  });

  it("refuses self-paid costs above the total, before anything is written", async () => {
    const worker = await x.userByMobile("13900000001");
    await expect(claim(worker, { totalCost: 1000, selfPaid: 2000 })).rejects.toMatchObject({ code: "invalidData", status: 422 });
  });
});

describe("微心愿: posted, approved onto the wall, claimed by one donor, fulfilled", () => {
  const wishForm = (overrides: Record<string, unknown> = {}) => ({
    name: "孙丽",
    category: "study",
    title: "给孩子买一个新书包",
    story: "孩子的书包背了四年已经破了，想在开学前换一个。",
    amount: 150,
    consent: { accepted: true, version: "2026-1" },
    ...overrides,
  });
  const wall = async (user: SessionUser) => ((await loadPluginPage(x.db, user, "xiamen", "wishes")).data as { wishes: WishCard[] }).wishes;

  it("refuses a wish above 200 yuan", async () => {
    const worker = await x.userByMobile("13900000003");
    const programId = await x.programId("xiamen-wish", "huli");
    await expect(submitApplication(x.db, worker, programId, wishForm({ amount: 200.01 }), key(), "zh")).rejects.toMatchObject({ code: "invalidData" });
  });

  it("one donor of many racing for the same wish gets it; the wall shows each state", { timeout: 60_000 }, async () => {
    const wisher = await x.userByMobile("13900000003"); // 孙丽, 外卖配送
    const programId = await x.programId("xiamen-wish", "huli");
    const { caseId } = await submitApplication(x.db, wisher, programId, wishForm(), key(), "zh");

    // Under review: on the wall as 待审核 without its words.
    const donor = await x.userByMobile("13900000002");
    let card = (await wall(donor)).find((w) => w.caseId === caseId)!;
    expect(card).toMatchObject({ state: "pending", title: null, story: null, amount: 150, wisher: "孙*", category: { zh: "学习用品" } });

    const { approver, task } = await taskFor("13800000002", caseId); // 陈丽, 外卖配送 基层工会
    await decideTask(x.db, approver, task.taskId, { action: "approve", comment: "" });
    await drainJobs(x.db);
    card = (await wall(donor)).find((w) => w.caseId === caseId)!;
    expect(card).toMatchObject({ state: "open", title: "给孩子买一个新书包", donor: null });

    await expect(runPluginPageAction(x.db, wisher, "xiamen", "wishes", "claim", { caseId })).rejects.toMatchObject({ code: "ownWish" });

    const donors = [donor, ...(await Promise.all(Array.from({ length: 9 }, (_, i) => x.newMember(i % 2 ? "hs-keji" : "hs-kuaidi", `爱心人士${i}`))))];
    const outcomes = await Promise.allSettled(donors.map((d) => runPluginPageAction(x.db, d, "xiamen", "wishes", "claim", { caseId })));
    const won = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [donors[i]] : []));
    expect(won).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "wishTaken", status: 409, messageZh: "这个心愿已被其他爱心人士认领" });
    const [row] = await x.db.select().from(wishes).where(eq(wishes.caseId, caseId));
    expect(row).toMatchObject({ status: "claimed", donorId: won[0].id });
    expect(await x.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, "xiamen.wish.claimed")))).toHaveLength(1);

    const someoneElse = donors.find((d) => d.id !== won[0].id)!;
    await expect(runPluginPageAction(x.db, someoneElse, "xiamen", "wishes", "fulfil", { caseId })).rejects.toBeInstanceOf(PluginRefusal);
    expect((await wall(won[0])).find((w) => w.caseId === caseId)).toMatchObject({ state: "claimed", claimedByMe: true });
    await runPluginPageAction(x.db, won[0], "xiamen", "wishes", "fulfil", { caseId });
    expect((await wall(wisher)).find((w) => w.caseId === caseId)).toMatchObject({ state: "fulfilled", mine: true });
  });

  it("a wish of another district is not on this wall and cannot be claimed from here", async () => {
    const [wish] = await x.db.select().from(wishes).limit(1);
    const siming = await x.userByMobile("13900000009");
    expect((await wall(siming)).map((w) => w.caseId)).not.toContain(wish.caseId);
    await expect(runPluginPageAction(x.db, siming, "xiamen", "wishes", "claim", { caseId: wish.caseId })).rejects.toMatchObject({ code: "wishNotFound", status: 404 });
  });
});

describe("a plugin enabled for one district shows nothing to another district's workers", () => {
  it("with xiamen switched off in 思明, its workers see no Xiamen program and no wall, and cannot apply", async () => {
    await setPluginEnabled(x.db, "xiamen", await resolveDistricts(x.db, "siming"), false, "test");
    const huliWorker = await x.userByMobile("13900000003");
    const simingWorker = await x.userByMobile("13900000009");
    const xiamenPrograms = new Set((await x.db.select({ id: programs.id }).from(programs).where(eq(programs.pluginId, "xiamen"))).map((p) => p.id));
    expect(xiamenPrograms.size).toBe(6);
    expect((await listOpenPrograms(x.db, huliWorker)).filter((p) => xiamenPrograms.has(p.id))).toHaveLength(3);
    expect((await listOpenPrograms(x.db, simingWorker)).filter((p) => xiamenPrograms.has(p.id))).toEqual([]);
    const simingWish = await x.programId("xiamen-wish", "siming");
    expect(await getProgramForApply(x.db, simingWorker, simingWish)).toBeUndefined();
    await expect(submitApplication(x.db, simingWorker, simingWish, {}, key(), "zh")).rejects.toMatchObject({ code: "caseNotFound" });
    await expect(loadPluginPage(x.db, simingWorker, "xiamen", "wishes")).rejects.toMatchObject({ status: 404 });
    await setPluginEnabled(x.db, "xiamen", await resolveDistricts(x.db, "siming"), true, "test");
  });
});
