import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { roleBindings, users } from "../../db/schema";
import { findUserByMobile, grantRole } from "../../db/users";
import { maskMiddle } from "../../forms/maskMiddle";
import { CaseCommandError } from "../runtime/errors";
import { orgsAdministeredBy } from "./adminOrgs";
import { hasRole, type SessionUser } from "./identity";

/** The roles an admin hands out here: who decides cases (审批人) and who runs programs (管理员). */
export const ORG_ROLES = ["approver", "admin"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export type OrgPerson = { userId: string; name: string; mobile: string };
export type OrgPeople = { id: string; name: string; level: string; depth: number; approver: OrgPerson[]; admin: OrgPerson[] };

const grantSchema = z.strictObject({
  orgId: z.string().min(1).max(64),
  role: z.enum(ORG_ROLES, { error: "请选择角色 / choose a role" }),
  mobile: z.string().trim().regex(/^1\d{10}$/, "请输入11位手机号 / enter an 11-digit mobile number"),
});
const revokeSchema = z.strictObject({ orgId: z.string().min(1).max(64), role: z.enum(ORG_ROLES), userId: z.string().min(1).max(64) });

function invalid(fieldErrors: Record<string, string>): CaseCommandError {
  return new CaseCommandError("invalidData", "请修改标红的项目", "Please correct the fields marked in red", 422, fieldErrors);
}

async function administered(db: Db, admin: SessionUser) {
  if (!hasRole(admin, "admin")) throw new CaseCommandError("forbidden", "只有管理员可以设置审批人", "Only admins may set approvers", 403);
  return orgsAdministeredBy(db, admin, admin.tenantId);
}

/** 人员与角色: each union under the admin with its approvers and admins (mobiles masked). */
export async function listOrgPeople(db: Db, admin: SessionUser): Promise<OrgPeople[]> {
  const orgList = await administered(db, admin);
  if (orgList.length === 0) return [];
  const rows = await db
    .select({ orgId: roleBindings.orgId, role: roleBindings.role, userId: users.id, name: users.name, mobile: users.mobile })
    .from(roleBindings)
    .innerJoin(users, eq(users.id, roleBindings.userId))
    .where(inArray(roleBindings.orgId, orgList.map((o) => o.id)));
  const top = Math.min(...orgList.map((o) => o.path.split("/").length));
  return orgList.map((o) => {
    const holding = (role: OrgRole) =>
      rows.filter((r) => r.orgId === o.id && r.role === role).map((r) => ({ userId: r.userId, name: r.name, mobile: maskMiddle(r.mobile, 3, 4) })).sort((a, b) => a.name.localeCompare(b.name, "zh"));
    return { id: o.id, name: o.name, level: o.level, depth: o.path.split("/").length - top, approver: holding("approver"), admin: holding("admin") };
  });
}

function audit(tx: Tx, admin: SessionUser, action: string, detail: Record<string, unknown>) {
  return appendAudit(tx, { tenantId: admin.tenantId, stream: `org:${admin.tenantId}`, caseId: null, actorId: admin.id, action, nodeId: null, comment: null, detail });
}

/**
 * Make someone already in the system an approver or admin of a union under the admin. From the
 * next step on, cases resolve approvers with them (open tasks stay with whoever holds them).
 */
export async function grantOrgRole(db: Db, admin: SessionUser, input: unknown): Promise<OrgPerson> {
  const orgList = await administered(db, admin);
  const parsed = grantSchema.safeParse(input);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_form"), i.message])));
  const { orgId, role, mobile } = parsed.data;
  const org = orgList.find((o) => o.id === orgId);
  if (!org) throw invalid({ orgId: "只能在您管理的工会中设置 / choose a union you administer" });
  const person = await findUserByMobile(db, mobile);
  if (!person || person.tenantId !== admin.tenantId) {
    throw invalid({ mobile: "本区没有使用该手机号的人员，请核对号码 / nobody in this district has that mobile number" });
  }
  await db.transaction(async (tx) => {
    await grantRole(tx, person.id, role, org.id);
    await audit(tx, admin, "org.role_granted", { orgId, role, userId: person.id });
  });
  return { userId: person.id, name: person.name, mobile: maskMiddle(person.mobile, 3, 4) };
}

/** Take a role back. An admin cannot take away their own admin role (the district would have nobody to undo it). */
export async function revokeOrgRole(db: Db, admin: SessionUser, input: unknown): Promise<void> {
  const orgList = await administered(db, admin);
  const parsed = revokeSchema.safeParse(input);
  if (!parsed.success || !orgList.some((o) => o.id === parsed.data.orgId)) throw new CaseCommandError("caseNotFound", "没有这项角色", "No such role", 404);
  const { orgId, role, userId } = parsed.data;
  if (role === "admin" && userId === admin.id) {
    throw new CaseCommandError("forbidden", "不能取消自己的管理员角色，请由其他管理员操作", "You cannot remove your own admin role; ask another admin", 403);
  }
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(roleBindings)
      .where(and(eq(roleBindings.orgId, orgId), eq(roleBindings.role, role), eq(roleBindings.userId, userId)))
      .returning({ id: roleBindings.id });
    if (removed.length === 0) throw new CaseCommandError("caseNotFound", "没有这项角色", "No such role", 404);
    await audit(tx, admin, "org.role_revoked", { orgId, role, userId });
  });
}
