import { boolean, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Whether a plugin's programs are open in a district (区总工会 org, `org_id`). No row means
 * off: a plugin shows nothing to a district until someone enables it there.
 */
export const pluginEnablements = pgTable(
  "plugin_enablements",
  {
    tenantId: text("tenant_id").notNull(),
    pluginId: text("plugin_id").notNull(),
    /** The district org (level `district`). */
    orgId: text("org_id").notNull(),
    enabled: boolean("enabled").notNull(),
    /** A user id, or `cli` when changed from the command line. */
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.pluginId, t.orgId] }), index("plugin_enablements_org_idx").on(t.orgId)],
);
