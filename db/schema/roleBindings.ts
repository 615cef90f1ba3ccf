import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const roles = ["admin", "approver", "member"] as const;
export type Role = (typeof roles)[number];

/** Grants a role over an org subtree: the bound org and everything below it. */
export const roleBindings = pgTable(
  "role_bindings",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    role: text("role", { enum: roles }).notNull(),
    orgId: text("org_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("role_bindings_uq").on(t.userId, t.role, t.orgId), index("role_bindings_org_idx").on(t.orgId, t.role)],
);
