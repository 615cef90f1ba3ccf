import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestFileStore, installUploadProgram, pngOf } from "./support/uploadProgram";
import { auditLog, cases, files } from "../db/schema";
import { getFileStore } from "../db/fileStore";
import { verifyAuditChain } from "../db/audit";
import { decideTask, getCaseView, listMyTasks, submitApplication } from "../workflows/services/cases";
import { uploadFile } from "../workflows/services/files";
import { updateProgramSettings } from "../workflows/services/programSettingsAdmin";
import { runRetention } from "../workflows/services/retention";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let cleanup: () => void;
let programId: string;
let worker: SessionUser;
let approver: SessionUser;
const DAY = 86_400_000;

beforeAll(async () => {
  demo = await createDemoDb();
  cleanup = installTestFileStore(demo);
  programId = await installUploadProgram(demo.db, "retention");
  worker = await demo.userByMobile("13900000001");
  approver = await demo.userByMobile("13800000001");
  await updateProgramSettings(demo.db, await demo.userByMobile("13800000000"), programId, { retentionYears: 2 });
});
afterAll(async () => {
  cleanup();
  await demo.close();
});

let seq = 0;
async function upload(colour: [number, number, number]) {
  const bytes = pngOf(8, 8, colour);
  return uploadFile(demo.db, await getFileStore(), worker, { programId, fieldKey: "photos" }, async () => ({ ok: true, name: "证件.png", bytes }), "zh");
}
async function apply(decide: boolean, colour: [number, number, number]) {
  const photo = await upload(colour);
  const { caseId } = await submitApplication(demo.db, worker, programId, { name: "赵小明", age: 35, photos: [photo.id] }, `retention-${++seq}-${Date.now()}`, "zh");
  if (decide) {
    const task = (await listMyTasks(demo.db, approver)).find((t) => t.caseId === caseId)!;
    await decideTask(demo.db, approver, task.taskId, { action: "approve", comment: "同意" });
  }
  const [file] = await demo.db.select().from(files).where(eq(files.caseId, caseId));
  return { caseId, file };
}

describe("资料保存期限 (retention)", () => {
  it("removes a finished case's data and files once its program's period is over; the record and its history stay", async () => {
    const finished = await apply(true, [10, 20, 30]);
    const running = await apply(false, [40, 50, 60]);
    const store = await getFileStore();
    const inThreeYears = new Date(Date.now() + 3 * 365 * DAY);

    // Not yet due: nothing happens.
    expect((await runRetention(demo.db, store, { now: new Date(Date.now() + 365 * DAY) })).purged).toEqual([]);

    const dry = await runRetention(demo.db, store, { now: inThreeYears, dryRun: true });
    expect(dry.purged.map((c) => c.caseId)).toEqual([finished.caseId]);
    expect((await getCaseView(demo.db, worker, finished.caseId)).data).toMatchObject({ name: "赵小明" });

    const run = await runRetention(demo.db, store, { now: inThreeYears });
    expect(run.purged.map((c) => [c.caseId, c.retentionYears])).toEqual([[finished.caseId, 2]]);
    expect(run.blobsRemoved).toBe(1);
    const [row] = await demo.db.select().from(cases).where(eq(cases.id, finished.caseId));
    expect(row.data).toEqual({});
    expect(JSON.stringify(row.snapshot)).not.toContain("赵小明");
    expect(row.purgedAt?.toISOString()).toBe(inThreeYears.toISOString());
    expect(row.status).toBe("approved");
    expect(await demo.db.select().from(files).where(eq(files.caseId, finished.caseId))).toEqual([]);
    expect(await store.get(finished.file.tenantId, finished.file.sha256)).toBeNull();

    const view = await getCaseView(demo.db, worker, finished.caseId);
    expect(view.purgedAt).toBe(inThreeYears.toISOString());
    expect(view.timeline.map((e) => e.action)).toEqual(["submit", "approve", "purge"]);
    const [audit] = await demo.db.select().from(auditLog).where(and(eq(auditLog.caseId, finished.caseId), eq(auditLog.action, "purge")));
    expect(audit.detail).toEqual({ retentionYears: 2, files: 1 });
    expect((await verifyAuditChain(demo.db)).problems).toEqual([]);

    // The running case keeps everything; a second sweep finds nothing more to do.
    expect((await getCaseView(demo.db, worker, running.caseId)).data).toMatchObject({ name: "赵小明" });
    expect(await store.get(running.file.tenantId, running.file.sha256)).not.toBeNull();
    expect((await runRetention(demo.db, store, { now: inThreeYears })).purged).toEqual([]);
  });

  it("keeps bytes another application still uses, and removes uploads nobody submitted after 30 days", async () => {
    const store = await getFileStore();
    const shared: [number, number, number] = [70, 80, 90];
    const finished = await apply(true, shared);
    const other = await apply(false, shared); // the same picture, sent again with a running case
    expect(other.file.sha256).toBe(finished.file.sha256);
    const orphan = await upload([1, 2, 3]);
    const [orphanRow] = await demo.db.select().from(files).where(eq(files.id, orphan.id));

    const later = new Date(Date.now() + 3 * 365 * DAY);
    const run = await runRetention(demo.db, store, { now: later });
    expect(run.purged.map((c) => c.caseId)).toEqual([finished.caseId]);
    expect(run.orphanUploads).toBe(1);
    expect(await store.get(other.file.tenantId, other.file.sha256)).not.toBeNull();
    expect(await store.get(orphanRow.tenantId, orphanRow.sha256)).toBeNull();
    expect(await demo.db.select().from(files).where(eq(files.id, orphan.id))).toEqual([]);
    const [audit] = await demo.db.select().from(auditLog).where(eq(auditLog.action, "files.orphans_removed"));
    expect(audit.detail).toEqual({ count: 1, olderThanDays: 30 });
  });
});
