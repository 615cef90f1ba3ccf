import type { ProgramTemplate } from "../workflows/programTemplates";
import type { ServiceHandler } from "../workflows/serviceHandlers";

/** What a plugin may register: named things in registries the core owns. */
export type PluginRegistries = {
  programTemplate: (template: ProgramTemplate) => void;
  serviceHandler: (id: string, handler: ServiceHandler) => void;
};

export type PluginManifest = {
  id: string;
  name: { zh: string; en: string };
  version: string;
  /** semver range of the host this plugin was written for */
  host: string;
  description?: { zh: string; en: string };
};

export type NiangjiaPlugin = {
  manifest: PluginManifest;
  /** Called at every boot; registers into the core's registries. */
  load: (registries: PluginRegistries) => void;
};
