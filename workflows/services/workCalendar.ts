import { and, eq, like } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { calendarDays } from "../../db/schema";
import { parseIsoDate } from "../../forms/calendarDate";
import { CaseCommandError } from "../runtime/errors";
import { hasRole, type SessionUser } from "./identity";

/** One day off (法定节假日) or one 调休 working weekend day, with what it is for. */
export type CalendarEntry = { date: string; name: string };

export type WorkCalendarYear = { year: number; holidays: CalendarEntry[]; workdays: CalendarEntry[] };

const entry = z.strictObject({
  date: z.string().max(10),
  name: z.string().trim().max(20, "名称最多20个字 / at most 20 characters").default(""),
});
const yearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(entry).max(40, "节假日最多40天 / at most 40 holidays"),
  workdays: z.array(entry).max(15, "调休上班日最多15天 / at most 15 working weekend days"),
});

function invalid(fieldErrors: Record<string, string>): CaseCommandError {
  return new CaseCommandError("invalidData", "节假日安排有误，请修改后再保存", "Some days are invalid; please correct them", 422, fieldErrors);
}

function requireAdmin(user: SessionUser): void {
  if (!hasRole(user, "admin")) throw new CaseCommandError("forbidden", "只有管理员可以设置节假日", "Only admins may set holidays", 403);
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The district's holidays and 调休 working days of one year, by date. */
export async function getWorkCalendar(db: Db, admin: SessionUser, year: number): Promise<WorkCalendarYear> {
  requireAdmin(admin);
  const rows = await db.select().from(calendarDays).where(and(eq(calendarDays.tenantId, admin.tenantId), like(calendarDays.date, `${year}-%`))).orderBy(calendarDays.date);
  const pick = (kind: "holiday" | "workday") => rows.filter((r) => r.kind === kind).map((r) => ({ date: r.date, name: r.name }));
  return { year, holidays: pick("holiday"), workdays: pick("workday") };
}

/**
 * Save one year as a whole (SLA due dates count working days by it from the next step on): every
 * problem comes back keyed by row (`holidays.2.date`); nothing changes unless all is valid.
 */
export async function saveWorkCalendar(db: Db, admin: SessionUser, input: unknown): Promise<WorkCalendarYear> {
  requireAdmin(admin);
  const parsed = yearSchema.safeParse(input);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "_form", /[\u4e00-\u9fff]/.test(i.message) ? i.message : `格式不正确 / ${i.message}`])));
  const { year, holidays, workdays } = parsed.data;
  const errors: Record<string, string> = {};
  const seen = new Map<string, string>();
  const check = (list: CalendarEntry[], kind: "holidays" | "workdays") =>
    list.forEach((e, i) => {
      const at = `${kind}.${i}.date`;
      const date = parseIsoDate(e.date);
      if (!date) errors[at] = "请填写有效日期 / enter a valid date";
      else if (date.year !== year) errors[at] = `日期须在${year}年内 / the date must be in ${year}`;
      else if (seen.has(e.date)) errors[at] = `${e.date} 重复录入 / ${e.date} is listed twice`;
      else if (kind === "workdays" && weekday(e.date) !== 0 && weekday(e.date) !== 6) errors[at] = "调休上班日应为周六或周日 / a 调休 working day must be a Saturday or Sunday";
      seen.set(e.date, kind);
    });
  check(holidays, "holidays");
  check(workdays, "workdays");
  if (Object.keys(errors).length) throw invalid(errors);
  await db.transaction(async (tx) => {
    await tx.delete(calendarDays).where(and(eq(calendarDays.tenantId, admin.tenantId), like(calendarDays.date, `${year}-%`)));
    const rows = [...holidays.map((e) => ({ ...e, kind: "holiday" as const })), ...workdays.map((e) => ({ ...e, kind: "workday" as const }))];
    if (rows.length) await tx.insert(calendarDays).values(rows.map((r) => ({ tenantId: admin.tenantId, date: r.date, kind: r.kind, name: r.name })));
    await appendAudit(tx, { tenantId: admin.tenantId, stream: `calendar:${admin.tenantId}`, caseId: null, actorId: admin.id, action: "calendar.saved", nodeId: null, comment: null, detail: { year, holidays: holidays.length, workdays: workdays.length }, at: new Date().toISOString() });
  });
  return getWorkCalendar(db, admin, year);
}
