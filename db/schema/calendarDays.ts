import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";

export const calendarDayKinds = ["holiday", "workday"] as const;

/**
 * Public holidays and 调休 working weekends, per tenant ('*' for every tenant), used for SLA
 * due dates in working days. The State Council publishes them yearly; admins enter them.
 */
export const calendarDays = pgTable(
  "calendar_days",
  {
    tenantId: text("tenant_id").notNull(),
    date: text("date").notNull(),
    kind: text("kind", { enum: calendarDayKinds }).notNull(),
    name: text("name").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date] })],
);
