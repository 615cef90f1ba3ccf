/**
 * The one bridge from app/ to workflows/, forms/ and db/ (Remix's server guard covers only app/).
 * Routes call these; each method takes the process-wide database itself.
 */
import { getDb } from "../db/client";
import * as identity from "../workflows/services/identity";
import { DEMO_LOGINS } from "../db/demoOrgs";

export type { SessionUser } from "../workflows/services/identity";
export { hasRole, hasRoleOver } from "../workflows/services/identity";

async function db() {
  return (await getDb()).db;
}

export const services = {
  signIn: async (mobile: string, password: string, address: string) => identity.signIn(await db(), mobile, password, address),
  signOut: async (sessionId: string) => identity.signOut(await db(), sessionId),
  demoLogins: () => (process.env.NIANGJIA_DEMO === "0" ? [] : DEMO_LOGINS),
  userForSession: async (sessionId: string) => identity.userForSession(await db(), sessionId),
};
