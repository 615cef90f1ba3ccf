import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const waitlistStatuses = ["waiting", "promoted", "cancelled"] as const;

/**
 * A validated application waiting for a seat. It is not a case yet: when a seat frees, the
 * earliest entry of the pool becomes a case through the case transition function.
 */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    programId: text("program_id").notNull(),
    programVersionId: text("program_version_id").notNull(),
    poolId: text("pool_id").notNull(),
    applicantId: text("applicant_id").notNull(),
    applicantOrgId: text("applicant_org_id").notNull(),
    data: jsonb("data").notNull(),
    submitKey: text("submit_key").notNull(),
    consentText: text("consent_text").notNull().default(""),
    status: text("status", { enum: waitlistStatuses }).notNull(),
    caseId: text("case_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("waitlist_submit_key_uq").on(t.applicantId, t.submitKey), index("waitlist_pool_idx").on(t.poolId, t.status, t.createdAt)],
);
