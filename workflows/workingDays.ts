/**
 * Working-day arithmetic in China Standard Time: weekends are off unless listed as 调休
 * working days, and listed public holidays are off. Dates are `YYYY-MM-DD` in Beijing time.
 */
export type WorkCalendar = { holidays: string[]; workdays: string[] };

export const EMPTY_CALENDAR: WorkCalendar = { holidays: [], workdays: [] };

const CST_OFFSET_MS = 8 * 3_600_000;

function chinaDate(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The moment `days` working days after `startIso`: the same time of day on the n-th following
 * working day (a task received on Friday 15:00 with 1 working day is due Monday 15:00).
 */
export function addWorkingDays(startIso: string, days: number, calendar: WorkCalendar = EMPTY_CALENDAR): string {
  let ms = Date.parse(startIso);
  let left = Math.max(0, Math.floor(days));
  // Bounded: even a calendar of all holidays cannot loop forever.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    ms += 86_400_000;
    if (isWorkingDay(chinaDate(ms), calendar)) left--;
  }
  return new Date(ms).toISOString();
}
