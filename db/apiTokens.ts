import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Queryable } from "./client";
import { newId } from "./ids";
import { apiTokens, users } from "./schema";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Every personal token starts with this, so it is recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = "nj_";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Inserts a token for the person and returns the raw token (shown once; only its hash is kept). */
export async function insertApiToken(
  db: Queryable,
  input: { tenantId: string; userId: string; name: string; scopes: string[] | null; expiresAt: Date | null },
): Promise<{ id: string; token: string }> {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = newId();
  await db.insert(apiTokens).values({ id, ...input, tokenHash: sha256(token) });
  return { id, token };
}

/** The live (not revoked, not expired) token row for a raw token, if any. */
export async function findLiveApiToken(db: Queryable, token: string, now = new Date()): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))));
  return row;
}

/** Records use at most once a minute per token, so busy clients do not write a row per request. */
export async function touchApiToken(db: Queryable, id: string, now = new Date()): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
}

/** Marks the token revoked; false when there is no such live token. */
export async function revokeApiToken(db: Queryable, id: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export type ApiTokenListing = Omit<ApiTokenRow, "tokenHash"> & { userName: string; userMobile: string };

export async function listApiTokens(db: Queryable, userId?: string): Promise<ApiTokenListing[]> {
  return db
    .select({
      id: apiTokens.id,
      tenantId: apiTokens.tenantId,
      userId: apiTokens.userId,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
      userName: users.name,
      userMobile: users.mobile,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId ? eq(apiTokens.userId, userId) : sql`true`)
    .orderBy(desc(apiTokens.createdAt));
}
