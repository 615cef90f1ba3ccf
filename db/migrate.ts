import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DbHandle } from "./client";

const coreMigrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Which migrations to apply: the core's by default; a plugin passes its own folder and tracking table. */
export type MigrateOptions = { migrationsFolder?: string; migrationsTable?: string };

/** Apply the committed drizzle-kit migrations; safe to run at every boot. */
export async function migrateDb(handle: DbHandle, options: MigrateOptions = {}): Promise<void> {
  const config = { migrationsFolder: options.migrationsFolder ?? coreMigrationsFolder, migrationsTable: options.migrationsTable };
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, config);
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, config);
  }
}
