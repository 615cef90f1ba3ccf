import { eq } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { listPluginEnablements } from "../db/pluginEnablements";
import { pluginInstalls } from "../db/schema";
import { isPluginActive } from "../workflows/pluginCatalog";
import { installProgramTemplate } from "../workflows/services/installProgram";
import { resolveDistricts, setPluginEnabled } from "../workflows/services/pluginSettings";
import { installedPlugins, listProgramTemplates, loadPlugins } from "./loadPlugins";

/** The demo districts get every built-in program, owned by the district federation. */
export const DEMO_PROGRAM_OWNERS = ["huli", "siming"];

/**
 * Every registered program into the demo districts; a plugin that names its own demo
 * districts (a city's plugin: 泉州 → 鲤城区) goes there instead, is switched on there the
 * first time (an admin's later "off" stays off) and writes its demo rows.
 */
export async function seedBuiltinPrograms(db: Queryable): Promise<void> {
  loadPlugins();
  const plugins = installedPlugins();
  const demoOf = new Map(plugins.map((p) => [p.manifest.id, p.demo]));
  for (const owner of DEMO_PROGRAM_OWNERS) {
    for (const template of listProgramTemplates()) if (!demoOf.get(template.pluginId ?? "")) await installProgramTemplate(db, template, owner);
  }
  for (const plugin of plugins) {
    const { demo, manifest } = plugin;
    // Only a plugin migrated and installed in this database has its tables.
    if (!demo || !isPluginActive(manifest.id) || !(await db.select().from(pluginInstalls).where(eq(pluginInstalls.pluginId, manifest.id))).length) continue;
    for (const owner of demo.districts) {
      for (const template of listProgramTemplates()) if (template.pluginId === manifest.id) await installProgramTemplate(db, template, owner);
    }
    const districts = (await resolveDistricts(db)).filter((d) => demo.districts.includes(d.id));
    const decided = new Set((await listPluginEnablements(db, districts.map((d) => d.id))).filter((e) => e.pluginId === manifest.id).map((e) => e.orgId));
    const fresh = districts.filter((d) => !decided.has(d.id));
    if (fresh.length) await setPluginEnabled(db, manifest.id, fresh, true, "demo");
    await demo.seed?.({ db, hostVersion: "" });
  }
}
