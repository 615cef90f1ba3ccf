import type { SQL } from "drizzle-orm";
import type { ServiceContext } from "../../workflows/serviceHandlers";

/** The database or a transaction, as the core hands it to plugins (plugins do not import db/). */
export type XmDb = ServiceContext["db"];

/** Rows of a raw query: postgres.js answers an array, PGlite an object with `rows`. */
export async function queryRows<T>(db: XmDb, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
