import { and, eq, inArray, isNull, lt, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";
import type { FileStore } from "../../db/fileStore";
import { cases, drafts, files, programs } from "../../db/schema";
import { FINISHED_STATUSES, transitionCase } from "../runtime/transitionCase";

/** Uploads never submitted with an application, and no longer in anyone's draft, go after this long. */
export const ORPHAN_UPLOAD_DAYS = 30;

export type ExpiredCase = { caseId: string; caseNo: string; tenantId: string; programName: string; finishedAt: string; retentionYears: number };

export type RetentionRun = { dryRun: boolean; purged: ExpiredCase[]; orphanUploads: number; blobsRemoved: number };

type Blob = { tenantId: string; sha256: string };

function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/** Finished cases kept longer than their program's retention period (资料保存期限), oldest first. */
export async function expiredCases(db: Db, now: Date): Promise<ExpiredCase[]> {
  const kept = await db
    .select({ id: programs.id, name: programs.name, years: sql<number | null>`(${programs.settings} ->> 'retentionYears')::int` })
    .from(programs)
    .where(sql`${programs.settings} ->> 'retentionYears' is not null`);
  const expired: ExpiredCase[] = [];
  for (const program of kept) {
    if (!program.years || program.years < 1) continue;
    const rows = await db
      .select({ caseId: cases.id, caseNo: cases.caseNo, tenantId: cases.tenantId, finishedAt: cases.updatedAt })
      .from(cases)
      .where(and(eq(cases.programId, program.id), inArray(cases.status, [...FINISHED_STATUSES]), isNull(cases.purgedAt), lt(cases.updatedAt, yearsBefore(now, program.years))))
      .orderBy(cases.updatedAt);
    expired.push(...rows.map((r) => ({ ...r, programName: program.name, finishedAt: r.finishedAt.toISOString(), retentionYears: program.years! })));
  }
  return expired;
}

/** Bytes no file row names any more (identical uploads share them, so another row may still need them). */
async function removeUnreferencedBlobs(db: Db, store: FileStore, blobs: Blob[]): Promise<number> {
  let removed = 0;
  const unique = new Map(blobs.map((b) => [`${b.tenantId}/${b.sha256}`, b]));
  for (const blob of unique.values()) {
    const [still] = await db.select({ id: files.id }).from(files).where(and(eq(files.tenantId, blob.tenantId), eq(files.sha256, blob.sha256))).limit(1);
    if (still) continue;
    await store.remove(blob.tenantId, blob.sha256);
    removed++;
  }
  return removed;
}

/**
 * The retention sweep: each finished case past its program's retention period loses its form
 * data and files (one purge transition each, with its audit row; the case record and its
 * history stay), and uploads that never became part of an application are removed after
 * ORPHAN_UPLOAD_DAYS. A dry run only reports what would go.
 */
export async function runRetention(db: Db, store: FileStore, options: { now?: Date; dryRun?: boolean } = {}): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const purged = await expiredCases(db, now);
  const orphanCutoff = new Date(now.getTime() - ORPHAN_UPLOAD_DAYS * 86_400_000);
  const orphanWhere = and(
    isNull(files.caseId),
    lt(files.createdAt, orphanCutoff),
    notExists(db.select({ one: sql`1` }).from(drafts).where(and(eq(drafts.userId, files.ownerId), eq(drafts.programId, files.programId)))),
  );
  if (dryRun) {
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(files).where(orphanWhere);
    return { dryRun, purged, orphanUploads: Number(n), blobsRemoved: 0 };
  }
  const freed: Blob[] = [];
  for (const c of purged) {
    freed.push(...(await db.select({ tenantId: files.tenantId, sha256: files.sha256 }).from(files).where(eq(files.caseId, c.caseId))));
    await transitionCase(db, { kind: "purge", caseId: c.caseId, retentionYears: c.retentionYears }, () => now);
  }
  const orphans = await db.transaction(async (tx) => {
    const removed = await tx.delete(files).where(orphanWhere).returning({ tenantId: files.tenantId, sha256: files.sha256 });
    for (const tenantId of new Set(removed.map((o) => o.tenantId))) {
      const count = removed.filter((o) => o.tenantId === tenantId).length;
      await appendAudit(tx, { tenantId, stream: "retention", caseId: null, actorId: null, action: "files.orphans_removed", nodeId: null, comment: null, detail: { count, olderThanDays: ORPHAN_UPLOAD_DAYS }, at: now.toISOString() });
    }
    return removed;
  });
  freed.push(...orphans);
  return { dryRun, purged, orphanUploads: orphans.length, blobsRemoved: await removeUnreferencedBlobs(db, store, freed) };
}

/** The app process sweeps once a day (first a minute after boot), so no operator has to remember to. */
export function startRetentionSweep(db: Db, store: () => Promise<FileStore>, intervalMs = 86_400_000) {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = running
      .then(async () => {
        const run = await runRetention(db, await store());
        if (run.purged.length || run.orphanUploads) console.log(`retention: purged ${run.purged.length} case(s), removed ${run.orphanUploads} unsubmitted upload(s)`);
      })
      .catch((err) => console.error("retention sweep:", err));
  };
  const first = setTimeout(sweep, Math.min(60_000, intervalMs));
  const timer = setInterval(sweep, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
