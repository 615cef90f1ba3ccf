import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, programVersions, tasks } from "../../db/schema";
import { alreadyHandled, CaseCommandError, caseNotFound } from "../runtime/errors";
import { transitionCase } from "../runtime/transitionCase";
import type { SessionUser } from "./identity";

/** Whether the task's node (in the case's pinned flow definition) allows 批量审批. */
export const nodeAllowsBulkOf = sql<boolean | null>`((${programVersions.flowDefinition} -> 'nodes' -> ${tasks.nodeId} -> 'approval' -> 'allowBulk') = 'true'::jsonb)`;

/** More than a screenful of ticks is a mistake, and each one is its own transaction. */
export const BULK_MAX = 200;

export type BulkFailure = { taskId: string; caseNo: string; code: string; message: string; messageEn: string };
export type BulkResult = { approved: { taskId: string; caseId: string; caseNo: string }[]; failed: BulkFailure[] };

const notBulk = () => new CaseCommandError("rejectedByFlow", "此环节不允许批量审批，请逐件办理", "This step does not allow bulk approval; decide it on its own", 422);

/**
 * 批量同意: approve several of the caller's tasks with one shared comment. Each case goes through
 * transitionCase on its own, so one that fails (handled by someone else meanwhile, claimed by a
 * colleague, a node without niangjia:allowBulk) is reported and the others stay approved.
 */
export async function bulkApprove(db: Db, user: SessionUser, taskIds: string[], comment: string): Promise<BulkResult> {
  const ids = [...new Set(taskIds)];
  if (ids.length === 0 || ids.length > BULK_MAX) {
    throw new CaseCommandError("invalidData", `请勾选 1 到 ${BULK_MAX} 件待办`, `Tick between 1 and ${BULK_MAX} tasks`, 422, { taskIds: `请勾选 1 到 ${BULK_MAX} 件待办 / Tick between 1 and ${BULK_MAX} tasks` });
  }
  const note = comment.trim().slice(0, 2000) || undefined;
  const wellFormed = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const rows = wellFormed.length
    ? await db
        .select({ id: tasks.id, caseId: tasks.caseId, nodeId: tasks.nodeId, status: tasks.status, caseNo: cases.caseNo, allowBulk: nodeAllowsBulkOf })
        .from(tasks)
        .innerJoin(cases, eq(cases.id, tasks.caseId))
        .innerJoin(programVersions, eq(programVersions.id, cases.programVersionId))
        .where(and(inArray(tasks.id, wellFormed), eq(tasks.assigneeId, user.id)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const result: BulkResult = { approved: [], failed: [] };
  for (const id of ids) {
    const task = byId.get(id);
    try {
      if (!task) throw caseNotFound();
      if (task.status !== "open") throw alreadyHandled();
      if (task.allowBulk !== true) throw notBulk();
      await transitionCase(db, { kind: "event", caseId: task.caseId, actorId: user.id, event: { type: "APPROVE", nodeId: task.nodeId, by: user.id, comment: note, bulk: true } });
      result.approved.push({ taskId: id, caseId: task.caseId, caseNo: task.caseNo });
    } catch (err) {
      if (!(err instanceof CaseCommandError)) throw err;
      result.failed.push({ taskId: id, caseNo: task?.caseNo ?? "", code: err.code, message: err.messageZh, messageEn: err.messageEn });
    }
  }
  return result;
}
