import type { Queryable } from "../../db/client";
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES, recentLoginFailures, recordLoginAttempt } from "../../db/loginAttempts";
import { verifyPassword } from "../../db/passwords";
import { createSession, deleteSession, findSession } from "../../db/sessions";
import { findUserByMobile, getRoleGrants, getUser, type RoleGrant } from "../../db/users";
import { getOrg } from "../../db/orgs";
import type { Role } from "../../db/schema";

export type SessionUser = {
  id: string;
  tenantId: string;
  name: string;
  mobile: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  memberNo: string | null;
  grants: RoleGrant[];
};

export type SignInResult =
  | { ok: true; sessionId: string; user: SessionUser }
  | { ok: false; reason: "invalid" | "missing" }
  | { ok: false; reason: "rateLimited"; retryInMinutes: number };

// Verified against when the mobile is unknown, so response time does not reveal which mobiles exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$NQHjR+XVfrzg1a7B8woyvQ$ackJwk4VAgKoIM0bPY1L2r9cwdld/DkboYg6P3UQf5s";

export async function signIn(db: Queryable, mobile: string, password: string, address: string): Promise<SignInResult> {
  const m = mobile.trim();
  if (!m || !password) return { ok: false, reason: "missing" };
  if ((await recentLoginFailures(db, m, address)) >= LOGIN_MAX_FAILURES) {
    return { ok: false, reason: "rateLimited", retryInMinutes: LOGIN_WINDOW_MINUTES };
  }
  const user = await findUserByMobile(db, m);
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  await recordLoginAttempt(db, m, address, Boolean(user && valid));
  if (!user || !valid) return { ok: false, reason: "invalid" };
  const { sessionId } = await createSession(db, user.id);
  const sessionUser = await loadSessionUser(db, user.id);
  if (!sessionUser) return { ok: false, reason: "invalid" };
  return { ok: true, sessionId, user: sessionUser };
}

export async function signOut(db: Queryable, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

export async function loadSessionUser(db: Queryable, userId: string): Promise<SessionUser | undefined> {
  const user = await getUser(db, userId);
  if (!user) return undefined;
  const org = await getOrg(db, user.orgId);
  return {
    id: user.id,
    tenantId: user.tenantId,
    name: user.name,
    mobile: user.mobile,
    orgId: user.orgId,
    orgName: org?.name ?? "",
    orgPath: org?.path ?? "/",
    memberNo: user.memberNo,
    grants: await getRoleGrants(db, user.id),
  };
}

export async function userForSession(db: Queryable, sessionId: string): Promise<SessionUser | undefined> {
  const session = await findSession(db, sessionId);
  return session ? loadSessionUser(db, session.userId) : undefined;
}

/** Whether the user holds `role` over the org at `orgPath` (a binding at it or above it). */
export function hasRoleOver(user: SessionUser, role: Role, orgPath: string): boolean {
  return user.grants.some((g) => g.role === role && orgPath.startsWith(g.orgPath));
}

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.grants.some((g) => g.role === role);
}
