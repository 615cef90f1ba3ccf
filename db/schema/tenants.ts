import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A district federation (区总工会): the unit of data ownership and, later, of Citus distribution. */
export const tenants = pgTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
