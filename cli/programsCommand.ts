import type { Command } from "commander";
import type { DbHandle } from "../db/client";
import { listProgramCatalog } from "../workflows/services/programCatalog";

type CommandIo = { out: (line: string) => void; withDb: <T>(fn: (h: DbHandle) => Promise<T>) => Promise<T> };

/** `niangjia programs list [--json]`: programs with their versions, status and case counts. */
export function programsCommand(program: Command, { out, withDb }: CommandIo): void {
  program
    .command("programs")
    .description("项目 / programs")
    .command("list")
    .description("列出项目及其版本和状态 / list programs with their versions and status")
    .option("--json", "输出 JSON / print JSON")
    .action((opts: { json?: boolean }) =>
      withDb(async (h) => {
        const list = await listProgramCatalog(h.db);
        if (opts.json) {
          out(JSON.stringify(list, null, 2));
          return;
        }
        for (const p of list) {
          const versions = p.versions.map((v) => `v${v.version} ${v.status}`).join(", ") || "no versions";
          const cases = Object.entries(p.cases).map(([s, n]) => `${s} ${n}`).join(", ") || "no cases";
          out(`${p.code}  ${p.name.zh} / ${p.name.en}  (${p.ownerOrg.name})  ${versions}  [${cases}]`);
        }
      }),
    );
}
