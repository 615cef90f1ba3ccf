import { afterAll, beforeAll } from "vitest";
import { and, eq } from "drizzle-orm";
import { setDb } from "../../db/client";
import { programs } from "../../db/schema";
import { createApp } from "./appClient";
import { createDemoDb } from "./demoDb";

export type DemoApp = {
  demo: Awaited<ReturnType<typeof createDemoDb>>;
  app: Awaited<ReturnType<typeof createApp>>;
  /** The 湖里区 入会申请 program. */
  programId: string;
};

/**
 * For an HTTP test file: a fresh demo database (PGlite, or PostgreSQL under DATABASE_URL) and
 * the real app on it, made before the file's tests and closed after them. Read the fields
 * inside tests (they are set by beforeAll).
 */
export function useDemoApp(): DemoApp {
  const ctx = {} as DemoApp;
  beforeAll(async () => {
    ctx.demo = await createDemoDb();
    setDb(ctx.demo);
    ctx.app = await createApp();
    const [p] = await ctx.demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
    ctx.programId = p.id;
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.demo?.close();
  });
  return ctx;
}
