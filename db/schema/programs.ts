import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** A program (入会, 金秋助学, …) owned by an org; its content lives in immutable versions. */
export const programs = pgTable(
  "programs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull().default(""),
    description: text("description").notNull().default(""),
    category: text("category").notNull().default("general"),
    ownerOrgId: text("owner_org_id").notNull(),
    /** Case number pattern, e.g. `RH-{yyyy}-{seq:5}`. */
    caseNoPattern: text("case_no_pattern").notNull(),
    /** The plugin that shipped this program; null for core and studio-made programs (always visible). */
    pluginId: text("plugin_id"),
    /** Who may apply, when, how often, seats: see workflows/programSettings.ts. */
    settings: jsonb("settings").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("programs_tenant_code_uq").on(t.tenantId, t.code), index("programs_owner_idx").on(t.ownerOrgId)],
);
