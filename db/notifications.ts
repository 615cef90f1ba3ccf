import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "./client";
import { cases, notifications, programs, tasks } from "./schema";

/** A person's in-app messages, newest first, with the case and program they are about. */
export async function notificationsOf(q: Queryable, userId: string, limit: number) {
  return q
    .select({
      id: notifications.id,
      templateKey: notifications.templateKey,
      params: notifications.params,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      caseId: notifications.caseId,
      caseNo: cases.caseNo,
      caseStatus: cases.status,
      programName: programs.name,
      programNameEn: programs.nameEn,
      openTaskId: tasks.id,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(programs, eq(programs.id, cases.programId))
    // The recipient's task on the case, while it is open: a task message leads straight to it.
    .leftJoin(tasks, and(eq(tasks.caseId, notifications.caseId), eq(tasks.assigneeId, userId), eq(tasks.status, "open")))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function unreadNotificationCount(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Mark the person's messages read: the given ones, or all when `ids` is undefined. Returns how many changed. */
export async function markNotificationsRead(q: Queryable, userId: string, ids: string[] | undefined, at: Date): Promise<number> {
  const scope = ids ? and(eq(notifications.userId, userId), inArray(notifications.id, ids)) : eq(notifications.userId, userId);
  if (ids && ids.length === 0) return 0;
  const rows = await q.update(notifications).set({ readAt: at }).where(and(scope, isNull(notifications.readAt))).returning({ id: notifications.id });
  return rows.length;
}

export async function notificationById(q: Queryable, id: string) {
  const [row] = await q.select().from(notifications).where(eq(notifications.id, id));
  return row;
}
