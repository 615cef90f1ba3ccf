/**
 * Calendar dates as `YYYY-MM-DD` strings. Form dates are civil dates, not instants, and
 * "today" is China's today (UTC+8, no daylight saving) whatever the server's time zone is.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export type CalendarDate = { year: number; month: number; day: number };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parse a strict `YYYY-MM-DD`; anything else (including 2023-02-29) is null. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The date it is in China at `now`. */
export function chinaToday(now: Date): CalendarDate {
  const shifted = new Date(now.getTime() + CHINA_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Negative, zero or positive like a comparator; ISO strings of valid dates compare as text. */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole years from `birth` to `at` (a birthday not yet reached this year does not count). */
export function ageAt(birth: CalendarDate, at: CalendarDate): number {
  const hadBirthday = at.month > birth.month || (at.month === birth.month && at.day >= birth.day);
  return at.year - birth.year - (hadBirthday ? 0 : 1);
}

/** `YYYY-MM-DDTHH:mm` in China's time at `now` (a 日期时间 field's "now"). */
export function chinaNowMinute(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16);
}

/**
 * A civil date-time typed in a form: `YYYY-MM-DDTHH:mm` (what `<input type="datetime-local">`
 * gives), a space instead of T and whole seconds also accepted; normalized to minutes, or null.
 */
export function parseIsoMinute(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m || !parseIsoDate(m[1])) return null;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${m[1]}T${m[2]}:${m[3]}`;
}

/** Days from `a` to `b` (ISO dates); 0 when equal. */
export function daysBetween(a: string, b: string): number {
  const ms = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}
