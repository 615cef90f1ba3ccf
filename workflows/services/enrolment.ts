import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, seats } from "../../db/schema";
import { transitionCase } from "../runtime/transitionCase";
import type { SessionUser } from "./identity";

/** Whether the caller may give back the place their case holds (取消报名): their approved case with a seat. */
export async function mayCancelEnrolment(db: Db, user: SessionUser, caseId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(seats, eq(seats.caseId, cases.id))
    .where(and(eq(cases.id, caseId), eq(cases.applicantId, user.id), eq(cases.status, "approved")));
  return Boolean(row);
}

/** 取消报名: the place goes back to the pool and the first person waiting gets it. */
export async function cancelEnrolment(db: Db, user: SessionUser, caseId: string, reason: string) {
  return transitionCase(db, { kind: "cancel", caseId, actorId: user.id, reason: reason.trim().slice(0, 500) });
}

/** 退出候补. */
export async function leaveWaitlist(db: Db, user: SessionUser, entryId: string) {
  return transitionCase(db, { kind: "leaveWaitlist", entryId, actorId: user.id });
}
