import { check, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * Seats of a program (or of one option of a field, e.g. one 暑托班 class). A seat is taken by a
 * conditional update (`taken < capacity`), so concurrent enrolments can never oversell.
 */
export const seatPools = pgTable(
  "seat_pools",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    programId: text("program_id").notNull(),
    /** "*" for the whole program, else the option value of the capacity field. */
    poolKey: text("pool_key").notNull(),
    capacity: integer("capacity").notNull(),
    taken: integer("taken").notNull().default(0),
  },
  (t) => [uniqueIndex("seat_pools_uq").on(t.programId, t.poolKey), check("seat_pools_not_oversold", sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`)],
);
