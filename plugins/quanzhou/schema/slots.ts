import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { qzVenues } from "./venues";

/**
 * The fixed time slots of a venue's day (上午 09:00–11:30 …). Fixed slots are what make a
 * double booking impossible with a plain unique key on (room, day, slot).
 */
export const qzSlots = pgTable(
  "p_quanzhou_slots",
  {
    venueId: text("venue_id").notNull().references(() => qzVenues.id),
    /** The value the booking form's 时段 option carries: am, pm, eve. */
    code: text("code").notNull(),
    /** Beijing wall-clock times, HH:MM. */
    starts: text("starts").notNull(),
    ends: text("ends").notNull(),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "p_quanzhou_slots_pk", columns: [t.venueId, t.code] }),
    check("p_quanzhou_slots_times_ck", sql`${t.starts} ~ '^[0-2][0-9]:[0-5][0-9]$' and ${t.ends} ~ '^[0-2][0-9]:[0-5][0-9]$' and ${t.starts} < ${t.ends}`),
  ],
);
