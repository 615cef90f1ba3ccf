import { and, asc, desc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { programs, programVersions } from "../../db/schema";
import { getOrg } from "../../db/orgs";
import { enabledPluginIdsForOrgPath } from "../../db/pluginEnablements";
import { isPluginActive } from "../pluginCatalog";
import { approverOptionsOf } from "./approverCandidates";
import type { FormSchema } from "../../forms/schema";
import type { SessionUser } from "./identity";

/**
 * Core and studio programs (no plugin id) are open wherever their owner org reaches. A plugin's
 * program only while the plugin runs in this process and is enabled for the worker's district.
 */
function pluginAllows(pluginId: string | null, enabledForDistrict: Set<string>): boolean {
  return pluginId === null || (isPluginActive(pluginId) && enabledForDistrict.has(pluginId));
}

/** A program is open to people in the subtree of the org that owns it. */
export async function programVisibleTo(db: Queryable, user: SessionUser, programId: string) {
  if (typeof programId !== "string" || programId.length > 64) return undefined;
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) return undefined;
  const owner = await getOrg(db, program.ownerOrgId);
  if (!owner || !user.orgPath.startsWith(owner.path)) return undefined;
  if (program.pluginId !== null && !pluginAllows(program.pluginId, await enabledPluginIdsForOrgPath(db, user.orgPath))) return undefined;
  return program;
}

export async function publishedVersionFor(db: Queryable, programId: string) {
  const [version] = await db
    .select()
    .from(programVersions)
    .where(and(eq(programVersions.programId, programId), eq(programVersions.status, "published")))
    .orderBy(desc(programVersions.version))
    .limit(1);
  return version;
}

export async function listOpenPrograms(db: Queryable, user: SessionUser) {
  const rows = await db
    .select({ id: programs.id, name: programs.name, nameEn: programs.nameEn, description: programs.description, category: programs.category, ownerOrgId: programs.ownerOrgId, pluginId: programs.pluginId })
    .from(programs)
    .innerJoin(programVersions, and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")))
    .orderBy(asc(programs.createdAt), asc(programs.code));
  const seen = new Set<string>();
  const enabled = rows.some((r) => r.pluginId !== null) ? await enabledPluginIdsForOrgPath(db, user.orgPath) : new Set<string>();
  const open = [];
  for (const { pluginId, ...r } of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (!pluginAllows(pluginId, enabled)) continue;
    const owner = await getOrg(db, r.ownerOrgId);
    if (owner && user.orgPath.startsWith(owner.path)) open.push(r);
  }
  return open;
}

/** A program open to the user with its published form and, for its approver pickers, the people this user may pick. */
export async function getProgramForApply(db: Queryable, user: SessionUser, programId: string) {
  const program = await programVisibleTo(db, user, programId);
  if (!program) return undefined;
  const version = await publishedVersionFor(db, programId);
  if (!version) return undefined;
  const approverOptions = await approverOptionsOf(db, user, version.formSchema as FormSchema);
  return { program, version: { id: version.id, version: version.version, formSchema: version.formSchema, consentText: version.consentText }, approverOptions };
}
