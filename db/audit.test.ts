import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDb } from "./testing";
import type { DbHandle } from "./client";
import { appendAudit, verifyAuditChain } from "./audit";
import { auditLog } from "./schema";
import { formatNumber, nextCounter } from "./counters";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

describe("audit hash chain", () => {
  it("chains entries per stream and verifies, even when written concurrently", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.db.transaction((tx) => appendAudit(tx, { tenantId: "t", stream: `case:${i % 2}`, action: "approve", detail: { i, nested: { b: 1, a: [1, "二"] } } })),
      ),
    );
    const rows = await h.db.select().from(auditLog);
    expect(rows).toHaveLength(12);
    expect(await verifyAuditChain(h.db)).toEqual({ checked: 12, problems: [] });
  });

  it("detects an edited entry and a deleted one", async () => {
    const [victim] = await h.db.select().from(auditLog).where(eq(auditLog.stream, "case:0")).limit(1);
    await h.db.execute(sql`update audit_log set comment = 'forged' where id = ${victim.id}`);
    const edited = await verifyAuditChain(h.db);
    expect(edited.problems).toContainEqual({ id: victim.id, stream: "case:0", problem: "hash_mismatch" });

    const rows = await h.db.select().from(auditLog).where(eq(auditLog.stream, "case:1"));
    await h.db.delete(auditLog).where(eq(auditLog.id, rows[2].id));
    const deleted = await verifyAuditChain(h.db);
    expect(deleted.problems).toContainEqual({ id: rows[3].id, stream: "case:1", problem: "prev_hash_mismatch" });
  });
});

describe("counters", () => {
  it("hands out gap-free numbers under concurrency", async () => {
    const values = await Promise.all(Array.from({ length: 20 }, () => h.db.transaction((tx) => nextCounter(tx, "t", "case:p:2026"))));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("formats patterns in China Standard Time", () => {
    // 2026-12-31T16:30Z is already 2027-01-01 in Beijing.
    expect(formatNumber("JQZX-{yyyy}-{seq:4}", 7, new Date("2026-12-31T16:30:00Z"))).toBe("JQZX-2027-0007");
    expect(formatNumber("RH{yy}{mm}-{seq}", 12, new Date("2026-03-01T00:00:00Z"))).toBe("RH2603-12");
  });
});
