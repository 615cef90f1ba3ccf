import { createHash } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Queryable, Tx } from "./client";
import { auditLog } from "./schema";

export type AuditEntry = {
  tenantId: string;
  stream: string;
  caseId?: string | null;
  actorId?: string | null;
  action: string;
  nodeId?: string | null;
  comment?: string | null;
  detail?: unknown;
  at?: string;
};

const GENESIS = "0".repeat(64);

/** Canonical JSON: sorted keys, so the hash does not depend on key order after a jsonb round trip. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(",")}}`;
}

function entryHash(prevHash: string, e: Required<Omit<AuditEntry, "detail">> & { detail: unknown }): string {
  const body = canonical({
    tenantId: e.tenantId,
    stream: e.stream,
    caseId: e.caseId,
    actorId: e.actorId,
    action: e.action,
    nodeId: e.nodeId,
    comment: e.comment,
    detail: e.detail,
    at: new Date(e.at).toISOString(),
  });
  return createHash("sha256").update(prevHash).update(body).digest("hex");
}

/**
 * Append to a stream's hash chain inside the caller's transaction. An advisory lock on the
 * stream serialises writers so two concurrent appends cannot fork the chain.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${entry.stream}, 0))`);
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.stream, entry.stream))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const full = {
    tenantId: entry.tenantId,
    stream: entry.stream,
    caseId: entry.caseId ?? null,
    actorId: entry.actorId ?? null,
    action: entry.action,
    nodeId: entry.nodeId ?? null,
    comment: entry.comment ?? null,
    detail: entry.detail ?? {},
    at: entry.at ?? new Date().toISOString(),
  };
  const prevHash = last?.hash ?? GENESIS;
  await tx.insert(auditLog).values({ ...full, prevHash, hash: entryHash(prevHash, full) });
}

export type ChainProblem = { id: number; stream: string; problem: "prev_hash_mismatch" | "hash_mismatch" };

/** Recompute every stream's chain; returns the rows that do not verify (empty when intact). */
export async function verifyAuditChain(db: Queryable): Promise<{ checked: number; problems: ChainProblem[] }> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.stream), asc(auditLog.id));
  const lastByStream = new Map<string, string>();
  const problems: ChainProblem[] = [];
  for (const r of rows) {
    const expectedPrev = lastByStream.get(r.stream) ?? GENESIS;
    if (r.prevHash !== expectedPrev) problems.push({ id: r.id, stream: r.stream, problem: "prev_hash_mismatch" });
    const recomputed = entryHash(r.prevHash, {
      tenantId: r.tenantId,
      stream: r.stream,
      caseId: r.caseId,
      actorId: r.actorId,
      action: r.action,
      nodeId: r.nodeId,
      comment: r.comment,
      detail: r.detail,
      at: r.at,
    });
    if (recomputed !== r.hash) problems.push({ id: r.id, stream: r.stream, problem: "hash_mismatch" });
    lastByStream.set(r.stream, r.hash);
  }
  return { checked: rows.length, problems };
}
