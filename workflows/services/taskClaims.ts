import { and, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client";
import { cases, programVersions, tasks, users } from "../../db/schema";
import { caseNotFound } from "../runtime/errors";
import { transitionCase } from "../runtime/transitionCase";
import type { ApprovalMode } from "../types";
import type { SessionUser } from "./identity";
import { openTaskOf } from "./taskActions";

/** Modes where one of the people asked decides for all of them: their shared task can be claimed. */
const ONE_DECIDES: ReadonlySet<ApprovalMode> = new Set(["single", "any"]);

/** Whether a task offered to `poolSize` people at a node of `mode` can be claimed (the engine has the last word). */
export function isClaimable(mode: string | null | undefined, poolSize: number, claimedBy: string | null): boolean {
  return !claimedBy && poolSize >= 2 && ONE_DECIDES.has(mode as ApprovalMode);
}

/** Open rows on the same node of the same case: the people a pool task is offered to. */
export const poolSizeOf = sql<number>`(select count(*)::int from ${tasks} pool where pool.case_id = ${tasks.caseId} and pool.node_id = ${tasks.nodeId} and pool.status = 'open')`;

/** The node's approval mode, read from the case's pinned flow definition. */
export const nodeModeOf = sql<string | null>`${programVersions.flowDefinition} -> 'nodes' -> ${tasks.nodeId} -> 'approval' ->> 'mode'`;

/** `poolSize`: how many people the task is offered to now. */
export type ClaimState = { claimedBy: { id: string; name: string } | null; claimable: boolean; poolSize: number };

/** Who holds the caller's task (认领), and whether the caller could claim it now. */
export async function taskClaimState(db: Queryable, user: SessionUser, taskId: string): Promise<ClaimState> {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw caseNotFound();
  const [row] = await db
    .select({ status: tasks.status, claimedBy: tasks.claimedBy, claimerName: users.name, mode: nodeModeOf, poolSize: poolSizeOf })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(programVersions, eq(programVersions.id, cases.programVersionId))
    .leftJoin(users, eq(users.id, tasks.claimedBy))
    .where(and(eq(tasks.id, taskId), eq(tasks.assigneeId, user.id)));
  if (!row) throw caseNotFound();
  const claimedBy = row.status === "open" && row.claimedBy ? { id: row.claimedBy, name: row.claimerName ?? "" } : null;
  const poolSize = Number(row.poolSize);
  return { claimedBy, claimable: row.status === "open" && isClaimable(row.mode, poolSize, row.claimedBy), poolSize };
}

/**
 * 认领: the caller takes their pool task; the other candidates' rows leave their 待办 and only the
 * caller may decide. Of two claims at once one wins; the other is told 已被认领 (transitionCase).
 */
export async function claimTask(db: Db, user: SessionUser, taskId: string) {
  const task = await openTaskOf(db, user, taskId);
  return transitionCase(db, { kind: "event", caseId: task.caseId, actorId: user.id, event: { type: "CLAIM", nodeId: task.nodeId, by: user.id } });
}

/** 释放: the claimer gives the task back to the pool, with an optional note for the timeline. */
export async function releaseTask(db: Db, user: SessionUser, taskId: string, comment = "") {
  const task = await openTaskOf(db, user, taskId);
  const note = comment.trim().slice(0, 2000) || undefined;
  return transitionCase(db, { kind: "event", caseId: task.caseId, actorId: user.id, event: { type: "RELEASE", nodeId: task.nodeId, by: user.id, comment: note } });
}
