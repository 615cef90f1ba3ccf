import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A member's points balance, kept equal to the sum of their ledger rows (every change writes
 * both in one transaction). The row is also the member's lock: a redemption takes points with
 * `balance >= cost` in the update itself, and a booking locks it to count open bookings.
 */
export const qzMembers = pgTable(
  "p_quanzhou_members",
  {
    userId: text("user_id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    balance: integer("balance").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("p_quanzhou_members_balance_ck", sql`${t.balance} >= 0`)],
);
