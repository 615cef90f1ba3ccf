import { chinaToday, daysBetween, formatIsoDate, parseIsoDate } from "../../forms/calendarDate";

/** Today's date in Beijing (YYYY-MM-DD): venues book by Beijing calendar days. */
export function beijingToday(now: Date): string {
  return formatIsoDate(chinaToday(now));
}

export function addDays(day: string, n: number): string {
  const d = parseIsoDate(day);
  if (!d) throw new Error(`invalid date ${day}`);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return formatIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = parseIsoDate(day);
  if (!d) throw new Error(`invalid date ${day}`);
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7;
}

/** The instant a Beijing wall-clock time on a day is (China keeps +08:00 all year). */
export function beijingInstant(day: string, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00+08:00`);
}

/** Days from today (Beijing) to `day`; negative in the past. */
export function daysAhead(day: string, now: Date): number {
  return daysBetween(beijingToday(now), day);
}

/** HH:MM of an instant in Beijing. */
export function beijingClock(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

const WEEKDAYS = { zh: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] };

export function weekdayName(weekday: number, locale: "zh" | "en"): string {
  return WEEKDAYS[locale][weekday - 1] ?? "";
}
