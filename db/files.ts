import { and, count, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { Queryable } from "./client";
import { files } from "./schema";

export type FileRow = typeof files.$inferSelect;

/** What a page needs to show a file: never its hash or owner. */
export type FileMeta = { id: string; name: string; mime: string; size: number };

export function fileMeta(row: Pick<FileRow, "id" | "originalName" | "mime" | "size">): FileMeta {
  return { id: row.id, name: row.originalName, mime: row.mime, size: row.size };
}

/**
 * Of `ids`, the files `ownerId` may put in a submission: their own, in the tenant, and not
 * attached to a case other than `caseId` (a returned case keeps its files).
 */
export async function usableFiles(q: Queryable, ref: { tenantId: string; ownerId: string; caseId?: string | null }, ids: string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  const attachable = ref.caseId ? or(isNull(files.caseId), eq(files.caseId, ref.caseId)) : isNull(files.caseId);
  return q
    .select()
    .from(files)
    .where(and(inArray(files.id, ids), eq(files.ownerId, ref.ownerId), eq(files.tenantId, ref.tenantId), attachable));
}

/** Attach the owner's files to a case (in the case's transaction); returns how many were attached. */
export async function attachFiles(q: Queryable, caseId: string, ownerId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q
    .update(files)
    .set({ caseId })
    .where(and(inArray(files.id, ids), eq(files.ownerId, ownerId), or(isNull(files.caseId), eq(files.caseId, caseId))))
    .returning({ id: files.id });
  return rows.length;
}

export async function filesOfCase(q: Queryable, caseId: string): Promise<FileRow[]> {
  return q.select().from(files).where(eq(files.caseId, caseId));
}

export async function getFile(q: Queryable, id: string): Promise<FileRow | undefined> {
  const [row] = await q.select().from(files).where(eq(files.id, id));
  return row;
}

export async function insertFile(q: Queryable, row: typeof files.$inferInsert): Promise<void> {
  await q.insert(files).values(row);
}

/** How many files a person uploaded since `since` (an upload rate limit). */
export async function uploadsSince(q: Queryable, ownerId: string, since: Date): Promise<number> {
  const [row] = await q.select({ n: count() }).from(files).where(and(eq(files.ownerId, ownerId), gte(files.createdAt, since)));
  return Number(row?.n ?? 0);
}
