import { createCookie, redirect } from "@remix-run/node";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { services, type SessionUser } from "./services.server";
import { httpError } from "./http.server";
import type { Role } from "../db/schema";

const secure = process.env.COOKIE_SECURE === "true";

export const sessionCookie = createCookie("nj_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure,
  maxAge: 7 * 86_400,
});

/** Double-submit CSRF token: an httpOnly cookie whose value every mutation must repeat in `_csrf`. */
export const csrfCookie = createCookie("nj_csrf", { httpOnly: true, sameSite: "lax", path: "/", secure });

export async function readCsrfCookie(request: Request): Promise<string | null> {
  const value = (await csrfCookie.parse(request.headers.get("Cookie"))) as unknown;
  return typeof value === "string" && value.length >= 20 ? value : null;
}

export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Throws 403 unless the submitted token matches the cookie. Call on every non-GET request. */
export async function verifyCsrf(request: Request, form: FormData): Promise<void> {
  const cookieToken = await readCsrfCookie(request);
  const sent = form.get("_csrf") ?? request.headers.get("X-CSRF-Token");
  if (!cookieToken || typeof sent !== "string" || !sameToken(cookieToken, sent)) throw httpError(403, "csrfFailed");
}

/** Whether the X-CSRF-Token header repeats the CSRF cookie (JSON API calls signed in by the session cookie). */
export async function csrfHeaderMatches(request: Request): Promise<boolean> {
  const cookieToken = await readCsrfCookie(request);
  const sent = request.headers.get("X-CSRF-Token");
  return Boolean(cookieToken && sent && sameToken(cookieToken, sent));
}

async function sessionIdOf(request: Request): Promise<string | null> {
  const value = (await sessionCookie.parse(request.headers.get("Cookie"))) as unknown;
  return typeof value === "string" ? value : null;
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await sessionIdOf(request);
  if (!sessionId) return null;
  return (await services.userForSession(sessionId)) ?? null;
}

/** The one door for signed-in pages: redirects to the sign-in page when there is no session. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/**
 * Who receives tasks and so may open the inbox: approvers, and admins — a 公示 step is the
 * district admin's, and a task nobody else could take goes to the admin (emptyAssignee toAdmin).
 */
export const TASK_ROLES: readonly Role[] = ["approver", "admin"];

export function holdsRole(user: SessionUser, role: Role | readonly Role[]): boolean {
  const wanted: readonly Role[] = typeof role === "string" ? [role] : role;
  return user.grants.some((g) => wanted.includes(g.role));
}

/** The one door for role-gated pages: the user must hold the role (or one of them) somewhere (scoping is per query). */
export async function requirePermission(request: Request, role: Role | readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!holdsRole(user, role)) throw httpError(403, "forbidden");
  return user;
}

export async function currentSessionId(request: Request): Promise<string | null> {
  return sessionIdOf(request);
}
