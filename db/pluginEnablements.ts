import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "./client";
import { orgs, pluginEnablements } from "./schema";

export type PluginEnablementRow = typeof pluginEnablements.$inferSelect;

/**
 * Plugins enabled for the district (区总 org) on the chain of `orgPath` — the district a
 * worker belongs to. Someone above district level (市总) belongs to no district: empty set.
 */
export async function enabledPluginIdsForOrgPath(db: Queryable, orgPath: string): Promise<Set<string>> {
  const chain = orgPath.split("/").filter(Boolean);
  if (chain.length === 0) return new Set();
  const rows = await db
    .select({ pluginId: pluginEnablements.pluginId })
    .from(pluginEnablements)
    .innerJoin(orgs, and(eq(orgs.id, pluginEnablements.orgId), eq(orgs.tenantId, pluginEnablements.tenantId)))
    .where(and(inArray(pluginEnablements.orgId, chain), eq(orgs.level, "district"), eq(pluginEnablements.enabled, true)));
  return new Set(rows.map((r) => r.pluginId));
}

/** Turn a plugin on or off for one district org (insert or update; `updatedBy` is a user id or `cli`). */
export async function setPluginEnablement(
  db: Queryable,
  row: { tenantId: string; pluginId: string; orgId: string; enabled: boolean; updatedBy: string },
): Promise<void> {
  await db
    .insert(pluginEnablements)
    .values(row)
    .onConflictDoUpdate({
      target: [pluginEnablements.tenantId, pluginEnablements.pluginId, pluginEnablements.orgId],
      set: { enabled: row.enabled, updatedBy: row.updatedBy, updatedAt: sql`now()` },
    });
}

export async function listPluginEnablements(db: Queryable, orgIds?: string[]): Promise<PluginEnablementRow[]> {
  if (orgIds && orgIds.length === 0) return [];
  return db.select().from(pluginEnablements).where(orgIds ? inArray(pluginEnablements.orgId, orgIds) : undefined);
}
