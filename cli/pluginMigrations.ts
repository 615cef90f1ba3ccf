import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { DbHandle } from "../db/client";
import { migrateDb } from "../db/migrate";
import type { NiangjiaPlugin } from "../plugins/types";

const NAME = String.raw`(?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?`;

/** Statements that name a database object, and which capture groups hold the names. */
const NAMING_STATEMENTS: RegExp[] = [
  new RegExp(String.raw`\bcreate\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(${NAME})\s+on\s+(?:only\s+)?(${NAME})`, "gi"),
  new RegExp(String.raw`\bcreate\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+|unlogged\s+|materialized\s+)?(?:table|type|sequence|view|function|procedure|schema|extension)\s+(?:if\s+not\s+exists\s+)?(${NAME})`, "gi"),
  new RegExp(String.raw`\b(?:alter|drop)\s+(?:table|index|type|sequence|view|materialized\s+view|function|procedure|schema)\s+(?:concurrently\s+)?(?:if\s+exists\s+)?(?:only\s+)?(${NAME})`, "gi"),
  // A trigger's events (`BEFORE UPDATE OR DELETE ON t`, `UPDATE OF col`) are not writes.
  new RegExp(String.raw`(?:\btruncate(?:\s+table)?|\binsert\s+into|(?<!\bon\s+)\bupdate(?!\s+(?:or|on|of)\b)|\bdelete\s+from)\s+(?:only\s+)?(${NAME})`, "gi"),
  new RegExp(String.raw`\bcreate\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger\s+(${NAME})\s+(?:before|after|instead\s+of)\s+[\w\s,"]+?\bon\s+(${NAME})`, "gi"),
];

function bareName(raw: string): { schema: string | null; name: string } {
  const parts = raw.split(/\s*\.\s*/).map((p) => p.replace(/^"|"$/g, ""));
  return parts.length === 2 ? { schema: parts[0], name: parts[1] } : { schema: null, name: parts[0] };
}

/**
 * Names in a plugin's migration SQL that are not its own: everything it creates, alters,
 * drops or writes must be called `p_<pluginId>_…` in the public schema. A guard against
 * mistakes (a plugin is trusted code), so that two plugins and the core never share a name.
 */
export function foreignNamesInSql(sql: string, pluginId: string): string[] {
  const prefix = `p_${pluginId}_`;
  const text = sql.replace(/--[^\n]*/g, " ").replace(/\/\*[\s\S]*?\*\//g, " ").replace(/'(?:[^']|'')*'/g, "''");
  const foreign = new Set<string>();
  for (const pattern of NAMING_STATEMENTS) {
    for (const match of text.matchAll(pattern)) {
      for (const raw of match.slice(1)) {
        if (!raw) continue;
        const { schema, name } = bareName(raw);
        const otherSchema = schema !== null && schema !== "public";
        if (otherSchema || !name.startsWith(prefix)) foreign.add(otherSchema ? `${schema}.${name}` : name);
      }
    }
  }
  return [...foreign].sort();
}

/** The drizzle tracking table of a plugin's migrations (in the `drizzle` schema, beside the core's). */
export function pluginMigrationsTable(pluginId: string): string {
  return `__drizzle_migrations_${pluginId}`;
}

/** Check and apply a plugin's own migrations; throws a bilingual message when they name foreign objects or fail. */
export async function migratePlugin(handle: DbHandle, plugin: NiangjiaPlugin): Promise<void> {
  const folder = plugin.migrationsFolder;
  if (!folder) return;
  const id = plugin.manifest.id;
  if (!existsSync(path.join(folder, "meta", "_journal.json"))) {
    throw new Error(`插件「${id}」的迁移目录 ${folder} 缺少 meta/_journal.json（用 drizzle-kit generate 生成） / plugin "${id}" migrations folder ${folder} has no meta/_journal.json (generate it with drizzle-kit generate)`);
  }
  const foreign = readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .flatMap((f) => foreignNamesInSql(readFileSync(path.join(folder, f), "utf8"), id));
  if (foreign.length) {
    const names = [...new Set(foreign)].join(", ");
    throw new Error(`插件「${id}」的迁移只能操作以 p_${id}_ 开头的表、索引和类型，发现：${names} / plugin "${id}" migrations may only touch tables, indexes and types named p_${id}_…; found: ${names}`);
  }
  await migrateDb(handle, { migrationsFolder: folder, migrationsTable: pluginMigrationsTable(id) });
}
