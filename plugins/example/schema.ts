import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The example plugin's own table. Plugin tables are named `p_<pluginId>_…` and created by
 * the plugin's own migrations (./migrations, generated with ./drizzle.config.ts).
 */
export const exampleLedger = pgTable(
  "p_example_ledger",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** `installed` (written once by the install hook) or `allowance` (one per case). */
    entry: text("entry").notNull(),
    caseId: text("case_id"),
    amount: integer("amount").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("p_example_ledger_case_uq").on(t.caseId)],
);
