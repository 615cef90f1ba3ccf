import { ageAt, chinaToday, formatIsoDate, isValidCalendarDate, type CalendarDate } from "./calendarDate";

/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
 * (odd = male), and a MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** 省级行政区划代码 (GB/T 2260) plus 81/82/83 used for 港澳台居民居住证. */
const PROVINCE_CODES = new Set([
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
  "71", "81", "82", "83",
]);

export type IdNumberProblem = "length" | "chars" | "region" | "birthDate" | "checkDigit";

export type IdNumberCheck = { ok: true; normalized: string } | { ok: false; problem: IdNumberProblem };

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trimmed, with a lowercase x accepted and stored as X. */
export function normalizeIdNumber(input: string): string {
  return input.trim().toUpperCase();
}

function birthDateOf(id: string): CalendarDate {
  return { year: Number(id.slice(6, 10)), month: Number(id.slice(10, 12)), day: Number(id.slice(12, 14)) };
}

/** Validate an 18-character 身份证号; `now` bounds the birth date (nobody is born in the future). */
export function validateIdNumber(input: string, now: Date = new Date()): IdNumberCheck {
  const id = normalizeIdNumber(input);
  if (id.length !== 18) return { ok: false, problem: "length" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: "chars" };
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return { ok: false, problem: "region" };
  const birth = birthDateOf(id);
  const today = chinaToday(now);
  const bornInFuture = formatIsoDate(birth) > formatIsoDate(today);
  if (!isValidCalendarDate(birth.year, birth.month, birth.day) || birth.year < 1900 || bornInFuture) {
    return { ok: false, problem: "birthDate" };
  }
  if (idNumberCheckChar(id) !== id[17]) return { ok: false, problem: "checkDigit" };
  return { ok: true, normalized: id };
}

export type ParsedIdNumber = { birthDate: string; gender: "male" | "female"; age: number };

/** Birth date, gender and age (at `at`, in China's calendar) of a valid 身份证号; null if invalid. */
export function parseIdNumber(input: string, at: Date = new Date()): ParsedIdNumber | null {
  const check = validateIdNumber(input, at);
  if (!check.ok) return null;
  const id = check.normalized;
  const birth = birthDateOf(id);
  return {
    birthDate: formatIsoDate(birth),
    gender: Number(id[16]) % 2 === 1 ? "male" : "female",
    age: ageAt(birth, chinaToday(at)),
  };
}
