import { and, eq } from "drizzle-orm";
import type { Queryable } from "./client";
import { newId } from "./ids";
import { hashPassword } from "./passwords";
import { orgs, roleBindings, users, type Role } from "./schema";

export type UserRow = typeof users.$inferSelect;
export type RoleGrant = { role: Role; orgId: string; orgPath: string; orgName: string; orgLevel: string };

export async function findUserByMobile(db: Queryable, mobile: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.mobile, mobile));
  return row;
}

export async function getUser(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function getRoleGrants(db: Queryable, userId: string): Promise<RoleGrant[]> {
  return db
    .select({ role: roleBindings.role, orgId: roleBindings.orgId, orgPath: orgs.path, orgName: orgs.name, orgLevel: orgs.level })
    .from(roleBindings)
    .innerJoin(orgs, eq(orgs.id, roleBindings.orgId))
    .where(eq(roleBindings.userId, userId));
}

export type NewUser = { name: string; mobile: string; password: string; orgId: string; roles?: { role: Role; orgId?: string }[]; id?: string };

/** Create a person in their home org, with role bindings (scoped to the home org unless another is named). */
export async function createUser(db: Queryable, input: NewUser): Promise<UserRow> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, input.orgId));
  if (!org) throw new Error(`组织不存在 / unknown org: ${input.orgId}`);
  const passwordHash = await hashPassword(input.password);
  const id = input.id ?? newId();
  const [row] = await db
    .insert(users)
    .values({ id, tenantId: org.tenantId, name: input.name, mobile: input.mobile, passwordHash, orgId: org.id })
    .returning();
  for (const r of input.roles ?? []) {
    await grantRole(db, id, r.role, r.orgId ?? org.id);
  }
  return row;
}

export async function grantRole(db: Queryable, userId: string, role: Role, orgId: string): Promise<void> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new Error(`组织不存在 / unknown org: ${orgId}`);
  const existing = await db
    .select()
    .from(roleBindings)
    .where(and(eq(roleBindings.userId, userId), eq(roleBindings.role, role), eq(roleBindings.orgId, orgId)));
  if (existing.length) return;
  await db.insert(roleBindings).values({ id: newId(), tenantId: org.tenantId, userId, role, orgId });
}
