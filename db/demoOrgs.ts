import { eq } from "drizzle-orm";
import type { Queryable } from "./client";
import { childPath } from "./orgs";
import { orgs, tenants, users, type OrgLevel, type Role } from "./schema";
import { createUser } from "./users";

export const DEMO_PASSWORD = "Niangjia@2026";

type DemoOrg = { id: string; tenantId: string; parent: string | null; level: OrgLevel; name: string; creditCode?: string };

/** 厦门市总工会 → 湖里区总工会 → 禾山街道 → three 基层工会, plus 思明区 to prove district isolation; 泉州市总工会 → 鲤城区 → 开元街道 → one 基层工会. */
export const DEMO_ORGS: DemoOrg[] = [
  { id: "xm", tenantId: "xiamen", parent: null, level: "city", name: "厦门市总工会", creditCode: "81350200MA2XY0005R" },
  { id: "huli", tenantId: "huli", parent: "xm", level: "district", name: "湖里区总工会" },
  { id: "heshan", tenantId: "huli", parent: "huli", level: "street", name: "禾山街道总工会" },
  { id: "hs-kuaidi", tenantId: "huli", parent: "heshan", level: "grassroots", name: "禾山街道快递物流行业联合工会", creditCode: "81350206MA2XY00027" },
  { id: "hs-waimai", tenantId: "huli", parent: "heshan", level: "grassroots", name: "禾山街道外卖配送行业联合工会", creditCode: "81350206MA2XY0003A" },
  { id: "hs-keji", tenantId: "huli", parent: "heshan", level: "grassroots", name: "厦门海湾科技有限公司工会", creditCode: "91350206MA2XY00013" },
  { id: "siming", tenantId: "siming", parent: "xm", level: "district", name: "思明区总工会" },
  { id: "zhonghua", tenantId: "siming", parent: "siming", level: "street", name: "中华街道总工会" },
  { id: "zh-shangmao", tenantId: "siming", parent: "zhonghua", level: "grassroots", name: "中华街道商贸行业联合工会", creditCode: "81350203MA2XY00042" },
  // 泉州: one district with the quanzhou plugin (共享职工之家, 会员积分) switched on.
  { id: "qz", tenantId: "quanzhou", parent: null, level: "city", name: "泉州市总工会" },
  { id: "licheng", tenantId: "licheng", parent: "qz", level: "district", name: "鲤城区总工会" },
  { id: "kaiyuan", tenantId: "licheng", parent: "licheng", level: "street", name: "开元街道总工会" },
  { id: "ky-fuwu", tenantId: "licheng", parent: "kaiyuan", level: "grassroots", name: "开元街道商贸服务业联合工会" },
];

type DemoUser = { who: string; name: string; mobile: string; orgId: string; roles: { role: Role; orgId?: string }[]; memberNo?: string };

export const DEMO_USERS: DemoUser[] = [
  { who: "区总管理员 admin", name: "王敏", mobile: "13800000000", orgId: "huli", roles: [{ role: "admin" }] },
  { who: "基层工会审批人 (快递)", name: "李建国", mobile: "13800000001", orgId: "hs-kuaidi", roles: [{ role: "approver" }] },
  { who: "基层工会审批人 (外卖)", name: "陈丽", mobile: "13800000002", orgId: "hs-waimai", roles: [{ role: "approver" }] },
  { who: "基层工会审批人 (科技)", name: "黄志明", mobile: "13800000003", orgId: "hs-keji", roles: [{ role: "approver" }] },
  { who: "街道审批人", name: "林芳", mobile: "13800000011", orgId: "heshan", roles: [{ role: "approver" }] },
  { who: "区总审批人", name: "张伟", mobile: "13800000021", orgId: "huli", roles: [{ role: "approver" }] },
  { who: "区总审批人 (会签)", name: "何静", mobile: "13800000022", orgId: "huli", roles: [{ role: "approver" }] },
  { who: "市总审批人", name: "刘洋", mobile: "13800000031", orgId: "xm", roles: [{ role: "approver" }] },
  { who: "思明区基层审批人", name: "吴强", mobile: "13800000041", orgId: "zh-shangmao", roles: [{ role: "approver" }] },
  { who: "职工 (快递员)", name: "赵小明", mobile: "13900000001", orgId: "hs-kuaidi", roles: [{ role: "member" }] },
  { who: "职工 (快递员)", name: "钱多多", mobile: "13900000002", orgId: "hs-kuaidi", roles: [{ role: "member" }] },
  { who: "职工 (外卖员)", name: "孙丽", mobile: "13900000003", orgId: "hs-waimai", roles: [{ role: "member" }] },
  { who: "职工 (科技公司)", name: "周杰", mobile: "13900000004", orgId: "hs-keji", roles: [{ role: "member" }] },
  { who: "职工 (思明区)", name: "郑华", mobile: "13900000009", orgId: "zh-shangmao", roles: [{ role: "member" }] },
  { who: "鲤城区总管理员 (泉州)", name: "蔡志远", mobile: "13800000050", orgId: "licheng", roles: [{ role: "admin" }] },
  { who: "开元街道审批人 (泉州)", name: "庄雅婷", mobile: "13800000051", orgId: "kaiyuan", roles: [{ role: "approver" }] },
  { who: "职工 (泉州 开元街道)", name: "洪晓东", mobile: "13900000050", orgId: "ky-fuwu", roles: [{ role: "member" }] },
  // Union members (会员编号) for 平安返厦, which only members may claim, and the 思明 approvers its flows reach.
  { who: "职工 (快递员，工会会员)", name: "林小红", mobile: "13900000005", orgId: "hs-kuaidi", roles: [{ role: "member" }], memberNo: "HULI2025000101" },
  { who: "职工 (思明区，工会会员)", name: "陈海", mobile: "13900000010", orgId: "zh-shangmao", roles: [{ role: "member" }], memberNo: "SIMING2025000101" },
  { who: "思明区街道审批人", name: "蔡明", mobile: "13800000042", orgId: "zhonghua", roles: [{ role: "approver" }] },
  { who: "思明区总审批人", name: "黄丽", mobile: "13800000043", orgId: "siming", roles: [{ role: "approver" }] },
];

export const DEMO_LOGINS = DEMO_USERS.map((u) => ({ who: `${u.name} · ${u.who}`, mobile: u.mobile, password: DEMO_PASSWORD }));

/** Insert the demo orgs and people unless they exist; returns whether anything was created. */
export async function seedDemoOrgs(db: Queryable): Promise<boolean> {
  const existing = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, "xm"));
  if (existing.length) return false;
  const tenantNames: Record<string, string> = { xiamen: "厦门市总工会", huli: "湖里区总工会", siming: "思明区总工会", quanzhou: "泉州市总工会", licheng: "鲤城区总工会" };
  for (const [id, name] of Object.entries(tenantNames)) await db.insert(tenants).values({ id, name });
  const paths = new Map<string, string>();
  for (const o of DEMO_ORGS) {
    const path = childPath(o.parent ? paths.get(o.parent)! : null, o.id);
    paths.set(o.id, path);
    await db.insert(orgs).values({ id: o.id, tenantId: o.tenantId, parentId: o.parent, level: o.level, name: o.name, creditCode: o.creditCode ?? null, path });
  }
  for (const u of DEMO_USERS) {
    const already = await db.select({ id: users.id }).from(users).where(eq(users.mobile, u.mobile));
    if (already.length) continue;
    const created = await createUser(db, { name: u.name, mobile: u.mobile, password: DEMO_PASSWORD, orgId: u.orgId, roles: u.roles });
    if (u.memberNo) await db.update(users).set({ memberNo: u.memberNo, memberSince: new Date() }).where(eq(users.id, created.id));
  }
  return true;
}
