import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const caseStatuses = ["running", "returned", "approved", "rejected", "withdrawn", "failed"] as const;
export type CaseStatusValue = (typeof caseStatuses)[number];

/** One application. Written only by the case transition function (workflows/runtime). */
export const cases = pgTable(
  "cases",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    programId: text("program_id").notNull(),
    programVersionId: text("program_version_id").notNull(),
    caseNo: text("case_no").notNull(),
    applicantId: text("applicant_id").notNull(),
    /** The applicant's org at submission; approver scoping is by this org's path. */
    applicantOrgId: text("applicant_org_id").notNull(),
    applicantOrgPath: text("applicant_org_path").notNull(),
    status: text("status", { enum: caseStatuses }).notNull(),
    data: jsonb("data").notNull(),
    variables: jsonb("variables").notNull().default({}),
    snapshot: jsonb("snapshot").notNull(),
    /** Optimistic concurrency: every transition bumps it and checks the old value. */
    version: integer("version").notNull(),
    /** Idempotency key from the submitting form, so a double-clicked submit makes one case. */
    submitKey: text("submit_key").notNull(),
    consentText: text("consent_text").notNull().default(""),
    /** When the retention period ran out and the case's personal data and files were removed (the record and its audit trail stay). */
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cases_case_no_uq").on(t.tenantId, t.caseNo),
    uniqueIndex("cases_submit_key_uq").on(t.applicantId, t.submitKey),
    index("cases_applicant_idx").on(t.applicantId),
    index("cases_org_path_idx").on(t.applicantOrgPath),
  ],
);
