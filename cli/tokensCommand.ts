import type { Command } from "commander";
import type { DbHandle } from "../db/client";
import { API_TOKEN_SCOPES, createApiToken, listApiTokens, revokeApiToken, type ApiTokenScope } from "../workflows/services/apiTokens";

type CommandIo = {
  out: (line: string) => void;
  withDb: <T>(fn: (h: DbHandle) => Promise<T>) => Promise<T>;
  setExitCode: (code: number) => void;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** `niangjia tokens create --user MOBILE --name NAME | list [--user MOBILE] [--json] | revoke ID`. */
export function tokensCommand(program: Command, { out, withDb, setExitCode }: CommandIo): void {
  const tokens = program.command("tokens").description("个人 API 令牌 / personal API tokens");

  tokens
    .command("create")
    .description("为某人创建 API 令牌，令牌只显示这一次 / create an API token for a person; the token is printed once")
    .requiredOption("--user <mobile>", "人员手机号 / the person's mobile")
    .requiredOption("--name <name>", "令牌名称（用途）/ what the token is for")
    .option("--expires-days <days>", "有效天数 / valid for this many days (default: until revoked)")
    .option("--scope <scope...>", `权限范围 / scopes: ${API_TOKEN_SCOPES.join(", ")} (default: everything the person may do)`)
    .action((opts: { user: string; name: string; expiresDays?: string; scope?: string[] }) => {
      const bad = (opts.scope ?? []).filter((s) => !(API_TOKEN_SCOPES as readonly string[]).includes(s));
      if (bad.length) {
        out(`未知权限范围 / unknown scope: ${bad.join(", ")}`);
        setExitCode(1);
        return;
      }
      const expiresInDays = opts.expiresDays === undefined ? undefined : Number(opts.expiresDays);
      return withDb(async (h) => {
        const result = await createApiToken(h.db, { mobile: opts.user, name: opts.name, expiresInDays, scopes: opts.scope as ApiTokenScope[] | undefined });
        if (!result.ok) {
          out(`${result.messageZh} / ${result.messageEn}`);
          setExitCode(1);
          return;
        }
        out(`令牌已创建，只显示这一次，请妥善保存 / token created; it is shown only this once, keep it safe:`);
        out(result.token);
        out(JSON.stringify({ id: result.id, user: result.userName, name: opts.name.trim(), expiresAt: iso(result.expiresAt), scopes: opts.scope ?? null }));
      });
    });

  tokens
    .command("list")
    .description("列出 API 令牌（不含令牌本身）/ list API tokens (never the tokens themselves)")
    .option("--user <mobile>", "只列出此人的令牌 / only this person's tokens")
    .option("--json", "输出 JSON / print JSON")
    .action((opts: { user?: string; json?: boolean }) =>
      withDb(async (h) => {
        const rows = await listApiTokens(h.db, opts.user);
        if (!Array.isArray(rows)) {
          out(`${rows.messageZh} / ${rows.messageEn}`);
          setExitCode(1);
          return;
        }
        const views = rows.map((r) => ({
          id: r.id,
          name: r.name,
          user: { id: r.userId, name: r.userName, mobile: r.userMobile },
          scopes: r.scopes,
          createdAt: iso(r.createdAt),
          lastUsedAt: iso(r.lastUsedAt),
          expiresAt: iso(r.expiresAt),
          revokedAt: iso(r.revokedAt),
        }));
        if (opts.json) {
          out(JSON.stringify(views, null, 2));
          return;
        }
        if (!views.length) out("没有令牌 / no tokens");
        for (const v of views) {
          const state = v.revokedAt ? `revoked ${v.revokedAt}` : v.expiresAt && v.expiresAt < new Date().toISOString() ? `expired ${v.expiresAt}` : "active";
          out(`${v.id}  ${v.name}  ${v.user.name} (${v.user.mobile})  ${state}  created ${v.createdAt}  last used ${v.lastUsedAt ?? "never"}${v.scopes ? `  scopes ${v.scopes.join(",")}` : ""}`);
        }
      }),
    );

  tokens
    .command("revoke <id>")
    .description("吊销 API 令牌 / revoke an API token")
    .action((id: string) =>
      withDb(async (h) => {
        if (await revokeApiToken(h.db, id)) {
          out(`已吊销 / revoked ${id}`);
          return;
        }
        out(`没有这个有效令牌 / no live token with id ${id}`);
        setExitCode(1);
      }),
    );
}
