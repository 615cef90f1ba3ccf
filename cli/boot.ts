import { getDb, type DbHandle } from "../db/client";
import { migrateDb } from "../db/migrate";
import { DEMO_LOGINS, seedDemoOrgs } from "../db/demoOrgs";
import { seedBuiltinPrograms } from "./seedPrograms";
import { startJobWorker } from "../workflows/runtime/jobWorker";
import { loadPlugins } from "./loadPlugins";

export type BootOptions = { seedDemo: boolean; startWorker: boolean };

/** Everything a process needs before serving: database, migrations, demo data, job worker. */
export async function boot(options: BootOptions) {
  loadPlugins();
  const handle: DbHandle = await getDb();
  await migrateDb(handle);
  if (options.seedDemo) {
    await seedDemoOrgs(handle.db);
    await seedBuiltinPrograms(handle.db);
  }
  const worker = options.startWorker ? startJobWorker(handle.db) : null;
  return {
    handle,
    describe(url: string) {
      const lines = [
        "",
        `  娘家 Niangjia 已启动 / is running at ${url}`,
        `  数据库 / database: ${handle.kind} (${handle.where})`,
      ];
      if (options.seedDemo) {
        lines.push("", "  演示账号 / demo logins (mobile / password):");
        for (const l of DEMO_LOGINS) lines.push(`    ${l.mobile} / ${l.password}   ${l.who}`);
      }
      return lines.join("\n") + "\n";
    },
    async stop() {
      await worker?.stop();
      await handle.close();
    },
  };
}
