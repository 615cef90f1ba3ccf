import { PluginRefusal } from "../../../workflows/pluginRefusal";
import { beijingInstant, daysAhead, addDays, beijingToday, isoWeekday, weekdayName } from "../beijingTime";

export type VenueRules = {
  openDays: number[];
  advanceDays: number;
  maxOpenBookings: number;
  cancelBeforeMinutes: number;
  checkInEarlyMinutes: number;
};

export type BookingRequest = { roomId: string; day: string; slotCode: string; attendees: number };

/** The form's fields a booking is made of (keys of programs/venueBooking/form.json). */
export const BOOKING_FIELDS = { room: "room", date: "date", slot: "slot", attendees: "attendees" } as const;

const refuse = (code: string, field: string, zh: string, en: string, status = 422) =>
  new PluginRefusal(code, zh, en, status, { [field]: `${zh} / ${en}` });

/** Read the booking out of validated form data (the form already checked types and presence). */
export function bookingRequestOf(data: Record<string, unknown>): BookingRequest {
  return {
    roomId: String(data[BOOKING_FIELDS.room] ?? ""),
    day: String(data[BOOKING_FIELDS.date] ?? ""),
    slotCode: String(data[BOOKING_FIELDS.slot] ?? ""),
    attendees: Number(data[BOOKING_FIELDS.attendees] ?? 1),
  };
}

/**
 * Whether a slot may be booked now under the venue's rules; the slot's start and end when it
 * may. Everything that needs no other booking is checked here (the open-booking count and
 * the slot itself are settled by the database).
 */
export function checkBookable(venue: VenueRules, room: { capacity: number }, slot: { starts: string; ends: string }, req: BookingRequest, now: Date): { startsAt: Date; endsAt: Date } {
  const weekday = isoWeekday(req.day);
  if (!venue.openDays.includes(weekday)) {
    throw refuse("closedThatDay", BOOKING_FIELDS.date, `该场馆${weekdayName(weekday, "zh")}不开放，请选择其他日期`, `The venue is closed on ${weekdayName(weekday, "en")}; choose another day`);
  }
  const startsAt = beijingInstant(req.day, slot.starts);
  const endsAt = beijingInstant(req.day, slot.ends);
  if (startsAt.getTime() <= now.getTime()) {
    throw refuse("slotPast", BOOKING_FIELDS.slot, "该时段已开始或已结束，请选择之后的时段", "This slot has already started or ended; choose a later one");
  }
  if (daysAhead(req.day, now) > venue.advanceDays) {
    const last = addDays(beijingToday(now), venue.advanceDays);
    throw refuse("tooFarAhead", BOOKING_FIELDS.date, `最多可提前 ${venue.advanceDays} 天预约（最晚 ${last}）`, `Book at most ${venue.advanceDays} days ahead (until ${last})`);
  }
  if (req.attendees > room.capacity) {
    throw refuse("overCapacity", BOOKING_FIELDS.attendees, `该活动室最多容纳 ${room.capacity} 人`, `This room holds at most ${room.capacity} people`);
  }
  return { startsAt, endsAt };
}

export const slotTaken = () =>
  refuse("slotTaken", BOOKING_FIELDS.slot, "该时段已被他人预约，请选择其他时段或活动室", "This slot has already been booked by someone else; choose another slot or room", 409);

export const tooManyOpen = (max: number) =>
  new PluginRefusal("tooManyOpen", `您在本场馆已有 ${max} 个未使用的预约，最多同时持有 ${max} 个；请使用或取消后再约`, `You already hold ${max} upcoming booking(s) at this venue, the most allowed; use or cancel one first`, 409);

export const roomUnavailable = () =>
  refuse("roomUnavailable", BOOKING_FIELDS.room, "该活动室暂不开放预约", "This room cannot be booked at the moment");

export const slotUnknown = () => refuse("slotUnknown", BOOKING_FIELDS.slot, "该场馆没有这个时段", "This venue has no such slot");

/** Until when a booking may be cancelled. */
export const bookingNotCancellable = () => new PluginRefusal("notCancellable", "该预约已取消或已使用", "This booking was already cancelled or used", 409);

export function tooLateToCancel(venue: VenueRules): PluginRefusal {
  const hours = venue.cancelBeforeMinutes / 60;
  return new PluginRefusal("tooLateToCancel", `开始前 ${hours} 小时内不能取消预约`, `A booking can no longer be cancelled within ${hours} hour(s) of its start`, 409);
}

export function cancelDeadline(venue: VenueRules, startsAt: Date): Date {
  return new Date(startsAt.getTime() - venue.cancelBeforeMinutes * 60_000);
}

/** When check-in (签到) is open: from a little before the start until the end. */
export function checkInWindow(venue: VenueRules, startsAt: Date, endsAt: Date): { opens: Date; closes: Date } {
  return { opens: new Date(startsAt.getTime() - venue.checkInEarlyMinutes * 60_000), closes: endsAt };
}
