import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { refusal } from "./support/refusal";
import { auditLog, tasks } from "../db/schema";
import { submitApplication } from "../workflows/services/cases";
import { getWorkCalendar, saveWorkCalendar } from "../workflows/services/workCalendar";
import { addWorkingDays } from "../workflows/workingDays";
import { chinaToday, formatIsoDate } from "../forms/calendarDate";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser;

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000"); // 王敏, 湖里区总 admin
});
afterAll(() => demo.close());

describe("节假日与调休 (the district's work calendar)", () => {
  it("saves a year as a whole, with an audit row, and gives it back by date", async () => {
    const saved = await saveWorkCalendar(demo.db, admin, {
      year: 2027,
      holidays: [{ date: "2027-10-02", name: "国庆节" }, { date: "2027-10-01", name: "国庆节" }],
      workdays: [{ date: "2027-09-26", name: "国庆节调休" }],
    });
    expect(saved).toEqual({
      year: 2027,
      holidays: [{ date: "2027-10-01", name: "国庆节" }, { date: "2027-10-02", name: "国庆节" }],
      workdays: [{ date: "2027-09-26", name: "国庆节调休" }],
    });
    // Saving the year again replaces it.
    await saveWorkCalendar(demo.db, admin, { year: 2027, holidays: [{ date: "2027-10-01", name: "国庆节" }], workdays: [] });
    expect((await getWorkCalendar(demo.db, admin, 2027)).holidays).toEqual([{ date: "2027-10-01", name: "国庆节" }]);
    const audit = await demo.db.select().from(auditLog).where(eq(auditLog.stream, "calendar:huli"));
    expect(audit.map((a) => a.detail)).toEqual([{ year: 2027, holidays: 2, workdays: 1 }, { year: 2027, holidays: 1, workdays: 0 }]);
  });

  it("refuses bad days beside their row and changes nothing; only admins may set it", async () => {
    const before = await getWorkCalendar(demo.db, admin, 2027);
    const err = await refusal(
      saveWorkCalendar(demo.db, admin, {
        year: 2027,
        holidays: [{ date: "2027-02-30", name: "" }, { date: "2028-01-01", name: "元旦" }, { date: "2027-05-01", name: "劳动节" }],
        workdays: [{ date: "2027-05-01", name: "" }, { date: "2027-05-10", name: "周一不是调休" }],
      }),
    );
    expect(err.status).toBe(422);
    expect(err.fieldErrors).toEqual({
      "holidays.0.date": "请填写有效日期 / enter a valid date",
      "holidays.1.date": "日期须在2027年内 / the date must be in 2027",
      "workdays.0.date": "2027-05-01 重复录入 / 2027-05-01 is listed twice",
      "workdays.1.date": "调休上班日应为周六或周日 / a 调休 working day must be a Saturday or Sunday",
    });
    expect((await refusal(saveWorkCalendar(demo.db, admin, { year: "2027", holidays: "x" }))).status).toBe(422);
    expect(await getWorkCalendar(demo.db, admin, 2027)).toEqual(before);
    const worker = await demo.userByMobile("13900000001");
    expect((await refusal(saveWorkCalendar(demo.db, worker, before))).status).toBe(403);
  });

  it("SLA due times skip the holidays entered", async () => {
    const next = (n: number) => formatIsoDate(chinaToday(new Date(Date.now() + n * 86_400_000)));
    const days = [1, 2, 3, 4, 5, 6, 7].map(next);
    const byYear = new Map<number, string[]>();
    for (const d of days) byYear.set(Number(d.slice(0, 4)), [...(byYear.get(Number(d.slice(0, 4))) ?? []), d]);
    for (const [year, list] of byYear) await saveWorkCalendar(demo.db, admin, { year, holidays: list.map((date) => ({ date, name: "测试假期" })), workdays: [] });

    const programId = await installTestProgram(demo.db, "calendar-sla", singleApprovalBpmn('mode="any"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>', '<niangjia:sla workingDays="1"/>'));
    const at = new Date().toISOString();
    const { caseId } = await submitApplication(demo.db, await demo.userByMobile("13900000001"), programId, { note: "假期后到期" }, `calendar-sla-${Date.now()}`, "zh");
    const [task] = await demo.db.select().from(tasks).where(eq(tasks.caseId, caseId));
    const withHolidays = Date.parse(addWorkingDays(at, 1, { holidays: days, workdays: [] }));
    expect(Math.abs(task.dueAt!.getTime() - withHolidays)).toBeLessThan(60_000);
    expect(task.dueAt!.getTime()).toBeGreaterThan(Date.parse(at) + 7 * 86_400_000);
  });
});
