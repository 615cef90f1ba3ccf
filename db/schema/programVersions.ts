import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const programVersionStatuses = ["draft", "published", "retired"] as const;

/** Published versions are immutable: a running case finishes on the version it started on. */
export const programVersions = pgTable(
  "program_versions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    programId: text("program_id").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: programVersionStatuses }).notNull(),
    formSchema: jsonb("form_schema").notNull(),
    bpmnXml: text("bpmn_xml").notNull(),
    /** The compiled flow definition (JSON IR) the XState machine is built from. */
    flowDefinition: jsonb("flow_definition").notNull(),
    consentText: text("consent_text").notNull().default(""),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("program_versions_uq").on(t.programId, t.version)],
);
