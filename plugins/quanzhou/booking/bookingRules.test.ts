import { describe, expect, it } from "vitest";
import { PluginRefusal } from "../../../workflows/pluginRefusal";
import { cancelDeadline, checkBookable, checkInWindow } from "./bookingRules";

const venue = { openDays: [2, 3, 4, 5, 6, 7], advanceDays: 14, maxOpenBookings: 1, cancelBeforeMinutes: 120, checkInEarlyMinutes: 30 };
const room = { capacity: 30 };
const evening = { starts: "19:00", ends: "21:00" };
// 2026-06-02 is a Tuesday; 10:00 in Beijing.
const now = new Date("2026-06-02T10:00:00+08:00");

function refusal(fn: () => unknown): PluginRefusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof PluginRefusal) return err;
    throw err;
  }
  throw new Error("not refused");
}

describe("venue booking rules (data, Beijing time)", () => {
  it("gives the slot's start and end as instants", () => {
    const { startsAt, endsAt } = checkBookable(venue, room, evening, { roomId: "r", day: "2026-06-02", slotCode: "eve", attendees: 10 }, now);
    expect(startsAt.toISOString()).toBe("2026-06-02T11:00:00.000Z");
    expect(endsAt.toISOString()).toBe("2026-06-02T13:00:00.000Z");
  });

  it("refuses a closed weekday, a started slot, a day too far ahead and too many people, each beside its field", () => {
    expect(refusal(() => checkBookable(venue, room, evening, { roomId: "r", day: "2026-06-08", slotCode: "eve", attendees: 1 }, now))).toMatchObject({ code: "closedThatDay", messageZh: "该场馆周一不开放，请选择其他日期", fieldErrors: { date: expect.stringContaining("closed on Mon") } });
    expect(refusal(() => checkBookable(venue, room, { starts: "09:00", ends: "11:30" }, { roomId: "r", day: "2026-06-02", slotCode: "am", attendees: 1 }, now))).toMatchObject({ code: "slotPast", fieldErrors: { slot: expect.any(String) } });
    expect(checkBookable(venue, room, evening, { roomId: "r", day: "2026-06-16", slotCode: "eve", attendees: 1 }, now).startsAt).toBeInstanceOf(Date);
    expect(refusal(() => checkBookable(venue, room, evening, { roomId: "r", day: "2026-06-17", slotCode: "eve", attendees: 1 }, now))).toMatchObject({ code: "tooFarAhead", messageZh: "最多可提前 14 天预约（最晚 2026-06-16）" });
    expect(refusal(() => checkBookable(venue, room, evening, { roomId: "r", day: "2026-06-03", slotCode: "eve", attendees: 31 }, now))).toMatchObject({ code: "overCapacity", status: 422, fieldErrors: { attendees: "该活动室最多容纳 30 人 / This room holds at most 30 people" } });
  });

  it("a Beijing day starts at 16:00 UTC the day before", () => {
    const lateUtc = new Date("2026-06-02T16:30:00Z"); // 00:30 on 3 June in Beijing
    expect(refusal(() => checkBookable(venue, room, evening, { roomId: "r", day: "2026-06-18", slotCode: "eve", attendees: 1 }, lateUtc)).code).toBe("tooFarAhead");
    expect(checkBookable(venue, room, evening, { roomId: "r", day: "2026-06-17", slotCode: "eve", attendees: 1 }, lateUtc).startsAt.toISOString()).toBe("2026-06-17T11:00:00.000Z");
  });

  it("cancellation closes 2 hours before; check-in opens 30 minutes before and closes at the end", () => {
    const startsAt = new Date("2026-06-03T11:00:00Z");
    expect(cancelDeadline(venue, startsAt).toISOString()).toBe("2026-06-03T09:00:00.000Z");
    expect(checkInWindow(venue, startsAt, new Date("2026-06-03T13:00:00Z"))).toEqual({ opens: new Date("2026-06-03T10:30:00Z"), closes: new Date("2026-06-03T13:00:00Z") });
  });
});
