import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { AdmissionHook } from "../../../workflows/admissionHooks";
import { lockMember } from "../points/memberAccount";
import { qzBookings, qzVenues } from "../schema";
import { findBookingPlace } from "./bookingPlace";
import { bookingNotCancellable, bookingRequestOf, cancelDeadline, checkBookable, roomUnavailable, slotTaken, slotUnknown, tooLateToCancel, tooManyOpen } from "./bookingRules";

/** The booking program's template key. */
export const VENUE_BOOKING_KEY = "quanzhou-venue-booking";

/**
 * A booking is made in the transaction that creates its case: the venue's rules are checked,
 * the member's open bookings counted under their lock, and the slot taken by an insert the
 * partial unique index (room, day, slot) lets through once. Fifty people pressing 提交 for
 * the same slot: one insert wins; the others wait for it, find the key taken and are told so.
 */
export const venueBookingHook: AdmissionHook = {
  programKey: VENUE_BOOKING_KEY,
  async hold({ tx, tenantId, caseId, applicantId, data, at }) {
    const req = bookingRequestOf(data);
    const place = await findBookingPlace(tx, tenantId, req.roomId, req.slotCode);
    if (!place) throw roomUnavailable();
    if (!place.slot) throw slotUnknown();
    const { venue, room, slot } = place;
    const { startsAt, endsAt } = checkBookable(venue, room, slot, req, at);

    await lockMember(tx, tenantId, applicantId);
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(qzBookings)
      .where(and(eq(qzBookings.userId, applicantId), eq(qzBookings.venueId, venue.id), isNull(qzBookings.cancelledAt), inArray(qzBookings.status, ["pending", "confirmed"]), gt(qzBookings.endsAt, at)));
    if (Number(open?.n ?? 0) >= venue.maxOpenBookings) throw tooManyOpen(venue.maxOpenBookings);

    const taken = await tx
      .insert(qzBookings)
      .values({ id: caseId, tenantId, userId: applicantId, venueId: venue.id, roomId: room.id, day: req.day, slotCode: slot.code, startsAt, endsAt, attendees: req.attendees, status: "pending", createdAt: at })
      .onConflictDoNothing({ target: [qzBookings.roomId, qzBookings.day, qzBookings.slotCode], where: sql`cancelled_at is null` })
      .returning({ id: qzBookings.id });
    if (taken.length === 0) throw slotTaken();
  },
  async release({ tx, caseId, status, at }) {
    // A withdrawn or rejected booking case frees its slot; a confirmed one given back is 已取消.
    await tx
      .update(qzBookings)
      .set({ status: status === "cancelled" ? "cancelled" : "released", cancelledAt: at })
      .where(and(eq(qzBookings.id, caseId), isNull(qzBookings.cancelledAt)));
  },
  async cancel({ tx, caseId, at }) {
    const [row] = await tx
      .select({ status: qzBookings.status, startsAt: qzBookings.startsAt, venue: qzVenues })
      .from(qzBookings)
      .innerJoin(qzVenues, eq(qzVenues.id, qzBookings.venueId))
      .where(eq(qzBookings.id, caseId))
      .for("update", { of: qzBookings });
    if (!row || row.status !== "confirmed") throw bookingNotCancellable();
    if (at > cancelDeadline(row.venue, row.startsAt)) throw tooLateToCancel(row.venue);
  },
};
