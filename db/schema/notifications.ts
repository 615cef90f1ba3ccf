import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** In-app notifications; SMS or WeChat channels are plugins that read the same rows. */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    caseId: text("case_id"),
    templateKey: text("template_key").notNull(),
    params: jsonb("params").notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
