import { eq } from "drizzle-orm";
import { createTestDb } from "../../db/testing";
import { seedDemoOrgs } from "../../db/demoOrgs";
import { users } from "../../db/schema";
import { seedBuiltinPrograms } from "../../cli/seedPrograms";
import { loadSessionUser, type SessionUser } from "../../workflows/services/identity";
import type { DbHandle } from "../../db/client";

/** A fresh database (PGlite, or PostgreSQL under DATABASE_URL) with the demo orgs, people and programs. */
export async function createDemoDb(): Promise<DbHandle & { userByMobile: (mobile: string) => Promise<SessionUser> }> {
  const handle = await createTestDb();
  await seedDemoOrgs(handle.db);
  await seedBuiltinPrograms(handle.db);
  return {
    ...handle,
    async userByMobile(mobile: string) {
      const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile));
      if (!row) throw new Error(`no demo user ${mobile}`);
      const user = await loadSessionUser(handle.db, row.id);
      if (!user) throw new Error(`no demo user ${mobile}`);
      return user;
    },
  };
}

/** A valid 入会 application as a worker would fill it. */
export function membershipApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "孙丽",
    idNumber: "11010519491231002X",
    mobile: "13900000003",
    employer: "厦门速达配送有限公司",
    industry: "transport",
    newEmploymentForm: "delivery",
    platformName: "美团",
    consent: { accepted: true, version: "2026-1" },
    ...overrides,
  };
}
