import { and, asc, desc, eq, gte, isNull } from "drizzle-orm";
import type { PluginPage, PluginPageContext } from "../../../workflows/pluginPages";
import { PluginRefusal } from "../../../workflows/pluginRefusal";
import { parseIsoDate } from "../../../forms/calendarDate";
import { addDays, beijingClock, beijingInstant, beijingToday, isoWeekday } from "../beijingTime";
import { changePoints } from "../points/changePoints";
import type { QzDb } from "../qzDb";
import { qzBookings, qzRooms, qzSlots, qzVenues } from "../schema";
import { bookingNotCancellable, cancelDeadline, checkInWindow } from "./bookingRules";
import { cancelEnrolment } from "../../../workflows/services/enrolment";
import { VENUE_BOOKING_KEY } from "./venueBookingHook";
import type { MyBooking, SlotState, VenuesPageData } from "./venuesPageData";

const text = (v: unknown) => (typeof v === "string" ? v : "");

async function venuesOf(ctx: PluginPageContext) {
  return ctx.db.select().from(qzVenues).where(and(eq(qzVenues.tenantId, ctx.user.tenantId), eq(qzVenues.active, true))).orderBy(asc(qzVenues.sort), asc(qzVenues.id));
}

/** The member's bookings from a week ago on, with what they may do with each now. */
async function myBookings(ctx: PluginPageContext): Promise<MyBooking[]> {
  const since = new Date(ctx.now.getTime() - 7 * 86_400_000);
  const rows = await ctx.db
    .select({ booking: qzBookings, venue: qzVenues, room: qzRooms, slot: qzSlots })
    .from(qzBookings)
    .innerJoin(qzVenues, eq(qzVenues.id, qzBookings.venueId))
    .innerJoin(qzRooms, eq(qzRooms.id, qzBookings.roomId))
    .innerJoin(qzSlots, and(eq(qzSlots.venueId, qzBookings.venueId), eq(qzSlots.code, qzBookings.slotCode)))
    .where(and(eq(qzBookings.userId, ctx.user.id), gte(qzBookings.endsAt, since)))
    .orderBy(desc(qzBookings.startsAt))
    .limit(20);
  return rows.map(({ booking: b, venue, room, slot }) => {
    const deadline = cancelDeadline(venue, b.startsAt);
    const window = checkInWindow(venue, b.startsAt, b.endsAt);
    const confirmed = b.status === "confirmed";
    return {
      id: b.id,
      venue: { name: venue.name, nameEn: venue.nameEn },
      room: { name: room.name, nameEn: room.nameEn },
      day: b.day,
      starts: slot.starts,
      ends: slot.ends,
      status: b.status,
      cancelUntil: confirmed && ctx.now <= deadline ? deadline.toISOString() : null,
      canCheckIn: confirmed && ctx.now >= window.opens && ctx.now <= window.closes,
      checkInOpens: confirmed && ctx.now < window.opens ? beijingClock(window.opens) : null,
      pointsPerVisit: venue.pointsPerVisit,
    };
  });
}

async function load(ctx: PluginPageContext): Promise<VenuesPageData> {
  const today = beijingToday(ctx.now);
  const venues = await venuesOf(ctx);
  const venue = venues.find((v) => v.id === text(ctx.input.venue)) ?? venues[0];
  const base = { today, venues: venues.map((v) => ({ id: v.id, name: v.name, nameEn: v.nameEn })), bookProgramId: await ctx.programIdFor(VENUE_BOOKING_KEY), myBookings: await myBookings(ctx) };
  if (!venue) return { ...base, venue: null, days: [], date: today, slots: [], rooms: [] };

  const days = Array.from({ length: venue.advanceDays + 1 }, (_, i) => {
    const date = addDays(today, i);
    const weekday = isoWeekday(date);
    return { date, weekday, open: venue.openDays.includes(weekday) };
  });
  const slots = await ctx.db.select().from(qzSlots).where(eq(qzSlots.venueId, venue.id)).orderBy(asc(qzSlots.sort), asc(qzSlots.starts));
  const asked = text(ctx.input.date);
  // Without a choice: the first open day with a slot still ahead (late in the evening, that is tomorrow).
  const firstBookable = days.find((d) => d.open && slots.some((s) => beijingInstant(d.date, s.starts) > ctx.now));
  const date = parseIsoDate(asked) && days.some((d) => d.date === asked) ? asked : (firstBookable?.date ?? today);
  const rooms = await ctx.db.select().from(qzRooms).where(and(eq(qzRooms.venueId, venue.id), eq(qzRooms.active, true))).orderBy(asc(qzRooms.sort), asc(qzRooms.id));
  const held = await ctx.db
    .select({ roomId: qzBookings.roomId, slotCode: qzBookings.slotCode, userId: qzBookings.userId })
    .from(qzBookings)
    .where(and(eq(qzBookings.venueId, venue.id), eq(qzBookings.day, date), isNull(qzBookings.cancelledAt)));
  const holder = new Map(held.map((h) => [`${h.roomId}|${h.slotCode}`, h.userId]));
  const stateOf = (roomId: string, slot: (typeof slots)[number]): SlotState => {
    const who = holder.get(`${roomId}|${slot.code}`);
    if (who) return who === ctx.user.id ? "mine" : "taken";
    return beijingInstant(date, slot.starts) <= ctx.now ? "past" : "free";
  };
  return {
    ...base,
    venue: {
      id: venue.id,
      name: venue.name,
      nameEn: venue.nameEn,
      address: venue.address,
      advanceDays: venue.advanceDays,
      maxOpenBookings: venue.maxOpenBookings,
      cancelBeforeMinutes: venue.cancelBeforeMinutes,
      needsApproval: venue.needsApproval,
      pointsPerVisit: venue.pointsPerVisit,
    },
    days,
    date,
    slots: slots.map((s) => ({ code: s.code, starts: s.starts, ends: s.ends })),
    rooms: rooms.map((r) => ({
      id: r.id,
      name: r.name,
      nameEn: r.nameEn,
      capacity: r.capacity,
      facilities: r.facilities,
      facilitiesEn: r.facilitiesEn,
      cells: slots.map((s) => ({ slot: s.code, state: stateOf(r.id, s) })),
    })),
  };
}

const bookingNotFound = () => new PluginRefusal("bookingNotFound", "预约不存在", "No such booking", 404);

/** The member's own booking with its venue, locked for the change. */
async function lockOwnBooking(tx: QzDb, ctx: PluginPageContext) {
  const id = text(ctx.input.bookingId);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw bookingNotFound();
  const [row] = await tx
    .select({ booking: qzBookings, venue: qzVenues })
    .from(qzBookings)
    .innerJoin(qzVenues, eq(qzVenues.id, qzBookings.venueId))
    .where(and(eq(qzBookings.id, id), eq(qzBookings.userId, ctx.user.id)))
    .for("update", { of: qzBookings });
  if (!row) throw bookingNotFound();
  return row;
}

/**
 * 取消预约: the core's 取消 of the approved booking case (withdrawn, with its audit row); the hook
 * checks the venue's deadline under the booking's lock and frees the slot in that transaction.
 */
async function cancel(ctx: PluginPageContext) {
  const id = text(ctx.input.bookingId);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw bookingNotFound();
  const [booking] = await ctx.db.select({ status: qzBookings.status }).from(qzBookings).where(and(eq(qzBookings.id, id), eq(qzBookings.userId, ctx.user.id)));
  if (!booking) throw bookingNotFound();
  if (booking.status === "pending") {
    throw new PluginRefusal("stillPending", "该预约正在审批中，请在申请详情中撤回", "This booking is still awaiting approval; withdraw it on its application page", 409);
  }
  if (booking.status !== "confirmed") throw bookingNotCancellable();
  await cancelEnrolment(ctx.db, ctx.user, id, "", ctx.now);
  return { message: { zh: "已取消预约，该时段已释放", en: "Booking cancelled; the slot is free again" } };
}

/** 到场签到: during the check-in window; earns the venue's points once. */
async function checkIn(ctx: PluginPageContext) {
  const points = await ctx.db.transaction(async (tx) => {
    const { booking, venue } = await lockOwnBooking(tx, ctx);
    if (booking.status !== "confirmed") throw new PluginRefusal("notCheckInable", "只有已确认的预约可以签到", "Only a confirmed booking can be checked in", 409);
    const window = checkInWindow(venue, booking.startsAt, booking.endsAt);
    if (ctx.now < window.opens || ctx.now > window.closes) {
      throw new PluginRefusal("checkInClosed", `签到时间为 ${beijingClock(window.opens)}–${beijingClock(window.closes)}`, `Check-in is open ${beijingClock(window.opens)}–${beijingClock(window.closes)}`, 409);
    }
    await tx.update(qzBookings).set({ status: "attended", checkedInAt: ctx.now }).where(eq(qzBookings.id, booking.id));
    if (venue.pointsPerVisit > 0) {
      await changePoints(tx, { tenantId: booking.tenantId, userId: ctx.user.id, delta: venue.pointsPerVisit, sourceKey: `visit:${booking.id}`, reason: `场馆签到：${venue.name}`, reasonEn: `Checked in: ${venue.nameEn || venue.name}`, caseId: booking.id, at: ctx.now });
    }
    return venue.pointsPerVisit;
  });
  return { message: { zh: points > 0 ? `签到成功，获得 ${points} 积分` : "签到成功", en: points > 0 ? `Checked in; you earned ${points} points` : "Checked in" } };
}

export const venuesPage: PluginPage = {
  id: "quanzhou.venues",
  title: { zh: "共享职工之家", en: "Workers' homes" },
  description: { zh: "查看职工之家活动室空闲时段，在线预约、取消和签到", en: "Free rooms at the workers' homes: book, cancel and check in" },
  audience: "worker",
  load,
  actions: { cancel, checkIn },
};
