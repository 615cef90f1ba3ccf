/**
 * Plugin benchmarks (prints figures; not a test): what loading and starting the core and the
 * example plugin adds to boot (first boot migrates and installs; later boots find both done),
 * and what the per-district plugin check costs listOpenPrograms, on PGlite or DATABASE_URL.
 *   npx tsx bench/plugins.ts
 */
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { corePlugin } from "../plugins/core";
import { examplePlugin } from "../plugins/example";
import { loadPlugins } from "../cli/loadPlugins";
import { startPlugins } from "../cli/startPlugins";
import { seedBuiltinPrograms } from "../cli/seedPrograms";
import { createTestDb } from "../db/testing";
import { seedDemoOrgs } from "../db/demoOrgs";
import { users } from "../db/schema";
import { enabledPluginIdsForOrgPath } from "../db/pluginEnablements";
import { loadSessionUser } from "../workflows/services/identity";
import { listOpenPrograms } from "../workflows/services/programs";
import { resolveDistricts, setPluginEnabled } from "../workflows/services/pluginSettings";

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;

const handle = await createTestDb();
try {
  let t0 = performance.now();
  const report = loadPlugins([corePlugin, examplePlugin]);
  console.log(`load (manifest, host range, registrations) core + example: ${ms(t0)}`);
  t0 = performance.now();
  await startPlugins(handle, report);
  console.log(`first start (example migrations + install): ${ms(t0)}`);
  t0 = performance.now();
  await startPlugins(handle, report);
  console.log(`later start (nothing to migrate or install): ${ms(t0)}`);

  await seedDemoOrgs(handle.db);
  await seedBuiltinPrograms(handle.db);
  const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.mobile, "13900000001"));
  const worker = (await loadSessionUser(handle.db, row.id))!;
  await setPluginEnabled(handle.db, "example", await resolveDistricts(handle.db, "huli"), true, "bench");
  const runs = 200;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) await listOpenPrograms(handle.db, worker);
  const per = (performance.now() - t0) / runs;
  console.log(`listOpenPrograms with a plugin program enabled (${(await listOpenPrograms(handle.db, worker)).length} open): ${per.toFixed(2)} ms per call over ${runs} calls (${handle.kind})`);
  t0 = performance.now();
  for (let i = 0; i < runs; i++) await enabledPluginIdsForOrgPath(handle.db, worker.orgPath);
  console.log(`  of which the worker district's enabled plugins (one query): ${((performance.now() - t0) / runs).toFixed(2)} ms per call`);
} finally {
  await handle.close();
}
