import { inArray } from "drizzle-orm";
import type { Queryable } from "./client";
import { calendarDays } from "./schema";

/** Holidays and 调休 working days that apply to a tenant (its own plus the global '*' ones). */
export async function loadWorkCalendar(db: Queryable, tenantId: string): Promise<{ holidays: string[]; workdays: string[] }> {
  const rows = await db.select().from(calendarDays).where(inArray(calendarDays.tenantId, ["*", tenantId]));
  return {
    holidays: rows.filter((r) => r.kind === "holiday").map((r) => r.date),
    workdays: rows.filter((r) => r.kind === "workday").map((r) => r.date),
  };
}
