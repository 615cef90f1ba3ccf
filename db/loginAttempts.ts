import { and, count, eq, gt } from "drizzle-orm";
import type { Queryable } from "./client";
import { loginAttempts } from "./schema";

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;

/** Failures for this mobile from this address in the window; a success does not reset older failures' expiry. */
export async function recentLoginFailures(db: Queryable, mobile: string, address: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.mobile, mobile), eq(loginAttempts.address, address), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  return Number(row?.n ?? 0);
}

export async function recordLoginAttempt(db: Queryable, mobile: string, address: string, success: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ mobile, address, success });
}
