import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { qzVenues } from "./venues";

/** A bookable room of a venue. Its id is the value the booking form's 活动室 option carries. */
export const qzRooms = pgTable(
  "p_quanzhou_rooms",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    venueId: text("venue_id").notNull().references(() => qzVenues.id),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull().default(""),
    /** Most people in one booking. */
    capacity: integer("capacity").notNull(),
    facilities: text("facilities").notNull().default(""),
    facilitiesEn: text("facilities_en").notNull().default(""),
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [index("p_quanzhou_rooms_venue_idx").on(t.venueId), check("p_quanzhou_rooms_capacity_ck", sql`${t.capacity} > 0`)],
);
