import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { corePlugin } from "../plugins/core";
import { quanzhouPlugin, VOLUNTEER_KEY } from "../plugins/quanzhou";
import { addDays, beijingInstant, beijingToday, isoWeekday } from "../plugins/quanzhou/beijingTime";
import { VENUE_BOOKING_KEY } from "../plugins/quanzhou/booking/venueBookingHook";
import type { VenuesPageData } from "../plugins/quanzhou/booking/venuesPageData";
import { awardPoints } from "../plugins/quanzhou/points/awardPoints";
import type { PointsPageData } from "../plugins/quanzhou/points/pointsPageData";
import { qzBookings, qzGifts, qzMembers, qzPointLedger } from "../plugins/quanzhou/schema";
import { loadPlugins } from "../cli/loadPlugins";
import { startPlugins } from "../cli/startPlugins";
import { seedBuiltinPrograms } from "../cli/seedPrograms";
import type { DbHandle } from "../db/client";
import { createTestDb } from "../db/testing";
import { seedDemoOrgs } from "../db/demoOrgs";
import { createUser } from "../db/users";
import { cases, programs, users } from "../db/schema";
import { getProgramTemplate } from "../workflows/programTemplates";
import { PluginRefusal } from "../workflows/pluginRefusal";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { decideTask, getCaseView, listMyTasks, submitApplication, withdrawCase } from "../workflows/services/cases";
import { mayCancelEnrolment } from "../workflows/services/enrolment";
import { loadSessionUser, type SessionUser } from "../workflows/services/identity";
import { installProgramTemplate } from "../workflows/services/installProgram";
import { listPluginPagesFor, loadPluginPage, runPluginPageAction } from "../workflows/services/pluginPages";
import { getProgramForApply, listOpenPrograms } from "../workflows/services/programs";

// Real concurrency needs PostgreSQL; embedded PGlite runs the same burst one transaction at a time.
const BURST = 50;

let handle: DbHandle;
let worker: SessionUser;
let approver: SessionUser;
let huliWorker: SessionUser;
let bookingProgramId: string;
let volunteerProgramId: string;

async function userByMobile(mobile: string): Promise<SessionUser> {
  const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile));
  return (await loadSessionUser(handle.db, row.id))!;
}

async function refused(p: Promise<unknown>): Promise<PluginRefusal> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PluginRefusal) return err;
    throw err;
  }
  throw new Error("expected a PluginRefusal");
}

const today = () => beijingToday(new Date());
/** The next day from tomorrow on (within a week) whose ISO weekday passes `ok`. */
const nextDay = (ok: (weekday: number) => boolean, from = 1) => {
  for (let i = from; i < from + 7; i++) if (ok(isoWeekday(addDays(today(), i)))) return addDays(today(), i);
  throw new Error("no such day");
};

let keySeq = 0;
const booking = (room: string, date: string, slot: string, extra: Record<string, unknown> = {}) => ({
  room,
  date,
  slot,
  purpose: "班组读书分享会",
  attendees: 8,
  contactMobile: "13900000050",
  consent: { accepted: true, version: "2026-1" },
  ...extra,
});
const book = (who: SessionUser, data: Record<string, unknown>) => submitApplication(handle.db, who, bookingProgramId, data, `qz-book-${++keySeq}-${who.id.slice(0, 8)}`, "zh");
const venuesPage = async (who: SessionUser, query: Record<string, string> = {}, now?: Date) => (await loadPluginPage(handle.db, who, "quanzhou", "venues", query, "zh", now)).data as VenuesPageData;
const pointsPage = async (who: SessionUser) => (await loadPluginPage(handle.db, who, "quanzhou", "points", {}, "zh")).data as PointsPageData;
const balanceOf = async (userId: string) => (await handle.db.select({ b: qzMembers.balance }).from(qzMembers).where(eq(qzMembers.userId, userId)))[0]?.b ?? 0;
const ledgerSum = async (userId: string) => Number((await handle.db.select({ s: sql<number>`coalesce(sum(${qzPointLedger.delta}), 0)::int` }).from(qzPointLedger).where(eq(qzPointLedger.userId, userId)))[0].s);

beforeAll(async () => {
  handle = await createTestDb();
  await startPlugins(handle, loadPlugins([corePlugin, quanzhouPlugin]));
  await seedDemoOrgs(handle.db);
  await seedBuiltinPrograms(handle.db);
  worker = await userByMobile("13900000050");
  approver = await userByMobile("13800000051");
  huliWorker = await userByMobile("13900000001");
  const byCode = async (code: string) => (await handle.db.select().from(programs).where(and(eq(programs.code, code), eq(programs.tenantId, "licheng"))))[0].id;
  bookingProgramId = await byCode(VENUE_BOOKING_KEY);
  volunteerProgramId = await byCode(VOLUNTEER_KEY);
});
afterAll(() => handle?.close());

describe("quanzhou: enabled for 鲤城区 only", () => {
  it("the demo installs its programs in 鲤城区 alone and switches it on there", async () => {
    const rows = await handle.db.select({ tenantId: programs.tenantId }).from(programs).where(eq(programs.pluginId, "quanzhou"));
    expect(rows.map((r) => r.tenantId).sort()).toEqual(["licheng", "licheng"]);
    const open = (await listOpenPrograms(handle.db, worker)).map((p) => p.id);
    expect(open).toEqual(expect.arrayContaining([bookingProgramId, volunteerProgramId]));
    expect((await listPluginPagesFor(handle.db, worker)).map((p) => p.path)).toEqual(["/p/quanzhou/venues", "/p/quanzhou/points"]);
  });

  it("shows nothing to a 湖里 worker: no program (even one installed in 湖里), no page, no submission", async () => {
    // A copy installed in 湖里 itself, where the plugin is not switched on.
    const huliCopy = (await installProgramTemplate(handle.db, getProgramTemplate(VENUE_BOOKING_KEY)!, "huli")).programId;
    const open = (await listOpenPrograms(handle.db, huliWorker)).map((p) => p.id);
    expect(open).not.toContain(huliCopy);
    expect(open).not.toContain(bookingProgramId);
    expect(await getProgramForApply(handle.db, huliWorker, huliCopy)).toBeUndefined();
    expect(await getProgramForApply(handle.db, huliWorker, bookingProgramId)).toBeUndefined();
    await expect(submitApplication(handle.db, huliWorker, huliCopy, booking("kaiyuan-hall", addDays(today(), 1), "eve"), "huli-try-booking", "zh")).rejects.toMatchObject({ code: "caseNotFound" });
    expect(await listPluginPagesFor(handle.db, huliWorker)).toEqual([]);
    for (const name of ["venues", "points"]) {
      expect(await refused(loadPluginPage(handle.db, huliWorker, "quanzhou", name))).toMatchObject({ code: "pageNotFound", status: 404 });
    }
    expect(await refused(runPluginPageAction(handle.db, huliWorker, "quanzhou", "points", "redeem", { giftId: "qz-bag", requestKey: "huli-redeem-1" }))).toMatchObject({ status: 404 });
  });
});

describe("共享职工之家 booking", () => {
  it(`${BURST} members booking the same room and slot at once: exactly one booked, the others told the slot is taken`, { timeout: 120_000 }, async () => {
    const members = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const row = await createUser(handle.db, { name: `会员${i}`, mobile: `1370000${String(i).padStart(4, "0")}`, password: "Niangjia@2026", orgId: "ky-fuwu", roles: [{ role: "member" }] });
        return (await loadSessionUser(handle.db, row.id))!;
      }),
    );
    const date = addDays(today(), 2);
    const results = await Promise.allSettled(members.map((m) => book(m, booking("kaiyuan-hall", date, "eve"))));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(BURST - 1);
    for (const err of lost) {
      expect(err).toBeInstanceOf(PluginRefusal);
      expect(err).toMatchObject({ code: "slotTaken", status: 409, messageZh: "该时段已被他人预约，请选择其他时段或活动室", messageEn: "This slot has already been booked by someone else; choose another slot or room" });
      expect((err as PluginRefusal).fieldErrors?.slot).toContain("已被他人预约");
    }
    const held = await handle.db.select().from(qzBookings).where(and(eq(qzBookings.roomId, "kaiyuan-hall"), eq(qzBookings.day, date), eq(qzBookings.slotCode, "eve"), isNull(qzBookings.cancelledAt)));
    expect(held).toHaveLength(1);
    // The refused ones left no case behind.
    const made = await handle.db.select({ id: cases.id }).from(cases).where(eq(cases.programId, bookingProgramId));
    expect(made.map((c) => c.id)).toContain(held[0].id);
    const burstCases = await handle.db.select({ id: cases.id }).from(cases).where(sql`${cases.programId} = ${bookingProgramId} and ${cases.applicantId} in (select id from users where mobile like '1370000%')`);
    expect(burstCases).toHaveLength(1);
  });

  it("books at once at 开元 (auto-confirmed), shows as mine/taken, a cancellation frees the slot for the next member", async () => {
    const date = addDays(today(), 3);
    const mine = await book(worker, booking("kaiyuan-reading", date, "pm"));
    await drainJobs(handle.db);
    expect((await getCaseView(handle.db, worker, mine.caseId)).status).toBe("approved");
    const [row] = await handle.db.select().from(qzBookings).where(eq(qzBookings.id, mine.caseId));
    expect(row).toMatchObject({ status: "confirmed", userId: worker.id, day: date, slotCode: "pm" });

    const page = await venuesPage(worker, { venue: "kaiyuan-home", date });
    expect(page.rooms.find((r) => r.id === "kaiyuan-reading")?.cells.find((c) => c.slot === "pm")?.state).toBe("mine");
    expect(page.myBookings.find((b) => b.id === mine.caseId)).toMatchObject({ status: "confirmed", canCheckIn: false, cancelUntil: expect.any(String) });
    expect(page.bookProgramId).toBe(bookingProgramId);
    const other = (await handle.db.select({ id: users.id }).from(users).where(eq(users.mobile, "13700000001")))[0];
    const member = (await loadSessionUser(handle.db, other.id))!;
    expect((await venuesPage(member, { venue: "kaiyuan-home", date })).rooms.find((r) => r.id === "kaiyuan-reading")?.cells.find((c) => c.slot === "pm")?.state).toBe("taken");
    expect(await refused(book(member, booking("kaiyuan-reading", date, "pm")))).toMatchObject({ code: "slotTaken" });

    // Too late: within 2 hours of the start.
    const startsAt = beijingInstant(date, "14:30");
    expect(await refused(runPluginPageAction(handle.db, worker, "quanzhou", "venues", "cancel", { bookingId: mine.caseId }, "zh", new Date(startsAt.getTime() - 60 * 60_000)))).toMatchObject({
      code: "tooLateToCancel",
      messageZh: "开始前 2 小时内不能取消预约",
    });
    // Someone else's booking is not theirs to cancel.
    expect(await refused(runPluginPageAction(handle.db, member, "quanzhou", "venues", "cancel", { bookingId: mine.caseId }))).toMatchObject({ code: "bookingNotFound", status: 404 });

    // The portal's case page offers 取消 too, but not once the deadline has passed.
    expect(await mayCancelEnrolment(handle.db, worker, mine.caseId)).toBe(true);
    expect(await mayCancelEnrolment(handle.db, worker, mine.caseId, new Date(startsAt.getTime() - 60 * 60_000))).toBe(false);
    const done = await runPluginPageAction(handle.db, worker, "quanzhou", "venues", "cancel", { bookingId: mine.caseId });
    expect(done?.message?.zh).toContain("已取消");
    expect((await handle.db.select().from(qzBookings).where(eq(qzBookings.id, mine.caseId)))[0]).toMatchObject({ status: "cancelled", cancelledAt: expect.any(Date) });
    // The booking's case ends with it: 已撤回, with 取消 on its timeline.
    const cancelled = await getCaseView(handle.db, worker, mine.caseId);
    expect(cancelled.status).toBe("withdrawn");
    expect(cancelled.timeline.map((e) => e.action)).toContain("cancel");
    const next = await book(member, booking("kaiyuan-reading", date, "pm"));
    await drainJobs(handle.db);
    expect((await getCaseView(handle.db, member, next.caseId)).status).toBe("approved");
    expect(await refused(runPluginPageAction(handle.db, worker, "quanzhou", "venues", "cancel", { bookingId: mine.caseId }))).toMatchObject({ code: "notCancellable" });
  });

  it("the venue's rules are data: too far ahead, too many people, at most 2 open bookings, a room or slot the venue lacks", async () => {
    expect(await refused(book(worker, booking("kaiyuan-hall", addDays(today(), 15), "am")))).toMatchObject({ code: "tooFarAhead", status: 422, fieldErrors: { date: expect.stringContaining("14") } });
    expect(await refused(book(worker, booking("kaiyuan-fitness", addDays(today(), 4), "am", { attendees: 16 })))).toMatchObject({ code: "overCapacity" });
    const a = await book(worker, booking("kaiyuan-fitness", addDays(today(), 4), "am"));
    const b = await book(worker, booking("kaiyuan-fitness", addDays(today(), 5), "am"));
    expect(await refused(book(worker, booking("kaiyuan-fitness", addDays(today(), 6), "am")))).toMatchObject({ code: "tooManyOpen", messageEn: expect.stringContaining("2 upcoming") });
    // 鲤城区职工服务中心 has no evening slot and is closed on Mondays.
    expect(await refused(book(worker, booking("licheng-studio", nextDay((w) => w !== 1), "eve")))).toMatchObject({ code: "slotUnknown", fieldErrors: { slot: expect.any(String) } });
    expect(await refused(book(worker, booking("licheng-studio", nextDay((w) => w === 1), "am")))).toMatchObject({ code: "closedThatDay" });
    // Withdrawing a booking case gives its slot back (release hook).
    await drainJobs(handle.db);
    for (const c of [a, b]) await runPluginPageAction(handle.db, worker, "quanzhou", "venues", "cancel", { bookingId: c.caseId });
  });

  it("鲤城区职工服务中心 wants the street union's approval: pending until 庄雅婷 approves; a rejection or a withdrawal frees the slot", async () => {
    const day = nextDay((w) => w !== 1);
    const first = await book(worker, booking("licheng-meeting", day, "am"));
    await drainJobs(handle.db);
    expect((await handle.db.select().from(qzBookings).where(eq(qzBookings.id, first.caseId)))[0].status).toBe("pending");
    const task = (await listMyTasks(handle.db, approver)).find((t) => t.caseId === first.caseId);
    expect(task).toBeDefined();
    expect((await getCaseView(handle.db, approver, first.caseId)).variables).toMatchObject({ needsApproval: true, venueName: "鲤城区职工服务中心", roomName: "会议室" });
    await decideTask(handle.db, approver, task!.taskId, { action: "reject", comment: "当天有区总活动" });
    expect((await handle.db.select().from(qzBookings).where(eq(qzBookings.id, first.caseId)))[0]).toMatchObject({ status: "released" });

    const second = await book(worker, booking("licheng-meeting", day, "am"));
    await drainJobs(handle.db);
    await withdrawCase(handle.db, worker, second.caseId);
    expect((await handle.db.select().from(qzBookings).where(eq(qzBookings.id, second.caseId)))[0]).toMatchObject({ status: "released" });

    const third = await book(worker, booking("licheng-meeting", day, "am"));
    await drainJobs(handle.db);
    const t3 = (await listMyTasks(handle.db, approver)).find((t) => t.caseId === third.caseId)!;
    await decideTask(handle.db, approver, t3.taskId, { action: "approve", comment: "" });
    await drainJobs(handle.db);
    expect((await getCaseView(handle.db, worker, third.caseId)).status).toBe("approved");
    expect((await handle.db.select().from(qzBookings).where(eq(qzBookings.id, third.caseId)))[0].status).toBe("confirmed");
  });

  it("check-in during the slot earns the venue's points once", async () => {
    const date = addDays(today(), 1);
    const c = await book(worker, booking("kaiyuan-hall", date, "am"));
    await drainJobs(handle.db);
    const startsAt = beijingInstant(date, "09:00");
    const before = await balanceOf(worker.id);
    expect(await refused(runPluginPageAction(handle.db, worker, "quanzhou", "venues", "checkIn", { bookingId: c.caseId }, "zh", new Date(startsAt.getTime() - 60 * 60_000)))).toMatchObject({ code: "checkInClosed", messageZh: "签到时间为 08:30–11:30" });
    const during = new Date(startsAt.getTime() + 10 * 60_000);
    expect((await venuesPage(worker, {}, during)).myBookings.find((b) => b.id === c.caseId)?.canCheckIn).toBe(true);
    const ok = await runPluginPageAction(handle.db, worker, "quanzhou", "venues", "checkIn", { bookingId: c.caseId }, "zh", during);
    expect(ok?.message?.zh).toBe("签到成功，获得 5 积分");
    expect(await balanceOf(worker.id)).toBe(before + 5);
    expect(await refused(runPluginPageAction(handle.db, worker, "quanzhou", "venues", "checkIn", { bookingId: c.caseId }, "zh", during))).toMatchObject({ code: "notCheckInable" });
    expect(await balanceOf(worker.id)).toBe(before + 5);
  });
});

describe("会员积分 points", () => {
  it("志愿服务 approved → quanzhou.awardPoints: 10 an hour from the rules table, once even when the job runs again", async () => {
    const before = await balanceOf(worker.id);
    const c = await submitApplication(handle.db, worker, volunteerProgramId, { activity: "开元寺周边文明劝导", activityDate: today(), hours: 3.5, organizer: "开元街道总工会" }, "qz-volunteer-1", "zh");
    const task = (await listMyTasks(handle.db, approver)).find((t) => t.caseId === c.caseId)!;
    await decideTask(handle.db, approver, task.taskId, { action: "approve", comment: "" });
    await drainJobs(handle.db);
    const view = await getCaseView(handle.db, worker, c.caseId);
    expect(view.status).toBe("approved");
    expect(view.variables).toMatchObject({ pointsAwarded: 35, pointsBalance: before + 35 });
    // A retried job (same case) awards nothing more.
    const again = await awardPoints({ db: handle.db, tenantId: "licheng", caseId: c.caseId, programCode: VOLUNTEER_KEY, applicantId: worker.id, nodeId: "Award", jobKey: "retry", data: { hours: 3.5 }, variables: {}, payload: null });
    expect(again.pointsAwarded).toBe(35);
    expect(await balanceOf(worker.id)).toBe(before + 35);
    expect(await ledgerSum(worker.id)).toBe(await balanceOf(worker.id));
    // Capped at 80 per activity; a program without its own rule gets the catch-all 5.
    expect((await awardPoints({ db: handle.db, tenantId: "licheng", caseId: "00000000-0000-0000-0000-00000000cap1", programCode: VOLUNTEER_KEY, applicantId: worker.id, nodeId: "Award", jobKey: "k1", data: { hours: 12 }, variables: {}, payload: null })).pointsAwarded).toBe(80);
    expect((await awardPoints({ db: handle.db, tenantId: "licheng", caseId: "00000000-0000-0000-0000-00000000any1", programCode: "some-studio-program", applicantId: worker.id, nodeId: "Award", jobKey: "k2", data: {}, variables: {}, payload: null })).pointsAwarded).toBe(5);
  });

  it("我的积分 shows the balance, the ledger (newest first) and the catalogue; a redemption takes points and stock and gives a pickup code", async () => {
    const page = await pointsPage(worker);
    expect(page.balance).toBe(await balanceOf(worker.id));
    expect(page.ledger.map((l) => l.at)).toEqual(page.ledger.map((l) => l.at).sort().reverse());
    expect(page.ledger.map((l) => [l.delta, l.reason])).toEqual(expect.arrayContaining([[35, "志愿服务"], [80, "志愿服务"], [5, "完成工会项目"], [5, "场馆签到：开元街道职工之家"]]));
    expect(page.gifts.map((g) => g.id)).toEqual(["qz-bag", "qz-movie", "qz-cup", "qz-checkup"]);
    expect(page.ways.map((w) => w.reason)).toEqual(expect.arrayContaining(["志愿服务", "场馆签到：开元街道职工之家"]));

    const [cup] = await handle.db.select().from(qzGifts).where(eq(qzGifts.id, "qz-cup"));
    const result = await runPluginPageAction(handle.db, worker, "quanzhou", "points", "redeem", { giftId: "qz-cup", requestKey: "redeem-cup-0001" });
    expect(result?.message?.zh).toMatch(/^兑换成功：娘家人定制保温杯，领取码 \d{6}/);
    const again = await runPluginPageAction(handle.db, worker, "quanzhou", "points", "redeem", { giftId: "qz-cup", requestKey: "redeem-cup-0001" });
    expect(again?.data).toEqual(result?.data);
    expect(await balanceOf(worker.id)).toBe(page.balance - 120);
    expect((await handle.db.select().from(qzGifts).where(eq(qzGifts.id, "qz-cup")))[0].stock).toBe(cup.stock - 1);
    expect(await ledgerSum(worker.id)).toBe(await balanceOf(worker.id));
    const after = await pointsPage(worker);
    expect(after.redemptions[0]).toMatchObject({ gift: "娘家人定制保温杯", points: 120 });
    expect(after.ledger.find((l) => l.delta < 0)).toMatchObject({ delta: -120, reason: "兑换：娘家人定制保温杯", balanceAfter: page.balance - 120 });
    expect(await refused(runPluginPageAction(handle.db, worker, "quanzhou", "points", "redeem", { giftId: "qz-checkup", requestKey: "redeem-big-0001" }))).toMatchObject({ code: "notEnoughPoints", messageZh: expect.stringContaining("积分不足") });
  });

  it("two redemptions racing for the last points: one succeeds, the other is told there are not enough; never below zero", async () => {
    const member = await userByMobile("13700000002");
    await handle.db.transaction(async (tx) => {
      const { changePoints } = await import("../plugins/quanzhou/points/changePoints");
      await changePoints(tx, { tenantId: "licheng", userId: member.id, delta: 30, sourceKey: "test-grant-13700000002", reason: "测试", reasonEn: "test", at: new Date() });
    });
    const [bag] = await handle.db.select().from(qzGifts).where(eq(qzGifts.id, "qz-bag"));
    const results = await Promise.allSettled(["race-a-000001", "race-b-000001"].map((key) => runPluginPageAction(handle.db, member, "quanzhou", "points", "redeem", { giftId: "qz-bag", requestKey: key })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: "notEnoughPoints", messageZh: "积分不足：需要 30 分，当前余额 0 分", messageEn: "Not enough points: 30 needed, 0 available" });
    expect(await balanceOf(member.id)).toBe(0);
    expect(await ledgerSum(member.id)).toBe(0);
    expect((await handle.db.select().from(qzGifts).where(eq(qzGifts.id, "qz-bag")))[0].stock).toBe(bag.stock - 1);
  });

  it("the database keeps the ledger append-only and balances non-negative", async () => {
    await expect(handle.db.update(qzPointLedger).set({ delta: 999 }).where(eq(qzPointLedger.userId, worker.id))).rejects.toThrow();
    await expect(handle.db.delete(qzPointLedger).where(eq(qzPointLedger.userId, worker.id))).rejects.toThrow();
    await expect(handle.db.update(qzMembers).set({ balance: -1 }).where(eq(qzMembers.userId, worker.id))).rejects.toThrow();
    expect(await ledgerSum(worker.id)).toBe(await balanceOf(worker.id));
  });
});
