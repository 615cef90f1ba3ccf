import { getDb, type DbHandle } from "../db/client";
import { migrateDb } from "../db/migrate";
import { DEMO_LOGINS, seedDemoOrgs } from "../db/demoOrgs";
import { seedBuiltinPrograms } from "./seedPrograms";
import { startJobWorker } from "../workflows/runtime/jobWorker";
import { startRetentionSweep } from "../workflows/services/retention";
import { getFileStore } from "../db/fileStore";
import { loadPlugins } from "./loadPlugins";
import { startPlugins } from "./startPlugins";

export type BootOptions = { seedDemo: boolean; startWorker: boolean };

/**
 * Everything a process needs before serving: plugins, database, migrations (the core's, then
 * each plugin's), plugin installs, demo data, job worker. A duplicate registry key throws here
 * and stops boot; a plugin that fails is disabled, reported as an incident, and boot goes on.
 */
export async function boot(options: BootOptions) {
  const loaded = loadPlugins();
  const handle: DbHandle = await getDb();
  await migrateDb(handle);
  const plugins = await startPlugins(handle, loaded);
  if (options.seedDemo) {
    await seedDemoOrgs(handle.db);
    await seedBuiltinPrograms(handle.db);
  }
  const worker = options.startWorker ? startJobWorker(handle.db) : null;
  const retention = options.startWorker ? startRetentionSweep(handle.db, getFileStore) : null;
  return {
    handle,
    describe(url: string) {
      const lines = [
        "",
        `  娘家 Niangjia 已启动 / is running at ${url}`,
        `  数据库 / database: ${handle.kind} (${handle.where})`,
        `  插件 / plugins: ${plugins.active.map((p) => `${p.manifest.id}@${p.manifest.version}`).join(", ") || "-"}`,
      ];
      if (plugins.failed.length) lines.push(`  已停用的插件 / disabled plugins: ${plugins.failed.map((f) => `${f.pluginId} (${f.stage})`).join(", ")}`);
      if (options.seedDemo) {
        lines.push("", "  演示账号 / demo logins (mobile / password):");
        for (const l of DEMO_LOGINS) lines.push(`    ${l.mobile} / ${l.password}   ${l.who}`);
      }
      return lines.join("\n") + "\n";
    },
    async stop() {
      await worker?.stop();
      await retention?.stop();
      await handle.close();
    },
  };
}
