import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const BOOKING_STATUSES = ["pending", "confirmed", "attended", "cancelled", "released"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * One booking, made by the booking program's case (same id). The partial unique index is
 * the rule "never a double booking": of all bookings of a room, day and slot, at most one is
 * not cancelled; a cancellation (or a withdrawn/rejected case) sets `cancelled_at` and frees it.
 */
export const qzBookings = pgTable(
  "p_quanzhou_bookings",
  {
    /** The case's id. */
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    venueId: text("venue_id").notNull(),
    roomId: text("room_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    slotCode: text("slot_code").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    attendees: integer("attendees").notNull(),
    /** pending (awaiting the union), confirmed, attended (checked in), cancelled (by the member), released (case withdrawn or rejected). */
    status: text("status").$type<BookingStatus>().notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("p_quanzhou_bookings_slot_uq").on(t.roomId, t.day, t.slotCode).where(sql`cancelled_at is null`),
    index("p_quanzhou_bookings_user_idx").on(t.userId, t.startsAt),
    index("p_quanzhou_bookings_venue_day_idx").on(t.venueId, t.day),
    check("p_quanzhou_bookings_status_ck", sql`${t.status} in ('pending', 'confirmed', 'attended', 'cancelled', 'released') and (${t.cancelledAt} is null) = (${t.status} in ('pending', 'confirmed', 'attended'))`),
  ],
);
