import { and, eq, inArray, like } from "drizzle-orm";
import type { Queryable } from "./client";
import { orgs, roleBindings, users, type OrgLevel, type Role } from "./schema";

export type OrgRow = typeof orgs.$inferSelect;

export async function getOrg(db: Queryable, id: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
  return row;
}

/** The org and its ancestors, nearest first (基层工会 → 街道 → 区总 → 市总). */
export async function getOrgChain(db: Queryable, orgId: string): Promise<OrgRow[]> {
  const org = await getOrg(db, orgId);
  if (!org) return [];
  const ids = org.path.split("/").filter(Boolean);
  const rows = await db.select().from(orgs).where(inArray(orgs.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .reverse()
    .map((id) => byId.get(id))
    .filter((r): r is OrgRow => Boolean(r));
}

/** Whether `path` lies in the subtree rooted at `rootPath` (inclusive). */
export function pathInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** User ids holding `role` bound exactly at each of the given orgs. */
export async function roleHoldersAt(db: Queryable, orgIds: string[], role: Role): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(orgIds.map((id) => [id, []]));
  if (orgIds.length === 0) return result;
  const rows = await db
    .select({ orgId: roleBindings.orgId, userId: roleBindings.userId })
    .from(roleBindings)
    .where(and(inArray(roleBindings.orgId, orgIds), eq(roleBindings.role, role)));
  for (const r of rows) result.get(r.orgId)?.push(r.userId);
  for (const list of result.values()) list.sort();
  return result;
}

export async function orgsInSubtree(db: Queryable, rootPath: string): Promise<OrgRow[]> {
  return db.select().from(orgs).where(like(orgs.path, `${rootPath}%`));
}

export async function orgOfLevel(db: Queryable, level: OrgLevel): Promise<OrgRow[]> {
  return db.select().from(orgs).where(eq(orgs.level, level));
}

export async function userHomeOrg(db: Queryable, userId: string): Promise<OrgRow | undefined> {
  const [row] = await db.select({ org: orgs }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.id, userId));
  return row?.org;
}

export type ChainRoleHolder = { id: string; name: string; role: Role; orgName: string; level: OrgLevel };

/** Everyone holding a role in the org or above it, nearest org first, then by name. */
export async function roleHoldersOnChain(db: Queryable, orgId: string): Promise<ChainRoleHolder[]> {
  const chain = await getOrgChain(db, orgId);
  if (chain.length === 0) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, role: roleBindings.role, orgId: roleBindings.orgId })
    .from(roleBindings)
    .innerJoin(users, eq(users.id, roleBindings.userId))
    .where(inArray(roleBindings.orgId, chain.map((o) => o.id)));
  const rank = new Map(chain.map((o, i) => [o.id, i]));
  return rows
    .sort((a, b) => rank.get(a.orgId)! - rank.get(b.orgId)! || a.name.localeCompare(b.name, "zh"))
    .map((r) => {
      const org = chain[rank.get(r.orgId)!];
      return { id: r.id, name: r.name, role: r.role, orgName: org.name, level: org.level };
    });
}
