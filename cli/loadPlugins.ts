import { readFileSync } from "node:fs";
import { plugins } from "../plugins";
import { examplePlugin } from "../plugins/example";
import type { NiangjiaPlugin, PluginRegistries } from "../plugins/types";
import { DuplicateKeyError, type Registry } from "../forms/registry";
import { coreRegistries, type CoreRegistries } from "../workflows/coreRegistries";
import { registerCoreServiceHandlers } from "../workflows/handlers";
import { CORE_PLUGIN_ID } from "../workflows/pluginCatalog";
import { checkPluginManifest, type PluginFailure } from "../workflows/pluginManifest";
import { listProgramTemplates } from "../workflows/programTemplates";

/** This host's version, which each plugin's `host` range must accept. */
export const HOST_VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

export type PluginLoadFailure = PluginFailure & { pluginId: string; version?: string; stack?: string };
export type PluginLoadReport = { active: NiangjiaPlugin[]; failed: PluginLoadFailure[] };

/**
 * The plugins this installation runs: plugins/index.ts, plus the example plugin when
 * NIANGJIA_EXAMPLE_PLUGIN=1 (for trying the admin page; it is enabled in no district).
 */
export function installedPlugins(): NiangjiaPlugin[] {
  return process.env.NIANGJIA_EXAMPLE_PLUGIN === "1" ? [...plugins, examplePlugin] : plugins;
}

const loadedInto = new WeakMap<CoreRegistries, WeakSet<NiangjiaPlugin>>();

function contributionRegistries(registries: CoreRegistries): Registry<unknown>[] {
  const { plugins: _catalog, ...rest } = registries;
  return Object.values(rest) as Registry<unknown>[];
}

/** Take back everything a failed plugin registered and mark it failed in the catalog. */
export function disablePlugin(registries: CoreRegistries, pluginId: string, failure: PluginFailure): void {
  for (const registry of contributionRegistries(registries)) registry.removeOwner(pluginId);
  const entry = registries.plugins.get(pluginId);
  if (entry) {
    entry.state = "failed";
    entry.failure = failure;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The registries as a plugin sees them: each key is registered under the plugin's id; the first duplicate is kept. */
function facadeFor(registries: CoreRegistries, pluginId: string, onConflict: (err: DuplicateKeyError) => void): PluginRegistries {
  const add = <T,>(registry: Registry<T>, key: string, value: T) => {
    const holder = registry.ownerOf(key);
    if (holder !== undefined) {
      const conflict = new DuplicateKeyError(registry.kind, key, holder, pluginId);
      onConflict(conflict);
      throw conflict;
    }
    registry.register(key, value, pluginId);
  };
  const fn = (what: string, value: unknown) => {
    if (typeof value !== "function") throw new Error(`${what} 必须是函数 / ${what} must be a function`);
  };
  return {
    fieldType: (fieldType) => add(registries.fieldTypes, fieldType.type, fieldType),
    serviceHandler: (id, handler) => {
      fn(`service handler ${id}`, handler);
      add(registries.serviceHandlers, id, handler);
    },
    programTemplate: (template) => add(registries.programTemplates, template.key, { ...template, pluginId: pluginId === CORE_PLUGIN_ID ? null : pluginId }),
    feelFunction: (name, feelFn) => {
      fn(`FEEL function ${name}`, feelFn);
      add(registries.feelFunctions, name, feelFn);
    },
    notificationChannel: (channel) => {
      fn(`notification channel ${channel.id} send`, channel.send);
      add(registries.notificationChannels, channel.id, channel);
    },
    dashboardWidget: (widget) => {
      fn(`dashboard widget ${widget.id} loader`, widget.loader);
      add(registries.dashboardWidgets, widget.id, widget);
    },
    admissionHook: (hook) => {
      fn(`admission hook ${hook.programKey} hold`, hook.hold);
      fn(`admission hook ${hook.programKey} release`, hook.release);
      add(registries.admissionHooks, hook.programKey, hook);
    },
    page: (page) => {
      fn(`page ${page.id} load`, page.load);
      add(registries.pages, page.id, page);
    },
  };
}

/**
 * Check each plugin's manifest and host range, then let it register (synchronously, no
 * database). A duplicate key — two plugins, or a plugin and the core, claiming one name —
 * throws and stops boot. A plugin that throws, or whose manifest or host range does not
 * fit, is left out (its registrations taken back) and reported; the others keep loading.
 * Loading the same plugin object again is a no-op, so every entry point may call this.
 */
export function loadPlugins(list: readonly NiangjiaPlugin[] = installedPlugins(), registries: CoreRegistries = coreRegistries): PluginLoadReport {
  if (registries === coreRegistries) registerCoreServiceHandlers();
  let done = loadedInto.get(registries);
  if (!done) loadedInto.set(registries, (done = new WeakSet()));
  const report: PluginLoadReport = { active: [], failed: [] };

  const fail = (failure: PluginLoadFailure) => {
    // The core's own plugin is part of the host: if it cannot load, nothing should start.
    if (failure.pluginId === CORE_PLUGIN_ID) throw new Error(`${failure.messageZh} / ${failure.messageEn}`);
    report.failed.push(failure);
  };

  list.forEach((plugin, index) => {
    if (typeof plugin !== "object" || plugin === null) {
      fail({ stage: "manifest", messageZh: `第 ${index + 1} 个插件不是对象`, messageEn: `plugin #${index + 1} is not an object`, pluginId: `#${index + 1}` });
      return;
    }
    if (done.has(plugin)) {
      if (registries.plugins.get(plugin.manifest.id)?.state === "active") report.active.push(plugin);
      return;
    }
    done.add(plugin);
    const rawId = (plugin as { manifest?: { id?: unknown } }).manifest?.id;
    const check = checkPluginManifest(plugin.manifest, HOST_VERSION);
    if (!check.ok && check.failure.stage === "manifest") {
      fail({ ...check.failure, pluginId: typeof rawId === "string" && rawId ? rawId.slice(0, 64) : `#${index + 1}` });
      return;
    }
    const manifest = plugin.manifest;
    const id = manifest.id;
    // Owner `id@version`, so two plugins with one id are told apart in the message.
    registries.plugins.register(id, { manifest, state: "failed" }, `${id}@${manifest.version}`);
    if (!check.ok) {
      disablePlugin(registries, id, check.failure);
      fail({ ...check.failure, pluginId: id, version: manifest.version });
      return;
    }

    let conflict: DuplicateKeyError | undefined;
    let thrown: unknown;
    try {
      const facade = facadeFor(registries, id, (err) => (conflict ??= err));
      const result: unknown = plugin.load(facade);
      if (result && typeof (result as { then?: unknown }).then === "function") {
        throw new Error("load() 必须同步注册（安装时的异步工作放在 install 中） / load() must register synchronously (put async work in install)");
      }
      for (const [name, feelFn] of Object.entries(plugin.forms?.feelFunctions ?? {})) facade.feelFunction(name, feelFn);
      for (const fieldType of plugin.forms?.fieldTypes ?? []) facade.fieldType(fieldType);
    } catch (err) {
      thrown = err;
    }
    if (conflict) throw conflict;
    if (thrown !== undefined) {
      const failure: PluginFailure = {
        stage: "load",
        messageZh: `插件「${id}」加载时出错：${messageOf(thrown)}`,
        messageEn: `plugin "${id}" threw while loading: ${messageOf(thrown)}`,
      };
      disablePlugin(registries, id, failure);
      fail({ ...failure, pluginId: id, version: manifest.version, stack: thrown instanceof Error ? thrown.stack : undefined });
      return;
    }
    registries.plugins.get(id)!.state = "active";
    report.active.push(plugin);
  });
  return report;
}

export { listProgramTemplates };
