import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { jobs, notifications, tasks } from "../db/schema";
import { setPluginEnablement } from "../db/pluginEnablements";
import { decideTask, submitApplication } from "../workflows/services/cases";
import { listMyNotifications, markMyNotificationsRead, myUnreadCount, openMyNotification } from "../workflows/services/notifications";
import { notificationChannelRegistry, type OutgoingNotification } from "../workflows/notificationChannels";
import { drainJobs } from "../workflows/runtime/jobWorker";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let programId: string;
let worker: SessionUser; // 赵小明, 湖里
let unit: SessionUser; // 李建国

beforeAll(async () => {
  demo = await createDemoDb();
  programId = await installTestProgram(demo.db, "notify", singleApprovalBpmn('mode="single" actions="approve,reject,return"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>'));
  worker = await demo.userByMobile("13900000001");
  unit = await demo.userByMobile("13800000001");
});
afterAll(() => demo.close());
afterEach(() => {
  notificationChannelRegistry.removeOwner("core-test");
  notificationChannelRegistry.removeOwner("sms-test");
});

let seq = 0;
async function newCase() {
  const { caseId, caseNo } = await submitApplication(demo.db, worker, programId, { note: "消息测试" }, `notify-case-${++seq}`, "zh");
  const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")));
  return { caseId, caseNo, taskId: task.id };
}

describe("in-app messages (消息)", () => {
  it("an approver is told of a new task and the applicant of the outcome, each in their language, linking where to act", async () => {
    const { caseNo, caseId, taskId } = await newCase();
    const unreadBefore = await myUnreadCount(demo.db, worker);
    const mine = await listMyNotifications(demo.db, unit, "zh");
    expect(mine[0]).toMatchObject({ text: `新的待办：测试 notify ${caseNo}`, link: `/inbox/tasks/${taskId}`, read: false });
    expect((await listMyNotifications(demo.db, unit, "en"))[0].text).toBe(`New task: Test notify ${caseNo}`);

    await decideTask(demo.db, unit, taskId, { action: "approve", comment: "同意" });
    // Once decided, the approver's message leads to the case rather than a closed task.
    expect((await listMyNotifications(demo.db, unit, "zh"))[0].link).toBe(`/portal/cases/${caseId}`);
    const outcome = (await listMyNotifications(demo.db, worker, "zh"))[0];
    expect(outcome).toMatchObject({ text: `您的申请已通过：测试 notify ${caseNo}`, link: `/portal/cases/${caseId}`, read: false });
    expect(await myUnreadCount(demo.db, worker)).toBe(unreadBefore + 1);
  });

  it("opening a message marks it read and gives its link; someone else's message is neither opened nor marked", async () => {
    const { caseId } = await newCase();
    const [message] = await listMyNotifications(demo.db, unit, "zh");
    expect(await openMyNotification(demo.db, worker, message.id, "zh")).toBeNull();
    expect((await listMyNotifications(demo.db, unit, "zh"))[0].read).toBe(false);
    expect(await openMyNotification(demo.db, unit, message.id, "zh")).toMatch(/^\/inbox\/tasks\//);
    expect((await listMyNotifications(demo.db, unit, "zh"))[0].read).toBe(true);
    expect(await openMyNotification(demo.db, unit, "not-an-id", "zh")).toBeNull();
    expect(caseId).toBeTruthy();
  });

  it("全部标为已读 clears only the caller's unread count", async () => {
    await newCase();
    const workerUnread = await myUnreadCount(demo.db, worker);
    expect(await myUnreadCount(demo.db, unit)).toBeGreaterThan(0);
    await markMyNotificationsRead(demo.db, unit);
    expect(await myUnreadCount(demo.db, unit)).toBe(0);
    expect(await myUnreadCount(demo.db, worker)).toBe(workerUnread);
  });
});

describe("delivery channels", () => {
  // "core-test" stands for a plugin every district here has enabled; "sms-test" for one none has yet.
  beforeAll(() => setPluginEnablement(demo.db, { tenantId: "huli", pluginId: "core-test", orgId: "huli", enabled: true, updatedBy: "test" }));

  it("a channel gets each message once, through a job written with the message, even if the worker runs twice", async () => {
    const sent: OutgoingNotification[] = [];
    notificationChannelRegistry.register("test-push", { id: "test-push", send: async (n) => void sent.push(n) }, "core-test");
    const { caseNo } = await newCase();
    const [message] = await demo.db.select().from(notifications).where(and(eq(notifications.userId, unit.id), eq(notifications.templateKey, "task.assigned"))).orderBy(notifications.createdAt);
    expect(await demo.db.select().from(jobs).where(like(jobs.key, "notify:%:test-push"))).not.toHaveLength(0);
    await drainJobs(demo.db);
    await drainJobs(demo.db);
    const forUnit = sent.filter((n) => n.userId === unit.id && n.templateKey === "task.assigned");
    expect(forUnit).toHaveLength(1);
    expect(forUnit[0].id).not.toBe(message.id); // the newest case's message, not an older one
    expect(caseNo).toBeTruthy();
  });

  it("a plugin's channel reaches only districts that enabled the plugin", async () => {
    const sent: OutgoingNotification[] = [];
    notificationChannelRegistry.register("sms", { id: "sms", send: async (n) => void sent.push(n) }, "sms-test");
    await newCase();
    await drainJobs(demo.db);
    expect(sent).toHaveLength(0);
    const done = await demo.db.select().from(jobs).where(like(jobs.key, "notify:%:sms"));
    expect(done.every((j) => j.status === "done")).toBe(true);

    await setPluginEnablement(demo.db, { tenantId: "huli", pluginId: "sms-test", orgId: "huli", enabled: true, updatedBy: "test" });
    await newCase();
    await drainJobs(demo.db);
    expect(sent.map((n) => n.userId)).toEqual([unit.id]);
  });

  it("a failing channel is retried later with the error kept, without touching the message", async () => {
    notificationChannelRegistry.register("flaky", { id: "flaky", send: async () => { throw new Error("短信网关超时"); } }, "core-test");
    await newCase();
    await drainJobs(demo.db);
    const [job] = await demo.db.select().from(jobs).where(like(jobs.key, "notify:%:flaky"));
    expect(job).toMatchObject({ status: "pending", attempts: 1, lastError: "短信网关超时" });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
  });
});
