import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "postgres" | "pglite";
  /** A description safe to print (no password). */
  where: string;
  close: () => Promise<void>;
};

export type CreateDbOptions = { databaseUrl?: string; dataDir?: string; inMemory?: boolean };

/** postgres.js when a DATABASE_URL is given, otherwise PGlite stored under `.data/` (DATA_DIR overrides). */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(databaseUrl, { max: Number(process.env.DB_POOL_SIZE ?? 10), onnotice: () => {} });
    const db = drizzle(client, { schema }) as unknown as Db;
    const url = new URL(databaseUrl);
    url.password = "";
    return { db, kind: "postgres", where: url.toString(), close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let dataDir: string | undefined;
  if (!options.inMemory) {
    dataDir = path.resolve(options.dataDir ?? process.env.DATA_DIR ?? ".data");
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", where: dataDir ?? "memory", close: () => client.close() };
}

const GLOBAL_KEY = Symbol.for("niangjia.db");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DbHandle> };

/**
 * The process-wide database. Kept on globalThis because server.ts and the bundled Remix
 * build each get their own copy of this module, and PGlite allows one instance per data dir.
 */
export function getDb(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  g[GLOBAL_KEY] ??= createDb();
  return g[GLOBAL_KEY];
}

/** Install a handle as the process-wide database (tests and the server boot). */
export function setDb(handle: DbHandle): void {
  (globalThis as GlobalWithDb)[GLOBAL_KEY] = Promise.resolve(handle);
}
