import { readFile } from "node:fs/promises";
import { Command, CommanderError } from "commander";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoOrgs } from "../db/demoOrgs";
import { createUser } from "../db/users";
import { verifyAuditChain } from "../db/audit";
import { roles, type Role } from "../db/schema";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { runRetention } from "../workflows/services/retention";
import { createFileStore } from "../db/fileStore";
import { runBpmnCheck } from "../workflows/checkBpmnCli";
import { checkFormFile } from "./formCheck";
import { seedBuiltinPrograms } from "./seedPrograms";
import { loadPlugins } from "./loadPlugins";
import { startPlugins } from "./startPlugins";
import { pluginsCommand } from "./pluginsCommand";
import { programsCommand } from "./programsCommand";
import { tokensCommand } from "./tokensCommand";

/** Load every plugin and bring its tables and install up to date (what boot does). */
async function startAllPlugins(h: Awaited<ReturnType<typeof createDb>>) {
  return startPlugins(h, loadPlugins());
}

async function withDb<T>(fn: (h: Awaited<ReturnType<typeof createDb>>) => Promise<T>): Promise<T> {
  const handle = await createDb();
  try {
    await migrateDb(handle);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** Runs the CLI and returns the process exit code (0 ok, 1 refused/invalid, 2 usage error). */
export async function main(argv: string[], out: (line: string) => void = (l) => console.log(l)): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name("niangjia")
    .description("娘家 Niangjia 运维命令 / operator commands")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => out(s.trimEnd()) });

  program
    .command("migrate")
    .description("应用数据库迁移 / apply database migrations")
    .action(() =>
      withDb(async (h) => {
        const plugins = await startAllPlugins(h);
        out(`migrated ${h.kind} (${h.where})`);
        out(`plugins: ${plugins.active.map((p) => `${p.manifest.id}@${p.manifest.version}`).join(", ")}`);
        for (const f of plugins.failed) out(`plugin disabled: ${f.messageZh} / ${f.messageEn}`);
      }),
    );

  program
    .command("seed")
    .description("写入演示数据 / seed demo orgs, people and built-in programs")
    .action(() =>
      withDb(async (h) => {
        await startAllPlugins(h);
        const created = await seedDemoOrgs(h.db);
        await seedBuiltinPrograms(h.db);
        out(created ? "demo data seeded" : "demo data already present; built-in programs checked");
      }),
    );

  const user = program.command("user").description("人员 / people");
  user
    .command("add")
    .description("添加人员 / add a person")
    .requiredOption("--name <name>", "姓名 / name")
    .requiredOption("--mobile <mobile>", "手机号 / mobile")
    .requiredOption("--password <password>", "初始密码 / initial password (at least 8 characters)")
    .requiredOption("--org <orgId>", "所属组织 id / home org id")
    .option("--role <role...>", `角色 / roles: ${roles.join(", ")}`, ["member"])
    .action((opts: { name: string; mobile: string; password: string; org: string; role: string[] }) => {
      if (!/^1[3-9]\d{9}$/.test(opts.mobile)) {
        out("手机号格式不正确 / mobile must be 11 digits starting with 1");
        exitCode = 1;
        return;
      }
      if (opts.password.length < 8) {
        out("密码至少 8 位 / password must have at least 8 characters");
        exitCode = 1;
        return;
      }
      const bad = opts.role.filter((r) => !(roles as readonly string[]).includes(r));
      if (bad.length) {
        out(`未知角色 / unknown role: ${bad.join(", ")}`);
        exitCode = 1;
        return;
      }
      return withDb(async (h) => {
        try {
          const u = await createUser(h.db, { name: opts.name, mobile: opts.mobile, password: opts.password, orgId: opts.org, roles: opts.role.map((r) => ({ role: r as Role })) });
          out(JSON.stringify({ id: u.id, name: u.name, mobile: u.mobile, orgId: u.orgId, roles: opts.role }));
        } catch (err) {
          out(err instanceof Error && /users_mobile_uq|unique/i.test(err.message + String((err as { cause?: unknown }).cause)) ? "手机号已存在 / mobile already registered" : String(err instanceof Error ? err.message : err));
          exitCode = 1;
        }
      });
    });

  program
    .command("audit")
    .description("审计日志 / audit log")
    .command("verify")
    .description("校验审计哈希链 / verify the audit hash chain")
    .action(() =>
      withDb(async (h) => {
        const result = await verifyAuditChain(h.db);
        out(JSON.stringify(result));
        if (result.problems.length) exitCode = 1;
      }),
    );

  program
    .command("jobs")
    .description("后台任务 / jobs")
    .command("run")
    .description("立即执行到期任务 / run every due job now")
    .action(() =>
      withDb(async (h) => {
        await startAllPlugins(h);
        out(`ran ${await drainJobs(h.db)} job(s)`);
      }),
    );

  program
    .command("retention")
    .description("资料保存期限 / retention")
    .command("run")
    .description("清除超过保存期限的已办结申请资料和30天未提交的上传 / purge finished cases past their retention period and uploads never submitted")
    .option("--dry-run", "只列出，不清除 / list only, change nothing")
    .option("--json", "输出 JSON / print JSON")
    .action((opts: { dryRun?: boolean; json?: boolean }) =>
      withDb(async (h) => {
        const run = await runRetention(h.db, createFileStore(h), { dryRun: opts.dryRun });
        if (opts.json) return out(JSON.stringify(run));
        for (const c of run.purged) out(`${opts.dryRun ? "would purge" : "purged"} ${c.caseNo}  ${c.programName}  finished ${c.finishedAt.slice(0, 10)}  (${c.retentionYears} years)`);
        out(`${opts.dryRun ? "would purge" : "purged"} ${run.purged.length} case(s); ${opts.dryRun ? "would remove" : "removed"} ${run.orphanUploads} unsubmitted upload(s)`);
      }),
    );

  program
    .command("bpmn")
    .description("流程 / flows")
    .command("check <file>")
    .description("检查 BPMN 是否可执行 / check that a BPMN file is executable (JSON lines; exit 0 ok, 1 refused)")
    .action(async (file: string) => {
      const result = await runBpmnCheck(file);
      for (const line of result.lines) out(line);
      exitCode = result.exitCode;
    });

  program
    .command("form")
    .description("表单 / forms")
    .command("check <file>")
    .description("检查表单 JSON / check a form JSON file (JSON lines; exit 0 valid, 1 invalid)")
    .action(async (file: string) => {
      // The installation's plugins first: a form may use their field types and FEEL functions.
      loadPlugins();
      const result = await checkFormFile(file, readFile);
      for (const line of result.lines) out(line);
      exitCode = result.exitCode;
    });

  pluginsCommand(program, { out, withDb, setExitCode: (code) => (exitCode = code) });
  programsCommand(program, { out, withDb });
  tokensCommand(program, { out, withDb, setExitCode: (code) => (exitCode = code) });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    out(`错误 / error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  return exitCode;
}
