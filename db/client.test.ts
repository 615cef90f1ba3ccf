import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "./testing";
import type { DbHandle } from "./client";
import { tenants } from "./schema";

describe("createTestDb", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(() => h.close());

  it("runs on the database the environment names and has the migrated schema", async () => {
    expect(h.kind).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    await h.db.insert(tenants).values({ id: "t1", name: "湖里区总工会" });
    const rows = await h.db.select().from(tenants);
    expect(rows.map((r) => r.name)).toEqual(["湖里区总工会"]);
    const res = await h.db.execute(sql`select count(*)::int as n from information_schema.tables where table_name = 'cases'`);
    const first = (Array.isArray(res) ? res[0] : (res as { rows: unknown[] }).rows[0]) as { n: number };
    expect(first.n).toBe(1);
  });

  it("rolls back a failed transaction entirely", async () => {
    await expect(
      h.db.transaction(async (tx) => {
        await tx.insert(tenants).values({ id: "t2", name: "思明区总工会" });
        await tx.insert(tenants).values({ id: "t2", name: "duplicate" });
      }),
    ).rejects.toThrow();
    const rows = await h.db.select().from(tenants);
    expect(rows.map((r) => r.id)).toEqual(["t1"]);
  });
});
