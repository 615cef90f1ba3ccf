import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** Which case holds a seat of which pool; deleted (and the seat returned) when the case is cancelled. */
export const seats = pgTable(
  "seats",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    poolId: text("pool_id").notNull(),
    caseId: text("case_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("seats_case_uq").on(t.caseId)],
);
