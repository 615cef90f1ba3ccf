import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemoOrgs } from "../../db/demoOrgs";
import { users } from "../../db/schema";
import { seedBuiltinPrograms } from "../../cli/seedPrograms";
import { loadSessionUser, type SessionUser } from "../../workflows/services/identity";
import { startBuiltServer } from "./runServer";

export type Preparation = { db: Db; dataDir: string; person: (mobile: string) => Promise<SessionUser> };

/**
 * The built app on a PGlite database prepared before the server opens it: migrated, the demo
 * orgs and built-in programs seeded, then `prepare` (cases made through the services the pages
 * use). The server gets this process's data key, so it can open the numbers sealed here.
 */
export async function startPreparedServer(name: string, prepare: (p: Preparation) => Promise<void>): Promise<Awaited<ReturnType<typeof startBuiltServer>>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `niangjia-e2e-${name}-`));
  process.env.NIANGJIA_DATA_KEY ??= randomBytes(32).toString("base64");
  const handle = await createDb({ dataDir, databaseUrl: "" });
  try {
    await migrateDb(handle);
    await seedDemoOrgs(handle.db);
    await seedBuiltinPrograms(handle.db);
    const person = async (mobile: string) => {
      const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile));
      return (await loadSessionUser(handle.db, row.id))!;
    };
    await prepare({ db: handle.db, dataDir, person });
  } finally {
    await handle.close();
  }
  return startBuiltServer({ dataDir });
}
