import { eq, or } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { openIncidents } from "../../db/incidents";
import { orgOfLevel, type OrgRow } from "../../db/orgs";
import { listPluginEnablements, setPluginEnablement } from "../../db/pluginEnablements";
import { orgs, pluginInstalls } from "../../db/schema";
import { CORE_PLUGIN_ID, listPluginCatalog, pluginCatalog } from "../pluginCatalog";
import { PluginCommandError } from "../pluginCommandError";
import type { PluginFailure } from "../pluginManifest";
import { hasRoleOver, type SessionUser } from "./identity";

export type PluginDistrictState = { orgId: string; orgName: string; enabled: boolean };

export type PluginView = {
  id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string } | null;
  version: string;
  /** The host versions the plugin accepts (semver range). */
  host: string;
  state: "active" | "failed";
  failure: PluginFailure | null;
  /** The core's own programs cannot be switched off. */
  alwaysOn: boolean;
  installedVersion: string | null;
  districts: PluginDistrictState[];
};

export type PluginIncidentView = { pluginId: string; stage: string; messageZh: string; messageEn: string; occurrences: number; lastSeenAt: string };

/** Every plugin this process knows, with install state and whether each given district has it on. */
export async function listPlugins(db: Queryable, districts: OrgRow[]): Promise<PluginView[]> {
  const installs = new Map((await db.select().from(pluginInstalls)).map((r) => [r.pluginId, r.installedVersion]));
  const enablements = await listPluginEnablements(db, districts.map((d) => d.id));
  const on = new Set(enablements.filter((e) => e.enabled).map((e) => `${e.pluginId}|${e.orgId}`));
  return listPluginCatalog().map(({ manifest, state, failure }) => {
    const alwaysOn = manifest.id === CORE_PLUGIN_ID;
    return {
      id: manifest.id,
      name: manifest.name,
      description: manifest.description ?? null,
      version: manifest.version,
      host: manifest.host,
      state,
      failure: failure ?? null,
      alwaysOn,
      installedVersion: installs.get(manifest.id) ?? null,
      districts: districts.map((d) => ({ orgId: d.id, orgName: d.name, enabled: alwaysOn || on.has(`${manifest.id}|${d.id}`) })),
    };
  });
}

async function districtsGovernedBy(db: Queryable, user: SessionUser): Promise<OrgRow[]> {
  return (await orgOfLevel(db, "district")).filter((d) => hasRoleOver(user, "admin", d.path)).sort((a, b) => a.path.localeCompare(b.path));
}

/** The admin page: plugins with a switch for each district the admin governs, and open plugin incidents. */
export async function listPluginsForAdmin(db: Queryable, user: SessionUser) {
  const districts = await districtsGovernedBy(db, user);
  const incidents: PluginIncidentView[] = (await openIncidents(db, "plugin")).map((i) => ({
    pluginId: i.subject,
    stage: i.code,
    messageZh: (i.detail as { messageZh?: string }).messageZh ?? i.message,
    messageEn: (i.detail as { messageEn?: string }).messageEn ?? i.message,
    occurrences: i.occurrences,
    lastSeenAt: i.lastSeenAt.toISOString(),
  }));
  return { districts: districts.map((d) => ({ id: d.id, name: d.name })), plugins: await listPlugins(db, districts), incidents };
}

/** A plugin that can be switched: known to this process and not the core. */
export function switchablePlugin(pluginId: string): string {
  if (pluginId === CORE_PLUGIN_ID) {
    throw new PluginCommandError("coreAlwaysOn", "基础项目（core）始终启用，不能停用或单独启用", "the core plugin is always on; it cannot be enabled or disabled", 400);
  }
  if (!pluginCatalog.has(pluginId)) {
    const known = pluginCatalog.keys().join(", ") || "-";
    throw new PluginCommandError("unknownPlugin", `未知插件「${pluginId}」；已知插件：${known}`, `unknown plugin "${pluginId}"; known plugins: ${known}`, 404);
  }
  return pluginId;
}

/**
 * The districts an operator means by `--org`: a district by id, credit code or exact name;
 * a city (市总) means every district under it; nothing means every district.
 */
export async function resolveDistricts(db: Queryable, ref?: string): Promise<OrgRow[]> {
  if (ref === undefined) return (await orgOfLevel(db, "district")).sort((a, b) => a.path.localeCompare(b.path));
  const wanted = ref.trim();
  const [org] = wanted ? await db.select().from(orgs).where(or(eq(orgs.id, wanted), eq(orgs.creditCode, wanted), eq(orgs.name, wanted))).limit(1) : [];
  if (!org) throw new PluginCommandError("unknownOrg", `组织不存在：${ref}（可用 id、统一社会信用代码或全称）`, `no such org: ${ref} (use its id, credit code or full name)`, 404);
  if (org.level === "district") return [org];
  if (org.level === "city") return (await orgOfLevel(db, "district")).filter((d) => d.path.startsWith(org.path)).sort((a, b) => a.path.localeCompare(b.path));
  throw new PluginCommandError(
    "notDistrict",
    `「${org.name}」（${org.id}）不是区总工会；插件按区启用，请指定所在的区`,
    `"${org.name}" (${org.id}) is not a district federation; plugins are enabled per district, name its district`,
    400,
  );
}

/** Switch a plugin on or off for each given district; returns what changed. */
export async function setPluginEnabled(db: Queryable, pluginId: string, districts: OrgRow[], enabled: boolean, updatedBy: string): Promise<PluginDistrictState[]> {
  switchablePlugin(pluginId);
  await db.transaction(async (tx) => {
    for (const d of districts) await setPluginEnablement(tx, { tenantId: d.tenantId, pluginId, orgId: d.id, enabled, updatedBy });
  });
  return districts.map((d) => ({ orgId: d.id, orgName: d.name, enabled }));
}

/** The admin page's switch: only for a district the admin governs (an admin binding at it or above). */
export async function setPluginEnabledByAdmin(db: Queryable, user: SessionUser, pluginId: string, districtId: string, enabled: boolean): Promise<PluginDistrictState> {
  switchablePlugin(pluginId);
  const district = (await districtsGovernedBy(db, user)).find((d) => d.id === districtId);
  if (!district) throw new PluginCommandError("notYourDistrict", "您不是该区的管理员", "you are not an admin of that district", 403);
  const [changed] = await setPluginEnabled(db, pluginId, [district], enabled, user.id);
  return changed;
}
