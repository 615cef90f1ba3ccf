import type { Queryable } from "../../db/client";
import { orgsInSubtree } from "../../db/orgs";
import type { SessionUser } from "./identity";

export type AdministeredOrg = { id: string; name: string; level: string; path: string };

/** The unions under the admin's admin roles in one tenant, the highest first, then in tree order. */
export async function orgsAdministeredBy(db: Queryable, admin: SessionUser, tenantId: string): Promise<AdministeredOrg[]> {
  const found = new Map<string, AdministeredOrg>();
  for (const grant of admin.grants.filter((g) => g.role === "admin")) {
    for (const org of await orgsInSubtree(db, grant.orgPath)) if (org.tenantId === tenantId) found.set(org.id, { id: org.id, name: org.name, level: org.level, path: org.path });
  }
  return [...found.values()].sort((a, b) => a.path.split("/").length - b.path.split("/").length || a.path.localeCompare(b.path));
}
