import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Per-person application limits (once, once a year, N per period), settled by the unique index:
 * a submission takes the first free slot for its person and period, in the case's transaction.
 * `holderId` is the case (or waitlist entry) holding the slot; cancelling it frees the slot.
 */
export const applicationQuotas = pgTable(
  "application_quotas",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    programId: text("program_id").notNull(),
    /** The applicant's user id, or a hash of a form field such as the child's 身份证号. */
    personKey: text("person_key").notNull(),
    /** "all" for once ever, "2026" for once a year, "2026-07" per month. */
    periodKey: text("period_key").notNull(),
    slot: integer("slot").notNull(),
    holderId: text("holder_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("application_quotas_uq").on(t.programId, t.personKey, t.periodKey, t.slot), index("application_quotas_holder_idx").on(t.holderId)],
);
