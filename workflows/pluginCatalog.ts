import { sharedRegistry } from "../forms/registry";
import type { PluginFailure, PluginManifest } from "./pluginManifest";

/** The core's own plugin (built-in programs): always on, its programs carry no plugin id. */
export const CORE_PLUGIN_ID = "core";

export type PluginCatalogEntry = {
  manifest: PluginManifest;
  /** active: loaded, migrated and installed; failed: disabled in this process, see `failure`. */
  state: "active" | "failed";
  failure?: PluginFailure;
};

/** Every plugin this process was given, by id, with whether it is running. A second plugin with the same id stops boot. */
export const pluginCatalog = sharedRegistry<PluginCatalogEntry>({ id: "plugin", zh: "插件", en: "plugin" });

export function isPluginActive(pluginId: string): boolean {
  return pluginCatalog.get(pluginId)?.state === "active";
}

export function listPluginCatalog(): PluginCatalogEntry[] {
  return pluginCatalog.values();
}
