import { and, eq } from "drizzle-orm";
import type { ServiceHandler } from "../../../workflows/serviceHandlers";
import { qzBookings, qzRooms, qzSlots, qzVenues } from "../schema";

/**
 * Service task `quanzhou.checkBooking`, first step of the booking flow: tells the flow whether
 * the venue wants its union's approval (`needsApproval`, read by the gateway) and gives the
 * approver the booking in words.
 */
export const checkBooking: ServiceHandler = async ({ db, caseId }) => {
  const [row] = await db
    .select({ booking: qzBookings, venue: qzVenues, room: qzRooms, slot: qzSlots })
    .from(qzBookings)
    .innerJoin(qzVenues, eq(qzVenues.id, qzBookings.venueId))
    .innerJoin(qzRooms, eq(qzRooms.id, qzBookings.roomId))
    .innerJoin(qzSlots, and(eq(qzSlots.venueId, qzBookings.venueId), eq(qzSlots.code, qzBookings.slotCode)))
    .where(eq(qzBookings.id, caseId));
  if (!row) throw new Error(`预约不存在 / no booking for case ${caseId}`);
  return {
    needsApproval: row.venue.needsApproval,
    venueName: row.venue.name,
    roomName: row.room.name,
    bookingTime: `${row.booking.day} ${row.slot.starts}–${row.slot.ends}`,
  };
};

/** Service task `quanzhou.confirmBooking`, the last step: the booking is confirmed (again a no-op on a retry). */
export const confirmBooking: ServiceHandler = async ({ db, caseId }) => {
  await db.update(qzBookings).set({ status: "confirmed" }).where(and(eq(qzBookings.id, caseId), eq(qzBookings.status, "pending")));
  return { bookingStatus: "confirmed" };
};
