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

/** A valid 困难职工帮扶 application by 赵小明 (typhoon damage, 1,500 yuan): below 2,000, so no 市总 step. */
export function hardshipApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "赵小明",
    idNumber: "350206198503030013",
    mobile: "13900000001",
    employer: "厦门速达配送有限公司",
    category: "disaster",
    situation: "2026年10月台风导致出租屋进水，家电和衣物损毁，配偶同期失业，家庭生活困难。",
    householdSize: 3,
    householdIncome: 3000,
    amount: 1500,
    bankCard: "6222021234567890128",
    bankName: "中国工商银行厦门湖里支行",
    consent: { accepted: true, version: "2026-1" },
    ...overrides,
  };
}
