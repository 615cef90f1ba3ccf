import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Queryable } from "./client";
import { sessions } from "./schema";

const SESSION_DAYS = 7;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export type SessionRow = typeof sessions.$inferSelect;

/** Returns the raw session id for the cookie; only its hash is stored. */
export async function createSession(db: Queryable, userId: string): Promise<{ sessionId: string }> {
  const sessionId = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({
    idHash: sha256(sessionId),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  });
  return { sessionId };
}

export async function findSession(db: Queryable, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.idHash, sha256(sessionId)), gt(sessions.expiresAt, new Date())));
  return row;
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, sha256(sessionId)));
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
