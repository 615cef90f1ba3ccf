import { eq, sql } from "drizzle-orm";
import type { DbHandle, Queryable } from "../db/client";
import { recordIncident, resolveIncidents } from "../db/incidents";
import { pluginInstalls } from "../db/schema";
import type { NiangjiaPlugin } from "../plugins/types";
import { coreRegistries, type CoreRegistries } from "../workflows/coreRegistries";
import { CORE_PLUGIN_ID } from "../workflows/pluginCatalog";
import type { PluginFailure } from "../workflows/pluginManifest";
import { HOST_VERSION, disablePlugin, type PluginLoadFailure, type PluginLoadReport } from "./loadPlugins";
import { migratePlugin } from "./pluginMigrations";

/** Incidents about plugins carry this source; the subject is the plugin id. */
export const PLUGIN_INCIDENT_SOURCE = "plugin";

/**
 * Run a plugin's `install` hook once per database: the `plugin_installs` row is claimed and
 * the hook runs in one transaction, so a failing hook leaves nothing behind (it is retried at
 * the next boot) and two processes booting together install once. A newer version updates the row.
 */
export async function installPlugin(db: Queryable, plugin: NiangjiaPlugin): Promise<"installed" | "upgraded" | "present"> {
  const { id, version } = plugin.manifest;
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(pluginInstalls).values({ pluginId: id, installedVersion: version }).onConflictDoNothing().returning({ id: pluginInstalls.pluginId });
    if (claimed.length) {
      await plugin.install?.({ db: tx, hostVersion: HOST_VERSION });
      return "installed";
    }
    const [row] = await tx.select().from(pluginInstalls).where(eq(pluginInstalls.pluginId, id));
    if (row?.installedVersion === version) return "present";
    await tx.update(pluginInstalls).set({ installedVersion: version, updatedAt: sql`now()` }).where(eq(pluginInstalls.pluginId, id));
    return "upgraded";
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The database half of a plugin's start, after `loadPlugins`: its own migrations, then its
 * install hook. A plugin failing either is disabled (registrations taken back) and reported.
 * Every failure of this boot — load-time ones included — becomes an incident an admin sees on
 * the plugins page; a plugin that starts cleanly closes its open incidents.
 */
export async function startPlugins(handle: DbHandle, report: PluginLoadReport, registries: CoreRegistries = coreRegistries): Promise<PluginLoadReport> {
  const result: PluginLoadReport = { active: [], failed: [...report.failed] };
  for (const plugin of report.active) {
    const { id, version } = plugin.manifest;
    let failure: PluginFailure | null = null;
    let stack: string | undefined;
    try {
      await migratePlugin(handle, plugin);
    } catch (err) {
      failure = { stage: "migrate", messageZh: `插件「${id}」的数据库迁移失败：${messageOf(err)}`, messageEn: `plugin "${id}" migrations failed: ${messageOf(err)}` };
      stack = err instanceof Error ? err.stack : undefined;
    }
    if (!failure) {
      try {
        await installPlugin(handle.db, plugin);
      } catch (err) {
        failure = { stage: "install", messageZh: `插件「${id}」安装失败：${messageOf(err)}`, messageEn: `plugin "${id}" install failed: ${messageOf(err)}` };
        stack = err instanceof Error ? err.stack : undefined;
      }
    }
    if (failure) {
      if (id === CORE_PLUGIN_ID) throw new Error(`${failure.messageZh} / ${failure.messageEn}`);
      disablePlugin(registries, id, failure);
      result.failed.push({ ...failure, pluginId: id, version, stack });
      continue;
    }
    await resolveIncidents(handle.db, PLUGIN_INCIDENT_SOURCE, id);
    result.active.push(plugin);
  }
  for (const f of result.failed) await recordPluginIncident(handle.db, f);
  return result;
}

async function recordPluginIncident(db: Queryable, f: PluginLoadFailure): Promise<void> {
  await recordIncident(db, {
    source: PLUGIN_INCIDENT_SOURCE,
    subject: f.pluginId,
    code: f.stage,
    message: `${f.messageZh} / ${f.messageEn}`,
    detail: { messageZh: f.messageZh, messageEn: f.messageEn, version: f.version ?? null, stack: f.stack?.slice(0, 4000) ?? null },
  });
  console.error(`插件已停用 / plugin disabled: ${f.messageZh} / ${f.messageEn}`);
}
