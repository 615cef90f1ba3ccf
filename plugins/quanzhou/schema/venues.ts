import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";

/**
 * A 职工之家 site and its booking rules. The rules are data, so a district changes them with
 * an update, not a release: how far ahead, how many open bookings a member may hold here,
 * how late one may cancel, whether the street union approves, and points for turning up.
 */
export const qzVenues = pgTable(
  "p_quanzhou_venues",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull().default(""),
    address: text("address").notNull().default(""),
    /** ISO weekdays it opens: 1 = Monday … 7 = Sunday. */
    openDays: jsonb("open_days").$type<number[]>().notNull().default([1, 2, 3, 4, 5, 6, 7]),
    /** Bookable from today up to this many days ahead (Beijing dates). */
    advanceDays: integer("advance_days").notNull().default(14),
    /** Bookings not yet over (pending or confirmed) one member may hold at this venue. */
    maxOpenBookings: integer("max_open_bookings").notNull().default(2),
    /** A booking may be cancelled until this many minutes before it starts. */
    cancelBeforeMinutes: integer("cancel_before_minutes").notNull().default(120),
    /** Check-in (签到) opens this many minutes before the start and closes at the end. */
    checkInEarlyMinutes: integer("check_in_early_minutes").notNull().default(30),
    /** false: booked at once; true: the applicant's street union approves first. */
    needsApproval: boolean("needs_approval").notNull().default(false),
    /** Points a member earns by checking in to a booking here. */
    pointsPerVisit: integer("points_per_visit").notNull().default(5),
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    index("p_quanzhou_venues_tenant_idx").on(t.tenantId),
    check("p_quanzhou_venues_rules_ck", sql`${t.advanceDays} between 0 and 90 and ${t.maxOpenBookings} between 1 and 20 and ${t.cancelBeforeMinutes} >= 0 and ${t.checkInEarlyMinutes} >= 0 and ${t.pointsPerVisit} >= 0`),
  ],
);
