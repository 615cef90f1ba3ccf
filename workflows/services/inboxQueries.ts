import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, programs, tasks, users } from "../../db/schema";
import type { SessionUser } from "./identity";

/** 已办: tasks the caller decided or handed on, newest first. */
export async function listMyDoneTasks(db: Db, user: SessionUser, limit = 200) {
  return db
    .select({
      taskId: tasks.id,
      taskName: tasks.name,
      outcome: tasks.outcome,
      completedAt: tasks.completedAt,
      caseId: cases.id,
      caseNo: cases.caseNo,
      caseStatus: cases.status,
      data: cases.data,
      applicantName: users.name,
      programId: programs.id,
      programName: programs.name,
      programNameEn: programs.nameEn,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(users, eq(users.id, cases.applicantId))
    .innerJoin(programs, eq(programs.id, cases.programId))
    .where(and(eq(tasks.assigneeId, user.id), eq(tasks.status, "done")))
    .orderBy(desc(tasks.completedAt))
    .limit(limit);
}

export type Searchable = { caseNo: string; applicantName: string; programId?: string; data?: unknown };

/**
 * Inbox search: every word must appear in the case number, the applicant's name or one of the
 * form's values (e.g. an employer or a school), case-insensitively.
 */
export function matchesSearch(row: Searchable, query: string, programId?: string): boolean {
  if (programId && row.programId !== programId) return false;
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [row.caseNo, row.applicantName, ...formValues(row.data)].join("\n").toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function formValues(data: unknown): string[] {
  if (data === null || data === undefined) return [];
  if (typeof data === "string" || typeof data === "number") return [String(data)];
  if (Array.isArray(data)) return data.flatMap(formValues);
  if (typeof data === "object") return Object.values(data as Record<string, unknown>).flatMap(formValues);
  return [];
}
