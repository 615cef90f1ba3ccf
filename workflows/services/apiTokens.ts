import type { Queryable } from "../../db/client";
import { findLiveApiToken, insertApiToken, listApiTokens as listTokenRows, revokeApiToken as revokeTokenRow, touchApiToken, type ApiTokenListing } from "../../db/apiTokens";
import { recentLoginFailures, recordLoginAttempt, LOGIN_WINDOW_MINUTES } from "../../db/loginAttempts";
import { findUserByMobile } from "../../db/users";
import { loadSessionUser, type SessionUser } from "./identity";

/** What a token may do: `read` allows only reading requests; no scopes means everything its person may do. */
export const API_TOKEN_SCOPES = ["read"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** Wrong bearer tokens from one address within the sign-in window before that address is refused. */
export const API_TOKEN_MAX_FAILURES = 20;
/** Failed bearer attempts share the sign-in attempts table under this key instead of a mobile. */
const ATTEMPT_KEY = "api-token";
const TOKEN_SHAPE = /^nj_[A-Za-z0-9_-]{43}$/;

type Refusal = { ok: false; messageZh: string; messageEn: string };

export async function createApiToken(
  db: Queryable,
  input: { mobile: string; name: string; expiresInDays?: number; scopes?: ApiTokenScope[] },
): Promise<{ ok: true; id: string; token: string; userName: string; expiresAt: Date | null } | Refusal> {
  const name = input.name.trim();
  if (!name || name.length > 100) return { ok: false, messageZh: "请填写 1–100 字的令牌名称", messageEn: "Give the token a name of 1–100 characters" };
  const days = input.expiresInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    return { ok: false, messageZh: "有效期须为 1–3650 天", messageEn: "Expiry must be 1–3650 days" };
  }
  const user = await findUserByMobile(db, input.mobile.trim());
  if (!user) return { ok: false, messageZh: "没有这个手机号的人员", messageEn: "No person has this mobile" };
  const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
  const scopes = input.scopes?.length ? [...input.scopes] : null;
  const { id, token } = await insertApiToken(db, { tenantId: user.tenantId, userId: user.id, name, scopes, expiresAt });
  return { ok: true, id, token, userName: user.name, expiresAt };
}

export async function revokeApiToken(db: Queryable, id: string): Promise<boolean> {
  return revokeTokenRow(db, id.trim());
}

export async function listApiTokens(db: Queryable, mobile?: string): Promise<ApiTokenListing[] | Refusal> {
  if (mobile === undefined) return listTokenRows(db);
  const user = await findUserByMobile(db, mobile.trim());
  if (!user) return { ok: false, messageZh: "没有这个手机号的人员", messageEn: "No person has this mobile" };
  return listTokenRows(db, user.id);
}

export type TokenAuth =
  | { ok: true; user: SessionUser; scopes: string[] | null }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rateLimited"; retryInMinutes: number };

/**
 * The person behind a bearer token. Unknown, malformed, revoked and expired tokens are all
 * the same "invalid" (nothing tells whether a token exists); an address that keeps sending
 * wrong tokens is refused for the sign-in window before any lookup.
 */
export async function userForApiToken(db: Queryable, token: string, address: string): Promise<TokenAuth> {
  if ((await recentLoginFailures(db, ATTEMPT_KEY, address)) >= API_TOKEN_MAX_FAILURES) {
    return { ok: false, reason: "rateLimited", retryInMinutes: LOGIN_WINDOW_MINUTES };
  }
  const row = TOKEN_SHAPE.test(token) ? await findLiveApiToken(db, token) : undefined;
  const user = row ? await loadSessionUser(db, row.userId) : undefined;
  if (!row || !user) {
    await recordLoginAttempt(db, ATTEMPT_KEY, address, false);
    return { ok: false, reason: "invalid" };
  }
  await touchApiToken(db, row.id);
  return { ok: true, user, scopes: row.scopes };
}
