import { csrfHeaderMatches, getOptionalUser, holdsRole } from "~/auth.server";
import { clientAddress } from "~/http.server";
import { services, type SessionUser } from "~/services.server";
import type { Role } from "../../db/schema";
import { apiError } from "./apiError.server";

export type ApiCaller = { user: SessionUser; via: "session" | "token" };

const READS = new Set(["GET", "HEAD"]);
const BEARER = /^Bearer\s+(\S+)\s*$/i;

async function tokenCaller(request: Request, header: string): Promise<ApiCaller> {
  const token = BEARER.exec(header)?.[1];
  const challenge = { "WWW-Authenticate": 'Bearer realm="niangjia", error="invalid_token"' };
  if (!token) throw apiError("invalidToken", { headers: challenge });
  const auth = await services.userForApiToken(token, clientAddress(request));
  if (!auth.ok && auth.reason === "rateLimited") throw apiError("tokenRateLimited", { headers: { "Retry-After": String(auth.retryInMinutes * 60) } });
  if (!auth.ok) throw apiError("invalidToken", { headers: challenge });
  // The only scope so far is `read`; a token without scopes may do whatever its person may.
  if (auth.scopes && !READS.has(request.method)) throw apiError("tokenReadOnly");
  return { user: auth.user, via: "token" };
}

/**
 * The one door for /api/v1: a bearer token (`Authorization: Bearer nj_...`, no CSRF since a
 * browser never sends it by itself) or the session cookie, whose mutations must repeat the
 * CSRF cookie in `X-CSRF-Token`, as the UI's forms do. `role` is the same gate as the UI's
 * requirePermission; what the caller may see inside it is decided per query by the services.
 */
export async function apiCaller(request: Request, role?: Role | readonly Role[]): Promise<ApiCaller> {
  const header = request.headers.get("Authorization");
  let caller: ApiCaller;
  if (header) {
    caller = await tokenCaller(request, header);
  } else {
    const user = await getOptionalUser(request);
    if (!user) throw apiError("unauthorized", { headers: { "WWW-Authenticate": 'Bearer realm="niangjia"' } });
    if (!READS.has(request.method) && !(await csrfHeaderMatches(request))) throw apiError("csrfFailed");
    caller = { user, via: "session" };
  }
  if (role && !holdsRole(caller.user, role)) throw apiError("forbidden");
  return caller;
}
