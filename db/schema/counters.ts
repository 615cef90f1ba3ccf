import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** Gap-free sequences for case numbers and membership numbers, per tenant and scope (e.g. program + year). */
export const counters = pgTable(
  "counters",
  {
    tenantId: text("tenant_id").notNull(),
    scope: text("scope").notNull(),
    value: integer("value").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.scope] })],
);
