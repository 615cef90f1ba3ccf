import { plugins } from "../plugins";
import type { PluginRegistries } from "../plugins/types";
import { registerCoreServiceHandlers } from "../workflows/handlers";
import { listProgramTemplates, registerProgramTemplate } from "../workflows/programTemplates";
import { registerServiceHandler } from "../workflows/serviceHandlers";

let loaded = false;

/** Register the core's handlers and every plugin's contributions, once per process. */
export function loadPlugins(): void {
  if (loaded) return;
  loaded = true;
  registerCoreServiceHandlers();
  const registries: PluginRegistries = { programTemplate: registerProgramTemplate, serviceHandler: registerServiceHandler };
  for (const plugin of plugins) plugin.load(registries);
}

export { listProgramTemplates };
