import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained per stream (a case id, or `tenant:<id>` for other events).
 * hash = sha256(prevHash + canonical JSON of the entry); `niangjia audit verify` recomputes it.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: text("tenant_id").notNull(),
    stream: text("stream").notNull(),
    caseId: text("case_id"),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    nodeId: text("node_id"),
    comment: text("comment"),
    detail: jsonb("detail").notNull().default({}),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_stream_idx").on(t.stream, t.id), index("audit_case_idx").on(t.caseId)],
);
