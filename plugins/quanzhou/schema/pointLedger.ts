import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Every points change, append-only (a trigger refuses UPDATE and DELETE). `source_key` names
 * what earned or spent the points (`case:<id>`, `visit:<booking>`, `redeem:<id>`), so a
 * retried job or a double-tapped button never counts twice.
 */
export const qzPointLedger = pgTable(
  "p_quanzhou_point_ledger",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    delta: integer("delta").notNull(),
    balanceAfter: integer("balance_after").notNull(),
    sourceKey: text("source_key").notNull(),
    reason: text("reason").notNull(),
    reasonEn: text("reason_en").notNull().default(""),
    caseId: text("case_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("p_quanzhou_point_ledger_source_uq").on(t.sourceKey),
    index("p_quanzhou_point_ledger_user_idx").on(t.userId, t.createdAt),
    check("p_quanzhou_point_ledger_ck", sql`${t.delta} <> 0 and ${t.balanceAfter} >= 0`),
  ],
);
