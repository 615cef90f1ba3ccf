import type { Command } from "commander";
import type { DbHandle } from "../db/client";
import { PluginCommandError } from "../workflows/pluginCommandError";
import { listPlugins, resolveDistricts, setPluginEnabled, switchablePlugin } from "../workflows/services/pluginSettings";
import { loadPlugins } from "./loadPlugins";

type CommandIo = {
  out: (line: string) => void;
  withDb: <T>(fn: (h: DbHandle) => Promise<T>) => Promise<T>;
  setExitCode: (code: number) => void;
};

/** `niangjia plugins list [--json] | enable ID [--org X] | disable ID [--org X]`. */
export function pluginsCommand(program: Command, { out, withDb, setExitCode }: CommandIo): void {
  const refuse = (err: unknown) => {
    if (!(err instanceof PluginCommandError)) throw err;
    out(`${err.messageZh} / ${err.messageEn}`);
    setExitCode(1);
  };

  const plugins = program.command("plugins").description("插件 / plugins");

  plugins
    .command("list")
    .description("列出插件及各区启用情况 / list plugins, install state and per-district enablement")
    .option("--json", "输出 JSON / print JSON")
    .action((opts: { json?: boolean }) =>
      withDb(async (h) => {
        loadPlugins();
        const views = await listPlugins(h.db, await resolveDistricts(h.db));
        if (opts.json) {
          out(JSON.stringify(views, null, 2));
          return;
        }
        for (const p of views) {
          const installed = p.installedVersion ? `installed ${p.installedVersion}` : "not installed";
          out(`${p.id}  ${p.name.zh} / ${p.name.en}  ${p.version} (${installed}, host ${p.host})  ${p.state}${p.failure ? `: ${p.failure.messageEn}` : ""}`);
          for (const d of p.districts) out(`    ${d.enabled ? "on " : "off"}  ${d.orgName} (${d.orgId})`);
        }
      }),
    );

  const toggle = (enabled: boolean) => (id: string, opts: { org?: string }) => {
    loadPlugins();
    try {
      switchablePlugin(id);
    } catch (err) {
      return refuse(err);
    }
    return withDb(async (h) => {
      try {
        const districts = await resolveDistricts(h.db, opts.org);
        if (districts.length === 0) {
          out("没有区总工会可以设置 / there is no district federation to set");
          setExitCode(1);
          return;
        }
        for (const d of await setPluginEnabled(h.db, id, districts, enabled, "cli")) {
          out(`${enabled ? "enabled" : "disabled"} ${id} for ${d.orgName} (${d.orgId})`);
        }
      } catch (err) {
        refuse(err);
      }
    });
  };

  plugins
    .command("enable <id>")
    .description("为区启用插件 / enable a plugin for a district (default: every district)")
    .option("--org <org>", "区总工会或市总工会的 id、信用代码或全称 / district or city org: id, credit code or full name")
    .action(toggle(true));

  plugins
    .command("disable <id>")
    .description("为区停用插件 / disable a plugin for a district (default: every district)")
    .option("--org <org>", "区总工会或市总工会的 id、信用代码或全称 / district or city org: id, credit code or full name")
    .action(toggle(false));
}
