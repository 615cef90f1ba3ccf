import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Failures an operator must look at that are not case steps (those are failed jobs):
 * a plugin that would not load, migrate or install. One open row per `key`; a repeat
 * (the same plugin failing at every boot) bumps `occurrences` instead of adding rows.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    /** `*` for installation-wide incidents (plugins), otherwise the tenant concerned. */
    tenantId: text("tenant_id").notNull(),
    /** What failed: `plugin`. */
    source: text("source").notNull(),
    /** Which one: the plugin id. */
    subject: text("subject").notNull(),
    /** The stage: manifest, host, load, migrate, install. */
    code: text("code").notNull(),
    /** `source:subject:code`, unique among open incidents. */
    key: text("key").notNull(),
    message: text("message").notNull(),
    detail: jsonb("detail").notNull().default({}),
    occurrences: integer("occurrences").notNull().default(1),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("incidents_open_key_uq").on(t.key).where(sql`resolved_at is null`), index("incidents_source_idx").on(t.source, t.subject)],
);
