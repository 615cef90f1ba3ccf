import { and, eq } from "drizzle-orm";
import type { DbHandle } from "../../db/client";
import { seedDemoOrgs } from "../../db/demoOrgs";
import { programs, users } from "../../db/schema";
import { createUser } from "../../db/users";
import { corePlugin } from "../../plugins/core";
import { xiamenPlugin } from "../../plugins/xiamen";
import { loadPlugins } from "../../cli/loadPlugins";
import { startPlugins } from "../../cli/startPlugins";
import { seedBuiltinPrograms } from "../../cli/seedPrograms";
import { idNumberCheckChar } from "../../forms/idNumber";
import { createTestDb } from "../../db/testing";
import { loadSessionUser, type SessionUser } from "../../workflows/services/identity";

/**
 * A fresh database with the Xiamen plugin started (its tables and install), then the demo seed:
 * orgs and people, every template installed in 湖里 and 思明, xiamen switched on in both.
 */
export async function createXiamenDb() {
  const handle: DbHandle = await createTestDb();
  await startPlugins(handle, loadPlugins([corePlugin, xiamenPlugin]));
  await seedDemoOrgs(handle.db);
  await seedBuiltinPrograms(handle.db);
  const db = handle.db;
  let memberSeq = 0;
  return {
    ...handle,
    async userByMobile(mobile: string): Promise<SessionUser> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile));
      return (await loadSessionUser(db, row.id))!;
    },
    /** A union member (会员编号) at a 基层工会. */
    async newMember(orgId: string, name = "测试会员"): Promise<SessionUser> {
      const n = ++memberSeq;
      const u = await createUser(db, { name, mobile: `1371234${String(n).padStart(4, "0")}`, password: "password-123", orgId, roles: [{ role: "member" }] });
      await db.update(users).set({ memberNo: `TEST${String(n).padStart(6, "0")}` }).where(eq(users.id, u.id));
      return (await loadSessionUser(db, u.id))!;
    },
    /** The copy of a xiamen program a district owns. */
    async programId(code: string, tenantId: string): Promise<string> {
      const [row] = await db.select({ id: programs.id }).from(programs).where(and(eq(programs.code, code), eq(programs.tenantId, tenantId)));
      return row.id;
    },
    /** Applications are taken from 10 January 2027; tests run before that, so the window is lifted. */
    async openWindow(code: string): Promise<void> {
      await db.update(programs).set({ settings: { audience: "members" } }).where(eq(programs.code, code));
    },
  };
}

export type XiamenDb = Awaited<ReturnType<typeof createXiamenDb>>;

/** The n-th valid 身份证号 (GB 11643 check character) of a region: distinct for every n below 20 million. */
export function idNumberFor(n: number, region = "360102"): string {
  const born = new Date(Date.UTC(1970, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `${region}${born}${String(n % 1000).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** A 平安返厦 application as a worker from 江西 fills it. */
export function transportApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "林小红",
    idNumber: "360102199003150022",
    mobile: "13900000005",
    employer: "厦门速达快递有限公司",
    hukou: { codes: ["36", "3601"] },
    travelMode: "train",
    travelDate: "2027-02-12",
    fare: 268.5,
    bankCard: "6222021234567890128",
    bankName: "中国工商银行厦门湖里支行",
    consent: { accepted: true, version: "2027-1" },
    ...overrides,
  };
}
