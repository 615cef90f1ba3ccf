import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, programs, tasks, users } from "../../db/schema";
import type { SessionUser } from "./identity";
import { sealedHashes } from "../../db/caseData";
import { isSealed, lookupHash } from "../../db/sealedValue";
import { sensitiveQueryForms } from "../../forms/sensitiveFields";

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
 * form's values (e.g. an employer or a school), case-insensitively. A whole 身份证号, 手机号 or
 * 银行卡号 is found through the keyed hash stored beside its sealed value (no decryption, and
 * no partial match on them).
 */
export function matchesSearch(row: Searchable, query: string, programId?: string): boolean {
  if (programId && row.programId !== programId) return false;
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [row.caseNo, row.applicantName, ...formValues(row.data)].join("\n").toLowerCase();
  let hashes: Set<string> | undefined;
  const hashed = (w: string) => (hashes ??= sealedHashes(row.data)).size > 0 && hashesOfWord(w).some((h) => hashes!.has(h));
  return words.every((w) => haystack.includes(w) || hashed(w));
}

const wordHashes = new Map<string, string[]>();

/** The lookup hashes a search word would have as each sensitive type (cached: one query runs over many rows). */
function hashesOfWord(word: string): string[] {
  let found = wordHashes.get(word);
  if (!found) {
    found = sensitiveQueryForms(word).map(lookupHash);
    if (wordHashes.size > 500) wordHashes.clear();
    wordHashes.set(word, found);
  }
  return found;
}

function formValues(data: unknown): string[] {
  if (data === null || data === undefined || isSealed(data)) return [];
  if (typeof data === "string" || typeof data === "number") return [String(data)];
  if (Array.isArray(data)) return data.flatMap(formValues);
  if (typeof data === "object") return Object.values(data as Record<string, unknown>).flatMap(formValues);
  return [];
}
