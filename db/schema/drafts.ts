import { jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * A worker's unfinished application, autosaved from the apply page so it comes back on any
 * device; one per person and program, deleted when the application is submitted. Values are
 * stripped to the form's keys and size-limited, not validated.
 */
export const drafts = pgTable(
  "drafts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    programId: text("program_id").notNull(),
    data: jsonb("data").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("drafts_user_program_uq").on(t.userId, t.programId)],
);
