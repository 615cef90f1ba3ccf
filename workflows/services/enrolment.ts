import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, programs, seats } from "../../db/schema";
import { admissionHookFor } from "../admissionHooks";
import { transitionCase } from "../runtime/transitionCase";
import type { SessionUser } from "./identity";

const ASKED_ONLY = Symbol("asked only");

/**
 * Whether the caller may give back what their approved case holds (取消): a seat, or what a
 * plugin's admission hook holds when its rules allow it now (tried in a transaction rolled back).
 */
export async function mayCancelEnrolment(db: Db, user: SessionUser, caseId: string, now: Date = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ id: cases.id, tenantId: cases.tenantId, code: programs.code, pluginId: programs.pluginId, seat: seats.id })
    .from(cases)
    .innerJoin(programs, eq(programs.id, cases.programId))
    .leftJoin(seats, eq(seats.caseId, cases.id))
    .where(and(eq(cases.id, caseId), eq(cases.applicantId, user.id), eq(cases.status, "approved")));
  if (!row) return false;
  if (row.seat) return true;
  const hook = admissionHookFor(row);
  if (!hook?.cancel) return false;
  try {
    await db.transaction(async (tx) => {
      await hook.cancel!({ tx, tenantId: row.tenantId, caseId: row.id, at: now });
      throw ASKED_ONLY;
    });
  } catch (err) {
    return err === ASKED_ONLY;
  }
  return false;
}

/** 取消: the place goes back (to the pool, whose first person waiting gets it; or to the plugin that held it). */
export async function cancelEnrolment(db: Db, user: SessionUser, caseId: string, reason: string, now: Date = new Date()) {
  return transitionCase(db, { kind: "cancel", caseId, actorId: user.id, reason: reason.trim().slice(0, 500) }, () => now);
}

/** 退出候补. */
export async function leaveWaitlist(db: Db, user: SessionUser, entryId: string) {
  return transitionCase(db, { kind: "leaveWaitlist", entryId, actorId: user.id });
}
