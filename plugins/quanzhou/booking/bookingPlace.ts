import { and, eq } from "drizzle-orm";
import type { QzDb } from "../qzDb";
import { qzRooms, qzSlots, qzVenues } from "../schema";

export type BookingPlace = { venue: typeof qzVenues.$inferSelect; room: typeof qzRooms.$inferSelect; slot: typeof qzSlots.$inferSelect | undefined };

/** A room with its venue in the tenant, and the venue's slot by code; undefined when the room is unknown, closed or elsewhere. */
export async function findBookingPlace(db: QzDb, tenantId: string, roomId: string, slotCode: string): Promise<BookingPlace | undefined> {
  const [row] = await db
    .select({ venue: qzVenues, room: qzRooms })
    .from(qzRooms)
    .innerJoin(qzVenues, eq(qzVenues.id, qzRooms.venueId))
    .where(and(eq(qzRooms.id, roomId), eq(qzRooms.tenantId, tenantId), eq(qzRooms.active, true), eq(qzVenues.active, true)));
  if (!row) return undefined;
  const [slot] = await db.select().from(qzSlots).where(and(eq(qzSlots.venueId, row.venue.id), eq(qzSlots.code, slotCode)));
  return { ...row, slot };
}
